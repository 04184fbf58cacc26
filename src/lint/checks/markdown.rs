//! Text that documentation portals render: descriptions and titles.

use crate::lint::Hit;
use crate::load::walk::walk;
use crate::model::{Loc, Spec, ROOT};

pub fn unsafe_markdown(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    walk(spec.root, &mut |ptr, key, node| {
        let (Some(key @ ("description" | "title")), Some(text)) = (key, node.as_str()) else {
            return;
        };
        if text.contains("eval(") {
            hits.push(Hit::new("no-eval-in-markdown", Loc::new(ROOT, ptr)).arg("key", key));
        }
        if text.to_ascii_lowercase().contains("<script") {
            hits.push(Hit::new("no-script-tags-in-markdown", Loc::new(ROOT, ptr)).arg("key", key));
        }
    });
}

/// `anyOf` and `oneOf` are OpenAPI 3 keywords; a Swagger 2.0 tool ignores them.
pub fn swagger_compositions(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    if spec.version != crate::model::Version::Swagger2 {
        return;
    }
    walk(spec.root, &mut |ptr, key, node| {
        if node.as_array().is_none() {
            return;
        }
        match key {
            Some("anyOf") => hits.push(Hit::new("oas2-anyOf", Loc::new(ROOT, ptr))),
            Some("oneOf") => hits.push(Hit::new("oas2-oneOf", Loc::new(ROOT, ptr))),
            _ => {}
        }
    });
}
