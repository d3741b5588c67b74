//! The `/api` job operations: queue, fetch, wait for and query chat jobs
//! (ServiceStack-style errors). [`crate::servicestack`] routes to them.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use dtogen_dto::{
    CreateOpenAiChat, CreateOpenAiChatResponse, GetOpenAiChatResponse, GetOpenAiChatStatusResponse,
    JobState, OpenAiChat, OpenAiChatJob, QueryOpenAiChatResponse, QueueOpenAiChatResponse,
    ResponseError, ResponseStatus,
};
use serde_json::Value;

use crate::jobs::QueuedJob;
use crate::providers::SelectError;
use crate::state::AppState;
use crate::store::{JobRow, NewJob, StoreError};
use crate::validate::{check_reply_to, decode, random_id, required_model, FieldError};

/// Largest page QueryOpenAiChat returns.
const MAX_TAKE: i64 = 1000;
const DEFAULT_TAKE: i64 = 100;

/// An `/api` error: `{"responseStatus": {...}}` with an HTTP status.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub response_status: Box<ResponseStatus>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            response_status: Box::new(ResponseStatus {
                error_code: code.to_string(),
                message: message.into(),
                ..ResponseStatus::default()
            }),
        }
    }

    /// An error about one field, listed in `errors[]` with its `fieldName`.
    pub fn field(status: StatusCode, code: &str, e: FieldError) -> ApiError {
        let field = ResponseError {
            extra: Default::default(),
            error_code: code.to_string(),
            field_name: e.field,
            message: e.message.clone(),
        };
        ApiError {
            status,
            response_status: Box::new(ResponseStatus {
                extra: Default::default(),
                error_code: code.to_string(),
                message: e.message,
                stack_trace: None,
                errors: Some(vec![field]),
            }),
        }
    }

    pub fn invalid(e: FieldError) -> ApiError {
        ApiError::field(StatusCode::BAD_REQUEST, "ValidationException", e)
    }

    fn internal(e: StoreError) -> ApiError {
        tracing::error!(error = %e, "store failure");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServerError",
            e.to_string(),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "responseStatus": self.response_status });
        (self.status, Json(body)).into_response()
    }
}

/// Parses a JSON body, mapping size, stall, depth and syntax problems to `/api` errors.
pub fn json_body(body: Result<Bytes, BytesRejection>) -> Result<Value, ApiError> {
    parse_json(&read_body(body)?)
}

/// The body's bytes, checked for size, stalls and depth.
pub fn read_body(body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    crate::body::read(body).map_err(|e| ApiError::new(e.status, e.api_code, e.message))
}

/// Parses bytes already read by [`read_body`].
pub fn parse_json(bytes: &[u8]) -> Result<Value, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "SerializationException",
            format!("request body is not valid JSON: {e}"),
        )
    })
}

/// A queued job's id, RefId and status URL.
pub struct Queued {
    pub id: i64,
    pub ref_id: String,
    pub status_url: String,
}

/// `CreateOpenAiChat` / `QueueOpenAiChatCompletion` (one body): validates,
/// persists as Queued, then answers. `value` has canonical property names.
pub async fn create(state: &Arc<AppState>, mut value: Value) -> Result<Queued, ApiError> {
    let create: CreateOpenAiChat = decode(&value).map_err(ApiError::invalid)?;
    let model = required_model(&create.request, "request.").map_err(ApiError::invalid)?;
    if let Some(url) = &create.reply_to {
        check_reply_to(url, state.config.reply.allow_private_networks)
            .map_err(ApiError::invalid)?;
    }
    if let Some(ref_id) = &create.ref_id {
        // RefIds travel in X-Ref-Id and webhook-id headers, so they must be header-safe.
        if ref_id.is_empty() || ref_id.len() > 256 || !ref_id.bytes().all(|b| b.is_ascii_graphic())
        {
            return Err(ApiError::invalid(FieldError::new(
                "refId",
                "refId must be 1 to 256 visible ASCII characters",
            )));
        }
    }
    state
        .providers
        .check(&model, create.provider.as_deref())
        .map_err(select_error)?;
    // Keep the raw request so properties the DTOs do not know still reach the
    // upstream; taken, not cloned, since it can carry megabytes of images.
    let raw = value
        .get_mut("request")
        .map(Value::take)
        .unwrap_or(Value::Null);
    let ref_id = create.ref_id.clone().unwrap_or_else(random_id);
    let id = state
        .store
        .insert(NewJob {
            ref_id: ref_id.clone(),
            tag: create.tag.clone(),
            forced_provider: create.provider.clone(),
            model: model.clone(),
            request: raw.to_string(),
            reply_to: create.reply_to.clone(),
        })
        .await
        .map_err(|e| match e {
            StoreError::DuplicateRefId => ApiError::field(
                StatusCode::CONFLICT,
                "Conflict",
                FieldError::new(
                    "refId",
                    format!("a job with refId {ref_id:?} already exists"),
                ),
            ),
            e => ApiError::internal(e),
        })?;
    state.enqueue(QueuedJob {
        id,
        model,
        forced_provider: create.provider,
        request: raw,
        has_reply_to: create.reply_to.is_some(),
    });
    Ok(Queued {
        id,
        status_url: status_url(state, &ref_id),
        ref_id,
    })
}

/// Where GetOpenAiChatStatus answers for `ref_id`: absolute under
/// `[api] public_url`, else a path from the server root (the Host header is
/// the client's to choose, so it is not trusted to build URLs).
fn status_url(state: &AppState, ref_id: &str) -> String {
    let base = state
        .config
        .api
        .public_url
        .as_deref()
        .unwrap_or("")
        .trim_end_matches('/');
    let ref_id: String = url::form_urlencoded::byte_serialize(ref_id.as_bytes()).collect();
    format!("{base}/api/GetOpenAiChatStatus?refId={ref_id}")
}

pub fn create_response(q: Queued) -> CreateOpenAiChatResponse {
    CreateOpenAiChatResponse {
        extra: Default::default(),
        id: q.id,
        ref_id: q.ref_id,
        status_url: Some(q.status_url),
        response_status: None,
    }
}

pub fn queue_response(q: Queued) -> QueueOpenAiChatResponse {
    QueueOpenAiChatResponse {
        extra: Default::default(),
        id: q.id,
        ref_id: q.ref_id,
        status_url: q.status_url,
        response_status: None,
    }
}

pub fn select_error(e: SelectError) -> ApiError {
    match e {
        SelectError::UnknownModel(_) => ApiError::field(
            StatusCode::NOT_FOUND,
            "NotFound",
            FieldError::new("request.model", e.to_string()),
        ),
        SelectError::UnknownProvider(_) | SelectError::ProviderLacksModel { .. } => {
            ApiError::invalid(FieldError::new("provider", e.to_string()))
        }
        SelectError::AllOffline(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailable",
            e.to_string(),
        ),
    }
}

/// Request parameters by lower-cased name (ServiceStack matches them case-insensitively).
pub type Params = HashMap<String, String>;

/// The job named by `id_name` (`id` or `jobId`) or `refId`.
async fn find_job(state: &AppState, params: &Params, id_name: &str) -> Result<JobRow, ApiError> {
    let id_key = id_name.to_ascii_lowercase();
    let row = match (params.get(&id_key), params.get("refid")) {
        (Some(id), _) if !id.is_empty() && id != "0" => {
            let id = id.parse::<i64>().map_err(|_| {
                ApiError::invalid(FieldError::new(
                    id_name,
                    format!("{id_name} must be an integer, got {id:?}"),
                ))
            })?;
            state.store.get(id).await
        }
        (_, Some(ref_id)) if !ref_id.is_empty() => state.store.get_by_ref(ref_id.clone()).await,
        _ => {
            return Err(ApiError::invalid(FieldError::new(
                id_name,
                format!("either {id_name} or refId is required"),
            )))
        }
    }
    .map_err(ApiError::internal)?;
    row.ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "NotFound", "chat job not found"))
}

/// `GetOpenAiChat?id=|refId=`.
pub async fn get(state: &AppState, params: &Params) -> Result<GetOpenAiChatResponse, ApiError> {
    let row = find_job(state, params, "id").await?;
    Ok(GetOpenAiChatResponse {
        extra: Default::default(),
        result: Some(to_job(row)),
        response_status: None,
    })
}

/// `GetOpenAiChatStatus?jobId=|refId=`: the state, and the completion once there is one.
pub async fn status(
    state: &AppState,
    params: &Params,
) -> Result<GetOpenAiChatStatusResponse, ApiError> {
    let row = find_job(state, params, "jobId").await?;
    let job_state = JobState::from(row.state.as_str());
    Ok(GetOpenAiChatStatusResponse {
        extra: Default::default(),
        job_id: row.id,
        status: Some(job_state.as_str().to_string()),
        job_state,
        result: row.response.and_then(|r| serde_json::from_str(&r).ok()),
        response_status: row.error.and_then(|e| serde_json::from_str(&e).ok()),
        ref_id: row.ref_id,
    })
}

/// `WaitForOpenAiChat?id=|refId=`: answers like GetOpenAiChat once the job
/// has finished, or with the job as it is after `[api] wait_timeout_secs`.
pub async fn wait(state: &AppState, params: &Params) -> Result<GetOpenAiChatResponse, ApiError> {
    let deadline =
        tokio::time::Instant::now() + Duration::from_secs(state.config.api.wait_timeout_secs);
    loop {
        // Registered before the read, so a job finishing in between still wakes us.
        let finished = state.finished.notified();
        tokio::pin!(finished);
        finished.as_mut().enable();
        let row = find_job(state, params, "id").await?;
        if matches!(row.state.as_str(), "Completed" | "Failed" | "Cancelled") {
            return Ok(GetOpenAiChatResponse {
                extra: Default::default(),
                result: Some(to_job(row)),
                response_status: None,
            });
        }
        if tokio::time::timeout_at(deadline, finished).await.is_err() {
            let row = find_job(state, params, "id").await?;
            return Ok(GetOpenAiChatResponse {
                extra: Default::default(),
                result: Some(to_job(row)),
                response_status: None,
            });
        }
    }
}

/// `QueryOpenAiChat?tag=&state=&skip=&take=`, newest first.
pub async fn query(state: &AppState, params: &Params) -> Result<QueryOpenAiChatResponse, ApiError> {
    let int = |name: &str| -> Result<Option<i64>, ApiError> {
        match params.get(name).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => match v.parse::<i64>() {
                Ok(n) if n >= 0 => Ok(Some(n)),
                _ => Err(ApiError::invalid(FieldError::new(
                    name,
                    format!("{name} must be a non-negative integer, got {v:?}"),
                ))),
            },
        }
    };
    let skip = int("skip")?.unwrap_or(0);
    let take = int("take")?.unwrap_or(DEFAULT_TAKE).min(MAX_TAKE);
    let tag = params.get("tag").filter(|v| !v.is_empty()).cloned();
    let job_state = params.get("state").filter(|v| !v.is_empty()).map(|s| {
        // Known states match case-insensitively; anything else matches nothing.
        let known = ["Queued", "Started", "Completed", "Failed", "Cancelled"];
        match known.iter().find(|k| k.eq_ignore_ascii_case(s)) {
            Some(k) => k.to_string(),
            None => JobState::from(s.as_str()).as_str().to_string(),
        }
    });
    let (rows, total) = state
        .store
        .query(tag, job_state, skip, take)
        .await
        .map_err(ApiError::internal)?;
    Ok(QueryOpenAiChatResponse {
        extra: Default::default(),
        results: rows.into_iter().map(to_job).collect(),
        total,
        response_status: None,
    })
}

/// A stored row as the API's job type.
fn to_job(row: JobRow) -> OpenAiChatJob {
    let request = serde_json::from_str::<OpenAiChat>(&row.request).unwrap_or_else(|_| OpenAiChat {
        model: row.model.clone(),
        ..OpenAiChat::default()
    });
    OpenAiChatJob {
        extra: Default::default(),
        id: row.id,
        ref_id: row.ref_id,
        tag: row.tag,
        provider: row.provider.or(row.forced_provider),
        model: row.model,
        state: JobState::from(row.state.as_str()),
        request,
        response: row.response.and_then(|r| serde_json::from_str(&r).ok()),
        error: row.error.and_then(|e| serde_json::from_str(&e).ok()),
        // Credentials in the URL are used for delivery but never shown back.
        reply_to: row
            .reply_to
            .as_deref()
            .map(crate::reply_guard::without_userinfo),
        reply_attempts: (row.reply_attempts > 0).then_some(row.reply_attempts as i32),
        reply_status: row.reply_status,
        created_date: row.created_date,
        completed_date: row.completed_date,
        duration_ms: row.duration_ms,
    }
}
