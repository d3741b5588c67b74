//! Round-trips the shared test vectors in `tests/vectors/` through the Rust DTOs.
//!
//! Every `tests/vectors/<TypeName>/<case>.json` is decoded as the Rust type
//! named by its directory, re-encoded, and compared (as JSON values, numbers
//! by numeric value) with `<case>.expected.json` when present, else with the
//! input itself. A `<case>.exact-or-refused.json` (integers beyond some
//! languages' exact range) passes when decoding refuses it or when it comes
//! back exactly. The same vectors are used by every generated client.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use dtogen_dto::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Vectors must cover at least this many cases in all.
const MIN_VECTORS: usize = 25;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("vectors")
}

/// Decodes `input` as `T` and encodes it again.
fn roundtrip<T: Serialize + DeserializeOwned>(input: &Value) -> Result<Value, String> {
    let decoded: T = serde_json::from_value(input.clone()).map_err(|e| format!("decode: {e}"))?;
    serde_json::to_value(&decoded).map_err(|e| format!("encode: {e}"))
}

/// Round-trips `input` through the type called `type_name`.
fn roundtrip_as(type_name: &str, input: &Value) -> Result<Value, String> {
    match type_name {
        "OpenAiChat" => roundtrip::<OpenAiChat>(input),
        "OpenAiMessage" => roundtrip::<OpenAiMessage>(input),
        "OpenAiChatResponse" => roundtrip::<OpenAiChatResponse>(input),
        "OpenAiChatChunk" => roundtrip::<OpenAiChatChunk>(input),
        "OpenAiUsage" => roundtrip::<OpenAiUsage>(input),
        "OpenAiChatCompletion" => roundtrip::<OpenAiChatCompletion>(input),
        "CreateOpenAiChat" => roundtrip::<CreateOpenAiChat>(input),
        "CreateOpenAiChatResponse" => roundtrip::<CreateOpenAiChatResponse>(input),
        "GetOpenAiChat" => roundtrip::<GetOpenAiChat>(input),
        "GetOpenAiChatResponse" => roundtrip::<GetOpenAiChatResponse>(input),
        "QueryOpenAiChat" => roundtrip::<QueryOpenAiChat>(input),
        "QueryOpenAiChatResponse" => roundtrip::<QueryOpenAiChatResponse>(input),
        "OpenAiChatJob" => roundtrip::<OpenAiChatJob>(input),
        "ResponseStatus" => roundtrip::<ResponseStatus>(input),
        other => Err(format!(
            "no Rust type is mapped to vector directory `{other}`"
        )),
    }
}

/// Numbers compare by value, so `1` and `1.0` are equal.
fn numbers_equal(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return x == y;
    }
    if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
        return x == y;
    }
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

fn json_equal(a: &Value, b: &Value) -> bool {
    first_difference(a, b, "").is_none()
}

fn describe(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 120 {
        let cut: String = text.chars().take(117).collect();
        format!("{cut}...")
    } else {
        text
    }
}

fn escape_pointer(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The JSON pointer of the first place `expected` and `actual` differ, with an explanation.
fn first_difference(expected: &Value, actual: &Value, pointer: &str) -> Option<String> {
    let at = if pointer.is_empty() { "/" } else { pointer };
    match (expected, actual) {
        (Value::Null, Value::Null) => None,
        (Value::Bool(x), Value::Bool(y)) if x == y => None,
        (Value::String(x), Value::String(y)) if x == y => None,
        (Value::Number(x), Value::Number(y)) if numbers_equal(x, y) => None,
        (Value::Array(xs), Value::Array(ys)) => {
            if xs.len() != ys.len() {
                return Some(format!(
                    "{at}: expected an array of {} items, got {} items",
                    xs.len(),
                    ys.len()
                ));
            }
            xs.iter()
                .zip(ys)
                .enumerate()
                .find_map(|(i, (x, y))| first_difference(x, y, &format!("{pointer}/{i}")))
        }
        (Value::Object(xs), Value::Object(ys)) => {
            for (key, x) in xs {
                let child = format!("{pointer}/{}", escape_pointer(key));
                match ys.get(key) {
                    None => return Some(format!("{child}: missing, expected {}", describe(x))),
                    Some(y) => {
                        if let Some(difference) = first_difference(x, y, &child) {
                            return Some(difference);
                        }
                    }
                }
            }
            ys.iter()
                .find(|(key, _)| !xs.contains_key(*key))
                .map(|(key, y)| {
                    format!(
                        "{pointer}/{}: unexpected property, got {}",
                        escape_pointer(key),
                        describe(y)
                    )
                })
        }
        _ => Some(format!(
            "{at}: expected {}, got {}",
            describe(expected),
            describe(actual)
        )),
    }
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("read: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("parse: {e}"))
}

/// One input vector: its type directory and its file.
struct Vector {
    type_name: String,
    input: PathBuf,
}

impl Vector {
    fn expected_path(&self) -> PathBuf {
        let stem = self.input.file_stem().unwrap().to_string_lossy();
        self.input.with_file_name(format!("{stem}.expected.json"))
    }

    fn check(&self) -> Result<(), String> {
        let input = read_json(&self.input)?;
        let expected_path = self.expected_path();
        let expected = if expected_path.exists() {
            let expected = read_json(&expected_path)?;
            if json_equal(&expected, &input) {
                return Err(format!(
                    "{} is identical to its input; delete it",
                    expected_path.display()
                ));
            }
            expected
        } else {
            input.clone()
        };
        let refusable = self
            .input
            .to_string_lossy()
            .ends_with(".exact-or-refused.json");
        let actual = match roundtrip_as(&self.type_name, &input) {
            // Beyond what the type keeps exactly: refused, never rounded.
            Err(error) if refusable && error.starts_with("decode:") => return Ok(()),
            result => result?,
        };
        match first_difference(&expected, &actual, "") {
            None => Ok(()),
            Some(difference) => Err(format!("re-encoded JSON differs at {difference}")),
        }
    }
}

fn is_expected_file(name: &str) -> bool {
    name.ends_with(".expected.json")
}

/// Every input vector, grouped by type directory (sorted for stable output).
fn collect_vectors() -> BTreeMap<String, Vec<Vector>> {
    let root = vectors_dir();
    let mut by_type = BTreeMap::new();
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    dirs.sort();
    for dir in dirs {
        assert!(
            dir.is_dir(),
            "{} is not a type directory; vectors live in tests/vectors/<TypeName>/",
            dir.display()
        );
        let type_name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        files.sort();
        let mut vectors = Vec::new();
        for file in files {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                name.ends_with(".json"),
                "{} is not a .json vector",
                file.display()
            );
            if is_expected_file(&name) {
                let input = file.with_file_name(name.replace(".expected.json", ".json"));
                assert!(
                    input.exists(),
                    "{} has no input {}",
                    file.display(),
                    input.display()
                );
                continue;
            }
            vectors.push(Vector {
                type_name: type_name.clone(),
                input: file,
            });
        }
        by_type.insert(type_name, vectors);
    }
    by_type
}

#[test]
fn all_vectors_round_trip() {
    let by_type = collect_vectors();
    let mut checked = 0;
    let mut failures = Vec::new();
    for (type_name, vectors) in &by_type {
        if vectors.is_empty() {
            failures.push(format!("{type_name}/: directory has no vectors"));
        }
        for vector in vectors {
            checked += 1;
            if let Err(message) = vector.check() {
                let relative = vector
                    .input
                    .strip_prefix(vectors_dir())
                    .unwrap_or(&vector.input)
                    .display()
                    .to_string();
                failures.push(format!("{relative}: {message}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} vectors failed:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
    assert!(
        checked >= MIN_VECTORS,
        "only {checked} vectors checked, expected at least {MIN_VECTORS}"
    );
}

fn load<T: DeserializeOwned>(relative: &str) -> T {
    let path = vectors_dir().join(relative);
    let value = read_json(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_value(value).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn unknown_role_is_kept_as_other() {
    let message: OpenAiMessage = load("OpenAiMessage/unknown-role.json");
    assert_eq!(message.role, OpenAiRole::Other("critic".into()));

    let chat: OpenAiChat = load("OpenAiChat/unknown-enum-values.json");
    let roles: Vec<&OpenAiRole> = chat.messages.iter().map(|m| &m.role).collect();
    assert_eq!(
        roles,
        [
            &OpenAiRole::System,
            &OpenAiRole::User,
            &OpenAiRole::Assistant,
            &OpenAiRole::Other("critic".into()),
        ]
    );
    assert_eq!(
        chat.reasoning_effort,
        Some(OpenAiReasoningEffort::Other("ultra".into()))
    );
    assert_eq!(
        chat.tool_choice,
        Some(OpenAiToolChoice::Mode(OpenAiToolChoiceMode::Other(
            "sometimes".into()
        )))
    );
}

#[test]
fn unknown_finish_reason_is_kept_as_other() {
    let response: OpenAiChatResponse = load("OpenAiChatResponse/unknown-finish-reason.json");
    assert_eq!(
        response.choices[0].finish_reason,
        Some(OpenAiFinishReason::Other("guardrail_intervened".into()))
    );
    assert_eq!(
        response.choices[1].finish_reason,
        Some(OpenAiFinishReason::ContentFilter)
    );
    let chunk: OpenAiChatChunk = load("OpenAiChatChunk/unknown-finish-reason.json");
    assert_eq!(
        chunk.choices[0].finish_reason,
        Some(OpenAiFinishReason::Other("guardrail_intervened".into()))
    );
}

#[test]
fn stop_decodes_to_the_right_variant() {
    let chat: OpenAiChat = load("OpenAiChat/response-format-json-object.json");
    assert_eq!(
        chat.stop,
        Some(OpenAiStop::Multiple(vec![
            "</answer>".into(),
            "\nUser:".into(),
            "END".into()
        ]))
    );
    let chat: OpenAiChat = load("OpenAiChat/response-format-json-schema.json");
    assert_eq!(chat.stop, Some(OpenAiStop::Single("\n\n###".into())));
    let chat: OpenAiChat = load("OpenAiChat/empty-collections.json");
    assert_eq!(chat.stop, Some(OpenAiStop::Multiple(vec![])));
}

#[test]
fn tool_choice_decodes_to_the_right_variant() {
    let chat: OpenAiChat = load("OpenAiChat/tool-call-conversation.json");
    match chat.tool_choice {
        Some(OpenAiToolChoice::Named(named)) => {
            assert_eq!(named.kind, OpenAiToolType::Function);
            assert_eq!(named.function.name, "get_weather");
        }
        other => panic!("expected a named tool choice, got {other:?}"),
    }
    let chat: OpenAiChat = load("OpenAiChat/tools-nested-schema.json");
    assert_eq!(
        chat.tool_choice,
        Some(OpenAiToolChoice::Mode(OpenAiToolChoiceMode::Required))
    );
}

#[test]
fn response_format_decodes_to_the_right_variant() {
    let chat: OpenAiChat = load("OpenAiChat/response-format-json-schema.json");
    match chat.response_format {
        Some(OpenAiResponseFormat::JsonSchema { json_schema, .. }) => {
            assert_eq!(json_schema.name, "calendar_event");
            assert_eq!(json_schema.strict, Some(true));
            let schema = json_schema.schema.expect("schema");
            assert_eq!(
                schema.pointer("/properties/location/properties/indoor/type"),
                Some(&Value::from("boolean"))
            );
        }
        other => panic!("expected a json_schema response format, got {other:?}"),
    }
    let chat: OpenAiChat = load("OpenAiChat/response-format-json-object.json");
    assert!(matches!(
        chat.response_format,
        Some(OpenAiResponseFormat::JsonObject { .. })
    ));
    let chat: OpenAiChat = load("OpenAiChat/all-sampling-options.json");
    assert!(matches!(
        chat.response_format,
        Some(OpenAiResponseFormat::Text { .. })
    ));
    assert_eq!(chat.seed, Some(-9_007_199_254_740_991));
}

#[test]
fn content_parts_decode_to_the_right_variants() {
    let message: OpenAiMessage = load("OpenAiMessage/content-parts.json");
    let Some(OpenAiMessageContent::Parts(parts)) = message.content else {
        panic!("expected content parts, got {:?}", message.content);
    };
    assert_eq!(parts.len(), 4);
    assert!(
        matches!(&parts[0], OpenAiContentPart::Text { text, .. } if text.starts_with("Compare"))
    );
    assert!(matches!(
        &parts[1],
        OpenAiContentPart::ImageUrl { image_url, .. }
            if image_url.detail == Some(OpenAiImageDetail::Low)
    ));
    assert!(matches!(
        &parts[2],
        OpenAiContentPart::ImageUrl { image_url, .. }
            if image_url.detail == Some(OpenAiImageDetail::Auto)
    ));
    assert!(matches!(
        &parts[3],
        OpenAiContentPart::InputAudio { input_audio, .. } if input_audio.format == "mp3"
    ));

    let chat: OpenAiChat = load("OpenAiChat/multipart-image.json");
    let Some(OpenAiMessageContent::Parts(parts)) = &chat.messages[1].content else {
        panic!("expected content parts");
    };
    assert!(matches!(&parts[0], OpenAiContentPart::Text { .. }));
    assert!(matches!(
        &parts[1],
        OpenAiContentPart::ImageUrl { image_url, .. }
            if image_url.detail == Some(OpenAiImageDetail::High)
    ));

    let chat: OpenAiChat = load("OpenAiChat/multipart-input-audio.json");
    let Some(OpenAiMessageContent::Parts(parts)) = &chat.messages[0].content else {
        panic!("expected content parts");
    };
    assert!(matches!(
        &parts[1],
        OpenAiContentPart::InputAudio { input_audio, .. } if input_audio.format == "wav"
    ));
    assert!(matches!(
        &parts[2],
        OpenAiContentPart::ImageUrl { image_url, .. } if image_url.detail.is_none()
    ));

    let message: OpenAiMessage = load("OpenAiMessage/text.json");
    assert_eq!(
        message.content,
        Some(OpenAiMessageContent::Text("Hello, world!".into()))
    );
}

#[test]
fn tool_calls_and_nulls_decode() {
    let chat: OpenAiChat = load("OpenAiChat/tool-call-conversation.json");
    let assistant = &chat.messages[2];
    assert_eq!(assistant.role, OpenAiRole::Assistant);
    assert_eq!(assistant.content, None);
    let calls = assistant.tool_calls.as_ref().expect("tool_calls");
    assert_eq!(calls[0].function.name, "get_weather");
    assert_eq!(
        chat.messages[3].tool_call_id.as_deref(),
        Some(calls[0].id.as_str())
    );

    let response: OpenAiChatResponse = load("OpenAiChatResponse/openai-nulls.json");
    assert_eq!(response.system_fingerprint, None);
    let choice = &response.choices[0];
    assert_eq!(choice.message.content, None);
    assert_eq!(choice.message.refusal, None);
    assert_eq!(choice.logprobs, None);
    assert_eq!(choice.finish_reason, Some(OpenAiFinishReason::ToolCalls));
}

#[test]
fn large_integers_survive() {
    let response: CreateOpenAiChatResponse = load("CreateOpenAiChatResponse/ok.json");
    assert_eq!(response.id, 9_007_199_254_740_991);
    let get: GetOpenAiChat = load("GetOpenAiChat/by-id.json");
    assert_eq!(get.id, Some(9_007_199_254_740_991));
    let job: GetOpenAiChatResponse = load("GetOpenAiChatResponse/completed.json");
    let job = job.result.expect("result");
    assert_eq!(job.id, 9_007_199_254_740_991);
    assert_eq!(job.state, JobState::Completed);
    assert_eq!(job.duration_ms, Some(1482));
}

#[test]
fn json_equal_compares_numbers_by_value() {
    use serde_json::json;
    assert!(json_equal(
        &json!({"a": [1, 2.5]}),
        &json!({"a": [1.0, 2.5]})
    ));
    assert!(json_equal(
        &json!({"a": 1, "b": 2}),
        &json!({"b": 2, "a": 1})
    ));
    assert!(!json_equal(&json!({"a": 1}), &json!({"a": 1, "b": null})));
    assert!(!json_equal(&json!([1, 2]), &json!([2, 1])));
    assert!(!json_equal(&json!("1"), &json!(1)));
    assert_eq!(
        first_difference(
            &json!({"a/b": [0, {"c": 1}]}),
            &json!({"a/b": [0, {"c": 2}]}),
            ""
        ),
        Some("/a~1b/1/c: expected 1, got 2".into())
    );
}

#[test]
fn unknown_type_directory_is_an_error() {
    assert!(roundtrip_as("NoSuchType", &Value::Null).is_err());
}
