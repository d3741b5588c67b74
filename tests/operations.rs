//! Operations declared with `x-operation`: names, parameters and bodies.

use dtogen::model::{load, Body, Param, ParamLocation};
use serde_json::{json, Value};

fn schema(operation: Value) -> Value {
    json!({
        "$defs": {
            "RetrieveModel": {
                "type": "object",
                "properties": {
                    "model": {"type": "string"},
                    "limit": {"type": "integer"},
                    "OpenAI-Organization": {"type": "string"},
                    "body": {"$ref": "#/$defs/Model"}
                },
                "required": ["model"],
                "x-operation": operation
            },
            "Model": {"type": "object", "properties": {"id": {"type": "string"}}}
        }
    })
}

fn load_error(schema: Value) -> (String, String) {
    match load(&schema) {
        Ok(_) => panic!("schema should be refused"),
        Err(error) => (error.pointer, error.message),
    }
}

#[test]
fn operations_default_to_their_request_name_and_a_body_of_fields() {
    let model = load(&schema(
        json!({"method": "POST", "path": "/models", "response": "Model"}),
    ))
    .expect("loads");
    let op = &model.operations[0];
    assert_eq!(op.name, "RetrieveModel");
    assert_eq!(op.body, Body::Fields);
    assert!(op.params.is_empty());
}

#[test]
fn parameters_name_request_properties_and_the_body_can_be_one_property_or_none() {
    let model = load(&schema(json!({
        "method": "POST", "path": "/v1/models/{model}", "response": "Model",
        "name": "retrieveModel",
        "params": [
            {"name": "model", "in": "path"},
            {"name": "limit", "in": "query"},
            {"name": "OpenAI-Organization", "in": "header"}
        ],
        "body": "body"
    })))
    .expect("loads");
    let op = &model.operations[0];
    assert_eq!(op.name, "RetrieveModel");
    assert_eq!(
        op.params,
        vec![
            Param {
                name: "model".into(),
                location: ParamLocation::Path
            },
            Param {
                name: "limit".into(),
                location: ParamLocation::Query
            },
            Param {
                name: "OpenAI-Organization".into(),
                location: ParamLocation::Header
            },
        ]
    );
    assert_eq!(op.body, Body::Field("body".into()));

    let model = load(&schema(json!({
        "method": "GET", "path": "/v1/models/{model}", "response": "Model",
        "params": [{"name": "model", "in": "path"}], "body": null
    })))
    .expect("loads");
    assert_eq!(model.operations[0].body, Body::None);
}

#[test]
fn inconsistent_parameters_are_refused_with_their_pointer() {
    let at = "/$defs/RetrieveModel/x-operation";
    let cases = [
        (
            json!({"method": "GET", "path": "/m/{model}", "response": "Model"}),
            format!("{at}/path"),
            "`{model}` in the path is not a path parameter",
        ),
        (
            json!({"method": "GET", "path": "/m", "response": "Model", "params": [{"name": "model", "in": "path"}]}),
            format!("{at}/params"),
            "has no `{model}` in the path",
        ),
        (
            json!({"method": "GET", "path": "/m", "response": "Model", "params": [{"name": "nope", "in": "query"}]}),
            format!("{at}/params/0/name"),
            "`nope` is not a property of the request",
        ),
        (
            json!({"method": "GET", "path": "/m/{limit}", "response": "Model", "params": [{"name": "limit", "in": "path"}]}),
            format!("{at}/params/0/name"),
            "must be a required property",
        ),
        (
            json!({"method": "GET", "path": "/m", "response": "Model", "params": [{"name": "limit", "in": "cookie"}]}),
            format!("{at}/params/0/in"),
            "`in` must be",
        ),
        (
            json!({"method": "POST", "path": "/m", "response": "Model", "body": "nope"}),
            format!("{at}/body"),
            "`nope` is not a property of the request",
        ),
        (
            json!({"method": "POST", "path": "/m", "response": "Model", "body": 3}),
            format!("{at}/body"),
            "must be a property name or null",
        ),
    ];
    for (operation, pointer, message) in cases {
        let (got_pointer, got_message) = load_error(schema(operation.clone()));
        assert_eq!(got_pointer, pointer, "{operation}");
        assert!(got_message.contains(message), "{operation}: {got_message}");
    }
}
