//! Dart naming: package, member and enum names, keyword escaping, literals.

use heck::{ToLowerCamelCase, ToSnakeCase};

use crate::lang::ident::{digit_safe, escaped_string, is_ascii_identifier};
use crate::model::naming::ascii_words;

/// The pub package name: snake_case, a valid Dart identifier.
pub(super) fn package_name(name: &str) -> String {
    let snake = ascii_words(name).to_snake_case();
    match snake.chars().next() {
        None => "api_client".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("package_{snake}"),
        Some(_) if KEYWORDS.contains(&snake.as_str()) => format!("{snake}_package"),
        Some(_) => snake,
    }
}

/// Members every Dart object has, plus the generated ones: not usable as field names.
pub(super) const OBJECT_MEMBERS: &[&str] = &[
    "fromJson",
    "hashCode",
    "noSuchMethod",
    "runtimeType",
    "toJson",
    "toString",
];

/// Names the generated classes' bodies use unqualified besides dart:core's
/// classes: the built-in types spelled in lowercase and lib/src/json.dart's
/// functions. A class member of one of these names would shadow it inside
/// the class (`final int? int;` does not compile), so members get another.
pub(super) const CODE_NAMES: &[&str] = &[
    "bool",
    "constProperty",
    "decodeAny",
    "decodeAt",
    "decodeBool",
    "decodeDouble",
    "decodeInt",
    "decodeList",
    "decodeMap",
    "decodeNullable",
    "decodeObject",
    "decodeString",
    "double",
    "int",
    "num",
    "optionalProperty",
    "requiredProperty",
    "unknownProperties",
];

/// What the client class's body uses unqualified besides [`CODE_NAMES`]:
/// the `http` import prefix and dart:convert, dart:math and http_parser
/// functions. Not usable as method names.
pub(super) const CLIENT_NAMES: &[&str] = &[
    "http",
    "jsonDecode",
    "jsonEncode",
    "max",
    "min",
    "parseHttpDate",
    "pow",
    "utf8",
];

/// A lowerCamelCase member name (unescaped) for a wire name. Dart identifiers
/// are ASCII: accented Latin letters lose their accents, other characters
/// separate words. A wire name that already is a lowerCamelCase identifier
/// keeps its spelling.
pub(super) fn member_name(wire: &str) -> String {
    if is_ascii_identifier(wire)
        && !wire.contains('_')
        && wire.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return wire.to_owned();
    }
    let folded: String = wire.chars().map(fold_accent).collect();
    let name = ascii_words(&folded).to_lower_camel_case();
    digit_safe(name, "v", "value")
}

pub(super) fn enum_member_name(value: &str) -> String {
    let folded: String = value.chars().map(fold_accent).collect();
    let name = ascii_words(&folded).to_lower_camel_case();
    digit_safe(name, "v", "empty")
}

/// A Latin-1 letter without its accent (`ü` → `u`); other characters unchanged.
pub(super) fn fold_accent(c: char) -> char {
    match c {
        'à'..='å' => 'a',
        'À'..='Å' => 'A',
        'ç' => 'c',
        'Ç' => 'C',
        'è'..='ë' => 'e',
        'È'..='Ë' => 'E',
        'ì'..='ï' => 'i',
        'Ì'..='Ï' => 'I',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ò'..='ö' | 'ø' => 'o',
        'Ò'..='Ö' | 'Ø' => 'O',
        'ù'..='ü' => 'u',
        'Ù'..='Ü' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        c => c,
    }
}

/// Dart's reserved words and built-in identifiers; a member with one of
/// these names gets a `$` suffix (`class$`).
pub(super) const KEYWORDS: &[&str] = &[
    "Function",
    "abstract",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "covariant",
    "default",
    "deferred",
    "do",
    "dynamic",
    "else",
    "enum",
    "export",
    "extends",
    "extension",
    "external",
    "factory",
    "false",
    "final",
    "finally",
    "for",
    "get",
    "if",
    "implements",
    "import",
    "in",
    "interface",
    "is",
    "late",
    "library",
    "mixin",
    "new",
    "null",
    "operator",
    "part",
    "required",
    "rethrow",
    "return",
    "set",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typedef",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

pub(super) fn escape(name: &str) -> String {
    if KEYWORDS.contains(&name) {
        format!("{name}$")
    } else {
        name.to_owned()
    }
}

/// A single-quoted Dart string literal; `$` is escaped so nothing interpolates.
pub(super) fn dart_string(text: &str) -> String {
    escaped_string(text, '\'', &['$'], |c| format!("\\u{{{c:x}}}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_literals() {
        assert_eq!(member_name("top_p"), "topP");
        assert_eq!(member_name("ünïcode"), "unicode");
        assert_eq!(member_name("$ref-like"), "refLike");
        assert_eq!(member_name("123start"), "v123start");
        assert_eq!(escape("class"), "class$");
        assert_eq!(enum_member_name("chat.completion"), "chatCompletion");
        assert_eq!(package_name("ai-server-client"), "ai_server_client");
        assert_eq!(dart_string("it's $x\\"), "'it\\'s \\$x\\\\'");
    }
}
