//! Properties, with those of `allOf` members merged in: removed, added,
//! required or not, read-only or write-only, deprecated or not, and each
//! pair compared.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::load::Node;
use crate::model::{Loc, Workspace};
use crate::rule_id::RuleId;

use super::super::change::change;
use super::super::kinds::{rule_for, Kind, Site};
use super::super::Stability;
use super::{at, deref, show, Ctx, Dir, Side, Walker};

fn flag(s: &Side<'_>, key: &str) -> bool {
    s.node.get_bool(key) == Some(true)
}

impl<'w> Walker<'_, '_, 'w> {
    pub(super) fn properties(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx, depth: usize) {
        let old_props = merged_properties(self.pair.old.ws, o);
        let new_props = merged_properties(self.pair.new.ws, n);
        self.required_undefined(o, n, ctx, &old_props, &new_props);
        if old_props.props.is_empty() && new_props.props.is_empty() {
            return;
        }
        self.cover(&o.loc, &n.loc, "properties");
        let request = ctx.dir == Dir::Request;
        let old_index: HashMap<&str, usize> = old_props
            .props
            .iter()
            .enumerate()
            .map(|(i, (name, _))| (name.as_str(), i))
            .collect();
        let new_index: HashMap<&str, usize> = new_props
            .props
            .iter()
            .enumerate()
            .map(|(i, (name, _))| (name.as_str(), i))
            .collect();
        for (name, a) in &old_props.props {
            let was_required = old_props.required.contains(name.as_str());
            let a_schema = deref(self.pair.old.ws, a);
            let read_only = flag(&a_schema, "readOnly");
            let write_only = flag(&a_schema, "writeOnly");
            let Some(&j) = new_index.get(name.as_str()) else {
                use RuleId as R;
                let id = match (request, was_required, write_only) {
                    // Clients leave read-only properties out of requests.
                    (true, _, _) if read_only => continue,
                    (true, _, _) => R::RequestPropertyRemoved,
                    (false, true, true) => R::ResponseRequiredWriteOnlyPropertyRemoved,
                    (false, false, true) => R::ResponseOptionalWriteOnlyPropertyRemoved,
                    (false, true, false) => R::ResponseRequiredPropertyRemoved,
                    (false, false, false) => R::ResponseOptionalPropertyRemoved,
                };
                let place = ctx.child(name);
                self.emit(
                    change(id)
                        .old(&a.loc)
                        .new_at(&n.loc)
                        .place("name", &place.path),
                );
                continue;
            };
            let b = &new_props.props[j].1;
            let b_schema = deref(self.pair.new.ws, b);
            let is_required = new_props.required.contains(name.as_str());
            let child = ctx.property(
                name,
                flag(&b_schema, "readOnly"),
                flag(&b_schema, "writeOnly"),
            );
            if was_required != is_required {
                self.required_changed(
                    &child,
                    (a, b),
                    &b_schema,
                    (read_only, write_only),
                    is_required,
                );
            }
            self.access(&child, (&a_schema, &b_schema), is_required);
            self.lifecycle(&child, (a, b), (&a_schema, &b_schema));
            self.compare(a.clone(), b.clone(), &child, depth + 1);
        }
        for (name, b) in &new_props.props {
            if old_index.contains_key(name.as_str()) {
                continue;
            }
            let required = new_props.required.contains(name.as_str());
            let b_schema = deref(self.pair.new.ws, b);
            let read_only = flag(&b_schema, "readOnly");
            let write_only = flag(&b_schema, "writeOnly");
            use RuleId as R;
            let id = match (request, required, write_only) {
                (true, true, _) if read_only => R::NewOptionalRequestProperty,
                // A default tells servers what to assume, but clients that omit
                // the property may still be refused: its own rule.
                (true, true, _) if b_schema.node.get("default").is_some() => {
                    R::NewRequiredRequestPropertyWithDefault
                }
                (true, true, _) => R::NewRequiredRequestProperty,
                (true, false, _) => R::NewOptionalRequestProperty,
                (false, true, true) => R::ResponseRequiredWriteOnlyPropertyAdded,
                (false, false, true) => R::ResponseOptionalWriteOnlyPropertyAdded,
                (false, true, false) => R::ResponseRequiredPropertyAdded,
                (false, false, false) => R::ResponseOptionalPropertyAdded,
            };
            let place = ctx.child(name);
            self.emit(
                change(id)
                    .old(&o.loc)
                    .new_at(&b.loc)
                    .place("name", &place.path),
            );
        }
    }

    /// The properties an `allOf` member writes itself, paired by name and
    /// compared; their presence and requiredness were judged merged.
    pub(super) fn member_properties(
        &mut self,
        o: &Side<'w>,
        n: &Side<'w>,
        ctx: &Ctx,
        depth: usize,
    ) {
        let (Some(a), Some(b)) = (
            o.node.get("properties").and_then(Node::as_object),
            n.node.get("properties").and_then(Node::as_object),
        ) else {
            return;
        };
        for e in a.entries() {
            if let Some(w) = b.get(&e.key) {
                let new = Side {
                    loc: n.loc.child("properties").child(&e.key),
                    node: w,
                };
                // The context the merged comparison gave this property, so
                // both reach one comparison.
                let b_schema = deref(self.pair.new.ws, &new);
                let child = ctx.property(
                    &e.key,
                    flag(&b_schema, "readOnly"),
                    flag(&b_schema, "writeOnly"),
                );
                self.compare(
                    Side {
                        loc: o.loc.child("properties").child(&e.key),
                        node: &e.value,
                    },
                    new,
                    &child,
                    depth + 1,
                );
            }
        }
    }

    fn required_changed(
        &mut self,
        child: &Ctx,
        (a, b): (&Side<'w>, &Side<'w>),
        b_schema: &Side<'w>,
        (read_only, write_only): (bool, bool),
        now_required: bool,
    ) {
        use RuleId as R;
        let request = child.dir == Dir::Request;
        let id = match (request, now_required) {
            // A read-only property is not sent, required or not.
            (true, true) if read_only => return,
            (true, true) if b_schema.node.get("default").is_some() => {
                R::RequestPropertyBecameRequiredWithDefault
            }
            (true, true) => R::RequestPropertyBecameRequired,
            (true, false) => R::RequestPropertyBecameOptional,
            (false, true) if write_only => R::ResponseWriteOnlyPropertyBecameRequired,
            (false, true) => R::ResponsePropertyBecameRequired,
            (false, false) if write_only => R::ResponseWriteOnlyPropertyBecameOptional,
            (false, false) => R::ResponsePropertyBecameOptional,
        };
        self.emit(
            change(id)
                .old(&a.loc)
                .new_at(&b.loc)
                .place("name", &child.path),
        );
    }

    /// `readOnly` and `writeOnly` switched on or off.
    fn access(&mut self, child: &Ctx, (a, b): (&Side<'w>, &Side<'w>), required: bool) {
        use RuleId as R;
        let request = child.dir == Dir::Request;
        for key in ["readOnly", "writeOnly"] {
            let (was, is) = (flag(a, key), flag(b, key));
            if was == is {
                continue;
            }
            let id = match (key, request, required, is) {
                ("readOnly", true, true, true) => R::RequestRequiredPropertyBecameReadOnly,
                ("readOnly", true, true, false) => R::RequestRequiredPropertyBecameNotReadOnly,
                ("readOnly", true, false, true) => R::RequestOptionalPropertyBecameReadOnly,
                ("readOnly", true, false, false) => R::RequestOptionalPropertyBecameNotReadOnly,
                ("readOnly", false, true, true) => R::ResponseRequiredPropertyBecameReadOnly,
                ("readOnly", false, true, false) => R::ResponseRequiredPropertyBecameNotReadOnly,
                ("readOnly", false, false, true) => R::ResponseOptionalPropertyBecameReadOnly,
                ("readOnly", false, false, false) => R::ResponseOptionalPropertyBecameNotReadOnly,
                (_, true, true, true) => R::RequestRequiredPropertyBecameWriteOnly,
                (_, true, true, false) => R::RequestRequiredPropertyBecameNotWriteOnly,
                (_, true, false, true) => R::RequestOptionalPropertyBecameWriteOnly,
                (_, true, false, false) => R::RequestOptionalPropertyBecameNotWriteOnly,
                (_, false, true, true) => R::ResponseRequiredPropertyBecameWriteOnly,
                (_, false, true, false) => R::ResponseRequiredPropertyBecameNotWriteOnly,
                (_, false, false, true) => R::ResponseOptionalPropertyBecameWriteOnly,
                (_, false, false, false) => R::ResponseOptionalPropertyBecameNotWriteOnly,
            };
            let key = if key == "readOnly" {
                "readOnly"
            } else {
                "writeOnly"
            };
            self.cover_property(&a.loc, &b.loc, key);
            self.emit(
                change(id)
                    .old(&at(a, key))
                    .new_at(&at(b, key))
                    .place("name", &child.path),
            );
        }
    }

    /// Deprecation and stability of a property.
    fn lifecycle(
        &mut self,
        child: &Ctx,
        (a, b): (&Side<'w>, &Side<'w>),
        (sa, sb): (&Side<'w>, &Side<'w>),
    ) {
        let site = match child.dir {
            Dir::Request => Site::RequestProperty,
            Dir::Response => Site::ResponseProperty,
        };
        let was_dep = flag(sa, "deprecated");
        let is_dep = flag(sb, "deprecated");
        for key in ["deprecated", "x-sunset"] {
            self.cover_property(&sa.loc, &sb.loc, key);
        }
        if was_dep != is_dep {
            let kind = if is_dep {
                self.deprecation_kind(sb)
            } else {
                Kind::Reactivated
            };
            if let Some(id) = rule_for(site, kind) {
                let mut c = change(id)
                    .old(&a.loc)
                    .new_at(&b.loc)
                    .place("name", &child.path);
                if let Some(sunset) = sb.node.get_str("x-sunset") {
                    c = c.arg("sunset", sunset);
                }
                self.emit(c);
            }
        } else if sa.node.get("x-sunset").is_some() || sb.node.get("x-sunset").is_some() {
            // A sunset that moves on a property still deprecated is reported
            // by the residual check: uncover it.
            for loc in [&sa.loc, &sb.loc] {
                self.engine
                    .uncover(loc, super::engine::PROPERTY_SCOPE, "x-sunset");
            }
        }
        let key = "x-stability-level";
        self.cover_property(&sa.loc, &sb.loc, key);
        let stability = |s: &Side<'w>| {
            s.node
                .get_str(key)
                .and_then(Stability::parse)
                .unwrap_or(Stability::Stable)
        };
        let invalid = sb
            .node
            .get(key)
            .filter(|v| v.as_str().and_then(Stability::parse).is_none());
        // The same invalid level in both versions changed nothing.
        let unchanged = |v: &Node| sa.node.get(key).is_some_and(|o| o.same_value(v));
        if let Some(value) = invalid.filter(|v| !unchanged(v)) {
            let shown = value.as_str().map_or_else(|| show(value), str::to_string);
            self.emit(
                change(RuleId::ApiInvalidStabilityLevel)
                    .new_at(&sb.loc.child(key))
                    .arg("value", shown),
            );
        }
        let (la, lb) = (stability(sa), stability(sb));
        if la != lb && invalid.is_none() && la >= self.pair.options.floor() {
            let kind = if lb < la {
                Kind::StabilityDecreased
            } else {
                Kind::StabilityIncreased
            };
            if let Some(id) = rule_for(site, kind) {
                self.emit(
                    change(id)
                        .old(&a.loc)
                        .new_at(&b.loc)
                        .place("name", &child.path)
                        .arg("old", la.name())
                        .arg("new", lb.name()),
                );
            }
        }
    }

    /// How a newly deprecated property is reported, given its `x-sunset`
    /// and the deprecation policy (no notice is asked of a property's sunset:
    /// it has no rule for that).
    fn deprecation_kind(&self, schema: &Side<'w>) -> Kind {
        use super::super::lifecycle::{self as policy, Life, Transition};
        let options = self.pair.options;
        let was = Life {
            deprecated: false,
            sunset: None,
        };
        let is = Life {
            deprecated: true,
            sunset: schema.node.get_str("x-sunset"),
        };
        let notice = policy::notice_days(options, None);
        match policy::transition(was, is, notice, policy::today(options)) {
            Some(Transition::SunsetUnreadable(_)) => Kind::DeprecatedSunsetInvalid,
            Some(Transition::DeprecatedWithSunset(_) | Transition::SunsetTooSoon { .. }) => {
                Kind::DeprecatedWithSunset
            }
            Some(Transition::SunsetMissing) => Kind::DeprecatedSunsetMissing,
            _ => Kind::Deprecated,
        }
    }
}

impl<'w> Walker<'_, '_, 'w> {
    /// Names the `required` lists of a schema and its `allOf` members ask for
    /// that no member defines as a property: one that starts or stops being
    /// asked for changes which objects are valid, and no property rule sees it.
    fn required_undefined(
        &mut self,
        o: &Side<'w>,
        n: &Side<'w>,
        ctx: &Ctx,
        old: &Merged<'w>,
        new: &Merged<'w>,
    ) {
        let defined = |k: &str| {
            old.props.iter().any(|(p, _)| p == k) || new.props.iter().any(|(p, _)| p == k)
        };
        let mut names: Vec<(&str, &str)> = new
            .required
            .iter()
            .filter(|k| !old.required.contains(*k))
            .map(|k| (k.as_str(), "requires"))
            .chain(
                old.required
                    .iter()
                    .filter(|k| !new.required.contains(*k))
                    .map(|k| (k.as_str(), "no longer requires")),
            )
            .filter(|(k, _)| !defined(k))
            .collect();
        names.sort_unstable();
        // With members, the names come from several lists: point at the `allOf`.
        let key = match o.node.get("allOf").is_some() || n.node.get("allOf").is_some() {
            true => "allOf",
            false => "required",
        };
        for (name, how) in names {
            let c = change(RuleId::RequiredUndefinedPropertyChanged)
                .old(&at(o, key))
                .new_at(&at(n, key))
                .place("name", &ctx.path)
                .arg("property", name)
                .arg("how", how);
            self.emit(c);
        }
    }
}

/// Properties of a schema with those of its `allOf` members merged in, and the
/// union of their `required` lists.
pub(super) struct Merged<'w> {
    pub(super) props: Vec<(String, Side<'w>)>,
    pub(super) required: HashSet<String>,
}

pub(super) fn merged_properties<'w>(ws: &'w Workspace, side: &Side<'w>) -> Merged<'w> {
    let mut merged = Merged {
        props: Vec::new(),
        required: HashSet::default(),
    };
    let mut todo = vec![(side.clone(), 0usize)];
    let mut visited: HashSet<Loc> = HashSet::default();
    let mut names: HashSet<String> = HashSet::default();
    while let Some((s, depth)) = todo.pop() {
        let s = deref(ws, &s);
        if depth > 16 || !visited.insert(s.loc.clone()) {
            continue;
        }
        if let Some(props) = s.node.get("properties").and_then(Node::as_object) {
            for e in props.entries() {
                if names.insert(e.key.to_string()) {
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
