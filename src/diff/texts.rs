//! Prose that changed between versions (summaries and descriptions), for the
//! changelog. These are not findings: no client breaks on a reworded sentence,
//! but readers of release notes want to see it.

use crate::load::Node;
use crate::model::{Loc, Spec, ROOT};

use super::endpoints::paired_operations;

#[derive(Clone, Debug)]
pub struct TextChange {
    /// `(METHOD, path)`, or `None` for the API's own `info`.
    pub operation: Option<(String, String)>,
    /// `summary` or `description`.
    pub field: &'static str,
    pub old: String,
    pub new: String,
    pub old_at: Loc,
    pub new_at: Loc,
}

fn text_change(
    operation: Option<(String, String)>,
    field: &'static str,
    (old, old_at): (Option<&Node>, Loc),
    (new, new_at): (Option<&Node>, Loc),
) -> Option<TextChange> {
    let a = old.and_then(Node::as_str).unwrap_or("");
    let b = new.and_then(Node::as_str).unwrap_or("");
    (a.trim() != b.trim()).then(|| TextChange {
        operation,
        field,
        old: a.to_string(),
        new: b.to_string(),
        old_at,
        new_at,
    })
}

pub fn changes(old: &Spec<'_>, new: &Spec<'_>) -> Vec<TextChange> {
    let mut out = Vec::new();
    let info = Loc::new(ROOT, "/info");
    out.extend(text_change(
        None,
        "description",
        (
            old.root.get("info").and_then(|i| i.get("description")),
            info.child("description"),
        ),
        (
            new.root.get("info").and_then(|i| i.get("description")),
            info.child("description"),
        ),
    ));
    for (a, b) in paired_operations(old, new) {
        let op = Some((b.method.to_ascii_uppercase(), b.path.to_string()));
        for field in ["summary", "description"] {
            out.extend(text_change(
                op.clone(),
                field,
                (a.node.get(field), a.loc.child(field)),
                (b.node.get(field), b.loc.child(field)),
            ));
        }
    }
    out
}
