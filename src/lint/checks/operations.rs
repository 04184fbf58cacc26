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
