//! A view over a schema object that answers in one vocabulary whatever the
//! dialect wrote: Swagger 2.0, OpenAPI 3.0 or OpenAPI 3.1 (JSON Schema 2020-12).

use crate::load::Node;

use super::version::Version;
use super::workspace::Loc;

#[derive(Clone, Copy, Debug)]
pub struct Schema<'w> {
    pub node: &'w Node,
    pub version: Version,
}

/// A lower or upper bound with its exclusivity, from either spelling:
/// `minimum: 3, exclusiveMinimum: true` (2.0, 3.0) or `exclusiveMinimum: 3` (3.1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bound {
    pub value: f64,
    pub exclusive: bool,
}

/// Where a schema is used and the view of what it says.
#[derive(Clone, Debug)]
pub struct SchemaUse<'w> {
    pub loc: Loc,
    pub node: &'w Node,
}

impl<'w> Schema<'w> {
    pub fn new(node: &'w Node, version: Version) -> Schema<'w> {
        Schema { node, version }
    }

    /// Declared types, without `null` (see [`Schema::nullable`]).
    pub fn types(&self) -> Vec<&'w str> {
        match self.node.get("type") {
            Some(t) => match (t.as_str(), t.as_array()) {
                (Some(s), _) if s != "null" => vec![s],
                (_, Some(items)) => items
                    .iter()
                    .filter_map(Node::as_str)
                    .filter(|s| *s != "null")
                    .collect(),
                _ => Vec::new(),
            },
            None => Vec::new(),
        }
    }

    /// One notion for all spellings: `nullable: true` (3.0), `x-nullable`
    /// (2.0 vendor extension), `null` in a 3.1 type array, and a `oneOf` or
    /// `anyOf` branch that is `type: null`.
    pub fn nullable(&self) -> bool {
        // Each dialect's own spelling only: 2.0 has no `nullable`, and in 3.1
        // it is no longer a keyword.
        let flag = match self.version {
            Version::Swagger2 => "x-nullable",
            Version::OpenApi30 => "nullable",
            Version::OpenApi31 => "",
        };
        if !flag.is_empty() && self.node.get_bool(flag) == Some(true) {
            return true;
        }
        if let Some(t) = self.node.get("type") {
            if t.as_str() == Some("null") {
                return true;
            }
            if t.as_array()
                .is_some_and(|items| items.iter().any(|i| i.as_str() == Some("null")))
            {
                return true;
            }
        }
        ["oneOf", "anyOf"].iter().any(|k| {
            self.node
                .get(k)
                .and_then(Node::as_array)
                .is_some_and(|branches| branches.iter().any(is_null_schema))
        })
    }

    pub fn lower_bound(&self) -> Option<Bound> {
        self.bound("minimum", "exclusiveMinimum")
    }

    pub fn upper_bound(&self) -> Option<Bound> {
        self.bound("maximum", "exclusiveMaximum")
    }

    fn bound(&self, inclusive: &str, exclusive: &str) -> Option<Bound> {
        let ex = self.node.get(exclusive);
        if let Some(value) = ex.and_then(Node::as_f64) {
            // 3.1 numeric form; if both are given the tighter one applies, and
            // for a lower bound that is the larger value.
            let other = self.node.get(inclusive).and_then(Node::as_f64);
            let tighter = match other {
                Some(o)
                    if (inclusive == "minimum" && o > value)
                        || (inclusive == "maximum" && o < value) =>
                {
                    Bound {
                        value: o,
                        exclusive: false,
                    }
                }
                _ => Bound {
                    value,
                    exclusive: true,
                },
            };
            return Some(tighter);
        }
        let value = self.node.get(inclusive).and_then(Node::as_f64)?;
        Some(Bound {
            value,
            exclusive: ex.and_then(Node::as_bool) == Some(true),
        })
    }

    /// Example values: `example` and the 3.1 `examples` array, in that order.
    pub fn examples(&self) -> Vec<&'w Node> {
        let mut out: Vec<&Node> = self.node.get("example").into_iter().collect();
        if let Some(items) = self.node.get("examples").and_then(Node::as_array) {
            out.extend(items);
        }
        out
    }

    pub fn enum_values(&self) -> Option<&'w [Node]> {
        self.node.get("enum").and_then(Node::as_array)
    }

    pub fn read_only(&self) -> bool {
        self.node.get_bool("readOnly") == Some(true)
    }

    pub fn write_only(&self) -> bool {
        self.node.get_bool("writeOnly") == Some(true)
    }
}

fn is_null_schema(node: &Node) -> bool {
    node.get_str("type") == Some("null")
        || node
            .get("enum")
            .and_then(Node::as_array)
            .is_some_and(|v| v.len() == 1 && v[0].is_null())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_bytes;

    fn with<T>(yaml: &str, version: Version, f: impl FnOnce(Schema<'_>) -> T) -> T {
        let doc = parse_bytes("t", yaml.as_bytes().to_vec()).unwrap_or_else(|e| panic!("{e}"));
        f(Schema::new(&doc.root, version))
    }

    #[test]
    fn three_spellings_of_nullable_agree() {
        let cases = [
            ("type: string\nnullable: true\n", Version::OpenApi30),
            ("type: [string, 'null']\n", Version::OpenApi31),
            (
                "oneOf: [{type: 'null'}, {type: string}]\n",
                Version::OpenApi31,
            ),
            ("type: string\nx-nullable: true\n", Version::Swagger2),
        ];
        for (yaml, version) in cases {
            assert!(with(yaml, version, |s| s.nullable()), "{yaml}");
        }
        assert!(!with("type: string\n", Version::OpenApi31, |s| s.nullable()));
        assert_eq!(
            with("type: [string, 'null']\n", Version::OpenApi31, |s| s
                .types()
                .join(",")),
            "string"
        );
    }

    #[test]
    fn boolean_and_numeric_exclusive_bounds_agree() {
        let old = with(
            "minimum: 3\nexclusiveMinimum: true\n",
            Version::OpenApi30,
            |s| s.lower_bound(),
        );
        let new = with("exclusiveMinimum: 3\n", Version::OpenApi31, |s| {
            s.lower_bound()
        });
        assert_eq!(old, new);
        assert_eq!(
            old,
            Some(Bound {
                value: 3.0,
                exclusive: true
            })
        );
        let upper = with("maximum: 9\n", Version::OpenApi30, |s| s.upper_bound());
        assert_eq!(
            upper,
            Some(Bound {
                value: 9.0,
                exclusive: false
            })
        );
    }

    #[test]
    fn example_and_examples_are_one_list() {
        let n = with("example: 1\nexamples: [2, 3]\n", Version::OpenApi31, |s| {
            s.examples().len()
        });
        assert_eq!(n, 3);
    }
}
