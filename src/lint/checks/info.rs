//! Checks on the `info` object.

use crate::lint::Hit;
use crate::model::Spec;
use crate::rule_id::RuleId;

pub fn contact(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    if let Some(info) = spec.root.get("info") {
        if info.as_object().is_some() && info.get("contact").is_none() {
            hits.push(Hit::new(
                RuleId::InfoContact,
                crate::model::Loc::new(crate::model::ROOT, "/info"),
            ));
        }
    }
}
