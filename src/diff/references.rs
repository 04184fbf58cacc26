//! References that do not resolve: what they name cannot be compared, and
//! the diff says so rather than comparing them as empty schemas.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{RefProblem, RefSite, Workspace};

use super::change::{change, Changes};
use super::Pair;
use crate::rule_id::RuleId;

fn reason(problem: &RefProblem) -> String {
    match problem {
        RefProblem::Unresolved(why) | RefProblem::OutsideRoot(why) => why.clone(),
        RefProblem::Remote(url) => format!("`{url}` is remote and remote references are off"),
        RefProblem::Cycle => "it only leads to other references and back to itself".into(),
    }
}

/// Sites by (file index, pointer of the holder), for the other version.
fn index(ws: &Workspace) -> HashMap<(u32, &str), &RefSite> {
    ws.refs
        .iter()
        .map(|s| ((s.at.doc.0, &*s.at.pointer), s))
        .collect()
}

pub fn compare(pair: &Pair<'_, '_>, out: &mut Changes) {
    let (old_ws, new_ws) = (pair.old.ws, pair.new.ws);
    let (old_sites, new_sites) = (index(old_ws), index(new_ws));
    // Broken in the same way on both sides: nothing there changed.
    let same_break =
        |a: &RefSite, b: Option<&&RefSite>| b.is_some_and(|b| b.raw == a.raw && b.target.is_err());
    for site in &new_ws.refs {
        let Err(problem) = &site.target else { continue };
        let other = old_sites.get(&(site.at.doc.0, &*site.at.pointer));
        if same_break(site, other) {
            continue;
        }
        let mut c = change(RuleId::RefNotCompared)
            .new_at(&site.at.child("$ref"))
            .arg("version", "new")
            .arg("ref", site.raw.clone())
            .arg("reason", reason(problem));
        if let Some(old) = other {
            c = c.old(&old.at.child("$ref"));
        }
        out.push(c);
    }
    for site in &old_ws.refs {
        let Err(problem) = &site.target else { continue };
        let other = new_sites.get(&(site.at.doc.0, &*site.at.pointer));
        // Reported above when the new version's reference is broken too.
        if same_break(site, other) || other.is_some_and(|o| o.target.is_err()) {
            continue;
        }
        let mut c = change(RuleId::RefNotCompared)
            .old(&site.at.child("$ref"))
            .arg("version", "old")
            .arg("ref", site.raw.clone())
            .arg("reason", reason(problem));
        if let Some(new) = other {
            c = c.new_at(&new.at.child("$ref"));
        }
        out.push(c);
    }
}
