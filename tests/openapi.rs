//! OpenAPI 3.0 / 3.1 documents → the model: types, operations, parameters,
//! bodies, responses, streams, what is skipped (warnings) and what is refused.

use dtogen::model::openapi::{is_openapi, load, Loaded};
use dtogen::model::{Body, Operation, Param, ParamLocation, TypeKind, TypeRef};
use dtogen::source::parse_yaml;
use serde_json::{json, Value};

fn document(paths: Value) -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Pet Store", "version": "1.2", "description": "Pets.", "license": {"name": "MIT"}},
        "servers": [{"url": "https://{region}.pets.example/v1", "variables": {"region": {"default": "eu"}}}],
        "paths": paths,
        "components": {
            "schemas": {
                "Pet": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
                    "required": ["name"]
                },
                "Completion": {"type": "object", "properties": {"stream": {"type": "boolean"}, "prompt": {"type": "string"}}},
                "Chunk": {"type": "object", "properties": {"delta": {"type": "string"}}},
                "Kind": {"type": "string", "enum": ["cat", "dog"]}
            },
            "parameters": {
                "Limit": {"name": "limit", "in": "query", "description": "Page size.", "schema": {"type": "integer", "default": 20}}
            },
            "requestBodies": {
                "NewPet": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}
            },
            "responses": {
                "OnePet": {"description": "A pet.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}
            }
        }
    })
}

fn loaded(paths: Value) -> Loaded {
    load(&document(paths)).unwrap_or_else(|e| panic!("loads: {e}"))
}

fn refused(document: Value) -> (String, String) {
    match load(&document) {
        Ok(_) => panic!("the document should be refused"),
        Err(error) => (error.pointer, error.message),
    }
}

fn operation<'m>(loaded: &'m Loaded, name: &str) -> &'m Operation {
    loaded
        .model
        .operations
        .iter()
        .find(|op| op.name == name)
        .unwrap_or_else(|| panic!("no operation {name}: {:?}", loaded.model.operations))
}

fn fields(loaded: &Loaded, type_name: &str) -> Vec<(String, TypeRef, bool)> {
    let def = loaded
        .model
        .get(type_name)
        .unwrap_or_else(|| panic!("no type {type_name}"));
    let TypeKind::Struct(s) = &def.kind else {
        panic!("{type_name} is not a struct: {:?}", def.kind);
    };
    s.fields
        .iter()
        .map(|f| (f.wire_name.clone(), f.ty.clone(), f.required))
        .collect()
}

fn param(name: &str, location: ParamLocation) -> Param {
    Param {
        name: name.to_owned(),
        location,
    }
}

fn ok_pet() -> Value {
    json!({"200": {"$ref": "#/components/responses/OnePet"}})
}

#[test]
fn recognised_from_the_document() {
    assert!(is_openapi(&json!({"openapi": "3.0.3"})));
    assert!(is_openapi(&json!({"swagger": "2.0"})));
    assert!(!is_openapi(&json!({"$defs": {}})));
}

#[test]
fn components_become_types_and_info_the_package() {
    let loaded = loaded(json!({}));
    let model = &loaded.model;
    assert_eq!(
        fields(&loaded, "Pet"),
        vec![
            ("id".to_owned(), TypeRef::String, false),
            ("name".to_owned(), TypeRef::String, true)
        ]
    );
    assert!(matches!(
        model.get("Kind").map(|d| &d.kind),
        Some(TypeKind::Enum(_))
    ));
    assert_eq!(model.package.title, "Pet Store");
    assert_eq!(model.package.name, "pet-store");
    assert_eq!(model.package.version, "1.2.0");
    assert_eq!(model.package.description.as_deref(), Some("Pets."));
    assert_eq!(model.package.license.as_deref(), Some("MIT"));
    assert_eq!(
        model.base_url.as_deref(),
        Some("https://eu.pets.example/v1"),
        "servers[0].url with its variables' defaults"
    );
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn an_unversioned_info_keeps_the_default_with_a_warning() {
    let mut doc = document(json!({}));
    doc["info"]["version"] = json!("2024-05-01");
    let loaded = load(&doc).expect("loads");
    assert_eq!(loaded.model.package.version, "0.1.0");
    assert_eq!(loaded.warnings[0].pointer, "/info/version");
}

#[test]
fn a_json_body_without_parameters_is_the_request() {
    let loaded = loaded(json!({"/pets": {"post": {
        "operationId": "createPet",
        "requestBody": {"$ref": "#/components/requestBodies/NewPet"},
        "responses": {"201": {"$ref": "#/components/responses/OnePet"}}
    }}}));
    let op = operation(&loaded, "CreatePet");
    assert_eq!(op.request, "Pet");
    assert_eq!(op.response, "Pet");
    assert_eq!(op.method, "POST");
    assert_eq!(op.path, "/pets");
    assert_eq!(op.body, Body::Fields);
    assert!(op.params.is_empty());
}

#[test]
fn an_inline_body_object_is_named_after_the_operation() {
    let loaded = loaded(json!({"/pets/search": {"post": {
        "operationId": "search_pets",
        "requestBody": {"content": {"application/json; charset=utf-8": {"schema": {
            "type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]
        }}}},
        "responses": {"200": {"description": "Names.", "content": {"application/json": {"schema": {
            "type": "array", "items": {"type": "string"}
        }}}}}
    }}}));
    let op = operation(&loaded, "SearchPets");
    assert_eq!(op.request, "SearchPetsRequest");
    assert_eq!(
        fields(&loaded, "SearchPetsRequest"),
        vec![("q".to_owned(), TypeRef::String, true)]
    );
    // A response that is not a named type gets an alias of its own.
    assert_eq!(op.response, "SearchPetsResponse");
    assert_eq!(
        loaded.model.get("SearchPetsResponse").map(|d| &d.kind),
        Some(&TypeKind::Alias(TypeRef::List(Box::new(TypeRef::String))))
    );
}

#[test]
fn parameters_bind_fields_and_the_body_becomes_a_field() {
    let loaded = loaded(json!({"/pets/{pet_id}": {
        "parameters": [
            {"name": "pet_id", "in": "path", "required": true, "schema": {"type": "string"}},
            {"name": "verbose", "in": "query", "schema": {"type": "string"}}
        ],
        "post": {
            "operationId": "updatePet",
            "parameters": [
                {"name": "verbose", "in": "query", "schema": {"type": "boolean"}},
                {"$ref": "#/components/parameters/Limit"},
                {"name": "Idempotency-Key", "in": "header", "schema": {"type": "string"}},
                {"name": "Accept", "in": "header", "schema": {"type": "string"}}
            ],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
            "responses": ok_pet()
        }
    }}));
    let op = operation(&loaded, "UpdatePet");
    assert_eq!(op.request, "UpdatePetRequest");
    assert_eq!(
        op.params,
        vec![
            param("pet_id", ParamLocation::Path),
            param("verbose", ParamLocation::Query),
            param("limit", ParamLocation::Query),
            param("Idempotency-Key", ParamLocation::Header),
        ],
        "path-level parameters first, overridden by the operation's; Accept is OpenAPI's to ignore"
    );
    assert_eq!(op.body, Body::Field("body".to_owned()));
    assert_eq!(
        fields(&loaded, "UpdatePetRequest"),
        vec![
            ("pet_id".to_owned(), TypeRef::String, true),
            ("verbose".to_owned(), TypeRef::Bool, false),
            ("limit".to_owned(), TypeRef::Int64, false),
            ("Idempotency-Key".to_owned(), TypeRef::String, false),
            ("body".to_owned(), TypeRef::Named("Pet".to_owned()), true),
        ]
    );
    let request = loaded.model.get("UpdatePetRequest").expect("request");
    let TypeKind::Struct(s) = &request.kind else {
        panic!("struct")
    };
    assert_eq!(s.fields[2].description.as_deref(), Some("Page size."));
    assert_eq!(s.fields[2].default, Some(json!(20)));
}

#[test]
fn no_body_is_a_request_of_parameters_only() {
    let loaded = loaded(json!({"/pets/{pet_id}": {"get": {
        "operationId": "getPet",
        "parameters": [{"name": "pet_id", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": ok_pet()
    }, "delete": {
        "responses": {"204": {"description": "Gone."}}
    , "parameters": [{"name": "pet_id", "in": "path", "required": true, "schema": {"type": "string"}}]}
    }, "/pets": {"get": {"operationId": "listPets", "responses": ok_pet()}}}));
    let get = operation(&loaded, "GetPet");
    assert_eq!(get.body, Body::None);
    assert_eq!(get.params, vec![param("pet_id", ParamLocation::Path)]);
    let list = operation(&loaded, "ListPets");
    assert_eq!(list.request, "ListPetsRequest");
    assert_eq!(list.body, Body::None);
    assert!(fields(&loaded, "ListPetsRequest").is_empty());
    // No operationId: named from the method and the path; a 204 answers free JSON.
    let delete = operation(&loaded, "DeletePetsByPetId");
    assert_eq!(delete.response, "DeletePetsByPetIdResponse");
    assert_eq!(
        loaded.model.get(&delete.response).map(|d| &d.kind),
        Some(&TypeKind::Alias(TypeRef::Any))
    );
}

#[test]
fn an_inline_response_is_named_after_the_operation() {
    let loaded = loaded(json!({"/pets": {"get": {
        "operationId": "listPets",
        "responses": {
            "default": {"description": "Error.", "content": {"application/json": {"schema": {"type": "object", "properties": {"error": {"type": "string"}}}}}},
            "201": {"description": "Later.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Kind"}}}},
            "200": {"description": "A page.", "content": {"application/json": {"schema": {
                "type": "object",
                "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}}
            }}}}
        }
    }}}));
    let op = operation(&loaded, "ListPets");
    assert_eq!(op.response, "ListPetsResponse", "the first 2xx by code");
    assert_eq!(
        fields(&loaded, "ListPetsResponse"),
        vec![(
            "data".to_owned(),
            TypeRef::List(Box::new(TypeRef::Named("Pet".to_owned()))),
            false
        )]
    );
}

#[test]
fn an_event_stream_answer_streams_on_the_request_flag() {
    let loaded = loaded(json!({"/completions": {"post": {
        "operationId": "createCompletion",
        "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Completion"}}}},
        "responses": {"200": {"description": "A completion or chunks.", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Completion"}},
            "text/event-stream": {"schema": {"$ref": "#/components/schemas/Chunk"}}
        }}}
    }}}));
    let op = operation(&loaded, "CreateCompletion");
    let stream = op.stream.as_ref().expect("streams");
    assert_eq!(stream.flag, "stream");
    assert_eq!(stream.event, "Chunk");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn an_event_stream_without_a_flag_is_dropped_with_a_warning() {
    let loaded = loaded(json!({"/pets": {"post": {
        "operationId": "createPet",
        "requestBody": {"$ref": "#/components/requestBodies/NewPet"},
        "responses": {"200": {"description": "", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}},
            "text/event-stream": {"schema": {"$ref": "#/components/schemas/Chunk"}}
        }}}
    }}, "/speech": {"post": {
        "operationId": "speak",
        "requestBody": {"$ref": "#/components/requestBodies/NewPet"},
        "responses": {"200": {"description": "", "content": {
            "text/event-stream": {"schema": {"$ref": "#/components/schemas/Chunk"}}
        }}}
    }}}));
    assert!(operation(&loaded, "CreatePet").stream.is_none());
    assert!(loaded.model.operations.iter().all(|op| op.name != "Speak"));
    let pointers: Vec<&str> = loaded.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(pointers, vec!["/paths/~1pets/post", "/paths/~1speech/post"]);
    assert!(loaded.warnings[1].message.starts_with("skipped"));
}

#[test]
fn what_the_model_cannot_carry_is_skipped_with_a_warning() {
    let loaded = loaded(json!({"/files": {
        "post": {
            "operationId": "upload",
            "requestBody": {"content": {"multipart/form-data": {"schema": {"type": "object"}}}},
            "responses": ok_pet()
        },
        "get": {
            "operationId": "download",
            "parameters": [{"name": "session", "in": "cookie", "schema": {"type": "string"}}],
            "responses": {"200": {"description": "", "content": {"application/octet-stream": {}}}}
        },
        "head": {"operationId": "probe", "responses": ok_pet()},
        "put": {
            "operationId": "replace",
            "parameters": [{"name": "session", "in": "cookie", "schema": {"type": "string"}}],
            "responses": ok_pet()
        }
    }, "/files/{id}": {"get": {"operationId": "unbound", "responses": ok_pet()}}}));
    let names: Vec<&str> = loaded
        .model
        .operations
        .iter()
        .map(|op| op.name.as_str())
        .collect();
    assert_eq!(names, vec!["Replace"]);
    let warnings: Vec<(String, bool)> = loaded
        .warnings
        .iter()
        .map(|w| (w.pointer.clone(), w.message.contains("skipped")))
        .collect();
    assert_eq!(
        warnings,
        vec![
            ("/paths/~1files/post/requestBody/content".to_owned(), true),
            ("/paths/~1files/get/responses".to_owned(), true),
            ("/paths/~1files/head".to_owned(), true),
            ("/paths/~1files/put/parameters/0".to_owned(), true),
            ("/paths/~1files~1{id}/get".to_owned(), true),
        ]
    );
    assert!(loaded.warnings[0].message.contains("multipart/form-data"));
    assert!(loaded.warnings[3].message.contains("cookie"));
}

#[test]
fn errors_point_into_the_openapi_document() {
    let mut doc = document(json!({}));
    doc["components"]["schemas"]["Pet"]["properties"]["owner"] =
        json!({"$ref": "#/components/schemas/Nope"});
    let (pointer, message) = refused(doc);
    assert_eq!(pointer, "/components/schemas/Pet/properties/owner/$ref");
    assert!(message.contains("does not exist"), "{message}");

    // What the schema loader degrades is a warning, still pointing into the document.
    let loaded = load(&document(json!({"/v1/models": {"get": {
        "operationId": "listModels",
        "parameters": [{"name": "q", "in": "query", "schema": {"type": "wat"}}],
        "responses": ok_pet()
    }}})))
    .expect("loads with a warning");
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.pointer == "/paths/~1v1~1models/get/parameters/0/schema/type"),
        "{:?}",
        loaded.warnings
    );

    let (pointer, message) = refused(document(json!({"/pets": {"get": {
        "operationId": "listPets",
        "parameters": [{"$ref": "#/components/parameters/Missing"}],
        "responses": ok_pet()
    }}})));
    assert_eq!(pointer, "/paths/~1pets/get/parameters/0/$ref");
    assert!(
        message.contains("#/components/parameters/Missing"),
        "{message}"
    );

    let (pointer, message) = refused(document(json!({
        "/a": {"get": {"operationId": "list_pets", "responses": ok_pet()}},
        "/b": {"get": {"operationId": "listPets", "responses": ok_pet()}}
    })));
    assert_eq!(pointer, "/paths/~1b/get/operationId");
    assert!(message.contains("ListPets"), "{message}");

    let (pointer, _) = refused(document(json!({"/pets": {"get": {
        "parameters": [{"in": "query"}], "responses": ok_pet()
    }}})));
    assert_eq!(pointer, "/paths/~1pets/get/parameters/0/name");
}

#[test]
fn swagger_and_unknown_versions_are_refused() {
    let (pointer, message) = refused(json!({"swagger": "2.0", "paths": {}}));
    assert_eq!(pointer, "/swagger");
    assert!(
        message.contains("Swagger 2.0 is not supported"),
        "{message}"
    );
    assert!(message.contains("OpenAPI 3"), "{message}");
    let (pointer, message) = refused(json!({"openapi": "4.0.0"}));
    assert_eq!(pointer, "/openapi");
    assert!(message.contains("3.0 and 3.1"), "{message}");
    let (pointer, _) = refused(json!({"openapi": 3.1}));
    assert_eq!(pointer, "/openapi");
}

#[test]
fn yaml_reads_as_json_in_document_order() {
    let value = parse_yaml(
        "openapi: 3.0.3\nzeta: 1\nalpha:\n  200: {description: ok}\n  big: -9223372036854776000\n",
    )
    .expect("parses");
    let keys: Vec<&String> = value.as_object().expect("object").keys().collect();
    assert_eq!(keys, vec!["openapi", "zeta", "alpha"]);
    assert_eq!(value["openapi"], json!("3.0.3"));
    assert_eq!(value["alpha"]["200"]["description"], json!("ok"));
    assert!(value["alpha"]["big"].is_f64(), "beyond 64 bits: a float");
    let error = parse_yaml("a: 1\nb: [1, 2\nc: 3\n").expect_err("unclosed flow sequence");
    assert!(
        error.starts_with("3:") || error.starts_with("4:"),
        "{error}"
    );
    assert!(error.contains("not valid YAML"), "{error}");
}
