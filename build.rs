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
}

fn main() {
    let dir = Path::new("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(dir, &mut files);
    files.sort();
    let mut out = String::from("pub static RULES: &[Rule] = &[\n");
    let mut diff_ids: Vec<String> = Vec::new();
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
        if is_diff {
            diff_ids.push(rule.id.clone());
        }
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
                "            Example {{ name: {:?}, spec: {:?}, old: {:?}, new: {:?}, options: {:?}, expect: &{:?} }},",
                ex.name, ex.spec, ex.old, ex.new, ex.options, ex.expect
            );
        }
        let _ = writeln!(out, "        ],");
        let _ = writeln!(out, "    }},");
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    let dest = out_dir.join("rules_table.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", dest.display()));
    // The diff engine reports only changes that have a rule: their ids, sorted
    // for binary search.
    diff_ids.sort();
    let ids = format!("pub static DIFF_RULE_IDS: &[&str] = &{diff_ids:?};\n");
    let dest = out_dir.join("diff_ids.rs");
    std::fs::write(&dest, ids).unwrap_or_else(|e| panic!("cannot write {}: {e}", dest.display()));
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
