//! Stage 4: the rule catalogue, and findings made from what lint found.

pub mod catalogue;
pub mod config;
pub mod custom_rules;
pub mod finding;
pub mod suppress;
pub mod version_policy;

use crate::diff::Diffed;
use crate::lint::{Hit, LintResult, RuleRef};
use rustc_hash::FxHashMap as HashMap;

use crate::model::{DocId, Loc, RefSite, Version, Workspace};

pub use catalogue::{all, find, Bump, Category, Example, Format, Level, Rule};
pub use finding::{Finding, OperationRef, Place};

pub fn format_of(version: Version) -> Format {
    match version {
        Version::Swagger2 => Format::Swagger2,
        Version::OpenApi30 => Format::OpenApi30,
        Version::OpenApi31 => Format::OpenApi31,
    }
}

/// Turns lint hits into findings: wording and level from the rule file, rules
/// that do not apply to the document's version dropped, sorted by file position.
/// Rules that are not recommended are kept: [`config::Config::apply`] leaves
/// them out unless the configuration gives them a level.
pub fn lint_findings(ws: &Workspace, result: &LintResult) -> Vec<Finding> {
    lint_findings_with(ws, result, &[])
}

/// As [`lint_findings`], with the project's custom rules besides the built-in ones.
pub fn lint_findings_with(
    ws: &Workspace,
    result: &LintResult,
    custom: &[custom_rules::Custom],
) -> Vec<Finding> {
    let uses = UseSites::new(ws);
    // Placing a hit looks its node up in the tree: thousands of them on a
    // large spec, each independent.
    let placed = crate::parallel::map_chunks(&result.hits, 256, |hit| {
        let rule = match hit.rule {
            RuleRef::Builtin(id) => id.rule(),
            RuleRef::Custom(id) => custom.iter().find(|c| c.rule.id == id)?.rule,
        };
        if let Some(version) = result.version {
            if !rule.applies_to(format_of(version)) {
                return None;
            }
        }
        Some(finding(ws, &uses, rule, hit))
    });
    let mut findings: Vec<Finding> = placed.into_iter().flatten().collect();
    findings.sort_by(|a, b| {
        (a.place.source.name.as_str(), a.place.span.start, a.rule.id).cmp(&(
            b.place.source.name.as_str(),
            b.place.span.start,
            b.rule.id,
        ))
    });
    findings
}

/// The first `$ref` to each target, by file and pointer, to find where a
/// referenced object is used.
struct UseSites<'w> {
    by_target: HashMap<(DocId, &'w str), &'w RefSite>,
}

impl<'w> UseSites<'w> {
    fn new(ws: &'w Workspace) -> UseSites<'w> {
        let mut by_target: HashMap<(DocId, &str), &RefSite> = HashMap::default();
        for site in &ws.refs {
            let Ok(target) = &site.target else { continue };
            let first = by_target
                .entry((target.doc, &*target.pointer))
                .or_insert(site);
            if (site.at.doc, site.span.start) < (first.at.doc, first.span.start) {
                *first = site;
            }
        }
        UseSites { by_target }
    }

    /// The `$ref` to the nearest object that encloses `loc`.
    fn of(&self, ws: &Workspace, loc: &Loc) -> Option<Place> {
        let mut ptr = &*loc.pointer;
        loop {
            if let Some(site) = self.by_target.get(&(loc.doc, ptr)) {
                return Some(Place::locate(ws, &site.at.child("$ref"), Some(site.span)));
            }
            ptr = &ptr[..ptr.rfind('/')?];
        }
    }
}

fn finding(ws: &Workspace, uses: &UseSites<'_>, rule: &'static Rule, hit: &Hit) -> Finding {
    let mut related: Vec<(Place, String)> = hit
        .related
        .iter()
        .map(|(loc, span, label)| (Place::locate(ws, loc, *span), label.clone()))
        .collect();
    if let Some(place) = uses.of(ws, &hit.loc) {
        related.push((place, "used here".to_string()));
    }
    Finding {
        rule,
        level: rule.level,
        message: catalogue::render(rule.message, &hit.args),
        operation: hit
            .operation
            .as_ref()
            .map(|(method, path)| OperationRef::new(method, path)),
        place: Place::locate(ws, &hit.loc, hit.span),
        related,
        sides: None,
    }
}

/// Turns diff changes into findings, breaking first, then by endpoint.
/// Each operation's changes below a shared schema comparison are written,
/// made into findings and dropped piece by piece on every core, so a large
/// diff never holds all of its changes and all of its findings at once.
pub fn diff_findings(old: &Workspace, new: &Workspace, diffed: impl Into<Diffed>) -> Vec<Finding> {
    let diffed = diffed.into();
    let locate = |side: bool, loc: &Loc| Place::locate(if side { new } else { old }, loc, None);
    // A shared definition's change is one place reported for many
    // operations: look each place up once, before the pieces are made.
    let mut places: HashMap<(bool, &Loc), Place> = HashMap::default();
    for (o, n) in diffed.places() {
        for (side, loc) in [(false, o), (true, n)] {
            let Some(loc) = loc else { continue };
            places
                .entry((side, loc))
                .or_insert_with(|| locate(side, loc));
        }
    }
    // Each operation is named by many findings: one copy each. The sort
    // below tells operations apart by their path's allocation, so each
    // operation has its own.
    let mut operations: HashMap<&str, HashMap<&str, OperationRef>> = HashMap::default();
    for (method, path) in diffed.operations() {
        operations
            .entry(method)
            .or_default()
            .entry(path)
            .or_insert_with(|| OperationRef::new(method, path));
    }
    let mut findings: Vec<Finding> = diffed.map_pieces(|piece| {
        let mut made = Vec::with_capacity(piece.len());
        made.extend(piece.iter().filter_map(|seen| {
            let c = seen.change;
            let rule = c.id.rule();
            // Every place and operation was named above; the fallbacks
            // only keep a finding should one not have been.
            let place = |side: bool, loc: &Option<Loc>| {
                let loc = loc.as_ref()?;
                Some(match places.get(&(side, loc)) {
                    Some(place) => place.clone(),
                    None => locate(side, loc),
                })
            };
            let old_place = place(false, &c.old);
            let new_place = place(true, &c.new);
            let place = new_place.clone().or_else(|| old_place.clone())?;
            let operation = seen.operation.map(|(method, path)| {
                match operations.get(method).and_then(|m| m.get(path)) {
                    Some(o) => o.clone(),
                    None => OperationRef::new(method, path),
                }
            });
            let filled: usize = c.args.iter().map(|(_, v)| v.len()).sum::<usize>()
                + seen.extra.iter().map(|(_, v)| v.len()).sum::<usize>();
            Some(Finding {
                rule,
                level: rule.level,
                message: catalogue::render_with(
                    rule.message,
                    rule.message.len() + filled,
                    |name| seen.arg(name),
                ),
                operation,
                place,
                related: Vec::new(),
                sides: Some((old_place, new_place)),
            })
        }));
        made
    });
    // Sorted by level, operation, pointer and rule, ties in the order
    // found. A diff can have hundreds of thousands of findings: sort small
    // keys, with each operation compared by its rank, then move each
    // finding once.
    let mut ops: Vec<&OperationRef> = operations.values().flat_map(|m| m.values()).collect();
    ops.sort();
    // Every finding of one operation shares the `path` made for it above,
    // so the allocation names the operation.
    let rank: rustc_hash::FxHashMap<*const u8, u32> = ops
        .iter()
        .enumerate()
        .map(|(i, o)| (o.path.as_ptr(), i as u32 + 1))
        .collect();
    let mut keys: Vec<_> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let op = f
                .operation
                .as_ref()
                .map_or(0, |o| rank.get(&o.path.as_ptr()).copied().unwrap_or(0));
            (
                std::cmp::Reverse(f.level),
                op,
                &*f.place.pointer,
                f.rule.id,
                i,
            )
        })
        .collect();
    keys.sort_unstable();
    let mut order: Vec<usize> = keys.into_iter().map(|k| k.4).collect();
    permute(&mut findings, &mut order);
    findings
}

/// Puts `items[order[k]]` at `k` for every `k`, in place: each cycle of
/// the permutation is followed once, so every item moves once and no
/// second list of them is made. `order` is used up.
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..items.len() {
        if order[start] == usize::MAX {
            continue;
        }
        let mut k = start;
        loop {
            let from = std::mem::replace(&mut order[k], usize::MAX);
            if from == start {
                break;
            }
            items.swap(k, from);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permute_puts_each_item_where_the_order_says() {
        let orders: [&[usize]; 5] = [&[], &[0], &[2, 0, 1], &[1, 0, 3, 2], &[4, 3, 0, 1, 2, 5]];
        for order in orders {
            let items: Vec<usize> = (0..order.len()).map(|i| i * 10).collect();
            let mut moved = items.clone();
            permute(&mut moved, &mut order.to_vec());
            let want: Vec<usize> = order.iter().map(|&i| items[i]).collect();
            assert_eq!(moved, want, "{order:?}");
        }
    }
}
