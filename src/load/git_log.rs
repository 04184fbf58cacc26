//! The commits that changed one file, oldest first, its renames followed
//! (`git log --follow`), with the path the file had in each.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One commit that changed the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    pub sha: String,
    /// Author date, strict ISO 8601 (`2026-03-06T16:03:30+00:00`).
    pub date: String,
    pub author: String,
    pub subject: String,
    /// The file's path in this commit, from the repository's top.
    pub path: String,
    /// The commit deleted the file (the last of a history that ends).
    pub deleted: bool,
}

/// The repository around `file`, and `file`'s path from its top.
pub fn locate(file: &Path) -> Result<(PathBuf, String), String> {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let out = Command::new("git")
        .arg("-C")
        .arg(&dir)
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!("{} is not in a git repository", file.display()));
    }
    let top = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let top = top.canonicalize().unwrap_or(top);
    let name = file
        .file_name()
        .ok_or_else(|| format!("{} names no file", file.display()))?;
    // The folder may not exist at HEAD any more; the file's name is kept as given.
    let real_dir = dir.canonicalize().unwrap_or(dir);
    let rel = real_dir
        .join(name)
        .strip_prefix(&top)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .map_err(|_| format!("{} is outside its git repository", file.display()))?;
    Ok((top, rel))
}

/// Every commit of `range` (the whole history when `None`) that changed
/// `path` (from the top of `repo`), oldest first.
pub fn commits(repo: &Path, range: Option<&str>, path: &str) -> Result<Vec<Commit>, String> {
    if range.is_some_and(|r| r.starts_with('-')) {
        return Err("a git range cannot start with `-`".into());
    }
    let mut git = Command::new("git");
    git.current_dir(repo).args([
        "log",
        "--follow",
        "--name-status",
        "-z",
        "--format=%x1e%H%x1f%aI%x1f%an%x1f%s%x1f",
    ]);
    if let Some(r) = range {
        git.arg(r);
    }
    let out = git
        .arg("--")
        .arg(path)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().next().unwrap_or("").trim();
        return Err(format!(
            "git log failed: {}",
            first.strip_prefix("fatal: ").unwrap_or(first)
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut list: Vec<Commit> = text.split('\x1e').filter_map(parse).collect();
    list.reverse();
    Ok(list)
}

/// One record: `sha␟date␟author␟subject␟` then, NUL-separated, the status
/// letter and the path (two paths for a rename or copy).
fn parse(record: &str) -> Option<Commit> {
    let mut fields = record.splitn(5, '\x1f');
    let sha = fields.next()?.trim().to_string();
    if sha.is_empty() {
        return None;
    }
    let date = fields.next()?.to_string();
    let author = fields.next()?.to_string();
    let subject = fields.next()?.to_string();
    let rest = fields.next().unwrap_or("");
    let parts: Vec<&str> = rest
        .split('\0')
        .map(|p| p.trim_matches('\n'))
        .filter(|p| !p.is_empty())
        .collect();
    let status = parts.first().copied().unwrap_or("M");
    // A rename or copy names the old path, then the new one.
    let path = parts.last().copied().unwrap_or("").to_string();
    Some(Commit {
        sha,
        date,
        author,
        subject,
        path,
        deleted: status.starts_with('D'),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_give_the_path_after_a_rename() {
        let r = "abc\x1f2026-01-02T03:04:05+00:00\x1fAda\x1fMove it\x1f\n\nR100\0old.yaml\0api/new.yaml\0";
        let c = parse(r);
        assert_eq!(c.as_ref().map(|c| c.path.as_str()), Some("api/new.yaml"));
        assert_eq!(c.as_ref().map(|c| c.deleted), Some(false));
        let d = parse("def\x1fd\x1fa\x1fs\x1f\n\nD\0api/new.yaml\0");
        assert_eq!(d.map(|c| c.deleted), Some(true));
    }
}
