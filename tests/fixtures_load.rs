//! Every fixture loads, and so does every real spec in ../shared when it is
//! beside the checkout (it is not on a fresh clone; the test then checks the
//! fixtures alone).

use std::path::{Path, PathBuf};

use vapi_spec::load::Input;
use vapi_spec::model::Options;

fn specs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            specs(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
        {
            out.push(path);
        }
    }
}

fn assert_all_load(dir: &Path) -> usize {
    let mut files = Vec::new();
    specs(dir, &mut files);
    let mut failures = Vec::new();
    for file in &files {
        if let Err(e) = vapi_spec::lint_input(&Input::Path(file.clone()), Options::default()) {
            failures.push(e.to_string());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    files.len()
}

#[test]
fn every_fixture_loads() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    assert!(assert_all_load(&root.join("fixtures")) >= 8);
}

#[test]
fn every_shared_real_spec_loads_when_present() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    for corpus in ["vapi", "real"] {
        let dir = shared.join(corpus);
        if dir.is_dir() {
            assert!(assert_all_load(&dir) > 0);
        }
    }
}
