//! Kotlin spellings: identifiers, keywords, string literals and KDoc.

use heck::{ToLowerCamelCase, ToUpperCamelCase};

use crate::lang::doc::block_comment;
use crate::lang::ident::{digit_safe, escaped_string};
use crate::model::naming::ascii_words;

/// Names the generated code uses unqualified: a model type may not shadow them.
pub const RESERVED_TYPES: &[&str] = &[
    "Any",
    "ApiException",
    "Boolean",
    "Deprecated",
    "ErrorStatus",
    "DeserializationStrategy",
    "Double",
    "Int",
    "JvmInline",
    "Json",
    "JsonArray",
    "JsonContentPolymorphicSerializer",
    "JsonElement",
    "JsonNull",
    "JsonObject",
    "JsonPrimitive",
    "KSerializer",
    "List",
    "Long",
    "Map",
    "Nothing",
    "Required",
    "SerialName",
    "Serializable",
    "SerializationException",
    "String",
    "Suppress",
    "Unit",
    // The kept-properties serializers and the client.
    "ExperimentalSerializationApi",
    "ExtraPropertiesSerializer",
    "GroupedPropertiesSerializer",
    "PropertyGroup",
    "KeepGeneratedSerializer",
    "OptIn",
    "Transient",
    "Flow",
    "Duration",
    "HttpClient",
    "HttpRequest",
    "HttpResponse",
    "URI",
    "ByteArrayOutputStream",
    "DateTimeFormatter",
    "Dispatchers",
    "HttpHeaders",
    "IOException",
    "InputStream",
    "Random",
    "Route",
    "ServerSentEvents",
    "VerbatimJson",
    "VerbatimJsonSerializer",
    "TimeoutCancellationException",
    "URLEncoder",
    "ZonedDateTime",
    // Default imports (kotlin.*, kotlin.collections.*, kotlin.text.*, java.lang.*)
    // the client uses: a same-package class would shadow them.
    "Charsets",
    "Exception",
    "IllegalArgumentException",
    "MutableList",
    "RuntimeException",
    "Set",
    "StringBuilder",
    "System",
    "Throwable",
    // Serialization.kt's imports: an import wins over a same-package class, so
    // its `serializer<T>()` entries would name the import instead.
    "Decoder",
    "Encoder",
    "JsonDecoder",
    "JsonEncoder",
    "JsonUnquotedLiteral",
    "SerialDescriptor",
];

/// Kotlin's hard keywords: usable as names only between backticks.
const KEYWORDS: &[&str] = &[
    "as",
    "break",
    "class",
    "continue",
    "do",
    "else",
    "false",
    "for",
    "fun",
    "if",
    "in",
    "interface",
    "is",
    "null",
    "object",
    "package",
    "return",
    "super",
    "this",
    "throw",
    "true",
    "try",
    "typealias",
    "typeof",
    "val",
    "var",
    "when",
    "while",
];

/// Soft keywords kotlinc takes as names but other Kotlin parsers do not:
/// `dynamic` (Kotlin/JS's type) as a class-body property name stops
/// tree-sitter-kotlin, so it goes between backticks, which every parser takes.
const BACKTICKED_SOFT_KEYWORDS: &[&str] = &["dynamic"];

/// The Kotlin package: the package name's letters and digits, lower-case
/// (`ai-server-client` → `aiserverclient`), as Kotlin's conventions ask.
pub fn package_name(name: &str) -> String {
    let joined: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match joined.chars().next() {
        None => "generated".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("p{joined}"),
        Some(_) if KEYWORDS.contains(&joined.as_str()) => format!("{joined}s"),
        Some(_) => joined,
    }
}

/// A property name: lowerCamelCase, valid, and between backticks when it is a keyword.
pub fn member_name(wire: &str) -> String {
    escape_keyword(member_ident(wire))
}

/// A property name before keyword escaping: what collision suffixes are added
/// to, so that `class` and `Class` give `` `class` `` and `class2`, never `` `class`2 ``.
pub fn member_ident(wire: &str) -> String {
    let words: String = wire
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let name = words.to_lower_camel_case();
    digit_safe(name, "_", "field")
}

pub fn escape_keyword(name: String) -> String {
    if KEYWORDS.contains(&name.as_str()) || BACKTICKED_SOFT_KEYWORDS.contains(&name.as_str()) {
        format!("`{name}`")
    } else {
        name
    }
}

/// A known value's constant name: PascalCase, like Ktor's `HttpMethod.Get`.
pub fn constant_name(value: &str) -> String {
    let name = ascii_words(value).to_upper_camel_case();
    digit_safe(name, "V", "Empty")
}

/// A KDoc block. Kotlin block comments nest, so a `/*` in the text is broken up too.
pub fn kdoc(text: Option<&str>, indent: &str) -> String {
    let text = text.map(|t| t.replace("/*", "/\\*"));
    block_comment(text.as_deref(), false, indent)
}

/// A Kotlin string literal: JSON's escapes are not Kotlin's (`\f`, `\/`), and `$` starts a template.
pub fn kotlin_string(text: &str) -> String {
    escaped_string(text, '"', &['$'], |c| format!("\\u{c:04x}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_valid_kotlin() {
        assert_eq!(member_name("frequency_penalty"), "frequencyPenalty");
        assert_eq!(member_name("class"), "`class`");
        assert_eq!(member_ident("class"), "class");
        assert_eq!(member_name("123start"), "_123start");
        assert_eq!(member_name("$ref-like"), "refLike");
        assert_eq!(member_name("--"), "field");
        assert_eq!(constant_name("chat.completion"), "ChatCompletion");
        assert_eq!(constant_name(""), "Empty");
        assert_eq!(constant_name("1st"), "V1st");
        assert_eq!(package_name("ai-server-client"), "aiserverclient");
        assert_eq!(package_name("1-x"), "p1x");
    }

    #[test]
    fn strings_and_comments_are_escaped() {
        assert_eq!(kotlin_string("a$b\"\\\u{c}"), "\"a\\$b\\\"\\\\\\u000c\"");
        assert_eq!(kdoc(Some("a /* b */"), ""), "/** a /\\* b *\\/ */\n");
    }
}
