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
    changes: Vec<JsonChange<'a>>,
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
    change: &'a str,
}

/// Each edit once, with the operations it reaches.
#[derive(Serialize)]
struct JsonChange<'a> {
    key: &'a str,
    id: &'a str,
    level: &'a str,
    message: String,
    old: Option<JsonSide<'a>>,
    new: Option<JsonSide<'a>>,
    operations: Vec<JsonOperation<'a>>,
}

fn sides(f: &Finding) -> (Option<JsonSide<'_>>, Option<JsonSide<'_>>) {
    let (old, new) = f
        .sides
        .as_ref()
        .map_or((None, None), |(o, n)| (o.as_ref(), n.as_ref()));
    (old.map(side), new.map(side))
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

/// `roots`: the names of the old and the new root document, which change
/// keys leave out (see [`super::changes::key`]).
pub fn diff(findings: &[Finding], roots: (&str, &str)) -> String {
    let (changes, which) = super::changes::indexed(findings, roots);
    let out = DiffOutput {
        changes: changes
            .iter()
            .map(|c| {
                let (old, new) = sides(c.first);
                JsonChange {
                    key: &c.key,
                    id: c.first.rule.id,
                    level: c.first.level.name(),
                    message: c.message(),
                    old,
                    new,
                    operations: c.operations.iter().map(|o| json_operation(o)).collect(),
                }
            })
            .collect(),
        findings: findings
            .iter()
            .zip(&which)
            .map(|(f, &i)| {
                let (old, new) = sides(f);
                DiffFinding {
                    id: f.rule.id,
                    level: f.level.name(),
                    message: &f.message,
                    operation: f.operation.as_ref().map(json_operation),
                    old,
                    new,
                    change: &changes[i].key,
                }
            })
            .collect(),
    };
    // Sized once: a large diff is tens of megabytes, and growing the buffer
    // by doubling would copy it and fault in fresh pages again and again.
    let mut buf = Vec::with_capacity(findings.len() * 640 + 4096);
    if serde_json::to_writer_pretty(&mut buf, &out).is_err() {
        return "{\"findings\":[]}".to_string();
    }
    super::escape::json(String::from_utf8(buf).unwrap_or_else(|_| "{\"findings\":[]}".to_string()))
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
