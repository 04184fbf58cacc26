//! What the diff reports: a rule, the words for its message, and where the
//! change is in the old and in the new document.

use crate::model::{Loc, Operation};
use crate::rule_id::RuleId;

#[derive(Clone, Debug)]
pub struct Change {
    pub id: RuleId,
    pub args: Vec<(&'static str, String)>,
    pub old: Option<Loc>,
    pub new: Option<Loc>,
    /// (method, path as written in the document that has it).
    pub operation: Option<(&'static str, String)>,
    /// Arguments that name a place in a schema, by its path below the pair
    /// of definitions compared: written out for each operation that
    /// reaches the pair, by its own path (see `schema::engine`).
    pub(crate) places: Vec<Place>,
}

/// A change as one operation sees it: one made for that operation, or a
/// shared definition's change with the words this operation fills in.
/// Thousands of operations can see one change; this borrows what they
/// share instead of copying it for each.
#[derive(Debug)]
pub struct Seen<'c> {
    pub change: &'c Change,
    /// Arguments filled in for this operation, read after the change's own.
    pub extra: Vec<(&'static str, std::borrow::Cow<'c, str>)>,
    /// (method, path as written in the document that has it).
    pub operation: Option<(&'static str, &'c str)>,
}

impl<'c> Seen<'c> {
    /// A change made for the operation it names, as it is.
    pub fn direct(change: &'c Change) -> Seen<'c> {
        Seen {
            change,
            extra: Vec::new(),
            operation: change
                .operation
                .as_ref()
                .map(|(method, path)| (*method, path.as_str())),
        }
    }

    /// The value of the argument `name`.
    pub fn arg(&self, name: &str) -> Option<&str> {
        let own = self.change.args.iter().map(|(k, v)| (*k, v.as_str()));
        let extra = self.extra.iter().map(|(k, v)| (*k, &**v));
        own.chain(extra).find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// The change on its own, with every argument and the operation.
    pub fn to_change(&self) -> Change {
        let c = self.change;
        let mut args = Vec::with_capacity(c.args.len() + self.extra.len());
        args.extend(c.args.iter().cloned());
        args.extend(self.extra.iter().map(|(k, v)| (*k, v.to_string())));
        Change {
            id: c.id,
            args,
            old: c.old.clone(),
            new: c.new.clone(),
            operation: self.operation.map(|(m, p)| (m, p.to_string())),
            places: Vec::new(),
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Place {
    pub arg: &'static str,
    pub path: Vec<String>,
    /// Followed by ` in METHOD /path`.
    pub in_operation: bool,
}

/// The changes found, in the order found. Every change names a rule by type,
/// so none can lack a rule file, and none is dropped.
#[derive(Default)]
pub struct Changes {
    pub list: Vec<Change>,
    /// Operations' findings below schema comparisons, each with how many
    /// changes came before it: written in their place once every
    /// comparison is made ([`super::Diffed::map_pieces`]).
    pub(crate) pending: Vec<(usize, super::schema::Pending)>,
}

impl Changes {
    pub fn push(&mut self, change: Change) {
        self.list.push(change);
    }
}

/// Builder for one change.
pub fn change(id: RuleId) -> Change {
    Change {
        id,
        args: Vec::new(),
        old: None,
        new: None,
        operation: None,
        places: Vec::new(),
    }
}

impl Change {
    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Change {
        self.args.push((name, value.into()));
        self
    }

    /// `arg` names the place at `path` (relative to the pair compared).
    pub(crate) fn place(mut self, arg: &'static str, path: &[String]) -> Change {
        self.places.push(Place {
            arg,
            path: path.to_vec(),
            in_operation: false,
        });
        self
    }

    /// `arg` names the place at `path` and the operation.
    pub(crate) fn place_in_operation(mut self, arg: &'static str, path: &[String]) -> Change {
        self.places.push(Place {
            arg,
            path: path.to_vec(),
            in_operation: true,
        });
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
