//! F# identifiers: PascalCase members, camelCase parameters, upper-case
//! union cases; keywords and odd names in double backticks.

use heck::ToUpperCamelCase;

use super::super::ident::{digit_safe, is_ascii_identifier};
use crate::model::naming::ascii_words;

/// Union case names F# reserves or the generated members use.
pub const RESERVED_CASES: &[&str] = &[
    "Tag",
    "Tags",
    "Parse",
    "ToString",
    "Equals",
    "GetHashCode",
    "CompareTo",
    "GetType",
];

/// Type and module names the generated F# code uses besides the .NET types
/// of [`super::super::dotnet::FRAMEWORK_TYPES`]: FSharp.Core's modules and
/// types, the attributes and .NET types only F# names, and the package's own
/// helpers. A schema type declared with one of these names would shadow it
/// (later declarations win), so such types are renamed (`Option` → `Option2`).
#[rustfmt::skip]
pub const FSHARP_TYPES: &[&str] = &[
    // FSharp.Core.
    "FSharp", "Array", "Async", "Checked", "Choice", "Event", "LanguagePrimitives", "Lazy",
    "List", "Map", "Operators", "Option", "Printf", "Ref", "Result", "Seq", "Set", "String",
    "Int", "Unchecked", "Unit", "ValueOption",
    // Attributes (with and without the suffix) and .NET types only F# names.
    "CLIMutable", "CLIMutableAttribute", "Literal", "LiteralAttribute", "RequireQualifiedAccess",
    "RequireQualifiedAccessAttribute", "Struct", "StructAttribute", "JsonPropertyOrder",
    "JsonPropertyOrderAttribute", "Activator", "JsonConverterFactory", "HttpClientHandler",
    "HttpMessageHandler", "SocketsHttpHandler",
    // The package's own types and modules (Json.fs, Client.fs).
    "ApiException", "JsonOptions", "JsonShape", "OpenEnumConverter", "OptionConverter",
    "OptionConverterFactory", "ServerSentEvents",
];

/// A PascalCase member name for a wire name, in double backticks when it is
/// not a plain identifier (`123start`, `ünïcode`).
pub fn member_name(wire: &str) -> String {
    let name = wire.to_upper_camel_case();
    if name.is_empty() {
        "Empty".to_owned()
    } else if is_ascii_identifier(&name) {
        name
    } else {
        let text: String = name
            .chars()
            .filter(|c| *c != '`' && !c.is_control())
            .collect();
        format!("``{text}``")
    }
}

/// A camelCase parameter for a member name, in double backticks when it is a
/// keyword or not a plain identifier.
pub fn parameter_name(member: &str) -> String {
    let bare = member.trim_matches('`');
    let mut chars = bare.chars();
    let name: String = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => "value".to_owned(),
    };
    if is_ascii_identifier(&name) && !KEYWORDS.contains(&name.as_str()) {
        name
    } else {
        format!("``{name}``")
    }
}

/// F# keywords, reserved words (the compiler's lexer table, `LexHelpers.fs`:
/// `fori` and `params` included) and OCaml-compatibility operators.
#[rustfmt::skip]
const KEYWORDS: &[&str] = &[
    "abstract", "and", "as", "asr", "assert", "atomic", "base", "begin", "break", "checked",
    "class", "component", "const", "constraint", "constructor", "continue", "default", "delegate",
    "do", "done", "downcast", "downto", "eager", "elif", "else", "end", "event", "exception",
    "extern", "external", "false", "finally", "fixed", "for", "fori", "fun", "function", "functor",
    "global", "if", "in", "include", "inherit", "inline", "interface", "internal", "land", "lazy",
    "let", "lor", "lsl", "lsr", "lxor", "match", "member", "method", "mixin", "mod", "module",
    "mutable", "namespace", "new", "not", "null", "object", "of", "open", "or", "override",
    "parallel", "params", "private", "process", "protected", "public", "pure", "rec", "return",
    "sealed", "select", "sig", "static", "struct", "tailcall", "then", "to", "trait", "true", "try",
    "type", "upcast", "use", "val", "virtual", "void", "volatile", "when", "while", "with", "yield",
];

/// A union case name: F# wants an upper-case ASCII identifier.
pub fn case_name(value: &str) -> String {
    let name = ascii_words(value).to_upper_camel_case();
    digit_safe(name, "V", "Empty")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_are_pascal_case_or_quoted() {
        assert_eq!(member_name("refId"), "RefId");
        assert_eq!(member_name("frequency_penalty"), "FrequencyPenalty");
        assert_eq!(member_name("$ref-like"), "RefLike");
        assert_eq!(member_name("123start"), "``123start``");
        assert_eq!(member_name(""), "Empty");
    }

    #[test]
    fn parameters_are_camel_case_and_escaped() {
        assert_eq!(parameter_name("RefId"), "refId");
        assert_eq!(parameter_name("Type"), "``type``");
        assert_eq!(parameter_name("``123start``"), "``123start``");
    }

    #[test]
    fn case_names_are_upper_case_identifiers() {
        assert_eq!(case_name("chat.completion"), "ChatCompletion");
        assert_eq!(case_name("1st"), "V1st");
        assert_eq!(case_name(""), "Empty");
    }
}
