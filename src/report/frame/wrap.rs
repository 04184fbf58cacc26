//! Filling a message to the frame's width. The rules are textwrap's first
//! fit with its defaults (words end at spaces, may break after a hyphen
//! between letters, and a word too long for a line is cut), which a test
//! holds against textwrap itself; this one does not allocate per word, and
//! messages are filled by the tens of thousands on large specs.

use unicode_width::UnicodeWidthChar;

/// A word: its text (`start..end`), the spaces after it (`end..space_end`)
/// and its screen width. Breaks are only after hyphens, so a line never
/// needs one added.
#[derive(Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    space_end: usize,
    width: usize,
}

pub(super) fn width(s: &str) -> usize {
    // Printable ASCII is one column a byte; most messages are only that.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.len();
    }
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Words of `line` at runs of spaces, each split after hyphens that have a
/// letter or digit on both sides.
fn words(line: &str, out: &mut Vec<Word>) {
    let bytes = line.as_bytes();
    let mut start = 0;
    while start < line.len() {
        let mut end = start;
        while end < line.len() && bytes[end] != b' ' {
            end += 1;
        }
        let mut space_end = end;
        while space_end < line.len() && bytes[space_end] == b' ' {
            space_end += 1;
        }
        let text = &line[start..end];
        let mut from = start;
        for (i, _) in text.match_indices('-') {
            let before = text[..i].chars().next_back();
            let after = text[i + 1..].chars().next();
            if before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)
            {
                let cut = start + i + 1;
                out.push(Word {
                    start: from,
                    end: cut,
                    space_end: cut,
                    width: width(&line[from..cut]),
                });
                from = cut;
            }
        }
        out.push(Word {
            start: from,
            end,
            space_end,
            width: width(&line[from..end]),
        });
        start = space_end;
    }
}

/// A word wider than `max` cut into pieces that fit, at characters.
fn cut(line: &str, word: Word, max: usize, out: &mut Vec<Word>) {
    if word.width <= max {
        out.push(word);
        return;
    }
    let mut start = word.start;
    let mut w = 0;
    for (i, c) in line[word.start..word.end].char_indices() {
        let cw = c.width().unwrap_or(0);
        let at = word.start + i;
        if w > 0 && w + cw > max {
            out.push(Word {
                start,
                end: at,
                space_end: at,
                width: w,
            });
            start = at;
            w = 0;
        }
        w += cw;
    }
    out.push(Word {
        start,
        end: word.end,
        space_end: word.space_end,
        width: w,
    });
}

/// `text` filled to `width` columns, `first` before the first line and
/// `rest` before the others; `widths` are those of the two indents.
pub fn fill(
    out: &mut String,
    text: &str,
    width: usize,
    (first, first_width): (&str, usize),
    (rest, rest_width): (&str, usize),
) {
    let first_line = width.saturating_sub(first_width);
    let other_lines = width.saturating_sub(rest_width);
    let mut lines = 0usize;
    // About one word per six bytes of a message: room for most at once,
    // rather than growing word by word.
    let mut found = Vec::with_capacity(text.len() / 6 + 4);
    let mut pieces = Vec::with_capacity(text.len() / 6 + 5);
    for line in text.split('\n') {
        found.clear();
        pieces.clear();
        words(line, &mut found);
        if !first.is_empty() {
            // The first word may not fit after the indent: it may start
            // the paragraph's second line.
            pieces.push(Word {
                start: 0,
                end: 0,
                space_end: 0,
                width: 0,
            });
        }
        for &w in &found {
            cut(line, w, other_lines, &mut pieces);
        }
        // Each paragraph's first line has the first line's room.
        let mut local = 0usize;
        let mut emit = |from: usize, to: usize, out: &mut String| {
            out.push_str(if lines == 0 { first } else { rest });
            if to > from {
                out.push_str(&line[pieces[from].start..pieces[to - 1].end]);
            }
            lines += 1;
        };
        let mut begin = 0;
        let mut used = 0;
        for (i, w) in pieces.iter().enumerate() {
            let room = if local == 0 { first_line } else { other_lines };
            if used + w.width > room && i > begin {
                emit(begin, i, out);
                out.push('\n');
                local += 1;
                begin = i;
                used = 0;
            }
            used += w.width + (w.space_end - w.end);
        }
        emit(begin, pieces.len(), out);
        out.push('\n');
    }
    // Lines are joined, not ended, by a break.
    out.pop();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theirs(text: &str, width: usize) -> String {
        let options = textwrap::Options::new(width)
            .initial_indent("  × ")
            .subsequent_indent("  │ ")
            .break_words(true)
            .word_separator(textwrap::WordSeparator::AsciiSpace);
        textwrap::fill(text, options)
    }

    fn ours(text: &str, width: usize) -> String {
        let mut out = String::new();
        fill(&mut out, text, width, ("  × ", 4), ("  │ ", 4));
        out
    }

    #[test]
    fn fills_as_textwrap_does() {
        let texts = [
            "short",
            "",
            "a message long enough that it has to be wrapped onto a second line here",
            "request-parameter-became-required: query parameter `limit` of GET /pets/{petId}/owners became required",
            "averyveryveryveryveryveryveryveryveryveryverylongwordwithoutanyspaceatallinit and more",
            "double  spaces   and trailing   ",
            "--flag-like words -x- and a-b-c and ä-ö and 日本語の文字列がとても長い場合",
            "two\nlines, the second of which is long enough to wrap at twenty columns",
            "   leading spaces",
            "x- -y a--b",
        ];
        for text in texts {
            for width in [8, 12, 20, 33, 60, 98] {
                assert_eq!(
                    ours(text, width),
                    theirs(text, width),
                    "{text:?} at {width}"
                );
            }
        }
    }
}
