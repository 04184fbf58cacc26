//! Examples that do not match their schema, checked with a real JSON Schema
//! validator in the document's own dialect: Draft 4 semantics for Swagger 2.0
//! and OpenAPI 3.0 (boolean exclusive bounds, `nullable` / `x-nullable`
//! folded into the type), JSON Schema 2020-12 for OpenAPI 3.1.

use crate::rule_id::RuleId;
use std::collections::HashMap;

use jsonschema::{Draft, Validator};
use serde_json::{Map, Value as Json};

use crate::lint::Hit;
use crate::load::{pointer, to_json, Node, Value};
use crate::model::{Loc, Spec, Version, Workspace};

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

/// Deeper than this, referenced schemas are accepted as anything.
const MAX_DEPTH: usize = 48;

/// Schema objects one conversion may produce. References are inlined, and a
/// graph of shared components can blow up when inlined; past this budget the
/// example is not checked rather than checked against a guess.
const BUDGET: usize = 20_000;

struct Converter<'w> {
    ws: &'w Workspace,
    version: Version,
    stack: Vec<Loc>,
    budget: usize,
}

impl Converter<'_> {
    fn schema(&mut self, loc: &Loc, node: &Node, depth: usize) -> Json {
        let (loc, node) = self.ws.deref(loc, node);
        if self.budget == 0 {
            return Json::Object(Map::new());
        }
        self.budget -= 1;
        if depth > MAX_DEPTH || self.stack.contains(&loc) || node.ref_target().is_some() {
            // A cycle, or a reference that did not resolve: anything goes.
            return Json::Object(Map::new());
        }
        self.stack.push(loc.clone());
        let out = self.object(&loc, node, depth);
        self.stack.pop();
        out
    }

    fn object(&mut self, loc: &Loc, node: &Node, depth: usize) -> Json {
        let Some(obj) = node.as_object() else {
            return to_json(node);
        };
        let mut map = Map::new();
        for e in obj.entries() {
            let key: &str = &e.key;
            let child = loc.child(key);
            let value = match key {
                "example" | "examples" | "default" | "x-example" => continue,
                "properties" | "patternProperties" | "definitions" | "$defs"
                | "dependentSchemas" => {
                    let mut m = Map::new();
                    if let Some(o) = e.value.as_object() {
                        for p in o.entries() {
                            m.insert(
                                p.key.to_string(),
                                self.schema(&child.child(&p.key), &p.value, depth + 1),
                            );
                        }
                    }
                    Json::Object(m)
                }
                "items"
                | "additionalProperties"
                | "not"
                | "contains"
                | "propertyNames"
                | "if"
                | "then"
                | "else"
                | "unevaluatedItems"
                | "unevaluatedProperties"
                | "additionalItems" => match &e.value.value {
                    Value::Array(items) => Json::Array(
                        items
                            .iter()
                            .enumerate()
                            .map(|(i, s)| self.schema(&child.index(i), s, depth + 1))
                            .collect(),
                    ),
                    Value::Object(_) => self.schema(&child, &e.value, depth + 1),
                    _ => to_json(&e.value),
                },
                "allOf" | "oneOf" | "anyOf" | "prefixItems" => Json::Array(
                    e.value
                        .as_array()
                        .unwrap_or_default()
                        .iter()
                        .enumerate()
                        .map(|(i, s)| self.schema(&child.index(i), s, depth + 1))
                        .collect(),
                ),
                _ => to_json(&e.value),
            };
            map.insert(key.to_string(), value);
        }
        // A readOnly property is not sent in requests and a writeOnly one is
        // not returned: examples may leave either out even when required.
        if let (Some(Json::Array(required)), Some(props)) =
            (map.get_mut("required"), node.get("properties"))
        {
            required.retain(|name| {
                let Some(p) = name.as_str().and_then(|n| props.get(n)) else {
                    return true;
                };
                let (_, p) = self.ws.deref(&loc.child("properties"), p);
                p.get_bool("readOnly") != Some(true) && p.get_bool("writeOnly") != Some(true)
            });
        }
        // One notion of nullable for the validator: a `null` type.
        let flag = match self.version {
            Version::Swagger2 => "x-nullable",
            Version::OpenApi30 => "nullable",
            Version::OpenApi31 => "",
        };
        if !flag.is_empty() && node.get_bool(flag) == Some(true) {
            if let Some(Json::Array(values)) = map.get_mut("enum") {
                if !values.contains(&Json::Null) {
                    values.push(Json::Null);
                }
            }
            match map.get("type").cloned() {
                Some(Json::String(t)) => {
                    map.insert(
                        "type".into(),
                        Json::Array(vec![Json::String(t), Json::String("null".into())]),
                    );
                }
                // No type to widen (a composition): null or the schema.
                _ => {
                    let inner = Json::Object(map);
                    let mut either = Map::new();
                    either.insert(
                        "anyOf".into(),
                        Json::Array(vec![inner, serde_json::json!({ "type": "null" })]),
                    );
                    return Json::Object(either);
                }
            }
        }
        Json::Object(map)
    }
}

/// Errors looked at to find the first one in the file; an example wrong in
/// more places than this is reported at the first of these.
const MAX_ERRORS: usize = 64;

struct Mismatch {
    inside: String,
    reason: String,
}

struct Checker<'s, 'w> {
    spec: &'s Spec<'w>,
    /// Validators by the place of the schema they check, built once.
    cache: HashMap<Loc, Option<Validator>>,
}

impl Checker<'_, '_> {
    /// The mismatch of `instance` against the schema that comes first in the
    /// file: where inside the instance (a JSON pointer suffix) and why.
    fn mismatch(&mut self, schema_at: &Loc, schema: &Node, instance: &Node) -> Option<Mismatch> {
        let spec = self.spec;
        let validator = self.cache.entry(schema_at.clone()).or_insert_with(|| {
            let mut conv = Converter {
                ws: spec.ws,
                version: spec.version,
                stack: Vec::new(),
                budget: BUDGET,
            };
            let json = conv.schema(schema_at, schema, 0);
            if conv.budget == 0 {
                return None;
            }
            let draft = if spec.version == Version::OpenApi31 {
                Draft::Draft202012
            } else {
                Draft::Draft4
            };
            // A schema the validator cannot read is another rule's business.
            jsonschema::options().with_draft(draft).build(&json).ok()
        });
        let validator = validator.as_ref()?;
        let value = to_json(instance);
        if validator.is_valid(&value) {
            return None;
        }
        validator
            .iter_errors(&value)
            .take(MAX_ERRORS)
            .map(|error| {
                let inside = error.instance_path().as_str().to_string();
                let start = pointer::lookup(instance, &inside).map(|(n, _)| n.span.start);
                (start.unwrap_or(u32::MAX), inside, error.to_string())
            })
            .min_by_key(|(start, _, _)| *start)
            .map(|(_, inside, reason)| Mismatch { inside, reason })
    }
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
    let mut checker = Checker {
        spec,
        cache: HashMap::new(),
    };
    let mut found: Vec<(RuleId, Loc, Mismatch)> = Vec::new();
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
        let mut test = |rule, schema_ptr: &str, schema: &Node, at: String, value: &Node| {
            if let Some(m) = checker.mismatch(&Loc::new(doc, schema_ptr), schema, value) {
                found.push((rule, Loc::new(doc, at), m));
            }
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
    for (rule, at, mismatch) in found {
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
