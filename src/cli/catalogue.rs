//! `vapi-spec rules` and `vapi-spec explain`.

use std::fmt::Write as _;

use crate::report::escape::{guard_lines, visible};
use crate::rules::{self, Rule};

/// Multi-line text (a custom rule's words come from a configuration file),
/// each line made safe to print.
fn lines(text: &str) -> String {
    text.lines().map(visible).collect::<Vec<_>>().join("\n")
}

/// Every built-in rule, then the project's own (`custom`).
pub fn list(custom: &[&'static Rule]) -> String {
    let all: Vec<&Rule> = rules::all().iter().chain(custom.iter().copied()).collect();
    let width = all.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in all {
        let _ = writeln!(
            out,
            "{:width$}  {:11}  {:7}  {}",
            visible(r.id),
            r.category.name(),
            r.level.name(),
            visible(r.summary)
        );
    }
    guard_lines(out)
}

fn formats(rule: &Rule) -> String {
    if rule.formats.is_empty() {
        "all".to_string()
    } else {
        rule.formats
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

pub fn explain(id: &str, custom: &[&'static Rule]) -> Option<String> {
    let rule = rules::find(id).or_else(|| custom.iter().copied().find(|r| r.id == id))?;
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}\n", visible(rule.id), visible(rule.summary));
    let _ = writeln!(out, "category: {}", rule.category.name());
    let _ = writeln!(out, "level:    {}", rule.level.name());
    let _ = writeln!(out, "applies:  {}\n", formats(rule));
    let _ = writeln!(out, "{}\n", lines(rule.docs));
    if let Some(help) = rule.help {
        let _ = writeln!(out, "How to fix: {}\n", lines(help));
    }
    for ex in rule.examples {
        let verdict = if ex.expect.is_empty() {
            "no finding".to_string()
        } else {
            format!("reported at {}", ex.expect.join(", "))
        };
        let _ = writeln!(out, "Example: {} ({verdict})", visible(ex.name));
        for line in ex.spec.trim_matches('\n').lines() {
            let _ = writeln!(out, "    {}", visible(line));
        }
        out.push('\n');
    }
    Some(guard_lines(out))
}
