//! Layout of generated Python: line wrapping as ruff and black do it, and docstrings.

use crate::lang::doc::{clean, one_line};

/// The longest line the output aims for (ruff's and black's layout, at 100 columns).
const LINE_WIDTH: usize = 100;

/// `{head}(arg, …){tail}` at `indent`, laid out as ruff and black do: on one
/// line when it fits, else the arguments on one indented line, else one
/// argument a line with a trailing comma. `brackets` are `()` or `[]`.
pub(super) fn wrap(
    indent: &str,
    head: &str,
    brackets: (char, char),
    args: &[String],
    tail: &str,
) -> String {
    let (open, close) = brackets;
    let joined = args.join(", ");
    let one_line = format!("{indent}{head}{open}{joined}{close}{tail}");
    if one_line.chars().count() <= LINE_WIDTH {
        return one_line;
    }
    let inner = format!("{indent}    ");
    if inner.chars().count() + joined.chars().count() <= LINE_WIDTH {
        return format!("{indent}{head}{open}\n{inner}{joined}\n{indent}{close}{tail}");
    }
    let mut out = format!("{indent}{head}{open}\n");
    for arg in args {
        out.push_str(&format!("{inner}{arg},\n"));
    }
    out.push_str(&format!("{indent}{close}{tail}"));
    out
}

/// `{prefix}{value}{suffix}` at `indent`; a comprehension too long for one
/// line gets its brackets split, as ruff and black do.
pub(super) fn wrap_value(indent: &str, prefix: &str, value: &str, suffix: &str) -> String {
    let one_line = format!("{indent}{prefix}{value}{suffix}");
    let bracketed = (value.starts_with('[') && value.ends_with(']'))
        || (value.starts_with('{') && value.ends_with('}'));
    if one_line.chars().count() <= LINE_WIDTH || !bracketed {
        return one_line;
    }
    let (open, rest) = value.split_at(1);
    let (inner, close) = rest.split_at(rest.len() - 1);
    format!("{indent}{prefix}{open}\n{indent}    {inner}\n{indent}{close}{suffix}")
}

/// One line of prose inside a docstring: backslashes and `"""` escaped.
fn docstring_line(line: &str) -> String {
    line.trim_end()
        .replace('\\', "\\\\")
        .replace("\"\"\"", "\\\"\\\"\\\"")
}

/// A title (or other short text) inside a docstring: on one line, hidden
/// characters spelled out, backslashes and `"""` escaped.
pub(super) fn doc_text(text: &str) -> String {
    docstring_line(&one_line(text))
}

/// `text` as a docstring on a new line indented by `indent`, or "".
pub(super) fn docstring(text: Option<&str>, deprecated: bool, indent: &str) -> String {
    let mut lines: Vec<String> = text
        .map(|t| clean(t).lines().map(docstring_line).collect())
        .unwrap_or_default();
    if deprecated {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push("Deprecated.".to_owned());
    }
    match lines.as_slice() {
        [] => String::new(),
        // A closing quote right before `"""` would end the string early.
        [single] if single.ends_with('"') => {
            format!("\n{indent}\"\"\"{}\\\"\"\"\"", &single[..single.len() - 1])
        }
        [single] => format!("\n{indent}\"\"\"{single}\"\"\""),
        [first, rest @ ..] => {
            let mut out = format!("\n{indent}\"\"\"{first}\n");
            for line in rest {
                if !line.is_empty() {
                    out.push_str(indent);
                    out.push_str(line);
                }
                out.push('\n');
            }
            out.push_str(indent);
            out.push_str("\"\"\"");
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_calls_wrap_like_ruff() {
        let args = ["a".to_owned(), "b".to_owned()];
        assert_eq!(wrap("", "f", ('(', ')'), &args, ""), "f(a, b)");
        let long = ["x".repeat(60), "y".repeat(30)];
        assert_eq!(
            wrap("    ", "call", ('(', ')'), &long, ","),
            format!("    call(\n        {}, {}\n    ),", long[0], long[1])
        );
        let longer = ["x".repeat(60), "y".repeat(60)];
        assert_eq!(
            wrap("", "T = Union", ('[', ']'), &longer, ""),
            format!("T = Union[\n    {},\n    {},\n]", longer[0], longer[1])
        );
    }

    #[test]
    fn docstrings_escape_quotes_and_backslashes() {
        assert_eq!(docstring(None, false, ""), "");
        assert_eq!(docstring(Some("Hi."), false, "  "), "\n  \"\"\"Hi.\"\"\"");
        assert_eq!(
            docstring(Some("a \"\"\" b\n\nc \\d \"q\""), true, ""),
            "\n\"\"\"a \\\"\\\"\\\" b\n\nc \\\\d \"q\"\n\nDeprecated.\n\"\"\""
        );
        assert_eq!(
            docstring(Some("ends \"q\""), false, ""),
            "\n\"\"\"ends \"q\\\"\"\"\""
        );
    }
}
