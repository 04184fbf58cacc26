//! Completeness as a property: any edit of a scalar in a schema, parameter,
//! header, response, security scheme or server of a real document gives at
//! least one finding; the refactorings that change nothing a client sees
//! (key order, a renamed component with its references, an inlined
//! reference, the other dialect's spelling) give none.
//!
//! The documents are the project's fixtures and, when `../shared` is beside
//! the checkout, real published specs from its corpus.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::{Map, Value};

use vapi_spec::diff::{self, DiffOptions};
use vapi_spec::load::{parse_bytes, to_json, Input};
use vapi_spec::model::{version, Options, Spec, Workspace};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The ids `diff` reports from `old` to `new` (both JSON text).
fn ids(old: &str, new: &str) -> Vec<String> {
    changes(old, new).into_iter().map(|(_, id, _)| id).collect()
}

/// What `diff` reports from `old` to `new`: (operation, id, new pointer).
fn changes(old: &str, new: &str) -> Vec<(Option<String>, String, String)> {
    let ws = |name: &str, text: &str| {
        let doc = parse_bytes(name, text.as_bytes().to_vec()).unwrap_or_else(|e| panic!("{e}"));
        Workspace::from_document(doc, &Input::Path(name.into()), Options::default())
    };
    let (a, b) = (ws("old.json", old), ws("new.json", new));
    let (va, vb) = (
        version::detect(&a.root().root).unwrap_or_else(|e| panic!("{e:?}")),
        version::detect(&b.root().root).unwrap_or_else(|e| panic!("{e:?}")),
    );
    let options = DiffOptions {
        today: Some(20_000),
        ..DiffOptions::default()
    };
    diff::diff(&Spec::build(&a, va), &Spec::build(&b, vb), &options)
        .iter()
        .map(|c| {
            (
                c.operation
                    .as_ref()
                    .map(|(m, p)| format!("{} {p}", m.to_ascii_uppercase())),
                c.id.to_string(),
                c.new
                    .as_ref()
                    .map(|l| l.pointer.to_string())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

fn load(path: &PathBuf) -> Option<Value> {
    let bytes = std::fs::read(path).ok()?;
    let doc = parse_bytes(&path.to_string_lossy(), bytes).ok()?;
    Some(to_json(&doc.root))
}

fn documents() -> Vec<(String, Value)> {
    let mut names: Vec<PathBuf> = [
        "fixtures/petstore.json",
        "fixtures/petstore-v2.yaml",
        "fixtures/swagger2.yaml",
        "fixtures/dialects/legacy-3.0.yaml",
    ]
    .iter()
    .map(|n| root().join(n))
    .collect();
    for shared in [
        "../shared/corpus/vapi/001_20241010T124209_ec6b75745c.json",
        "../shared/corpus/real/okta/2.8.1.json",
        "../shared/corpus/real/scalar-galaxy/0.6.9.json",
        "../shared/corpus/real/figma/0.43.0.yaml",
        "../shared/corpus/real/blockfrost/0.1.59.yaml",
    ] {
        let path = root().join(shared);
        if path.is_file() {
            names.push(path);
        }
    }
    names
        .into_iter()
        .filter_map(|p| Some((p.to_string_lossy().into_owned(), load(&p)?)))
        .collect()
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Pointers of the components operations reach, through `$ref`s outside
/// vendor extensions.
fn reachable(doc: &Value) -> HashSet<String> {
    let mut seen = HashSet::new();
    let mut todo: Vec<&Value> = vec![doc.get("paths").unwrap_or(&Value::Null)];
    if let Some(w) = doc.get("webhooks") {
        todo.push(w);
    }
    while let Some(v) = todo.pop() {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    if let Some(p) = r.strip_prefix('#') {
                        if seen.insert(p.to_string()) {
                            if let Some(target) = doc.pointer(p) {
                                todo.push(target);
                            }
                        }
                    }
                }
                // What a vendor extension refers to is no part of the API.
                todo.extend(
                    m.iter()
                        .filter(|(k, _)| !k.starts_with("x-"))
                        .map(|(_, v)| v),
                );
            }
            Value::Array(a) => todo.extend(a.iter()),
            _ => {}
        }
    }
    seen
}

/// Operation fields outside this property (summaries and descriptions go
/// to the changelog's text diff; ids and tags have rules of their own).
const OPERATION_TEXT: [&str; 5] = [
    "summary",
    "description",
    "operationId",
    "tags",
    "externalDocs",
];

/// Every scalar a client could notice a change of: in schemas, parameters,
/// headers, responses, security schemes and servers.
fn scalars(doc: &Value) -> Vec<String> {
    let reach = reachable(doc);
    let mut out = Vec::new();
    let mut stack: Vec<(String, &Value)> = Vec::new();
    for (key, v) in doc.as_object().into_iter().flatten() {
        let within = matches!(
            key.as_str(),
            "paths"
                | "servers"
                | "securityDefinitions"
                | "components"
                | "definitions"
                | "parameters"
                | "responses"
        );
        if within {
            stack.push((format!("/{}", escape(key)), v));
        }
    }
    while let Some((at, v)) = stack.pop() {
        let tokens: Vec<&str> = at.split('/').skip(1).collect();
        // Components and definitions count only when an operation reaches
        // them; security schemes always do (they are compared by name).
        let component = match tokens.first() {
            Some(&"components") if tokens.get(1) == Some(&"securitySchemes") => false,
            Some(&"components") => true,
            Some(&("definitions" | "parameters" | "responses")) => true,
            _ => false,
        };
        let depth = if tokens.first() == Some(&"components") {
            3
        } else {
            2
        };
        if component && tokens.len() >= depth {
            let base = format!("/{}", tokens[..depth].join("/"));
            if !reach.contains(&base) {
                continue;
            }
        }
        // Skip the text of operations and of path items.
        if tokens.first() == Some(&"paths") {
            let field = match tokens.len() {
                3 => Some(tokens[2]),
                4 => Some(tokens[3]),
                _ => None,
            };
            if field.is_some_and(|f| OPERATION_TEXT.contains(&f)) {
                continue;
            }
        }
        if tokens.last() == Some(&"x-vapi-ignore") {
            continue;
        }
        match v {
            Value::Object(m) => {
                for (k, c) in m {
                    stack.push((format!("{at}/{}", escape(k)), c));
                }
            }
            Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    stack.push((format!("{at}/{i}"), c));
                }
            }
            _ => out.push(at),
        }
    }
    out.sort();
    out
}

fn edited(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::from(format!("{s}-edited")),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Value::from(i.saturating_add(1)),
            None => Value::from(n.as_f64().unwrap_or(0.0) + 1.0),
        },
        Value::Bool(b) => Value::from(!*b),
        _ => Value::from("edited"),
    }
}

fn text(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

proptest! {
    // `PROPTEST_CASES=2000` for a longer hunt; 96 keeps `cargo test` quick.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_edit_of_a_scalar_is_reported(doc in any::<usize>(), pick in any::<usize>()) {
        let docs = documents();
        let (name, original) = &docs[doc % docs.len()];
        let places = scalars(original);
        prop_assume!(!places.is_empty());
        let at = &places[pick % places.len()];
        let mut changed = original.clone();
        if let Some(v) = changed.pointer_mut(at) {
            *v = edited(v);
        }
        let found = ids(&text(original), &text(&changed));
        prop_assert!(!found.is_empty(), "{}: editing {} gave no finding", name, at);
        let back = ids(&text(&changed), &text(original));
        prop_assert!(!back.is_empty(), "{}: undoing the edit of {} gave no finding", name, at);
    }
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Every operation of `doc`, as (path, method).
fn operations(doc: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, item) in doc
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        for (method, _) in item.as_object().into_iter().flatten() {
            if METHODS.contains(&method.as_str()) {
                out.push((path.clone(), method.clone()));
            }
        }
    }
    out
}

/// `doc` with one operation left (and its path item's other fields).
fn cut_to(doc: &Value, path: &str, method: &str) -> Value {
    let mut out = doc.clone();
    if let Some(Value::Object(paths)) = out.get_mut("paths") {
        paths.retain(|p, _| p == path);
        if let Some(Value::Object(item)) = paths.get_mut(path) {
            item.retain(|k, _| k == method || !METHODS.contains(&k.as_str()));
        }
    }
    if let Some(m) = out.as_object_mut() {
        m.remove("webhooks");
    }
    out
}

/// A document, its operations, and which definitions each one reaches.
struct Reach {
    name: String,
    doc: Value,
    ops: Vec<(String, String, HashSet<String>)>,
}

/// The documents for the reach property, computed once for all cases.
fn reach_documents() -> &'static [Reach] {
    static DOCS: std::sync::OnceLock<Vec<Reach>> = std::sync::OnceLock::new();
    DOCS.get_or_init(|| {
        let mut docs = documents();
        // Vapi's later versions share definitions deeply (`AssistantOverrides`
        // is reached by dozens of operations, by many paths each).
        let vapi = root().join("../shared/corpus/vapi/120_20260306T160330_73d8b709df.json");
        if let Some(v) = load(&vapi) {
            docs.push((vapi.to_string_lossy().into_owned(), v));
        }
        docs.into_iter()
            .map(|(name, doc)| {
                let ops = operations(&doc)
                    .into_iter()
                    .map(|(p, m)| {
                        let reached = reachable(&cut_to(&doc, &p, &m));
                        (p, m, reached)
                    })
                    .collect();
                Reach { name, doc, ops }
            })
            .collect()
    })
}

/// The definition a pointer lies in (`/components/schemas/X`, `/definitions/X`).
fn definition(at: &str) -> String {
    let depth = if at.starts_with("/components/") { 4 } else { 3 };
    at.split('/').take(depth).collect::<Vec<_>>().join("/")
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(32),
        ..ProptestConfig::default()
    })]

    /// An edit of a shared definition is reported on each operation that
    /// reaches it exactly as it is when that operation is alone in the spec.
    /// The definition is one a random operation reaches, so definitions
    /// shared by many operations are picked most.
    #[test]
    fn a_shared_change_is_reported_on_every_operation_it_reaches(
        doc in any::<usize>(),
        op in any::<usize>(),
        pick in any::<usize>(),
        start in any::<usize>(),
    ) {
        let docs = reach_documents();
        let Reach { name, doc: original, ops } = &docs[doc % docs.len()];
        prop_assume!(!ops.is_empty());
        let reached = &ops[op % ops.len()].2;
        let places: Vec<String> = scalars(original)
            .into_iter()
            .filter(|p| p.starts_with("/components/schemas/") || p.starts_with("/definitions/"))
            .filter(|p| reached.contains(&definition(p)))
            // A broken reference is reported once, where it is written.
            .filter(|p| !p.ends_with("/$ref"))
            .collect();
        prop_assume!(!places.is_empty());
        let at = &places[pick % places.len()];
        let base = definition(at);
        let mut changed = original.clone();
        if let Some(v) = changed.pointer_mut(at) {
            *v = edited(v);
        }
        let full = changes(&text(original), &text(&changed));
        let reaching: Vec<&(String, String, HashSet<String>)> =
            ops.iter().filter(|(_, _, r)| r.contains(&base)).collect();
        for k in 0..reaching.len().min(12) {
            let (path, method, _) = reaching[(start + k) % reaching.len()];
            let alone = cut_to(original, path, method);
            let label = format!("{} {}", method.to_ascii_uppercase(), path);
            let of_op = |list: Vec<(Option<String>, String, String)>| {
                let mut v: Vec<(String, String)> = list
                    .into_iter()
                    .filter(|(o, _, _)| o.as_deref() == Some(label.as_str()))
                    .map(|(_, id, ptr)| (id, ptr))
                    .collect();
                v.sort();
                v
            };
            let want = of_op(changes(&text(&alone), &text(&cut_to(&changed, path, method))));
            let got = of_op(full.clone());
            prop_assert!(!want.is_empty(), "{}: editing {} gave {} nothing alone", name, at, label);
            prop_assert_eq!(got, want, "{}: editing {}, {} in the whole spec against alone", name, at, label);
        }
    }
}

/// The same value with every object's members in the opposite order.
fn reversed(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, c) in m.iter().rev() {
                out.insert(k.clone(), reversed(c));
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(reversed).collect()),
        other => other.clone(),
    }
}

/// Moves the schema `component` (under `base`) to the name `to`.
fn rename_component(doc: &mut Value, base: &str, component: &str, to: &str) {
    let container = if base.contains("components") {
        doc.pointer_mut("/components/schemas")
    } else {
        doc.get_mut("definitions")
    };
    if let Some(Value::Object(m)) = container {
        if let Some(v) = m.remove(component) {
            m.insert(to.to_string(), v);
        }
    }
}

/// Points every `$ref` (and discriminator mapping) at `from` to `to`.
fn replace_refs(v: &mut Value, from: &str, to: &str) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get_mut("$ref") {
                if r == from {
                    *r = to.to_string();
                }
            }
            if let Some(Value::Object(mapping)) = m.get_mut("mapping") {
                for target in mapping.values_mut() {
                    if target.as_str() == Some(from) {
                        *target = Value::from(to);
                    }
                }
            }
            for c in m.values_mut() {
                replace_refs(c, from, to);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|c| replace_refs(c, from, to)),
        _ => {}
    }
}

/// Points every `$ref` and mapping into a renamed component at its new name.
fn rename_refs(v: &mut Value, names: &HashMap<String, String>) {
    rename_refs_in(v, names, false);
}

fn rename_refs_in(v: &mut Value, names: &HashMap<String, String>, opaque: bool) {
    let rename = |r: &str| -> Option<String> {
        let end = r.match_indices('/').nth(3).map_or(r.len(), |(i, _)| i);
        let end = if r.starts_with("#/definitions/") {
            r.match_indices('/').nth(2).map_or(r.len(), |(i, _)| i)
        } else {
            end
        };
        names.get(&r[..end]).map(|to| format!("{to}{}", &r[end..]))
    };
    match v {
        Value::Object(m) => {
            for (k, c) in m.iter_mut() {
                match c {
                    Value::String(r) if k == "$ref" => {
                        if let Some(to) = rename(r) {
                            *r = to;
                        }
                    }
                    // An extension's mapping is its own text, not a reference.
                    Value::Object(mapping) if k == "mapping" && !opaque => {
                        for target in mapping.values_mut() {
                            if let Some(to) = target.as_str().and_then(rename) {
                                *target = Value::from(to);
                            }
                        }
                    }
                    _ => rename_refs_in(c, names, opaque || k.starts_with("x-")),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|c| rename_refs_in(c, names, opaque)),
        _ => {}
    }
}

fn has_ref(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.contains_key("$ref") || m.values().any(has_ref),
        Value::Array(a) => a.iter().any(has_ref),
        _ => false,
    }
}

/// Replaces the first use of `target` (a pure `{$ref}`) with the target itself.
fn inline_first(v: &mut Value, target: &str, content: &Value) -> bool {
    match v {
        Value::Object(m) => {
            if m.len() == 1 && m.get("$ref").and_then(Value::as_str) == Some(target) {
                *v = content.clone();
                return true;
            }
            m.values_mut().any(|c| inline_first(c, target, content))
        }
        Value::Array(a) => a.iter_mut().any(|c| inline_first(c, target, content)),
        _ => false,
    }
}

/// The schema components operations use, by name, where the dialect keeps them.
fn schema_components(doc: &Value) -> Vec<(String, String)> {
    let reach = reachable(doc);
    let (base, map) = match doc.pointer("/components/schemas") {
        Some(m) => ("#/components/schemas/", m),
        None => match doc.get("definitions") {
            Some(m) => ("#/definitions/", m),
            None => return Vec::new(),
        },
    };
    map.as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| (base.to_string(), k.clone()))
        .filter(|(b, k)| reach.contains(&format!("{}{}", &b[1..], escape(k))))
        .collect()
}

#[test]
fn refactorings_are_not_changes() {
    let mut failures = Vec::new();
    for (name, doc) in documents() {
        let original = text(&doc);
        let found = ids(&original, &text(&reversed(&doc)));
        if !found.is_empty() {
            failures.push(format!("{name}: reordering keys gave {found:?}"));
        }
        for (i, (base, component)) in schema_components(&doc).iter().enumerate().take(12) {
            // A renamed component, every reference updated.
            let mut renamed = doc.clone();
            rename_component(
                &mut renamed,
                base,
                component,
                &format!("{component}Renamed{i}"),
            );
            let from = format!("{base}{}", escape(component));
            replace_refs(&mut renamed, &from, &format!("{from}Renamed{i}"));
            let found = ids(&original, &text(&renamed));
            if !found.is_empty() {
                failures.push(format!("{name}: renaming {component} gave {found:?}"));
            }
            // An inlined reference, where the target holds none of its own.
            let pointer = format!("{}{}", &base[1..], escape(component));
            let Some(content) = doc.pointer(&pointer).cloned() else {
                continue;
            };
            if has_ref(&content) {
                continue;
            }
            let mut inlined = doc.clone();
            let paths = inlined.get_mut("paths");
            if paths.is_some_and(|p| inline_first(p, &from, &content)) {
                let found = ids(&original, &text(&inlined));
                if !found.is_empty() {
                    failures.push(format!("{name}: inlining {component} gave {found:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every component renamed at once, each reference updated: a `oneOf`
/// branch then differs from its old self by name and by the names of the
/// references inside it, and is still the same branch.
#[test]
fn renaming_every_component_at_once_is_not_a_change() {
    let mut failures = Vec::new();
    for (name, doc) in documents() {
        let components = schema_components(&doc);
        if components.is_empty() {
            continue;
        }
        let mut renamed = doc.clone();
        for (base, component) in &components {
            rename_component(&mut renamed, base, component, &format!("{component}V2"));
        }
        let names: HashMap<String, String> = components
            .iter()
            .map(|(base, c)| {
                let from = format!("{base}{}", escape(c));
                (from.clone(), format!("{from}V2"))
            })
            .collect();
        rename_refs(&mut renamed, &names);
        // A `$ref` inside an extension (Okta's `x-okta-multi-operation`) is
        // renamed with the rest, and the extension's text is compared as
        // text: that one edit may be told, as information.
        let found: Vec<String> = ids(&text(&doc), &text(&renamed))
            .into_iter()
            .filter(|id| id != "extension-changed")
            .collect();
        if !found.is_empty() {
            failures.push(format!("{name}: {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_same_api_in_two_dialects_is_not_a_change() {
    let read =
        |n: &str| std::fs::read_to_string(root().join(n)).unwrap_or_else(|e| panic!("{n}: {e}"));
    let (v2, v3) = (
        read("fixtures/dialects/legacy-2.0.yaml"),
        read("fixtures/dialects/legacy-3.0.yaml"),
    );
    let as_json = |t: &str| {
        let doc = parse_bytes("t.yaml", t.as_bytes().to_vec()).unwrap_or_else(|e| panic!("{e}"));
        text(&to_json(&doc.root))
    };
    assert_eq!(ids(&as_json(&v2), &as_json(&v3)), Vec::<String>::new());
    assert_eq!(ids(&as_json(&v3), &as_json(&v2)), Vec::<String>::new());
}
