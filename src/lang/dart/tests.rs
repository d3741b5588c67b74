//! The generated Dart never lets a schema type shadow a type its own code
//! uses, nor a member shadow a type or function its class uses.

use std::collections::BTreeSet;

use serde_json::json;

use super::names::CODE_NAMES;
use super::{rename_reserved, Dart, RESERVED_TYPES};
use crate::cli::render;
use crate::lang::code_scan::{self, Syntax};
use crate::lang::Backend;
use crate::model::load;
use crate::source::SchemaSource;

/// Generic parameters the templates declare (`decodeList<T>`).
const GENERIC_PARAMETERS: &[&str] = &["R", "T"];

/// The identifiers of Dart code outside comments and string literals, except
/// those after a `.` (members, and names behind the `http.` prefix, which no
/// library declaration shadows).
fn code_identifiers(code: &str) -> BTreeSet<String> {
    const DART: Syntax = Syntax {
        quotes: "\"'",
        identifier_extras: "_$",
    };
    code_scan::words(code, &DART)
        .into_iter()
        .filter(|word| word.before != '.')
        .map(|word| word.text)
        .collect()
}

/// Every capitalized name the generated code of `source` uses that the model
/// does not declare: each must be reserved, or a schema type of that name
/// would silently take its place.
fn unreserved_uses(source: &SchemaSource) -> BTreeSet<String> {
    let model = source.model().expect("loads");
    let client = crate::lang::client_name(&model);
    let mut declared: BTreeSet<String> = rename_reserved(&model, &client)
        .types
        .iter()
        .map(|def| def.name.clone())
        .collect();
    let files = render(&Dart, &model).expect("renders");
    // The wrapper classes of union variants are declared from model names too.
    for file in &files {
        for line in file.contents.lines() {
            if let Some(rest) = line.strip_prefix("final class ") {
                if let Some((name, _)) = rest.split_once(" extends ") {
                    declared.insert(name.to_owned());
                }
            }
        }
    }
    let mut unreserved = BTreeSet::new();
    for file in files
        .iter()
        .filter(|f| f.path.extension() == Some("dart".as_ref()))
    {
        for name in code_identifiers(&file.contents) {
            if name.starts_with(|c: char| c.is_ascii_uppercase())
                && !declared.contains(&name)
                && !RESERVED_TYPES.contains(&name.as_str())
                && !GENERIC_PARAMETERS.contains(&name.as_str())
                && name != client
            {
                unreserved.insert(format!("{name} ({})", file.path.display()));
            }
        }
    }
    unreserved
}

#[test]
fn reserved_types_cover_what_the_code_uses() {
    // builtin-names' types are named like the builtins, so it would hide their uses.
    let sources = code_scan::sample_sources(|name| name != "builtin-names.schema.json");
    for source in &sources {
        let unreserved = unreserved_uses(source);
        assert!(
            unreserved.is_empty(),
            "{}: the Dart code uses types a schema type could shadow; add them to RESERVED_TYPES: {unreserved:?}",
            source.label()
        );
    }
}

#[test]
fn the_scan_sees_code_not_comments_or_strings() {
    let found = code_identifiers(
        "// Comment Words\nfinal Set<String> a = {'Quoted \\'Too\\'', \"Double\"}; http.Client();",
    );
    let found: Vec<&str> = found.iter().map(String::as_str).collect();
    assert_eq!(found, ["Set", "String", "a", "final", "http"]);
}

/// Every public top-level function of lib/src/json.dart is in CODE_NAMES, so
/// no member can shadow one inside a class that calls it.
#[test]
fn code_names_cover_the_json_helpers() {
    let json = include_str!("../../../templates/dart/json.dart");
    let mut helpers = Vec::new();
    // A top-level function's name is its line's first lowercase identifier
    // followed by `(` or `<` (its return type may be `T Function(…)`).
    for line in json.lines().filter(|l| !l.starts_with([' ', '/', '}'])) {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_ascii_alphabetic() || chars[i] == '_' {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                if chars[start].is_ascii_lowercase() && matches!(chars.get(i), Some('(' | '<')) {
                    helpers.push(chars[start..i].iter().collect::<String>());
                    break;
                }
            } else {
                i += 1;
            }
        }
    }
    assert!(helpers.contains(&"decodeString".to_owned()), "{helpers:?}");
    assert!(helpers.contains(&"decodeMap".to_owned()), "{helpers:?}");
    for helper in &helpers {
        assert!(
            CODE_NAMES.contains(&helper.as_str()),
            "{helper} (lib/src/json.dart) is not in CODE_NAMES"
        );
    }
}

fn types_dart(schema: serde_json::Value) -> String {
    let model = load(&schema).expect("loads");
    Dart.generate(&model)
        .expect("renders")
        .into_iter()
        .find(|f| f.path.ends_with("types.dart"))
        .expect("types.dart")
        .contents
}

#[test]
fn schema_types_named_like_builtins_are_renamed_everywhere() {
    let text = types_dart(json!({
        "title": "Shadow",
        "$defs": {
            "String": {"type": "object", "properties": {"s": {"type": "string"}}},
            "Deprecated": {"type": "object", "deprecated": true, "properties": {"x": {"$ref": "#/$defs/String"}}},
            "ShadowClient": {"type": "string"},
            "Date": {"oneOf": [{"type": "string"}, {"type": "integer"}]}
        }
    }));
    assert!(text.contains("class String2 {"), "{text}");
    assert!(text.contains("class Deprecated2 {"), "{text}");
    assert!(text.contains("typedef ShadowClient2 = String;"), "{text}");
    assert!(text.contains("final String? s;"), "{text}");
    assert!(text.contains("final String2? x;"), "{text}");
    assert!(text.contains("@Deprecated("), "{text}");
    // A union wrapper is not named like a dart:core class either (`DateTime`).
    assert!(!text.contains("class DateTime "), "{text}");
    for name in [
        "String", "Future", "Stream", "Object", "Iterable", "Record", "Type",
    ] {
        assert!(RESERVED_TYPES.contains(&name), "{name} is not reserved");
    }
}

#[test]
fn members_never_shadow_what_their_class_uses() {
    let text = types_dart(json!({"$defs": {
        "Holder": {"type": "object", "properties": {
            "int": {"type": "integer"},
            "bool": {"type": "boolean"},
            "decode_string": {"type": "string"}
        }},
        "Kind": {"type": "string", "enum": ["int", "bool", "string"]}
    }}));
    assert!(text.contains("final int? int2;"), "{text}");
    assert!(text.contains("final bool? bool2;"), "{text}");
    assert!(text.contains("final String? decodeString2;"), "{text}");
    assert!(text.contains("static const int2 = Kind('int');"), "{text}");
    assert!(!text.contains("static const int ="), "{text}");
}

#[test]
fn client_methods_never_shadow_what_the_client_uses() {
    let operation = |name: &str| {
        json!({"type": "object", "x-operation": {
            "name": name, "method": "POST", "path": format!("/{name}"), "response": "Res"
        }})
    };
    let model = load(&json!({"$defs": {
        "A": operation("http"),
        "B": operation("int"),
        "C": operation("json_encode"),
        "Res": {"type": "object"}
    }}))
    .expect("loads");
    let names: Vec<String> = super::method_names(&model)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names, ["http2", "int2", "jsonEncode2"]);
}

#[test]
fn a_comment_opener_that_starts_a_doc_line_is_escaped() {
    assert_eq!(
        super::doc(Some("a /* b\n  /* c */ d\n`/*`"), false, ""),
        "/// a /* b\n///   /\\* c */ d\n/// `/*`\n"
    );
}
