//! Where a document comes from: a path, standard input, a git revision or a URL.

use std::path::{Path, PathBuf};

use super::error::LoadError;
use super::gate::{self, Net};

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

    /// The bytes of the input, through the [`gate`](super::gate): a path
    /// must be a regular file that stays in its folder, git gives only plain
    /// blobs, and a URL shares the run's deadline in `net`.
    pub fn read(&self, net: &Net) -> Result<Vec<u8>, LoadError> {
        let name = self.display_name();
        let read = match self {
            Input::Path(path) => gate::read_file(path),
            Input::Stdin => gate::read_capped(std::io::stdin().lock()),
            Input::Git { rev, path, repo } => gate::read_git(repo.as_deref(), rev, path),
            Input::Url(url) => gate::fetch(url, net),
        };
        read.map_err(|refusal| {
            let hint = match (self, &refusal) {
                (Input::Path(_), gate::Refusal::NotRegular("a named pipe" | "a device")) => {
                    "; use `-` to read standard input"
                }
                _ => "",
            };
            LoadError::read(&name, format!("{refusal}{hint}"))
        })
    }
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
