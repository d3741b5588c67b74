//! The loader on the constructs real-world schemas use: each is typed, or
//! degrades to free JSON with a warning naming its JSON pointer.

use std::path::Path;

use dtogen::model::{load_with_warnings, Field, Loaded, Model, TypeKind, TypeRef, Union};
use serde_json::{json, Value};

fn loaded(schema: Value) -> Loaded {
    match load_with_warnings(&schema, None) {
        Ok(loaded) => loaded,
        Err(error) => panic!("schema should load: {error}"),
    }
}

/// The model of a schema that loads without any warning.
fn clean(schema: Value) -> Model {
    let loaded = loaded(schema);
    assert_eq!(loaded.warnings, [], "no warnings expected");
    loaded.model
}

fn kind<'m>(model: &'m Model, name: &str) -> &'m TypeKind {
    let names: Vec<&str> = model.types.iter().map(|t| t.name.as_str()).collect();
    &model
        .get(name)
        .unwrap_or_else(|| panic!("no type {name}; have {names:?}"))
        .kind
}

fn field<'m>(model: &'m Model, type_name: &str, wire: &str) -> &'m Field {
    fields(model, type_name)
        .iter()
        .find(|f| f.wire_name == wire)
        .unwrap_or_else(|| panic!("{type_name} has no field {wire}"))
}

fn fields<'m>(model: &'m Model, type_name: &str) -> &'m [Field] {
    match kind(model, type_name) {
        TypeKind::Struct(s) => &s.fields,
        other => panic!("{type_name} is not a struct: {other:?}"),
    }
}

fn wire_names(model: &Model, type_name: &str) -> Vec<String> {
    fields(model, type_name)
        .iter()
        .map(|f| f.wire_name.clone())
        .collect()
}

fn union<'m>(model: &'m Model, name: &str) -> &'m Union {
    match kind(model, name) {
        TypeKind::Union(union) => union,
        other => panic!("{name} is not a union: {other:?}"),
    }
}

fn named(name: &str) -> TypeRef {
    TypeRef::Named(name.into())
}

/// The warnings' pointers and whether each message contains `needle`.
fn warned_at(loaded: &Loaded, pointer: &str, needle: &str) {
    let found = loaded
        .warnings
        .iter()
        .find(|w| w.pointer == pointer)
        .unwrap_or_else(|| panic!("no warning at {pointer}: {:?}", loaded.warnings));
    assert!(
        found.message.contains(needle),
        "{:?} should contain {needle:?}",
        found.message
    );
}

#[test]
fn properties_beside_one_of_are_merged_into_each_branch() {
    let model = clean(json!({"$defs": {
        "Card": {"type": "object", "properties": {"number": {"type": "string"}}},
        "Payment": {
            "type": "object",
            "properties": {"amount": {"type": "number"}, "kind": {"type": "string"}},
            "required": ["amount", "kind"],
            "oneOf": [
                {"$ref": "#/$defs/Card", "title": "ByCard"},
                {"properties": {"iban": {"type": "string"}}, "title": "ByBank"},
                {"type": "string", "title": "Token"}
            ]
        }
    }}));
    let union = union(&model, "Payment");
    let types: Vec<&TypeRef> = union.variants.iter().map(|v| &v.ty).collect();
    assert_eq!(
        types[2],
        &TypeRef::String,
        "a string branch takes no properties"
    );
    let TypeRef::Named(by_card) = types[0] else {
        panic!("{types:?}")
    };
    assert_eq!(wire_names(&model, by_card), ["amount", "kind", "number"]);
    assert!(field(&model, by_card, "amount").required);
    let TypeRef::Named(by_bank) = types[1] else {
        panic!("{types:?}")
    };
    assert_eq!(wire_names(&model, by_bank), ["amount", "kind", "iban"]);
    // The referenced definition itself is untouched.
    assert_eq!(wire_names(&model, "Card"), ["number"]);
}

#[test]
fn a_tag_required_beside_the_union_still_makes_it_tagged() {
    let model = clean(json!({"$defs": {"Shape": {
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"type": "string"}, "name": {"type": "string"}},
        "oneOf": [
            {"properties": {"kind": {"const": "circle"}, "r": {"type": "number"}}},
            {"properties": {"kind": {"const": "square"}, "side": {"type": "number"}}}
        ]
    }}}));
    let union = union(&model, "Shape");
    assert_eq!(union.discriminator.as_deref(), Some("kind"));
    let circle = &union.variants[0];
    assert_eq!(circle.tag.as_deref(), Some("circle"));
    let TypeRef::Named(circle_type) = &circle.ty else {
        panic!("{circle:?}")
    };
    assert_eq!(wire_names(&model, circle_type), ["kind", "name", "r"]);
    assert_eq!(
        field(&model, circle_type, "kind").ty,
        TypeRef::Literal("circle".into()),
        "the branch's constant wins over the shared string"
    );
}

#[test]
fn mixed_enums_are_unions_of_their_json_types() {
    let model = clean(json!({"$defs": {
        "Flag": {"enum": [true, false, "auto"]},
        "Version": {"enum": [3, 5, "latest", null]},
        "Ratio": {"enum": [1, 2.5]},
        "Switch": {"enum": [true, false]}
    }}));
    let flag = union(&model, "Flag");
    let types: Vec<&TypeRef> = flag.variants.iter().map(|v| &v.ty).collect();
    assert_eq!(types, [&TypeRef::Bool, &TypeRef::String]);
    let version = union(&model, "Version");
    let types: Vec<&TypeRef> = version.variants.iter().map(|v| &v.ty).collect();
    assert_eq!(types, [&TypeRef::Int64, &TypeRef::String]);
    assert_eq!(kind(&model, "Ratio"), &TypeKind::Alias(TypeRef::Float64));
    assert_eq!(kind(&model, "Switch"), &TypeKind::Alias(TypeRef::Bool));
    let doc = model.get("Flag").and_then(|d| d.description.as_deref());
    assert_eq!(doc, Some("Constraints: one of true | false | \"auto\"."));
}

#[test]
fn a_ref_with_siblings_keeps_its_target_and_its_description() {
    let loaded = loaded(json!({"$defs": {
        "Color": {"type": "string", "enum": ["red", "green"]},
        "Paint": {"type": "object", "properties": {
            "color": {"$ref": "#/$defs/Color", "type": "string", "description": "The colour.", "maxLength": 9},
            "maybe": {"$ref": "#/$defs/Color", "type": ["string", "null"]}
        }}
    }}));
    assert_eq!(loaded.warnings, []);
    let color = field(&loaded.model, "Paint", "color");
    assert_eq!(color.ty, named("Color"));
    assert_eq!(
        color.description.as_deref(),
        Some("The colour.\n\nConstraints: at most 9 characters.")
    );
    let maybe = field(&loaded.model, "Paint", "maybe");
    assert!(maybe.nullable && maybe.ty == named("Color"), "{maybe:?}");
}

#[test]
fn all_of_parts_that_only_constrain_are_ignored() {
    let model = clean(json!({"$defs": {
        "Level": {"type": "string", "enum": ["low", "high"]},
        "Bounded": {"allOf": [{"type": "integer"}, {"minimum": 0}, {"maximum": 9}]},
        "Short": {"allOf": [{"$ref": "#/$defs/Level"}, {"maxLength": 4}]},
        "Pick": {"type": "object", "properties": {
            "level": {"allOf": [{"$ref": "#/$defs/Level"}], "description": "How much."},
            "count": {"allOf": [{"type": "integer"}, {"minimum": 1}]}
        }},
        "Sized": {"allOf": [
            {"type": "object", "properties": {"w": {"type": "number"}}},
            {"minProperties": 1},
            {"required": ["w"]}
        ]}
    }}));
    assert_eq!(kind(&model, "Bounded"), &TypeKind::Alias(TypeRef::Int64));
    assert_eq!(kind(&model, "Short"), &TypeKind::Alias(named("Level")));
    assert_eq!(field(&model, "Pick", "level").ty, named("Level"));
    assert_eq!(field(&model, "Pick", "count").ty, TypeRef::Int64);
    assert!(field(&model, "Sized", "w").required);
}

#[test]
fn a_non_object_all_of_part_beside_an_object_part_is_a_warning_not_an_error() {
    let loaded = loaded(json!({"$defs": {"A": {"allOf": [
        {"type": "string"},
        {"type": "object", "properties": {"x": {"type": "string"}}}
    ]}}}));
    warned_at(&loaded, "/$defs/A/allOf/0", "not an object");
    assert_eq!(wire_names(&loaded.model, "A"), ["x"]);
}

#[test]
fn type_lists_mixing_object_with_other_types_are_unions_by_shape() {
    let model = clean(json!({"$defs": {"Setting": {
        "type": ["string", "object", "null"],
        "properties": {"value": {"type": "string"}}
    }}}));
    let union = union(&model, "Setting");
    let names: Vec<&str> = union.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["String", "SettingObject"]);
    assert_eq!(wire_names(&model, "SettingObject"), ["value"]);
    assert_eq!(
        model.shape_of(&union.variants[1].ty),
        dtogen::model::Shape::Object
    );
}

#[test]
fn no_type_with_properties_and_items_admits_both_shapes() {
    let model = clean(json!({"$defs": {"Either": {
        "properties": {"a": {"type": "string"}},
        "items": {"type": "integer"}
    }}}));
    let shapes: Vec<_> = union(&model, "Either")
        .variants
        .iter()
        .map(|v| model.shape_of(&v.ty))
        .collect();
    assert_eq!(
        shapes,
        [dtogen::model::Shape::Object, dtogen::model::Shape::Array]
    );
}

#[test]
fn id_and_anchor_references_resolve_inside_the_document() {
    let model = clean(json!({
        "$id": "https://example.com/schemas/root.json",
        "$defs": {
            "Address": {"$id": "address.json", "type": "object", "properties": {"city": {"type": "string"}}},
            "Name": {"$anchor": "name", "type": "string"},
            "Person": {"type": "object", "properties": {
                "home": {"$ref": "address.json"},
                "work": {"$ref": "https://example.com/schemas/address.json"},
                "name": {"$ref": "#name"}
            }}
        }
    }));
    assert_eq!(field(&model, "Person", "home").ty, named("Address"));
    assert_eq!(field(&model, "Person", "work").ty, named("Address"));
    assert_eq!(field(&model, "Person", "name").ty, named("Name"));
}

#[test]
fn plain_name_ids_of_drafts_6_and_7_are_anchors() {
    let model = clean(json!({
        "$id": "https://example.com/shop.json",
        "definitions": {"Sku": {"$id": "#sku", "type": "string"}},
        "title": "Line",
        "type": "object",
        "properties": {"sku": {"$ref": "#sku"}}
    }));
    assert_eq!(field(&model, "Line", "sku").ty, named("Sku"));
    // A pointer-shaped `$id` is no anchor: `#/sku` stays a JSON pointer.
    let problem = load_with_warnings(
        &json!({"definitions": {"Sku": {"$id": "#/sku", "type": "string"}},
                "properties": {"sku": {"$ref": "#sku"}}}),
        None,
    )
    .expect_err("no anchor named sku");
    assert!(
        problem.message.contains("no `$anchor` named `sku`"),
        "{problem}"
    );
}

#[test]
fn file_refs_to_a_document_root_and_to_pointer_shaped_ids_resolve() {
    let dir = std::env::temp_dir().join(format!("dtogen-id-refs-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("parts")).expect("scratch dir");
    std::fs::create_dir_all(dir.join("shared")).expect("scratch dir");
    // `#/` names the document itself; `#/gauge` is no pointer into
    // kinds.json, but the `$id` of one of its definitions.
    std::fs::write(
        dir.join("parts/wrap.json"),
        r##"{"$ref": "../shared/kinds.json#/gauge"}"##,
    )
    .expect("write");
    std::fs::write(
        dir.join("shared/kinds.json"),
        r##"{"definitions": {"Gauge": {"$id": "#/gauge", "type": "object",
             "properties": {"level": {"type": "integer"}}}}}"##,
    )
    .expect("write");
    let main = json!({"title": "Panel", "type": "object",
                      "properties": {"gauge": {"$ref": "parts/wrap.json#/"}}});
    let file = dir.join("panel.json");
    let loaded = load_with_warnings(&main, Some(&file));
    let _ = std::fs::remove_dir_all(&dir);
    let model = loaded.expect("loads").model;
    // The field names wrap.json's root, an alias of kinds.json's Gauge.
    let wrap = match &field(&model, "Panel", "gauge").ty {
        TypeRef::Named(name) => name.clone(),
        other => panic!("gauge is {other:?}"),
    };
    assert_eq!(kind(&model, &wrap), &TypeKind::Alias(named("Gauge")));
    assert_eq!(wire_names(&model, "Gauge"), ["level"]);
}

#[test]
fn recursive_and_dynamic_refs_resolve_to_their_anchor() {
    let model = clean(json!({
        "title": "Tree",
        "$dynamicAnchor": "node",
        "type": "object",
        "properties": {
            "children": {"type": "array", "items": {"$dynamicRef": "#node"}},
            "parent": {"$recursiveRef": "#"}
        }
    }));
    assert_eq!(
        field(&model, "Tree", "children").ty,
        TypeRef::List(Box::new(named("Tree")))
    );
    assert_eq!(field(&model, "Tree", "parent").ty, named("Tree"));
}

#[test]
fn relative_file_refs_resolve_from_the_schema_folder_and_errors_name_the_file() {
    let dir = std::env::temp_dir().join(format!("dtogen-refs-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("common")).expect("scratch dir");
    std::fs::write(
        dir.join("common/money.json"),
        r##"{"$defs": {"Money": {"type": "object", "properties": {"cents": {"type": "integer"}, "currency": {"$ref": "currency.json"}}}}}"##,
    )
    .expect("write");
    std::fs::write(
        dir.join("common/currency.json"),
        r#"{"title": "Currency", "type": "string", "enum": ["EUR", "USD"]}"#,
    )
    .expect("write");
    let main = json!({"$defs": {"Order": {"type": "object", "properties": {
        "total": {"$ref": "common/money.json#/$defs/Money"}
    }}}});
    let file = dir.join("order.json");
    let loaded = load_with_warnings(&main, Some(&file)).expect("loads");
    assert_eq!(field(&loaded.model, "Order", "total").ty, named("Money"));
    assert_eq!(
        field(&loaded.model, "Money", "currency").ty,
        named("Currency")
    );
    assert!(matches!(kind(&loaded.model, "Currency"), TypeKind::Enum(e) if e.values.len() == 2));

    let broken = json!({"$defs": {"A": {"$ref": "common/money.json#/$defs/Nope"}}});
    let problem = load_with_warnings(&broken, Some(&file)).expect_err("missing target");
    assert_eq!(problem.pointer, "/$defs/A/$ref");
    assert!(
        problem
            .message
            .contains("common/money.json#/$defs/Nope does not exist"),
        "{problem}"
    );
    let missing = json!({"$defs": {"A": {"$ref": "nowhere.json"}}});
    let problem = load_with_warnings(&missing, Some(&file)).expect_err("missing file");
    assert!(
        problem.message.contains("cannot read `nowhere.json`") && !problem.message.contains("$id"),
        "{problem}"
    );
    // quicktype's issue-1833: schemas that name each other by `$id`, given
    // one at a time. The message says why the reference is not found.
    let by_id = json!({"$id": "/schemas/top", "properties": {"c": {"$ref": "/schemas/c"}}});
    let problem = load_with_warnings(&by_id, Some(&file)).expect_err("unknown $id");
    assert_eq!(problem.pointer, "/properties/c/$ref");
    assert!(
        problem.message.contains("cannot read `/schemas/c`")
            && problem
                .message
                .contains("nor is it the `$id` of a schema in this document"),
        "{problem}"
    );
    let inner = json!({"$defs": {"A": {"$ref": "common/bad.json"}}});
    std::fs::write(
        dir.join("common/bad.json"),
        r#"{"type": "object", "properties": [1]}"#,
    )
    .expect("write");
    let problem = load_with_warnings(&inner, Some(&file)).expect_err("bad inner schema");
    assert_eq!(problem.pointer, "common/bad.json#/properties", "{problem}");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(Path::new(&file).extension().is_some());
}

#[test]
fn tuples_are_lists_of_their_common_type_or_of_free_json() {
    let model = clean(json!({"$defs": {"T": {"type": "object", "properties": {
        "pair": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]},
        "point": {"type": "array", "items": [{"type": "number"}, {"type": "number"}], "additionalItems": false},
        "open": {"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "string"}}
    }}}}));
    let list = |ty: TypeRef| TypeRef::List(Box::new(ty));
    assert_eq!(field(&model, "T", "pair").ty, list(TypeRef::Any));
    assert_eq!(field(&model, "T", "point").ty, list(TypeRef::Float64));
    assert_eq!(field(&model, "T", "open").ty, list(TypeRef::String));
}

#[test]
fn openapi_nullable_and_discriminator_mapping() {
    let model = clean(json!({"definitions": {
        "Cat": {"type": "object", "required": ["petType"], "properties": {
            "petType": {"type": "string"}, "purrs": {"type": "boolean", "nullable": true}
        }},
        "Dog": {"type": "object", "required": ["petType"], "properties": {
            "petType": {"type": "string"}, "barks": {"type": "boolean"}
        }},
        "Pet": {
            "oneOf": [{"$ref": "#/definitions/Cat"}, {"$ref": "#/definitions/Dog"}],
            "discriminator": {"propertyName": "petType", "mapping": {"kitty": "#/definitions/Cat"}}
        }
    }}));
    assert!(field(&model, "Cat", "purrs").nullable);
    let pet = union(&model, "Pet");
    assert_eq!(pet.discriminator.as_deref(), Some("petType"));
    let tags: Vec<&str> = pet
        .variants
        .iter()
        .filter_map(|v| v.tag.as_deref())
        .collect();
    assert_eq!(
        tags,
        ["kitty", "Dog"],
        "mapping first, else the schema's name"
    );
    let TypeRef::Named(kitty) = &pet.variants[0].ty else {
        panic!("{pet:?}")
    };
    assert_eq!(
        field(&model, kitty, "petType").ty,
        TypeRef::Literal("kitty".into())
    );
    assert_eq!(field(&model, "Cat", "petType").ty, TypeRef::String);
}

#[test]
fn null_properties_are_free_json_and_false_properties_are_dropped() {
    let model = clean(json!({"$defs": {"T": {"type": "object", "properties": {
        "gone": false,
        "always_null": {"type": "null"},
        "anything": true,
        "kept": {"type": "string"}
    }}}}));
    assert_eq!(wire_names(&model, "T"), ["always_null", "anything", "kept"]);
    let always_null = field(&model, "T", "always_null");
    assert!(always_null.nullable && always_null.ty == TypeRef::Any);
    assert_eq!(field(&model, "T", "anything").ty, TypeRef::Any);
}

#[test]
fn validation_only_keywords_are_ignored_and_documented() {
    let model = clean(json!({"$defs": {"T": {
        "type": "object",
        "properties": {
            "code": {"type": "string", "pattern": "^[A-Z]{3}$", "not": {"const": "XXX"}},
            "age": {"type": "integer", "minimum": 0, "exclusiveMaximum": 200},
            "tags": {"type": "array", "items": {"type": "string"}, "contains": {"const": "a"}, "uniqueItems": true}
        },
        "if": {"properties": {"age": {"minimum": 18}}},
        "then": {"required": ["code"]},
        "else": {},
        "dependentSchemas": {"code": {"required": ["age"]}},
        "unevaluatedProperties": false
    }}}));
    assert_eq!(
        field(&model, "T", "code").description.as_deref(),
        Some("Constraints: pattern: ^[A-Z]{3}$, must not match a schema.")
    );
    assert_eq!(
        field(&model, "T", "age").description.as_deref(),
        Some("Constraints: minimum 0, less than 200.")
    );
    assert_eq!(
        field(&model, "T", "tags").description.as_deref(),
        Some("Constraints: unique items, must contain a matching item.")
    );
    assert_eq!(wire_names(&model, "T"), ["code", "age", "tags"]);
}

#[test]
fn what_cannot_be_typed_is_free_json_with_a_warning_at_its_pointer() {
    let loaded = loaded(json!({"$defs": {
        "Never": false,
        "NoValue": {"enum": []},
        "NoBranch": {"oneOf": []},
        "Objects": {"enum": [{"a": 1}, 2]},
        "Remote": {"$ref": "https://example.com/other.json#/x"},
        "Odd": {"type": "tuple"},
        "a-b": {"type": "string"},
        "AB": {"type": "string"}
    }}));
    warned_at(&loaded, "/$defs/Never", "accepts no value");
    warned_at(
        &loaded,
        "/$defs/NoValue/enum",
        "an empty `enum` accepts no value",
    );
    warned_at(
        &loaded,
        "/$defs/NoBranch/oneOf",
        "an empty `oneOf` accepts no value",
    );
    warned_at(&loaded, "/$defs/Objects/enum", "object or array values");
    warned_at(&loaded, "/$defs/Remote/$ref", "not fetched");
    warned_at(&loaded, "/$defs/Odd/type", "unknown type `tuple`");
    warned_at(&loaded, "/$defs/AB", "collides");
    for message in loaded.warnings.iter().map(|w| &w.message) {
        assert!(!message.contains("only null"), "{message}");
    }
    for name in ["Never", "NoValue", "NoBranch", "Objects", "Remote", "Odd"] {
        assert_eq!(
            kind(&loaded.model, name),
            &TypeKind::Alias(TypeRef::Any),
            "{name}"
        );
    }
    assert!(loaded.model.get("AB2").is_some());
}

#[test]
fn alias_chains_settle_on_their_end_and_cycles_on_free_json() {
    let mut defs = serde_json::Map::new();
    for i in 0..1000 {
        defs.insert(
            format!("T{i}"),
            json!({"$ref": format!("#/$defs/T{}", i + 1)}),
        );
    }
    defs.insert("T1000".into(), json!({"type": ["string", "null"]}));
    defs.insert("Loop".into(), json!({"$ref": "#/$defs/Loop2"}));
    defs.insert(
        "Loop2".into(),
        json!({"type": ["null"], "$ref": "#/$defs/Loop"}),
    );
    defs.insert(
        "Holder".into(),
        json!({"type": "object", "properties": {"x": {"$ref": "#/$defs/T0"}}}),
    );
    let model = clean(json!({ "$defs": defs }));
    assert_eq!(kind(&model, "T0"), &TypeKind::Alias(TypeRef::String));
    assert_eq!(kind(&model, "T999"), &TypeKind::Alias(TypeRef::String));
    assert!(field(&model, "Holder", "x").nullable);
    assert_eq!(kind(&model, "Loop"), &TypeKind::Alias(TypeRef::Any));
    assert_eq!(kind(&model, "Loop2"), &TypeKind::Alias(TypeRef::Any));
}

#[test]
fn a_thousand_deep_all_of_chain_copies_a_bounded_number_of_fields() {
    let mut defs = serde_json::Map::new();
    for i in 0..1000 {
        defs.insert(
            format!("T{i}"),
            json!({"allOf": [
                {"$ref": format!("#/$defs/T{}", i + 1)},
                {"type": "object", "properties": {format!("p{i}"): {"type": "string"}}},
            ]}),
        );
    }
    defs.insert(
        "T1000".into(),
        json!({"type": "object", "properties": {"last": {"type": "string"}}}),
    );
    let loaded = loaded(json!({ "$defs": defs }));
    let total: usize = loaded
        .model
        .types
        .iter()
        .filter_map(|t| t.as_struct())
        .map(|s| s.fields.len())
        .sum();
    // Copying every level's fields into every type above it would be 500,500.
    assert!(total < 25_000, "{total} fields");
    // Near the base, types still carry everything they inherit.
    assert_eq!(fields(&loaded.model, "T990").len(), 11);
    assert_eq!(field(&loaded.model, "T990", "last").ty, TypeRef::String);
    // Each type keeps its own property; what was not copied is named.
    assert_eq!(field(&loaded.model, "T0", "p0").ty, TypeRef::String);
    warned_at(&loaded, "/$defs/T0/allOf/0/$ref", "not copied");
}
