//! PHP naming: namespaces, class, property and method names, literals and
//! type spellings.

use std::collections::BTreeSet;

use heck::{ToKebabCase, ToLowerCamelCase, ToShoutySnakeCase, ToUpperCamelCase};

use crate::lang::ident::{digit_safe, is_ascii_identifier};
use crate::model::naming::ascii_words;

/// `a|b|null`, `?a` for one type and null, `mixed` when anything goes.
pub fn join_types(parts: Vec<String>) -> String {
    if parts.iter().any(|p| p == "mixed") {
        return "mixed".to_owned();
    }
    let mut parts: Vec<String> = parts
        .into_iter()
        .flat_map(|p| p.split('|').map(str::to_owned).collect::<Vec<_>>())
        .collect();
    let mut seen = BTreeSet::new();
    parts.retain(|p| seen.insert(p.clone()));
    let nullable = parts.iter().any(|p| p == "null");
    parts.retain(|p| p != "null");
    match (parts.as_slice(), nullable) {
        ([], _) => "null".to_owned(),
        ([one], true) if !one.contains('<') => format!("?{one}"),
        (_, true) => format!("{}|null", parts.join("|")),
        (_, false) => parts.join("|"),
    }
}

/// A single-quoted PHP string literal, or a double-quoted one with `\u{…}`
/// escapes when the text holds hidden characters (`doc::is_hidden`), so that
/// none is copied raw into the source.
pub fn php_string(text: &str) -> String {
    if text.chars().any(crate::lang::doc::is_hidden) {
        return crate::lang::ident::escaped_string(text, '"', &['$'], |c| format!("\\u{{{c:x}}}"));
    }
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// The PSR-4 namespace: `ai-server-client` → `AiServer\Client`.
pub fn namespace(package: &str) -> String {
    format!("{}\\Client", vendor_words(package).to_upper_camel_case())
}

/// The Composer name: `ai-server-client` → `ai-server/client`.
pub fn composer_name(package: &str) -> String {
    format!("{}/client", vendor_words(package).to_kebab_case())
}

/// The package name's words without a trailing `client`, never empty, never
/// starting with a digit.
pub fn vendor_words(package: &str) -> String {
    let words = ascii_words(&package.to_ascii_lowercase());
    let mut words: Vec<&str> = words.split_whitespace().collect();
    if words.len() > 1 && words.last() == Some(&"client") {
        words.pop();
    }
    let joined = words.join(" ");
    digit_safe(joined, "api ", "api")
}

/// A camelCase property name for a wire name (letters of any script kept).
/// A wire name that already is a camelCase identifier keeps its spelling
/// (`refID` stays), as type names do.
pub fn property_name(wire: &str) -> String {
    let words: String = wire
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let camel = is_ascii_identifier(wire)
        && wire.starts_with(|c: char| c.is_ascii_lowercase())
        && !wire.contains('_');
    let words = if camel {
        wire.to_owned()
    } else {
        words.to_lower_camel_case()
    };
    // `$this` cannot be a constructor parameter; the others PHP accepts as
    // named arguments (`new: 1`), but common parsers (tree-sitter-php) do not.
    const ESCAPED: &[&str] = &[
        "clone",
        "include",
        "include_once",
        "list",
        "new",
        "print",
        "require",
        "require_once",
        "this",
        "yield",
    ];
    let name = digit_safe(words, "v", "value");
    if ESCAPED.contains(&name.to_ascii_lowercase().as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// An UPPER_SNAKE class constant name for an enum value.
pub fn constant_name(value: &str) -> String {
    // `class` is the one name PHP refuses; tree-sitter-php refuses the others.
    const ESCAPED: &[&str] = &[
        "CALLABLE",
        "CLASS",
        "FALSE",
        "ITERABLE",
        "MIXED",
        "NAMESPACE",
        "TRUE",
        "VOID",
    ];
    let name = digit_safe(ascii_words(value).to_shouty_snake_case(), "V", "EMPTY");
    if ESCAPED.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

pub fn method_name(request: &str) -> String {
    digit_safe(ascii_words(request).to_lower_camel_case(), "call", "call")
}

/// Words PHP reserves as class names (any case), the runtime classes the
/// DTO files import, and the cast names PHP accepts as class names but
/// tree-sitter-php (editors, GitHub) reads as a cast after `(`:
/// `Json::struct(Integer::fromArray(...))` is `(integer)` there.
pub fn is_reserved_class(name: &str) -> bool {
    const RESERVED: &[&str] = &[
        "__halt_compiler",
        "abstract",
        // Casts, for tree-sitter-php.
        "binary",
        "boolean",
        "double",
        "integer",
        "real",
        "and",
        "array",
        "as",
        "bool",
        "break",
        "callable",
        "case",
        "catch",
        "class",
        "clone",
        "const",
        "continue",
        "decodeexception",
        "declare",
        "default",
        "die",
        "do",
        "echo",
        "else",
        "elseif",
        "empty",
        "enddeclare",
        "endfor",
        "endforeach",
        "endif",
        "endswitch",
        "endwhile",
        "enum",
        "eval",
        "exit",
        "extends",
        "false",
        "final",
        "finally",
        "float",
        "fn",
        "for",
        "foreach",
        "function",
        "global",
        "goto",
        "if",
        "implements",
        "include",
        "include_once",
        "instanceof",
        "insteadof",
        "int",
        "interface",
        "isset",
        "iterable",
        "json",
        "list",
        "match",
        "mixed",
        "namespace",
        "never",
        "new",
        "null",
        "numeric",
        "object",
        "or",
        "parent",
        "print",
        "private",
        "protected",
        "public",
        "readonly",
        "require",
        "require_once",
        "resource",
        "return",
        "self",
        "static",
        "string",
        "switch",
        "throw",
        "trait",
        "true",
        "try",
        "unset",
        "use",
        "var",
        "void",
        "while",
        "xor",
        "yield",
    ];
    RESERVED.contains(&name.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(namespace("ai-server-client"), "AiServer\\Client");
        assert_eq!(composer_name("ai-server-client"), "ai-server/client");
        assert_eq!(namespace("client"), "Client\\Client");
        assert_eq!(namespace("1st-api"), "Api1stApi\\Client");
        assert_eq!(property_name("123start"), "v123start");
        assert_eq!(property_name("this"), "this_");
        assert_eq!(property_name("new"), "new_");
        assert_eq!(property_name("function"), "function");
        assert_eq!(property_name("refID"), "refID");
        assert_eq!(property_name("snake_case"), "snakeCase");
        assert_eq!(constant_name("class"), "CLASS_");
        assert_eq!(constant_name("chat.completion"), "CHAT_COMPLETION");
        assert_eq!(constant_name("1st"), "V1ST");
        assert_eq!(property_name("ünïcode"), "ünïcode");
        assert_eq!(php_string("it's \\"), "'it\\'s \\\\'");
        for reserved in [
            "String", "INT", "Integer", "boolean", "Double", "Real", "Binary",
        ] {
            assert!(is_reserved_class(reserved), "{reserved}");
        }
        assert!(!is_reserved_class("Exception") && !is_reserved_class("Number"));
    }

    #[test]
    fn joins_types() {
        let parts = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_types(parts(&["string", "null"])), "?string");
        assert_eq!(
            join_types(parts(&["string", "array", "null"])),
            "string|array|null"
        );
        assert_eq!(join_types(parts(&["mixed", "null"])), "mixed");
        assert_eq!(join_types(parts(&["list<int>", "null"])), "list<int>|null");
    }
}
