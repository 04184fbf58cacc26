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

pub use change::{Change, Changes};

use crate::model::Spec;

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

pub fn diff(old: &Spec<'_>, new: &Spec<'_>, options: &DiffOptions) -> Vec<Change> {
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
    schema::finish(&pair, changes)
}
