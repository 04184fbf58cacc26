//! What the JSON and YAML readers share: duplicate-key bookkeeping and limits.

use std::collections::HashMap;
use std::sync::Arc;

use super::error::{LoadError, LoadErrorKind};
use super::node::{key_order, Entry, Object, Span};
use super::pointer;
use super::source_file::SourceFile;

/// Deeper nesting than this is refused: no real spec comes close, and every
/// later stage may then walk the tree recursively without risking the stack.
/// (The JSON parser counts an object and its member as two levels and stops
/// at 512 of those, so 256 is the deepest both formats can honestly share.)
pub const MAX_DEPTH: usize = 256;

/// What a document nested deeper than [`MAX_DEPTH`] is told.
pub const TOO_DEEP: &str =
    "values are nested more than 256 levels deep; no OpenAPI document needs that";

/// A key that appears twice in one object. Both are kept in the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateKey {
    /// Pointer of the object holding the key.
    pub object: String,
    pub key: String,
    pub first: Span,
    pub again: Span,
}

impl DuplicateKey {
    pub fn new(path: &[String], key: &str, first: Span, again: Span) -> DuplicateKey {
        DuplicateKey::at(path.iter().map(String::as_str), key, first, again)
    }

    /// As [`DuplicateKey::new`], with the path to the object as tokens.
    pub fn at<T: AsRef<str>>(
        path: impl IntoIterator<Item = T>,
        key: &str,
        first: Span,
        again: Span,
    ) -> DuplicateKey {
        let mut object = String::new();
        for token in path {
            pointer::push(&mut object, token.as_ref());
        }
        DuplicateKey {
            object,
            key: key.to_string(),
            first,
            again,
        }
    }
}

/// The object of `entries`, in source order, with only the last of each
/// repeated key (the one every JSON reader keeps). Each repeat is passed to
/// `repeated` (key, first span, this span) in source order. Small objects
/// are checked pairwise, large ones through their key order, so no key is
/// copied or hashed.
pub fn object(entries: Vec<Entry>, mut repeated: impl FnMut(&str, Span, Span)) -> Object {
    let order = key_order(&entries);
    // (first, again) by position.
    let mut repeats: Vec<(usize, usize)> = Vec::new();
    match &order {
        Some(order) => {
            let mut run = 0;
            for i in 1..order.len() {
                let (a, b) = (order[run] as usize, order[i] as usize);
                if entries[a].key == entries[b].key {
                    repeats.push((a, b));
                } else {
                    run = i;
                }
            }
            repeats.sort_by_key(|&(_, again)| again);
        }
        None => {
            for b in 1..entries.len() {
                if let Some(a) = (0..b).find(|&a| entries[a].key == entries[b].key) {
                    repeats.push((a, b));
                }
            }
        }
    }
    if repeats.is_empty() {
        return Object::with_order(entries, order);
    }
    let mut keep = vec![true; entries.len()];
    // The latest occurrence seen of each repeated key, by its first.
    let mut latest: Vec<usize> = (0..entries.len()).collect();
    for &(first, again) in &repeats {
        repeated(
            &entries[again].key,
            entries[first].key_span,
            entries[again].key_span,
        );
        keep[latest[first]] = false;
        latest[first] = again;
    }
    let entries = entries
        .into_iter()
        .zip(keep)
        .filter_map(|(e, k)| k.then_some(e))
        .collect();
    Object::from_entries(entries)
}

/// Finds repeated keys while an object is built, in linear time overall.
#[derive(Default)]
pub struct KeyTracker {
    seen: HashMap<Box<str>, Span>,
    repeated: bool,
}

impl KeyTracker {
    /// Records `key`; returns the span of its earlier occurrence, if any.
    pub fn insert(&mut self, key: &str, span: Span) -> Option<Span> {
        if let Some(first) = self.seen.get(key) {
            self.repeated = true;
            return Some(*first);
        }
        self.seen.insert(key.into(), span);
        None
    }

    /// The object's members with only the last of each repeated key, which
    /// is the one every JSON reader keeps. The repeats themselves are kept
    /// as [`DuplicateKey`]s and reported; without this, one stage could read
    /// the first and another the last, and a spec would differ from itself.
    pub fn keep_last(&self, entries: Vec<Entry>) -> Vec<Entry> {
        if !self.repeated {
            return entries;
        }
        let mut last: HashMap<&str, usize> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            last.insert(&e.key, i);
        }
        let keep: Vec<bool> = (0..entries.len())
            .map(|i| last.get(&*entries[i].key) == Some(&i))
            .collect();
        entries
            .into_iter()
            .zip(keep)
            .filter_map(|(e, k)| k.then_some(e))
            .collect()
    }
}

/// Refuses numbers no consumer can represent: a finite literal that overflows
/// to infinity would silently change meaning downstream.
pub fn check_number(source: &Arc<SourceFile>, raw: &str, span: Span) -> Result<(), LoadError> {
    let ok = match raw.parse::<f64>() {
        Ok(v) => v.is_finite(),
        Err(_) => true,
    };
    if ok {
        return Ok(());
    }
    let shown: String = raw.chars().take(24).collect();
    let ellipsis = if raw.len() > 24 { "…" } else { "" };
    Err(LoadError::at(
        LoadErrorKind::Limit,
        source,
        span,
        format!(
            "the number {shown}{ellipsis} ({} characters) is too large to represent",
            raw.len()
        ),
        "out of range",
    ))
}
