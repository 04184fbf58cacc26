//! `lint` and `diff`: load, compare or check, apply the project's settings,
//! print, and choose the exit code.

use std::io::Write;
use std::process::ExitCode;

use crate::diff::{dates, DiffOptions};
use crate::load::{Input, LoadError};
use crate::model::Options;
use crate::report;
use crate::rules::config::{Applied, Config};
use crate::rules::{Finding, Level};

use super::args::{CommonArgs, DiffArgs, LintArgs, OutputFormat};
use super::project;
use super::{say, stderr_style, stdout_style};

fn fail(e: &LoadError) -> ExitCode {
    eprint!("{}", report::human::load_error(e, stderr_style()));
    ExitCode::from(2)
}

fn usage(message: &str) -> ExitCode {
    say(&format!("error: {message}"));
    ExitCode::from(2)
}

/// The shared tail of both commands: configuration, baseline, output, exit code.
fn finish(
    mut findings: Vec<Finding>,
    common: &CommonArgs,
    config: &Config,
    applied: &Applied,
    render: impl Fn(&[Finding], OutputFormat, &mut dyn Write) -> std::io::Result<()>,
) -> ExitCode {
    for note in &applied.expired {
        say(&format!("warning: {note}"));
    }
    if let Some(path) = &common.write_baseline {
        if let Err(e) = project::write_baseline(path, &findings) {
            return usage(&e);
        }
    }
    let mut baselined = 0;
    if let Some(path) = &common.baseline {
        match project::read_baseline(path) {
            Ok(known) => {
                let before = findings.len();
                findings.retain(|f| !known.contains(&project::fingerprint(f)));
                baselined = before - findings.len();
            }
            Err(e) => return usage(&e),
        }
    }
    {
        let mut stdout = std::io::stdout().lock();
        // A closed pipe (`| head`) is not a failure of ours.
        let _ = render(&findings, common.format, &mut stdout).and_then(|()| stdout.flush());
    }
    let suppressed =
        applied.ignored + applied.off + applied.out_of_scope + applied.inline + baselined;
    if suppressed > 0 {
        // Nothing disappears silently: say how much was left out, and why.
        let mut parts = Vec::new();
        for (n, why) in [
            (applied.ignored, "ignored by the configuration"),
            (applied.inline, "silenced by x-vapi-ignore"),
            (applied.off, "from rules turned off"),
            (applied.out_of_scope, "outside the configured paths"),
            (baselined, "already in the baseline"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {why}"));
            }
        }
        eprintln!(
            "note: {suppressed} finding(s) not shown: {}",
            parts.join(", ")
        );
    }
    let threshold = common
        .fail_on
        .map(|f| f.level())
        .or(config.fail_on)
        .unwrap_or(Level::Error);
    ExitCode::from(u8::from(findings.iter().any(|f| f.level >= threshold)))
}

fn machine(format: OutputFormat, findings: &[Finding], title: &str) -> String {
    match format {
        OutputFormat::Sarif => report::sarif::render(findings) + "\n",
        OutputFormat::Junit => report::junit::render(findings, title) + "\n",
        OutputFormat::Github => report::github::render(findings),
        OutputFormat::Markdown => report::markdown::render(findings, title),
        OutputFormat::Json | OutputFormat::Human => String::new(),
    }
}

/// A tree of millions of nodes takes a tenth of a run to free one by one;
/// when the process is about to end with it, the system takes the memory
/// back at once instead.
fn leave<T>(value: T, last: bool) {
    if last {
        std::mem::forget(value);
    }
}

/// One spec linted, with the project's settings applied. `alone`: the only
/// spec of this run, whose tree lives until the process ends.
fn lint_one(
    spec: &str,
    since: Option<&str>,
    config: &Config,
    options: &Options,
    alone: bool,
) -> Result<(Vec<Finding>, Applied), LoadError> {
    let workspace = crate::model::Workspace::open(&Input::parse(spec), options.clone())?;
    let today = dates::today();
    let (mut findings, applied) = crate::lint_configured(&workspace, config, today)?;
    if let Some(old) = since {
        // Only what this version introduced: findings the old version had are known.
        let mut before =
            crate::lint_input_with(&Input::parse(old), options.clone(), config.custom_checks())?;
        config.apply(&mut before.findings, &[&before.workspace], today);
        let known: std::collections::HashSet<String> =
            before.findings.iter().map(project::fingerprint).collect();
        findings.retain(|f| !known.contains(&project::fingerprint(f)));
    }
    leave(workspace, alone);
    Ok((findings, applied))
}

pub fn lint(args: &LintArgs) -> ExitCode {
    let config = match project::load_config(&args.common) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let options = args.common.load_options();
    let specs = match super::files::expand(&args.specs) {
        Ok(s) => s,
        Err(e) => return usage(&e),
    };
    if args.since.is_some() && specs.len() != 1 {
        return usage("--since compares one spec with its earlier version; give exactly one SPEC");
    }
    // Specs are independent: lint them on every core, then report in the order given.
    let workers = std::thread::available_parallelism()
        .map_or(2, usize::from)
        .min(specs.len())
        .max(1);
    let chunk = specs.len().div_ceil(workers);
    let results: Vec<Result<(Vec<Finding>, Applied), LoadError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = specs
            .chunks(chunk)
            .map(|part| {
                let (config, options, since) = (&config, &options, args.since.as_deref());
                let alone = specs.len() == 1;
                scope.spawn(move || {
                    part.iter()
                        .map(|s| lint_one(s, since, config, options, alone))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join().unwrap_or_else(|_| {
                    vec![Err(LoadError::read(
                        "vapi-spec",
                        "a lint worker stopped unexpectedly",
                    ))]
                })
            })
            .collect()
    });
    let mut findings = Vec::new();
    let mut applied = Applied::default();
    let mut failed = false;
    let mut loaded = 0;
    for result in results {
        match result {
            Ok((f, a)) => {
                loaded += 1;
                findings.extend(f);
                applied.ignored += a.ignored;
                applied.off += a.off;
                applied.out_of_scope += a.out_of_scope;
                applied.inline += a.inline;
                applied.expired.extend(a.expired);
            }
            Err(e) => {
                // One unreadable spec does not hide the others' findings.
                eprint!("{}", report::human::load_error(&e, stderr_style()));
                failed = true;
            }
        }
    }
    if loaded == 0 {
        // Nothing could be read: no report, as for any input that cannot be read.
        return ExitCode::from(2);
    }
    applied.expired.dedup();
    let title = format!("vapi-spec lint {}", args.specs.join(" "));
    let code = finish(
        findings,
        &args.common,
        &config,
        &applied,
        |findings, format, out| {
            let text = match format {
                OutputFormat::Json => return report::json::lint_to(findings, out),
                OutputFormat::Human => report::human::findings(findings, stdout_style()),
                other => machine(other, findings, &title),
            };
            out.write_all(text.as_bytes())
        },
    );
    if failed {
        ExitCode::from(2)
    } else {
        code
    }
}

pub fn diff(args: &DiffArgs) -> ExitCode {
    let config = match project::load_config(&args.common) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let (old, new) = (Input::parse(&args.old), Input::parse(&args.new));
    if old == Input::Stdin && new == Input::Stdin {
        return usage("only one of OLD and NEW can be standard input");
    }
    let stability = args
        .stability_level
        .clone()
        .or_else(|| config.stability_level.clone());
    let options = DiffOptions {
        deprecation_days_beta: args.deprecation_days_beta.or(config.deprecation_days_beta),
        deprecation_days_stable: args
            .deprecation_days_stable
            .or(config.deprecation_days_stable),
        today: None,
        stability_level: stability.as_deref().and_then(crate::diff::Stability::parse),
        max_depth: args.comparison_depth.map(usize::from),
    };
    let enforce = args.version_policy || config.version_policy == Some(true);
    let load_options = args.common.load_options();
    let mut report = match crate::diff_inputs(&old, &new, load_options, &options, enforce) {
        Ok(r) => r,
        Err(e) => return fail(&e),
    };
    let applied = config.apply(
        &mut report.findings,
        &[&report.old, &report.new],
        dates::today(),
    );
    if let Some(min) = args.only.map(|o| o.level()) {
        report.findings.retain(|f| f.level >= min);
    }
    if args.suggest_version {
        // On standard error, so that the machine formats on standard output stay intact.
        let v = &report.version;
        match (&v.suggested, &v.new) {
            (Some(s), _) => say(&format!("suggested version: {s}")),
            (None, Some(current)) => say(&format!("suggested version: {current} (already enough)")),
            (None, None) => say("suggested version: none (no info.version)"),
        }
    }
    let roots = (
        report.old.root().source.name.as_str(),
        report.new.root().source.name.as_str(),
    );
    let by_endpoint = args.group_by == super::args::GroupBy::Endpoint;
    let title = format!(
        "vapi-spec diff {} {}",
        old.display_name(),
        new.display_name()
    );
    let code = finish(
        report.findings,
        &args.common,
        &config,
        &applied,
        |findings, format, out| {
            let text = match format {
                OutputFormat::Json => return report::json::diff_to(findings, roots, out),
                OutputFormat::Human if by_endpoint => report::human::diff(findings, stdout_style()),
                OutputFormat::Human => {
                    report::human::diff_by_change(findings, roots, stdout_style())
                }
                OutputFormat::Markdown if !by_endpoint => {
                    report::markdown::diff_by_change(findings, roots, &title)
                }
                other if by_endpoint => machine(other, findings, &title),
                other => machine(
                    other,
                    &report::changes::representatives(findings, roots),
                    &title,
                ),
            };
            out.write_all(text.as_bytes())
        },
    );
    leave((report.old, report.new), true);
    code
}
