//! A loaded text and its name, shared by everything that points into it.

use std::sync::{Arc, OnceLock};

use super::lines::{LineIndex, Position};
use super::node::Span;

#[derive(Debug)]
pub struct SourceFile {
    /// What the user calls it: the path as given, `REV:path`, a URL, or `<stdin>`.
    pub name: String,
    pub text: Arc<str>,
    lines: OnceLock<LineIndex>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
            lines: OnceLock::new(),
        }
    }

    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines().position(&self.text, offset)
    }

    pub fn span_position(&self, span: Span) -> Position {
        self.position(span.start as usize)
    }
}
