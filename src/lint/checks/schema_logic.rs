//! Schemas that say something other than what their author meant: `nullable`
//! with no type to make nullable, required properties that are never
//! defined, and compositions no value can satisfy. Redocly and vacuum have
//! these; Spectral does not.

use crate::rule_id::RuleId;
use std::collections::BTreeSet;

use crate::lint::Hit;
use crate::load::Node;
use crate::model::{each_schema, Loc, Schema, SchemaSite, Spec, Version};

/// How far `allOf` / `oneOf` / `anyOf` members are followed to collect the
/// properties a schema defines.
const MAX_COMPOSITION_DEPTH: usize = 16;

/// The three checks share one walk over every schema, which on a large
/// description costs more than the checks themselves.
pub fn check(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    each_schema(spec, &mut |site| {
        nullable_type_sibling(spec, site, hits);
        required_properties_defined(spec, site, hits);
        illogical_composition(spec, site, hits);
    });
}

fn nullable_type_sibling(spec: &Spec<'_>, site: &SchemaSite<'_>, hits: &mut Vec<Hit>) {
    // 3.0 only: in 2.0 it is an extension and in 3.1 `null` is a type.
    if spec.version == Version::OpenApi30
        && site.node.get("nullable").is_some()
        && site.node.get("type").is_none()
    {
        hits.push(Hit::new(
            RuleId::NullableTypeSibling,
            site.loc.child("nullable"),
        ));
    }
}

fn required_properties_defined(spec: &Spec<'_>, site: &SchemaSite<'_>, hits: &mut Vec<Hit>) {
    {
        let Some(required) = site.node.get("required").and_then(Node::as_array) else {
            return;
        };
        // A bare `required` list constrains properties defined next to it
        // (a sibling in `allOf`, say), and pattern or open-ended properties
        // cannot be listed; neither is a mistake this rule can see.
        let composed = ["allOf", "oneOf", "anyOf"]
            .iter()
            .any(|k| site.node.get(k).is_some());
        if (site.node.get("properties").is_none() && !composed)
            || site.node.get("patternProperties").is_some()
        {
            return;
        }
        let mut defined = BTreeSet::new();
        collect_properties(spec, &site.loc, site.node, 0, &mut defined);
        let at = site.loc.child("required");
        for (i, name) in required.iter().enumerate() {
            let Some(name) = name.as_str() else { continue };
            if !defined.contains(name) {
                hits.push(
                    Hit::new(RuleId::NoRequiredSchemaPropertiesUndefined, at.index(i))
                        .arg("name", name),
                );
            }
        }
    }
}

fn collect_properties<'w>(
    spec: &Spec<'w>,
    loc: &Loc,
    node: &'w Node,
    depth: usize,
    out: &mut BTreeSet<&'w str>,
) {
    if depth > MAX_COMPOSITION_DEPTH {
        return;
    }
    let (loc, node) = spec.ws.deref(loc, node);
    if let Some(props) = node.get("properties").and_then(Node::as_object) {
        out.extend(props.iter().map(|(k, _)| k));
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        let Some(members) = node.get(key).and_then(Node::as_array) else {
            continue;
        };
        let at = loc.child(key);
        for (i, m) in members.iter().enumerate() {
            collect_properties(spec, &at.index(i), m, depth + 1, out);
        }
    }
}

/// The JSON types a schema allows, `integer` counted as a `number`; `None`
/// when it does not say.
fn allowed_types(spec: &Spec<'_>, loc: &Loc, node: &Node) -> Option<BTreeSet<String>> {
    let (_, node) = spec.ws.deref(loc, node);
    let schema = Schema::new(node, spec.version);
    let types = schema.types();
    if types.is_empty() {
        return None;
    }
    let mut set: BTreeSet<String> = types.iter().map(|t| t.to_string()).collect();
    if set.contains("number") {
        set.insert("integer".to_string());
    }
    if schema.nullable() {
        set.insert("null".to_string());
    }
    Some(set)
}

fn overlaps(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    a.iter().any(|t| b.contains(t))
}

fn list(types: &BTreeSet<String>) -> String {
    types
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" or ")
}

fn illogical_composition(spec: &Spec<'_>, site: &SchemaSite<'_>, hits: &mut Vec<Hit>) {
    const RULE: RuleId = RuleId::NoIllogicalComposition;
    {
        let own = allowed_types(spec, &site.loc, site.node);
        if let Some(members) = site.node.get("allOf").and_then(Node::as_array) {
            let at = site.loc.child("allOf");
            let mut so_far = own.clone();
            for (i, m) in members.iter().enumerate() {
                let Some(types) = allowed_types(spec, &at.index(i), m) else {
                    continue;
                };
                match &so_far {
                    Some(before) if !overlaps(before, &types) => {
                        hits.push(Hit::new(RULE, at.index(i)).arg(
                            "detail",
                            format!(
                                "this `allOf` member allows only {} but what comes before it allows only {}, so no value matches them all",
                                list(&types),
                                list(before)
                            ),
                        ));
                        return;
                    }
                    Some(before) => {
                        so_far = Some(before.intersection(&types).cloned().collect());
                    }
                    None => so_far = Some(types),
                }
            }
        }
        for key in ["oneOf", "anyOf"] {
            let Some(members) = site.node.get(key).and_then(Node::as_array) else {
                continue;
            };
            let at = site.loc.child(key);
            // Earlier members by hash: a `oneOf` of thousands of branches is
            // searched for repeats in one pass, not pair by pair.
            let mut earlier: rustc_hash::FxHashMap<u64, Vec<&Node>> = Default::default();
            for (i, m) in members.iter().enumerate() {
                let bucket = earlier.entry(m.value_hash()).or_default();
                let repeat = bucket.iter().any(|e| e.same_value(m));
                bucket.push(m);
                if repeat {
                    let why = if key == "oneOf" {
                        "a value that matches it also matches its twin, and `oneOf` then fails"
                    } else {
                        "it adds nothing to the `anyOf`"
                    };
                    hits.push(Hit::new(RULE, at.index(i)).arg(
                        "detail",
                        format!("this `{key}` member repeats an earlier one: {why}"),
                    ));
                }
            }
            if let Some(own) = &own {
                let member_types: Vec<Option<BTreeSet<String>>> = members
                    .iter()
                    .enumerate()
                    .map(|(i, m)| allowed_types(spec, &at.index(i), m))
                    .collect();
                let all_known =
                    !member_types.is_empty() && member_types.iter().all(Option::is_some);
                if all_known && member_types.iter().flatten().all(|t| !overlaps(own, t)) {
                    hits.push(Hit::new(RULE, at.clone()).arg(
                        "detail",
                        format!(
                            "the schema allows only {} and none of its `{key}` members does, so no value matches",
                            list(own)
                        ),
                    ));
                }
            }
        }
    }
}
