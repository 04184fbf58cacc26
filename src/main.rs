use std::process::ExitCode;

/// A spec's tree is millions of small allocations made and freed together;
/// mimalloc's size-class pages serve them in a fraction of glibc's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Each stage bounds its own recursion, but a generous stack keeps deep yet
/// legal documents far from the limit on every platform.
const STACK_BYTES: usize = 256 * 1024 * 1024;

fn main() -> ExitCode {
    let worker = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(|| vapi_spec::cli::run(std::env::args_os()));
    match worker.map(|handle| handle.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("error: vapi-spec stopped unexpectedly; please report this with the input that caused it");
            ExitCode::from(2)
        }
    }
}
