//! Java spelling: identifiers, the package name, and Javadoc text.

use heck::{ToLowerCamelCase, ToShoutySnakeCase};

use super::super::ident::{digit_safe, is_ascii_identifier, xml_text};
use crate::model::naming::ascii_words;

/// Java's keywords and literals, plus the contextual words that are unsafe as names.
const KEYWORDS: &[&str] = &[
    "_",
    "abstract",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "false",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "null",
    "package",
    "permits",
    "private",
    "protected",
    "public",
    "record",
    "return",
    "sealed",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "true",
    "try",
    "var",
    "void",
    "volatile",
    "while",
    "yield",
];

/// Simple names the generated files use unqualified (imports, `java.lang`
/// types, the helper classes and the client's nested `Route` and `Events`); a
/// model type with one of these names would shadow it (or clash), so it gets another name.
pub const RESERVED_TYPES: &[&str] = &[
    "ApiException",
    "ArithmeticException",
    "ArrayList",
    "Attempt",
    "AutoCloseable",
    "BeanProperty",
    "Boolean",
    "BufferedReader",
    "Callable",
    "CancellationException",
    "Character",
    "Class",
    "Collectors",
    "CompletableFuture",
    "ConnectException",
    "Consumer",
    "ContextualDeserializer",
    "DateTimeFormatter",
    "DateTimeParseException",
    "Deprecated",
    "DeserializationContext",
    "Deserializer",
    "Double",
    "Duration",
    "Event",
    "Events",
    "ExecutionException",
    "Function",
    "FunctionalInterface",
    "HttpClient",
    "HttpConnectTimeoutException",
    "HttpHeaders",
    "HttpRequest",
    "HttpResponse",
    "HttpTimeoutException",
    "IOException",
    "IllegalArgumentException",
    "IllegalStateException",
    "InputStream",
    "InputStreamReader",
    "Instant",
    "Integer",
    "InterruptedException",
    "Iterable",
    "Iterator",
    "JavaType",
    "JsonAnyGetter",
    "JsonAnySetter",
    "JsonCreator",
    "JsonDeserialize",
    "JsonDeserializer",
    "JsonFactory",
    "JsonIgnoreProperties",
    "JsonInclude",
    "JsonMappingException",
    "JsonNode",
    "JsonParser",
    "JsonProcessingException",
    "JsonProperty",
    "JsonSetter",
    "JsonShape",
    "JsonSubTypes",
    "JsonToken",
    "JsonTypeInfo",
    "JsonValue",
    "LinkedHashMap",
    "List",
    "Locale",
    "Long",
    "Map",
    "Math",
    "NoSuchElementException",
    "None",
    "Nulls",
    "NumberFormatException",
    "Object",
    "ObjectMapper",
    "ObjectNode",
    "Objects",
    "Optional",
    "Override",
    "Random",
    "Reader",
    "Route",
    "RuntimeException",
    "Spliterator",
    "Spliterators",
    "Sse",
    "StandardCharsets",
    "StdDeserializer",
    "Stream",
    "StreamSupport",
    "StrictJson",
    "String",
    "StringBuilder",
    "Supplier",
    "SuppressWarnings",
    "System",
    "Thread",
    "ThreadLocalRandom",
    "Throwable",
    "TimeUnit",
    "TimeoutException",
    "TypeReference",
    "URI",
    "URLEncoder",
    "UncheckedIOException",
    "UnionDeserializer",
    "Variant",
    "ZonedDateTime",
];

/// `name` made safe as a Java member name (`class` → `class_`).
pub fn escape(name: String) -> String {
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// A lowerCamelCase member name for a wire name (`top_p` → `topP`, `123start` → `_123start`).
pub fn member_name(wire: &str) -> String {
    let cleaned: String = wire
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let name = cleaned.to_lower_camel_case();
    match name.chars().next() {
        None => "value".to_owned(),
        Some(c) if c.is_numeric() => format!("_{name}"),
        Some(_) => escape(name),
    }
}

/// `name` with its first character upper-cased, for `getX` / `setX` / `ofX`.
pub fn upper_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The property name Jackson 2 infers from a `getX` / `setX` suffix: its run
/// of leading upper-case characters lower-cased (`TopP` → `topP`, `XValue` → `xvalue`).
pub fn jackson_implicit_name(suffix: &str) -> String {
    let mut out = String::new();
    let mut leading = true;
    for c in suffix.chars() {
        let lower: String = c.to_lowercase().collect();
        if leading && lower != c.to_string() {
            out.push_str(&lower);
        } else {
            leading = false;
            out.push(c);
        }
    }
    out
}

/// An UPPER_SNAKE_CASE constant name for an enum value (`chat.completion` → `CHAT_COMPLETION`).
pub fn constant_name(value: &str) -> String {
    let name = ascii_words(value).to_shouty_snake_case();
    digit_safe(name, "_", "EMPTY")
}

/// The Java package for a kebab-case package name (`ai-server-client` → `ai.server.client`).
pub fn package_name(name: &str) -> String {
    let segments: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            let segment = segment.to_ascii_lowercase();
            if is_ascii_identifier(&segment) {
                escape(segment)
            } else {
                format!("_{segment}")
            }
        })
        .collect();
    if segments.is_empty() {
        "generated".to_owned()
    } else {
        segments.join(".")
    }
}

/// Schema prose as Javadoc text: `code` spans become `{@code code}`, HTML
/// special characters are escaped, and `\u` cannot start a Unicode escape.
pub fn javadoc(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    // An unmatched final backtick stays literal text.
    let paired = parts.len() % 2 == 1;
    let mut out = String::new();
    for (index, part) in parts.iter().enumerate() {
        let is_code = index % 2 == 1 && (paired || index + 1 < parts.len());
        if is_code && !part.contains(['{', '}']) && !part.is_empty() {
            out.push_str(&format!("{{@code {part}}}"));
        } else if is_code {
            out.push_str(&format!("<code>{}</code>", xml_text(part)));
        } else {
            if index % 2 == 1 {
                out.push('`');
            }
            out.push_str(&xml_text(part));
        }
    }
    out.replace("\\u", "&#92;u")
        .lines()
        .map(|line| match line.strip_prefix('@') {
            Some(rest) => format!("&#64;{rest}"),
            None => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_are_escaped_camel_case() {
        assert_eq!(member_name("top_p"), "topP");
        assert_eq!(member_name("class"), "class_");
        assert_eq!(member_name("$ref-like"), "refLike");
        assert_eq!(member_name("123start"), "_123start");
        assert_eq!(member_name("ünïcode"), "ünïcode");
        assert_eq!(member_name("-"), "value");
    }

    #[test]
    fn jackson_names_lower_case_the_leading_capitals() {
        assert_eq!(jackson_implicit_name("TopP"), "topP");
        assert_eq!(jackson_implicit_name("XValue"), "xvalue");
        assert_eq!(jackson_implicit_name("_123start"), "_123start");
    }

    #[test]
    fn constants_and_packages() {
        assert_eq!(constant_name("chat.completion"), "CHAT_COMPLETION");
        assert_eq!(constant_name("1st"), "_1ST");
        assert_eq!(constant_name(""), "EMPTY");
        assert_eq!(package_name("ai-server-client"), "ai.server.client");
        assert_eq!(package_name("keyword-torture"), "keyword.torture");
        assert_eq!(package_name("new-2x"), "new_._2x");
    }

    #[test]
    fn javadoc_text_is_escaped() {
        assert_eq!(
            javadoc("Use `new` & <b>"),
            "Use {@code new} &amp; &lt;b&gt;"
        );
        assert_eq!(javadoc("`{\"a\":1}`"), "<code>{\"a\":1}</code>");
        assert_eq!(javadoc("odd ` tick"), "odd ` tick");
        assert_eq!(javadoc("C:\\users\n@home"), "C:&#92;users\n&#64;home");
    }
}
