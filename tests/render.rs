//! Snapshots of the human rendering: code frames, labels, help and the count.

mod common;

use common::{bin, fixture, run};

#[test]
fn lint_findings_render_as_code_frames() {
    let r = run(bin().args(["lint", &fixture("problems.yaml")]));
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("problems_yaml", r.stdout);
}

#[test]
fn a_syntax_error_renders_at_its_place() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("broken.json"),
        "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"Pets\" \"version\": \"1\"}\n}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let r = run(bin().current_dir(dir.path()).args(["lint", "broken.json"]));
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    insta::assert_snapshot!("broken_json", r.stderr);
}

#[test]
fn a_minified_line_is_cut_to_the_neighbourhood_of_the_finding() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let filler: String = (0..300).map(|i| format!("\"x-{i}\": {i}, ")).collect();
    let spec = format!(
        "{{{filler}\"openapi\": \"3.0.3\", \"info\": {{\"title\": \"T\", \"version\": \"1\", \"contact\": {{}}}}, \"paths\": {{\"/a/\": {{}}}}}}"
    );
    std::fs::write(dir.path().join("min.json"), spec).unwrap_or_else(|e| panic!("{e}"));
    let r = run(bin().current_dir(dir.path()).args(["lint", "min.json"]));
    assert_eq!(r.code, 0);
    let longest = r.stdout.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 400, "the whole line was printed: {longest} bytes");
    insta::assert_snapshot!("minified_json", r.stdout);
}
