//! Custom rules from the configuration file, and what can silence them,
//! through the binary.

mod common;

use std::path::Path;

use common::{bin, lint_json, lint_json_in, place, places, run};

const CONFIG: &str = "fixtures/custom/vapi-spec.yaml";
const SPEC: &str = "fixtures/custom/api.yaml";

/// The ids `fixtures/custom/vapi-spec.yaml` defines.
const CUSTOM_IDS: [&str; 14] = [
    "summary-capitalized",
    "operation-id-camel",
    "properties-camel",
    "operations-tagged",
    "no-deprecated-false",
    "response-described",
    "params-in-known",
    "short-enums",
    "tags-sorted",
    "https-only",
    "no-x-internal",
    "paths-lowercase",
    "only-for-swagger",
    "query-params-described",
];

fn custom_only(findings: &[serde_json::Value]) -> Vec<serde_json::Value> {
    findings
        .iter()
        .filter(|f| CUSTOM_IDS.contains(&f["id"].as_str().unwrap_or_default()))
        .cloned()
        .collect()
}

#[test]
fn every_function_and_selector_reports_at_the_exact_place() {
    let (code, findings) = lint_json(SPEC, &["--config", CONFIG]);
    assert_eq!(code, 1, "summary-capitalized is an error");
    let custom = custom_only(&findings);
    assert_eq!(
        places(&custom),
        vec![
            place("no-x-internal", "/info/x-internal", 5, 3),
            place("https-only", "/servers/0/url", 7, 5),
            place("tags-sorted", "/tags", 8, 1),
            place(
                "operation-id-camel",
                "/paths/~1orders/get/operationId",
                14,
                7
            ),
            place("summary-capitalized", "/paths/~1orders/get/summary", 15, 7),
            place(
                "query-params-described",
                "/paths/~1orders/get/parameters/0",
                18,
                11
            ),
            place(
                "params-in-known",
                "/paths/~1orders/get/parameters/0/in",
                19,
                11
            ),
            place("operations-tagged", "/paths/~1orders~1{id}/get", 30, 5),
            place(
                "no-deprecated-false",
                "/paths/~1orders~1{id}/get/deprecated",
                33,
                7
            ),
            place(
                "response-described",
                "/paths/~1orders~1{id}/get/responses/200/description",
                38,
                11
            ),
            place("paths-lowercase", "/paths/~1orderExports", 39, 3),
            place(
                "properties-camel",
                "/components/schemas/Order/properties/total_amount",
                53,
                9
            ),
            place(
                "short-enums",
                "/components/schemas/Order/properties/status/enum",
                56,
                11
            ),
        ]
    );
    let by_id = |id: &str| {
        custom
            .iter()
            .find(|f| f["id"] == id)
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(by_id("summary-capitalized")["level"], "error");
    assert_eq!(by_id("properties-camel")["level"], "info");
    assert_eq!(by_id("operation-id-camel")["level"], "warning");
    assert_eq!(
        by_id("summary-capitalized")["message"],
        "`summary` \"list the orders\" does not match /^[A-Z]/"
    );
    assert_eq!(
        by_id("tags-sorted")["message"],
        "`tags` is not in alphabetical order: \"billing\" should come before \"orders\""
    );
}

#[test]
fn without_the_config_no_custom_rule_runs() {
    let (_, findings) = lint_json(SPEC, &["--no-config"]);
    assert!(custom_only(&findings).is_empty());
}

/// `lint --format json api.yaml` in `dir`: the run and its custom findings.
fn lint_custom_in(dir: &Path) -> (common::Run, Vec<serde_json::Value>) {
    let r = run(bin()
        .current_dir(dir)
        .args(["lint", "--format", "json", "api.yaml"]));
    let v: serde_json::Value =
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stderr));
    let custom = custom_only(v["findings"].as_array().map_or(&[][..], |a| a));
    (r, custom)
}

fn config_with(dir: &Path, extra: &str) {
    let base =
        std::fs::read_to_string(common::root().join(CONFIG)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join(".vapi-spec.yaml"), format!("{base}{extra}"))
        .unwrap_or_else(|e| panic!("{e}"));
    let spec = std::fs::read_to_string(common::root().join(SPEC)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("api.yaml"), spec).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn levels_off_and_ignores_apply_to_custom_rules_and_are_counted() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    config_with(
        dir.path(),
        "rules:\n  summary-capitalized: info\n  short-enums: off\nignore:\n  - rule: operation-id-camel\n    operation: GET /orders\n    reason: the generated client depends on this name\n",
    );
    let (r, custom) = lint_custom_in(dir.path());
    let ids: Vec<&str> = custom.iter().filter_map(|f| f["id"].as_str()).collect();
    assert!(!ids.contains(&"short-enums"));
    assert!(!ids.contains(&"operation-id-camel"));
    let summary = custom
        .iter()
        .find(|f| f["id"] == "summary-capitalized")
        .cloned()
        .unwrap_or_default();
    assert_eq!(summary["level"], "info");
    assert!(
        r.stderr.contains("1 ignored by the configuration")
            && r.stderr.contains("1 from rules turned off"),
        "{}",
        r.stderr
    );
}

#[test]
fn x_vapi_ignore_silences_a_custom_rule_below_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    config_with(dir.path(), "");
    let spec =
        std::fs::read_to_string(dir.path().join("api.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let edited = spec.replacen(
        "    Order:\n      type: object\n",
        "    Order:\n      x-vapi-ignore: [properties-camel, short-enums]\n      type: object\n",
        1,
    );
    assert_ne!(edited, spec);
    std::fs::write(dir.path().join("api.yaml"), edited).unwrap_or_else(|e| panic!("{e}"));
    let (r, custom) = lint_custom_in(dir.path());
    assert!(custom
        .iter()
        .all(|f| f["id"] != "properties-camel" && f["id"] != "short-enums"));
    assert!(
        r.stderr.contains("2 silenced by x-vapi-ignore"),
        "{}",
        r.stderr
    );
}

/// A broken definition is exit 2 with the file, line and column of the mistake.
#[test]
fn mistakes_in_a_rule_are_reported_at_their_line() {
    let cases = [
        (
            "custom-rules:\n  r:\n    given: '$.paths[?(@.get && @.put)]'\n    then: {function: truthy}\n",
            "3:12",
            "is not one vapi-spec reads",
        ),
        (
            "custom-rules:\n  r:\n    given: operations\n    then: {field: summary, function: titlecase}\n",
            "4:38",
            "no function `titlecase`",
        ),
        (
            "custom-rules:\n  r:\n    severity: warn\n    given: operations\n    then: {function: truthy}\n",
            "3:5",
            "instead of Spectral's `severity`",
        ),
        (
            "custom-rules:\n  operation-summary:\n    given: operations\n    then: {function: truthy}\n",
            "2:3",
            "is a built-in rule",
        ),
        (
            "custom-rules:\n  r:\n    given: operations\n    then: {field: summary, function: pattern, functionOptions: {match: '(unclosed'}}\n",
            "4:72",
            "not a valid pattern",
        ),
        (
            "custom-rules:\n  r:\n    given: operations\n    then: {function: casing, functionOptions: {type: camel, style: x}}\n",
            "4:61",
            "unknown option `style`",
        ),
        (
            "custom-rules:\n  r:\n    given: '$.paths[*][get;put]'\n    then: {function: truthy}\n",
            "3:12",
            "JSONPath subset",
        ),
        (
            "custom-rules:\n  r:\n    given: widgets\n    then: {function: truthy}\n",
            "3:12",
            "neither a selector",
        ),
    ];
    for (config, at, says) in cases {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join(".vapi-spec.yaml"), config)
            .unwrap_or_else(|e| panic!("{e}"));
        let spec = common::root().join("fixtures/petstore.yaml");
        let r = run(bin()
            .current_dir(dir.path())
            .args(["lint", &spec.to_string_lossy()]));
        assert_eq!(r.code, 2, "{config}: {}", r.stderr);
        assert!(
            r.stderr.contains(&format!(".vapi-spec.yaml:{at}")),
            "{config}: expected {at} in {}",
            r.stderr
        );
        assert!(r.stderr.contains(says), "{config}: {}", r.stderr);
    }
}

/// The README's translation of a Spectral rule works as written.
#[test]
fn a_translated_spectral_rule_runs() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join(".vapi-spec.yaml"),
        "custom-rules:\n  operation-id-kebab:\n    description: operationIds are kebab-case\n    message: \"{{property}}: {{error}}\"\n    level: warning\n    given: \"$.paths[*][*]\"\n    then:\n      field: operationId\n      function: casing\n      functionOptions: {type: kebab}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let spec = common::root().join("fixtures/petstore.yaml");
    let (code, findings) = lint_json_in(dir.path(), &spec.to_string_lossy(), &[]);
    assert_eq!(code, 0, "warnings only");
    let messages: Vec<&str> = findings
        .iter()
        .filter(|f| f["id"] == "operation-id-kebab")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(
        messages,
        vec![
            "operationId: `operationId` \"listPets\" is not kebab case",
            "operationId: `operationId` \"createPet\" is not kebab case",
            "operationId: `operationId` \"showPet\" is not kebab case",
        ]
    );
}

#[test]
fn rules_and_explain_show_the_projects_rules() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    config_with(dir.path(), "");
    let r = run(bin()
        .current_dir(dir.path())
        .args(["explain", "no-x-internal"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("category: custom"), "{}", r.stdout);
    assert!(r.stdout.contains("applies:  3.1"), "{}", r.stdout);
    let r = run(bin().current_dir(dir.path()).arg("rules"));
    assert_eq!(r.code, 0);
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("summary-capitalized "))
        .unwrap_or_default();
    assert!(line.contains("custom") && line.contains("error"), "{line}");
}

/// `terms-of-service` findings of `fixtures/petstore-v1.yaml` (it links no terms of service)
/// under the configuration `config`.
fn terms_of_service(config: &str) -> Vec<(String, String, u64, u64)> {
    let (_, findings) = lint_json("fixtures/petstore-v1.yaml", &["--config", config]);
    places(&findings)
        .into_iter()
        .filter(|p| p.0 == "terms-of-service")
        .collect()
}

#[test]
fn a_rule_that_is_not_recommended_runs_only_when_switched_on() {
    assert_eq!(terms_of_service("fixtures/custom/opt-in/off.yaml"), []);
    assert_eq!(
        terms_of_service("fixtures/custom/opt-in/on.yaml"),
        [("terms-of-service".to_string(), "/info".to_string(), 2, 1)]
    );
    let r = run(bin().args([
        "lint",
        "fixtures/petstore-v1.yaml",
        "--config",
        "fixtures/custom/opt-in/bad.yaml",
    ]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("`recommended` is true or false"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("bad.yaml:3:18"), "{}", r.stderr);
}
