//! YAML 1.2 into a [`Node`] tree, built from saphyr-parser's event stream.
//!
//! We build the tree ourselves instead of using a loader so that aliases are
//! expanded under a budget (an alias bomb is refused, not exploded), nesting
//! is bounded, every key keeps its span and duplicate keys are kept.

use std::collections::HashMap;
use std::sync::Arc;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan, Tag};

use super::error::{LoadError, LoadErrorKind};
use super::node::{Entry, Node, Number, Object, Span, Value};
use super::source_file::SourceFile;
use super::tree::{check_number, DuplicateKey, KeyTracker, MAX_DEPTH, TOO_DEEP};

/// saphyr reports positions in characters; spans are bytes.
struct CharToByte {
    /// Byte offset of every 64th character; `None` for ASCII text, where they are equal.
    checkpoints: Option<Vec<u32>>,
}

const STEP: usize = 64;

impl CharToByte {
    fn new(text: &str) -> CharToByte {
        if text.is_ascii() {
            return CharToByte { checkpoints: None };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STEP + 1);
        for (i, (byte, _)) in text.char_indices().enumerate() {
            if i % STEP == 0 {
                checkpoints.push(byte as u32);
            }
        }
        CharToByte {
            checkpoints: Some(checkpoints),
        }
    }

    fn byte(&self, text: &str, char_index: usize) -> usize {
        let Some(checkpoints) = &self.checkpoints else {
            return char_index.min(text.len());
        };
        let Some(&base) = checkpoints.get(char_index / STEP) else {
            return text.len();
        };
        let base = base as usize;
        text[base..]
            .char_indices()
            .nth(char_index % STEP)
            .map_or(text.len(), |(b, _)| base + b)
    }
}

enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        anchor: usize,
        entries: Vec<Entry>,
        pending_key: Option<(Box<str>, Span)>,
        keys: KeyTracker,
    },
}

struct Builder<'s> {
    source: &'s Arc<SourceFile>,
    chars: CharToByte,
    stack: Vec<Frame>,
    root: Option<Node>,
    anchors: HashMap<usize, (Node, usize)>,
    /// Nodes built so far, aliases counted at their expanded size.
    nodes: usize,
    budget: usize,
    duplicates: Vec<DuplicateKey>,
}

pub fn parse(source: &Arc<SourceFile>) -> Result<(Node, Vec<DuplicateKey>), LoadError> {
    let text: &str = &source.text;
    let mut builder = Builder {
        source,
        chars: CharToByte::new(text),
        stack: Vec::new(),
        root: None,
        anchors: HashMap::new(),
        nodes: 0,
        // Generous for any real document (each node takes at least two bytes
        // of text), yet exponential alias expansion runs into it immediately.
        budget: text.len() + 100_000,
        duplicates: Vec::new(),
    };
    let mut documents = 0;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            let at = builder.chars.byte(text, e.marker().index());
            LoadError::at(
                LoadErrorKind::Syntax,
                source,
                Span::new(at, (at + 1).min(text.len()).max(at)),
                format!("invalid YAML: {}", e.info()),
                "here",
            )
        })?;
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    let at = builder.span(span);
                    return Err(builder.error(
                        LoadErrorKind::Syntax,
                        at,
                        "the file holds more than one YAML document; an OpenAPI description is one",
                        "a second document starts here",
                    ));
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let at = builder.span(span);
                builder.scalar(&value, style, anchor, tag.as_deref(), at)?;
            }
            Event::Alias(id) => {
                let at = builder.span(span);
                builder.alias(id, at)?;
            }
            Event::SequenceStart(anchor, _) => {
                let at = builder.span(span);
                builder.open(
                    Frame::Seq {
                        start: at.start as usize,
                        anchor,
                        items: Vec::new(),
                    },
                    at,
                )?;
            }
            Event::MappingStart(anchor, _) => {
                let at = builder.span(span);
                builder.open(
                    Frame::Map {
                        start: at.start as usize,
                        anchor,
                        entries: Vec::new(),
                        pending_key: None,
                        keys: KeyTracker::default(),
                    },
                    at,
                )?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let at = builder.span(span);
                builder.close(at)?;
            }
            _ => {}
        }
    }
    builder
        .root
        .ok_or_else(|| {
            LoadError::at(
                LoadErrorKind::Syntax,
                source,
                Span::new(0, text.len()),
                "the YAML file holds no document",
                "nothing here",
            )
        })
        .map(|root| (root, builder.duplicates))
}

impl Builder<'_> {
    fn span(&self, span: YamlSpan) -> Span {
        let text = &self.source.text;
        Span::new(
            self.chars.byte(text, span.start.index()),
            self.chars.byte(text, span.end.index()),
        )
    }

    fn error(&self, kind: LoadErrorKind, at: Span, message: &str, label: &str) -> LoadError {
        LoadError::at(kind, self.source, at, message, label)
    }

    fn count(&mut self, n: usize, at: Span) -> Result<(), LoadError> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > self.budget {
            return Err(self.error(
                LoadErrorKind::Limit,
                at,
                "aliases expand to far more values than the file holds (an alias bomb?); refusing to expand them",
                "expansion stopped here",
            ));
        }
        Ok(())
    }

    fn expecting_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame::Map {
                pending_key: None,
                ..
            })
        )
    }

    fn open(&mut self, frame: Frame, at: Span) -> Result<(), LoadError> {
        if self.expecting_key() {
            return Err(self.error(
                LoadErrorKind::Syntax,
                at,
                "a mapping key must be a plain value, not a sequence or mapping",
                "complex key",
            ));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.error(LoadErrorKind::Limit, at, TOO_DEEP, "nested too deeply"));
        }
        self.count(1, at)?;
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self, at: Span) -> Result<(), LoadError> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let (node, anchor) = match frame {
            Frame::Seq {
                start,
                anchor,
                items,
            } => (
                Node::new(Span::new(start, at.end as usize), Value::Array(items)),
                anchor,
            ),
            Frame::Map {
                start,
                anchor,
                entries,
                keys,
                ..
            } => (
                Node::new(
                    Span::new(start, at.end as usize),
                    Value::Object(Object::from_entries(keys.keep_last(entries))),
                ),
                anchor,
            ),
        };
        if anchor != 0 {
            let size = subtree_size(&node);
            self.anchors.insert(anchor, (node.clone(), size));
        }
        self.attach(node);
        Ok(())
    }

    fn scalar(
        &mut self,
        value: &str,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        at: Span,
    ) -> Result<(), LoadError> {
        self.count(1, at)?;
        if let Some(Frame::Map {
            pending_key: None,
            keys,
            ..
        }) = self.stack.last_mut()
        {
            // Keys stay text as written: `200:` is the status code "200".
            if let Some(first) = keys.insert(value, at) {
                let path = self.path();
                self.duplicates
                    .push(DuplicateKey::new(&path, value, first, at));
            }
            if let Some(Frame::Map { pending_key, .. }) = self.stack.last_mut() {
                *pending_key = Some((value.into(), at));
            }
            return Ok(());
        }
        let typed = type_scalar(value, style, tag);
        if let Value::Number(n) = &typed {
            check_number(self.source, n.raw(), at)?;
        }
        let node = Node::new(at, typed);
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), 1));
        }
        self.attach(node);
        Ok(())
    }

    fn alias(&mut self, id: usize, at: Span) -> Result<(), LoadError> {
        let Some((node, size)) = self.anchors.get(&id) else {
            return Err(self.error(
                LoadErrorKind::Syntax,
                at,
                "alias to an anchor that is not defined before it",
                "unknown anchor",
            ));
        };
        let (node, size) = (node.clone(), *size);
        if self.expecting_key() {
            let Some(key) = node
                .as_str()
                .map(str::to_owned)
                .or_else(|| scalar_text(&node))
            else {
                return Err(self.error(
                    LoadErrorKind::Syntax,
                    at,
                    "a mapping key must be a plain value, not a sequence or mapping",
                    "complex key",
                ));
            };
            return self.scalar(&key, ScalarStyle::DoubleQuoted, 0, None, at);
        }
        self.count(size, at)?;
        self.attach(node);
        Ok(())
    }

    fn attach(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                pending_key,
                ..
            }) => {
                if let Some((key, key_span)) = pending_key.take() {
                    entries.push(Entry {
                        key,
                        key_span,
                        value: node,
                    });
                }
            }
        }
    }

    /// Keys from the root to the innermost open mapping, for reporting duplicates.
    fn path(&self) -> Vec<String> {
        let mut path = Vec::new();
        let depth = self.stack.len();
        for (i, frame) in self.stack.iter().enumerate() {
            if i + 1 == depth {
                break;
            }
            match frame {
                Frame::Seq { items, .. } => path.push(items.len().to_string()),
                Frame::Map { pending_key, .. } => path.push(
                    pending_key
                        .as_ref()
                        .map_or(String::new(), |(k, _)| k.to_string()),
                ),
            }
        }
        path
    }
}

fn subtree_size(node: &Node) -> usize {
    let mut count = 0;
    let mut todo = vec![node];
    while let Some(n) = todo.pop() {
        count += 1;
        match &n.value {
            Value::Array(items) => todo.extend(items),
            Value::Object(obj) => todo.extend(obj.entries().iter().map(|e| &e.value)),
            _ => {}
        }
    }
    count
}

fn scalar_text(node: &Node) -> Option<String> {
    match &node.value {
        Value::Null => Some("null".into()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.raw().to_string()),
        Value::String(s) => Some(s.to_string()),
        _ => None,
    }
}

/// The YAML 1.2 core schema: only plain scalars are typed, and `yes`, `on`
/// or `012`-as-octal are YAML 1.1 habits that stay strings (or decimal).
fn type_scalar(value: &str, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    if let Some(tag) = tag {
        if tag.suffix == "str" {
            return Value::String(value.into());
        }
    }
    if style != ScalarStyle::Plain {
        return Value::String(value.into());
    }
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    match number(value) {
        Some(raw) => Value::Number(Number::new(raw)),
        None => Value::String(value.into()),
    }
}

/// A plain scalar's number in JSON spelling, if it is one.
fn number(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    if let Some(hex) = value.strip_prefix("0x") {
        return radix(hex, 16);
    }
    if let Some(oct) = value.strip_prefix("0o") {
        return radix(oct, 8);
    }
    let (sign, body) = match bytes.first()? {
        b'-' => ("-", &value[1..]),
        b'+' => ("", &value[1..]),
        _ => ("", value),
    };
    if body.is_empty() {
        return None;
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int)
        || !frac.is_none_or(digits)
        || (int.is_empty() && frac.is_none_or(str::is_empty))
    {
        return None;
    }
    if let Some(exp) = exponent {
        let exp_digits = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        if exp_digits.is_empty() || !digits(exp_digits) {
            return None;
        }
    }
    let int = int.trim_start_matches('0');
    let mut out = String::from(sign);
    out.push_str(if int.is_empty() { "0" } else { int });
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(if frac.is_empty() { "0" } else { frac });
    }
    if let Some(exp) = exponent {
        out.push('e');
        out.push_str(exp);
    }
    Some(out)
}

fn radix(digits: &str, base: u32) -> Option<String> {
    u128::from_str_radix(digits, base)
        .ok()
        .map(|v| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_schema_numbers() {
        assert_eq!(number("12").as_deref(), Some("12"));
        assert_eq!(number("012").as_deref(), Some("12"));
        assert_eq!(number("-0.5").as_deref(), Some("-0.5"));
        assert_eq!(number(".5").as_deref(), Some("0.5"));
        assert_eq!(number("1e3").as_deref(), Some("1e3"));
        assert_eq!(number("0x1F").as_deref(), Some("31"));
        assert_eq!(number("1.2.3"), None);
        assert_eq!(number("v1"), None);
        assert_eq!(number("-"), None);
        assert_eq!(number("."), None);
        assert_eq!(number("2024-01-01"), None);
    }

    #[test]
    fn yaml_1_1_words_stay_strings() {
        for word in ["yes", "no", "on", "off", "y"] {
            assert_eq!(
                type_scalar(word, ScalarStyle::Plain, None),
                Value::String(word.into())
            );
        }
    }

    #[test]
    fn char_offsets_become_byte_offsets() {
        let text = "é".repeat(100) + "x";
        let map = CharToByte::new(&text);
        assert_eq!(map.byte(&text, 100), 200);
        assert_eq!(map.byte(&text, 1), 2);
    }
}
