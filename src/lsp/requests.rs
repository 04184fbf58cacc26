//! Answers to the client's requests, from the newest results of each buffer.

use std::sync::Arc;

use lsp_server::{ErrorCode, Request, Response};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionOrCommand, CodeActionParams, DocumentSymbolParams, DocumentSymbolResponse,
    GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents, HoverParams, MarkupContent,
    MarkupKind, Position, Range, ReferenceParams, Uri,
};

use crate::load::Format;
use crate::model::Workspace;
use crate::report::escape::markdown;
use crate::rules::Finding;

use super::actions;
use super::diagnostics::{self, Lines};
use super::navigation;
use super::server::Server;
use super::text::Text;
use super::worker::{lock_results, Checked};

fn checked(server: &Server, uri: &Uri) -> Option<Arc<Checked>> {
    lock_results(&server.results).get(uri).cloned()
}

/// The last version of the buffer that loaded, and its text.
fn good(server: &Server, uri: &Uri) -> Option<(Arc<Workspace>, Text)> {
    checked(server, uri).and_then(|c| c.good.clone())
}

fn ok<T: serde::Serialize>(id: lsp_server::RequestId, value: T) -> Response {
    Response::new_ok(id, value)
}

pub(super) fn answer(server: &mut Server, r: Request) -> Response {
    let id = r.id.clone();
    let bad = |e: String| Response::new_err(r.id.clone(), ErrorCode::InvalidParams as i32, e);
    match r.method.as_str() {
        req::HoverRequest::METHOD => {
            match serde_json::from_value::<HoverParams>(r.params.clone()) {
                Ok(p) => ok(
                    id,
                    hover(
                        server,
                        &p.text_document_position_params.text_document.uri,
                        p.text_document_position_params.position,
                    ),
                ),
                Err(e) => bad(e.to_string()),
            }
        }
        req::GotoDefinition::METHOD => {
            match serde_json::from_value::<GotoDefinitionParams>(r.params.clone()) {
                Ok(p) => {
                    let tp = p.text_document_position_params;
                    ok(id, definition(server, &tp.text_document.uri, tp.position))
                }
                Err(e) => bad(e.to_string()),
            }
        }
        req::References::METHOD => {
            match serde_json::from_value::<ReferenceParams>(r.params.clone()) {
                Ok(p) => {
                    let tp = p.text_document_position;
                    ok(
                        id,
                        references(
                            server,
                            &tp.text_document.uri,
                            tp.position,
                            p.context.include_declaration,
                        ),
                    )
                }
                Err(e) => bad(e.to_string()),
            }
        }
        req::DocumentSymbolRequest::METHOD => {
            match serde_json::from_value::<DocumentSymbolParams>(r.params.clone()) {
                Ok(p) => ok(id, symbols(server, &p.text_document.uri)),
                Err(e) => bad(e.to_string()),
            }
        }
        req::CodeActionRequest::METHOD => {
            match serde_json::from_value::<CodeActionParams>(r.params.clone()) {
                Ok(p) => ok(id, code_actions(server, &p)),
                Err(e) => bad(e.to_string()),
            }
        }
        _ => Response::new_err(
            id,
            ErrorCode::MethodNotFound as i32,
            format!("{} is not served", r.method),
        ),
    }
}

fn definition(server: &Server, uri: &Uri, pos: Position) -> Option<GotoDefinitionResponse> {
    let (ws, text) = good(server, uri)?;
    let offset = text.offset(pos, server.enc) as u32;
    let (_, target) = navigation::reference_at(&ws, offset)?;
    let lines = Lines::new(server.enc);
    navigation::place_location(&ws, &target, &lines).map(GotoDefinitionResponse::Scalar)
}

fn references(
    server: &Server,
    uri: &Uri,
    pos: Position,
    declaration: bool,
) -> Option<Vec<lsp_types::Location>> {
    let (ws, text) = good(server, uri)?;
    let offset = text.offset(pos, server.enc) as u32;
    let target = navigation::target_at(&ws, offset)?;
    let lines = Lines::new(server.enc);
    let mut out = Vec::new();
    if declaration {
        out.extend(navigation::place_location(&ws, &target, &lines));
    }
    out.extend(navigation::references(&ws, &target, &lines));
    Some(out)
}

fn symbols(server: &Server, uri: &Uri) -> Option<DocumentSymbolResponse> {
    let (ws, text) = good(server, uri)?;
    Some(DocumentSymbolResponse::Nested(navigation::symbols(
        &ws.root().root,
        &text,
        server.enc,
    )))
}

fn contains(range: &Range, pos: Position) -> bool {
    range.start <= pos && pos <= range.end
}

fn overlaps(a: &Range, b: &Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The findings of the current analysis whose places are in the buffer,
/// with their ranges there: what its diagnostics show.
fn findings_here<'c>(server: &Server, c: &'c Checked) -> Vec<(&'c Finding, Range)> {
    let Some(ws) = &c.analysis.workspace else {
        return Vec::new();
    };
    let root = &ws.root().source.name;
    let lines = Lines::new(server.enc);
    let lint = c.analysis.lint.iter().map(|f| (f, f.place.clone()));
    let changes = c
        .analysis
        .changes
        .iter()
        .map(|f| (f, diagnostics::buffer_place(f, ws)));
    lint.chain(changes)
        .filter(|(_, place)| &place.source.name == root)
        .map(|(f, place)| (f, lines.range(&place)))
        .collect()
}

fn hover(server: &Server, uri: &Uri, pos: Position) -> Option<Hover> {
    let c = checked(server, uri)?;
    let mut parts: Vec<String> = Vec::new();
    for (f, range) in findings_here(server, &c) {
        if contains(&range, pos) {
            let r = f.rule;
            let mut s = format!("**{}** ({}): {}", r.id, f.level.name(), r.summary);
            if let Some(help) = r.help {
                s.push_str("\n\n");
                s.push_str(help);
            }
            parts.push(s);
        }
    }
    if let Some((ws, text)) = c.good.clone() {
        let offset = text.offset(pos, server.enc) as u32;
        if let Some((_, target)) = navigation::reference_at(&ws, offset) {
            let lang = match ws.doc(target.doc).format {
                Format::Json => "json",
                Format::Yaml => "yaml",
            };
            let name = &ws.doc(target.doc).source.name;
            let mut s = markdown::code(&format!("{}#{}", file_name(name), target.pointer));
            if let Some(body) = navigation::preview(&ws, &target, 40) {
                // The spec's own text: a fence longer than any run of
                // backticks in it, so it cannot close the block and write
                // Markdown (links) of its own into the hover.
                let f = markdown::fence(&body, 3);
                s.push_str(&format!("\n\n{f}{lang}\n{body}\n{f}"));
            }
            parts.push(s);
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: None,
    })
}

fn file_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

fn code_actions(server: &Server, p: &CodeActionParams) -> Option<Vec<CodeActionOrCommand>> {
    let uri = &p.text_document.uri;
    let c = checked(server, uri)?;
    let doc = server.docs.get(uri)?;
    // Edits are offsets into the analysed text: none for a newer one.
    if c.analysis.version != doc.version {
        return Some(Vec::new());
    }
    let ws = c.analysis.workspace.as_ref()?;
    let folder = doc.path.parent()?;
    let cx = actions::Context {
        uri,
        text: &c.text,
        root: &ws.root().root,
        format: ws.root().format,
        enc: server.enc,
        config: c.config.as_deref(),
        folder,
    };
    let mut out = Vec::new();
    for (f, range) in findings_here(server, &c) {
        if !overlaps(&range, &p.range) {
            continue;
        }
        let code = f.rule.id;
        let shown = p.context.diagnostics.iter().find(|d| {
            d.range == range
                && matches!(&d.code, Some(lsp_types::NumberOrString::String(s)) if s == code)
        });
        out.extend(
            actions::for_finding(f, shown, &cx)
                .into_iter()
                .map(CodeActionOrCommand::CodeAction),
        );
    }
    Some(out)
}
