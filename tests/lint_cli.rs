//! `vapi-spec lint` through the binary: exact rule ids, places and exit codes.

mod common;

use common::{bin, fixture, lint_json, lint_json_in, place, places, run};
use serde_json::Value;

fn problems_expected(json: bool) -> Vec<(String, String, u64, u64)> {
    // (id, pointer, YAML line:col, JSON line:col)
    let table = [
        ("oas3-api-servers", "", (1, 1), (1, 1)),
        ("openapi-tags", "", (1, 1), (1, 1)),
        ("info-contact", "/info", (2, 1), (3, 3)),
        ("info-description", "/info", (2, 1), (3, 3)),
        ("info-license", "/info", (2, 1), (3, 3)),
        (
            "path-keys-no-trailing-slash",
            "/paths/~1dogs~1",
            (6, 3),
            (8, 5),
        ),
        (
            "operation-description",
            "/paths/~1dogs~1/get",
            (7, 5),
            (9, 7),
        ),
        (
            "operation-operationId",
            "/paths/~1dogs~1/get",
            (7, 5),
            (9, 7),
        ),
        ("operation-tags", "/paths/~1dogs~1/get", (7, 5), (9, 7)),
        ("security-defined", "/paths/~1dogs~1/get", (7, 5), (9, 7)),
        (
            "operation-4xx-response",
            "/paths/~1dogs~1/get/responses",
            (9, 7),
            (11, 9),
        ),
        (
            "operation-description",
            "/paths/~1dogs~1{dogId}/get",
            (13, 5),
            (19, 7),
        ),
        (
            "operation-summary",
            "/paths/~1dogs~1{dogId}/get",
            (13, 5),
            (19, 7),
        ),
        (
            "operation-tags",
            "/paths/~1dogs~1{dogId}/get",
            (13, 5),
            (19, 7),
        ),
        (
            "path-params",
            "/paths/~1dogs~1{dogId}/get",
            (13, 5),
            (19, 7),
        ),
        (
            "security-defined",
            "/paths/~1dogs~1{dogId}/get",
            (13, 5),
            (19, 7),
        ),
        (
            "operation-success-response",
            "/paths/~1dogs~1{dogId}/get/responses",
            (15, 7),
            (21, 9),
        ),
        (
            "operation-description",
            "/paths/~1cats/get",
            (19, 5),
            (29, 7),
        ),
        ("operation-summary", "/paths/~1cats/get", (19, 5), (29, 7)),
        ("operation-tags", "/paths/~1cats/get", (19, 5), (29, 7)),
        ("security-defined", "/paths/~1cats/get", (19, 5), (29, 7)),
        (
            "operation-operationId-unique",
            "/paths/~1cats/get/operationId",
            (20, 7),
            (30, 9),
        ),
        (
            "operation-4xx-response",
            "/paths/~1cats/get/responses",
            (21, 7),
            (31, 9),
        ),
        (
            "unresolved-ref",
            "/paths/~1cats/get/responses/200/content/application~1json/schema/$ref",
            (27, 23),
            (37, 27),
        ),
        (
            "oas3-unused-component",
            "/components/schemas/Size",
            (30, 5),
            (48, 7),
        ),
        (
            "duplicated-entry-in-enum",
            "/components/schemas/Size/enum",
            (32, 7),
            (50, 9),
        ),
        (
            "typed-enum",
            "/components/schemas/Size/enum/2",
            (32, 20),
            (53, 11),
        ),
        (
            "oas3-unused-component",
            "/components/schemas/Orphan",
            (33, 5),
            (57, 7),
        ),
        (
            "oas3-unused-component",
            "/components/schemas/Mood",
            (35, 5),
            (60, 7),
        ),
        (
            "typed-enum",
            "/components/schemas/Mood/enum/2",
            (35, 50),
            (65, 11),
        ),
    ];
    table
        .iter()
        .map(|(id, ptr, y, j)| {
            let (line, col) = if json { *j } else { *y };
            place(id, ptr, line, col)
        })
        .collect()
}

#[test]
fn yaml_findings_have_exact_ids_and_positions() {
    let (code, findings) = lint_json(&fixture("problems.yaml"), &[]);
    assert_eq!(code, 1);
    assert_eq!(places(&findings), problems_expected(false));
    assert!(findings
        .iter()
        .all(|f| f["file"] == "fixtures/problems.yaml"));
}

#[test]
fn json_findings_have_exact_ids_and_positions() {
    let (code, findings) = lint_json(&fixture("problems.json"), &[]);
    assert_eq!(code, 1);
    assert_eq!(places(&findings), problems_expected(true));
}

#[test]
fn columns_count_characters_after_non_ascii_text_in_json() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let spec = r#"{"openapi": "3.0.3", "info": {"title": "Čajovna", "version": "1", "contact": {}}, "paths": {}, "components": {"schemas": {"Mood": {"type": "string", "enum": ["ça va", "über", 5]}}}}"#;
    std::fs::write(dir.path().join("mood.json"), spec).unwrap_or_else(|e| panic!("{e}"));
    let (_, findings) = lint_json_in(dir.path(), "mood.json", &[]);
    let typed: Vec<_> = places(&findings)
        .into_iter()
        .filter(|p| p.0 == "typed-enum")
        .collect();
    let column = spec.chars().take_while(|&c| c != '5').count() as u64 + 1;
    assert_eq!(
        typed,
        vec![place(
            "typed-enum",
            "/components/schemas/Mood/enum/2",
            1,
            column
        )]
    );
    // Three two-byte characters precede it: a byte count would be 3 higher.
    let bytes = spec.find(", 5]").map_or(0, |i| i + 3) as u64;
    assert_eq!(column + 3, bytes);
}

#[test]
fn clean_specs_exit_zero() {
    for spec in ["petstore.yaml", "petstore.json", "swagger2.yaml"] {
        let (code, findings) = lint_json(&fixture(spec), &[]);
        assert_eq!((code, findings.len()), (0, 0), "{spec}: {findings:?}");
    }
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("warn.yaml"),
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(lint_json_in(dir.path(), "warn.yaml", &[]).0, 0);
    assert_eq!(
        lint_json_in(dir.path(), "warn.yaml", &["--fail-on", "warning"]).0,
        1
    );
    assert_eq!(
        lint_json_in(dir.path(), "warn.yaml", &["--fail-on", "info"]).0,
        1
    );
}

#[test]
fn references_across_files_are_followed_and_located_in_their_file() {
    let (code, findings) = lint_json(&fixture("split/openapi.yaml"), &[]);
    assert_eq!(code, 1);
    let refs: Vec<&Value> = findings
        .iter()
        .filter(|f| f["id"] == "unresolved-ref")
        .collect();
    let owned: Vec<Value> = refs.iter().map(|f| (*f).clone()).collect();
    assert_eq!(
        places(&owned),
        vec![place("unresolved-ref", "/Pet/properties/kind/$ref", 9, 13)]
    );
    assert_eq!(refs[0]["file"], "fixtures/split/schemas/pet.yaml");
}

#[test]
fn swagger2_is_read() {
    let (code, findings) = lint_json(&fixture("swagger2.yaml"), &[]);
    assert_eq!((code, findings.len()), (0, 0));
}

#[test]
fn stdin_is_read_with_dash() {
    let text = std::fs::read(common::root().join("fixtures/problems.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let r = run(bin()
        .args(["lint", "--format", "json", "-"])
        .write_stdin(text));
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["findings"][0]["file"], "<stdin>");
    assert_eq!(
        v["findings"].as_array().map(Vec::len),
        Some(common::PROBLEMS_FINDINGS)
    );
}

#[test]
fn rules_and_explain() {
    let r = run(bin().arg("rules"));
    assert_eq!(r.code, 0);
    assert!(r
        .stdout
        .lines()
        .any(|l| l.starts_with("operation-operationId ") && l.contains("warning")));
    let r = run(bin().args(["explain", "path-params"]));
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("path-params: "));
    assert!(r
        .stdout
        .contains("Example: a template parameter nobody defines"));
    let r = run(bin().args(["explain", "no-such-rule"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no rule `no-such-rule`"));
}

#[test]
fn wrong_usage_exits_two() {
    assert_eq!(
        run(bin().args(["lint", "--format", "xml", "x.yaml"])).code,
        2
    );
    assert_eq!(
        run(bin().args(["lint", "--no-such-flag", "x.yaml"])).code,
        2
    );
    assert_eq!(run(bin().arg("lint")).code, 2);
    assert_eq!(run(bin().arg("--version")).code, 0);
}

#[test]
fn many_specs_make_one_report() {
    let r = run(bin().args([
        "lint",
        "--format",
        "json",
        &fixture("problems.yaml"),
        &fixture("petstore.yaml"),
        &fixture("swagger2.yaml"),
    ]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}"));
    let findings = v["findings"].as_array().cloned().unwrap_or_default();
    assert_eq!(findings.len(), common::PROBLEMS_FINDINGS);
    assert!(findings
        .iter()
        .all(|f| f["file"] == "fixtures/problems.yaml"));
    // A quoted glob is expanded; every matching file is linted.
    let r = run(bin().args(["lint", "--format", "json", "fixtures/*.yaml"]));
    let v: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}"));
    let mut files: Vec<String> = v["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|f| f["file"].as_str().map(str::to_string))
        .collect();
    files.sort();
    files.dedup();
    assert!(
        files.contains(&"fixtures/problems.yaml".to_string()) && files.len() >= 2,
        "{files:?}"
    );
    assert_eq!(run(bin().args(["lint", "fixtures/*.nothing"])).code, 2);
}

#[test]
fn an_unreadable_spec_among_many_is_exit_two_and_the_rest_still_report() {
    let r = run(bin().args([
        "lint",
        "--format",
        "json",
        &fixture("problems.yaml"),
        "fixtures/missing.yaml",
    ]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("fixtures/missing.yaml: no such file"),
        "{}",
        r.stderr
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        v["findings"].as_array().map(Vec::len),
        Some(common::PROBLEMS_FINDINGS)
    );
}

/// A problem in a file that a `$ref` pulls in is reported in that file, at
/// its line, with the reference as a related place.
#[test]
fn problems_in_referenced_files_are_reported_where_written() {
    let (code, findings) = lint_json(&fixture("split-problems/openapi.yaml"), &[]);
    assert_eq!(code, 1);
    let in_owner: Vec<_> = findings
        .iter()
        .filter(|f| f["file"] == "fixtures/split-problems/schemas/owner.yaml")
        .cloned()
        .collect();
    assert_eq!(
        places(&in_owner),
        vec![
            place("typed-enum", "/properties/level/enum/2", 7, 18),
            place(
                "oas3-valid-schema-example",
                "/properties/level/example",
                8,
                5
            ),
        ]
    );
    for f in &in_owner {
        let related = &f["related"][0];
        assert_eq!(related["file"], "fixtures/split-problems/openapi.yaml");
        assert_eq!(
            (related["line"].as_u64(), related["column"].as_u64()),
            (Some(14), Some(23))
        );
        assert_eq!(related["message"], "used here");
    }
}
