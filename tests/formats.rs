//! The CI formats, each read back by a real reader: SARIF validated against
//! the official 2.1.0 schema, JUnit parsed as XML, GitHub commands matched
//! line by line, Markdown snapshotted.

mod common;

use common::{bin, fixture, run};
use serde_json::Value;

fn output(args: &[&str]) -> String {
    let r = run(bin().args(args));
    assert!(matches!(r.code, 0 | 1), "exit {}: {}", r.code, r.stderr);
    r.stdout
}

fn lint_args(format: &str) -> Vec<String> {
    vec![
        "lint".into(),
        "--format".into(),
        format.into(),
        fixture("problems.yaml"),
    ]
}

fn diff_args(format: &str) -> Vec<String> {
    vec![
        "diff".into(),
        "--format".into(),
        format.into(),
        fixture("petstore-v1.yaml"),
        fixture("petstore-v2.yaml"),
    ]
}

fn as_refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn both(format: &str) -> [String; 2] {
    [
        output(&as_refs(&lint_args(format))),
        output(&as_refs(&diff_args(format))),
    ]
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema_text =
        std::fs::read_to_string(common::root().join("tests/schemas/sarif-2.1.0-rtm.5.json"))
            .unwrap_or_else(|e| panic!("{e}"));
    let schema: Value = serde_json::from_str(&schema_text).unwrap_or_else(|e| panic!("{e}"));
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("schema: {e}"));
    for (text, expected) in both("sarif")
        .iter()
        .zip([common::PROBLEMS_FINDINGS, common::PETSTORE_DIFF_CHANGES])
    {
        let log: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        let run = &log["runs"][0];
        let results = run["results"].as_array().cloned().unwrap_or_default();
        assert_eq!(results.len(), expected);
        let rules = run["tool"]["driver"]["rules"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for r in &results {
            let index = r["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
            assert_eq!(
                rules[index]["id"], r["ruleId"],
                "ruleIndex points at the rule"
            );
        }
    }
}

#[test]
fn junit_parses_with_one_case_per_finding() {
    for (text, (cases, failures)) in both("junit").iter().zip([
        (common::PROBLEMS_FINDINGS, 28usize),
        (common::PETSTORE_DIFF_CHANGES, 4),
    ]) {
        let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        let testcases: Vec<_> = root
            .descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        assert_eq!(testcases.len(), cases);
        let failed = testcases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
            .count();
        assert_eq!(failed, failures);
        assert_eq!(
            root.attribute("failures"),
            Some(failures.to_string().as_str())
        );
    }
}

#[test]
fn github_commands_point_at_lines() {
    let [lint, diff] = both("github");
    let lines: Vec<&str> = lint.lines().collect();
    assert_eq!(lines.len(), common::PROBLEMS_FINDINGS);
    assert_eq!(
        lines[0],
        "::warning file=fixtures/problems.yaml,line=1,col=1,endColumn=15,title=oas3-api-servers::the document lists no `servers`"
    );
    assert_eq!(
        lines[21],
        "::error file=fixtures/problems.yaml,line=20,col=7,endColumn=18,title=operation-operationId-unique::operationId `showDog` of GET /cats is already used by another operation"
    );
    let first = diff.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        "::error file=fixtures/petstore-v2.yaml,line=17,col=11,endColumn=22,title=request-parameter-became-required::query parameter `limit` of GET /pets became required"
    );
    assert!(diff.lines().all(|l| l.starts_with("::error ")
        || l.starts_with("::warning ")
        || l.starts_with("::notice ")));
}

#[test]
fn markdown_summarizes_for_a_pull_request() {
    let [lint, diff] = both("markdown");
    insta::assert_snapshot!("lint_markdown", lint);
    insta::assert_snapshot!("diff_markdown", diff);
}

#[test]
fn annotations_show_each_change_once_with_its_endpoints() {
    let args = |extra: &[&str]| {
        let mut v = vec![
            "diff".to_string(),
            "--format".into(),
            "github".into(),
            fixture("reach/shared-v1.yaml"),
            fixture("reach/shared-v2.yaml"),
        ];
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let by_change = output(&as_refs(&args(&[])));
    assert_eq!(
        by_change.lines().collect::<Vec<_>>(),
        ["::error file=fixtures/reach/shared-v2.yaml,line=33,col=15,endColumn=19,title=response-property-type-changed::the type of owner/url changed from string to integer in GET /a and 1 more operation (endpoints: GET /a, GET /b)"]
    );
    let by_endpoint = output(&as_refs(&args(&["--group-by", "endpoint"])));
    assert_eq!(by_endpoint.lines().count(), 2, "{by_endpoint}");
}
