//! Which `$ref` targets are the same in both versions, all the way down.
//!
//! A target whose text is identical and whose own references all lead to
//! such targets cannot hold a change, so the schema walk skips it. On large
//! specs with reference cycles (Vapi's, GitHub's) this is what keeps a diff
//! within a second: most components did not change.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::load::{pointer, Node, Value};
use crate::model::{Spec, ROOT};

/// Pointers into the root document that are deep-equal in both versions.
pub fn deep_equal_targets(old: &Spec<'_>, new: &Spec<'_>) -> HashSet<String> {
    let old_ws = old.ws;
    // Every pointer some reference in the old root document names.
    let mut targets: Vec<&str> = old_ws
        .refs
        .iter()
        .filter(|r| r.at.doc == ROOT)
        .filter_map(|r| r.target.as_ref().ok())
        .filter(|t| t.doc == ROOT)
        .map(|t| &*t.pointer)
        .collect();
    targets.sort_unstable();
    targets.dedup();
    // References made from inside each target, found by pointer prefix.
    let mut sites: Vec<(&str, Option<&str>)> = old_ws
        .refs
        .iter()
        .filter(|r| r.at.doc == ROOT)
        .map(|r| {
            let to = r
                .target
                .as_ref()
                .ok()
                .filter(|t| t.doc == ROOT)
                .map(|t| &*t.pointer);
            (&*r.at.pointer, to)
        })
        .collect();
    sites.sort_unstable();
    let mut dirty: HashSet<&str> = HashSet::default();
    let mut users: HashMap<&str, Vec<&str>> = HashMap::default();
    for &t in &targets {
        let same = match (
            pointer::lookup(&old.ws.root().root, t),
            pointer::lookup(&new.ws.root().root, t),
        ) {
            (Some((a, _)), Some((b, _))) => a.same_value(b),
            _ => false,
        };
        if !same {
            dirty.insert(t);
        }
        let start = sites.partition_point(|(at, _)| *at < t);
        for (at, to) in &sites[start..] {
            if !at.starts_with(t) {
                break;
            }
            let inside = at.len() == t.len() || at.as_bytes()[t.len()] == b'/';
            if !inside {
                continue;
            }
            match to {
                // A reference into another file, or one that does not resolve:
                // not provably unchanged.
                None => {
                    dirty.insert(t);
                }
                Some(to) => users.entry(*to).or_default().push(t),
            }
        }
    }
    let mut todo: Vec<&str> = dirty.iter().copied().collect();
    while let Some(t) = todo.pop() {
        if let Some(list) = users.get(t) {
            for &u in list {
                if dirty.insert(u) {
                    todo.push(u);
                }
            }
        }
    }
    targets
        .into_iter()
        .filter(|t| !dirty.contains(t))
        .map(str::to_string)
        .collect()
}

/// True when every `$ref` inside `node` names a deep-equal target.
pub fn refs_all_clean(node: &Node, clean: &HashSet<String>) -> bool {
    match &node.value {
        Value::Object(o) => o.entries().iter().all(|e| {
            if &*e.key == "$ref" {
                e.value
                    .as_str()
                    .and_then(|r| r.strip_prefix('#'))
                    .is_some_and(|p| clean.contains(p))
            } else {
                refs_all_clean(&e.value, clean)
            }
        }),
        Value::Array(items) => items.iter().all(|i| refs_all_clean(i, clean)),
        _ => true,
    }
}
