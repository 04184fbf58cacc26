//! How soon `vapi-spec lsp` shows diagnostics on GitHub's 13 MB spec: when
//! the file is opened, and after a one-character edit sent with incremental
//! sync, with lint alone and with lint plus the comparison against a git
//! base. Next to a plain `serde_json` parse of the same file in the same run.
//!
//!     bench/fetch-real.sh              # once
//!     cargo bench --bench lsp_github

#[path = "../tests/lsp_client/mod.rs"]
mod lsp_client;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use lsp_client::Client;
use serde_json::json;

const SPEC: &str = "bench/data/api.github.com-23.0.0.json";
const EDITS: usize = 5;

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args([
            "-c",
            "user.name=b",
            "-c",
            "user.email=b@b",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(ok, "git {args:?}");
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// (time to the first diagnostics, median time from an edit to the next).
fn session(dir: &Path, text: &str, with_base: bool) -> (Duration, Duration, usize) {
    let config = dir.join(".vapi-spec.yaml");
    if with_base {
        std::fs::write(&config, "base: HEAD\n").expect("config");
    } else {
        let _ = std::fs::remove_file(&config);
    }
    let path = dir.join("openapi.json");
    let mut c = Client::start(dir, json!({}));
    let start = Instant::now();
    let uri = c.open(&path, text);
    let first = c.diagnostics(&uri, |l| !l.is_empty());
    let opened = start.elapsed();
    // Inside the title string on line 5 (0-based 4): one character typed.
    let line = text
        .lines()
        .position(|l| l.contains("\"title\""))
        .unwrap_or(0) as u64;
    let mut times = Vec::new();
    let mut count = first.len();
    for i in 0..EDITS {
        let at = json!({"line": line, "character": 14});
        let t = Instant::now();
        c.change(
            &uri,
            2 + i as i32,
            json!([{"range": {"start": at, "end": at}, "text": "x"}]),
        );
        let after = c.diagnostics(&uri, |_| true);
        times.push(t.elapsed());
        count = after.len();
    }
    c.shutdown();
    (opened, median(times), count)
}

fn main() {
    if !Path::new(SPEC).exists() {
        println!("{SPEC} is missing: run bench/fetch-real.sh first");
        return;
    }
    let text = std::fs::read_to_string(SPEC).expect("spec");
    let parse = median(
        (0..3)
            .map(|_| {
                let t = Instant::now();
                let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
                std::hint::black_box(&v);
                t.elapsed()
            })
            .collect(),
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("real path");
    std::fs::write(root.join("openapi.json"), &text).expect("copy");
    git(&root, &["init", "-q"]);
    git(&root, &["add", "openapi.json"]);
    git(&root, &["commit", "-q", "-m", "base"]);
    println!(
        "GitHub 23.0.0 ({:.1} MB), serde_json parse {:.0} ms; a debounce of 120 ms is included below",
        text.len() as f64 / 1e6,
        parse.as_secs_f64() * 1e3
    );
    println!("| session | first diagnostics | after an edit (median of {EDITS}) | diagnostics |");
    println!("|---|---:|---:|---:|");
    for (name, base) in [
        ("lint", false),
        ("lint + diff against HEAD", true),
        ("lint, again", false),
    ] {
        let (open, edit, n) = session(&root, &text, base);
        println!(
            "| {name} | {:.0} ms | {:.0} ms | {n} |",
            open.as_secs_f64() * 1e3,
            edit.as_secs_f64() * 1e3
        );
    }
}
