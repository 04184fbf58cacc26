//! Operation-level checks, named after Spectral's `spectral:oas` rules or, where
//! Spectral has none, after Redocly's.

use crate::rule_id::RuleId;
use std::collections::HashMap;

use crate::lint::Hit;
use crate::model::{Operation, Spec, Version};

pub fn operation_id(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    for op in spec.operations() {
        if op.operation_id.is_none() {
            hits.push(Hit::new(RuleId::OperationOperationId, op.loc.clone()).operation(op));
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
                Hit::new(RuleId::OperationOperationIdUnique, loc.clone())
                    .operation(op)
                    .arg("id", *id)
                    .related(earlier.clone(), None, "first used here"),
            ),
        }
    }
}

/// The first digit of a status code (`404`) or range (`4XX`, from 3.0 on).
fn status_class(status: &str, ranges: bool) -> Option<u8> {
    let code = status.as_bytes();
    let valid = code.len() == 3
        && code[0].is_ascii_digit()
        && (code[1..].iter().all(u8::is_ascii_digit) || (ranges && &code[1..] == b"XX"));
    // Lazily: an empty status has no first byte.
    valid.then(|| code[0])
}

/// Reports each operation in `ops` whose `responses` has no status of a
/// class `wanted` accepts (`2` for 2xx, …). Status ranges such as `2XX`
/// exist from OpenAPI 3.0 on.
fn missing_status_class<'a, 'w: 'a>(
    spec: &Spec<'w>,
    ops: impl Iterator<Item = &'a Operation<'w>>,
    rule: RuleId,
    wanted: impl Fn(u8) -> bool,
    hits: &mut Vec<Hit>,
) {
    let ranges = spec.version != Version::Swagger2;
    for op in ops {
        if op
            .node
            .get("responses")
            .and_then(|r| r.as_object())
            .is_none()
        {
            continue;
        }
        let found = op
            .responses
            .iter()
            .any(|r| status_class(r.status, ranges).is_some_and(&wanted));
        if !found {
            hits.push(Hit::new(rule, op.loc.child("responses")).operation(op));
        }
    }
}

pub fn success_response(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    missing_status_class(
        spec,
        spec.operations(),
        RuleId::OperationSuccessResponse,
        |c| c == b'2' || c == b'3',
        hits,
    );
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
            hits.push(Hit::new(RuleId::OperationDescription, op.loc.clone()).operation(op));
        }
        match op.node.get("tags").and_then(|t| t.as_array()) {
            None => hits.push(Hit::new(RuleId::OperationTags, op.loc.clone()).operation(op)),
            Some([]) => {
                hits.push(Hit::new(RuleId::OperationTags, op.loc.child("tags")).operation(op))
            }
            Some(tags) => {
                if tags.len() > 1 {
                    hits.push(
                        Hit::new(RuleId::OperationSingularTag, op.loc.child("tags")).operation(op),
                    );
                }
                for (i, tag) in tags.iter().enumerate() {
                    let Some(name) = tag.as_str() else { continue };
                    if !defined.as_ref().is_some_and(|d| d.contains(&name)) {
                        hits.push(
                            Hit::new(RuleId::OperationTagDefined, op.loc.child("tags").index(i))
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
                    Hit::new(RuleId::OperationOperationIdValidInUrl, loc.clone())
                        .operation(op)
                        .arg("id", *id),
                );
            }
        }
    }
}

/// Operations clients call: webhooks and callbacks are called by the API.
fn called_by_clients<'a, 'w>(spec: &'a Spec<'w>) -> impl Iterator<Item = &'a Operation<'w>> {
    spec.paths.iter().flat_map(|item| item.operations.iter())
}

pub fn client_error_response(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    missing_status_class(
        spec,
        called_by_clients(spec),
        RuleId::Operation4xxResponse,
        |c| c == b'4',
        hits,
    );
}

pub fn summary(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    for op in spec.operations() {
        if op
            .node
            .get_str("summary")
            .is_none_or(|s| s.trim().is_empty())
        {
            hits.push(Hit::new(RuleId::OperationSummary, op.loc.clone()).operation(op));
        }
    }
}

/// Every operation says how it is secured: by the document's `security`, by
/// its own, or by an explicit empty list that makes it public.
pub fn security_applied(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    let global = spec
        .root
        .get("security")
        .and_then(|s| s.as_array())
        .is_some_and(|s| !s.is_empty());
    if global {
        return;
    }
    for op in called_by_clients(spec) {
        if op.node.get("security").is_none() {
            hits.push(Hit::new(RuleId::SecurityDefined, op.loc.clone()).operation(op));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::status_class;

    #[test]
    fn status_classes() {
        assert_eq!(status_class("404", false), Some(b'4'));
        assert_eq!(status_class("4XX", true), Some(b'4'));
        assert_eq!(status_class("4XX", false), None);
        assert_eq!(status_class("", false), None);
        assert_eq!(status_class("default", false), None);
        assert_eq!(status_class("20", false), None);
    }
}
