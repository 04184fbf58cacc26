//! A node as a plain `serde_json` value, for the JSON Schema validator.

use serde_json::Value as Json;

use super::{Node, Value};

/// A JSON value as written; numbers keep their text where JSON can.
pub fn to_json(node: &Node) -> Json {
    match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => serde_json::from_str::<Json>(n.raw())
            .ok()
            .filter(Json::is_number)
            .or_else(|| {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map(Json::Number)
            })
            .unwrap_or(Json::Null),
        Value::String(s) => Json::String(s.to_string()),
        Value::Array(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Object(o) => {
            Json::Object(o.iter().map(|(k, v)| (k.to_string(), to_json(v))).collect())
        }
    }
}
