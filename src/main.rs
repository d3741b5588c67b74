use std::process::ExitCode;

use clap::Parser;
use dtogen::cli::{run, Cli};

/// Deeply nested schemas ($ref and allOf chains a thousand deep) are walked
/// recursively; a large stack keeps that far from any overflow.
const STACK_BYTES: usize = 512 * 1024 * 1024;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let worker = std::thread::Builder::new()
        .name("dtogen".into())
        .stack_size(STACK_BYTES)
        .spawn(move || run(cli));
    let outcome = match worker.map(|handle| handle.join()) {
        Ok(Ok(outcome)) => outcome,
        _ => {
            eprintln!("error: dtogen could not run its worker thread");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
