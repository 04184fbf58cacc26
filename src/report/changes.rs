//! Diff findings grouped into changes: one rule at one pair of places is one
//! change, however many operations see it (CONTRACT.md, "Changes").

use rustc_hash::{FxHashMap, FxHashSet};

use crate::rules::{Finding, OperationRef, Place};

/// One edit as the rule that judges it sees it, with every operation it reaches.
pub struct Change<'f> {
    /// Stable across runs and across unrelated edits: it hashes the rule id
    /// and the JSON pointers, never line numbers.
    pub key: String,
    /// The first finding of the change; the others differ only in operation.
    pub first: &'f Finding,
    pub operations: Vec<&'f OperationRef>,
}

impl Change<'_> {
    /// The first finding's message, saying how many more operations the
    /// change reaches where it names the first one.
    pub fn message(&self) -> String {
        let text = &self.first.message;
        let more = self.operations.len().saturating_sub(1);
        let Some(op) = self.first.operation.as_ref().filter(|_| more > 0) else {
            return text.clone();
        };
        let label = format!("{} {}", op.method, op.path);
        let plural = if more == 1 { "" } else { "s" };
        match text.rfind(&label) {
            Some(i) => format!(
                "{}{label} and {more} more operation{plural}{}",
                &text[..i],
                &text[i + label.len()..]
            ),
            None => format!("{text} (and {more} more operation{plural})"),
        }
    }
}

/// How many endpoints a one-line summary names before "and N more".
const LISTED: usize = 5;

/// Each change once, as a finding at the change's place whose message names
/// the endpoints it reaches: what the annotation formats (SARIF, JUnit,
/// GitHub) show, so that one edit is one annotation.
pub fn representatives(findings: &[Finding], roots: (&str, &str)) -> Vec<Finding> {
    group(findings, roots)
        .iter()
        .map(|c| {
            let mut f = c.first.clone();
            f.message = c.message();
            if c.operations.len() > 1 {
                let names: Vec<String> = c
                    .operations
                    .iter()
                    .take(LISTED)
                    .map(|o| format!("{} {}", o.method, o.path))
                    .collect();
                let more = c.operations.len().saturating_sub(LISTED);
                f.message = format!(
                    "{} (endpoints: {}{})",
                    f.message,
                    names.join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    }
                );
            }
            f
        })
        .collect()
}

/// The file part of a change's identity: empty for the root document, so
/// that `main:openapi.yaml` and `openapi.yaml` name the same place.
fn file<'p>(place: &'p Place, roots: &(&str, &str)) -> &'p str {
    let name = place.source.name.as_str();
    if name == roots.0 || name == roots.1 {
        ""
    } else {
        name
    }
}

/// FNV-1a, 64 bits: small, fixed and the same on every platform and run,
/// which `std`'s hasher does not promise.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

fn side<'p>(p: Option<&'p Place>, roots: &(&str, &str)) -> (&'p str, &'p str) {
    p.map_or(("", "-"), |p| (file(p, roots), &*p.pointer))
}

/// The key of the change `f` belongs to. `roots` are the names of the two
/// root documents.
pub fn key(f: &Finding, roots: (&str, &str)) -> String {
    format!("{:016x}", hash(f, roots))
}

/// The number a change's key writes in hexadecimal.
fn hash(f: &Finding, roots: (&str, &str)) -> u64 {
    let (old, new) = f
        .sides
        .as_ref()
        .map_or((None, None), |(o, n)| (o.as_ref(), n.as_ref()));
    let (of, op) = side(old, &roots);
    let (nf, np) = side(new, &roots);
    fnv1a(&[f.rule.id, of, op, nf, np])
}

/// `findings` grouped by change, in the order their first findings come.
pub fn group<'f>(
    findings: impl IntoIterator<Item = &'f Finding>,
    roots: (&str, &str),
) -> Vec<Change<'f>> {
    indexed(findings, roots).0
}

/// [`group`], and for each finding in order the index of its change.
pub fn indexed<'f>(
    findings: impl IntoIterator<Item = &'f Finding>,
    roots: (&str, &str),
) -> (Vec<Change<'f>>, Vec<usize>) {
    let mut index: FxHashMap<u64, usize> = FxHashMap::default();
    let mut reached: FxHashSet<(usize, &OperationRef)> = FxHashSet::default();
    let mut out: Vec<Change<'f>> = Vec::new();
    let mut which = Vec::new();
    // The findings of one change share their places' pointers (see
    // `rules::diff_findings`): hash the text once per rule and pair of them.
    let mut known: FxHashMap<(usize, usize, usize), u64> = FxHashMap::default();
    let address = |p: Option<&Option<Place>>| {
        p.and_then(Option::as_ref)
            .map_or(0, |p| p.pointer.as_ptr() as usize)
    };
    for f in findings {
        let sides = f.sides.as_ref();
        let at = (
            f.rule as *const _ as usize,
            address(sides.map(|s| &s.0)),
            address(sides.map(|s| &s.1)),
        );
        let k = *known.entry(at).or_insert_with(|| hash(f, roots));
        let i = *index.entry(k).or_insert_with(|| {
            out.push(Change {
                key: format!("{k:016x}"),
                first: f,
                operations: Vec::new(),
            });
            out.len() - 1
        });
        which.push(i);
        if let Some(op) = &f.operation {
            if reached.insert((i, op)) {
                out[i].operations.push(op);
            }
        }
    }
    (out, which)
}
