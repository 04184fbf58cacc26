//! Components nothing refers to.

use std::collections::HashSet;

use crate::lint::Hit;
use crate::model::{Spec, Version, ROOT};

pub fn unused(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    // Every pointer into the root document that some `$ref` names, from any file.
    let targets: HashSet<&str> = spec
        .ws
        .refs
        .iter()
        .filter_map(|r| r.target.as_ref().ok())
        .filter(|t| t.doc == ROOT)
        .map(|t| t.pointer.as_str())
        .collect();
    let (rule, kinds): (&str, &[&str]) = match spec.version {
        Version::Swagger2 => ("oas2-unused-definition", &["schemas"]),
        _ => (
            "oas3-unused-component",
            &[
                "schemas",
                "responses",
                "parameters",
                "examples",
                "requestBodies",
                "headers",
                "links",
                "callbacks",
            ],
        ),
    };
    // Prefixes of targets, so that deep references (`…/Pet/properties/id`) count
    // without a scan of all targets per component.
    let mut prefixes: HashSet<&str> = HashSet::new();
    for t in &targets {
        let mut end = t.len();
        while let Some(slash) = t[..end].rfind('/') {
            if slash == 0 {
                break;
            }
            prefixes.insert(&t[..slash]);
            end = slash;
        }
    }
    for c in spec.components.iter().filter(|c| kinds.contains(&c.kind)) {
        let ptr = c.loc.pointer.as_str();
        if targets.contains(ptr) || prefixes.contains(ptr) {
            continue;
        }
        hits.push(
            Hit::new(rule, c.loc.clone())
                .arg("kind", c.kind.trim_end_matches('s'))
                .arg("name", c.name),
        );
    }
}
