//! Findings as the protocol's diagnostics: one list per file, ranges in the
//! client's encoding, the rule id as the code with a link to its page.

use std::collections::HashMap;
use std::str::FromStr;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Range, Uri,
};

use crate::load::LoadError;
use crate::model::{Loc, Workspace, ROOT};
use crate::rules::{Finding, Level, Place, Rule};

use super::text::{range_in, Encoding};
use super::uri;

pub const LINT_SOURCE: &str = "vapi-spec";

/// Ranges of places in the client's encoding, from the line index each
/// loaded file keeps.
pub struct Lines {
    enc: Encoding,
}

impl Lines {
    pub fn new(enc: Encoding) -> Lines {
        Lines { enc }
    }

    pub fn range(&self, place: &Place) -> Range {
        let source = &place.source;
        let (start, end) = (place.span.start as usize, place.span.end as usize);
        range_in(&source.text, source.lines(), start, end, self.enc)
    }
}

/// Where each rule's page is: a `file:` page written once, or the client's
/// own address with `{id}` in it.
pub struct RuleDocs {
    pub template: Option<String>,
    pub folder: Option<std::path::PathBuf>,
    pub files: HashMap<&'static str, String>,
}

impl RuleDocs {
    pub fn href(&self, rule: &Rule) -> Option<Uri> {
        if let Some(t) = &self.template {
            return Uri::from_str(&t.replace("{id}", rule.id)).ok();
        }
        let file = self.files.get(rule.id)?;
        uri::from_path(&self.folder.as_ref()?.join(file))
    }
}

fn severity(level: Level) -> DiagnosticSeverity {
    match level {
        Level::Error => DiagnosticSeverity::ERROR,
        Level::Warning => DiagnosticSeverity::WARNING,
        Level::Info => DiagnosticSeverity::INFORMATION,
    }
}

fn location(lines: &Lines, place: &Place) -> Option<Location> {
    let uri = uri::from_name(&place.source.name)?;
    Some(Location::new(uri, lines.range(place)))
}

/// A lint finding, under the URI of the file it is in.
pub fn lint(f: &Finding, lines: &Lines, docs: &RuleDocs) -> Option<(Uri, Diagnostic)> {
    let at = location(lines, &f.place)?;
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .filter_map(|(p, message)| {
            Some(DiagnosticRelatedInformation {
                location: location(lines, p)?,
                message: message.clone(),
            })
        })
        .collect();
    let d = of_finding(f, at.range, docs, LINT_SOURCE.to_string(), related);
    Some((at.uri, d))
}

/// `f` at `range`, coded by its rule.
fn of_finding(
    f: &Finding,
    range: Range,
    docs: &RuleDocs,
    source: String,
    related: Vec<DiagnosticRelatedInformation>,
) -> Diagnostic {
    Diagnostic {
        range,
        severity: Some(severity(f.level)),
        code: Some(NumberOrString::String(f.rule.id.to_string())),
        code_description: docs.href(f.rule).map(|href| CodeDescription { href }),
        source: Some(source),
        message: f.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// A change against the base, at its place in the buffer. A change whose
/// element is gone is shown at the nearest part of the buffer that is left,
/// and the old place is told in words (a revision has no file to open).
pub fn change(
    f: &Finding,
    buffer: &Workspace,
    base: &str,
    lines: &Lines,
    docs: &RuleDocs,
) -> Option<(Uri, Diagnostic)> {
    let old = f.sides.as_ref().and_then(|(o, _)| o.clone());
    let here = buffer_place(f, buffer);
    let at = location(lines, &here)?;
    let related = old.map(|o| {
        let (line, column) = o.line_column();
        DiagnosticRelatedInformation {
            location: at.clone(),
            message: format!("in {base}: line {line}, column {column} ({})", o.pointer),
        }
    });
    let source = format!("vapi-spec diff {base}");
    let d = of_finding(f, at.range, docs, source, related.into_iter().collect());
    Some((at.uri, d))
}

/// Where a change is shown in the buffer: its new place, or for an element
/// that is gone, the nearest part of the buffer that is left.
pub fn buffer_place(f: &Finding, buffer: &Workspace) -> Place {
    match f.sides.as_ref().and_then(|(_, n)| n.clone()) {
        Some(new) => new,
        None => Place::locate(buffer, &Loc::new(ROOT, f.place.pointer.clone()), None),
    }
}

/// A buffer that does not load: the reason at its place (the first line
/// when the reason has no place), in the buffer's own file.
pub fn load_error(e: &LoadError, enc: Encoding) -> Diagnostic {
    let range = match (&e.source, e.span) {
        (Some(source), Some(span)) => range_in(
            &source.text,
            source.lines(),
            span.start as usize,
            span.end as usize,
            enc,
        ),
        _ => Range::default(),
    };
    let message = match &e.label {
        Some(label) if !label.is_empty() => format!("{} ({label})", e.message),
        _ => e.message.clone(),
    };
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        // Not a rule: the document could not be read at all.
        code: None,
        code_description: None,
        source: Some(LINT_SOURCE.to_string()),
        message,
        related_information: None,
        tags: None,
        data: None,
    }
}
