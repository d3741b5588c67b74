//! Parse-level verification: every generated source file parses with a
//! tree-sitter grammar for its language, with no ERROR or MISSING node.

use std::path::Path;

use dtogen::cli::render;
use dtogen::lang::{Backend, BACKENDS};
use dtogen::source::SchemaSource;
use tree_sitter::{Language, Parser};

#[path = "support/grammars.rs"]
mod grammars;
use grammars::first_error;

/// The grammar for a file of a backend's output, or None for files that are
/// not source code (manifests, README).
fn grammar(backend: &str, path: &Path) -> Option<Language> {
    grammars::grammar(backend, path.extension()?.to_str()?)
}

fn parse_all(label: &str, backend: &dyn Backend, source: &SchemaSource) -> usize {
    let model = source.model().unwrap_or_else(|e| panic!("{e}"));
    let mut parsed = 0;
    for file in render(backend, &model).expect("renders") {
        let Some(language) = grammar(backend.name(), &file.path) else {
            continue;
        };
        let mut parser = Parser::new();
        parser.set_language(&language).expect("grammar loads");
        let tree = parser
            .parse(&file.contents, None)
            .expect("parser returns a tree");
        if let Some(node) = first_error(tree.root_node()) {
            let position = node.start_position();
            let line = file.contents.lines().nth(position.row).unwrap_or("");
            panic!(
                "{label}: {} does not parse at {}:{} ({}): {line}",
                file.path.display(),
                position.row + 1,
                position.column + 1,
                node.kind()
            );
        }
        parsed += 1;
    }
    parsed
}

#[test]
fn every_generated_source_file_parses() {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas");
    let mut sources = vec![("built-in".to_owned(), SchemaSource::BuiltIn)];
    for entry in std::fs::read_dir(schemas)
        .expect("tests/schemas exists")
        .flatten()
    {
        let path = entry.path();
        sources.push((path.display().to_string(), SchemaSource::File(path)));
    }
    for backend in BACKENDS {
        // VB.NET has no grammar crate (see `grammar`); scripts/verify parses it.
        if backend.name() == "vbnet" {
            continue;
        }
        let parsed: usize = sources
            .iter()
            .map(|(label, source)| parse_all(label, *backend, source))
            .sum();
        assert!(parsed > 0, "{}: no file was parsed", backend.name());
    }
}

#[test]
fn the_parse_check_catches_broken_code() {
    let mut parser = Parser::new();
    let language: Language = tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into();
    parser.set_language(&language).expect("grammar loads");
    let tree = parser
        .parse("export interface A { b: string;", None)
        .expect("tree");
    assert!(first_error(tree.root_node()).is_some());
}
