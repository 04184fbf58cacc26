//! Stage 1: bytes from a file, stdin, git or HTTP into a span-carrying tree.

pub mod error;
pub mod gate;
pub mod git_log;
pub mod input;
pub mod json;
mod json_fast;
pub mod lines;
pub mod node;
pub mod plain;
pub mod pointer;
pub mod source_file;
pub mod tree;
pub mod walk;
pub mod yaml;

use std::sync::Arc;

pub use error::{LoadError, LoadErrorKind};
pub use gate::Net;
pub use input::Input;
pub use lines::Position;
pub use node::{Entry, Node, Number, Object, Span, Value};
pub use plain::to_json;
pub use source_file::SourceFile;
pub use tree::DuplicateKey;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

/// One parsed file.
#[derive(Debug)]
pub struct Document {
    pub source: Arc<SourceFile>,
    pub format: Format,
    pub root: Node,
    pub duplicate_keys: Vec<DuplicateKey>,
}

/// Reads and parses an input.
pub fn load(input: &Input) -> Result<Document, LoadError> {
    load_with(input, &Net::default())
}

/// As [`load`], fetching within the run's shared deadline `net`.
pub fn load_with(input: &Input, net: &Net) -> Result<Document, LoadError> {
    let bytes = input.read(net)?;
    parse_bytes(&input.display_name(), bytes)
}

/// Parses bytes already in hand. The format comes from the content, never the name.
pub fn parse_bytes(name: &str, bytes: Vec<u8>) -> Result<Document, LoadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError {
            kind: LoadErrorKind::Encoding,
            ..LoadError::read(name, "the file is empty")
        });
    }
    if let Some(encoding) = wide_encoding(&bytes) {
        return Err(LoadError {
            kind: LoadErrorKind::Encoding,
            ..LoadError::read(
                name,
                format!("the file is {encoding}, not UTF-8; save it as UTF-8"),
            )
        });
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let shown = String::from_utf8_lossy(&bytes[..at]).into_owned();
        return Err(LoadError::at(
            LoadErrorKind::Encoding,
            &Arc::new(SourceFile::new(name, shown.as_str())),
            Span::new(shown.len(), shown.len()),
            format!("this is a binary file, not JSON or YAML text (a NUL byte at byte {at})"),
            "binary data starts here",
        ));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let shown = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let byte = e.as_bytes().get(at).copied().unwrap_or(0);
            let at_char = shown
                .char_indices()
                .map(|(i, _)| i)
                .find(|&i| i >= at)
                .unwrap_or(shown.len());
            return Err(LoadError::at(
                LoadErrorKind::Encoding,
                &Arc::new(SourceFile::new(name, shown.as_str())),
                Span::new(at_char, at_char + '\u{FFFD}'.len_utf8()),
                format!("the file is not valid UTF-8 (byte 0x{byte:02x} at offset {at})"),
                "invalid byte",
            ));
        }
    };
    // A BOM is invisible to editors, so it must not shift any column either.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let source = Arc::new(SourceFile::new(name, text));
    let format = detect(&source.text);
    let (root, duplicate_keys) = match format {
        Format::Json => match json_fast::parse(&source.text) {
            Some(root) => (root, Vec::new()),
            None => json::parse(&source)?,
        },
        Format::Yaml => yaml::parse(&source)?,
    };
    Ok(Document {
        source,
        format,
        root,
        duplicate_keys,
    })
}

/// UTF-16 and UTF-32 text, by its byte-order mark or, without one, by the
/// zero bytes every ASCII character then carries.
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0, 0, 0xfe, 0xff, ..] => return Some("UTF-32 (big-endian)"),
        [0xff, 0xfe, 0, 0, ..] => return Some("UTF-32 (little-endian)"),
        [0xfe, 0xff, ..] => return Some("UTF-16 (big-endian)"),
        [0xff, 0xfe, ..] => return Some("UTF-16 (little-endian)"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(64) & !3];
    if head.len() < 4 {
        return None;
    }
    let zero_at = |k: usize, of: usize| head.iter().skip(k).step_by(of).all(|&b| b == 0);
    let text_at = |k: usize, of: usize| head.iter().skip(k).step_by(of).all(|&b| b != 0);
    if zero_at(1, 4) && zero_at(2, 4) && zero_at(3, 4) && text_at(0, 4) {
        Some("UTF-32 (little-endian)")
    } else if zero_at(0, 4) && zero_at(1, 4) && zero_at(2, 4) && text_at(3, 4) {
        Some("UTF-32 (big-endian)")
    } else if zero_at(1, 2) && text_at(0, 2) {
        Some("UTF-16 (little-endian)")
    } else if zero_at(0, 2) && text_at(1, 2) {
        Some("UTF-16 (big-endian)")
    } else {
        None
    }
}

fn detect(text: &str) -> Format {
    match text.trim_start().as_bytes().first() {
        Some(b'{' | b'[') => Format::Json,
        _ => Format::Yaml,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Document, LoadError> {
        parse_bytes("t", text.as_bytes().to_vec())
    }

    #[test]
    fn json_and_yaml_give_the_same_tree() {
        let json =
            parse(r#"{"a": [1, "x", true, null], "b": {"c": 2.5}}"#).map_err(|e| e.to_string());
        let yaml = parse("a: [1, x, true, ~]\nb:\n  c: 2.5\n").map_err(|e| e.to_string());
        let (json, yaml) = (
            json.unwrap_or_else(|e| panic!("{e}")),
            yaml.unwrap_or_else(|e| panic!("{e}")),
        );
        assert_eq!(json.format, Format::Json);
        assert_eq!(yaml.format, Format::Yaml);
        assert!(json.root.same_value(&yaml.root));
    }

    #[test]
    fn spans_point_at_keys_and_values() {
        let text = "openapi: 3.0.0\ninfo:\n  title: Pets ✓\n  version: '1'\n";
        let doc = parse(text).unwrap_or_else(|e| panic!("{e}"));
        let (node, key) =
            pointer::lookup(&doc.root, "/info/version").unwrap_or_else(|| panic!("missing"));
        let key = key.unwrap_or_default();
        assert_eq!(&text[key.start as usize..key.end as usize], "version");
        assert_eq!(
            &text[node.span.start as usize..node.span.end as usize],
            "'1'"
        );
        let pos = doc.source.span_position(node.span);
        assert_eq!((pos.line, pos.column), (4, 12));
    }

    #[test]
    fn duplicate_keys_are_kept_and_reported() {
        let doc =
            parse("{\"a\": 1, \"b\": {\"x\": 1, \"x\": 2}}").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.duplicate_keys.len(), 1);
        assert_eq!(doc.duplicate_keys[0].object, "/b");
        let doc = parse("a: 1\nb:\n  - x: 1\n    x: 2\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.duplicate_keys[0].object, "/b/0");
        assert_eq!(doc.duplicate_keys[0].key, "x");
        // The tree keeps the last, as JSON readers do, so every stage reads the same.
        let item = &doc
            .root
            .get("b")
            .and_then(Node::as_array)
            .unwrap_or_default()[0];
        let members: Vec<String> = item
            .as_object()
            .map(|o| {
                o.iter()
                    .map(|(k, v)| format!("{k}={}", v.span.start))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(members, vec!["x=24"]);
    }

    #[test]
    fn bad_inputs_are_errors_not_panics() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(
            parse(&deep).map(|_| ()).map_err(|e| e.kind),
            Err(LoadErrorKind::Limit)
        );
        // Arrays and objects are refused at the same depth, in both formats.
        for (open, close) in [("[", "]"), ("{\"a\":", "}"), ("- ", "")] {
            let nested = |n: usize| open.repeat(n) + "1" + &close.repeat(n);
            assert!(parse(&nested(256)).is_ok(), "{open} 256");
            assert_eq!(
                parse(&nested(257)).map(|_| ()).map_err(|e| e.kind),
                Err(LoadErrorKind::Limit),
                "{open} 257"
            );
        }
        let deep_yaml = "- ".repeat(10_000) + "x";
        assert!(parse(&deep_yaml).is_err());
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
        assert_eq!(
            parse(bomb).map(|_| ()).map_err(|e| e.kind),
            Err(LoadErrorKind::Limit)
        );
        assert!(parse("").is_err());
        assert!(parse_bytes("t", vec![0xff, 0xfe, 0x00]).is_err());
        assert!(parse_bytes("t", b"a: \xe9t\xe9".to_vec()).is_err());
        let big = format!("{{\"n\": {}}}", "9".repeat(400));
        assert_eq!(
            parse(&big).map(|_| ()).map_err(|e| e.kind),
            Err(LoadErrorKind::Limit)
        );
        assert!(parse("{\"a\": 1,}").is_err());
    }

    #[test]
    fn wide_encodings_are_named() {
        let utf16 = |text: &str, bom: bool| -> Vec<u8> {
            let mut out = if bom { vec![0xff, 0xfe] } else { Vec::new() };
            for unit in text.encode_utf16() {
                out.extend(unit.to_le_bytes());
            }
            out
        };
        for bytes in [
            utf16("openapi: 3.0.0\n", true),
            utf16("openapi: 3.0.0\n", false),
        ] {
            let e = parse_bytes("t", bytes).map(|_| ()).map_err(|e| e.message);
            assert_eq!(
                e,
                Err("the file is UTF-16 (little-endian), not UTF-8; save it as UTF-8".into())
            );
        }
    }

    #[test]
    fn a_bom_is_skipped() {
        let doc = parse("\u{feff}{\"a\": 1}").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.source.span_position(doc.root.span).column, 1);
    }
}
