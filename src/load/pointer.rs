//! RFC 6901 JSON pointers: building them while walking, and following them.

use super::node::{Node, Span, Value};

/// Appends one escaped reference token to `pointer`.
pub fn push(pointer: &mut String, token: &str) {
    pointer.push('/');
    // Almost no key needs escaping: copy it whole, and escape piece by
    // piece only from the first `~` or `/`.
    let mut rest = token;
    while let Some(i) = rest.bytes().position(|b| b == b'~' || b == b'/') {
        pointer.push_str(&rest[..i]);
        pointer.push_str(if rest.as_bytes()[i] == b'~' {
            "~0"
        } else {
            "~1"
        });
        rest = &rest[i + 1..];
    }
    pointer.push_str(rest);
}

/// Appends an array index as a reference token.
pub fn push_index(pointer: &mut String, index: usize) {
    use std::fmt::Write as _;
    let _ = write!(pointer, "/{index}");
}

pub fn join(base: &str, token: &str) -> String {
    // Each `~` or `/` takes two bytes escaped; paths are full of `/`, and
    // growing the string again costs more than counting them.
    let escapes = token.bytes().filter(|&b| b == b'~' || b == b'/').count();
    let mut out = String::with_capacity(base.len() + token.len() + escapes + 1);
    out.push_str(base);
    push(&mut out, token);
    out
}

pub fn join_index(base: &str, index: usize) -> String {
    let mut out = String::with_capacity(base.len() + 8);
    out.push_str(base);
    push_index(&mut out, index);
    out
}

/// Splits a pointer into unescaped tokens. `None` when it is not a pointer.
pub fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    Some(
        each_token(pointer)?
            .map(std::borrow::Cow::into_owned)
            .collect(),
    )
}

/// The unescaped tokens of a pointer, each copied only when it has an
/// escape: lookups follow pointers all the time, and few tokens have one.
fn each_token(pointer: &str) -> Option<impl Iterator<Item = std::borrow::Cow<'_, str>>> {
    let rest = match pointer {
        "" => None,
        p => Some(p.strip_prefix('/')?),
    };
    Some(rest.into_iter().flat_map(|r| r.split('/')).map(|t| {
        if t.contains('~') {
            std::borrow::Cow::Owned(unescape(t))
        } else {
            std::borrow::Cow::Borrowed(t)
        }
    }))
}

/// A token with `~1` read as `/` and `~0` as `~`, in one pass (Graph's
/// paths put a `~1` in nearly every pointer a finding names).
fn unescape(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    let mut pieces = token.split('~');
    if let Some(first) = pieces.next() {
        out.push_str(first);
    }
    for piece in pieces {
        match piece.as_bytes().first() {
            Some(b'1') => {
                out.push('/');
                out.push_str(&piece[1..]);
            }
            Some(b'0') => {
                out.push('~');
                out.push_str(&piece[1..]);
            }
            _ => {
                out.push('~');
                out.push_str(piece);
            }
        }
    }
    out
}

/// The node a pointer names, with the span of the key that holds it when its
/// parent is an object (that is what a finding underlines).
pub fn lookup<'n>(root: &'n Node, pointer: &str) -> Option<(&'n Node, Option<Span>)> {
    let mut node = root;
    let mut key_span = None;
    for token in each_token(pointer)? {
        match &node.value {
            Value::Object(obj) => {
                let entry = obj.entry(&token)?;
                key_span = Some(entry.key_span);
                node = &entry.value;
            }
            Value::Array(items) => {
                let index: usize = token.parse().ok()?;
                node = items.get(index)?;
                key_span = None;
            }
            _ => return None,
        }
    }
    Some((node, key_span))
}

/// The way to the node `pointer` names as positions, one per level, for
/// [`Node::follow`]: a place followed again and again (a `$ref`'s target)
/// is found without comparing keys.
pub fn route(root: &Node, pointer: &str) -> Option<Box<[u32]>> {
    let mut node = root;
    let mut steps = Vec::new();
    for token in each_token(pointer)? {
        let step = match &node.value {
            Value::Object(obj) => obj.position(&token)?,
            Value::Array(items) => {
                let index: usize = token.parse().ok()?;
                items.get(index)?;
                index
            }
            _ => return None,
        };
        steps.push(u32::try_from(step).ok()?);
        node = node.follow(&steps[steps.len() - 1..])?;
    }
    Some(steps.into_boxed_slice())
}

/// The deepest node along `pointer` that exists: where a finding about a
/// missing member is best shown.
pub fn nearest<'n>(root: &'n Node, pointer: &str) -> (&'n Node, Option<Span>) {
    let mut node = root;
    let mut key_span = None;
    let Some(tokens) = each_token(pointer) else {
        return (node, None);
    };
    for token in tokens {
        let next = match &node.value {
            Value::Object(obj) => obj.entry(&token).map(|e| (&e.value, Some(e.key_span))),
            Value::Array(items) => token
                .parse::<usize>()
                .ok()
                .and_then(|i| items.get(i))
                .map(|n| (n, None)),
            _ => None,
        };
        match next {
            Some((n, k)) => {
                node = n;
                key_span = k;
            }
            None => break,
        }
    }
    (node, key_span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_unescape_as_rfc_6901_orders_it() {
        // `~1` first, then `~0`, so `~01` is `~1`, never `/`.
        for token in [
            "~01", "~~1", "~10", "~0~1", "a~", "~", "~2", "x~1y~0z", "~1~1",
        ] {
            let want = token.replace("~1", "/").replace("~0", "~");
            assert_eq!(unescape(token), want, "{token}");
        }
    }

    #[test]
    fn escapes_round_trip() {
        let p = join("/paths", "/pets/{id}~x");
        assert_eq!(p, "/paths/~1pets~1{id}~0x");
        assert_eq!(
            tokens(&p),
            Some(vec!["paths".to_string(), "/pets/{id}~x".to_string()])
        );
        assert_eq!(tokens("no-slash"), None);
        assert_eq!(tokens(""), Some(vec![]));
    }

    #[test]
    fn lookups_find_escaped_members_of_large_and_small_objects() {
        let many: Vec<String> = (0..40).map(|i| format!("\"/p{i}/x\": {i}")).collect();
        let text = format!(
            "{{\"big\": {{{}}}, \"small\": {{\"a/b\": 1, \"c~d\": [5, 6]}}}}",
            many.join(", ")
        );
        let Ok(doc) = crate::load::parse_bytes("t.json", text.into_bytes()) else {
            panic!("the fixture parses")
        };
        let at = |p: &str| lookup(&doc.root, p).and_then(|(n, _)| n.as_f64());
        assert_eq!(at("/big/~1p17~1x"), Some(17.0));
        assert_eq!(at("/big/~1p17~1y"), None);
        assert_eq!(at("/small/a~1b"), Some(1.0));
        assert_eq!(at("/small/c~0d/1"), Some(6.0));
        assert_eq!(at("/small/c~1d/1"), None);
        // A route leads where the pointer does, by positions alone.
        for p in ["/big/~1p17~1x", "/small/a~1b", "/small/c~0d/1", "", "/big"] {
            let by_route = route(&doc.root, p).and_then(|r| doc.root.follow(&r));
            let by_lookup = lookup(&doc.root, p).map(|(n, _)| n);
            assert_eq!(by_route.map(|n| n.span), by_lookup.map(|n| n.span), "{p}");
        }
        assert_eq!(route(&doc.root, "/small/nothing"), None);
    }
}
