//! The terminal rendering: rustc-style code frames through miette.

use std::fmt::Write as _;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, Severity, SourceCode,
};

use crate::load::LoadError;
use crate::rules::{Finding, Level, Place};

use super::escape::visible;
use super::snippet::Snippet;

#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    /// Wrap width; fixed in tests so snapshots do not depend on the terminal.
    pub width: usize,
}

impl Style {
    pub fn plain() -> Style {
        Style {
            color: false,
            width: 100,
        }
    }

    fn handler(self) -> GraphicalReportHandler {
        let theme = if self.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        GraphicalReportHandler::new_themed(theme)
            .with_width(self.width)
            .with_context_lines(1)
            // Lines break at spaces. The Unicode line-break rules cost more
            // than the rest of a code frame, on thousands of findings.
            .with_word_separator(textwrap::WordSeparator::AsciiSpace)
    }
}

/// One diagnostic: a message with a label at one place in one file.
#[derive(Debug)]
struct Frame {
    code: Option<String>,
    message: String,
    severity: Severity,
    help: Option<String>,
    snippet: Option<Snippet>,
    label: Option<LabeledSpan>,
    related: Vec<Frame>,
}

impl std::fmt::Display for Frame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Frame {}

impl Diagnostic for Frame {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn std::fmt::Display>)
    }

    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.snippet.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}

fn severity(level: Level) -> Severity {
    match level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
        Level::Info => Severity::Advice,
    }
}

fn labeled(place: &Place, label: &str) -> LabeledSpan {
    LabeledSpan::new(
        Some(visible(label).into_owned()),
        place.span.start as usize,
        place.span.len().max(1),
    )
}

fn frame(finding: &Finding) -> Frame {
    Frame {
        code: Some(visible(finding.rule.id).into_owned()),
        message: visible(&finding.message).into_owned(),
        severity: severity(finding.level),
        help: finding.rule.help.map(str::to_string),
        snippet: Some(Snippet {
            source: finding.place.source.clone(),
        }),
        label: Some(labeled(&finding.place, "here")),
        related: finding
            .related
            .iter()
            .map(|(place, label)| Frame {
                code: None,
                message: visible(label).into_owned(),
                severity: Severity::Advice,
                help: None,
                snippet: Some(Snippet {
                    source: place.source.clone(),
                }),
                label: Some(labeled(place, label)),
                related: Vec::new(),
            })
            .collect(),
    }
}

fn render(handler: &GraphicalReportHandler, diagnostic: &dyn Diagnostic, out: &mut String) {
    if handler.render_report(out, diagnostic).is_err() {
        // The handler only fails on a broken span; fall back to the bare message.
        let _ = writeln!(out, "{diagnostic}");
    }
}

/// Every finding as a code frame, then a one-line count.
pub fn findings(findings: &[Finding], style: Style) -> String {
    let handler = style.handler();
    let mut out = String::new();
    for f in findings {
        render(&handler, &frame(f), &mut out);
        out.push('\n');
    }
    let count = |level| findings.iter().filter(|f| f.level == level).count();
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let _ = writeln!(
        out,
        "{}, {}, {}",
        plural(count(Level::Error), "error"),
        plural(count(Level::Warning), "warning"),
        plural(count(Level::Info), "info")
    );
    super::escape::guard_lines(out)
}

/// Diff findings grouped by endpoint, breaking first, each shown where it is
/// in the new version (the old one for something removed) with the other
/// version's place as a related label; then a summary line.
/// A diff finding's frame: the new place (or the removed one), with the old
/// place beside it when both exist.
fn diff_frame(f: &Finding) -> Frame {
    let mut frame = frame(f);
    if let Some((old, new)) = &f.sides {
        let other = if new.is_some() {
            old.as_ref().map(|p| (p, "was here in the old version"))
        } else {
            None
        };
        if let Some((place, label)) = other {
            frame.related.push(Frame {
                code: None,
                message: label.to_string(),
                severity: Severity::Advice,
                help: None,
                snippet: Some(Snippet {
                    source: place.source.clone(),
                }),
                label: Some(labeled(place, "old")),
                related: Vec::new(),
            });
        }
        frame.label = Some(labeled(
            &f.place,
            if new.is_some() { "new" } else { "removed" },
        ));
    }
    frame
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `--group-by endpoint`: each operation's findings under its name.
pub fn diff(findings: &[Finding], style: Style) -> String {
    let handler = style.handler();
    let mut out = String::new();
    let mut groups: Vec<(String, Vec<&Finding>)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for f in findings {
        let key = f.operation.as_ref().map_or_else(
            || "The API as a whole".to_string(),
            |o| format!("{} {}", o.method, o.path),
        );
        let i = *index.entry(key.clone()).or_insert_with(|| {
            groups.push((key, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push(f);
    }
    for (key, list) in &groups {
        let _ = writeln!(out, "── {}\n", visible(key));
        for f in list {
            render(&handler, &diff_frame(f), &mut out);
            out.push('\n');
        }
    }
    let count = |level| findings.iter().filter(|f| f.level == level).count();
    let _ = writeln!(
        out,
        "{} breaking, {}, {}",
        count(Level::Error),
        plural(count(Level::Warning), "warning"),
        plural(count(Level::Info), "other change"),
    );
    super::escape::guard_lines(out)
}

/// How many endpoints a change names before it says "and N more".
const LISTED: usize = 5;

/// The default view: each change once, breaking first, with the endpoints it
/// reaches. `roots` name the two root documents (see [`super::changes::key`]).
pub fn diff_by_change(findings: &[Finding], roots: (&str, &str), style: Style) -> String {
    let handler = style.handler();
    let mut changes = super::changes::group(findings, roots);
    // Stable: within a level, changes keep the order of their findings.
    changes.sort_by_key(|c| std::cmp::Reverse(c.first.level));
    let mut out = String::new();
    let mut endpoints: std::collections::HashSet<&crate::rules::OperationRef> =
        std::collections::HashSet::new();
    for c in &changes {
        let mut frame = diff_frame(c.first);
        frame.message = visible(&c.message()).into_owned();
        render(&handler, &frame, &mut out);
        endpoints.extend(c.operations.iter().copied());
        let verb = match c.first.level {
            Level::Error => "breaks",
            Level::Warning => "may break",
            Level::Info => "reaches",
        };
        if c.operations.is_empty() {
            out.push_str("  outside any endpoint\n\n");
            continue;
        }
        let names: Vec<String> = c
            .operations
            .iter()
            .take(LISTED)
            .map(|o| visible(&format!("{} {}", o.method, o.path)).into_owned())
            .collect();
        let more = c.operations.len().saturating_sub(LISTED);
        let _ = writeln!(
            out,
            "  {verb} {}: {}{}\n",
            plural(c.operations.len(), "endpoint"),
            names.join(", "),
            if more > 0 {
                format!(", … and {more} more")
            } else {
                String::new()
            }
        );
    }
    let count = |level| changes.iter().filter(|c| c.first.level == level).count();
    let _ = writeln!(
        out,
        "{} ({} breaking, {}, {} other) reaching {}",
        plural(changes.len(), "change"),
        count(Level::Error),
        plural(count(Level::Warning), "warning"),
        count(Level::Info),
        plural(endpoints.len(), "endpoint"),
    );
    super::escape::guard_lines(out)
}

/// A load failure, in the same style, with a code frame when there is text.
pub fn load_error(error: &LoadError, style: Style) -> String {
    let handler = style.handler();
    let snippet = error.source.as_ref().map(|s| Snippet { source: s.clone() });
    let label = match (&error.source, error.span) {
        (Some(_), Some(span)) => Some(LabeledSpan::new(
            error.label.clone(),
            span.start as usize,
            span.len(),
        )),
        _ => None,
    };
    let message = match (&error.source, error.span) {
        (Some(_), Some(_)) => visible(&error.message).into_owned(),
        _ => visible(&format!("{}: {}", error.name, error.message)).into_owned(),
    };
    let diagnostic = Frame {
        code: None,
        message,
        severity: Severity::Error,
        help: None,
        snippet,
        label,
        related: Vec::new(),
    };
    let mut out = String::new();
    render(&handler, &diagnostic, &mut out);
    super::escape::guard_lines(out)
}
