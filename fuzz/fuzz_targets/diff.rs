//! Two documents through the loader, the model, the diff and every
//! renderer: an error is fine, a panic, a hang or a stack overflow is not.
//! The bytes before the first NUL are the old version and those after it
//! the new one; without a NUL both are the same document, and then the diff
//! must report nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vapi_spec::diff::{self, DiffOptions};
use vapi_spec::load::{parse_bytes, Input};
use vapi_spec::model::{version, Options, Spec, Workspace};
use vapi_spec::{report, rules};

fuzz_target!(|data: &[u8]| {
    let (a, b) = match data.iter().position(|&x| x == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, data),
    };
    let (Ok(old), Ok(new)) = (
        parse_bytes("old.yaml", a.to_vec()),
        parse_bytes("new.yaml", b.to_vec()),
    ) else {
        return;
    };
    // Paths that do not exist: relative references fail to load, as they should.
    let old = Workspace::from_document(
        old,
        &Input::Path("/nonexistent/old.yaml".into()),
        Options::default(),
    );
    let new = Workspace::from_document(
        new,
        &Input::Path("/nonexistent/new.yaml".into()),
        Options::default(),
    );
    let (Ok(vo), Ok(vn)) = (
        version::detect(&old.root().root),
        version::detect(&new.root().root),
    ) else {
        return;
    };
    let options = DiffOptions {
        today: Some(20_000),
        ..DiffOptions::default()
    };
    let changes = diff::diff_parts(&Spec::build(&old, vo), &Spec::build(&new, vn), &options);
    let mut findings = rules::diff_findings(&old, &new, changes);
    rules::version_policy::check(&old, &new, &mut findings, true);
    if a == b {
        let ids: Vec<&str> = findings.iter().map(|f| f.rule.id).collect();
        assert!(
            ids.is_empty(),
            "a document compared with itself reported {ids:?}"
        );
    }
    let _ = report::json::diff(&findings, ("old.yaml", "new.yaml"));
    let _ = report::human::diff(&findings, report::Style::plain());
    let _ = report::markdown::render(&findings, "fuzz");
    let _ = report::github::render(&findings);
    let _ = report::junit::render(&findings, "fuzz");
    let _ = report::sarif::render(&findings);
});
