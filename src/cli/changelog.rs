//! `vapi-spec changelog`: release notes for two versions, or for every commit
//! of a git range that touched the spec.

use std::process::{Command, ExitCode};

use crate::diff::dates;
use crate::load::Input;
use crate::model::Options;
use crate::report::changelog::{self, Release};
use crate::rules::config::Config;
use crate::DiffReport;

use super::args::{ChangelogArgs, NotesFormat};
use super::{print, project, say, stderr_style};

struct Step {
    heading: Option<String>,
    report: DiffReport,
}

fn compare(
    old: &Input,
    new: &Input,
    config: &Config,
) -> Result<DiffReport, crate::load::LoadError> {
    let options = config.diff_options();
    let mut report = crate::diff_inputs(old, new, Options::default(), &options, false)?;
    config.apply(
        &mut report.findings,
        &[&report.old, &report.new],
        dates::today(),
    );
    Ok(report)
}

/// `(full hash, short hash, date, subject)` of each commit in `range` that
/// changed `file`, newest first.
fn commits(range: &str, file: &str) -> Result<Vec<[String; 4]>, String> {
    if range.starts_with('-') {
        return Err("a git range cannot start with `-`".into());
    }
    let out = Command::new("git")
        .args([
            "log",
            "--format=%H%x1f%h%x1f%ad%x1f%s",
            "--date=short",
            range,
            "--",
            file,
        ])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "git log {range} failed: {}",
            err.lines().next().unwrap_or("").trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut parts = l.splitn(4, '\x1f').map(str::to_string);
            Some([parts.next()?, parts.next()?, parts.next()?, parts.next()?])
        })
        .collect())
}

pub fn run(args: &ChangelogArgs) -> ExitCode {
    let config = match project::load_config_from(args.config.as_deref(), args.no_config) {
        Ok(c) => c,
        Err(e) => {
            eprint!("{}", crate::report::human::load_error(&e, stderr_style()));
            return ExitCode::from(2);
        }
    };
    let mut steps = Vec::new();
    let page_title;
    match (&args.git_range, &args.old, &args.new) {
        (Some(range_file), _, _) => {
            let (range, file) = (&range_file[0], &range_file[1]);
            // `./` makes git read the path relative to the working directory.
            let path = if file.starts_with('/') || file.starts_with("./") {
                file.clone()
            } else {
                format!("./{file}")
            };
            let list = match commits(range, file) {
                Ok(l) => l,
                Err(e) => {
                    say(&format!("error: {e}"));
                    return ExitCode::from(2);
                }
            };
            page_title = format!("Changes to {file} in {range}");
            for [hash, short, date, subject] in list {
                let old = Input::Git {
                    rev: format!("{hash}^"),
                    path: path.clone(),
                    repo: None,
                };
                let new = Input::Git {
                    rev: hash.clone(),
                    path: path.clone(),
                    repo: None,
                };
                let heading = Some(format!("{date} · {short} · {subject}"));
                match compare(&old, &new, &config) {
                    Ok(report) => steps.push(Step { heading, report }),
                    // The first commit of the file, or one where it did not
                    // parse: say so and go on with the history.
                    Err(e) => say(&format!("note: {short} skipped: {e}")),
                }
            }
        }
        (None, Some(old), Some(new)) => {
            match compare(&Input::parse(old), &Input::parse(new), &config) {
                Ok(report) => {
                    page_title = format!("{}: changes", report.title());
                    steps.push(Step {
                        heading: None,
                        report,
                    });
                }
                Err(e) => {
                    eprint!("{}", crate::report::human::load_error(&e, stderr_style()));
                    return ExitCode::from(2);
                }
            }
        }
        _ => {
            eprintln!("error: give OLD and NEW, or --git-range RANGE FILE");
            return ExitCode::from(2);
        }
    }
    let releases: Vec<Release<'_>> = steps
        .iter()
        .map(|s| Release {
            heading: s.heading.clone(),
            title: s.report.title(),
            old_version: s.report.version.old.clone(),
            new_version: s.report.version.new.clone(),
            findings: &s.report.findings,
            texts: &s.report.texts,
        })
        .collect();
    let text = match args.format {
        NotesFormat::Markdown => changelog::markdown(&releases),
        NotesFormat::Html => changelog::html(&releases, &page_title),
        NotesFormat::Text => changelog::text(&releases),
    };
    print(&text);
    ExitCode::SUCCESS
}
