//! `--format markdown`: a summary for a pull-request comment.

use std::fmt::Write as _;

use crate::rules::{Finding, Level};

use super::escape::{guard_lines, markdown as md};

pub fn render(findings: &[Finding], title: &str) -> String {
    let count = |l| findings.iter().filter(|f| f.level == l).count();
    let (e, w, i) = (
        count(Level::Error),
        count(Level::Warning),
        count(Level::Info),
    );
    let mut out = String::new();
    let _ = writeln!(out, "### {}\n", md::text(title));
    if findings.is_empty() {
        let _ = writeln!(out, "No findings.");
        return guard_lines(out);
    }
    let _ = writeln!(
        out,
        "**{e} error{}**, {w} warning{}, {i} info\n",
        if e == 1 { "" } else { "s" },
        if w == 1 { "" } else { "s" }
    );
    let _ = writeln!(out, "| level | rule | where | what |");
    let _ = writeln!(out, "|---|---|---|---|");
    for f in findings {
        let (line, _) = f.place.line_column();
        let icon = match f.level {
            Level::Error => "🔴 error",
            Level::Warning => "🟡 warning",
            Level::Info => "🔵 info",
        };
        let place = match &f.operation {
            Some(op) => md::code(&format!("{} {}", op.method, op.path)),
            None => md::code(&format!("{}:{line}", f.place.source.name)),
        };
        let _ = writeln!(
            out,
            "| {icon} | {} | {} | {} |",
            md::cell(&md::code(f.rule.id)),
            md::cell(&place),
            md::cell(&md::inline(&f.message))
        );
    }
    guard_lines(out)
}
