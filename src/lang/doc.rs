//! Doc-comment rendering shared by the backends.

use crate::model::Field;

/// `text` as a `/** ... */` block indented by `indent`, or "" when there is no text.
pub fn block_comment(text: Option<&str>, deprecated: bool, indent: &str) -> String {
    let mut lines: Vec<String> = text
        .map(|t| {
            t.lines()
                .map(|line| line.trim_end().replace("*/", "*\\/"))
                .collect()
        })
        .unwrap_or_default();
    if deprecated {
        lines.push("@deprecated".to_owned());
    }
    match lines.as_slice() {
        [] => String::new(),
        [single] => format!("{indent}/** {single} */\n"),
        many => {
            let mut out = format!("{indent}/**\n");
            for line in many {
                if line.is_empty() {
                    out.push_str(&format!("{indent} *\n"));
                } else {
                    out.push_str(&format!("{indent} * {line}\n"));
                }
            }
            out.push_str(&format!("{indent} */\n"));
            out
        }
    }
}

/// `text` as line comments (`marker` is `///`, `#`, `\'\'\'`…) indented by
/// `indent`, or "" when there is no text. Blank lines keep a bare marker.
pub fn line_comment(text: Option<&str>, indent: &str, marker: &str) -> String {
    let mut out = String::new();
    for line in text.unwrap_or_default().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            out.push_str(&format!("{indent}{marker}\n"));
        } else {
            out.push_str(&format!("{indent}{marker} {line}\n"));
        }
    }
    out
}

/// A field's description, with its schema default appended.
pub fn field_doc(field: &Field) -> Option<String> {
    let default = field
        .default
        .as_ref()
        .map(|value| format!("Defaults to `{value}`."));
    match (field.description.as_deref(), default) {
        (Some(text), Some(default)) => Some(format!("{text}\n\n{default}")),
        (Some(text), None) => Some(text.to_owned()),
        (None, default) => default,
    }
}

#[cfg(test)]
mod tests {
    use super::{block_comment, line_comment};

    #[test]
    fn renders_line_comments() {
        assert_eq!(line_comment(None, "", "///"), "");
        assert_eq!(
            line_comment(Some("a\n\nb"), "  ", "#"),
            "  # a\n  #\n  # b\n"
        );
    }

    #[test]
    fn renders_single_and_multi_line_comments() {
        assert_eq!(block_comment(None, false, ""), "");
        assert_eq!(block_comment(Some("Hi."), false, "  "), "  /** Hi. */\n");
        assert_eq!(
            block_comment(Some("a\n\nb */ c"), true, ""),
            "/**\n * a\n *\n * b *\\/ c\n * @deprecated\n */\n"
        );
    }
}
