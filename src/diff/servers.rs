//! Servers: the base URLs clients call, paired by URL; the variables of a
//! server that stays, compared field by field.

use crate::load::Node;
use crate::model::{Operation, Server, Version};
use crate::rule_id::RuleId;

use super::change::{change, Changes};
use super::fields::Leftovers;
use super::Pair;

pub fn compare(pair: &Pair<'_, '_>, out: &mut Changes) {
    lists(pair, &pair.old.servers, &pair.new.servers, None, out);
}

/// Two lists of servers, the API's or an operation's (`op`).
pub fn lists(
    pair: &Pair<'_, '_>,
    old: &[Server],
    new: &[Server],
    op: Option<&Operation<'_>>,
    out: &mut Changes,
) {
    let mut found = Changes::default();
    let out_all = out;
    let out = &mut found;
    for s in old {
        match new.iter().find(|t| t.url == s.url) {
            None => out.push(
                change(RuleId::ApiServerRemoved)
                    .old(&s.loc)
                    .arg("url", s.url.clone()),
            ),
            Some(t) => {
                // Swagger 2.0 servers are made of `host`, `basePath` and
                // `schemes`: their URL is all there is to compare.
                if pair.old.version == Version::Swagger2 || pair.new.version == Version::Swagger2 {
                    continue;
                }
                let (Some(a), Some(b)) = (pair.old.node(&s.loc), pair.new.node(&t.loc)) else {
                    continue;
                };
                let label = format!("server `{}`", s.url);
                let args = vec![("url", s.url.clone())];
                Leftovers {
                    old: (&s.loc, a),
                    new: (&t.loc, b),
                    handled: &["url", "variables"],
                    other: RuleId::ApiServerChanged,
                    label: label.clone(),
                    args: args.clone(),
                }
                .report(None, out);
                let empty = crate::load::Object::default();
                let va = a
                    .get("variables")
                    .and_then(Node::as_object)
                    .unwrap_or(&empty);
                let vb = b
                    .get("variables")
                    .and_then(Node::as_object)
                    .unwrap_or(&empty);
                let (la, lb) = (s.loc.child("variables"), t.loc.child("variables"));
                for (name, x) in va.iter() {
                    match vb.get(name) {
                        None => out.push(
                            change(RuleId::ApiServerChanged)
                                .old(&la.child(name))
                                .new_at(&lb)
                                .arg("url", s.url.clone())
                                .arg("keyword", format!("variables/{name}")),
                        ),
                        Some(y) => Leftovers {
                            old: (&la.child(name), x),
                            new: (&lb.child(name), y),
                            handled: &[],
                            other: RuleId::ApiServerChanged,
                            label: format!("variable `{name}` of {label}"),
                            args: args.clone(),
                        }
                        .report(None, out),
                    }
                }
                for (name, _) in vb.iter() {
                    if va.get(name).is_none() {
                        out.push(
                            change(RuleId::ApiServerChanged)
                                .old(&la)
                                .new_at(&lb.child(name))
                                .arg("url", s.url.clone())
                                .arg("keyword", format!("variables/{name}")),
                        );
                    }
                }
            }
        }
    }
    for t in new {
        if !old.iter().any(|s| s.url == t.url) {
            out.push(
                change(RuleId::ApiServerAdded)
                    .new_at(&t.loc)
                    .arg("url", t.url.clone()),
            );
        }
    }
    for c in found.list {
        out_all.push(match op {
            Some(op) => c.operation(op),
            None => c,
        });
    }
}
