//! Checks on path keys and the path parameters their templates declare.

use std::collections::{HashMap, HashSet};

use crate::lint::Hit;
use crate::load::Node;
use crate::model::{Loc, PathItem, Spec};

pub fn trailing_slash(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    for item in &spec.paths {
        if item.key.len() > 1 && item.key.ends_with('/') {
            hits.push(
                Hit::new("path-keys-no-trailing-slash", item.loc.clone()).arg("path", item.key),
            );
        }
    }
}

pub fn no_query(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    for item in &spec.paths {
        if item.key.contains('?') {
            hits.push(Hit::new("path-not-include-query", item.loc.clone()).arg("path", item.key));
        }
    }
}

const RULE: &str = "path-params";

fn hit(loc: Loc, detail: String) -> Hit {
    Hit::new(RULE, loc).arg("detail", detail)
}

pub fn path_params(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    let mut shapes: HashMap<&str, &str> = HashMap::new();
    for item in &spec.paths {
        let names = &item.template.params;
        let mut seen = HashSet::new();
        for name in names {
            if !seen.insert(name.as_str()) {
                hits.push(hit(
                    item.loc.clone(),
                    format!("`{{{name}}}` appears more than once in path `{}`", item.key),
                ));
            }
        }
        if let Some(first) = shapes.get(item.template.shape.as_str()) {
            hits.push(
                hit(
                    item.loc.clone(),
                    format!("paths `{first}` and `{}` differ only in parameter names, so they are the same endpoint", item.key),
                )
                .related(Loc::new(item.loc.doc, crate::load::pointer::join("/paths", first)), None, "the first of the two"),
            );
        } else {
            shapes.insert(&item.template.shape, item.key);
        }
        let declared_on_item = declared(
            spec,
            item,
            &item.loc.child("parameters"),
            item.node.get("parameters"),
            hits,
        );
        for op in &item.operations {
            let own = declared(
                spec,
                item,
                &op.loc.child("parameters"),
                op.node.get("parameters"),
                hits,
            );
            for name in names {
                if !own.contains(name.as_str()) && !declared_on_item.contains(name.as_str()) {
                    hits.push(
                        hit(
                            op.loc.clone(),
                            format!("`{{{name}}}` is in the path but {} does not define it as a path parameter", op.label()),
                        )
                        .operation(op),
                    );
                }
            }
        }
    }
}

/// Path parameters declared in one `parameters` list, reporting the ones that
/// are repeated, optional or not in the template.
fn declared<'w>(
    spec: &Spec<'w>,
    item: &PathItem<'w>,
    at: &Loc,
    list: Option<&'w Node>,
    hits: &mut Vec<Hit>,
) -> HashSet<&'w str> {
    let mut names = HashSet::new();
    let Some(items) = list.and_then(Node::as_array) else {
        return names;
    };
    for (i, node) in items.iter().enumerate() {
        let loc = at.index(i);
        let (_, p) = spec.ws.deref(&loc, node);
        if p.get_str("in") != Some("path") {
            continue;
        }
        let Some(name) = p.get_str("name") else {
            continue;
        };
        if !names.insert(name) {
            hits.push(hit(
                loc.clone(),
                format!("path parameter `{name}` is defined more than once"),
            ));
            continue;
        }
        if p.get_bool("required") != Some(true) {
            hits.push(hit(
                loc.clone(),
                format!("path parameter `{name}` must have `required: true`"),
            ));
        }
        if !item.template.params.iter().any(|n| n == name) {
            hits.push(hit(
                loc,
                format!(
                    "path parameter `{name}` is defined but `{}` has no `{{{name}}}`",
                    item.key
                ),
            ));
        }
    }
    names
}

pub fn empty_declarations(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    for item in &spec.paths {
        if item.key.contains("{}") {
            hits.push(
                Hit::new("path-declarations-must-exist", item.loc.clone()).arg("path", item.key),
            );
        }
    }
}
