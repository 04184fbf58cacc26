//! A depth-first walk over a whole tree, with the way to each node.

use std::fmt;

use super::{pointer, Node, Value};

/// The way from the root to the node being visited. Its JSON pointer is
/// written only when asked for: most visits look at the node and move on,
/// and several checks walk every node of every document.
#[derive(Default)]
pub struct Trail<'n> {
    steps: Vec<Step<'n>>,
}

enum Step<'n> {
    Key(&'n str),
    Index(usize),
}

impl Trail<'_> {
    /// The JSON pointer of the node.
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    /// The pointer of the node's member `token`.
    pub fn join(&self, token: &str) -> String {
        let mut out = String::new();
        self.write(&mut out);
        pointer::push(&mut out, token);
        out
    }

    /// True when the node's pointer is `pointer`, whose tokens need no
    /// escapes.
    pub fn is(&self, pointer: &str) -> bool {
        let mut rest = pointer;
        for step in &self.steps {
            let Some(after) = rest.strip_prefix('/') else {
                return false;
            };
            let token_end = after.find('/').unwrap_or(after.len());
            let (token, next) = after.split_at(token_end);
            let same = match step {
                Step::Key(k) => *k == token,
                Step::Index(i) => token.parse::<usize>().ok() == Some(*i),
            };
            if !same {
                return false;
            }
            rest = next;
        }
        rest.is_empty()
    }

    fn write(&self, out: &mut String) {
        for step in &self.steps {
            match step {
                Step::Key(k) => pointer::push(out, k),
                Step::Index(i) => pointer::push_index(out, *i),
            }
        }
    }
}

impl fmt::Display for Trail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.pointer())
    }
}

/// Calls `visit(trail, key, node)` for every node; `key` is the member name
/// that holds it (`None` for array items and the root). Depth is bounded by
/// the loader, so recursion is safe.
pub fn walk<'n>(root: &'n Node, visit: &mut impl FnMut(&Trail<'n>, Option<&'n str>, &'n Node)) {
    let mut trail = Trail::default();
    step(root, None, &mut trail, visit);
}

fn step<'n>(
    node: &'n Node,
    key: Option<&'n str>,
    trail: &mut Trail<'n>,
    visit: &mut impl FnMut(&Trail<'n>, Option<&'n str>, &'n Node),
) {
    visit(trail, key, node);
    match &node.value {
        Value::Object(obj) => {
            for e in obj.entries() {
                trail.steps.push(Step::Key(&e.key));
                step(&e.value, Some(&e.key), trail, visit);
                trail.steps.pop();
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                trail.steps.push(Step::Index(i));
                step(item, None, trail, visit);
                trail.steps.pop();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trails_write_the_pointers_of_their_nodes() {
        let text = r#"{"paths": {"/a~b": [1, {"x": 2}]}}"#;
        let doc = crate::load::parse_bytes("t.json", text.as_bytes().to_vec());
        let Ok(doc) = doc else {
            panic!("the fixture parses")
        };
        let mut seen = Vec::new();
        walk(&doc.root, &mut |trail, _, _| {
            seen.push((trail.pointer(), trail.is("/paths")));
        });
        let pointers: Vec<&str> = seen.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "",
                "/paths",
                "/paths/~1a~0b",
                "/paths/~1a~0b/0",
                "/paths/~1a~0b/1",
                "/paths/~1a~0b/1/x"
            ]
        );
        let roots: Vec<bool> = seen.iter().map(|(_, r)| *r).collect();
        assert_eq!(roots, [false, true, false, false, false, false]);
    }
}
