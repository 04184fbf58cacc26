//! What a check reports: a rule id, a place and the words to fill its message.

use crate::load::Span;
use crate::model::{Loc, Operation};

#[derive(Clone, Debug)]
pub struct Hit {
    pub rule: &'static str,
    pub loc: Loc,
    /// A span to underline instead of the one the pointer leads to.
    pub span: Option<Span>,
    pub args: Vec<(&'static str, String)>,
    /// (method, path) of the operation the hit belongs to.
    pub operation: Option<(&'static str, String)>,
    pub related: Vec<(Loc, Option<Span>, String)>,
}

impl Hit {
    pub fn new(rule: &'static str, loc: Loc) -> Hit {
        Hit {
            rule,
            loc,
            span: None,
            args: Vec::new(),
            operation: None,
            related: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Hit {
        self.args.push((name, value.into()));
        self
    }

    pub fn span(mut self, span: Span) -> Hit {
        self.span = Some(span);
        self
    }

    pub fn operation(mut self, op: &Operation<'_>) -> Hit {
        self.operation = Some((op.method, op.path.to_string()));
        self.args.push(("operation", op.label()));
        self
    }

    pub fn related(mut self, loc: Loc, span: Option<Span>, label: impl Into<String>) -> Hit {
        self.related.push((loc, span, label.into()));
        self
    }
}
