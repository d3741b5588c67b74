//! `cargo run --example parse_tree -- <swift|dart> DIR`: parses every source
//! file of that language under DIR with its tree-sitter grammar and fails on
//! the first ERROR or MISSING node of each file, naming file, line and column.
//! The build check of the languages with no compiler on this machine (their
//! scripts/lang hooks), so `scripts/openai-spec --build` and `scripts/corpus`
//! check what they generated, not a re-render.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tree_sitter::{Language, Node, Parser};

/// The grammar and file extension of a language this check covers.
fn grammar(lang: &str) -> Option<(Language, &'static str)> {
    match lang {
        "swift" => Some((tree_sitter_swift::LANGUAGE.into(), "swift")),
        "dart" => Some((tree_sitter_dart::LANGUAGE.into(), "dart")),
        _ => None,
    }
}

fn first_error(node: Node) -> Option<Node> {
    if node.is_error() || node.is_missing() {
        return Some(node);
    }
    if !node.has_error() {
        return None;
    }
    let mut cursor = node.walk();
    let children: Vec<Node> = node.children(&mut cursor).collect();
    children.into_iter().find_map(first_error)
}

/// Every file under `dir` ending in `.extension`, sorted.
fn sources(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, extension, out)?;
        } else if path.extension().and_then(|e| e.to_str()) == Some(extension) {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [lang, dir] = args.as_slice() else {
        eprintln!("usage: parse_tree <swift|dart> DIR");
        return ExitCode::from(2);
    };
    let Some((language, extension)) = grammar(lang) else {
        eprintln!("error: no grammar for language '{lang}' (swift, dart)");
        return ExitCode::from(2);
    };
    let mut files = Vec::new();
    if let Err(e) = sources(Path::new(dir), extension, &mut files) {
        eprintln!("error: cannot read {dir}: {e}");
        return ExitCode::from(2);
    }
    if files.is_empty() {
        eprintln!("error: no .{extension} file under {dir}");
        return ExitCode::FAILURE;
    }
    let mut parser = Parser::new();
    if let Err(e) = parser.set_language(&language) {
        eprintln!("error: the {lang} grammar does not load: {e}");
        return ExitCode::from(2);
    }
    let mut failed = 0;
    for path in &files {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", path.display());
                failed += 1;
                continue;
            }
        };
        let Some(tree) = parser.parse(&text, None) else {
            eprintln!("error: {}: the parser returned no tree", path.display());
            failed += 1;
            continue;
        };
        if let Some(node) = first_error(tree.root_node()) {
            let position = node.start_position();
            let line = text.lines().nth(position.row).unwrap_or("");
            eprintln!(
                "error: {}:{}:{}: does not parse ({}): {}",
                path.display(),
                position.row + 1,
                position.column + 1,
                node.kind(),
                line.trim()
            );
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
