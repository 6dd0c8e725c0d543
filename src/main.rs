//! The `keywork` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    keywork::cli::main()
}
