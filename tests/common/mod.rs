//! Helpers shared by the integration tests (included with `mod common;`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> String {
    format!("fixtures/{name}")
}

pub fn bin() -> Command {
    let mut cmd = Command::cargo_bin("vapi-spec").unwrap_or_else(|e| panic!("binary: {e}"));
    cmd.current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS");
    cmd
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap_or_else(|e| panic!("run: {e}"));
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `lint --format json` on `spec`, run from `dir`: exit code and findings.
pub fn lint_json_in(dir: &Path, spec: &str, extra: &[&str]) -> (i32, Vec<Value>) {
    let mut cmd = bin();
    cmd.current_dir(dir)
        .args(["lint", "--format", "json", spec])
        .args(extra);
    let r = run(&mut cmd);
    assert!(matches!(r.code, 0 | 1), "exit {}: {}", r.code, r.stderr);
    let v: Value =
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.stdout));
    let findings = v["findings"].as_array().cloned().unwrap_or_default();
    (r.code, findings)
}

pub fn lint_json(spec: &str, extra: &[&str]) -> (i32, Vec<Value>) {
    lint_json_in(&root(), spec, extra)
}

/// (id, pointer, line, column) of each finding.
pub fn places(findings: &[Value]) -> Vec<(String, String, u64, u64)> {
    findings
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap_or_default().to_string(),
                f["pointer"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
                f["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

pub fn place(id: &str, pointer: &str, line: u64, column: u64) -> (String, String, u64, u64) {
    (id.to_string(), pointer.to_string(), line, column)
}

/// Runs git in `dir` with a throwaway identity; returns its standard output.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("git: {e}"));
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// How many findings `fixtures/problems.{yaml,json}` has with the default rules.
#[allow(dead_code)]
pub const PROBLEMS_FINDINGS: usize = 30;

/// Changes in `diff petstore-v1.yaml petstore-v2.yaml`, which the formats
/// that annotate (SARIF, JUnit, GitHub) show once each; the single place to
/// edit when a rule starts (or stops) reporting one of that fixture's edits.
#[allow(dead_code)]
pub const PETSTORE_DIFF_CHANGES: usize = 9;

/// A 200 response carrying `body`, for [`serve`].
pub fn ok(body: &str) -> String {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/yaml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// A redirect to `location`, for [`serve`].
pub fn redirect(location: &str) -> String {
    format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
}

/// Serves `routes` (path → whole response) on 127.0.0.1 until the test
/// ends; anything else is a 404. Returns `http://127.0.0.1:PORT`.
pub fn serve(routes: Vec<(&str, String)>) -> String {
    use std::io::{BufRead, BufReader, Write};
    let routes: Vec<(String, String)> = routes
        .into_iter()
        .map(|(p, r)| (p.to_string(), r))
        .collect();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let Ok(clone) = stream.try_clone() else {
                continue;
            };
            let mut reader = BufReader::new(clone);
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/");
            let response = routes.iter().find(|(p, _)| p == path).map_or_else(
                || {
                    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .to_string()
                },
                |(_, r)| r.clone(),
            );
            let _ = stream.write_all(response.as_bytes());
        }
    });
    format!("http://{addr}")
}

/// A server on 127.0.0.1 that accepts connections and never answers.
/// Returns `http://127.0.0.1:PORT`.
pub fn hang() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    format!("http://{addr}")
}
