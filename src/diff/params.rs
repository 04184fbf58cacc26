//! Parameters: paired by location and name (headers case-insensitively; path
//! parameters by their position in the template, since renaming `{id}` to
//! `{petId}` changes nothing for a client).

use crate::model::{Loc, Operation, Param, ParamIn};

use super::change::{change, Change, Changes};
use super::fields::Leftovers;
use super::lifecycle::{self, Life, Removal, Transition};
use super::schema::{self, Ctx, Root, Side};
use super::Pair;
use crate::rule_id::RuleId;

fn position(p: &Param<'_>, template: &[String]) -> Option<usize> {
    template.iter().position(|n| n == p.name)
}

fn template(op: &Operation<'_>) -> Vec<String> {
    crate::model::PathTemplate::parse(op.path).params
}

/// The parameter of `new` that corresponds to `old`'s parameter `p`.
fn counterpart<'o, 'w>(
    p: &Param<'_>,
    old_op: &Operation<'_>,
    new_op: &'o Operation<'w>,
) -> Option<&'o Param<'w>> {
    if p.location == ParamIn::Path {
        // A path parameter the template does not mention is matched by name.
        if let Some(i) = position(p, &template(old_op)) {
            let names = template(new_op);
            let name = names.get(i)?;
            return new_op
                .params
                .iter()
                .find(|q| q.location == ParamIn::Path && q.name == name);
        }
    }
    // A parameter written twice pairs by its rank among the same key, so
    // that a spec compared with itself pairs each with itself.
    let key = p.key();
    let rank = old_op
        .params
        .iter()
        .take_while(|o| !std::ptr::eq(*o, p))
        .filter(|o| o.key() == key)
        .count();
    new_op.params.iter().filter(|q| q.key() == key).nth(rank)
}

/// How a parameter is written on the wire: its style and whether arrays and
/// objects are exploded, with the defaults and Swagger 2.0's
/// `collectionFormat` spelled out.
fn wire(p: &Param<'_>) -> (String, bool) {
    if let Some(format) = p.node.get_str("collectionFormat").or_else(|| {
        (p.node.get("type").is_some() && p.node.get("schema").is_none()).then_some("csv")
    }) {
        let form = matches!(p.location, ParamIn::Query | ParamIn::FormData);
        return match format {
            "ssv" => ("spaceDelimited".into(), false),
            "tsv" => ("tabDelimited".into(), false),
            "pipes" => ("pipeDelimited".into(), false),
            "multi" => ("form".into(), true),
            _ if form => ("form".into(), false),
            _ => ("simple".into(), false),
        };
    }
    let style = p.node.get_str("style").map_or_else(
        || match p.location {
            ParamIn::Query | ParamIn::Cookie | ParamIn::FormData => "form".to_string(),
            _ => "simple".to_string(),
        },
        str::to_string,
    );
    let explode = p.node.get_bool("explode").unwrap_or(style == "form");
    (style, explode)
}

/// Whether explode matters: only arrays and objects are written differently.
fn composite(p: &Param<'_>) -> bool {
    let t = p.schema.as_ref().and_then(|(_, s)| s.get_str("type"));
    !matches!(t, Some("string" | "integer" | "number" | "boolean"))
}

fn serialization(p: &Param<'_>, q: &Param<'_>, new: &Operation<'_>, out: &mut Changes) {
    let (at_old, at_new) = (&p.def, &q.def);
    let place = |c: Change, key: &str| {
        let pick = |node: &crate::load::Node, loc: &Loc| {
            if node.get(key).is_some() {
                loc.child(key)
            } else {
                loc.clone()
            }
        };
        about(
            c.old(&pick(p.node, at_old))
                .new_at(&pick(q.node, at_new))
                .operation(new),
            q,
        )
    };
    // A 2.0 array without `collectionFormat` and a 3.0 one without `style`
    // may differ in spelling only; the wire form is what counts.
    let same_dialect =
        p.node.get("collectionFormat").is_some() == q.node.get("collectionFormat").is_some();
    let ((sa, ea), (sb, eb)) = (wire(p), wire(q));
    if sa != sb && (same_dialect || composite(q)) {
        let key = if q.node.get("style").is_some() {
            "style"
        } else {
            "collectionFormat"
        };
        out.push(
            place(change(RuleId::RequestParameterStyleChanged), key)
                .arg("old", sa.clone())
                .arg("new", sb.clone()),
        );
    } else if ea != eb && composite(q) {
        out.push(
            place(change(RuleId::RequestParameterExplodeChanged), "explode")
                .arg("old", ea.to_string())
                .arg("new", eb.to_string()),
        );
    }
    let flag = |p: &Param<'_>, key: &str| p.node.get_bool(key) == Some(true);
    if flag(p, "allowReserved") != flag(q, "allowReserved") {
        out.push(
            place(
                change(RuleId::RequestParameterAllowReservedChanged),
                "allowReserved",
            )
            .arg("old", flag(p, "allowReserved").to_string())
            .arg("new", flag(q, "allowReserved").to_string()),
        );
    }
    match (flag(p, "allowEmptyValue"), flag(q, "allowEmptyValue")) {
        (true, false) => out.push(place(
            change(RuleId::RequestParameterAllowEmptyValueRemoved),
            "allowEmptyValue",
        )),
        (false, true) => out.push(place(
            change(RuleId::RequestParameterAllowEmptyValueAdded),
            "allowEmptyValue",
        )),
        _ => {}
    }
    let encoding = |p: &Param<'_>| -> Option<String> {
        let content = p
            .node
            .get("content")
            .and_then(crate::load::Node::as_object)?;
        Some(format!(
            "`content` ({})",
            content
                .iter()
                .map(|(k, _)| k)
                .collect::<Vec<_>>()
                .join(", ")
        ))
    };
    let (ca, cb) = (encoding(p), encoding(q));
    if ca != cb {
        let shown = |c: Option<String>| c.unwrap_or_else(|| "`schema`".to_string());
        out.push(
            place(change(RuleId::RequestParameterContentChanged), "content")
                .arg("old", shown(ca))
                .arg("new", shown(cb)),
        );
    }
}

fn about(c: Change, p: &Param<'_>) -> Change {
    c.arg("in", p.location.name()).arg("name", p.name)
}

pub fn compare(pair: &Pair<'_, '_>, old: &Operation<'_>, new: &Operation<'_>, out: &mut Changes) {
    // Swagger 2.0 body and form parameters are compared as request bodies.
    let plain = |p: &&Param<'_>| !matches!(p.location, ParamIn::Body | ParamIn::FormData);
    for p in old.params.iter().filter(plain) {
        match counterpart(p, old, new) {
            Some(q) => paired(pair, p, q, new, out),
            None => removed(pair, p, new, out),
        }
    }
    for q in new.params.iter().filter(plain) {
        if counterpart(q, new, old).is_some() {
            continue;
        }
        let id = if q.location == ParamIn::Path {
            RuleId::NewRequestPathParameter
        } else if q.required {
            RuleId::NewRequiredRequestParameter
        } else {
            RuleId::NewOptionalRequestParameter
        };
        out.push(about(change(id).new_at(&q.loc).operation(new), q));
    }
}

fn removed(pair: &Pair<'_, '_>, p: &Param<'_>, new: &Operation<'_>, out: &mut Changes) {
    let id = match lifecycle::removal(life(p), lifecycle::today(pair.options)) {
        Removal::WithoutDeprecation => RuleId::RequestParameterRemoved,
        Removal::SunsetUnreadable => RuleId::RequestParameterSunsetParse,
        Removal::BeforeSunset => RuleId::RequestParameterRemovedBeforeSunset,
        Removal::AfterDeprecation => RuleId::RequestParameterRemovedWithDeprecation,
    };
    out.push(about(change(id).old(&p.loc).operation(new), p));
}

fn life<'w>(p: &Param<'w>) -> Life<'w> {
    Life {
        deprecated: p.node.get_bool("deprecated") == Some(true),
        sunset: p.node.get_str("x-sunset"),
    }
}

/// A parameter's deprecation and sunset, judged by the policy of its
/// operation's stability level.
fn deprecation<'w>(
    pair: &Pair<'_, '_>,
    p: &Param<'w>,
    q: &Param<'w>,
    new: &Operation<'_>,
    out: &mut Changes,
) {
    let notice = lifecycle::notice_days(pair.options, None);
    let today = lifecycle::today(pair.options);
    let Some(t) = lifecycle::transition(life(p), life(q), notice, today) else {
        return;
    };
    let (old_sunset, new_sunset) = (p.def.child("x-sunset"), q.def.child("x-sunset"));
    let c = match t {
        Transition::Deprecated => change(RuleId::RequestParameterDeprecated),
        Transition::DeprecatedWithSunset(text) => {
            change(RuleId::RequestParameterDeprecated).arg("sunset", text)
        }
        Transition::SunsetUnreadable(text) => {
            change(RuleId::RequestParameterSunsetParse).arg("sunset", text)
        }
        Transition::SunsetTooSoon { sunset, .. } => {
            change(RuleId::RequestParameterSunsetDateTooSmall).arg("sunset", sunset)
        }
        Transition::SunsetMissing => change(RuleId::RequestParameterDeprecatedSunsetMissing),
        Transition::Reactivated => change(RuleId::RequestParameterReactivated),
        Transition::SunsetDeleted(text) => {
            let c = change(RuleId::RequestParameterSunsetDeleted)
                .old(&old_sunset)
                .new_at(&q.loc)
                .operation(new);
            out.push(about(c, q).arg("sunset", text));
            return;
        }
        Transition::SunsetEarlier { old: a, new: b } => {
            let c = change(RuleId::RequestParameterSunsetDateChangedTooSmall)
                .old(&old_sunset)
                .new_at(&new_sunset)
                .operation(new);
            out.push(about(c, q).arg("old", a).arg("new", b).arg("sunset", b));
            return;
        }
        Transition::SunsetChangedUnreadable {
            old: a,
            new: b,
            unreadable,
        } => {
            let c = change(RuleId::RequestParameterSunsetParse)
                .old(&old_sunset)
                .new_at(&new_sunset)
                .operation(new);
            out.push(
                about(c, q)
                    .arg("old", a)
                    .arg("new", b)
                    .arg("sunset", unreadable),
            );
            return;
        }
    };
    out.push(about(c.old(&p.loc).new_at(&q.loc).operation(new), q));
}

fn paired(
    pair: &Pair<'_, '_>,
    p: &Param<'_>,
    q: &Param<'_>,
    new: &Operation<'_>,
    out: &mut Changes,
) {
    if p.required != q.required {
        let id = if q.required {
            RuleId::RequestParameterBecameRequired
        } else {
            RuleId::RequestParameterBecameOptional
        };
        out.push(about(
            change(id).old(&p.loc).new_at(&q.loc).operation(new),
            q,
        ));
    }
    deprecation(pair, p, q, new, out);
    serialization(p, q, new, out);
    // Swagger 2.0 parameters carry their schema inline. When both sides do,
    // the schema comparison sees every field; when one does, its schema
    // keywords are compared as the schema and the rest here.
    let inline = |p: &Param<'_>| p.schema.as_ref().is_some_and(|(l, _)| *l == p.def);
    let mixed = inline(p) != inline(q);
    if !(inline(p) && inline(q)) {
        let label = format!(
            "{} parameter `{}` of {}",
            q.location.name(),
            q.name,
            new.label()
        );
        let mut handled: Vec<&str> = vec![
            "name",
            "in",
            "required",
            "deprecated",
            "x-sunset",
            "schema",
            "content",
            "style",
            "explode",
            "allowReserved",
            "allowEmptyValue",
            "collectionFormat",
        ];
        if mixed {
            handled.extend(schema::KEYWORDS);
        }
        Leftovers {
            old: (&p.def, p.node),
            new: (&q.def, q.node),
            handled: &handled,
            other: RuleId::RequestParameterChanged,
            label,
            args: vec![
                ("in", q.location.name().to_string()),
                ("name", q.name.to_string()),
            ],
        }
        .report(Some(new), out);
    }
    if let (Some((old_loc, old_node)), Some((new_loc, new_node))) = (&p.schema, &q.schema) {
        let mut ctx = Ctx::request(Root::Parameter {
            location: q.location,
            name: q.name.to_string(),
        });
        // The inline side's parameter fields are the parameter's, compared above.
        ctx.parameter_fields = mixed;
        schema::compare(
            pair,
            Side {
                loc: old_loc.clone(),
                node: old_node,
            },
            Side {
                loc: new_loc.clone(),
                node: new_node,
            },
            &ctx,
            new,
            out,
        );
    }
}
