//! What a custom rule looks at (`given`): a named kind of object, or a
//! JSONPath of the subset Spectral rules mostly use.

use std::collections::HashSet;

use crate::load::{pointer, Node, Value};
use crate::model::{each_schema, Loc, Spec, ROOT};

use super::filter::Filter;

/// One object a rule is checked on. `key` is the name it has in its parent
/// (a path, a method, a property name, a status code), for `field: "@key"`.
pub struct Target<'w> {
    pub loc: Loc,
    pub node: &'w Node,
    pub key: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    Document,
    Info,
    Operations,
    Parameters,
    Schemas,
    Properties,
    Responses,
    Tags,
    Servers,
    Paths,
}

const NAMES: [(&str, Named); 10] = [
    ("document", Named::Document),
    ("info", Named::Info),
    ("operations", Named::Operations),
    ("parameters", Named::Parameters),
    ("schemas", Named::Schemas),
    ("properties", Named::Properties),
    ("responses", Named::Responses),
    ("tags", Named::Tags),
    ("servers", Named::Servers),
    ("paths", Named::Paths),
];

#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// `.name` or `['name']`
    Key(String),
    /// `[3]`
    Index(usize),
    /// `.*` or `[*]`
    Any,
    /// `..name`: the key at any depth.
    Descend(String),
    /// `..*`: every node below.
    DescendAny,
    /// `['get','put']` or `[get,put]`: any of these keys.
    Union(Vec<String>),
    /// `[?(@.in == 'query')]`: the children that pass.
    Filter(Filter),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Selector {
    Named(Named),
    Path(Vec<Step>),
}

/// Every name `given` accepts besides a JSONPath.
pub fn names() -> Vec<&'static str> {
    NAMES.iter().map(|(n, _)| *n).collect()
}

impl Selector {
    pub fn parse(text: &str) -> Result<Selector, String> {
        let text = text.trim();
        if let Some((_, named)) = NAMES.iter().find(|(n, _)| *n == text) {
            return Ok(Selector::Named(*named));
        }
        if !text.starts_with('$') {
            return Err(format!(
                "`{text}` is neither a selector ({}) nor a JSONPath starting with `$`",
                names().join(", ")
            ));
        }
        parse_path(&text[1..]).map(Selector::Path)
    }

    pub fn select<'w>(&self, spec: &Spec<'w>) -> Vec<Target<'w>> {
        match self {
            Selector::Named(n) => named(spec, *n),
            Selector::Path(steps) => path(spec, steps),
        }
    }
}

fn parse_path(mut rest: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    let unsupported = |what: &str| {
        format!("{what} is not in the JSONPath subset vapi-spec reads (`.key`, `['key']`, `[n]`, `*`, `..key`, `[a,b]`, `[?(@.key == 'value')]`)")
    };
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("..") {
            let (name, tail) = split_name(after);
            steps.push(match name {
                "*" => Step::DescendAny,
                "" => return Err(unsupported("`..` without a name")),
                n => Step::Descend(n.to_string()),
            });
            rest = tail;
        } else if let Some(after) = rest.strip_prefix('.') {
            let (name, tail) = split_name(after);
            steps.push(match name {
                "*" => Step::Any,
                "" => return Err(unsupported("an empty name")),
                n => Step::Key(n.to_string()),
            });
            rest = tail;
        } else if let Some(after) = rest.strip_prefix('[') {
            let close = bracket_end(after).ok_or_else(|| "a `[` is never closed".to_string())?;
            let inner = after[..close].trim();
            rest = &after[close + 1..];
            if inner == "*" {
                steps.push(Step::Any);
            } else if let Ok(i) = inner.parse::<usize>() {
                steps.push(Step::Index(i));
            } else if let Some(name) = quoted(inner) {
                steps.push(Step::Key(name));
            } else if let Some(expr) = inner
                .strip_prefix('?')
                .map(str::trim)
                .and_then(|e| e.strip_prefix('('))
                .and_then(|e| e.strip_suffix(')'))
            {
                steps.push(Step::Filter(Filter::parse(expr)?));
            } else if inner.contains(',') {
                let names: Option<Vec<String>> = inner
                    .split(',')
                    .map(|n| {
                        let n = n.trim();
                        quoted(n).or_else(|| {
                            (!n.is_empty()
                                && n.chars().all(|c| c.is_alphanumeric() || "_-$".contains(c)))
                            .then(|| n.to_string())
                        })
                    })
                    .collect();
                steps.push(Step::Union(
                    names.ok_or_else(|| unsupported(&format!("`[{inner}]`")))?,
                ));
            } else {
                return Err(unsupported(&format!("`[{inner}]`")));
            }
        } else {
            return Err(format!("unexpected `{rest}` in the JSONPath"));
        }
    }
    Ok(steps)
}

fn split_name(s: &str) -> (&str, &str) {
    let end = s.find(['.', '[']).unwrap_or(s.len());
    (&s[..end], &s[end..])
}

/// The `]` that closes a bracket, skipping over quoted names.
fn bracket_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, ']') => return Some(i),
            _ => {}
        }
    }
    None
}

fn quoted(s: &str) -> Option<String> {
    let q = s.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let inner = s.strip_prefix(q)?.strip_suffix(q)?;
    Some(inner.to_string())
}

fn last_token(loc: &Loc) -> Option<String> {
    pointer::tokens(&loc.pointer).and_then(|t| t.last().cloned())
}

fn named<'w>(spec: &Spec<'w>, which: Named) -> Vec<Target<'w>> {
    let ws = spec.ws;
    let top = Loc::new(ROOT, "");
    let target = |loc: Loc, node: &'w Node, key: Option<String>| Target { loc, node, key };
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |out: &mut Vec<Target<'w>>, loc: &Loc, node: &'w Node, key: Option<String>| {
        let (loc, node) = ws.deref(loc, node);
        if seen.insert((loc.doc, node.span.start)) {
            out.push(target(loc, node, key));
        }
    };
    match which {
        Named::Document => out.push(target(top, spec.root, None)),
        Named::Info => {
            if let Some(info) = spec.root.get("info") {
                push(&mut out, &top.child("info"), info, Some("info".into()));
            }
        }
        Named::Operations => {
            for op in spec.operations() {
                push(&mut out, &op.loc, op.node, Some(op.method.to_string()));
            }
        }
        Named::Parameters => {
            for item in spec.paths.iter().chain(&spec.webhooks) {
                for p in item
                    .params
                    .iter()
                    .chain(item.operations.iter().flat_map(|o| &o.params))
                {
                    push(&mut out, &p.def, p.node, Some(p.name.to_string()));
                }
            }
            for c in spec.components.iter().filter(|c| c.kind == "parameters") {
                push(&mut out, &c.loc, c.node, Some(c.name.to_string()));
            }
        }
        Named::Schemas => each_schema(spec, &mut |site| {
            out.push(target(site.loc.clone(), site.node, last_token(&site.loc)));
        }),
        Named::Properties => {
            let mut holders = Vec::new();
            each_schema(spec, &mut |site| {
                holders.push((site.loc.clone(), site.node))
            });
            for (loc, node) in holders {
                let Some(props) = node.get("properties").and_then(Node::as_object) else {
                    continue;
                };
                for e in props.entries() {
                    let at = loc.child("properties").child(&e.key);
                    // A property that is a reference is checked where it is used.
                    out.push(target(at, &e.value, Some(e.key.to_string())));
                }
            }
        }
        Named::Responses => {
            for op in spec.operations() {
                for r in &op.responses {
                    push(&mut out, &r.loc, r.node, Some(r.status.to_string()));
                }
            }
            for c in spec.components.iter().filter(|c| c.kind == "responses") {
                push(&mut out, &c.loc, c.node, Some(c.name.to_string()));
            }
        }
        Named::Tags => {
            if let Some(tags) = spec.root.get("tags").and_then(Node::as_array) {
                for (i, tag) in tags.iter().enumerate() {
                    let key = tag.get_str("name").map(str::to_string);
                    push(&mut out, &top.child("tags").index(i), tag, key);
                }
            }
        }
        Named::Servers => {
            for s in &spec.servers {
                if let Some(node) = ws.node(&s.loc) {
                    push(&mut out, &s.loc, node, Some(s.url.clone()));
                }
            }
        }
        Named::Paths => {
            for item in &spec.paths {
                push(&mut out, &item.loc, item.node, Some(item.key.to_string()));
            }
        }
    }
    out
}

/// Evaluates a JSONPath over the document, following `$ref`s as Spectral
/// does over its resolved document; each place is visited once.
fn path<'w>(spec: &Spec<'w>, steps: &[Step]) -> Vec<Target<'w>> {
    let ws = spec.ws;
    let mut current = vec![Target {
        loc: Loc::new(ROOT, ""),
        node: spec.root,
        key: None,
    }];
    for step in steps {
        let mut next = Vec::new();
        let mut seen = HashSet::new();
        // Shared by every target of the step: a subtree is descended once,
        // so that `$..*..*` stays linear in the size of the document.
        let mut visited = HashSet::new();
        let mut push = |next: &mut Vec<Target<'w>>, loc: Loc, node: &'w Node, key: String| {
            let (loc, node) = ws.deref(&loc, node);
            if seen.insert((loc.doc, node.span.start)) {
                next.push(Target {
                    loc,
                    node,
                    key: Some(key),
                });
            }
        };
        for t in &current {
            match step {
                Step::Key(k) => {
                    if let Some(child) = t.node.get(k) {
                        push(&mut next, t.loc.child(k), child, k.clone());
                    }
                }
                Step::Index(i) => {
                    if let Some(child) = t.node.as_array().and_then(|a| a.get(*i)) {
                        push(&mut next, t.loc.index(*i), child, i.to_string());
                    }
                }
                Step::Any => children(t, &mut |loc, node, key| push(&mut next, loc, node, key)),
                Step::Union(names) => {
                    for k in names {
                        if let Some(child) = t.node.get(k) {
                            push(&mut next, t.loc.child(k), child, k.clone());
                        }
                    }
                }
                Step::Filter(filter) => children(t, &mut |loc, node, key| {
                    // The filter sees the object as resolved, as Spectral's does.
                    let (_, seen) = ws.deref(&loc, node);
                    if filter.matches(&key, seen) {
                        push(&mut next, loc, node, key);
                    }
                }),
                Step::Descend(_) | Step::DescendAny => {
                    let mut stack = vec![(t.loc.clone(), t.node)];
                    while let Some((loc, node)) = stack.pop() {
                        if !visited.insert((loc.doc, node.span.start)) {
                            continue;
                        }
                        let here = Target {
                            loc: loc.clone(),
                            node,
                            key: None,
                        };
                        children(&here, &mut |cloc, cnode, key| {
                            let matches = match step {
                                Step::Descend(name) => *name == key,
                                _ => true,
                            };
                            let (dloc, dnode) = ws.deref(&cloc, cnode);
                            if matches {
                                push(&mut next, cloc, cnode, key);
                            }
                            stack.push((dloc, dnode));
                        });
                    }
                }
            }
        }
        current = next;
    }
    current
}

fn children<'w>(t: &Target<'w>, f: &mut impl FnMut(Loc, &'w Node, String)) {
    match &t.node.value {
        Value::Object(obj) => {
            for e in obj.entries() {
                f(t.loc.child(&e.key), &e.value, e.key.to_string());
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                f(t.loc.index(i), item, i.to_string());
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_parse_into_steps() {
        let Ok(Selector::Path(steps)) = Selector::parse("$.paths[*]['get'].responses..description")
        else {
            panic!("did not parse");
        };
        assert_eq!(
            steps,
            vec![
                Step::Key("paths".into()),
                Step::Any,
                Step::Key("get".into()),
                Step::Key("responses".into()),
                Step::Descend("description".into()),
            ]
        );
        assert_eq!(
            Selector::parse("operations"),
            Ok(Selector::Named(Named::Operations))
        );
        assert!(Selector::parse("$.paths[?(@.get && @.put)]").is_err());
        assert!(matches!(
            Selector::parse("$.paths[*][get,'put']"),
            Ok(Selector::Path(steps)) if steps[2] == Step::Union(vec!["get".into(), "put".into()])
        ));
        assert!(Selector::parse("$..parameters[?(@.in == 'query')]").is_ok());
        assert!(Selector::parse("paths.get").is_err());
        assert!(Selector::parse("$.tags[0").is_err());
    }
}
