//! What loading finds: duplicate keys, references that go nowhere, documents
//! that are not OpenAPI.

use crate::lint::Hit;
use crate::load::pointer;
use crate::model::{Loc, RefProblem, VersionProblem, Workspace, ROOT};
use crate::rule_id::RuleId;

pub fn duplicate_keys(ws: &Workspace, hits: &mut Vec<Hit>) {
    for (id, doc) in ws.docs() {
        for dup in &doc.duplicate_keys {
            let at = Loc::new(id, pointer::join(&dup.object, &dup.key));
            hits.push(
                Hit::new(RuleId::DuplicateKey, at.clone())
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
            RefProblem::Unresolved(why) => (RuleId::UnresolvedRef, why.clone()),
            RefProblem::Cycle => (
                RuleId::UnresolvedRef,
                "it only leads to other references and back to itself".to_string(),
            ),
            RefProblem::OutsideRoot(path) => (RuleId::RefOutsideRoot, path.clone()),
            RefProblem::Remote(url) => (RuleId::RemoteRefNotAllowed, url.clone()),
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
        VersionProblem::NotOpenApi => Hit::new(RuleId::UnknownSpecVersion, Loc::new(ROOT, "")).arg(
            "detail",
            "there is no top-level `openapi` or `swagger` field",
        ),
        VersionProblem::Unknown { field, value } => Hit::new(
            RuleId::UnknownSpecVersion,
            Loc::new(ROOT, pointer::join("", field)),
        )
        .arg(
            "detail",
            format!("`{field}: {value}` is not a version this tool reads (2.0, 3.0, 3.1)"),
        ),
    };
    hits.push(hit);
}
