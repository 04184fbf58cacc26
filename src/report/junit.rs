//! `--format junit`: one test case per finding, failing for errors and
//! warnings, so any CI that reads JUnit XML shows them as failed checks.

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::rules::{Finding, Level};

use super::escape::visible;

pub fn render(findings: &[Finding], suite: &str) -> String {
    // XML 1.0 cannot carry most control characters or U+FFFE/U+FFFF, and a
    // raw newline would start a line of a CI log: all are made visible.
    let text = |s: &str| visible(s).into_owned();
    let mut report = Report::new("vapi-spec");
    let mut s = TestSuite::new(text(suite));
    for f in findings {
        let (line, column) = f.place.line_column();
        let name = text(&format!(
            "{} at {}",
            f.rule.id,
            if f.place.pointer.is_empty() {
                "/"
            } else {
                &f.place.pointer
            }
        ));
        let status = match f.level {
            Level::Error | Level::Warning => {
                let mut st = TestCaseStatus::non_success(NonSuccessKind::Failure);
                st.set_message(text(&f.message));
                st.set_type(f.level.name());
                st.set_description(text(&format!(
                    "{}:{line}:{column}: {} [{}]",
                    f.place.source.name, f.message, f.rule.id
                )));
                st
            }
            Level::Info => TestCaseStatus::success(),
        };
        let mut case = TestCase::new(name, status);
        case.set_classname(text(&f.place.source.name));
        s.add_test_case(case);
    }
    report.add_test_suite(s);
    report.to_string().unwrap_or_default()
}
