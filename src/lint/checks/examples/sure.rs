//! A quick first judge of an example against its converted schema, before
//! the real validator is compiled. It answers only what it is certain of
//! and says "not sure" for everything else (patterns, formats the validator
//! checks, keywords it does not know): an example it finds valid is valid
//! for the validator too, so it is not compiled for. Compiling the schemas
//! was most of a `lint` of a spec with large shared graphs (a quarter of
//! Vapi's), though nearly every example there matches.

use serde_json::{Map, Value as Json};

use super::schema_json;

mod values;
use values::{any_equal, count, equal, exact};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    Invalid,
    Unsure,
}

use Verdict::{Invalid, Unsure, Valid};

/// The size a length keyword limits, when `value` is of its kind:
/// characters of a string (code points, as the validator counts), items of
/// an array, members of an object.
fn size(key: &str, value: &Json) -> Option<usize> {
    match (key, value) {
        ("minLength" | "maxLength", Json::String(s)) => Some(s.chars().count()),
        ("minItems" | "maxItems", Json::Array(a)) => Some(a.len()),
        ("minProperties" | "maxProperties", Json::Object(o)) => Some(o.len()),
        _ => None,
    }
}

/// All of `verdicts` must hold; the first that fails stops the rest.
fn all(verdicts: impl IntoIterator<Item = Verdict>) -> Verdict {
    let mut out = Valid;
    for v in verdicts {
        match v {
            Invalid => return Invalid,
            Unsure => out = Unsure,
            Valid => {}
        }
    }
    out
}

fn when(certain: Option<bool>) -> Verdict {
    match certain {
        Some(true) => Valid,
        Some(false) => Invalid,
        None => Unsure,
    }
}

/// Keywords that assert nothing about an instance: descriptions and
/// OpenAPI's own annotations (`nullable` is already folded into the type).
const ANNOTATIONS: [&str; 14] = [
    "title",
    "description",
    "deprecated",
    "readOnly",
    "writeOnly",
    "nullable",
    "discriminator",
    "xml",
    "externalDocs",
    "$comment",
    "definitions",
    "$defs",
    "contentMediaType",
    "contentEncoding",
];

/// Formats the validator may check, in any draft: a string with one of
/// these is left to it. Others (`int32`, `binary`, …) it ignores.
const CHECKED_FORMATS: [&str; 19] = [
    "date",
    "date-time",
    "duration",
    "email",
    "hostname",
    "idn-email",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "iri",
    "iri-reference",
    "json-pointer",
    "regex",
    "relative-json-pointer",
    "time",
    "uri",
    "uri-reference",
    "uri-template",
    "uuid",
];

/// Schemas visited for one example before giving up.
const STEPS: usize = 100_000;
/// `$ref`s followed in a row without entering the instance.
const MAX_DEPTH: usize = 128;

pub struct Judge<'d> {
    defs: &'d [Json],
    /// Draft 4 (Swagger 2.0 and OpenAPI 3.0) rather than 2020-12 (3.1).
    draft4: bool,
    steps: usize,
}

impl<'d> Judge<'d> {
    pub fn new(defs: &'d [Json], draft4: bool) -> Judge<'d> {
        Judge {
            defs,
            draft4,
            steps: 0,
        }
    }

    /// `value` against definition `n`.
    pub fn definition(&mut self, n: usize, value: &Json) -> Verdict {
        self.steps = 0;
        match self.defs.get(n) {
            Some(schema) => self.schema(schema, value, 0),
            None => Unsure,
        }
    }

    fn schema(&mut self, schema: &Json, value: &Json, depth: usize) -> Verdict {
        self.steps += 1;
        if self.steps > STEPS || depth > MAX_DEPTH {
            return Unsure;
        }
        match schema {
            Json::Object(map) => self.object(map, value, depth),
            Json::Bool(b) if !self.draft4 => when(Some(*b)),
            _ => Unsure,
        }
    }

    fn object(&mut self, map: &Map<String, Json>, value: &Json, depth: usize) -> Verdict {
        if let Some(target) = map.get("$ref") {
            let n = target
                .as_str()
                .and_then(|t| t.strip_prefix(schema_json::URI))
                .and_then(|t| t.strip_prefix("#/d/"))
                .and_then(|t| t.parse::<usize>().ok());
            return match (n.and_then(|n| self.defs.get(n)), map.len()) {
                (Some(def), 1) => self.schema(def, value, depth + 1),
                _ => Unsure,
            };
        }
        all(map
            .iter()
            .map(|(key, arg)| self.keyword(map, key, arg, value, depth)))
    }

    fn keyword(
        &mut self,
        map: &Map<String, Json>,
        key: &str,
        arg: &Json,
        value: &Json,
        depth: usize,
    ) -> Verdict {
        if key.starts_with("x-") || ANNOTATIONS.contains(&key) {
            return Valid;
        }
        match key {
            "type" => self.type_keyword(arg, value),
            "enum" => match arg {
                Json::Array(options) => any_equal(options, value),
                _ => Unsure,
            },
            // Draft 4 has no `const`: it ignores the word.
            "const" if self.draft4 => Unsure,
            "const" => when(equal(arg, value)),
            "allOf" | "anyOf" | "oneOf" => {
                let Json::Array(branches) = arg else {
                    return Unsure;
                };
                let verdicts: Vec<Verdict> = branches
                    .iter()
                    .map(|b| self.schema(b, value, depth + 1))
                    .collect();
                let count = |v| verdicts.iter().filter(|&&x| x == v).count();
                match key {
                    "allOf" => all(verdicts.iter().copied()),
                    "anyOf" if count(Valid) > 0 => Valid,
                    "anyOf" if count(Unsure) == 0 => Invalid,
                    "oneOf" if count(Valid) > 1 => Invalid,
                    "oneOf" if count(Unsure) > 0 => Unsure,
                    "oneOf" => when(Some(count(Valid) == 1)),
                    _ => Unsure,
                }
            }
            "not" => match self.schema(arg, value, depth + 1) {
                Valid => Invalid,
                Invalid => Valid,
                Unsure => Unsure,
            },
            "format" => match (arg, value) {
                (Json::String(f), Json::String(_)) if CHECKED_FORMATS.contains(&f.as_str()) => {
                    Unsure
                }
                (Json::String(_), _) => Valid,
                _ => Unsure,
            },
            "pattern" | "multipleOf" => match (key, value) {
                ("pattern", Json::String(_)) | ("multipleOf", Json::Number(_)) => Unsure,
                _ => Valid,
            },
            "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties"
            | "maxProperties" => {
                let Some(limit) = count(arg) else {
                    return Unsure;
                };
                match size(key, value) {
                    Some(n) if key.starts_with("min") => when(Some(n >= limit)),
                    Some(n) => when(Some(n <= limit)),
                    // A limit of another kind of value.
                    None => Valid,
                }
            }
            "uniqueItems" => match (arg, value) {
                (Json::Bool(false), _) => Valid,
                (Json::Bool(true), Json::Array(a)) if a.len() <= 1 => Valid,
                (Json::Bool(true), Json::Array(_)) => Unsure,
                (Json::Bool(true), _) => Valid,
                _ => Unsure,
            },
            "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" => {
                self.bound(map, key, arg, value)
            }
            "required" => match (arg, value) {
                (Json::Array(names), Json::Object(o)) => all(names.iter().map(|n| match n {
                    Json::String(n) => when(Some(o.contains_key(n))),
                    _ => Unsure,
                })),
                (Json::Array(_), _) => Valid,
                _ => Unsure,
            },
            "properties" => match (arg, value) {
                (Json::Object(props), Json::Object(o)) => all(o
                    .iter()
                    .filter_map(|(name, v)| Some((props.get(name)?, v)))
                    .map(|(s, v)| self.schema(s, v, depth + 1))),
                (Json::Object(_), _) => Valid,
                _ => Unsure,
            },
            "additionalProperties" => {
                let Json::Object(o) = value else {
                    return Valid;
                };
                if map.contains_key("patternProperties") {
                    return Unsure;
                }
                let declared = map.get("properties").and_then(Json::as_object);
                all(o
                    .iter()
                    .filter(|(name, _)| !declared.is_some_and(|d| d.contains_key(*name)))
                    .map(|(_, v)| self.schema_or_bool(arg, v, depth + 1)))
            }
            "patternProperties" => match value {
                Json::Object(o) if !o.is_empty() => Unsure,
                _ => Valid,
            },
            "items" => match (arg, value) {
                (Json::Object(_), Json::Array(items)) if !map.contains_key("prefixItems") => {
                    all(items.iter().map(|v| self.schema(arg, v, depth + 1)))
                }
                (Json::Object(_), _) if !value.is_array() => Valid,
                _ => Unsure,
            },
            _ => Unsure,
        }
    }

    /// `additionalProperties` may be a boolean in every draft.
    fn schema_or_bool(&mut self, schema: &Json, value: &Json, depth: usize) -> Verdict {
        match schema {
            Json::Bool(b) => when(Some(*b)),
            _ => self.schema(schema, value, depth),
        }
    }

    fn type_keyword(&self, arg: &Json, value: &Json) -> Verdict {
        let one = |t: &Json| match t.as_str() {
            Some(t) => self.is_type(t, value),
            None => Unsure,
        };
        match arg {
            Json::String(_) => one(arg),
            Json::Array(types) => {
                let verdicts: Vec<Verdict> = types.iter().map(one).collect();
                if verdicts.contains(&Valid) {
                    Valid
                } else if verdicts.contains(&Unsure) {
                    Unsure
                } else {
                    Invalid
                }
            }
            _ => Unsure,
        }
    }

    fn is_type(&self, t: &str, value: &Json) -> Verdict {
        let certain = match (t, value) {
            ("null", Json::Null)
            | ("boolean", Json::Bool(_))
            | ("string", Json::String(_))
            | ("array", Json::Array(_))
            | ("object", Json::Object(_))
            | ("number", Json::Number(_)) => true,
            ("integer", Json::Number(n)) => {
                if n.is_i64() || n.is_u64() {
                    true
                } else if n.as_f64().is_some_and(|f| f.fract() != 0.0) {
                    false
                } else {
                    // `1.0`: an integer for 2020-12, not for Draft 4.
                    return Unsure;
                }
            }
            ("null" | "boolean" | "string" | "array" | "object" | "number" | "integer", _) => false,
            _ => return Unsure,
        };
        when(Some(certain))
    }

    fn bound(&self, map: &Map<String, Json>, key: &str, arg: &Json, value: &Json) -> Verdict {
        let Json::Number(n) = value else {
            return if arg.is_number() || (self.draft4 && arg.is_boolean()) {
                Valid
            } else {
                Unsure
            };
        };
        let (Some(x), Some(limit)) = (exact(n), arg.as_number().and_then(exact)) else {
            // A Draft 4 `exclusiveMinimum: true` is read with `minimum`.
            return if self.draft4 && key.starts_with("exclusive") && arg.is_boolean() {
                Valid
            } else {
                Unsure
            };
        };
        if self.draft4 && key.starts_with("exclusive") {
            // A number here is Draft 6's form, which Draft 4 does not know.
            return Unsure;
        }
        let exclusive = match key {
            "minimum" | "maximum" if self.draft4 => {
                let flag = if key == "minimum" {
                    "exclusiveMinimum"
                } else {
                    "exclusiveMaximum"
                };
                match map.get(flag) {
                    None | Some(Json::Bool(false)) => false,
                    Some(Json::Bool(true)) => true,
                    Some(_) => return Unsure,
                }
            }
            "minimum" | "maximum" => false,
            _ => true,
        };
        let ok = match (key.ends_with("inimum"), exclusive) {
            (true, false) => x >= limit,
            (true, true) => x > limit,
            (false, false) => x <= limit,
            (false, true) => x < limit,
        };
        when(Some(ok))
    }
}

#[cfg(test)]
mod tests;
