//! The tree-sitter grammar of each language's source files, and the first
//! syntax error in a tree. Shared by tests/parse.rs and
//! examples/parse_tree.rs (each includes this file with `#[path]`).

use tree_sitter::{Language, Node};

/// The grammar for a file of a language's output with this extension, or
/// None for files that are not source code (manifests, README).
pub fn grammar(lang: &str, extension: &str) -> Option<Language> {
    match (lang, extension) {
        ("typescript", "ts") => Some(tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()),
        ("javascript", "js" | "mjs") => Some(tree_sitter_javascript::LANGUAGE.into()),
        ("java", "java") => Some(tree_sitter_java::LANGUAGE.into()),
        ("kotlin", "kt" | "kts") => Some(tree_sitter_kotlin_ng::LANGUAGE.into()),
        ("php", "php") => Some(tree_sitter_php::LANGUAGE_PHP.into()),
        ("fsharp", "fs") => Some(tree_sitter_fsharp::LANGUAGE_FSHARP.into()),
        ("swift", "swift") => Some(tree_sitter_swift::LANGUAGE.into()),
        ("dart", "dart") => Some(tree_sitter_dart::LANGUAGE.into()),
        ("csharp", "cs") => Some(tree_sitter_c_sharp::LANGUAGE.into()),
        // VB.NET (.vb) is not here: no crates.io VB grammar parses `List(Of T)`.
        // `scripts/verify vbnet` parses it with the PyPI tree-sitter-vb-dotnet.
        ("python", "py" | "pyi") => Some(tree_sitter_python::LANGUAGE.into()),
        _ => None,
    }
}

/// The first ERROR or MISSING node of a tree, depth first.
pub fn first_error(node: Node) -> Option<Node> {
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
