//! Compiles `rules/**/*.toml` into a static table (`$OUT_DIR/rules_table.rs`).
//! A malformed rule file stops the build with the file's name: rules are data
//! we ship, and a broken one must never reach a user.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: String,
    category: String,
    level: String,
    summary: String,
    message: String,
    docs: String,
    #[serde(default)]
    help: Option<String>,
    /// Spec versions the rule applies to: any of "2.0", "3.0", "3.1". Empty: all.
    #[serde(default)]
    formats: Vec<String>,
    #[serde(default)]
    recommended: Option<bool>,
    /// Diff rules: `request`, `response` or `none` (oasdiff's taxonomy).
    #[serde(default)]
    direction: Option<String>,
    /// Diff rules: the semver bump the change needs (`major`, `minor`, `patch`).
    #[serde(default)]
    bump: Option<String>,
    #[serde(default)]
    examples: Vec<ExampleFile>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleFile {
    name: String,
    /// Lint rules: the document.
    #[serde(default)]
    spec: String,
    /// Diff rules: the two versions.
    #[serde(default)]
    old: String,
    #[serde(default)]
    new: String,
    /// Diff rules: command-line options for the comparison, such as
    /// `--deprecation-days-stable 30`.
    #[serde(default)]
    options: String,
    /// Pointers the rule must report, in any order; empty means "no finding".
    /// For a diff rule, the pointer of each finding's primary place (the new
    /// side, or the old side for something removed).
    expect: Vec<String>,
    /// What other rules report on the same example (`rule-id /pointer`):
    /// every finding is expected by someone, or the catalogue test fails.
    #[serde(default)]
    also: Vec<String>,
}

fn main() {
    let dir = Path::new("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(dir, &mut files);
    files.sort();
    let mut out = String::from("pub static RULES: &[Rule] = &[\n");
    let mut all_ids: Vec<String> = Vec::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let rule: RuleFile =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let level = match rule.level.as_str() {
            "error" => "Level::Error",
            "warning" => "Level::Warning",
            "info" => "Level::Info",
            other => panic!("{}: unknown level `{other}`", path.display()),
        };
        let category = match rule.category.as_str() {
            "correctness" => "Category::Correctness",
            "style" => "Category::Style",
            "breaking" => "Category::Breaking",
            "compatible" => "Category::Compatible",
            "versioning" => "Category::Versioning",
            other => panic!("{}: unknown category `{other}`", path.display()),
        };
        let is_diff = matches!(
            rule.category.as_str(),
            "breaking" | "compatible" | "versioning"
        );
        all_ids.push(rule.id.clone());
        let bump = match rule.bump.as_deref() {
            None if !is_diff => "None",
            Some("major") => "Some(Bump::Major)",
            Some("minor") => "Some(Bump::Minor)",
            Some("patch") => "Some(Bump::Patch)",
            other => panic!(
                "{}: a diff rule needs bump = major|minor|patch, not {other:?}",
                path.display()
            ),
        };
        let formats: Vec<&str> = rule
            .formats
            .iter()
            .map(|f| match f.as_str() {
                "2.0" => "Format::Swagger2",
                "3.0" => "Format::OpenApi30",
                "3.1" => "Format::OpenApi31",
                other => panic!("{}: unknown format `{other}`", path.display()),
            })
            .collect();
        let rel = path.to_string_lossy().replace('\\', "/");
        let _ = writeln!(out, "    Rule {{");
        let _ = writeln!(out, "        id: {:?},", rule.id);
        let _ = writeln!(out, "        file: {rel:?},");
        let _ = writeln!(out, "        category: {category},");
        let _ = writeln!(out, "        level: {level},");
        let _ = writeln!(out, "        summary: {:?},", rule.summary.trim());
        let _ = writeln!(out, "        message: {:?},", rule.message.trim());
        let _ = writeln!(out, "        docs: {:?},", rule.docs.trim());
        let _ = writeln!(
            out,
            "        help: {:?},",
            rule.help.as_deref().map(str::trim)
        );
        let _ = writeln!(out, "        formats: &[{}],", formats.join(", "));
        let _ = writeln!(
            out,
            "        recommended: {},",
            rule.recommended.unwrap_or(true)
        );
        let _ = writeln!(out, "        direction: {:?},", rule.direction.as_deref());
        let _ = writeln!(out, "        bump: {bump},");
        let _ = writeln!(out, "        examples: &[");
        for ex in &rule.examples {
            let _ = writeln!(
                out,
                "            Example {{ name: {:?}, spec: {:?}, old: {:?}, new: {:?}, options: {:?}, expect: &{:?}, also: &{:?} }},",
                ex.name, ex.spec, ex.old, ex.new, ex.options, ex.expect, ex.also
            );
        }
        let _ = writeln!(out, "        ],");
        let _ = writeln!(out, "    }},");
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    let dest = out_dir.join("rules_table.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", dest.display()));
    std::fs::write(out_dir.join("rule_ids.rs"), rule_ids(&all_ids))
        .unwrap_or_else(|e| panic!("cannot write rule_ids.rs: {e}"));
    std::fs::write(out_dir.join("schema_kinds.rs"), schema_kinds(&all_ids))
        .unwrap_or_else(|e| panic!("cannot write schema_kinds.rs: {e}"));
}

/// `request-property-max-decreased` → `RequestPropertyMaxDecreased`.
fn variant(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut chars = p.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// One enum variant per rule file, in the order of the RULES table, so that a
/// variant indexes its rule.
fn rule_ids(ids: &[String]) -> String {
    let mut seen = std::collections::HashMap::new();
    let mut out = String::from(
        "/// Every rule, one variant per file in `rules/` (generated by build.rs).\n#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\npub enum RuleId {\n",
    );
    for id in ids {
        let v = variant(id);
        if let Some(other) = seen.insert(v.clone(), id.clone()) {
            panic!("rules `{other}` and `{id}` would share the name {v}");
        }
        let _ = writeln!(out, "    /// `{id}`\n    {v},");
    }
    out.push_str("}\n\nimpl RuleId {\n    pub const ALL: &'static [RuleId] = &[\n");
    for id in ids {
        let _ = writeln!(out, "        RuleId::{},", variant(id));
    }
    out.push_str("    ];\n\n    /// The id as users write it.\n    pub fn as_str(self) -> &'static str {\n        match self {\n");
    for id in ids {
        let _ = writeln!(out, "            RuleId::{} => {id:?},", variant(id));
    }
    out.push_str("        }\n    }\n}\n");
    out
}

/// Where a schema sits in a request or response; schema rules are named
/// `{site}-{kind}`. Longest first, so that `request-parameter-property`
/// wins over `request-parameter`.
const SITES: [(&str, &str); 8] = [
    ("RequestParameterProperty", "request-parameter-property"),
    ("RequestHeaderProperty", "request-header-property"),
    ("RequestParameter", "request-parameter"),
    ("RequestProperty", "request-property"),
    ("ResponseProperty", "response-property"),
    ("RequestBody", "request-body"),
    ("ResponseBody", "response-body"),
    ("ResponseHeader", "response-header"),
];

/// The kinds of change named by rules of the form `{site}-{kind}`, and the
/// rule for each pair of site and kind that has one.
fn schema_kinds(ids: &[String]) -> String {
    let mut kinds: std::collections::BTreeSet<String> = Default::default();
    let mut pairs: Vec<(&str, String, &str)> = Vec::new();
    for id in ids {
        if let Some((site, prefix)) = SITES
            .iter()
            .find(|(_, p)| id.strip_prefix(p).is_some_and(|rest| rest.starts_with('-')))
        {
            let kind = id[prefix.len() + 1..].to_string();
            kinds.insert(kind.clone());
            pairs.push((site, kind, id));
        }
    }
    let mut out = String::from(
        "/// Kinds of change named by rules of the form `{site}-{kind}` (generated by\n/// build.rs from the rule files). A kind belongs to the engine's vocabulary as\n/// soon as one site has a rule for it.\n#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum Kind {\n",
    );
    for k in &kinds {
        let _ = writeln!(out, "    /// `{k}`\n    {},", variant(k));
    }
    out.push_str("}\n\nimpl Kind {\n    pub const ALL: &'static [Kind] = &[\n");
    for k in &kinds {
        let _ = writeln!(out, "        Kind::{},", variant(k));
    }
    out.push_str("    ];\n\n    pub fn as_str(self) -> &'static str {\n        match self {\n");
    for k in &kinds {
        let _ = writeln!(out, "            Kind::{} => {k:?},", variant(k));
    }
    out.push_str("        }\n    }\n}\n\n/// Where a schema sits (generated by build.rs).\n#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum Site {\n");
    for (v, p) in SITES {
        let _ = writeln!(out, "    /// `{p}`\n    {v},");
    }
    out.push_str("}\n\nimpl Site {\n    pub const ALL: &'static [Site] = &[\n");
    for (v, _) in SITES {
        let _ = writeln!(out, "        Site::{v},");
    }
    out.push_str("    ];\n}\n\n/// The rule for `kind` at `site`, when a rule file names that pair.\npub fn rule_for(site: Site, kind: Kind) -> Option<RuleId> {\n    match (site, kind) {\n");
    for (site, kind, id) in &pairs {
        let _ = writeln!(
            out,
            "        (Site::{site}, Kind::{}) => Some(RuleId::{}),",
            variant(kind),
            variant(id)
        );
    }
    out.push_str("        _ => None,\n    }\n}\n");
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}
