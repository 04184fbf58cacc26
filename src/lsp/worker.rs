//! The analysis thread: takes the newest text of each buffer after a short
//! quiet spell, checks it, and publishes its diagnostics unless a newer
//! text has arrived meanwhile (then the result is dropped).

use std::collections::{HashMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use lsp_server::{Message, Notification};
use lsp_types::{Diagnostic, PublishDiagnosticsParams, Uri};

use crate::load::Input;
use crate::model::Workspace;

use super::analysis::{self, Analysis, BaseInfo};
use super::diagnostics::{self, Lines, RuleDocs};
use super::text::{Encoding, Text};
use super::uri;

/// How long a buffer must stay unchanged before it is checked: typing
/// produces a change per key, and only the last one is worth checking.
pub const QUIET: Duration = Duration::from_millis(120);

pub struct Job {
    pub uri: Uri,
    pub version: i32,
    pub path: PathBuf,
    pub text: Arc<str>,
    /// The other open buffers, by real path, read instead of their files.
    pub overlay: Arc<HashMap<PathBuf, Arc<str>>>,
}

pub enum Task {
    Check(Job),
    /// The client's `base`, replacing the configuration's.
    Base(Option<String>),
    Close(Uri),
}

/// What requests read: the newest analysis of each buffer, and the last
/// one that loaded (for navigation while the buffer is half typed).
pub struct Checked {
    pub analysis: Analysis,
    /// The text analysed, for positions.
    pub text: Text,
    pub good: Option<(Arc<Workspace>, Text)>,
    pub config: Option<PathBuf>,
}

pub type Results = Arc<Mutex<HashMap<Uri, Arc<Checked>>>>;
/// The newest version the client sent of each buffer.
pub type Latest = Arc<Mutex<HashMap<Uri, i32>>>;

pub struct Worker {
    pub tasks: Receiver<Task>,
    pub out: Sender<Message>,
    pub results: Results,
    pub latest: Latest,
    pub enc: Encoding,
    pub docs: Arc<RuleDocs>,
    pub log: Sender<String>,
}

struct Base {
    stamp: String,
    loaded: Result<Arc<Workspace>, String>,
}

#[derive(Default)]
struct State {
    client_base: Option<String>,
    bases: HashMap<Input, Base>,
    /// Per file, what each buffer's analysis says about it.
    published: HashMap<Uri, HashMap<Uri, Vec<Diagnostic>>>,
    /// Problems told already, so a log is not flooded while typing.
    told: HashSet<String>,
}

/// A panic while a lock was held leaves data that is still whole (each
/// update is one insert): keep serving it.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub(super) fn lock_results(r: &Results) -> std::sync::MutexGuard<'_, HashMap<Uri, Arc<Checked>>> {
    lock(r)
}

pub(super) fn lock_latest(l: &Latest) -> std::sync::MutexGuard<'_, HashMap<Uri, i32>> {
    lock(l)
}

impl Worker {
    pub fn run(self) {
        let mut state = State::default();
        loop {
            let Ok(first) = self.tasks.recv() else { return };
            let mut pending: Vec<Job> = Vec::new();
            let take = |task: Task, state: &mut State, pending: &mut Vec<Job>| match task {
                Task::Check(job) => {
                    pending.retain(|j| j.uri != job.uri);
                    pending.push(job);
                }
                Task::Base(base) => {
                    state.client_base = base;
                    state.bases.clear();
                }
                Task::Close(uri) => {
                    pending.retain(|j| j.uri != uri);
                    self.forget(&uri, state);
                }
            };
            take(first, &mut state, &mut pending);
            loop {
                match self.tasks.recv_timeout(QUIET) {
                    Ok(task) => take(task, &mut state, &mut pending),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            for job in pending {
                if self.is_stale(&job) {
                    continue;
                }
                let checked =
                    std::panic::catch_unwind(AssertUnwindSafe(|| self.check(&job, &mut state)));
                match checked {
                    Ok(Some(checked)) if !self.is_stale(&job) => {
                        self.publish(&job.uri, checked, &mut state)
                    }
                    Ok(_) => {}
                    Err(_) => {
                        let _ = self.log.send(format!(
                            "checking {} failed unexpectedly; the last results stay",
                            job.path.display()
                        ));
                    }
                }
            }
        }
    }

    fn is_stale(&self, job: &Job) -> bool {
        lock(&self.latest)
            .get(&job.uri)
            .is_some_and(|&v| v > job.version)
    }

    fn tell(&self, state: &mut State, message: String) {
        if state.told.insert(message.clone()) {
            let _ = self.log.send(message);
        }
    }

    fn base_for(
        &self,
        state: &mut State,
        job: &Job,
        config: &crate::rules::config::Config,
        config_dir: Option<&std::path::Path>,
    ) -> Option<(Arc<Workspace>, BaseInfo)> {
        let base = state.client_base.clone().or_else(|| config.base.clone())?;
        let input = match analysis::base_input(&base, &job.path, config_dir) {
            Ok(i) => i,
            Err(e) => {
                self.tell(state, e);
                return None;
            }
        };
        let stamp = analysis::stamp(&input);
        let fresh = state
            .bases
            .get(&input)
            .is_some_and(|b| b.stamp == stamp && !stamp.is_empty());
        if !fresh {
            let loaded = analysis::load_base(&input).map(Arc::new).map_err(|e| {
                format!(
                    "cannot read the base {}: {}",
                    input.display_name(),
                    e.message
                )
            });
            state.bases.insert(input.clone(), Base { stamp, loaded });
        }
        match &state.bases.get(&input)?.loaded {
            Ok(ws) => Some((
                ws.clone(),
                BaseInfo {
                    name: input.display_name(),
                },
            )),
            Err(e) => {
                let e = e.clone();
                self.tell(state, e);
                None
            }
        }
    }

    fn check(&self, job: &Job, state: &mut State) -> Option<Checked> {
        let (config, config_path) = analysis::config_for(&job.path);
        let config = match config {
            Ok(c) => c,
            Err(e) => {
                // Shown in the configuration file itself; the buffer is
                // checked with the built-in settings meanwhile.
                if let Some(u) = config_path.as_deref().and_then(uri::from_path) {
                    let d = diagnostics::load_error(&e, self.enc);
                    self.replace(&job.uri, [(u, vec![d])].into_iter().collect(), state, false);
                }
                Default::default()
            }
        };
        let config_dir = config_path
            .as_deref()
            .and_then(|p| p.parent())
            .map(|p| p.to_path_buf());
        let analysis = analysis::analyse(
            job.version,
            &job.path,
            &job.text,
            &job.overlay,
            &config,
            || self.base_for(state, job, &config, config_dir.as_deref()),
        );
        for p in &analysis.problems {
            self.tell(state, p.clone());
        }
        let text = Text::new(job.text.to_string());
        let previous = lock(&self.results)
            .get(&job.uri)
            .and_then(|c| c.good.clone());
        let good = match &analysis.workspace {
            Some(ws) => Some((ws.clone(), text.clone())),
            None => previous,
        };
        Some(Checked {
            analysis,
            text,
            good,
            config: config_path,
        })
    }

    fn forget(&self, uri: &Uri, state: &mut State) {
        lock(&self.results).remove(uri);
        self.replace(uri, HashMap::new(), state, true);
    }

    /// Sets what `owner`'s analysis says about each file, and republishes
    /// every file whose diagnostics changed.
    fn replace(
        &self,
        owner: &Uri,
        by_file: HashMap<Uri, Vec<Diagnostic>>,
        state: &mut State,
        all: bool,
    ) {
        let mut touched: Vec<Uri> = Vec::new();
        for (file, owners) in state.published.iter_mut() {
            if (all || file != owner)
                && !by_file.contains_key(file)
                && owners.remove(owner).is_some()
            {
                touched.push(file.clone());
            }
        }
        for (file, list) in by_file {
            state
                .published
                .entry(file.clone())
                .or_default()
                .insert(owner.clone(), list);
            touched.push(file);
        }
        for file in touched {
            let list: Vec<Diagnostic> = state
                .published
                .get(&file)
                .map(|owners| {
                    let mut keys: Vec<&Uri> = owners.keys().collect();
                    keys.sort();
                    keys.into_iter()
                        .flat_map(|k| owners[k].iter().cloned())
                        .collect()
                })
                .unwrap_or_default();
            let params = PublishDiagnosticsParams {
                uri: file,
                diagnostics: list,
                version: None,
            };
            let note = Notification::new("textDocument/publishDiagnostics".into(), params);
            let _ = self.out.send(Message::Notification(note));
        }
    }

    fn publish(&self, uri: &Uri, checked: Checked, state: &mut State) {
        let mut by_file: HashMap<Uri, Vec<Diagnostic>> = HashMap::new();
        by_file.insert(uri.clone(), Vec::new());
        let a = &checked.analysis;
        let lines = Lines::new(self.enc);
        if let Some(e) = &a.error {
            let mut d = diagnostics::load_error(e, self.enc);
            if e.source.is_none() {
                d.range = Default::default();
            }
            by_file.entry(uri.clone()).or_default().push(d);
        }
        for f in &a.lint {
            if let Some((u, d)) = diagnostics::lint(f, &lines, &self.docs) {
                by_file.entry(u).or_default().push(d);
            }
        }
        if let (Some(ws), Some(base)) = (&a.workspace, &a.base) {
            for f in &a.changes {
                if let Some((u, d)) = diagnostics::change(f, ws, &base.name, &lines, &self.docs) {
                    by_file.entry(u).or_default().push(d);
                }
            }
        }
        lock(&self.results).insert(uri.clone(), Arc::new(checked));
        self.replace(uri, by_file, state, false);
    }
}
