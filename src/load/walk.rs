//! A depth-first walk over a whole tree with the JSON pointer of each node.

use super::{pointer, Node, Value};

/// Calls `visit(pointer, key, node)` for every node; `key` is the member name
/// that holds it (`None` for array items and the root). Depth is bounded by
/// the loader, so recursion is safe.
pub fn walk<'n>(root: &'n Node, visit: &mut impl FnMut(&str, Option<&'n str>, &'n Node)) {
    let mut path = String::new();
    step(root, None, &mut path, visit);
}

fn step<'n>(
    node: &'n Node,
    key: Option<&'n str>,
    path: &mut String,
    visit: &mut impl FnMut(&str, Option<&'n str>, &'n Node),
) {
    visit(path, key, node);
    match &node.value {
        Value::Object(obj) => {
            for e in obj.entries() {
                let len = path.len();
                pointer::push(path, &e.key);
                step(&e.value, Some(&e.key), path, visit);
                path.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push('/');
                path.push_str(&i.to_string());
                step(item, None, path, visit);
                path.truncate(len);
            }
        }
        _ => {}
    }
}
