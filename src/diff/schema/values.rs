//! Keywords that constrain a value itself: type, nullability, enums,
//! numeric bounds, counts (lengths, items, properties), patterns, defaults,
//! constants, `multipleOf`, `uniqueItems`.

use crate::load::Node;
use crate::model::{Bound, Schema};

use super::super::kinds::Kind;
use super::compose::type_branches;
use super::{num, show, Ctx, Root, Side, Walker};
use crate::rule_id::RuleId;

/// The type other keywords of a schema imply, if they imply one.
fn implied(node: &Node) -> Option<&'static str> {
    let has = |keys: &[&str]| keys.iter().any(|k| node.get(k).is_some());
    if has(&[
        "properties",
        "required",
        "additionalProperties",
        "minProperties",
        "maxProperties",
        "patternProperties",
    ]) {
        Some("object")
    } else if has(&[
        "items",
        "prefixItems",
        "minItems",
        "maxItems",
        "uniqueItems",
    ]) {
        Some("array")
    } else if has(&["pattern", "minLength", "maxLength"]) {
        Some("string")
    } else {
        None
    }
}

impl<'w> Walker<'_, '_, 'w> {
    fn schema(&self, side: &Side<'w>, new: bool) -> Schema<'w> {
        let version = if new {
            self.pair.new.version
        } else {
            self.pair.old.version
        };
        Schema::new(side.node, version)
    }

    pub(super) fn nullable(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        let (a, b) = (
            self.schema(o, false).nullable(),
            self.schema(n, true).nullable(),
        );
        let kind = match (a, b) {
            (false, true) => Kind::BecameNullable,
            (true, false) => Kind::BecameNotNullable,
            _ => return,
        };
        let c = self.kind(ctx, kind, o, n, "nullable");
        self.emit(c);
    }

    pub(super) fn types(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        let listed = |s: &Schema<'w>, side: &Side<'w>| {
            let t = s.types();
            if t.is_empty() {
                type_branches(side.node).map(|(_, t)| t).unwrap_or_default()
            } else {
                t
            }
        };
        let mut a = listed(&self.schema(o, false), o);
        let mut b = listed(&self.schema(n, true), n);
        let fa = o.node.get_str("format").unwrap_or("");
        let fb = n.node.get_str("format").unwrap_or("");
        a.sort_unstable();
        a.dedup();
        b.sort_unstable();
        b.dedup();
        if a == b && fa == fb {
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
        // A type written where other keywords already implied it (`type:
        // object` beside `properties`) says nothing new, and neither does
        // dropping it; a type that appears or disappears otherwise narrows
        // or widens what is valid.
        let (ia, ib) = (implied(o.node), implied(n.node));
        let quiet = |declared: &[&str], other: Option<&'static str>| {
            declared.is_empty() || other.is_some_and(|t| declared == [t])
        };
        if (a.is_empty() && quiet(&b, ia)) || (b.is_empty() && quiet(&a, ib)) {
            self.cover(&o.loc, &n.loc, "type");
            self.cover(&o.loc, &n.loc, "format");
            return;
        }
        if a.is_empty() || b.is_empty() {
            let kind = if a.is_empty() {
                Kind::TypeSpecialized
            } else {
                Kind::TypeGeneralized
            };
            let any = |t: &[&str], f: &str| {
                if t.is_empty() {
                    "any type".to_string()
                } else {
                    describe(t, f)
                }
            };
            self.cover(&o.loc, &n.loc, "format");
            let c = self
                .kind(ctx, kind, o, n, "type")
                .arg("old", any(&a, fa))
                .arg("new", any(&b, fb));
            self.emit(c);
            return;
        }
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
        // A query or cookie parameter that became an array of what it was:
        // a form-style array takes one value as an array of one, so every
        // request that was valid stays valid.
        let items = n.node.get("items");
        // Items that constrain more than their type may refuse old values.
        let plain_items = items.and_then(Node::as_object).is_some_and(|o| {
            o.iter()
                .all(|(k, _)| matches!(k, "type" | "description" | "title" | "example"))
        });
        let items_type = items
            .filter(|_| plain_items)
            .and_then(|i| i.get_str("type"));
        let holds = |old: &str| match items_type {
            Some("string") => true,
            Some("number") => matches!(old, "number" | "integer"),
            Some(t) => t == old,
            None => false,
        };
        let to_array = matches!(
            ctx.root,
            Root::Parameter {
                location: crate::model::ParamIn::Query | crate::model::ParamIn::Cookie,
                ..
            }
        ) && b == ["array"]
            && !a.contains(&"array")
            && a.iter().all(|t| holds(t));
        if to_array {
            self.cover(&o.loc, &n.loc, "items");
        }
        let kind = if to_array {
            Kind::TypeGeneralized
        } else if ctx.loose && text_like(&a) && text_like(&b) {
            Kind::TypeCompatible
        } else if as_text && a == ["string"] && scalar(&b) {
            Kind::TypeSpecialized
        } else if a.len() > 1 || b.len() > 1 {
            // 3.1 type lists: fewer accepted types, or more.
            if fa != fb {
                Kind::TypeChanged
            } else if subset(&b, &a) {
                Kind::ListOfTypesNarrowed
            } else if subset(&a, &b) {
                Kind::ListOfTypesWidened
            } else {
                Kind::TypeChanged
            }
        } else {
            match (widened, narrowed) {
                (true, _) if fa == fb => Kind::TypeGeneralized,
                (_, true) if fa == fb => Kind::TypeSpecialized,
                _ => Kind::TypeChanged,
            }
        };
        self.cover(&o.loc, &n.loc, "format");
        let c = self
            .kind(ctx, kind, o, n, "type")
            .arg("old", describe(&a, fa))
            .arg("new", describe(&b, fb));
        self.emit(c);
    }

    pub(super) fn enums(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        match (
            self.schema(o, false).enum_values(),
            self.schema(n, true).enum_values(),
        ) {
            (None, Some(_)) => {
                let c = self.kind(ctx, Kind::BecameEnum, o, n, "enum");
                self.emit(c);
            }
            (Some(a), None) => {
                // Every value is allowed again: the enum's values widen to the type.
                let c = self
                    .kind(ctx, Kind::EnumValueAdded, o, n, "enum")
                    .arg("value", "any value of its type (the enum was removed)");
                let _ = a;
                self.emit(c);
            }
            (Some(a), Some(b)) => {
                for v in a.iter().filter(|v| !b.iter().any(|w| w.same_value(v))) {
                    let mut c = self
                        .kind(ctx, Kind::EnumValueRemoved, o, n, "enum")
                        .arg("value", show(v));
                    // oasdiff names the whole response body's case after the media type.
                    if c.id == RuleId::SchemaKeywordChanged
                        && ctx.site() == super::Site::ResponseBody
                    {
                        c.id = RuleId::ResponseMediatypeEnumValueRemoved;
                    }
                    self.emit(c);
                }
                for v in b.iter().filter(|v| !a.iter().any(|w| w.same_value(v))) {
                    let c = self
                        .kind(ctx, Kind::EnumValueAdded, o, n, "enum")
                        .arg("value", show(v));
                    self.emit(c);
                }
            }
            (None, None) => {}
        }
    }

    pub(super) fn extensible_enum(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        let key = "x-extensible-enum";
        let (Some(a), Some(b)) = (
            o.node.get(key).and_then(Node::as_array),
            n.node.get(key).and_then(Node::as_array),
        ) else {
            return;
        };
        for v in a.iter().filter(|v| !b.iter().any(|w| w.same_value(v))) {
            let c = self
                .kind(ctx, Kind::XExtensibleEnumValueRemoved, o, n, key)
                .arg("value", show(v));
            self.emit(c);
        }
        // Values added to an extensible enum are what it is for.
        self.cover(&o.loc, &n.loc, key);
    }

    fn bound_change(
        &mut self,
        ctx: &Ctx,
        upper: bool,
        (a, b): (Option<Bound>, Option<Bound>),
        o: &Side<'w>,
        n: &Side<'w>,
        key: &'static str,
    ) {
        use Kind as K;
        let pick = |exclusive: bool, plain: K, excl: K| if exclusive { excl } else { plain };
        let (kind, args): (Kind, Vec<(&str, String)>) = match (a, b) {
            (Some(x), Some(y)) if x.value != y.value => {
                let up = y.value > x.value;
                let kind = match (upper, up) {
                    (true, true) => pick(y.exclusive, K::MaxIncreased, K::ExclusiveMaxIncreased),
                    (true, false) => pick(y.exclusive, K::MaxDecreased, K::ExclusiveMaxDecreased),
                    (false, true) => pick(y.exclusive, K::MinIncreased, K::ExclusiveMinIncreased),
                    (false, false) => pick(y.exclusive, K::MinDecreased, K::ExclusiveMinDecreased),
                };
                (kind, vec![("old", num(x.value)), ("new", num(y.value))])
            }
            // The same value, but the bound itself became exclusive or not.
            (Some(x), Some(y)) if x.exclusive != y.exclusive => {
                let kind = match (upper, y.exclusive) {
                    (true, true) => K::ExclusiveMaxSet,
                    (true, false) => K::ExclusiveMaxUnset,
                    (false, true) => K::ExclusiveMinSet,
                    (false, false) => K::ExclusiveMinUnset,
                };
                (kind, vec![("old", num(x.value)), ("new", num(y.value))])
            }
            (None, Some(y)) => {
                let kind = match upper {
                    true => pick(y.exclusive, K::MaxSet, K::ExclusiveMaxSet),
                    false => pick(y.exclusive, K::MinSet, K::ExclusiveMinSet),
                };
                (kind, vec![("new", num(y.value))])
            }
            (Some(x), None) => {
                let kind = match upper {
                    true => pick(x.exclusive, K::MaxUnset, K::ExclusiveMaxUnset),
                    false => pick(x.exclusive, K::MinUnset, K::ExclusiveMinUnset),
                };
                (kind, vec![("old", num(x.value))])
            }
            _ => return,
        };
        let mut c = self.kind(ctx, kind, o, n, key);
        for (k, v) in args {
            c = c.arg(k, v);
        }
        self.emit(c);
    }

    pub(super) fn bounds(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        let numeric = |s: &Side<'w>, key: &str| s.node.get(key).and_then(Node::as_f64);
        for (inclusive, exclusive, upper) in [
            ("maximum", "exclusiveMaximum", true),
            ("minimum", "exclusiveMinimum", false),
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
                self.bound_change(ctx, upper, (plain(o), plain(n)), o, n, inclusive);
                self.bound_change(ctx, upper, (excl(o), excl(n)), o, n, exclusive);
            } else {
                let (so, sn) = (self.schema(o, false), self.schema(n, true));
                let (a, b) = if upper {
                    (so.upper_bound(), sn.upper_bound())
                } else {
                    (so.lower_bound(), sn.lower_bound())
                };
                self.bound_change(ctx, upper, (a, b), o, n, inclusive);
            }
        }
    }

    /// Lengths, numbers of items and properties, `minContains`/`maxContains`.
    pub(super) fn counts(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        use Kind as K;
        #[rustfmt::skip]
        let table: [(&'static str, [K; 4]); 8] = [
            ("maxLength", [K::MaxLengthIncreased, K::MaxLengthDecreased, K::MaxLengthSet, K::MaxLengthUnset]),
            ("minLength", [K::MinLengthIncreased, K::MinLengthDecreased, K::MinLengthSet, K::MinLengthUnset]),
            ("maxItems", [K::MaxItemsIncreased, K::MaxItemsDecreased, K::MaxItemsSet, K::MaxItemsUnset]),
            ("minItems", [K::MinItemsIncreased, K::MinItemsDecreased, K::MinItemsSet, K::MinItemsUnset]),
            ("maxProperties", [K::MaxPropertiesIncreased, K::MaxPropertiesDecreased, K::MaxPropertiesSet, K::MaxPropertiesUnset]),
            ("minProperties", [K::MinPropertiesIncreased, K::MinPropertiesDecreased, K::MinPropertiesSet, K::MinPropertiesUnset]),
            // Without `contains` these count nothing; set or unset, the
            // general rule says what happened.
            ("maxContains", [K::MaxContainsIncreased, K::MaxContainsDecreased, K::MaxContainsIncreased, K::MaxContainsDecreased]),
            ("minContains", [K::MinContainsIncreased, K::MinContainsDecreased, K::MinContainsIncreased, K::MinContainsDecreased]),
        ];
        for (key, [up, down, set, unset]) in table {
            let a = o.node.get(key).and_then(Node::as_f64);
            let b = n.node.get(key).and_then(Node::as_f64);
            let contains = key.ends_with("Contains");
            let kind = match (a, b) {
                (Some(x), Some(y)) if y > x => up,
                (Some(x), Some(y)) if y < x => down,
                (None, Some(_)) if !contains => set,
                (Some(_), None) if !contains => unset,
                _ => continue,
            };
            let mut c = self.kind(ctx, kind, o, n, key);
            if let Some(x) = a {
                c = c.arg("old", num(x));
            }
            if let Some(y) = b {
                c = c.arg("new", num(y));
            }
            self.emit(c);
        }
    }

    pub(super) fn pattern(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        let pattern = |s: &Side<'w>| s.node.get_str("pattern").filter(|p| !p.is_empty());
        let kind = match (pattern(o), pattern(n)) {
            (None, Some(_)) => Kind::PatternAdded,
            (Some(_), None) => Kind::PatternRemoved,
            (Some(a), Some(b)) if a != b => {
                if b == ".*" || b == "^.*$" {
                    Kind::PatternGeneralized
                } else {
                    Kind::PatternChanged
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

    /// `default` and `const`.
    pub(super) fn values(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        use Kind as K;
        for (key, [added, removed, changed]) in [
            (
                "default",
                [
                    K::DefaultValueAdded,
                    K::DefaultValueRemoved,
                    K::DefaultValueChanged,
                ],
            ),
            ("const", [K::ConstAdded, K::ConstRemoved, K::ConstChanged]),
        ] {
            let kind = match (o.node.get(key), n.node.get(key)) {
                (None, Some(_)) => added,
                (Some(_), None) => removed,
                (Some(a), Some(b)) if !a.same_value(b) => changed,
                _ => continue,
            };
            let mut c = self.kind(ctx, kind, o, n, key);
            if let Some(a) = o.node.get(key) {
                c = c.arg("old", show(a));
            }
            if let Some(b) = n.node.get(key) {
                c = c.arg("new", show(b));
            }
            self.emit(c);
        }
    }

    pub(super) fn multiple_of(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        let key = "multipleOf";
        let a = o.node.get(key).and_then(Node::as_f64);
        let b = n.node.get(key).and_then(Node::as_f64);
        let kind = match (a, b) {
            (None, Some(_)) => Kind::MultipleOfSet,
            (Some(_), None) => Kind::MultipleOfUnset,
            (Some(x), Some(y)) if x != y => Kind::MultipleOfChanged,
            _ => return,
        };
        let mut c = self.kind(ctx, kind, o, n, key);
        if let Some(x) = a {
            c = c.arg("old", num(x));
        }
        if let Some(y) = b {
            c = c.arg("new", num(y));
        }
        self.emit(c);
    }

    pub(super) fn unique_items(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        let key = "uniqueItems";
        let on = |s: &Side<'w>| s.node.get_bool(key) == Some(true);
        let kind = match (on(o), on(n)) {
            (false, true) => Kind::UniqueItemsAdded,
            (true, false) => Kind::UniqueItemsRemoved,
            _ => return,
        };
        let c = self.kind(ctx, kind, o, n, key);
        self.emit(c);
    }
}
