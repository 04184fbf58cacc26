//! The rule table compiled from `rules/**/*.toml` by build.rs.

use std::fmt;

use crate::rule_id::RuleId;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "info" => Some(Level::Info),
            "warning" | "warn" => Some(Level::Warning),
            "error" => Some(Level::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// The document is wrong: tools and clients will misread it.
    Correctness,
    /// The document works but is harder to use or maintain.
    Style,
    /// A change that breaks (error) or may break (warning) existing clients.
    Breaking,
    /// A change existing clients keep working with.
    Compatible,
    /// How the version number moved, against what the changes need.
    Versioning,
    /// Written by the project in its configuration file.
    Custom,
}

impl Category {
    /// In the order the catalogue shows them.
    pub const ALL: [Category; 6] = [
        Category::Correctness,
        Category::Style,
        Category::Breaking,
        Category::Compatible,
        Category::Versioning,
        Category::Custom,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Category::Correctness => "correctness",
            Category::Style => "style",
            Category::Breaking => "breaking",
            Category::Compatible => "compatible",
            Category::Versioning => "versioning",
            Category::Custom => "custom",
        }
    }

    pub fn is_diff(self) -> bool {
        matches!(
            self,
            Category::Breaking | Category::Compatible | Category::Versioning
        )
    }
}

/// Spec versions a rule applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Swagger2,
    OpenApi30,
    OpenApi31,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Swagger2 => "2.0",
            Format::OpenApi30 => "3.0",
            Format::OpenApi31 => "3.1",
        }
    }
}

/// The semver bump a change needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    Patch,
    Minor,
    Major,
}

impl Bump {
    pub fn name(self) -> &'static str {
        match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// A documented example that also runs as a test.
#[derive(Debug)]
pub struct Example {
    pub name: &'static str,
    /// Lint rules: the document.
    pub spec: &'static str,
    /// Diff rules: the two versions.
    pub old: &'static str,
    pub new: &'static str,
    /// Diff rules: options as on the command line (`--deprecation-days-stable 30`).
    pub options: &'static str,
    /// Pointers the rule reports on `spec`; empty for a clean example.
    pub expect: &'static [&'static str],
    /// What other rules report on it, as `rule-id /pointer`.
    pub also: &'static [&'static str],
}

#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    /// The file it came from, relative to the crate root.
    pub file: &'static str,
    pub category: Category,
    pub level: Level,
    pub summary: &'static str,
    /// Template with `{name}` placeholders filled from the check's arguments.
    pub message: &'static str,
    pub docs: &'static str,
    pub help: Option<&'static str>,
    /// Empty: every version.
    pub formats: &'static [Format],
    /// On by default.
    pub recommended: bool,
    /// Diff rules: `request`, `response` or `none`.
    pub direction: Option<&'static str>,
    /// Diff rules: the semver bump the change needs.
    pub bump: Option<Bump>,
    pub examples: &'static [Example],
}

impl Rule {
    pub fn applies_to(&self, format: Format) -> bool {
        self.formats.is_empty() || self.formats.contains(&format)
    }
}

include!(concat!(env!("OUT_DIR"), "/rules_table.rs"));

pub fn all() -> &'static [Rule] {
    RULES
}

pub fn find(id: &str) -> Option<&'static Rule> {
    RuleId::parse(id).map(RuleId::rule)
}

impl RuleId {
    /// The rule's file, compiled in: wording, level, docs and examples.
    pub fn rule(self) -> &'static Rule {
        // build.rs writes the ids and the table from the same sorted list.
        &RULES[self as usize]
    }
}

/// The placeholders of `template` that `args` leaves unfilled.
pub fn unfilled<'t>(template: &'t str, args: &[(&str, String)]) -> Vec<&'t str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        let is_name = !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
        if is_name && !args.iter().any(|(k, _)| *k == name) {
            out.push(name);
        }
        rest = &after[close + 1..];
    }
    out
}

/// Fills `{name}` placeholders; an unknown name stays as written.
pub fn render(template: &str, args: &[(&str, String)]) -> String {
    let filled: usize = args.iter().map(|(_, v)| v.len()).sum();
    render_with(template, template.len() + filled, |name| {
        args.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    })
}

/// [`render`] with each argument looked up by `arg`, into a string of
/// `capacity` bytes.
pub fn render_with<'a>(
    template: &str,
    capacity: usize,
    arg: impl Fn(&str) -> Option<&'a str>,
) -> String {
    let mut out = String::with_capacity(capacity);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match arg(name) {
                    Some(v) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_named_arguments() {
        let args = [("name", "limit".to_string())];
        assert_eq!(
            render("`{name}` is {missing}", &args),
            "`limit` is {missing}"
        );
        assert_eq!(render("open { brace", &args), "open { brace");
    }
}
