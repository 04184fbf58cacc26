//! An open document's text, and the translation between byte offsets and
//! the protocol's positions (lines and columns counted in UTF-16 code units
//! unless the client agreed to UTF-8).

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

use crate::load::lines::LineIndex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// The position of byte `offset` of `text`, whose lines `lines` indexes
/// (clamped to the text, and to a character boundary). Lines end at `\n`,
/// `\r\n` or `\r`, as the protocol counts them.
pub fn position_in(text: &str, lines: &LineIndex, offset: usize, enc: Encoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = lines.line_of(offset);
    let before = &text[lines.line_start(line).min(offset)..offset];
    let character = match enc {
        Encoding::Utf8 => before.len(),
        Encoding::Utf16 => before.encode_utf16().count(),
    };
    Position::new(line as u32, character as u32)
}

pub fn range_in(text: &str, lines: &LineIndex, start: usize, end: usize, enc: Encoding) -> Range {
    Range::new(
        position_in(text, lines, start, enc),
        position_in(text, lines, end, enc),
    )
}

/// A buffer's text with its line index.
#[derive(Clone, Debug)]
pub struct Text {
    pub text: String,
    lines: LineIndex,
}

impl Text {
    pub fn new(text: String) -> Text {
        let lines = LineIndex::new(&text);
        Text { text, lines }
    }

    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        position_in(&self.text, &self.lines, offset, enc)
    }

    pub fn range(&self, start: usize, end: usize, enc: Encoding) -> Range {
        range_in(&self.text, &self.lines, start, end, enc)
    }

    /// The byte offset of `pos`; past the end of its line is the line's end,
    /// past the last line the text's end, as the protocol asks.
    pub fn offset(&self, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.lines.line_count() {
            return self.text.len();
        }
        let start = self.lines.line_start(line);
        let next = if line + 1 < self.lines.line_count() {
            self.lines.line_start(line + 1)
        } else {
            self.text.len()
        };
        let body = self.text[start..next].trim_end_matches(['\n', '\r']);
        let mut units = 0usize;
        for (i, c) in body.char_indices() {
            if units >= pos.character as usize {
                return start + i;
            }
            units += match enc {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
        }
        start + body.len()
    }

    /// Applies one change as sent with incremental sync (a range and its
    /// new text) or full sync (no range).
    pub fn apply(&mut self, change: TextDocumentContentChangeEvent, enc: Encoding) {
        match change.range {
            None => *self = Text::new(change.text),
            Some(range) => {
                let start = self.offset(range.start, enc);
                let end = self.offset(range.end, enc).max(start);
                let mut text = std::mem::take(&mut self.text);
                text.replace_range(start..end, &change.text);
                *self = Text::new(text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn positions_count_utf16_units() {
        let t = Text::new("a: \"é😀x\"\nb: 1\n".into());
        let x = t.text.find('x').unwrap_or(0);
        assert_eq!(t.position(x, Encoding::Utf16), Position::new(0, 7));
        assert_eq!(t.position(x, Encoding::Utf8), Position::new(0, 10));
        assert_eq!(t.offset(Position::new(0, 7), Encoding::Utf16), x);
        assert_eq!(t.offset(Position::new(1, 99), Encoding::Utf16), 17);
        assert_eq!(t.offset(Position::new(9, 0), Encoding::Utf16), t.text.len());
        // Inside a surrogate pair is the character's start.
        assert_eq!(t.position(x - 1, Encoding::Utf16), Position::new(0, 5));
    }

    #[test]
    fn carriage_returns_end_lines_as_in_the_protocol() {
        let t = Text::new("a\r\nbc\rd".into());
        assert_eq!(t.position(3, Encoding::Utf16), Position::new(1, 0));
        assert_eq!(t.position(6, Encoding::Utf16), Position::new(2, 0));
        assert_eq!(t.offset(Position::new(1, 9), Encoding::Utf16), 5);
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut t = Text::new("one\ntwo\nthree\n".into());
        t.apply(change(1, 0, 1, 3, "2"), Encoding::Utf16);
        t.apply(change(0, 3, 0, 3, "!"), Encoding::Utf16);
        t.apply(change(2, 0, 3, 0, ""), Encoding::Utf16);
        assert_eq!(t.text, "one!\n2\n");
        assert_eq!(t.position(6, Encoding::Utf16), Position::new(1, 1));
    }
}
