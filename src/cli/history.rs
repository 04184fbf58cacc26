//! `vapi-spec history`: every commit that changed a spec, each version read
//! through git once (twice at the seam between two workers), compared with
//! the last one that parsed, on every core.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

use crate::diff::dates;
use crate::load::git_log::{self, Commit};
use crate::load::Input;
use crate::model::{Options, Workspace};
use crate::report::history::{self, Outcome, Step};
use crate::rules::config::Config;

use super::args::{HistoryArgs, HistoryFormat};
use super::{print, project, say, stderr_style};

struct Run<'a> {
    repo: &'a Path,
    config: &'a Config,
    bar: &'a ProgressBar,
}

impl Run<'_> {
    fn load(&self, rev: &str, path: &str) -> Result<Workspace, String> {
        let input = Input::Git {
            rev: rev.to_string(),
            path: path.to_string(),
            repo: Some(self.repo.to_path_buf()),
        };
        let ws = Workspace::open(&input, Options::default()).map_err(|e| e.message)?;
        // Read as a spec, or it is no version of one.
        crate::operation_labels(&ws).map_err(|e| e.message)?;
        Ok(ws)
    }

    /// The last version before `commits[start]` that loads, looking into
    /// `earlier` (the commits before a range) when none in it does.
    fn last_good(&self, commits: &[Commit], start: usize, earlier: &[Commit]) -> Option<Workspace> {
        for c in earlier.iter().chain(&commits[..start]).rev() {
            if c.deleted {
                return None;
            }
            if let Ok(ws) = self.load(&c.sha, &c.path) {
                return Some(ws);
            }
        }
        None
    }

    fn step(&self, prev: &mut Option<Workspace>, c: &Commit) -> Outcome {
        if c.deleted {
            return Outcome::Deleted;
        }
        let ws = match self.load(&c.sha, &c.path) {
            Ok(ws) => ws,
            Err(why) => return Outcome::Unreadable(why),
        };
        let outcome = match prev.as_ref() {
            None => Outcome::First {
                operations: crate::operation_labels(&ws).unwrap_or_default(),
                version: ws
                    .root()
                    .root
                    .get("info")
                    .and_then(|i| i.get("version"))
                    .and_then(|v| {
                        v.as_str()
                            .map(str::to_string)
                            .or_else(|| v.as_number().map(|n| n.raw().to_string()))
                    }),
            },
            Some(old) => {
                match crate::compare_workspaces(old, &ws, &self.config.diff_options(), false) {
                    Ok(mut compared) => {
                        self.config
                            .apply(&mut compared.findings, &[old, &ws], dates::today());
                        Outcome::Compared {
                            findings: compared.findings,
                            verdict: compared.version,
                            operations: crate::operation_labels(&ws).map_or(0, |o| o.len()),
                            roots: (
                                old.root().source.name.clone(),
                                ws.root().source.name.clone(),
                            ),
                        }
                    }
                    Err(e) => Outcome::Unreadable(e.message),
                }
            }
        };
        *prev = Some(ws);
        outcome
    }

    /// The steps of `commits[range]`.
    fn chunk(
        &self,
        commits: &[Commit],
        range: std::ops::Range<usize>,
        earlier: &[Commit],
    ) -> Vec<Step> {
        let mut prev = self.last_good(commits, range.start, earlier);
        commits[range]
            .iter()
            .map(|c| {
                let outcome = self.step(&mut prev, c);
                self.bar.inc(1);
                Step {
                    commit: c.clone(),
                    outcome,
                }
            })
            .collect()
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
        .min(commits.len())
        .max(1);
    let size = commits.len().div_ceil(workers);
    let run = Run {
        repo: &repo,
        config: &config,
        bar: &bar,
    };
    let steps: Vec<Step> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let range = (w * size).min(commits.len())..((w + 1) * size).min(commits.len());
                let (run, commits, earlier) = (&run, &commits, &earlier);
                s.spawn(move || run.chunk(commits, range, earlier))
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    bar.finish_and_clear();
    if steps.len() != commits.len() {
        return fail("reading the history stopped unexpectedly");
    }
    let shown_file = args.file.display().to_string();
    let h = history::build(&shown_file, args.git_range.as_deref(), &steps);
    let format = format_of(args);
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
