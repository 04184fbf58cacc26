//! One escaping rule per destination for text that comes from a spec.
//!
//! A spec (or a commit message, or a server's answer) may hold characters
//! that a terminal obeys (ESC, C1 controls), that reorder what is shown
//! (bidirectional overrides), that a CI system reads as a command (GitHub's
//! `::error …::` at a line start, `##[…]` anywhere), or that XML cannot
//! carry. Every renderer passes such text through the function for its
//! destination, so what a spec says is shown, never executed.

use std::borrow::Cow;

use crate::load::source_file::hidden;

/// GitHub Actions reads `##[command]` anywhere in a line of a log.
pub(super) const LEGACY_COMMAND: &str = "##[";

/// [`LEGACY_COMMAND`] inside a JSON string, with the same value once parsed.
pub(super) const LEGACY_COMMAND_IN_JSON: &str = "#\\u0023[";

fn needs_escape(s: &str) -> bool {
    // Printable ASCII is the common case and never hidden: bytes first, and
    // the substring search only where a `#` is (it costs more to set up
    // than to scan a short text).
    let plain = s.bytes().all(|b| (0x20..0x7f).contains(&b));
    (!plain && s.chars().any(hidden))
        || (memchr::memchr(b'#', s.as_bytes()).is_some() && s.contains(LEGACY_COMMAND))
}

/// Spec text for people: each control or invisible formatting character as
/// a visible escape (`\n`, `\t`, `\u{1b}`), and `##[` broken up so no CI log
/// reads it as a command.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !needs_escape(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out.replace(LEGACY_COMMAND, "#\\u{23}["))
}

/// The last step of every output meant to be read in a terminal or a log:
/// a line that would start with `::` (after spaces) is a GitHub workflow
/// command, so it gets a backslash in front. Markdown shows `\:` as `:`.
pub fn guard_lines(text: String) -> String {
    if !text.contains("::") {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        if line[indent..].starts_with("::") {
            out.push_str(&line[..indent]);
            out.push('\\');
            out.push_str(&line[indent..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Serialized JSON, rewritten so that no character a terminal or CI log
/// obeys appears raw. Only string contents can hold them, and a `\u` escape
/// there leaves every parsed value exactly as it was.
pub fn json(text: String) -> String {
    let risky = |c: char| c == '\u{7f}' || (hidden(c) && c > '\u{1f}');
    // Serialized JSON escapes C0 controls itself, so only DEL and what is
    // not ASCII can be risky: skip to it at byte speed.
    let first = text.bytes().position(|b| b == 0x7f || b >= 0x80);
    let clean = first.is_none_or(|i| !text[i..].chars().any(risky));
    if clean && !text.contains(LEGACY_COMMAND) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if risky(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.replace(LEGACY_COMMAND, LEGACY_COMMAND_IN_JSON)
}

/// Text for HTML element content or a quoted attribute.
pub fn html(s: &str) -> String {
    let shown = visible(s);
    let mut out = String::with_capacity(shown.len() + 16);
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Markdown: spec text that must read as plain text, never as markup.
pub mod markdown {
    use super::visible;

    /// Characters that start or end Markdown or HTML syntax inside a line.
    /// `|` is left to [`cell`], which knows when it matters.
    const SYNTAX: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '&', '~'];

    /// Plain text: every character that could start markup is escaped.
    pub fn text(s: &str) -> String {
        let shown = visible(s);
        let mut out = String::with_capacity(shown.len() + 8);
        for c in shown.chars() {
            if SYNTAX.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    /// Backticks enough to quote `text`: more than its longest run of them,
    /// and at least `min` (3 for a code block).
    pub fn fence(text: &str, min: usize) -> String {
        let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        "`".repeat((longest + 1).max(min))
    }

    /// `s` as a code span: a fence longer than any run of backticks inside,
    /// so nothing in it can close the span early.
    pub fn code(s: &str) -> String {
        let shown = visible(s);
        let fence = fence(&shown, 1);
        let pad = if shown.starts_with('`') || shown.ends_with('`') || shown.is_empty() {
            " "
        } else {
            ""
        };
        format!("{fence}{pad}{shown}{pad}{fence}")
    }

    /// A message whose `backticked` parts are code (as rule templates write
    /// them): code spans are kept as CommonMark would pair them, everything
    /// else is escaped as text. Whatever a spec put into the message, the
    /// result holds no HTML, link, image or emphasis.
    pub fn inline(message: &str) -> String {
        let shown = visible(message);
        let s: &str = &shown;
        let mut out = String::with_capacity(s.len() + 16);
        let mut rest = s;
        while let Some(open) = rest.find('`') {
            out.push_str(&text(&rest[..open]));
            let run = rest[open..].len() - rest[open..].trim_start_matches('`').len();
            let after = &rest[open + run..];
            match closing(after, run) {
                Some(close) => {
                    out.push_str(&rest[open..open + run]);
                    out.push_str(&after[..close]);
                    out.push_str(&rest[open..open + run]);
                    rest = &after[close + run..];
                }
                None => {
                    for _ in 0..run {
                        out.push_str("\\`");
                    }
                    rest = after;
                }
            }
        }
        out.push_str(&text(rest));
        out
    }

    /// Where in `s` a run of exactly `n` backticks starts, if any.
    fn closing(s: &str, n: usize) -> Option<usize> {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'`' {
                let start = i;
                while i < bytes.len() && bytes[i] == b'`' {
                    i += 1;
                }
                if i - start == n {
                    return Some(start);
                }
            } else {
                i += 1;
            }
        }
        None
    }

    /// Content already rendered for Markdown, placed in a table cell: every
    /// `|` escaped (GitHub reads `\|` as a pipe even inside code).
    pub fn cell(rendered: &str) -> String {
        rendered.replace('|', "\\|")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fences_outlast_the_backticks_they_quote() {
        assert_eq!(super::markdown::fence("type: object", 3), "```");
        assert_eq!(super::markdown::fence("a ```` b", 3), "`````");
        assert_eq!(super::markdown::fence("x`y", 1), "``");
    }

    use super::*;

    #[test]
    fn controls_become_visible() {
        assert_eq!(visible("plain"), "plain");
        assert_eq!(visible("a\nb\u{1b}[2Jc"), "a\\nb\\u{1b}[2Jc");
        assert_eq!(visible("x\u{202e}y\u{9b}"), "x\\u{202e}y\\u{9b}");
        assert_eq!(visible("##[error]x"), "#\\u{23}[error]x");
    }

    #[test]
    fn workflow_commands_cannot_start_a_line() {
        assert_eq!(
            guard_lines("ok\n  ::error::x\n".to_string()),
            "ok\n  \\::error::x\n"
        );
        assert_eq!(guard_lines("a :: b\n".to_string()), "a :: b\n");
    }

    #[test]
    fn json_keeps_values() {
        let raw = "a\u{9b}b ##[x] \u{2028}";
        let text = serde_json::to_string(raw).unwrap_or_default();
        let safe = json(text);
        assert!(!safe.contains('\u{9b}') && !safe.contains("##["));
        let back: String = serde_json::from_str(&safe).unwrap_or_default();
        assert_eq!(back, raw);
    }

    #[test]
    fn markdown_escapes_markup_and_keeps_code() {
        assert_eq!(markdown::text("<b>*x*</b>"), "\\<b\\>\\*x\\*\\</b\\>");
        assert_eq!(markdown::code("a`b"), "``a`b``");
        assert_eq!(markdown::code("`x"), "`` `x ``");
        assert_eq!(
            markdown::inline("property `<img src=x>` of <script>"),
            "property `<img src=x>` of \\<script\\>"
        );
        assert_eq!(markdown::inline("a ` b"), "a \\` b");
    }
}
