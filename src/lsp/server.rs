//! The protocol loop: the client's messages in order, document sync on
//! this thread, checking on the worker's, and each request answered from
//! the newest results, a panic in one answered as an error.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crossbeam_channel::Sender;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::{
    CodeActionProviderCapability, HoverProviderCapability, InitializeParams, LogMessageParams,
    MessageType, OneOf, PositionEncodingKind, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};

use super::diagnostics::RuleDocs;
use super::text::{Encoding, Text};
use super::uri;
use super::worker::{Job, Latest, Results, Task, Worker};

pub(super) struct Doc {
    pub version: i32,
    pub text: Text,
    pub path: PathBuf,
    /// The file's real path: what a spec that references it resolves to.
    pub real: PathBuf,
    /// The text as of `version`, shared with the checks that read it.
    pub snapshot: Arc<str>,
}

pub(super) struct Server {
    pub enc: Encoding,
    pub docs: HashMap<Uri, Doc>,
    pub results: Results,
    pub latest: Latest,
    tasks: Sender<Task>,
}

fn capabilities(enc: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match enc {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// UTF-8 when the client offers it (no counting of UTF-16 units), else
/// the protocol's default.
fn encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

/// The client's settings: `{"base": …}`, alone or under `vapi-spec`.
fn base_setting(value: &serde_json::Value) -> Option<Option<String>> {
    let v = value.get("vapi-spec").unwrap_or(value);
    let base = v.get("base")?;
    Some(
        base.as_str()
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string),
    )
}

/// Rule pages written once per version into the cache folder, so that each
/// diagnostic's code links to a page the editor can open offline.
fn rule_docs(options: Option<&serde_json::Value>) -> RuleDocs {
    let template = options
        .and_then(|o| o.get("ruleDocs"))
        .and_then(|v| v.as_str())
        .map(str::to_string);
    let mut docs = RuleDocs {
        template,
        folder: None,
        files: HashMap::new(),
    };
    if docs.template.is_some() {
        return docs;
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")));
    let Some(cache) = cache else { return docs };
    let folder = cache
        .join("vapi-spec")
        .join(format!("rules-{}", env!("CARGO_PKG_VERSION")));
    if std::fs::create_dir_all(&folder).is_err() {
        return docs;
    }
    use crate::report::rule_pages::{self, PageFormat};
    let all: Vec<&'static crate::rules::Rule> = crate::rules::all().iter().collect();
    let names = rule_pages::file_names(&all, PageFormat::Html);
    docs.files = all
        .iter()
        .zip(&names)
        .map(|(r, f)| (r.id, f.clone()))
        .collect();
    // Rendering every page takes a while: the first session writes them
    // beside its work, the index last, so a later one finds them whole.
    if !folder.join("index.html").is_file() {
        let into = folder.clone();
        std::thread::spawn(move || {
            for page in rule_pages::pages(&all, PageFormat::Html) {
                let path = into.join(&page.file);
                let part = into.join(format!(".{}.part", page.file));
                // Written whole, then renamed: two servers may start at once.
                if std::fs::write(&part, &page.text).is_err()
                    || std::fs::rename(&part, &path).is_err()
                {
                    return;
                }
            }
        });
    }
    docs.folder = Some(folder);
    docs
}

fn log(out: &Sender<Message>, kind: MessageType, message: String) {
    let params = LogMessageParams { typ: kind, message };
    let _ = out.send(Message::Notification(Notification::new(
        note::LogMessage::METHOD.into(),
        params,
    )));
}

/// Serves one client on `connection` until it asks to shut down.
pub fn serve(connection: Connection) -> Result<(), String> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| format!("the client did not initialize: {e}"))?;
    let params: InitializeParams =
        serde_json::from_value(params).map_err(|e| format!("bad initialize request: {e}"))?;
    let enc = encoding(&params);
    let result = serde_json::json!({
        "capabilities": capabilities(enc),
        "serverInfo": ServerInfo { name: "vapi-spec".into(), version: Some(env!("CARGO_PKG_VERSION").into()) },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| format!("the client did not finish initializing: {e}"))?;

    let (tasks, rx) = crossbeam_channel::unbounded();
    let (logs, log_rx) = crossbeam_channel::unbounded::<String>();
    let results: Results = Arc::new(Mutex::new(HashMap::new()));
    let latest: Latest = Arc::new(Mutex::new(HashMap::new()));
    let options = params.initialization_options.as_ref();
    let rule_docs = Arc::new(rule_docs(options));
    if let Some(base) = options.and_then(base_setting) {
        let _ = tasks.send(Task::Base(base));
    }
    let worker = Worker {
        tasks: rx,
        out: connection.sender.clone(),
        results: results.clone(),
        latest: latest.clone(),
        enc,
        docs: rule_docs,
        log: logs,
    };
    let out = connection.sender.clone();
    let logger = std::thread::spawn(move || {
        for line in log_rx {
            log(&out, MessageType::WARNING, line);
        }
    });
    let thread = std::thread::spawn(move || worker.run());
    let mut server = Server {
        enc,
        docs: HashMap::new(),
        results,
        latest,
        tasks,
    };
    for message in &connection.receiver {
        match message {
            Message::Request(req) => {
                if connection
                    .handle_shutdown(&req)
                    .map_err(|e| e.to_string())?
                {
                    break;
                }
                let id = req.id.clone();
                let method = req.method.clone();
                let answer = std::panic::catch_unwind(AssertUnwindSafe(|| server.request(req)));
                let response = answer.unwrap_or_else(|_| {
                    log(
                        &connection.sender,
                        MessageType::ERROR,
                        format!("{method} failed unexpectedly"),
                    );
                    Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        format!("{method} failed"),
                    )
                });
                let _ = connection.sender.send(Message::Response(response));
            }
            Message::Notification(n) => {
                let method = n.method.clone();
                if std::panic::catch_unwind(AssertUnwindSafe(|| server.notification(n))).is_err() {
                    log(
                        &connection.sender,
                        MessageType::ERROR,
                        format!("{method} failed unexpectedly"),
                    );
                }
            }
            Message::Response(_) => {}
        }
    }
    drop(server);
    let _ = thread.join();
    let _ = logger.join();
    Ok(())
}

impl Server {
    fn check(&self, uri: &Uri) {
        if let Some(doc) = self.docs.get(uri) {
            // Every other open buffer stands in for its file, saved or not.
            let overlay = self
                .docs
                .iter()
                .filter(|(u, _)| *u != uri)
                .map(|(_, d)| (d.real.clone(), d.snapshot.clone()))
                .collect();
            let _ = self.tasks.send(Task::Check(Job {
                uri: uri.clone(),
                version: doc.version,
                path: doc.path.clone(),
                text: doc.snapshot.clone(),
                overlay: Arc::new(overlay),
            }));
        }
    }

    /// Every open spec whose last analysis read `path`: it is checked again.
    fn check_users(&self, path: &std::path::Path, except: Option<&Uri>) {
        let users: Vec<Uri> = crate::lsp::worker::lock_results(&self.results)
            .iter()
            .filter(|(u, c)| {
                Some(*u) != except
                    && c.good.as_ref().is_some_and(|(ws, _)| {
                        ws.docs()
                            .skip(1)
                            .any(|(_, d)| uri::absolute(&d.source.name).as_deref() == Some(path))
                    })
            })
            .map(|(u, _)| u.clone())
            .collect();
        for u in users {
            self.check(&u);
        }
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
                else {
                    return;
                };
                let Some(path) = uri::to_path(&p.text_document.uri) else {
                    return;
                };
                let uri = p.text_document.uri;
                self.set_latest(&uri, p.text_document.version);
                let real = path.canonicalize().unwrap_or_else(|_| path.clone());
                let doc = Doc {
                    version: p.text_document.version,
                    snapshot: Arc::from(p.text_document.text.as_str()),
                    text: Text::new(p.text_document.text),
                    path: path.clone(),
                    real,
                };
                self.docs.insert(uri.clone(), doc);
                self.check(&uri);
                // Specs that use this file now read the buffer instead.
                self.check_users(&path, Some(&uri));
            }
            note::DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                let enc = self.enc;
                let Some(doc) = self.docs.get_mut(&uri) else {
                    return;
                };
                for change in p.content_changes {
                    doc.text.apply(change, enc);
                }
                doc.version = p.text_document.version;
                doc.snapshot = Arc::from(doc.text.text.as_str());
                let path = doc.path.clone();
                self.set_latest(&uri, p.text_document.version);
                self.check(&uri);
                self.check_users(&path, Some(&uri));
            }
            note::DidSaveTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(n.params)
                else {
                    return;
                };
                if let Some(path) = uri::to_path(&p.text_document.uri) {
                    self.check_users(&path, Some(&p.text_document.uri));
                    if path
                        .file_name()
                        .and_then(|f| f.to_str())
                        .is_some_and(|f| crate::rules::config::FILE_NAMES.contains(&f))
                    {
                        let all: Vec<Uri> = self.docs.keys().cloned().collect();
                        for u in all {
                            self.check(&u);
                        }
                    }
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(n.params)
                else {
                    return;
                };
                for change in p.changes {
                    if let Some(path) = uri::to_path(&change.uri) {
                        self.check_users(&path, None);
                    }
                }
            }
            note::DidCloseTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                let closed = self.docs.remove(&uri);
                crate::lsp::worker::lock_latest(&self.latest).remove(&uri);
                let _ = self.tasks.send(Task::Close(uri.clone()));
                // Specs that used the buffer read the file on disk again.
                if let Some(doc) = closed {
                    self.check_users(&doc.path, Some(&uri));
                }
            }
            note::DidChangeConfiguration::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeConfigurationParams>(n.params)
                else {
                    return;
                };
                if let Some(base) = base_setting(&p.settings) {
                    let _ = self.tasks.send(Task::Base(base));
                    let all: Vec<Uri> = self.docs.keys().cloned().collect();
                    for u in all {
                        self.check(&u);
                    }
                }
            }
            _ => {}
        }
    }

    fn set_latest(&self, uri: &Uri, version: i32) {
        crate::lsp::worker::lock_latest(&self.latest).insert(uri.clone(), version);
    }

    fn request(&mut self, req: Request) -> Response {
        super::requests::answer(self, req)
    }
}
