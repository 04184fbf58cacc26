//! Checks on path keys and the path parameters their templates declare.

use crate::rule_id::RuleId;
use std::collections::{HashMap, HashSet};

use super::path_index::{PathIndex, Segment};
use crate::lint::Hit;
use crate::load::Node;
use crate::model::{Loc, PathItem, Spec};

pub fn trailing_slash(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    for item in &spec.paths {
        if item.key.len() > 1 && item.key.ends_with('/') {
            hits.push(
                Hit::new(RuleId::PathKeysNoTrailingSlash, item.loc.clone()).arg("path", item.key),
            );
        }
    }
}

pub fn no_query(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    for item in &spec.paths {
        if item.key.contains('?') {
            hits.push(
                Hit::new(RuleId::PathNotIncludeQuery, item.loc.clone()).arg("path", item.key),
            );
        }
    }
}

const RULE: RuleId = RuleId::PathParams;

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
                Hit::new(RuleId::PathDeclarationsMustExist, item.loc.clone()).arg("path", item.key),
            );
        }
    }
}

fn segments(path: &str) -> Vec<Segment<'_>> {
    path.trim_matches('/')
        .split('/')
        .map(|s| {
            if s.starts_with('{') && s.ends_with('}') && s[1..].find('}') == Some(s.len() - 2) {
                Segment::Param
            } else {
                Segment::Literal(s)
            }
        })
        .collect()
}

/// Two paths are ambiguous when some URL matches both and neither is the
/// more specific: each has a literal where the other has a parameter.
/// Paths that differ only in parameter names are `path-params`' business.
pub fn ambiguous(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    let items: Vec<&PathItem<'_>> = spec.paths.iter().collect();
    let index = PathIndex::new(items.iter().map(|item| segments(item.key)).collect());
    for (i, b) in items.iter().enumerate() {
        for a in index
            .ambiguous_with(i)
            .into_iter()
            .filter_map(|j| items.get(j))
        {
            if a.template.shape != b.template.shape {
                hits.push(
                    Hit::new(RuleId::NoAmbiguousPaths, b.loc.clone())
                        .arg("path", b.key)
                        .arg("other", a.key)
                        .related(a.loc.clone(), None, "the other path"),
                );
            }
        }
    }
}

/// The literal parts of a path, template expressions left out.
fn literal_segments(path: &str) -> impl Iterator<Item = String> + '_ {
    path.split('/').filter(|s| !s.is_empty()).map(|s| {
        let mut out = String::new();
        let mut depth = 0;
        for c in s.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth = (depth - 1i32).max(0),
                _ if depth == 0 => out.push(c),
                _ => {}
            }
        }
        out
    })
}

pub fn kebab_case(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    for item in &spec.paths {
        let bad = literal_segments(item.key).find(|s| {
            s.chars().any(|c| c.is_ascii_uppercase() || c == '_')
                || s.starts_with('-')
                || s.ends_with('-')
                || s.contains("--")
        });
        if let Some(segment) = bad {
            hits.push(
                Hit::new(RuleId::PathsKebabCase, item.loc.clone())
                    .arg("path", item.key)
                    .arg("segment", segment),
            );
        }
    }
}

const VERBS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// Words of a segment: split at `-`, `_`, `.` and lower-to-upper case changes.
fn words(segment: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in segment.chars() {
        if (matches!(c, '-' | '_' | '.') || (c.is_uppercase() && prev_lower)) && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if !matches!(c, '-' | '_' | '.') {
            word.extend(c.to_lowercase());
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

pub fn http_verbs(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    for item in &spec.paths {
        let verb = literal_segments(item.key)
            .flat_map(|s| words(&s))
            .find(|w| VERBS.contains(&w.as_str()));
        if let Some(verb) = verb {
            hits.push(
                Hit::new(RuleId::NoHttpVerbsInPaths, item.loc.clone())
                    .arg("path", item.key)
                    .arg("verb", verb),
            );
        }
    }
}
