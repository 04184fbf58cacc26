//! Examples that do not match their schema, checked with a real JSON Schema
//! validator in the document's own dialect: Draft 4 semantics for Swagger 2.0
//! and OpenAPI 3.0 (boolean exclusive bounds, `nullable` / `x-nullable`
//! folded into the type), JSON Schema 2020-12 for OpenAPI 3.1.

mod schema_json;
mod sure;

use crate::rule_id::RuleId;
use std::collections::HashMap;

use jsonschema::{Draft, Registry, Validator};

use crate::lint::Hit;
use crate::load::{pointer, to_json, Node};
use crate::model::{Loc, Spec, Version};

use schema_json::Defs;

/// Keywords that make an object a schema rather than a media type or example.
const SCHEMA_WORDS: [&str; 14] = [
    "type",
    "properties",
    "items",
    "enum",
    "format",
    "pattern",
    "minimum",
    "maximum",
    "allOf",
    "oneOf",
    "anyOf",
    "required",
    "minLength",
    "maxLength",
];

/// Schema objects one validator may compile, each definition counted once.
/// Past this the example is not checked rather than checked against a guess.
const BUDGET: usize = 20_000;

/// Errors looked at to find the first one in the file; an example wrong in
/// more places than this is reported at the first of these.
const MAX_ERRORS: usize = 64;

struct Mismatch {
    inside: String,
    reason: String,
}

/// One example and the schema it must match.
struct Test<'w> {
    rule: RuleId,
    schema_at: Loc,
    schema: &'w Node,
    at: String,
    value: &'w Node,
}

/// The mismatch of `instance` that comes first in the file: where inside the
/// instance (a JSON pointer suffix) and why. With `member`, the validator is
/// the one for all roots, and the instance is checked as that member of an
/// object, whose name is then cut from every path.
fn mismatch(
    validator: &Validator,
    instance: &Node,
    mut value: serde_json::Value,
    member: Option<&str>,
) -> Option<Mismatch> {
    if let Some(name) = member {
        let mut wrapper = serde_json::Map::new();
        wrapper.insert(name.to_string(), value);
        value = serde_json::Value::Object(wrapper);
    }
    if validator.is_valid(&value) {
        return None;
    }
    let prefix = member.map(|name| format!("/{name}"));
    validator
        .iter_errors(&value)
        .take(MAX_ERRORS)
        .map(|error| {
            let path = error.instance_path().as_str();
            let inside = match &prefix {
                Some(p) => path.strip_prefix(p.as_str()).unwrap_or(path),
                None => path,
            }
            .to_string();
            let start = pointer::lookup(instance, &inside).map(|(n, _)| n.span.start);
            (start.unwrap_or(u32::MAX), inside, error.to_string())
        })
        .min_by_key(|(start, _, _)| *start)
        .map(|(_, inside, reason)| Mismatch { inside, reason })
}

/// Every test against its schema, each schema converted and compiled once:
/// one validator holds every root as a property of its own, so a definition
/// that many examples reach is compiled once, not once per root. Should that
/// validator not build (one definition it cannot read), each root gets its
/// own and only the unreadable ones go unchecked.
fn run(spec: &Spec<'_>, tests: Vec<Test<'_>>) -> Vec<(RuleId, Loc, Mismatch)> {
    let mut defs = Defs::new(spec.ws, spec.version);
    let roots: Vec<Option<usize>> = tests
        .iter()
        .map(|t| defs.define(&t.schema_at, t.schema))
        .collect();
    let mut seen = (Vec::new(), 0);
    let checked: Vec<Option<usize>> = roots
        .iter()
        .map(|r| r.filter(|&n| defs.within(n, BUDGET, &mut seen)))
        .collect();
    // Only the examples to be checked are converted.
    let values: Vec<Option<serde_json::Value>> = tests
        .iter()
        .zip(&checked)
        .map(|(t, root)| root.map(|_| to_json(t.value)))
        .collect();
    // What is surely valid needs no validator: most examples match, and
    // compiling for them was most of this check's time.
    let mut judge = sure::Judge::new(defs.definitions(), spec.version != Version::OpenApi31);
    let checked: Vec<Option<usize>> = checked
        .into_iter()
        .zip(&values)
        .map(|(root, value)| {
            let value = value.as_ref()?;
            root.filter(|&n| judge.definition(n, value) != sure::Verdict::Valid)
        })
        .collect();
    if checked.iter().all(Option::is_none) {
        return Vec::new();
    }
    let draft = if spec.version == Version::OpenApi31 {
        Draft::Draft202012
    } else {
        Draft::Draft4
    };
    let resource = defs.into_resource();
    // A schema the validator cannot read is another rule's business.
    let Ok(registry) = Registry::new()
        .draft(draft)
        .add(schema_json::URI, resource)
        .and_then(|b| b.prepare())
    else {
        return Vec::new();
    };
    let build = |schema: serde_json::Value| {
        jsonschema::options()
            .with_draft(draft)
            .with_registry(&registry)
            .build(&schema)
            .ok()
    };
    let reference = |root: usize| serde_json::json!({ "$ref": schema_json::address(root) });
    let members: serde_json::Map<String, serde_json::Value> = checked
        .iter()
        .flatten()
        .map(|&root| (root.to_string(), reference(root)))
        .collect();
    let all = if members.is_empty() {
        None
    } else {
        build(serde_json::json!({ "properties": members }))
    };
    let mut validators: HashMap<usize, Option<Validator>> = HashMap::new();
    let mut found = Vec::new();
    for ((test, root), value) in tests.into_iter().zip(checked).zip(values) {
        let (Some(root), Some(value)) = (root, value) else {
            continue;
        };
        let m = match &all {
            Some(all) => mismatch(all, test.value, value, Some(&root.to_string())),
            None => {
                let validator = validators
                    .entry(root)
                    .or_insert_with(|| build(reference(root)));
                let Some(validator) = validator.as_ref() else {
                    continue;
                };
                mismatch(validator, test.value, value, None)
            }
        };
        if let Some(m) = m {
            found.push((test.rule, Loc::new(test.schema_at.doc, test.at), m));
        }
    }
    found
}

pub fn check(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    let (schema_rule, media_rule) = match spec.version {
        Version::Swagger2 => (
            RuleId::Oas2ValidSchemaExample,
            RuleId::Oas2ValidMediaExample,
        ),
        _ => (
            RuleId::Oas3ValidSchemaExample,
            RuleId::Oas3ValidMediaExample,
        ),
    };
    let mut tests: Vec<Test<'_>> = Vec::new();
    spec.each_node(&mut |doc, trail, key, node| {
        let Some(obj) = node.as_object() else { return };
        if matches!(key, Some("example" | "examples" | "default")) {
            return;
        }
        // Every test below is of one of these members.
        if !["example", "examples", "default", "x-example"]
            .iter()
            .any(|k| obj.contains_key(k))
        {
            return;
        }
        let ptr = trail.pointer();
        let ptr = ptr.as_str();
        let mut test = |rule, schema_ptr: &str, schema, at: String, value| {
            tests.push(Test {
                rule,
                schema_at: Loc::new(doc, schema_ptr),
                schema,
                at,
                value,
            });
        };
        // A media type, parameter or header: its examples against its `schema`.
        if let Some(schema) = obj.get("schema").filter(|s| s.as_object().is_some()) {
            let schema_ptr = pointer::join(ptr, "schema");
            if let Some(example) = obj.get("example") {
                test(
                    media_rule,
                    &schema_ptr,
                    schema,
                    pointer::join(ptr, "example"),
                    example,
                );
            }
            if let Some(examples) = obj.get("examples").and_then(Node::as_object) {
                let base = pointer::join(ptr, "examples");
                for e in examples.entries() {
                    let at = pointer::join(&base, &e.key);
                    // 2.0 response examples map media types to values.
                    let (value, at) = if spec.version == Version::Swagger2 {
                        (Some(&e.value), at)
                    } else {
                        (e.value.get("value"), pointer::join(&at, "value"))
                    };
                    if let Some(value) = value {
                        test(media_rule, &schema_ptr, schema, at, value);
                    }
                }
            }
            return;
        }
        // A schema: its own `example` and `default`.
        if !SCHEMA_WORDS.iter().any(|w| obj.contains_key(w)) {
            return;
        }
        for field in ["example", "default", "x-example"] {
            if let Some(value) = obj.get(field) {
                test(schema_rule, ptr, node, pointer::join(ptr, field), value);
            }
        }
        if spec.version == Version::OpenApi31 {
            if let Some(items) = obj.get("examples").and_then(Node::as_array) {
                let base = pointer::join(ptr, "examples");
                for (i, value) in items.iter().enumerate() {
                    test(schema_rule, ptr, node, pointer::join_index(&base, i), value);
                }
            }
        }
    });
    for (rule, at, mismatch) in run(spec, tests) {
        // Point at the offending part of the example when it is written out.
        let inside = Loc::new(at.doc, format!("{}{}", at.pointer, mismatch.inside));
        let loc = if spec.ws.node(&inside).is_some() {
            inside
        } else {
            at
        };
        hits.push(Hit::new(rule, loc).arg("reason", mismatch.reason));
    }
}
