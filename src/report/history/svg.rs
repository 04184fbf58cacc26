//! The timeline chart, drawn by hand as SVG: one column per commit, its
//! changes stacked by level, and the number of operations as a line.

use std::fmt::Write as _;

use super::{day, History};
use crate::report::escape::html as esc;

const HEIGHT: f64 = 240.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 50.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 56.0;

pub const BREAKING: &str = "#c62828";
pub const WARNING: &str = "#ef8f00";
pub const OTHER: &str = "#607d8b";
pub const OPERATIONS: &str = "#2e7d32";

/// The chart. With `links`, each column links to its commit's section
/// (`#commit-<sha>`), as in the page.
pub fn chart(h: &History, links: bool) -> String {
    let n = h.commits.len().max(1);
    let col = (900.0 / n as f64).clamp(6.0, 36.0);
    let width = LEFT + col * n as f64 + RIGHT;
    let plot = HEIGHT - TOP - BOTTOM;
    let max_changes = h
        .commits
        .iter()
        .map(|c| c.counts.total())
        .max()
        .unwrap_or(0)
        .max(1);
    let max_ops = h
        .commits
        .iter()
        .filter_map(|c| c.operations)
        .max()
        .unwrap_or(0)
        .max(1);
    let y = |v: usize, max: usize| TOP + plot - plot * v as f64 / max as f64;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" viewBox="0 0 {width:.0} {HEIGHT:.0}" width="{width:.0}" height="{HEIGHT:.0}" font-family="sans-serif" font-size="10">"#
    );
    let _ = write!(
        s,
        "<title>Changes per commit to {} and the number of operations</title>",
        esc(&h.file)
    );
    // Axes: changes on the left, operations on the right.
    let base = TOP + plot;
    let right = LEFT + col * n as f64;
    let _ = write!(
        s,
        r##"<line x1="{LEFT}" y1="{base}" x2="{right}" y2="{base}" stroke="#999"/><text x="{x}" y="{TOP}" text-anchor="end">{max_changes}</text><text x="{x}" y="{base}" text-anchor="end">0</text><text x="{rx}" y="{TOP}" fill="{OPERATIONS}">{max_ops} ops</text><text x="{rx}" y="{base}" fill="{OPERATIONS}">0</text>"##,
        x = LEFT - 4.0,
        rx = right + 4.0,
    );
    let every = n.div_ceil(8);
    let mut points = Vec::new();
    for (i, c) in h.commits.iter().enumerate() {
        let x = LEFT + col * i as f64;
        let w = (col - 2.0).max(2.0);
        let title = format!(
            "{} · {} · {} — {} breaking, {} warnings, {} other{}",
            day(&c.date),
            c.short,
            c.subject,
            c.counts.breaking,
            c.counts.warning,
            c.counts.other,
            match (c.status, c.operations) {
                ("unreadable", _) => " · the file does not parse here".to_string(),
                ("deleted", _) => " · the file was deleted".to_string(),
                (_, Some(ops)) => format!(" · {ops} operations"),
                _ => String::new(),
            }
        );
        if links {
            let _ = write!(s, r##"<a href="#commit-{}">"##, esc(&c.sha));
        }
        let _ = write!(
            s,
            r#"<g class="bar {}" data-sha="{}" tabindex="0"><title>{}</title>"#,
            c.status,
            esc(&c.sha),
            esc(&title)
        );
        // Invisible, full height: the column can be hovered where it is empty.
        let _ = write!(
            s,
            r#"<rect x="{x:.1}" y="{TOP}" width="{col:.1}" height="{plot}" fill="transparent"/>"#
        );
        let mut top = base;
        for (count, colour, level) in [
            (c.counts.breaking, BREAKING, "breaking"),
            (c.counts.warning, WARNING, "warning"),
            (c.counts.other, OTHER, "other"),
        ] {
            if count == 0 {
                continue;
            }
            let h = base - y(count, max_changes);
            top -= h;
            let _ = write!(
                s,
                r#"<rect class="{level}" x="{:.1}" y="{top:.1}" width="{w:.1}" height="{h:.1}" fill="{colour}"/>"#,
                x + 1.0
            );
        }
        if c.status == "unreadable" || c.status == "deleted" {
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#b71c1c">×</text>"##,
                x + col / 2.0,
                base - 3.0
            );
        }
        s.push_str("</g>");
        if links {
            s.push_str("</a>");
        }
        if let Some(ops) = c.operations {
            points.push(format!("{:.1},{:.1}", x + col / 2.0, y(ops, max_ops)));
        }
        if i % every == 0 || i + 1 == n {
            let _ = write!(
                s,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="end" transform="rotate(-45 {:.1} {:.1})">{}</text>"#,
                x + col / 2.0,
                base + 12.0,
                x + col / 2.0,
                base + 12.0,
                esc(&day(&c.date))
            );
        }
    }
    if !points.is_empty() {
        let _ = write!(
            s,
            r#"<polyline class="operations" points="{}" fill="none" stroke="{OPERATIONS}" stroke-width="1.5"/>"#,
            points.join(" ")
        );
    }
    s.push_str("</svg>");
    s
}
