use std::process::ExitCode;

use clap::Parser;
use dtogen::cli::{run, Cli};
use dtogen::parallel::STACK_BYTES;

// Generation is allocation-heavy (many small strings); mimalloc roughly halves
// the time the system allocator takes on large schemas (see benches/generate.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
