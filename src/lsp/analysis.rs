//! One buffer checked as `vapi-spec lint` checks a file, and compared with
//! its base as `vapi-spec diff BASE buffer` compares them, without saving.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diff::dates;
use crate::load::{self, Input, LoadError};
use crate::model::{Options, Workspace};
use crate::report::changes;
use crate::rules::config::{self, Config};
use crate::rules::Finding;

/// What the server knows of one version of a buffer.
pub struct Analysis {
    /// The buffer's text when it was read, which every span below is into.
    pub version: i32,
    pub workspace: Option<Arc<Workspace>>,
    /// The buffer did not load: the reason, at its place.
    pub error: Option<LoadError>,
    pub lint: Vec<Finding>,
    /// Each change against the base once, with the endpoints it reaches.
    pub changes: Vec<Finding>,
    pub base: Option<BaseInfo>,
    /// The configuration did not load (its own diagnostic), or the base
    /// could not be read: said once, in the editor's log.
    pub problems: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct BaseInfo {
    /// As people write it: `origin/main:api/openapi.yaml`.
    pub name: String,
}

/// Where the base comes from: the client's setting wins over the
/// configuration's `base`.
pub fn base_input(base: &str, file: &Path, config_dir: Option<&Path>) -> Result<Input, String> {
    let dir = file.parent().unwrap_or(Path::new("/"));
    // A path that exists is a file, as on the command line.
    for folder in [config_dir, Some(dir)].into_iter().flatten() {
        let candidate = folder.join(base);
        if candidate.is_file() {
            return Ok(Input::Path(candidate));
        }
    }
    let (top, rel) = crate::load::git_log::locate(file)
        .map_err(|e| format!("base `{base}` is not a file, and {e}"))?;
    Ok(Input::Git {
        rev: base.to_string(),
        path: rel,
        repo: Some(top),
    })
}

/// A name for what `input`'s content is now, to know when a kept base is
/// stale: the commit for a revision, the modification time for a file.
pub fn stamp(input: &Input) -> String {
    match input {
        Input::Git { rev, repo, .. } => {
            let mut git = std::process::Command::new("git");
            if let Some(repo) = repo {
                git.arg("-C").arg(repo);
            }
            git.args(["rev-parse", "--verify", "--quiet"])
                .arg(format!("{rev}^{{commit}}"))
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
                .unwrap_or_default()
        }
        Input::Path(p) => std::fs::metadata(p)
            .and_then(|m| m.modified())
            .map(|t| format!("{t:?}"))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The project configuration for `file`: the nearest `.vapi-spec.yaml`
/// above it, as `vapi-spec` run in the file's folder finds it.
pub fn config_for(file: &Path) -> (Result<Config, LoadError>, Option<PathBuf>) {
    let dir = file.parent().unwrap_or(Path::new("/"));
    match config::discover(dir) {
        Some(path) => (config::load(&path), Some(path)),
        None => (Ok(Config::default()), None),
    }
}

/// Loads the buffer `text` as the file at `path` (its references are read
/// from the disk around it).
pub fn load_buffer(
    path: &Path,
    text: &str,
    overlay: &Arc<std::collections::HashMap<PathBuf, Arc<str>>>,
) -> Result<Workspace, LoadError> {
    let name = path.display().to_string();
    let doc = load::parse_bytes(&name, text.as_bytes().to_vec())?;
    let options = Options {
        overlay: overlay.clone(),
        ..Options::default()
    };
    Ok(Workspace::from_document(
        doc,
        &Input::Path(path.to_path_buf()),
        options,
    ))
}

/// Loads a base.
pub fn load_base(input: &Input) -> Result<Workspace, LoadError> {
    Workspace::open(input, Options::default())
}

/// A file without `openapi` or `swagger` at the top is a part of a spec
/// (schemas another file references), not a spec of its own: it is checked
/// through the specs that use it, and only read here.
pub fn is_fragment(ws: &Workspace) -> bool {
    ws.root()
        .root
        .as_object()
        .is_some_and(|o| !o.contains_key("openapi") && !o.contains_key("swagger"))
}

/// Lints the buffer and compares it with the base `base` gives (asked
/// only when the buffer is a whole spec).
pub fn analyse(
    version: i32,
    path: &Path,
    text: &str,
    overlay: &Arc<std::collections::HashMap<PathBuf, Arc<str>>>,
    config: &Config,
    base: impl FnOnce() -> Option<(Arc<Workspace>, BaseInfo)>,
) -> Analysis {
    let mut out = Analysis {
        version,
        workspace: None,
        error: None,
        lint: Vec::new(),
        changes: Vec::new(),
        base: None,
        problems: Vec::new(),
    };
    let ws = match load_buffer(path, text, overlay) {
        Ok(ws) => ws,
        Err(e) => {
            out.error = Some(e);
            return out;
        }
    };
    if is_fragment(&ws) {
        out.workspace = Some(Arc::new(ws));
        return out;
    }
    let base = base();
    let today = dates::today();
    let enforce = config.version_policy == Some(true);
    // Both read the buffer and nothing else: check and compare at once.
    let (linted, compared) = std::thread::scope(|s| {
        let compared = base.as_ref().map(|(old, _)| {
            let ws = &ws;
            s.spawn(move || {
                crate::compare_workspaces(old, ws, &config.diff_options(), enforce).map(|mut c| {
                    config.apply(&mut c.findings, &[old, ws], today);
                    let roots = (
                        old.root().source.name.as_str(),
                        ws.root().source.name.as_str(),
                    );
                    changes::representatives(&c.findings, roots)
                })
            })
        });
        let linted = crate::lint_configured(&ws, config, today);
        (linted, compared.map(|h| h.join()))
    });
    match linted {
        Ok((findings, _)) => out.lint = findings,
        Err(e) => out.error = Some(e),
    }
    if let Some((_, info)) = base {
        match compared {
            Some(Ok(Ok(changes))) if out.error.is_none() => out.changes = changes,
            Some(Ok(Err(e))) => out
                .problems
                .push(format!("cannot compare with {}: {}", info.name, e.message)),
            Some(Err(_)) => out
                .problems
                .push(format!("comparing with {} failed unexpectedly", info.name)),
            _ => {}
        }
        out.base = Some(info);
    }
    out.workspace = Some(Arc::new(ws));
    out
}
