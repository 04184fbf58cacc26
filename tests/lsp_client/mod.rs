//! A client for `vapi-spec lsp` that drives the real binary on standard
//! input and output, framed by `lsp-server`: shared by the protocol tests
//! and the latency benchmark.
#![allow(dead_code)]

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{json, Value};

pub struct Client {
    pub child: Child,
    pub stdin: ChildStdin,
    pub messages: mpsc::Receiver<Message>,
    pub next: i32,
    /// Notifications that came while waiting for something else.
    pub seen: Vec<Notification>,
}

/// Long enough for a slow CI machine; the test waits only as long as it must.
pub const WAIT: Duration = Duration::from_secs(60);

impl Client {
    pub fn start(cwd: &Path, options: Value) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vapi-spec"))
            .arg("lsp")
            .current_dir(cwd)
            .env("XDG_CACHE_HOME", cwd.join(".cache"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Ok(Some(m)) = Message::read(&mut reader) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            next: 0,
            seen: Vec::new(),
        };
        let root = lsp_uri(cwd);
        let init = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
                "initializationOptions": options,
            }),
        );
        assert_eq!(
            init["capabilities"]["textDocumentSync"]["change"], 2,
            "incremental sync"
        );
        assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
        client.notify("initialized", json!({}));
        client
    }

    pub fn send(&mut self, m: Message) {
        m.write(&mut self.stdin).expect("the server reads");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(
            method.into(),
            params,
        )));
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.send(Message::Request(Request::new(
            id.clone(),
            method.into(),
            params,
        )));
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(Message::Response(r)) if r.id == id => match r.response_result {
                    Ok(v) => return v,
                    Err(e) => panic!("{method}: {} {}", e.code, e.message),
                },
                Ok(Message::Notification(n)) => self.seen.push(n),
                Ok(_) => {}
                Err(_) => panic!("no answer to {method}"),
            }
        }
    }

    /// The next diagnostics published for `uri` that `accept` takes.
    pub fn diagnostics(&mut self, uri: &str, accept: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + WAIT;
        let mut pending = std::mem::take(&mut self.seen).into_iter();
        loop {
            let n = match pending.next() {
                Some(n) => n,
                None => {
                    let left = deadline.saturating_duration_since(Instant::now());
                    match self.messages.recv_timeout(left) {
                        Ok(Message::Notification(n)) => n,
                        Ok(_) => continue,
                        Err(_) => panic!("no diagnostics for {uri} that the test accepts"),
                    }
                }
            };
            if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri {
                let list = n.params["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                if accept(&list) {
                    self.seen.extend(pending);
                    return list;
                }
            } else {
                self.seen.push(n);
            }
        }
    }

    pub fn open(&mut self, path: &Path, text: &str) -> String {
        let uri = lsp_uri(path);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
        uri
    }

    pub fn change(&mut self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    pub fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "the server exits cleanly: {status}");
                return;
            }
            assert!(Instant::now() < deadline, "the server exits after `exit`");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

pub fn lsp_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The fixture folder `fixtures/lsp` copied into a fresh folder of its own
/// (the server writes its rule pages beside it, and a test may add a git
/// repository).
pub fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("real path");
    for name in ["pets.yaml", "schemas.yaml"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/lsp")
            .join(name);
        std::fs::copy(&from, root.join(name)).expect("copy fixture");
    }
    (dir, root)
}
