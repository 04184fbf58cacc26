//! Loading what references reach, a wave at a time: the files one wave of
//! documents names are read in parallel (a few at a time, within the run's
//! fetch deadline), then the next wave is what those files name.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use percent_encoding::percent_decode_str;

use crate::load::gate::{self, join_url, Refusal};
use crate::load::walk::walk;
use crate::load::{self, pointer, Document, Input, Node, Span};

use super::{shown, DocId, Loc, Options, RefProblem, RefSite, ROOT};

/// Files loaded at once: enough to hide network latency, few enough to be
/// polite to a server.
const PARALLEL_LOADS: usize = 4;

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

/// One `$ref` string as found, before its target is known.
struct Found {
    at: String,
    span: Span,
    raw: String,
    holder: u32,
}

pub(super) struct Resolver {
    options: Options,
    bases: Vec<Base>,
    /// The root document's folder, as written and with every link resolved.
    root_dir: Option<PathBuf>,
    root_real: Option<PathBuf>,
    /// Each file asked for, once: what it became, success or not.
    keys: HashMap<String, Result<DocId, RefProblem>>,
}

impl Resolver {
    pub(super) fn new(input: &Input, options: Options) -> Resolver {
        let base = base_of(input);
        let root_dir = match &base {
            Base::Dir(dir) | Base::Git { dir, .. } => Some(dir.clone()),
            Base::Url(_) => None,
        };
        let root_real = match &base {
            Base::Dir(dir) => gate::real_folder(dir).ok(),
            _ => None,
        };
        let mut keys = HashMap::new();
        keys.insert(key_of(input), Ok(ROOT));
        Resolver {
            options,
            bases: vec![base],
            root_dir,
            root_real,
            keys,
        }
    }

    /// Every document reachable from `root`, every reference in them, and the
    /// span start of the object holding each reference.
    pub(super) fn run(mut self, root: Document) -> (Vec<Document>, Vec<RefSite>, Vec<u32>) {
        let mut docs = vec![root];
        let mut refs = Vec::new();
        let mut holders = Vec::new();
        let mut next = 0;
        while next < docs.len() {
            let wave: Vec<(DocId, Vec<Found>)> = (next..docs.len())
                .map(|i| (DocId(i as u32), collect_refs(&docs[i].root)))
                .collect();
            next = docs.len();
            // Which file each reference names, then every new file loaded.
            let mut wanted: Vec<(String, Input)> = Vec::new();
            let mut wanted_keys: HashSet<String> = HashSet::new();
            let mut files: Vec<Vec<Result<Option<String>, RefProblem>>> = Vec::new();
            for (doc, found) in &wave {
                let mut per_doc = Vec::new();
                for f in found {
                    let file = f
                        .raw
                        .split_once('#')
                        .map_or(f.raw.as_str(), |(file, _)| file);
                    let named = if file.is_empty() {
                        Ok(None)
                    } else {
                        self.input_for(*doc, file).map(|input| {
                            let key = key_of(&input);
                            if !self.keys.contains_key(&key) && wanted_keys.insert(key.clone()) {
                                wanted.push((key.clone(), input));
                            }
                            Some(key)
                        })
                    };
                    per_doc.push(named);
                }
                files.push(per_doc);
            }
            for ((key, input), loaded) in wanted.iter().zip(self.load_all(&wanted)) {
                let entry = loaded.map(|doc| {
                    let id = DocId(docs.len() as u32);
                    self.bases.push(base_of(input));
                    docs.push(doc);
                    id
                });
                self.keys.insert(key.clone(), entry);
            }
            for ((doc, found), named) in wave.into_iter().zip(files) {
                for (f, file) in found.into_iter().zip(named) {
                    let target = file.and_then(|key| {
                        let in_doc = match key {
                            None => doc,
                            Some(key) => self
                                .keys
                                .get(&key)
                                .cloned()
                                .unwrap_or_else(|| Err(RefProblem::Unresolved(key.clone())))?,
                        };
                        locate(&docs[in_doc.0 as usize].root, in_doc, &f.raw)
                    });
                    holders.push(f.holder);
                    refs.push(RefSite {
                        at: Loc::new(doc, f.at),
                        span: f.span,
                        raw: f.raw,
                        target,
                    });
                }
            }
        }
        (docs, refs, holders)
    }

    /// The input a reference's file part names, from the document `from`.
    fn input_for(&self, from: DocId, file: &str) -> Result<Input, RefProblem> {
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
                    Input::Path(shown(path))
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
        Ok(input)
    }

    fn check_inside(&self, path: &Path, written: &str) -> Result<(), RefProblem> {
        match &self.root_dir {
            Some(root) if !path.starts_with(root) => Err(RefProblem::OutsideRoot(format!(
                "`{written}` climbs above it"
            ))),
            _ => Ok(()),
        }
    }

    /// Loads every input, [`PARALLEL_LOADS`] at a time, results in order.
    fn load_all(&self, wanted: &[(String, Input)]) -> Vec<Result<Document, RefProblem>> {
        let slots: Vec<Mutex<Option<Result<Document, RefProblem>>>> =
            wanted.iter().map(|_| Mutex::new(None)).collect();
        let next = AtomicUsize::new(0);
        let workers = wanted.len().min(PARALLEL_LOADS);
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((_, input)) = wanted.get(i) else {
                        break;
                    };
                    let loaded = self.load_one(input);
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(loaded);
                    }
                });
            }
        });
        slots
            .into_iter()
            .map(|slot| {
                slot.into_inner().ok().flatten().unwrap_or_else(|| {
                    Err(RefProblem::Unresolved(
                        "loading stopped unexpectedly".into(),
                    ))
                })
            })
            .collect()
    }

    fn load_one(&self, input: &Input) -> Result<Document, RefProblem> {
        let written = input.display_name();
        let bytes = match (input, &self.root_real) {
            // A file must stay inside the root's real folder, links followed.
            (Input::Path(path), Some(within)) => gate::read_file_in(path, within).map(|disk| {
                let open = (!self.options.overlay.is_empty())
                    .then(|| path.canonicalize().ok())
                    .flatten()
                    .and_then(|real| self.options.overlay.get(&real));
                match open {
                    Some(text) => text.as_bytes().to_vec(),
                    None => disk,
                }
            }),
            (Input::Path(_), None) => Err(Refusal::Outside {
                through_link: false,
            }),
            _ => input
                .read(&self.options.net)
                .map_err(|e| Refusal::Failed(e.message)),
        };
        let bytes = bytes.map_err(|refusal| match refusal {
            Refusal::Outside { through_link: true } => RefProblem::OutsideRoot(format!(
                "`{written}` is a symbolic link, or lies in a linked folder, whose target is outside"
            )),
            Refusal::Outside { through_link: false } => {
                RefProblem::OutsideRoot(format!("`{written}` is outside"))
            }
            other => RefProblem::Unresolved(format!("`{written}`: {other}")),
        })?;
        load::parse_bytes(&written, bytes).map_err(|e| RefProblem::Unresolved(e.to_string()))
    }
}

/// The target of `raw` inside the document `doc` already found for its file.
fn locate(root: &Node, doc: DocId, raw: &str) -> Result<Loc, RefProblem> {
    let (file, fragment) = raw.split_once('#').unwrap_or((raw, ""));
    let fragment = percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned();
    if !fragment.is_empty() && !fragment.starts_with('/') {
        return Err(RefProblem::Unresolved(format!(
            "`#{fragment}` is not a JSON pointer (anchors are not supported)"
        )));
    }
    match pointer::lookup(root, &fragment) {
        Some(_) => Ok(Loc::new(doc, fragment)),
        None => Err(RefProblem::Unresolved(if file.is_empty() {
            format!("nothing at `#{fragment}` in this document")
        } else {
            format!("nothing at `#{fragment}` in `{file}`")
        })),
    }
}

/// Every `$ref` string in the tree.
fn collect_refs(root: &Node) -> Vec<Found> {
    let mut out = Vec::new();
    walk(root, &mut |path, _, node| {
        if let Some(entry) = node.as_object().and_then(|o| o.entry("$ref")) {
            if let Some(raw) = entry.value.as_str() {
                out.push(Found {
                    at: path.pointer(),
                    span: entry.value.span,
                    raw: raw.to_string(),
                    holder: node.span.start,
                });
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
}
