//! The JSON Schema loader: every supported form, and clear errors for the rest.

use dtogen::model::{load, Field, Model, TypeKind, TypeRef};
use serde_json::{json, Value};

fn model(schema: Value) -> Model {
    match load(&schema) {
        Ok(model) => model,
        Err(error) => panic!("schema should load: {error}"),
    }
}

fn kind<'m>(model: &'m Model, name: &str) -> &'m TypeKind {
    &model
        .get(name)
        .unwrap_or_else(|| panic!("no type {name}; have {:?}", names(model)))
        .kind
}

fn names(model: &Model) -> Vec<&str> {
    model.types.iter().map(|t| t.name.as_str()).collect()
}

fn field<'m>(model: &'m Model, type_name: &str, wire: &str) -> &'m Field {
    match kind(model, type_name) {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .find(|f| f.wire_name == wire)
            .unwrap_or_else(|| panic!("{type_name} has no field {wire}")),
        other => panic!("{type_name} is not a struct: {other:?}"),
    }
}

fn load_error(schema: Value) -> (String, String) {
    match load(&schema) {
        Ok(model) => panic!("{schema} should be rejected, got {:?}", names(&model)),
        Err(error) => (error.pointer, error.message),
    }
}

#[test]
fn built_in_dtos_load_with_operations_and_unions() {
    let model = model(dtogen_dto::schema::api_schema());
    let routes: Vec<(&str, &str, &str)> = model
        .operations
        .iter()
        .map(|op| (op.method.as_str(), op.path.as_str(), op.response.as_str()))
        .collect();
    assert_eq!(
        routes,
        [
            ("POST", "/api/CreateOpenAiChat", "CreateOpenAiChatResponse"),
            ("GET", "/api/GetOpenAiChat", "GetOpenAiChatResponse"),
            (
                "GET",
                "/api/GetOpenAiChatStatus",
                "GetOpenAiChatStatusResponse"
            ),
            ("POST", "/v1/chat/completions", "OpenAiChatResponse"),
            ("GET", "/api/QueryOpenAiChat", "QueryOpenAiChatResponse"),
            (
                "POST",
                "/api/QueueOpenAiChatCompletion",
                "QueueOpenAiChatResponse"
            ),
            ("GET", "/api/WaitForOpenAiChat", "GetOpenAiChatResponse"),
        ]
    );
    match kind(&model, "OpenAiContentPart") {
        TypeKind::Union(union) => {
            assert_eq!(union.discriminator.as_deref(), Some("type"));
            let tags: Vec<_> = union
                .variants
                .iter()
                .filter_map(|v| v.tag.as_deref())
                .collect();
            assert_eq!(
                tags,
                ["text", "image_url", "input_audio", "file", "refusal"]
            );
        }
        other => panic!("content part should be a tagged union: {other:?}"),
    }
    match kind(&model, "OpenAiToolChoice") {
        TypeKind::Union(union) => {
            assert_eq!(union.discriminator, None);
            let shapes: Vec<_> = union
                .variants
                .iter()
                .map(|v| model.shape_of(&v.ty))
                .collect();
            assert_eq!(format!("{shapes:?}"), "[String, Object]");
        }
        other => panic!("tool choice should be an untagged union: {other:?}"),
    }
    assert!(matches!(kind(&model, "OpenAiRole"), TypeKind::Enum(e) if e.values.len() == 5));
    let content = field(&model, "OpenAiMessage", "content");
    assert!(!content.required && content.nullable);
    assert_eq!(content.ty, TypeRef::Named("OpenAiMessageContent".into()));
    assert_eq!(
        field(&model, "OpenAiChatJob", "createdDate").ty,
        TypeRef::DateTime
    );
    assert_eq!(
        field(&model, "CreateOpenAiChatResponse", "id").ty,
        TypeRef::Int64
    );
    assert_eq!(
        field(&model, "OpenAiChat", "logit_bias").ty,
        TypeRef::Map(Box::new(TypeRef::Int32))
    );
    assert_eq!(model.package.name, "ai-server-client");
}

#[test]
fn primitives_formats_nullability_defaults_and_deprecation() {
    let model = model(json!({
        "$defs": { "T": {
            "type": "object",
            "properties": {
                "a": { "type": "integer", "format": "int32" },
                "b": { "type": "integer" },
                "c": { "type": ["number", "null"], "default": 0.5 },
                "d": { "type": "string", "format": "date-time", "deprecated": true },
                "e": { "type": "string", "format": "uuid" },
                "f": { "type": "boolean", "description": "  flag  " },
                "g": true,
                "h": { "type": "array" }
            },
            "required": ["a", "c"]
        }}
    }));
    assert_eq!(field(&model, "T", "a").ty, TypeRef::Int32);
    assert_eq!(field(&model, "T", "b").ty, TypeRef::Int64);
    let c = field(&model, "T", "c");
    assert!(c.required && c.nullable && c.ty == TypeRef::Float64);
    assert_eq!(c.default, Some(json!(0.5)));
    let d = field(&model, "T", "d");
    assert!(d.deprecated && d.ty == TypeRef::DateTime);
    assert_eq!(field(&model, "T", "e").ty, TypeRef::String);
    assert_eq!(field(&model, "T", "f").description.as_deref(), Some("flag"));
    assert_eq!(field(&model, "T", "g").ty, TypeRef::Any);
    assert_eq!(
        field(&model, "T", "h").ty,
        TypeRef::List(Box::new(TypeRef::Any))
    );
}

#[test]
fn inline_objects_get_stable_names_from_their_path() {
    let schema = json!({ "definitions": { "Order": {
        "type": "object",
        "properties": {
            "ship_to": { "type": "object", "properties": { "city": { "type": "string" } } },
            "lines": { "type": "array", "items": { "type": "object", "properties": { "sku": { "type": "string" } } } },
            "status": { "enum": ["open", "closed", null] }
        }
    }}});
    let first = model(schema.clone());
    assert_eq!(
        names(&first),
        ["Order", "OrderLinesItem", "OrderShipTo", "OrderStatus"]
    );
    assert_eq!(first, model(schema), "loading is deterministic");
    assert!(field(&first, "Order", "status").nullable);
}

#[test]
fn refs_recursion_and_pointer_refs_resolve() {
    let model = model(json!({
        "title": "Node",
        "type": "object",
        "properties": {
            "next": { "$ref": "#" },
            "meta": { "$ref": "#/$defs/Meta/properties/inner" }
        },
        "$defs": { "Meta": { "type": "object", "properties": {
            "inner": { "type": "object", "properties": { "x": { "type": "integer" } } }
        }}}
    }));
    assert_eq!(
        field(&model, "Node", "next").ty,
        TypeRef::Named("Node".into())
    );
    assert_eq!(
        field(&model, "Node", "meta").ty,
        TypeRef::Named("Inner".into())
    );
    assert_eq!(
        field(&model, "Meta", "inner").ty,
        TypeRef::Named("MetaInner".into())
    );
}

#[test]
fn all_of_merges_object_parts_and_ref_siblings() {
    let model = model(json!({ "$defs": {
        "Base": { "type": "object", "properties": { "id": { "type": "string" } }, "required": ["id"] },
        "Wrapped": { "allOf": [{ "$ref": "#/$defs/Base" }], "description": "Only a described ref." },
        "Derived": { "allOf": [
            { "$ref": "#/$defs/Base" },
            { "type": "object", "properties": { "extra": { "type": "number" } }, "required": ["extra"] }
        ]}
    }}));
    let fields: Vec<_> = match kind(&model, "Derived") {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .map(|f| (f.wire_name.as_str(), f.required))
            .collect(),
        other => panic!("{other:?}"),
    };
    assert_eq!(fields, [("id", true), ("extra", true)]);
    assert_eq!(
        kind(&model, "Wrapped"),
        &TypeKind::Alias(TypeRef::Named("Base".into()))
    );
}

#[test]
fn unions_tagged_by_ref_untagged_by_shape_and_open_enums() {
    let model = model(json!({ "$defs": {
        "Cat": { "type": "object", "properties": { "pet": { "const": "cat" } }, "required": ["pet"] },
        "Dog": { "type": "object", "properties": { "pet": { "enum": ["dog"] } }, "required": ["pet"] },
        "Pet": { "oneOf": [{ "$ref": "#/$defs/Cat" }, { "$ref": "#/$defs/Dog" }] },
        "Stop": { "anyOf": [{ "type": "string" }, { "type": "array", "items": { "type": "string" } }, { "type": "null" }] },
        "Mode": { "anyOf": [{ "const": "a" }, { "const": "b" }, { "type": "string" }] },
        "Id": { "type": ["integer", "string"] }
    }}));
    match kind(&model, "Pet") {
        TypeKind::Union(union) => {
            assert_eq!(union.discriminator.as_deref(), Some("pet"));
            assert_eq!(union.variants[1].ty, TypeRef::Named("Dog".into()));
            assert_eq!(union.variants[1].tag.as_deref(), Some("dog"));
        }
        other => panic!("{other:?}"),
    }
    match kind(&model, "Stop") {
        TypeKind::Union(union) => {
            let names: Vec<_> = union.variants.iter().map(|v| v.name.as_str()).collect();
            assert_eq!(names, ["String", "StringList"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(kind(&model, "Mode"), TypeKind::Enum(e) if e.values.len() == 2));
    assert!(matches!(kind(&model, "Id"), TypeKind::Union(u) if u.variants.len() == 2));
}

#[test]
fn maps_come_from_additional_and_pattern_properties() {
    let model = model(json!({ "$defs": { "M": { "type": "object", "properties": {
        "a": { "type": "object", "additionalProperties": { "type": "integer" } },
        "b": { "type": "object", "patternProperties": { "^x": { "type": "string" } } },
        "c": { "type": "object" },
        "d": { "type": "object", "additionalProperties": { "type": ["string", "null"] } }
    }}}}));
    assert_eq!(
        field(&model, "M", "a").ty,
        TypeRef::Map(Box::new(TypeRef::Int64))
    );
    assert_eq!(
        field(&model, "M", "b").ty,
        TypeRef::Map(Box::new(TypeRef::String))
    );
    assert_eq!(
        field(&model, "M", "c").ty,
        TypeRef::Map(Box::new(TypeRef::Any))
    );
    assert_eq!(
        field(&model, "M", "d").ty,
        TypeRef::Map(Box::new(TypeRef::Nullable(Box::new(TypeRef::String))))
    );
}

#[test]
fn malformed_schemas_name_the_pointer() {
    let cases = [
        (json!([1]), "", "must be a JSON object"),
        (json!({ "$defs": [] }), "/$defs", "must be an object"),
        (
            json!({ "$defs": { "A": { "$ref": "#/$defs/Missing" } } }),
            "/$defs/A/$ref",
            "#/$defs/Missing does not exist",
        ),
        (
            json!({ "$defs": { "A": { "$ref": "other.json#/A" } } }),
            "/$defs/A/$ref",
            "names another file, but the schema was not read from a file",
        ),
        (
            json!({ "$defs": { "A": { "$ref": "#nowhere" } } }),
            "/$defs/A/$ref",
            "no `$anchor` named `nowhere`",
        ),
        (
            json!({ "$defs": { "A": 3 } }),
            "/$defs/A",
            "must be an object or a boolean",
        ),
        (
            json!({ "$defs": { "A": { "type": "object", "required": "x" } } }),
            "/$defs/A/required",
            "array",
        ),
        (
            json!({ "$defs": { "A": { "type": "object", "properties": [1, 2] } } }),
            "/$defs/A/properties",
            "must be an object of schemas",
        ),
        (
            json!({ "$defs": { "A": { "properties": [1, 2] } } }),
            "/$defs/A/properties",
            "must be an object of schemas",
        ),
        (
            json!({ "$defs": { "A": { "enum": "a" } } }),
            "/$defs/A/enum",
            "must be an array",
        ),
        (
            json!({ "$defs": { "A": { "type": "object", "x-operation": { "method": "FETCH", "path": "/a", "response": "A" } } } }),
            "/$defs/A/x-operation/method",
            "unsupported HTTP method",
        ),
        (
            json!({ "$defs": { "A": { "type": "object", "x-operation": { "method": "GET", "path": "/a", "response": "Nope" } } } }),
            "/$defs/A/x-operation/response",
            "no type named",
        ),
        (
            json!({ "$defs": { "A": { "type": "object", "x-operation": { "method": "GET", "path": "a", "response": "A" } } } }),
            "/$defs/A/x-operation/path",
            "must start with",
        ),
    ];
    for (schema, pointer, message) in cases {
        let (actual_pointer, actual_message) = load_error(schema.clone());
        assert_eq!(actual_pointer, pointer, "pointer for {schema}");
        assert!(
            actual_message.contains(message),
            "message for {schema}: {actual_message:?} should contain {message:?}"
        );
    }
}

#[test]
fn streamed_operations_name_their_event_type_and_flag() {
    let built_in = model(dtogen_dto::schema::api_schema());
    let chat = built_in
        .operations
        .iter()
        .find(|op| op.path == "/v1/chat/completions")
        .and_then(|op| op.stream.as_ref())
        .expect("the chat completion streams");
    assert_eq!(
        (chat.flag.as_str(), chat.event.as_str()),
        ("stream", "OpenAiChatChunk")
    );
    assert!(built_in
        .operations
        .iter()
        .filter(|op| op.path != "/v1/chat/completions")
        .all(|op| op.stream.is_none()));

    let schema = |stream: Value| {
        json!({"$defs": {
            "Ask": {"type": "object", "properties": {"stream": {"type": "boolean"}, "q": {"type": "string"}},
                    "x-operation": {"method": "POST", "path": "/ask", "response": "Answer", "stream": stream}},
            "Answer": {"type": "object", "properties": {"text": {"type": "string"}}},
        }})
    };
    let loaded = model(schema(json!({"response": "Answer", "flag": "stream"})));
    assert_eq!(
        loaded.operations[0]
            .stream
            .as_ref()
            .map(|s| s.event.as_str()),
        Some("Answer")
    );
    let (pointer, message) = load_error(schema(json!({"response": "Nope", "flag": "stream"})));
    assert_eq!(pointer, "/$defs/Ask/x-operation/stream/response");
    assert!(message.contains("Nope"), "{message}");
    let (pointer, message) = load_error(schema(json!({"response": "Answer", "flag": "q"})));
    assert_eq!(pointer, "/$defs/Ask/x-operation/stream/flag");
    assert!(message.contains("boolean"), "{message}");
    let (pointer, _) = load_error(schema(json!({"response": "Answer"})));
    assert_eq!(pointer, "/$defs/Ask/x-operation/stream/flag");
}

#[test]
fn untagged_union_variants_are_named_by_their_title_else_their_type() {
    let loaded = model(json!({"$defs": {
        "Content": {"anyOf": [
            {"type": "string", "title": "Text"},
            {"type": "array", "items": {"type": "string"}},
        ]},
    }}));
    match kind(&loaded, "Content") {
        TypeKind::Union(union) => {
            let names: Vec<&str> = union.variants.iter().map(|v| v.name.as_str()).collect();
            assert_eq!(names, ["Text", "StringList"]);
        }
        other => panic!("not a union: {other:?}"),
    }
    match kind(&model(dtogen_dto::schema::api_schema()), "OpenAiToolChoice") {
        TypeKind::Union(union) => {
            let names: Vec<&str> = union.variants.iter().map(|v| v.name.as_str()).collect();
            assert_eq!(names, ["Mode", "Named"]);
        }
        other => panic!("not a union: {other:?}"),
    }
}

#[test]
fn cycles_through_unions_aliases_and_all_of_load_without_overflow() {
    // A union that contains itself has no single JSON shape, and must not loop.
    let cyclic_union = model(json!({"$defs": {
        "A": {"oneOf": [{"$ref": "#/$defs/B"}, {"type": "string"}]},
        "B": {"oneOf": [{"$ref": "#/$defs/A"}, {"type": "integer"}]},
    }}));
    assert_eq!(
        cyclic_union.shape_of(&TypeRef::Named("A".into())),
        dtogen::model::Shape::Any
    );
    // Aliases that only lead back to themselves name no JSON: free JSON.
    for schema in [
        json!({"$defs": {"A": {"$ref": "#/$defs/A"}}}),
        json!({"$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"$ref": "#/$defs/A"}}}),
    ] {
        let loaded = model(schema);
        assert_eq!(kind(&loaded, "A"), &TypeKind::Alias(TypeRef::Any));
    }
    // A list of itself is a real recursive type and stays one.
    let list = model(json!({"$defs": {"A": {"type": "array", "items": {"$ref": "#/$defs/A"}}}}));
    assert_eq!(
        kind(&list, "A"),
        &TypeKind::Alias(TypeRef::List(Box::new(TypeRef::Named("A".into()))))
    );
    // allOf parts that include each other merge each one's fields once.
    let cyclic_all_of = model(json!({"$defs": {
        "A": {"allOf": [{"$ref": "#/$defs/B"}, {"type": "object", "properties": {"a": {"type": "string"}}}]},
        "B": {"allOf": [{"$ref": "#/$defs/A"}, {"type": "object", "properties": {"b": {"type": "string"}}}]},
    }}));
    assert_eq!(field(&cyclic_all_of, "A", "b").ty, TypeRef::String);
    assert_eq!(field(&cyclic_all_of, "B", "a").ty, TypeRef::String);
}

#[test]
fn a_hundred_deep_all_of_chain_loads_with_every_inherited_field() {
    let mut defs = serde_json::Map::new();
    for i in 0..100 {
        defs.insert(
            format!("T{i}"),
            json!({"allOf": [
                {"$ref": format!("#/$defs/T{}", i + 1)},
                {"type": "object", "properties": {format!("p{i}"): {"type": "string"}}},
            ]}),
        );
    }
    defs.insert(
        "T100".into(),
        json!({"type": "object", "properties": {"last": {"type": "string"}}}),
    );
    let loaded = model(json!({ "$defs": defs }));
    assert_eq!(field(&loaded, "T0", "last").ty, TypeRef::String);
    assert_eq!(field(&loaded, "T0", "p99").ty, TypeRef::String);
    match kind(&loaded, "T0") {
        TypeKind::Struct(s) => assert_eq!(s.fields.len(), 101),
        other => panic!("not a struct: {other:?}"),
    }
}

#[test]
fn a_definition_that_admits_null_stays_nullable_where_it_is_used() {
    let loaded = model(json!({"$defs": {
        "MaybeText": {"oneOf": [{"type": "null"}, {"type": "string"}]},
        "Holder": {"type": "object", "required": ["must"], "properties": {
            "must": {"$ref": "#/$defs/MaybeText"},
            "items": {"type": "array", "items": {"$ref": "#/$defs/MaybeText"}},
        }},
    }}));
    let must = field(&loaded, "Holder", "must");
    assert!(must.required && must.nullable, "{must:?}");
    assert_eq!(
        field(&loaded, "Holder", "items").ty,
        TypeRef::List(Box::new(TypeRef::Nullable(Box::new(TypeRef::Named(
            "MaybeText".into()
        )))))
    );
}

#[test]
fn package_metadata_is_checked_where_it_is_written() {
    for (meta, pointer, complaint) in [
        (
            json!({"version": "1.2"}),
            "/x-package/version",
            "MAJOR.MINOR.PATCH",
        ),
        (
            json!({"version": "v1.2.3"}),
            "/x-package/version",
            "major version `v1`",
        ),
        (
            json!({"version": "1.0.0-beta_1"}),
            "/x-package/version",
            "`beta_1`",
        ),
        (
            json!({"version": 1}),
            "/x-package/version",
            "must be a string",
        ),
        (
            json!({"license": "MIT License"}),
            "/x-package/license",
            "SPDX",
        ),
        (
            json!({"authors": ["Ada", "Bob <bob>"]}),
            "/x-package/authors/1",
            "not an email",
        ),
        (
            json!({"repository": "github.com/acme/chat"}),
            "/x-package/repository",
            "http(s) URL",
        ),
        (
            json!({"homepage": "ftp://acme.test"}),
            "/x-package/homepage",
            "http(s) URL",
        ),
    ] {
        let (at, message) = load_error(json!({"title": "T", "x-package": meta, "$defs": {}}));
        assert_eq!(at, pointer, "{meta}: {message}");
        assert!(message.contains(complaint), "{meta}: {message}");
    }
    let ok = model(json!({
        "title": "T",
        "x-package": {"version": "2.0.0-rc.1+build.5", "license": "MIT OR Apache-2.0",
                      "authors": ["Ada <ada@acme.test>", "Acme"]},
        "$defs": {}
    }));
    assert_eq!(ok.package.version, "2.0.0-rc.1+build.5");
}
