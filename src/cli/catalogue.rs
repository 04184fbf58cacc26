//! `vapi-spec rules` and `vapi-spec explain`.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::args::{CatalogueFormat, RulesArgs};
use crate::report::escape::{guard_lines, visible};
use crate::report::rule_pages::{self, PageFormat};
use crate::rules::{self, Rule};

/// `vapi-spec rules`: the list on standard output, or pages written to a folder.
pub fn rules_command(args: &RulesArgs, custom: &[&'static Rule]) -> ExitCode {
    let format = match args.format {
        CatalogueFormat::Text => {
            super::print(&list(custom));
            return ExitCode::SUCCESS;
        }
        CatalogueFormat::Markdown => PageFormat::Markdown,
        CatalogueFormat::Html => PageFormat::Html,
    };
    let Some(dir) = &args.output else {
        super::say("error: --format markdown and --format html write pages; name the folder with --output DIR");
        return ExitCode::from(2);
    };
    let all: Vec<&Rule> = rules::all().iter().chain(custom.iter().copied()).collect();
    if let Err(e) = std::fs::create_dir_all(dir) {
        super::say(&format!("error: cannot create {}: {e}", dir.display()));
        return ExitCode::from(2);
    }
    let pages = rule_pages::pages(&all, format);
    for page in &pages {
        let path = dir.join(&page.file);
        if let Err(e) = std::fs::write(&path, &page.text) {
            super::say(&format!("error: cannot write {}: {e}", path.display()));
            return ExitCode::from(2);
        }
    }
    super::say(&format!(
        "wrote {} pages to {} (start at {})",
        pages.len(),
        dir.display(),
        dir.join(pages.last().map_or("", |p| p.file.as_str()))
            .display()
    ));
    ExitCode::SUCCESS
}

/// Multi-line text (a custom rule's words come from a configuration file),
/// each line made safe to print.
fn lines(text: &str) -> String {
    text.lines().map(visible).collect::<Vec<_>>().join("\n")
}

/// Every built-in rule, then the project's own (`custom`).
pub fn list(custom: &[&'static Rule]) -> String {
    let all: Vec<&Rule> = rules::all().iter().chain(custom.iter().copied()).collect();
    let width = all.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in all {
        let _ = writeln!(
            out,
            "{:width$}  {:11}  {:7}  {}",
            visible(r.id),
            r.category.name(),
            r.level.name(),
            visible(r.summary)
        );
    }
    guard_lines(out)
}

pub fn explain(id: &str, custom: &[&'static Rule]) -> Option<String> {
    let rule = rules::find(id).or_else(|| custom.iter().copied().find(|r| r.id == id))?;
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}\n", visible(rule.id), visible(rule.summary));
    let _ = writeln!(out, "category: {}", rule.category.name());
    let _ = writeln!(out, "level:    {}", rule.level.name());
    let _ = writeln!(out, "applies:  {}", rule_pages::versions(rule));
    if let Some(direction) = rule.direction {
        let _ = writeln!(out, "side:     {}", rule_pages::side(direction));
    }
    if let Some(bump) = rule.bump {
        let _ = writeln!(
            out,
            "bump:     {} (the version change this edit needs)",
            bump.name()
        );
    }
    if !rule.recommended {
        let _ = writeln!(
            out,
            "default:  off; give it a level under `rules:` to switch it on"
        );
    }
    out.push('\n');
    let _ = writeln!(out, "{}\n", lines(rule.docs));
    if let Some(help) = rule.help {
        let _ = writeln!(out, "How to fix: {}\n", lines(help));
    }
    for ex in rule.examples {
        let _ = writeln!(
            out,
            "Example: {} ({})",
            visible(ex.name),
            visible(&rule_pages::verdict(ex))
        );
        if !ex.options.is_empty() {
            let _ = writeln!(out, "  options: {}", visible(ex.options));
        }
        if ex.spec.is_empty() {
            block(&mut out, "old version", ex.old);
            block(&mut out, "new version", ex.new);
        } else {
            block(&mut out, "", ex.spec);
        }
        for a in ex.also {
            let _ = writeln!(out, "  also reported: {}", visible(a));
        }
        out.push('\n');
    }
    Some(guard_lines(out))
}

/// An example document, indented under its label.
fn block(out: &mut String, label: &str, text: &str) {
    if !label.is_empty() {
        let _ = writeln!(out, "  {label}:");
    }
    for line in text.trim_matches('\n').lines() {
        let _ = writeln!(out, "    {}", visible(line));
    }
}
