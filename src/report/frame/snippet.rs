//! The code under a message: the lines around one labelled span, with the
//! span underlined (one line) or bracketed in the gutter (several lines).
//!
//! Only the lines shown are looked at, through the file's line index, so a
//! frame costs the same on a 13 MB spec as on a small one; a minified spec's
//! one huge line is cut to the neighbourhood of the span.

use unicode_width::UnicodeWidthChar;

use crate::load::SourceFile;

use super::{Label, Painter, Tone};

/// Longest stretch of one line shown around a span.
const MAX_LINE_CONTEXT: usize = 160;
const TAB_WIDTH: usize = 4;

/// One line of the window. `length` counts its line break too, so a span
/// that ends at the break still ends on this line.
struct Line<'a> {
    number: usize,
    offset: usize,
    length: usize,
    text: &'a str,
}

/// The label's span, with its length as the checks below need it.
#[derive(Clone, Copy)]
struct Span {
    offset: usize,
    len: usize,
}

impl Span {
    fn end(self) -> usize {
        self.offset + self.len
    }
    /// A zero-length span still marks one column.
    fn end_marked(self) -> usize {
        self.offset + self.len.max(1)
    }
}

impl Line<'_> {
    fn end(&self) -> usize {
        self.offset + self.length
    }
    fn holds(&self, span: Span) -> bool {
        span.offset >= self.offset && span.end() <= self.end()
    }
    fn starts(&self, span: Span) -> bool {
        span.offset >= self.offset && span.offset < self.end()
    }
    fn ends(&self, span: Span) -> bool {
        span.end_marked() > self.offset && span.end_marked() <= self.end()
    }
    /// The span's last byte is on this line (its break included).
    fn closes(&self, span: Span) -> bool {
        span.end() >= self.offset && span.end() <= self.end()
    }
    fn touches(&self, span: Span) -> bool {
        self.starts(span)
            || (span.offset < self.offset && span.end_marked() > self.end())
            || self.ends(span)
    }
    /// Drawn in the gutter: touched, but not begun and ended here.
    fn in_gutter(&self, span: Span) -> bool {
        self.touches(span) && !(self.starts(span) && self.ends(span))
    }
    /// The screen column of a byte offset on this line: a character cut in
    /// two counts from its start (or end), and past the text is one beyond.
    fn column(&self, offset: usize, start: bool) -> usize {
        let mut index = offset.saturating_sub(self.offset);
        while index < self.text.len() && !self.text.is_char_boundary(index) {
            if start {
                index -= 1;
            } else {
                index += 1;
            }
        }
        let before = &self.text[..index.min(self.text.len())];
        // Pretty-printed specs are ASCII without tabs: a column a byte.
        let width = if before.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            before.len()
        } else {
            widths(before).sum()
        };
        if index > self.text.len() {
            width + 1
        } else {
            width
        }
    }
}

/// Screen width of each character, tabs to the next stop of four.
fn widths(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut column = 0;
    text.chars().map(move |c| {
        let w = match c {
            '\t' => TAB_WIDTH - column % TAB_WIDTH,
            c => c.width().unwrap_or(0),
        };
        column += w;
        w
    })
}

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// The bytes shown for `span`: its lines with one line of context either
/// side, or only the span's neighbourhood when those lines are very long.
/// Returns the window and the span cut to it.
fn window(source: &SourceFile, text: &str, span: Span) -> (usize, usize, Span) {
    let lines = source.lines();
    let offset = floor_char(text, span.offset);
    let last_byte = (offset + span.len.saturating_sub(1)).min(text.len());
    let span_line = lines.line_of(offset);
    let first = span_line.saturating_sub(1);
    let last = lines.line_of(last_byte) + 2;
    let mut start = floor_char(text, lines.line_start(first));
    let mut end = if last < lines.line_count() {
        floor_char(text, lines.line_start(last))
    } else {
        text.len()
    };
    if end.saturating_sub(start) > 8 * MAX_LINE_CONTEXT {
        start = floor_char(
            text,
            offset
                .saturating_sub(MAX_LINE_CONTEXT / 2)
                .max(lines.line_start(span_line).min(offset)),
        );
        let line_end = match lines.line_start(span_line + 1) {
            usize::MAX => text.len(),
            next => next.saturating_sub(1).max(offset),
        };
        end = ceil_char(
            text,
            (offset + span.len.max(1) + MAX_LINE_CONTEXT / 2)
                .min(line_end)
                .max(offset),
        );
    }
    let end = end.max(start);
    let cut = Span {
        offset,
        len: span.len.min(end.saturating_sub(offset)),
    };
    (start, end, cut)
}

fn split_lines(text: &str, start: usize, first_number: usize) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut offset = start;
    let mut rest = text;
    while !rest.is_empty() {
        let (piece, length) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        let text = piece.strip_suffix('\r').unwrap_or(piece);
        out.push(Line {
            number: first_number + out.len(),
            offset,
            length,
            text,
        });
        offset += length;
        rest = &rest[length..];
    }
    out
}

/// `n` spaces onto `out`.
fn push_spaces(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut left = n;
    while left > 0 {
        let k = left.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        left -= k;
    }
}

/// `n` in decimal, right-aligned to `width` columns.
fn push_number(out: &mut String, n: usize, width: usize) {
    let mut buf = [0u8; 20];
    let text = super::super::decimal(n, &mut buf);
    push_spaces(out, width.saturating_sub(text.len()));
    out.push_str(text);
}

/// `char` `n` times onto `out`.
fn push_repeated(out: &mut String, c: char, n: usize) {
    out.extend(std::iter::repeat_n(c, n));
}

impl Painter {
    /// A label under its mark, one line per line of it: `leads` are drawn
    /// before a label of one line, before the first of several, and before
    /// the rest.
    fn label_lines(&self, out: &mut String, blank: &str, text: &str, leads: [&str; 3], tone: Tone) {
        let several = text.contains('\n');
        for (i, part) in text.split('\n').enumerate() {
            let lead = match (several, i) {
                (false, _) => leads[0],
                (true, 0) => leads[1],
                _ => leads[2],
            };
            out.push_str(blank);
            self.paint_to(out, tone, lead);
            out.push(' ');
            out.push_str(part);
            out.push('\n');
        }
    }

    /// The frame of `label`: `╭─[file:line:column]`, the numbered lines, the
    /// marks and the label, `╰────`.
    pub(super) fn snippet(&self, out: &mut String, label: &Label, tone: Tone) {
        let source = &*label.source;
        let text = source.display_text();
        let asked = Span {
            offset: label.offset.min(text.len()),
            len: label.len,
        };
        let (start, end, span) = window(source, text, asked);
        let first_number = source.lines().line_of(start) + 1;
        let lines = split_lines(&text[start..end], start, first_number);
        let gutter = usize::from(lines.iter().any(|l| !l.holds(span) && l.in_gutter(span)));
        let width = super::super::decimal(lines.last().map_or(0, |l| l.number), &mut [0; 20]).len();
        let at = source.lines().position(text, span.offset);
        let name = super::super::escape::visible(&source.name);
        let mut scratch = String::with_capacity(name.len() + 24);
        scratch.push_str(&name);
        scratch.push(':');
        push_number(&mut scratch, at.line, 0);
        scratch.push(':');
        push_number(&mut scratch, at.column, 0);
        push_spaces(out, width + 2);
        out.push_str("╭─[");
        self.paint_to(out, Tone::Link, &scratch);
        out.push_str("]\n");
        // ` {width spaces} · `, and with the gutter's room after it.
        let mut blank = String::with_capacity(width + 12);
        blank.push(' ');
        push_spaces(&mut blank, width);
        blank.push_str(" · ");
        let bare = blank.len();
        if gutter > 0 {
            blank.push_str("    ");
        }
        for line in &lines {
            scratch.clear();
            push_number(&mut scratch, line.number, width);
            out.push(' ');
            self.paint_to(out, Tone::Number, &scratch);
            out.push_str(" │ ");
            if gutter > 0 {
                let (mark, pad) = if !line.in_gutter(span) {
                    ("", "    ")
                } else if span.offset >= line.offset {
                    ("╭─▶", " ")
                } else if line.closes(span) {
                    let end = if label.text.is_some() {
                        "├─▶"
                    } else {
                        "╰─▶"
                    };
                    (end, " ")
                } else if span.end() > line.end() {
                    ("│", "   ")
                } else {
                    ("", "    ")
                };
                if !mark.is_empty() {
                    self.paint_to(out, tone, mark);
                }
                out.push_str(pad);
            }
            if line.text.contains('\t') {
                for (c, w) in line.text.chars().zip(widths(line.text)) {
                    if c == '\t' {
                        push_spaces(out, w);
                    } else {
                        out.push(c);
                    }
                }
            } else {
                out.push_str(line.text);
            }
            out.push('\n');
            if !line.touches(span) {
                continue;
            }
            if line.holds(span) {
                let from = line.column(span.offset, true);
                let to = if span.len == 0 {
                    from + 1
                } else {
                    line.column(span.end(), false).max(from + 1)
                };
                let bar = (from + to) / 2;
                let mid = match (span.len, &label.text) {
                    (0, _) => '▲',
                    (_, Some(_)) => '┬',
                    (_, None) => '─',
                };
                scratch.clear();
                push_repeated(&mut scratch, '─', bar - from);
                scratch.push(mid);
                push_repeated(&mut scratch, '─', to - bar - 1);
                out.push_str(&blank);
                push_spaces(out, from);
                self.paint_to(out, tone, &scratch);
                out.push('\n');
                if let Some(text) = &label.text {
                    scratch.clear();
                    scratch.push_str(&blank);
                    push_spaces(&mut scratch, bar);
                    self.label_lines(out, &scratch, text, ["╰──", "╰─┤", "  │"], tone);
                }
            } else if let (Some(text), true) = (&label.text, line.closes(span)) {
                if span.offset < line.offset {
                    let blank = &blank[..bare];
                    self.label_lines(out, blank, text, ["╰────", "╰──┤", "   │"], tone);
                }
            }
        }
        push_spaces(out, width + 2);
        out.push_str("╰────\n");
    }
}
