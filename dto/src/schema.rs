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
    exporter.operation::<QueueOpenAiChatCompletion>();
    exporter.operation::<GetOpenAiChat>();
    exporter.operation::<GetOpenAiChatStatus>();
    exporter.operation::<WaitForOpenAiChat>();
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
            // The project's own license; no repository URL, as none is published.
            "x-package": {
                "name": "ai-server-client",
                "version": "0.1.0",
                "license": "MIT",
                "authors": ["The dtogen authors"],
            },
            "$defs": sorted,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ai_server_operations_are_exported_with_their_routes() {
        let schema = api_schema();
        let defs = &schema["$defs"];
        for (request, method, path, response) in [
            (
                "QueueOpenAiChatCompletion",
                "POST",
                "/api/QueueOpenAiChatCompletion",
                "QueueOpenAiChatResponse",
            ),
            (
                "GetOpenAiChatStatus",
                "GET",
                "/api/GetOpenAiChatStatus",
                "GetOpenAiChatStatusResponse",
            ),
            (
                "WaitForOpenAiChat",
                "GET",
                "/api/WaitForOpenAiChat",
                "GetOpenAiChatResponse",
            ),
            (
                "OpenAiChatCompletion",
                "POST",
                "/v1/chat/completions",
                "OpenAiChatResponse",
            ),
            (
                "CreateOpenAiChat",
                "POST",
                "/api/CreateOpenAiChat",
                "CreateOpenAiChatResponse",
            ),
        ] {
            let op = &defs[request]["x-operation"];
            assert_eq!(op["method"], method, "{request}");
            assert_eq!(op["path"], path, "{request}");
            assert_eq!(op["response"], response, "{request}");
            assert!(defs[response].is_object(), "{response}");
        }
        let status = &defs["GetOpenAiChatStatusResponse"]["properties"];
        for field in [
            "jobId",
            "refId",
            "jobState",
            "status",
            "result",
            "responseStatus",
        ] {
            assert!(status[field].is_object(), "{field}");
        }
        assert!(defs["QueueOpenAiChatResponse"]["properties"]["statusUrl"].is_object());
        // Optional on CreateOpenAiChatResponse: older servers do not send it.
        let create = &defs["CreateOpenAiChatResponse"];
        assert!(create["properties"]["statusUrl"].is_object());
        let required: Vec<&str> = create["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        assert!(!required.contains(&"statusUrl"), "{required:?}");
        assert_eq!(
            defs["QueueOpenAiChatCompletion"]["properties"], defs["CreateOpenAiChat"]["properties"],
            "the same body as CreateOpenAiChat"
        );
    }

    #[test]
    fn new_responses_round_trip_in_camel_case() {
        let status = GetOpenAiChatStatusResponse {
            extra: Default::default(),
            job_id: 3,
            ref_id: "r".into(),
            job_state: JobState::Completed,
            status: Some("Completed".into()),
            result: None,
            response_status: None,
        };
        let json = serde_json::to_value(&status).unwrap();
        assert_eq!(
            json,
            json!({"jobId": 3, "refId": "r", "jobState": "Completed", "status": "Completed"})
        );
        let back: GetOpenAiChatStatusResponse = serde_json::from_value(json).unwrap();
        assert_eq!(back, status);
        let old: CreateOpenAiChatResponse =
            serde_json::from_value(json!({"id": 1, "refId": "r"})).unwrap();
        assert_eq!(old.status_url, None);
    }
}
