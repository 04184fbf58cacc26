//! The one tree both JSON and YAML are read into. Every key and value keeps
//! its byte span in the source text, so any finding can point at its origin.

/// A half-open byte range `[start, end)` in a source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        // Sources are capped well below 4 GiB when read, so this never saturates in practice.
        let clamp = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Span {
            start: clamp(start),
            end: clamp(end.max(start)),
        }
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(Box<str>),
    Array(Vec<Node>),
    Object(Object),
}

/// A number as written. Keeping the text means a 400-digit literal or
/// `1.0` versus `1` is never silently rounded away.
#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    raw: Box<str>,
}

impl Number {
    pub fn new(raw: impl Into<Box<str>>) -> Number {
        Number { raw: raw.into() }
    }

    pub fn raw(&self) -> &str {
        &self.raw
    }

    pub fn as_f64(&self) -> Option<f64> {
        self.raw.parse::<f64>().ok().filter(|v| v.is_finite())
    }

    pub fn as_i64(&self) -> Option<i64> {
        self.raw.parse::<i64>().ok()
    }

    /// True when the value is mathematically an integer (`3`, `3.0`, `3e2`).
    pub fn is_integer(&self) -> bool {
        if self.as_i64().is_some() {
            return true;
        }
        self.as_f64().is_some_and(|v| v.fract() == 0.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Box<str>,
    pub key_span: Span,
    pub value: Node,
}

/// Members in source order. Duplicate keys are kept (the loader reports them);
/// a lookup finds the last one, as JSON.parse does.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object {
    entries: Vec<Entry>,
    /// Entry positions sorted by key, built only for objects large enough that a
    /// linear scan would show up in a profile (`paths`, `components/schemas`).
    sorted: Option<Box<[u32]>>,
}

const INDEX_FROM: usize = 16;

/// Entry positions sorted by key, for objects of [`INDEX_FROM`] members or
/// more. The sort is stable, so repeated keys stay in source order and a
/// lookup can take the last.
pub(crate) fn key_order(entries: &[Entry]) -> Option<Box<[u32]>> {
    (entries.len() >= INDEX_FROM).then(|| {
        let mut order: Vec<u32> = (0..entries.len() as u32).collect();
        order.sort_by(|&a, &b| entries[a as usize].key.cmp(&entries[b as usize].key));
        order.into_boxed_slice()
    })
}

impl Object {
    pub fn from_entries(entries: Vec<Entry>) -> Object {
        let sorted = key_order(&entries);
        Object { entries, sorted }
    }

    /// `entries` with the order [`key_order`] gave for them.
    pub(crate) fn with_order(entries: Vec<Entry>, sorted: Option<Box<[u32]>>) -> Object {
        Object { entries, sorted }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.sorted {
            Some(order) => {
                let end = order.partition_point(|&i| &*self.entries[i as usize].key <= key);
                let last = *order.get(end.checked_sub(1)?)?;
                let entry = &self.entries[last as usize];
                (&*entry.key == key).then_some(entry)
            }
            None => self.entries.iter().rev().find(|e| &*e.key == key),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// The position among [`Object::entries`] of the member [`Object::entry`] finds.
    pub fn position(&self, key: &str) -> Option<usize> {
        match &self.sorted {
            Some(order) => {
                let end = order.partition_point(|&i| &*self.entries[i as usize].key <= key);
                let last = *order.get(end.checked_sub(1)?)? as usize;
                (&*self.entries[last].key == key).then_some(last)
            }
            None => self.entries.iter().rposition(|e| &*e.key == key),
        }
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.entry(key).is_some()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Node)> {
        self.entries.iter().map(|e| (&*e.key, &e.value))
    }
}

impl Node {
    pub fn new(span: Span, value: Value) -> Node {
        Node { span, value }
    }

    pub fn as_object(&self) -> Option<&Object> {
        match &self.value {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<&Number> {
        match &self.value {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        self.as_number().and_then(Number::as_f64)
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// Member lookup; `None` for non-objects.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_object()?.get(key)
    }

    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.get(key)?.as_str()
    }

    pub fn get_bool(&self, key: &str) -> Option<bool> {
        self.get(key)?.as_bool()
    }

    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// The node a route leads to: at each level the position of a member
    /// or an item, as [`crate::load::pointer::route`] found it.
    pub fn follow(&self, route: &[u32]) -> Option<&Node> {
        let mut node = self;
        for &step in route {
            node = match &node.value {
                Value::Object(o) => &o.entries().get(step as usize)?.value,
                Value::Array(items) => items.get(step as usize)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The `$ref` string if this node is a reference object.
    pub fn ref_target(&self) -> Option<&str> {
        self.get_str("$ref")
    }

    /// A hash that [`Node::same_value`] keeps: equal values hash alike, so
    /// a wide list is searched for repeats by bucket, not pair by pair.
    pub fn value_hash(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        match &self.value {
            Value::Null => 0u8.hash(&mut h),
            Value::Bool(b) => (1u8, b).hash(&mut h),
            Value::Number(n) => match n.as_f64() {
                // `+ 0.0` makes -0 and 0 one value, as `==` does.
                Some(x) => (2u8, (x + 0.0).to_bits()).hash(&mut h),
                None => (3u8, &n.raw).hash(&mut h),
            },
            Value::String(s) => (4u8, s).hash(&mut h),
            Value::Array(items) => {
                (5u8, items.len()).hash(&mut h);
                for item in items {
                    item.value_hash().hash(&mut h);
                }
            }
            Value::Object(o) => {
                (6u8, o.len()).hash(&mut h);
                // Member order does not count: sum the members' hashes.
                let members = o.iter().fold(0u64, |sum, (k, v)| {
                    let mut m = rustc_hash::FxHasher::default();
                    (k, v.value_hash()).hash(&mut m);
                    sum.wrapping_add(m.finish())
                });
                members.hash(&mut h);
            }
        }
        h.finish()
    }

    /// Structural equality that ignores spans and member order, and compares
    /// numbers by value: what "the same JSON" means to a reader.
    pub fn same_value(&self, other: &Node) -> bool {
        match (&self.value, &other.value) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => {
                a.raw == b.raw || matches!((a.as_f64(), b.as_f64()), (Some(x), Some(y)) if x == y)
            }
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same_value(y))
            }
            (Value::Object(a), Value::Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, v)| b.get(k).is_some_and(|w| v.same_value(w)))
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(keys: &[&str]) -> Object {
        Object::from_entries(
            keys.iter()
                .enumerate()
                .map(|(i, k)| Entry {
                    key: (*k).into(),
                    key_span: Span::new(i, i + 1),
                    value: Node::new(
                        Span::new(i, i + 1),
                        Value::Number(Number::new(i.to_string())),
                    ),
                })
                .collect(),
        )
    }

    #[test]
    fn lookup_finds_the_last_duplicate_in_small_and_large_objects() {
        let small = obj(&["a", "b", "a"]);
        assert_eq!(small.get("a").and_then(Node::as_f64), Some(2.0));
        let mut keys: Vec<String> = (0..40).map(|i| format!("k{i}")).collect();
        keys.push("k3".into());
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let large = obj(&refs);
        assert_eq!(large.get("k3").and_then(Node::as_f64), Some(40.0));
        assert_eq!(large.get("k39").and_then(Node::as_f64), Some(39.0));
        assert!(large.get("zz").is_none());
        assert!(large.get("a").is_none());
    }

    #[test]
    fn numbers_keep_their_text() {
        let n = Number::new("1".repeat(400));
        assert_eq!(n.raw().len(), 400);
        assert!(n.as_i64().is_none());
        assert!(Number::new("3.0").is_integer());
        assert!(!Number::new("3.5").is_integer());
    }

    #[test]
    fn equal_values_hash_alike() {
        let parse = |text: &str| match crate::load::parse_bytes("t.json", text.as_bytes().to_vec())
        {
            Ok(doc) => doc.root,
            Err(e) => panic!("{text}: {e}"),
        };
        let alike = [
            (
                r#"{"a": 1, "b": [true, null]}"#,
                r#"{"b": [true, null], "a": 1.0}"#,
            ),
            (r#"[-0, 10, "x"]"#, r#"[0, 1e1, "x"]"#),
            (r#"{"a": {"c": 2, "d": 3}}"#, r#"{"a": {"d": 3, "c": 2}}"#),
        ];
        for (a, b) in alike {
            let (a, b) = (parse(a), parse(b));
            assert!(a.same_value(&b));
            assert_eq!(a.value_hash(), b.value_hash());
        }
        let unlike = [
            (r#"{"a": 1, "b": 2}"#, r#"{"a": 2, "b": 1}"#),
            (r#"[1, 2]"#, r#"[2, 1]"#),
        ];
        for (a, b) in unlike {
            let (a, b) = (parse(a), parse(b));
            assert!(!a.same_value(&b));
            assert_ne!(a.value_hash(), b.value_hash());
        }
    }
}
