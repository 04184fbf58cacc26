//! The root document and every file its `$ref`s reach, with each reference
//! resolved once up front so later stages only look targets up.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use percent_encoding::percent_decode_str;

use crate::load::walk::walk;
use crate::load::{self, pointer, Document, Input, LoadError, Node, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(pub u32);

/// A place in one of the workspace's files.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Loc {
    pub doc: DocId,
    pub pointer: String,
}

impl Loc {
    pub fn new(doc: DocId, pointer: impl Into<String>) -> Loc {
        Loc {
            doc,
            pointer: pointer.into(),
        }
    }

    pub fn child(&self, token: &str) -> Loc {
        Loc::new(self.doc, pointer::join(&self.pointer, token))
    }

    pub fn index(&self, i: usize) -> Loc {
        Loc::new(self.doc, pointer::join_index(&self.pointer, i))
    }
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Follow `$ref`s to `http(s)://` documents.
    pub allow_remote_refs: bool,
}

/// How relative references in a document are resolved.
#[derive(Clone, Debug)]
enum Base {
    Dir(PathBuf),
    Git {
        rev: String,
        dir: PathBuf,
        repo: Option<PathBuf>,
    },
    Url(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefProblem {
    /// The target file or pointer does not exist.
    Unresolved(String),
    /// The target lies outside the root document's directory tree.
    OutsideRoot(String),
    /// A URL reference, and remote references are not allowed.
    Remote(String),
    /// The reference leads back to itself through other bare references.
    Cycle,
}

/// One `$ref` as written, and what it resolved to.
#[derive(Clone, Debug)]
pub struct RefSite {
    /// The object that holds `$ref`.
    pub at: Loc,
    /// Span of the `$ref` string value.
    pub span: Span,
    pub raw: String,
    pub target: Result<Loc, RefProblem>,
}

pub struct Workspace {
    docs: Vec<Document>,
    bases: Vec<Base>,
    root_dir: Option<PathBuf>,
    options: Options,
    keys: HashMap<String, DocId>,
    pub refs: Vec<RefSite>,
    /// (document, span start of the `$ref` object) → index into `refs`.
    by_node: HashMap<(DocId, u32), usize>,
}

pub const ROOT: DocId = DocId(0);
const MAX_REF_HOPS: usize = 64;

impl Workspace {
    /// Loads `input` and every document its references reach.
    pub fn open(input: &Input, options: Options) -> Result<Workspace, LoadError> {
        let doc = load::load(input)?;
        Ok(Workspace::from_document(doc, input, options))
    }

    /// Builds a workspace around an already parsed root document.
    pub fn from_document(doc: Document, input: &Input, options: Options) -> Workspace {
        let base = base_of(input);
        let root_dir = match &base {
            Base::Dir(dir) => Some(dir.clone()),
            Base::Git { dir, .. } => Some(dir.clone()),
            Base::Url(_) => None,
        };
        let mut ws = Workspace {
            docs: Vec::new(),
            bases: Vec::new(),
            root_dir,
            options,
            keys: HashMap::new(),
            refs: Vec::new(),
            by_node: HashMap::new(),
        };
        ws.keys.insert(key_of(input), ROOT);
        ws.docs.push(doc);
        ws.bases.push(base);
        ws.resolve_all();
        ws
    }

    pub fn doc(&self, id: DocId) -> &Document {
        &self.docs[id.0 as usize]
    }

    pub fn root(&self) -> &Document {
        &self.docs[0]
    }

    pub fn docs(&self) -> impl Iterator<Item = (DocId, &Document)> {
        self.docs
            .iter()
            .enumerate()
            .map(|(i, d)| (DocId(i as u32), d))
    }

    pub fn node(&self, loc: &Loc) -> Option<&Node> {
        pointer::lookup(&self.doc(loc.doc).root, &loc.pointer).map(|(n, _)| n)
    }

    /// The resolution of the `$ref` object `node` in `doc`, if it is one.
    pub fn ref_site(&self, doc: DocId, node: &Node) -> Option<&RefSite> {
        self.by_node
            .get(&(doc, node.span.start))
            .map(|&i| &self.refs[i])
    }

    /// Follows `$ref`s from `node` (at `loc`) to the object they name. An
    /// unresolvable reference yields the reference object itself; the problem
    /// is reported once, from [`Workspace::refs`].
    pub fn deref<'w>(&'w self, loc: &Loc, node: &'w Node) -> (Loc, &'w Node) {
        let mut current = (loc.clone(), node);
        for _ in 0..MAX_REF_HOPS {
            if current.1.ref_target().is_none() {
                return current;
            }
            let Some(Ok(target)) = self.ref_site(current.0.doc, current.1).map(|s| &s.target)
            else {
                return current;
            };
            let Some(next) = self.node(target) else {
                return current;
            };
            current = (target.clone(), next);
        }
        current
    }

    fn resolve_all(&mut self) {
        let mut next = 0;
        while next < self.docs.len() {
            let id = DocId(next as u32);
            for (at, span, raw, holder) in collect_refs(&self.docs[next].root) {
                let target = self.resolve(id, &raw);
                self.by_node.insert((id, holder), self.refs.len());
                self.refs.push(RefSite {
                    at: Loc::new(id, at),
                    span,
                    raw,
                    target,
                });
            }
            next += 1;
        }
        self.find_cycles();
    }

    /// Marks references that only ever lead to other bare references and back.
    fn find_cycles(&mut self) {
        let cyclic: Vec<usize> = (0..self.refs.len())
            .filter(|&i| self.leads_back(i))
            .collect();
        for i in cyclic {
            self.refs[i].target = Err(RefProblem::Cycle);
        }
    }

    fn leads_back(&self, start: usize) -> bool {
        let mut seen = vec![start];
        let mut current = start;
        while let Ok(target) = &self.refs[current].target {
            let Some(node) = self.node(target) else {
                return false;
            };
            if node.ref_target().is_none() || seen.len() > MAX_REF_HOPS {
                return false;
            }
            let Some(&next) = self.by_node.get(&(target.doc, node.span.start)) else {
                return false;
            };
            if next == start {
                return true;
            }
            if seen.contains(&next) {
                return false;
            }
            seen.push(next);
            current = next;
        }
        false
    }

    fn resolve(&mut self, from: DocId, raw: &str) -> Result<Loc, RefProblem> {
        let (file, fragment) = raw.split_once('#').unwrap_or((raw, ""));
        let fragment = percent_decode_str(fragment)
            .decode_utf8_lossy()
            .into_owned();
        if !fragment.is_empty() && !fragment.starts_with('/') {
            return Err(RefProblem::Unresolved(format!(
                "`#{fragment}` is not a JSON pointer (anchors are not supported)"
            )));
        }
        let doc = if file.is_empty() {
            from
        } else {
            self.load_relative(from, file)?
        };
        match pointer::lookup(&self.doc(doc).root, &fragment) {
            Some(_) => Ok(Loc::new(doc, fragment)),
            None => Err(RefProblem::Unresolved(if file.is_empty() {
                format!("nothing at `#{fragment}` in this document")
            } else {
                format!("nothing at `#{fragment}` in `{file}`")
            })),
        }
    }

    fn load_relative(&mut self, from: DocId, file: &str) -> Result<DocId, RefProblem> {
        let lower = file.to_ascii_lowercase();
        let remote = lower.starts_with("http://") || lower.starts_with("https://");
        let input = if remote {
            Input::Url(file.to_string())
        } else {
            let file = percent_decode_str(file).decode_utf8_lossy().into_owned();
            match &self.bases[from.0 as usize] {
                Base::Url(url) => Input::Url(join_url(url, &file)),
                Base::Dir(dir) => {
                    let path = normalize(&dir.join(&file));
                    self.check_inside(&path, &file)?;
                    // Shown relative to the working directory, as the user typed the root.
                    let cwd = std::env::current_dir().unwrap_or_default();
                    Input::Path(
                        path.strip_prefix(&cwd)
                            .map_or(path.clone(), Path::to_path_buf),
                    )
                }
                Base::Git { rev, dir, repo } => {
                    let path = normalize(&dir.join(&file));
                    self.check_inside(&path, &file)?;
                    Input::Git {
                        rev: rev.clone(),
                        path: path.to_string_lossy().into_owned(),
                        repo: repo.clone(),
                    }
                }
            }
        };
        if input.is_remote() && !self.options.allow_remote_refs {
            return Err(RefProblem::Remote(input.display_name()));
        }
        let key = key_of(&input);
        if let Some(&id) = self.keys.get(&key) {
            return Ok(id);
        }
        let doc =
            load::load(&input).map_err(|e| RefProblem::Unresolved(describe_load_error(&e)))?;
        let id = DocId(self.docs.len() as u32);
        self.keys.insert(key, id);
        self.bases.push(base_of(&input));
        self.docs.push(doc);
        Ok(id)
    }

    fn check_inside(&self, path: &Path, written: &str) -> Result<(), RefProblem> {
        match &self.root_dir {
            Some(root) if !path.starts_with(root) => {
                Err(RefProblem::OutsideRoot(written.to_string()))
            }
            _ => Ok(()),
        }
    }
}

fn describe_load_error(e: &LoadError) -> String {
    e.to_string()
}

/// Every `$ref` string in the tree: (pointer of its object, span of the value,
/// the text, span start of the object).
fn collect_refs(root: &Node) -> Vec<(String, Span, String, u32)> {
    let mut out = Vec::new();
    walk(root, &mut |path, _, node| {
        if let Some(entry) = node.as_object().and_then(|o| o.entry("$ref")) {
            if let Some(raw) = entry.value.as_str() {
                out.push((
                    path.to_string(),
                    entry.value.span,
                    raw.to_string(),
                    node.span.start,
                ));
            }
        }
    });
    out
}

fn base_of(input: &Input) -> Base {
    match input {
        Input::Path(p) => {
            let absolute = std::path::absolute(p).unwrap_or_else(|_| p.clone());
            let absolute = normalize(&absolute);
            Base::Dir(absolute.parent().map(Path::to_path_buf).unwrap_or_default())
        }
        Input::Stdin => Base::Dir(std::env::current_dir().unwrap_or_default()),
        Input::Git { rev, path, repo } => Base::Git {
            rev: rev.clone(),
            dir: Path::new(path)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
            repo: repo.clone(),
        },
        Input::Url(url) => Base::Url(url.clone()),
    }
}

fn key_of(input: &Input) -> String {
    match input {
        Input::Path(p) => {
            let absolute = std::path::absolute(p).unwrap_or_else(|_| p.clone());
            format!("file:{}", normalize(&absolute).display())
        }
        Input::Stdin => "stdin:".to_string(),
        Input::Git { rev, path, .. } => {
            format!("git:{rev}:{}", normalize(Path::new(path)).display())
        }
        Input::Url(u) => format!("url:{}", u.split('#').next().unwrap_or(u)),
    }
}

/// Lexical `..` and `.` removal; a path that climbs above its start keeps the
/// `..` so the containment check sees it leave.
fn normalize(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(part),
            },
            other => out.push(other),
        }
    }
    out.iter().collect()
}

fn join_url(base: &str, relative: &str) -> String {
    if relative.starts_with('/') {
        // Scheme and authority of the base, then the absolute path.
        let after_scheme = base.find("://").map_or(0, |i| i + 3);
        let authority_end = base[after_scheme..]
            .find('/')
            .map_or(base.len(), |i| after_scheme + i);
        return format!("{}{}", &base[..authority_end], relative);
    }
    let dir_end = base.rfind('/').map_or(base.len(), |i| i + 1);
    let mut parts: Vec<&str> = base[..dir_end].split('/').collect();
    parts.pop();
    for segment in relative.split('/') {
        match segment {
            "." => {}
            ".." => {
                if parts.len() > 3 {
                    parts.pop();
                }
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_normalize_lexically() {
        assert_eq!(
            normalize(Path::new("/a/b/../c/./d.yaml")),
            PathBuf::from("/a/c/d.yaml")
        );
        assert_eq!(normalize(Path::new("a/../../x")), PathBuf::from("../x"));
    }

    #[test]
    fn urls_join() {
        assert_eq!(
            join_url("http://h/a/b/spec.yaml", "c.yaml"),
            "http://h/a/b/c.yaml"
        );
        assert_eq!(
            join_url("http://h/a/b/spec.yaml", "../c.yaml"),
            "http://h/a/c.yaml"
        );
        assert_eq!(
            join_url("http://h/a/spec.yaml", "/x.yaml"),
            "http://h/x.yaml"
        );
    }
}

#[cfg(test)]
mod cycle_tests {
    use super::*;
    use crate::load::parse_bytes;

    #[test]
    fn bare_reference_cycles_are_problems_and_recursive_schemas_are_not() {
        let text = "a: {$ref: '#/b'}\nb: {$ref: '#/a'}\nc: {$ref: '#/a'}\nnode:\n  properties:\n    next: {$ref: '#/node'}\n";
        let doc = parse_bytes("t.yaml", text.as_bytes().to_vec()).unwrap_or_else(|e| panic!("{e}"));
        let ws = Workspace::from_document(doc, &Input::Path("t.yaml".into()), Options::default());
        let problems: Vec<(&str, bool)> = ws
            .refs
            .iter()
            .map(|r| (r.at.pointer.as_str(), r.target == Err(RefProblem::Cycle)))
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
}
