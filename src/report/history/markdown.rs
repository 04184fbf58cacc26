//! The history in Markdown, for a repository's `docs/`: the same sections
//! as the page, the chart as an SVG file beside it.

use std::fmt::Write as _;

use super::{day, History};
use crate::report::escape::markdown::{code, inline, text};

/// How many endpoints a change lists before "and N more".
const LISTED: usize = 8;

/// The Markdown; `chart` is the SVG file's name relative to it, if written.
pub fn document(h: &History, chart: Option<&str>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# History of {}\n", code(&h.file));
    let breaking: usize = h.commits.iter().map(|c| c.counts.breaking).sum();
    let in_commits = h.commits.iter().filter(|c| c.counts.breaking > 0).count();
    let _ = write!(
        out,
        "{} commits{}; {breaking} breaking changes in {in_commits} commits.",
        h.commits.len(),
        h.range
            .as_deref()
            .map(|r| format!(" in {}", code(r)))
            .unwrap_or_default()
    );
    if let (Some(first), Some(last)) = (h.commits.first(), h.commits.last()) {
        let _ = write!(out, " From {} to {}.", day(&first.date), day(&last.date));
    }
    out.push_str("\n\n");
    if let Some(file) = chart {
        let _ = writeln!(
            out,
            "![Changes per commit, stacked by level (breaking, warning, other), and the number of operations]({})\n",
            file.replace(' ', "%20").replace('(', "%28").replace(')', "%29")
        );
    }
    out.push_str("## Commits, newest first\n\n");
    for c in h.commits.iter().rev() {
        let _ = writeln!(
            out,
            "<a id=\"commit-{}\"></a>\n\n### {} {}\n",
            c.sha
                .chars()
                .filter(char::is_ascii_hexdigit)
                .collect::<String>(),
            code(&c.short),
            text(&c.subject)
        );
        let mut meta = vec![day(&c.date), text(&c.author)];
        if let Some(v) = &c.version_after {
            match &c.version_before {
                Some(b) if b != v => meta.push(format!("version {} → {}", code(b), code(v))),
                _ => meta.push(format!("version {}", code(v))),
            }
        }
        if let Some(b) = c.bump_required {
            meta.push(format!("**needs a {b} release**"));
        }
        if let Some(ops) = c.operations {
            meta.push(format!("{ops} operations"));
        }
        let _ = writeln!(out, "{}\n", meta.join(" · "));
        match c.status {
            "unreadable" => {
                let _ = writeln!(
                    out,
                    "The file does not parse in this commit: {}\n",
                    inline(c.error.as_deref().unwrap_or("unknown reason"))
                );
            }
            "deleted" => out.push_str("This commit deleted the file.\n\n"),
            "first" => out.push_str("The first version in this history.\n\n"),
            _ if c.changes.is_empty() => out.push_str("No change a client can see.\n\n"),
            _ => {
                for ch in &c.changes {
                    let _ = write!(
                        out,
                        "- **{}** {} {}",
                        ch.level,
                        code(ch.id),
                        inline(&ch.message)
                    );
                    if !ch.operations.is_empty() {
                        let names: Vec<String> =
                            ch.operations.iter().take(LISTED).map(|o| code(o)).collect();
                        let more = ch.operations.len().saturating_sub(LISTED);
                        let _ = write!(
                            out,
                            " — reaches {}{}",
                            names.join(", "),
                            if more > 0 {
                                format!(" and {more} more")
                            } else {
                                String::new()
                            }
                        );
                    }
                    out.push('\n');
                }
                out.push('\n');
            }
        }
    }
    out.push_str("## Endpoints\n\n| Endpoint | History |\n|---|---|\n");
    for e in &h.endpoints {
        let events: Vec<String> = e
            .events
            .iter()
            .map(|ev| {
                let rules: Vec<String> = ev.rules.iter().map(|r| code(r)).collect();
                let rules = if ev.kind == "changed" && !rules.is_empty() {
                    format!(" ({})", rules.join(", "))
                } else {
                    String::new()
                };
                format!(
                    "{} in [{}](#commit-{}) ({}){rules}",
                    ev.kind,
                    code(&ev.short),
                    ev.sha,
                    ev.date
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} |",
            code(&e.name).replace('|', "\\|"),
            events.join("; ").replace('|', "\\|")
        );
    }
    out
}
