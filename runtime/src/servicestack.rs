//! ServiceStack's routes for the `/api` operations, so AI Server's own clients
//! work unchanged: `/api/{Operation}` and `/json/reply/{Operation}` for every
//! operation (names matched case-insensitively), query parameters or a JSON
//! body for the read operations, property names in any letter case, and a
//! ResponseStatus for every error.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, MethodRouter};
use axum::Json;
use serde_json::Value;

use crate::api::{self, ApiError, Params};
use crate::state::AppState;
use crate::upstream::{RouteError, UpstreamError};
use crate::validate::{decode_completion, required_model, FieldError};

/// The operations served, with their canonical names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Operation {
    CreateOpenAiChat,
    QueueOpenAiChatCompletion,
    GetOpenAiChat,
    GetOpenAiChatStatus,
    WaitForOpenAiChat,
    QueryOpenAiChat,
    OpenAiChatCompletion,
}

pub const OPERATIONS: [(&str, Operation); 7] = [
    ("CreateOpenAiChat", Operation::CreateOpenAiChat),
    (
        "QueueOpenAiChatCompletion",
        Operation::QueueOpenAiChatCompletion,
    ),
    ("GetOpenAiChat", Operation::GetOpenAiChat),
    ("GetOpenAiChatStatus", Operation::GetOpenAiChatStatus),
    ("WaitForOpenAiChat", Operation::WaitForOpenAiChat),
    ("QueryOpenAiChat", Operation::QueryOpenAiChat),
    ("OpenAiChatCompletion", Operation::OpenAiChatCompletion),
];

impl Operation {
    /// The operation named `name`, in any letter case.
    pub fn find(name: &str) -> Option<Operation> {
        OPERATIONS
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, op)| *op)
    }

    /// Operations that take a JSON body and change state: POST only.
    fn takes_body(self) -> bool {
        matches!(
            self,
            Operation::CreateOpenAiChat
                | Operation::QueueOpenAiChatCompletion
                | Operation::OpenAiChatCompletion
        )
    }
}

/// The route of one operation at its own path (`/api/CreateOpenAiChat`), so
/// metrics name it.
pub fn route(op: Operation) -> MethodRouter<Arc<AppState>> {
    any(
        move |State(state): State<Arc<AppState>>,
              method: Method,
              uri: Uri,
              body: Result<Bytes, BytesRejection>| async move {
            call(op, state, method, uri, body).await
        },
    )
}

/// `/api/{operation}` and `/json/reply/{operation}`.
pub async fn by_name(
    State(state): State<Arc<AppState>>,
    name: Result<Path<String>, PathRejection>,
    method: Method,
    uri: Uri,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let found = name.ok().and_then(|Path(name)| Operation::find(&name));
    match found {
        Some(op) => call(op, state, method, uri, body).await,
        None => ApiError::new(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!("no operation at {}", uri.path()),
        )
        .into_response(),
    }
}

async fn call(
    op: Operation,
    state: Arc<AppState>,
    method: Method,
    uri: Uri,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let allowed = if op.takes_body() {
        method == Method::POST
    } else {
        matches!(method, Method::GET | Method::HEAD | Method::POST)
    };
    if !allowed {
        let mut response = ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowed",
            format!("{method} is not allowed on {}", uri.path()),
        )
        .into_response();
        let allow = if op.takes_body() { "POST" } else { "GET, POST" };
        response
            .headers_mut()
            .insert(header::ALLOW, header::HeaderValue::from_static(allow));
        return response;
    }
    match run(op, &state, &method, &uri, body).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    }
}

async fn run(
    op: Operation,
    state: &Arc<AppState>,
    method: &Method,
    uri: &Uri,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    if op.takes_body() {
        let mut value = api::json_body(body)?;
        let root = match op {
            Operation::OpenAiChatCompletion => "OpenAiChatCompletion",
            _ => "CreateOpenAiChat",
        };
        crate::casing::canonicalize(&mut value, root).map_err(ApiError::invalid)?;
        return Ok(match op {
            Operation::OpenAiChatCompletion => chat(state, value).await?,
            Operation::QueueOpenAiChatCompletion => {
                Json(api::queue_response(api::create(state, value).await?)).into_response()
            }
            _ => Json(api::create_response(api::create(state, value).await?)).into_response(),
        });
    }
    let params = params(method, uri, body)?;
    Ok(match op {
        Operation::GetOpenAiChat => Json(api::get(state, &params).await?).into_response(),
        Operation::GetOpenAiChatStatus => Json(api::status(state, &params).await?).into_response(),
        Operation::WaitForOpenAiChat => Json(api::wait(state, &params).await?).into_response(),
        _ => Json(api::query(state, &params).await?).into_response(),
    })
}

/// A read operation's parameters: the query string, plus the members of a
/// JSON body when one was POSTed (ServiceStack clients may POST any request).
/// Names are lower-cased, since ServiceStack matches them case-insensitively.
fn params(
    method: &Method,
    uri: &Uri,
    body: Result<Bytes, BytesRejection>,
) -> Result<Params, ApiError> {
    let Query(query) = Query::<HashMap<String, String>>::try_from_uri(uri).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "SerializationException",
            e.body_text(),
        )
    })?;
    let mut params: Params = query
        .into_iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v))
        .collect();
    if method == Method::POST {
        let bytes = api::read_body(body)?;
        if !bytes.iter().all(u8::is_ascii_whitespace) {
            match api::parse_json(&bytes)? {
                Value::Object(members) => {
                    for (k, v) in members {
                        let text = match v {
                            Value::Null => continue,
                            Value::String(s) => s,
                            other => other.to_string(),
                        };
                        params.insert(k.to_ascii_lowercase(), text);
                    }
                }
                _ => {
                    return Err(ApiError::new(
                        StatusCode::BAD_REQUEST,
                        "SerializationException",
                        "the request body must be a JSON object",
                    ))
                }
            }
        }
    }
    Ok(params)
}

/// `POST /api/OpenAiChatCompletion`: the synchronous chat, with `/api` errors.
/// Never streams (`stream` is dropped before the upstream call).
async fn chat(state: &Arc<AppState>, value: Value) -> Result<Response, ApiError> {
    let request = decode_completion(&value).map_err(ApiError::invalid)?;
    let model = required_model(&request.chat, "").map_err(ApiError::invalid)?;
    let done = state
        .upstream
        .complete(
            &state.providers,
            &model,
            request.provider.as_deref(),
            (&value).into(),
            true,
            |_| {},
        )
        .await
        .map_err(route_error)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], done.body).into_response())
}

fn route_error(e: RouteError) -> ApiError {
    match e {
        RouteError::Select(crate::providers::SelectError::UnknownModel(m)) => ApiError::field(
            StatusCode::NOT_FOUND,
            "NotFound",
            FieldError::new(
                "model",
                format!("model {m:?} is not served by any provider"),
            ),
        ),
        RouteError::Select(e) => api::select_error(e),
        RouteError::Upstream(UpstreamError::Rejected { status, message }) => ApiError::new(
            StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
            &format!("Upstream{status}"),
            message,
        ),
        RouteError::Upstream(UpstreamError::Unavailable {
            status: Some(429),
            message,
        }) => ApiError::new(StatusCode::TOO_MANY_REQUESTS, "TooManyRequests", message),
        RouteError::Upstream(UpstreamError::Unavailable { message, .. }) => {
            ApiError::new(StatusCode::BAD_GATEWAY, "UpstreamUnavailable", message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_match_in_any_case() {
        assert_eq!(
            Operation::find("createopenaichat"),
            Some(Operation::CreateOpenAiChat)
        );
        assert_eq!(
            Operation::find("GETOPENAICHATSTATUS"),
            Some(Operation::GetOpenAiChatStatus)
        );
        assert_eq!(Operation::find("DeleteEverything"), None);
    }
}
