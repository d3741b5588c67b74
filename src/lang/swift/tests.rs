//! The generated Swift never lets a schema type shadow a type its own code
//! uses, and reads its own properties through `self`.

use std::collections::BTreeSet;

use serde_json::json;

use super::names::CLIENT_MEMBERS;
use super::{rename_reserved, Swift, RESERVED_TYPES};
use crate::cli::render;
use crate::lang::code_scan::{self, Syntax};
use crate::lang::Backend;
use crate::model::load;
use crate::source::SchemaSource;

/// Generic parameters the templates declare (`send<Request, Response>`):
/// inside their function they are meant to shadow any model type.
const GENERIC_PARAMETERS: &[&str] = &["Event", "Request", "Response", "T", "Wrapped"];

/// The capitalized identifiers of Swift code outside comments and string
/// literals, except those after a `.` (members and nested types, which no
/// module-scope type shadows).
fn capitalized_identifiers(code: &str) -> BTreeSet<String> {
    const SWIFT: Syntax = Syntax {
        quotes: "\"",
        identifier_extras: "_",
    };
    code_scan::words(code, &SWIFT)
        .into_iter()
        .filter(|word| {
            word.before != '.' && word.text.starts_with(|c: char| c.is_ascii_uppercase())
        })
        .map(|word| word.text)
        .collect()
}

/// Every type name the generated code of `source` uses that the model does
/// not declare: each must be reserved, or a schema type of that name would
/// silently take its place.
fn unreserved_uses(source: &SchemaSource) -> BTreeSet<String> {
    let model = source.model().expect("loads");
    let client = crate::lang::client_name(&model);
    let declared: BTreeSet<String> = rename_reserved(&model, &client)
        .types
        .iter()
        .map(|def| def.name.clone())
        .collect();
    let mut unreserved = BTreeSet::new();
    for file in render(&Swift, &model).expect("renders") {
        // Package.swift is its own module (PackageDescription).
        if !file.path.starts_with("Sources") {
            continue;
        }
        for name in capitalized_identifiers(&file.contents) {
            if !declared.contains(&name)
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
            "{}: the Swift code uses types a schema type could shadow; add them to RESERVED_TYPES: {unreserved:?}",
            source.label()
        );
    }
}

#[test]
fn the_scan_sees_code_not_comments_or_strings() {
    let found = capitalized_identifiers(
        "// Comment Words\nlet a: Set<String> = [\"Quoted \\\"Too\\\"\"] + Foundation.Data()",
    );
    let found: Vec<&str> = found.iter().map(String::as_str).collect();
    assert_eq!(found, ["Foundation", "Set", "String"]);
}

#[test]
fn schema_types_named_like_builtins_are_renamed_everywhere() {
    let model = load(&json!({
        "title": "Shadow",
        "$defs": {
            "String": {"type": "object", "properties": {"s": {"type": "string"}}},
            "Set": {"type": "object", "properties": {"x": {"$ref": "#/$defs/String"}}},
            "ShadowClient": {"type": "string"}
        }
    }))
    .expect("loads");
    let files = Swift.generate(&model).expect("renders");
    let types = files
        .iter()
        .find(|f| f.path.ends_with("Types.swift"))
        .expect("Types.swift");
    let text = &types.contents;
    assert!(text.contains("public struct String2: Codable"), "{text}");
    assert!(text.contains("public struct Set2: Codable"), "{text}");
    assert!(
        text.contains("public typealias ShadowClient2 = String"),
        "{text}"
    );
    // The code's own uses stay the standard types.
    assert!(text.contains("public var s: String?"), "{text}");
    assert!(text.contains("public var x: String2?"), "{text}");
    assert!(text.contains("declaredProperties: Set<String>"), "{text}");
    for name in [
        "String", "Set", "Data", "Date", "Result", "Task", "Self", "Type",
    ] {
        assert!(RESERVED_TYPES.contains(&name), "{name} is not reserved");
    }
}

#[test]
fn properties_are_encoded_through_self() {
    let model = load(
        &json!({"$defs": {"Holder": {"type": "object", "properties": {
            "container": {"type": "string"},
            "encoder": {"type": "integer"}
        }}}}),
    )
    .expect("loads");
    let files = Swift.generate(&model).expect("renders");
    let text = &files
        .iter()
        .find(|f| f.path.ends_with("Types.swift"))
        .expect("Types.swift")
        .contents;
    assert!(
        text.contains("try container.encodeIfPresent(self.container, forKey: .container)"),
        "{text}"
    );
    assert!(
        text.contains("try container.encodeIfPresent(self.encoder, forKey: .encoder)"),
        "{text}"
    );
}

/// Every member the client struct of templates/swift/Client.swift declares
/// is in CLIENT_MEMBERS, so no operation's method is named like one.
#[test]
fn client_members_cover_the_template() {
    let template = include_str!("../../../templates/swift/Client.swift");
    let body = template
        .split_once("public struct {{ name }}: Sendable {")
        .and_then(|(_, rest)| rest.split_once("\n}\n"))
        .map(|(body, _)| body)
        .expect("the client struct");
    let mut declared = Vec::new();
    for line in body
        .lines()
        .filter(|l| l.starts_with("    ") && !l.starts_with("     "))
    {
        let words: Vec<&str> = line.split_whitespace().collect();
        if let Some(at) = words
            .iter()
            .position(|w| ["func", "var", "let"].contains(w))
        {
            if let Some(name) = words.get(at + 1) {
                let name: String = name
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    declared.push(name);
                }
            }
        }
    }
    assert!(declared.contains(&"timeout".to_owned()), "{declared:?}");
    assert!(declared.contains(&"send".to_owned()), "{declared:?}");
    for name in &declared {
        assert!(
            CLIENT_MEMBERS.contains(&name.as_str()),
            "the client declares `{name}`, which is not in CLIENT_MEMBERS"
        );
    }
}

#[test]
fn operations_are_never_named_like_client_members() {
    let operation = |name: &str| {
        json!({"type": "object", "x-operation": {
            "name": name, "method": "POST", "path": format!("/{name}"), "response": "Res"
        }})
    };
    let model = load(&json!({"title": "Ops", "$defs": {
        "A": operation("timeout"),
        "B": operation("send"),
        "Res": {"type": "object"}
    }}))
    .expect("loads");
    let files = Swift.generate(&model).expect("renders");
    let client = &files
        .iter()
        .find(|f| f.path.ends_with("OpsClient.swift"))
        .expect("the client")
        .contents;
    assert!(
        client.contains("public func timeout2(_ request: A)"),
        "{client}"
    );
    assert!(
        client.contains("public func send2(_ request: B)"),
        "{client}"
    );
}
