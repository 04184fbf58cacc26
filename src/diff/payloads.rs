//! Request bodies and responses: presence, media types, status codes and
//! headers, then the schemas they carry.

use crate::load::Node;
use crate::model::{Loc, Media, Operation, Response};

use super::change::{change, Changes};
use super::schema::{self, Ctx, Root, Side};
use super::Pair;

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

fn schema_side<'w>(m: &Media<'w>) -> Option<Side<'w>> {
    m.schema.as_ref().map(|(loc, node)| Side {
        loc: loc.clone(),
        node,
    })
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
                "request-body-added-required"
            } else {
                "request-body-added-optional"
            };
            out.push(change(id).new_at(&b.loc).operation(new));
        }
        (Some(b), None) => {
            out.push(change("request-body-removed").old(&b.loc).operation(new));
        }
        (Some(a), Some(b)) => {
            if a.required != b.required {
                let id = if b.required {
                    "request-body-became-required"
                } else {
                    "request-body-became-optional"
                };
                out.push(change(id).old(&a.loc).new_at(&b.loc).operation(new));
            }
            for (m, n) in media_pairs(&a.content, &b.content) {
                match (m, n) {
                    (Some(m), None) => {
                        out.push(
                            change("request-body-media-type-removed")
                                .old(&m.loc)
                                .operation(new)
                                .arg("media", m.media_type.clone()),
                        );
                    }
                    (None, Some(n)) => {
                        out.push(
                            change("request-body-media-type-added")
                                .new_at(&n.loc)
                                .operation(new)
                                .arg("media", n.media_type.clone()),
                        );
                    }
                    (Some(m), Some(n)) => media(pair, m, n, true, new, out),
                    (None, None) => {}
                }
            }
        }
    }
}

fn media(
    pair: &Pair<'_, '_>,
    m: &Media<'_>,
    n: &Media<'_>,
    request: bool,
    op: &Operation<'_>,
    out: &mut Changes,
) {
    let dir = if request { "request" } else { "response" };
    match (schema_side(m), schema_side(n)) {
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
                change(format!("{dir}-body-media-type-schema-added"))
                    .new_at(&b.loc)
                    .operation(op)
                    .arg("media", n.media_type.clone()),
            );
        }
        (Some(a), None) => {
            out.push(
                change(format!("{dir}-body-media-type-schema-removed"))
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
                    "response-success-status-removed"
                } else {
                    "response-non-success-status-removed"
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
                "response-success-status-added"
            } else {
                "response-non-success-status-added"
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
    for (m, n) in media_pairs(&r.content, &s.content) {
        match (m, n) {
            (Some(m), None) => {
                out.push(
                    change("response-media-type-removed")
                        .old(&m.loc)
                        .operation(op)
                        .arg("media", m.media_type.clone())
                        .arg("status", s.status),
                );
            }
            (None, Some(n)) => {
                out.push(
                    change("response-media-type-added")
                        .new_at(&n.loc)
                        .operation(op)
                        .arg("media", n.media_type.clone())
                        .arg("status", s.status),
                );
            }
            (Some(m), Some(n)) => media(pair, m, n, false, op, out),
            (None, None) => {}
        }
    }
    headers(pair, r, s, op, out);
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
                    "required-response-header-removed"
                } else {
                    "optional-response-header-removed"
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
                        change("response-header-became-optional")
                            .old(loc)
                            .new_at(new_loc)
                            .operation(op)
                            .arg("name", *name)
                            .arg("status", s.status),
                    );
                }
                if let (Some(a), Some(b)) = (
                    header_schema(loc, node, pair, true),
                    header_schema(new_loc, new_node, pair, false),
                ) {
                    let ctx = Ctx::response(Root::Header {
                        name: name.to_string(),
                    });
                    schema::compare(pair, a, b, &ctx, op, out);
                }
            }
        }
    }
    for (name, loc, _) in &s.headers {
        if r.header(name).is_none() {
            out.push(
                change("response-header-added")
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
