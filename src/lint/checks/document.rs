//! What loading finds: duplicate keys, references that go nowhere, documents
//! that are not OpenAPI, and required fields that are missing.

use crate::lint::Hit;
use crate::load::{pointer, Node};
use crate::model::{Loc, ParamIn, RefProblem, Spec, Version, VersionProblem, Workspace, ROOT};

pub fn duplicate_keys(ws: &Workspace, hits: &mut Vec<Hit>) {
    for (id, doc) in ws.docs() {
        for dup in &doc.duplicate_keys {
            let at = Loc::new(id, pointer::join(&dup.object, &dup.key));
            hits.push(
                Hit::new("duplicate-key", at.clone())
                    .span(dup.again)
                    .arg("key", dup.key.clone())
                    .related(at, Some(dup.first), "first defined here"),
            );
        }
    }
}

pub fn references(ws: &Workspace, hits: &mut Vec<Hit>) {
    for site in &ws.refs {
        let Err(problem) = &site.target else { continue };
        let at = site.at.child("$ref");
        let (rule, reason) = match problem {
            RefProblem::Unresolved(why) => ("unresolved-ref", why.clone()),
            RefProblem::Cycle => (
                "unresolved-ref",
                "it only leads to other references and back to itself".to_string(),
            ),
            RefProblem::OutsideRoot(path) => ("ref-outside-root", path.clone()),
            RefProblem::Remote(url) => ("remote-ref-not-allowed", url.clone()),
        };
        hits.push(
            Hit::new(rule, at)
                .span(site.span)
                .arg("ref", site.raw.clone())
                .arg("reason", reason),
        );
    }
}

pub fn version(problem: &VersionProblem, hits: &mut Vec<Hit>) {
    let hit = match problem {
        VersionProblem::NotOpenApi => Hit::new("unknown-spec-version", Loc::new(ROOT, "")).arg(
            "detail",
            "there is no top-level `openapi` or `swagger` field",
        ),
        VersionProblem::Unknown { field, value } => Hit::new(
            "unknown-spec-version",
            Loc::new(ROOT, pointer::join("", field)),
        )
        .arg(
            "detail",
            format!("`{field}: {value}` is not a version this tool reads (2.0, 3.0, 3.1)"),
        ),
    };
    hits.push(hit);
}

/// The required fields every tool relies on. The rule id follows Spectral's
/// `oas2-schema` / `oas3-schema`, which report the same problems.
pub fn required_fields(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    let rule = if spec.version == Version::Swagger2 {
        "oas2-schema"
    } else {
        "oas3-schema"
    };
    let missing = |hits: &mut Vec<Hit>, loc: Loc, field: &str, what: &str| {
        hits.push(Hit::new(rule, loc).arg(
            "detail",
            format!("{what} has no `{field}`, which is required"),
        ));
    };
    let root = spec.root;
    let top = Loc::new(ROOT, "");
    match root.get("info") {
        None => missing(hits, top.clone(), "info", "the document"),
        Some(info) => {
            for field in ["title", "version"] {
                if info.get(field).is_none() {
                    missing(hits, top.child("info"), field, "`info`");
                }
            }
        }
    }
    match spec.version {
        Version::Swagger2 | Version::OpenApi30 => {
            if root.get("paths").is_none() {
                missing(hits, top.clone(), "paths", "the document");
            }
        }
        Version::OpenApi31 => {
            if ["paths", "components", "webhooks"]
                .iter()
                .all(|k| root.get(k).is_none())
            {
                hits.push(Hit::new(rule, top.clone()).arg(
                    "detail",
                    "an OpenAPI 3.1 document needs at least one of `paths`, `components` or `webhooks`",
                ));
            }
        }
    }
    for op in spec.operations() {
        for response in &op.responses {
            if response.node.ref_target().is_none() && response.node.get("description").is_none() {
                missing(
                    hits,
                    response.loc.clone(),
                    "description",
                    &format!("response `{}`", response.status),
                );
            }
        }
    }
    for item in &spec.paths {
        params(
            spec,
            rule,
            &item.loc.child("parameters"),
            item.node.get("parameters"),
            hits,
        );
        for op in &item.operations {
            params(
                spec,
                rule,
                &op.loc.child("parameters"),
                op.node.get("parameters"),
                hits,
            );
        }
    }
}

fn params(spec: &Spec<'_>, rule: &'static str, at: &Loc, list: Option<&Node>, hits: &mut Vec<Hit>) {
    let Some(items) = list.and_then(Node::as_array) else {
        return;
    };
    for (i, node) in items.iter().enumerate() {
        let loc = at.index(i);
        let (def, p) = spec.ws.deref(&loc, node);
        if p.ref_target().is_some() {
            continue;
        }
        if p.get("name").is_none() {
            hits.push(
                Hit::new(rule, loc.clone())
                    .arg("detail", "parameter has no `name`, which is required"),
            );
        }
        match p.get("in") {
            None => hits.push(
                Hit::new(rule, loc.clone())
                    .arg("detail", "parameter has no `in`, which is required"),
            ),
            Some(v) => {
                let valid = v.as_str().and_then(ParamIn::parse).is_some_and(|p| {
                    if spec.version == Version::Swagger2 {
                        p != ParamIn::Cookie
                    } else {
                        !matches!(p, ParamIn::Body | ParamIn::FormData)
                    }
                });
                if !valid {
                    let allowed = if spec.version == Version::Swagger2 {
                        "query, header, path, formData or body"
                    } else {
                        "query, header, path or cookie"
                    };
                    hits.push(
                        Hit::new(rule, def.child("in"))
                            .arg("detail", format!("parameter `in` must be one of {allowed}")),
                    );
                }
            }
        }
    }
}
