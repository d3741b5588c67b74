//! Language-neutral type names: what the loader calls defs and inline types.

use heck::ToUpperCamelCase;

/// A PascalCase identifier for a schema name such as `chat-message` or `1st`.
/// Names that already are identifiers keep their spelling (`HTTPRequest` stays).
pub fn type_name(raw: &str) -> String {
    let mut chars = raw.chars();
    if let Some(first) = chars.next() {
        if first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric()) {
            return format!("{}{}", first.to_ascii_uppercase(), &raw[1..]);
        }
    }
    let cleaned: String = raw
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let name = cleaned.to_upper_camel_case();
    match name.chars().next() {
        None => "Type".to_owned(),
        Some(first) if first.is_ascii_digit() => format!("T{name}"),
        Some(_) => name,
    }
}

/// `text` with every run of non-ASCII-alphanumeric characters turned into a
/// word break, ready for heck's casing (`chat.completion` → `chat completion`).
pub fn ascii_words(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Escapes one JSON pointer segment (RFC 6901).
pub fn pointer_segment(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_are_pascal_case_identifiers() {
        assert_eq!(type_name("chat-message"), "ChatMessage");
        assert_eq!(type_name("OpenAiChat"), "OpenAiChat");
        assert_eq!(type_name("HTTPRequest"), "HTTPRequest");
        assert_eq!(type_name("class"), "Class");
        assert_eq!(type_name("foo.bar_baz"), "FooBarBaz");
        assert_eq!(type_name("1st"), "T1st");
        assert_eq!(type_name("--"), "Type");
    }

    #[test]
    fn pointer_segments_are_escaped() {
        assert_eq!(pointer_segment("a/b~c"), "a~1b~0c");
    }
}
