//! Callbacks: in a callback the API calls the client, so every direction
//! turns round. Until each change inside one is classified with the
//! direction turned, a callback is reported as added, removed, or changed at
//! the first place where it differs, and never passed over.

use rustc_hash::FxHashSet as HashSet;

use crate::load::{Node, Value};
use crate::model::{Loc, Operation, Workspace};
use crate::rule_id::RuleId;

use super::change::{change, Changes};
use super::unchanged::refs_all_clean;
use super::Pair;

/// The pointer below `at` of the first difference between `a` and `b`,
/// following references on both sides, or `None` when they mean the same.
fn first_difference(
    (wa, la, a): (&Workspace, &Loc, &Node),
    (wb, lb, b): (&Workspace, &Loc, &Node),
    seen: &mut HashSet<(Loc, Loc)>,
) -> Option<String> {
    let (la, a) = wa.deref(la, a);
    let (lb, b) = wb.deref(lb, b);
    // A pair met again is a reference cycle, already being compared.
    if !seen.insert((la.clone(), lb.clone())) {
        return None;
    }
    match (&a.value, &b.value) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x.iter() {
                match y.get(k) {
                    None => return Some(la.child(k).pointer.to_string()),
                    Some(w) => {
                        if let Some(p) =
                            first_difference((wa, &la.child(k), v), (wb, &lb.child(k), w), seen)
                        {
                            return Some(p);
                        }
                    }
                }
            }
            y.iter()
                .find(|(k, _)| !x.contains_key(k))
                .map(|(k, _)| lb.child(k).pointer.to_string())
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if let Some(p) =
                    first_difference((wa, &la.index(i), v), (wb, &lb.index(i), w), seen)
                {
                    return Some(p);
                }
            }
            (x.len() != y.len()).then(|| lb.pointer.to_string())
        }
        _ => (!a.same_value(b)).then(|| lb.pointer.to_string()),
    }
}

pub fn compare(pair: &Pair<'_, '_>, old: &Operation<'_>, new: &Operation<'_>, out: &mut Changes) {
    let empty = crate::load::Object::default();
    let a = old
        .node
        .get("callbacks")
        .and_then(Node::as_object)
        .unwrap_or(&empty);
    let b = new
        .node
        .get("callbacks")
        .and_then(Node::as_object)
        .unwrap_or(&empty);
    let (la, lb) = (old.loc.child("callbacks"), new.loc.child("callbacks"));
    for (name, x) in a.iter() {
        match b.get(name) {
            None => out.push(
                change(RuleId::ApiCallbackRemoved)
                    .old(&la.child(name))
                    .operation(new)
                    .arg("name", name),
            ),
            Some(y) => {
                let clean = &pair.deep_equal;
                if x.same_value(y) && refs_all_clean(x, clean) {
                    continue;
                }
                let found = first_difference(
                    (pair.old.ws, &la.child(name), x),
                    (pair.new.ws, &lb.child(name), y),
                    &mut HashSet::default(),
                );
                if let Some(at) = found {
                    out.push(
                        change(RuleId::ApiCallbackChanged)
                            .old(&la.child(name))
                            .new_at(&lb.child(name))
                            .operation(new)
                            .arg("name", name)
                            .arg("where", at),
                    );
                }
            }
        }
    }
    for (name, _) in b.iter() {
        if a.get(name).is_none() {
            out.push(
                change(RuleId::ApiCallbackAdded)
                    .new_at(&lb.child(name))
                    .operation(new)
                    .arg("name", name),
            );
        }
    }
}
