//! Why a document could not be read, and where.

use std::sync::Arc;

use super::node::Span;
use super::source_file::SourceFile;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// The input could not be read at all (missing file, git or HTTP failure).
    Read,
    /// The bytes are not text we accept (empty, binary, not UTF-8).
    Encoding,
    /// JSON or YAML syntax error.
    Syntax,
    /// Valid syntax that we refuse to build: too deep, alias expansion too large,
    /// a number that overflows.
    Limit,
    /// Well-formed, but not what the file must hold (a wrong configuration key).
    Invalid,
}

#[derive(Clone, Debug)]
pub struct LoadError {
    pub kind: LoadErrorKind,
    pub message: String,
    /// The input's name when nothing of it could be read.
    pub name: String,
    /// The text, when there is one, so the error can be shown in context.
    pub source: Option<Arc<SourceFile>>,
    pub span: Option<Span>,
    pub label: Option<String>,
}

impl LoadError {
    pub fn read(name: &str, message: impl Into<String>) -> LoadError {
        LoadError {
            kind: LoadErrorKind::Read,
            message: message.into(),
            name: name.to_string(),
            source: None,
            span: None,
            label: None,
        }
    }

    pub fn at(
        kind: LoadErrorKind,
        source: &Arc<SourceFile>,
        span: Span,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> LoadError {
        LoadError {
            kind,
            message: message.into(),
            name: source.name.clone(),
            source: Some(source.clone()),
            span: Some(span),
            label: Some(label.into()),
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.source, self.span) {
            (Some(src), Some(span)) => {
                let pos = src.span_position(span);
                write!(
                    f,
                    "{}:{}:{}: {}",
                    self.name, pos.line, pos.column, self.message
                )
            }
            _ => write!(f, "{}: {}", self.name, self.message),
        }
    }
}

impl std::error::Error for LoadError {}
