//! Doc-comment rendering shared by the backends.

use std::borrow::Cow;

use crate::model::Field;

/// Whether `c` must not appear raw in generated source: control characters
/// other than newline and tab (NUL, ESC, DEL, C1), and invisible format
/// characters (zero-width spaces and joiners, bidi overrides, the BOM, soft
/// hyphen) that compilers reject or that hide what the code says.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// Schema prose made safe for any comment: line breaks (CR, CRLF, NEL, the
/// Unicode line and paragraph separators, which end a `//` comment in C# and
/// JavaScript) become `\n`, and every other hidden character is spelled
/// `U+XXXX` so that nothing invisible or terminating is copied raw.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\u{0085}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_hidden(c) => out.push_str(&format!("U+{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` cleaned and on one line (a banner, a title in a one-line comment).
pub fn one_line(text: &str) -> String {
    clean(text)
        .split('\n')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` as a `/** ... */` block indented by `indent`, or "" when there is no text.
pub fn block_comment(text: Option<&str>, deprecated: bool, indent: &str) -> String {
    wrapped_block_comment(text, deprecated, indent, usize::MAX)
}

/// `block_comment` with its lines wrapped at spaces so that none is longer
/// than `width` characters (PSR-12's 120), unless one word alone is.
pub fn wrapped_block_comment(
    text: Option<&str>,
    deprecated: bool,
    indent: &str,
    width: usize,
) -> String {
    // ` * ` before each line, or `/** ` and ` */` around a single one.
    let room = width.saturating_sub(indent.chars().count() + 7).max(20);
    let mut lines: Vec<String> = text
        .map(|t| {
            clean(t)
                .lines()
                .flat_map(|line| wrap_words(&line.trim_end().replace("*/", "*\\/"), room))
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

/// `line` broken at spaces into lines of at most `room` characters where the
/// words allow; "" stays one empty line.
pub fn wrap_words(line: &str, room: usize) -> Vec<String> {
    if line.chars().count() <= room {
        return vec![line.to_owned()];
    }
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > room {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    out.push(current);
    out
}

/// `text` as line comments (`marker` is `///`, `#`, `\'\'\'`…) indented by
/// `indent`, or "" when there is no text. Blank lines keep a bare marker.
pub fn line_comment(text: Option<&str>, indent: &str, marker: &str) -> String {
    let mut out = String::new();
    for line in clean(text.unwrap_or_default()).lines() {
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
    use super::{block_comment, clean, line_comment, one_line, wrapped_block_comment};

    #[test]
    fn wrapped_comments_stay_within_the_width() {
        let text = "word ".repeat(60);
        let out = wrapped_block_comment(Some(&text), false, "    ", 120);
        assert!(out.lines().count() > 3);
        assert!(out.lines().all(|l| l.chars().count() <= 120), "{out}");
        assert_eq!(out.matches("word").count(), 60);
        assert_eq!(
            wrapped_block_comment(Some("short"), false, "", 120),
            "/** short */\n"
        );
    }

    #[test]
    fn hidden_characters_are_spelled_out() {
        assert_eq!(clean("plain"), "plain");
        assert_eq!(
            clean("a\u{0}b\u{200B}c\u{7F}d\u{1B}e\u{FEFF}\tf"),
            "aU+0000bU+200BcU+007FdU+001BeU+FEFF\tf"
        );
        assert_eq!(
            clean("1\r\n2\r3\u{2028}4\u{2029}5\u{85}6"),
            "1\n2\n3\n4\n5\n6"
        );
        assert_eq!(one_line("a\nb\u{2028}c\u{0}"), "a b cU+0000");
        assert_eq!(line_comment(Some("x\u{2028}y"), "", "//"), "// x\n// y\n");
        assert_eq!(block_comment(Some("\u{0}"), false, ""), "/** U+0000 */\n");
    }

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
