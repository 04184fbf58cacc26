//! The command line: parse arguments, call the library, choose the exit code.

mod catalogue;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::load::Input;
use crate::model::Options;
use crate::report::{self, Style};
use crate::rules::Level;

#[derive(Parser, Debug)]
#[command(
    name = "vapi-spec",
    version,
    about = "Lint OpenAPI descriptions and diff two versions of one"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check one spec for problems (exit 1 when a finding reaches --fail-on).
    Lint {
        /// A path, `-` for standard input, `REV:path` from git, or an http(s) URL.
        spec: String,
        #[command(flatten)]
        output: OutputArgs,
        /// Follow `$ref`s to http(s) URLs.
        #[arg(long)]
        allow_remote_refs: bool,
    },
    /// Compare two versions of a spec; exit 1 when a change reaches --fail-on.
    Diff {
        /// The old version: a path, `-`, `REV:path` or an http(s) URL.
        old: String,
        /// The new version, in any of the same forms.
        new: String,
        #[command(flatten)]
        output: OutputArgs,
        /// Show only changes at this level or above (`breaking` = error).
        #[arg(long, value_enum)]
        only: Option<Only>,
        /// Minimum days between deprecation and removal of a beta endpoint.
        #[arg(long, value_name = "DAYS")]
        deprecation_days_beta: Option<u32>,
        /// Minimum days between deprecation and removal of a stable endpoint.
        #[arg(long, value_name = "DAYS")]
        deprecation_days_stable: Option<u32>,
        /// The lowest `x-stability-level` whose endpoints are checked.
        #[arg(long, value_enum)]
        stability_level: Option<Stability>,
        /// Follow `$ref`s to http(s) URLs.
        #[arg(long)]
        allow_remote_refs: bool,
        /// Make an insufficient `info.version` bump an error.
        #[arg(long)]
        version_policy: bool,
        /// Print the smallest `info.version` the changes allow (on standard error).
        #[arg(long)]
        suggest_version: bool,
    },
    /// List every rule.
    Rules,
    /// Show one rule's documentation and examples.
    Explain {
        /// The rule id, such as `operation-operationId`.
        rule: String,
    },
}

#[derive(clap::Args, Debug)]
struct OutputArgs {
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// The lowest level that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
    Sarif,
    Junit,
    Github,
    Markdown,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Only {
    Breaking,
    Warning,
    Info,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Stability {
    Draft,
    Alpha,
    Beta,
    Stable,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    fn level(self) -> Level {
        match self {
            FailOn::Error => Level::Error,
            FailOn::Warning => Level::Warning,
            FailOn::Info => Level::Info,
        }
    }
}

/// Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
fn style(terminal: bool) -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    Style {
        color: terminal && !no_color,
        width,
    }
}

pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // clap reports --help and --version as "errors" that exit 0.
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Lint {
            spec,
            output,
            allow_remote_refs,
        } => lint(&spec, &output, Options { allow_remote_refs }),
        Command::Diff {
            old,
            new,
            output,
            only,
            deprecation_days_beta,
            deprecation_days_stable,
            stability_level,
            allow_remote_refs,
            version_policy,
            suggest_version,
        } => {
            let options = crate::diff::DiffOptions {
                deprecation_days_beta,
                deprecation_days_stable,
                today: None,
                stability_level: stability_level.map(|s| match s {
                    Stability::Draft => crate::diff::Stability::Draft,
                    Stability::Alpha => crate::diff::Stability::Alpha,
                    Stability::Beta => crate::diff::Stability::Beta,
                    Stability::Stable => crate::diff::Stability::Stable,
                }),
            };
            let only = only.map(|o| match o {
                Only::Breaking => Level::Error,
                Only::Warning => Level::Warning,
                Only::Info => Level::Info,
            });
            let policy = Policy {
                enforce: version_policy,
                suggest: suggest_version,
            };
            diff(
                &old,
                &new,
                &output,
                only,
                Options { allow_remote_refs },
                &options,
                policy,
            )
        }
        Command::Rules => print(&catalogue::list()),
        Command::Explain { rule } => match catalogue::explain(&rule) {
            Some(text) => print(&text),
            None => {
                eprintln!("error: no rule `{rule}`; `vapi-spec rules` lists them");
                ExitCode::from(2)
            }
        },
    }
}

fn print(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not a failure of ours.
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    ExitCode::SUCCESS
}

fn lint(spec: &str, output: &OutputArgs, options: Options) -> ExitCode {
    let input = Input::parse(spec);
    let report = match crate::lint_input(&input, options) {
        Ok(r) => r,
        Err(e) => {
            eprint!(
                "{}",
                report::human::load_error(&e, style(std::io::stderr().is_terminal()))
            );
            return ExitCode::from(2);
        }
    };
    let text = match output.format {
        OutputFormat::Json => report::json::lint(&report.findings) + "\n",
        OutputFormat::Human => {
            report::human::findings(&report.findings, style(std::io::stdout().is_terminal()))
        }
        other => machine(other, &report.findings, &format!("vapi-spec lint {spec}")),
    };
    print(&text);
    let failing = report
        .findings
        .iter()
        .any(|f| f.level >= output.fail_on.level());
    ExitCode::from(u8::from(failing))
}

/// The version policy as asked on the command line.
#[derive(Clone, Copy)]
struct Policy {
    enforce: bool,
    suggest: bool,
}

fn diff(
    old: &str,
    new: &str,
    output: &OutputArgs,
    only: Option<Level>,
    options: Options,
    diff_options: &crate::diff::DiffOptions,
    policy: Policy,
) -> ExitCode {
    let (old, new) = (Input::parse(old), Input::parse(new));
    if old == Input::Stdin && new == Input::Stdin {
        eprintln!("error: only one of OLD and NEW can be standard input");
        return ExitCode::from(2);
    }
    let mut report = match crate::diff_inputs(&old, &new, options, diff_options, policy.enforce) {
        Ok(r) => r,
        Err(e) => {
            eprint!(
                "{}",
                report::human::load_error(&e, style(std::io::stderr().is_terminal()))
            );
            return ExitCode::from(2);
        }
    };
    if let Some(min) = only {
        report.findings.retain(|f| f.level >= min);
    }
    let text = match output.format {
        OutputFormat::Json => report::json::diff(&report.findings) + "\n",
        OutputFormat::Human => {
            report::human::diff(&report.findings, style(std::io::stdout().is_terminal()))
        }
        other => machine(
            other,
            &report.findings,
            &format!(
                "vapi-spec diff {} {}",
                old.display_name(),
                new.display_name()
            ),
        ),
    };
    print(&text);
    if policy.suggest {
        // On standard error, so that the machine formats on standard output stay intact.
        let v = &report.version;
        match (&v.suggested, &v.new) {
            (Some(s), _) => eprintln!("suggested version: {s}"),
            (None, Some(current)) => eprintln!("suggested version: {current} (already enough)"),
            (None, None) => eprintln!("suggested version: none (no info.version)"),
        }
    }
    let failing = report
        .findings
        .iter()
        .any(|f| f.level >= output.fail_on.level());
    ExitCode::from(u8::from(failing))
}

/// The CI formats, shared by `lint` and `diff`.
fn machine(format: OutputFormat, findings: &[crate::rules::Finding], title: &str) -> String {
    match format {
        OutputFormat::Sarif => report::sarif::render(findings) + "\n",
        OutputFormat::Junit => report::junit::render(findings, title) + "\n",
        OutputFormat::Github => report::github::render(findings),
        OutputFormat::Markdown => report::markdown::render(findings, title),
        OutputFormat::Json | OutputFormat::Human => String::new(),
    }
}
