//! `vapi-spec changelog`: Markdown sections in order, an HTML page whose
//! anchors resolve and that loads nothing, plain text, and the history of a
//! spec through a git range.

mod common;

use common::{bin, fixture, git, run};

fn changelog(args: &[&str]) -> String {
    let r = run(bin().arg("changelog").args(args));
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

#[test]
fn markdown_lists_sections_in_order_with_a_word_diff() {
    let md = changelog(&[&fixture("petstore-v1.yaml"), &fixture("petstore-v2.yaml")]);
    let pos = |needle: &str| {
        md.find(needle)
            .unwrap_or_else(|| panic!("no `{needle}` in\n{md}"))
    };
    assert!(md.starts_with("# Pet store 1.0.0 → 1.1.0\n"));
    assert!(pos("## Breaking changes") < pos("## New endpoints"));
    assert!(pos("## New endpoints") < pos("## Other changes"));
    assert!(pos("## Other changes") < pos("## Documentation"));
    assert!(
        md.contains("- `GET /pets summary`: List **the** pets **in the store**"),
        "{md}"
    );
    insta::assert_snapshot!("petstore_markdown", md);
}

#[test]
fn html_is_one_page_whose_anchors_resolve() {
    let html = changelog(&[
        "--format",
        "html",
        &fixture("petstore-v1.yaml"),
        &fixture("petstore-v2.yaml"),
    ]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("http"));
    let body = html.trim_start_matches("<!DOCTYPE html>");
    let doc = roxmltree::Document::parse(body).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    let links: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("href"))
        .filter_map(|h| h.strip_prefix('#'))
        .collect();
    assert!(links.len() >= 4, "{links:?}");
    for link in links {
        assert!(ids.contains(&link), "#{link} goes nowhere");
    }
    assert!(doc.descendants().any(|n| n.has_tag_name("ins")));
}

#[test]
fn text_is_plain() {
    let text = changelog(&[
        "--format",
        "text",
        &fixture("petstore-v1.yaml"),
        &fixture("petstore-v2.yaml"),
    ]);
    assert!(text.contains("Breaking changes\n----------------\n"));
    assert!(
        text.contains(
            "  * query parameter `limit` became required [request-parameter-became-required]"
        ),
        "{text}"
    );
    assert!(!text.contains("**") && !text.contains('<'));
}

#[test]
fn a_git_range_gives_one_section_per_commit_newest_first() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    git(d, &["init", "-q"]);
    let v1 = std::fs::read_to_string(common::root().join("fixtures/petstore-v1.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let v2 = std::fs::read_to_string(common::root().join("fixtures/petstore-v2.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(d.join("README"), "x").unwrap_or_else(|e| panic!("{e}"));
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "start"]);
    for (text, message) in [(&v1, "add the spec"), (&v2, "pets v2")] {
        std::fs::write(d.join("openapi.yaml"), text).unwrap_or_else(|e| panic!("{e}"));
        git(d, &["add", "."]);
        git(d, &["commit", "-qm", message]);
    }
    let r = run(bin().current_dir(d).args([
        "changelog",
        "--git-range",
        "HEAD~2..HEAD",
        "openapi.yaml",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The first commit of the file has nothing to compare with: it is skipped, and said.
    assert!(r.stderr.contains("skipped"), "{}", r.stderr);
    let sections: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(sections.len(), 1, "{}", r.stdout);
    assert!(sections[0].ends_with("· pets v2"), "{sections:?}");
    assert!(r.stdout.contains("### Breaking changes"));
}
