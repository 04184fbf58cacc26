//! vapi-spec: lint OpenAPI descriptions and diff two versions of one.
//!
//! The pipeline has one module per stage, each using only those before it:
//! [`load`] → [`model`] → [`lint`] → [`rules`] → [`report`].

pub mod cli;
pub mod diff;
pub mod lint;
pub mod load;
pub mod model;
pub mod report;
pub mod rule_id;
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
    lint_input_with(input, options, &[])
}

/// As [`lint_input`], with the project's custom rules (from its configuration).
pub fn lint_input_with(
    input: &Input,
    options: Options,
    custom: &[rules::custom_rules::Custom],
) -> Result<LintReport, LoadError> {
    let workspace = Workspace::open(input, options)?;
    require_mapping(&workspace)?;
    let checks: Vec<&lint::custom::CustomRule> = custom.iter().map(|c| &c.check).collect();
    let result = lint::lint_with(&workspace, &checks);
    let findings = rules::lint_findings_with(&workspace, &result, custom);
    Ok(LintReport {
        workspace,
        findings,
    })
}

/// Two versions compared: both workspaces, and the changes as findings.
pub struct DiffReport {
    pub old: Workspace,
    pub new: Workspace,
    pub findings: Vec<Finding>,
    /// The version policy's conclusion: the bump needed and the version to use.
    pub version: rules::version_policy::Verdict,
    /// Reworded summaries and descriptions, for the changelog.
    pub texts: Vec<diff::texts::TextChange>,
}

impl DiffReport {
    /// The API's name as the new version gives it.
    pub fn title(&self) -> String {
        self.new
            .root()
            .root
            .get("info")
            .and_then(|i| i.get_str("title"))
            .unwrap_or("The API")
            .to_string()
    }
}

/// A description is a mapping at the top. Anything else (an HTML error page
/// where a spec was expected, a list, one string) could not be read as one,
/// which is exit 2, not a finding.
fn require_mapping(ws: &Workspace) -> Result<(), LoadError> {
    let doc = ws.root();
    if doc.root.as_object().is_some() {
        return Ok(());
    }
    let looks = if doc.source.text.trim_start().starts_with('<') {
        " (it looks like an HTML or XML page)"
    } else {
        ""
    };
    let end = doc.source.text.len().min(doc.root.span.start as usize + 1);
    Err(LoadError::at(
        load::LoadErrorKind::Invalid,
        &doc.source,
        load::Span::new(
            doc.root.span.start as usize,
            end.max(doc.root.span.start as usize),
        ),
        format!(
            "not an OpenAPI description: the document is {}, not a mapping of fields{looks}",
            match doc.root.kind() {
                "array" => "a list",
                "null" => "null",
                "number" => "a number",
                "boolean" => "a boolean",
                _ => "a string",
            }
        ),
        "the document starts here",
    ))
}

fn spec_of(ws: &Workspace) -> Result<model::Spec<'_>, LoadError> {
    require_mapping(ws)?;
    match model::version::detect(&ws.root().root) {
        Ok(v) => Ok(model::Spec::build(ws, v)),
        Err(problem) => {
            let why = match problem {
                model::VersionProblem::NotOpenApi => {
                    "it has no top-level `openapi` or `swagger` field".to_string()
                }
                model::VersionProblem::Unknown { field, value } => {
                    format!("`{field}: {value}` is not a version this tool reads")
                }
            };
            Err(LoadError::read(
                &ws.root().source.name,
                format!("not an OpenAPI description: {why}"),
            ))
        }
    }
}

/// Loads both versions (in parallel) and compares them.
pub fn diff_inputs(
    old: &Input,
    new: &Input,
    options: Options,
    diff_options: &diff::DiffOptions,
    version_policy: bool,
) -> Result<DiffReport, LoadError> {
    let (old_ws, new_ws) = std::thread::scope(|s| {
        let o = s.spawn(|| Workspace::open(old, options.clone()));
        let n = Workspace::open(new, options.clone());
        let o = o.join().unwrap_or_else(|_| {
            Err(LoadError::read(
                &old.display_name(),
                "loading stopped unexpectedly",
            ))
        });
        (o, n)
    });
    let (old_ws, new_ws) = (old_ws?, new_ws?);
    let (changes, texts) = {
        let old_spec = spec_of(&old_ws)?;
        let new_spec = spec_of(&new_ws)?;
        (
            diff::diff(&old_spec, &new_spec, diff_options),
            diff::texts::changes(&old_spec, &new_spec),
        )
    };
    let mut findings = rules::diff_findings(&old_ws, &new_ws, &changes);
    let version = rules::version_policy::check(&old_ws, &new_ws, &mut findings, version_policy);
    Ok(DiffReport {
        old: old_ws,
        new: new_ws,
        findings,
        version,
        texts,
    })
}
