//! Parameters: paired by location and name (headers case-insensitively; path
//! parameters by their position in the template, since renaming `{id}` to
//! `{petId}` changes nothing for a client).

use crate::model::{Operation, Param, ParamIn};

use super::change::{change, Change, Changes};
use super::schema::{self, Ctx, Root, Side};
use super::{dates, Pair};

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
            "new-request-path-parameter"
        } else if q.required {
            "new-required-request-parameter"
        } else {
            "new-optional-request-parameter"
        };
        out.push(about(change(id).new_at(&q.loc).operation(new), q));
    }
}

fn removed(pair: &Pair<'_, '_>, p: &Param<'_>, new: &Operation<'_>, out: &mut Changes) {
    let deprecated = p.node.get_bool("deprecated") == Some(true);
    let today = pair.options.today.unwrap_or_else(dates::today);
    let id = match (deprecated, p.node.get_str("x-sunset")) {
        (false, _) => "request-parameter-removed",
        (true, Some(text)) => match dates::parse(text) {
            None => "request-parameter-sunset-parse",
            Some(day) if day > today => "request-parameter-removed-before-sunset",
            Some(_) => "request-parameter-removed-with-deprecation",
        },
        (true, None) => "request-parameter-removed-with-deprecation",
    };
    out.push(about(change(id).old(&p.loc).operation(new), p));
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
            "request-parameter-became-required"
        } else {
            "request-parameter-became-optional"
        };
        out.push(about(
            change(id).old(&p.loc).new_at(&q.loc).operation(new),
            q,
        ));
    }
    let was = p.node.get_bool("deprecated") == Some(true);
    let is = q.node.get_bool("deprecated") == Some(true);
    let old_sunset = p.node.get_str("x-sunset");
    let new_sunset = q.node.get_str("x-sunset");
    let today = pair.options.today.unwrap_or_else(dates::today);
    let sunset_at = q.def.child("x-sunset");
    match (was, is) {
        (false, true) => {
            let policy = pair.options.deprecation_days_stable.filter(|d| *d > 0);
            let id = match new_sunset.map(dates::parse) {
                Some(None) => "request-parameter-sunset-parse",
                Some(Some(day)) if policy.is_some_and(|d| day < today + i64::from(d)) => {
                    "request-parameter-sunset-date-too-small"
                }
                None if policy.is_some() => "request-parameter-deprecated-sunset-missing",
                _ => "request-parameter-deprecated",
            };
            let mut c = about(change(id).old(&p.loc).new_at(&q.loc).operation(new), q);
            if let Some(text) = new_sunset {
                c = c.arg("sunset", text);
            }
            out.push(c);
        }
        (true, false) => {
            out.push(about(
                change("request-parameter-reactivated")
                    .old(&p.loc)
                    .new_at(&q.loc)
                    .operation(new),
                q,
            ));
        }
        (true, true) => match (old_sunset, new_sunset) {
            (Some(text), None) => out.push(
                about(
                    change("request-parameter-sunset-deleted")
                        .old(&p.def.child("x-sunset"))
                        .new_at(&q.loc)
                        .operation(new),
                    q,
                )
                .arg("sunset", text),
            ),
            (Some(a), Some(b)) if a != b => {
                let id = match (dates::parse(a), dates::parse(b)) {
                    (Some(x), Some(y)) if y < x => {
                        Some("request-parameter-sunset-date-changed-too-small")
                    }
                    (Some(_), Some(_)) => None,
                    _ => Some("request-parameter-sunset-parse"),
                };
                if let Some(id) = id {
                    out.push(
                        about(
                            change(id)
                                .old(&p.def.child("x-sunset"))
                                .new_at(&sunset_at)
                                .operation(new),
                            q,
                        )
                        .arg("old", a)
                        .arg("new", b)
                        .arg("sunset", b),
                    );
                }
            }
            _ => {}
        },
        (false, false) => {}
    }
    if let (Some((old_loc, old_node)), Some((new_loc, new_node))) = (&p.schema, &q.schema) {
        let ctx = Ctx::request(Root::Parameter {
            location: q.location,
            name: q.name.to_string(),
        });
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
