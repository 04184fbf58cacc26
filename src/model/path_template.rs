//! Path templates such as `/pets/{petId}`: their parameter names, and a shape
//! in which `/pets/{id}` and `/pets/{petId}` are the same endpoint.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathTemplate {
    /// Parameter names in order of appearance (duplicates kept).
    pub params: Vec<String>,
    /// The path with every parameter name blanked: `/pets/{}`.
    pub shape: String,
}

impl PathTemplate {
    pub fn parse(path: &str) -> PathTemplate {
        let mut params = Vec::new();
        let mut shape = String::with_capacity(path.len());
        let mut rest = path;
        while let Some(open) = rest.find('{') {
            shape.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    // RFC 6570 operators and the explode marker are not part of the name.
                    let name = after[..close]
                        .trim_start_matches([';', '?', '&', '#', '+', '.', '/'])
                        .trim_end_matches('*');
                    params.push(name.to_string());
                    shape.push_str("{}");
                    rest = &after[close + 1..];
                }
                None => {
                    shape.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        shape.push_str(rest);
        PathTemplate { params, shape }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_ignored_in_the_shape() {
        let a = PathTemplate::parse("/pets/{id}");
        let b = PathTemplate::parse("/pets/{petId}");
        assert_eq!(a.shape, b.shape);
        assert_eq!(b.params, vec!["petId".to_string()]);
        let c = PathTemplate::parse("/a/{x}.{fmt}/{x}");
        assert_eq!(c.params, vec!["x", "fmt", "x"]);
        assert_eq!(c.shape, "/a/{}.{}/{}");
        assert_eq!(PathTemplate::parse("/a/{broken").shape, "/a/{broken");
        assert_eq!(PathTemplate::parse("/a/{;?baz*}").params, vec!["baz"]);
    }
}
