//! vapi-spec: lint OpenAPI descriptions and diff two versions of one.
//!
//! The pipeline has one module per stage, each using only those before it:
//! [`load`] → [`model`] → [`lint`] → [`rules`] → [`report`].

pub mod cli;
pub mod lint;
pub mod load;
pub mod model;
pub mod report;
pub mod rules;

use load::{Input, LoadError};
use model::{Options, Workspace};
use rules::Finding;

/// A linted document: the files it spans, and what was found in them.
pub struct LintReport {
    pub workspace: Workspace,
    pub findings: Vec<Finding>,
}

/// Loads `input` (and what its references reach) and lints it.
pub fn lint_input(input: &Input, options: Options) -> Result<LintReport, LoadError> {
    let workspace = Workspace::open(input, options)?;
    let result = lint::lint(&workspace);
    let findings = rules::lint_findings(&workspace, &result);
    Ok(LintReport {
        workspace,
        findings,
    })
}
