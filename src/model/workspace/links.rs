//! Chains of bare references (`$ref` to an object that is itself only a
//! `$ref`), followed once for the whole workspace: each reference learns
//! where its chain lands, however long, and every reference on a loop is a
//! [`RefProblem::Cycle`], however long the loop.

use super::{RefProblem, Workspace};
use crate::model::Loc;

/// Where a reference leads once every bare reference on the way is followed.
#[derive(Clone, Debug)]
pub(super) enum Landing {
    /// A definition (anything that is not itself a reference).
    At(Loc),
    /// The chain stops at this reference (an index into `refs`), which does
    /// not resolve or lies on a loop.
    Stuck(usize),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    New,
    OnPath,
    Done,
}

/// Marks the references on loops and computes every landing, in time linear
/// in the number of references.
pub(super) fn land(ws: &mut Workspace) -> Vec<Landing> {
    let n = ws.refs.len();
    // The reference a reference's target is itself, if it is one.
    let next: Vec<Option<usize>> = (0..n)
        .map(|i| {
            let target = ws.refs[i].target.as_ref().ok()?;
            let node = ws.node(target)?;
            ws.site_index(target.doc, node)
        })
        .collect();
    let mut state = vec![State::New; n];
    let mut landing: Vec<Option<Landing>> = vec![None; n];
    let mut path: Vec<usize> = Vec::new();
    for start in 0..n {
        if state[start] != State::New {
            continue;
        }
        let mut at = start;
        let end = loop {
            match state[at] {
                State::Done => break landing[at].clone().unwrap_or(Landing::Stuck(at)),
                State::OnPath => {
                    // Back on the path: everything from `at` on is a loop;
                    // what came before leads into it.
                    let first = path.iter().position(|&p| p == at).unwrap_or(0);
                    for &k in &path[first..] {
                        ws.refs[k].target = Err(RefProblem::Cycle);
                        landing[k] = Some(Landing::Stuck(k));
                        state[k] = State::Done;
                    }
                    path.truncate(first);
                    break Landing::Stuck(at);
                }
                State::New => {
                    state[at] = State::OnPath;
                    path.push(at);
                    match next[at] {
                        Some(j) => at = j,
                        None => {
                            break match &ws.refs[at].target {
                                Ok(loc) => Landing::At(loc.clone()),
                                Err(_) => Landing::Stuck(at),
                            }
                        }
                    }
                }
            }
        };
        for &k in &path {
            landing[k] = Some(end.clone());
            state[k] = State::Done;
        }
        path.clear();
    }
    landing
        .into_iter()
        .enumerate()
        .map(|(i, l)| l.unwrap_or(Landing::Stuck(i)))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::load::{parse_bytes, Input};
    use crate::model::{Options, RefProblem, Workspace};

    fn workspace(text: &str) -> Workspace {
        let doc = parse_bytes("t.yaml", text.as_bytes().to_vec()).unwrap_or_else(|e| panic!("{e}"));
        Workspace::from_document(doc, &Input::Path("t.yaml".into()), Options::default())
    }

    #[test]
    fn bare_reference_cycles_are_problems_and_recursive_schemas_are_not() {
        let ws = workspace("a: {$ref: '#/b'}\nb: {$ref: '#/a'}\nc: {$ref: '#/a'}\nnode:\n  properties:\n    next: {$ref: '#/node'}\n");
        let problems: Vec<(&str, bool)> = ws
            .refs
            .iter()
            .map(|r| (&*r.at.pointer, r.target == Err(RefProblem::Cycle)))
            .collect();
        assert_eq!(
            problems,
            vec![
                ("/a", true),
                ("/b", true),
                ("/c", false),
                ("/node/properties/next", false)
            ]
        );
    }

    #[test]
    fn chains_and_loops_of_any_length() {
        // a0 → a1 → … → a199 → def, and a loop of 100 references.
        let mut text = String::new();
        for i in 0..200 {
            text.push_str(&format!("a{i}: {{$ref: '#/a{}'}}\n", i + 1));
        }
        text.push_str("a200: {type: string}\n");
        for i in 0..100 {
            text.push_str(&format!("l{i}: {{$ref: '#/l{}'}}\n", (i + 1) % 100));
        }
        let ws = workspace(&text);
        let root = &ws.root().root;
        let (loc, node) = ws.deref(
            &crate::model::Loc::new(crate::model::ROOT, "/a0"),
            root.get("a0").unwrap_or(root),
        );
        assert_eq!(&*loc.pointer, "/a200");
        assert_eq!(node.get_str("type"), Some("string"));
        let cycles = ws
            .refs
            .iter()
            .filter(|r| r.target == Err(RefProblem::Cycle))
            .count();
        assert_eq!(cycles, 100);
    }
}
