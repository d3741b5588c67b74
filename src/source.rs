//! Where the schema comes from: the built-in DTOs or a file the user names.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::{self, Loaded, Model};

/// The committed export of the built-in DTOs.
pub const BUILT_IN_SCHEMA_PATH: &str = "schema/ai-server.schema.json";

#[derive(Debug, Clone)]
pub enum SchemaSource {
    /// The AI Server DTOs compiled into dtogen.
    BuiltIn,
    /// A JSON Schema or OpenAPI 3.x document on disk, JSON or YAML.
    File(PathBuf),
}

impl SchemaSource {
    pub fn document(&self) -> Result<Value> {
        match self {
            SchemaSource::BuiltIn => Ok(dtogen_dto::schema::api_schema()),
            SchemaSource::File(path) => read_document(path),
        }
    }

    pub fn model(&self) -> Result<Model> {
        self.model_of(&self.document()?)
    }

    /// The model of this source's `document` (JSON Schema, or OpenAPI when the
    /// document says `openapi:`), with errors and warnings labelled by the source.
    pub fn model_of(&self, document: &Value) -> Result<Model> {
        self.loaded_of(document).map(|loaded| loaded.model)
    }

    /// The model of this source's `document` and what was typed as free JSON
    /// (JSON Schema, or OpenAPI when the document says `openapi:`); a file's
    /// relative `$ref`s resolve from its folder.
    pub fn loaded_of(&self, document: &Value) -> Result<Loaded> {
        let label = self.label();
        if model::openapi::is_openapi(document) {
            return model::openapi::load(document)
                .map_err(|error| Error(format!("{label}: OpenAPI error {error}")));
        }
        let file = match self {
            SchemaSource::BuiltIn => None,
            SchemaSource::File(path) => Some(path.as_path()),
        };
        model::load_with_warnings(document, file)
            .map_err(|error| Error(format!("{label}: schema error {error}")))
    }

    /// How errors name this source: the file, or `built-in schema`.
    pub fn label(&self) -> String {
        match self {
            SchemaSource::BuiltIn => "built-in schema".to_owned(),
            SchemaSource::File(path) => path.display().to_string(),
        }
    }
}

fn read_document(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        Error(format!(
            "{}: cannot read the schema: {error}",
            path.display()
        ))
    })?;
    let parsed = if is_yaml_path(path) {
        parse_yaml(&text)
    } else {
        parse_document(&text)
    };
    parsed.map_err(|message| Error(format!("{}:{message}", path.display())))
}

/// `.yaml` and `.yml` files are read as YAML; everything else as JSON.
fn is_yaml_path(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"))
}

/// Parses a YAML document (OpenAPI's usual spelling) into the same JSON
/// value, mapping keys in document order; the error is `line:column: what`.
pub fn parse_yaml(text: &str) -> std::result::Result<Value, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_norway::from_str::<yaml::Json>(text)
        .map(|json| json.0)
        .map_err(|error| {
            let (line, column) = error
                .location()
                .map_or((0, 0), |at| (at.line(), at.column()));
            let what = error.to_string();
            // The library appends "at line L column C"; the prefix says it already.
            let what = match what.rsplit_once(" at line ") {
                Some((head, _)) => head.to_owned(),
                None => what,
            };
            format!("{line}:{column}: not valid YAML: {what}")
        })
}

/// YAML's data model is wider than JSON's; this reads it as JSON: keys that
/// are not strings (`200:`) become their text, and integers beyond 64 bits
/// become floats (OpenAI's spec has `minimum: -9223372036854776000`).
mod yaml {
    use std::fmt;

    use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde_json::{Map, Value};

    pub struct Json(pub Value);

    impl<'de> Deserialize<'de> for Json {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(JsonVisitor).map(Json)
        }
    }

    struct JsonVisitor;

    fn float(value: f64) -> Value {
        serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
    }

    impl<'de> Visitor<'de> for JsonVisitor {
        type Value = Value;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any YAML value")
        }
        fn visit_unit<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
        fn visit_none<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
            Json::deserialize(d).map(|json| json.0)
        }
        fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
            Ok(Value::Bool(v))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
            Ok(Value::from(v))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
            Ok(Value::from(v))
        }
        fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
            Ok(i64::try_from(v).map_or_else(|_| float(v as f64), Value::from))
        }
        fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
            Ok(u64::try_from(v).map_or_else(|_| float(v as f64), Value::from))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
            Ok(float(v))
        }
        fn visit_str<E>(self, v: &str) -> Result<Value, E> {
            Ok(Value::String(v.to_owned()))
        }
        fn visit_string<E>(self, v: String) -> Result<Value, E> {
            Ok(Value::String(v))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
            let mut items = Vec::new();
            while let Some(Json(item)) = seq.next_element()? {
                items.push(item);
            }
            Ok(Value::Array(items))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
            let mut entries = Map::new();
            while let Some((Json(key), Json(value))) = map.next_entry()? {
                let key = match key {
                    Value::String(text) => text,
                    other => other.to_string(),
                };
                entries.insert(key, value);
            }
            Ok(Value::Object(entries))
        }
    }
}

/// Parses a schema's text; the error is `line:column: what`.
pub fn parse_document(text: &str) -> std::result::Result<Value, String> {
    // Editors on Windows save UTF-8 with a byte order mark; it is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|error| {
        let what = if error.to_string().starts_with("recursion limit exceeded") {
            "the document nests deeper than 128 levels, more than dtogen reads".to_owned()
        } else {
            format!("not valid JSON: {error}")
        };
        format!("{}:{}: {what}", error.line(), error.column())
    })
}

/// The schema document as committed: pretty JSON with a trailing newline.
pub fn schema_text(document: &Value) -> String {
    let mut text = serde_json::to_string_pretty(document).unwrap_or_default();
    text.push('\n');
    text
}
