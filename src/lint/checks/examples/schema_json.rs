//! Our schemas as JSON Schema for the validator, each definition converted
//! once. A `$ref` stays a reference, into one shared resource that holds
//! every definition reached; the validator resolves it there and compiles
//! each target once per validator. Inlining instead would copy a shared
//! component once per path to it: on Vapi's spec two `assistantOverrides`
//! examples expanded past 20,000 schema objects each.

use std::collections::HashMap;

use serde_json::{Map, Value as Json};

use crate::load::{to_json, Node, Value};
use crate::model::{Loc, Version, Workspace};

/// The shared resource's address; definition `n` is at `#/d/n`.
pub const URI: &str = "urn:vapi-spec:schemas";

/// Deeper than this, a schema written out in place is accepted as anything.
const MAX_DEPTH: usize = 64;

/// Every definition converted so far, by its place.
pub struct Defs<'w> {
    ws: &'w Workspace,
    version: Version,
    index: HashMap<Loc, usize>,
    json: Vec<Json>,
    /// Schema objects in each definition, not counting what it references.
    sizes: Vec<usize>,
    /// The definitions each one references.
    edges: Vec<Vec<usize>>,
}

/// The address of definition `n`.
pub fn address(n: usize) -> String {
    format!("{URI}#/d/{n}")
}

impl<'w> Defs<'w> {
    pub fn new(ws: &'w Workspace, version: Version) -> Defs<'w> {
        Defs {
            ws,
            version,
            index: HashMap::new(),
            json: Vec::new(),
            sizes: Vec::new(),
            edges: Vec::new(),
        }
    }

    /// The definition of the schema at `loc`, converted with everything it
    /// references; `None` when it is a reference that does not resolve.
    pub fn define(&mut self, loc: &Loc, node: &'w Node) -> Option<usize> {
        let (loc, node) = self.ws.deref(loc, node);
        if node.ref_target().is_some() {
            return None;
        }
        if let Some(&n) = self.index.get(&loc) {
            return Some(n);
        }
        let first = self.reserve(loc.clone());
        let mut pending = vec![(first, loc, node)];
        while let Some((n, loc, node)) = pending.pop() {
            let mut one = One {
                defs: self,
                pending: &mut pending,
                size: 0,
                edges: Vec::new(),
            };
            let json = one.object(&loc, node, 0);
            let (size, edges) = (one.size, one.edges);
            self.json[n] = json;
            self.sizes[n] = size;
            self.edges[n] = edges;
        }
        Some(first)
    }

    fn reserve(&mut self, loc: Loc) -> usize {
        let n = self.json.len();
        self.index.insert(loc, n);
        self.json.push(Json::Null);
        self.sizes.push(0);
        self.edges.push(Vec::new());
        n
    }

    /// Whether a validator of definition `n` compiles at most `budget`
    /// schema objects: its own and those of every definition it reaches,
    /// each once. The walk stops as soon as the budget is spent, and `seen`
    /// is kept between calls (each call marks with its own round number), so
    /// that checking every example's root costs no more than the budget each.
    pub fn within(&self, n: usize, budget: usize, seen: &mut (Vec<u32>, u32)) -> bool {
        let (seen, round) = seen;
        seen.resize(self.json.len(), 0);
        *round += 1;
        let mark = *round;
        let mut stack = vec![n];
        let mut total = 0;
        while let Some(k) = stack.pop() {
            if std::mem::replace(&mut seen[k], mark) == mark {
                continue;
            }
            total += self.sizes[k];
            if total > budget {
                return false;
            }
            stack.extend(self.edges[k].iter().copied().filter(|&e| seen[e] != mark));
        }
        true
    }

    /// Every definition converted, definition `n` at index `n`.
    pub fn definitions(&self) -> &[Json] {
        &self.json
    }

    /// The shared resource: `{"d": [definition 0, definition 1, …]}`.
    pub fn into_resource(self) -> Json {
        let mut map = Map::new();
        map.insert("d".into(), Json::Array(self.json));
        Json::Object(map)
    }
}

/// One definition being converted: what it references is queued, not inlined.
struct One<'d, 'w> {
    defs: &'d mut Defs<'w>,
    pending: &'d mut Vec<(usize, Loc, &'w Node)>,
    size: usize,
    edges: Vec<usize>,
}

fn anything() -> Json {
    Json::Object(Map::new())
}

impl<'w> One<'_, 'w> {
    /// A schema in place: a reference to its definition when it is a
    /// `$ref`, else converted here.
    fn schema(&mut self, loc: &Loc, node: &'w Node, depth: usize) -> Json {
        if node.ref_target().is_none() {
            return self.object(loc, node, depth);
        }
        let (target, found) = self.defs.ws.deref(loc, node);
        if found.ref_target().is_some() {
            // A reference that did not resolve: anything goes.
            return anything();
        }
        let n = match self.defs.index.get(&target) {
            Some(&n) => n,
            None => {
                let n = self.defs.reserve(target.clone());
                self.pending.push((n, target, found));
                n
            }
        };
        self.edges.push(n);
        let mut map = Map::new();
        map.insert("$ref".into(), Json::String(address(n)));
        Json::Object(map)
    }

    fn object(&mut self, loc: &Loc, node: &'w Node, depth: usize) -> Json {
        let Some(obj) = node.as_object() else {
            return to_json(node);
        };
        if depth > MAX_DEPTH {
            return anything();
        }
        self.size += 1;
        let mut map = Map::new();
        for e in obj.entries() {
            let key: &str = &e.key;
            let value = match key {
                "example" | "examples" | "default" | "x-example" => continue,
                "properties" | "patternProperties" | "definitions" | "$defs"
                | "dependentSchemas" => {
                    let child = loc.child(key);
                    let mut m = Map::new();
                    if let Some(o) = e.value.as_object() {
                        for p in o.entries() {
                            let at = child.child(&p.key);
                            m.insert(p.key.to_string(), self.schema(&at, &p.value, depth + 1));
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
                    Value::Array(items) => {
                        let child = loc.child(key);
                        Json::Array(
                            items
                                .iter()
                                .enumerate()
                                .map(|(i, s)| self.schema(&child.index(i), s, depth + 1))
                                .collect(),
                        )
                    }
                    Value::Object(_) => self.schema(&loc.child(key), &e.value, depth + 1),
                    _ => to_json(&e.value),
                },
                "allOf" | "oneOf" | "anyOf" | "prefixItems" => {
                    let child = loc.child(key);
                    Json::Array(
                        e.value
                            .as_array()
                            .unwrap_or_default()
                            .iter()
                            .enumerate()
                            .map(|(i, s)| self.schema(&child.index(i), s, depth + 1))
                            .collect(),
                    )
                }
                _ => to_json(&e.value),
            };
            map.insert(key.to_string(), value);
        }
        self.relax_required(loc, node, &mut map);
        nullable(self.defs.version, node, map)
    }

    /// A readOnly property is not sent in requests and a writeOnly one is
    /// not returned: examples may leave either out even when required.
    fn relax_required(&self, loc: &Loc, node: &Node, map: &mut Map<String, Json>) {
        if let (Some(Json::Array(required)), Some(props)) =
            (map.get_mut("required"), node.get("properties"))
        {
            let at = loc.child("properties");
            required.retain(|name| {
                let Some(p) = name.as_str().and_then(|n| props.get(n)) else {
                    return true;
                };
                let (_, p) = self.defs.ws.deref(&at, p);
                p.get_bool("readOnly") != Some(true) && p.get_bool("writeOnly") != Some(true)
            });
        }
    }
}

/// One notion of nullable for the validator: a `null` type.
fn nullable(version: Version, node: &Node, mut map: Map<String, Json>) -> Json {
    let flag = match version {
        Version::Swagger2 => "x-nullable",
        Version::OpenApi30 => "nullable",
        Version::OpenApi31 => return Json::Object(map),
    };
    if node.get_bool(flag) != Some(true) {
        return Json::Object(map);
    }
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
            Json::Object(map)
        }
        // No type to widen (a composition): null or the schema.
        _ => {
            let mut either = Map::new();
            either.insert(
                "anyOf".into(),
                Json::Array(vec![
                    Json::Object(map),
                    serde_json::json!({ "type": "null" }),
                ]),
            );
            Json::Object(either)
        }
    }
}
