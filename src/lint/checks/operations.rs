//! Operation-level checks named after Spectral's `spectral:oas` rules.

use std::collections::HashMap;

use crate::lint::Hit;
use crate::model::{Spec, Version};

pub fn operation_id(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    for op in spec.operations() {
        if op.operation_id.is_none() {
            hits.push(Hit::new("operation-operationId", op.loc.clone()).operation(op));
        }
    }
}

pub fn operation_id_unique(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    let mut first = HashMap::new();
    for op in spec.operations() {
        let Some((id, loc)) = &op.operation_id else {
            continue;
        };
        match first.get(id) {
            None => {
                first.insert(*id, loc.clone());
            }
            Some(earlier) => hits.push(
                Hit::new("operation-operationId-unique", loc.clone())
                    .operation(op)
                    .arg("id", *id)
                    .related(earlier.clone(), None, "first used here"),
            ),
        }
    }
}

pub fn success_response(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    // Status ranges such as `2XX` exist from OpenAPI 3.0 on.
    let ranges = spec.version != Version::Swagger2;
    for op in spec.operations() {
        if op
            .node
            .get("responses")
            .and_then(|r| r.as_object())
            .is_none()
        {
            continue;
        }
        let ok = op.responses.iter().any(|r| {
            let code = r.status.as_bytes();
            let success = matches!(code.first(), Some(b'2' | b'3'));
            success
                && code.len() == 3
                && (code[1..].iter().all(u8::is_ascii_digit) || (ranges && &code[1..] == b"XX"))
        });
        if !ok {
            hits.push(
                Hit::new("operation-success-response", op.loc.child("responses")).operation(op),
            );
        }
    }
}

pub fn documentation(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    let defined: Option<Vec<&str>> = spec
        .root
        .get("tags")
        .and_then(|t| t.as_array())
        .map(|t| t.iter().filter_map(|tag| tag.get_str("name")).collect());
    for op in spec.operations() {
        if op
            .node
            .get_str("description")
            .is_none_or(|d| d.trim().is_empty())
        {
            hits.push(Hit::new("operation-description", op.loc.clone()).operation(op));
        }
        match op.node.get("tags").and_then(|t| t.as_array()) {
            None => hits.push(Hit::new("operation-tags", op.loc.clone()).operation(op)),
            Some([]) => hits.push(Hit::new("operation-tags", op.loc.child("tags")).operation(op)),
            Some(tags) => {
                if tags.len() > 1 {
                    hits.push(
                        Hit::new("operation-singular-tag", op.loc.child("tags")).operation(op),
                    );
                }
                for (i, tag) in tags.iter().enumerate() {
                    let Some(name) = tag.as_str() else { continue };
                    if !defined.as_ref().is_some_and(|d| d.contains(&name)) {
                        hits.push(
                            Hit::new("operation-tag-defined", op.loc.child("tags").index(i))
                                .operation(op)
                                .arg("tag", name),
                        );
                    }
                }
            }
        }
        if let Some((id, loc)) = &op.operation_id {
            let valid = id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=".contains(c));
            if !valid {
                hits.push(
                    Hit::new("operation-operationId-valid-in-url", loc.clone())
                        .operation(op)
                        .arg("id", *id),
                );
            }
        }
    }
}
