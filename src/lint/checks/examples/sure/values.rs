//! JSON values as the validator compares them, where the answer is certain.

use serde_json::Value as Json;

use super::Verdict::{self, Invalid, Unsure, Valid};

/// A number as an `f64` when that is exact: integers up to 2^53, and any
/// float (compared as floats, as the validator does).
pub(super) fn exact(n: &serde_json::Number) -> Option<f64> {
    const SAFE: u64 = 1 << 53;
    if let Some(u) = n.as_u64() {
        return (u <= SAFE).then_some(u as f64);
    }
    if let Some(i) = n.as_i64() {
        return (i.unsigned_abs() <= SAFE).then_some(i as f64);
    }
    n.as_f64().filter(|f| f.is_finite())
}

/// A length limit.
pub(super) fn count(arg: &Json) -> Option<usize> {
    arg.as_u64().and_then(|n| usize::try_from(n).ok())
}

pub(super) fn any_equal(options: &[Json], value: &Json) -> Verdict {
    let mut out = Invalid;
    for o in options {
        match equal(o, value) {
            Some(true) => return Valid,
            None => out = Unsure,
            Some(false) => {}
        }
    }
    out
}

/// JSON equality as the validator sees it, where certain: numbers that are
/// both integers or both floats compare exactly; `1` against `1.0` is left
/// open.
pub(super) fn equal(a: &Json, b: &Json) -> Option<bool> {
    match (a, b) {
        (Json::Null, Json::Null) => Some(true),
        (Json::Bool(x), Json::Bool(y)) => Some(x == y),
        (Json::String(x), Json::String(y)) => Some(x == y),
        (Json::Number(x), Json::Number(y)) => {
            let int = |n: &serde_json::Number| n.is_i64() || n.is_u64();
            match (int(x), int(y)) {
                (true, true) => Some(x == y),
                (false, false) => Some(x.as_f64() == y.as_f64()),
                _ => {
                    let float = if int(x) { y } else { x };
                    if float.as_f64().is_some_and(|f| f.fract() != 0.0) {
                        Some(false)
                    } else {
                        None
                    }
                }
            }
        }
        (Json::Array(x), Json::Array(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            let mut out = Some(true);
            for (p, q) in x.iter().zip(y) {
                match equal(p, q) {
                    Some(false) => return Some(false),
                    None => out = None,
                    Some(true) => {}
                }
            }
            out
        }
        (Json::Object(x), Json::Object(y)) => {
            if x.len() != y.len() || x.keys().any(|k| !y.contains_key(k)) {
                return Some(false);
            }
            let mut out = Some(true);
            for (k, p) in x {
                match y.get(k).and_then(|q| equal(p, q)) {
                    Some(false) => return Some(false),
                    None => out = None,
                    Some(true) => {}
                }
            }
            out
        }
        _ => Some(false),
    }
}
