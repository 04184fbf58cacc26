//! The common case of reading JSON: a well-formed document with no repeated
//! keys, read byte by byte into the same [`Node`] tree the careful reader in
//! `json.rs` builds. Anything this reader does not expect (a syntax error, a
//! repeated key, a lone surrogate, nesting past the limit, a number that
//! may overflow) makes it give up, and the careful reader reads the document
//! again and words what is wrong. So a valid spec costs one quick pass, and
//! every message about a broken one still comes from one place.
//!
//! It accepts only RFC 8259 JSON, a subset of what the careful reader
//! accepts; a test holds the two trees equal over fixtures and generated
//! documents.

use super::node::{Entry, Node, Number, Span, Value};
use super::tree::{self, MAX_DEPTH};

/// The tree of `text`, or `None` when the careful reader must look.
pub fn parse(text: &str) -> Option<Node> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
        items: Vec::new(),
        entries: Vec::new(),
    };
    reader.blank();
    let node = reader.value()?;
    reader.blank();
    (reader.at == reader.bytes.len()).then_some(node)
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    /// Containers open around the current value.
    depth: usize,
    /// The members of every open array and object, innermost last: each
    /// container's are moved out into a list of exactly their number when
    /// it closes, so no list grows by doubling nor keeps the room it grew.
    items: Vec<Node>,
    entries: Vec<Entry>,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn blank(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.at += 1;
        }
    }

    /// Skips blanks and takes `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        self.blank();
        if self.peek() == Some(byte) {
            self.at += 1;
            return true;
        }
        false
    }

    fn value(&mut self) -> Option<Node> {
        let start = self.at;
        let value = match self.peek()? {
            b'{' => return self.object(),
            b'[' => return self.array(),
            b'"' => Value::String(self.string()?),
            b't' => self.word("true", Value::Bool(true))?,
            b'f' => self.word("false", Value::Bool(false))?,
            b'n' => self.word("null", Value::Null)?,
            _ => Value::Number(self.number()?),
        };
        Some(Node::new(Span::new(start, self.at), value))
    }

    fn word(&mut self, word: &str, value: Value) -> Option<Value> {
        let end = self.at + word.len();
        if self.bytes.get(self.at..end)? != word.as_bytes() {
            return None;
        }
        // `nullx` is one bad word to the careful reader, not `null` then `x`.
        if self.bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            return None;
        }
        self.at = end;
        Some(value)
    }

    /// Opens a container; past the limit the careful reader says so.
    fn deeper(&mut self) -> Option<()> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        Some(())
    }

    fn array(&mut self) -> Option<Node> {
        let start = self.at;
        self.at += 1;
        self.deeper()?;
        let base = self.items.len();
        if !self.eat(b']') {
            loop {
                self.blank();
                let item = self.value()?;
                self.items.push(item);
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b']') {
                    break;
                }
                return None;
            }
        }
        self.depth -= 1;
        let items: Vec<Node> = self.items.drain(base..).collect();
        Some(Node::new(Span::new(start, self.at), Value::Array(items)))
    }

    fn object(&mut self) -> Option<Node> {
        let start = self.at;
        self.at += 1;
        self.deeper()?;
        let base = self.entries.len();
        if !self.eat(b'}') {
            loop {
                self.blank();
                if self.peek() != Some(b'"') {
                    return None;
                }
                let key_start = self.at;
                let key = self.string()?;
                let key_span = Span::new(key_start, self.at);
                if !self.eat(b':') {
                    return None;
                }
                self.blank();
                let value = self.value()?;
                self.entries.push(Entry {
                    key,
                    key_span,
                    value,
                });
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b'}') {
                    break;
                }
                return None;
            }
        }
        self.depth -= 1;
        let entries: Vec<Entry> = self.entries.drain(base..).collect();
        let mut repeated = false;
        let object = tree::object(entries, |_, _, _| repeated = true);
        // The careful reader names the object that repeats a key.
        if repeated {
            return None;
        }
        Some(Node::new(Span::new(start, self.at), Value::Object(object)))
    }

    /// A string at `"`, unescaped.
    fn string(&mut self) -> Option<Box<str>> {
        self.at += 1;
        let start = self.at;
        loop {
            match *self.bytes.get(self.at)? {
                b'"' => {
                    let s = self.text.get(start..self.at)?;
                    self.at += 1;
                    return Some(Box::from(s));
                }
                b'\\' => return self.escaped(start),
                0..=0x1f => return None,
                _ => self.at += 1,
            }
        }
    }

    /// The rest of a string that holds an escape, from its first byte at
    /// `start`; `self.at` is at the first backslash.
    fn escaped(&mut self, start: usize) -> Option<Box<str>> {
        let mut out = String::from(self.text.get(start..self.at)?);
        loop {
            let run = self.at;
            while let Some(&b) = self.bytes.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            out.push_str(self.text.get(run..self.at)?);
            match *self.bytes.get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some(out.into_boxed_str());
                }
                b'\\' => {
                    let c = match *self.bytes.get(self.at + 1)? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            out.push(self.unicode()?);
                            continue;
                        }
                        _ => return None,
                    };
                    out.push(c);
                    self.at += 2;
                }
                _ => return None,
            }
        }
    }

    /// A `\u` escape at the backslash, or a surrogate pair of them.
    fn unicode(&mut self) -> Option<char> {
        let high = self.hex4(self.at + 2)?;
        self.at += 6;
        let code = if (0xD800..0xDC00).contains(&high) {
            if self.bytes.get(self.at..self.at + 2)? != b"\\u" {
                return None;
            }
            let low = self.hex4(self.at + 2)?;
            if !(0xDC00..0xE000).contains(&low) {
                return None;
            }
            self.at += 6;
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        char::from_u32(code)
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.text.get(at..at + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(digits, 16).ok()
    }

    /// A number as RFC 8259 writes it. One that might overflow a double
    /// (an exponent, or hundreds of digits) goes to the careful reader,
    /// which tells the user.
    fn number(&mut self) -> Option<Number> {
        let start = self.at;
        let digits = |r: &mut Self| {
            let from = r.at;
            while r.peek().is_some_and(|b| b.is_ascii_digit()) {
                r.at += 1;
            }
            r.at > from
        };
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => {
                digits(self);
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !digits(self) {
                return None;
            }
        }
        let mut exponent = false;
        if let Some(b'e' | b'E') = self.peek() {
            exponent = true;
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        if self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'.')
        {
            return None;
        }
        let raw = self.text.get(start..self.at)?;
        if exponent || raw.len() > 300 {
            match raw.parse::<f64>() {
                Ok(v) if v.is_finite() => {}
                _ => return None,
            }
        }
        Some(Number::new(raw))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::super::json;
    use super::super::source_file::SourceFile;

    /// Both readers agree: the quick one gives up or builds the careful
    /// one's tree exactly (spans included), and never reads what the
    /// careful one refuses.
    fn agree(text: &str) -> bool {
        let careful = json::parse(&Arc::new(SourceFile::new("t.json", text.to_string())));
        match (super::parse(text), careful) {
            (Some(quick), Ok((node, duplicates))) => {
                assert!(duplicates.is_empty(), "{text:?}");
                assert_eq!(quick, node, "{text:?}");
                true
            }
            (Some(quick), Err(e)) => panic!("{text:?}: read {quick:?}, refused {}", e.message),
            (None, _) => false,
        }
    }

    #[test]
    fn well_formed_documents_are_read_alike() {
        for text in [
            r#"{"a": [1, -0, 0.5, 1e5, 1E+2, 2.5e-3, true, false, null], "b": {}}"#,
            "\t\r\n [ ] ",
            r#"{"esc": "q\" b\\ s\/ \b\f\n\r\t \u00e9 \ud83d\ude00 end", "\u0041": 1}"#,
            r#""just a string""#,
            r#"{"k": "é✓😀 plain"}"#,
        ] {
            assert!(agree(text), "the quick reader gave up on {text:?}");
        }
    }

    #[test]
    fn anything_unusual_goes_to_the_careful_reader() {
        let deep = "[".repeat(300) + &"]".repeat(300);
        for text in [
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "-",
            "tru",
            "nullx",
            "[1,]",
            "{\"a\":1,}",
            "[1 2]",
            "{\"a\" 1}",
            "{a: 1}",
            "\"tab\tin\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\x\"",
            "[",
            "{\"a\": 1, \"a\": 2}",
            "1e400",
            "[] []",
            "",
            "// c\n1",
            "'s'",
            "\u{a0}1",
            &deep,
        ] {
            assert!(!agree(text), "the quick reader took {text:?}");
        }
    }

    #[test]
    fn every_json_fixture_is_read_alike() {
        let read = read_alike(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"));
        assert!(read >= 3, "only {read} fixtures read quickly");
    }

    /// Real specs: `VAPI_SPEC_JSON_DIR=../shared/corpus cargo test --release
    /// --lib json_fast -- --ignored` (every JSON file below the folder).
    #[test]
    #[ignore = "needs a folder of real specs"]
    fn real_specs_are_read_alike() {
        let dir = std::env::var("VAPI_SPEC_JSON_DIR").unwrap_or_default();
        let read = read_alike(&dir);
        eprintln!("{read} files read quickly and alike");
    }

    /// Compares the readers on every JSON file below `dir`; returns how
    /// many the quick one read.
    fn read_alike(dir: &str) -> usize {
        let mut read = 0;
        let mut folders = vec![std::path::PathBuf::from(dir)];
        while let Some(dir) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "json") {
                    if let Ok(text) = std::fs::read_to_string(&path) {
                        let text = text.trim_start_matches('\u{feff}');
                        let quick = agree(text);
                        if !quick {
                            eprintln!("careful reader only: {}", path.display());
                        }
                        read += usize::from(quick);
                    }
                }
            }
        }
        read
    }

    /// JSON text with every kind of value, escape and blank.
    fn document() -> impl Strategy<Value = String> {
        let blank = prop::sample::select(vec!["", " ", "\n", "\t", "\r\n  "]);
        let leaf = prop_oneof![
            Just("null".to_string()),
            Just("true".to_string()),
            any::<i64>().prop_map(|n| n.to_string()),
            any::<f64>().prop_map(|x| serde_json::to_string(&x).unwrap_or_default()),
            any::<String>().prop_map(|s| serde_json::to_string(&s).unwrap_or_default()),
            "[a-z\\\\\"é\u{1F600}]{0,6}"
                .prop_map(|s| serde_json::to_string(&s).unwrap_or_default()),
        ];
        leaf.prop_recursive(4, 40, 6, move |inner| {
            let blank = blank.clone();
            prop_oneof![
                prop::collection::vec((inner.clone(), blank.clone()), 0..6).prop_map(|items| {
                    let parts: Vec<String> =
                        items.iter().map(|(v, b)| format!("{b}{v}{b}")).collect();
                    format!("[{}]", parts.join(","))
                }),
                prop::collection::btree_map("[a-z]{0,3}", (inner, blank), 0..6).prop_map(|m| {
                    let parts: Vec<String> = m
                        .iter()
                        .map(|(k, (v, b))| format!("{b}\"{k}\"{b}:{b}{v}"))
                        .collect();
                    format!("{{{}}}", parts.join(","))
                }),
            ]
        })
    }

    proptest! {
        #[test]
        fn generated_documents_are_read_alike(text in document()) {
            prop_assert!(agree(&text), "the quick reader gave up on {:?}", text);
        }

        #[test]
        fn cut_documents_are_never_misread(text in document(), cut in any::<prop::sample::Index>()) {
            let bytes = text.as_bytes();
            let at = cut.index(bytes.len() + 1);
            if let Ok(prefix) = std::str::from_utf8(&bytes[..at]) {
                agree(prefix);
            }
        }
    }
}
