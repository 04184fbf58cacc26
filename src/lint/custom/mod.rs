//! Rules users write themselves, declaratively as in Spectral: `given` picks
//! objects, `then` names a field of each and asserts something about it.

pub mod assertion;
pub mod filter;
pub mod selector;

pub use assertion::{Assertion, DefinitionError, Subject};
pub use selector::{Selector, Target};

use std::collections::{HashMap, HashSet};

use crate::lint::Hit;
use crate::load::Span;
use crate::model::{DocId, Loc, Operation, Spec, Version};

/// Which value of the target an assertion looks at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// The target itself.
    Whole,
    /// The target's own name in its parent (`@key`).
    Key,
    /// A member, or a member of a member (`a.b`).
    Path(Vec<String>),
}

impl Field {
    pub fn parse(text: &str) -> Field {
        match text {
            "@key" => Field::Key,
            "" | "$" => Field::Whole,
            _ => Field::Path(text.split('.').map(str::to_string).collect()),
        }
    }
}

pub struct Then {
    pub field: Field,
    pub assertion: Assertion,
}

pub struct CustomRule {
    /// The rule's id, alive as long as the process (see the config loader).
    pub id: &'static str,
    pub given: Vec<Selector>,
    pub then: Vec<Then>,
    /// Empty: every version.
    pub versions: Vec<Version>,
    /// Where the rule is defined, for messages about it.
    pub span: Span,
}

/// Runs the custom rules on one document. A target that fails several
/// assertions at the same place is reported once per place.
pub fn run(spec: &Spec<'_>, rules: &[&CustomRule], hits: &mut Vec<Hit>) {
    let operations = Operations::new(spec);
    for rule in rules {
        if !rule.versions.is_empty() && !rule.versions.contains(&spec.version) {
            continue;
        }
        let mut reported: HashSet<Loc> = HashSet::new();
        for selector in &rule.given {
            for target in selector.select(spec) {
                for then in &rule.then {
                    let (loc, subject) = subject(spec, &target, &then.field);
                    let (property, what) = match &then.field {
                        Field::Whole => (
                            target.key.clone().unwrap_or_default(),
                            "the value".to_string(),
                        ),
                        Field::Key => ("@key".to_string(), "the name".to_string()),
                        Field::Path(p) => (p.join("."), format!("`{}`", p.join("."))),
                    };
                    let Err(error) = then.assertion.check(&subject, &what) else {
                        continue;
                    };
                    if !reported.insert(loc.clone()) {
                        continue;
                    }
                    let value = match &subject {
                        Subject::Node(n) => n.as_str().map(str::to_string).unwrap_or_default(),
                        Subject::Key(k) => k.to_string(),
                        Subject::Missing => String::new(),
                    };
                    let mut hit = Hit::custom(rule.id, loc.clone());
                    if let Some(op) = operations.at(&loc) {
                        hit = hit.operation(op);
                    }
                    hits.push(
                        hit.arg("error", error)
                            .arg("property", property)
                            .arg("value", value)
                            .arg("key", target.key.clone().unwrap_or_default())
                            .arg("path", loc.pointer.to_string()),
                    );
                }
            }
        }
    }
}

/// Operations by where they are, to find the one a place is part of, so
/// that ignores by operation apply to custom findings too.
struct Operations<'s, 'w> {
    by_loc: HashMap<(DocId, &'s str), &'s Operation<'w>>,
}

impl<'s, 'w> Operations<'s, 'w> {
    fn new(spec: &'s Spec<'w>) -> Self {
        Operations {
            by_loc: spec
                .operations()
                .map(|op| ((op.loc.doc, &*op.loc.pointer), op))
                .collect(),
        }
    }

    fn at(&self, loc: &Loc) -> Option<&'s Operation<'w>> {
        let mut ptr = &*loc.pointer;
        loop {
            if let Some(op) = self.by_loc.get(&(loc.doc, ptr)) {
                return Some(op);
            }
            ptr = &ptr[..ptr.rfind('/')?];
        }
    }
}

/// The value `field` names on `target`, and where to report about it: the
/// value when it is there, the target when it is not.
fn subject<'a, 'w: 'a>(
    spec: &Spec<'w>,
    target: &'a Target<'w>,
    field: &Field,
) -> (Loc, Subject<'a>) {
    match field {
        Field::Whole => (target.loc.clone(), Subject::Node(target.node)),
        // Reported at the target, whose key a finding underlines.
        Field::Key => match target.key.as_deref() {
            Some(key) => (target.loc.clone(), Subject::Key(key)),
            None => (target.loc.clone(), Subject::Missing),
        },
        Field::Path(parts) => {
            let (mut loc, mut node) = (target.loc.clone(), target.node);
            for part in parts {
                let Some(child) = node.get(part) else {
                    return (loc, Subject::Missing);
                };
                (loc, node) = spec.ws.deref(&loc.child(part), child);
            }
            (loc, Subject::Node(node))
        }
    }
}
