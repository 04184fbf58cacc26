//! `vapi-spec lsp`: the language server. Lint findings and the changes
//! against a base (`base:` in `.vapi-spec.yaml`, or the client's setting)
//! as diagnostics while the spec is typed; `$ref` navigation, hover, the
//! outline and code actions. The protocol is `lsp-server` and `lsp-types`,
//! the crates rust-analyzer speaks it with.

// `lsp_types::Uri` keeps its parsed parts in cells, which clippy takes for
// a key that can change; it hashes and compares its text, which cannot.
#![allow(clippy::mutable_key_type)]

pub mod actions;
pub mod analysis;
pub mod diagnostics;
pub mod navigation;
mod requests;
mod server;
pub mod text;
pub mod uri;
mod worker;

pub use server::serve;

/// Serves the client on standard input and output until it shuts down.
pub fn run_stdio() -> Result<(), String> {
    let (connection, io) = lsp_server::Connection::stdio();
    serve(connection)?;
    io.join().map_err(|e| format!("the connection failed: {e}"))
}
