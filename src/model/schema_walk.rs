//! Every schema object of a description, found by structure rather than by
//! guessing from keywords: component schemas, the schemas of parameters,
//! headers and media types, and the subschemas inside each. References are
//! followed, and each schema is visited once, where it is defined.

use rustc_hash::FxHashSet as HashSet;

use crate::load::{Node, Value};

use super::spec::Spec;
use super::version::Version;
use super::workspace::{DocId, Loc};

/// One schema as the walk meets it.
pub struct SchemaSite<'w> {
    /// Where it is defined (after references).
    pub loc: Loc,
    pub node: &'w Node,
}

/// Keywords whose value is one subschema.
const ONE: [&str; 10] = [
    "additionalProperties",
    "items",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
];

/// Keywords whose value is a list of subschemas.
const LIST: [&str; 4] = ["allOf", "oneOf", "anyOf", "prefixItems"];

/// Keywords whose value maps names to subschemas.
const MAP: [&str; 5] = [
    "properties",
    "patternProperties",
    "dependentSchemas",
    "$defs",
    "definitions",
];

/// Calls `visit` once for every schema object reachable from the description.
pub fn each_schema<'w>(spec: &Spec<'w>, visit: &mut impl FnMut(&SchemaSite<'w>)) {
    let mut walker = Walker {
        spec,
        seen: HashSet::default(),
        depth: 0,
        pending: Vec::new(),
    };
    for root in roots(spec) {
        walker.schema(root.0, root.1, visit);
        while let Some((loc, node)) = walker.pending.pop() {
            walker.schema(loc, node, visit);
        }
    }
}

/// Where schemas start: components, and whatever operations use.
fn roots<'w>(spec: &Spec<'w>) -> Vec<(Loc, &'w Node)> {
    let mut out = Vec::new();
    let swagger = spec.version == Version::Swagger2;
    let holder = |out: &mut Vec<(Loc, &'w Node)>, loc: &Loc, node: &'w Node| {
        let (loc, node) = spec.ws.deref(loc, node);
        if let Some(schema) = node.get("schema") {
            out.push((loc.child("schema"), schema));
        }
        for field in ["content", "headers"] {
            let Some(map) = node.get(field).and_then(Node::as_object) else {
                continue;
            };
            for e in map.entries() {
                let (at, inner) = spec.ws.deref(&loc.child(field).child(&e.key), &e.value);
                if let Some(schema) = inner.get("schema") {
                    out.push((at.child("schema"), schema));
                }
            }
        }
    };
    for c in &spec.components {
        match c.kind {
            "schemas" => out.push((c.loc.clone(), c.node)),
            "parameters" | "headers" | "responses" | "requestBodies" => {
                holder(&mut out, &c.loc, c.node);
            }
            _ => {}
        }
    }
    for op in spec.operations() {
        for p in &op.params {
            if let Some((loc, node)) = &p.schema {
                out.push((loc.clone(), node));
            }
            if !swagger {
                holder(&mut out, &p.def, p.node);
            }
        }
        if let Some(body) = &op.request_body {
            for m in &body.content {
                if let Some((loc, node)) = &m.schema {
                    out.push((loc.clone(), node));
                }
            }
        }
        for r in &op.responses {
            holder(&mut out, &r.loc, r.node);
        }
    }
    out
}

struct Walker<'s, 'w> {
    spec: &'s Spec<'w>,
    /// Schemas visited, by file and position.
    seen: HashSet<(DocId, u32)>,
    /// Subschemas being walked, one inside another.
    depth: usize,
    /// References met inside a schema, walked after it: a chain of
    /// references of any length then never deepens the recursion, which the
    /// loader's nesting limit bounds.
    pending: Vec<(Loc, &'w Node)>,
}

impl<'w> Walker<'_, 'w> {
    fn schema(&mut self, loc: Loc, node: &'w Node, visit: &mut impl FnMut(&SchemaSite<'w>)) {
        if self.depth > 0 && node.ref_target().is_some() {
            self.pending.push((loc, node));
            return;
        }
        let (loc, node) = self.spec.ws.deref(&loc, node);
        let Some(obj) = node.as_object() else { return };
        if obj.contains_key("$ref") || !self.seen.insert((loc.doc, node.span.start)) {
            return;
        }
        self.depth += 1;
        visit(&SchemaSite {
            loc: loc.clone(),
            node,
        });
        for e in obj.entries() {
            let key: &str = &e.key;
            // The child's place is built only for keywords that hold
            // schemas: one allocation per subschema, not per keyword.
            match &e.value.value {
                Value::Object(_) if ONE.contains(&key) => {
                    self.schema(loc.child(key), &e.value, visit);
                }
                Value::Array(items) if LIST.contains(&key) || key == "items" => {
                    let at = loc.child(key);
                    for (i, item) in items.iter().enumerate() {
                        self.schema(at.index(i), item, visit);
                    }
                }
                Value::Object(map) if MAP.contains(&key) => {
                    let at = loc.child(key);
                    for m in map.entries() {
                        self.schema(at.child(&m.key), &m.value, visit);
                    }
                }
                _ => {}
            }
        }
        self.depth -= 1;
    }
}
