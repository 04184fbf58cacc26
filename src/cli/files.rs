//! Expanding quoted globs on the command line into spec paths.

use std::path::{Path, PathBuf};

use globset::Glob;

fn is_pattern(arg: &str) -> bool {
    arg.contains(['*', '?', '[']) && !Path::new(arg).exists()
}

/// Files under `dir`. Linked folders are not entered (a link may lead
/// outside the tree, or back into it forever); linked files are listed and
/// the loader decides whether they stay in their folder.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries
        .flatten()
        .filter_map(|e| Some((e.path(), e.file_type().ok()?)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in entries {
        if kind.is_dir() {
            walk(&path, out);
        } else if !kind.is_symlink() || !path.is_dir() {
            out.push(path);
        }
    }
}

/// The arguments with each quoted glob replaced by the files it matches,
/// sorted; other arguments (paths, `-`, `REV:path`, URLs) pass through.
pub fn expand(args: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for arg in args {
        if !is_pattern(arg) {
            out.push(arg.clone());
            continue;
        }
        let glob = Glob::new(arg)
            .map_err(|e| format!("`{arg}` is not a valid glob: {e}"))?
            .compile_matcher();
        // Walk from the longest directory prefix without wildcards.
        let fixed: PathBuf = Path::new(arg)
            .components()
            .take_while(|c| !c.as_os_str().to_string_lossy().contains(['*', '?', '[']))
            .collect();
        let root = if fixed.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            fixed
        };
        let mut files = Vec::new();
        walk(&root, &mut files);
        let before = out.len();
        for file in files {
            let shown = file
                .strip_prefix("./")
                .unwrap_or(&file)
                .to_string_lossy()
                .into_owned();
            if glob.is_match(&shown) {
                out.push(shown);
            }
        }
        if out.len() == before {
            return Err(format!("no file matches `{arg}`"));
        }
    }
    Ok(out)
}
