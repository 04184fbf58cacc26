//! The workflow and hook examples in README.md work: each is parsed as YAML
//! and its command is run, as CI would run it, against a real repository.

mod common;

use common::git;

use std::path::Path;

use vapi_spec::load::{parse_bytes, Node};

/// The text of the YAML block that follows `<!-- name -->` in README.md.
fn block_text(name: &str) -> String {
    let readme =
        std::fs::read_to_string(common::root().join("README.md")).unwrap_or_else(|e| panic!("{e}"));
    let marker = format!("<!-- {name} -->\n```yaml\n");
    let start = readme
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} block"))
        + marker.len();
    let end = start
        + readme[start..]
            .find("```")
            .unwrap_or_else(|| panic!("unclosed {name} block"));
    readme[start..end].to_string()
}

/// The YAML block that follows `<!-- name -->` in README.md.
fn block(name: &str) -> Node {
    parse_bytes("README.md", block_text(name).into_bytes())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .root
}

/// Runs `command` with `sh`, with the built binary first on PATH.
fn shell(dir: &Path, command: &str) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("vapi-spec");
    let bin_dir = bin.parent().map(Path::to_path_buf).unwrap_or_default();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    std::process::Command::new("sh")
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .args(["-c", command])
        .output()
        .unwrap_or_else(|e| panic!("sh: {e}"))
}

fn repository_with_a_breaking_pull_request(dir: &Path) -> String {
    git(dir, &["init", "-q"]);
    let v1 = std::fs::read_to_string(common::root().join("fixtures/petstore-v1.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let v2 = std::fs::read_to_string(common::root().join("fixtures/petstore-v2.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("openapi.yaml"), v1).unwrap_or_else(|e| panic!("{e}"));
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", "base"]);
    let base = git(dir, &["rev-parse", "HEAD"]);
    std::fs::write(dir.join("openapi.yaml"), v2).unwrap_or_else(|e| panic!("{e}"));
    git(dir, &["commit", "-qam", "pull request"]);
    base
}

#[test]
fn the_github_workflow_fails_a_breaking_pull_request_with_annotations() {
    let workflow = block("github-workflow");
    let steps = workflow
        .get("jobs")
        .and_then(|j| j.get("openapi"))
        .and_then(|j| j.get("steps"))
        .and_then(Node::as_array)
        .unwrap_or_else(|| panic!("no steps"));
    let step = |name: &str| {
        steps
            .iter()
            .find(|s| s.get_str("name") == Some(name))
            .and_then(|s| s.get_str("run"))
            .unwrap_or_else(|| panic!("no step {name}"))
            .to_string()
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let base = repository_with_a_breaking_pull_request(dir.path());
    let expand = |run: String| run.replace("${{ github.event.pull_request.base.sha }}", &base);

    let out = shell(dir.path(), &expand(step("Breaking changes")));
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.lines().all(|l| l.starts_with("::")), "{stdout}");
    assert!(stdout.contains("::error file=openapi.yaml,line=17,col=11,endColumn=22,title=request-parameter-became-required::"), "{stdout}");

    let out = shell(dir.path(), &expand(step("New lint problems")));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_pre_commit_hook_runs_on_matching_files() {
    let config = block("pre-commit");
    let hook = config
        .get("repos")
        .and_then(Node::as_array)
        .and_then(|r| r.first())
        .and_then(|r| r.get("hooks"))
        .and_then(Node::as_array)
        .and_then(|h| h.first())
        .unwrap_or_else(|| panic!("no hook"));
    assert_eq!(hook.get_str("language"), Some("system"));
    let entry = hook.get_str("entry").unwrap_or_else(|| panic!("no entry"));
    let files = hook.get_str("files").unwrap_or_else(|| panic!("no files"));
    assert_eq!(files, r"^openapi\.(json|ya?ml)$");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let clean = std::fs::read_to_string(common::root().join("fixtures/petstore.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("openapi.yaml"), clean).unwrap_or_else(|e| panic!("{e}"));
    // pre-commit appends the staged file names to the entry.
    let out = shell(dir.path(), &format!("{entry} openapi.yaml"));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let broken = std::fs::read_to_string(common::root().join("fixtures/problems.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("openapi.yaml"), broken).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        shell(dir.path(), &format!("{entry} openapi.yaml"))
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn the_custom_rules_example_runs_as_documented() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join(".vapi-spec.yaml"),
        block_text("custom-rules"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let spec = std::fs::read_to_string(common::root().join("fixtures/problems.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("api.yaml"), spec).unwrap_or_else(|e| panic!("{e}"));
    let out = shell(dir.path(), "vapi-spec lint --format github api.yaml");
    let text = String::from_utf8_lossy(&out.stdout);
    let custom: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.contains("title=operation-id-kebab") || l.contains("title=responses-described")
        })
        .collect();
    assert_eq!(
        custom,
        vec![
            "::warning file=api.yaml,line=14,col=7,endColumn=18,title=operation-id-kebab::operationId: `operationId` \"showDog\" is not kebab case",
            "::warning file=api.yaml,line=20,col=7,endColumn=18,title=operation-id-kebab::operationId: `operationId` \"showDog\" is not kebab case",
        ],
        "{text}"
    );
}
