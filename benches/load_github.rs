//! Load, model and lint time per MB on a large real spec, next to a plain
//! `serde_json` parse of the same bytes, for JSON and for YAML.
//!
//!     bench/fetch-github.sh            # once: npm pack @octokit/openapi
//!     cargo bench --bench load_github  # or VAPI_BENCH_SPEC=path/to/spec.json
//!
//! The YAML twin is written by this benchmark from the JSON (block style), so
//! both formats describe the same document. Last, the diff of the 22.0.0 and
//! 23.0.0 descriptions (11.8 MB → 13 MB), as `vapi-spec diff` runs it.

mod common;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use vapi_spec::diff::DiffOptions;
use vapi_spec::load::{self, Input, Node, Value};
use vapi_spec::model::{version, Options, Spec, Workspace};
use vapi_spec::{lint, rules};

const RUNS: usize = 5;

fn median(f: impl FnMut()) -> Duration {
    common::median(RUNS, f)
}

fn row(what: &str, time: Duration, mb: f64) {
    let ms = time.as_secs_f64() * 1000.0;
    println!("  {what:<34} {ms:>8.1} ms  {:>7.1} ms/MB", ms / mb);
}

fn to_yaml(node: &Node, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match &node.value {
        Value::Object(obj) if !obj.is_empty() => {
            for e in obj.entries() {
                let _ = write!(out, "\n{pad}{:?}:", &*e.key);
                scalar_or_block(&e.value, indent + 2, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for item in items {
                let _ = write!(out, "\n{pad}-");
                scalar_or_block(item, indent + 2, out);
            }
        }
        _ => scalar_or_block(node, indent, out),
    }
}

fn scalar_or_block(node: &Node, indent: usize, out: &mut String) {
    match &node.value {
        Value::Object(o) if o.is_empty() => out.push_str(" {}"),
        Value::Array(a) if a.is_empty() => out.push_str(" []"),
        Value::Object(_) | Value::Array(_) => to_yaml(node, indent, out),
        Value::Null => out.push_str(" null"),
        Value::Bool(b) => {
            let _ = write!(out, " {b}");
        }
        Value::Number(n) => {
            let _ = write!(out, " {}", n.raw());
        }
        // JSON string escapes are valid in YAML double-quoted scalars.
        Value::String(s) => {
            let _ = write!(out, " {}", serde_json::to_string(&**s).unwrap_or_default());
        }
    }
}

fn bench_diff() {
    let old = PathBuf::from("bench/data/api.github.com-22.0.0.json");
    let new = PathBuf::from("bench/data/api.github.com-23.0.0.json");
    let (Ok(a), Ok(b)) = (std::fs::metadata(&old), std::fs::metadata(&new)) else {
        println!("no diff pair in bench/data; run bench/fetch-github.sh first");
        return;
    };
    let mb = (a.len() + b.len()) as f64 / 1_048_576.0;
    println!(
        "diff: {} → {} ({mb:.1} MB in all), median of {RUNS}",
        old.display(),
        new.display()
    );
    let (old, new) = (Input::Path(old), Input::Path(new));
    let mut count = 0;
    row(
        "load both + model + diff + findings",
        median(|| {
            if let Ok(report) = vapi_spec::diff_inputs(
                &old,
                &new,
                Options::default(),
                &DiffOptions::default(),
                false,
            ) {
                count = report.findings.len();
            }
        }),
        mb,
    );
    println!("  {count} findings");
}

fn main() {
    let path = std::env::var_os("VAPI_BENCH_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("bench/data/api.github.com.json"));
    let Ok(json) = std::fs::read(&path) else {
        println!(
            "no spec at {}; run bench/fetch-github.sh first",
            path.display()
        );
        return;
    };
    let parsed = match load::parse_bytes("spec.json", json.clone()) {
        Ok(doc) => doc,
        Err(e) => {
            println!("{e}");
            return;
        }
    };
    let mut yaml = String::with_capacity(json.len() * 2);
    to_yaml(&parsed.root, 0, &mut yaml);
    yaml.push('\n');
    let yaml_path = std::env::temp_dir().join("vapi-spec-bench.yaml");
    if std::fs::write(&yaml_path, &yaml).is_err() {
        println!("cannot write {}", yaml_path.display());
        return;
    }
    let text = String::from_utf8_lossy(&json).into_owned();

    for (label, bytes, file) in [
        ("JSON", json.clone(), path.clone()),
        ("YAML", yaml.into_bytes(), yaml_path),
    ] {
        let mb = bytes.len() as f64 / 1_048_576.0;
        println!("{label}: {} ({mb:.1} MB), median of {RUNS}", file.display());
        if label == "JSON" {
            row(
                "serde_json::from_str (baseline)",
                median(|| {
                    let v: Result<serde_json::Value, _> = serde_json::from_str(&text);
                    black_box(v.is_ok());
                }),
                mb,
            );
        }
        row(
            "load (parse to span tree)",
            median(|| {
                black_box(load::parse_bytes("spec", bytes.clone()).is_ok());
            }),
            mb,
        );
        let input = Input::Path(file.clone());
        row(
            "load + refs + model",
            median(|| {
                if let Ok(ws) = Workspace::open(&input, Options::default()) {
                    if let Ok(v) = version::detect(&ws.root().root) {
                        black_box(Spec::build(&ws, v).paths.len());
                    }
                }
            }),
            mb,
        );
        row(
            "load + model + lint + findings",
            median(|| {
                if let Ok(ws) = Workspace::open(&input, Options::default()) {
                    let result = lint::lint(&ws);
                    black_box(rules::lint_findings(&ws, &result).len());
                }
            }),
            mb,
        );
    }
    bench_diff();
}
