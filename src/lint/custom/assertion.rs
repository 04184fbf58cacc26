//! What a custom rule asserts about a value (`then.function`), with the
//! function names and options Spectral uses, so that its rules translate
//! almost word for word.

use jsonschema::Validator;
use regex::Regex;

use crate::load::{Node, Span, Value};

/// A mistake in a rule's definition, at the place in the config file.
#[derive(Debug)]
pub struct DefinitionError {
    pub span: Span,
    pub message: String,
}

fn bad(span: Span, message: impl Into<String>) -> DefinitionError {
    DefinitionError {
        span,
        message: message.into(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    Flat,
    Camel,
    Pascal,
    Kebab,
    Cobol,
    Snake,
    Macro,
}

const CASES: [(&str, Case); 7] = [
    ("flat", Case::Flat),
    ("camel", Case::Camel),
    ("pascal", Case::Pascal),
    ("kebab", Case::Kebab),
    ("cobol", Case::Cobol),
    ("snake", Case::Snake),
    ("macro", Case::Macro),
];

pub enum Assertion {
    Defined,
    Undefined,
    Truthy,
    Falsy,
    Pattern {
        matches: Option<Regex>,
        not_matches: Option<Regex>,
    },
    Casing {
        case: Case,
        disallow_digits: bool,
    },
    Enumeration(Vec<Node>),
    Length {
        min: Option<f64>,
        max: Option<f64>,
    },
    Alphabetical {
        keyed_by: Option<String>,
    },
    Schema(Box<Validator>),
}

/// Every function name `then.function` accepts.
pub const FUNCTIONS: [&str; 10] = [
    "defined",
    "undefined",
    "truthy",
    "falsy",
    "pattern",
    "casing",
    "enumeration",
    "length",
    "alphabetical",
    "schema",
];

/// The value a rule looks at: a node, the name of the target (`@key`), or nothing.
pub enum Subject<'w> {
    Node(&'w Node),
    Key(&'w str),
    Missing,
}

impl Assertion {
    /// Reads `function` with its `functionOptions` (`options` may be absent).
    pub fn parse(function: &Node, options: Option<&Node>) -> Result<Assertion, DefinitionError> {
        let name = function
            .as_str()
            .ok_or_else(|| bad(function.span, "`function` must be a name"))?;
        let opt_span = options.map_or(function.span, |o| o.span);
        let allowed: &[&str] = match name {
            "pattern" => &["match", "notMatch"],
            "casing" => &["type", "disallowDigits"],
            "enumeration" => &["values"],
            "length" => &["min", "max"],
            "alphabetical" => &["keyedBy"],
            "schema" => &["schema"],
            _ => &[],
        };
        if let Some(obj) = options.and_then(Node::as_object) {
            if let Some(e) = obj.entries().iter().find(|e| !allowed.contains(&&*e.key)) {
                let expected = if allowed.is_empty() {
                    format!("`{name}` takes no options")
                } else {
                    format!("`{name}` takes {}", allowed.join(", "))
                };
                return Err(bad(
                    e.key_span,
                    format!("unknown option `{}`: {expected}", e.key),
                ));
            }
        } else if let Some(o) = options {
            return Err(bad(o.span, "`functionOptions` must be a mapping"));
        }
        let opt = |key: &str| options.and_then(|o| o.get(key));
        Ok(match name {
            "defined" => Assertion::Defined,
            "undefined" => Assertion::Undefined,
            "truthy" => Assertion::Truthy,
            "falsy" => Assertion::Falsy,
            "pattern" => {
                let matches = opt("match").map(compile_pattern).transpose()?;
                let not_matches = opt("notMatch").map(compile_pattern).transpose()?;
                if matches.is_none() && not_matches.is_none() {
                    return Err(bad(opt_span, "`pattern` needs `match` or `notMatch`"));
                }
                Assertion::Pattern {
                    matches,
                    not_matches,
                }
            }
            "casing" => {
                let t = opt("type").ok_or_else(|| bad(opt_span, "`casing` needs `type`"))?;
                let text = t.as_str().unwrap_or_default();
                let case = CASES
                    .iter()
                    .find(|(n, _)| *n == text)
                    .map(|(_, c)| *c)
                    .ok_or_else(|| {
                        let names: Vec<&str> = CASES.iter().map(|(n, _)| *n).collect();
                        bad(
                            t.span,
                            format!("casing `type` is one of {}", names.join(", ")),
                        )
                    })?;
                let disallow_digits = match opt("disallowDigits") {
                    None => false,
                    Some(n) => n
                        .as_bool()
                        .ok_or_else(|| bad(n.span, "`disallowDigits` is true or false"))?,
                };
                Assertion::Casing {
                    case,
                    disallow_digits,
                }
            }
            "enumeration" => {
                let values = opt("values")
                    .and_then(Node::as_array)
                    .ok_or_else(|| bad(opt_span, "`enumeration` needs `values`, a list"))?;
                Assertion::Enumeration(values.to_vec())
            }
            "length" => {
                let num = |key: &str| -> Result<Option<f64>, DefinitionError> {
                    opt(key)
                        .map(|n| {
                            n.as_f64()
                                .ok_or_else(|| bad(n.span, format!("`{key}` must be a number")))
                        })
                        .transpose()
                };
                let (min, max) = (num("min")?, num("max")?);
                if min.is_none() && max.is_none() {
                    return Err(bad(opt_span, "`length` needs `min` or `max`"));
                }
                Assertion::Length { min, max }
            }
            "alphabetical" => Assertion::Alphabetical {
                keyed_by: match opt("keyedBy") {
                    None => None,
                    Some(n) => Some(
                        n.as_str()
                            .ok_or_else(|| bad(n.span, "`keyedBy` must be a field name"))?
                            .to_string(),
                    ),
                },
            },
            "schema" => {
                let s = opt("schema").ok_or_else(|| bad(opt_span, "`schema` needs `schema`"))?;
                let json = crate::load::to_json(s);
                let validator = jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft202012)
                    .build(&json)
                    .map_err(|e| bad(s.span, format!("not a valid JSON Schema: {e}")))?;
                Assertion::Schema(Box::new(validator))
            }
            other => {
                return Err(bad(
                    function.span,
                    format!("no function `{other}`; use one of {}", FUNCTIONS.join(", ")),
                ))
            }
        })
    }

    /// `Err` says what is wrong with the value, called `what` (such as
    /// "`summary`"); `Ok` when it passes.
    pub fn check(&self, subject: &Subject<'_>, what: &str) -> Result<(), String> {
        let text = match subject {
            Subject::Node(n) => n.as_str(),
            Subject::Key(k) => Some(*k),
            Subject::Missing => None,
        };
        match self {
            Assertion::Defined => match subject {
                Subject::Missing => Err(format!("{what} is not defined")),
                _ => Ok(()),
            },
            Assertion::Undefined => match subject {
                Subject::Missing => Ok(()),
                _ => Err(format!("{what} must not be defined")),
            },
            Assertion::Truthy => {
                if truthy(subject) {
                    Ok(())
                } else {
                    Err(format!("{what} is missing, empty, false or zero"))
                }
            }
            Assertion::Falsy => {
                if truthy(subject) {
                    Err(format!("{what} must be absent, empty, false or zero"))
                } else {
                    Ok(())
                }
            }
            Assertion::Pattern {
                matches,
                not_matches,
            } => {
                let Some(text) = text else { return Ok(()) };
                if let Some(re) = matches.as_ref().filter(|re| !re.is_match(text)) {
                    return Err(format!(
                        "{what} \"{text}\" does not match /{}/",
                        re.as_str()
                    ));
                }
                if let Some(re) = not_matches.as_ref().filter(|re| re.is_match(text)) {
                    return Err(format!(
                        "{what} \"{text}\" must not match /{}/",
                        re.as_str()
                    ));
                }
                Ok(())
            }
            Assertion::Casing {
                case,
                disallow_digits,
            } => {
                let Some(text) = text else { return Ok(()) };
                if is_case(text, *case, *disallow_digits) {
                    Ok(())
                } else {
                    let name = CASES.iter().find(|(_, c)| c == case).map_or("", |(n, _)| n);
                    Err(format!("{what} \"{text}\" is not {name} case"))
                }
            }
            Assertion::Enumeration(values) => match subject {
                Subject::Node(n) if !values.iter().any(|v| v.same_value(n)) => Err(format!(
                    "{what} {} is not one of the allowed values",
                    short(n)
                )),
                Subject::Key(k) if !values.iter().any(|v| v.as_str() == Some(*k)) => {
                    Err(format!("{what} \"{k}\" is not one of the allowed values"))
                }
                _ => Ok(()),
            },
            Assertion::Length { min, max } => {
                let length = match subject {
                    Subject::Node(n) => match &n.value {
                        Value::String(s) => s.chars().count() as f64,
                        Value::Array(a) => a.len() as f64,
                        Value::Object(o) => o.len() as f64,
                        Value::Number(x) => x.as_f64().unwrap_or(0.0),
                        _ => return Ok(()),
                    },
                    Subject::Key(k) => k.chars().count() as f64,
                    Subject::Missing => return Ok(()),
                };
                if min.is_some_and(|m| length < m) {
                    return Err(format!(
                        "{what} has length {length}, under the minimum {}",
                        min.unwrap_or_default()
                    ));
                }
                if max.is_some_and(|m| length > m) {
                    return Err(format!(
                        "{what} has length {length}, over the maximum {}",
                        max.unwrap_or_default()
                    ));
                }
                Ok(())
            }
            Assertion::Alphabetical { keyed_by } => {
                let Subject::Node(n) = subject else {
                    return Ok(());
                };
                let names: Vec<String> = match &n.value {
                    Value::Object(o) => o.iter().map(|(k, _)| k.to_string()).collect(),
                    Value::Array(items) => items
                        .iter()
                        .filter_map(|i| match keyed_by {
                            Some(k) => i.get(k).map(plain_text),
                            None => Some(plain_text(i)),
                        })
                        .collect(),
                    _ => return Ok(()),
                };
                match names.windows(2).find(|w| w[0] > w[1]) {
                    Some(w) => Err(format!(
                        "{what} is not in alphabetical order: \"{}\" should come before \"{}\"",
                        w[1], w[0]
                    )),
                    None => Ok(()),
                }
            }
            Assertion::Schema(validator) => {
                let value = match subject {
                    Subject::Node(n) => crate::load::to_json(n),
                    Subject::Key(k) => serde_json::Value::String(k.to_string()),
                    Subject::Missing => return Ok(()),
                };
                match validator.validate(&value) {
                    Ok(()) => Ok(()),
                    Err(e) => Err(format!("{what} does not match the schema: {e}")),
                }
            }
        }
    }
}

/// JavaScript's truthiness, which Spectral's `truthy` and `falsy` follow.
fn truthy(subject: &Subject<'_>) -> bool {
    match subject {
        Subject::Missing => false,
        Subject::Key(k) => !k.is_empty(),
        Subject::Node(n) => match &n.value {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(x) => x.as_f64().is_some_and(|v| v != 0.0),
            Value::String(s) => !s.is_empty(),
            Value::Array(_) | Value::Object(_) => true,
        },
    }
}

fn plain_text(n: &Node) -> String {
    match &n.value {
        Value::String(s) => s.to_string(),
        Value::Number(x) => x.raw().to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

fn short(n: &Node) -> String {
    match &n.value {
        Value::String(s) => format!("\"{s}\""),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a mapping".into(),
        _ => plain_text(n),
    }
}

/// Reads a regular expression, also in Spectral's `/body/flags` spelling.
fn compile_pattern(node: &Node) -> Result<Regex, DefinitionError> {
    let text = node
        .as_str()
        .ok_or_else(|| bad(node.span, "a pattern must be text"))?;
    let source = match text.strip_prefix('/').and_then(|t| t.rsplit_once('/')) {
        Some((body, flags)) if flags.chars().all(|c| "imsux".contains(c)) => {
            if flags.is_empty() {
                body.to_string()
            } else {
                format!("(?{flags}){body}")
            }
        }
        _ => text.to_string(),
    };
    Regex::new(&source).map_err(|e| bad(node.span, format!("not a valid pattern: {e}")))
}

fn is_case(text: &str, case: Case, disallow_digits: bool) -> bool {
    if text.is_empty() || (disallow_digits && text.chars().any(|c| c.is_ascii_digit())) {
        return false;
    }
    let word = |w: &str, upper: bool| {
        !w.is_empty()
            && w.chars().all(|c| {
                c.is_ascii_digit() || (c.is_ascii_alphabetic() && c.is_ascii_uppercase() == upper)
            })
    };
    let lower_start = |s: &str| s.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    let upper_start = |s: &str| s.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    let alnum = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric());
    match case {
        Case::Flat => word(text, false) && lower_start(text),
        Case::Camel => lower_start(text) && alnum(text),
        Case::Pascal => upper_start(text) && alnum(text),
        Case::Kebab => lower_start(text) && text.split('-').all(|w| word(w, false)),
        Case::Cobol => upper_start(text) && text.split('-').all(|w| word(w, true)),
        Case::Snake => lower_start(text) && text.split('_').all(|w| word(w, false)),
        Case::Macro => upper_start(text) && text.split('_').all(|w| word(w, true)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casings() {
        assert!(is_case("petOwner2", Case::Camel, false));
        assert!(!is_case("petOwner2", Case::Camel, true));
        assert!(!is_case("PetOwner", Case::Camel, false));
        assert!(is_case("PetOwner", Case::Pascal, false));
        assert!(is_case("pet-owner", Case::Kebab, false));
        assert!(!is_case("pet--owner", Case::Kebab, false));
        assert!(!is_case("pet_owner", Case::Kebab, false));
        assert!(is_case("PET-OWNER", Case::Cobol, false));
        assert!(is_case("pet_owner", Case::Snake, false));
        assert!(is_case("PET_OWNER", Case::Macro, false));
        assert!(is_case("petowner", Case::Flat, false));
        assert!(!is_case("petOwner", Case::Flat, false));
    }

    #[test]
    fn patterns_in_slash_spelling_keep_their_flags() {
        let node = Node::new(Span::new(0, 0), Value::String("/^get/i".into()));
        let Ok(re) = compile_pattern(&node) else {
            panic!("did not compile")
        };
        assert!(re.is_match("GETPets"));
    }
}
