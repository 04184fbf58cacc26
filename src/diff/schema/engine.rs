//! Each pair of definitions is compared once per direction and context, and
//! its findings are kept with the pairs it leads to: a graph of comparisons
//! shared by every operation. An operation's findings are then read off the
//! graph from the pairs its request or response starts at, following only
//! comparisons that lead to a change, so the work is the size of the two
//! documents plus the findings, however many operations share a definition.
//!
//! A comparison's findings name places by their path below the pair; the
//! path by which each operation first reaches the pair is put in front when
//! they are written, so every operation gets every change it reaches, named
//! as that operation sees it.

use rustc_hash::FxHashMap as HashMap;

use crate::model::Loc;

use super::super::change::{Change, Seen};
use super::ctx::{Ctx, Dir, Sig};

pub(crate) type NodeId = u32;

/// No pair: the start of one operation's comparison, never shared.
const START: u32 = u32::MAX;

/// The covering scope of what a property's holder reported about the
/// property's own schema (its deprecation, stability and access).
pub(crate) const PROPERTY_SCOPE: NodeId = u32::MAX;

pub(crate) type NodeKey = (Dir, Loc, Loc, Sig);

pub(crate) enum Item {
    Change(Change),
    /// The comparison of a pair below this one, `rel` further down the path.
    Below {
        to: NodeId,
        rel: Vec<String>,
    },
}

struct Node {
    items: Vec<Item>,
    /// This pair, whatever the context: one operation reports it once.
    pair: u32,
    /// A change is found here or below.
    leads_to_change: bool,
}

/// The comparisons made so far, shared by all operations of one diff.
#[derive(Default)]
pub(crate) struct Engine {
    memo: HashMap<NodeKey, NodeId>,
    pairs: HashMap<(Dir, Loc, Loc), u32>,
    nodes: Vec<Node>,
    /// Keywords (by group) that a specific comparison reported at a schema,
    /// per comparison (or [`PROPERTY_SCOPE`]): what the residual check of
    /// that comparison need not report again.
    covered: HashMap<(Loc, NodeId), Vec<&'static str>>,
    pub(crate) proven: super::branches::Proven,
}

impl Engine {
    pub(crate) fn cover(&mut self, loc: &Loc, scope: NodeId, group: &'static str) {
        let groups = self.covered.entry((loc.clone(), scope)).or_default();
        if !groups.contains(&group) {
            groups.push(group);
        }
    }

    pub(crate) fn uncover(&mut self, loc: &Loc, scope: NodeId, group: &str) {
        if let Some(groups) = self.covered.get_mut(&(loc.clone(), scope)) {
            groups.retain(|g| *g != group);
        }
    }

    pub(crate) fn is_covered(&self, loc: &Loc, scope: NodeId, group: &str) -> bool {
        self.covered
            .get(&(loc.clone(), scope))
            .is_some_and(|groups| groups.contains(&group))
    }

    /// Every change any comparison found, once each.
    pub(crate) fn changes(&self) -> impl Iterator<Item = &Change> {
        self.nodes.iter().flat_map(|n| {
            n.items.iter().filter_map(|item| match item {
                Item::Change(c) => Some(c),
                Item::Below { .. } => None,
            })
        })
    }

    pub(crate) fn start(&mut self) -> NodeId {
        self.push_node(START)
    }

    fn push_node(&mut self, pair: u32) -> NodeId {
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            items: Vec::new(),
            pair,
            leads_to_change: false,
        });
        id
    }

    /// The key of comparing `old` with `new` under `ctx`.
    pub(crate) fn key(dir: Dir, old: &Loc, new: &Loc, ctx: &Ctx) -> NodeKey {
        (dir, old.clone(), new.clone(), ctx.sig())
    }

    pub(crate) fn lookup(&self, key: &NodeKey) -> Option<NodeId> {
        self.memo.get(key).copied()
    }

    /// A new comparison under `key`, not yet made.
    pub(crate) fn open(&mut self, key: NodeKey) -> NodeId {
        let next = self.pairs.len() as u32;
        let (dir, old, new, _) = &key;
        let pair = match self.pairs.get(&(*dir, old.clone(), new.clone())) {
            Some(&p) => p,
            None => {
                self.pairs.insert((*dir, old.clone(), new.clone()), next);
                next
            }
        };
        let id = self.push_node(pair);
        self.memo.insert(key, id);
        id
    }

    pub(crate) fn push(&mut self, at: NodeId, item: Item) {
        if let Some(node) = self.nodes.get_mut(at as usize) {
            node.items.push(item);
        }
    }

    /// Marks which comparisons made since `first` lead to a change. Those
    /// made before are complete, and so is everything reachable from them.
    pub(crate) fn settle(&mut self, first: NodeId) {
        let first = first as usize;
        let fresh = first..self.nodes.len();
        let mut above: Vec<Vec<usize>> = vec![Vec::new(); fresh.len()];
        let mut todo = Vec::new();
        for i in fresh.clone() {
            let mut marked = false;
            for item in &self.nodes[i].items {
                match item {
                    Item::Change(_) => marked = true,
                    Item::Below { to, .. } => {
                        let to = *to as usize;
                        if to >= first {
                            above[to - first].push(i);
                        } else if self.nodes[to].leads_to_change {
                            marked = true;
                        }
                    }
                }
            }
            if marked {
                todo.push(i);
            }
        }
        while let Some(i) = todo.pop() {
            if std::mem::replace(&mut self.nodes[i].leads_to_change, true) {
                continue;
            }
            todo.extend(above[i - first].iter().copied());
        }
        // Every report walks these items again, once per operation: keep
        // only the ways that lead to a change (most pairs of a large spec
        // are unchanged), and free the rest.
        for i in fresh {
            let mut items = std::mem::take(&mut self.nodes[i].items);
            items.retain(|item| match item {
                Item::Change(_) => true,
                Item::Below { to, .. } => self.nodes[*to as usize].leads_to_change,
            });
            items.shrink_to_fit();
            self.nodes[i].items = items;
        }
    }

    /// Writes the findings reached from `start` for `op`, each pair once, in
    /// the order the comparison found them; `top` is the context the
    /// comparison started in.
    pub(crate) fn report<'e>(
        &'e self,
        start: NodeId,
        top: &Ctx,
        op: (&'static str, &'e str, &'e str),
    ) -> Vec<Seen<'e>> {
        let mut out = Vec::new();
        REPORTED.with(|cell| {
            let mut guard = cell.borrow_mut();
            let (marks, round) = &mut *guard;
            *round = round.wrapping_add(1);
            if *round == 0 {
                marks.fill(0);
                *round = 1;
            }
            if marks.len() < self.pairs.len() {
                marks.resize(self.pairs.len(), 0);
            }
            self.walk(start, top, op, &mut out, marks, *round);
        });
        out
    }

    fn walk<'e>(
        &'e self,
        start: NodeId,
        top: &Ctx,
        (method, path, label): (&'static str, &'e str, &'e str),
        out: &mut Vec<Seen<'e>>,
        marks: &mut [u32],
        round: u32,
    ) {
        let op = (method, path);
        let mut path: Vec<&str> = top.path.iter().map(String::as_str).collect();
        // (comparison, next item, length of the path to it)
        let mut stack = vec![(start as usize, 0usize, path.len())];
        while let Some(frame) = stack.last_mut() {
            let (id, i, len) = *frame;
            let Some(item) = self.nodes[id].items.get(i) else {
                stack.pop();
                continue;
            };
            frame.1 += 1;
            path.truncate(len);
            match item {
                Item::Change(c) => out.push(write(c, top, &path, op, label)),
                Item::Below { to, rel } => {
                    let node = &self.nodes[*to as usize];
                    // Marked only when followed: a pair seen in another
                    // context that leads nowhere must not hide this one.
                    if node.leads_to_change
                        && marks
                            .get_mut(node.pair as usize)
                            .is_some_and(|m| std::mem::replace(m, round) != round)
                    {
                        path.extend(rel.iter().map(String::as_str));
                        stack.push((*to as usize, 0, path.len()));
                    }
                }
            }
        }
    }
}

thread_local! {
    /// Pairs one operation's report has written, marked with the number of
    /// that report: a set cleared for free between operations, where a hash
    /// set per operation was a fifth of a large diff's report.
    static REPORTED: std::cell::RefCell<(Vec<u32>, u32)> = const { std::cell::RefCell::new((Vec::new(), 0)) };
}

/// The finding `c` as `op` sees it, `path` below the root of `top`.
/// One of these is written per operation and change: only the words that
/// name places as this operation sees them are made, the rest borrowed.
fn write<'e>(
    c: &'e Change,
    top: &Ctx,
    path: &[&str],
    op: (&'static str, &'e str),
    label: &'e str,
) -> Seen<'e> {
    let mut extra = Vec::with_capacity(c.places.len() + 1);
    let mut full: Vec<&str> = Vec::new();
    for place in &c.places {
        full.clear();
        full.extend(path.iter().copied());
        full.extend(place.path.iter().map(String::as_str));
        let mut value = top.name_at(&full);
        if place.in_operation {
            value.push_str(" in ");
            value.push_str(label);
        }
        extra.push((place.arg, std::borrow::Cow::Owned(value)));
    }
    extra.push(("operation", std::borrow::Cow::Borrowed(label)));
    Seen {
        change: c,
        extra,
        operation: Some(op),
    }
}
