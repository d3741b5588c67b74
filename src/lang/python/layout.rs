//! Layout of generated Python: docstrings and doc text (line wrapping is in `wrap`).

use crate::lang::doc::{clean, one_line};

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

/// Whether the last character is escaped: `docstring_line` doubles every
/// backslash of the text, so an odd run before it is an escape.
fn ends_escaped(line: &str) -> bool {
    let body = &line[..line.len() - 1];
    (body.len() - body.trim_end_matches('\\').len()) % 2 == 1
}

/// `text` as a docstring on a new line indented by `indent`, or "".
pub(super) fn docstring(text: Option<&str>, deprecated: bool, indent: &str) -> String {
    let mut lines: Vec<String> = text
        .map(|t| clean(t).lines().map(docstring_line).collect())
        .unwrap_or_default();
    // As ruff does: the lines after the first lose their common indentation.
    let common = lines
        .iter()
        .skip(1)
        .filter(|line| !line.is_empty())
        .map(|line| line.len() - line.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    for line in lines.iter_mut().skip(1) {
        if !line.is_empty() {
            line.drain(..common);
        }
    }
    if deprecated {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push("Deprecated.".to_owned());
    }
    match lines.as_slice() {
        [] => String::new(),
        // A closing quote right before `"""` would end the string early
        // (unless already escaped: an odd run of backslashes before it).
        [single] if single.ends_with('"') && !ends_escaped(single) => {
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
    fn docstrings_escape_quotes_and_backslashes() {
        assert_eq!(docstring(None, false, ""), "");
        assert_eq!(docstring(Some("Hi."), false, "  "), "\n  \"\"\"Hi.\"\"\"");
        assert_eq!(
            docstring(Some("a \"\"\" b\n\nc \\d \"q\""), true, ""),
            "\n\"\"\"a \\\"\\\"\\\" b\n\nc \\\\d \"q\"\n\nDeprecated.\n\"\"\""
        );
        assert_eq!(
            docstring(Some("List:\n  - a\n    b\n\n  - c"), false, ""),
            "\n\"\"\"List:\n- a\n  b\n\n- c\n\"\"\""
        );
        assert_eq!(
            docstring(Some("ends \"q\""), false, ""),
            "\n\"\"\"ends \"q\\\"\"\"\""
        );

        // Already escaped by `"""`; a backslash of the text stays a backslash.
        assert_eq!(
            docstring(Some(r#"ends """"#), false, ""),
            "\n".to_owned() + r##""""ends \"\"\"""""##
        );
        assert_eq!(
            docstring(Some(r#"ends \""#), false, ""),
            "\n".to_owned() + r##""""ends \\\"""""##
        );
    }
}
