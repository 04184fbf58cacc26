//! Schemas, compared structurally through `$ref`s with a direction: the same
//! edit breaks a request and not a response, or the other way round.
//!
//! Every change is a [`Kind`] at a [`Site`] (where the schema sits), and the
//! rule is looked up from the pair; a pair with no rule of its own goes to
//! the general rule of its family, then to `schema-keyword-changed`. After
//! the specific comparisons, [`residual`] reports every keyword that differs
//! and that none of them covered, so no edit passes unreported.

mod compose;
mod keywords;
mod properties;
mod residual;
mod values;

use std::collections::HashSet;

use crate::load::{Node, Value};
use crate::model::{Loc, Operation, ParamIn, Workspace, ROOT};
use crate::rule_id::RuleId;

use super::change::{change, Change, Changes};
use super::kinds::{rule_for, Kind, Site};
use super::unchanged::refs_all_clean;
use super::Pair;

/// One side of a comparison: a schema node and where it is.
#[derive(Clone, Debug)]
pub struct Side<'w> {
    pub loc: Loc,
    pub node: &'w Node,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dir {
    Request,
    Response,
}

#[derive(Clone, Debug)]
pub enum Root {
    Body,
    Parameter { location: ParamIn, name: String },
    Header { name: String },
}

/// Where in a request or response a schema sits.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub dir: Dir,
    pub root: Root,
    /// Property names from the root schema down, `items` for array items.
    pub path: Vec<String>,
    /// The media type is loosely typed (XML): every value travels as text.
    pub loose: bool,
    /// Inside a `readOnly` property (clients leave it out of requests) or a
    /// `writeOnly` one (servers leave it out of responses).
    pub read_only: bool,
    pub write_only: bool,
    /// One side is a Swagger 2.0 parameter or header whose fields sit
    /// beside its schema keywords: leave those fields to the parameter.
    pub parameter_fields: bool,
    /// Comparing the members of an `allOf`, whose properties and `required`
    /// lists were compared merged, at the schema that holds them.
    pub merged: bool,
}

/// Schema keywords, as a Swagger 2.0 parameter or header carries them inline.
pub const KEYWORDS: [&str; 17] = [
    "type",
    "format",
    "items",
    "enum",
    "default",
    "maximum",
    "minimum",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "multipleOf",
    "x-nullable",
];

impl Ctx {
    pub fn request(root: Root) -> Ctx {
        Ctx {
            dir: Dir::Request,
            root,
            path: Vec::new(),
            loose: false,
            read_only: false,
            write_only: false,
            parameter_fields: false,
            merged: false,
        }
    }

    pub fn response(root: Root) -> Ctx {
        Ctx {
            dir: Dir::Response,
            root,
            path: Vec::new(),
            loose: false,
            read_only: false,
            write_only: false,
            parameter_fields: false,
            merged: false,
        }
    }

    pub fn loosely_typed(mut self, media_type: &str) -> Ctx {
        self.loose = media_type.to_ascii_lowercase().contains("xml");
        self
    }

    fn child(&self, segment: &str) -> Ctx {
        let mut c = self.clone();
        c.path.push(segment.to_string());
        c.merged = false;
        c
    }

    fn access(mut self, read_only: bool, write_only: bool) -> Ctx {
        self.read_only |= read_only;
        self.write_only |= write_only;
        self
    }

    /// The rule for `kind` here: a read-only property's narrowing in a
    /// request, and a write-only one's new enum value in a response, have
    /// rules of their own, since clients never meet them.
    fn rule(&self, kind: Kind) -> RuleId {
        use RuleId as R;
        let special = match (self.dir, kind) {
            (Dir::Request, Kind::EnumValueRemoved) if self.read_only => {
                Some(R::RequestReadOnlyPropertyEnumValueRemoved)
            }
            (Dir::Request, Kind::MaxDecreased) if self.read_only => {
                Some(R::RequestReadOnlyPropertyMaxDecreased)
            }
            (Dir::Request, Kind::ExclusiveMaxDecreased) if self.read_only => {
                Some(R::RequestReadOnlyPropertyExclusiveMaxDecreased)
            }
            (Dir::Request, Kind::MaxLengthDecreased) if self.read_only => {
                Some(R::RequestReadOnlyPropertyMaxLengthDecreased)
            }
            (Dir::Request, Kind::MinIncreased) if self.read_only => {
                Some(R::RequestReadOnlyPropertyMinIncreased)
            }
            (Dir::Request, Kind::ExclusiveMinIncreased) if self.read_only => {
                Some(R::RequestReadOnlyPropertyExclusiveMinIncreased)
            }
            (Dir::Response, Kind::EnumValueAdded) if self.write_only => {
                Some(R::ResponseWriteOnlyPropertyEnumValueAdded)
            }
            _ => None,
        };
        special.unwrap_or_else(|| rule(self.site(), kind))
    }

    fn nested(&self) -> bool {
        match self.root {
            // The items of an array parameter are still "the parameter".
            Root::Parameter { .. } => self.path.iter().any(|p| p != "items"),
            _ => !self.path.is_empty(),
        }
    }

    pub(crate) fn site(&self) -> Site {
        match (&self.root, self.dir, self.nested()) {
            (Root::Body, Dir::Request, false) => Site::RequestBody,
            (Root::Body, Dir::Request, true) => Site::RequestProperty,
            (Root::Body, Dir::Response, false) => Site::ResponseBody,
            (Root::Body, Dir::Response, true) => Site::ResponseProperty,
            (Root::Parameter { .. }, _, false) => Site::RequestParameter,
            (
                Root::Parameter {
                    location: ParamIn::Header,
                    ..
                },
                _,
                true,
            ) => Site::RequestHeaderProperty,
            (Root::Parameter { .. }, _, true) => Site::RequestParameterProperty,
            (Root::Header { .. }, _, _) => Site::ResponseHeader,
        }
    }

    fn dir_name(&self) -> &'static str {
        match self.dir {
            Dir::Request => "request",
            Dir::Response => "response",
        }
    }

    /// What a person calls this place: `pet/owner/name`, `query parameter limit`.
    fn name(&self) -> String {
        let path = self.path.join("/");
        match &self.root {
            Root::Body if path.is_empty() => format!("the {} body", self.dir_name()),
            Root::Body => path,
            Root::Parameter { location, name } if path.is_empty() => {
                format!("{} parameter `{name}`", location.name())
            }
            Root::Parameter { name, .. } => format!("{name}.{}", self.path.join(".")),
            Root::Header { name } => format!("header `{name}`"),
        }
    }
}

/// The rule for `kind` at `site`: its own, the property family's for a
/// property inside a parameter, or the general rule.
pub fn rule(site: Site, kind: Kind) -> RuleId {
    rule_for(site, kind)
        .or_else(|| match site {
            Site::RequestParameterProperty | Site::RequestHeaderProperty => {
                rule_for(Site::RequestProperty, kind)
            }
            _ => None,
        })
        .unwrap_or(RuleId::SchemaKeywordChanged)
}

/// A pair of definitions compared in one direction.
pub type PairKey = (Dir, Loc, Loc);

struct Walker<'p, 'a, 'w> {
    pair: &'p Pair<'a, 'w>,
    op: &'p Operation<'w>,
    out: &'p mut Changes,
    /// Pairs of definitions already compared (or being compared) in this operation.
    seen: HashSet<PairKey>,
    /// Pairs being compared right now, on the way down.
    active: HashSet<PairKey>,
    /// How often a comparison stopped short: at a pair still being compared
    /// (a cycle), or at one this walk compared already, whose changes were
    /// reported at its first place. A comparison with cuts below it proves
    /// nothing about the operations that reach the pair by other paths.
    cuts: usize,
    /// Keywords (by group) that a specific comparison reported, at either
    /// side's schema: what the residual check need not report again.
    covered: HashSet<(Loc, &'w str)>,
}

pub fn compare<'w>(
    pair: &Pair<'_, 'w>,
    old: Side<'w>,
    new: Side<'w>,
    ctx: &Ctx,
    op: &Operation<'w>,
    out: &mut Changes,
) {
    let mut w = Walker {
        pair,
        op,
        out,
        seen: HashSet::new(),
        active: HashSet::new(),
        cuts: 0,
        covered: HashSet::new(),
    };
    w.compare(old, new, ctx, 0);
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
        let c = c.operation(self.op);
        self.out.push(c);
    }

    /// Records that `key` (its group) of the schemas at `o` and `n` was reported.
    fn cover(&mut self, o: &Loc, n: &Loc, key: &'w str) {
        let group = residual::group(key);
        self.covered.insert((o.clone(), group));
        self.covered.insert((n.clone(), group));
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
            .arg("name", ctx.name())
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
        let key = (ctx.dir, o.loc.clone(), n.loc.clone());
        if self.active.contains(&key) {
            self.cuts += 1;
            return;
        }
        if self.pair.unchanged.borrow().contains(&key) {
            return;
        }
        if !self.seen.insert(key.clone()) {
            self.cuts += 1;
            return;
        }
        let clean = &self.pair.deep_equal;
        if o.loc.doc == ROOT && o.loc == n.loc && clean.contains(&o.loc.pointer) {
            return;
        }
        if o.node.same_value(n.node) && refs_all_clean(o.node, clean) {
            return;
        }
        let limit = self
            .pair
            .options
            .max_depth
            .unwrap_or(MAX_DEPTH)
            .min(MAX_DEPTH);
        if depth > limit {
            let c = change(RuleId::ComparisonTooDeep)
                .old(&o.loc)
                .new_at(&n.loc)
                .arg("name", ctx.name())
                .arg("depth", depth.to_string());
            self.emit(c);
            return;
        }
        let before = (self.out.list.len(), self.cuts);
        self.active.insert(key.clone());
        self.compare_resolved(o, n, ctx, depth);
        self.active.remove(&key);
        // Only a comparison that reported nothing and was never cut short
        // proves the pair unchanged for every other operation too.
        if (self.out.list.len(), self.cuts) == before {
            self.pair.unchanged.borrow_mut().insert(key);
        }
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
