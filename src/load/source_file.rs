//! A loaded text and its name, shared by everything that points into it.

use std::sync::{Arc, OnceLock};

use super::lines::{LineIndex, Position};
use super::node::Span;

#[derive(Debug)]
pub struct SourceFile {
    /// What the user calls it: the path as given, `REV:path`, a URL, or `<stdin>`.
    pub name: String,
    pub text: Arc<str>,
    lines: OnceLock<LineIndex>,
    /// The text as a code frame may show it, when it differs (see [`hidden`]).
    display: OnceLock<Option<Box<str>>>,
}

/// True for characters that must never reach a terminal or a log raw:
/// controls (C0, DEL, C1) a terminal obeys, bidirectional controls that
/// reorder what is shown, line separators some viewers break lines at, and
/// the two noncharacters XML cannot carry. Tab, newline and carriage return
/// count too; code frames keep those that lay out lines.
pub fn hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{2028}' | '\u{2029}'
        | '\u{fffe}' | '\u{ffff}')
}

/// Whether `text` holds a hidden character that `keep` does not keep,
/// looking at bytes: only a control byte or a character outside ASCII can
/// be one, and most specs are nearly all printable ASCII.
fn any_hidden(text: &str, keep: impl Fn(usize, char) -> bool) -> bool {
    // Printable ASCII, tab and newline: never hidden.
    let plain = |b: u8| (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t';
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Sixteen at a time, with no early exit, which compiles to vector code.
        while let Some(block) = bytes.get(i..i + 16) {
            if !block.iter().fold(true, |all, &b| all & plain(b)) {
                break;
            }
            i += 16;
        }
        let Some(&b) = bytes.get(i) else {
            return false;
        };
        if plain(b) {
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            return false;
        };
        if hidden(c) && !keep(i, c) {
            return true;
        }
        i += c.len_utf8();
    }
    false
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
            lines: OnceLock::new(),
            display: OnceLock::new(),
        }
    }

    /// The text with each hidden character (but tab, newline and the
    /// carriage return of a line end) replaced by a visible one of the same
    /// length in bytes, so that spans still point at the same places; and
    /// `##[`, which a GitHub Actions log obeys anywhere in a line, as `#?[`.
    pub fn display_text(&self) -> &str {
        let shown = self.display.get_or_init(|| {
            let text: &str = &self.text;
            let keep = |i: usize, c: char| {
                c == '\t' || c == '\n' || (c == '\r' && text[i + 1..].starts_with('\n'))
            };
            if !any_hidden(text, keep) && !text.contains("##[") {
                return None;
            }
            let mut out = String::with_capacity(text.len());
            for (i, c) in text.char_indices() {
                if hidden(c) && !keep(i, c) {
                    out.push(match c.len_utf8() {
                        1 => '?',
                        2 => '\u{bf}',
                        _ => '\u{fffd}',
                    });
                } else {
                    out.push(c);
                }
            }
            Some(out.replace("##[", "#?[").into_boxed_str())
        });
        shown.as_deref().unwrap_or(&self.text)
    }

    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines().position(&self.text, offset)
    }

    pub fn span_position(&self, span: Span) -> Position {
        self.position(span.start as usize)
    }
}
