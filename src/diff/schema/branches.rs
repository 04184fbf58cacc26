//! Which branch of an old `oneOf`/`anyOf`/`allOf` is which branch of the
//! new one, by meaning rather than position or name: the same `$ref`
//! target, then the same title, then the same content, then the same
//! content once references are followed (a renamed component whose `$ref`s
//! were updated is the same branch), then a lone inline branch on each side.
//!
//! Each step looks candidates up by key, so a `oneOf` of thousands of
//! branches is paired in time linear in its size.

use std::collections::hash_map::DefaultHasher;
use std::collections::VecDeque;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::hash::{Hash, Hasher};

use crate::load::{Node, Value};
use crate::model::{Loc, Workspace};

use super::super::Pair;
use super::compose::{is_annotation, same_constraints};
use super::Side;

/// Branches paired: the new partner of each old branch, and which new
/// branches have one.
pub(super) struct Pairing {
    pub of_old: Vec<Option<usize>>,
    pub new_paired: Vec<bool>,
}

/// Following references, at most this many leftover branches per side are
/// tried against each other, visiting at most [`BUDGET`] nodes in all.
const LEFTOVERS: usize = 64;
pub(super) const BUDGET: usize = 500_000;

/// Pairs of schema nodes (old, new) proven the same once references are
/// followed, kept for the whole diff: a graph of renamed components is
/// walked once, not once per branch that reaches it.
pub(crate) type Proven = HashSet<(usize, usize)>;

pub(super) fn pair<'w>(
    pair: &Pair<'_, 'w>,
    proven: &mut Proven,
    a: &[Side<'w>],
    b: &[Side<'w>],
) -> Pairing {
    let old: Vec<Side<'w>> = a.iter().map(|s| resolved(pair.old.ws, s)).collect();
    let new: Vec<Side<'w>> = b.iter().map(|s| resolved(pair.new.ws, s)).collect();
    let mut p = Pairing {
        of_old: vec![None; a.len()],
        new_paired: vec![false; b.len()],
    };
    // The same target (a `$ref` on both sides).
    let target =
        |raw: &Side<'w>, s: &Side<'w>| raw.node.ref_target().map(|_| s.loc.pointer.clone());
    by_key(
        &mut p,
        |i| target(&a[i], &old[i]),
        |j| target(&b[j], &new[j]),
        |_, _| true,
    );
    let title = |s: &Side<'w>| s.node.get_str("title").map(str::to_string);
    by_key(&mut p, |i| title(&old[i]), |j| title(&new[j]), |_, _| true);
    by_key(
        &mut p,
        |i| Some(fingerprint(old[i].node, false)),
        |j| Some(fingerprint(new[j].node, false)),
        |i, j| old[i].node.same_value(new[j].node),
    );
    // An inline schema moved into a titled component is the same branch.
    by_key(
        &mut p,
        |i| Some(fingerprint(old[i].node, true)),
        |j| Some(fingerprint(new[j].node, true)),
        |i, j| same_constraints(old[i].node, new[j].node),
    );
    let left_old: Vec<usize> = (0..a.len()).filter(|&i| p.of_old[i].is_none()).collect();
    let left_new: Vec<usize> = (0..b.len()).filter(|&j| !p.new_paired[j]).collect();
    if left_old.len() <= LEFTOVERS && left_new.len() <= LEFTOVERS {
        let mut budget = BUDGET;
        for &i in &left_old {
            let found = left_new.iter().copied().find(|&j| {
                !p.new_paired[j]
                    && equivalent(
                        (pair.old.ws, old[i].node),
                        &old[i].loc,
                        (pair.new.ws, new[j].node),
                        &new[j].loc,
                        proven,
                        &mut budget,
                    )
            });
            if let Some(j) = found {
                p.of_old[i] = Some(j);
                p.new_paired[j] = true;
            }
        }
    }
    // One inline branch left on each side: the same branch, edited.
    let inline_old: Vec<usize> = (0..a.len())
        .filter(|&i| p.of_old[i].is_none() && a[i].node.ref_target().is_none())
        .collect();
    let inline_new: Vec<usize> = (0..b.len())
        .filter(|&j| !p.new_paired[j] && b[j].node.ref_target().is_none())
        .collect();
    if let ([i], [j]) = (&inline_old[..], &inline_new[..]) {
        p.of_old[*i] = Some(*j);
        p.new_paired[*j] = true;
    }
    p
}

fn resolved<'w>(ws: &'w Workspace, s: &Side<'w>) -> Side<'w> {
    let (loc, node) = ws.deref(&s.loc, s.node);
    Side { loc, node }
}

/// Pairs each unpaired old branch with the first unpaired new one of the
/// same key that `fits`.
fn by_key<K: Hash + Eq>(
    p: &mut Pairing,
    old_key: impl Fn(usize) -> Option<K>,
    new_key: impl Fn(usize) -> Option<K>,
    fits: impl Fn(usize, usize) -> bool,
) {
    let mut candidates: HashMap<K, VecDeque<usize>> = HashMap::default();
    for j in 0..p.new_paired.len() {
        if !p.new_paired[j] {
            if let Some(k) = new_key(j) {
                candidates.entry(k).or_default().push_back(j);
            }
        }
    }
    for i in 0..p.of_old.len() {
        if p.of_old[i].is_some() {
            continue;
        }
        let Some(list) = old_key(i).and_then(|k| candidates.get_mut(&k)) else {
            continue;
        };
        list.retain(|&j| !p.new_paired[j]);
        if let Some(pos) = list.iter().position(|&j| fits(i, j)) {
            if let Some(j) = list.remove(pos) {
                p.of_old[i] = Some(j);
                p.new_paired[j] = true;
            }
        }
    }
}

/// A hash that agrees with [`Node::same_value`] (keys in any order, `1`
/// and `1.0` alike); with `constraints_only`, top-level annotations aside.
fn fingerprint(node: &Node, constraints_only: bool) -> u64 {
    let mut h = DefaultHasher::new();
    match &node.value {
        Value::Null => 0u8.hash(&mut h),
        Value::Bool(b) => (1u8, b).hash(&mut h),
        Value::Number(n) => match n.as_f64() {
            Some(f) => (2u8, f.to_bits()).hash(&mut h),
            None => (3u8, n.raw()).hash(&mut h),
        },
        Value::String(s) => (4u8, &**s).hash(&mut h),
        Value::Array(items) => {
            5u8.hash(&mut h);
            for item in items {
                fingerprint(item, false).hash(&mut h);
            }
        }
        Value::Object(o) => {
            // Order-free: a sum of the entries' own hashes.
            let mut sum = 0u64;
            for (k, v) in o.iter() {
                if constraints_only && is_annotation(k) {
                    continue;
                }
                let mut e = DefaultHasher::new();
                (k, fingerprint(v, false)).hash(&mut e);
                sum = sum.wrapping_add(e.finish());
            }
            (6u8, sum).hash(&mut h);
        }
    }
    h.finish()
}

/// Where a discriminator mapping value points: a reference, or a schema name.
fn mapped(at: &Loc, value: &str) -> Loc {
    match value.strip_prefix('#') {
        Some(pointer) => Loc::new(at.doc, pointer),
        None if at.pointer.starts_with("/definitions/") => {
            Loc::new(at.doc, format!("/definitions/{value}"))
        }
        None => Loc::new(at.doc, format!("/components/schemas/{value}")),
    }
}

type Doc<'w> = (&'w Workspace, &'w Node);

/// The same schema once every `$ref` on either side is followed: what a
/// renamed component with its references updated is. Pairs met again on
/// the way (a cycle) are taken as equal, as a cycle can only repeat what
/// was compared; once `budget` nodes are spent the answer is no. What a
/// successful walk saw joins `proven`.
pub(super) fn equivalent<'w>(
    a: Doc<'w>,
    at_a: &Loc,
    b: Doc<'w>,
    at_b: &Loc,
    proven: &mut Proven,
    budget: &mut usize,
) -> bool {
    let mut assumed: HashSet<(usize, usize)> = HashSet::default();
    let mut todo: Vec<(Loc, &'w Node, Loc, &'w Node)> =
        vec![(at_a.clone(), a.1, at_b.clone(), b.1)];
    while let Some((la, x, lb, y)) = todo.pop() {
        let (la, x) = a.0.deref(&la, x);
        let (lb, y) = b.0.deref(&lb, y);
        let key = (x as *const Node as usize, y as *const Node as usize);
        if proven.contains(&key) || !assumed.insert(key) {
            continue;
        }
        *budget = match budget.checked_sub(1) {
            Some(left) => left,
            None => return false,
        };
        match (&x.value, &y.value) {
            (Value::Array(xs), Value::Array(ys)) => {
                if xs.len() != ys.len() {
                    return false;
                }
                for (u, v) in xs.iter().zip(ys) {
                    todo.push((la.clone(), u, lb.clone(), v));
                }
            }
            (Value::Object(xs), Value::Object(ys)) => {
                if xs.len() != ys.len() {
                    return false;
                }
                for (k, u) in xs.iter() {
                    let Some(v) = ys.get(k) else {
                        return false;
                    };
                    if k == "mapping" && x.get("propertyName").is_some() {
                        // A discriminator's mapping names schemas: follow them.
                        let (Some(mu), Some(mv)) = (u.as_object(), v.as_object()) else {
                            return false;
                        };
                        if mu.len() != mv.len() {
                            return false;
                        }
                        for (name, tu) in mu.iter() {
                            let target = |ws: &'w Workspace, at: &Loc, t: Option<&'w Node>| {
                                let loc = mapped(at, t?.as_str()?);
                                let node = ws.node(&loc)?;
                                Some((loc, node))
                            };
                            match (target(a.0, &la, Some(tu)), target(b.0, &lb, mv.get(name))) {
                                (Some((lu, nu)), Some((lv, nv))) => todo.push((lu, nu, lv, nv)),
                                _ if mv.get(name).is_some_and(|tv| tu.same_value(tv)) => {}
                                _ => return false,
                            }
                        }
                        continue;
                    }
                    todo.push((la.child(k), u, lb.child(k), v));
                }
            }
            (Value::Array(_) | Value::Object(_), _) | (_, Value::Array(_) | Value::Object(_)) => {
                return false;
            }
            _ if !x.same_value(y) => return false,
            _ => {}
        }
    }
    proven.extend(assumed);
    true
}
