//! Test support for the "every name the generated code uses is reserved"
//! checks: the words of C-like generated code outside comments and string
//! literals, and the schemas those checks render.

use std::path::Path;

use crate::model::Model;
use crate::source::SchemaSource;

/// What separates code from comments and literals in one language.
pub struct Syntax {
    /// Characters that open (and close) a string or character literal.
    pub quotes: &'static str,
    /// Characters besides letters and digits that identifiers may hold.
    pub identifier_extras: &'static str,
}

/// One identifier of the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The last non-blank character before it, or ' ' when only blanks
    /// separate it from the word before.
    pub before: char,
    /// The identifier before it.
    pub prev: String,
    pub text: String,
}

/// Every identifier of `source` outside `//` and `/* */` comments and
/// literals, in order (number literals are not identifiers).
pub fn words(source: &str, syntax: &Syntax) -> Vec<Word> {
    let is_part = |c: char| c.is_alphanumeric() || syntax.identifier_extras.contains(c);
    let mut out: Vec<Word> = Vec::new();
    let mut chars = source.chars().peekable();
    let mut before = ' ';
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('/', Some('/')) => {
                chars.by_ref().find(|&c| c == '\n');
                before = ' ';
            }
            ('/', Some('*')) => {
                let mut last = ' ';
                chars.by_ref().find(|&c| {
                    let end = last == '*' && c == '/';
                    last = c;
                    end
                });
                before = ' ';
            }
            (quote, _) if syntax.quotes.contains(quote) => {
                while let Some(next) = chars.next() {
                    match next {
                        '\\' => {
                            chars.next();
                        }
                        end if end == quote => break,
                        _ => {}
                    }
                }
                before = quote;
            }
            (c, _) if is_part(c) => {
                let mut text = String::from(c);
                while let Some(&next) = chars.peek().filter(|&&next| is_part(next)) {
                    text.push(next);
                    chars.next();
                }
                if !c.is_ascii_digit() {
                    let prev = out.last().map(|w| w.text.clone()).unwrap_or_default();
                    out.push(Word { before, prev, text });
                }
                before = ' ';
            }
            (c, _) if c.is_whitespace() => {}
            (c, _) => before = c,
        }
    }
    out
}

/// The built-in DTOs and every tests/schemas file whose file name `keep`
/// accepts, sorted by name.
pub fn sample_sources(keep: impl Fn(&str) -> bool) -> Vec<SchemaSource> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/schemas exists")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.file_name().and_then(|n| n.to_str()).is_some_and(&keep))
        .collect();
    paths.sort();
    let mut sources = vec![SchemaSource::BuiltIn];
    sources.extend(paths.into_iter().map(SchemaSource::File));
    sources
}

/// The models of [`sample_sources`] but the big ones (`big-*`).
pub fn sample_models() -> Vec<Model> {
    sample_sources(|name| !name.starts_with("big-"))
        .iter()
        .map(|source| {
            source
                .model()
                .unwrap_or_else(|e| panic!("{}: {e}", source.label()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{words, Syntax};

    const C_LIKE: Syntax = Syntax {
        quotes: "\"'",
        identifier_extras: "_$",
    };

    #[test]
    fn words_skip_comments_literals_and_numbers() {
        let code = "// Line Comment\n/* Block * Comment */ final Set<String> a = {'It\\'s', \"Say \\\"Hi\\\"\"}; x.Client(1L); Map < K >";
        let scanned = words(code, &C_LIKE);
        let found: Vec<(char, &str, &str)> = scanned
            .iter()
            .map(|w| (w.before, w.prev.as_str(), w.text.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (' ', "", "final"),
                (' ', "final", "Set"),
                ('<', "Set", "String"),
                ('>', "String", "a"),
                (';', "a", "x"),
                ('.', "x", "Client"),
                (';', "Client", "Map"),
                ('<', "Map", "K"),
            ]
        );
    }
}
