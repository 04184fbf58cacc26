//! Pretty JSON written straight into one buffer, already safe for a
//! terminal or a CI log.
//!
//! A large diff prints tens of megabytes of JSON. Serializing it with
//! `serde_json` and then scanning the text again for what [`super::escape`]
//! must rewrite cost more than comparing the documents; this writer escapes
//! each string once, as it copies it, and lays the text out exactly as
//! `serde_json::to_string_pretty` followed by [`super::escape::json`] would
//! (a test holds the two equal).

use super::escape::{LEGACY_COMMAND, LEGACY_COMMAND_IN_JSON};
use crate::load::source_file::hidden;

pub struct Pretty {
    buf: Vec<u8>,
    depth: usize,
    /// Whether the innermost open container has no entry yet.
    fresh: bool,
}

impl Pretty {
    pub fn with_capacity(bytes: usize) -> Self {
        Pretty {
            buf: Vec::with_capacity(bytes),
            depth: 0,
            fresh: true,
        }
    }

    pub fn open_object(&mut self) {
        self.open(b'{');
    }

    pub fn close_object(&mut self) {
        self.close(b'}');
    }

    pub fn open_array(&mut self) {
        self.open(b'[');
    }

    pub fn close_array(&mut self) {
        self.close(b']');
    }

    fn open(&mut self, bracket: u8) {
        self.buf.push(bracket);
        self.depth += 1;
        self.fresh = true;
    }

    fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if !self.fresh {
            self.newline();
        }
        self.buf.push(bracket);
        // The container just closed is an entry of the one around it.
        self.fresh = false;
    }

    fn newline(&mut self) {
        const SPACES: &[u8] = b"\n                                ";
        match SPACES.get(..1 + 2 * self.depth) {
            Some(indent) => self.buf.extend_from_slice(indent),
            None => {
                self.buf.push(b'\n');
                for _ in 0..self.depth {
                    self.buf.extend_from_slice(b"  ");
                }
            }
        }
    }

    fn separate(&mut self) {
        if !self.fresh {
            self.buf.push(b',');
        }
        self.fresh = false;
        self.newline();
    }

    /// Starts an object entry; its value is written next. Keys are ours,
    /// plain ASCII, and copied as they are.
    pub fn key(&mut self, key: &'static str) {
        debug_assert!(key.bytes().all(plain));
        self.separate();
        self.buf.push(b'"');
        self.buf.extend_from_slice(key.as_bytes());
        self.buf.extend_from_slice(b"\": ");
    }

    /// Starts an array element; it is written next.
    pub fn item(&mut self) {
        self.separate();
    }

    pub fn string(&mut self, s: &str) {
        self.escaped(s);
    }

    pub fn number(&mut self, n: usize) {
        let mut buf = [0u8; 20];
        self.buf
            .extend_from_slice(super::decimal(n, &mut buf).as_bytes());
    }

    pub fn null(&mut self) {
        self.buf.extend_from_slice(b"null");
    }

    /// Bytes written and not yet drained.
    pub fn pending(&self) -> usize {
        self.buf.len()
    }

    /// Hands what is written so far to `out` and starts the buffer again:
    /// a large report goes out in pieces rather than as one string of tens
    /// of megabytes. Only called between entries, so each piece ends on a
    /// whole character.
    pub fn drain_to(&mut self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }

    pub fn finish(self) -> String {
        // Only whole UTF-8 strings and ASCII went in.
        String::from_utf8(self.buf).unwrap_or_default()
    }

    fn escaped(&mut self, s: &str) {
        self.buf.push(b'"');
        let bytes = s.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            while let Some(word) = bytes.get(i..i + 8).and_then(|w| w.try_into().ok()) {
                if !plain_word(u64::from_le_bytes(word)) {
                    break;
                }
                i += 8;
            }
            let Some(&b) = bytes.get(i) else { break };
            if plain(b) {
                i += 1;
                continue;
            }
            self.buf.extend_from_slice(&bytes[start..i]);
            i += self.special(&s[i..]);
            start = i;
        }
        self.buf.extend_from_slice(&bytes[start..]);
        self.buf.push(b'"');
    }

    /// Writes the character `rest` starts with, escaped as needed, and
    /// returns how many bytes of `rest` it took.
    fn special(&mut self, rest: &str) -> usize {
        let Some(c) = rest.chars().next() else {
            return 1;
        };
        match c {
            '"' => self.buf.extend_from_slice(b"\\\""),
            '\\' => self.buf.extend_from_slice(b"\\\\"),
            '\u{8}' => self.buf.extend_from_slice(b"\\b"),
            '\u{c}' => self.buf.extend_from_slice(b"\\f"),
            '\n' => self.buf.extend_from_slice(b"\\n"),
            '\r' => self.buf.extend_from_slice(b"\\r"),
            '\t' => self.buf.extend_from_slice(b"\\t"),
            '#' if rest.starts_with(LEGACY_COMMAND) => {
                self.buf
                    .extend_from_slice(LEGACY_COMMAND_IN_JSON.as_bytes());
                return LEGACY_COMMAND.len();
            }
            c if hidden(c) => self.unicode(c as u32),
            c => {
                let mut utf8 = [0u8; 4];
                self.buf
                    .extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
            }
        }
        c.len_utf8()
    }

    fn unicode(&mut self, code: u32) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.buf.extend_from_slice(b"\\u");
        for shift in [12, 8, 4, 0] {
            self.buf.push(HEX[((code >> shift) & 0xf) as usize]);
        }
    }
}

/// A byte copied as it is: printable ASCII that JSON and a CI log leave alone.
fn plain(b: u8) -> bool {
    (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\' && b != b'#'
}

/// Whether all eight bytes of `w` are [`plain`], a word at a time: the
/// classic bit tricks for "some byte is zero" and "some byte is below n"
/// (exact as a yes or no for the whole word).
fn plain_word(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    // A byte of 0x7f or above: its high bit, or a carry into it from 0x7f.
    let del_or_high = (w | (w & !HIGH).wrapping_add(ONES)) & HIGH;
    let special = zero_in(w ^ (ONES * u64::from(b'"')))
        | zero_in(w ^ (ONES * u64::from(b'\\')))
        | zero_in(w ^ (ONES * u64::from(b'#')));
    below_space | del_or_high | special == 0
}

#[cfg(test)]
mod tests {
    use super::Pretty;
    use proptest::prelude::*;

    const KEYS: [&str; 4] = ["k0", "k1", "k2", "k3"];

    #[test]
    fn words_are_plain_exactly_when_their_bytes_are() {
        let mut samples: Vec<[u8; 8]> = (0..=255u8)
            .map(|b| [b'a', b'b', b, b'c', b'd', b'e', b'f', b'g'])
            .collect();
        samples.extend((0..=255u8).map(|b| [b; 8]));
        samples.push(*b"/compone");
        for bytes in samples {
            let word = u64::from_le_bytes(bytes);
            assert_eq!(
                super::plain_word(word),
                bytes.iter().all(|&b| super::plain(b)),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_indented_as_serde_would() {
        let mut w = Pretty::with_capacity(0);
        let mut value = serde_json::json!(["leaf"]);
        for _ in 0..24 {
            value = serde_json::json!([value, 1]);
        }
        for _ in 0..25 {
            w.open_array();
            w.item();
        }
        w.string("leaf");
        w.close_array();
        for _ in 0..24 {
            w.item();
            w.number(1);
            w.close_array();
        }
        let expected = serde_json::to_string_pretty(&value).unwrap_or_default();
        assert_eq!(w.finish(), expected);
    }

    fn written(strings: &[String], numbers: &[usize]) -> String {
        let mut w = Pretty::with_capacity(0);
        w.open_object();
        w.key("strings");
        w.open_array();
        for s in strings {
            w.item();
            w.string(s);
        }
        w.close_array();
        w.key("empty");
        w.open_array();
        w.close_array();
        w.key("nested");
        w.open_object();
        for (key, n) in KEYS.iter().zip(numbers) {
            w.key(key);
            w.number(*n);
        }
        w.key("none");
        w.null();
        w.close_object();
        w.close_object();
        w.finish()
    }

    fn serialized(strings: &[String], numbers: &[usize]) -> String {
        let mut nested = serde_json::Map::new();
        for (i, n) in numbers.iter().enumerate() {
            nested.insert(format!("k{i}"), serde_json::json!(n));
        }
        nested.insert("none".into(), serde_json::Value::Null);
        // serde_json's map keeps keys sorted, and these are written in that order.
        let value = serde_json::json!({ "strings": strings, "empty": [], "nested": nested });
        let mut ordered = String::new();
        ordered.push_str("{\n  \"strings\": ");
        let list = serde_json::to_string_pretty(&value["strings"]).unwrap_or_default();
        ordered.push_str(&list.replace('\n', "\n  "));
        ordered.push_str(",\n  \"empty\": [],\n  \"nested\": ");
        let inner = serde_json::to_string_pretty(&value["nested"]).unwrap_or_default();
        ordered.push_str(&inner.replace('\n', "\n  "));
        ordered.push_str("\n}");
        super::super::escape::json(ordered)
    }

    #[test]
    fn tricky_strings_are_written_as_serde_and_the_guard_would() {
        let strings: Vec<String> = [
            "plain",
            "",
            "quote \" and \\ back",
            "\u{1b}[2J\n\t\r\u{8}\u{c}\u{0}",
            "##[error]x ###[ #",
            "bidi \u{202e} del \u{7f} c1 \u{9b} ls \u{2028} ok é 😀",
            "sixteen bytes!! then a \" quote past the first block",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let numbers = [0, 7, 1234567890, usize::MAX];
        assert_eq!(written(&strings, &numbers), serialized(&strings, &numbers));
    }

    proptest! {
        #[test]
        fn any_strings_match(strings in proptest::collection::vec(".{0,40}", 0..6),
                             numbers in proptest::collection::vec(any::<usize>(), 0..4)) {
            prop_assert_eq!(written(&strings, &numbers), serialized(&strings, &numbers));
        }

        #[test]
        fn any_word_is_plain_exactly_when_its_bytes_are(word in any::<u64>()) {
            let bytes = word.to_le_bytes();
            prop_assert_eq!(super::plain_word(word), bytes.iter().all(|&b| super::plain(b)));
        }
    }
}
