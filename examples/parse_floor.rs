//! The floor any tool that reads JSON pays: a plain `serde_json` parse of
//! each file named, into `serde_json::Value`, with the binary's allocator.
//! Prints the wall time in milliseconds. Used by `bench/compare.sh`.
//!
//!     cargo run --release --example parse_floor -- a.json b.json

use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let start = Instant::now();
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                return std::process::ExitCode::from(2);
            }
        };
        if let Err(e) = serde_json::from_slice::<serde_json::Value>(&bytes) {
            eprintln!("{path}: {e}");
            return std::process::ExitCode::from(2);
        }
    }
    println!("{:.1}", start.elapsed().as_secs_f64() * 1000.0);
    std::process::ExitCode::SUCCESS
}
