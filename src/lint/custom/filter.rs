//! JSONPath filters of the simplest kind, the ones Spectral rulesets use most:
//! `[?(@.in == 'query')]`, `[?(@.deprecated)]`, `[?(!@.tags)]` and
//! `[?(@property != 'parameters')]`.

use crate::load::{Node, Value};

#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Text(String),
    Number(f64),
    Bool(bool),
    Null,
}

#[derive(Clone, Debug, PartialEq)]
enum Subject {
    /// `@.a.b`: a member of the candidate.
    Member(Vec<String>),
    /// `@property`: the candidate's key in its parent.
    Property,
}

#[derive(Clone, Debug, PartialEq)]
enum Test {
    /// `@.a` is there and truthy; `!@.a` negates it.
    Truthy {
        negate: bool,
    },
    Equals {
        literal: Literal,
        negate: bool,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Filter {
    subject: Subject,
    test: Test,
}

impl Filter {
    /// Reads the inside of `[?( … )]`.
    pub fn parse(expr: &str) -> Result<Filter, String> {
        let unsupported = || {
            format!(
                "filter `{expr}` is not one vapi-spec reads: use `@.field`, `!@.field`, or `@.field == 'value'` (also `!=`, and `@property` for the key)"
            )
        };
        let expr = expr.trim();
        for op in ["===", "!==", "==", "!="] {
            if let Some((left, right)) = expr.split_once(op) {
                let subject = subject(left.trim()).ok_or_else(unsupported)?;
                let literal = literal(right.trim()).ok_or_else(unsupported)?;
                return Ok(Filter {
                    subject,
                    test: Test::Equals {
                        literal,
                        negate: op.starts_with('!'),
                    },
                });
            }
        }
        let (negate, rest) = match expr.strip_prefix('!') {
            Some(rest) => (true, rest.trim()),
            None => (false, expr),
        };
        let subject = subject(rest).ok_or_else(unsupported)?;
        Ok(Filter {
            subject,
            test: Test::Truthy { negate },
        })
    }

    /// Whether the candidate `node`, held under `key`, passes.
    pub fn matches(&self, key: &str, node: &Node) -> bool {
        let value: Option<Literal> = match &self.subject {
            Subject::Property => Some(Literal::Text(key.to_string())),
            Subject::Member(path) => {
                let mut at = Some(node);
                for part in path {
                    at = at.and_then(|n| n.get(part));
                }
                at.map(as_literal)
            }
        };
        match &self.test {
            Test::Truthy { negate } => {
                let truthy = match &value {
                    None | Some(Literal::Null) | Some(Literal::Bool(false)) => false,
                    Some(Literal::Text(t)) => !t.is_empty(),
                    Some(Literal::Number(n)) => *n != 0.0,
                    Some(Literal::Bool(true)) => true,
                };
                truthy != *negate
            }
            Test::Equals { literal, negate } => (value.as_ref() == Some(literal)) != *negate,
        }
    }
}

fn subject(text: &str) -> Option<Subject> {
    if text == "@property" || text == "@key" {
        return Some(Subject::Property);
    }
    let path = text.strip_prefix("@.")?;
    let parts: Vec<String> = path.split('.').map(str::to_string).collect();
    parts
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || "_-$".contains(c)))
        .then_some(Subject::Member(parts))
}

fn literal(text: &str) -> Option<Literal> {
    match text {
        "true" => return Some(Literal::Bool(true)),
        "false" => return Some(Literal::Bool(false)),
        "null" => return Some(Literal::Null),
        _ => {}
    }
    for q in ['\'', '"'] {
        if let Some(inner) = text.strip_prefix(q).and_then(|t| t.strip_suffix(q)) {
            return Some(Literal::Text(inner.to_string()));
        }
    }
    text.parse::<f64>().ok().map(Literal::Number)
}

/// A scalar as a literal; a list or a mapping matches only truthiness.
fn as_literal(node: &Node) -> Literal {
    match &node.value {
        Value::Null => Literal::Null,
        Value::Bool(b) => Literal::Bool(*b),
        Value::Number(n) => Literal::Number(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => Literal::Text(s.to_string()),
        // Compared with nothing, but truthy as JavaScript has it.
        Value::Array(_) | Value::Object(_) => Literal::Bool(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_and_reject() {
        assert!(Filter::parse("@.in == 'query'").is_ok());
        assert!(Filter::parse("@.in === \"query\"").is_ok());
        assert!(Filter::parse("!@.tags").is_ok());
        assert!(Filter::parse("@property != 'parameters'").is_ok());
        assert!(Filter::parse("@.required == true").is_ok());
        assert!(Filter::parse("@.a && @.b").is_err());
        assert!(Filter::parse("@.name.match(/x/)").is_err());
    }
}
