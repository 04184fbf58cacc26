//! The net under the schema comparison: after the specific checks, every
//! keyword whose meaning differs between the two schemas and that no check
//! reported is reported here, by the general rule for its kind (an
//! extension, an annotation, or a keyword that affects validation). Spelling
//! that means the same (key order, `nullable` versus a `null` type,
//! `example` versus `examples`, a 2.0 discriminator string versus a 3.x
//! object, `required` in another order) is not a difference.

use rustc_hash::FxHashSet as HashSet;

use crate::load::Node;
use crate::model::Schema;
use crate::rule_id::RuleId;

use super::super::change::change;
use super::compose::type_branches;
use super::{at, Ctx, Side, Walker};

/// Keywords whose value is compared by recursion into subschemas, each of
/// which has its own residual check.
const CONTAINERS: [&str; 18] = [
    "properties",
    "items",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "prefixItems",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
    "additionalProperties",
    "patternProperties",
    "dependentSchemas",
];

/// Keywords that document and validate nothing.
const ANNOTATIONS: [&str; 12] = [
    "description",
    "title",
    "examples",
    "externalDocs",
    "$comment",
    "deprecated",
    "xml",
    "$id",
    "$schema",
    "$anchor",
    "$dynamicAnchor",
    "$vocabulary",
];

/// Keywords that never change what a schema means: references are
/// followed, and `x-vapi-ignore` only tells the linter what to skip. A
/// `$dynamicRef` is not followed (its target depends on the evaluation
/// path), so a change to it is reported by the general rule.
const IGNORED: [&str; 4] = ["$ref", "$defs", "definitions", "x-vapi-ignore"];

/// Fields of a Swagger 2.0 parameter or header, which carries its schema
/// keywords inline; the parameter comparison reports them.
const PARAMETER_FIELDS: [&str; 4] = ["name", "in", "collectionFormat", "allowEmptyValue"];

/// Spellings of one notion share a group: coverage and equality are per group.
pub(super) fn group(key: &str) -> &str {
    match key {
        "type" | "nullable" | "x-nullable" => "type",
        "minimum" | "exclusiveMinimum" => "minimum",
        "maximum" | "exclusiveMaximum" => "maximum",
        "example" | "examples" => "examples",
        other => other,
    }
}

fn items(n: Option<&Node>) -> &[Node] {
    n.and_then(Node::as_array).unwrap_or_default()
}

fn set_equal(a: Option<&Node>, b: Option<&Node>) -> bool {
    let (x, y) = (items(a), items(b));
    x.iter().all(|v| y.iter().any(|w| w.same_value(v)))
        && y.iter().all(|v| x.iter().any(|w| w.same_value(v)))
        && a.is_some() == b.is_some()
}

impl<'w> Walker<'_, '_, 'w> {
    fn same_meaning(&self, key: &str, o: &Side<'w>, n: &Side<'w>) -> bool {
        let so = Schema::new(o.node, self.pair.old.version);
        let sn = Schema::new(n.node, self.pair.new.version);
        match group(key) {
            "type" => {
                let types = |s: &Schema<'w>, side: &Side<'w>| {
                    let mut t = s.types();
                    if t.is_empty() {
                        t = type_branches(side.node).map(|(_, t)| t).unwrap_or_default();
                    }
                    t.sort_unstable();
                    t.dedup();
                    t
                };
                types(&so, o) == types(&sn, n) && so.nullable() == sn.nullable()
            }
            "minimum" => so.lower_bound() == sn.lower_bound(),
            "maximum" => so.upper_bound() == sn.upper_bound(),
            "examples" => {
                let (a, b) = (so.examples(), sn.examples());
                a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x.same_value(y))
            }
            "enum" | "required" => set_equal(o.node.get(key), n.node.get(key)),
            "discriminator" => {
                let name = |d: Option<&'w Node>| {
                    d.and_then(|d| d.as_str().or_else(|| d.get_str("propertyName")))
                };
                let rest = |d: Option<&'w Node>| {
                    d.and_then(Node::as_object).map(|m| {
                        m.iter()
                            .filter(|(k, _)| *k != "propertyName")
                            .collect::<Vec<_>>()
                    })
                };
                let (a, b) = (o.node.get(key), n.node.get(key));
                let (ra, rb) = (rest(a).unwrap_or_default(), rest(b).unwrap_or_default());
                name(a) == name(b)
                    && ra.len() == rb.len()
                    && ra
                        .iter()
                        .all(|(k, v)| rb.iter().any(|(l, w)| k == l && v.same_value(w)))
            }
            _ => match (o.node.get(key), n.node.get(key)) {
                (None, None) => true,
                (Some(a), Some(b)) => a.same_value(b),
                _ => false,
            },
        }
    }

    /// Every keyword of `o` and `n` that means something else now and that
    /// no specific comparison reported.
    pub(super) fn residual(&mut self, o: &Side<'w>, n: &Side<'w>, ctx: &Ctx) {
        let (Some(a), Some(b)) = (o.node.as_object(), n.node.as_object()) else {
            return;
        };
        let mut keys: Vec<&str> = a.iter().map(|(k, _)| k).collect();
        keys.extend(b.iter().map(|(k, _)| k).filter(|k| !a.contains_key(k)));
        let mut done: HashSet<&str> = HashSet::default();
        for key in keys {
            if IGNORED.contains(&key) || PARAMETER_FIELDS.contains(&key) {
                continue;
            }
            if ctx.parameter_fields && !super::KEYWORDS.contains(&key) {
                continue;
            }
            if ctx.merged && matches!(key, "properties" | "required") {
                // Judged merged at the schema that holds the `allOf`.
                continue;
            }
            // A Swagger 2.0 parameter's `required: true` beside its inline schema.
            if key == "required"
                && [a.get(key), b.get(key)]
                    .iter()
                    .flatten()
                    .any(|v| v.as_bool().is_some())
            {
                continue;
            }
            let g = group(key);
            let both_objects = |k: &str| {
                let shape =
                    |v: Option<&Node>| v.map(|v| (v.as_object().is_some(), v.as_array().is_some()));
                let (x, y) = (shape(a.get(k)), shape(b.get(k)));
                x.is_some() && x == y
            };
            if CONTAINERS.contains(&key) && both_objects(key) {
                continue;
            }
            if !done.insert(g) {
                continue;
            }
            if self.is_covered(&o.loc, g, ctx) || self.is_covered(&n.loc, g, ctx) {
                continue;
            }
            if self.same_meaning(key, o, n) {
                continue;
            }
            if key == "required" {
                // Names that are properties are reported with their property;
                // the others by `required_undefined`, with the properties.
                continue;
            }
            let how = match (a.get(key), b.get(key)) {
                (None, Some(_)) => "added",
                (Some(_), None) => "removed",
                _ => "changed",
            };
            let c = if key.starts_with("x-") {
                change(RuleId::ExtensionChanged)
                    .arg("field", key)
                    .place_in_operation("where", &ctx.path)
                    .arg("how", format!("was {how}"))
            } else if g == "examples" || ANNOTATIONS.contains(&key) {
                change(RuleId::AnnotationChanged)
                    .arg("field", key)
                    .place_in_operation("where", &ctx.path)
            } else {
                change(RuleId::SchemaKeywordChanged)
                    .arg("keyword", key)
                    .place("name", &ctx.path)
                    .arg("what", how)
            };
            let c = c.old(&at(o, key)).new_at(&at(n, key));
            self.emit(c);
        }
    }
}
