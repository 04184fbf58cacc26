//! Files on disk: followed through every symbolic link, then read only when
//! the real target is a regular file inside the folder it must stay in.

use std::fs::FileType;
use std::path::{Component, Path, PathBuf};

use super::{io_message, read_capped, Refusal};

/// The real folder (every link resolved) that reads from `dir` must stay in.
pub fn real_folder(dir: &Path) -> Result<PathBuf, Refusal> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    std::fs::canonicalize(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Refusal::Missing,
        _ => Refusal::Failed(io_message(&e)),
    })
}

/// Reads a path given as an input: the file must stay in the folder it is
/// written in once links are followed. A relative path that stays below the
/// working directory (`openapi.yaml`, `api/spec.yaml`, as CI runs them) must
/// also have that folder stay below it, so that a pull request can turn
/// neither the file nor a folder on its way into a link to somewhere else.
/// A path written to lead elsewhere (`/tmp/x.yaml`, `../x.yaml`) is the
/// user's own choice of folder.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Refusal> {
    let parent = path.parent().unwrap_or(Path::new(""));
    let within = real_folder(parent)?;
    let climbs = path.components().any(|c| {
        matches!(
            c,
            Component::ParentDir | Component::RootDir | Component::Prefix(_)
        )
    });
    if !climbs && !within.starts_with(real_folder(Path::new("."))?) {
        return Err(Refusal::Outside { through_link: true });
    }
    read_file_in(path, &within)
}

/// Reads `path` if its real target is a regular file inside `within`, which
/// must itself be a real folder (see [`real_folder`]).
pub fn read_file_in(path: &Path, within: &Path) -> Result<Vec<u8>, Refusal> {
    let real = std::fs::canonicalize(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Refusal::Missing,
        _ => Refusal::Failed(io_message(&e)),
    })?;
    if !real.starts_with(within) {
        return Err(Refusal::Outside {
            through_link: passes_a_link(path),
        });
    }
    // The real path holds no link, so this describes the target itself.
    let meta = std::fs::metadata(&real).map_err(|e| Refusal::Failed(io_message(&e)))?;
    if let Some(what) = irregular(meta.file_type()) {
        return Err(Refusal::NotRegular(what));
    }
    let file = std::fs::File::open(&real).map_err(|e| Refusal::Failed(io_message(&e)))?;
    // Checked again on the open file, in case the path changed meanwhile.
    let meta = file
        .metadata()
        .map_err(|e| Refusal::Failed(io_message(&e)))?;
    if let Some(what) = irregular(meta.file_type()) {
        return Err(Refusal::NotRegular(what));
    }
    read_capped(file)
}

fn irregular(kind: FileType) -> Option<&'static str> {
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a plain file")
}

/// True when some component of `path` is a symbolic link.
fn passes_a_link(path: &Path) -> bool {
    let mut so_far = PathBuf::new();
    for part in path.components() {
        so_far.push(part);
        if matches!(part, Component::Normal(_))
            && std::fs::symlink_metadata(&so_far).is_ok_and(|m| m.file_type().is_symlink())
        {
            return true;
        }
    }
    false
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_and_special_files_are_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path().join("spec");
        std::fs::create_dir(&root).unwrap_or_else(|e| panic!("{e}"));
        let secret = dir.path().join("secret.txt");
        std::fs::write(&secret, "password").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(root.join("ok.yaml"), "a: 1").unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(&secret, root.join("s.yaml")).unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink("ok.yaml", root.join("alias.yaml"))
            .unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink("/dev/zero", root.join("zero.yaml"))
            .unwrap_or_else(|e| panic!("{e}"));
        let within = real_folder(&root).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            read_file_in(&root.join("ok.yaml"), &within),
            Ok(b"a: 1".to_vec())
        );
        assert_eq!(
            read_file_in(&root.join("alias.yaml"), &within),
            Ok(b"a: 1".to_vec())
        );
        assert_eq!(
            read_file_in(&root.join("s.yaml"), &within),
            Err(Refusal::Outside { through_link: true })
        );
        assert_eq!(
            read_file_in(&root.join("zero.yaml"), &within),
            Err(Refusal::Outside { through_link: true })
        );
        assert_eq!(
            read_file(Path::new("/dev/zero")),
            Err(Refusal::NotRegular("a device"))
        );
        assert_eq!(read_file(&root), Err(Refusal::NotRegular("a directory")));
        assert_eq!(read_file(&root.join("none.yaml")), Err(Refusal::Missing));
    }
}
