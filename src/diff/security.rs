//! Security requirements (global and per operation) and security schemes.

use crate::load::Node;
use crate::model::{Loc, Operation, ROOT};

use super::change::{change, Changes};
use super::Pair;

/// One requirement object: its key (scheme names, sorted and joined), each
/// scheme with its scopes, and its index in the list.
struct Requirement<'n> {
    key: String,
    schemes: Vec<(&'n str, Vec<&'n str>)>,
    index: usize,
}

fn requirements(list: Option<&Node>) -> Vec<Requirement<'_>> {
    let Some(items) = list.and_then(Node::as_array) else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, req)| {
            let obj = req.as_object()?;
            let mut schemes: Vec<(&str, Vec<&str>)> = obj
                .iter()
                .map(|(name, scopes)| {
                    let scopes = scopes
                        .as_array()
                        .map(|s| s.iter().filter_map(Node::as_str).collect())
                        .unwrap_or_default();
                    (name, scopes)
                })
                .collect();
            schemes.sort_by(|a, b| a.0.cmp(b.0));
            let key = schemes
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(" and ");
            Some(Requirement {
                key,
                schemes,
                index: i,
            })
        })
        .collect()
}

/// Compares two lists of security requirements; `prefix` is `api-global` or `api`.
fn compare_lists(
    prefix: &str,
    (old, old_at): (Option<&Node>, &Loc),
    (new, new_at): (Option<&Node>, &Loc),
    op: Option<&Operation<'_>>,
    out: &mut Changes,
) {
    let a = requirements(old);
    let b = requirements(new);
    let with_op = |c: super::Change| match op {
        Some(op) => c.operation(op),
        None => c,
    };
    for Requirement {
        key,
        schemes,
        index: i,
    } in &a
    {
        match b.iter().find(|r| &r.key == key) {
            None => out.push(with_op(
                change(format!("{prefix}-security-removed"))
                    .old(&old_at.index(*i))
                    .new_at(new_at)
                    .arg("scheme", key.clone()),
            )),
            Some(Requirement {
                schemes: new_schemes,
                index: j,
                ..
            }) => {
                for (name, scopes) in schemes {
                    let Some((_, new_scopes)) = new_schemes.iter().find(|(n, _)| n == name) else {
                        continue;
                    };
                    for scope in scopes.iter().filter(|s| !new_scopes.contains(s)) {
                        out.push(with_op(
                            change(format!("{prefix}-security-scope-removed"))
                                .old(&old_at.index(*i))
                                .new_at(&new_at.index(*j))
                                .arg("scheme", *name)
                                .arg("scope", *scope),
                        ));
                    }
                    for scope in new_scopes.iter().filter(|s| !scopes.contains(s)) {
                        out.push(with_op(
                            change(format!("{prefix}-security-scope-added"))
                                .old(&old_at.index(*i))
                                .new_at(&new_at.index(*j))
                                .arg("scheme", *name)
                                .arg("scope", *scope),
                        ));
                    }
                }
            }
        }
    }
    for Requirement { key, index: j, .. } in &b {
        if !a.iter().any(|r| &r.key == key) {
            out.push(with_op(
                change(format!("{prefix}-security-added"))
                    .old(old_at)
                    .new_at(&new_at.index(*j))
                    .arg("scheme", key.clone()),
            ));
        }
    }
}

pub fn global(pair: &Pair<'_, '_>, out: &mut Changes) {
    let at = Loc::new(ROOT, "/security");
    compare_lists(
        "api-global",
        (pair.old.root.get("security"), &at),
        (pair.new.root.get("security"), &at),
        None,
        out,
    );
    schemes(pair, out);
}

pub fn operation(old: &Operation<'_>, new: &Operation<'_>, out: &mut Changes) {
    compare_lists(
        "api",
        (old.node.get("security"), &old.loc.child("security")),
        (new.node.get("security"), &new.loc.child("security")),
        Some(new),
        out,
    );
}

fn schemes(pair: &Pair<'_, '_>, out: &mut Changes) {
    let list = |spec: &crate::model::Spec<'_>| -> Vec<(String, Loc)> {
        spec.components
            .iter()
            .filter(|c| c.kind == "securitySchemes")
            .map(|c| (c.name.to_string(), c.loc.clone()))
            .collect()
    };
    let a = list(pair.old);
    let b = list(pair.new);
    for (name, loc) in &a {
        match b.iter().find(|(n, _)| n == name) {
            None => out.push(
                change("api-security-component-removed")
                    .old(loc)
                    .arg("name", name.clone()),
            ),
            Some((_, new_loc)) => {
                let (Some(x), Some(y)) = (pair.old.node(loc), pair.new.node(new_loc)) else {
                    continue;
                };
                if x.get_str("type") != y.get_str("type") {
                    out.push(
                        change("api-security-component-type-changed")
                            .old(&loc.child("type"))
                            .new_at(&new_loc.child("type"))
                            .arg("name", name.clone()),
                    );
                }
            }
        }
    }
    for (name, loc) in &b {
        if !a.iter().any(|(n, _)| n == name) {
            out.push(
                change("api-security-component-added")
                    .new_at(loc)
                    .arg("name", name.clone()),
            );
        }
    }
}
