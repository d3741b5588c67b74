//! Exports the API as one JSON Schema document (draft 2020-12, `$defs`).

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{json, Map, Value};

use crate::operation::{ApiOperation, StreamedOperation};
use crate::service::*;

/// The `$id` of the exported document.
pub const SCHEMA_ID: &str = "urn:dtogen:ai-server";

/// The whole API: every operation's request and response (and stream event),
/// each request carrying its route as `x-operation`.
pub fn api_schema() -> Value {
    let mut exporter = Exporter::new();
    exporter.operation::<CreateOpenAiChat>();
    exporter.operation::<GetOpenAiChat>();
    exporter.operation::<QueryOpenAiChat>();
    exporter.streamed_operation::<OpenAiChatCompletion>();
    exporter.finish()
}

struct Exporter {
    generator: SchemaGenerator,
    operations: Vec<(String, Value)>,
}

impl Exporter {
    fn new() -> Self {
        let settings = SchemaSettings::draft2020_12();
        Self {
            generator: settings.into_generator(),
            operations: Vec::new(),
        }
    }

    fn root<T: JsonSchema>(&mut self) {
        self.generator.subschema_for::<T>();
    }

    fn operation<T: ApiOperation>(&mut self) {
        self.root::<T>();
        self.root::<T::Response>();
        let operation = json!({
            "method": T::METHOD,
            "path": T::PATH,
            "response": T::Response::schema_name(),
        });
        self.operations
            .push((T::schema_name().into_owned(), operation));
    }

    /// `x-operation` gains `"stream": {"response": Event, "flag": FLAG}`.
    fn streamed_operation<T: StreamedOperation>(&mut self) {
        self.operation::<T>();
        self.root::<T::Event>();
        if let Some((_, Value::Object(operation))) = self.operations.last_mut() {
            operation.insert(
                "stream".into(),
                json!({ "response": T::Event::schema_name(), "flag": T::FLAG }),
            );
        }
    }

    fn finish(mut self) -> Value {
        let mut defs: Map<String, Value> = self.generator.take_definitions(true);
        for (name, operation) in self.operations {
            if let Some(Value::Object(def)) = defs.get_mut(&name) {
                def.insert("x-operation".into(), operation);
            }
        }
        // Sorted keys keep the document byte-identical across runs.
        let sorted: std::collections::BTreeMap<String, Value> = defs.into_iter().collect();
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": SCHEMA_ID,
            "title": "AI Server",
            "description": "The AI Server chat API: queued and synchronous OpenAI-compatible chat completions.",
            "x-package": { "name": "ai-server-client", "version": "0.1.0" },
            "$defs": sorted,
        })
    }
}
