//! `--format sarif`: SARIF 2.1.0, one rule entry per rule id that appears,
//! for code-scanning dashboards (GitHub, Azure DevOps, GitLab).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::rules::{Finding, Level, Place};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
    }
}

fn region(place: &Place) -> Value {
    let start = place.source.span_position(place.span);
    let end = place.source.position(place.span.end as usize);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line.max(start.line),
        "endColumn": if end.line > start.line || end.column > start.column { end.column } else { start.column + 1 },
    })
}

fn location(place: &Place, message: Option<&str>) -> Value {
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&place.source.name) },
            "region": region(place),
        },
        "logicalLocations": [{ "fullyQualifiedName": &*place.pointer, "kind": "member" }],
    });
    if let Some(text) = message {
        loc["message"] = json!({ "text": text });
    }
    loc
}

/// SARIF wants URI references; a relative path is one, with `\` and spaces escaped.
fn uri(name: &str) -> String {
    name.replace('\\', "/").replace(' ', "%20")
}

pub fn render(findings: &[Finding]) -> String {
    let mut rules: BTreeMap<&str, usize> = BTreeMap::new();
    for f in findings {
        let next = rules.len();
        rules.entry(f.rule.id).or_insert(next);
    }
    // Rule indices must follow the order of the `rules` array.
    let mut ordered: Vec<(&str, usize)> = rules.iter().map(|(k, v)| (*k, *v)).collect();
    ordered.sort_by_key(|(_, i)| *i);
    let rule_entries: Vec<Value> = ordered
        .iter()
        .filter_map(|(id, _)| crate::rules::find(id))
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.docs },
                "help": { "text": r.help.unwrap_or(r.summary) },
                "defaultConfiguration": { "level": level(r.level) },
                "properties": { "category": r.category.name() },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut related: Vec<Value> = f
                .related
                .iter()
                .map(|(p, m)| location(p, Some(m)))
                .collect();
            if let Some((Some(old), Some(_))) = &f.sides {
                related.push(location(old, Some("the same element in the old version")));
            }
            let mut result = json!({
                "ruleId": f.rule.id,
                "ruleIndex": rules.get(f.rule.id).copied().unwrap_or(0),
                "level": level(f.level),
                "message": { "text": f.message },
                "locations": [location(&f.place, None)],
            });
            if !related.is_empty() {
                for (i, r) in related.iter_mut().enumerate() {
                    r["id"] = json!(i);
                }
                result["relatedLocations"] = Value::Array(related);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "vapi-spec",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rule_entries,
            }},
            "results": results,
        }],
    });
    super::escape::json(serde_json::to_string_pretty(&log).unwrap_or_default())
}
