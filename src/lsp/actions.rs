//! Code actions: silence a rule on the object (`x-vapi-ignore`) or in the
//! project's ignores (with a reason to fill in), and the one safe fix of
//! the rules that have one.

use std::collections::HashMap;
use std::path::Path;

use lsp_types::{
    CodeAction, CodeActionKind, CreateFile, CreateFileOptions, Diagnostic, DocumentChangeOperation,
    DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, ResourceOp, TextDocumentEdit,
    TextEdit, Uri, WorkspaceEdit,
};

use crate::load::{self, pointer, Format, Node};
use crate::rule_id::RuleId;
use crate::rules::Finding;

use super::text::{Encoding, Text};
use super::uri;

/// One edit of the buffer, as byte offsets into the analysed text.
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

fn edit_of(e: &Edit, text: &Text, enc: Encoding) -> TextEdit {
    TextEdit::new(text.range(e.start, e.end, enc), e.text.clone())
}

fn buffer_action(
    title: String,
    uri: &Uri,
    edits: Vec<Edit>,
    text: &Text,
    enc: Encoding,
    diagnostic: Option<&Diagnostic>,
    preferred: bool,
) -> CodeAction {
    let changes: HashMap<Uri, Vec<TextEdit>> = [(
        uri.clone(),
        edits.iter().map(|e| edit_of(e, text, enc)).collect(),
    )]
    .into();
    CodeAction {
        title,
        kind: Some(if preferred {
            CodeActionKind::QUICKFIX
        } else {
            CodeActionKind::new("quickfix.ignore")
        }),
        diagnostics: diagnostic.map(|d| vec![d.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    }
}

/// The text before `offset` on its line, if it is all blanks.
fn indent_at(text: &str, offset: usize) -> Option<&str> {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let lead = &text[start..offset];
    lead.chars().all(|c| c == ' ' || c == '\t').then_some(lead)
}

/// The object that holds the place at `at`: the node itself, or the
/// nearest object above it.
fn holder<'n>(root: &'n Node, at: &str) -> Option<(&'n Node, String)> {
    let tokens = pointer::tokens(at)?;
    let mut best = root.as_object().map(|_| (root, String::new()));
    let mut node = root;
    let mut ptr = String::new();
    for t in tokens {
        let next = match (node.as_object(), node.as_array()) {
            (Some(o), _) => o.get(&t),
            (_, Some(items)) => t.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        let Some(next) = next else { break };
        pointer::push(&mut ptr, &t);
        node = next;
        if node.as_object().is_some() {
            best = Some((node, ptr.clone()));
        }
    }
    best
}

fn quote(format: Format, s: &str) -> String {
    match format {
        Format::Json => serde_json::to_string(s).unwrap_or_default(),
        Format::Yaml => {
            let plain = s
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
            if plain {
                s.to_string()
            } else {
                serde_json::to_string(s).unwrap_or_default()
            }
        }
    }
}

/// A new member `key: value` as the first of the object `obj`, in the
/// style the object is written in.
fn insert_member(src: &str, format: Format, obj: &Node, key: &str, value: &str) -> Option<Edit> {
    let o = obj.as_object()?;
    let start = obj.span.start as usize;
    let flow = src[start..].starts_with('{');
    let key = quote(format, key);
    let Some(first) = o.entries().first() else {
        if !flow {
            return None;
        }
        let close = src[start..obj.span.end as usize].rfind('}')? + start;
        return Some(Edit {
            start: start + 1,
            end: close,
            text: format!("{key}: {value}"),
        });
    };
    let at = first.key_span.start as usize;
    let text = match indent_at(src, at) {
        Some(indent) => format!(
            "{key}: {value}{}\n{indent}",
            if format == Format::Json { "," } else { "" }
        ),
        None if flow || format == Format::Json => format!("{key}: {value}, "),
        None => return None,
    };
    Some(Edit {
        start: at,
        end: at,
        text,
    })
}

fn ignore_on_object(f: &Finding, src: &str, root: &Node, format: Format) -> Option<(Edit, String)> {
    let (obj, at) = holder(root, &f.place.pointer)?;
    let id = quote(format, f.rule.id);
    let what = if at.is_empty() {
        "the document".to_string()
    } else {
        format!("`{at}`")
    };
    let title = format!("Ignore {} on {what} (x-vapi-ignore)", f.rule.id);
    let existing = obj.as_object()?.get("x-vapi-ignore");
    let edit = match existing {
        None => insert_member(src, format, obj, "x-vapi-ignore", &format!("[{id}]"))?,
        Some(list) => {
            let body = &src[list.span.start as usize..list.span.end as usize];
            match list.as_array() {
                Some(items) if body.ends_with(']') => {
                    let close = list.span.end as usize - 1;
                    let sep = if items.is_empty() { "" } else { ", " };
                    Edit {
                        start: close,
                        end: close,
                        text: format!("{sep}{id}"),
                    }
                }
                Some(items) => {
                    let last = items.last()?;
                    let dash = last.span.start as usize;
                    let indent = indent_at(src, dash.checked_sub(2)?)?;
                    Edit {
                        start: last.span.end as usize,
                        end: last.span.end as usize,
                        text: format!("\n{indent}- {id}"),
                    }
                }
                None if list.as_str().is_some() => Edit {
                    start: list.span.start as usize,
                    end: list.span.end as usize,
                    text: format!("[{body}, {id}]"),
                },
                None => return None,
            }
        }
    };
    Some((edit, title))
}

/// An entry for the project's ignores, added to the configuration (made if
/// there is none), with a reason for the author to write.
fn ignore_in_config(f: &Finding, config: Option<&Path>, folder: &Path) -> Option<CodeAction> {
    let op = f.operation.as_ref()?;
    let entry = format!(
        "  - rule: {}\n    operation: {}\n    reason: \"TODO: say why this is accepted\"\n",
        f.rule.id,
        serde_json::to_string(&format!("{} {}", op.method, op.path)).ok()?,
    );
    let title = format!(
        "Ignore {} on {} {} in the configuration",
        f.rule.id, op.method, op.path
    );
    let (path, changes) = match config {
        Some(path) => {
            let doc = load::load(&load::Input::Path(path.to_path_buf())).ok()?;
            let src = doc.source.text.to_string();
            let text = Text::new(src.clone());
            let edit = match doc.root.get("ignore") {
                None => {
                    let nl = if src.is_empty() || src.ends_with('\n') {
                        ""
                    } else {
                        "\n"
                    };
                    Edit {
                        start: src.len(),
                        end: src.len(),
                        text: format!("{nl}ignore:\n{entry}"),
                    }
                }
                Some(list) => match list.as_array() {
                    Some([]) => Edit {
                        start: list.span.start as usize,
                        end: list.span.end as usize,
                        text: format!("\n{}", entry.trim_end_matches('\n')),
                    },
                    Some(items) if !src[list.span.start as usize..].starts_with('[') => {
                        let end = items.last()?.span.end as usize;
                        let line_end = src[end..].find('\n').map_or(src.len(), |i| end + i + 1);
                        let nl = if line_end == src.len() && !src.ends_with('\n') {
                            "\n"
                        } else {
                            ""
                        };
                        Edit {
                            start: line_end,
                            end: line_end,
                            text: format!("{nl}{entry}"),
                        }
                    }
                    _ => return None,
                },
            };
            (
                path.to_path_buf(),
                vec![edit_of(&edit, &text, Encoding::Utf16)],
            )
        }
        None => {
            let path = folder.join(crate::rules::config::FILE_NAMES[0]);
            let text = format!("# vapi-spec configuration\nignore:\n{entry}");
            (path, vec![TextEdit::new(lsp_types::Range::default(), text)])
        }
    };
    let target = uri::from_path(&path)?;
    let mut ops = Vec::new();
    if config.is_none() {
        ops.push(DocumentChangeOperation::Op(ResourceOp::Create(
            CreateFile {
                uri: target.clone(),
                options: Some(CreateFileOptions {
                    overwrite: Some(false),
                    ignore_if_exists: Some(true),
                }),
                annotation_id: None,
            },
        )));
    }
    ops.push(DocumentChangeOperation::Edit(TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier {
            uri: target,
            version: None,
        },
        edits: changes.into_iter().map(OneOf::Left).collect(),
    }));
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::new("quickfix.ignore")),
        edit: Some(WorkspaceEdit {
            document_changes: Some(DocumentChanges::Operations(ops)),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    })
}

/// `getPetsByPetId` for `GET /pets/{petId}`.
pub fn suggest_operation_id(method: &str, path: &str) -> String {
    let mut out = method.to_ascii_lowercase();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let (param, word) = match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(p) => (true, p),
            None => (false, segment),
        };
        if param {
            out.push_str("By");
        }
        for part in word
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|p| !p.is_empty())
        {
            let mut chars = part.chars();
            if let Some(c) = chars.next() {
                out.push(c.to_ascii_uppercase());
                out.push_str(chars.as_str());
            }
        }
    }
    out
}

/// The safe fix of `f`'s rule, if it has one.
fn fix(f: &Finding, src: &str, root: &Node, format: Format) -> Option<(Edit, String)> {
    let id = RuleId::parse(f.rule.id)?;
    match id {
        RuleId::OperationOperationId => {
            let op = f.operation.as_ref()?;
            let (obj, _) = holder(root, &f.place.pointer)?;
            let name = suggest_operation_id(&op.method, &op.path);
            let edit = insert_member(src, format, obj, "operationId", &quote(format, &name))?;
            Some((edit, format!("Add operationId `{name}`")))
        }
        RuleId::PathKeysNoTrailingSlash => {
            let span = f.place.span;
            let key = src.get(span.start as usize..span.end as usize)?;
            let body = key.trim_end_matches(['"', '\'']);
            if !body.ends_with('/') || body.trim_start_matches(['"', '\'']) == "/" {
                return None;
            }
            let at = span.start as usize + body.len() - 1;
            Some((
                Edit {
                    start: at,
                    end: at + 1,
                    text: String::new(),
                },
                "Remove the trailing slash".into(),
            ))
        }
        _ => None,
    }
}

pub struct Context<'a> {
    pub uri: &'a Uri,
    pub text: &'a Text,
    pub root: &'a Node,
    pub format: Format,
    pub enc: Encoding,
    pub config: Option<&'a Path>,
    pub folder: &'a Path,
}

/// Every action for the finding `f` (shown as `diagnostic`).
pub fn for_finding(
    f: &Finding,
    diagnostic: Option<&Diagnostic>,
    cx: &Context<'_>,
) -> Vec<CodeAction> {
    let mut out = Vec::new();
    let src = cx.text.text.as_str();
    if let Some((edit, title)) = fix(f, src, cx.root, cx.format) {
        out.push(buffer_action(
            title,
            cx.uri,
            vec![edit],
            cx.text,
            cx.enc,
            diagnostic,
            true,
        ));
    }
    if let Some((edit, title)) = ignore_on_object(f, src, cx.root, cx.format) {
        out.push(buffer_action(
            title,
            cx.uri,
            vec![edit],
            cx.text,
            cx.enc,
            diagnostic,
            false,
        ));
    }
    if let Some(mut action) = ignore_in_config(f, cx.config, cx.folder) {
        action.diagnostics = diagnostic.map(|d| vec![d.clone()]);
        out.push(action);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(src: &str, at: &str, key: &str, value: &str) -> Option<String> {
        let doc = load::parse_bytes("t", src.as_bytes().to_vec()).ok()?;
        let node = pointer::lookup(&doc.root, at)?.0;
        let e = insert_member(src, doc.format, node, key, value)?;
        let mut out = src.to_string();
        out.replace_range(e.start..e.end, &e.text);
        Some(out)
    }

    #[test]
    fn members_are_inserted_in_the_style_of_the_object() {
        let json = "{\n  \"a\": {\n    \"b\": 1\n  },\n  \"e\": {}\n}\n";
        assert_eq!(
            applied(json, "/a", "x", "[1]").as_deref(),
            Some("{\n  \"a\": {\n    \"x\": [1],\n    \"b\": 1\n  },\n  \"e\": {}\n}\n")
        );
        assert_eq!(
            applied(json, "/e", "x", "[1]").as_deref(),
            Some("{\n  \"a\": {\n    \"b\": 1\n  },\n  \"e\": {\"x\": [1]}\n}\n")
        );
        let yaml = "a:\n  b: 1\nc: {d: 2}\n";
        assert_eq!(
            applied(yaml, "/a", "x", "[y]").as_deref(),
            Some("a:\n  x: [y]\n  b: 1\nc: {d: 2}\n")
        );
        assert_eq!(
            applied(yaml, "/c", "x", "[y]").as_deref(),
            Some("a:\n  b: 1\nc: {x: [y], d: 2}\n")
        );
    }

    #[test]
    fn operation_ids_are_suggested_from_method_and_path() {
        assert_eq!(
            suggest_operation_id("GET", "/pets/{petId}"),
            "getPetsByPetId"
        );
        assert_eq!(
            suggest_operation_id("post", "/v1/user-groups/"),
            "postV1UserGroups"
        );
        assert_eq!(suggest_operation_id("DELETE", "/"), "delete");
    }
}
