//! vapi-spec: lint OpenAPI descriptions and diff two versions of one.
//!
//! The pipeline has one module per stage, each using only those before it:
//! [`load`] → [`model`] → [`lint`] → [`rules`] → [`report`], then the two
//! front ends: [`lsp`] (the editor) and [`cli`] (the command line).

pub mod cli;
pub mod diff;
pub mod lint;
pub mod load;
pub mod lsp;
pub mod model;
pub mod parallel;
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
    lint_workspace(Workspace::open(input, options)?, custom)
}

/// Lints a workspace already loaded.
pub fn lint_workspace(
    workspace: Workspace,
    custom: &[rules::custom_rules::Custom],
) -> Result<LintReport, LoadError> {
    let findings = lint_findings(&workspace, custom)?;
    Ok(LintReport {
        workspace,
        findings,
    })
}

/// The findings of linting `workspace` (an editor's unsaved buffer, say),
/// before the configuration's levels and ignores.
pub fn lint_findings(
    workspace: &Workspace,
    custom: &[rules::custom_rules::Custom],
) -> Result<Vec<Finding>, LoadError> {
    require_mapping(workspace)?;
    let checks: Vec<&lint::custom::CustomRule> = custom.iter().map(|c| &c.check).collect();
    let result = lint::lint_with(workspace, &checks);
    Ok(rules::lint_findings_with(workspace, &result, custom))
}

/// What `vapi-spec lint` reports for `workspace` under `config`: its
/// findings with the configuration's levels and ignores and the document's
/// own `x-vapi-ignore`s applied, and what they left out.
pub fn lint_configured(
    workspace: &Workspace,
    config: &rules::config::Config,
    today: i64,
) -> Result<(Vec<Finding>, rules::config::Applied), LoadError> {
    let mut findings = lint_findings(workspace, config.custom_checks())?;
    let mut applied = config.apply(&mut findings, &[workspace], today);
    applied.inline = rules::suppress::inline_ignores(workspace, &mut findings);
    Ok((findings, applied))
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

/// Every operation of the spec in `ws`, as `GET /pets`.
pub fn operation_labels(ws: &Workspace) -> Result<Vec<String>, LoadError> {
    Ok(spec_of(ws)?.operations().map(|o| o.label()).collect())
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
    diff_workspaces(old_ws?, new_ws?, diff_options, version_policy)
}

/// Compares two workspaces already loaded.
pub fn diff_workspaces(
    old_ws: Workspace,
    new_ws: Workspace,
    diff_options: &diff::DiffOptions,
    version_policy: bool,
) -> Result<DiffReport, LoadError> {
    let compared = compare_workspaces(&old_ws, &new_ws, diff_options, version_policy)?;
    Ok(DiffReport {
        old: old_ws,
        new: new_ws,
        findings: compared.findings,
        version: compared.version,
        texts: compared.texts,
    })
}

/// What comparing two versions found, without the versions themselves.
pub struct Compared {
    pub findings: Vec<Finding>,
    pub version: rules::version_policy::Verdict,
    pub texts: Vec<diff::texts::TextChange>,
}

/// [`diff_workspaces`] on borrowed workspaces: an editor compares each new
/// buffer with one base it keeps.
pub fn compare_workspaces(
    old_ws: &Workspace,
    new_ws: &Workspace,
    diff_options: &diff::DiffOptions,
    version_policy: bool,
) -> Result<Compared, LoadError> {
    let (changes, texts) = {
        let old_spec = spec_of(old_ws)?;
        let new_spec = spec_of(new_ws)?;
        (
            diff::diff_parts(&old_spec, &new_spec, diff_options),
            diff::texts::changes(&old_spec, &new_spec),
        )
    };
    let mut findings = rules::diff_findings(old_ws, new_ws, changes);
    let version = rules::version_policy::check(old_ws, new_ws, &mut findings, version_policy);
    Ok(Compared {
        findings,
        version,
        texts,
    })
}
