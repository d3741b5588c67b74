use std::process::ExitCode;

use clap::Parser;
use dtogen::cli::{run, Cli, STACK_BYTES};

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
