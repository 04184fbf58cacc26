//! Stage 3 (two documents): every change between two versions, each under a
//! rule id from oasdiff's vocabulary where the concept is the same.

pub mod callbacks;
pub mod change;
pub mod dates;
pub mod endpoints;
pub mod fields;
pub mod kinds;
pub mod lifecycle;
pub mod params;

pub mod payloads;
pub mod references;
pub mod schema;
pub mod security;
pub mod servers;
pub mod texts;
pub mod unchanged;

pub use change::{Change, Changes, Seen};

use crate::model::{self, Spec};

#[derive(Clone, Debug, Default)]
pub struct DiffOptions {
    /// Minimum days between deprecation (`x-sunset`) and removal for beta endpoints.
    pub deprecation_days_beta: Option<u32>,
    /// The same for stable endpoints.
    pub deprecation_days_stable: Option<u32>,
    /// Today, as days since 1970-01-01; `None` means the system clock.
    pub today: Option<i64>,
    /// Endpoints whose `x-stability-level` is below this may break freely
    /// (`None`: draft and alpha endpoints may, beta and stable ones may not).
    pub stability_level: Option<Stability>,
    /// How many nested levels the schema comparison follows (at most, and by
    /// default, [`schema::MAX_DEPTH`]); past it, `comparison-too-deep`.
    pub max_depth: Option<usize>,
}

impl DiffOptions {
    /// The lowest stability level whose promises are checked.
    pub fn floor(&self) -> Stability {
        self.stability_level.unwrap_or(Stability::Beta)
    }
}

/// `x-stability-level` values, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stability {
    Draft,
    Alpha,
    Beta,
    Stable,
}

impl Stability {
    pub fn parse(s: &str) -> Option<Stability> {
        Some(match s {
            "draft" => Stability::Draft,
            "alpha" => Stability::Alpha,
            "beta" => Stability::Beta,
            "stable" => Stability::Stable,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Stability::Draft => "draft",
            Stability::Alpha => "alpha",
            Stability::Beta => "beta",
            Stability::Stable => "stable",
        }
    }
}

/// Both sides of the comparison.
pub struct Pair<'a, 'w> {
    pub old: &'a Spec<'w>,
    pub new: &'a Spec<'w>,
    pub options: &'a DiffOptions,
    /// Every schema comparison made, shared by all operations: a component
    /// used by a thousand operations is compared once, not a thousand times.
    pub(crate) engine: std::cell::RefCell<schema::Engine>,
    /// Root-document pointers whose content is identical in both versions,
    /// references included.
    pub(crate) deep_equal: rustc_hash::FxHashSet<String>,
}

/// Every change between `old` and `new`, in the order found.
pub fn diff(old: &Spec<'_>, new: &Spec<'_>, options: &DiffOptions) -> Vec<Change> {
    diff_parts(old, new, options).into_changes()
}

/// As [`diff`], with each operation's changes below shared schema
/// comparisons not yet written out: [`Diffed::map_pieces`] writes them on
/// every core and hands them on as they are made, so a diff that reaches
/// a shared definition from thousands of operations never holds all of
/// those changes at once.
pub fn diff_parts(old: &Spec<'_>, new: &Spec<'_>, options: &DiffOptions) -> Diffed {
    let pair = Pair {
        old,
        new,
        options,
        engine: Default::default(),
        deep_equal: unchanged::deep_equal_targets(old, new),
    };
    let mut changes = Changes::default();
    endpoints::compare(&pair, &mut changes);
    security::global(&pair, &mut changes);
    servers::compare(&pair, &mut changes);
    references::compare(&pair, &mut changes);
    Diffed {
        engine: pair.engine.into_inner(),
        changes,
    }
}

/// What a diff found: the changes made directly, and the schema
/// comparisons each operation's further changes are read from.
pub struct Diffed {
    changes: Changes,
    engine: schema::Engine,
}

impl From<Vec<Change>> for Diffed {
    fn from(list: Vec<Change>) -> Diffed {
        Diffed {
            changes: Changes {
                list,
                pending: Vec::new(),
            },
            engine: Default::default(),
        }
    }
}

impl Diffed {
    /// Every change, in order, in pieces: `each` is given one piece at a
    /// time, on any core, and what it makes of the pieces is returned in
    /// their order. The changes of an operation below a schema comparison
    /// are written just before `each` sees them and dropped after.
    pub fn map_pieces<T: Send>(&self, each: impl Fn(&[Seen<'_>]) -> Vec<T> + Sync) -> Vec<T> {
        schema::map_pieces(&self.engine, &self.changes, each)
    }

    /// Every change, in order.
    pub fn into_changes(self) -> Vec<Change> {
        schema::map_pieces(&self.engine, &self.changes, |piece| {
            piece.iter().map(Seen::to_change).collect()
        })
    }

    /// Each operation any change names, as (method, path), with repeats:
    /// to make one name for each before the pieces are written.
    pub fn operations(&self) -> impl Iterator<Item = (&'static str, &str)> {
        let direct = self.changes.list.iter().filter_map(|c| {
            c.operation
                .as_ref()
                .map(|(method, path)| (*method, path.as_str()))
        });
        direct.chain(schema::pending_operations(&self.changes))
    }

    /// Each place (old side, new side) any change is at, with repeats: a
    /// shared definition's change is one place for many operations.
    pub fn places(&self) -> impl Iterator<Item = (Option<&model::Loc>, Option<&model::Loc>)> {
        let direct = self.changes.list.iter();
        direct
            .chain(self.engine.changes())
            .map(|c| (c.old.as_ref(), c.new.as_ref()))
    }
}
