//! `custom-rules:` in `.vapi-spec.yaml`: rules a project writes itself, read
//! into the lint stage's checks and into catalogue entries that give their
//! findings a level, a message and docs like any built-in rule.

use std::sync::Arc;

use crate::lint::custom::{Assertion, CustomRule, DefinitionError, Field, Selector, Then};
use crate::load::{LoadError, LoadErrorKind, Node, SourceFile, Span, Value};
use crate::model::Version;

use super::catalogue::{Category, Level, Rule};

/// A custom rule: the check the linter runs and the entry findings refer to.
pub struct Custom {
    pub check: CustomRule,
    pub rule: &'static Rule,
}

impl std::fmt::Debug for Custom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Custom").field("id", &self.rule.id).finish()
    }
}

const RULE_KEYS: [&str; 8] = [
    "description",
    "message",
    "level",
    "formats",
    "given",
    "then",
    "docs",
    "recommended",
];

fn error(source: &Arc<SourceFile>, span: Span, message: impl Into<String>) -> LoadError {
    LoadError::at(LoadErrorKind::Invalid, source, span, message, "here")
}

fn from_definition(source: &Arc<SourceFile>, e: DefinitionError) -> LoadError {
    error(source, e.span, e.message)
}

/// Findings refer to their rule as `&'static Rule`, like the built-in ones
/// compiled from `rules/`. A custom rule is read once per run and lives as
/// long as the process, so its entry is leaked on purpose.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn text<'n>(source: &Arc<SourceFile>, node: &'n Node, what: &str) -> Result<&'n str, LoadError> {
    node.as_str()
        .ok_or_else(|| error(source, node.span, format!("{what} must be text")))
}

/// `given` and `then` take one item or a list of them.
fn one_or_many(node: &Node) -> Vec<&Node> {
    match &node.value {
        Value::Array(items) => items.iter().collect(),
        _ => vec![node],
    }
}

/// Reads the `custom-rules` mapping of rule id to definition.
pub fn parse(source: &Arc<SourceFile>, node: &Node) -> Result<Vec<Custom>, LoadError> {
    let map = node.as_object().ok_or_else(|| {
        error(
            source,
            node.span,
            "custom-rules must be a mapping of rule id to rule",
        )
    })?;
    let mut out = Vec::new();
    for e in map.entries() {
        if super::find(&e.key).is_some() {
            return Err(error(
                source,
                e.key_span,
                format!(
                    "`{}` is a built-in rule; give the custom rule another id",
                    e.key
                ),
            ));
        }
        if e.key.is_empty() || e.key.chars().any(char::is_whitespace) {
            return Err(error(
                source,
                e.key_span,
                "a rule id is one word, such as `operation-summary-capitalized`",
            ));
        }
        out.push(one(source, &e.key, &e.value)?);
    }
    Ok(out)
}

fn one(source: &Arc<SourceFile>, id: &str, node: &Node) -> Result<Custom, LoadError> {
    let obj = node.as_object().ok_or_else(|| {
        error(
            source,
            node.span,
            format!("custom rule `{id}` must be a mapping with `given` and `then`"),
        )
    })?;
    for e in obj.entries() {
        if &*e.key == "severity" {
            return Err(error(
                source,
                e.key_span,
                "write `level: error | warning | info` instead of Spectral's `severity`",
            ));
        }
        if !RULE_KEYS.contains(&&*e.key) {
            return Err(error(
                source,
                e.key_span,
                format!(
                    "unknown key `{}` in custom rule `{id}`; expected one of: {}",
                    e.key,
                    RULE_KEYS.join(", ")
                ),
            ));
        }
    }
    let given_node = obj.get("given").ok_or_else(|| {
        error(
            source,
            node.span,
            format!("custom rule `{id}` needs `given`"),
        )
    })?;
    let mut given = Vec::new();
    for g in one_or_many(given_node) {
        let t = text(source, g, "`given`")?;
        given.push(Selector::parse(t).map_err(|m| error(source, g.span, m))?);
    }
    let then_node = obj.get("then").ok_or_else(|| {
        error(
            source,
            node.span,
            format!("custom rule `{id}` needs `then`"),
        )
    })?;
    let mut then = Vec::new();
    for t in one_or_many(then_node) {
        let tobj = t.as_object().ok_or_else(|| {
            error(
                source,
                t.span,
                "`then` is a mapping with `function` (and `field`)",
            )
        })?;
        if let Some(e) = tobj
            .entries()
            .iter()
            .find(|e| !["field", "function", "functionOptions"].contains(&&*e.key))
        {
            return Err(error(
                source,
                e.key_span,
                format!(
                    "unknown key `{}` in `then`; expected field, function, functionOptions",
                    e.key
                ),
            ));
        }
        let function = tobj
            .get("function")
            .ok_or_else(|| error(source, t.span, "`then` needs `function`"))?;
        let assertion = Assertion::parse(function, tobj.get("functionOptions"))
            .map_err(|e| from_definition(source, e))?;
        let field = match tobj.get("field") {
            Some(f) => Field::parse(text(source, f, "`field`")?),
            None => Field::Whole,
        };
        then.push(Then { field, assertion });
    }
    let level = match obj.get("level") {
        None => Level::Warning,
        Some(n) => {
            let t = text(source, n, "`level`")?;
            Level::parse(t).ok_or_else(|| {
                error(
                    source,
                    n.span,
                    format!("`{t}` is not a level; use error, warning or info"),
                )
            })?
        }
    };
    let mut versions = Vec::new();
    if let Some(f) = obj.get("formats") {
        let items = f.as_array().ok_or_else(|| {
            error(
                source,
                f.span,
                "`formats` is a list such as [\"3.0\", \"3.1\"]",
            )
        })?;
        for item in items {
            let t = text(source, item, "a format")?;
            versions.extend(match t {
                "2.0" | "oas2" => vec![Version::Swagger2],
                "3.0" | "oas3_0" => vec![Version::OpenApi30],
                "3.1" | "oas3_1" => vec![Version::OpenApi31],
                "oas3" => vec![Version::OpenApi30, Version::OpenApi31],
                _ => {
                    return Err(error(
                        source,
                        item.span,
                        format!("`{t}` is not a format; use 2.0, 3.0 or 3.1"),
                    ))
                }
            });
        }
    }
    // Spectral's meaning: a rule that is not recommended runs only when the
    // configuration's `rules:` gives it a level.
    let recommended = match obj.get("recommended") {
        None => true,
        Some(n) => n
            .as_bool()
            .ok_or_else(|| error(source, n.span, "`recommended` is true or false"))?,
    };
    let summary = match obj.get("description") {
        Some(n) => text(source, n, "`description`")?.to_string(),
        None => format!("Custom rule {id}"),
    };
    // Spectral writes `{{error}}`; one pair of braces is ours.
    let message = match obj.get("message") {
        Some(n) => text(source, n, "`message`")?
            .replace("{{", "{")
            .replace("}}", "}"),
        None => "{error}".to_string(),
    };
    let docs = match obj.get("docs") {
        Some(n) => text(source, n, "`docs`")?.to_string(),
        None => format!(
            "Defined in {} by the project, not built into vapi-spec.",
            source.name
        ),
    };
    let id: &'static str = leak(id.to_string());
    let rule: &'static Rule = Box::leak(Box::new(Rule {
        id,
        file: leak(source.name.clone()),
        category: Category::Custom,
        level,
        summary: leak(summary),
        message: leak(message),
        docs: leak(docs),
        help: None,
        formats: Box::leak(
            versions
                .iter()
                .map(|v| super::format_of(*v))
                .collect::<Vec<_>>()
                .into_boxed_slice(),
        ),
        recommended,
        direction: None,
        bump: None,
        examples: &[],
    }));
    Ok(Custom {
        check: CustomRule {
            id,
            given,
            then,
            versions,
            span: node.span,
        },
        rule,
    })
}
