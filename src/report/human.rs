//! The terminal rendering: rustc-style code frames (see [`super::frame`]).

use std::fmt::Write as _;

use crate::load::LoadError;
use crate::rules::{Finding, Level, Place};

use super::escape::visible;
use super::frame::{Frame, Label, Painter, Severity};

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

    fn painter(self) -> Painter {
        Painter {
            color: self.color,
            width: self.width,
        }
    }
}

fn severity(level: Level) -> Severity {
    match level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
        Level::Info => Severity::Advice,
    }
}

fn labeled(place: &Place, label: &str) -> Label {
    Label {
        source: place.source.clone(),
        offset: place.span.start as usize,
        len: place.span.len().max(1),
        text: Some(visible(label).into_owned()),
    }
}

fn frame(finding: &Finding) -> Frame {
    Frame {
        code: Some(visible(finding.rule.id).into_owned()),
        message: visible(&finding.message).into_owned(),
        severity: severity(finding.level),
        help: finding.rule.help.map(str::to_string),
        label: Some(labeled(&finding.place, "here")),
        related: finding
            .related
            .iter()
            .map(|(place, label)| Frame {
                code: None,
                message: visible(label).into_owned(),
                severity: Severity::Advice,
                help: None,
                label: Some(labeled(place, label)),
                related: Vec::new(),
            })
            .collect(),
    }
}

/// Every finding as a code frame, then a one-line count.
pub fn findings(findings: &[Finding], style: Style) -> String {
    let painter = style.painter();
    // Frames are drawn apart, a run of them per core, then joined in order.
    let runs = crate::parallel::map(
        &findings.chunks(128).collect::<Vec<_>>(),
        2,
        |run: &&[Finding]| {
            let mut out = String::new();
            for f in *run {
                painter.render(&mut out, &frame(f));
                out.push('\n');
            }
            out
        },
    );
    let mut out = String::with_capacity(runs.iter().map(String::len).sum::<usize>() + 64);
    for run in &runs {
        out.push_str(run);
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
    let painter = style.painter();
    let mut out = String::new();
    let mut groups: Vec<(String, Vec<&Finding>)> = Vec::new();
    let mut index: rustc_hash::FxHashMap<String, usize> = Default::default();
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
            painter.render(&mut out, &diff_frame(f));
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
    let painter = style.painter();
    let mut changes = super::changes::group(findings, roots);
    // Stable: within a level, changes keep the order of their findings.
    changes.sort_by_key(|c| std::cmp::Reverse(c.first.level));
    let mut out = String::new();
    let mut endpoints: rustc_hash::FxHashSet<&crate::rules::OperationRef> = Default::default();
    for c in &changes {
        let mut frame = diff_frame(c.first);
        frame.message = visible(&c.message()).into_owned();
        painter.render(&mut out, &frame);
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
    let label = match (&error.source, error.span) {
        (Some(source), Some(span)) => Some(Label {
            source: source.clone(),
            offset: span.start as usize,
            len: span.len(),
            text: error.label.as_deref().map(|l| visible(l).into_owned()),
        }),
        _ => None,
    };
    let message = match label {
        Some(_) => visible(&error.message).into_owned(),
        None => visible(&format!("{}: {}", error.name, error.message)).into_owned(),
    };
    let frame = Frame {
        code: None,
        message,
        severity: Severity::Error,
        help: None,
        label,
        related: Vec::new(),
    };
    let mut out = String::new();
    style.painter().render(&mut out, &frame);
    super::escape::guard_lines(out)
}
