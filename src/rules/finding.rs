//! A finding: a rule's verdict at a place, ready for any report format.

use std::sync::Arc;

use crate::load::{pointer, SourceFile, Span};
use crate::model::{Loc, Workspace};

use super::catalogue::{Level, Rule};

/// A place in a file, with the span to underline.
#[derive(Clone, Debug)]
pub struct Place {
    pub source: Arc<SourceFile>,
    /// Shared: a change to a shared definition is one place seen by many
    /// operations, and each of their findings holds it.
    pub pointer: Arc<str>,
    pub span: Span,
}

impl Place {
    /// Locates `loc` in the workspace. A member is shown at its key; a
    /// pointer that does not exist (a missing member) at its nearest parent.
    pub fn locate(ws: &Workspace, loc: &Loc, span: Option<Span>) -> Place {
        let doc = ws.doc(loc.doc);
        let span = span.unwrap_or_else(|| {
            let (node, key) = pointer::nearest(&doc.root, &loc.pointer);
            key.unwrap_or_else(|| first_line(&doc.source.text, node.span))
        });
        Place {
            source: doc.source.clone(),
            pointer: loc.pointer.clone(),
            span,
        }
    }

    pub fn line_column(&self) -> (usize, usize) {
        let p = self.source.span_position(self.span);
        (p.line, p.column)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OperationRef {
    /// Upper case, as people write it: `GET`.
    pub method: Arc<str>,
    pub path: Arc<str>,
}

impl OperationRef {
    /// The operation `method` (as the model spells it, lower case) on `path`.
    pub fn new(method: &str, path: &str) -> OperationRef {
        OperationRef {
            method: method.to_ascii_uppercase().into(),
            path: path.into(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static Rule,
    pub level: Level,
    pub message: String,
    pub operation: Option<OperationRef>,
    pub place: Place,
    /// Other places that explain this one (the first duplicate, the use site).
    pub related: Vec<(Place, String)>,
    /// Diff findings: where the change is in each version (`None` for the
    /// side where the element does not exist).
    pub sides: Option<(Option<Place>, Option<Place>)>,
}

impl Finding {
    pub fn id(&self) -> &'static str {
        self.rule.id
    }
}

/// An array item or a whole document has no key to underline; its first line
/// says what it is without underlining a screenful.
fn first_line(text: &str, span: Span) -> Span {
    const MAX: usize = 80;
    let (start, end) = (span.start as usize, span.end as usize);
    let Some(slice) = text.get(start..end) else {
        return span;
    };
    // A minified document is one line: underline its beginning, not all of
    // it. Only the first MAX bytes are looked at, and the blanks after them
    // (they may end the line): never the rest of a node of megabytes.
    let mut upto = MAX.min(slice.len());
    while upto < slice.len() && slice.as_bytes()[upto].is_ascii_whitespace() {
        upto += 1;
    }
    if upto < slice.len() {
        // The line goes on past the blanks (or a character is cut): the
        // first MAX bytes are shown whatever the rest.
        upto = (upto + 4).min(slice.len());
    }
    while !slice.is_char_boundary(upto) {
        upto -= 1;
    }
    let head = &slice[..upto];
    let line = head.find('\n').map_or(head, |i| &head[..i]).trim_end();
    let mut len = line.len().min(MAX);
    while len > 0 && !line.is_char_boundary(len) {
        len -= 1;
    }
    Span::new(start, start + len.max(1).min(slice.len().max(1)))
}
