//! rustc-style code frames, drawn by us:
//!
//! ```text
//! rule-id
//!
//!   ⚠ the message, wrapped to the width
//!    ╭─[file.yaml:2:1]
//!  1 │ openapi: 3.0.3
//!  2 │ info:
//!    · ──┬─
//!    ·   ╰── here
//!  3 │   title: Pets
//!    ╰────
//!   help: what to do
//! ```
//!
//! The look is miette's graphical one (a test holds the two side by side),
//! but a frame here costs only the lines it shows: miette's general layout
//! engine was a third of a `lint` run on specs with thousands of findings.

mod snippet;
mod wrap;

use std::fmt::Write as _;
use std::sync::Arc;

use crate::load::SourceFile;

/// The icon and colour of a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    Advice,
}

/// A span of a source with its label.
#[derive(Clone, Debug)]
pub struct Label {
    pub source: Arc<SourceFile>,
    pub offset: usize,
    pub len: usize,
    pub text: Option<String>,
}

/// One message, optionally at a place, with related frames printed after it.
#[derive(Clone, Debug)]
pub struct Frame {
    pub code: Option<String>,
    pub message: String,
    pub severity: Severity,
    pub help: Option<String>,
    pub label: Option<Label>,
    pub related: Vec<Frame>,
}

/// What a piece of a frame is, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tone {
    Error,
    Warning,
    Advice,
    Help,
    Link,
    Number,
    Mark,
}

/// Draws frames at one width, with or without ANSI colours.
#[derive(Clone, Copy, Debug)]
pub struct Painter {
    pub color: bool,
    pub width: usize,
}

impl Severity {
    fn tone(self) -> Tone {
        match self {
            Severity::Error => Tone::Error,
            Severity::Warning => Tone::Warning,
            Severity::Advice => Tone::Advice,
        }
    }
    fn icon(self) -> &'static str {
        match self {
            Severity::Error => "×",
            Severity::Warning => "⚠",
            Severity::Advice => "☞",
        }
    }
    fn word(self) -> &'static str {
        match self {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
            Severity::Advice => "Advice",
        }
    }
}

impl Painter {
    fn paint(&self, tone: Tone, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 12);
        self.paint_to(&mut out, tone, text);
        out
    }

    /// [`Painter::paint`] onto the end of `out`, for the lines of a frame
    /// (one allocation fewer for each of them).
    fn paint_to(&self, out: &mut String, tone: Tone, text: &str) {
        if !self.color {
            out.push_str(text);
            return;
        }
        let code = match tone {
            Tone::Error => "31",
            Tone::Warning => "33",
            Tone::Advice | Tone::Help => "36",
            Tone::Link => "36;1;4",
            Tone::Number => "2",
            Tone::Mark => "35;1",
        };
        out.push_str("\x1b[");
        out.push_str(code);
        out.push('m');
        out.push_str(text);
        out.push_str("\x1b[0m");
    }

    /// `text` filled to the width after `first` (then `rest`) as indent.
    /// Most messages fit on one line, and then no wrapping is needed.
    /// `indent` is the width `first` takes on screen, colours aside.
    fn fill(&self, out: &mut String, text: &str, (first, indent): (&str, usize), rest: &str) {
        let width = self.width.saturating_sub(2);
        let plain = text.bytes().all(|b| (0x20..0x7f).contains(&b));
        let fits = if plain {
            !text.ends_with(' ') && indent + text.len() <= width
        } else {
            !text.contains(['\n', '\t'])
                && text.trim_end().len() == text.len()
                && indent + text.chars().count() <= width
                && unicode_width::UnicodeWidthStr::width(text) == text.chars().count()
        };
        if fits {
            out.push_str(first);
            out.push_str(text);
        } else {
            let rest_width = indent;
            wrap::fill(out, text, width, (first, indent), (rest, rest_width));
        }
        out.push('\n');
    }

    /// The message line: icon, then the text with a bar down its left side.
    fn message(&self, out: &mut String, frame: &Frame) {
        let tone = frame.severity.tone();
        let first = format!("  {} ", self.paint(tone, frame.severity.icon()));
        let rest = format!("  {} ", self.paint(tone, "│"));
        self.fill(out, &frame.message, (&first, 4), &rest);
    }

    /// One frame and its related frames, ending in a newline.
    pub fn render(&self, out: &mut String, frame: &Frame) {
        if let Some(code) = &frame.code {
            let _ = writeln!(out, "{}\n", self.paint(frame.severity.tone(), code));
        }
        self.body(out, frame);
    }

    fn body(&self, out: &mut String, frame: &Frame) {
        self.message(out, frame);
        if let Some(label) = &frame.label {
            self.snippet(out, label, Tone::Mark);
        }
        if let Some(help) = &frame.help {
            let first = self.paint(Tone::Help, "  help: ");
            self.fill(out, help, (&first, 8), "        ");
        }
        for related in &frame.related {
            let _ = write!(out, "\n{}: ", related.severity.word());
            if let Some(code) = &related.code {
                let _ = writeln!(out, "{}", self.paint(related.severity.tone(), code));
            }
            out.push('\n');
            self.body(out, related);
        }
    }
}

#[cfg(test)]
mod tests;
