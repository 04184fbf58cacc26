//! `--format markdown`: a summary for a pull-request comment.

use std::fmt::Write as _;

use crate::rules::{Finding, Level};

use super::escape::{guard_lines, markdown as md};

fn icon(level: Level) -> &'static str {
    match level {
        Level::Error => "🔴 error",
        Level::Warning => "🟡 warning",
        Level::Info => "🔵 info",
    }
}

/// A diff for a pull request, each change once with the endpoints it
/// reaches; `roots` name the two root documents.
pub fn diff_by_change(findings: &[Finding], roots: (&str, &str), title: &str) -> String {
    let mut changes = super::changes::group(findings, roots);
    changes.sort_by_key(|c| std::cmp::Reverse(c.first.level));
    let mut out = String::new();
    let _ = writeln!(out, "### {}\n", md::text(title));
    if changes.is_empty() {
        let _ = writeln!(out, "No changes.");
        return guard_lines(out);
    }
    let count = |l| changes.iter().filter(|c| c.first.level == l).count();
    let (e, w, i) = (
        count(Level::Error),
        count(Level::Warning),
        count(Level::Info),
    );
    let _ = writeln!(
        out,
        "**{} change{}**: {e} breaking, {w} warning{}, {i} info\n",
        changes.len(),
        if changes.len() == 1 { "" } else { "s" },
        if w == 1 { "" } else { "s" }
    );
    let _ = writeln!(out, "| level | rule | what | endpoints |");
    let _ = writeln!(out, "|---|---|---|---|");
    for c in &changes {
        let listed: Vec<String> = c
            .operations
            .iter()
            .take(3)
            .map(|o| md::code(&format!("{} {}", o.method, o.path)))
            .collect();
        let more = c.operations.len().saturating_sub(3);
        let reach = match (listed.is_empty(), more) {
            (true, _) => "none".to_string(),
            (false, 0) => listed.join(", "),
            (false, n) => format!("{}, and {n} more", listed.join(", ")),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            icon(c.first.level),
            md::cell(&md::code(c.first.rule.id)),
            md::cell(&md::inline(&c.message())),
            md::cell(&reach)
        );
    }
    guard_lines(out)
}

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
        let icon = icon(f.level);
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
