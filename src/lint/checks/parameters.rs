//! Parameter lists: descriptions, repeats, and Swagger 2.0 bodies and forms.

use crate::lint::Hit;
use crate::load::{pointer, Node};
use crate::model::{Loc, Spec, Version, ROOT};
use crate::rule_id::RuleId;

/// Every parameter list in the document: path items', operations', and the
/// shared definitions (as (location, node) of each parameter).
fn parameter_objects<'w>(spec: &Spec<'w>) -> Vec<(Loc, &'w Node)> {
    let mut out = Vec::new();
    let mut list = |at: Loc, node: Option<&'w Node>| {
        if let Some(items) = node.and_then(Node::as_array) {
            for (i, p) in items.iter().enumerate() {
                out.push((at.index(i), p));
            }
        }
    };
    for item in &spec.paths {
        list(item.loc.child("parameters"), item.node.get("parameters"));
        for op in &item.operations {
            list(op.loc.child("parameters"), op.node.get("parameters"));
        }
    }
    let shared = match spec.version {
        Version::Swagger2 => spec
            .root
            .get("parameters")
            .map(|n| ("/parameters".to_string(), n)),
        _ => spec
            .root
            .get("components")
            .and_then(|c| c.get("parameters"))
            .map(|n| ("/components/parameters".to_string(), n)),
    };
    if let Some((base, node)) = shared {
        if let Some(obj) = node.as_object() {
            for e in obj.entries() {
                out.push((Loc::new(ROOT, pointer::join(&base, &e.key)), &e.value));
            }
        }
    }
    out
}

pub fn descriptions(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    let rule = if spec.version == Version::Swagger2 {
        RuleId::Oas2ParameterDescription
    } else {
        RuleId::Oas3ParameterDescription
    };
    for (loc, p) in parameter_objects(spec) {
        // A reference is described where it points.
        if p.ref_target().is_some() {
            continue;
        }
        if p.get_str("description").is_none_or(|d| d.trim().is_empty()) {
            hits.push(
                Hit::new(rule, loc)
                    .arg("in", p.get_str("in").unwrap_or("a"))
                    .arg("name", p.get_str("name").unwrap_or("?")),
            );
        }
    }
}

pub fn uniqueness(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    for op in spec.operations() {
        let Some(items) = op.node.get("parameters").and_then(Node::as_array) else {
            continue;
        };
        let at = op.loc.child("parameters");
        let mut seen: Vec<(String, String)> = Vec::new();
        let (mut bodies, mut forms) = (0, 0);
        for (i, node) in items.iter().enumerate() {
            let loc = at.index(i);
            let (_, p) = spec.ws.deref(&loc, node);
            let (Some(name), Some(location)) = (p.get_str("name"), p.get_str("in")) else {
                continue;
            };
            let key = if location == "header" {
                name.to_ascii_lowercase()
            } else {
                name.to_string()
            };
            if seen.contains(&(key.clone(), location.to_string())) {
                hits.push(
                    Hit::new(RuleId::OperationParameters, loc.clone())
                        .operation(op)
                        .arg(
                            "detail",
                            format!(
                                "{location} parameter `{name}` of {} is listed twice",
                                op.label()
                            ),
                        ),
                );
            } else {
                seen.push((key, location.to_string()));
            }
            match location {
                "body" => {
                    bodies += 1;
                    if bodies > 1 {
                        hits.push(
                            Hit::new(RuleId::OperationParameters, loc)
                                .operation(op)
                                .arg(
                                    "detail",
                                    format!("{} has more than one `body` parameter", op.label()),
                                ),
                        );
                    }
                }
                "formData" => forms += 1,
                _ => {}
            }
        }
        if bodies > 0 && forms > 0 {
            hits.push(Hit::new(RuleId::OperationParameters, at).operation(op).arg(
                "detail",
                format!("{} has both `body` and `formData` parameters", op.label()),
            ));
        }
    }
}

pub fn form_media(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    if spec.version != Version::Swagger2 {
        return;
    }
    for op in spec.operations() {
        if !op
            .params
            .iter()
            .any(|p| p.location == crate::model::ParamIn::FormData)
        {
            continue;
        }
        let consumes = op
            .node
            .get("consumes")
            .or_else(|| spec.root.get("consumes"));
        let ok = consumes.and_then(Node::as_array).is_some_and(|l| {
            l.iter().filter_map(Node::as_str).any(|m| {
                m.starts_with("application/x-www-form-urlencoded")
                    || m.starts_with("multipart/form-data")
            })
        });
        if !ok {
            hits.push(
                Hit::new(RuleId::Oas2OperationFormDataConsumeCheck, op.loc.clone()).operation(op),
            );
        }
    }
}
