//! Strict JSON (RFC 8259) into a [`Node`] tree, via jsonc-parser's AST, which
//! keeps exact key and value ranges and every duplicate key.

use std::sync::Arc;

use jsonc_parser::ast;
use jsonc_parser::errors::ParseErrorKind;
use jsonc_parser::{CollectOptions, ParseOptions};

use super::error::{LoadError, LoadErrorKind};
use super::node::{Entry, Node, Number, Object, Span, Value};
use super::source_file::SourceFile;
use super::tree::{check_number, DuplicateKey, KeyTracker, MAX_DEPTH, TOO_DEEP};

fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

pub fn parse(source: &Arc<SourceFile>) -> Result<(Node, Vec<DuplicateKey>), LoadError> {
    let text: &str = &source.text;
    let parsed =
        jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &strict()).map_err(|e| {
            let range = e.range();
            let (message, label) = describe(e.kind());
            let kind = match e.kind() {
                ParseErrorKind::NestingDepthExceeded => LoadErrorKind::Limit,
                _ => LoadErrorKind::Syntax,
            };
            LoadError::at(
                kind,
                source,
                Span::new(
                    range.start,
                    range
                        .end
                        .max(range.start + 1)
                        .min(text.len().max(range.start)),
                ),
                format!("invalid JSON: {message}"),
                label,
            )
        })?;
    let Some(value) = parsed.value else {
        return Err(LoadError::at(
            LoadErrorKind::Syntax,
            source,
            Span::new(0, text.len()),
            "invalid JSON: the file holds no value",
            "nothing here",
        ));
    };
    let mut builder = Builder {
        source,
        duplicates: Vec::new(),
        path: Vec::new(),
    };
    let node = builder.convert(value)?;
    Ok((node, builder.duplicates))
}

fn describe(kind: &ParseErrorKind) -> (String, &'static str) {
    use ParseErrorKind as K;
    let label = match kind {
        K::NestingDepthExceeded => "nested too deeply",
        K::UnterminatedObject | K::UnterminatedArray => "never closed",
        K::TrailingCommasNotAllowed => "trailing comma",
        K::CommentsNotAllowed => "comment",
        K::String(_) => "bad string",
        K::ExpectedComma => "expected `,` here",
        K::ExpectedColonAfterObjectKey => "expected `:` here",
        _ => "here",
    };
    let message = match kind {
        K::NestingDepthExceeded => TOO_DEEP.to_string(),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    };
    (message, label)
}

struct Builder<'s> {
    source: &'s Arc<SourceFile>,
    duplicates: Vec<DuplicateKey>,
    path: Vec<String>,
}

impl Builder<'_> {
    fn convert(&mut self, value: ast::Value<'_>) -> Result<Node, LoadError> {
        let span = |r: jsonc_parser::common::Range| Span::new(r.start, r.end);
        let container = match &value {
            ast::Value::Array(a) => Some(a.range),
            ast::Value::Object(o) => Some(o.range),
            _ => None,
        };
        if let Some(range) = container.filter(|_| self.path.len() >= MAX_DEPTH) {
            return Err(LoadError::at(
                LoadErrorKind::Limit,
                self.source,
                Span::new(range.start, range.start + 1),
                format!("invalid JSON: {TOO_DEEP}"),
                "nested too deeply",
            ));
        }
        Ok(match value {
            ast::Value::NullKeyword(n) => Node::new(span(n.range), Value::Null),
            ast::Value::BooleanLit(b) => Node::new(span(b.range), Value::Bool(b.value)),
            ast::Value::StringLit(s) => Node::new(
                span(s.range),
                Value::String(s.value.into_owned().into_boxed_str()),
            ),
            ast::Value::NumberLit(n) => {
                let at = span(n.range);
                check_number(self.source, n.value, at)?;
                Node::new(at, Value::Number(Number::new(n.value)))
            }
            ast::Value::Array(a) => {
                let at = span(a.range);
                let mut items = Vec::with_capacity(a.elements.len());
                for (i, element) in a.elements.into_iter().enumerate() {
                    self.path.push(i.to_string());
                    items.push(self.convert(element)?);
                    self.path.pop();
                }
                Node::new(at, Value::Array(items))
            }
            ast::Value::Object(o) => {
                let at = span(o.range);
                let mut entries: Vec<Entry> = Vec::with_capacity(o.properties.len());
                let mut keys = KeyTracker::default();
                for prop in o.properties {
                    let (key, key_span) = match prop.name {
                        ast::ObjectPropName::String(s) => (s.value.into_owned(), span(s.range)),
                        ast::ObjectPropName::Word(w) => (w.value.to_string(), span(w.range)),
                    };
                    self.path.push(key);
                    let value = self.convert(prop.value)?;
                    let key = self.path.pop().unwrap_or_default();
                    if let Some(first) = keys.insert(&key, key_span) {
                        self.duplicates
                            .push(DuplicateKey::new(&self.path, &key, first, key_span));
                    }
                    entries.push(Entry {
                        key: key.into_boxed_str(),
                        key_span,
                        value,
                    });
                }
                Node::new(
                    at,
                    Value::Object(Object::from_entries(keys.keep_last(entries))),
                )
            }
        })
    }
}
