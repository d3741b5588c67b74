//! The built-in DTOs document every type and field: generated clients carry
//! these descriptions as doc comments.

use serde_json::Value;

fn undocumented(pointer: &str, schema: &Value, missing: &mut Vec<String>) {
    let Some(object) = schema.as_object() else {
        return;
    };
    if let Some(Value::Object(properties)) = object.get("properties") {
        for (name, property) in properties {
            let at = format!("{pointer}/properties/{name}");
            // Union tags are constants; their meaning is the variant's description.
            let is_tag = property.get("const").is_some();
            if !is_tag && property.get("description").is_none() {
                missing.push(at.clone());
            }
            undocumented(&at, property, missing);
        }
    }
    for keyword in ["oneOf", "anyOf"] {
        if let Some(Value::Array(branches)) = object.get(keyword) {
            for (index, branch) in branches.iter().enumerate() {
                undocumented(&format!("{pointer}/{keyword}/{index}"), branch, missing);
            }
        }
    }
}

#[test]
fn every_type_and_field_has_a_description() {
    let schema = dtogen_dto::schema::api_schema();
    let defs = schema["$defs"].as_object().expect("$defs");
    assert!(defs.len() > 40, "the API has its types");
    let mut missing = Vec::new();
    for (name, def) in defs {
        let pointer = format!("/$defs/{name}");
        if def.get("description").is_none() {
            missing.push(pointer.clone());
        }
        undocumented(&pointer, def, &mut missing);
    }
    assert!(missing.is_empty(), "undocumented: {missing:#?}");
}
