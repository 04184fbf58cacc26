//! Objects where the specification does not allow them, and objects that
//! must hold exactly one of two fields.

use crate::lint::Hit;
use crate::load::Node;
use crate::model::{Loc, PathKind, Spec, Version, ROOT};
use crate::rule_id::RuleId;

pub fn examples(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    if spec.version == Version::Swagger2 {
        return;
    }
    spec.each_node(&mut |doc, ptr, key, node| {
        // An `examples` map of Example Objects (a 3.1 schema's `examples` is an array).
        // Only where Example Objects live: components, media types,
        // parameters and headers; never a top-level `examples` key.
        if key != Some("examples") || (doc == ROOT && ptr.is("/examples")) {
            return;
        }
        let Some(map) = node.as_object() else { return };
        for e in map.entries() {
            let ex = &e.value;
            if ex.as_object().is_none() || ex.ref_target().is_some() {
                continue;
            }
            if ex.get("value").is_some() == ex.get("externalValue").is_some() {
                hits.push(Hit::new(
                    RuleId::Oas3ExamplesValueOrExternalValue,
                    Loc::new(doc, ptr.join(&e.key)),
                ));
            }
        }
    });
}

pub fn callbacks_and_webhooks(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    // The operations of the callbacks of top-level operations, looked up
    // by place: one pass, however many operations there are.
    let in_callbacks: rustc_hash::FxHashSet<&Loc> = spec
        .paths
        .iter()
        .chain(&spec.webhooks)
        .flat_map(|item| &item.operations)
        .flat_map(|o| &o.callbacks)
        .filter(|cb| matches!(cb.kind, PathKind::Callback { .. }))
        .flat_map(|cb| cb.operations.iter().map(|c| &c.loc))
        .collect();
    for op in spec.operations() {
        if in_callbacks.contains(&op.loc) && op.node.get("callbacks").is_some() {
            hits.push(Hit::new(
                RuleId::Oas3CallbacksInCallbacks,
                op.loc.child("callbacks"),
            ));
        }
    }
    if spec.version != Version::OpenApi31 {
        return;
    }
    if let Some(hooks) = spec.root.get("webhooks").and_then(Node::as_object) {
        if hooks.contains_key("servers") {
            hits.push(Hit::new(
                RuleId::Oas31ServersInWebhook,
                Loc::new(ROOT, "/webhooks/servers"),
            ));
        }
    }
    for item in &spec.webhooks {
        if item.node.get("servers").is_some() && item.key != "servers" {
            hits.push(Hit::new(
                RuleId::Oas31ServersInWebhook,
                item.loc.child("servers"),
            ));
        }
        for op in &item.operations {
            if op.node.get("servers").is_some() {
                hits.push(Hit::new(
                    RuleId::Oas31ServersInWebhook,
                    op.loc.child("servers"),
                ));
            }
            if op.node.get("callbacks").is_some() {
                hits.push(Hit::new(
                    RuleId::Oas31CallbacksInWebhook,
                    op.loc.child("callbacks"),
                ));
            }
        }
    }
}

pub fn discriminators(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    if spec.version != Version::Swagger2 {
        return;
    }
    spec.each_node(&mut |doc, ptr, _, node| {
        let Some(name) = node.get_str("discriminator") else {
            return;
        };
        let defined = node.get("properties").and_then(|p| p.get(name)).is_some();
        let required = node
            .get("required")
            .and_then(Node::as_array)
            .is_some_and(|r| r.iter().any(|v| v.as_str() == Some(name)));
        if !defined {
            hits.push(
                Hit::new(
                    RuleId::Oas2Discriminator,
                    Loc::new(doc, ptr.join("properties")),
                )
                .arg(
                    "detail",
                    format!("discriminator `{name}` is not a property of the schema"),
                ),
            );
        } else if !required {
            hits.push(
                Hit::new(
                    RuleId::Oas2Discriminator,
                    Loc::new(doc, ptr.join("required")),
                )
                .arg(
                    "detail",
                    format!("discriminator `{name}` is not a required property"),
                ),
            );
        }
    });
}

pub fn security_defined(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    let (rule, schemes) = match spec.version {
        Version::Swagger2 => (
            RuleId::Oas2OperationSecurityDefined,
            spec.root.get("securityDefinitions"),
        ),
        _ => (
            RuleId::Oas3OperationSecurityDefined,
            spec.root
                .get("components")
                .and_then(|c| c.get("securitySchemes")),
        ),
    };
    let mut lists: Vec<(Loc, &Node)> = Vec::new();
    if let Some(global) = spec.root.get("security") {
        lists.push((Loc::new(ROOT, "/security"), global));
    }
    for op in spec.operations() {
        if let Some(s) = op.node.get("security") {
            lists.push((op.loc.child("security"), s));
        }
    }
    for (at, list) in lists {
        let Some(items) = list.as_array() else {
            continue;
        };
        for (i, req) in items.iter().enumerate() {
            let Some(obj) = req.as_object() else { continue };
            for (name, scopes) in obj.iter() {
                let loc = at.index(i).child(name);
                let Some(scheme) = schemes.and_then(|s| s.get(name)) else {
                    hits.push(
                        Hit::new(rule, loc)
                            .arg("detail", format!("security scheme `{name}` is not defined")),
                    );
                    continue;
                };
                // Other kinds of scheme may list role names; a scheme that is
                // not even an object declares nothing.
                if scheme.as_object().is_some() && scheme.get_str("type") != Some("oauth2") {
                    continue;
                }
                let declared = declared_scopes(scheme, spec.version);
                for (j, scope) in scopes.as_array().unwrap_or_default().iter().enumerate() {
                    let Some(scope) = scope.as_str() else {
                        continue;
                    };
                    if !declared.contains(&scope) {
                        hits.push(Hit::new(rule, loc.index(j)).arg(
                            "detail",
                            format!("scope `{scope}` is not declared by security scheme `{name}`"),
                        ));
                    }
                }
            }
        }
    }
}

fn scope_names(n: Option<&Node>) -> Vec<&str> {
    n.and_then(Node::as_object)
        .map(|o| o.iter().map(|(k, _)| k).collect())
        .unwrap_or_default()
}

fn declared_scopes(scheme: &Node, version: Version) -> Vec<&str> {
    if version == Version::Swagger2 {
        return scope_names(scheme.get("scopes"));
    }
    scheme
        .get("flows")
        .and_then(Node::as_object)
        .map(|flows| {
            flows
                .iter()
                .flat_map(|(_, f)| scope_names(f.get("scopes")))
                .collect()
        })
        .unwrap_or_default()
}

/// `type: array` without `items`: what the array holds is undocumented.
pub fn array_items(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    spec.each_node(&mut |doc, ptr, key, node| {
        if key == Some("properties") || key == Some("example") || key == Some("examples") {
            return;
        }
        let is_array = match node.get("type") {
            Some(t) => {
                t.as_str() == Some("array")
                    || t.as_array()
                        .is_some_and(|l| l.iter().any(|x| x.as_str() == Some("array")))
            }
            None => false,
        };
        if is_array && node.get("items").is_none() && node.get("prefixItems").is_none() {
            hits.push(Hit::new(RuleId::ArrayItems, Loc::new(doc, ptr.pointer())));
        }
    });
}
