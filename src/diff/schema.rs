//! Schemas, compared structurally through `$ref`s with a direction: the same
//! edit breaks a request and not a response, or the other way round.
//!
//! Rule ids are built from a prefix that says where the schema sits
//! (`request-body`, `request-property`, `response-property`,
//! `request-parameter`, `response-header`, …) and the kind of change
//! (`max-decreased`, `became-nullable`, …). Only ids with a rule file are
//! reported (see [`super::change::has_rule`]).

use std::collections::HashSet;

use crate::load::{Node, Value};
use crate::model::{Bound, Loc, Operation, ParamIn, Schema, Workspace, ROOT};

use super::change::{change, Change, Changes};
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
}

impl Ctx {
    pub fn request(root: Root) -> Ctx {
        Ctx {
            dir: Dir::Request,
            root,
            path: Vec::new(),
            loose: false,
        }
    }

    pub fn response(root: Root) -> Ctx {
        Ctx {
            dir: Dir::Response,
            root,
            path: Vec::new(),
            loose: false,
        }
    }

    pub fn loosely_typed(mut self, media_type: &str) -> Ctx {
        self.loose = media_type.to_ascii_lowercase().contains("xml");
        self
    }

    fn child(&self, segment: &str) -> Ctx {
        let mut c = self.clone();
        c.path.push(segment.to_string());
        c
    }

    fn nested(&self) -> bool {
        match self.root {
            // The items of an array parameter are still "the parameter".
            Root::Parameter { .. } => self.path.iter().any(|p| p != "items"),
            _ => !self.path.is_empty(),
        }
    }

    fn prefix(&self) -> &'static str {
        match (&self.root, self.dir, self.nested()) {
            (Root::Body, Dir::Request, false) => "request-body",
            (Root::Body, Dir::Request, true) => "request-property",
            (Root::Body, Dir::Response, false) => "response-body",
            (Root::Body, Dir::Response, true) => "response-property",
            (Root::Parameter { .. }, _, false) => "request-parameter",
            (
                Root::Parameter {
                    location: ParamIn::Header,
                    ..
                },
                _,
                true,
            ) => "request-header-property",
            (Root::Parameter { .. }, _, true) => "request-parameter-property",
            (Root::Header { .. }, _, _) => "response-header",
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
    /// How often a comparison stopped at a pair still being compared (a cycle).
    cycle_cuts: usize,
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
        cycle_cuts: 0,
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

    fn kind(&mut self, ctx: &Ctx, kind: &str, o: &Side<'w>, n: &Side<'w>, key: &str) -> Change {
        let _ = self;
        change(format!("{}-{kind}", ctx.prefix()))
            .old(&at(o, key))
            .new_at(&at(n, key))
            .arg("name", ctx.name())
    }

    fn compare(&mut self, old: Side<'w>, new: Side<'w>, ctx: &Ctx, depth: usize) {
        let o = deref(self.pair.old.ws, &old);
        let n = deref(self.pair.new.ws, &new);
        let key = (ctx.dir, o.loc.clone(), n.loc.clone());
        if self.active.contains(&key) {
            self.cycle_cuts += 1;
            return;
        }
        if self.pair.unchanged.borrow().contains(&key) || !self.seen.insert(key.clone()) {
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
            let c = change("comparison-too-deep")
                .old(&o.loc)
                .new_at(&n.loc)
                .arg("name", ctx.name())
                .arg("depth", depth.to_string());
            self.emit(c);
            return;
        }
        let before = (self.out.list.len(), self.cycle_cuts);
        self.active.insert(key.clone());
        self.compare_resolved(o, n, ctx, depth);
        self.active.remove(&key);
        // Only a comparison that reported nothing and was not cut short by a
        // cycle proves the pair unchanged for every other operation too.
        if (self.out.list.len(), self.cycle_cuts) == before {
            self.pair.unchanged.borrow_mut().insert(key);
        }
    }

    fn compare_resolved(&mut self, o: Side<'w>, n: Side<'w>, ctx: &Ctx, depth: usize) {
        let os = Schema::new(o.node, self.pair.old.version);
        let ns = Schema::new(n.node, self.pair.new.version);
        self.nullable(&os, &ns, &o, &n, ctx);
        // Wrapping a schema into `oneOf: [X, {type: null}]` is one change (it
        // became nullable), so compare X with X.
        let (o, n) = match (self.unwrap_null(&o, false), self.unwrap_null(&n, true)) {
            (Some(a), None) => (a, n),
            (None, Some(b)) => (o, b),
            _ => (o, n),
        };
        let os = Schema::new(o.node, self.pair.old.version);
        let ns = Schema::new(n.node, self.pair.new.version);
        self.types(&os, &ns, &o, &n, ctx);
        self.enums(&os, &ns, &o, &n, ctx);
        self.extensible_enum(&o, &n, ctx);
        self.bounds(&os, &ns, &o, &n, ctx);
        self.lengths(&o, &n, ctx);
        self.pattern(&o, &n, ctx);
        self.values(&o, &n, ctx);
        self.properties(&o, &n, ctx, depth);
        for key in ["items", "additionalProperties"] {
            if let (Some(a), Some(b)) = (o.node.get(key), n.node.get(key)) {
                if a.as_object().is_some() && b.as_object().is_some() {
                    let child = if key == "items" {
                        ctx.child("items")
                    } else {
                        ctx.clone()
                    };
                    self.compare(
                        Side {
                            loc: o.loc.child(key),
                            node: a,
                        },
                        Side {
                            loc: n.loc.child(key),
                            node: b,
                        },
                        &child,
                        depth + 1,
                    );
                }
            }
        }
        // `oneOf: [{type: string}, {type: integer}]` is a list of types,
        // compared as such above.
        let listed = |side: &Side<'w>| type_branches(side.node).map(|(k, _)| k);
        let skip = [listed(&o), listed(&n)];
        for key in ["oneOf", "anyOf", "allOf"] {
            if !skip.contains(&Some(key)) {
                self.composition(key, &o, &n, ctx, depth);
            }
        }
        self.keywords(&o, &n, ctx, depth);
        self.discriminator(&o, &n, ctx);
    }

    /// JSON Schema 2020-12 keywords that hold subschemas, maps or counts.
    fn keywords(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx, depth: usize) {
        // Keywords whose presence is the change; their subschemas are compared too.
        for (key, what) in [
            ("contains", "contains"),
            ("prefixItems", "prefix-items"),
            ("if", "if"),
            ("then", "then"),
            ("else", "else"),
            ("propertyNames", "property-names"),
            ("unevaluatedItems", "unevaluated-items"),
            ("unevaluatedProperties", "unevaluated-properties"),
            ("contentSchema", "content-schema"),
            ("not", "not"),
        ] {
            match (o.node.get(key), n.node.get(key)) {
                (None, Some(_)) => {
                    let c = self.kind(ctx, &format!("{what}-added"), o, n, key);
                    self.emit(c);
                }
                (Some(_), None) => {
                    let c = self.kind(ctx, &format!("{what}-removed"), o, n, key);
                    self.emit(c);
                }
                (Some(a), Some(b)) => {
                    let (ol, nl) = (o.loc.child(key), n.loc.child(key));
                    match (a.as_array(), b.as_array()) {
                        (Some(xs), Some(ys)) => {
                            for (i, (x, y)) in xs.iter().zip(ys).enumerate() {
                                self.compare(
                                    Side {
                                        loc: ol.index(i),
                                        node: x,
                                    },
                                    Side {
                                        loc: nl.index(i),
                                        node: y,
                                    },
                                    ctx,
                                    depth + 1,
                                );
                            }
                        }
                        _ if a.as_object().is_some() && b.as_object().is_some() => {
                            self.compare(
                                Side { loc: ol, node: a },
                                Side { loc: nl, node: b },
                                ctx,
                                depth + 1,
                            );
                        }
                        _ => {}
                    }
                }
                (None, None) => {}
            }
        }
        for (key, what) in [
            ("minContains", "min-contains"),
            ("maxContains", "max-contains"),
        ] {
            let a = o.node.get(key).and_then(Node::as_f64);
            let b = n.node.get(key).and_then(Node::as_f64);
            if let (Some(x), Some(y)) = (a, b) {
                if x != y {
                    let dir = if y > x { "increased" } else { "decreased" };
                    let c = self
                        .kind(ctx, &format!("{what}-{dir}"), o, n, key)
                        .arg("old", num(x))
                        .arg("new", num(y));
                    self.emit(c);
                }
            }
        }
        for (key, what) in [
            ("contentMediaType", "content-media-type"),
            ("contentEncoding", "content-encoding"),
        ] {
            let a = o.node.get_str(key);
            let b = n.node.get_str(key);
            if a != b && (a.is_some() || b.is_some()) {
                let c = self
                    .kind(ctx, &format!("{what}-changed"), o, n, key)
                    .arg("old", a.unwrap_or("none"))
                    .arg("new", b.unwrap_or("none"));
                self.emit(c);
            }
        }
        self.keyed("patternProperties", "pattern-property", o, n, ctx, depth);
        self.keyed("dependentSchemas", "dependent-schema", o, n, ctx, depth);
        let map = |s: &Side<'w>| s.node.get("dependentRequired").and_then(Node::as_object);
        let (a, b) = (map(o), map(n));
        for (k, v) in a.iter().flat_map(|m| m.iter()) {
            let kind = match b.and_then(|m| m.get(k)) {
                None => "dependent-required-removed",
                Some(w) if !v.same_value(w) => "dependent-required-changed",
                Some(_) => continue,
            };
            let c = self
                .kind(ctx, kind, o, n, "dependentRequired")
                .arg("key", k);
            self.emit(c);
        }
        for (k, _) in b.iter().flat_map(|m| m.iter()) {
            if !a.is_some_and(|m| m.contains_key(k)) {
                let c = self
                    .kind(ctx, "dependent-required-added", o, n, "dependentRequired")
                    .arg("key", k);
                self.emit(c);
            }
        }
    }

    /// A keyword whose value maps names to subschemas: entries added, removed
    /// or compared.
    fn keyed(
        &mut self,
        key: &str,
        what: &str,
        o: &Side<'w>,
        n: &Side<'w>,
        ctx: &Ctx,
        depth: usize,
    ) {
        let a = o.node.get(key).and_then(Node::as_object);
        let b = n.node.get(key).and_then(Node::as_object);
        for (k, v) in a.iter().flat_map(|m| m.iter()) {
            match b.and_then(|m| m.get(k)) {
                None => {
                    let c = self
                        .kind(ctx, &format!("{what}-removed"), o, n, key)
                        .arg("key", k);
                    self.emit(c);
                }
                Some(w) => self.compare(
                    Side {
                        loc: o.loc.child(key).child(k),
                        node: v,
                    },
                    Side {
                        loc: n.loc.child(key).child(k),
                        node: w,
                    },
                    ctx,
                    depth + 1,
                ),
            }
        }
        for (k, _) in b.iter().flat_map(|m| m.iter()) {
            if !a.is_some_and(|m| m.contains_key(k)) {
                let c = self
                    .kind(ctx, &format!("{what}-added"), o, n, key)
                    .arg("key", k);
                self.emit(c);
            }
        }
    }

    fn discriminator(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        let key = "discriminator";
        let (a, b) = match (o.node.get(key), n.node.get(key)) {
            (None, None) => return,
            (None, Some(_)) => {
                let c = self.kind(ctx, "discriminator-added", o, n, key);
                return self.emit(c);
            }
            (Some(_), None) => {
                let c = self.kind(ctx, "discriminator-removed", o, n, key);
                return self.emit(c);
            }
            (Some(a), Some(b)) => (a, b),
        };
        let (pa, pb) = (a.get_str("propertyName"), b.get_str("propertyName"));
        if pa != pb {
            let c = self
                .kind(ctx, "discriminator-property-name-changed", o, n, key)
                .arg("old", pa.unwrap_or("none"))
                .arg("new", pb.unwrap_or("none"));
            self.emit(c);
        }
        let ma = a.get("mapping").and_then(Node::as_object);
        let mb = b.get("mapping").and_then(Node::as_object);
        for (k, v) in ma.iter().flat_map(|m| m.iter()) {
            let kind = match mb.and_then(|m| m.get(k)) {
                None => "discriminator-mapping-deleted",
                Some(w) if !v.same_value(w) => "discriminator-mapping-changed",
                Some(_) => continue,
            };
            let c = self.kind(ctx, kind, o, n, key).arg("key", k);
            self.emit(c);
        }
        for (k, _) in mb.iter().flat_map(|m| m.iter()) {
            if !ma.is_some_and(|m| m.contains_key(k)) {
                let c = self
                    .kind(ctx, "discriminator-mapping-added", o, n, key)
                    .arg("key", k);
                self.emit(c);
            }
        }
    }

    /// The non-null branch of a two-branch `oneOf`/`anyOf` with a null branch.
    fn unwrap_null(&self, side: &Side<'w>, new: bool) -> Option<Side<'w>> {
        let ws = if new {
            self.pair.new.ws
        } else {
            self.pair.old.ws
        };
        for key in ["oneOf", "anyOf"] {
            let Some(branches) = side.node.get(key).and_then(Node::as_array) else {
                continue;
            };
            if branches.len() != 2 {
                continue;
            }
            let is_null = |b: &Node| b.get_str("type") == Some("null");
            let (i, other) = match (is_null(&branches[0]), is_null(&branches[1])) {
                (true, false) => (1, &branches[1]),
                (false, true) => (0, &branches[0]),
                _ => continue,
            };
            let loc = side.loc.child(key).index(i);
            return Some(deref(ws, &Side { loc, node: other }));
        }
        None
    }

    fn nullable(
        &mut self,
        os: &Schema<'w>,
        ns: &Schema<'w>,
        o: &Side<'w>,
        n: &Side<'w>,
        ctx: &Ctx,
    ) {
        match (os.nullable(), ns.nullable()) {
            (false, true) => {
                let c = self.kind(ctx, "became-nullable", o, n, "nullable");
                self.emit(c);
            }
            (true, false) => {
                let c = self.kind(ctx, "became-not-nullable", o, n, "nullable");
                self.emit(c);
            }
            _ => {}
        }
    }

    fn types(&mut self, os: &Schema<'w>, ns: &Schema<'w>, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        let listed = |s: &Schema<'w>, side: &Side<'w>| {
            let t = s.types();
            if t.is_empty() {
                type_branches(side.node).map(|(_, t)| t).unwrap_or_default()
            } else {
                t
            }
        };
        let mut a = listed(os, o);
        let mut b = listed(ns, n);
        let fa = o.node.get_str("format").unwrap_or("");
        let fb = n.node.get_str("format").unwrap_or("");
        a.sort_unstable();
        b.sort_unstable();
        if a.is_empty() || b.is_empty() || (a == b && fa == fb) {
            return;
        }
        let describe = |t: &[&str], f: &str| {
            let t = t.join("|");
            if f.is_empty() {
                t
            } else {
                format!("{t} ({f})")
            }
        };
        // integer ⊂ number: widening and narrowing are their own kinds; whether
        // they break depends on the direction, which the rule's level says.
        let widened = a == ["integer"] && b == ["number"];
        let narrowed = a == ["number"] && b == ["integer"];
        let subset = |x: &[&str], y: &[&str]| x.iter().all(|t| y.contains(t));
        // Parameters travel as text: a string that became a number accepts
        // fewer values.
        let scalar = |t: &[&str]| matches!(t, ["number"] | ["integer"] | ["boolean"]);
        let as_text = matches!(ctx.root, Root::Parameter { .. }) && fa == fb;
        let text_like = |t: &[&str]| matches!(t, ["string"] | ["object"]);
        let kind = if ctx.loose && text_like(&a) && text_like(&b) {
            "type-compatible"
        } else if as_text && a == ["string"] && scalar(&b) {
            "type-specialized"
        } else if a.len() > 1 || b.len() > 1 {
            // 3.1 type lists: fewer accepted types, or more.
            if fa != fb {
                "type-changed"
            } else if subset(&b, &a) {
                "list-of-types-narrowed"
            } else if subset(&a, &b) {
                "list-of-types-widened"
            } else {
                "type-changed"
            }
        } else {
            match (widened, narrowed) {
                (true, _) if fa == fb => "type-generalized",
                (_, true) if fa == fb => "type-specialized",
                _ => "type-changed",
            }
        };
        let c = self
            .kind(ctx, kind, o, n, "type")
            .arg("old", describe(&a, fa))
            .arg("new", describe(&b, fb));
        self.emit(c);
    }

    fn enums(&mut self, os: &Schema<'w>, ns: &Schema<'w>, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        match (os.enum_values(), ns.enum_values()) {
            (None, Some(_)) => {
                let c = self.kind(ctx, "became-enum", o, n, "enum");
                self.emit(c);
            }
            (Some(a), Some(b)) => {
                for v in a.iter().filter(|v| !b.iter().any(|w| w.same_value(v))) {
                    let mut c = self
                        .kind(ctx, "enum-value-removed", o, n, "enum")
                        .arg("value", show(v));
                    // oasdiff names the whole response body's case after the media type.
                    if ctx.prefix() == "response-body" {
                        c.id = "response-mediatype-enum-value-removed".to_string();
                    }
                    self.emit(c);
                }
                for v in b.iter().filter(|v| !a.iter().any(|w| w.same_value(v))) {
                    let c = self
                        .kind(ctx, "enum-value-added", o, n, "enum")
                        .arg("value", show(v));
                    self.emit(c);
                }
            }
            _ => {}
        }
    }

    fn extensible_enum(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        let key = "x-extensible-enum";
        let (Some(a), Some(b)) = (
            o.node.get(key).and_then(Node::as_array),
            n.node.get(key).and_then(Node::as_array),
        ) else {
            return;
        };
        for v in a.iter().filter(|v| !b.iter().any(|w| w.same_value(v))) {
            let c = self
                .kind(ctx, "x-extensible-enum-value-removed", o, n, key)
                .arg("value", show(v));
            self.emit(c);
        }
    }

    fn bound_change(
        &mut self,
        ctx: &Ctx,
        what: &str,
        (a, b): (Option<Bound>, Option<Bound>),
        o: &Side<'w>,
        n: &Side<'w>,
        key: &str,
    ) {
        match (a, b) {
            (Some(x), Some(y)) if x.value != y.value => {
                let prefix = if y.exclusive { "exclusive-" } else { "" };
                let dir = if y.value > x.value {
                    "increased"
                } else {
                    "decreased"
                };
                let c = self
                    .kind(ctx, &format!("{prefix}{what}-{dir}"), o, n, key)
                    .arg("old", num(x.value))
                    .arg("new", num(y.value));
                self.emit(c);
            }
            (None, Some(y)) => {
                let prefix = if y.exclusive { "exclusive-" } else { "" };
                let c = self
                    .kind(ctx, &format!("{prefix}{what}-set"), o, n, key)
                    .arg("new", num(y.value));
                self.emit(c);
            }
            _ => {}
        }
    }

    fn bounds(&mut self, os: &Schema<'w>, ns: &Schema<'w>, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        let numeric = |s: &Side<'w>, key: &str| s.node.get(key).and_then(Node::as_f64);
        for (inclusive, exclusive, what) in [
            ("maximum", "exclusiveMaximum", "max"),
            ("minimum", "exclusiveMinimum", "min"),
        ] {
            if numeric(o, exclusive).is_some() || numeric(n, exclusive).is_some() {
                // 3.1: `minimum` and a numeric `exclusiveMinimum` are two bounds.
                let plain = |s: &Side<'w>| {
                    numeric(s, inclusive).map(|value| Bound {
                        value,
                        exclusive: false,
                    })
                };
                let excl = |s: &Side<'w>| {
                    numeric(s, exclusive).map(|value| Bound {
                        value,
                        exclusive: true,
                    })
                };
                self.bound_change(ctx, what, (plain(o), plain(n)), o, n, inclusive);
                self.bound_change(ctx, what, (excl(o), excl(n)), o, n, exclusive);
            } else {
                let (a, b) = if what == "max" {
                    (os.upper_bound(), ns.upper_bound())
                } else {
                    (os.lower_bound(), ns.lower_bound())
                };
                self.bound_change(ctx, what, (a, b), o, n, inclusive);
            }
        }
    }

    fn lengths(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        for (key, what) in [
            ("maxLength", "max-length"),
            ("minLength", "min-length"),
            ("maxItems", "max-items"),
            ("minItems", "min-items"),
        ] {
            let a = o.node.get(key).and_then(Node::as_f64);
            let b = n.node.get(key).and_then(Node::as_f64);
            let kind = match (a, b) {
                (Some(x), Some(y)) if y > x => format!("{what}-increased"),
                (Some(x), Some(y)) if y < x => format!("{what}-decreased"),
                (None, Some(_)) => format!("{what}-set"),
                (Some(_), None) => format!("{what}-unset"),
                _ => continue,
            };
            let mut c = self.kind(ctx, &kind, o, n, key);
            if let Some(x) = a {
                c = c.arg("old", num(x));
            }
            if let Some(y) = b {
                c = c.arg("new", num(y));
            }
            self.emit(c);
        }
    }

    fn pattern(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        let pattern = |s: &Side<'w>| s.node.get_str("pattern").filter(|p| !p.is_empty());
        let kind = match (pattern(o), pattern(n)) {
            (None, Some(_)) => "pattern-added",
            (Some(_), None) => "pattern-removed",
            (Some(a), Some(b)) if a != b => {
                if b == ".*" || b == "^.*$" {
                    "pattern-generalized"
                } else {
                    "pattern-changed"
                }
            }
            _ => return,
        };
        let mut c = self.kind(ctx, kind, o, n, "pattern");
        if let Some(a) = o.node.get_str("pattern") {
            c = c.arg("old", a);
        }
        if let Some(b) = n.node.get_str("pattern") {
            c = c.arg("new", b);
        }
        self.emit(c);
    }

    fn values(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        for (key, what) in [("default", "default-value"), ("const", "const")] {
            let kind = match (o.node.get(key), n.node.get(key)) {
                (None, Some(_)) => "added",
                (Some(_), None) => "removed",
                (Some(a), Some(b)) if !a.same_value(b) => "changed",
                _ => continue,
            };
            let mut c = self.kind(ctx, &format!("{what}-{kind}"), o, n, key);
            if let Some(a) = o.node.get(key) {
                c = c.arg("old", show(a));
            }
            if let Some(b) = n.node.get(key) {
                c = c.arg("new", show(b));
            }
            self.emit(c);
        }
    }

    fn properties(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx, depth: usize) {
        let old_props = merged_properties(self.pair.old.ws, o);
        let new_props = merged_properties(self.pair.new.ws, n);
        if old_props.props.is_empty() && new_props.props.is_empty() {
            return;
        }
        let request = ctx.dir == Dir::Request;
        let dir = ctx.dir_name();
        for (name, a) in &old_props.props {
            let child = ctx.child(name);
            let was_required = old_props.required.contains(name.as_str());
            let a_schema = deref(self.pair.old.ws, a);
            let read_only = a_schema.node.get_bool("readOnly") == Some(true);
            let write_only = a_schema.node.get_bool("writeOnly") == Some(true);
            match new_props.props.iter().find(|(m, _)| m == name) {
                None => {
                    let id = match (request, was_required, write_only) {
                        (true, _, _) if read_only => continue,
                        (true, _, _) => "request-property-removed".to_string(),
                        (false, true, true) => {
                            "response-required-write-only-property-removed".into()
                        }
                        (false, false, true) => {
                            "response-optional-write-only-property-removed".into()
                        }
                        (false, true, false) => "response-required-property-removed".into(),
                        (false, false, false) => "response-optional-property-removed".into(),
                    };
                    self.emit(
                        change(id)
                            .old(&a.loc)
                            .new_at(&n.loc)
                            .arg("name", child.name()),
                    );
                }
                Some((_, b)) => {
                    let is_required = new_props.required.contains(name.as_str());
                    let b_schema = deref(self.pair.new.ws, b);
                    if was_required != is_required {
                        let id = match (request, is_required) {
                            (true, true) if read_only => None,
                            (true, true) if b_schema.node.get("default").is_some() => {
                                Some("request-property-became-required-with-default")
                            }
                            (true, true) => Some("request-property-became-required"),
                            (true, false) => Some("request-property-became-optional"),
                            (false, true) => Some("response-property-became-required"),
                            (false, false) if write_only => {
                                Some("response-write-only-property-became-optional")
                            }
                            (false, false) => Some("response-property-became-optional"),
                        };
                        if let Some(id) = id {
                            self.emit(
                                change(id)
                                    .old(&a.loc)
                                    .new_at(&b.loc)
                                    .arg("name", child.name()),
                            );
                        }
                    }
                    let was_dep = a_schema.node.get_bool("deprecated") == Some(true);
                    let is_dep = b_schema.node.get_bool("deprecated") == Some(true);
                    if was_dep != is_dep {
                        let kind = if is_dep {
                            self.deprecation_kind(&b_schema)
                        } else {
                            "reactivated"
                        };
                        let mut c = change(format!("{dir}-property-{kind}"))
                            .old(&a.loc)
                            .new_at(&b.loc)
                            .arg("name", child.name());
                        if let Some(sunset) = b_schema.node.get_str("x-sunset") {
                            c = c.arg("sunset", sunset);
                        }
                        self.emit(c);
                    }
                    let stability = |s: &Side<'w>| {
                        s.node
                            .get_str("x-stability-level")
                            .and_then(super::Stability::parse)
                            .unwrap_or(super::Stability::Stable)
                    };
                    let invalid = b_schema
                        .node
                        .get("x-stability-level")
                        .filter(|v| v.as_str().and_then(super::Stability::parse).is_none());
                    // The same invalid level in both versions changed nothing.
                    let unchanged = |v: &Node| {
                        a_schema
                            .node
                            .get("x-stability-level")
                            .is_some_and(|o| o.same_value(v))
                    };
                    if let Some(value) = invalid.filter(|v| !unchanged(v)) {
                        let shown = value.as_str().map_or_else(|| show(value), str::to_string);
                        self.emit(
                            change("api-invalid-stability-level")
                                .new_at(&b_schema.loc.child("x-stability-level"))
                                .arg("value", shown),
                        );
                    }
                    let (sa, sb) = (stability(&a_schema), stability(&b_schema));
                    if sa != sb && invalid.is_none() && sa >= self.pair.options.floor() {
                        let kind = if sb < sa { "decreased" } else { "increased" };
                        self.emit(
                            change(format!("{dir}-property-stability-{kind}"))
                                .old(&a.loc)
                                .new_at(&b.loc)
                                .arg("name", child.name())
                                .arg("old", sa.name())
                                .arg("new", sb.name()),
                        );
                    }
                    self.compare(a.clone(), b.clone(), &child, depth + 1);
                }
            }
        }
        for (name, b) in &new_props.props {
            if old_props.props.iter().any(|(m, _)| m == name) {
                continue;
            }
            let child = ctx.child(name);
            let required = new_props.required.contains(name.as_str());
            let b_schema = deref(self.pair.new.ws, b);
            let read_only = b_schema.node.get_bool("readOnly") == Some(true);
            let write_only = b_schema.node.get_bool("writeOnly") == Some(true);
            let id = match (request, required, write_only) {
                (true, true, _) if read_only => "new-optional-request-property",
                // A default tells servers what to assume, but clients that omit
                // the property may still be refused: its own rule.
                (true, true, _) if b_schema.node.get("default").is_some() => {
                    "new-required-request-property-with-default"
                }
                (true, true, _) => "new-required-request-property",
                (true, false, _) => "new-optional-request-property",
                (false, true, true) => "response-required-write-only-property-added",
                (false, false, true) => "response-optional-write-only-property-added",
                (false, true, false) => "response-required-property-added",
                (false, false, false) => "response-optional-property-added",
            };
            self.emit(
                change(id)
                    .old(&o.loc)
                    .new_at(&b.loc)
                    .arg("name", child.name()),
            );
        }
    }

    /// How a newly deprecated property is reported, given its `x-sunset`
    /// and the deprecation policy.
    fn deprecation_kind(&self, schema: &Side<'w>) -> &'static str {
        match schema.node.get_str("x-sunset") {
            Some(text) if super::dates::parse(text).is_none() => "deprecated-sunset-invalid",
            Some(_) => "deprecated-with-sunset",
            None if self
                .pair
                .options
                .deprecation_days_stable
                .is_some_and(|d| d > 0) =>
            {
                "deprecated-sunset-missing"
            }
            None => "deprecated",
        }
    }

    fn composition(&mut self, key: &str, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx, depth: usize) {
        let branches = |s: &Side<'w>| -> Vec<Side<'w>> {
            s.node
                .get(key)
                .and_then(Node::as_array)
                .map(|items| {
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, node)| Side {
                            loc: s.loc.child(key).index(i),
                            node,
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let a = branches(o);
        let b = branches(n);
        if a.is_empty() && b.is_empty() {
            return;
        }
        let pairs = pair_branches(self.pair, &a, &b);
        let kind = match key {
            "oneOf" => "one-of",
            "anyOf" => "any-of",
            _ => "all-of",
        };
        for (i, branch) in a.iter().enumerate() {
            match pairs.iter().find(|(x, _)| *x == i) {
                Some((_, j)) if key != "allOf" => {
                    // Inside a branch is below the body, as a property is.
                    let inner = ctx.child(&format!("{key}[{}]", describe_branch(branch)));
                    self.compare(branch.clone(), b[*j].clone(), &inner, depth + 1);
                }
                Some(_) => {}
                None => {
                    let suffix = if key == "allOf" && annotation_only(branch.node) {
                        "-annotation-only"
                    } else {
                        ""
                    };
                    let c = change(format!("{}-{kind}-removed{suffix}", ctx.prefix()))
                        .old(&branch.loc)
                        .new_at(&at(n, key))
                        .arg("name", ctx.name())
                        .arg("branch", describe_branch(branch));
                    self.emit(c);
                }
            }
        }
        for (j, branch) in b.iter().enumerate() {
            if !pairs.iter().any(|(_, y)| *y == j) {
                let suffix = if key == "allOf" && annotation_only(branch.node) {
                    "-annotation-only"
                } else {
                    ""
                };
                let c = change(format!("{}-{kind}-added{suffix}", ctx.prefix()))
                    .old(&at(o, key))
                    .new_at(&branch.loc)
                    .arg("name", ctx.name())
                    .arg("branch", describe_branch(branch));
                self.emit(c);
            }
        }
    }
}

/// The types of a `oneOf`/`anyOf` whose branches say nothing but `type`.
fn type_branches(node: &Node) -> Option<(&'static str, Vec<&str>)> {
    for key in ["oneOf", "anyOf"] {
        let Some(branches) = node.get(key).and_then(Node::as_array) else {
            continue;
        };
        let types: Option<Vec<&str>> = branches
            .iter()
            .map(|b| match b.as_object() {
                Some(o) if o.len() == 1 => b.get_str("type").filter(|t| *t != "null"),
                _ => None,
            })
            .collect();
        if let Some(types) = types.filter(|t| t.len() > 1) {
            return Some((key, types));
        }
    }
    None
}

fn is_annotation(key: &str) -> bool {
    key.starts_with("x-")
        || matches!(
            key,
            "title"
                | "description"
                | "example"
                | "examples"
                | "deprecated"
                | "externalDocs"
                | "$comment"
        )
}

/// Equal once annotations at the top level are set aside.
fn same_constraints(a: &Node, b: &Node) -> bool {
    let (Some(x), Some(y)) = (a.as_object(), b.as_object()) else {
        return a.same_value(b);
    };
    let kept = |o: &'_ crate::load::Object| -> usize {
        o.iter().filter(|(k, _)| !is_annotation(k)).count()
    };
    kept(x) == kept(y)
        && x.iter()
            .filter(|(k, _)| !is_annotation(k))
            .all(|(k, v)| y.get(k).is_some_and(|w| v.same_value(w)))
}

/// A schema that only annotates (no constraint): adding it to an `allOf`
/// changes no validation.
fn annotation_only(node: &Node) -> bool {
    node.as_object()
        .is_some_and(|o| o.iter().all(|(k, _)| is_annotation(k)))
}

fn describe_branch(side: &Side<'_>) -> String {
    if let Some(r) = side.node.ref_target() {
        return r.rsplit('/').next().unwrap_or(r).to_string();
    }
    if let Some(t) = side.node.get_str("title") {
        return t.to_string();
    }
    side.node.get_str("type").unwrap_or("schema").to_string()
}

/// Pairs composition branches: by `$ref` target, then by title, then by equal
/// content; never by position alone.
fn pair_branches<'w>(pair: &Pair<'_, 'w>, a: &[Side<'w>], b: &[Side<'w>]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let taken =
        |out: &Vec<(usize, usize)>, i: usize, j: usize| out.iter().any(|(x, y)| *x == i || *y == j);
    let target = |ws: &Workspace, s: &Side<'w>| {
        s.node
            .ref_target()
            .map(|_| ws.deref(&s.loc, s.node).0.pointer)
    };
    for (i, x) in a.iter().enumerate() {
        let Some(tx) = target(pair.old.ws, x) else {
            continue;
        };
        for (j, y) in b.iter().enumerate() {
            if !taken(&out, i, j) && target(pair.new.ws, y).as_deref() == Some(tx.as_str()) {
                out.push((i, j));
                break;
            }
        }
    }
    let title = |ws: &Workspace, s: &Side<'w>| {
        ws.deref(&s.loc, s.node)
            .1
            .get_str("title")
            .map(str::to_string)
    };
    for (i, x) in a.iter().enumerate() {
        let Some(tx) = title(pair.old.ws, x) else {
            continue;
        };
        for (j, y) in b.iter().enumerate() {
            if !taken(&out, i, j) && title(pair.new.ws, y).as_deref() == Some(tx.as_str()) {
                out.push((i, j));
                break;
            }
        }
    }
    // Equal content, then equal content but for annotations (an inline
    // schema moved into a titled component is the same branch).
    for strict in [true, false] {
        for (i, x) in a.iter().enumerate() {
            let dx = pair.old.ws.deref(&x.loc, x.node).1;
            for (j, y) in b.iter().enumerate() {
                let dy = pair.new.ws.deref(&y.loc, y.node).1;
                let same = if strict {
                    dx.same_value(dy)
                } else {
                    same_constraints(dx, dy)
                };
                if !taken(&out, i, j) && same {
                    out.push((i, j));
                    break;
                }
            }
        }
    }
    // One inline branch left on each side: the same branch, edited.
    let inline_left = |sides: &[Side<'w>], old: bool| -> Vec<usize> {
        (0..sides.len())
            .filter(|&k| {
                sides[k].node.ref_target().is_none()
                    && !out.iter().any(|(x, y)| if old { *x == k } else { *y == k })
            })
            .collect()
    };
    if let ([i], [j]) = (&inline_left(a, true)[..], &inline_left(b, false)[..]) {
        out.push((*i, *j));
    }
    out
}

/// Properties of a schema with those of its `allOf` members merged in, and the
/// union of their `required` lists.
struct Merged<'w> {
    props: Vec<(String, Side<'w>)>,
    required: HashSet<String>,
}

fn merged_properties<'w>(ws: &'w Workspace, side: &Side<'w>) -> Merged<'w> {
    let mut merged = Merged {
        props: Vec::new(),
        required: HashSet::new(),
    };
    let mut todo = vec![(side.clone(), 0usize)];
    let mut visited: HashSet<Loc> = HashSet::new();
    while let Some((s, depth)) = todo.pop() {
        let s = deref(ws, &s);
        if depth > 16 || !visited.insert(s.loc.clone()) {
            continue;
        }
        if let Some(props) = s.node.get("properties").and_then(Node::as_object) {
            for e in props.entries() {
                if !merged.props.iter().any(|(n, _)| n == &*e.key) {
                    merged.props.push((
                        e.key.to_string(),
                        Side {
                            loc: s.loc.child("properties").child(&e.key),
                            node: &e.value,
                        },
                    ));
                }
            }
        }
        if let Some(req) = s.node.get("required").and_then(Node::as_array) {
            merged
                .required
                .extend(req.iter().filter_map(Node::as_str).map(str::to_string));
        }
        if let Some(all) = s.node.get("allOf").and_then(Node::as_array) {
            for (i, member) in all.iter().enumerate().rev() {
                todo.push((
                    Side {
                        loc: s.loc.child("allOf").index(i),
                        node: member,
                    },
                    depth + 1,
                ));
            }
        }
    }
    merged
}
