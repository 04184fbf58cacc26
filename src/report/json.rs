//! `--format json`: the object CONTRACT.md describes, and nothing else.

use serde::Serialize;

use crate::rules::{Finding, OperationRef, Place};

#[derive(Serialize)]
struct Output<'a> {
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    id: &'a str,
    level: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    operation: Option<JsonOperation<'a>>,
    file: &'a str,
    pointer: &'a str,
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonPlace<'a>>,
}

#[derive(Serialize)]
struct JsonOperation<'a> {
    method: &'a str,
    path: &'a str,
}

/// A related place: where, and what it is.
#[derive(Serialize)]
struct JsonPlace<'a> {
    #[serde(flatten)]
    at: JsonSide<'a>,
    message: &'a str,
}

fn place<'a>(p: &'a Place, message: &'a str) -> JsonPlace<'a> {
    JsonPlace {
        at: side(p),
        message,
    }
}

#[derive(Serialize)]
struct DiffOutput<'a> {
    findings: Vec<DiffFinding<'a>>,
}

#[derive(Serialize)]
struct DiffFinding<'a> {
    id: &'a str,
    level: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    operation: Option<JsonOperation<'a>>,
    old: Option<JsonSide<'a>>,
    new: Option<JsonSide<'a>>,
}

#[derive(Serialize)]
struct JsonSide<'a> {
    file: &'a str,
    pointer: &'a str,
    line: usize,
    column: usize,
}

fn side(p: &Place) -> JsonSide<'_> {
    let (line, column) = p.line_column();
    JsonSide {
        file: &p.source.name,
        pointer: &p.pointer,
        line,
        column,
    }
}

pub fn diff(findings: &[Finding]) -> String {
    let out = DiffOutput {
        findings: findings
            .iter()
            .map(|f| {
                let (old, new) = f
                    .sides
                    .as_ref()
                    .map_or((None, None), |(o, n)| (o.as_ref(), n.as_ref()));
                DiffFinding {
                    id: f.rule.id,
                    level: f.level.name(),
                    message: &f.message,
                    operation: f.operation.as_ref().map(json_operation),
                    old: old.map(side),
                    new: new.map(side),
                }
            })
            .collect(),
    };
    super::escape::json(
        serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{\"findings\":[]}".to_string()),
    )
}

pub fn lint(findings: &[Finding]) -> String {
    let out = Output {
        findings: findings
            .iter()
            .map(|f| {
                let (line, column) = f.place.line_column();
                JsonFinding {
                    id: f.rule.id,
                    level: f.level.name(),
                    message: &f.message,
                    operation: f.operation.as_ref().map(json_operation),
                    file: &f.place.source.name,
                    pointer: &f.place.pointer,
                    line,
                    column,
                    related: f.related.iter().map(|(p, m)| place(p, m)).collect(),
                }
            })
            .collect(),
    };
    // Serializing plain structs of strings and numbers cannot fail.
    super::escape::json(
        serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{\"findings\":[]}".to_string()),
    )
}

fn json_operation(o: &OperationRef) -> JsonOperation<'_> {
    JsonOperation {
        method: &o.method,
        path: &o.path,
    }
}
