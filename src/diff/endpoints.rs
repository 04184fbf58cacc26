//! Endpoints: pairing operations across versions, what was added, removed,
//! deprecated or reactivated, and the comparison of each paired operation.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::{Operation, PathItem};

use super::change::{change, Changes};
use super::fields::Leftovers;
use super::lifecycle::{self, Life, Removal, Transition};
use super::{params, payloads, security, Pair, Stability};
use crate::model::spec::servers_of;
use crate::rule_id::RuleId;

/// `(method, path shape)`: `/pets/{id}` and `/pets/{petId}` are one endpoint.
type Key = (&'static str, String);

fn key(op: &Operation<'_>, item: &PathItem<'_>) -> Key {
    (op.method, item.template.shape.clone())
}

pub fn compare(pair: &Pair<'_, '_>, out: &mut Changes) {
    // Several paths can share a shape (`/pets/{id}` and `/pets/{name}`):
    // each is paired with the one of the same text first, then in order.
    let mut new_ops: HashMap<Key, Vec<(&Operation<'_>, &PathItem<'_>)>> = HashMap::default();
    for item in &pair.new.paths {
        for op in &item.operations {
            new_ops.entry(key(op, item)).or_default().push((op, item));
        }
    }
    let new_shapes: HashSet<&str> = pair
        .new
        .paths
        .iter()
        .map(|i| i.template.shape.as_str())
        .collect();
    let mut used: HashSet<(usize, usize)> = HashSet::default();
    let mut old_ops: Vec<(&Operation<'_>, &PathItem<'_>)> = Vec::new();
    for item in &pair.old.paths {
        for op in &item.operations {
            old_ops.push((op, item));
        }
    }
    let place = |op: &Operation<'_>| (op.loc.doc.0 as usize, op.node.span.start as usize);
    let mut partner: Vec<Option<(&Operation<'_>, &PathItem<'_>)>> = vec![None; old_ops.len()];
    for exact in [true, false] {
        for (i, (op, item)) in old_ops.iter().enumerate() {
            if partner[i].is_some() {
                continue;
            }
            let found = new_ops.get(&key(op, item)).and_then(|list| {
                list.iter()
                    .find(|(n, ni)| !used.contains(&place(n)) && (!exact || ni.key == item.key))
                    .copied()
            });
            if let Some(found) = found {
                used.insert(place(found.0));
                partner[i] = Some(found);
            }
        }
    }
    for ((op, item), found) in old_ops.iter().zip(partner) {
        match found {
            Some((new_op, _)) => {
                if stability(pair, op, new_op, out) {
                    operation(pair, op, new_op, out);
                }
            }
            None if may_break(pair, op) => {}
            None => removed(
                pair,
                op,
                new_shapes.contains(item.template.shape.as_str()),
                out,
            ),
        }
    }
    path_items(pair, out);
    for item in &pair.new.paths {
        for op in &item.operations {
            if !used.contains(&place(op)) {
                out.push(change(RuleId::EndpointAdded).new_at(&op.loc).operation(op));
            }
        }
    }
    webhooks(pair, out);
}

fn level(op: &Operation<'_>) -> Result<Option<Stability>, String> {
    match op.node.get("x-stability-level") {
        None => Ok(None),
        Some(v) => match v.as_str().and_then(Stability::parse) {
            Some(s) => Ok(Some(s)),
            None => Err(v
                .as_str()
                .map_or_else(|| v.kind().to_string(), str::to_string)),
        },
    }
}

/// Endpoints below the checked stability level may change in any way.
fn may_break(pair: &Pair<'_, '_>, op: &Operation<'_>) -> bool {
    matches!(level(op), Ok(Some(s)) if s < pair.options.floor())
}

/// Reports stability changes; false when the operation is not to be compared
/// further (an invalid level, or one that may break).
fn stability(
    pair: &Pair<'_, '_>,
    old: &Operation<'_>,
    new: &Operation<'_>,
    out: &mut Changes,
) -> bool {
    let key = "x-stability-level";
    let (was, is) = match (level(old), level(new)) {
        // The same invalid level in both versions changed nothing; the
        // endpoint is then held to every promise, as a stable one is.
        (Err(a), Err(b)) if a == b => (Ok(None), Ok(None)),
        other => other,
    };
    match (was, is) {
        (Err(value), _) => {
            out.push(
                change(RuleId::ApiInvalidStabilityLevel)
                    .old(&old.loc.child(key))
                    .operation(new)
                    .arg("value", value),
            );
            false
        }
        (_, Err(value)) => {
            out.push(
                change(RuleId::ApiInvalidStabilityLevel)
                    .new_at(&new.loc.child(key))
                    .operation(new)
                    .arg("value", value),
            );
            false
        }
        (Ok(a), Ok(b)) => {
            let (ra, rb) = (
                a.unwrap_or(Stability::Stable),
                b.unwrap_or(Stability::Stable),
            );
            // An endpoint below the checked level promised nothing, so a move
            // from there is not news.
            if ra != rb && ra >= pair.options.floor() {
                let id = if rb < ra {
                    RuleId::ApiStabilityDecreased
                } else {
                    RuleId::ApiStabilityIncreased
                };
                out.push(
                    change(id)
                        .old(&old.loc)
                        .new_at(&new.loc.child(key))
                        .operation(new)
                        .arg("old", ra.name())
                        .arg("new", rb.name()),
                );
            }
            !may_break(pair, old)
        }
    }
}

fn sunset<'w>(op: &Operation<'w>) -> Option<&'w str> {
    op.node.get_str("x-sunset")
}

fn removed(pair: &Pair<'_, '_>, op: &Operation<'_>, path_still_there: bool, out: &mut Changes) {
    use RuleId as R;
    // (without deprecation, sunset not a date, before sunset, after deprecation)
    let [without, unparsed, early, deprecated] = if path_still_there {
        [
            R::ApiRemovedWithoutDeprecation,
            R::ApiPathSunsetParse,
            R::ApiRemovedBeforeSunset,
            R::ApiRemovedWithDeprecation,
        ]
    } else {
        [
            R::ApiPathRemovedWithoutDeprecation,
            R::ApiPathSunsetParse,
            R::ApiPathRemovedBeforeSunset,
            R::ApiPathRemovedWithDeprecation,
        ]
    };
    let id = match lifecycle::removal(life(op), lifecycle::today(pair.options)) {
        Removal::WithoutDeprecation => without,
        Removal::SunsetUnreadable => unparsed,
        Removal::BeforeSunset => early,
        Removal::AfterDeprecation => deprecated,
    };
    let mut c = change(id).old(&op.loc).operation(op);
    if let Some(text) = sunset(op) {
        c = c.arg("sunset", text);
    }
    out.push(c);
}

fn operation(pair: &Pair<'_, '_>, old: &Operation<'_>, new: &Operation<'_>, out: &mut Changes) {
    deprecation(pair, old, new, out);
    Leftovers {
        old: (&old.loc, old.node),
        new: (&new.loc, new.node),
        handled: &[
            "operationId",
            "tags",
            "parameters",
            "requestBody",
            "responses",
            "callbacks",
            "security",
            "deprecated",
            "x-sunset",
            "x-stability-level",
            // Swagger 2.0: read as the media types of bodies and responses.
            "consumes",
            "produces",
            "schemes",
            "servers",
        ],
        other: RuleId::EndpointChanged,
        label: new.label(),
        args: vec![("where", new.label())],
    }
    .report(Some(new), out);
    let (a, b) = (
        servers_of(old.node, &old.loc),
        servers_of(new.node, &new.loc),
    );
    super::servers::lists(pair, &a, &b, Some(new), out);
    media_lists(old, new, out);
    match (&old.operation_id, &new.operation_id) {
        (None, Some((id, loc))) => {
            out.push(
                change(RuleId::ApiOperationIdAdded)
                    .new_at(loc)
                    .operation(new)
                    .arg("id", *id),
            );
        }
        (Some((id, loc)), None) => {
            out.push(
                change(RuleId::ApiOperationIdRemoved)
                    .old(loc)
                    .operation(new)
                    .arg("id", *id),
            );
        }
        (Some((a, loc_a)), Some((b, loc_b))) if a != b => {
            out.push(
                change(RuleId::ApiOperationIdRemoved)
                    .old(loc_a)
                    .new_at(loc_b)
                    .operation(new)
                    .arg("id", *a),
            );
            out.push(
                change(RuleId::ApiOperationIdAdded)
                    .old(loc_a)
                    .new_at(loc_b)
                    .operation(new)
                    .arg("id", *b),
            );
        }
        _ => {}
    }
    tags(old, new, out);
    security::operation(pair, old, new, out);
    params::compare(pair, old, new, out);
    payloads::request_body(pair, old, new, out);
    payloads::responses(pair, old, new, out);
    super::callbacks::compare(pair, old, new, out);
}

/// Operations of path items that pair by name (webhooks), compared like endpoints.
fn nested_items(
    pair: &Pair<'_, '_>,
    old: &[PathItem<'_>],
    new: &[PathItem<'_>],
    out: &mut Changes,
) {
    for a in old {
        let Some(b) = new
            .iter()
            .find(|b| b.key == a.key && b.kind_name() == a.kind_name())
        else {
            continue;
        };
        for op in &a.operations {
            if let Some(new_op) = b.operations.iter().find(|o| o.method == op.method) {
                operation(pair, op, new_op, out);
            }
        }
    }
}

fn life<'w>(op: &Operation<'w>) -> Life<'w> {
    Life {
        deprecated: op.deprecated,
        sunset: sunset(op),
    }
}

fn deprecation<'w>(
    pair: &Pair<'_, '_>,
    old: &Operation<'w>,
    new: &Operation<'w>,
    out: &mut Changes,
) {
    let (life_old, life_new) = (life(old), life(new));
    let notice = min_days(pair, new);
    let today = lifecycle::today(pair.options);
    let Some(t) = lifecycle::transition(life_old, life_new, notice, today) else {
        return;
    };
    let at = new.loc.child("deprecated");
    let (old_sunset, new_sunset) = (old.loc.child("x-sunset"), new.loc.child("x-sunset"));
    let c = match t {
        Transition::SunsetUnreadable(text) => change(RuleId::ApiDeprecatedSunsetParse)
            .new_at(&new_sunset)
            .arg("sunset", text),
        Transition::SunsetTooSoon { sunset, days } => change(RuleId::ApiSunsetDateTooSmall)
            .new_at(&new_sunset)
            .arg("sunset", sunset)
            .arg("days", days.to_string()),
        Transition::DeprecatedWithSunset(text) => change(RuleId::EndpointDeprecatedWithSunset)
            .old(&old.loc)
            .new_at(&at)
            .arg("sunset", text),
        Transition::SunsetMissing => change(RuleId::ApiDeprecatedSunsetMissing).new_at(&at),
        Transition::Deprecated => change(RuleId::EndpointDeprecated).old(&old.loc).new_at(&at),
        Transition::Reactivated => change(RuleId::EndpointReactivated)
            .old(&old.loc.child("deprecated"))
            .new_at(&new.loc),
        Transition::SunsetDeleted(text) => change(RuleId::SunsetDeleted)
            .old(&old_sunset)
            .new_at(&new.loc)
            .arg("sunset", text),
        Transition::SunsetEarlier { old: a, new: b } => {
            change(RuleId::ApiSunsetDateChangedTooSmall)
                .old(&old_sunset)
                .new_at(&new_sunset)
                .arg("old", a)
                .arg("new", b)
        }
        Transition::SunsetChangedUnreadable { unreadable, .. } => {
            change(RuleId::ApiPathSunsetParse)
                .old(&old_sunset)
                .new_at(&new_sunset)
                .arg("sunset", unreadable)
        }
    };
    out.push(c.operation(new));
}

/// The deprecation period the options ask for at the operation's stability.
fn min_days(pair: &Pair<'_, '_>, op: &Operation<'_>) -> Option<u32> {
    let level = op
        .node
        .get_str("x-stability-level")
        .and_then(Stability::parse);
    lifecycle::notice_days(pair.options, level)
}

fn tags(old: &Operation<'_>, new: &Operation<'_>, out: &mut Changes) {
    for tag in &new.tags {
        if !old.tags.contains(tag) {
            out.push(
                change(RuleId::ApiTagAdded)
                    .new_at(&new.loc.child("tags"))
                    .operation(new)
                    .arg("tag", *tag),
            );
        }
    }
    for tag in &old.tags {
        if !new.tags.contains(tag) {
            out.push(
                change(RuleId::ApiTagRemoved)
                    .old(&old.loc.child("tags"))
                    .operation(new)
                    .arg("tag", *tag),
            );
        }
    }
}

fn webhooks(pair: &Pair<'_, '_>, out: &mut Changes) {
    nested_items(pair, &pair.old.webhooks, &pair.new.webhooks, out);
    let names = |items: &[PathItem<'_>]| -> Vec<(String, crate::model::Loc)> {
        items
            .iter()
            .map(|i| (i.key.to_string(), i.loc.clone()))
            .collect()
    };
    let old = names(&pair.old.webhooks);
    let new = names(&pair.new.webhooks);
    for (name, loc) in &old {
        if !new.iter().any(|(n, _)| n == name) {
            out.push(
                change(RuleId::WebhookRemoved)
                    .old(loc)
                    .arg("name", name.clone()),
            );
        }
    }
    for (name, loc) in &new {
        if !old.iter().any(|(n, _)| n == name) {
            out.push(
                change(RuleId::WebhookAdded)
                    .new_at(loc)
                    .arg("name", name.clone()),
            );
        }
    }
}

/// Operations present in both versions, paired as [`compare`] pairs them.
pub fn paired_operations<'a, 'w>(
    old: &'a crate::model::Spec<'w>,
    new: &'a crate::model::Spec<'w>,
) -> Vec<(&'a Operation<'w>, &'a Operation<'w>)> {
    let mut new_ops: HashMap<Key, &Operation<'w>> = HashMap::default();
    for item in &new.paths {
        for op in &item.operations {
            new_ops.entry(key(op, item)).or_insert(op);
        }
    }
    let mut out = Vec::new();
    for item in &old.paths {
        for op in &item.operations {
            if let Some(new_op) = new_ops.get(&key(op, item)) {
                out.push((op, *new_op));
            }
        }
    }
    out
}

/// The fields of a path item beside its operations: its summary and
/// description, servers, extensions.
fn path_items(pair: &Pair<'_, '_>, out: &mut Changes) {
    let mut handled: Vec<&str> = crate::model::spec::METHODS.to_vec();
    handled.extend(["parameters", "$ref", "servers"]);
    let mut new_items = HashMap::default();
    for b in &pair.new.paths {
        let key = (b.template.shape.as_str(), b.kind_name(), b.key);
        new_items.entry(key).or_insert(b);
    }
    for a in &pair.old.paths {
        let key = (a.template.shape.as_str(), a.kind_name(), a.key);
        let Some(b) = new_items.get(&key) else {
            continue;
        };
        let label = format!("path `{}`", b.key);
        Leftovers {
            old: (&a.loc, a.node),
            new: (&b.loc, b.node),
            handled: &handled,
            other: RuleId::EndpointChanged,
            label: label.clone(),
            args: vec![("where", label)],
        }
        .report(None, out);
        let (x, y) = (servers_of(a.node, &a.loc), servers_of(b.node, &b.loc));
        super::servers::lists(pair, &x, &y, None, out);
    }
}

/// Swagger 2.0 `consumes`/`produces` of an operation: where there is a body,
/// its media types are compared with it; where there is none, a changed list
/// documents nothing a client sends or receives, and says so.
fn media_lists(old: &Operation<'_>, new: &Operation<'_>, out: &mut Changes) {
    let bodies = |op: &Operation<'_>, key: &str| match key {
        "consumes" => op.request_body.is_some(),
        _ => op.responses.iter().any(|r| !r.content.is_empty()),
    };
    for key in ["consumes", "produces"] {
        let (x, y) = (old.node.get(key), new.node.get(key));
        let same = match (x, y) {
            (Some(x), Some(y)) => x.same_value(y),
            (None, None) => true,
            _ => false,
        };
        if same || bodies(old, key) || bodies(new, key) {
            continue;
        }
        let at = |op: &Operation<'_>, v: Option<&crate::load::Node>| {
            if v.is_some() {
                op.loc.child(key)
            } else {
                op.loc.clone()
            }
        };
        out.push(
            change(RuleId::AnnotationChanged)
                .old(&at(old, x))
                .new_at(&at(new, y))
                .operation(new)
                .arg("field", key)
                .arg("where", new.label()),
        );
    }
}
