//! `x-vapi-ignore: [rule-id, …]` on any object of a document silences those
//! rules for that object and everything inside it.

use crate::load::walk::walk;
use crate::model::{Workspace, ROOT};

use super::finding::Finding;

const KEY: &str = "x-vapi-ignore";

/// Removes the findings an `x-vapi-ignore` covers; returns how many.
pub fn inline_ignores(ws: &Workspace, findings: &mut Vec<Finding>) -> usize {
    let root = ws.root();
    let mut scopes: Vec<(String, Vec<String>)> = Vec::new();
    walk(&root.root, &mut |ptr, _, node| {
        let Some(list) = node.get(KEY) else { return };
        let ids: Vec<String> = match (list.as_array(), list.as_str()) {
            (Some(items), _) => items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
            (None, Some(one)) => vec![one.to_string()],
            _ => Vec::new(),
        };
        if !ids.is_empty() {
            scopes.push((ptr.to_string(), ids));
        }
    });
    if scopes.is_empty() {
        return 0;
    }
    let before = findings.len();
    let root_name = &ws.doc(ROOT).source.name;
    findings.retain(|f| {
        if &f.place.source.name != root_name {
            return true;
        }
        let p: &str = &f.place.pointer;
        !scopes.iter().any(|(scope, ids)| {
            let inside = p == scope
                || (p.starts_with(scope.as_str()) && p.as_bytes().get(scope.len()) == Some(&b'/'));
            inside && ids.iter().any(|id| id == f.rule.id)
        })
    });
    before - findings.len()
}
