//! The OpenAI Chat Completions wire types, with OpenAI's snake_case names.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::open_enum;

/// The properties of an object that its type does not declare.
pub type Extra = serde_json::Map<String, Value>;

/// A Chat Completions request, as OpenAI's `POST /v1/chat/completions` accepts it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiChat {
    /// ID of the model to use.
    pub model: String,
    /// The messages of the conversation so far.
    pub messages: Vec<OpenAiMessage>,
    /// Penalises tokens by how often they already appear (-2.0 to 2.0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency_penalty: Option<f64>,
    /// Maps token ids to a bias from -100 to 100 added to their logits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logit_bias: Option<BTreeMap<String, i32>>,
    /// Whether to return log probabilities of the output tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<bool>,
    /// How many most likely tokens to return at each position (0 to 20); needs `logprobs`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_logprobs: Option<i32>,
    /// Maximum number of tokens to generate (superseded by `max_completion_tokens`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<i32>,
    /// Upper bound on generated tokens, visible output and reasoning together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_completion_tokens: Option<i32>,
    /// How many choices to generate for each input message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<i32>,
    /// Penalises tokens that already appear at all (-2.0 to 2.0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presence_penalty: Option<f64>,
    /// The format the model must output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_format: Option<OpenAiResponseFormat>,
    /// Seed for best-effort deterministic sampling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<i64>,
    /// Up to 4 sequences where generation stops: one string or a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop: Option<OpenAiStop>,
    /// Whether to stream partial results as server-sent events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream: Option<bool>,
    /// Options for streaming responses; only with `stream: true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_options: Option<OpenAiStreamOptions>,
    /// Sampling temperature (0 to 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// Nucleus sampling: consider tokens within this probability mass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    /// Tools the model may call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<OpenAiTool>>,
    /// Which tool the model calls: a mode or a named function.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_choice: Option<OpenAiToolChoice>,
    /// Whether the model may call several tools in one turn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parallel_tool_calls: Option<bool>,
    /// A stable identifier of the end user, for abuse monitoring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Up to 16 key-value pairs attached to the stored completion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, String>>,
    /// Whether to store the output for distillation or evals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<bool>,
    /// How much effort reasoning models spend reasoning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning_effort: Option<OpenAiReasoningEffort>,
    /// The latency tier used to process the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_tier: Option<OpenAiServiceTier>,
    /// The output types to generate: `["text"]`, or `["text", "audio"]` for audio models.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modalities: Option<Vec<OpenAiModality>>,
    /// Audio output settings; required when `modalities` includes `audio`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<OpenAiAudioOptions>,
    /// Predicted output (e.g. a file being regenerated with small changes), which speeds up the reply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prediction: Option<OpenAiPrediction>,
    /// Lets search models look the web up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_search_options: Option<OpenAiWebSearchOptions>,
    /// How long or short the reply should be: `low`, `medium` or `high`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verbosity: Option<OpenAiVerbosity>,
    /// Groups similar requests to improve prompt cache hit rates (replaces `user` for caching).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_cache_key: Option<String>,
    /// How long a cached prompt prefix is kept: `in-memory` or `24h`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_cache_retention: Option<OpenAiPromptCacheRetention>,
    /// A stable, hashed identifier of the end user, to help detect abuse (replaces `user` for safety).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety_identifier: Option<String>,
    /// Deprecated in favour of `tools`: functions the model may call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    pub functions: Option<Vec<OpenAiFunctionDefinition>>,
    /// Deprecated in favour of `tool_choice`: `none`, `auto` or a named function.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    pub function_call: Option<OpenAiFunctionCallOption>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// One message of a conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiMessage {
    /// Who wrote the message.
    pub role: OpenAiRole,
    /// The message text, or a list of content parts; absent or null for tool-call-only turns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<OpenAiMessageContent>,
    /// An optional name distinguishing participants of the same role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Tool calls the assistant made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_calls: Option<Vec<OpenAiToolCall>>,
    /// The tool call this tool message answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_call_id: Option<String>,
    /// The assistant's refusal message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<String>,
    /// Citations of the sources a reply used (web search), in assistant replies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<Vec<OpenAiAnnotation>>,
    /// The audio of an assistant reply when audio output was requested; in later
    /// requests, an assistant message may carry just its `id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<OpenAiMessageAudio>,
    /// Deprecated in favour of `tool_calls`: the function the model called.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    pub function_call: Option<OpenAiFunctionCall>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

open_enum! {
    /// The author of a message.
    OpenAiRole {
        /// Instructions from the developer (replaces `system` for newer models).
        Developer => "developer",
        /// System instructions.
        System => "system",
        /// The end user.
        User => "user",
        /// The model.
        Assistant => "assistant",
        /// The result of a tool call.
        Tool => "tool",
    }
}

/// Message content: plain text or a list of parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OpenAiMessageContent {
    /// Plain text.
    #[schemars(title = "Text")]
    Text(String),
    /// Text, image and audio parts.
    #[schemars(title = "Parts")]
    Parts(Vec<OpenAiContentPart>),
}

/// One part of a multi-part message, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OpenAiContentPart {
    /// A text part.
    Text {
        /// The text.
        text: String,
        /// Properties this version does not know, kept verbatim and sent again.
        #[serde(flatten)]
        #[schemars(skip)]
        extra: Extra,
    },
    /// An image, by URL or base64 data URL.
    ImageUrl {
        /// The image location and detail level.
        image_url: OpenAiImageUrl,
        /// Properties this version does not know, kept verbatim and sent again.
        #[serde(flatten)]
        #[schemars(skip)]
        extra: Extra,
    },
    /// Base64-encoded audio.
    InputAudio {
        /// The audio data and its format.
        input_audio: OpenAiInputAudio,
        /// Properties this version does not know, kept verbatim and sent again.
        #[serde(flatten)]
        #[schemars(skip)]
        extra: Extra,
    },
    /// A file, by id or inline data.
    File {
        /// The file reference.
        file: OpenAiFileRef,
        /// Properties this version does not know, kept verbatim and sent again.
        #[serde(flatten)]
        #[schemars(skip)]
        extra: Extra,
    },
    /// A refusal, in assistant messages.
    Refusal {
        /// The refusal text.
        refusal: String,
        /// Properties this version does not know, kept verbatim and sent again.
        #[serde(flatten)]
        #[schemars(skip)]
        extra: Extra,
    },
}

/// A file attached to a message, by uploaded id or inline base64 data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiFileRef {
    /// The id of an uploaded file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
    /// The file name, with inline data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// Base64-encoded file content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_data: Option<String>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// An image reference inside a content part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiImageUrl {
    /// A URL or a base64 `data:` URL of the image.
    pub url: String,
    /// The detail level: `auto`, `low` or `high`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<OpenAiImageDetail>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

open_enum! {
    /// How closely the model looks at an image.
    OpenAiImageDetail {
        /// Let the model decide.
        Auto => "auto",
        /// Low resolution, fewer tokens.
        Low => "low",
        /// High resolution.
        High => "high",
    }
}

/// Audio input inside a content part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiInputAudio {
    /// Base64-encoded audio data.
    pub data: String,
    /// The audio encoding, e.g. `wav` or `mp3`.
    pub format: String,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// Stop sequences: a single string or a list of strings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OpenAiStop {
    /// One stop sequence.
    #[schemars(title = "Single")]
    Single(String),
    /// Several stop sequences.
    #[schemars(title = "Multiple")]
    Multiple(Vec<String>),
}

/// The output format the model must follow, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OpenAiResponseFormat {
    /// Free text (the default).
    Text {
        /// Properties this version does not know, kept verbatim and sent again.
        #[serde(flatten)]
        #[schemars(skip)]
        extra: Extra,
    },
    /// Any valid JSON object.
    JsonObject {
        /// Properties this version does not know, kept verbatim and sent again.
        #[serde(flatten)]
        #[schemars(skip)]
        extra: Extra,
    },
    /// JSON that follows the given schema (Structured Outputs).
    JsonSchema {
        /// The schema and its name.
        json_schema: OpenAiJsonSchemaFormat,
        /// Properties this version does not know, kept verbatim and sent again.
        #[serde(flatten)]
        #[schemars(skip)]
        extra: Extra,
    },
}

/// A named JSON Schema for Structured Outputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiJsonSchemaFormat {
    /// The name of the format (a-z, A-Z, 0-9, underscores and dashes).
    pub name: String,
    /// What the format is for, to guide the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The JSON Schema the output must satisfy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Value>,
    /// Whether to enforce the schema strictly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strict: Option<bool>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// Options for streamed responses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiStreamOptions {
    /// Send a final chunk carrying token usage for the whole request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_usage: Option<bool>,
    /// Pad stream events with random characters (`obfuscation`) against side-channel attacks; on by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_obfuscation: Option<bool>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// A tool the model may call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiTool {
    /// The tool kind; `function` is the only one today.
    #[serde(rename = "type")]
    pub kind: OpenAiToolType,
    /// The function the tool exposes.
    pub function: OpenAiFunctionDefinition,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

open_enum! {
    /// The kind of a tool or tool call.
    OpenAiToolType {
        /// A function tool.
        Function => "function",
    }
}

/// A function the model may call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiFunctionDefinition {
    /// The function name (a-z, A-Z, 0-9, underscores and dashes; at most 64).
    pub name: String,
    /// What the function does, so the model knows when to call it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The parameters the function takes, as a JSON Schema object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Value>,
    /// Whether to enforce the parameter schema strictly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strict: Option<bool>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// Which tool the model calls: a mode string or a named function.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OpenAiToolChoice {
    /// `none`, `auto` or `required`.
    #[schemars(title = "Mode")]
    Mode(OpenAiToolChoiceMode),
    /// Forces a call of the named function.
    #[schemars(title = "Named")]
    Named(OpenAiNamedToolChoice),
}

open_enum! {
    /// How the model chooses tools.
    OpenAiToolChoiceMode {
        /// Call no tool.
        None => "none",
        /// Decide whether to call tools.
        Auto => "auto",
        /// Call at least one tool.
        Required => "required",
    }
}

/// Forces the model to call one function.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiNamedToolChoice {
    /// The tool kind; `function`.
    #[serde(rename = "type")]
    pub kind: OpenAiToolType,
    /// The function to call.
    pub function: OpenAiFunctionName,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// A function, by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiFunctionName {
    /// The function name.
    pub name: String,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// A tool call the assistant made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiToolCall {
    /// The id of the call, echoed by the tool message that answers it.
    pub id: String,
    /// The tool kind; `function`.
    #[serde(rename = "type")]
    pub kind: OpenAiToolType,
    /// The function called and its arguments.
    pub function: OpenAiFunctionCall,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// A function call with its arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiFunctionCall {
    /// The function name.
    pub name: String,
    /// The arguments as a JSON-encoded string, as the model produced them.
    pub arguments: String,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

open_enum! {
    /// How much effort reasoning models spend reasoning.
    OpenAiReasoningEffort {
        /// Minimal reasoning.
        Minimal => "minimal",
        /// Low effort.
        Low => "low",
        /// Medium effort (the default).
        Medium => "medium",
        /// High effort.
        High => "high",
    }
}

open_enum! {
    /// The processing tier of a request.
    OpenAiServiceTier {
        /// The project's default tier.
        Auto => "auto",
        /// Standard pricing and performance.
        Default => "default",
        /// Lower price, higher latency.
        Flex => "flex",
        /// Priority processing.
        Priority => "priority",
    }
}

/// A Chat Completions response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiChatResponse {
    /// A unique id of the completion.
    pub id: String,
    /// Always `chat.completion`.
    pub object: String,
    /// Unix time in seconds when the completion was created.
    pub created: i64,
    /// The model that produced the completion.
    pub model: String,
    /// The backend configuration fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_fingerprint: Option<String>,
    /// The tier that processed the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_tier: Option<OpenAiServiceTier>,
    /// The generated choices.
    pub choices: Vec<OpenAiChoice>,
    /// Token usage of the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<OpenAiUsage>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// One generated choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiChoice {
    /// The index of the choice.
    pub index: i32,
    /// The generated message.
    pub message: OpenAiMessage,
    /// Log probabilities of the output tokens, when requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<OpenAiLogprobs>,
    /// Why generation stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish_reason: Option<OpenAiFinishReason>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

open_enum! {
    /// Why the model stopped generating.
    OpenAiFinishReason {
        /// A natural stop or a stop sequence.
        Stop => "stop",
        /// The token limit was reached.
        Length => "length",
        /// The model called tools.
        ToolCalls => "tool_calls",
        /// Content was filtered.
        ContentFilter => "content_filter",
        /// Deprecated: the model called a function.
        FunctionCall => "function_call",
    }
}

/// Log probabilities of the output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiLogprobs {
    /// Log probabilities of the content tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Vec<OpenAiTokenLogprob>>,
    /// Log probabilities of the refusal tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<Vec<OpenAiTokenLogprob>>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// One token with its log probability and the most likely alternatives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiTokenLogprob {
    /// The token.
    pub token: String,
    /// Its log probability.
    pub logprob: f64,
    /// The UTF-8 bytes of the token, when it has a byte representation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<Vec<i32>>,
    /// The most likely tokens at this position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_logprobs: Option<Vec<OpenAiTopLogprob>>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// An alternative token at one position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiTopLogprob {
    /// The token.
    pub token: String,
    /// Its log probability.
    pub logprob: f64,
    /// The UTF-8 bytes of the token, when it has a byte representation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<Vec<i32>>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// Token usage of a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiUsage {
    /// Tokens in the prompt.
    pub prompt_tokens: i64,
    /// Tokens in the completion.
    pub completion_tokens: i64,
    /// Prompt and completion tokens together.
    pub total_tokens: i64,
    /// A breakdown of the prompt tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_tokens_details: Option<OpenAiPromptTokensDetails>,
    /// A breakdown of the completion tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion_tokens_details: Option<OpenAiCompletionTokensDetails>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// A breakdown of the prompt tokens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiPromptTokensDetails {
    /// Tokens served from the prompt cache.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cached_tokens: Option<i64>,
    /// Audio input tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_tokens: Option<i64>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// A breakdown of the completion tokens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiCompletionTokensDetails {
    /// Tokens spent reasoning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning_tokens: Option<i64>,
    /// Audio output tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_tokens: Option<i64>,
    /// Predicted tokens that appeared in the completion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_prediction_tokens: Option<i64>,
    /// Predicted tokens that did not appear in the completion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected_prediction_tokens: Option<i64>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// One server-sent event of a streamed completion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiChatChunk {
    /// The completion id, the same in every chunk.
    pub id: String,
    /// Always `chat.completion.chunk`.
    pub object: String,
    /// Unix time in seconds when the completion was created.
    pub created: i64,
    /// The model that produced the completion.
    pub model: String,
    /// The backend configuration fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_fingerprint: Option<String>,
    /// The tier that processed the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_tier: Option<OpenAiServiceTier>,
    /// The choice deltas in this chunk (empty in the final usage chunk).
    pub choices: Vec<OpenAiChunkChoice>,
    /// Usage of the whole request, in the final chunk when requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<OpenAiUsage>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// A choice delta inside a stream chunk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiChunkChoice {
    /// The index of the choice.
    pub index: i32,
    /// What this chunk adds to the message.
    pub delta: OpenAiDelta,
    /// Log probabilities of the tokens in this chunk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logprobs: Option<OpenAiLogprobs>,
    /// Why generation stopped, in the choice's last chunk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish_reason: Option<OpenAiFinishReason>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// The part of a message carried by one stream chunk.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiDelta {
    /// The role, in the first chunk of a message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<OpenAiRole>,
    /// The next piece of text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// Pieces of tool calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_calls: Option<Vec<OpenAiToolCallDelta>>,
    /// The next piece of a refusal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<String>,
    /// Deprecated in favour of `tool_calls`: the next piece of a function call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    pub function_call: Option<OpenAiFunctionCallDelta>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// A piece of a tool call inside a stream chunk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiToolCallDelta {
    /// Which tool call of the message this piece belongs to.
    pub index: i32,
    /// The call id, in the call's first piece.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The tool kind, in the call's first piece.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<OpenAiToolType>,
    /// Pieces of the function name and arguments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<OpenAiFunctionCallDelta>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// Pieces of a function call inside a stream chunk.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiFunctionCallDelta {
    /// The function name, in the call's first piece.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The next piece of the JSON-encoded arguments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arguments: Option<String>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

open_enum! {
    /// An output type a model can generate.
    OpenAiModality {
        /// Text output.
        Text => "text",
        /// Audio output (audio models).
        Audio => "audio",
    }
}

/// Audio output settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiAudioOptions {
    /// The voice, e.g. `alloy`, `ash`, `ballad`, `coral`, `echo`, `sage`, `shimmer`, `verse`, `marin` or `cedar`.
    pub voice: String,
    /// The audio format: `wav`, `aac`, `mp3`, `flac`, `opus` or `pcm16`.
    pub format: OpenAiAudioFormat,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

open_enum! {
    /// An audio output format.
    OpenAiAudioFormat {
        /// WAV.
        Wav => "wav",
        /// AAC.
        Aac => "aac",
        /// MP3.
        Mp3 => "mp3",
        /// FLAC.
        Flac => "flac",
        /// Opus.
        Opus => "opus",
        /// Raw 16-bit PCM.
        Pcm16 => "pcm16",
    }
}

/// Predicted output content, tagged by `type` (`content` is the only one today).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiPrediction {
    /// The prediction kind: `content`.
    #[serde(rename = "type")]
    pub kind: OpenAiPredictionType,
    /// The text the reply is expected to match, as a string or text parts.
    pub content: OpenAiMessageContent,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

open_enum! {
    /// The kind of a prediction.
    OpenAiPredictionType {
        /// Static predicted content.
        Content => "content",
    }
}

/// Web search settings for search models.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiWebSearchOptions {
    /// How much context to retrieve: `low`, `medium` (the default) or `high`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_context_size: Option<OpenAiSearchContextSize>,
    /// The user's approximate location, to make results local.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_location: Option<OpenAiUserLocation>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

open_enum! {
    /// How much web context a search retrieves.
    OpenAiSearchContextSize {
        /// Least context, fastest and cheapest.
        Low => "low",
        /// The default.
        Medium => "medium",
        /// Most context.
        High => "high",
    }
}

/// Where the user is, roughly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiUserLocation {
    /// The location kind: `approximate`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The approximate location.
    pub approximate: OpenAiApproximateLocation,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// An approximate location; every part is optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiApproximateLocation {
    /// Free text city name, e.g. `San Francisco`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Two-letter ISO country code, e.g. `US`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Free text region, e.g. `California`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// IANA time zone, e.g. `America/Los_Angeles`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

open_enum! {
    /// How long or short a reply should be.
    OpenAiVerbosity {
        /// Concise.
        Low => "low",
        /// The default.
        Medium => "medium",
        /// Detailed.
        High => "high",
    }
}

open_enum! {
    /// How long a cached prompt prefix is kept.
    OpenAiPromptCacheRetention {
        /// Minutes, in memory (the default).
        InMemory => "in-memory",
        /// Up to 24 hours.
        Hours24 => "24h",
    }
}

/// Deprecated: which function the model calls, a mode string or a named function.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OpenAiFunctionCallOption {
    /// `none` or `auto`.
    #[schemars(title = "Mode")]
    Mode(OpenAiFunctionCallMode),
    /// Forces a call of the named function.
    #[schemars(title = "Named")]
    Named(OpenAiFunctionName),
}

open_enum! {
    /// Deprecated: how the model chooses functions.
    OpenAiFunctionCallMode {
        /// Call no function.
        None => "none",
        /// Decide whether to call a function.
        Auto => "auto",
    }
}

/// A citation in a reply, tagged by `type` (`url_citation` today).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiAnnotation {
    /// The annotation kind, e.g. `url_citation`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The cited web page, for `url_citation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_citation: Option<OpenAiUrlCitation>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// A web page a reply cites, and where in the reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiUrlCitation {
    /// The index of the citation's first character in the message content.
    pub start_index: i32,
    /// The index after its last character.
    pub end_index: i32,
    /// The page title.
    pub title: String,
    /// The page URL.
    pub url: String,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// The audio of an assistant reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiMessageAudio {
    /// The audio's id, by which later requests refer to it.
    pub id: String,
    /// Base64-encoded audio in the requested format (replies only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    /// When the audio stops being available on the server, in Unix seconds (replies only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<i64>,
    /// The transcript of the audio (replies only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript: Option<String>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}
