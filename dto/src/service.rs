//! The AI Server service wrappers, with ServiceStack-style camelCase names.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::open_enum;
use crate::openai::{Extra, OpenAiChat, OpenAiChatResponse};

/// Queues a chat completion as a background job and answers at once with its id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateOpenAiChat {
    /// A client-chosen id to track the request; generated when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ref_id: Option<String>,
    /// Forces this provider, overriding the server's selection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// A URL that receives the response when the job completes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// Groups related requests, for querying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The chat completion request to run.
    pub request: OpenAiChat,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// The id and RefId of a queued chat job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateOpenAiChatResponse {
    /// The job id.
    pub id: i64,
    /// The RefId the job is tracked by.
    pub ref_id: String,
    /// Where the job's status can be fetched (GetOpenAiChatStatus by RefId).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_url: Option<String>,
    /// Set when the request failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_status: Option<ResponseStatus>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// Queues a chat completion as a background job and answers at once with its
/// id and status URL (AI Server's own name for the operation; the same body as
/// CreateOpenAiChat).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueueOpenAiChatCompletion {
    /// A client-chosen id to track the request; generated when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ref_id: Option<String>,
    /// Forces this provider, overriding the server's selection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// A URL that receives the response when the job completes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// Groups related requests, for querying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The chat completion request to run.
    pub request: OpenAiChat,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// The id, RefId and status URL of a queued chat job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueueOpenAiChatResponse {
    /// The job id.
    pub id: i64,
    /// The RefId the job is tracked by.
    pub ref_id: String,
    /// Where the job's status can be fetched (GetOpenAiChatStatus by RefId).
    pub status_url: String,
    /// Set when the request failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_status: Option<ResponseStatus>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// The state of one chat job, by job id or RefId, with its completion once done.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GetOpenAiChatStatus {
    /// The job id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_id: Option<i64>,
    /// The RefId of the job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ref_id: Option<String>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// Where a chat job is, and its completion once it has one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GetOpenAiChatStatusResponse {
    /// The job id.
    pub job_id: i64,
    /// The RefId the job is tracked by.
    pub ref_id: String,
    /// Where the job is in its life.
    pub job_state: JobState,
    /// The job's status in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The completion, once the job completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<OpenAiChatResponse>,
    /// Why the job failed, when it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_status: Option<ResponseStatus>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// Waits, for a bounded time, until a chat job has finished, then answers
/// like GetOpenAiChat (with the job as it is if the wait runs out first).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct WaitForOpenAiChat {
    /// The job id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The RefId of the job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ref_id: Option<String>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// Fetches one chat job by id or RefId.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GetOpenAiChat {
    /// The job id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The RefId of the job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ref_id: Option<String>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// One chat job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GetOpenAiChatResponse {
    /// The job, when found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<OpenAiChatJob>,
    /// Set when the request failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_status: Option<ResponseStatus>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// Lists chat jobs, newest first, filtered by tag and state.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueryOpenAiChat {
    /// Only jobs with this tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Only jobs in this state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<JobState>,
    /// How many matching jobs to skip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip: Option<i32>,
    /// How many jobs to return at most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub take: Option<i32>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// A page of chat jobs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueryOpenAiChatResponse {
    /// The jobs on this page.
    pub results: Vec<OpenAiChatJob>,
    /// How many jobs match the filter in all.
    pub total: i64,
    /// Set when the request failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_status: Option<ResponseStatus>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// A queued chat completion and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OpenAiChatJob {
    /// The job id.
    pub id: i64,
    /// The RefId the job is tracked by.
    pub ref_id: String,
    /// The tag the job was queued with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The provider that ran (or will run) the job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The requested model.
    pub model: String,
    /// Where the job is in its life.
    pub state: JobState,
    /// The chat completion request.
    pub request: OpenAiChat,
    /// The completion, once the job completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<OpenAiChatResponse>,
    /// Why the job failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ResponseStatus>,
    /// The URL the result is posted to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// How many ReplyTo deliveries were attempted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_attempts: Option<i32>,
    /// The outcome of the last ReplyTo delivery attempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_status: Option<String>,
    /// When the job was queued (RFC 3339).
    #[schemars(extend("format" = "date-time"))]
    pub created_date: String,
    /// When the job completed or failed (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date-time"))]
    pub completed_date: Option<String>,
    /// How long the upstream call took, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<i64>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

open_enum! {
    /// The life cycle of a chat job.
    JobState {
        /// Accepted and waiting for a provider.
        Queued => "Queued",
        /// Sent to a provider.
        Started => "Started",
        /// Finished with a response.
        Completed => "Completed",
        /// Finished with an error.
        Failed => "Failed",
        /// Cancelled before it finished.
        Cancelled => "Cancelled",
    }
}

/// A synchronous, OpenAI-compatible chat completion with AI Server's routing extras.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenAiChatCompletion {
    /// The OpenAI request.
    #[serde(flatten)]
    pub chat: OpenAiChat,
    /// A client-chosen id to track the request.
    #[serde(rename = "refId", default, skip_serializing_if = "Option::is_none")]
    pub ref_id: Option<String>,
    /// Forces this provider, overriding the server's selection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Groups related requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

/// The error shape of `/api/*` endpoints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResponseStatus {
    /// A machine-readable error code, e.g. `NotFound` or `ValidationException`.
    pub error_code: String,
    /// A human-readable message.
    pub message: String,
    /// Server stack trace, in debug builds only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack_trace: Option<String>,
    /// Errors of individual fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<ResponseError>>,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}

/// An error of one field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResponseError {
    /// A machine-readable error code.
    pub error_code: String,
    /// The field the error is about.
    pub field_name: String,
    /// A human-readable message.
    pub message: String,
    /// Properties this version does not know, kept verbatim and sent again.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Extra,
}
