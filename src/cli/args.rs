//! What the command line accepts.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::rules::Level;

#[derive(Parser, Debug)]
#[command(
    name = "vapi-spec",
    version,
    about = "Lint OpenAPI descriptions and diff two versions of one"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check one spec for problems (exit 1 when a finding reaches --fail-on).
    Lint(LintArgs),
    /// Compare two versions of a spec; exit 1 when a change reaches --fail-on.
    Diff(DiffArgs),
    /// Release notes: what changed from OLD to NEW, for people.
    Changelog(ChangelogArgs),
    /// Work with the project configuration, `.vapi-spec.yaml`.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// List every rule, or write the catalogue as pages (one per rule and an index).
    Rules(RulesArgs),
    /// Show one rule's documentation and examples.
    Explain {
        /// The rule id, such as `operation-operationId`.
        rule: String,
    },
    /// The history of a spec over its git commits: a page with a timeline,
    /// each commit's changes and each endpoint's history.
    History(HistoryArgs),
    /// Serve the Language Server Protocol on standard input and output: lint
    /// findings and breaking changes in the editor as the spec is typed.
    Lsp,
    /// Print the completion script for a shell (rule ids, formats and flags).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    /// `text` lists the rules; `markdown` and `html` write pages into `--output`.
    #[arg(long, value_enum, default_value_t = CatalogueFormat::Text)]
    pub format: CatalogueFormat,
    /// The folder the pages go to (created if missing); needed by `markdown` and `html`.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<std::path::PathBuf>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CatalogueFormat {
    Text,
    Markdown,
    Html,
}

#[derive(Subcommand, Debug)]
pub enum ConfigAction {
    /// Write a commented starting `.vapi-spec.yaml` in the working directory.
    Init {
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(clap::Args, Debug)]
pub struct LintArgs {
    /// Paths, `-` for standard input, `REV:path` from git, or http(s) URLs. A
    /// quoted glob (`'specs/**/*.yaml'`) is expanded; many specs are linted in
    /// parallel into one report.
    #[arg(required = true, num_args = 1..)]
    pub specs: Vec<String>,
    /// Report only findings this version introduced over SPEC as it was here
    /// (for example `origin/main:openapi.yaml`); one SPEC only.
    #[arg(long, value_name = "OLD_SPEC")]
    pub since: Option<String>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// The old version: a path, `-`, `REV:path` or an http(s) URL.
    pub old: String,
    /// The new version, in any of the same forms.
    pub new: String,
    /// Show only changes at this level or above (`breaking` = error).
    #[arg(long, value_enum)]
    pub only: Option<Only>,
    /// Minimum days between deprecation and removal of a beta endpoint.
    #[arg(long, value_name = "DAYS")]
    pub deprecation_days_beta: Option<u32>,
    /// Minimum days between deprecation and removal of a stable endpoint.
    #[arg(long, value_name = "DAYS")]
    pub deprecation_days_stable: Option<u32>,
    /// The lowest `x-stability-level` whose endpoints are checked.
    #[arg(long, value_parser = ["draft", "alpha", "beta", "stable"])]
    pub stability_level: Option<String>,
    /// How many nested schema levels the comparison follows before it
    /// reports `comparison-too-deep` (1 to 400).
    #[arg(long, value_name = "LEVELS", value_parser = clap::value_parser!(u16).range(1..=400))]
    pub comparison_depth: Option<u16>,
    /// Make an insufficient `info.version` bump an error.
    #[arg(long)]
    pub version_policy: bool,
    /// Print the smallest `info.version` the changes allow (on standard error).
    #[arg(long)]
    pub suggest_version: bool,
    /// Human, Markdown, SARIF, JUnit and GitHub output: each change once with
    /// the endpoints it reaches (`change`), or each endpoint's findings
    /// (`endpoint`). JSON always has both.
    #[arg(long, value_enum, default_value_t = GroupBy::Change)]
    pub group_by: GroupBy,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(clap::Args, Debug)]
pub struct ChangelogArgs {
    /// The old version: a path, `-`, `REV:path` or an http(s) URL.
    #[arg(required_unless_present = "git_range")]
    pub old: Option<String>,
    /// The new version.
    #[arg(required_unless_present = "git_range")]
    pub new: Option<String>,
    /// One section per commit in RANGE (`A..B`) that changed FILE, newest first.
    #[arg(long, num_args = 2, value_names = ["RANGE", "FILE"], conflicts_with_all = ["old", "new"])]
    pub git_range: Option<Vec<String>>,
    /// How to write the notes.
    #[arg(long, value_enum, default_value_t = NotesFormat::Markdown)]
    pub format: NotesFormat,
    /// The configuration file [default: `.vapi-spec.yaml` here or in a parent directory].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore any `.vapi-spec.yaml`.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
}

#[derive(clap::Args, Debug)]
pub struct HistoryArgs {
    /// The spec, a file in a git repository; its renames are followed.
    pub file: PathBuf,
    /// Only the commits of RANGE (`A..B`); the first is compared with its parent.
    #[arg(long, value_name = "RANGE")]
    pub git_range: Option<String>,
    /// [default: from the extension of --output (.html, .md, .json), else html]
    #[arg(long, value_enum)]
    pub format: Option<HistoryFormat>,
    /// Write here instead of standard output; Markdown also writes its chart
    /// beside it (`report.md` → `report.svg`).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// The configuration file [default: `.vapi-spec.yaml` here or in a parent directory].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore any `.vapi-spec.yaml`.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    Html,
    Markdown,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NotesFormat {
    Markdown,
    Html,
    Text,
}

/// Options shared by `lint` and `diff`.
#[derive(clap::Args, Debug)]
pub struct CommonArgs {
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// The lowest level that makes the exit code 1 [default: error, or the configuration's].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// The configuration file [default: `.vapi-spec.yaml` here or in a parent directory].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore any `.vapi-spec.yaml`.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the findings in this baseline file (and report them as usual).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Follow `$ref`s to http(s) URLs.
    #[arg(long)]
    pub allow_remote_refs: bool,
    /// Follow HTTP redirects to other hosts (and from https to http).
    #[arg(long)]
    pub allow_cross_host_redirects: bool,
    /// Seconds that all HTTP fetches of the run may take together.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub fetch_timeout: u64,
}

impl CommonArgs {
    /// How documents are loaded: what may be fetched, within one deadline.
    pub fn load_options(&self) -> crate::model::Options {
        crate::model::Options {
            allow_remote_refs: self.allow_remote_refs,
            net: crate::load::Net::new(
                self.allow_cross_host_redirects,
                std::time::Duration::from_secs(self.fetch_timeout),
            ),
            overlay: Default::default(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Sarif,
    Junit,
    Github,
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    Change,
    Endpoint,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Only {
    Breaking,
    Warning,
    Info,
}

impl Only {
    pub fn level(self) -> Level {
        match self {
            Only::Breaking => Level::Error,
            Only::Warning => Level::Warning,
            Only::Info => Level::Info,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn level(self) -> Level {
        match self {
            FailOn::Error => Level::Error,
            FailOn::Warning => Level::Warning,
            FailOn::Info => Level::Info,
        }
    }
}
