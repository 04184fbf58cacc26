//! The rule catalogue as documentation: one page per rule and an index, in
//! Markdown or HTML (`vapi-spec rules --format markdown -o DIR`).
//!
//! Pages are written in Markdown; HTML is that Markdown rendered, with any
//! raw HTML in it shown as text, so a project's own rule (whose words come
//! from its configuration) cannot put markup on a page.

use std::collections::HashSet;
use std::fmt::Write as _;

use pulldown_cmark::{html, Event, Options, Parser};

use super::escape::{self, markdown, visible};
use crate::rules::{Category, Example, Rule};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    Markdown,
    Html,
}

impl PageFormat {
    fn extension(self) -> &'static str {
        match self {
            PageFormat::Markdown => "md",
            PageFormat::Html => "html",
        }
    }
}

/// One file to write: its name (no folders) and its text.
pub struct Page {
    pub file: String,
    pub text: String,
}

/// A file name for `id`: built-in ids are already safe; a project's own id
/// may hold anything, so every other character becomes `_`.
fn file_stem(id: &str) -> String {
    let stem: String = id
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' | '.' => c,
            _ => '_',
        })
        .collect();
    match stem.trim_start_matches('.') {
        "" => "rule".to_string(),
        "index" => "index-rule".to_string(),
        s => s.to_string(),
    }
}

/// The file each of `rules` gets among [`pages`], in order, without
/// writing any page.
pub fn file_names(rules: &[&Rule], format: PageFormat) -> Vec<String> {
    let ext = format.extension();
    let mut taken: HashSet<String> = HashSet::new();
    rules
        .iter()
        .map(|r| {
            let stem = file_stem(r.id);
            let mut file = format!("{stem}.{ext}");
            let mut n = 2;
            while !taken.insert(file.to_ascii_lowercase()) {
                file = format!("{stem}-{n}.{ext}");
                n += 1;
            }
            file
        })
        .collect()
}

/// Pages for `rules` and the index, in `format`.
pub fn pages(rules: &[&Rule], format: PageFormat) -> Vec<Page> {
    let ext = format.extension();
    let named: Vec<(&Rule, String)> = rules
        .iter()
        .copied()
        .zip(file_names(rules, format))
        .collect();
    let mut out: Vec<Page> = named
        .iter()
        .map(|(rule, file)| Page {
            file: file.clone(),
            text: finish(format, rule.id, &rule_page(rule, ext)),
        })
        .collect();
    out.push(Page {
        file: format!("index.{ext}"),
        text: finish(format, "vapi-spec rules", &index(&named)),
    });
    out
}

fn finish(format: PageFormat, title: &str, md: &str) -> String {
    match format {
        PageFormat::Markdown => md.to_string(),
        PageFormat::Html => to_html(title, md),
    }
}

fn index(named: &[(&Rule, String)]) -> String {
    let mut md = String::from("# vapi-spec rules\n\n");
    let _ = writeln!(
        md,
        "{} rules. `lint` rules check one spec; `diff` rules compare two versions of it. \
         Each page says what the rule reports, why at its level, and shows examples that run as tests.\n",
        named.len()
    );
    for category in Category::ALL {
        let in_category: Vec<_> = named
            .iter()
            .filter(|(r, _)| r.category == category)
            .collect();
        if in_category.is_empty() {
            continue;
        }
        let _ = writeln!(md, "## {}\n", category.name());
        md.push_str("| Rule | Level | Summary |\n|---|---|---|\n");
        for (rule, file) in in_category {
            let _ = writeln!(
                md,
                "| [{}]({file}) | {} | {} |",
                markdown::cell(&markdown::text(rule.id)),
                rule.level.name(),
                markdown::cell(&markdown::text(rule.summary)),
            );
        }
        md.push('\n');
    }
    md
}

fn rule_page(rule: &Rule, ext: &str) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", markdown::code(rule.id));
    let _ = writeln!(md, "{}\n", markdown::text(rule.summary));
    md.push_str("| | |\n|---|---|\n");
    let _ = writeln!(md, "| Category | {} |", rule.category.name());
    let _ = writeln!(md, "| Level | {} |", rule.level.name());
    let _ = writeln!(md, "| Applies to | {} |", versions(rule));
    if let Some(direction) = rule.direction {
        let _ = writeln!(md, "| Side of the exchange | {} |", side(direction));
    }
    if let Some(bump) = rule.bump {
        let _ = writeln!(md, "| Version bump it needs | {} |", bump.name());
    }
    let on = if rule.recommended {
        "yes"
    } else {
        "no: give it a level under `rules:` in the configuration"
    };
    let _ = writeln!(md, "| On by default | {on} |");
    let _ = writeln!(
        md,
        "| Message | {} |",
        markdown::cell(&markdown::code(rule.message))
    );
    let _ = writeln!(
        md,
        "| Defined in | {} |\n",
        markdown::cell(&markdown::code(rule.file))
    );
    md.push_str("## What it means\n\n");
    if rule.category == Category::Custom {
        // The project's words: shown as written, never as markup.
        for line in rule.docs.lines() {
            let _ = writeln!(md, "{}  ", markdown::text(line));
        }
        md.push('\n');
    } else {
        let _ = writeln!(md, "{}\n", rule.docs.trim());
    }
    if let Some(help) = rule.help {
        let _ = writeln!(md, "## How to fix\n\n{}\n", help.trim());
    }
    if !rule.examples.is_empty() {
        md.push_str("## Examples\n\n");
        for ex in rule.examples {
            example(&mut md, ex);
        }
    }
    let _ = writeln!(md, "[All rules](index.{ext})");
    md
}

/// The spec versions a rule applies to, in words.
pub fn versions(rule: &Rule) -> String {
    if rule.formats.is_empty() {
        "every version (Swagger 2.0, OpenAPI 3.0 and 3.1)".to_string()
    } else {
        rule.formats
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What a diff rule's `direction` says, in words.
pub fn side(direction: &str) -> &'static str {
    match direction {
        "request" => "requests (what clients send)",
        "response" => "responses (what clients receive)",
        _ => "neither in particular (the API as a whole)",
    }
}

/// What an example expects, in words.
pub fn verdict(ex: &Example) -> String {
    if ex.expect.is_empty() {
        "no finding".to_string()
    } else {
        format!("reported at {}", ex.expect.join(", "))
    }
}

fn example(md: &mut String, ex: &Example) {
    let _ = writeln!(md, "### {}\n", markdown::text(ex.name));
    let _ = writeln!(md, "Expected: {}.\n", markdown::text(&verdict(ex)));
    if !ex.options.is_empty() {
        let _ = writeln!(md, "Options: {}\n", markdown::code(ex.options));
    }
    if ex.spec.is_empty() {
        md.push_str("Old version:\n\n");
        block(md, ex.old);
        md.push_str("New version:\n\n");
        block(md, ex.new);
    } else {
        block(md, ex.spec);
    }
    if !ex.also.is_empty() {
        md.push_str("Other rules report on this example too:\n\n");
        for a in ex.also {
            let _ = writeln!(md, "- {}", markdown::code(a));
        }
        md.push('\n');
    }
}

/// A fenced YAML block, its fence longer than any backtick run inside.
fn block(md: &mut String, text: &str) {
    let body: Vec<String> = text
        .trim_matches('\n')
        .lines()
        .map(|l| visible(l).into_owned())
        .collect();
    let longest = body
        .iter()
        .flat_map(|l| l.split(|c| c != '`').map(str::len))
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let _ = writeln!(md, "{fence}yaml\n{}\n{fence}\n", body.join("\n"));
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}\
pre{background:#f6f8fa;padding:.75rem;overflow:auto}code{font-size:.9em}\
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}";

fn to_html(title: &str, md: &str) -> String {
    let events = Parser::new_ext(md, Options::ENABLE_TABLES).map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        e => e,
    });
    let mut body = String::new();
    html::push_html(&mut body, events);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape::html(title)
    )
}
