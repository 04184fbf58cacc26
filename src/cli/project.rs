//! What a project keeps beside its spec: the configuration file and baselines.

use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

use crate::load::LoadError;
use crate::rules::config::{self, Config};
use crate::rules::Finding;

use super::args::{CommonArgs, ConfigAction};

/// The configuration `args` point at: `--config`, else the nearest
/// `.vapi-spec.yaml`, else none.
pub fn load_config(args: &CommonArgs) -> Result<Config, LoadError> {
    load_config_from(args.config.as_deref(), args.no_config)
}

pub fn load_config_from(config: Option<&Path>, no_config: bool) -> Result<Config, LoadError> {
    if no_config {
        return Ok(Config::default());
    }
    let path = match config.map(Path::to_path_buf) {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|d| config::discover(&d)),
    };
    match path {
        Some(p) => config::load(&p),
        None => Ok(Config::default()),
    }
}

/// The custom rules of the configuration found from the working directory,
/// for `rules` and `explain`; a configuration that cannot be read is exit 2.
pub fn custom_rules() -> Result<Vec<&'static crate::rules::Rule>, ExitCode> {
    match load_config_from(None, false) {
        Ok(config) => Ok(config.custom.iter().map(|c| c.rule).collect()),
        Err(e) => {
            eprint!(
                "{}",
                crate::report::human::load_error(&e, super::stderr_style())
            );
            Err(ExitCode::from(2))
        }
    }
}

pub fn config_command(action: &ConfigAction) -> ExitCode {
    match action {
        ConfigAction::Init { force } => {
            let path = Path::new(config::FILE_NAMES[0]);
            if path.exists() && !force {
                eprintln!(
                    "error: {} exists already; pass --force to replace it",
                    path.display()
                );
                return ExitCode::from(2);
            }
            match std::fs::write(path, config::STARTER) {
                Ok(()) => {
                    eprintln!("wrote {}", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// A finding's identity across versions of a file: the rule, the operation
/// and the JSON pointer, nothing that moves when lines are added above it.
pub fn fingerprint(f: &Finding) -> String {
    let op = f
        .operation
        .as_ref()
        .map_or(String::new(), |o| format!("{} {}", o.method, o.path));
    format!("{}|{}|{}", f.rule.id, op, f.place.pointer)
}

#[derive(serde::Serialize, serde::Deserialize)]
struct BaselineFile {
    /// What wrote it, for people who open the file.
    tool: String,
    fingerprints: Vec<String>,
}

pub fn write_baseline(path: &Path, findings: &[Finding]) -> Result<(), String> {
    let mut fingerprints: Vec<String> = findings.iter().map(fingerprint).collect();
    fingerprints.sort();
    fingerprints.dedup();
    let file = BaselineFile {
        tool: format!("vapi-spec {}", env!("CARGO_PKG_VERSION")),
        fingerprints,
    };
    let text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
    std::fs::write(path, text + "\n").map_err(|e| format!("cannot write {}: {e}", path.display()))
}

pub fn read_baseline(path: &Path) -> Result<HashSet<String>, String> {
    let bytes = crate::load::gate::read_file(path)
        .map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{} is not a vapi-spec baseline: not UTF-8", path.display()))?;
    let file: BaselineFile = serde_json::from_str(&text)
        .map_err(|e| format!("{} is not a vapi-spec baseline: {e}", path.display()))?;
    Ok(file.fingerprints.into_iter().collect())
}
