//! The `sitrep` binary: everything happens in [`sitrep::cli`], so tests can run it in-process.

fn main() -> std::process::ExitCode {
    sitrep::cli::main_with_args(std::env::args_os())
}
