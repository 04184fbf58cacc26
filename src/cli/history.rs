//! `vapi-spec history`: every commit that changed a spec, each version read
//! through git once and compared with the last one that parsed, on every core.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use indicatif::{ProgressBar, ProgressStyle};

use crate::diff::dates;
use crate::load::git_log::{self, Commit};
use crate::load::Input;
use crate::model::{Options, Workspace};
use crate::report::history::{self, Outcome, Step};
use crate::rules::config::Config;

use super::args::{HistoryArgs, HistoryFormat};
use super::{print, project, say, stderr_style};

/// One version of the spec, loaded, with its operations.
struct Version {
    ws: Workspace,
    operations: Vec<String>,
}

/// What reading one commit gave.
enum Read {
    Loaded(Arc<Version>),
    Unreadable(String),
    Deleted,
}

/// Revisions loaded at once: enough to keep every core busy, few enough
/// that memory stays a handful of versions whatever the history's length.
const WINDOW_PER_CORE: usize = 3;

struct Run<'a> {
    repo: &'a Path,
    config: &'a Config,
    bar: &'a ProgressBar,
    workers: usize,
}

/// `f` of every item, on `workers` threads, in order.
fn parallel<T: Sync, R: Send>(items: &[T], workers: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..workers.min(items.len()).max(1) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                if let Ok(mut slot) = slots[i].lock() {
                    *slot = Some(r);
                }
            });
        }
    });
    slots
        .into_iter()
        .filter_map(|m| m.into_inner().ok().flatten())
        .collect()
}

impl Run<'_> {
    fn read(&self, c: &Commit) -> Read {
        if c.deleted {
            return Read::Deleted;
        }
        let input = Input::Git {
            rev: c.sha.clone(),
            path: c.path.clone(),
            repo: Some(self.repo.to_path_buf()),
        };
        let ws = match Workspace::open(&input, Options::default()) {
            Ok(ws) => ws,
            Err(e) => return Read::Unreadable(e.message),
        };
        // Read as a spec, or it is no version of one.
        match crate::operation_labels(&ws) {
            Ok(operations) => Read::Loaded(Arc::new(Version { ws, operations })),
            Err(e) => Read::Unreadable(e.message),
        }
    }

    /// The last version before the history that loads (for a range).
    fn base(&self, earlier: &[Commit]) -> Option<Arc<Version>> {
        for c in earlier.iter().rev() {
            match self.read(c) {
                Read::Loaded(v) => return Some(v),
                Read::Deleted => return None,
                Read::Unreadable(_) => {}
            }
        }
        None
    }

    fn compare(&self, old: Option<&Version>, new: &Version) -> Outcome {
        let Some(old) = old else {
            return Outcome::First {
                operations: new.operations.clone(),
                version: crate::rules::version_policy::version(&new.ws),
            };
        };
        match crate::compare_workspaces(&old.ws, &new.ws, &self.config.diff_options(), false) {
            Ok(mut compared) => {
                self.config
                    .apply(&mut compared.findings, &[&old.ws, &new.ws], dates::today());
                Outcome::Compared {
                    findings: compared.findings,
                    verdict: compared.version,
                    operations: new.operations.len(),
                    roots: (
                        old.ws.root().source.name.clone(),
                        new.ws.root().source.name.clone(),
                    ),
                }
            }
            Err(e) => Outcome::Unreadable(e.message),
        }
    }

    /// Every commit read once and compared with the last version before it
    /// that loaded, a window of them at a time.
    fn steps(&self, commits: &[Commit], earlier: &[Commit]) -> Vec<Step> {
        let mut last = self.base(earlier);
        let mut steps = Vec::with_capacity(commits.len());
        for window in commits.chunks(self.workers * WINDOW_PER_CORE) {
            let read = parallel(window, self.workers, |c| self.read(c));
            // Each loaded version with the one it is compared with.
            let mut jobs: Vec<(Option<Arc<Version>>, Arc<Version>)> = Vec::new();
            for r in &read {
                if let Read::Loaded(v) = r {
                    jobs.push((last.clone(), v.clone()));
                    last = Some(v.clone());
                } else if let Read::Deleted = r {
                    last = None;
                }
            }
            let mut compared = parallel(&jobs, self.workers, |(old, new)| {
                let outcome = self.compare(old.as_deref(), new);
                self.bar.inc(1);
                outcome
            })
            .into_iter();
            drop(jobs);
            for (c, r) in window.iter().zip(read) {
                let outcome = match r {
                    Read::Loaded(_) => compared
                        .next()
                        .unwrap_or(Outcome::Unreadable("not compared".into())),
                    Read::Unreadable(why) => {
                        self.bar.inc(1);
                        Outcome::Unreadable(why)
                    }
                    Read::Deleted => {
                        self.bar.inc(1);
                        Outcome::Deleted
                    }
                };
                steps.push(Step {
                    commit: c.clone(),
                    outcome,
                });
            }
        }
        steps
    }
}

fn format_of(args: &HistoryArgs) -> HistoryFormat {
    if let Some(f) = args.format {
        return f;
    }
    let ext = args
        .output
        .as_deref()
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("md" | "markdown") => HistoryFormat::Markdown,
        Some("json") => HistoryFormat::Json,
        _ => HistoryFormat::Html,
    }
}

fn fail(message: &str) -> ExitCode {
    say(&format!("error: {message}"));
    ExitCode::from(2)
}

pub fn run(args: &HistoryArgs) -> ExitCode {
    let config = match project::load_config_from(args.config.as_deref(), args.no_config) {
        Ok(c) => c,
        Err(e) => {
            eprint!("{}", crate::report::human::load_error(&e, stderr_style()));
            return ExitCode::from(2);
        }
    };
    let (repo, path) = match git_log::locate(&args.file) {
        Ok(found) => found,
        Err(e) => return fail(&e),
    };
    let commits = match git_log::commits(&repo, args.git_range.as_deref(), &path) {
        Ok(c) if c.is_empty() => return fail(&format!("no commit changed {path}")),
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    // In a range, the first commit is compared with the last version
    // before it that parses, found in the whole history.
    let earlier: Vec<Commit> = match (&args.git_range, commits.first()) {
        (Some(_), Some(first)) => match git_log::commits(&repo, None, &path) {
            Ok(all) => all.into_iter().take_while(|c| c.sha != first.sha).collect(),
            Err(e) => return fail(&e),
        },
        _ => Vec::new(),
    };
    let bar = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(commits.len() as u64)
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} revisions {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let workers = std::thread::available_parallelism()
        .map_or(2, usize::from)
        .max(1);
    let run = Run {
        repo: &repo,
        config: &config,
        bar: &bar,
        workers,
    };
    let steps = run.steps(&commits, &earlier);
    bar.finish_and_clear();
    if steps.len() != commits.len() {
        return fail("reading the history stopped unexpectedly");
    }
    let shown_file = args.file.display().to_string();
    let format = format_of(args);
    let places = format == HistoryFormat::Json;
    let h = history::build(&shown_file, args.git_range.as_deref(), &steps, places);
    let text = match format {
        HistoryFormat::Json => history::json(&h),
        HistoryFormat::Html => history::html::page(&h),
        HistoryFormat::Markdown => {
            let chart = args.output.as_ref().map(|o| o.with_extension("svg"));
            if let Some(svg) = &chart {
                if let Err(e) = std::fs::write(svg, history::svg::chart(&h, false) + "\n") {
                    return fail(&format!("cannot write {}: {e}", svg.display()));
                }
            }
            let name = chart
                .as_deref()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned());
            history::markdown::document(&h, name.as_deref())
        }
    };
    match &args.output {
        Some(out) => {
            if let Err(e) = std::fs::write(out, text) {
                return fail(&format!("cannot write {}: {e}", out.display()));
            }
            if !args.quiet {
                say(&format!(
                    "wrote {} ({} revisions)",
                    out.display(),
                    steps.len()
                ));
            }
        }
        None => print(&text),
    }
    ExitCode::SUCCESS
}
