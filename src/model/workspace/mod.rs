//! The root document and every file its `$ref`s reach, with each reference
//! resolved once up front so later stages only look targets up.

mod links;
mod resolve;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::load::{self, pointer, Document, Input, LoadError, Net, Node, Span};

use links::Landing;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(pub u32);

/// A place in one of the workspace's files.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Loc {
    pub doc: DocId,
    /// Shared: a diff copies the places of the definitions it compares into
    /// every finding of every operation that reaches them.
    pub pointer: Arc<str>,
}

impl Loc {
    pub fn new(doc: DocId, pointer: impl Into<Arc<str>>) -> Loc {
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
    /// The run's fetch policy and deadline, shared by every document it loads.
    pub net: Net,
    /// Texts that stand in for files on disk (an editor's unsaved buffers),
    /// by real path. A file is still read and checked as any other (it must
    /// lie inside the root's folder); only its content is taken from here.
    pub overlay: std::sync::Arc<HashMap<PathBuf, Arc<str>>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefProblem {
    /// The target file or pointer does not exist, or could not be read.
    Unresolved(String),
    /// The target lies outside the root document's folder, as written or
    /// once symbolic links are followed.
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
    pub refs: Vec<RefSite>,
    /// (document, span start of the `$ref` object) → index into `refs`.
    by_node: rustc_hash::FxHashMap<(DocId, u32), usize>,
    /// Where following each reference through chains of bare references ends.
    landings: Vec<Landing>,
    /// The way to each landing from its document's root, so that following
    /// a reference costs no key comparisons (a diff follows tens of
    /// thousands of them).
    routes: Vec<Option<Box<[u32]>>>,
}

pub const ROOT: DocId = DocId(0);

impl Workspace {
    /// Loads `input` and every document its references reach.
    pub fn open(input: &Input, options: Options) -> Result<Workspace, LoadError> {
        let doc = load::load_with(input, &options.net)?;
        Ok(Workspace::from_document(doc, input, options))
    }

    /// Builds a workspace around an already parsed root document.
    pub fn from_document(doc: Document, input: &Input, options: Options) -> Workspace {
        let (docs, refs, holders) = resolve::Resolver::new(input, options).run(doc);
        let by_node = refs
            .iter()
            .zip(holders)
            .enumerate()
            .map(|(i, (site, holder))| ((site.at.doc, holder), i))
            .collect();
        let mut ws = Workspace {
            docs,
            refs,
            by_node,
            landings: Vec::new(),
            routes: Vec::new(),
        };
        ws.landings = links::land(&mut ws);
        ws.routes = (0..ws.landings.len())
            .map(|i| {
                let at = ws.landing_loc(i);
                pointer::route(&ws.doc(at.doc).root, &at.pointer)
            })
            .collect();
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
        self.site_index(doc, node).map(|i| &self.refs[i])
    }

    fn site_index(&self, doc: DocId, node: &Node) -> Option<usize> {
        node.ref_target()?;
        self.by_node.get(&(doc, node.span.start)).copied()
    }

    /// Follows `$ref`s from `node` (at `loc`) to the object they name, through
    /// chains of any length. An unresolvable reference yields the reference
    /// object where resolution failed; the problem is reported once, from
    /// [`Workspace::refs`].
    pub fn deref<'w>(&'w self, loc: &Loc, node: &'w Node) -> (Loc, &'w Node) {
        let Some(i) = self.site_index(loc.doc, node) else {
            return (loc.clone(), node);
        };
        let at = self.landing_loc(i);
        let found = match self.routes.get(i) {
            Some(Some(route)) => self.doc(at.doc).root.follow(route),
            _ => None,
        };
        match found {
            Some(found) => (at.clone(), found),
            None => (loc.clone(), node),
        }
    }

    /// Where following reference `i` ends.
    fn landing_loc(&self, i: usize) -> &Loc {
        match &self.landings[i] {
            Landing::At(target) => target,
            Landing::Stuck(k) => &self.refs[*k].at,
        }
    }
}

/// A path shown relative to the working directory, as the user typed the root.
fn shown(path: PathBuf) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .map_or(path.clone(), std::path::Path::to_path_buf)
}
