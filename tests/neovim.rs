//! A real editor: headless Neovim with its built-in LSP client starts
//! `vapi-spec lsp`, opens a fixture and writes out the diagnostics it
//! shows. Needs `nvim` (Debian's `neovim`); without it the test says so and
//! passes, unless VAPI_SPEC_REQUIRE_NVIM is set (as `.ci/run` sets it).

use std::path::Path;
use std::process::Command;

use serde_json::Value;

mod common;
mod lsp_client;

use lsp_client::workspace;

fn nvim() -> Option<&'static str> {
    let found = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("VAPI_SPEC_REQUIRE_NVIM").is_none(),
            "nvim is required here (VAPI_SPEC_REQUIRE_NVIM) but not installed"
        );
        eprintln!("skipped: nvim is not installed (Debian package `neovim`)");
        return None;
    }
    Some("nvim")
}

/// Runs the Lua script on `spec`; returns what Neovim wrote.
fn run(nvim: &str, root: &Path, spec: &Path, mode: &str) -> Value {
    let out = root.join("diagnostics.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/neovim/diagnostics.lua");
    let status = Command::new(nvim)
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("VAPI_BIN", env!("CARGO_BIN_EXE_vapi-spec"))
        .env("SPEC", spec)
        .env("OUT", &out)
        .env("MODE", mode)
        .env("XDG_CACHE_HOME", root.join(".cache"))
        .env("XDG_STATE_HOME", root.join(".state"))
        .env("XDG_DATA_HOME", root.join(".data"))
        .current_dir(root)
        .status()
        .expect("nvim runs");
    assert!(status.success(), "nvim: {status}");
    let text = std::fs::read_to_string(&out).expect("nvim wrote its diagnostics");
    serde_json::from_str(&text).expect("JSON")
}

fn triples(
    list: &[Value],
    code: &str,
    line: &str,
    col: &str,
    base: u64,
) -> Vec<(String, u64, u64)> {
    let mut out: Vec<(String, u64, u64)> = list
        .iter()
        .map(|d| {
            (
                d[code].as_str().unwrap_or("").to_string(),
                d[line].as_u64().unwrap_or(0) - base,
                d[col].as_u64().unwrap_or(0) - base,
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn neovim_shows_what_lint_reports() {
    let Some(nvim) = nvim() else { return };
    let (_dir, root) = workspace();
    let spec = root.join("pets.yaml");
    let got = run(nvim, &root, &spec, "lint");
    assert_eq!(got["ok"], true, "diagnostics arrived: {got}");
    let shown = got["diagnostics"].as_array().cloned().unwrap_or_default();
    let lint = Command::new(env!("CARGO_BIN_EXE_vapi-spec"))
        .args(["lint", "--format", "json"])
        .arg(&spec)
        .current_dir(&root)
        .output()
        .expect("lint runs");
    let report: Value = serde_json::from_slice(&lint.stdout).expect("JSON");
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        triples(&shown, "code", "line", "col", 0),
        triples(&findings, "id", "line", "column", 1)
    );
    for f in &findings {
        let same = shown
            .iter()
            .any(|d| d["code"] == f["id"] && d["message"] == f["message"]);
        assert!(same, "{f} is shown with the same message: {shown:?}");
    }
}

#[test]
fn neovim_shows_a_breaking_change_against_the_git_base() {
    let Some(nvim) = nvim() else { return };
    let (_dir, root) = workspace();
    let git = |args: &[&str]| common::git(&root, args);
    git(&["init", "-q"]);
    std::fs::write(root.join(".vapi-spec.yaml"), "base: HEAD\n").expect("config");
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "released"]);
    let spec = root.join("pets.yaml");
    let got = run(nvim, &root, &spec, "base");
    assert_eq!(got["ok"], true, "a change against the base arrived: {got}");
    assert_eq!(got["modified"], true, "the edit was never saved");
    let shown = got["diagnostics"].as_array().cloned().unwrap_or_default();
    let change = shown
        .iter()
        .find(|d| d["code"] == "response-property-type-changed")
        .unwrap_or_else(|| panic!("{shown:?}"));
    assert_eq!(change["source"], "vapi-spec diff HEAD:pets.yaml");
    assert_eq!(change["severity"], 1);
    assert_eq!(
        (change["line"].as_u64(), change["col"].as_u64()),
        (Some(57), Some(13))
    );
    let message = change["message"].as_str().unwrap_or("");
    assert!(message.contains("from string to integer"), "{message}");
    assert!(
        message.contains("endpoints: GET /pets, GET /pets/{petId}/"),
        "{message}"
    );
    // The file on disk is still the base: nothing was saved to get this.
    let on_disk = std::fs::read_to_string(&spec).expect("spec");
    assert!(on_disk.contains("id: {type: string"));
}
