//! Every kind of input, good and bad: files, git revisions, HTTP, and inputs
//! built to break a parser. Bad input is exit 2 with a message, never a crash.

mod common;

use std::path::Path;

use common::{bin, git, lint_json_in, ok, place, places, run, serve};

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap_or_else(|e| panic!("{e}"));
}

/// Lints `bytes` as a file; returns (exit code, stderr).
fn lint_bytes(bytes: &[u8]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(dir.path(), "input", bytes);
    let r = run(bin()
        .current_dir(dir.path())
        .args(["lint", "--format", "json", "input"]));
    assert!(
        r.stdout.is_empty(),
        "nothing on stdout when the input is bad: {}",
        r.stdout
    );
    (r.code, r.stderr)
}

#[test]
fn hostile_inputs_get_a_clear_error_and_exit_two() {
    let deep_json = "[".repeat(10_000) + &"]".repeat(10_000);
    let deep_yaml = "a:\n".to_string()
        + &(1..2_000)
            .map(|i| format!("{}b:\n", " ".repeat(i)))
            .collect::<String>();
    let deep_flow = "{a: ".repeat(10_000) + "1" + &"}".repeat(10_000);
    let bomb = "openapi: 3.0.0\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
    let huge_number = format!("{{\"openapi\": \"3.0.0\", \"x\": {}}}", "7".repeat(400));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "deep JSON",
            deep_json.into_bytes(),
            "nested more than 256 levels",
        ),
        (
            "deep YAML",
            deep_yaml.into_bytes(),
            "nested more than 256 levels",
        ),
        ("deep YAML flow", deep_flow.into_bytes(), "input:1:"),
        ("alias bomb", bomb.as_bytes().to_vec(), "alias bomb"),
        (
            "invalid UTF-8",
            b"openapi: 3.0.0\ninfo: {title: caf\xe9}\n".to_vec(),
            "not valid UTF-8 (byte 0xe9 at offset 32)",
        ),
        ("empty", Vec::new(), "the file is empty"),
        (
            "binary",
            vec![0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0],
            "binary file",
        ),
        (
            "400 digits",
            huge_number.into_bytes(),
            "too large to represent",
        ),
        (
            "broken JSON",
            b"{\"openapi\": \"3.0.0\",\n  \"info\": }".to_vec(),
            "input:2:11",
        ),
        (
            "broken YAML",
            b"openapi: 3.0.0\ninfo:\n  title: [unclosed\n".to_vec(),
            "invalid YAML",
        ),
        ("trailing comma", b"{\"a\": 1,}".to_vec(), "invalid JSON"),
    ];
    for (what, bytes, needle) in cases {
        let (code, stderr) = lint_bytes(&bytes);
        assert_eq!(code, 2, "{what}: {stderr}");
        assert!(
            stderr.contains(needle),
            "{what}: expected `{needle}` in:\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    }
}

#[test]
fn a_missing_file_names_itself() {
    let r = run(bin().args(["lint", "does/not/exist.yaml"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("does/not/exist.yaml: no such file"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_directory_is_not_a_spec() {
    let r = run(bin().args(["lint", "fixtures"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is a directory"), "{}", r.stderr);
}

#[test]
fn not_openapi_is_a_finding() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(dir.path(), "plain.json", b"{\"name\": \"not an API\"}");
    let (code, findings) = lint_json_in(dir.path(), "plain.json", &[]);
    assert_eq!(code, 1);
    assert_eq!(
        places(&findings),
        vec![place("unknown-spec-version", "", 1, 1)]
    );
}

#[test]
fn refs_leaving_the_tree_or_the_machine_are_findings() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(dir.path().join("api")).unwrap_or_else(|e| panic!("{e}"));
    write(dir.path(), "secret.yaml", b"Pet: {type: object}\n");
    write(
        dir.path(),
        "api/openapi.yaml",
        b"openapi: 3.0.3\ninfo: {title: T, version: '1', contact: {}}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: '../secret.yaml#/Pet'}\n    B: {$ref: 'http://127.0.0.1:9/pet.yaml'}\n    C: {$ref: '#/components/schemas/C'}\n",
    );
    let (code, findings) = lint_json_in(dir.path(), "api/openapi.yaml", &[]);
    assert_eq!(code, 1);
    let got: Vec<_> = places(&findings)
        .into_iter()
        .filter(|p| p.0.contains("ref"))
        .collect();
    assert_eq!(
        got,
        vec![
            place("ref-outside-root", "/components/schemas/A/$ref", 6, 15),
            place(
                "remote-ref-not-allowed",
                "/components/schemas/B/$ref",
                7,
                15
            ),
            place("unresolved-ref", "/components/schemas/C/$ref", 8, 15),
        ]
    );
}

#[test]
fn a_git_revision_is_read_with_its_relative_refs() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    git(d, &["init", "-q"]);
    std::fs::create_dir(d.join("api")).unwrap_or_else(|e| panic!("{e}"));
    write(d, "api/pet.yaml", b"Pet: {type: object}\n");
    write(
        d,
        "api/openapi.yaml",
        b"openapi: 3.0.3\ninfo: {title: T, version: '1', contact: {}}\npaths:\n  /p:\n    get:\n      operationId: p\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'pet.yaml#/Pet'}\n",
    );
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "first"]);
    // The working tree now differs: the committed revision must be what is read.
    write(d, "api/openapi.yaml", b"not: [valid\n");
    std::fs::remove_file(d.join("api/pet.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let (code, findings) = lint_json_in(d, "HEAD:api/openapi.yaml", &[]);
    assert_eq!(code, 0, "{findings:?}");
    assert!(
        places(&findings).iter().all(|p| !p.0.contains("ref")),
        "{findings:?}"
    );
    let r = run(bin().current_dir(d).args(["lint", "HEAD:api/missing.yaml"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("HEAD:api/missing.yaml: git cannot show it"),
        "{}",
        r.stderr
    );
}

const REMOTE_SPEC: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1', contact: {}}\npaths:\n  /p:\n    get:\n      operationId: p\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'schemas/pet.yaml#/Pet'}\n";

#[test]
fn a_url_is_fetched_and_its_refs_follow_only_when_allowed() {
    let base = serve(vec![
        ("/api/openapi.yaml", ok(REMOTE_SPEC)),
        ("/api/schemas/pet.yaml", ok("Pet: {type: object}\n")),
    ]);
    let url = format!("{base}/api/openapi.yaml");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (code, findings) = lint_json_in(dir.path(), &url, &[]);
    assert_eq!(code, 1);
    let refs: Vec<_> = places(&findings)
        .into_iter()
        .filter(|p| p.0.contains("ref"))
        .collect();
    assert_eq!(
        refs,
        vec![place(
            "remote-ref-not-allowed",
            "/paths/~1p/get/responses/200/content/application~1json/schema/$ref",
            12,
            30
        )]
    );
    assert_eq!(findings[0]["file"], url.as_str());
    let (code, findings) = lint_json_in(dir.path(), &url, &["--allow-remote-refs"]);
    assert_eq!(code, 0, "{findings:?}");
    assert!(
        places(&findings).iter().all(|p| !p.0.contains("ref")),
        "{findings:?}"
    );
    let r = run(bin().args(["lint", &format!("{base}/nothing.yaml")]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("404 Not Found"), "{}", r.stderr);
}

/// Found by the fuzzer: an empty response key once indexed past the end.
#[test]
fn an_empty_response_key_is_a_finding_not_a_panic() {
    let spec = b"openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '': {description: empty key}\n";
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(dir.path(), "input.yaml", spec);
    let r = run(bin()
        .current_dir(dir.path())
        .args(["lint", "--format", "json", "input.yaml"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let out = r.stdout;
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let schema: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .map(|f| f.iter().filter(|f| f["id"] == "oas3-schema").collect())
        .unwrap_or_default();
    assert_eq!(schema.len(), 1);
    assert_eq!(schema[0]["pointer"], "/paths/~1a/get/responses/");
    assert_eq!(
        (schema[0]["line"].as_u64(), schema[0]["column"].as_u64()),
        (Some(7), Some(9))
    );
}
