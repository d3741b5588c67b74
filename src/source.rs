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
    /// A JSON Schema document on disk.
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

    /// The model of this source's `document`, with errors labelled by the source.
    pub fn model_of(&self, document: &Value) -> Result<Model> {
        self.loaded_of(document).map(|loaded| loaded.model)
    }

    /// The model of this source's `document` and what was typed as free JSON;
    /// a file's relative `$ref`s resolve from its folder.
    pub fn loaded_of(&self, document: &Value) -> Result<Loaded> {
        let file = match self {
            SchemaSource::BuiltIn => None,
            SchemaSource::File(path) => Some(path.as_path()),
        };
        model::load_with_warnings(document, file)
            .map_err(|error| Error(format!("{}: schema error {error}", self.label())))
    }

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
    parse_document(&text).map_err(|message| Error(format!("{}:{message}", path.display())))
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
