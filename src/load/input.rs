//! Where a document comes from: a path, standard input, a git revision or a URL.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use super::error::LoadError;

/// Inputs larger than this are refused rather than read into memory.
pub const MAX_INPUT_BYTES: u64 = 512 * 1024 * 1024;
const HTTP_TIMEOUT: Duration = Duration::from_secs(30);
const HTTP_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Input {
    Path(PathBuf),
    Stdin,
    /// `REV:path`, read with `git show` in `repo` (the working directory unless set).
    Git {
        rev: String,
        path: String,
        repo: Option<PathBuf>,
    },
    Url(String),
}

impl Input {
    /// Reads a command-line argument the way CONTRACT.md describes it. A path
    /// that exists wins over a `REV:path` reading of the same text.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            return Input::Stdin;
        }
        let lower = arg.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return Input::Url(arg.to_string());
        }
        if !Path::new(arg).exists() {
            if let Some((rev, path)) = arg.split_once(':') {
                // `C:\spec.json` is a Windows path, not revision `C`.
                let drive = rev.len() == 1 && path.starts_with(['\\', '/']);
                if !rev.is_empty() && !path.is_empty() && !drive {
                    return Input::Git {
                        rev: rev.to_string(),
                        path: path.to_string(),
                        repo: None,
                    };
                }
            }
        }
        Input::Path(PathBuf::from(arg))
    }

    pub fn display_name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
            Input::Git { rev, path, .. } => format!("{rev}:{path}"),
            Input::Url(u) => u.clone(),
        }
    }

    pub fn is_remote(&self) -> bool {
        matches!(self, Input::Url(_))
    }

    pub fn read(&self) -> Result<Vec<u8>, LoadError> {
        let name = self.display_name();
        match self {
            Input::Path(path) => read_file(&name, path),
            Input::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .take(MAX_INPUT_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| {
                        LoadError::read(&name, format!("cannot read standard input: {e}"))
                    })?;
                too_large(&name, bytes.len() as u64)?;
                Ok(bytes)
            }
            Input::Git { rev, path, repo } => git_show(&name, rev, path, repo.as_deref()),
            Input::Url(url) => fetch(&name, url),
        }
    }
}

fn too_large(name: &str, len: u64) -> Result<(), LoadError> {
    if len > MAX_INPUT_BYTES {
        return Err(LoadError::read(
            name,
            format!(
                "larger than the {} MiB limit",
                MAX_INPUT_BYTES / 1024 / 1024
            ),
        ));
    }
    Ok(())
}

fn read_file(name: &str, path: &Path) -> Result<Vec<u8>, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| LoadError::read(name, io_message(&e)))?;
    if meta.is_dir() {
        return Err(LoadError::read(name, "is a directory, not a file"));
    }
    too_large(name, meta.len())?;
    std::fs::read(path).map_err(|e| LoadError::read(name, io_message(&e)))
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

fn git_show(name: &str, rev: &str, path: &str, repo: Option<&Path>) -> Result<Vec<u8>, LoadError> {
    let mut command = Command::new("git");
    if let Some(dir) = repo {
        command.current_dir(dir);
    }
    // `--` is not accepted after `git show REV:path`; a revision that starts
    // with `-` would be read as an option, so refuse it.
    if rev.starts_with('-') {
        return Err(LoadError::read(
            name,
            "a git revision cannot start with `-`",
        ));
    }
    let output = command
        .arg("show")
        .arg(format!("{rev}:{path}"))
        .output()
        .map_err(|e| LoadError::read(name, format!("cannot run git: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr.lines().next().unwrap_or("git show failed").trim();
        let reason = reason.strip_prefix("fatal: ").unwrap_or(reason);
        return Err(LoadError::read(
            name,
            format!("git cannot show it: {reason}"),
        ));
    }
    too_large(name, output.stdout.len() as u64)?;
    Ok(output.stdout)
}

fn fetch(name: &str, url: &str) -> Result<Vec<u8>, LoadError> {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(HTTP_TIMEOUT))
        .timeout_connect(Some(HTTP_CONNECT_TIMEOUT))
        .max_redirects(5)
        .build();
    let agent: ureq::Agent = config.into();
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| LoadError::read(name, format!("cannot fetch: {e}")))?;
    response
        .body_mut()
        .with_config()
        .limit(MAX_INPUT_BYTES)
        .read_to_vec()
        .map_err(|e| LoadError::read(name, format!("cannot read the response: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_classified() {
        assert_eq!(Input::parse("-"), Input::Stdin);
        assert_eq!(
            Input::parse("https://example.test/a.json"),
            Input::Url("https://example.test/a.json".into())
        );
        assert_eq!(
            Input::parse("origin/main:api/openapi.json"),
            Input::Git {
                rev: "origin/main".into(),
                path: "api/openapi.json".into(),
                repo: None
            }
        );
        assert_eq!(
            Input::parse("missing.json"),
            Input::Path(PathBuf::from("missing.json"))
        );
    }
}
