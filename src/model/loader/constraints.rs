//! What validation-only keywords mean, as a line for the doc comment: the
//! types cannot enforce `pattern` or `minimum`, but the reader should know.

use serde_json::{Map, Value};

/// How many enum values a doc comment lists before it says "…".
const LISTED_VALUES: usize = 12;

/// The schema's description, followed by a line naming its constraints
/// (`minimum 0, maximum 100, pattern: ^[a-z]+$`) when it has any.
pub fn documentation(schema: &Map<String, Value>) -> Option<String> {
    let description = schema
        .get("description")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|text| !text.is_empty());
    let constraints = constraints(schema);
    match (description, constraints.is_empty()) {
        (None, true) => None,
        (Some(text), true) => Some(text.to_owned()),
        (None, false) => Some(format!("Constraints: {}.", constraints.join(", "))),
        (Some(text), false) => Some(format!(
            "{text}\n\nConstraints: {}.",
            constraints.join(", ")
        )),
    }
}

fn constraints(schema: &Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    for (keyword, label) in [
        ("minimum", "minimum"),
        ("exclusiveMinimum", "greater than"),
        ("maximum", "maximum"),
        ("exclusiveMaximum", "less than"),
        ("multipleOf", "multiple of"),
        ("minLength", "at least {} characters"),
        ("maxLength", "at most {} characters"),
        ("minItems", "at least {} items"),
        ("maxItems", "at most {} items"),
        ("minProperties", "at least {} properties"),
        ("maxProperties", "at most {} properties"),
    ] {
        if let Some(Value::Number(number)) = schema.get(keyword) {
            if label.contains("{}") {
                out.push(label.replace("{}", &number.to_string()));
            } else {
                out.push(format!("{label} {number}"));
            }
        }
    }
    if schema.get("uniqueItems") == Some(&Value::Bool(true)) {
        out.push("unique items".to_owned());
    }
    if let Some(Value::String(pattern)) = schema.get("pattern") {
        out.push(format!("pattern: {}", one_line(pattern)));
    }
    if let Some(Value::String(format)) = schema.get("format") {
        if !matches!(
            format.as_str(),
            "int8"
                | "int16"
                | "int32"
                | "int64"
                | "uint8"
                | "uint16"
                | "uint32"
                | "uint64"
                | "double"
                | "float"
                | "date-time"
        ) {
            out.push(format!("format {}", one_line(format)));
        }
    }
    // Mixed enums are typed by their JSON types; the values themselves go here.
    if let Some(Value::Array(values)) = schema.get("enum") {
        if !values.iter().all(|v| v.is_string() || v.is_null()) {
            let mut listed: Vec<String> = values
                .iter()
                .take(LISTED_VALUES)
                .map(|v| one_line(&v.to_string()))
                .collect();
            if values.len() > LISTED_VALUES {
                listed.push("…".to_owned());
            }
            out.push(format!("one of {}", listed.join(" | ")));
        }
    }
    for (keyword, meaning) in [
        ("not", "must not match a schema"),
        ("if", "conditional rules (`if`/`then`/`else`)"),
        (
            "dependentSchemas",
            "rules that depend on which properties are present",
        ),
        ("dependentRequired", "properties required together"),
        ("contains", "must contain a matching item"),
    ] {
        if schema.contains_key(keyword) {
            out.push(meaning.to_owned());
        }
    }
    out
}

/// Text for one doc line: control characters (line breaks included) as spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(schema: Value) -> Option<String> {
        documentation(schema.as_object().expect("an object"))
    }

    #[test]
    fn constraints_follow_the_description() {
        assert_eq!(
            doc(json!({"description": "Age.", "minimum": 0, "maximum": 150})).as_deref(),
            Some("Age.\n\nConstraints: minimum 0, maximum 150.")
        );
        assert_eq!(
            doc(json!({"pattern": "^a+$", "maxLength": 8})).as_deref(),
            Some("Constraints: at most 8 characters, pattern: ^a+$.")
        );
        assert_eq!(
            doc(json!({"enum": [true, "auto"]})).as_deref(),
            Some("Constraints: one of true | \"auto\".")
        );
        assert_eq!(doc(json!({"format": "int32", "enum": ["a"]})), None);
    }
}
