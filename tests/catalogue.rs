//! The rule catalogue is consistent with the checks, and every documented
//! example gives exactly the findings it claims.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use vapi_spec::diff::{self, DiffOptions};
use vapi_spec::load::{parse_bytes, Input};
use vapi_spec::model::{version, Spec};
use vapi_spec::model::{Options, Workspace};
use vapi_spec::{lint, rules};

#[test]
fn ids_are_unique_and_match_their_file_names() {
    let mut seen = HashSet::new();
    for rule in rules::all() {
        assert!(seen.insert(rule.id), "duplicate rule id {}", rule.id);
        let stem = Path::new(rule.file).file_stem().and_then(|s| s.to_str());
        assert_eq!(stem, Some(rule.id), "{} lives in {}", rule.id, rule.file);
        let folder = Path::new(rule.file)
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|s| s.to_str());
        assert_eq!(
            folder,
            Some(rule.category.name()),
            "{} is filed under the wrong category",
            rule.id
        );
    }
}

#[test]
fn every_rule_has_a_check_and_every_check_a_rule() {
    // Diff rules are matched to the engine by their examples (below); the
    // engine can report no id without a rule file (see `diff::change::has_rule`).
    let rule_ids: BTreeSet<&str> = rules::all()
        .iter()
        .filter(|r| !r.category.is_diff())
        .map(|r| r.id)
        .collect();
    let check_ids: BTreeSet<&str> = lint::CHECKS
        .iter()
        .flat_map(|c| c.ids.iter().copied())
        .chain(lint::BUILTIN_IDS.iter().copied())
        .collect();
    let without_check: Vec<_> = rule_ids.difference(&check_ids).collect();
    let without_rule: Vec<_> = check_ids.difference(&rule_ids).collect();
    assert!(
        without_check.is_empty(),
        "rules without a check: {without_check:?}"
    );
    assert!(
        without_rule.is_empty(),
        "checks without a rule: {without_rule:?}"
    );
}

#[test]
fn every_rule_documents_a_bad_and_a_good_example() {
    for rule in rules::all() {
        assert!(
            rule.examples.iter().any(|e| !e.expect.is_empty()),
            "{} has no failing example",
            rule.id
        );
        assert!(
            rule.examples.iter().any(|e| e.expect.is_empty()),
            "{} has no passing example",
            rule.id
        );
        assert!(
            !rule.docs.is_empty() && !rule.summary.is_empty(),
            "{} is undocumented",
            rule.id
        );
    }
}

#[test]
fn examples_report_exactly_what_they_expect() {
    let mut failures = Vec::new();
    for rule in rules::all().iter().filter(|r| !r.category.is_diff()) {
        for example in rule.examples {
            let ws = match workspace("example.yaml", example.spec) {
                Ok(ws) => ws,
                Err(e) => {
                    failures.push(format!(
                        "{} / {}: does not parse: {e}",
                        rule.id, example.name
                    ));
                    continue;
                }
            };
            let result = lint::lint(&ws);
            let findings = rules::lint_findings(&ws, &result);
            check_pointers(rule, example, &findings, &mut failures);
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn workspace(name: &str, text: &str) -> Result<Workspace, String> {
    let doc = parse_bytes(name, text.as_bytes().to_vec()).map_err(|e| e.to_string())?;
    Ok(Workspace::from_document(
        doc,
        &Input::Path(name.into()),
        Options::default(),
    ))
}

#[test]
fn diff_examples_report_exactly_what_they_expect() {
    let mut failures = Vec::new();
    let options = DiffOptions {
        today: Some(20_000),
        ..DiffOptions::default()
    };
    for rule in rules::all().iter().filter(|r| r.category.is_diff()) {
        assert!(
            rule.bump.is_some() && rule.direction.is_some(),
            "{} lacks bump or direction",
            rule.id
        );
        for example in rule.examples {
            let (old, new) = match (
                workspace("old.yaml", example.old),
                workspace("new.yaml", example.new),
            ) {
                (Ok(o), Ok(n)) => (o, n),
                (Err(e), _) | (_, Err(e)) => {
                    failures.push(format!("{} / {}: {e}", rule.id, example.name));
                    continue;
                }
            };
            let (Ok(vo), Ok(vn)) = (
                version::detect(&old.root().root),
                version::detect(&new.root().root),
            ) else {
                failures.push(format!("{} / {}: not OpenAPI", rule.id, example.name));
                continue;
            };
            let mut options = options.clone();
            let words: Vec<&str> = example
                .options
                .split_whitespace()
                .filter(|w| *w != "--version-policy")
                .collect();
            for pair in words.chunks(2) {
                let value = pair.get(1).and_then(|v| v.parse().ok());
                match pair[0] {
                    "--deprecation-days-stable" => options.deprecation_days_stable = value,
                    "--deprecation-days-beta" => options.deprecation_days_beta = value,
                    "--comparison-depth" => {
                        options.max_depth = pair.get(1).and_then(|v| v.parse().ok())
                    }
                    other => failures.push(format!(
                        "{} / {}: unknown option {other}",
                        rule.id, example.name
                    )),
                }
            }
            let changes = diff::diff(&Spec::build(&old, vo), &Spec::build(&new, vn), &options);
            let mut findings = rules::diff_findings(&old, &new, &changes);
            let enforce = example.options.contains("--version-policy");
            rules::version_policy::check(&old, &new, &mut findings, enforce);
            check_pointers(rule, example, &findings, &mut failures);
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Records a failure unless `rule` reported exactly the pointers `example` expects.
fn check_pointers(
    rule: &rules::Rule,
    example: &rules::Example,
    findings: &[rules::Finding],
    failures: &mut Vec<String>,
) {
    let mut got: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule.id == rule.id)
        .map(|f| f.place.pointer.as_str())
        .collect();
    let mut want: Vec<&str> = example.expect.to_vec();
    got.sort_unstable();
    want.sort_unstable();
    if got != want {
        failures.push(format!(
            "{} / {}: expected {want:?}, got {got:?}",
            rule.id, example.name
        ));
    }
}
