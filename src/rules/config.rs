//! The project configuration, `.vapi-spec.yaml`: rule levels, ignores with a
//! reason and an expiry, which paths and operations count, and the defaults
//! of the diff's policies. Every mistake in the file is reported at its line.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobMatcher};

use crate::load::{self, pointer, LoadError, LoadErrorKind, Node, SourceFile, Span, Value};
use crate::model::Workspace;

use super::catalogue::Level;
use super::custom_rules::{self, Custom};
use super::finding::Finding;

pub const FILE_NAMES: [&str; 2] = [".vapi-spec.yaml", ".vapi-spec.yml"];

/// A rule's level as configured: one of the levels, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    Level(Level),
    Off,
}

#[derive(Debug)]
pub struct Ignore {
    pub rule: String,
    /// Glob on the operation's path (`/pets/*`).
    pub path: Option<GlobMatcher>,
    /// Upper-case method, when the ignore names one (`GET /pets`).
    pub method: Option<String>,
    pub reason: String,
    /// Days since 1970-01-01 after which the ignore no longer applies.
    pub until: Option<(i64, String)>,
    /// Where the entry is, for the expiry note.
    pub span: Span,
}

#[derive(Debug, Default)]
pub struct Config {
    pub source: Option<Arc<SourceFile>>,
    pub fail_on: Option<Level>,
    pub rules: Vec<(String, Setting)>,
    pub ignores: Vec<Ignore>,
    pub include: Vec<GlobMatcher>,
    pub exclude: Vec<GlobMatcher>,
    /// Operations with one of these extensions set to a true value are left out.
    pub exclude_extensions: Vec<String>,
    pub deprecation_days_beta: Option<u32>,
    pub deprecation_days_stable: Option<u32>,
    pub stability_level: Option<String>,
    pub version_policy: Option<bool>,
    /// What the editor compares the unsaved spec with (`vapi-spec lsp`): a
    /// git revision such as `origin/main`, or a file.
    pub base: Option<String>,
    /// The project's own rules, from `custom-rules`.
    pub custom: Vec<Custom>,
}

/// Finds `.vapi-spec.yaml` in `start` or the nearest directory above it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        dir = d.parent();
    }
    None
}

struct Reader<'a> {
    source: &'a Arc<SourceFile>,
}

impl Reader<'_> {
    fn error(&self, span: Span, message: impl Into<String>, label: &str) -> LoadError {
        LoadError::at(LoadErrorKind::Invalid, self.source, span, message, label)
    }

    fn string<'n>(&self, node: &'n Node, what: &str) -> Result<&'n str, LoadError> {
        node.as_str().ok_or_else(|| {
            self.error(
                node.span,
                format!("{what} must be text, not {}", node.kind()),
                "expected text",
            )
        })
    }

    fn strings<'n>(&self, node: &'n Node, what: &str) -> Result<Vec<&'n str>, LoadError> {
        let items = node.as_array().ok_or_else(|| {
            self.error(
                node.span,
                format!("{what} must be a list, not {}", node.kind()),
                "expected a list",
            )
        })?;
        items.iter().map(|i| self.string(i, what)).collect()
    }

    fn glob(&self, node: &Node, what: &str) -> Result<GlobMatcher, LoadError> {
        let text = self.string(node, what)?;
        path_glob(text).map_err(|e| {
            self.error(
                node.span,
                format!("{what} is not a valid glob: {e}"),
                "bad glob",
            )
        })
    }

    fn level(&self, node: &Node) -> Result<Level, LoadError> {
        let text = self.string(node, "a level")?;
        Level::parse(text).ok_or_else(|| {
            self.error(
                node.span,
                format!("`{text}` is not a level; use error, warning or info"),
                "unknown level",
            )
        })
    }

    fn days(&self, node: &Node, what: &str) -> Result<u32, LoadError> {
        node.as_number()
            .and_then(|n| n.as_i64())
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| {
                self.error(
                    node.span,
                    format!("{what} must be a whole number of days"),
                    "expected a number",
                )
            })
    }

    fn object<'n>(
        &self,
        node: &'n Node,
        what: &str,
        keys: &[&str],
    ) -> Result<&'n load::Object, LoadError> {
        let obj = node.as_object().ok_or_else(|| {
            self.error(
                node.span,
                format!("{what} must be a mapping, not {}", node.kind()),
                "expected a mapping",
            )
        })?;
        for e in obj.entries() {
            if !keys.contains(&&*e.key) {
                return Err(self.error(
                    e.key_span,
                    format!(
                        "unknown key `{}` in {what}; expected one of: {}",
                        e.key,
                        keys.join(", ")
                    ),
                    "unknown key",
                ));
            }
        }
        Ok(obj)
    }
}

const TOP_KEYS: [&str; 11] = [
    "fail-on",
    "base",
    "rules",
    "custom-rules",
    "ignore",
    "paths",
    "exclude-extensions",
    "deprecation-days",
    "stability-level",
    "version-policy",
    "$schema",
];

pub fn load(path: &Path) -> Result<Config, LoadError> {
    let doc = load::load(&load::Input::Path(path.to_path_buf()))?;
    let source = doc.source.clone();
    let r = Reader { source: &source };
    let mut config = Config {
        source: Some(source.clone()),
        ..Config::default()
    };
    if let Some(dup) = doc.duplicate_keys.first() {
        return Err(r.error(
            dup.again,
            format!("`{}` is set twice", dup.key),
            "set again here",
        ));
    }
    if doc.root.is_null() {
        return Ok(config);
    }
    let top = r.object(&doc.root, "the configuration", &TOP_KEYS)?;
    if let Some(n) = top.get("fail-on") {
        config.fail_on = Some(r.level(n)?);
    }
    if let Some(n) = top.get("custom-rules") {
        config.custom = custom_rules::parse(&source, n)?;
    }
    if let Some(n) = top.get("rules") {
        let obj = n.as_object().ok_or_else(|| {
            r.error(
                n.span,
                "rules must be a mapping of rule id to level",
                "expected a mapping",
            )
        })?;
        for e in obj.entries() {
            if !config.knows(&e.key) {
                return Err(r.error(
                    e.key_span,
                    format!("no rule `{}`; `vapi-spec rules` lists them", e.key),
                    "unknown rule",
                ));
            }
            let setting = match e.value.as_str() {
                Some("off") => Setting::Off,
                _ => Setting::Level(r.level(&e.value)?),
            };
            config.rules.push((e.key.to_string(), setting));
        }
    }
    if let Some(n) = top.get("ignore") {
        let items = n.as_array().ok_or_else(|| {
            r.error(
                n.span,
                "ignore must be a list of entries",
                "expected a list",
            )
        })?;
        for item in items {
            let entry = ignore(&r, item, &|id| config.knows(id))?;
            config.ignores.push(entry);
        }
    }
    if let Some(n) = top.get("paths") {
        let obj = r.object(n, "paths", &["include", "exclude"])?;
        for (key, list) in [
            ("include", &mut config.include),
            ("exclude", &mut config.exclude),
        ] {
            if let Some(v) = obj.get(key) {
                let items = v.as_array().ok_or_else(|| {
                    r.error(
                        v.span,
                        format!("paths.{key} must be a list of globs"),
                        "expected a list",
                    )
                })?;
                for item in items {
                    list.push(r.glob(item, &format!("paths.{key}"))?);
                }
            }
        }
    }
    if let Some(n) = top.get("exclude-extensions") {
        config.exclude_extensions = r
            .strings(n, "exclude-extensions")?
            .into_iter()
            .map(str::to_string)
            .collect();
    }
    if let Some(n) = top.get("deprecation-days") {
        let obj = r.object(n, "deprecation-days", &["beta", "stable"])?;
        if let Some(v) = obj.get("beta") {
            config.deprecation_days_beta = Some(r.days(v, "deprecation-days.beta")?);
        }
        if let Some(v) = obj.get("stable") {
            config.deprecation_days_stable = Some(r.days(v, "deprecation-days.stable")?);
        }
    }
    if let Some(n) = top.get("stability-level") {
        let text = r.string(n, "stability-level")?;
        if !matches!(text, "draft" | "alpha" | "beta" | "stable") {
            return Err(r.error(
                n.span,
                format!("`{text}` is not a stability level; use draft, alpha, beta or stable"),
                "unknown level",
            ));
        }
        config.stability_level = Some(text.to_string());
    }
    if let Some(n) = top.get("base") {
        let text = r.string(n, "base")?;
        if text.trim().is_empty() {
            return Err(r.error(n.span, "base must name a git revision or a file", "empty"));
        }
        config.base = Some(text.to_string());
    }
    if let Some(n) = top.get("version-policy") {
        config.version_policy = Some(n.as_bool().ok_or_else(|| {
            r.error(
                n.span,
                "version-policy must be true or false",
                "expected true or false",
            )
        })?);
    }
    Ok(config)
}

fn ignore(r: &Reader<'_>, item: &Node, knows: &dyn Fn(&str) -> bool) -> Result<Ignore, LoadError> {
    let obj = r.object(
        item,
        "an ignore entry",
        &["rule", "path", "operation", "reason", "until"],
    )?;
    let rule = obj
        .get("rule")
        .ok_or_else(|| r.error(item.span, "an ignore entry needs `rule`", "no rule"))?;
    let rule_span = rule.span;
    let rule = r.string(rule, "rule")?.to_string();
    if !knows(&rule) {
        return Err(r.error(
            rule_span,
            format!("no rule `{rule}`; `vapi-spec rules` lists them"),
            "unknown rule",
        ));
    }
    let reason = match obj.get("reason") {
        Some(n) => r.string(n, "reason")?.trim().to_string(),
        None => String::new(),
    };
    if reason.is_empty() {
        return Err(r.error(
            item.span,
            "an ignore entry needs a `reason`: say why the finding is accepted",
            "no reason",
        ));
    }
    let mut method = None;
    let mut path = obj.get("path").map(|n| r.glob(n, "path")).transpose()?;
    if let Some(n) = obj.get("operation") {
        let text = r.string(n, "operation")?;
        let (m, p) = text.split_once(' ').ok_or_else(|| {
            r.error(
                n.span,
                "operation must read `METHOD /path`, such as `GET /pets/*`",
                "expected METHOD /path",
            )
        })?;
        method = Some(m.to_ascii_uppercase());
        path = Some(path_glob(p.trim()).map_err(|e| {
            r.error(
                n.span,
                format!("operation path is not a valid glob: {e}"),
                "bad glob",
            )
        })?);
    }
    let until = match obj.get("until") {
        None => None,
        Some(n) => {
            let text = match &n.value {
                Value::String(s) => s.to_string(),
                _ => {
                    return Err(r.error(
                        n.span,
                        "until must be a date, YYYY-MM-DD",
                        "expected a date",
                    ))
                }
            };
            let day = crate::diff::dates::parse(&text).ok_or_else(|| {
                r.error(
                    n.span,
                    format!("`{text}` is not a date; write YYYY-MM-DD"),
                    "not a date",
                )
            })?;
            Some((day, text))
        }
    };
    Ok(Ignore {
        rule,
        path,
        method,
        reason,
        until,
        span: item.span,
    })
}

/// A glob over API paths. Braces are literal, because they are path
/// template parameters (`/pets/{petId}`), not glob alternatives.
fn path_glob(text: &str) -> Result<GlobMatcher, globset::Error> {
    let escaped = text.replace('{', "[{]").replace('}', "[}]");
    Glob::new(&escaped).map(|g| g.compile_matcher())
}

/// What applying the configuration left out, so that nothing disappears silently.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Applied {
    pub ignored: usize,
    pub off: usize,
    pub out_of_scope: usize,
    /// One message per ignore past its `until` date, which no longer applies.
    pub expired: Vec<String>,
    /// Findings silenced by `x-vapi-ignore` in the document itself.
    pub inline: usize,
}

impl Config {
    /// A built-in rule, or one of the project's own.
    fn knows(&self, id: &str) -> bool {
        super::find(id).is_some() || self.custom.iter().any(|c| c.rule.id == id)
    }

    /// The project's own rules, as the linter runs them.
    /// The diff settings it gives, as `vapi-spec diff` takes them.
    pub fn diff_options(&self) -> crate::diff::DiffOptions {
        crate::diff::DiffOptions {
            deprecation_days_beta: self.deprecation_days_beta,
            deprecation_days_stable: self.deprecation_days_stable,
            today: None,
            stability_level: self
                .stability_level
                .as_deref()
                .and_then(crate::diff::Stability::parse),
            max_depth: None,
        }
    }

    pub fn custom_checks(&self) -> &[Custom] {
        &self.custom
    }

    pub fn setting(&self, rule: &str) -> Option<Setting> {
        self.rules
            .iter()
            .rev()
            .find(|(id, _)| id == rule)
            .map(|(_, s)| *s)
    }

    fn in_scope(&self, path: &str) -> bool {
        (self.include.is_empty() || self.include.iter().any(|g| g.is_match(path)))
            && !self.exclude.iter().any(|g| g.is_match(path))
    }

    fn excluded_by_extension(&self, workspaces: &[&Workspace], method: &str, path: &str) -> bool {
        if self.exclude_extensions.is_empty() {
            return false;
        }
        let ptr = pointer::join(&pointer::join("/paths", path), &method.to_ascii_lowercase());
        workspaces.iter().any(|ws| {
            pointer::lookup(&ws.root().root, &ptr).is_some_and(|(op, _)| {
                self.exclude_extensions.iter().any(|x| {
                    op.get(x)
                        .is_some_and(|v| v.as_bool() == Some(true) || v.as_str() == Some("true"))
                })
            })
        })
    }

    /// Applies levels, ignores and scope to `findings`; returns what was left out.
    /// Ignores past their `until` date stop applying and are reported instead.
    pub fn apply(
        &self,
        findings: &mut Vec<Finding>,
        workspaces: &[&Workspace],
        today: i64,
    ) -> Applied {
        let mut applied = Applied::default();
        let mut expired: Vec<&Ignore> = Vec::new();
        findings.retain_mut(|f| {
            if let Some(op) = &f.operation {
                if !self.in_scope(&op.path)
                    || self.excluded_by_extension(workspaces, &op.method, &op.path)
                {
                    applied.out_of_scope += 1;
                    return false;
                }
            }
            match self.setting(f.rule.id) {
                Some(Setting::Off) => {
                    applied.off += 1;
                    return false;
                }
                Some(Setting::Level(l)) => f.level = l,
                // Off unless the configuration switches it on.
                None if !f.rule.recommended => {
                    applied.off += 1;
                    return false;
                }
                None => {}
            }
            for ig in self.ignores.iter().filter(|ig| ig.rule == f.rule.id) {
                let op_matches = match (&f.operation, &ig.path) {
                    (_, None) => ig.method.is_none(),
                    (Some(op), Some(glob)) => {
                        glob.is_match(&*op.path)
                            && ig.method.as_ref().is_none_or(|m| **m == *op.method)
                    }
                    (None, Some(_)) => false,
                };
                if !op_matches {
                    continue;
                }
                if ig.until.as_ref().is_some_and(|(day, _)| *day < today) {
                    if !expired.iter().any(|e| std::ptr::eq(*e, ig)) {
                        expired.push(ig);
                    }
                    continue;
                }
                applied.ignored += 1;
                return false;
            }
            true
        });
        for ig in expired {
            let at = self.source.as_ref().map_or(String::new(), |src| {
                let p = src.span_position(ig.span);
                format!("{}:{}:{}: ", src.name, p.line, p.column)
            });
            let until = ig.until.as_ref().map_or("", |(_, t)| t.as_str());
            applied.expired.push(format!(
                "{at}the ignore of `{}` expired on {until} and no longer applies (its reason: {})",
                ig.rule, ig.reason
            ));
        }
        applied
    }
}

/// The file `vapi-spec config init` writes.
pub const STARTER: &str = r#"# vapi-spec configuration. vapi-spec finds this file by walking up from the
# working directory; `--config PATH` names another one.

# The lowest level that makes `vapi-spec lint` and `vapi-spec diff` exit 1.
fail-on: error

# Per-rule levels: error, warning, info, or off. `vapi-spec rules` lists the ids.
rules:
  info-contact: off
  # request-parameter-removed: error

# Findings you accept, each with the reason, optionally until a date after
# which the ignore stops working (and says so).
ignore: []
#  - rule: api-path-removed-without-deprecation
#    operation: GET /v1/legacy/*
#    reason: v1 clients were migrated in 2025; the path is gone on purpose
#    until: 2026-12-31

# Which endpoints count, by path glob.
# paths:
#   include: ["/v1/**"]
#   exclude: ["/internal/**"]

# Operations with one of these extensions set to true are left out.
exclude-extensions: [x-internal]

# Minimum days between deprecation (x-sunset) and removal.
# deprecation-days:
#   beta: 30
#   stable: 90

# The lowest x-stability-level whose endpoints may not break.
stability-level: beta

# Make an insufficient info.version bump an error in `vapi-spec diff`.
version-policy: false

# What `vapi-spec lsp` compares the spec you are typing with: a git
# revision (the same file there) or a path.
# base: origin/main
"#;
