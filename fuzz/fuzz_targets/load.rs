//! Any bytes through the loader, the model and every lint rule: the result
//! may be an error, never a panic, a hang or a stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vapi_spec::load::{parse_bytes, Input};
use vapi_spec::model::{Options, Workspace};
use vapi_spec::{lint, report, rules};

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = parse_bytes("fuzz.yaml", data.to_vec()) else {
        return;
    };
    // A path that does not exist: relative references fail to load, as they should.
    let input = Input::Path("/nonexistent/fuzz.yaml".into());
    let ws = Workspace::from_document(doc, &input, Options::default());
    let result = lint::lint(&ws);
    let findings = rules::lint_findings(&ws, &result);
    let _ = report::json::lint(&findings);
    let _ = report::human::findings(&findings, report::Style::plain());
});
