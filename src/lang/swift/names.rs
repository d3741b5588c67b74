//! Swift naming: member and enum case names, keyword escaping, literals.

use heck::ToLowerCamelCase;

use crate::lang::ident::{digit_safe, escaped_string, is_ascii_identifier};
use crate::model::naming::ascii_words;

/// A lowerCamelCase member name (unescaped) for a wire name; Swift accepts
/// Unicode letters in identifiers, so they are kept. A wire name that already
/// is a lowerCamelCase identifier keeps its spelling (`iOSVersion` stays).
pub(super) fn member_name(wire: &str) -> String {
    if is_ascii_identifier(wire)
        && !wire.contains('_')
        && wire.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return wire.to_owned();
    }
    let cleaned: String = wire
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let name = cleaned.to_lower_camel_case();
    digit_safe(name, "_", "value")
}

pub(super) fn enum_member_name(value: &str) -> String {
    let name = ascii_words(value).to_lower_camel_case();
    digit_safe(name, "v", "empty")
}

/// The client's own members (templates/swift/Client.swift): an operation's
/// method is never named like one, so `self.timeout` or `send(…)` inside
/// the client stays unambiguous.
pub(super) const CLIENT_MEMBERS: &[&str] = &[
    "addQuery",
    "baseURL",
    "bearerToken",
    "clip",
    "defaultBaseURL",
    "defaultMaxRetries",
    "defaultTimeout",
    "errorStatus",
    "event",
    "failure",
    "headerValue",
    "initialBackoffMs",
    "jitter",
    "makeRequest",
    "maxBackoffMs",
    "maxRetries",
    "maxRetryAfterMs",
    "nanoseconds",
    "networkError",
    "percentEncode",
    "pump",
    "readEvents",
    "requestIDHeader",
    "retryAfter",
    "retryWait",
    "retryable",
    "retrying",
    "send",
    "session",
    "stream",
    "streamDone",
    "timeout",
    "withDeadline",
];

/// Swift's keywords: escaped with backticks when used as names.
pub(super) const KEYWORDS: &[&str] = &[
    "Any",
    "Protocol",
    "Self",
    "Type",
    "as",
    "associatedtype",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "continue",
    "default",
    "defer",
    "deinit",
    "do",
    "else",
    "enum",
    "extension",
    "fallthrough",
    "false",
    "fileprivate",
    "for",
    "func",
    "guard",
    "if",
    "import",
    "in",
    "init",
    "inout",
    "internal",
    "is",
    "let",
    "nil",
    "open",
    "operator",
    "precedencegroup",
    "private",
    "protocol",
    "public",
    "repeat",
    "rethrows",
    "return",
    "self",
    "static",
    "struct",
    "subscript",
    "super",
    "switch",
    "throw",
    "throws",
    "true",
    "try",
    "typealias",
    "var",
    "where",
    "while",
];

pub(super) fn escape(name: &str) -> String {
    if KEYWORDS.contains(&name) {
        format!("`{name}`")
    } else {
        name.to_owned()
    }
}

/// A Swift string literal (Swift spells escapes `\u{..}`, unlike JSON).
pub(super) fn swift_string(text: &str) -> String {
    escaped_string(text, '"', &[], |c| format!("\\u{{{c:x}}}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn names_and_literals() {
        assert_eq!(member_name("top_p"), "topP");
        assert_eq!(member_name("iOSVersion"), "iOSVersion");
        assert_eq!(member_name("RefId"), "refId");
        assert_eq!(member_name("$ref-like"), "refLike");
        assert_eq!(member_name("123start"), "_123start");
        assert_eq!(member_name("ünïcode"), "ünïcode");
        assert_eq!(escape("class"), "`class`");
        assert_eq!(enum_member_name("chat.completion"), "chatCompletion");
        assert_eq!(enum_member_name("1st"), "v1st");
        assert_eq!(swift_string("a\"\\\u{1}$\\("), "\"a\\\"\\\\\\u{1}$\\\\(\"");
    }
}
