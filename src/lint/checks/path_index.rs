//! Paths by their segments, to find the ones a URL could match at once
//! without comparing every path with every other: a trie with one child per
//! literal segment and one for any parameter.

use rustc_hash::FxHashMap;

/// A segment as a router sees it: a literal, or a whole-segment parameter.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Segment<'p> {
    Literal(&'p str),
    Param,
}

#[derive(Default)]
struct Node<'p> {
    literal: FxHashMap<&'p str, usize>,
    param: Option<usize>,
    /// The paths (by index) whose segments end here.
    ends: Vec<usize>,
}

pub struct PathIndex<'p> {
    nodes: Vec<Node<'p>>,
    paths: Vec<Vec<Segment<'p>>>,
}

impl<'p> PathIndex<'p> {
    pub fn new(paths: Vec<Vec<Segment<'p>>>) -> PathIndex<'p> {
        let mut nodes = vec![Node::default()];
        for (i, segs) in paths.iter().enumerate() {
            let mut at = 0;
            for seg in segs {
                let next = nodes.len();
                let child = match seg {
                    Segment::Literal(s) => *nodes[at].literal.entry(s).or_insert(next),
                    Segment::Param => *nodes[at].param.get_or_insert(next),
                };
                if child == next {
                    nodes.push(Node::default());
                }
                at = child;
            }
            nodes[at].ends.push(i);
        }
        PathIndex { nodes, paths }
    }

    /// The paths before path `b` (by index, in order) that some URL matches
    /// as well as `b`, where each has a literal segment that the other has
    /// as a parameter: neither is the more specific.
    pub fn ambiguous_with(&self, b: usize) -> Vec<usize> {
        let Some(segs) = self.paths.get(b) else {
            return Vec::new();
        };
        // Whether `b` has a literal, or a parameter, at position k or later:
        // a branch that can no longer get both kinds of difference ends.
        let mut literal_after = vec![false; segs.len() + 1];
        let mut param_after = vec![false; segs.len() + 1];
        for k in (0..segs.len()).rev() {
            literal_after[k] = literal_after[k + 1] || matches!(segs[k], Segment::Literal(_));
            param_after[k] = param_after[k + 1] || segs[k] == Segment::Param;
        }
        let mut out = Vec::new();
        // (node, depth, a has a literal where b has a parameter, the reverse)
        let mut todo = vec![(0usize, 0usize, false, false)];
        while let Some((at, k, a_lit, b_lit)) = todo.pop() {
            if (!a_lit && !param_after[k]) || (!b_lit && !literal_after[k]) {
                continue;
            }
            let node = &self.nodes[at];
            let Some(seg) = segs.get(k) else {
                out.extend(node.ends.iter().copied().filter(|&a| a < b));
                continue;
            };
            match seg {
                Segment::Literal(s) => {
                    if let Some(&c) = node.literal.get(s) {
                        todo.push((c, k + 1, a_lit, b_lit));
                    }
                    if let Some(c) = node.param {
                        todo.push((c, k + 1, a_lit, true));
                    }
                }
                Segment::Param => {
                    todo.extend(node.literal.values().map(|&c| (c, k + 1, true, b_lit)));
                    if let Some(c) = node.param {
                        todo.push((c, k + 1, a_lit, b_lit));
                    }
                }
            }
        }
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(path: &str) -> Vec<Segment<'_>> {
        path.split('/')
            .filter(|s| !s.is_empty())
            .map(|s| match s.starts_with('{') {
                true => Segment::Param,
                false => Segment::Literal(s),
            })
            .collect()
    }

    /// What the index must agree with: every pair compared.
    fn pairwise(paths: &[Vec<Segment<'_>>], b: usize) -> Vec<usize> {
        (0..b)
            .filter(|&a| {
                let (x, y) = (&paths[a], &paths[b]);
                let (mut a_lit, mut b_lit) = (false, false);
                x.len() == y.len()
                    && x.iter().zip(y).all(|pair| match pair {
                        (Segment::Literal(p), Segment::Literal(q)) => p == q,
                        (Segment::Literal(_), Segment::Param) => {
                            a_lit = true;
                            true
                        }
                        (Segment::Param, Segment::Literal(_)) => {
                            b_lit = true;
                            true
                        }
                        (Segment::Param, Segment::Param) => true,
                    })
                    && a_lit
                    && b_lit
            })
            .collect()
    }

    #[test]
    fn the_index_finds_exactly_the_pairs_a_pairwise_search_finds() {
        let written = [
            "/pets/{id}",
            "/{kind}/mine",
            "/pets/mine",
            "/{a}/{b}",
            "/x/{y}/z",
            "/{x}/y/{z}",
            "/x/y/z",
            "/{p}/{q}/z",
            "/x/{y}/{z}",
            "/pets",
            "/{any}",
        ];
        let paths: Vec<Vec<Segment<'_>>> = written.iter().map(|p| segs(p)).collect();
        let index = PathIndex::new(paths.clone());
        let mut found = 0;
        for (b, name) in written.iter().enumerate() {
            let expected = pairwise(&paths, b);
            found += expected.len();
            assert_eq!(index.ambiguous_with(b), expected, "{name}");
        }
        assert_eq!(found, 5, "the fixture has ambiguous pairs to find");
    }
}
