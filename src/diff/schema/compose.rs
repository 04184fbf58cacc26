//! `oneOf`, `anyOf` and `allOf`: branches paired by meaning (reference
//! target, title, content), never by position, then compared; a branch on
//! one side only is added or removed.

use crate::load::Node;

use super::super::change::change;
use super::super::kinds::Kind;
use super::{at, deref, Ctx, Side, Walker};

/// The kinds one composition keyword reports.
struct Composition {
    key: &'static str,
    added: Kind,
    removed: Kind,
    /// `allOf` only: a member that only annotates validates nothing.
    annotation: Option<(Kind, Kind)>,
}

impl Composition {
    fn of(key: &str) -> Composition {
        match key {
            "oneOf" => Composition {
                key: "oneOf",
                added: Kind::OneOfAdded,
                removed: Kind::OneOfRemoved,
                annotation: None,
            },
            "anyOf" => Composition {
                key: "anyOf",
                added: Kind::AnyOfAdded,
                removed: Kind::AnyOfRemoved,
                annotation: None,
            },
            _ => Composition {
                key: "allOf",
                added: Kind::AllOfAdded,
                removed: Kind::AllOfRemoved,
                annotation: Some((
                    Kind::AllOfAddedAnnotationOnly,
                    Kind::AllOfRemovedAnnotationOnly,
                )),
            },
        }
    }

    fn added(&self, annotation_only: bool) -> Kind {
        match self.annotation {
            Some((added, _)) if annotation_only => added,
            _ => self.added,
        }
    }

    fn removed(&self, annotation_only: bool) -> Kind {
        match self.annotation {
            Some((_, removed)) if annotation_only => removed,
            _ => self.removed,
        }
    }
}

impl<'w> Walker<'_, '_, 'w> {
    /// The non-null branch of a two-branch `oneOf`/`anyOf` with a null branch.
    pub(super) fn unwrap_null(&self, side: &Side<'w>, new: bool) -> Option<Side<'w>> {
        let ws = if new {
            self.pair.new.ws
        } else {
            self.pair.old.ws
        };
        for key in ["oneOf", "anyOf"] {
            let Some(branches) = side.node.get(key).and_then(Node::as_array) else {
                continue;
            };
            if branches.len() != 2 {
                continue;
            }
            let is_null = |b: &Node| b.get_str("type") == Some("null");
            let (i, other) = match (is_null(&branches[0]), is_null(&branches[1])) {
                (true, false) => (1, &branches[1]),
                (false, true) => (0, &branches[0]),
                _ => continue,
            };
            let loc = side.loc.child(key).index(i);
            return Some(deref(ws, &Side { loc, node: other }));
        }
        None
    }

    pub(super) fn composition(
        &mut self,
        key: &'static str,
        o: &Side<'w>,
        n: &Side<'w>,
        ctx: &Ctx,
        depth: usize,
    ) {
        let branches = |s: &Side<'w>| -> Vec<Side<'w>> {
            s.node
                .get(key)
                .and_then(Node::as_array)
                .map(|items| {
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, node)| Side {
                            loc: s.loc.child(key).index(i),
                            node,
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let a = branches(o);
        let b = branches(n);
        if a.is_empty() && b.is_empty() {
            return;
        }
        let pairs = super::branches::pair(self.pair, &mut self.engine.proven, &a, &b);
        let kinds = Composition::of(key);
        self.cover(&o.loc, &n.loc, kinds.key);
        for (i, branch) in a.iter().enumerate() {
            match pairs.of_old[i] {
                Some(j) if key != "allOf" => {
                    // Inside a branch is below the body, as a property is.
                    let inner = ctx.child(&format!("{key}[{}]", describe_branch(branch)));
                    self.compare(branch.clone(), b[j].clone(), &inner, depth + 1);
                }
                Some(j) => {
                    // An `allOf` member is the same schema, not a level below;
                    // its properties were compared merged with the others'.
                    let mut same = ctx.clone();
                    same.merged = true;
                    self.compare(branch.clone(), b[j].clone(), &same, depth + 1);
                }
                None => {
                    let kind = kinds.removed(annotation_only(branch.node));
                    let c = change(ctx.rule(kind))
                        .old(&branch.loc)
                        .new_at(&at(n, key))
                        .place("name", &ctx.path)
                        .arg("keyword", key)
                        .arg("what", kind.as_str().replace('-', " "))
                        .arg("branch", describe_branch(branch));
                    self.emit(c);
                }
            }
        }
        for (j, branch) in b.iter().enumerate() {
            if !pairs.new_paired[j] {
                let kind = kinds.added(annotation_only(branch.node));
                let c = change(ctx.rule(kind))
                    .old(&at(o, key))
                    .new_at(&branch.loc)
                    .place("name", &ctx.path)
                    .arg("keyword", key)
                    .arg("what", kind.as_str().replace('-', " "))
                    .arg("branch", describe_branch(branch));
                self.emit(c);
            }
        }
    }
}

/// The types of a `oneOf`/`anyOf` whose branches say nothing but `type`.
pub(super) fn type_branches(node: &Node) -> Option<(&'static str, Vec<&str>)> {
    for key in ["oneOf", "anyOf"] {
        let Some(branches) = node.get(key).and_then(Node::as_array) else {
            continue;
        };
        let types: Option<Vec<&str>> = branches
            .iter()
            .map(|b| match b.as_object() {
                Some(o) if o.len() == 1 => b.get_str("type").filter(|t| *t != "null"),
                _ => None,
            })
            .collect();
        if let Some(types) = types.filter(|t| t.len() > 1) {
            return Some((key, types));
        }
    }
    None
}

pub(super) fn is_annotation(key: &str) -> bool {
    key.starts_with("x-")
        || matches!(
            key,
            "title"
                | "description"
                | "example"
                | "examples"
                | "deprecated"
                | "externalDocs"
                | "$comment"
        )
}

/// Equal once annotations at the top level are set aside.
pub(super) fn same_constraints(a: &Node, b: &Node) -> bool {
    let (Some(x), Some(y)) = (a.as_object(), b.as_object()) else {
        return a.same_value(b);
    };
    let kept = |o: &'_ crate::load::Object| -> usize {
        o.iter().filter(|(k, _)| !is_annotation(k)).count()
    };
    kept(x) == kept(y)
        && x.iter()
            .filter(|(k, _)| !is_annotation(k))
            .all(|(k, v)| y.get(k).is_some_and(|w| v.same_value(w)))
}

/// A schema that only annotates (no constraint): adding it to an `allOf`
/// changes no validation.
fn annotation_only(node: &Node) -> bool {
    node.as_object()
        .is_some_and(|o| o.iter().all(|(k, _)| is_annotation(k)))
}

fn describe_branch(side: &Side<'_>) -> String {
    if let Some(r) = side.node.ref_target() {
        return r.rsplit('/').next().unwrap_or(r).to_string();
    }
    if let Some(t) = side.node.get_str("title") {
        return t.to_string();
    }
    side.node.get_str("type").unwrap_or("schema").to_string()
}

/// `n` is `o` moved into a `oneOf` of several branches, with nothing but
/// annotations beside it, where `o` was no composition at all.
pub(super) fn wrapped_in_one_of(o: &Side<'_>, n: &Side<'_>) -> bool {
    let composed = |s: &Side<'_>| {
        ["oneOf", "anyOf", "allOf"]
            .iter()
            .any(|k| s.node.get(k).is_some())
    };
    let branches = n
        .node
        .get("oneOf")
        .and_then(Node::as_array)
        .map_or(0, <[Node]>::len);
    let only_one_of = n.node.as_object().is_some_and(|obj| {
        obj.iter()
            .all(|(k, _)| k == "oneOf" || k == "discriminator" || is_annotation(k))
    });
    // A `oneOf` of bare types is a list of types, compared as such.
    let types_only = type_branches(n.node).is_some();
    !composed(o)
        && branches > 1
        && only_one_of
        && !types_only
        && o.node.as_object().is_some_and(|x| !x.is_empty())
}
