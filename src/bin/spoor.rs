//! The native command line: `spoor trace`, `spoor simulate`, `spoor serve-chain`.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    spoor::cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
