//! Schemas, compared structurally through `$ref`s with a direction: the same
//! edit breaks a request and not a response, or the other way round.
//!
//! Every change is a [`Kind`] at a [`Site`] (where the schema sits), and the
//! rule is looked up from the pair; a pair with no rule of its own goes to
//! the general rule of its family, then to `schema-keyword-changed`. After
//! the specific comparisons, [`residual`] reports every keyword that differs
//! and that none of them covered, so no edit passes unreported.

mod branches;
mod compose;
mod ctx;
mod engine;
mod keywords;
mod properties;
mod residual;
mod values;

use crate::load::{Node, Value};
use crate::model::{Loc, Operation, Workspace, ROOT};
use crate::rule_id::RuleId;

use super::change::{change, Change, Changes, Seen};
use super::kinds::{Kind, Site};
use super::unchanged::refs_all_clean;
use super::Pair;
pub(crate) use engine::Engine;
use engine::{Item, NodeId, PROPERTY_SCOPE};

/// One side of a comparison: a schema node and where it is.
#[derive(Clone, Debug)]
pub struct Side<'w> {
    pub loc: Loc,
    pub node: &'w Node,
}

pub use ctx::{rule, Ctx, Dir, Root, KEYWORDS};

struct Walker<'p, 'a, 'w> {
    pair: &'p Pair<'a, 'w>,
    engine: &'p mut Engine,
    /// The comparison being made: where findings and pairs below it go.
    at: NodeId,
}

/// Compares `old` with `new` for `op`, and reports every change found there
/// or below, reusing the comparisons other operations made.
pub fn compare<'w>(
    pair: &Pair<'_, 'w>,
    old: Side<'w>,
    new: Side<'w>,
    ctx: &Ctx,
    op: &Operation<'w>,
    out: &mut Changes,
) {
    let mut engine = pair.engine.borrow_mut();
    let start = engine.start();
    let mut w = Walker {
        pair,
        engine: &mut engine,
        at: start,
    };
    w.compare(old, new, &ctx.relative(), 0);
    engine.settle(start);
    let pending = Pending {
        start,
        top: ctx.clone(),
        method: op.method,
        path: op.path.to_string(),
        label: op.label(),
    };
    out.pending.push((out.list.len(), pending));
}

/// An operation's findings below one comparison, not yet written.
pub(crate) struct Pending {
    start: NodeId,
    top: Ctx,
    method: &'static str,
    path: String,
    label: String,
}

/// One piece of the changes in order: a run of those made directly, or
/// one operation's below a schema comparison.
enum Piece {
    Direct(std::ops::Range<usize>),
    Written(usize),
}

/// Every change in order, in pieces, each piece given to `each` as it is
/// made: the pending findings of each operation written in their place.
/// Once every comparison is made the graph no longer changes, and reading
/// one operation's findings off it is independent of the others, so they
/// are read on every core, and each is handed on and dropped on the core
/// that wrote it.
pub(crate) fn map_pieces<T: Send>(
    engine: &Engine,
    changes: &Changes,
    each: impl Fn(&[Seen<'_>]) -> Vec<T> + Sync,
) -> Vec<T> {
    let mut pieces = Vec::with_capacity(2 * changes.pending.len() + 1);
    let mut taken = 0;
    for (k, (at, _)) in changes.pending.iter().enumerate() {
        if *at > taken {
            pieces.push(Piece::Direct(taken..*at));
            taken = *at;
        }
        pieces.push(Piece::Written(k));
    }
    if changes.list.len() > taken {
        pieces.push(Piece::Direct(taken..changes.list.len()));
    }
    let made = crate::parallel::map(&pieces, 64, |piece| match piece {
        Piece::Direct(range) => {
            let seen: Vec<Seen<'_>> = changes.list[range.clone()]
                .iter()
                .map(Seen::direct)
                .collect();
            each(&seen)
        }
        Piece::Written(k) => {
            let p = &changes.pending[*k].1;
            each(&engine.report(p.start, &p.top, (p.method, &p.path, &p.label)))
        }
    });
    // Moved once into a list of exactly their number: collecting a flatten
    // grows by doubling, and on a large diff that was a third of the peak.
    let mut out = Vec::with_capacity(made.iter().map(Vec::len).sum());
    for part in made {
        out.extend(part);
    }
    out
}

/// The operation of every pending comparison.
pub(crate) fn pending_operations(changes: &Changes) -> impl Iterator<Item = (&'static str, &str)> {
    changes
        .pending
        .iter()
        .map(|(_, p)| (p.method, p.path.as_str()))
}

/// Deeper than this, nested schemas are not compared, and the place is
/// reported (`comparison-too-deep`). Cycles are caught earlier and each pair
/// is compared once, so only a chain of distinct definitions gets here; the
/// bound keeps such a chain from exhausting the stack.
pub const MAX_DEPTH: usize = 400;

fn deref<'w>(ws: &'w Workspace, side: &Side<'w>) -> Side<'w> {
    let (loc, node) = ws.deref(&side.loc, side.node);
    Side { loc, node }
}

/// The keyword's own location when it is written, else the schema's.
fn at(side: &Side<'_>, key: &str) -> Loc {
    if side.node.get(key).is_some() {
        side.loc.child(key)
    } else {
        side.loc.clone()
    }
}

fn show(node: &Node) -> String {
    match &node.value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.raw().to_string(),
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "[…]".into(),
        Value::Object(_) => "{…}".into(),
    }
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}

impl<'w> Walker<'_, '_, 'w> {
    fn emit(&mut self, c: Change) {
        self.engine.push(self.at, Item::Change(c));
    }

    /// Records that `key` (its group) of the schemas at `o` and `n` was reported.
    fn cover(&mut self, o: &Loc, n: &Loc, key: &'static str) {
        self.cover_in(self.at, o, n, key);
    }

    /// Records that `key` of a property's schemas `o` and `n` was reported
    /// with the property, by the schema that holds it.
    fn cover_property(&mut self, o: &Loc, n: &Loc, key: &'static str) {
        self.cover_in(PROPERTY_SCOPE, o, n, key);
    }

    fn cover_in(&mut self, scope: NodeId, o: &Loc, n: &Loc, key: &'static str) {
        let group = residual::group(key);
        self.engine.cover(o, scope, group);
        self.engine.cover(n, scope, group);
    }

    /// Whether `group` at `loc` was reported already (see [`Walker::cover`]).
    fn is_covered(&self, loc: &Loc, group: &str, ctx: &Ctx) -> bool {
        self.engine.is_covered(loc, self.at, group)
            || (ctx.as_property && self.engine.is_covered(loc, PROPERTY_SCOPE, group))
    }

    /// A change of `kind` to keyword `key` of the schemas `o` and `n`.
    fn kind(
        &mut self,
        ctx: &Ctx,
        kind: Kind,
        o: &Side<'w>,
        n: &Side<'w>,
        key: &'static str,
    ) -> Change {
        self.cover(&o.loc, &n.loc, key);
        change(ctx.rule(kind))
            .old(&at(o, key))
            .new_at(&at(n, key))
            .place("name", &ctx.path)
            .arg("keyword", key)
            .arg("what", kind.as_str().replace('-', " "))
    }

    fn compare(&mut self, old: Side<'w>, new: Side<'w>, ctx: &Ctx, depth: usize) {
        // Keywords written beside a `$ref` (a title, a description): the
        // reference is followed below, so compare them here.
        let siblings = |s: &Side<'w>| s.node.as_object().is_some_and(|o| o.len() > 1);
        if old.node.ref_target().is_some()
            && new.node.ref_target().is_some()
            && (siblings(&old) || siblings(&new))
        {
            self.residual(&old, &new, ctx);
            // `$defs` beside a `$ref` belong to this schema, not to the target.
            self.local_definitions(&old, &new, ctx, depth);
        }
        let o = deref(self.pair.old.ws, &old);
        let n = deref(self.pair.new.ws, &new);
        // A reference that does not resolve names nothing to compare; it is
        // reported where it is written (`ref-not-compared`).
        if o.node.ref_target().is_some() || n.node.ref_target().is_some() {
            return;
        }
        let key = Engine::key(ctx.dir, &o.loc, &n.loc, ctx);
        if let Some(id) = self.engine.lookup(&key) {
            // Compared already, by this operation or another, or being
            // compared further up (a cycle): its findings are reached from here.
            self.below(id, ctx);
            return;
        }
        let clean = &self.pair.deep_equal;
        let unchanged = (o.loc.doc == ROOT && o.loc == n.loc && clean.contains(&*o.loc.pointer))
            || (o.node.same_value(n.node) && refs_all_clean(o.node, clean));
        let limit = self
            .pair
            .options
            .max_depth
            .unwrap_or(MAX_DEPTH)
            .min(MAX_DEPTH);
        if !unchanged && depth > limit {
            let c = change(RuleId::ComparisonTooDeep)
                .old(&o.loc)
                .new_at(&n.loc)
                .place("name", &ctx.path)
                .arg("depth", depth.to_string());
            self.emit(c);
            return;
        }
        let id = self.engine.open(key);
        self.below(id, ctx);
        if unchanged {
            return;
        }
        let outer = std::mem::replace(&mut self.at, id);
        self.compare_resolved(o, n, &ctx.relative(), depth);
        self.at = outer;
    }

    fn below(&mut self, to: NodeId, ctx: &Ctx) {
        let rel = ctx.path.clone();
        self.engine.push(self.at, Item::Below { to, rel });
    }

    fn compare_resolved(&mut self, o: Side<'w>, n: Side<'w>, ctx: &Ctx, depth: usize) {
        self.nullable(&o, &n, ctx);
        // Wrapping a schema into `oneOf: [X, {type: null}]` is one change (it
        // became nullable), so compare X with X.
        let (o, n) = match (self.unwrap_null(&o, false), self.unwrap_null(&n, true)) {
            (Some(a), None) => (a, n),
            (None, Some(b)) => (o, b),
            _ => (o, n),
        };
        if compose::wrapped_in_one_of(&o, &n) {
            // One change: what the old schema said now sits in branches.
            let c = self.kind(ctx, Kind::WrappedInOneOf, &o, &n, "oneOf");
            self.emit(c);
            return;
        }
        self.types(&o, &n, ctx);
        self.enums(&o, &n, ctx);
        self.extensible_enum(&o, &n, ctx);
        self.bounds(&o, &n, ctx);
        self.counts(&o, &n, ctx);
        self.pattern(&o, &n, ctx);
        self.values(&o, &n, ctx);
        self.multiple_of(&o, &n, ctx);
        self.unique_items(&o, &n, ctx);
        if ctx.merged {
            // Properties another member also defines were compared merged
            // under the first one; compare this member's own as well.
            self.member_properties(&o, &n, ctx, depth);
        } else {
            self.properties(&o, &n, ctx, depth);
        }
        self.additional_properties(&o, &n, ctx, depth);
        if let (Some(a), Some(b)) = (o.node.get("items"), n.node.get("items")) {
            if a.as_object().is_some() && b.as_object().is_some() {
                self.compare(
                    Side {
                        loc: o.loc.child("items"),
                        node: a,
                    },
                    Side {
                        loc: n.loc.child("items"),
                        node: b,
                    },
                    &ctx.child("items"),
                    depth + 1,
                );
            }
        }
        // `oneOf: [{type: string}, {type: integer}]` is a list of types,
        // compared as such above.
        let listed = |side: &Side<'w>| compose::type_branches(side.node).map(|(k, _)| k);
        let skip = [listed(&o), listed(&n)];
        for key in ["oneOf", "anyOf", "allOf"] {
            if !skip.contains(&Some(key)) {
                self.composition(key, &o, &n, ctx, depth);
            } else {
                self.cover(&o.loc, &n.loc, key);
            }
        }
        self.keywords(&o, &n, ctx, depth);
        self.discriminator(&o, &n, ctx);
        self.residual(&o, &n, ctx);
    }
}
