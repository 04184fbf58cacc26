//! `--format junit`: one test case per finding, failing for errors and
//! warnings, so any CI that reads JUnit XML shows them as failed checks.

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::rules::{Finding, Level};

pub fn render(findings: &[Finding], suite: &str) -> String {
    let mut report = Report::new("vapi-spec");
    let mut s = TestSuite::new(suite);
    for f in findings {
        let (line, column) = f.place.line_column();
        let name = format!(
            "{} at {}",
            f.rule.id,
            if f.place.pointer.is_empty() {
                "/"
            } else {
                &f.place.pointer
            }
        );
        let status = match f.level {
            Level::Error | Level::Warning => {
                let mut st = TestCaseStatus::non_success(NonSuccessKind::Failure);
                st.set_message(f.message.clone());
                st.set_type(f.level.name());
                st.set_description(format!(
                    "{}:{line}:{column}: {} [{}]",
                    f.place.source.name, f.message, f.rule.id
                ));
                st
            }
            Level::Info => TestCaseStatus::success(),
        };
        let mut case = TestCase::new(name, status);
        case.set_classname(f.place.source.name.clone());
        s.add_test_case(case);
    }
    report.add_test_suite(s);
    report.to_string().unwrap_or_default()
}
