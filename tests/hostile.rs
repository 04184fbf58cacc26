//! Specs from strangers: nothing outside the spec's folder is read, nothing a
//! spec says can forge CI output or command a terminal, and nothing makes a
//! run hang. Each test drives the binary, the way CI runs it.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{bin, hang, ok, redirect, run, serve, Run};
use serde_json::Value;

/// Every run here must end on its own; a hang fails the test instead.
const LIMIT: Duration = Duration::from_secs(60);

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = bin();
    cmd.current_dir(dir).args(args).timeout(LIMIT);
    run(&mut cmd)
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn json(r: &Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.stdout))
}

/// (id, pointer, line, column, message) of each lint finding.
fn lint_places(v: &Value) -> Vec<(String, String, u64, u64, String)> {
    v["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["id"].as_str().unwrap_or_default().to_string(),
                        f["pointer"].as_str().unwrap_or_default().to_string(),
                        f["line"].as_u64().unwrap_or_default(),
                        f["column"].as_u64().unwrap_or_default(),
                        f["message"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

const SECRET: &str = "TOP-SECRET-7f3a9c01";

const OLD_SPEC: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

/// A spec whose schemas are `$ref`s to each of `targets`, under `/components/schemas/S<i>`.
fn spec_with_refs(targets: &[&str]) -> String {
    let mut s = OLD_SPEC.replace("paths: {}\n", "paths: {}\ncomponents:\n  schemas:\n");
    for (i, t) in targets.iter().enumerate() {
        s.push_str(&format!("    S{i}: {{$ref: '{t}'}}\n"));
    }
    s
}

#[cfg(unix)]
#[test]
fn symbolic_links_never_lead_outside_the_spec_folder() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    write(
        &root.join("outside/secret.yaml"),
        &format!("token: {SECRET}\n"),
    );
    let spec = root.join("spec");
    write(&spec.join("inside.yaml"), "type: object\n");
    std::os::unix::fs::symlink("../outside/secret.yaml", spec.join("s.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("../outside", spec.join("linked")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("inside.yaml", spec.join("alias.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    write(
        &spec.join("api.yaml"),
        &spec_with_refs(&["s.yaml", "linked/secret.yaml", "alias.yaml"]),
    );
    write(&spec.join("old.yaml"), OLD_SPEC);

    // Run where CI runs: in the checkout, which here is `spec/`.
    let r = run_in(&spec, &["lint", "--format", "json", "api.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let refs: Vec<_> = lint_places(&json(&r))
        .into_iter()
        .filter(|f| f.0.contains("ref"))
        .collect();
    assert_eq!(
        refs,
        vec![
            (
                "ref-outside-root".to_string(),
                "/components/schemas/S0/$ref".to_string(),
                6,
                16,
                "`s.yaml` points outside the directory of the root document (`s.yaml` is a symbolic link, or lies in a linked folder, whose target is outside); it is not followed".to_string()
            ),
            (
                "ref-outside-root".to_string(),
                "/components/schemas/S1/$ref".to_string(),
                7,
                16,
                "`linked/secret.yaml` points outside the directory of the root document (`linked/secret.yaml` is a symbolic link, or lies in a linked folder, whose target is outside); it is not followed".to_string()
            ),
        ],
        "a link that stays inside (alias.yaml) is followed"
    );
    // Whatever the command and format, the secret never appears.
    for args in [
        vec!["lint", "api.yaml"],
        vec!["lint", "--format", "sarif", "api.yaml"],
        vec!["diff", "old.yaml", "api.yaml"],
        vec!["diff", "--format", "json", "old.yaml", "api.yaml"],
        vec!["changelog", "old.yaml", "api.yaml"],
        vec!["lint", "s.yaml"],
        vec!["lint", "linked/secret.yaml"],
        vec!["lint", "**/*.yaml"],
    ] {
        let r = run_in(&spec, &args);
        assert!(
            !r.stdout.contains(SECRET) && !r.stderr.contains(SECRET),
            "{args:?} leaked the target:\n{}\n{}",
            r.stdout,
            r.stderr
        );
    }
    // A linked input that leads outside is unreadable input: exit 2.
    for input in ["s.yaml", "linked/secret.yaml"] {
        let r = run_in(&spec, &["lint", input]);
        assert_eq!(r.code, 2);
        assert!(
            r.stderr.contains(&format!(
                "{input}: it is a symbolic link (or lies in a linked folder) that leads outside"
            )),
            "{}",
            r.stderr
        );
    }
    let r = run_in(&spec, &["lint", "alias.yaml"]);
    assert_ne!(r.code, 2, "a link inside the folder is read: {}", r.stderr);
}

#[cfg(unix)]
#[test]
fn a_glob_does_not_follow_linked_folders_or_leave_through_links() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    write(&root.join("outside/x.yaml"), &format!("token: {SECRET}\n"));
    write(&root.join("specs/a.yaml"), OLD_SPEC);
    // A folder that links back to its parent would be walked forever.
    std::os::unix::fs::symlink("..", root.join("specs/loop")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("../outside", root.join("specs/out"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("../outside/x.yaml", root.join("specs/evil.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let r = run_in(root, &["lint", "--format", "json", "specs/**/*.yaml"]);
    assert_eq!(r.code, 2, "evil.yaml is unreadable: {}", r.stderr);
    assert!(!r.stdout.contains(SECRET) && !r.stderr.contains(SECRET));
    assert!(
        r.stderr.contains("specs/evil.yaml: it is a symbolic link"),
        "{}",
        r.stderr
    );
    let report = json(&r);
    let files: Vec<&str> = report["findings"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["file"].as_str()).collect())
        .unwrap_or_default();
    assert!(files.iter().all(|f| *f == "specs/a.yaml"), "{files:?}");
}

#[cfg(unix)]
#[test]
fn files_without_a_size_are_refused_not_read_forever() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    let status = std::process::Command::new("mkfifo")
        .arg(root.join("fifo.yaml"))
        .status()
        .unwrap_or_else(|e| panic!("mkfifo: {e}"));
    assert!(status.success());
    std::os::unix::fs::symlink("/dev/zero", root.join("zero.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    write(
        &root.join("api.yaml"),
        &spec_with_refs(&["fifo.yaml", "zero.yaml", "/dev/zero"]),
    );
    let started = Instant::now();
    let r = run_in(root, &["lint", "--format", "json", "api.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let refs: Vec<(String, String)> = lint_places(&json(&r))
        .into_iter()
        .filter(|f| f.0.contains("ref"))
        .map(|f| (f.0, f.4))
        .collect();
    assert_eq!(
        refs,
        vec![
            (
                "unresolved-ref".to_string(),
                "`fifo.yaml` cannot be resolved: `fifo.yaml`: it is a named pipe, not a regular file; it was not read".to_string()
            ),
            (
                "ref-outside-root".to_string(),
                "`zero.yaml` points outside the directory of the root document (`zero.yaml` is a symbolic link, or lies in a linked folder, whose target is outside); it is not followed".to_string()
            ),
            (
                "ref-outside-root".to_string(),
                "`/dev/zero` points outside the directory of the root document (`/dev/zero` climbs above it); it is not followed".to_string()
            ),
        ]
    );
    for (input, why) in [
        ("/dev/zero", "/dev/zero: it is a device, not a regular file"),
        (
            "fifo.yaml",
            "fifo.yaml: it is a named pipe, not a regular file",
        ),
        (".", ".: it is a directory, not a regular file"),
    ] {
        let r = run_in(root, &["lint", input]);
        assert_eq!(r.code, 2, "{input}");
        assert!(r.stderr.contains(why), "{input}: {}", r.stderr);
    }
    // Reads are refused before they start: nothing here waits on a pipe.
    assert!(started.elapsed() < LIMIT);
}

#[cfg(unix)]
#[test]
fn git_gives_only_plain_files() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    common::git(root, &["init", "-q"]);
    write(&root.join("api.yaml"), &spec_with_refs(&["s.yaml"]));
    std::os::unix::fs::symlink("/etc/passwd", root.join("s.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("api.yaml", root.join("link.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    common::git(root, &["add", "."]);
    common::git(root, &["commit", "-qm", "links"]);
    let r = run_in(root, &["lint", "HEAD:link.yaml"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "HEAD:link.yaml: it is a symbolic link in the repository, not a regular file"
        ),
        "{}",
        r.stderr
    );
    let r = run_in(root, &["lint", "--format", "json", "HEAD:api.yaml"]);
    let refs: Vec<(String, String)> = lint_places(&json(&r))
        .into_iter()
        .filter(|f| f.0.contains("ref"))
        .map(|f| (f.0, f.4))
        .collect();
    assert_eq!(
        refs,
        vec![(
            "unresolved-ref".to_string(),
            "`s.yaml` cannot be resolved: `HEAD:s.yaml`: it is a symbolic link in the repository, not a regular file; it was not read".to_string()
        )]
    );
}

/// The characters no output may carry raw.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            matches!(c,
                '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
                | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}')
        })
        .collect()
}

/// Lines GitHub Actions would run as workflow commands.
fn command_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.trim_start().starts_with("::"))
        .collect()
}

/// Raw HTML that a Markdown renderer would pass through.
fn markdown_html(text: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser};
    Parser::new_ext(text, Options::all())
        .filter_map(|e| match e {
            Event::Html(h) | Event::InlineHtml(h) => Some(h.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn spec_text_cannot_forge_ci_output_or_command_a_terminal() {
    let (old, new) = ("fixtures/hostile/old.json", "fixtures/hostile/new.json");
    let github_line = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,:]*,line=\d+,col=\d+(,endLine=\d+|,endColumn=\d+)?,title=[^:,]+::[^\r\n]*$",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let html_tag = regex::Regex::new(r"<([a-zA-Z][a-zA-Z0-9]*)").unwrap_or_else(|e| panic!("{e}"));
    let formats = ["human", "json", "sarif", "junit", "github", "markdown"];
    let mut runs: Vec<(String, String, Run)> = Vec::new();
    for format in formats {
        runs.push((
            "diff".into(),
            format.into(),
            run(bin().args(["diff", "--format", format, old, new])),
        ));
        runs.push((
            "lint".into(),
            format.into(),
            run(bin().args(["lint", "--format", format, new])),
        ));
    }
    for format in ["markdown", "html", "text"] {
        runs.push((
            "changelog".into(),
            format.into(),
            run(bin().args(["changelog", "--format", format, old, new])),
        ));
    }
    for (command, format, r) in &runs {
        let what = format!("{command} --format {format}");
        assert!(
            matches!(r.code, 0 | 1),
            "{what}: exit {}: {}",
            r.code,
            r.stderr
        );
        for (stream, text) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
            assert_eq!(raw_controls(text), Vec::<char>::new(), "{what} {stream}");
            assert!(!text.contains("##["), "{what} {stream}: legacy command");
            if format != "github" || stream == "stderr" {
                assert_eq!(command_lines(text), Vec::<&str>::new(), "{what} {stream}");
            }
        }
        let out = &r.stdout;
        match format.as_str() {
            "json" | "sarif" => {
                json(r);
            }
            "junit" => {
                roxmltree::Document::parse(out)
                    .unwrap_or_else(|e| panic!("{what}: not XML ({e}):\n{out}"));
            }
            "github" => {
                for line in out.lines() {
                    assert!(github_line.is_match(line), "{what}: {line}");
                }
            }
            "markdown" => {
                assert_eq!(markdown_html(out), Vec::<String>::new(), "{what}:\n{out}");
            }
            "html" => {
                let ours = [
                    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "nav",
                    "ul", "li", "a", "section", "p", "code", "span", "del", "ins",
                ];
                for tag in html_tag.captures_iter(out) {
                    assert!(ours.contains(&&tag[1]), "{what}: <{}>", &tag[1]);
                }
            }
            _ => {}
        }
    }
    // What was there is still shown, as escapes a person can read.
    let human = &runs[0].2.stdout;
    assert!(
        human.contains(
            r"GET /x\n::error file=x,line=1::forged\u{1b}]0;pwned\u{7}\u{1b}[2J was removed"
        ),
        "{human}"
    );
    let github = &runs[8].2.stdout;
    assert!(
        github.contains(r"title=api-path-removed-without-deprecation::GET /x\n::error file=x,line=1::forged\u{1b}]0;pwned\u{7}\u{1b}[2J was removed"),
        "{github}"
    );
    let lint_human = &runs[1].2.stdout;
    assert!(
        lint_human.contains("::warning::title #?[error]legacy"),
        "{lint_human}"
    );
}

#[test]
fn walks_that_stop_say_so() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    // A loop of 65 bare references is as wrong as a loop of two.
    let mut looped = OLD_SPEC.replace("paths: {}\n", "paths: {}\ncomponents:\n  schemas:\n");
    for i in 0..65 {
        looped.push_str(&format!(
            "    L{i}: {{$ref: '#/components/schemas/L{}'}}\n",
            (i + 1) % 65
        ));
    }
    write(&root.join("loop.yaml"), &looped);
    let r = run_in(root, &["lint", "--format", "json", "loop.yaml"]);
    let cycles = lint_places(&json(&r))
        .into_iter()
        .filter(|f| {
            f.4.ends_with("it only leads to other references and back to itself")
        })
        .count();
    assert_eq!(cycles, 65);

    // A change 100 levels down, and one behind a chain of 450 references.
    let nested = |leaf: &str| {
        let mut schema = format!(
            "{{\"type\": \"object\", \"properties\": {{\"leaf\": {{\"type\": \"{leaf}\"}}}}}}"
        );
        for _ in 0..100 {
            schema = format!("{{\"type\": \"object\", \"properties\": {{\"p\": {schema}}}}}");
        }
        format!("{{\"openapi\": \"3.0.3\", \"info\": {{\"title\": \"t\", \"version\": \"1\"}}, \"paths\": {{\"/a\": {{\"get\": {{\"responses\": {{\"200\": {{\"description\": \"ok\", \"content\": {{\"application/json\": {{\"schema\": {schema}}}}}}}}}}}}}}}}}")
    };
    write(&root.join("deep-old.json"), &nested("string"));
    write(&root.join("deep-new.json"), &nested("integer"));
    let r = run_in(
        root,
        &["diff", "--format", "json", "deep-old.json", "deep-new.json"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let findings = json(&r)["findings"].as_array().cloned().unwrap_or_default();
    let ids: Vec<&str> = findings.iter().filter_map(|f| f["id"].as_str()).collect();
    assert_eq!(ids, vec!["response-property-type-changed"]);
    let pointer = format!(
        "/paths/~1a/get/responses/200/content/application~1json/schema{}/properties/leaf/type",
        "/properties/p".repeat(100)
    );
    assert_eq!(findings[0]["new"]["pointer"], pointer.as_str());

    let chain = |leaf: &str| {
        let mut s = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/C0'}\ncomponents:\n  schemas:\n".to_string();
        for i in 0..450 {
            s.push_str(&format!(
                "    C{i}: {{type: object, properties: {{next: {{$ref: '#/components/schemas/C{}'}}}}}}\n",
                i + 1
            ));
        }
        s.push_str(&format!(
            "    C450: {{type: object, properties: {{leaf: {{type: {leaf}}}}}}}\n"
        ));
        s
    };
    write(&root.join("chain-old.yaml"), &chain("string"));
    write(&root.join("chain-new.yaml"), &chain("integer"));
    let r = run_in(
        root,
        &[
            "diff",
            "--format",
            "json",
            "chain-old.yaml",
            "chain-new.yaml",
        ],
    );
    let findings = json(&r)["findings"].as_array().cloned().unwrap_or_default();
    let ids: Vec<&str> = findings.iter().filter_map(|f| f["id"].as_str()).collect();
    assert_eq!(ids, vec!["comparison-too-deep"], "{}", r.stdout);
    assert_eq!(findings[0]["level"], "warning");
    assert_eq!(findings[0]["new"]["pointer"], "/components/schemas/C401");

    // A reference that stopped resolving is a warning at the reference.
    write(
        &root.join("ref-old.yaml"),
        &spec_with_refs(&["#/components/schemas/T"])
            .replace("    S0:", "    T: {type: string}\n    S0:"),
    );
    write(
        &root.join("ref-new.yaml"),
        &spec_with_refs(&["#/components/schemas/T"]),
    );
    let r = run_in(
        root,
        &["diff", "--format", "json", "ref-old.yaml", "ref-new.yaml"],
    );
    let findings = json(&r)["findings"].as_array().cloned().unwrap_or_default();
    let got: Vec<(&str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap_or_default(),
                f["level"].as_str().unwrap_or_default(),
                f["message"].as_str().unwrap_or_default(),
            )
        })
        .filter(|f| f.0 == "ref-not-compared")
        .collect();
    assert_eq!(
        got,
        vec![(
            "ref-not-compared",
            "warning",
            "the new version's `$ref` `#/components/schemas/T` cannot be resolved (nothing at `#/components/schemas/T` in this document); what it names was not compared"
        )]
    );
}

#[test]
fn remote_references_share_one_deadline() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    let silent = hang();
    let targets: Vec<String> = (0..5).map(|i| format!("{silent}/s{i}.yaml")).collect();
    let targets: Vec<&str> = targets.iter().map(String::as_str).collect();
    write(&root.join("api.yaml"), &spec_with_refs(&targets));
    let started = Instant::now();
    let r = run_in(
        root,
        &[
            "lint",
            "--format",
            "json",
            "--allow-remote-refs",
            "--fetch-timeout",
            "2",
            "api.yaml",
        ],
    );
    let took = started.elapsed();
    let unanswered = lint_places(&json(&r))
        .into_iter()
        .filter(|f| {
            f.0 == "unresolved-ref" && f.4.contains("2 s allowed for all fetches of this run")
        })
        .count();
    assert_eq!(unanswered, 5, "{}", r.stdout);
    // One after another, five 2-second waits would take at least 10 s.
    assert!(took < Duration::from_secs(8), "took {took:?}");
}

#[test]
fn redirects_stay_on_the_host_unless_allowed() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    let port_of = |base: &str| base.rsplit(':').next().unwrap_or_default().to_string();
    let target = serve(vec![("/pet.yaml", ok("type: object\n"))]);
    let other_host = format!("http://localhost:{}/pet.yaml", port_of(&target));
    let base = serve(vec![
        ("/away.yaml", redirect(&other_host)),
        ("/here.yaml", redirect("/pet.yaml")),
        ("/pet.yaml", ok("type: object\n")),
    ]);
    write(
        &root.join("api.yaml"),
        &spec_with_refs(&[&format!("{base}/away.yaml"), &format!("{base}/here.yaml")]),
    );
    let messages = |extra: &[&str]| -> Vec<String> {
        let mut args = vec![
            "lint",
            "--format",
            "json",
            "--allow-remote-refs",
            "api.yaml",
        ];
        args.extend_from_slice(extra);
        lint_places(&json(&run_in(root, &args)))
            .into_iter()
            .filter(|f| f.0.contains("ref"))
            .map(|f| f.4)
            .collect()
    };
    assert_eq!(
        messages(&[]),
        vec![format!(
            "`{base}/away.yaml` cannot be resolved: `{base}/away.yaml`: not followed: the server redirects to another host or to plain http (http://localhost:{}); pass --allow-cross-host-redirects to follow it",
            port_of(&target)
        )]
    );
    assert_eq!(
        messages(&["--allow-cross-host-redirects"]),
        Vec::<String>::new()
    );
}

#[test]
fn unreadable_input_is_exit_two_with_its_reason() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    write(
        &root.join("page.html"),
        "<!DOCTYPE html>\n<html><body><h1>404 Not Found</h1></body></html>\n",
    );
    let mut utf16 = vec![0xff, 0xfe];
    for unit in OLD_SPEC.encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    std::fs::write(root.join("utf16.yaml"), utf16).unwrap_or_else(|e| panic!("{e}"));
    for (file, why) in [
        (
            "page.html",
            "not an OpenAPI description: the document is a string",
        ),
        (
            "utf16.yaml",
            "the file is UTF-16 (little-endian), not UTF-8; save it as UTF-8",
        ),
    ] {
        for command in [vec!["lint", file], vec!["diff", file, file]] {
            let r = run_in(root, &command);
            assert_eq!(r.code, 2, "{command:?}: {}", r.stderr);
            assert!(r.stderr.contains(why), "{command:?}: {}", r.stderr);
        }
    }
}

#[test]
fn an_ignore_until_a_day_that_does_not_exist_is_a_configuration_error() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    write(&root.join("api.yaml"), OLD_SPEC);
    for (until, column) in [("2999-02-30", 12), ("2001-01-01x", 12)] {
        write(
            &root.join(".vapi-spec.yaml"),
            &format!("ignore:\n  - rule: info-contact\n    reason: later\n    until: {until}\n"),
        );
        let r = run_in(root, &["lint", "api.yaml"]);
        assert_eq!(r.code, 2, "{until}: {}", r.stderr);
        assert!(
            r.stderr
                .contains(&format!("`{until}` is not a date; write YYYY-MM-DD")),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains(&format!(".vapi-spec.yaml:4:{column}")),
            "{}",
            r.stderr
        );
    }
}
