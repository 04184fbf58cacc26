//! The rule catalogue is consistent with the engines, and every documented
//! example gives exactly the findings it claims: its own rule's, and every
//! other rule's too (as cargo-semver-checks runs every lint against every
//! test crate). A finding no example expects fails.
//!
//! `VAPI_SPEC_BLESS=1 cargo test --test catalogue` rewrites the `also` lists
//! (what other rules report) of the examples that disagree; what a rule
//! expects of its own examples is never rewritten.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use vapi_spec::diff::kinds::{Kind, Site};
use vapi_spec::diff::{self, DiffOptions};
use vapi_spec::load::{parse_bytes, Input};
use vapi_spec::model::{version, Spec};
use vapi_spec::model::{Options, Workspace};
use vapi_spec::rule_id::RuleId;
use vapi_spec::rules::{self, catalogue};
use vapi_spec::{lint, lint::RuleRef};

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
        let breaking = rule.category == rules::Category::Breaking;
        if rule.category.is_diff() && rule.category != rules::Category::Versioning {
            assert_eq!(
                breaking,
                rule.level != rules::Level::Info,
                "{}: breaking rules are errors or warnings, compatible ones info",
                rule.id
            );
        }
    }
}

#[test]
fn every_id_names_its_rule() {
    assert_eq!(RuleId::ALL.len(), rules::all().len());
    for id in RuleId::ALL {
        assert_eq!(id.rule().id, id.as_str());
        assert_eq!(RuleId::parse(id.as_str()), Some(*id));
    }
}

#[test]
fn every_lint_rule_has_a_check_and_every_check_a_rule() {
    let rule_ids: BTreeSet<&str> = rules::all()
        .iter()
        .filter(|r| !r.category.is_diff())
        .map(|r| r.id)
        .collect();
    let check_ids: BTreeSet<&str> = lint::CHECKS
        .iter()
        .flat_map(|c| c.ids.iter().map(|id| id.as_str()))
        .chain(lint::BUILTIN_IDS.iter().map(|id| id.as_str()))
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

/// Every pair of site and kind the schema comparison can name leads to a
/// rule of the same direction, or to the general rule; which pairs take the
/// general rule is listed here, so that a missing rule is a decision.
#[test]
fn every_schema_change_the_engine_can_name_has_a_rule() {
    let mut general: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for &site in Site::ALL {
        for &kind in Kind::ALL {
            let id = diff::schema::rule(site, kind);
            let rule = id.rule();
            if id == RuleId::SchemaKeywordChanged {
                general
                    .entry(kind.as_str())
                    .or_default()
                    .push(site_name(site));
                continue;
            }
            let want = match site {
                Site::ResponseBody | Site::ResponseProperty | Site::ResponseHeader => "response",
                _ => "request",
            };
            assert_eq!(
                rule.direction,
                Some(want),
                "{} is used for {site:?} but its direction is {:?}",
                rule.id,
                rule.direction
            );
        }
    }
    // A kind some body or property site has a rule for is a schema kind:
    // every body and property site, request and response, must have one.
    let main = [
        "request-body",
        "request-property",
        "response-body",
        "response-property",
    ];
    let mut gaps: Vec<String> = Vec::new();
    for (kind, sites) in &general {
        let missing: Vec<&&str> = sites.iter().filter(|s| main.contains(s)).collect();
        if missing.len() < main.len() && !missing.is_empty() && !EXCEPTIONS.contains(kind) {
            gaps.push(format!("{kind} at {missing:?}"));
        }
    }
    assert!(gaps.is_empty(), "schema kinds without a rule: {gaps:#?}");
}

/// Kinds that exist at some sites only, each for its reason.
const EXCEPTIONS: [&str; 20] = [
    // A body, not a schema: added, made required, its media types, and
    // its general rule.
    "changed",
    "added-optional",
    "added-required",
    "became-optional",
    "became-required",
    "became-required-with-default",
    "media-type-added",
    "media-type-removed",
    "media-type-schema-added",
    "media-type-schema-removed",
    // A property's life (deprecation, stability, removal), not a body's.
    "deprecated",
    "deprecated-sunset-invalid",
    "deprecated-sunset-missing",
    "deprecated-with-sunset",
    "reactivated",
    "removed",
    "stability-decreased",
    "stability-increased",
    // oasdiff names the whole response body's case after its media type
    // (`response-mediatype-enum-value-removed`).
    "enum-value-removed",
    // XML bodies only.
    "type-compatible",
];

fn site_name(site: Site) -> &'static str {
    match site {
        Site::RequestBody => "request-body",
        Site::RequestProperty => "request-property",
        Site::RequestParameter => "request-parameter",
        Site::RequestParameterProperty => "request-parameter-property",
        Site::RequestHeaderProperty => "request-header-property",
        Site::ResponseBody => "response-body",
        Site::ResponseProperty => "response-property",
        Site::ResponseHeader => "response-header",
    }
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
    }
}

fn workspace(name: &str, text: &str) -> Result<Workspace, String> {
    let doc = parse_bytes(name, text.as_bytes().to_vec()).map_err(|e| e.to_string())?;
    Ok(Workspace::from_document(
        doc,
        &Input::Path(name.into()),
        Options::default(),
    ))
}

/// One finding as an example names it: rule and pointer.
type Seen = (String, String);

/// What an example produced, with what is wrong with it besides the list.
struct Outcome {
    findings: Vec<Seen>,
    problems: Vec<String>,
}

fn lint_example(rule: &rules::Rule, example: &rules::Example) -> Result<Outcome, String> {
    let ws = workspace("spec.yaml", example.spec)?;
    let result = lint::lint(&ws);
    let mut problems = Vec::new();
    for hit in &result.hits {
        if let RuleRef::Builtin(id) = hit.rule {
            let missing = catalogue::unfilled(id.rule().message, &hit.args);
            if !missing.is_empty() {
                problems.push(format!("{id} leaves {missing:?} unfilled"));
            }
        }
    }
    let findings = rules::lint_findings(&ws, &result);
    for f in &findings {
        if f.level != f.rule.level {
            problems.push(format!("{} reported at {:?}", f.rule.id, f.level));
        }
    }
    let _ = rule;
    Ok(Outcome {
        findings: findings
            .iter()
            .map(|f| (f.rule.id.to_string(), f.place.pointer.to_string()))
            .collect(),
        problems,
    })
}

fn diff_options(example: &rules::Example) -> Result<(DiffOptions, bool), String> {
    let mut options = DiffOptions {
        today: Some(20_000),
        ..DiffOptions::default()
    };
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
            "--comparison-depth" => options.max_depth = pair.get(1).and_then(|v| v.parse().ok()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok((options, example.options.contains("--version-policy")))
}

fn diff_example(rule: &rules::Rule, example: &rules::Example) -> Result<Outcome, String> {
    let (old, new) = (
        workspace("old.yaml", example.old)?,
        workspace("new.yaml", example.new)?,
    );
    let (Ok(vo), Ok(vn)) = (
        version::detect(&old.root().root),
        version::detect(&new.root().root),
    ) else {
        return Err("not OpenAPI".into());
    };
    let (options, enforce) = diff_options(example)?;
    let (so, sn) = (Spec::build(&old, vo), Spec::build(&new, vn));
    let changes = diff::diff(&so, &sn, &options);
    let mut problems = Vec::new();
    for c in &changes {
        let missing = catalogue::unfilled(c.id.rule().message, &c.args);
        if !missing.is_empty() {
            problems.push(format!("{} leaves {missing:?} unfilled", c.id));
        }
        let r = c.id.rule();
        if matches!(r.direction, Some("request" | "response")) && c.operation.is_none() {
            problems.push(format!(
                "{} is about a {} but names no operation",
                c.id,
                r.direction.unwrap_or("")
            ));
        }
    }
    // A document compared with itself reports nothing.
    for (name, spec) in [("old", &so), ("new", &sn)] {
        let same = diff::diff(spec, spec, &options);
        if !same.is_empty() {
            let ids: Vec<String> = same.iter().map(|c| c.id.to_string()).collect();
            problems.push(format!(
                "the {name} version compared with itself reports {ids:?}"
            ));
        }
    }
    let mut findings = rules::diff_findings(&old, &new, changes);
    rules::version_policy::check(&old, &new, &mut findings, enforce);
    let _ = rule;
    Ok(Outcome {
        findings: findings
            .iter()
            .map(|f| (f.rule.id.to_string(), f.place.pointer.to_string()))
            .collect(),
        problems,
    })
}

fn parse_also(entry: &str) -> Seen {
    match entry.split_once(' ') {
        Some((id, pointer)) => (id.to_string(), pointer.to_string()),
        None => (entry.to_string(), String::new()),
    }
}

#[test]
fn examples_report_exactly_what_they_expect() {
    let bless = std::env::var_os("VAPI_SPEC_BLESS").is_some();
    let mut failures = Vec::new();
    let mut blessed: BTreeMap<&str, Vec<(&str, Vec<String>)>> = BTreeMap::new();
    for rule in rules::all() {
        for example in rule.examples {
            let outcome = if rule.category.is_diff() {
                diff_example(rule, example)
            } else {
                lint_example(rule, example)
            };
            let outcome = match outcome {
                Ok(o) => o,
                Err(e) => {
                    failures.push(format!("{} / {}: {e}", rule.id, example.name));
                    continue;
                }
            };
            for p in &outcome.problems {
                failures.push(format!("{} / {}: {p}", rule.id, example.name));
            }
            let mut own: Vec<&str> = outcome
                .findings
                .iter()
                .filter(|(id, _)| id == rule.id)
                .map(|(_, p)| p.as_str())
                .collect();
            let mut want: Vec<&str> = example.expect.to_vec();
            own.sort_unstable();
            want.sort_unstable();
            if own != want {
                failures.push(format!(
                    "{} / {}: expected {want:?}, got {own:?}",
                    rule.id, example.name
                ));
            }
            let mut others: Vec<Seen> = outcome
                .findings
                .iter()
                .filter(|(id, _)| id != rule.id)
                .cloned()
                .collect();
            let mut also: Vec<Seen> = example.also.iter().map(|e| parse_also(e)).collect();
            others.sort();
            also.sort();
            if others != also {
                if bless {
                    blessed.entry(rule.file).or_default().push((
                        example.name,
                        others.iter().map(|(id, p)| format!("{id} {p}")).collect(),
                    ));
                } else {
                    let unexpected: Vec<&Seen> =
                        others.iter().filter(|s| !also.contains(s)).collect();
                    let missing: Vec<&Seen> = also.iter().filter(|s| !others.contains(s)).collect();
                    failures.push(format!(
                        "{} / {}: findings of other rules nobody expects {unexpected:?}, expected but not found {missing:?}",
                        rule.id, example.name
                    ));
                }
            }
        }
    }
    for (file, examples) in blessed {
        bless_file(file, &examples);
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Rewrites the `also` line of each named example of `file`.
fn bless_file(file: &str, examples: &[(&str, Vec<String>)]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let mut out = String::new();
    let mut replacing: Option<&Vec<String>> = None;
    for line in text.lines() {
        if line.starts_with("[[examples]]") {
            replacing = None;
        }
        if let Some(name) = line.strip_prefix("name = ") {
            replacing = examples
                .iter()
                .find(|(n, _)| serde_json::to_string(n).ok().as_deref() == Some(name))
                .map(|(_, also)| also);
        }
        if replacing.is_some() && line.starts_with("also = ") {
            continue;
        }
        // Right before the documents, after `expect` however many lines it takes.
        if ["spec = ", "old = "].iter().any(|p| line.starts_with(p)) {
            if let Some(also) = replacing.take().filter(|a| !a.is_empty()) {
                let list = serde_json::to_string(also).unwrap_or_default();
                out.push_str(&format!("also = {list}\n"));
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    let _ = std::fs::write(path, out);
}

#[test]
fn completion_scripts_offer_commands_formats_and_rule_ids() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_vapi-spec"))
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        for word in ["history", "lsp", "format"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
        // clap's PowerShell script completes commands and flags, no values.
        if shell != "powershell" {
            for word in ["sarif", "operation-operationId"] {
                assert!(script.contains(word), "{shell} completes {word}");
            }
        }
    }
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_vapi-spec"))
        .args(["completions", "tcsh"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
}
