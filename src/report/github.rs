//! `--format github`: GitHub Actions workflow commands, so each finding is
//! annotated on the pull request's line.

use std::fmt::Write as _;

use crate::rules::{Finding, Level};

use super::escape::visible;

/// Workflow-command escaping as GitHub documents it: data loses `%`, CR
/// and LF; properties also `:` and `,`. Other control characters never get
/// that far: they are made visible first.
fn data(s: &str) -> String {
    visible(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let command = match f.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "notice",
        };
        let start = f.place.source.span_position(f.place.span);
        let end = f.place.source.position(f.place.span.end as usize);
        let _ = write!(
            out,
            "::{command} file={},line={},col={}",
            property(&f.place.source.name),
            start.line,
            start.column
        );
        if end.line > start.line {
            let _ = write!(out, ",endLine={}", end.line);
        } else if end.column > start.column {
            let _ = write!(out, ",endColumn={}", end.column);
        }
        let _ = writeln!(out, ",title={}::{}", property(f.rule.id), data(&f.message));
    }
    out
}
