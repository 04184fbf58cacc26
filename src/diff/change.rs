//! What the diff reports: a rule id, the words for its message, and where the
//! change is in the old and in the new document.

use crate::model::{Loc, Operation};

include!(concat!(env!("OUT_DIR"), "/diff_ids.rs"));

/// True when some rule file describes `id`. The engine reports only those, so
/// every change a user sees has a level, wording and documentation.
pub fn has_rule(id: &str) -> bool {
    DIFF_RULE_IDS.binary_search(&id).is_ok()
}

#[derive(Clone, Debug)]
pub struct Change {
    pub id: String,
    pub args: Vec<(&'static str, String)>,
    pub old: Option<Loc>,
    pub new: Option<Loc>,
    /// (method, path as written in the document that has it).
    pub operation: Option<(&'static str, String)>,
}

/// Collects changes, dropping any without a rule.
#[derive(Default)]
pub struct Changes {
    pub list: Vec<Change>,
}

impl Changes {
    pub fn push(&mut self, change: Change) {
        if has_rule(&change.id) {
            self.list.push(change);
        }
    }
}

/// Builder for one change.
pub fn change(id: impl Into<String>) -> Change {
    Change {
        id: id.into(),
        args: Vec::new(),
        old: None,
        new: None,
        operation: None,
    }
}

impl Change {
    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Change {
        self.args.push((name, value.into()));
        self
    }

    pub fn old(mut self, loc: &Loc) -> Change {
        self.old = Some(loc.clone());
        self
    }

    pub fn new_at(mut self, loc: &Loc) -> Change {
        self.new = Some(loc.clone());
        self
    }

    pub fn operation(mut self, op: &Operation<'_>) -> Change {
        self.operation = Some((op.method, op.path.to_string()));
        self.args.push(("operation", op.label()));
        self
    }
}
