//! What a check reports: a rule id, a place and the words to fill its message.

use crate::load::Span;
use crate::model::{Loc, Operation};
use crate::rule_id::RuleId;

/// The rule a hit belongs to: a built-in one, or one of the project's own
/// (by the id its configuration gives it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleRef {
    Builtin(RuleId),
    Custom(&'static str),
}

#[derive(Clone, Debug)]
pub struct Hit {
    pub rule: RuleRef,
    pub loc: Loc,
    /// A span to underline instead of the one the pointer leads to.
    pub span: Option<Span>,
    pub args: Vec<(&'static str, String)>,
    /// (method, path) of the operation the hit belongs to.
    pub operation: Option<(&'static str, String)>,
    pub related: Vec<(Loc, Option<Span>, String)>,
}

impl Hit {
    pub fn new(rule: RuleId, loc: Loc) -> Hit {
        Hit::of(RuleRef::Builtin(rule), loc)
    }

    /// A hit of one of the project's custom rules.
    pub fn custom(id: &'static str, loc: Loc) -> Hit {
        Hit::of(RuleRef::Custom(id), loc)
    }

    fn of(rule: RuleRef, loc: Loc) -> Hit {
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
