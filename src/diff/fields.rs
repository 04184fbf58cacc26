//! The net under the object rules (parameters, headers, responses, security
//! schemes, servers): every field that differs and that no specific rule of
//! the object handles is reported: an extension, an annotation, or the
//! object's general rule.

use crate::load::Node;
use crate::model::{Loc, Operation};
use crate::rule_id::RuleId;

use super::change::{change, Change, Changes};

/// Fields that document and change nothing a client sends or receives.
pub const ANNOTATIONS: [&str; 6] = [
    "description",
    "summary",
    "title",
    "example",
    "examples",
    "externalDocs",
];

/// Fields vapi-spec reads for lifecycle and lint purposes; compared by
/// their own rules where they mean something.
const SILENT: [&str; 1] = ["x-vapi-ignore"];

/// One object on both sides, and how to report what its rules left over.
pub struct Leftovers<'a, 'w> {
    pub old: (&'a Loc, &'w Node),
    pub new: (&'a Loc, &'w Node),
    /// Fields the object's own rules compare.
    pub handled: &'a [&'a str],
    /// The object's general rule, for any other field.
    pub other: RuleId,
    /// What the object is called in a message (`query parameter `limit` of GET /pets`).
    pub label: String,
    /// Arguments the general rule's message needs besides `keyword`.
    pub args: Vec<(&'static str, String)>,
}

impl Leftovers<'_, '_> {
    pub fn report(self, op: Option<&Operation<'_>>, out: &mut Changes) {
        let (Some(a), Some(b)) = (self.old.1.as_object(), self.new.1.as_object()) else {
            return;
        };
        let mut keys: Vec<&str> = a.iter().map(|(k, _)| k).collect();
        keys.extend(b.iter().map(|(k, _)| k).filter(|k| !a.contains_key(k)));
        for key in keys {
            if self.handled.contains(&key) || SILENT.contains(&key) {
                continue;
            }
            let (x, y) = (a.get(key), b.get(key));
            let same = match (x, y) {
                (Some(x), Some(y)) => x.same_value(y),
                (None, None) => true,
                _ => false,
            };
            if same {
                continue;
            }
            let how = match (x, y) {
                (None, Some(_)) => "added",
                (Some(_), None) => "removed",
                _ => "changed",
            };
            let mut c: Change = if key.starts_with("x-") {
                change(RuleId::ExtensionChanged)
                    .arg("field", key)
                    .arg("where", self.label.clone())
                    .arg("how", format!("was {how}"))
            } else if ANNOTATIONS.contains(&key) {
                change(RuleId::AnnotationChanged)
                    .arg("field", key)
                    .arg("where", self.label.clone())
            } else {
                let mut c = change(self.other).arg("keyword", key);
                for (k, v) in &self.args {
                    c = c.arg(k, v.clone());
                }
                c
            };
            let at = |loc: &Loc, present: bool| if present { loc.child(key) } else { loc.clone() };
            c = c
                .old(&at(self.old.0, x.is_some()))
                .new_at(&at(self.new.0, y.is_some()));
            if let Some(op) = op {
                c = c.operation(op);
            }
            out.push(c);
        }
    }
}
