//! Text that documentation portals render: descriptions and titles.

use crate::lint::Hit;
use crate::model::{Loc, Spec};
use crate::rule_id::RuleId;

pub fn unsafe_markdown(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    spec.each_node(&mut |doc, ptr, key, node| {
        let (Some(key @ ("description" | "title")), Some(text)) = (key, node.as_str()) else {
            return;
        };
        if text.contains("eval(") {
            hits.push(
                Hit::new(RuleId::NoEvalInMarkdown, Loc::new(doc, ptr.pointer())).arg("key", key),
            );
        }
        if text.to_ascii_lowercase().contains("<script") {
            hits.push(
                Hit::new(RuleId::NoScriptTagsInMarkdown, Loc::new(doc, ptr.pointer()))
                    .arg("key", key),
            );
        }
    });
}

/// `anyOf` and `oneOf` are OpenAPI 3 keywords; a Swagger 2.0 tool ignores them.
pub fn swagger_compositions(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    if spec.version != crate::model::Version::Swagger2 {
        return;
    }
    spec.each_node(&mut |doc, ptr, key, node| {
        if node.as_array().is_none() {
            return;
        }
        match key {
            Some("anyOf") => hits.push(Hit::new(RuleId::Oas2AnyOf, Loc::new(doc, ptr.pointer()))),
            Some("oneOf") => hits.push(Hit::new(RuleId::Oas2OneOf, Loc::new(doc, ptr.pointer()))),
            _ => {}
        }
    });
}
