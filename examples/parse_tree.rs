//! `cargo run --example parse_tree -- <lang> DIR`: parses every source file of
//! that language under DIR with its tree-sitter grammar and fails on the first
//! ERROR or MISSING node of each file, naming file, line and column. The build
//! check of the languages with no compiler on this machine (Swift's and
//! Dart's scripts/lang hooks), so `scripts/openai-spec --build` and
//! `scripts/corpus` check what they generated, not a re-render.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tree_sitter::{Language, Parser};

#[path = "../tests/support/grammars.rs"]
mod grammars;
use grammars::{first_error, grammar};

/// Every file under `dir` that `lang` has a grammar for, sorted, with it.
fn sources(dir: &Path, lang: &str, out: &mut Vec<(PathBuf, Language)>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, lang, out)?;
        } else if let Some(language) = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(|extension| grammar(lang, extension))
        {
            out.push((path, language));
        }
    }
    Ok(())
}

/// The first syntax error of one file, as `file:line:column: …`.
fn check(parser: &mut Parser, path: &Path, language: &Language) -> Result<(), String> {
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    parser
        .set_language(language)
        .map_err(|e| format!("the grammar for {shown} does not load: {e}"))?;
    let tree = parser
        .parse(&text, None)
        .ok_or_else(|| format!("{shown}: the parser returned no tree"))?;
    let Some(node) = first_error(tree.root_node()) else {
        return Ok(());
    };
    let position = node.start_position();
    let line = text.lines().nth(position.row).unwrap_or("");
    Err(format!(
        "{shown}:{}:{}: does not parse ({}): {}",
        position.row + 1,
        position.column + 1,
        node.kind(),
        line.trim()
    ))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [lang, dir] = args.as_slice() else {
        eprintln!("usage: parse_tree <lang> DIR");
        return ExitCode::from(2);
    };
    let mut files = Vec::new();
    if let Err(e) = sources(Path::new(dir), lang, &mut files) {
        eprintln!("error: cannot read {dir}: {e}");
        return ExitCode::from(2);
    }
    if files.is_empty() {
        eprintln!("error: no {lang} source file under {dir} (or no grammar for '{lang}')");
        return ExitCode::FAILURE;
    }
    let mut parser = Parser::new();
    let mut failed = 0;
    for (path, language) in &files {
        if let Err(message) = check(&mut parser, path, language) {
            eprintln!("error: {message}");
            failed += 1;
        }
    }
    println!(
        "{lang}: {} of {} files parse",
        files.len() - failed,
        files.len()
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
