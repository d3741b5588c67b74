//! ServiceStack matches JSON property names case-insensitively, so AI Server's
//! own clients send `{"RefId": ..., "Request": {...}}` (C#) as readily as
//! `{"refId": ...}`. This renames every property the API's schema declares to
//! its exact wire name, at any depth, before the body is decoded. Names the
//! schema does not know stay as they are (they are forwarded upstream), and
//! so do the keys of open maps such as `logit_bias` or tool `parameters`.

use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::validate::FieldError;

/// The API schema's `$defs`, built once.
fn defs() -> &'static Map<String, Value> {
    static DEFS: OnceLock<Map<String, Value>> = OnceLock::new();
    DEFS.get_or_init(|| match dtogen_dto::schema::api_schema().get_mut("$defs") {
        Some(Value::Object(defs)) => std::mem::take(defs),
        _ => Map::new(),
    })
}

/// Renames `value`'s properties to the exact names of the `$defs` type `root`.
/// Two spellings of one property in the same object are an error.
pub fn canonicalize(value: &mut Value, root: &str) -> Result<(), FieldError> {
    match defs().get(root) {
        Some(schema) => walk(schema, value, ""),
        None => Ok(()),
    }
}

/// Follows `$ref`s into `$defs`.
fn resolve(schema: &Value) -> &Value {
    let mut schema = schema;
    for _ in 0..32 {
        match schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
            .and_then(|name| defs().get(name))
        {
            Some(target) => schema = target,
            None => break,
        }
    }
    schema
}

/// The schema and its `anyOf`/`oneOf`/`allOf` alternatives, resolved.
fn alternatives(schema: &Value) -> Vec<&Value> {
    let schema = resolve(schema);
    let mut out = vec![schema];
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(Value::Array(list)) = schema.get(key) {
            for alt in list {
                out.extend(alternatives(alt));
            }
        }
    }
    out
}

fn walk(schema: &Value, value: &mut Value, path: &str) -> Result<(), FieldError> {
    let alts = alternatives(schema);
    match value {
        Value::Object(object) => {
            let properties: Vec<(&String, &Value)> = alts
                .iter()
                .filter_map(|s| s.get("properties").and_then(Value::as_object))
                .flat_map(|p| p.iter())
                .collect();
            if !properties.is_empty() {
                rename(object, &properties, path)?;
            }
            for (key, child) in object.iter_mut() {
                let child_path = join(path, key);
                if let Some((_, sub)) = properties.iter().find(|(name, _)| *name == key) {
                    walk(sub, child, &child_path)?;
                } else if let Some(map) = alts
                    .iter()
                    .find_map(|s| s.get("additionalProperties").filter(|v| v.is_object()))
                {
                    walk(map, child, &child_path)?;
                }
            }
        }
        Value::Array(items) => {
            if let Some(item) = alts.iter().find_map(|s| s.get("items")) {
                for (i, child) in items.iter_mut().enumerate() {
                    walk(item, child, &format!("{path}[{i}]"))?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// Renames keys that match a declared property other than exactly.
fn rename(
    object: &mut Map<String, Value>,
    properties: &[(&String, &Value)],
    path: &str,
) -> Result<(), FieldError> {
    let exact = |key: &str| properties.iter().any(|(name, _)| name.as_str() == key);
    let needs = object.keys().any(|k| {
        !exact(k)
            && properties
                .iter()
                .any(|(name, _)| name.eq_ignore_ascii_case(k))
    });
    if !needs {
        return Ok(());
    }
    let mut renamed = Map::with_capacity(object.len());
    for (key, child) in std::mem::take(object) {
        let name = if exact(&key) {
            key
        } else {
            match properties
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(&key))
            {
                Some((name, _)) => (*name).clone(),
                None => key,
            }
        };
        if renamed.contains_key(&name) {
            return Err(FieldError::new(
                &join(path, &name),
                format!("{name} is given twice, in different letter cases"),
            ));
        }
        renamed.insert(name, child);
    }
    *object = renamed;
    Ok(())
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renames_known_properties_at_every_depth() {
        let mut body = json!({
            "RefId": "r", "TAG": "t", "ReplyTo": "https://example.com/h",
            "Request": {
                "Model": "m",
                "Max_Tokens": 5,
                "Messages": [{"Role": "user", "Content": "hi", "x_extra": 1}],
                "Logit_Bias": {"AbC": 3},
                "Top_K": 40
            }
        });
        canonicalize(&mut body, "CreateOpenAiChat").unwrap();
        assert_eq!(
            body,
            json!({
                "refId": "r", "tag": "t", "replyTo": "https://example.com/h",
                "request": {
                    "model": "m",
                    "max_tokens": 5,
                    "messages": [{"role": "user", "content": "hi", "x_extra": 1}],
                    "logit_bias": {"AbC": 3},
                    "Top_K": 40
                }
            })
        );
    }

    #[test]
    fn two_spellings_of_one_property_are_refused() {
        let mut body = json!({"refId": "a", "RefId": "b", "request": {}});
        let e = canonicalize(&mut body, "CreateOpenAiChat").unwrap_err();
        assert_eq!(e.field, "refId");
    }

    #[test]
    fn flattened_completion_properties_are_known() {
        let mut body = json!({"Model": "m", "Messages": [], "RefId": "r", "Provider": "p"});
        canonicalize(&mut body, "OpenAiChatCompletion").unwrap();
        assert_eq!(
            body,
            json!({"model": "m", "messages": [], "refId": "r", "provider": "p"})
        );
    }
}
