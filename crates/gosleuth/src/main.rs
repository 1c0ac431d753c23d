//! gosleuth: the command-line analyst for Go services.

// Decoding many profiles is allocation-bound (millions of small strings and
// vectors); mimalloc measured ~25% faster than the system allocator here.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod args;
mod commands;
mod input;
mod input_merged;
mod progress;

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    // tree-sitter's parses allocate through mimalloc too: indexing a source
    // tree spent a tenth of its time in glibc's malloc and free.
    #[allow(unsafe_code)]
    // SAFETY: first thing in main: no tree-sitter object exists yet.
    unsafe {
        gosleuth_go::parse_with_mimalloc();
    }
    let cli = args::parse(std::env::args_os());
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "error: {}", one_line(&err));
            ExitCode::from(2)
        }
    }
}

/// The error chain joined on one line: `SOURCE: what is wrong`.
fn one_line(err: &anyhow::Error) -> String {
    err.chain()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ")
        .replace('\n', " ")
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
