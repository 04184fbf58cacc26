//! The project's own settings through the binary: `.vapi-spec.yaml`, ignores
//! with expiry, baselines, `lint --since`, the version policy from the file.

mod common;

use std::path::Path;

use common::{bin, git, place, places, run, Run};
use serde_json::Value;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{e}"));
}

fn copy_fixture(dir: &Path, name: &str, as_name: &str) {
    let text = std::fs::read_to_string(common::root().join("fixtures").join(name))
        .unwrap_or_else(|e| panic!("{e}"));
    write(dir, as_name, &text);
}

fn in_dir(dir: &Path, args: &[&str]) -> Run {
    run(bin().current_dir(dir).args(args))
}

fn findings(r: &Run) -> Vec<Value> {
    let v: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("{e}: {} {}", r.stdout, r.stderr));
    v["findings"].as_array().cloned().unwrap_or_default()
}

fn ids(r: &Run) -> Vec<String> {
    findings(r)
        .iter()
        .filter_map(|f| f["id"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn levels_and_ignores_from_the_config_file_apply() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    copy_fixture(d, "problems.yaml", "api.yaml");
    write(
        d,
        ".vapi-spec.yaml",
        "rules:\n  info-contact: off\n  typed-enum: error\nignore:\n  - rule: operation-operationId-unique\n    operation: GET /cats\n    reason: the cats endpoint goes away next release\n",
    );
    let r = in_dir(d, &["lint", "--format", "json", "api.yaml"]);
    assert_eq!(r.code, 1);
    let got = ids(&r);
    assert!(!got.contains(&"info-contact".to_string()));
    assert!(!got.contains(&"operation-operationId-unique".to_string()));
    let typed: Vec<Value> = findings(&r)
        .into_iter()
        .filter(|f| f["id"] == "typed-enum")
        .collect();
    assert!(typed.iter().all(|f| f["level"] == "error"));
    assert!(
        r.stderr.contains(
            "2 finding(s) not shown: 1 ignored by the configuration, 1 from rules turned off"
        ),
        "{}",
        r.stderr
    );
    // --no-config shows everything again.
    let all = in_dir(d, &["lint", "--format", "json", "--no-config", "api.yaml"]);
    assert_eq!(findings(&all).len(), common::PROBLEMS_FINDINGS);
}

#[test]
fn an_expired_ignore_stops_working_and_says_so() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    copy_fixture(d, "problems.yaml", "api.yaml");
    write(
        d,
        "conf.yaml",
        "ignore:\n  - rule: info-contact\n    reason: contact is added by the portal\n    until: 2000-01-31\n",
    );
    let r = in_dir(
        d,
        &[
            "lint",
            "--format",
            "json",
            "--config",
            "conf.yaml",
            "api.yaml",
        ],
    );
    assert!(ids(&r).contains(&"info-contact".to_string()));
    assert!(
        r.stderr.contains("warning: conf.yaml:2:5: the ignore of `info-contact` expired on 2000-01-31 and no longer applies"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_wrong_config_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    copy_fixture(d, "petstore.yaml", "api.yaml");
    let cases = [
        (
            "fail-on: error\nrulez:\n  info-contact: off\n",
            "unknown key `rulez`",
            ".vapi-spec.yaml:2:1",
        ),
        (
            "rules:\n  info-contact: loud\n",
            "`loud` is not a level",
            ".vapi-spec.yaml:2:17",
        ),
        (
            "rules:\n  no-such-rule: off\n",
            "no rule `no-such-rule`",
            ".vapi-spec.yaml:2:3",
        ),
        (
            "ignore:\n  - rule: info-contact\n",
            "needs a `reason`",
            ".vapi-spec.yaml:2:5",
        ),
        (
            "ignore:\n  - rule: info-contact\n    reason: x\n    until: soon\n",
            "`soon` is not a date",
            ".vapi-spec.yaml:4:12",
        ),
        (
            "deprecation-days:\n  stable: many\n",
            "whole number of days",
            ".vapi-spec.yaml:2:11",
        ),
    ];
    for (text, needle, at) in cases {
        write(d, ".vapi-spec.yaml", text);
        let r = in_dir(d, &["lint", "api.yaml"]);
        assert_eq!(r.code, 2, "{text}");
        assert!(r.stderr.contains(needle), "{text}: {}", r.stderr);
        assert!(
            r.stderr.contains(at),
            "{text}: expected {at} in {}",
            r.stderr
        );
    }
}

#[test]
fn config_init_writes_a_file_that_loads() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    assert_eq!(in_dir(d, &["config", "init"]).code, 0);
    assert_eq!(in_dir(d, &["config", "init"]).code, 2);
    assert_eq!(in_dir(d, &["config", "init", "--force"]).code, 0);
    copy_fixture(d, "problems.yaml", "api.yaml");
    let r = in_dir(d, &["lint", "--format", "json", "api.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!ids(&r).contains(&"info-contact".to_string()));
}

#[test]
fn scope_and_extensions_leave_operations_out() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    copy_fixture(d, "petstore-v1.yaml", "v1.yaml");
    let v2 = std::fs::read_to_string(common::root().join("fixtures/petstore-v2.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    // Mark GET /pets internal in the new version.
    write(
        d,
        "v2.yaml",
        &v2.replacen(
            "      operationId: listPets\n",
            "      operationId: listPets\n      x-internal: true\n",
            1,
        ),
    );
    write(
        d,
        ".vapi-spec.yaml",
        "exclude-extensions: [x-internal]\npaths:\n  exclude: [\"/pets/{petId}\"]\n",
    );
    let r = in_dir(d, &["diff", "--format", "json", "v1.yaml", "v2.yaml"]);
    let ops: Vec<String> = findings(&r)
        .iter()
        .filter_map(|f| {
            f["operation"]["method"]
                .as_str()
                .map(|m| format!("{m} {}", f["operation"]["path"].as_str().unwrap_or("")))
        })
        .collect();
    assert!(!ops.is_empty());
    assert!(ops.iter().all(|o| o == "POST /pets"), "{ops:?}");
}

#[test]
fn a_baseline_accepts_what_is_there() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    copy_fixture(d, "problems.yaml", "api.yaml");
    let r = in_dir(
        d,
        &[
            "lint",
            "--format",
            "json",
            "--write-baseline",
            "baseline.json",
            "api.yaml",
        ],
    );
    assert_eq!((r.code, findings(&r).len()), (1, common::PROBLEMS_FINDINGS));
    let r = in_dir(
        d,
        &[
            "lint",
            "--format",
            "json",
            "--baseline",
            "baseline.json",
            "api.yaml",
        ],
    );
    assert_eq!((r.code, findings(&r).len()), (0, 0));
    // Lines added above move every finding; the baseline still matches, and
    // only the new problem is reported.
    let text = std::fs::read_to_string(d.join("api.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let edited = text.replacen("paths:\n", "# a comment\n# another\npaths:\n  /birds/:\n    get:\n      operationId: birds\n      responses:\n        '200':\n          description: ok\n", 1);
    write(d, "api.yaml", &edited);
    let r = in_dir(
        d,
        &[
            "lint",
            "--format",
            "json",
            "--baseline",
            "baseline.json",
            "api.yaml",
        ],
    );
    assert_eq!(
        places(&findings(&r)),
        vec![
            place("path-keys-no-trailing-slash", "/paths/~1birds~1", 8, 3),
            place("operation-description", "/paths/~1birds~1/get", 9, 5),
            place("operation-summary", "/paths/~1birds~1/get", 9, 5),
            place("operation-tags", "/paths/~1birds~1/get", 9, 5),
            place("security-defined", "/paths/~1birds~1/get", 9, 5),
            place(
                "operation-4xx-response",
                "/paths/~1birds~1/get/responses",
                11,
                7
            ),
        ]
    );
    assert!(
        r.stderr.contains(&format!(
            "{} already in the baseline",
            common::PROBLEMS_FINDINGS
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn lint_since_reports_only_what_the_change_introduced() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    git(d, &["init", "-q"]);
    copy_fixture(d, "problems.yaml", "openapi.yaml");
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "legacy spec"]);
    let text = std::fs::read_to_string(d.join("openapi.yaml")).unwrap_or_else(|e| panic!("{e}"));
    write(
        d,
        "openapi.yaml",
        &text.replace(
            "    Orphan:\n      type: object\n",
            "    Orphan:\n      type: object\n    Color: {type: string, enum: [red, red]}\n",
        ),
    );
    let r = in_dir(
        d,
        &[
            "lint",
            "--format",
            "json",
            "--since",
            "HEAD:openapi.yaml",
            "openapi.yaml",
        ],
    );
    assert_eq!(
        places(&findings(&r)),
        vec![
            place("oas3-unused-component", "/components/schemas/Color", 35, 5),
            place(
                "duplicated-entry-in-enum",
                "/components/schemas/Color/enum",
                35,
                27
            ),
        ]
    );
}

#[test]
fn the_version_policy_can_be_switched_on_in_the_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    copy_fixture(d, "petstore-v1.yaml", "v1.yaml");
    copy_fixture(d, "petstore-v2.yaml", "v2.yaml");
    write(d, ".vapi-spec.yaml", "version-policy: true\n");
    let r = in_dir(
        d,
        &[
            "diff", "--format", "json", "--only", "breaking", "v1.yaml", "v2.yaml",
        ],
    );
    assert_eq!(ids(&r)[0], "api-version-bump-insufficient");
}

#[test]
fn x_vapi_ignore_silences_rules_for_an_object_and_what_it_contains() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    let text = std::fs::read_to_string(common::root().join("fixtures/problems.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    // Silence the enum rules for the Size schema only, and operation-tags for all paths.
    let edited = text
        .replace("    Size:\n      type: integer\n", "    Size:\n      x-vapi-ignore: [typed-enum, duplicated-entry-in-enum]\n      type: integer\n")
        .replace("paths:\n", "paths:\n  x-vapi-ignore: operation-tags\n");
    write(d, "api.yaml", &edited);
    let r = in_dir(d, &["lint", "--format", "json", "api.yaml"]);
    let got = ids(&r);
    assert!(!got.contains(&"operation-tags".to_string()), "{got:?}");
    assert!(!got.contains(&"duplicated-entry-in-enum".to_string()));
    let typed: Vec<Value> = findings(&r)
        .into_iter()
        .filter(|f| f["id"] == "typed-enum")
        .collect();
    assert_eq!(typed.len(), 1, "the Mood schema is not covered");
    assert_eq!(typed[0]["pointer"], "/components/schemas/Mood/enum/2");
    assert!(
        r.stderr.contains("5 silenced by x-vapi-ignore"),
        "{}",
        r.stderr
    );
}
