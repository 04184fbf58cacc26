//! Components nothing refers to.

use crate::rule_id::RuleId;
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
        .map(|t| &*t.pointer)
        .collect();
    // Security schemes are used by name, not by `$ref`; path items in
    // components may be meant for other documents.
    let (rule, skip): (RuleId, &[&str]) = match spec.version {
        Version::Swagger2 => (
            RuleId::Oas2UnusedDefinition,
            &["parameters", "responses", "securitySchemes"],
        ),
        _ => (
            RuleId::Oas3UnusedComponent,
            &["securitySchemes", "pathItems"],
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
    for c in spec.components.iter().filter(|c| !skip.contains(&c.kind)) {
        let ptr = &*c.loc.pointer;
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
