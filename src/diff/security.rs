//! Security requirements (global and per operation) and security schemes.

use crate::load::Node;
use crate::model::{Loc, Operation, ROOT};

use super::change::{change, Changes};
use super::fields::Leftovers;
use super::Pair;
use crate::rule_id::RuleId;

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

/// Whether the requirements that apply let a request without credentials
/// in: none at all, an empty list, or the empty requirement `{}`.
fn anonymous(list: Option<&Node>) -> bool {
    match list.and_then(Node::as_array) {
        Some(items) => {
            items.is_empty()
                || items
                    .iter()
                    .any(|r| r.as_object().is_some_and(|o| o.is_empty()))
        }
        None => true,
    }
}

/// The rules for one level of security requirements (the API's or an operation's).
struct Ids {
    removed: RuleId,
    alternative_removed: RuleId,
    added: RuleId,
    scope_removed: RuleId,
    scope_added: RuleId,
}

const GLOBAL: Ids = Ids {
    removed: RuleId::ApiGlobalSecurityRemoved,
    alternative_removed: RuleId::ApiGlobalSecurityAlternativeRemoved,
    added: RuleId::ApiGlobalSecurityAdded,
    scope_removed: RuleId::ApiGlobalSecurityScopeRemoved,
    scope_added: RuleId::ApiGlobalSecurityScopeAdded,
};

const OPERATION: Ids = Ids {
    removed: RuleId::ApiSecurityRemoved,
    alternative_removed: RuleId::ApiSecurityAlternativeRemoved,
    added: RuleId::ApiSecurityAdded,
    scope_removed: RuleId::ApiSecurityScopeRemoved,
    scope_added: RuleId::ApiSecurityScopeAdded,
};

/// Compares two lists of security requirements; `new_effective` is the list
/// that applies in the new version (an operation without a list of its own
/// inherits the API's).
fn compare_lists(
    ids: &Ids,
    (old, old_at): (Option<&Node>, &Loc),
    (new, new_at): (Option<&Node>, &Loc),
    new_effective: Option<&Node>,
    op: Option<&Operation<'_>>,
    out: &mut Changes,
) {
    let a = requirements(old);
    let b = requirements(new);
    let with_op = |c: super::Change| match op {
        Some(op) => c.operation(op),
        None => c,
    };
    // Removing a requirement refuses the clients that used it only when the
    // new list still asks for credentials; otherwise nobody is refused.
    let removed = match anonymous(new_effective) {
        true => ids.removed,
        false => ids.alternative_removed,
    };
    for Requirement {
        key,
        schemes,
        index: i,
    } in &a
    {
        match b.iter().find(|r| &r.key == key) {
            None => out.push(with_op(
                change(removed)
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
                            change(ids.scope_removed)
                                .old(&old_at.index(*i))
                                .new_at(&new_at.index(*j))
                                .arg("scheme", *name)
                                .arg("scope", *scope),
                        ));
                    }
                    for scope in new_scopes.iter().filter(|s| !scopes.contains(s)) {
                        out.push(with_op(
                            change(ids.scope_added)
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
                change(ids.added)
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
        &GLOBAL,
        (pair.old.root.get("security"), &at),
        (pair.new.root.get("security"), &at),
        pair.new.root.get("security"),
        None,
        out,
    );
    schemes(pair, out);
}

pub fn operation(pair: &Pair<'_, '_>, old: &Operation<'_>, new: &Operation<'_>, out: &mut Changes) {
    let own = new.node.get("security");
    compare_lists(
        &OPERATION,
        (old.node.get("security"), &old.loc.child("security")),
        (own, &new.loc.child("security")),
        own.or_else(|| pair.new.root.get("security")),
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
                change(RuleId::ApiSecurityComponentRemoved)
                    .old(loc)
                    .arg("name", name.clone()),
            ),
            Some((_, new_loc)) => {
                let (Some(x), Some(y)) = (pair.old.node(loc), pair.new.node(new_loc)) else {
                    continue;
                };
                let (x, y) = (pair.old.ws.deref(loc, x), pair.new.ws.deref(new_loc, y));
                scheme(pair, name, (&x.0, x.1), (&y.0, y.1), out);
            }
        }
    }
    for (name, loc) in &b {
        if !a.iter().any(|(n, _)| n == name) {
            out.push(
                change(RuleId::ApiSecurityComponentAdded)
                    .new_at(loc)
                    .arg("name", name.clone()),
            );
        }
    }
}

/// One security scheme on both sides: what clients do to authenticate.
fn scheme(
    pair: &Pair<'_, '_>,
    name: &str,
    (la, a): (&Loc, &Node),
    (lb, b): (&Loc, &Node),
    out: &mut Changes,
) {
    let field = |id: RuleId, key: &str, case_blind: bool, out: &mut Changes| {
        let (x, y) = (a.get_str(key), b.get_str(key));
        let differ = match (x, y) {
            (Some(x), Some(y)) if case_blind => !x.eq_ignore_ascii_case(y),
            (x, y) => x != y,
        };
        if differ {
            let at = |loc: &Loc, n: &Node| {
                if n.get(key).is_some() {
                    loc.child(key)
                } else {
                    loc.clone()
                }
            };
            out.push(
                change(id)
                    .old(&at(la, a))
                    .new_at(&at(lb, b))
                    .arg("name", name)
                    .arg("old", x.unwrap_or("none"))
                    .arg("new", y.unwrap_or("none")),
            );
        }
    };
    if a.get_str("type") != b.get_str("type") {
        out.push(
            change(RuleId::ApiSecurityComponentTypeChanged)
                .old(&la.child("type"))
                .new_at(&lb.child("type"))
                .arg("name", name),
        );
    } else {
        field(RuleId::ApiSecurityComponentInChanged, "in", false, out);
        field(RuleId::ApiSecurityComponentNameChanged, "name", false, out);
        // Auth schemes are case-insensitive (RFC 7235): `Bearer` is `bearer`.
        field(
            RuleId::ApiSecurityComponentSchemeChanged,
            "scheme",
            true,
            out,
        );
        field(
            RuleId::ApiSecurityComponentBearerFormatChanged,
            "bearerFormat",
            false,
            out,
        );
        field(
            RuleId::ApiSecurityComponentOpenIdConnectUrlChanged,
            "openIdConnectUrl",
            false,
            out,
        );
        flows(name, (la, a), (lb, b), out);
    }
    let v2 = pair.new.version == crate::model::Version::Swagger2;
    Leftovers {
        old: (la, a),
        new: (lb, b),
        handled: if v2 {
            &[
                "type",
                "in",
                "name",
                "flow",
                "authorizationUrl",
                "tokenUrl",
                "scopes",
            ]
        } else {
            &[
                "type",
                "in",
                "name",
                "scheme",
                "bearerFormat",
                "openIdConnectUrl",
                "flows",
            ]
        },
        other: RuleId::SecuritySchemeChanged,
        label: format!("security scheme `{name}`"),
        args: vec![("name", name.to_string())],
    }
    .report(None, out);
}

/// The OAuth flows of a scheme, by name: 3.x `flows`, or the one flow a
/// Swagger 2.0 scheme describes at its top level.
fn flow_list<'n>(loc: &Loc, node: &'n Node) -> Vec<(String, Loc, &'n Node)> {
    if let Some(flows) = node.get("flows").and_then(Node::as_object) {
        return flows
            .iter()
            .map(|(k, v)| (k.to_string(), loc.child("flows").child(k), v))
            .collect();
    }
    match node.get_str("flow") {
        Some(flow) if node.get_str("type") == Some("oauth2") => {
            vec![(flow.to_string(), loc.clone(), node)]
        }
        _ => Vec::new(),
    }
}

fn flows(name: &str, (la, a): (&Loc, &Node), (lb, b): (&Loc, &Node), out: &mut Changes) {
    let (old, new) = (flow_list(la, a), flow_list(lb, b));
    for (flow, floc, f) in &old {
        let Some((_, gloc, g)) = new.iter().find(|(n, _, _)| n == flow) else {
            out.push(
                change(RuleId::ApiSecurityComponentOauthFlowRemoved)
                    .old(floc)
                    .arg("name", name)
                    .arg("flow", flow.clone()),
            );
            continue;
        };
        for (id, key) in [
            (
                RuleId::ApiSecurityComponentOauthUrlChanged,
                "authorizationUrl",
            ),
            (RuleId::ApiSecurityComponentOauthTokenUrlChanged, "tokenUrl"),
            (
                RuleId::ApiSecurityComponentOauthRefreshUrlChanged,
                "refreshUrl",
            ),
        ] {
            let (x, y) = (f.get_str(key), g.get_str(key));
            if x != y {
                let at = |loc: &Loc, n: &Node| {
                    if n.get(key).is_some() {
                        loc.child(key)
                    } else {
                        loc.clone()
                    }
                };
                out.push(
                    change(id)
                        .old(&at(floc, f))
                        .new_at(&at(gloc, g))
                        .arg("name", name)
                        .arg("flow", flow.clone())
                        .arg("old", x.unwrap_or("none"))
                        .arg("new", y.unwrap_or("none")),
                );
            }
        }
        let empty = crate::load::Object::default();
        let sa = f.get("scopes").and_then(Node::as_object).unwrap_or(&empty);
        let sb = g.get("scopes").and_then(Node::as_object).unwrap_or(&empty);
        let (sla, slb) = (floc.child("scopes"), gloc.child("scopes"));
        for (scope, text) in sa.iter() {
            let base = |id: RuleId| {
                change(id)
                    .arg("name", name)
                    .arg("flow", flow.clone())
                    .arg("scope", scope)
            };
            match sb.get(scope) {
                None => out.push(
                    base(RuleId::ApiSecurityComponentOauthScopeRemoved)
                        .old(&sla.child(scope))
                        .new_at(&slb),
                ),
                Some(t) if !t.same_value(text) => out.push(
                    base(RuleId::ApiSecurityComponentOauthScopeChanged)
                        .old(&sla.child(scope))
                        .new_at(&slb.child(scope)),
                ),
                Some(_) => {}
            }
        }
        for (scope, _) in sb.iter() {
            if sa.get(scope).is_none() {
                out.push(
                    change(RuleId::ApiSecurityComponentOauthScopeAdded)
                        .old(&sla)
                        .new_at(&slb.child(scope))
                        .arg("name", name)
                        .arg("flow", flow.clone())
                        .arg("scope", scope),
                );
            }
        }
        if floc == la {
            // Swagger 2.0: the flow is the scheme, whose fields are compared above.
            continue;
        }
        // Anything else in the flow (an extension, a field no rule knows).
        Leftovers {
            old: (floc, f),
            new: (gloc, g),
            handled: &[
                "authorizationUrl",
                "tokenUrl",
                "refreshUrl",
                "scopes",
                "flow",
                "type",
                "in",
                "name",
                "description",
            ],
            other: RuleId::SecuritySchemeChanged,
            label: format!("the `{flow}` flow of security scheme `{name}`"),
            args: vec![("name", name.to_string())],
        }
        .report(None, out);
    }
    for (flow, gloc, _) in &new {
        if !old.iter().any(|(n, _, _)| n == flow) {
            out.push(
                change(RuleId::ApiSecurityComponentOauthFlowAdded)
                    .new_at(gloc)
                    .arg("name", name)
                    .arg("flow", flow.clone()),
            );
        }
    }
}
