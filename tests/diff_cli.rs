//! `vapi-spec diff` through the binary: exact ids, places, levels and exit codes.

mod common;

use common::{bin, fixture, run};
use serde_json::Value;

fn diff_json(old: &str, new: &str, extra: &[&str]) -> (i32, Vec<Value>) {
    let r = run(bin()
        .args(["diff", "--format", "json", old, new])
        .args(extra));
    assert!(matches!(r.code, 0 | 1), "exit {}: {}", r.code, r.stderr);
    let v: Value =
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.stdout));
    (
        r.code,
        v["findings"].as_array().cloned().unwrap_or_default(),
    )
}

/// (id, level, method, path, old pointer:line:col, new pointer:line:col)
fn rows(findings: &[Value]) -> Vec<String> {
    let side = |s: &Value| {
        if s.is_null() {
            "-".to_string()
        } else {
            format!(
                "{}@{}:{}",
                s["pointer"].as_str().unwrap_or(""),
                s["line"],
                s["column"]
            )
        }
    };
    findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {} {} {}",
                f["id"].as_str().unwrap_or(""),
                f["level"].as_str().unwrap_or(""),
                f["operation"]["method"].as_str().unwrap_or("-"),
                f["operation"]["path"].as_str().unwrap_or("-"),
                side(&f["old"]),
                side(&f["new"])
            )
        })
        .collect()
}

#[test]
fn petstore_v1_to_v2_reports_each_change_at_its_place() {
    let (code, findings) = diff_json(
        &fixture("petstore-v1.yaml"),
        &fixture("petstore-v2.yaml"),
        &[],
    );
    assert_eq!(code, 1);
    let expected = [
        "request-parameter-became-required error GET /pets /paths/~1pets/get/parameters/0@17:11 /paths/~1pets/get/parameters/0@17:11",
        "request-parameter-max-decreased error GET /pets /paths/~1pets/get/parameters/0/schema/maximum@22:13 /paths/~1pets/get/parameters/0/schema/maximum@23:13",
        "new-required-request-property error POST /pets /components/schemas/NewPet@69:5 /components/schemas/NewPet/properties/species@82:9",
        "request-property-enum-value-removed error POST /pets /components/schemas/NewPet/properties/status/enum@77:11 /components/schemas/NewPet/properties/status/enum@86:11",
        "api-version-bump-insufficient info - - /info/version@4:3 /info/version@4:3",
        "endpoint-added info DELETE /pets/{petId} - /paths/~1pets~1{petId}/delete@68:5",
        "response-required-property-added info GET /pets /components/schemas/Pet@78:5 /components/schemas/NewPet/properties/species@82:9",
        "response-property-enum-value-removed info GET /pets /components/schemas/NewPet/properties/status/enum@77:11 /components/schemas/NewPet/properties/status/enum@86:11",
        "annotation-changed info GET /pets /paths/~1pets/get/summary@15:7 /paths/~1pets/get/summary@15:7",
        "response-required-property-added info GET /pets/{petId} /components/schemas/Pet@78:5 /components/schemas/NewPet/properties/species@82:9",
        "response-property-enum-value-removed info GET /pets/{petId} /components/schemas/NewPet/properties/status/enum@77:11 /components/schemas/NewPet/properties/status/enum@86:11",
        "response-required-property-added info POST /pets /components/schemas/Pet@78:5 /components/schemas/NewPet/properties/species@82:9",
        "response-property-enum-value-removed info POST /pets /components/schemas/NewPet/properties/status/enum@77:11 /components/schemas/NewPet/properties/status/enum@86:11",
    ];
    assert_eq!(rows(&findings), expected);
}

#[test]
fn the_reverse_direction_judges_the_same_edits_differently() {
    let (code, findings) = diff_json(
        &fixture("petstore-v2.yaml"),
        &fixture("petstore-v1.yaml"),
        &[],
    );
    assert_eq!(code, 1);
    let ids: Vec<&str> = findings.iter().filter_map(|f| f["id"].as_str()).collect();
    assert!(ids.contains(&"api-removed-without-deprecation"));
    assert!(ids.contains(&"request-parameter-became-optional"));
    assert!(ids.contains(&"request-parameter-max-increased"));
    assert!(ids.contains(&"request-property-removed"));
    assert!(ids.contains(&"response-required-property-removed"));
    assert!(!ids.contains(&"new-required-request-property"));
}

#[test]
fn only_and_fail_on_gate_the_exit_code() {
    let (old, new) = (fixture("petstore-v1.yaml"), fixture("petstore-v2.yaml"));
    let (_, only) = diff_json(&old, &new, &["--only", "breaking"]);
    assert_eq!(only.len(), 4);
    // With the version policy on, the minor bump of info.version is an error too.
    let (_, enforced) = diff_json(&old, &new, &["--only", "breaking", "--version-policy"]);
    assert_eq!(enforced.len(), 5);
    assert_eq!(enforced[0]["id"], "api-version-bump-insufficient");
    let r = run(bin().args(["diff", &old, &new, "--suggest-version", "--format", "json"]));
    assert!(
        r.stderr.contains("suggested version: 2.0.0"),
        "{}",
        r.stderr
    );
    assert!(only.iter().all(|f| f["level"] == "error"));
    // Adding an endpoint is info: it fails only with --fail-on info.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(common::root().join("fixtures/petstore-v1.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let added = text.replace(
        "components:\n",
        "  /owners:\n    get:\n      operationId: listOwners\n      responses:\n        '200':\n          description: ok\ncomponents:\n",
    );
    std::fs::write(dir.path().join("v1.yaml"), &text).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("v2.yaml"), &added).unwrap_or_else(|e| panic!("{e}"));
    let run_in = |extra: &[&str]| {
        run(bin()
            .current_dir(dir.path())
            .args(["diff", "v1.yaml", "v2.yaml"])
            .args(extra))
        .code
    };
    assert_eq!(run_in(&[]), 0);
    assert_eq!(run_in(&["--fail-on", "warning"]), 0);
    assert_eq!(run_in(&["--fail-on", "info"]), 1);
}

#[test]
fn every_fixture_compared_with_itself_reports_nothing() {
    let mut specs = Vec::new();
    for entry in std::fs::read_dir(common::root().join("fixtures"))
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "yaml" || e == "json") {
            specs.push(format!("fixtures/{}", entry.file_name().to_string_lossy()));
        }
    }
    specs.push(fixture("split/openapi.yaml"));
    specs.push(fixture("split-problems/openapi.yaml"));
    specs.push(fixture("custom/api.yaml"));
    assert!(specs.len() >= 8);
    for spec in specs {
        let (code, findings) = diff_json(&spec, &spec, &[]);
        assert_eq!(
            (code, findings.len()),
            (0, 0),
            "{spec}: {:?}",
            rows(&findings)
        );
    }
}

#[test]
fn json_and_yaml_twins_report_nothing() {
    for (a, b) in [
        ("petstore.yaml", "petstore.json"),
        ("problems.json", "problems.yaml"),
    ] {
        let (code, findings) = diff_json(&fixture(a), &fixture(b), &[]);
        assert_eq!(
            (code, findings.len()),
            (0, 0),
            "{a} vs {b}: {:?}",
            rows(&findings)
        );
    }
}

#[test]
fn bad_diff_inputs_exit_two() {
    let r = run(bin().args(["diff", "-", "-"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("only one of OLD and NEW"), "{}", r.stderr);
    let r = run(bin().args(["diff", &fixture("petstore.yaml"), "fixtures/missing.yaml"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("fixtures/missing.yaml: no such file"),
        "{}",
        r.stderr
    );
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("plain.json"), "{\"a\": 1}").unwrap_or_else(|e| panic!("{e}"));
    let r = run(bin()
        .current_dir(dir.path())
        .args(["diff", "plain.json", "plain.json"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("not an OpenAPI description"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_human_report_groups_by_endpoint_breaking_first() {
    let r = run(bin().args([
        "diff",
        &fixture("petstore-v1.yaml"),
        &fixture("petstore-v2.yaml"),
        "--group-by",
        "endpoint",
    ]));
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("petstore_v1_v2", r.stdout);
}

#[test]
fn the_human_report_shows_each_change_once_with_its_endpoints() {
    let r = run(bin().args([
        "diff",
        &fixture("petstore-v1.yaml"),
        &fixture("petstore-v2.yaml"),
    ]));
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("petstore_v1_v2_by_change", r.stdout);
}

/// Found by the diff fuzzer: with the version policy on, a spec whose
/// version is not semver was told so when compared with itself; and a spec
/// with a path written twice differed from itself (one stage read the first,
/// another the last); two paths of one shape (`/pets/{id}`, `/pets/{name}`)
/// were both compared with the first, and so were two parameters of one
/// name; and an invalid `x-stability-level` was
/// reported though it had not changed.
#[test]
fn a_spec_compared_with_itself_reports_nothing_whatever_it_holds() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for text in [
        "openapi: 3.0.3\ninfo: {title: t, version: '1,0.0'}\npaths: {}\n",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n        '200': {description: a, content: {application/json: {}}}\n  /pets:\n    get:\n      responses:\n        '200': {description: b, content: {application/json: {schema: {type: object}}}}\n",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets/{id}:\n    get:\n      responses:\n        '200': {description: a}\n  /pets/{name}:\n    get:\n      responses:\n        '404': {description: b}\n",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      parameters:\n        - {name: limit, in: query}\n        - {name: limit, in: query, deprecated: true}\n      responses:\n        '200': {description: a}\n",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      x-stability-level: bet00\n      responses:\n        '200': {description: a, content: {application/json: {schema: {type: object, properties: {a: {type: string, x-stability-level: 7}}}}}}\n",
    ] {
        let spec = dir.path().join("api.yaml");
        std::fs::write(&spec, text).unwrap_or_else(|e| panic!("{e}"));
        let spec = spec.to_string_lossy().into_owned();
        let (code, findings) = diff_json(&spec, &spec, &["--version-policy"]);
        assert_eq!((code, findings.len()), (0, 0), "{findings:?}");
    }
}

/// `User` changes; `GET /a` reaches it twice (directly and through `Repo`),
/// `GET /b` only through `Repo`. Comparing `Repo` under `GET /a` meets `User`
/// a second time and skips it, which must not mark `Repo` unchanged for `GET /b`.
#[test]
fn a_shared_change_is_reported_on_every_operation_that_reaches_it() {
    let (code, findings) = diff_json(
        &fixture("reach/shared-v1.yaml"),
        &fixture("reach/shared-v2.yaml"),
        &[],
    );
    assert_eq!(code, 1);
    assert_eq!(
        rows(&findings),
        [
            "response-property-type-changed error GET /a /components/schemas/User/properties/url/type@33:15 /components/schemas/User/properties/url/type@33:15",
            "response-property-type-changed error GET /b /components/schemas/User/properties/url/type@33:15 /components/schemas/User/properties/url/type@33:15",
        ]
    );
}

/// The whole JSON output of `diff` on `old` and `new`, run from `dir`.
fn diff_output(dir: &std::path::Path, old: &str, new: &str) -> Value {
    let r = run(bin()
        .current_dir(dir)
        .args(["diff", "--format", "json", old, new]));
    assert!(matches!(r.code, 0 | 1), "exit {}: {}", r.code, r.stderr);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.stdout))
}

#[test]
fn each_change_is_listed_once_with_every_operation_it_reaches() {
    let root = common::root();
    let v = diff_output(
        &root,
        "fixtures/reach/shared-v1.yaml",
        "fixtures/reach/shared-v2.yaml",
    );
    let changes = v["changes"].as_array().cloned().unwrap_or_default();
    assert_eq!(changes.len(), 1, "{changes:?}");
    let c = &changes[0];
    assert_eq!(c["id"], "response-property-type-changed");
    assert_eq!(c["level"], "error");
    assert_eq!(
        c["message"],
        "the type of owner/url changed from string to integer in GET /a and 1 more operation"
    );
    assert_eq!(
        c["new"]["pointer"],
        "/components/schemas/User/properties/url/type"
    );
    assert_eq!(
        c["operations"],
        serde_json::json!([{"method": "GET", "path": "/a"}, {"method": "GET", "path": "/b"}])
    );
    let key = c["key"].as_str().unwrap_or_default().to_string();
    for f in v["findings"].as_array().cloned().unwrap_or_default() {
        assert_eq!(f["change"], key.as_str());
    }
    // The same edit under other file names, below an unrelated edit that
    // moves every line, has the same key.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = |name: &str| {
        std::fs::read_to_string(root.join("fixtures/reach").join(name))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    std::fs::write(dir.path().join("before.yaml"), text("shared-v1.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let moved = text("shared-v2.yaml").replacen(
        "paths:\n",
        "servers:\n  - url: https://api.example.com\npaths:\n",
        1,
    );
    std::fs::write(dir.path().join("after.yaml"), moved).unwrap_or_else(|e| panic!("{e}"));
    let w = diff_output(dir.path(), "before.yaml", "after.yaml");
    let same: Vec<&Value> = w["changes"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|c| c["id"] == "response-property-type-changed")
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(same.len(), 1);
    assert_eq!(same[0]["key"], key.as_str());
    assert_eq!(same[0]["new"]["line"], 35);
}
