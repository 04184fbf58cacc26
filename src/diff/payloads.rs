//! Request bodies and responses: presence, media types, status codes and
//! headers, then the schemas they carry.

use crate::load::Node;
use crate::model::{Loc, Media, Operation, Response};

use super::change::{change, Changes};
use super::fields::Leftovers;
use super::schema::{self, Ctx, Root, Side};
use super::Pair;
use crate::rule_id::RuleId;

type MediaPair<'a, 'w> = (Option<&'a Media<'w>>, Option<&'a Media<'w>>);

/// Pairs media types exactly first, then through ranges (`*/*`,
/// `application/*`) in either direction.
fn media_pairs<'a, 'w>(old: &'a [Media<'w>], new: &'a [Media<'w>]) -> Vec<MediaPair<'a, 'w>> {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, m) in old.iter().enumerate() {
        if let Some(j) = new
            .iter()
            .position(|n| same_media(&n.media_type, &m.media_type))
        {
            pairs.push((i, j));
        }
    }
    for (i, m) in old.iter().enumerate() {
        if pairs.iter().any(|p| p.0 == i) {
            continue;
        }
        let free = |j: usize| !pairs.iter().any(|p| p.1 == j);
        let found = new.iter().enumerate().position(|(j, n)| {
            free(j)
                && (covers(&n.media_type, &m.media_type) || covers(&m.media_type, &n.media_type))
        });
        if let Some(j) = found {
            pairs.push((i, j));
        }
    }
    let mut out: Vec<MediaPair<'a, 'w>> = old
        .iter()
        .enumerate()
        .map(|(i, m)| (Some(m), pairs.iter().find(|p| p.0 == i).map(|p| &new[p.1])))
        .collect();
    for (j, n) in new.iter().enumerate() {
        if !pairs.iter().any(|p| p.1 == j) {
            out.push((None, Some(n)));
        }
    }
    out
}

/// True when media range `range` includes `media` (`application/*` covers
/// `application/json`; `*/*` covers everything).
fn covers(range: &str, media: &str) -> bool {
    let essence = |s: &str| {
        s.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    };
    let (range, media) = (essence(range), essence(media));
    match range.split_once('/') {
        Some(("*", "*")) => true,
        Some((kind, "*")) => media.split_once('/').is_some_and(|(k, _)| k == kind),
        _ => false,
    }
}

/// Media types compare without parameters' spacing and case (`application/json; charset=utf-8`).
fn same_media(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.to_ascii_lowercase().replace(' ', "");
    norm(a) == norm(b)
}

/// The media type's schema as written: a `$ref` stays a `$ref`, so that
/// what is written beside it is compared too.
fn schema_side<'w>(ws: &'w crate::model::Workspace, m: &Media<'w>) -> Option<Side<'w>> {
    let (loc, node) = m.schema.as_ref()?;
    let raw = Loc::new(m.loc.doc, format!("{}/schema", m.loc.pointer));
    match m.schema_written {
        Some(n) if n.ref_target().is_some() && ws.deref(&raw, n).0 == *loc => {
            Some(Side { loc: raw, node: n })
        }
        _ => Some(Side {
            loc: loc.clone(),
            node,
        }),
    }
}

pub fn request_body(
    pair: &Pair<'_, '_>,
    old: &Operation<'_>,
    new: &Operation<'_>,
    out: &mut Changes,
) {
    match (&old.request_body, &new.request_body) {
        (None, None) => {}
        (None, Some(b)) => {
            let id = if b.required {
                RuleId::RequestBodyAddedRequired
            } else {
                RuleId::RequestBodyAddedOptional
            };
            out.push(change(id).new_at(&b.loc).operation(new));
        }
        (Some(b), None) => {
            out.push(
                change(RuleId::RequestBodyRemoved)
                    .old(&b.loc)
                    .operation(new),
            );
        }
        (Some(a), Some(b)) => {
            if a.required != b.required {
                let id = if b.required {
                    RuleId::RequestBodyBecameRequired
                } else {
                    RuleId::RequestBodyBecameOptional
                };
                out.push(change(id).old(&a.loc).new_at(&b.loc).operation(new));
            }
            if let (Some((la, x)), Some((lb, y))) = (&a.def, &b.def) {
                // A Swagger 2.0 body parameter's name never reaches the wire.
                if let (Some(p), Some(q)) = (x.get_str("name"), y.get_str("name")) {
                    if p != q {
                        out.push(
                            change(RuleId::AnnotationChanged)
                                .old(&la.child("name"))
                                .new_at(&lb.child("name"))
                                .operation(new)
                                .arg("field", "name")
                                .arg("where", format!("the body parameter of {}", new.label())),
                        );
                    }
                }
                Leftovers {
                    old: (la, x),
                    new: (lb, y),
                    // Swagger 2.0 writes the body as a parameter.
                    handled: &["content", "required", "name", "in", "schema"],
                    other: RuleId::RequestBodyChanged,
                    label: format!("the request body of {}", new.label()),
                    args: Vec::new(),
                }
                .report(Some(new), out);
            }
            for (m, n) in media_pairs(&a.content, &b.content) {
                match (m, n) {
                    (Some(m), None) => {
                        out.push(
                            change(RuleId::RequestBodyMediaTypeRemoved)
                                .old(&m.loc)
                                .operation(new)
                                .arg("media", m.media_type.clone()),
                        );
                    }
                    (None, Some(n)) => {
                        out.push(
                            change(RuleId::RequestBodyMediaTypeAdded)
                                .new_at(&n.loc)
                                .operation(new)
                                .arg("media", n.media_type.clone()),
                        );
                    }
                    (Some(m), Some(n)) => {
                        media(pair, m, n, None, new, out);
                        form(pair, (old, m), (new, n), out);
                    }
                    (None, None) => {}
                }
            }
        }
    }
}

/// A Swagger 2.0 form: its `formData` parameters are the properties of the
/// body, compared as such (each carries its schema inline).
fn form(
    pair: &Pair<'_, '_>,
    (old, m): (&Operation<'_>, &Media<'_>),
    (new, n): (&Operation<'_>, &Media<'_>),
    out: &mut Changes,
) {
    if m.form_fields.is_empty() && n.form_fields.is_empty() {
        return;
    }
    let fields = |op: &Operation<'_>, media: &Media<'_>| -> Vec<usize> {
        media
            .form_fields
            .iter()
            .copied()
            .filter(|&i| i < op.params.len())
            .collect()
    };
    let (a, b) = (fields(old, m), fields(new, n));
    let by_name = |op: &Operation<'_>, list: &[usize], name: &str| {
        list.iter().copied().find(|&i| op.params[i].name == name)
    };
    for &i in &a {
        let p = &old.params[i];
        match by_name(new, &b, p.name) {
            None => out.push(
                change(RuleId::RequestPropertyRemoved)
                    .old(&p.loc)
                    .operation(new)
                    .arg("name", p.name),
            ),
            Some(j) => {
                let q = &new.params[j];
                if p.required != q.required {
                    let id = if q.required {
                        RuleId::RequestPropertyBecameRequired
                    } else {
                        RuleId::RequestPropertyBecameOptional
                    };
                    out.push(
                        change(id)
                            .old(&p.loc)
                            .new_at(&q.loc)
                            .operation(new)
                            .arg("name", q.name),
                    );
                }
                let mut ctx = Ctx::request(Root::Body).loosely_typed(&n.media_type);
                ctx.path.push(q.name.to_string());
                // The field's own `required`, `name` and `in` are compared here.
                ctx.parameter_fields = false;
                schema::compare(
                    pair,
                    Side {
                        loc: p.def.clone(),
                        node: p.node,
                    },
                    Side {
                        loc: q.def.clone(),
                        node: q.node,
                    },
                    &ctx,
                    new,
                    out,
                );
            }
        }
    }
    for &j in &b {
        let q = &new.params[j];
        if by_name(old, &a, q.name).is_none() {
            let id = if q.required {
                RuleId::NewRequiredRequestProperty
            } else {
                RuleId::NewOptionalRequestProperty
            };
            out.push(
                change(id)
                    .old(&m.loc)
                    .new_at(&q.loc)
                    .operation(new)
                    .arg("name", q.name),
            );
        }
    }
}

/// One media type on both sides; `status` is the response's, `None` for
/// the request body.
fn media(
    pair: &Pair<'_, '_>,
    m: &Media<'_>,
    n: &Media<'_>,
    status: Option<&str>,
    op: &Operation<'_>,
    out: &mut Changes,
) {
    let request = status.is_none();
    if let (Some(x), Some(y)) = (m.node, n.node) {
        // Swagger 2.0 media types are made of `consumes`/`produces` and hold
        // nothing of their own.
        let real = |n: &Node| n.get("in").is_none() && n.get("description").is_none();
        if real(x) && real(y) {
            let (other, args) = match status {
                None => (RuleId::RequestBodyChanged, Vec::new()),
                Some(code) => (RuleId::ResponseChanged, vec![("status", code.to_string())]),
            };
            Leftovers {
                old: (&m.loc, x),
                new: (&n.loc, y),
                handled: &["schema"],
                other,
                label: format!("the `{}` body of {}", n.media_type, op.label()),
                args,
            }
            .report(Some(op), out);
        }
    }
    let (added, removed) = if request {
        (
            RuleId::RequestBodyMediaTypeSchemaAdded,
            RuleId::RequestBodyMediaTypeSchemaRemoved,
        )
    } else {
        (
            RuleId::ResponseBodyMediaTypeSchemaAdded,
            RuleId::ResponseBodyMediaTypeSchemaRemoved,
        )
    };
    match (schema_side(pair.old.ws, m), schema_side(pair.new.ws, n)) {
        (Some(a), Some(b)) => {
            let ctx = if request {
                Ctx::request(Root::Body)
            } else {
                Ctx::response(Root::Body)
            }
            .loosely_typed(&n.media_type);
            schema::compare(pair, a, b, &ctx, op, out);
        }
        (None, Some(b)) => {
            out.push(
                change(added)
                    .new_at(&b.loc)
                    .operation(op)
                    .arg("media", n.media_type.clone()),
            );
        }
        (Some(a), None) => {
            out.push(
                change(removed)
                    .old(&a.loc)
                    .new_at(&n.loc)
                    .operation(op)
                    .arg("media", n.media_type.clone()),
            );
        }
        (None, None) => {}
    }
}

fn is_success(status: &str) -> bool {
    status.starts_with('2') || status.starts_with('3')
}

/// `2XX` includes `200`: a status replaced by its range (or the reverse) is
/// the same response.
fn in_range(a: &str, b: &str) -> bool {
    let range = |r: &str, code: &str| {
        r.len() == 3
            && r[1..].eq_ignore_ascii_case("XX")
            && code.len() == 3
            && code.starts_with(&r[..1])
    };
    range(a, b) || range(b, a)
}

fn counterpart<'a, 'w>(r: &Response<'_>, list: &'a [Response<'w>]) -> Option<&'a Response<'w>> {
    list.iter()
        .find(|s| s.status.eq_ignore_ascii_case(r.status))
        .or_else(|| list.iter().find(|s| in_range(s.status, r.status)))
}

pub fn responses(pair: &Pair<'_, '_>, old: &Operation<'_>, new: &Operation<'_>, out: &mut Changes) {
    for r in &old.responses {
        match counterpart(r, &new.responses) {
            Some(s) => response(pair, r, s, new, out),
            None => {
                let id = if is_success(r.status) {
                    RuleId::ResponseSuccessStatusRemoved
                } else {
                    RuleId::ResponseNonSuccessStatusRemoved
                };
                out.push(
                    change(id)
                        .old(&r.loc)
                        .operation(new)
                        .arg("status", r.status),
                );
            }
        }
    }
    for s in &new.responses {
        if counterpart(s, &old.responses).is_none() {
            let id = if is_success(s.status) {
                RuleId::ResponseSuccessStatusAdded
            } else {
                RuleId::ResponseNonSuccessStatusAdded
            };
            out.push(
                change(id)
                    .new_at(&s.loc)
                    .operation(new)
                    .arg("status", s.status),
            );
        }
    }
}

fn response(
    pair: &Pair<'_, '_>,
    r: &Response<'_>,
    s: &Response<'_>,
    op: &Operation<'_>,
    out: &mut Changes,
) {
    let mut pairs = media_pairs(&r.content, &s.content);
    // One media type gone and one other come: a rename, with the schemas
    // compared as before.
    let gone: Vec<usize> = (0..pairs.len())
        .filter(|&i| matches!(pairs[i], (Some(_), None)))
        .collect();
    let came: Vec<usize> = (0..pairs.len())
        .filter(|&i| matches!(pairs[i], (None, Some(_))))
        .collect();
    if let ([i], [j]) = (&gone[..], &came[..]) {
        let (m, n) = (pairs[*i].0, pairs[*j].1);
        pairs[*i] = (m, n);
        pairs.remove(*j);
    }
    for (m, n) in pairs {
        if let (Some(m), Some(n)) = (m, n) {
            if !same_media(&m.media_type, &n.media_type) {
                let id = if covers(&n.media_type, &m.media_type) {
                    RuleId::ResponseMediaTypeNameGeneralized
                } else if covers(&m.media_type, &n.media_type) {
                    RuleId::ResponseMediaTypeNameSpecialized
                } else {
                    RuleId::ResponseMediaTypeNameChanged
                };
                out.push(
                    change(id)
                        .old(&m.loc)
                        .new_at(&n.loc)
                        .operation(op)
                        .arg("status", s.status)
                        .arg("old", m.media_type.clone())
                        .arg("new", n.media_type.clone()),
                );
            }
        }
        match (m, n) {
            (Some(m), None) => {
                out.push(
                    change(RuleId::ResponseMediaTypeRemoved)
                        .old(&m.loc)
                        .operation(op)
                        .arg("media", m.media_type.clone())
                        .arg("status", s.status),
                );
            }
            (None, Some(n)) => {
                out.push(
                    change(RuleId::ResponseMediaTypeAdded)
                        .new_at(&n.loc)
                        .operation(op)
                        .arg("media", n.media_type.clone())
                        .arg("status", s.status),
                );
            }
            (Some(m), Some(n)) => media(pair, m, n, Some(s.status), op, out),
            (None, None) => {}
        }
    }
    headers(pair, r, s, op, out);
    links(pair, r, s, op, out);
    let v2 = [pair.old.version, pair.new.version].contains(&crate::model::Version::Swagger2);
    Leftovers {
        old: (&r.loc, r.node),
        new: (&s.loc, s.node),
        handled: if v2 {
            &["content", "headers", "links", "schema", "examples"]
        } else {
            &["content", "headers", "links"]
        },
        other: RuleId::ResponseChanged,
        label: format!("status {} of {}", s.status, op.label()),
        args: vec![("status", s.status.to_string())],
    }
    .report(Some(op), out);
}

/// Links: added, removed, or leading elsewhere.
fn links(
    pair: &Pair<'_, '_>,
    r: &Response<'_>,
    s: &Response<'_>,
    op: &Operation<'_>,
    out: &mut Changes,
) {
    let empty = crate::load::Object::default();
    let a = r
        .node
        .get("links")
        .and_then(Node::as_object)
        .unwrap_or(&empty);
    let b = s
        .node
        .get("links")
        .and_then(Node::as_object)
        .unwrap_or(&empty);
    if a.is_empty() && b.is_empty() {
        return;
    }
    let at = |resp: &Response<'_>, name: &str| resp.loc.child("links").child(name);
    for (name, x) in a.iter() {
        let with = |c: super::Change| c.operation(op).arg("name", name).arg("status", s.status);
        match b.get(name) {
            None => out.push(with(change(RuleId::ResponseLinkRemoved).old(&at(r, name)))),
            Some(y) => {
                let (_, x) = pair.old.ws.deref(&at(r, name), x);
                let (_, y) = pair.new.ws.deref(&at(s, name), y);
                if !x.same_value(y) {
                    out.push(with(
                        change(RuleId::ResponseLinkChanged)
                            .old(&at(r, name))
                            .new_at(&at(s, name)),
                    ));
                }
            }
        }
    }
    for (name, _) in b.iter() {
        if a.get(name).is_none() {
            out.push(
                change(RuleId::ResponseLinkAdded)
                    .new_at(&at(s, name))
                    .operation(op)
                    .arg("name", name)
                    .arg("status", s.status),
            );
        }
    }
}

/// How a response header is written: `style` (3.x allows `simple` only)
/// and `explode`, each with its default.
#[allow(clippy::too_many_arguments)]
fn header_wire(
    old_loc: &Loc,
    old: &Node,
    new_loc: &Loc,
    new: &Node,
    name: &str,
    status: &str,
    op: &Operation<'_>,
    out: &mut Changes,
) {
    for (key, default) in [("style", "simple"), ("explode", "false")] {
        let value = |n: &Node| {
            n.get(key).map_or_else(
                || default.to_string(),
                |v| {
                    crate::load::to_json(v)
                        .to_string()
                        .trim_matches('"')
                        .to_string()
                },
            )
        };
        let (a, b) = (value(old), value(new));
        if a != b {
            let at = |loc: &Loc, n: &Node| {
                if n.get(key).is_some() {
                    loc.child(key)
                } else {
                    loc.clone()
                }
            };
            out.push(
                change(RuleId::ResponseHeaderStyleChanged)
                    .old(&at(old_loc, old))
                    .new_at(&at(new_loc, new))
                    .operation(op)
                    .arg("name", name)
                    .arg("status", status)
                    .arg("keyword", key)
                    .arg("old", a)
                    .arg("new", b),
            );
        }
    }
}

fn header_required(node: &Node) -> bool {
    node.get_bool("required") == Some(true)
}

fn header_schema<'w>(
    loc: &Loc,
    node: &'w Node,
    pair: &Pair<'_, 'w>,
    old_side: bool,
) -> Option<Side<'w>> {
    let ws = if old_side { pair.old.ws } else { pair.new.ws };
    let (def, _) = ws.deref(loc, node);
    match node.get("schema") {
        Some(s) => {
            let (l, n) = ws.deref(&def.child("schema"), s);
            Some(Side { loc: l, node: n })
        }
        // Swagger 2.0 headers carry the schema keywords inline.
        None if node.get("type").is_some() => Some(Side { loc: def, node }),
        None => None,
    }
}

fn headers(
    pair: &Pair<'_, '_>,
    r: &Response<'_>,
    s: &Response<'_>,
    op: &Operation<'_>,
    out: &mut Changes,
) {
    for (name, loc, node) in &r.headers {
        match s.header(name) {
            None => {
                let id = if header_required(node) {
                    RuleId::RequiredResponseHeaderRemoved
                } else {
                    RuleId::OptionalResponseHeaderRemoved
                };
                out.push(
                    change(id)
                        .old(loc)
                        .operation(op)
                        .arg("name", *name)
                        .arg("status", s.status),
                );
            }
            Some((_, new_loc, new_node)) => {
                if header_required(node) && !header_required(new_node) {
                    out.push(
                        change(RuleId::ResponseHeaderBecameOptional)
                            .old(loc)
                            .new_at(new_loc)
                            .operation(op)
                            .arg("name", *name)
                            .arg("status", s.status),
                    );
                }
                if !header_required(node) && header_required(new_node) {
                    out.push(
                        change(RuleId::ResponseHeaderBecameRequired)
                            .old(loc)
                            .new_at(&new_loc.child("required"))
                            .operation(op)
                            .arg("name", *name)
                            .arg("status", s.status),
                    );
                }
                header_wire(loc, node, new_loc, new_node, name, s.status, op, out);
                if let (Some(a), Some(b)) = (
                    header_schema(loc, node, pair, true),
                    header_schema(new_loc, new_node, pair, false),
                ) {
                    let inline = a.loc == *loc;
                    let ctx = Ctx::response(Root::Header {
                        name: name.to_string(),
                    });
                    schema::compare(pair, a, b, &ctx, op, out);
                    if inline {
                        // Swagger 2.0: the schema comparison saw every field.
                        continue;
                    }
                }
                Leftovers {
                    old: (loc, node),
                    new: (new_loc, new_node),
                    handled: &["required", "schema", "style", "explode", "deprecated"],
                    other: RuleId::ResponseHeaderChanged,
                    label: format!("header `{name}` of status {} of {}", s.status, op.label()),
                    args: vec![("name", name.to_string()), ("status", s.status.to_string())],
                }
                .report(Some(op), out);
            }
        }
    }
    for (name, loc, _) in &s.headers {
        if r.header(name).is_none() {
            out.push(
                change(RuleId::ResponseHeaderAdded)
                    .new_at(loc)
                    .operation(op)
                    .arg("name", *name)
                    .arg("status", s.status),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_ranges_cover_their_types() {
        assert!(covers("*/*", "application/json"));
        assert!(covers("application/*", "application/json; charset=utf-8"));
        assert!(!covers("application/*", "text/plain"));
        assert!(!covers("application/json", "application/json"));
        assert!(same_media(
            "application/json; charset=utf-8",
            "Application/JSON;charset=utf-8"
        ));
    }

    #[test]
    fn status_ranges_include_their_codes() {
        assert!(in_range("2XX", "201"));
        assert!(in_range("204", "2xx"));
        assert!(!in_range("2XX", "301"));
        assert!(!in_range("200", "201"));
    }
}
