//! Keywords that hold subschemas or maps of them (JSON Schema 2020-12 and
//! the OpenAPI additions): present or not, and what they hold compared.

use crate::load::Node;

use super::super::change::change;
use super::super::kinds::Kind;
use super::{Ctx, Side, Walker};
use crate::rule_id::RuleId;

impl<'w> Walker<'_, '_, 'w> {
    pub(super) fn keywords(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx, depth: usize) {
        use Kind as K;
        // Keywords whose presence is the change; their subschemas are compared too.
        for (key, added, removed) in [
            ("contains", K::ContainsAdded, K::ContainsRemoved),
            ("prefixItems", K::PrefixItemsAdded, K::PrefixItemsRemoved),
            ("if", K::IfAdded, K::IfRemoved),
            ("then", K::ThenAdded, K::ThenRemoved),
            ("else", K::ElseAdded, K::ElseRemoved),
            (
                "propertyNames",
                K::PropertyNamesAdded,
                K::PropertyNamesRemoved,
            ),
            (
                "unevaluatedItems",
                K::UnevaluatedItemsAdded,
                K::UnevaluatedItemsRemoved,
            ),
            (
                "unevaluatedProperties",
                K::UnevaluatedPropertiesAdded,
                K::UnevaluatedPropertiesRemoved,
            ),
            (
                "contentSchema",
                K::ContentSchemaAdded,
                K::ContentSchemaRemoved,
            ),
            ("not", K::NotAdded, K::NotRemoved),
        ] {
            match (o.node.get(key), n.node.get(key)) {
                (None, Some(_)) => {
                    let c = self.kind(ctx, added, o, n, key);
                    self.emit(c);
                }
                (Some(_), None) => {
                    let c = self.kind(ctx, removed, o, n, key);
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
                            if xs.len() != ys.len() {
                                // Items beyond the shorter list: present on one side only.
                                let kind = if ys.len() > xs.len() { added } else { removed };
                                let c = self.kind(ctx, kind, o, n, key);
                                self.emit(c);
                            }
                        }
                        _ if a.as_object().is_some() && b.as_object().is_some() => {
                            self.cover(&o.loc, &n.loc, key);
                            self.compare(
                                Side { loc: ol, node: a },
                                Side { loc: nl, node: b },
                                ctx,
                                depth + 1,
                            );
                        }
                        // Booleans (`unevaluatedProperties: false`) and the like
                        // are left to the residual check, which names them.
                        _ => {}
                    }
                }
                (None, None) => {}
            }
        }
        for (key, kind) in [
            ("contentMediaType", K::ContentMediaTypeChanged),
            ("contentEncoding", K::ContentEncodingChanged),
        ] {
            let a = o.node.get_str(key);
            let b = n.node.get_str(key);
            if a != b && (a.is_some() || b.is_some()) {
                let c = self
                    .kind(ctx, kind, o, n, key)
                    .arg("old", a.unwrap_or("none"))
                    .arg("new", b.unwrap_or("none"));
                self.emit(c);
            }
        }
        self.keyed(
            "patternProperties",
            (K::PatternPropertyAdded, K::PatternPropertyRemoved),
            o,
            n,
            ctx,
            depth,
        );
        self.keyed(
            "dependentSchemas",
            (K::DependentSchemaAdded, K::DependentSchemaRemoved),
            o,
            n,
            ctx,
            depth,
        );
        self.local_definitions(o, n, ctx, depth);
        let map = |s: &Side<'w>| s.node.get("dependentRequired").and_then(Node::as_object);
        let (a, b) = (map(o), map(n));
        for (k, v) in a.iter().flat_map(|m| m.iter()) {
            let kind = match b.and_then(|m| m.get(k)) {
                None => K::DependentRequiredRemoved,
                Some(w) if !v.same_value(w) => K::DependentRequiredChanged,
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
                    .kind(ctx, K::DependentRequiredAdded, o, n, "dependentRequired")
                    .arg("key", k);
                self.emit(c);
            }
        }
    }

    /// `$defs` (and the older `definitions`) inside a schema: what a
    /// `$dynamicRef` or a reference elsewhere may use, compared by name.
    pub(super) fn local_definitions(
        &mut self,
        o: &Side<'w>,
        n: &Side<'w>,
        ctx: &Ctx,
        depth: usize,
    ) {
        for key in ["$defs", "definitions"] {
            let (removed, added) = self.entries(key, o, n, ctx, depth);
            let places = removed
                .into_iter()
                .map(|k| (k, o.loc.child(key).child(k), super::at(n, key), "removed"))
                .chain(
                    added
                        .into_iter()
                        .map(|k| (k, super::at(o, key), n.loc.child(key).child(k), "added")),
                );
            for (k, old, new, what) in places {
                let c = change(RuleId::SchemaKeywordChanged)
                    .old(&old)
                    .new_at(&new)
                    .place("name", &ctx.path)
                    .arg("keyword", format!("{key}/{k}"))
                    .arg("what", what);
                self.emit(c);
            }
        }
    }

    /// A keyword whose value maps names to subschemas: entries added, removed
    /// or compared.
    fn keyed(
        &mut self,
        key: &'static str,
        (added, removed): (Kind, Kind),
        o: &Side<'w>,
        n: &Side<'w>,
        ctx: &Ctx,
        depth: usize,
    ) {
        let (gone, new) = self.entries(key, o, n, ctx, depth);
        for (k, kind) in gone
            .into_iter()
            .map(|k| (k, removed))
            .chain(new.into_iter().map(|k| (k, added)))
        {
            let c = self.kind(ctx, kind, o, n, key).arg("key", k);
            self.emit(c);
        }
    }

    /// The map of names to subschemas under `key`: entries on both sides
    /// compared; returns the names only the old side has, and those only
    /// the new side has.
    fn entries(
        &mut self,
        key: &'static str,
        o: &Side<'w>,
        n: &Side<'w>,
        ctx: &Ctx,
        depth: usize,
    ) -> (Vec<&'w str>, Vec<&'w str>) {
        let a = o.node.get(key).and_then(Node::as_object);
        let b = n.node.get(key).and_then(Node::as_object);
        if a.is_some() || b.is_some() {
            self.cover(&o.loc, &n.loc, key);
        }
        let mut removed = Vec::new();
        for (k, v) in a.iter().flat_map(|m| m.iter()) {
            match b.and_then(|m| m.get(k)) {
                None => removed.push(k),
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
        let added = b
            .iter()
            .flat_map(|m| m.iter())
            .map(|(k, _)| k)
            .filter(|k| !a.is_some_and(|m| m.contains_key(k)))
            .collect();
        (removed, added)
    }

    /// `additionalProperties`: a subschema compared, or a change between
    /// allowing anything, a schema, and nothing.
    pub(super) fn additional_properties(
        &mut self,
        o: &Side<'w>,
        n: &Side<'w>,
        ctx: &Ctx,
        depth: usize,
    ) {
        let key = "additionalProperties";
        let (a, b) = (o.node.get(key), n.node.get(key));
        if let (Some(x), Some(y)) = (a, b) {
            if x.as_object().is_some() && y.as_object().is_some() {
                self.cover(&o.loc, &n.loc, key);
                self.compare(
                    Side {
                        loc: o.loc.child(key),
                        node: x,
                    },
                    Side {
                        loc: n.loc.child(key),
                        node: y,
                    },
                    ctx,
                    depth + 1,
                );
                return;
            }
        }
        // Absent and `true` allow anything; `false` nothing; a schema some.
        let openness = |v: Option<&Node>| match v {
            None => 2,
            Some(v) if v.as_bool() == Some(true) => 2,
            Some(v) if v.as_bool() == Some(false) => 0,
            Some(v) if v.as_object().is_some_and(|o| o.is_empty()) => 2,
            Some(_) => 1,
        };
        let show = |v: Option<&Node>| match v {
            None => "absent".to_string(),
            Some(v) => super::show(v),
        };
        let kind = match (openness(a), openness(b)) {
            (x, y) if y < x => Kind::AdditionalPropertiesRestricted,
            (x, y) if y > x => Kind::AdditionalPropertiesRelaxed,
            _ => return,
        };
        let c = self
            .kind(ctx, kind, o, n, key)
            .arg("old", show(a))
            .arg("new", show(b));
        self.emit(c);
    }

    pub(super) fn discriminator(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        use Kind as K;
        let key = "discriminator";
        let (a, b) = match (o.node.get(key), n.node.get(key)) {
            (None, None) => return,
            (None, Some(_)) => {
                let c = self.kind(ctx, K::DiscriminatorAdded, o, n, key);
                return self.emit(c);
            }
            (Some(_), None) => {
                let c = self.kind(ctx, K::DiscriminatorRemoved, o, n, key);
                return self.emit(c);
            }
            (Some(a), Some(b)) => (a, b),
        };
        // The whole keyword is compared here: the property name, the mapping,
        // and anything else it holds.
        self.cover(&o.loc, &n.loc, key);
        if let (Some(x), Some(y)) = (a.as_object(), b.as_object()) {
            for (k, v) in x
                .iter()
                .filter(|(k, _)| !matches!(*k, "propertyName" | "mapping"))
            {
                if !y.get(k).is_some_and(|w| w.same_value(v)) {
                    let c = change(RuleId::SchemaKeywordChanged)
                        .old(&o.loc.child(key))
                        .new_at(&n.loc.child(key))
                        .place("name", &ctx.path)
                        .arg("keyword", key)
                        .arg("what", format!("its `{k}` changed"));
                    self.emit(c);
                }
            }
        }
        // Swagger 2.0 writes the property name alone; 3.x an object.
        let name = |d: &'w Node| d.as_str().or_else(|| d.get_str("propertyName"));
        let (pa, pb) = (name(a), name(b));
        if pa != pb {
            let c = self
                .kind(ctx, K::DiscriminatorPropertyNameChanged, o, n, key)
                .arg("old", pa.unwrap_or("none"))
                .arg("new", pb.unwrap_or("none"));
            self.emit(c);
        }
        let ma = a.get("mapping").and_then(Node::as_object);
        let mb = b.get("mapping").and_then(Node::as_object);
        for (k, v) in ma.iter().flat_map(|m| m.iter()) {
            let kind = match mb.and_then(|m| m.get(k)) {
                None => K::DiscriminatorMappingDeleted,
                Some(w) if !v.same_value(w) && !self.same_target(o, n, v, w) => {
                    K::DiscriminatorMappingChanged
                }
                Some(_) => continue,
            };
            let c = self.kind(ctx, kind, o, n, key).arg("key", k);
            self.emit(c);
        }
        for (k, _) in mb.iter().flat_map(|m| m.iter()) {
            if !ma.is_some_and(|m| m.contains_key(k)) {
                let c = self
                    .kind(ctx, K::DiscriminatorMappingAdded, o, n, key)
                    .arg("key", k);
                self.emit(c);
            }
        }
    }
}

impl<'w> Walker<'_, '_, 'w> {
    /// Two discriminator mapping values that name the same schema under
    /// another name (a renamed component): the old name is gone and the
    /// targets have equal content.
    fn same_target(&mut self, o: &Side<'w>, n: &Side<'w>, v: &Node, w: &Node) -> bool {
        let target = |ws: &'w crate::model::Workspace, doc, version, value: &Node| {
            let text = value.as_str()?;
            let pointer = match text.strip_prefix('#') {
                Some(p) => p.to_string(),
                None if version == crate::model::Version::Swagger2 => {
                    format!("/definitions/{text}")
                }
                None => format!("/components/schemas/{text}"),
            };
            let loc = crate::model::Loc::new(doc, pointer);
            let node = ws.node(&loc)?;
            Some(ws.deref(&loc, node))
        };
        // A rename leaves the old name behind nowhere; a mapping moved to
        // another schema that still exists beside the old one is a change.
        if target(self.pair.new.ws, n.loc.doc, self.pair.new.version, v).is_some() {
            return false;
        }
        let a = target(self.pair.old.ws, o.loc.doc, self.pair.old.version, v);
        let b = target(self.pair.new.ws, n.loc.doc, self.pair.new.version, w);
        // The same schema, its own references followed (they may be renamed too).
        match (a, b) {
            (Some((la, x)), Some((lb, y))) => super::branches::equivalent(
                (self.pair.old.ws, x),
                &la,
                (self.pair.new.ws, y),
                &lb,
                &mut self.engine.proven,
                &mut { super::branches::BUDGET },
            ),
            _ => false,
        }
    }
}
