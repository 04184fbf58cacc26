//! Strict JSON (RFC 8259) into a [`Node`] tree, read straight off
//! jsonc-parser's scanner: it keeps exact key and value ranges and every
//! duplicate key, and no intermediate tree is built and thrown away.

use std::borrow::Cow;
use std::sync::Arc;

use jsonc_parser::common::Range;
use jsonc_parser::errors::ParseErrorKind;
use jsonc_parser::tokens::Token;
use jsonc_parser::{Scanner, ScannerOptions};

use super::error::{LoadError, LoadErrorKind};
use super::node::{Entry, Node, Number, Span, Value};
use super::source_file::SourceFile;
use super::tree::{self, check_number, DuplicateKey, MAX_DEPTH, TOO_DEEP};

fn strict() -> ScannerOptions {
    ScannerOptions {
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
    let mut reader = Reader {
        scanner: Scanner::new(text, &strict()),
        source,
        duplicates: Vec::new(),
        path: Vec::new(),
    };
    let first = reader.next()?;
    let Some(token) = first else {
        return Err(LoadError::at(
            LoadErrorKind::Syntax,
            source,
            Span::new(0, text.len()),
            "invalid JSON: the file holds no value",
            "nothing here",
        ));
    };
    let node = reader.value(token)?;
    if reader.next()?.is_some() {
        return Err(reader.here(ParseErrorKind::MultipleRootJsonValues));
    }
    Ok((node, reader.duplicates))
}

/// A syntax error at `range`, worded from jsonc-parser's error kinds.
fn syntax(source: &Arc<SourceFile>, range: Range, kind: &ParseErrorKind) -> LoadError {
    let text: &str = &source.text;
    let (message, label) = describe(kind);
    let kind = match kind {
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

/// One step of the path from the root, for naming the object that holds a
/// repeated key. Array positions stay numbers until one is needed.
enum Step {
    Key(Box<str>),
    Index(usize),
}

struct Reader<'t, 's> {
    scanner: Scanner<'t>,
    source: &'s Arc<SourceFile>,
    duplicates: Vec<DuplicateKey>,
    path: Vec<Step>,
}

impl<'t> Reader<'t, '_> {
    /// The next token that is not a comment; strict JSON has none.
    fn next(&mut self) -> Result<Option<Token<'t>>, LoadError> {
        match self.scanner.scan() {
            Ok(Some(Token::CommentLine(_) | Token::CommentBlock(_))) => {
                Err(self.here(ParseErrorKind::CommentsNotAllowed))
            }
            Ok(token) => Ok(token),
            Err(e) => Err(syntax(self.source, e.range(), e.kind())),
        }
    }

    fn token_range(&self) -> Range {
        Range {
            start: self.scanner.token_start(),
            end: self.scanner.token_end(),
        }
    }

    /// An error at the current token (or, at the end, the next character).
    fn here(&self, kind: ParseErrorKind) -> LoadError {
        let mut range = self.token_range();
        if range.end <= range.start {
            let width = self.source.text[range.start..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            range.end = range.start + width;
        }
        syntax(self.source, range, &kind)
    }

    /// An error from `start` to the end of the current token.
    fn since(&self, start: usize, kind: ParseErrorKind) -> LoadError {
        let range = Range {
            start,
            end: self.scanner.token_end(),
        };
        syntax(self.source, range, &kind)
    }

    fn span(&self) -> Span {
        Span::new(self.scanner.token_start(), self.scanner.token_end())
    }

    /// The value that starts with `token`, the current one.
    fn value(&mut self, token: Token<'t>) -> Result<Node, LoadError> {
        let at = self.span();
        Ok(match token {
            Token::OpenBrace => return self.object(),
            Token::OpenBracket => return self.array(),
            Token::String(s) => Node::new(at, Value::String(owned(s))),
            Token::Boolean(b) => Node::new(at, Value::Bool(b)),
            Token::Null => Node::new(at, Value::Null),
            Token::Number(raw) => {
                check_number(self.source, raw, at)?;
                Node::new(at, Value::Number(Number::new(raw)))
            }
            Token::CloseBracket => return Err(self.here(ParseErrorKind::UnexpectedCloseBracket)),
            Token::CloseBrace => return Err(self.here(ParseErrorKind::UnexpectedCloseBrace)),
            Token::Comma => return Err(self.here(ParseErrorKind::UnexpectedComma)),
            Token::Colon => return Err(self.here(ParseErrorKind::UnexpectedColon)),
            Token::Word(_) | Token::CommentLine(_) | Token::CommentBlock(_) => {
                return Err(self.here(ParseErrorKind::UnexpectedWord))
            }
        })
    }

    fn deeper(&self, start: usize) -> Result<(), LoadError> {
        if self.path.len() < MAX_DEPTH {
            return Ok(());
        }
        Err(LoadError::at(
            LoadErrorKind::Limit,
            self.source,
            Span::new(start, start + 1),
            format!("invalid JSON: {TOO_DEEP}"),
            "nested too deeply",
        ))
    }

    /// The first token inside a container opened at `start`, or `None`
    /// when it closes at once.
    fn first(
        &mut self,
        start: usize,
        close: &Token<'_>,
        unterminated: ParseErrorKind,
    ) -> Result<Option<Token<'t>>, LoadError> {
        match self.next()? {
            None => Err(self.since(start, unterminated)),
            Some(t) if &t == close => Ok(None),
            Some(t) => Ok(Some(t)),
        }
    }

    /// After a member or an item: a comma (never before `close`), the
    /// closing token, or an error. Returns the token after the comma, or
    /// `None` when the container is closed.
    fn separator(
        &mut self,
        close: &Token<'_>,
        unterminated: ParseErrorKind,
        start: usize,
    ) -> Result<Option<Token<'t>>, LoadError> {
        let after_value = self.scanner.token_end();
        match self.next()? {
            Some(Token::Comma) => {
                let comma = self.token_range();
                match self.next()? {
                    Some(t) if &t == close => Err(syntax(
                        self.source,
                        comma,
                        &ParseErrorKind::TrailingCommasNotAllowed,
                    )),
                    Some(t) => Ok(Some(t)),
                    None => Err(self.since(start, unterminated)),
                }
            }
            Some(t) if &t == close => Ok(None),
            Some(t) => Err(self.stray(t, matches!(close, Token::CloseBrace), after_value)),
            None => Err(self.since(start, unterminated)),
        }
    }

    /// What a token that neither separates nor closes a container is told,
    /// as jsonc-parser words it: a missing comma before another value, or
    /// a token that cannot come next.
    fn stray(&self, token: Token<'_>, in_object: bool, after_value: usize) -> LoadError {
        let missing_comma = match token {
            Token::String(_) | Token::Number(_) | Token::Boolean(_) | Token::Null => true,
            Token::Word(_) => in_object,
            Token::OpenBrace | Token::OpenBracket => !in_object,
            _ => false,
        };
        if missing_comma {
            let at = Range {
                start: after_value,
                end: after_value,
            };
            return syntax(self.source, at, &ParseErrorKind::ExpectedComma);
        }
        self.here(match token {
            _ if in_object => ParseErrorKind::UnexpectedTokenInObject,
            Token::CloseBrace => ParseErrorKind::UnexpectedCloseBrace,
            Token::Colon => ParseErrorKind::UnexpectedColon,
            _ => ParseErrorKind::UnexpectedWord,
        })
    }

    fn array(&mut self) -> Result<Node, LoadError> {
        let start = self.scanner.token_start();
        self.deeper(start)?;
        let mut items = Vec::new();
        let mut token = self.first(
            start,
            &Token::CloseBracket,
            ParseErrorKind::UnterminatedArray,
        )?;
        while let Some(t) = token {
            self.path.push(Step::Index(items.len()));
            items.push(self.value(t)?);
            self.path.pop();
            token = self.separator(
                &Token::CloseBracket,
                ParseErrorKind::UnterminatedArray,
                start,
            )?;
        }
        let at = Span::new(start, self.scanner.token_end());
        Ok(Node::new(at, Value::Array(items)))
    }

    fn object(&mut self) -> Result<Node, LoadError> {
        let start = self.scanner.token_start();
        self.deeper(start)?;
        let mut entries: Vec<Entry> = Vec::new();
        let mut token = self.first(
            start,
            &Token::CloseBrace,
            ParseErrorKind::UnterminatedObject,
        )?;
        while let Some(t) = token {
            let key = match t {
                Token::String(s) => owned(s),
                Token::Word(_) | Token::Number(_) | Token::Boolean(_) | Token::Null => {
                    return Err(self.here(ParseErrorKind::ExpectedStringObjectProperty))
                }
                _ => return Err(self.here(ParseErrorKind::UnexpectedTokenInObject)),
            };
            let key_span = self.span();
            if !matches!(self.next()?, Some(Token::Colon)) {
                return Err(self.here(ParseErrorKind::ExpectedColonAfterObjectKey));
            }
            let Some(first) = self.next()? else {
                return Err(self.here(ParseErrorKind::ExpectedObjectValue));
            };
            self.path.push(Step::Key(key));
            let value = self.value(first)?;
            let key = match self.path.pop() {
                Some(Step::Key(key)) => key,
                _ => Box::from(""),
            };
            entries.push(Entry {
                key,
                key_span,
                value,
            });
            token = self.separator(
                &Token::CloseBrace,
                ParseErrorKind::UnterminatedObject,
                start,
            )?;
        }
        let at = Span::new(start, self.scanner.token_end());
        let path = &self.path;
        let duplicates = &mut self.duplicates;
        let object = tree::object(entries, |key, first, again| {
            duplicates.push(DuplicateKey::at(path.iter().map(step), key, first, again));
        });
        Ok(Node::new(at, Value::Object(object)))
    }
}

fn step(s: &Step) -> Cow<'_, str> {
    match s {
        Step::Key(k) => Cow::Borrowed(k),
        Step::Index(i) => Cow::Owned(i.to_string()),
    }
}

fn owned(s: Cow<'_, str>) -> Box<str> {
    match s {
        Cow::Borrowed(b) => Box::from(b),
        Cow::Owned(o) => o.into_boxed_str(),
    }
}
