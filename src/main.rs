use std::process::ExitCode;

/// A spec's tree is millions of small allocations made and freed together;
/// mimalloc's size-class pages serve them in a fraction of glibc's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Each stage bounds its own recursion, but a generous stack keeps deep yet
/// legal documents far from the limit on every platform.
const STACK_BYTES: usize = 256 * 1024 * 1024;

/// mimalloc v3's `mi_option_arena_eager_commit` (its place in `mi_option_e`,
/// which the sys crate does not name).
#[cfg(target_os = "linux")]
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// By default mimalloc commits its arenas eagerly on Linux, and what a run
/// frees stays resident: peak memory was 1.4–1.7x what lazy commit gives
/// (Stripe's lint 60 MB against 34 MB), and committing cost system time that
/// made the wall time of large diffs swing by seconds. The first allocation
/// reserves the first arena, so the option is set before `main`, from the
/// list of initializers the loader runs.
#[cfg(target_os = "linux")]
extern "C" fn allocator_options() {
    // SAFETY: sets one option by its documented number; nothing else runs yet.
    unsafe { libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0) };
}

#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static ALLOCATOR_OPTIONS: extern "C" fn() = allocator_options;

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
