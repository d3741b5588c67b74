//! Identifier and literal helpers shared by the backends.

use crate::model::Shape;

/// `name`, or `name2`, `name3`… if it is already in `used`; records the result.
pub fn unique(name: String, used: &mut Vec<String>) -> String {
    let mut candidate = name.clone();
    let mut counter = 2;
    while used.contains(&candidate) {
        candidate = format!("{name}{counter}");
        counter += 1;
    }
    used.push(candidate.clone());
    candidate
}

/// A JSON string literal: also a valid string literal in languages whose
/// escapes are a superset of JSON's (TypeScript, JavaScript, Java, C#, Python).
pub fn json_string(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

/// A backslash-escaped string literal delimited by `quote`: the quote, `\\`,
/// newline, carriage return, tab and every character of `also` (say `$`) get a
/// backslash; other control characters are spelled by `control` (the
/// language's unicode escape, given the code point).
pub fn escaped_string(
    text: &str,
    quote: char,
    also: &[char],
    control: fn(u32) -> String,
) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote || c == '\\' || also.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&control(c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// The lower-case name of a JSON shape, as generated decoders spell it.
pub fn shape_name(shape: Shape) -> &'static str {
    match shape {
        Shape::String => "string",
        Shape::Bool => "boolean",
        Shape::Integer => "integer",
        Shape::Number => "number",
        Shape::Array => "array",
        Shape::Object => "object",
        Shape::Any => "any",
    }
}

/// Whether `text` is an ASCII identifier (`[A-Za-z_][A-Za-z0-9_]*`).
pub fn is_ascii_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_names_get_a_counter() {
        let mut used = Vec::new();
        assert_eq!(unique("A".into(), &mut used), "A");
        assert_eq!(unique("A".into(), &mut used), "A2");
        assert_eq!(unique("A".into(), &mut used), "A3");
    }

    #[test]
    fn identifiers_and_literals() {
        assert!(is_ascii_identifier("_a1"));
        assert!(!is_ascii_identifier("1a"));
        assert!(!is_ascii_identifier("a-b"));
        assert_eq!(json_string("a\"b\n"), "\"a\\\"b\\n\"");
        let swift = |c| format!("\\u{{{c:x}}}");
        assert_eq!(
            escaped_string("a\"$\u{1}", '"', &['$'], swift),
            "\"a\\\"\\$\\u{1}\""
        );
    }
}
