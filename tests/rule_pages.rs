//! The catalogue as pages: `vapi-spec rules --format markdown|html -o DIR`
//! and `vapi-spec explain`, through the binary.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{bin, run};
use pulldown_cmark::{Event, Parser, Tag};

/// Every rule id `vapi-spec rules` lists, run from `dir`.
fn listed(dir: &Path) -> Vec<String> {
    let r = run(bin().current_dir(dir).arg("rules"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

fn write_pages(dir: &Path, format: &str, out: &Path) {
    let r = run(bin()
        .current_dir(dir)
        .args(["rules", "--format", format, "-o"])
        .arg(out));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The link targets of a Markdown page.
fn md_links(text: &str) -> Vec<String> {
    Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES)
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

/// The `href`s of an HTML page, which must be well-formed.
fn html_links(text: &str, name: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse_with_options(
        text,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"));
    doc.descendants()
        .filter_map(|n| n.attribute("href"))
        .map(str::to_string)
        .collect()
}

/// Checks that each page's links resolve, and returns the pages the index links to.
fn check_links(
    out: &Path,
    index: &str,
    links: impl Fn(&str, &str) -> Vec<String>,
) -> BTreeSet<String> {
    let mut from_index = BTreeSet::new();
    for entry in std::fs::read_dir(out).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let text = read(&path);
        let targets = links(&text, &name);
        assert!(!targets.is_empty(), "{name} links nowhere");
        for target in targets {
            assert!(
                !target.contains('/') && out.join(&target).is_file(),
                "{name} links to {target}, which is not a page"
            );
            if name == index {
                from_index.insert(target);
            }
        }
    }
    from_index
}

#[test]
fn markdown_pages_cover_every_rule_and_every_link_resolves() {
    let root = common::root();
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write_pages(&root, "markdown", out.path());
    let ids = listed(&root);
    let from_index = check_links(out.path(), "index.md", |t, _| md_links(t));
    assert_eq!(
        from_index.len(),
        ids.len(),
        "the index links every rule once"
    );
    for id in &ids {
        // Characters a file name should not hold (`$`) become `_`.
        let stem: String = id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let page = out.path().join(format!("{stem}.md"));
        assert!(
            from_index.contains(&format!("{stem}.md")),
            "{id} is not in the index"
        );
        assert!(read(&page).starts_with(&format!("# `{id}`\n")), "{id}");
    }
    let page = read(&out.path().join("request-parameter-became-required.md"));
    for part in [
        "| Level | error |",
        "| Version bump it needs | major |",
        "| Side of the exchange | requests (what clients send) |",
        "**Why it is an error.**",
        "Old version:\n\n```yaml\n",
        "New version:\n\n```yaml\n",
        "[All rules](index.md)",
    ] {
        assert!(page.contains(part), "missing {part:?} in\n{page}");
    }
}

#[test]
fn html_pages_are_well_formed_and_every_link_resolves() {
    let root = common::root();
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write_pages(&root, "html", out.path());
    let ids = listed(&root);
    let from_index = check_links(out.path(), "index.html", html_links);
    assert_eq!(from_index.len(), ids.len());
    let page = read(&out.path().join("api-security-alternative-removed.html"));
    assert!(page.contains("<title>api-security-alternative-removed</title>"));
    assert!(
        page.contains("<strong>Why it is a warning.</strong>"),
        "{page}"
    );
}

#[test]
fn a_projects_own_rule_gets_a_safe_page() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join(".vapi-spec.yaml"),
        "custom-rules:\n  ../up/and<out>:\n    description: \"<img src=x onerror=alert(1)>\"\n    docs: \"<script>alert(1)</script> [x](javascript:alert(1))\"\n    given: \"$.info\"\n    then: {field: title, function: truthy}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("pages");
    write_pages(dir.path(), "html", &out);
    let page = read(&out.join("_up_and_out_.html"));
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(!page.contains("href=\"javascript"), "{page}");
    assert!(page.contains("&lt;script&gt;"), "{page}");
    let index = read(&out.join("index.html"));
    assert!(index.contains("href=\"_up_and_out_.html\""), "{index}");
    assert!(!dir.path().join("up").exists());
}

#[test]
fn pages_need_a_folder() {
    let r = run(bin().args(["rules", "--format", "markdown"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--output DIR"), "{}", r.stderr);
}

#[test]
fn explain_shows_both_versions_of_a_diff_rule_and_its_bump() {
    let r = run(bin().args(["explain", "request-parameter-became-required"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    for part in [
        "level:    error\n",
        "side:     requests (what clients send)\n",
        "bump:     major (the version change this edit needs)\n",
        "Example: changed (reported at /paths/~1pets/get/parameters/0)\n  old version:\n    openapi:",
        "  new version:\n    openapi:",
    ] {
        assert!(r.stdout.contains(part), "missing {part:?} in\n{}", r.stdout);
    }
}
