//! Release notes from a diff: breaking changes, deprecations, new endpoints,
//! other changes, then reworded documentation as word-level diffs. Markdown,
//! one self-contained HTML page, or plain text.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use similar::{ChangeTag, TextDiff};

use crate::diff::texts::TextChange;
use crate::rules::{Finding, Level};

use super::escape::{self, guard_lines, markdown as md, visible};

/// One version step: what changed from one description to the next.
pub struct Release<'a> {
    /// A heading of its own (a commit, in `--git-range`), else `None`.
    pub heading: Option<String>,
    pub title: String,
    pub old_version: Option<String>,
    pub new_version: Option<String>,
    pub findings: &'a [Finding],
    pub texts: &'a [TextChange],
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Breaking,
    Deprecations,
    NewEndpoints,
    Other,
}

impl Section {
    const ALL: [Section; 4] = [
        Section::Breaking,
        Section::Deprecations,
        Section::NewEndpoints,
        Section::Other,
    ];

    fn title(self) -> &'static str {
        match self {
            Section::Breaking => "Breaking changes",
            Section::Deprecations => "Deprecations",
            Section::NewEndpoints => "New endpoints",
            Section::Other => "Other changes",
        }
    }

    fn anchor(self) -> &'static str {
        match self {
            Section::Breaking => "breaking-changes",
            Section::Deprecations => "deprecations",
            Section::NewEndpoints => "new-endpoints",
            Section::Other => "other-changes",
        }
    }

    fn of(f: &Finding) -> Section {
        let id = f.rule.id;
        if matches!(f.level, Level::Error | Level::Warning) {
            Section::Breaking
        } else if id.contains("deprecated") || id.contains("sunset") {
            Section::Deprecations
        } else if id == "endpoint-added" || id == "webhook-added" {
            Section::NewEndpoints
        } else {
            Section::Other
        }
    }
}

fn endpoint(f: &Finding) -> String {
    f.operation.as_ref().map_or_else(
        || "The API as a whole".to_string(),
        |o| format!("{} {}", o.method, o.path),
    )
}

/// The message without the endpoint it is already listed under.
fn line(f: &Finding) -> String {
    let mut m = f.message.clone();
    if let Some(op) = &f.operation {
        let label = format!("{} {}", op.method, op.path);
        for pattern in [format!(" in {label}"), format!(" of {label}")] {
            m = m.replace(&pattern, "");
        }
        if let Some(rest) = m.strip_prefix(&format!("{label} ")) {
            m = format!("it {rest}");
        }
    }
    m
}

/// Findings of one section as changes (one rule at one place, however many
/// endpoints reach it, as in `diff`), each listed once under the endpoints
/// it reaches; changes that reach the same endpoints share one heading.
fn grouped<'f>(
    findings: &'f [Finding],
    texts: &[TextChange],
    section: Section,
) -> Vec<(Vec<String>, Vec<&'f Finding>)> {
    // Reworded texts are shown as word diffs in their own section.
    let reworded = |f: &Finding| {
        f.rule.id == crate::rule_id::RuleId::AnnotationChanged.as_str()
            && texts.iter().any(|t| {
                *t.new_at.pointer == *f.place.pointer || *t.old_at.pointer == *f.place.pointer
            })
    };
    // One release compares one pair of files: their names need no folding.
    let shown = findings
        .iter()
        .filter(|f| Section::of(f) == section && !reworded(f));
    let changes = super::changes::group(shown, ("", "")).into_iter().map(|c| {
        let names: Vec<String> = if c.operations.is_empty() {
            vec![endpoint(c.first)]
        } else {
            c.operations
                .iter()
                .map(|o| format!("{} {}", o.method, o.path))
                .collect()
        };
        (c.first, names)
    });
    let mut groups: Vec<(Vec<String>, Vec<&Finding>)> = Vec::new();
    let mut by_reach: HashMap<Vec<String>, usize> = HashMap::new();
    // The same edit met at two places of one schema reads as one line.
    let mut lines: HashSet<(usize, &str, String)> = HashSet::new();
    for (f, mut names) in changes {
        names.sort();
        names.dedup();
        let i = *by_reach.entry(names.clone()).or_insert_with(|| {
            groups.push((names, Vec::new()));
            groups.len() - 1
        });
        if lines.insert((i, f.rule.id, line(f))) {
            groups[i].1.push(f);
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    groups
}

/// `A`, `B` and 3 more endpoints: long lists are cut after two names.
fn label(names: &[String], code: impl Fn(&str) -> String) -> String {
    let shown: Vec<String> = names
        .iter()
        .take(if names.len() > 3 { 2 } else { 3 })
        .map(|n| code(n))
        .collect();
    match names.len() {
        0 => String::new(),
        1 => shown[0].clone(),
        2 | 3 => format!(
            "{} and {}",
            shown[..shown.len() - 1].join(", "),
            shown[shown.len() - 1]
        ),
        n => format!("{}, {} and {} more endpoints", shown[0], shown[1], n - 2),
    }
}

fn versions(r: &Release<'_>) -> String {
    match (&r.old_version, &r.new_version) {
        (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
        (Some(a), Some(_)) => format!("{a} (version unchanged)"),
        (a, b) => format!(
            "{} → {}",
            a.as_deref().unwrap_or("?"),
            b.as_deref().unwrap_or("?")
        ),
    }
}

/// Word-level diff runs: (tag, text), adjacent words of one kind merged.
fn word_runs(old: &str, new: &str) -> Vec<(ChangeTag, String)> {
    let diff = TextDiff::from_words(old, new);
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        let text = change.value();
        match runs.last_mut() {
            Some((t, s)) if *t == tag => s.push_str(text),
            _ => runs.push((tag, text.to_string())),
        }
    }
    runs
}

fn text_label(t: &TextChange) -> String {
    match &t.operation {
        Some((m, p)) => format!("{m} {p} {}", t.field),
        None => format!("API {}", t.field),
    }
}

pub fn markdown(releases: &[Release<'_>]) -> String {
    let mut out = String::new();
    let nested = releases.iter().any(|r| r.heading.is_some());
    for r in releases {
        let h = if nested { "###" } else { "##" };
        match &r.heading {
            Some(heading) => {
                let _ = writeln!(out, "## {}\n", md::text(heading));
                let _ = writeln!(out, "{} {}\n", md::text(&r.title), md::text(&versions(r)));
            }
            None => {
                let _ = writeln!(out, "# {} {}\n", md::text(&r.title), md::text(&versions(r)));
            }
        }
        if r.findings.is_empty() && r.texts.is_empty() {
            let _ = writeln!(out, "No changes to the API.\n");
            continue;
        }
        for section in Section::ALL {
            let groups = grouped(r.findings, r.texts, section);
            if groups.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{h} {}\n", section.title());
            if section == Section::NewEndpoints {
                // The endpoint is the news: one line each.
                for (names, list) in groups {
                    let webhook = list.iter().any(|f| f.rule.id == "webhook-added");
                    for name in names {
                        let _ = writeln!(
                            out,
                            "- {}{}",
                            md::code(&name),
                            if webhook { " (webhook)" } else { "" }
                        );
                    }
                }
                out.push('\n');
                continue;
            }
            for (names, list) in groups {
                let _ = writeln!(out, "**{}**\n", label(&names, md::code));
                for f in list {
                    let warn = if f.level == Level::Warning {
                        " *(may break)*"
                    } else {
                        ""
                    };
                    let _ = writeln!(
                        out,
                        "- {}{warn} · {}",
                        md::inline(&line(f)),
                        md::code(f.rule.id)
                    );
                }
                out.push('\n');
            }
        }
        if !r.texts.is_empty() {
            let _ = writeln!(out, "{h} Documentation\n");
            for t in r.texts {
                let mut body = String::new();
                for (tag, text) in word_runs(&t.old, &t.new) {
                    // One list item: line breaks of the description become spaces.
                    let text = text.replace(['\n', '\r'], " ");
                    let core = text.trim();
                    let lead = &text[..text.len() - text.trim_start().len()];
                    let trail = &text[text.trim_end().len()..];
                    let mark = match tag {
                        ChangeTag::Equal => "",
                        ChangeTag::Delete => "~~",
                        ChangeTag::Insert => "**",
                    };
                    if mark.is_empty() || core.is_empty() {
                        body.push_str(&md::text(&text));
                    } else {
                        let _ = write!(body, "{lead}{mark}{}{mark}{trail}", md::text(core));
                    }
                }
                let _ = writeln!(out, "- {}: {}", md::code(&text_label(t)), body.trim());
            }
            out.push('\n');
        }
    }
    guard_lines(out)
}

pub fn text(releases: &[Release<'_>]) -> String {
    let mut out = String::new();
    for r in releases {
        if let Some(heading) = &r.heading {
            let heading = visible(heading);
            let _ = writeln!(out, "{heading}\n{}", "=".repeat(heading.chars().count()));
        }
        let _ = writeln!(out, "{} {}\n", visible(&r.title), visible(&versions(r)));
        if r.findings.is_empty() && r.texts.is_empty() {
            let _ = writeln!(out, "No changes to the API.\n");
            continue;
        }
        for section in Section::ALL {
            let groups = grouped(r.findings, r.texts, section);
            if groups.is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "{}\n{}",
                section.title(),
                "-".repeat(section.title().len())
            );
            for (names, list) in groups {
                let _ = writeln!(out, "{}", label(&names, |n| visible(n).into_owned()));
                for f in list {
                    let _ = writeln!(out, "  * {} [{}]", visible(&line(f)), visible(f.rule.id));
                }
            }
            out.push('\n');
        }
        if !r.texts.is_empty() {
            let _ = writeln!(out, "Documentation\n-------------");
            for t in r.texts {
                let _ = writeln!(
                    out,
                    "{}\n  was: {}\n  now: {}",
                    visible(&text_label(t)),
                    visible(t.old.trim()),
                    visible(t.new.trim())
                );
            }
            out.push('\n');
        }
    }
    guard_lines(out)
}

fn esc(s: &str) -> String {
    escape::html(s)
}

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2328}\
h1,h2,h3{line-height:1.25}code{background:#f3f4f6;padding:0 .25em;border-radius:3px}\
.endpoint{margin:1rem 0 .25rem;font-weight:600}.rule{color:#6b7280;font-size:.8em}\
.warn{color:#9a6700}del{background:#ffebe9;color:#82071e}ins{background:#dafbe1;color:#116329;text-decoration:none}\
nav ul{padding-left:1.2rem}";

/// One page, no scripts, no external assets: it reads the same offline.
pub fn html(releases: &[Release<'_>], page_title: &str) -> String {
    let mut body = String::new();
    let mut toc = String::new();
    for (i, r) in releases.iter().enumerate() {
        let prefix = if releases.len() > 1 {
            format!("r{}-", i + 1)
        } else {
            String::new()
        };
        let heading = r
            .heading
            .clone()
            .unwrap_or_else(|| format!("{} {}", r.title, versions(r)));
        let _ = writeln!(
            toc,
            "<li><a href=\"#{prefix}release\">{}</a><ul>",
            esc(&heading)
        );
        let _ = writeln!(
            body,
            "<section id=\"{prefix}release\">\n<h2>{}</h2>",
            esc(&heading)
        );
        if r.heading.is_some() {
            let _ = writeln!(body, "<p>{} {}</p>", esc(&r.title), esc(&versions(r)));
        }
        if r.findings.is_empty() && r.texts.is_empty() {
            let _ = writeln!(body, "<p>No changes to the API.</p>");
        }
        for section in Section::ALL {
            let groups = grouped(r.findings, r.texts, section);
            if groups.is_empty() {
                continue;
            }
            let id = format!("{prefix}{}", section.anchor());
            let _ = writeln!(toc, "<li><a href=\"#{id}\">{}</a></li>", section.title());
            let _ = writeln!(body, "<h3 id=\"{id}\">{}</h3>", section.title());
            for (names, list) in groups {
                let _ = writeln!(
                    body,
                    "<p class=\"endpoint\">{}</p>\n<ul>",
                    label(&names, |n| format!("<code>{}</code>", esc(n)))
                );
                for f in list {
                    let warn = if f.level == Level::Warning {
                        " <span class=\"warn\">(may break)</span>"
                    } else {
                        ""
                    };
                    let _ = writeln!(
                        body,
                        "<li>{}{warn} <span class=\"rule\">{}</span></li>",
                        esc(&line(f)),
                        esc(f.rule.id)
                    );
                }
                let _ = writeln!(body, "</ul>");
            }
        }
        if !r.texts.is_empty() {
            let id = format!("{prefix}documentation");
            let _ = writeln!(toc, "<li><a href=\"#{id}\">Documentation</a></li>");
            let _ = writeln!(body, "<h3 id=\"{id}\">Documentation</h3>\n<ul>");
            for t in r.texts {
                let mut diff = String::new();
                for (tag, text) in word_runs(&t.old, &t.new) {
                    match tag {
                        ChangeTag::Equal => diff.push_str(&esc(&text)),
                        ChangeTag::Delete => {
                            let _ = write!(diff, "<del>{}</del>", esc(&text));
                        }
                        ChangeTag::Insert => {
                            let _ = write!(diff, "<ins>{}</ins>", esc(&text));
                        }
                    }
                }
                let _ = writeln!(
                    body,
                    "<li><code>{}</code>: {diff}</li>",
                    esc(&text_label(t))
                );
            }
            let _ = writeln!(body, "</ul>");
        }
        let _ = writeln!(toc, "</ul></li>");
        let _ = writeln!(body, "</section>");
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n<nav>\n<ul>\n{toc}</ul>\n</nav>\n{body}</body>\n</html>\n",
        title = esc(page_title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_runs_merge_neighbours() {
        let runs = word_runs("Lists all pets in the store", "Lists the pets in a store");
        let deleted: Vec<&str> = runs
            .iter()
            .filter(|(t, _)| *t == ChangeTag::Delete)
            .map(|(_, s)| s.trim())
            .collect();
        let inserted: Vec<&str> = runs
            .iter()
            .filter(|(t, _)| *t == ChangeTag::Insert)
            .map(|(_, s)| s.trim())
            .collect();
        assert_eq!(deleted, vec!["all", "the"]);
        assert_eq!(inserted, vec!["the", "a"]);
    }
}
