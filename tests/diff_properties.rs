//! Property tests: random edits of real documents never make `diff` panic,
//! and any document compared with itself reports nothing.

use proptest::prelude::*;
use serde_json::Value;

use vapi_spec::diff::{self, DiffOptions};
use vapi_spec::load::{parse_bytes, Input};
use vapi_spec::model::{version, Options, Spec, Workspace};

fn changes(old: &str, new: &str) -> Option<usize> {
    let ws = |name: &str, text: &str| {
        let doc = parse_bytes(name, text.as_bytes().to_vec()).ok()?;
        Some(Workspace::from_document(
            doc,
            &Input::Path(name.into()),
            Options::default(),
        ))
    };
    let (a, b) = (ws("old.json", old)?, ws("new.json", new)?);
    let (va, vb) = (
        version::detect(&a.root().root).ok()?,
        version::detect(&b.root().root).ok()?,
    );
    Some(
        diff::diff(
            &Spec::build(&a, va),
            &Spec::build(&b, vb),
            &DiffOptions::default(),
        )
        .len(),
    )
}

/// Every path to an object member or array item, in document order.
fn places(v: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                path.push(k.clone());
                out.push(path.clone());
                places(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(i.to_string());
                out.push(path.clone());
                places(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn at<'v>(v: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    let mut cur = v;
    for token in path {
        cur = match cur {
            Value::Object(m) => m.get_mut(token)?,
            Value::Array(a) => a.get_mut(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// One edit of the kinds API authors make: remove a member, change a value,
/// flip a flag, add to a list.
fn edit(doc: &mut Value, pick: usize, kind: u8) {
    let mut all = Vec::new();
    places(doc, &mut Vec::new(), &mut all);
    if all.is_empty() {
        return;
    }
    let path = all[pick % all.len()].clone();
    match kind % 5 {
        0 => {
            let (last, parent) = match path.split_last() {
                Some(x) => x,
                None => return,
            };
            match at(doc, parent) {
                Some(Value::Object(m)) => {
                    m.remove(last);
                }
                Some(Value::Array(a)) => {
                    if let Ok(i) = last.parse::<usize>() {
                        if i < a.len() {
                            a.remove(i);
                        }
                    }
                }
                _ => {}
            }
        }
        1 => {
            if let Some(v) = at(doc, &path) {
                *v = match v {
                    Value::Number(n) => Value::from(n.as_f64().unwrap_or(0.0) * 2.0 + 1.0),
                    Value::String(s) => Value::from(format!("{s}-changed")),
                    Value::Bool(b) => Value::from(!*b),
                    _ => Value::Null,
                };
            }
        }
        2 => {
            if let Some(Value::Object(m)) = at(doc, &path) {
                m.insert("required".into(), Value::from(true));
                m.insert("nullable".into(), Value::from(true));
            }
        }
        3 => {
            if let Some(Value::Array(a)) = at(doc, &path) {
                a.push(Value::from("added"));
            }
        }
        _ => {
            if let Some(Value::Object(m)) = at(doc, &path) {
                m.insert("type".into(), Value::from("integer"));
                m.insert("maximum".into(), Value::from(3));
            }
        }
    }
}

fn documents() -> Vec<(String, Value)> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for name in ["fixtures/petstore.json", "fixtures/problems.json"] {
        let text =
            std::fs::read_to_string(root.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        out.push((name.to_string(), v));
    }
    // A real published spec, when the shared corpus is beside the checkout.
    let vapi = root.join("../shared/corpus/vapi/001_20241010T124209_ec6b75745c.json");
    if let Ok(text) = std::fs::read_to_string(&vapi) {
        if let Ok(v) = serde_json::from_str(&text) {
            out.push(("vapi 001".to_string(), v));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_never_panic_and_self_diff_is_empty(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6)
    ) {
        for (name, original) in documents() {
            let mut edited = original.clone();
            for (pick, kind) in &edits {
                edit(&mut edited, *pick, *kind);
            }
            let before = serde_json::to_string_pretty(&original).unwrap_or_default();
            let after = serde_json::to_string_pretty(&edited).unwrap_or_default();
            // Either direction may report anything, but must not panic.
            let _ = changes(&before, &after);
            let _ = changes(&after, &before);
            if let Some(n) = changes(&after, &after) {
                prop_assert_eq!(n, 0, "{} compared with itself after {:?}", name, edits);
            }
        }
    }
}
