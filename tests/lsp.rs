//! `vapi-spec lsp` driven through the protocol, as an editor drives it: the
//! real binary on standard input and output, framed by `lsp-server`.

mod common;
mod lsp_client;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use lsp_client::{lsp_uri, workspace, Client, WAIT};
use lsp_server::{Message, Request, RequestId};
use serde_json::{json, Value};

fn codes(list: &[Value]) -> Vec<(String, u64, u64)> {
    let mut out: Vec<(String, u64, u64)> = list
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["range"]["start"]["line"].as_u64().unwrap_or(0),
                d["range"]["start"]["character"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    out.sort();
    out
}

fn range(l0: u64, c0: u64, l1: u64, c1: u64) -> Value {
    json!({"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}})
}

/// What `vapi-spec lint --format json` reports for `path`, as (id, line,
/// column) counted from 0 like the protocol.
fn lint_cli(path: &Path) -> Vec<(String, u64, u64)> {
    let out = Command::new(env!("CARGO_BIN_EXE_vapi-spec"))
        .args(["lint", "--format", "json"])
        .arg(path)
        .current_dir(path.parent().expect("folder"))
        .output()
        .expect("lint runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut list: Vec<(String, u64, u64)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(1) - 1,
                f["column"].as_u64().unwrap_or(1) - 1,
            )
        })
        .collect();
    list.sort();
    list
}

#[test]
fn diagnostics_are_the_lint_findings_and_follow_each_change() {
    let (_dir, root) = workspace();
    let path = root.join("pets.yaml");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let mut c = Client::start(&root, json!({}));
    let uri = c.open(&path, &text);
    let first = c.diagnostics(&uri, |l| !l.is_empty());
    assert_eq!(codes(&first), lint_cli(&path));
    let missing = first
        .iter()
        .find(|d| d["code"] == "operation-operationId")
        .expect("operation-operationId");
    assert_eq!(missing["range"], range(31, 4, 31, 7));
    assert_eq!(missing["severity"], 2);
    assert_eq!(missing["source"], "vapi-spec");
    assert_eq!(missing["message"], "GET /pets/{petId}/ has no operationId");
    let href = missing["codeDescription"]["href"].as_str().unwrap_or("");
    assert!(
        href.starts_with("file://") && href.ends_with("/operation-operationId.html"),
        "{href}"
    );
    // The pages are written beside the first session's work.
    let page = Path::new(href.trim_start_matches("file://")).to_path_buf();
    let deadline = Instant::now() + WAIT;
    while !page.is_file() && Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(std::fs::read_to_string(&page).is_ok_and(|p| p.contains("operationId")));
    let slash = first
        .iter()
        .find(|d| d["code"] == "path-keys-no-trailing-slash")
        .expect("trailing slash");
    assert_eq!(slash["range"], range(30, 2, 30, 16));

    // Typed in two steps, as an editor sends keystrokes: one result, for the last.
    c.change(
        &uri,
        2,
        json!([{"range": range(31, 8, 31, 8), "text": "\n      operationId: getP"}]),
    );
    c.change(
        &uri,
        3,
        json!([{"range": range(32, 23, 32, 23), "text": "et"}]),
    );
    let after = c.diagnostics(&uri, |l| {
        l.iter().all(|d| d["code"] != "operation-operationId")
    });
    let on_line_33 = after
        .iter()
        .filter(|d| d["range"]["start"]["line"] == 33)
        .count();
    assert_eq!(
        on_line_33, 0,
        "nothing points at the line that moved down: {after:?}"
    );
    assert!(after
        .iter()
        .any(|d| d["code"] == "security-defined" && d["range"]["start"]["line"] == 31));
    c.shutdown();
}

#[test]
fn navigation_follows_references_across_files() {
    let (_dir, root) = workspace();
    let path = root.join("pets.yaml");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let mut c = Client::start(&root, json!({}));
    let uri = c.open(&path, &text);
    c.diagnostics(&uri, |l| !l.is_empty());
    let at = |line: u64, character: u64| json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
    // `$ref: '#/components/schemas/Pet'` on line 28 (0-based 27).
    let def = c.request("textDocument/definition", at(27, 28));
    assert_eq!(def["uri"], uri);
    assert_eq!(def["range"], range(52, 4, 52, 7));
    let other = c.request("textDocument/definition", at(60, 20));
    assert_eq!(other["uri"], lsp_uri(&root.join("schemas.yaml")));
    assert_eq!(other["range"], range(0, 0, 0, 5));
    let hover = c.request("textDocument/hover", at(27, 28));
    let value = hover["contents"]["value"].as_str().unwrap_or("");
    assert!(
        value.contains("`pets.yaml#/components/schemas/Pet`"),
        "{value}"
    );
    assert!(
        value.contains("```yaml\ntype: object\ndescription: A pet"),
        "{value}"
    );
    let mut refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": {"line": 52, "character": 5},
               "context": {"includeDeclaration": false}}),
    );
    let lines: Vec<u64> = refs
        .as_array_mut()
        .map(|a| {
            a.iter()
                .filter_map(|l| l["range"]["start"]["line"].as_u64())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(lines, vec![27, 47]);
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let paths = symbols
        .as_array()
        .and_then(|s| s.iter().find(|s| s["name"] == "paths"))
        .expect("paths");
    let names: Vec<&str> = paths["children"]
        .as_array()
        .map(|a| a.iter().filter_map(|p| p["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(names, ["/pets", "/pets/{petId}/"]);
    assert_eq!(paths["children"][0]["children"][0]["name"], "GET /pets");
    assert_eq!(paths["children"][0]["children"][0]["detail"], "listPets");
    // A diagnostic's code, hovered, says what the rule is about.
    let on_code = c.request("textDocument/hover", at(31, 5));
    let text = on_code["contents"]["value"].as_str().unwrap_or("");
    assert!(
        text.contains("**operation-operationId** (warning)"),
        "{text}"
    );

    // Half typed: a parse diagnostic at its place, and navigation keeps working.
    c.change(&uri, 2, json!([{"range": range(2, 9, 2, 9), "text": "]"}]));
    let broken = c.diagnostics(&uri, |l| l.iter().any(|d| d["code"].is_null()));
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert_eq!(broken[0]["severity"], 1);
    assert_eq!(broken[0]["range"], range(2, 9, 2, 10), "{broken:?}");
    let def = c.request("textDocument/definition", at(27, 28));
    assert_eq!(def["range"], range(52, 4, 52, 7));
    c.shutdown();
}

#[test]
fn code_actions_fix_or_silence_a_finding() {
    let (_dir, root) = workspace();
    let path = root.join("pets.yaml");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let mut c = Client::start(&root, json!({}));
    let uri = c.open(&path, &text);
    let list = c.diagnostics(&uri, |l| !l.is_empty());
    let missing = list
        .iter()
        .find(|d| d["code"] == "operation-operationId")
        .cloned()
        .expect("finding");
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": missing["range"], "context": {"diagnostics": [missing]}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["title"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        titles.contains(&"Add operationId `getPetsByPetId`"),
        "{titles:?}"
    );
    assert!(
        titles.contains(
            &"Ignore operation-operationId on `/paths/~1pets~1{petId}~1/get` (x-vapi-ignore)"
        ),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Ignore operation-operationId on GET /pets/{petId}/ in the configuration"),
        "{titles:?}"
    );
    let fix = actions
        .as_array()
        .and_then(|a| a.iter().find(|x| x["isPreferred"] == true))
        .expect("a preferred fix");
    let edits = &fix["edit"]["changes"][uri.as_str()];
    assert_eq!(edits[0]["range"], range(32, 6, 32, 6));
    assert_eq!(edits[0]["newText"], "operationId: getPetsByPetId\n      ");
    let ignore = actions
        .as_array()
        .and_then(|a| {
            a.iter().find(|x| {
                x["title"]
                    .as_str()
                    .is_some_and(|t| t.contains("x-vapi-ignore"))
            })
        })
        .expect("ignore");
    assert_eq!(
        ignore["edit"]["changes"][uri.as_str()][0]["newText"],
        "x-vapi-ignore: [operation-operationId]\n      "
    );

    // Applied as the editor would, the finding is gone and nothing else is.
    c.change(&uri, 2, json!([{"range": range(32, 6, 32, 6), "text": "x-vapi-ignore: [operation-operationId]\n      "}]));
    let after = c.diagnostics(&uri, |l| {
        l.iter().all(|d| d["code"] != "operation-operationId")
    });
    assert_eq!(after.len(), list.len() - 1);

    let slash = list
        .iter()
        .find(|d| d["code"] == "path-keys-no-trailing-slash")
        .cloned()
        .expect("slash");
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": slash["range"], "context": {"diagnostics": [slash]}}),
    );
    let fix = actions
        .as_array()
        .and_then(|a| a.iter().find(|x| x["isPreferred"] == true))
        .expect("fix");
    assert_eq!(fix["title"], "Remove the trailing slash");
    let edit = &fix["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["range"], range(30, 15, 30, 16));
    assert_eq!(edit["newText"], "");
    c.shutdown();
}

#[test]
fn unsaved_edits_are_compared_with_the_git_base() {
    let (_dir, root) = workspace();
    common::git(&root, &["init", "-q"]);
    std::fs::write(root.join(".vapi-spec.yaml"), "base: HEAD\n").expect("config");
    common::git(&root, &["add", "."]);
    common::git(&root, &["commit", "-q", "-m", "first"]);
    let path = root.join("pets.yaml");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let mut c = Client::start(&root, json!({}));
    let uri = c.open(&path, &text);
    let same = c.diagnostics(&uri, |l| !l.is_empty());
    assert!(
        same.iter().all(|d| d["source"] == "vapi-spec"),
        "the buffer is the base: {same:?}"
    );
    // `name` becomes optional in responses and `id` becomes an integer.
    let edited = text
        .replace("required: [id, name]", "required: [id]")
        .replace(
            "id: {type: string, description: The id}",
            "id: {type: integer, description: The id}",
        );
    c.change(&uri, 2, json!([{"text": edited}]));
    let list = c.diagnostics(&uri, |l| {
        l.iter()
            .any(|d| d["source"] == "vapi-spec diff HEAD:pets.yaml")
    });
    let changes: Vec<&Value> = list
        .iter()
        .filter(|d| d["source"] == "vapi-spec diff HEAD:pets.yaml")
        .collect();
    let type_change = changes
        .iter()
        .find(|d| d["code"] == "response-property-type-changed")
        .unwrap_or_else(|| panic!("{changes:?}"));
    assert_eq!(type_change["severity"], 1);
    assert_eq!(type_change["range"]["start"]["line"], 57);
    let message = type_change["message"].as_str().unwrap_or("");
    assert!(message.contains("GET /pets"), "{message}");
    assert!(
        message.contains("endpoints: GET /pets, GET /pets/{petId}/"),
        "{message}"
    );
    let related = &type_change["relatedInformation"][0];
    assert_eq!(
        related["message"],
        "in HEAD:pets.yaml: line 58, column 14 (/components/schemas/Pet/properties/id/type)"
    );
    let optional = changes
        .iter()
        .find(|d| d["code"] == "response-property-became-optional")
        .unwrap_or_else(|| panic!("{changes:?}"));
    assert_eq!(optional["range"], range(58, 8, 58, 12));
    c.shutdown();
}

#[test]
fn a_saved_referenced_file_rechecks_the_spec_that_uses_it() {
    let (_dir, root) = workspace();
    let path = root.join("pets.yaml");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let mut c = Client::start(&root, json!({}));
    let uri = c.open(&path, &text);
    let before = c.diagnostics(&uri, |l| !l.is_empty());
    assert!(before.iter().all(|d| d["code"] != "unresolved-ref"));
    // The referenced file loses `Owner`, saved by another buffer.
    let schemas = root.join("schemas.yaml");
    std::fs::write(&schemas, "Other:\n  type: object\n").expect("write");
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": lsp_uri(&schemas)}}),
    );
    let after = c.diagnostics(&uri, |l| l.iter().any(|d| d["code"] == "unresolved-ref"));
    let broken = after
        .iter()
        .find(|d| d["code"] == "unresolved-ref")
        .expect("unresolved");
    assert_eq!(
        broken["range"]["start"],
        json!({"line": 60, "character": 16})
    );
    assert_eq!(broken["severity"], 1);
    // A request the server does not serve is an error answer, and the
    // session goes on.
    c.next += 1;
    let id = RequestId::from(c.next);
    c.send(Message::Request(Request::new(
        id.clone(),
        "vapi/unknown".into(),
        json!({}),
    )));
    let deadline = Instant::now() + WAIT;
    loop {
        match c
            .messages
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            Ok(Message::Response(r)) if r.id == id => {
                assert!(r.response_result.is_err());
                break;
            }
            Ok(_) => {}
            Err(_) => panic!("no answer"),
        }
    }
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(symbols.as_array().is_some_and(|s| !s.is_empty()));
    c.shutdown();
}

#[test]
fn the_clients_base_setting_may_name_a_file() {
    let (_dir, root) = workspace();
    let path = root.join("pets.yaml");
    let text = std::fs::read_to_string(&path).expect("fixture");
    // The released version had one more endpoint.
    let released = text.replace(
        "components:\n",
        "  /owners:\n    get:\n      operationId: listOwners\n      responses:\n        '200': {description: ok}\ncomponents:\n",
    );
    std::fs::write(root.join("released.yaml"), &released).expect("base");
    let mut c = Client::start(&root, json!({"base": "released.yaml"}));
    let uri = c.open(&path, &text);
    let list = c.diagnostics(&uri, |l| {
        l.iter()
            .any(|d| d["code"] == "api-path-removed-without-deprecation")
    });
    let removed = list
        .iter()
        .find(|d| d["code"] == "api-path-removed-without-deprecation")
        .expect("removed");
    assert_eq!(
        removed["source"],
        format!("vapi-spec diff {}", root.join("released.yaml").display())
    );
    assert_eq!(removed["severity"], 1);
    // Gone from the buffer: shown at the nearest part that is left, `paths`.
    assert_eq!(removed["range"], range(12, 0, 12, 5));
    c.shutdown();
}

#[test]
fn the_project_configuration_and_related_places_reach_the_editor() {
    let (_dir, root) = workspace();
    std::fs::write(
        root.join(".vapi-spec.yaml"),
        "rules:\n  operation-operationId: error\n  security-defined: off\n",
    )
    .expect("config");
    let path = root.join("pets.yaml");
    // The second operation takes the first one's id.
    let text = std::fs::read_to_string(&path).expect("fixture").replace(
        "      summary: One pet\n",
        "      operationId: listPets\n      summary: One pet\n",
    );
    let mut c = Client::start(&root, json!({}));
    let uri = c.open(&path, &text);
    let list = c.diagnostics(&uri, |l| !l.is_empty());
    assert!(
        list.iter().all(|d| d["code"] != "security-defined"),
        "switched off: {list:?}"
    );
    let dup = list
        .iter()
        .find(|d| d["code"] == "operation-operationId-unique")
        .unwrap_or_else(|| panic!("{list:?}"));
    assert_eq!(dup["range"]["start"], json!({"line": 32, "character": 6}));
    let related = &dup["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri);
    assert_eq!(
        related["location"]["range"]["start"],
        json!({"line": 15, "character": 6})
    );
    assert_eq!(related["message"], "first used here");
    // The level the configuration gives, once the id is gone again.
    c.change(&uri, 2, json!([{"range": range(32, 0, 33, 0), "text": ""}]));
    let after = c.diagnostics(&uri, |l| {
        l.iter().any(|d| d["code"] == "operation-operationId")
    });
    let missing = after
        .iter()
        .find(|d| d["code"] == "operation-operationId")
        .expect("missing id");
    assert_eq!(missing["severity"], 1);
    c.shutdown();
}

#[test]
fn a_broken_configuration_is_shown_in_its_own_file() {
    let (_dir, root) = workspace();
    let config = root.join(".vapi-spec.yaml");
    std::fs::write(&config, "rules:\n  no-such-rule: error\n").expect("config");
    let path = root.join("pets.yaml");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let mut c = Client::start(&root, json!({}));
    let uri = c.open(&path, &text);
    let list = c.diagnostics(&lsp_uri(&config), |l| !l.is_empty());
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["severity"], 1);
    assert_eq!(
        list[0]["range"]["start"],
        json!({"line": 1, "character": 2})
    );
    // The spec is still checked, with the built-in settings.
    let spec = c.diagnostics(&uri, |l| !l.is_empty());
    assert!(spec.iter().any(|d| d["code"] == "operation-operationId"));
    // A buffer of binary data is a diagnostic, not a crash.
    c.change(&uri, 2, json!([{"text": "openapi: 3.0.3\n\u{0}\u{1}"}]));
    let binary = c.diagnostics(&uri, |l| l.iter().any(|d| d["code"].is_null()));
    assert!(
        binary[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("binary")),
        "{binary:?}"
    );
    c.shutdown();
}

#[test]
fn an_unsaved_referenced_buffer_is_what_the_spec_reads() {
    let (_dir, root) = workspace();
    let path = root.join("pets.yaml");
    let schemas = root.join("schemas.yaml");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let mut c = Client::start(&root, json!({}));
    let uri = c.open(&path, &text);
    c.diagnostics(&uri, |l| !l.is_empty());
    let other = c.open(
        &schemas,
        &std::fs::read_to_string(&schemas).expect("fixture"),
    );
    // `Owner` renamed in the buffer, never saved: the spec's reference breaks.
    c.change(
        &other,
        2,
        json!([{"range": range(0, 0, 0, 5), "text": "Person"}]),
    );
    let broken = c.diagnostics(&uri, |l| l.iter().any(|d| d["code"] == "unresolved-ref"));
    let d = broken
        .iter()
        .find(|d| d["code"] == "unresolved-ref")
        .expect("unresolved");
    assert_eq!(d["range"]["start"], json!({"line": 60, "character": 16}));
    // Closed without saving: the file on disk is read again.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": other}}),
    );
    c.diagnostics(&uri, |l| {
        !l.is_empty() && l.iter().all(|d| d["code"] != "unresolved-ref")
    });
    c.shutdown();
}
