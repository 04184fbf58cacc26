//! Checks that apply wherever a keyword appears in the tree, as Spectral's
//! `$..` rules do: enums and `$ref` siblings.

use crate::lint::Hit;
use crate::load::{Node, Value};
use crate::model::{Loc, Schema, Spec, Version};
use crate::rule_id::RuleId;

/// Objects that carry `enum` as a keyword: under `properties`, `enum` is
/// just the name of a property.
fn enum_holders<'w>(spec: &Spec<'w>) -> Vec<(Loc, &'w Node, &'w [Node])> {
    let mut out = Vec::new();
    spec.each_node(&mut |doc, ptr, key, node| {
        if key == Some("properties") {
            return;
        }
        if let Some(values) = node.get("enum").and_then(Node::as_array) {
            out.push((Loc::new(doc, ptr.pointer()), node, values));
        }
    });
    out
}

pub fn duplicated_enum(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    for (at, _, values) in enum_holders(spec) {
        let mut dups = Vec::new();
        // Enums of hundreds of strings (currencies, countries) are common:
        // strings by hash, the rest (rare) by value, pairwise.
        let mut strings = rustc_hash::FxHashSet::default();
        let mut others: Vec<&Node> = Vec::new();
        for v in values {
            let first = match v.as_str() {
                Some(s) => strings.insert(s),
                None if others.iter().any(|w| w.same_value(v)) => false,
                None => {
                    others.push(v);
                    true
                }
            };
            if !first {
                dups.push(short(v));
            }
        }
        if !dups.is_empty() {
            hits.push(
                Hit::new(RuleId::DuplicatedEntryInEnum, at.child("enum"))
                    .arg("values", dups.join(", ")),
            );
        }
    }
}

pub fn typed_enum(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    for (holder, node, values) in enum_holders(spec) {
        let schema = Schema::new(node, spec.version);
        let types = schema.types();
        if types.is_empty() {
            continue;
        }
        let nullable = schema.nullable();
        let at = holder.child("enum");
        for (i, v) in values.iter().enumerate() {
            let fits = if v.is_null() {
                nullable
            } else {
                types.iter().any(|t| has_type(v, t))
            };
            if !fits {
                hits.push(
                    Hit::new(RuleId::TypedEnum, at.index(i))
                        .arg("value", short(v))
                        .arg("type", types.join(" or ")),
                );
            }
        }
    }
}

fn has_type(v: &Node, t: &str) -> bool {
    match (&v.value, t) {
        (Value::String(_), "string") | (Value::Bool(_), "boolean") => true,
        (Value::Number(_), "number")
        | (Value::Array(_), "array")
        | (Value::Object(_), "object") => true,
        (Value::Number(n), "integer") => n.is_integer(),
        _ => false,
    }
}

/// A value as it would be written in JSON, cut short for a message.
fn short(v: &Node) -> String {
    let text = match &v.value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.raw().to_string(),
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "[…]".to_string(),
        Value::Object(_) => "{…}".to_string(),
    };
    if text.chars().count() > 40 {
        text.chars().take(39).chain(['…']).collect()
    } else {
        text
    }
}

pub fn ref_siblings(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    // In 3.1 a `$ref` may have siblings (they are applied alongside it).
    if spec.version == Version::OpenApi31 {
        return;
    }
    spec.each_node(&mut |doc, ptr, _, node| {
        let Some(obj) = node.as_object() else { return };
        if !obj.contains_key("$ref") {
            return;
        }
        for e in obj.entries().iter().filter(|e| &*e.key != "$ref") {
            hits.push(
                Hit::new(RuleId::NoRefSiblings, Loc::new(doc, ptr.join(&e.key)))
                    .arg("key", e.key.to_string()),
            );
        }
    });
}
