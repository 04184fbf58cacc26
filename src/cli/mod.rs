//! The command line: parse arguments, call the library, choose the exit code.

mod args;
mod catalogue;
mod changelog;
mod commands;
mod files;
mod history;
mod project;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::report::Style;

pub use args::Cli;
use args::Command;

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

fn stdout_style() -> Style {
    style(std::io::stdout().is_terminal())
}

fn stderr_style() -> Style {
    style(std::io::stderr().is_terminal())
}

/// One line on standard error. It may quote a spec, a commit or a server,
/// so it is made safe for a terminal and a CI log like every report.
fn say(line: &str) {
    let line = crate::report::escape::visible(line);
    eprint!(
        "{}",
        crate::report::escape::guard_lines(format!("{line}\n"))
    );
}

fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not a failure of ours.
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
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
        Command::Lint(a) => commands::lint(&a),
        Command::Diff(a) => commands::diff(&a),
        Command::Changelog(a) => changelog::run(&a),
        Command::Config { action } => project::config_command(&action),
        Command::Rules(a) => match project::custom_rules() {
            Ok(custom) => catalogue::rules_command(&a, &custom),
            Err(code) => code,
        },
        Command::History(a) => history::run(&a),
        Command::Lsp => match crate::lsp::run_stdio() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                say(&format!("error: {e}"));
                ExitCode::from(2)
            }
        },
        Command::Completions { shell } => {
            print(&completions(shell));
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => {
            match project::custom_rules().map(|custom| catalogue::explain(&rule, &custom)) {
                Err(code) => code,
                Ok(Some(text)) => {
                    print(&text);
                    ExitCode::SUCCESS
                }
                Ok(None) => {
                    say(&format!(
                        "error: no rule `{rule}`; `vapi-spec rules` lists them"
                    ));
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// The completion script for `shell`. `explain` completes the built-in rule
/// ids: they are offered to the shell here only, so that a project's own
/// rule id is still accepted on the command line.
fn completions(shell: clap_complete::Shell) -> String {
    use clap::CommandFactory;
    let ids: Vec<&'static str> = crate::rules::all().iter().map(|r| r.id).collect();
    let mut command = Cli::command().mut_subcommand("explain", |c| {
        c.mut_arg("rule", |a| {
            a.value_parser(clap::builder::PossibleValuesParser::new(ids.clone()))
        })
    });
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "vapi-spec", &mut out);
    let mut script = String::from_utf8_lossy(&out).into_owned();
    // clap's fish script completes no positional values: add the ids.
    if shell == clap_complete::Shell::Fish {
        script.push_str(&format!(
            "complete -c vapi-spec -n \"__fish_vapi_spec_using_subcommand explain\" -f -a \"{}\"\n",
            ids.join(" ")
        ));
    }
    script
}
