//! Where things are: the node under the cursor, `$ref` targets and uses,
//! and the outline (paths, operations, components).

use lsp_types::{DocumentSymbol, Location, SymbolKind};

use crate::load::{pointer, Node, Span};
use crate::model::{Loc, Workspace, ROOT};
use crate::rules::Place;

use super::diagnostics::Lines;
use super::text::{Encoding, Text};
use super::uri;

/// The innermost node at byte `offset` of the root document, its pointer,
/// and whether the offset is on the key that names it.
pub struct Under<'w> {
    pub pointer: String,
    pub node: &'w Node,
    pub on_key: bool,
    /// The objects from the root down, innermost last (the node included).
    pub chain: Vec<(String, &'w Node)>,
}

fn inside(span: Span, offset: u32) -> bool {
    span.start <= offset && offset <= span.end
}

pub fn under(root: &Node, offset: u32) -> Under<'_> {
    let mut at = Under {
        pointer: String::new(),
        node: root,
        on_key: false,
        chain: vec![(String::new(), root)],
    };
    loop {
        let node = at.node;
        let next = if let Some(obj) = node.as_object() {
            obj.entries().iter().find_map(|e| {
                let key = inside(e.key_span, offset);
                (key || inside(e.value.span, offset)).then_some((e.key.to_string(), &e.value, key))
            })
        } else if let Some(items) = node.as_array() {
            items
                .iter()
                .enumerate()
                .find(|(_, n)| inside(n.span, offset))
                .map(|(i, n)| (i.to_string(), n, false))
        } else {
            None
        };
        let Some((token, child, key)) = next else {
            return at;
        };
        pointer::push(&mut at.pointer, &token);
        at.node = child;
        at.on_key = key;
        at.chain.push((at.pointer.clone(), child));
        if key {
            return at;
        }
    }
}

/// The `$ref` object under the cursor (on its key or its value), and where
/// it leads.
pub fn reference_at(ws: &Workspace, offset: u32) -> Option<(Span, Loc)> {
    let at = under(&ws.root().root, offset);
    at.chain.iter().rev().find_map(|(_, node)| {
        let site = ws.ref_site(ROOT, node)?;
        let target = site.target.as_ref().ok()?;
        Some((site.span, target.clone()))
    })
}

/// What the cursor names as a target: the `$ref` it is on, or the
/// definition whose key it is on.
pub fn target_at(ws: &Workspace, offset: u32) -> Option<Loc> {
    if let Some((_, target)) = reference_at(ws, offset) {
        return Some(target);
    }
    let at = under(&ws.root().root, offset);
    at.on_key.then(|| Loc::new(ROOT, at.pointer))
}

pub fn place_location(ws: &Workspace, loc: &Loc, lines: &Lines) -> Option<Location> {
    let place = Place::locate(ws, loc, None);
    let uri = uri::from_name(&place.source.name)?;
    Some(Location::new(uri, lines.range(&place)))
}

/// Every `$ref` in the workspace that leads to `target`.
pub fn references(ws: &Workspace, target: &Loc, lines: &Lines) -> Vec<Location> {
    ws.refs
        .iter()
        .filter(|site| site.target.as_ref().is_ok_and(|t| t == target))
        .filter_map(|site| {
            let doc = ws.doc(site.at.doc);
            let place = Place {
                source: doc.source.clone(),
                pointer: site.at.pointer.clone(),
                span: site.span,
            };
            let uri = uri::from_name(&doc.source.name)?;
            Some(Location::new(uri, lines.range(&place)))
        })
        .collect()
}

/// The text of the definition at `loc`, at most `max_lines` lines of it.
pub fn preview(ws: &Workspace, loc: &Loc, max_lines: usize) -> Option<String> {
    let node = ws.node(loc)?;
    let text = &ws.doc(loc.doc).source.text;
    let body = text.get(node.span.start as usize..node.span.end as usize)?;
    let mut lines: Vec<&str> = body.lines().take(max_lines + 1).collect();
    let cut = lines.len() > max_lines;
    lines.truncate(max_lines);
    // YAML continuation lines keep their indentation; take the common part off.
    let indent = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.to_string()
            } else {
                l.get(indent..).unwrap_or(l).to_string()
            }
        })
        .collect();
    if cut {
        out.push("…".into());
    }
    Some(out.join("\n"))
}

fn symbol(
    text: &Text,
    enc: Encoding,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    (key, value): (Span, Span),
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    #[allow(deprecated)]
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: text.range(key.start as usize, value.end.max(key.end) as usize, enc),
        selection_range: text.range(key.start as usize, key.end as usize, enc),
        children: (!children.is_empty()).then_some(children),
    }
}

/// The outline: each path with its operations, and each component by section.
pub fn symbols(root: &Node, text: &Text, enc: Encoding) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    let Some(top) = root.as_object() else {
        return out;
    };
    for e in top.entries() {
        let children: Vec<DocumentSymbol> = match &*e.key {
            "paths" | "webhooks" => members(&e.value)
                .map(|p| {
                    let ops = members(&p.value)
                        .filter(|o| crate::model::spec::METHODS.contains(&&*o.key))
                        .map(|o| {
                            let id = o.value.get_str("operationId").map(str::to_string);
                            let name = format!("{} {}", o.key.to_ascii_uppercase(), p.key);
                            symbol(
                                text,
                                enc,
                                name,
                                id,
                                SymbolKind::METHOD,
                                (o.key_span, o.value.span),
                                vec![],
                            )
                        })
                        .collect();
                    symbol(
                        text,
                        enc,
                        p.key.to_string(),
                        None,
                        SymbolKind::NAMESPACE,
                        (p.key_span, p.value.span),
                        ops,
                    )
                })
                .collect(),
            "components" | "definitions" | "parameters" | "responses"
                if e.value.as_object().is_some() =>
            {
                let section = |s: &crate::load::Entry, kind| {
                    members(&s.value)
                        .map(|c| {
                            symbol(
                                text,
                                enc,
                                c.key.to_string(),
                                None,
                                kind,
                                (c.key_span, c.value.span),
                                vec![],
                            )
                        })
                        .collect::<Vec<_>>()
                };
                if &*e.key == "components" {
                    members(&e.value)
                        .map(|s| {
                            let kind = if &*s.key == "schemas" {
                                SymbolKind::CLASS
                            } else {
                                SymbolKind::STRUCT
                            };
                            symbol(
                                text,
                                enc,
                                s.key.to_string(),
                                None,
                                SymbolKind::MODULE,
                                (s.key_span, s.value.span),
                                section(s, kind),
                            )
                        })
                        .collect()
                } else {
                    section(e, SymbolKind::CLASS)
                }
            }
            _ => continue,
        };
        out.push(symbol(
            text,
            enc,
            e.key.to_string(),
            None,
            SymbolKind::MODULE,
            (e.key_span, e.value.span),
            children,
        ));
    }
    out
}

fn members(node: &Node) -> impl Iterator<Item = &crate::load::Entry> {
    node.as_object().map(|o| o.entries()).unwrap_or(&[]).iter()
}
