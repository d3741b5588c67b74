//! The OpenAI-compatible `/v1` endpoints: synchronous and streamed chat
//! completions, and the model list. Errors use OpenAI's `{"error": {...}}` shape.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bytes::BytesMut;
use dtogen_dto::{OpenAiChat, OpenAiChatCompletion};
use serde_json::{json, Value};
use tokio::sync::mpsc;

use crate::providers::SelectError;
use crate::state::AppState;
use crate::upstream::{OpenStream, Outbound, RawObject, RouteError, Upstream, UpstreamError};
use crate::validate::{decode_completion, required_model, FieldError};

/// An OpenAI-shaped error with its HTTP status.
#[derive(Debug)]
pub struct V1Error {
    pub status: StatusCode,
    pub message: String,
    pub kind: &'static str,
    pub code: Option<String>,
    pub param: Option<String>,
}

impl V1Error {
    pub fn new(
        status: StatusCode,
        kind: &'static str,
        code: &str,
        message: impl Into<String>,
    ) -> V1Error {
        V1Error {
            status,
            message: message.into(),
            kind,
            code: Some(code.to_string()),
            param: None,
        }
    }

    fn invalid(e: FieldError) -> V1Error {
        V1Error {
            status: StatusCode::BAD_REQUEST,
            message: format!("{}: {}", e.field, e.message),
            kind: "invalid_request_error",
            code: Some("invalid_value".into()),
            param: Some(e.field),
        }
    }

    /// The `{"error": {...}}` body.
    pub fn body(&self) -> Value {
        json!({ "error": {
            "message": self.message,
            "type": self.kind,
            "param": self.param,
            "code": self.code,
        }})
    }
}

impl IntoResponse for V1Error {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}

fn route_error(e: RouteError) -> V1Error {
    match e {
        RouteError::Select(e @ SelectError::UnknownModel(_)) => V1Error {
            param: Some("model".into()),
            ..V1Error::new(
                StatusCode::NOT_FOUND,
                "invalid_request_error",
                "model_not_found",
                e.to_string(),
            )
        },
        RouteError::Select(
            e @ (SelectError::UnknownProvider(_) | SelectError::ProviderLacksModel { .. }),
        ) => V1Error {
            param: Some("provider".into()),
            ..V1Error::new(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "invalid_provider",
                e.to_string(),
            )
        },
        RouteError::Select(e @ SelectError::AllOffline(_)) => V1Error::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "server_error",
            "providers_offline",
            e.to_string(),
        ),
        RouteError::Upstream(UpstreamError::Rejected { status, message }) => V1Error::new(
            StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
            "invalid_request_error",
            "upstream_rejected",
            message,
        ),
        RouteError::Upstream(UpstreamError::Unavailable {
            status: Some(429),
            message,
        }) => V1Error::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limit_error",
            "rate_limit_exceeded",
            message,
        ),
        RouteError::Upstream(UpstreamError::Unavailable { message, .. }) => V1Error::new(
            StatusCode::BAD_GATEWAY,
            "server_error",
            "upstream_unavailable",
            message,
        ),
    }
}

/// `POST /v1/chat/completions`.
pub async fn chat_completions(
    State(state): State<Arc<AppState>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, V1Error> {
    let started = Instant::now();
    let body = crate::body::read(body)
        .map_err(|e| V1Error::new(e.status, "invalid_request_error", e.v1_code, e.message))?;
    // One pass over the body when it is a well-formed request: its members
    // are kept as raw text for the upstream and the typed request is decoded
    // straight from the bytes. Anything else goes through the `Value` path,
    // which reports errors (naming the field) exactly as before.
    let fast = RawObject::parse(&body).and_then(|object| {
        let request = decode_fast(&body, &object)?;
        Some((object, request))
    });
    let slow;
    let (raw, request) = match &fast {
        Some((object, request)) => (Outbound::Raw(object), request),
        None => {
            let raw: Value = serde_json::from_slice(&body).map_err(|e| {
                V1Error::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    "invalid_json",
                    format!("request body is not valid JSON: {e}"),
                )
            })?;
            let request = decode_completion(&raw).map_err(V1Error::invalid)?;
            slow = (raw, request);
            (Outbound::Value(&slow.0), &slow.1)
        }
    };
    let model = required_model(&request.chat, "").map_err(V1Error::invalid)?;
    let forced = request.provider.as_deref();
    if request.chat.stream == Some(true) {
        let stream = state
            .upstream
            .open_stream(&state.providers, &model, forced, raw)
            .await
            .map_err(route_error)?;
        return Ok(relay(state.upstream.clone(), stream));
    }
    let done = state
        .upstream
        .complete(&state.providers, &model, forced, raw, true, |_| {})
        .await
        .map_err(route_error)?;
    state
        .metrics
        .overhead((started.elapsed().saturating_sub(done.upstream_time)).as_secs_f64());
    Ok(([(header::CONTENT_TYPE, "application/json")], done.body).into_response())
}

/// Decodes a `/v1` request straight from its bytes, or `None` when it does
/// not decode cleanly (the caller then takes the `Value` path for the error).
fn decode_fast(body: &[u8], object: &RawObject<'_>) -> Option<OpenAiChatCompletion> {
    let chat: OpenAiChat = serde_json::from_slice(body).ok()?;
    let text = |name: &str| -> Option<Option<String>> {
        match object.get(name) {
            None => Some(None),
            Some(raw) => serde_json::from_str::<Option<String>>(raw.get()).ok(),
        }
    };
    Some(OpenAiChatCompletion {
        ref_id: text("refId")?,
        provider: text("provider")?,
        tag: text("tag")?,
        chat,
    })
}

/// Relays the upstream's SSE events as they arrive. Only whole events are
/// forwarded, so a stream that breaks mid-event still ends with a clean
/// `data: {"error": ...}` event instead of a truncated success.
fn relay(upstream: Upstream, open: OpenStream) -> Response {
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(16);
    let idle = open.provider.timeout;
    tokio::spawn(async move {
        let OpenStream {
            provider,
            mut response,
            first,
            slot,
            request,
        } = open;
        let _slot = slot;
        let mut buf = BytesMut::from(&first[..]);
        let mut seen_done = false;
        let failure = loop {
            if let Some(end) = last_event_end(&buf) {
                let events = buf.split_to(end).freeze();
                seen_done |= contains_done(&events);
                if tx.send(Ok(events)).await.is_err() {
                    return; // the client went away
                }
            }
            match tokio::time::timeout(idle, response.chunk()).await {
                Ok(Ok(Some(chunk))) => buf.extend_from_slice(&chunk),
                Ok(Ok(None)) => break None,
                Ok(Err(e)) => {
                    break Some(format!(
                        "upstream stream broke: {}",
                        crate::upstream::error_chain(&e)
                    ))
                }
                Err(_) => break Some(format!("upstream stream stalled for {idle:?}")),
            }
        };
        // A final event without its blank line is still complete at end of stream.
        if failure.is_none() && !buf.iter().all(u8::is_ascii_whitespace) {
            seen_done |= contains_done(&buf);
            let mut rest = buf.split().freeze().to_vec();
            rest.extend_from_slice(b"\n\n");
            let _ = tx.send(Ok(Bytes::from(rest))).await;
        }
        let failure = match failure {
            Some(f) => Some(f),
            None if !seen_done => Some("upstream stream ended without [DONE]".to_string()),
            None => None,
        };
        if let Some(message) = failure {
            tracing::warn!(provider = %provider.name, %message, "stream failed after the first byte");
            upstream.stream_broken(&provider, request).await;
            let error = V1Error::new(
                StatusCode::BAD_GATEWAY,
                "server_error",
                "stream_interrupted",
                message,
            );
            let _ = tx
                .send(Ok(Bytes::from(format!("data: {}\n\n", error.body()))))
                .await;
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "text/event-stream")
        .header(header::CACHE_CONTROL, "no-cache")
        .body(Body::from_stream(stream))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// The end of the last complete SSE event in `buf` (after its blank line).
fn last_event_end(buf: &[u8]) -> Option<usize> {
    (1..buf.len())
        .rev()
        .find(|&i| {
            buf[i] == b'\n'
                && (buf[i - 1] == b'\n' || (i >= 2 && buf[i - 1] == b'\r' && buf[i - 2] == b'\n'))
        })
        .map(|i| i + 1)
}

fn contains_done(events: &[u8]) -> bool {
    events.split(|b| *b == b'\n').any(|line| {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        line.strip_prefix(b"data:")
            .map(|rest| rest.trim_ascii() == b"[DONE]")
            .unwrap_or(false)
    })
}

/// `GET /v1/models`: the configured public model names.
pub async fn models(State(state): State<Arc<AppState>>) -> Json<Value> {
    let created = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs();
    let data: Vec<Value> = state
        .providers
        .models()
        .into_iter()
        .map(|(id, providers)| {
            json!({
                "id": id,
                "object": "model",
                "created": created,
                "owned_by": providers.join(","),
            })
        })
        .collect();
    Json(json!({ "object": "list", "data": data }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_event_boundaries() {
        assert_eq!(last_event_end(b"data: a\n\ndata: b"), Some(9));
        assert_eq!(last_event_end(b"data: a\r\n\r\ndata: b\r\n\r\n"), Some(22));
        assert_eq!(last_event_end(b"data: a\n"), None);
    }

    #[test]
    fn detects_done() {
        assert!(contains_done(b"data: {}\n\ndata: [DONE]\n\n"));
        assert!(contains_done(b"data:[DONE]\r\n\r\n"));
        assert!(!contains_done(b"data: {\"x\":\"[DONE]\"}\n\n"));
    }
}
