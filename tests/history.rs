//! `vapi-spec history` over a git repository built from fixtures: five
//! commits (a first version, a breaking release, a commit where the file
//! does not parse, a rename, a deprecation), read as JSON, Markdown and as
//! a page in a real headless Chromium.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn commit(repo: &Path, date: &str, subject: &str) {
    let out = Command::new("git")
        .current_dir(repo)
        .args([
            "-c",
            "user.name=Ada",
            "-c",
            "user.email=ada@pets.test",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(["commit", "-q", "-a", "-m", subject])
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The repository: returns it and the spec's path at its end.
fn repository() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = dir.path().canonicalize().expect("real path");
    let v1 = std::fs::read_to_string(common::root().join("fixtures/petstore-v1.yaml")).expect("v1");
    let v2 = std::fs::read_to_string(common::root().join("fixtures/petstore-v2.yaml")).expect("v2");
    common::git(&repo, &["init", "-q"]);
    std::fs::write(repo.join("openapi.yaml"), &v1).expect("write");
    common::git(&repo, &["add", "openapi.yaml"]);
    commit(&repo, "2026-01-05T10:00:00Z", "First pets API");
    std::fs::write(repo.join("openapi.yaml"), &v2).expect("write");
    commit(
        &repo,
        "2026-02-10T10:00:00Z",
        "Species are required <b>now</b>",
    );
    std::fs::write(repo.join("openapi.yaml"), v2.replace("paths:", "paths: [")).expect("write");
    commit(&repo, "2026-02-11T10:00:00Z", "Half a change");
    std::fs::create_dir(repo.join("api")).expect("dir");
    std::fs::write(repo.join("openapi.yaml"), &v2).expect("write");
    common::git(&repo, &["mv", "openapi.yaml", "api/openapi.yaml"]);
    commit(&repo, "2026-03-01T10:00:00Z", "Move the spec");
    let v3 = v2.replace("version: 1.1.0", "version: 1.2.0").replace(
        "      operationId: deletePet\n",
        "      operationId: deletePet\n      deprecated: true\n",
    );
    std::fs::write(repo.join("api/openapi.yaml"), v3).expect("write");
    commit(&repo, "2026-04-01T10:00:00Z", "Deprecate deleting pets");
    let spec = repo.join("api/openapi.yaml");
    (dir, spec)
}

fn history(repo: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vapi-spec"))
        .arg("history")
        .args(args)
        .arg("--no-config")
        .current_dir(repo)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn json_has_every_commit_its_changes_and_each_endpoints_timeline() {
    let (dir, spec) = repository();
    let (code, out) = history(
        dir.path(),
        &[spec.to_str().unwrap_or(""), "--format", "json"],
    );
    assert_eq!(code, 0, "{out}");
    let h: Value = serde_json::from_str(&out).expect("JSON");
    let commits = h["commits"].as_array().expect("commits");
    let field = |k: &str| commits.iter().map(|c| c[k].clone()).collect::<Vec<Value>>();
    assert_eq!(
        field("status"),
        ["first", "compared", "unreadable", "compared", "compared"]
    );
    assert_eq!(field("subject")[1], "Species are required <b>now</b>");
    assert_eq!(field("author")[0], "Ada");
    assert!(field("date")[0]
        .as_str()
        .is_some_and(|d| d.starts_with("2026-01-05T10:00:00")));
    assert_eq!(
        field("path"),
        [
            "openapi.yaml",
            "openapi.yaml",
            "openapi.yaml",
            "api/openapi.yaml",
            "api/openapi.yaml"
        ]
    );
    assert_eq!(
        field("operations"),
        [json(3), json(4), Value::Null, json(4), json(4)]
    );
    let release = &commits[1];
    assert_eq!(release["version_before"], "1.0.0");
    assert_eq!(release["version_after"], "1.1.0");
    assert_eq!(release["bump_required"], "major");
    // The same changes `vapi-spec diff` reports for the two versions.
    assert_eq!(
        release["counts"],
        serde_json::json!({"breaking": 4, "warning": 0, "other": 5})
    );
    let ids: Vec<&str> = release["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert!(ids.contains(&"new-required-request-property"), "{ids:?}");
    assert!(ids.contains(&"endpoint-added"), "{ids:?}");
    assert!(
        commits[2]["error"]
            .as_str()
            .is_some_and(|e| e.contains("YAML")),
        "{}",
        commits[2]
    );
    // Compared with the last version that parsed: the rename changes nothing.
    assert_eq!(
        commits[3]["counts"],
        serde_json::json!({"breaking": 0, "warning": 0, "other": 0})
    );
    assert_eq!(
        commits[4]["counts"]["other"].as_u64().map(|n| n >= 1),
        Some(true)
    );
    let endpoints = h["endpoints"].as_array().expect("endpoints");
    let delete = endpoints
        .iter()
        .find(|e| e["name"] == "DELETE /pets/{petId}")
        .expect("DELETE");
    assert_eq!(delete["anchor"], "endpoint-DELETE-/pets/{petId}");
    let kinds: Vec<&str> = delete["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["added", "deprecated"]);
    let list = endpoints
        .iter()
        .find(|e| e["name"] == "GET /pets")
        .expect("GET /pets");
    let kinds: Vec<&str> = list["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["added", "changed"]);
}

fn json(n: u64) -> Value {
    Value::from(n)
}

#[test]
fn markdown_has_the_sections_and_writes_the_chart_beside_it() {
    let (dir, spec) = repository();
    let out = dir.path().join("docs.md");
    let (code, _) = history(
        dir.path(),
        &[
            spec.to_str().unwrap_or(""),
            "-o",
            out.to_str().unwrap_or(""),
        ],
    );
    assert_eq!(code, 0);
    let md = std::fs::read_to_string(&out).expect("markdown");
    assert!(md.contains("![Changes per commit"), "{md}");
    assert!(md.contains("](docs.svg)"));
    assert!(md.contains("### `"), "{md}");
    // The subject is the author's text, never markup.
    assert!(
        md.contains("Species are required \\<b\\>now\\</b\\>"),
        "{md}"
    );
    assert!(md.contains("**needs a major release**"));
    assert!(md.contains("The file does not parse in this commit"));
    assert!(md.contains("| `DELETE /pets/{petId}` | added in"), "{md}");
    let svg = std::fs::read_to_string(dir.path().join("docs.svg")).expect("svg");
    assert_eq!(svg.matches("<g class=\"bar ").count(), 5);
    roxmltree::Document::parse(&svg).expect("the chart is well-formed XML");
}

#[test]
fn a_range_compares_its_first_commit_with_the_parent() {
    let (dir, spec) = repository();
    let (code, out) = history(
        dir.path(),
        &[
            spec.to_str().unwrap_or(""),
            "--git-range",
            "HEAD~2..HEAD",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let h: Value = serde_json::from_str(&out).expect("JSON");
    let statuses: Vec<&str> = h["commits"]
        .as_array()
        .expect("commits")
        .iter()
        .filter_map(|c| c["status"].as_str())
        .collect();
    // The parent of the rename does not parse: the one before it is the base.
    assert_eq!(statuses, ["compared", "compared"]);
    let (code, _) = history(dir.path(), &["nowhere.yaml"]);
    assert_eq!(code, 2);
}

/// Headless Chromium (Debian's `chromium`), or `None` when it is not
/// installed and VAPI_SPEC_REQUIRE_CHROMIUM is not set (`.ci/run` sets it).
fn chromium() -> Option<&'static str> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Some(name);
        }
    }
    assert!(
        std::env::var_os("VAPI_SPEC_REQUIRE_CHROMIUM").is_none(),
        "chromium is required here (VAPI_SPEC_REQUIRE_CHROMIUM) but not installed"
    );
    eprintln!("skipped: chromium is not installed (Debian package `chromium`)");
    None
}

/// Runs the page in the browser; returns the DOM after its script ran, and
/// what the browser logged.
fn browse(browser: &str, profile: &Path, url: &str, extra: &[&str]) -> (String, String) {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args([
            "--virtual-time-budget=5000",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The opening tag of the element whose `id` is `id`.
fn tag_with_id<'d>(dom: &'d str, id: &str) -> Option<&'d str> {
    let at = dom.find(&format!(" id=\"{id}\""))?;
    let start = dom[..at].rfind('<')?;
    let end = at + dom[at..].find('>')?;
    Some(&dom[start..=end])
}

#[test]
fn the_page_works_in_a_real_browser() {
    let Some(browser) = chromium() else { return };
    let (dir, spec) = repository();
    let page = dir.path().join("report.html");
    let (code, _) = history(
        dir.path(),
        &[
            spec.to_str().unwrap_or(""),
            "-o",
            page.to_str().unwrap_or(""),
        ],
    );
    assert_eq!(code, 0);
    let html = std::fs::read_to_string(&page).expect("page");
    assert!(
        !html.contains("http://") || html.matches("http://").count() == 1,
        "only the SVG namespace names a URL"
    );
    assert!(!html.contains("https://"), "nothing is fetched");
    let url = format!("file://{}", page.display());
    let profile = dir.path().join("profile");

    let (dom, log) = browse(
        browser,
        &profile,
        &format!("{url}?filter=delete%20/pets"),
        &["--dump-dom"],
    );
    let root = dom
        .find("<html")
        .and_then(|i| dom[i..].find('>').map(|j| &dom[i..=i + j]))
        .unwrap_or("");
    assert!(
        root.contains("data-filter=\"delete /pets\""),
        "the script ran: {root} {log}"
    );
    assert!(!root.contains("data-errors"), "no script error: {root}");
    assert!(!log.contains("Uncaught"), "no console error: {log}");
    // One bar per commit.
    assert_eq!(dom.matches("<g class=\"bar ").count(), 5);
    // The filter keeps the endpoint it names and hides the others.
    let delete = tag_with_id(&dom, "endpoint-DELETE-/pets/{petId}").expect("DELETE row");
    assert!(!delete.contains("hidden"), "{delete}");
    let list = tag_with_id(&dom, "endpoint-GET-/pets").expect("GET row");
    assert!(list.contains("hidden"), "{list}");
    assert!(
        dom.contains("1 endpoints, "),
        "the count of matches is shown"
    );
    // Every link inside the page lands on an element of the page.
    let hrefs = regex::Regex::new(r##"href="#([^"]+)""##).expect("regex");
    let mut targets = 0;
    for m in hrefs.captures_iter(&dom) {
        let id = &m[1];
        assert!(tag_with_id(&dom, id).is_some(), "#{id} resolves");
        targets += 1;
    }
    assert!(targets >= 10, "{targets} links");

    // Without JavaScript (Chromium dumps no DOM then; the page as served is
    // what such a reader gets) everything is shown, and the search box is not.
    assert_eq!(html.matches(" hidden").count(), 1);
    assert!(tag_with_id(&html, "search").is_some_and(|t| t.contains(" hidden")));

    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("history-report.png");
    let arg = format!("--screenshot={}", shot.display());
    browse(
        browser,
        &profile,
        &url,
        &[&arg, "--window-size=1280,1800", "--hide-scrollbars"],
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    eprintln!("screenshot: {}", shot.display());
}
