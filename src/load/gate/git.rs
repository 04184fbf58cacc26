//! Files as a git revision has them, read as raw blobs: never through the
//! working tree, never following a symbolic link stored in the repository.

use std::path::Path;
use std::process::{Command, Stdio};

use super::{read_capped, Refusal};

fn git(repo: Option<&Path>) -> Command {
    let mut command = Command::new("git");
    if let Some(dir) = repo {
        command.current_dir(dir);
    }
    command
}

fn failure(stderr: &[u8], what: &str) -> Refusal {
    let stderr = String::from_utf8_lossy(stderr);
    let reason = stderr.lines().next().unwrap_or(what).trim();
    let reason = reason.strip_prefix("fatal: ").unwrap_or(reason);
    Refusal::Failed(format!("git cannot show it: {reason}"))
}

/// The blob at `path` in `rev`, as `git show REV:path` names it (relative to
/// the repository's top unless it starts with `./`).
pub fn read_git(repo: Option<&Path>, rev: &str, path: &str) -> Result<Vec<u8>, Refusal> {
    // `--` cannot follow `REV:path`, so a revision that git would read as an
    // option is refused instead.
    if rev.starts_with('-') {
        return Err(Refusal::Failed(
            "a git revision cannot start with `-`".into(),
        ));
    }
    let (folder, name) = match path.rfind('/') {
        Some(i) => (&path[..=i], &path[i + 1..]),
        None => ("", path),
    };
    if name.is_empty() {
        return Err(Refusal::NotRegular("a directory"));
    }
    // The folder's listing gives each entry's mode, which says whether the
    // name is a plain file, a link, a folder or a submodule.
    let listing = git(repo)
        .args(["ls-tree", "-z", "--full-tree"])
        .arg(format!("{rev}:{folder}"))
        .output()
        .map_err(|e| Refusal::Failed(format!("cannot run git: {e}")))?;
    if !listing.status.success() {
        return Err(failure(&listing.stderr, "git ls-tree failed"));
    }
    let entry = listing
        .stdout
        .split(|&b| b == 0)
        .filter_map(|record| {
            let tab = record.iter().position(|&b| b == b'\t')?;
            let (head, file) = (&record[..tab], &record[tab + 1..]);
            let mut words = head.split(|&b| b == b' ');
            let mode = words.next()?;
            let _kind = words.next()?;
            let object = words.next()?;
            Some((mode, object, file))
        })
        .find(|(_, _, file)| *file == name.as_bytes());
    let Some((mode, object, _)) = entry else {
        return Err(Refusal::Failed(format!(
            "git cannot show it: `{path}` does not exist in `{rev}`"
        )));
    };
    match mode {
        b"100644" | b"100755" => {}
        b"120000" => return Err(Refusal::NotRegular("a symbolic link in the repository")),
        b"160000" => return Err(Refusal::NotRegular("a submodule")),
        _ => return Err(Refusal::NotRegular("a directory")),
    }
    let object = String::from_utf8_lossy(object).into_owned();
    let mut child = git(repo)
        .args(["cat-file", "blob", &object])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Refusal::Failed(format!("cannot run git: {e}")))?;
    let read = match child.stdout.take() {
        Some(out) => read_capped(out),
        None => Err(Refusal::Failed("git gave no output".into())),
    };
    if read.is_err() {
        let _ = child.kill();
    }
    let output = child
        .wait_with_output()
        .map_err(|e| Refusal::Failed(format!("cannot run git: {e}")))?;
    let bytes = read?;
    if !output.status.success() {
        return Err(failure(&output.stderr, "git cat-file failed"));
    }
    Ok(bytes)
}
