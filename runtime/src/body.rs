//! Request bodies: the checks every endpoint shares, so `/api` and `/v1`
//! refuse the same things. A body must arrive without stalling (408), fit
//! `max_body_bytes` (413) and nest no deeper than [`MAX_JSON_DEPTH`] (400),
//! however much of it the endpoint's types know about: unknown members are
//! forwarded upstream, and an upstream that crashes on a 2,000-deep member
//! would otherwise be taken down by one request.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::Request;
use axum::http::StatusCode;
use http_body::{Frame, SizeHint};
use tokio::time::{Instant, Sleep};

/// The deepest JSON nesting accepted. serde_json's own recursion limit
/// refuses 128 levels, so every endpoint now stops where `/api` always did.
pub const MAX_JSON_DEPTH: usize = 127;

/// Why a body was refused, before any endpoint-specific parsing.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyError {
    pub status: StatusCode,
    /// ResponseStatus `errorCode` for `/api`.
    pub api_code: &'static str,
    /// OpenAI `code` for `/v1`.
    pub v1_code: &'static str,
    pub message: String,
}

/// The whole body, checked for size, stalls and nesting depth.
pub fn read(body: Result<Bytes, BytesRejection>) -> Result<Bytes, BodyError> {
    let body = body.map_err(|e| {
        if caused_by_timeout(&e) {
            BodyError {
                status: StatusCode::REQUEST_TIMEOUT,
                api_code: "RequestTimeout",
                v1_code: "request_timeout",
                message: "the request body stalled; send it without pauses".into(),
            }
        } else {
            BodyError {
                status: e.status(),
                api_code: "RequestTooLarge",
                v1_code: "request_too_large",
                message: e.body_text(),
            }
        }
    })?;
    if too_deep(&body, MAX_JSON_DEPTH) {
        return Err(BodyError {
            status: StatusCode::BAD_REQUEST,
            api_code: "SerializationException",
            v1_code: "invalid_json",
            message: format!("request body nests deeper than {MAX_JSON_DEPTH} levels"),
        });
    }
    Ok(body)
}

fn caused_by_timeout(e: &BytesRejection) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if err.is::<BodyStalled>() {
            return true;
        }
        source = err.source();
    }
    false
}

/// Whether the JSON text nests arrays and objects more than `max` deep. One
/// pass; string contents are skipped with memchr, so large base64 images cost
/// little. Invalid JSON is left for the parser to report.
pub fn too_deep(bytes: &[u8], max: usize) -> bool {
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // Skip to the closing quote, stepping over escapes.
                i += 1;
                loop {
                    match memchr::memchr2(b'"', b'\\', &bytes[i.min(bytes.len())..]) {
                        None => return false,
                        Some(n) if bytes[i + n] == b'\\' => i += n + 2,
                        Some(n) => {
                            i += n;
                            break;
                        }
                    }
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    false
}

/// The body stalled for longer than `body_timeout_secs`.
#[derive(Debug)]
pub struct BodyStalled(Duration);

impl std::fmt::Display for BodyStalled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no request body data for {:?}", self.0)
    }
}

impl std::error::Error for BodyStalled {}

/// One connection's body timer, shared by the bodies of its requests (HTTP/1.1
/// reads them one at a time). The wheel entry is registered once per
/// connection and then only re-armed when it fires before the current wait is
/// due: a body whose first poll waits (hyper hands the body over through a
/// channel, so the first poll nearly always does) costs no timer-wheel work.
#[derive(Default)]
pub struct BodyTimer(Mutex<Option<Pin<Box<Sleep>>>>);

impl BodyTimer {
    /// Ready once `due` has passed; otherwise wakes `cx` no later than `due`.
    fn poll_until(&self, due: Instant, cx: &mut Context<'_>) -> Poll<()> {
        let mut slot = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let timer = slot.get_or_insert_with(|| Box::pin(tokio::time::sleep_until(due)));
        if timer.deadline() > due {
            timer.as_mut().reset(due);
        }
        while timer.as_mut().poll(cx).is_ready() {
            if Instant::now() >= due {
                return Poll::Ready(());
            }
            // Fired for an earlier wait; sleep on until this one is due.
            timer.as_mut().reset(due);
        }
        Poll::Pending
    }
}

/// The request with a body that fails once no data has arrived for `idle`.
pub fn with_idle_timeout<B>(request: Request<B>, idle: Duration, timer: &Arc<BodyTimer>) -> Request
where
    B: http_body::Body<Data = Bytes> + Send + Unpin + 'static,
    B::Error: Into<axum::BoxError>,
{
    request.map(|body| Body::new(IdleBody::new(body, idle, timer.clone())))
}

/// A body that fails once no data has arrived for `idle`, timed by its
/// connection's [`BodyTimer`].
struct IdleBody<B> {
    inner: B,
    idle: Duration,
    /// When the current wait for data times out; `None` while data flows.
    due: Option<Instant>,
    timer: Arc<BodyTimer>,
}

impl<B> IdleBody<B> {
    fn new(inner: B, idle: Duration, timer: Arc<BodyTimer>) -> IdleBody<B> {
        IdleBody {
            inner,
            idle,
            due: None,
            timer,
        }
    }
}

impl<B> http_body::Body for IdleBody<B>
where
    B: http_body::Body<Data = Bytes> + Unpin,
    B::Error: Into<axum::BoxError>,
{
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(frame) => {
                this.due = None;
                Poll::Ready(frame.map(|f| f.map_err(Into::into)))
            }
            Poll::Pending => {
                let due = *this.due.get_or_insert_with(|| Instant::now() + this.idle);
                match this.timer.poll_until(due, cx) {
                    Poll::Ready(()) => Poll::Ready(Some(Err(Box::new(BodyStalled(this.idle))))),
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!(
            "{{\"x\": {}1{}}}",
            "[".repeat(depth - 1),
            "]".repeat(depth - 1)
        )
    }

    #[test]
    fn depth_limit_matches_serde_json() {
        let ok = nested(MAX_JSON_DEPTH);
        assert!(!too_deep(ok.as_bytes(), MAX_JSON_DEPTH));
        assert!(serde_json::from_str::<serde_json::Value>(&ok).is_ok());
        let deep = nested(MAX_JSON_DEPTH + 1);
        assert!(too_deep(deep.as_bytes(), MAX_JSON_DEPTH));
        assert!(serde_json::from_str::<serde_json::Value>(&deep).is_err());
    }

    /// The connection's one timer, left armed by an earlier body, must not cut
    /// a later body before that body has itself been silent for `idle`.
    #[tokio::test]
    async fn each_body_gets_its_full_idle_time_on_a_shared_timer() {
        use futures_util::stream::{self, StreamExt};
        let idle = Duration::from_millis(300);
        let timer = Arc::new(BodyTimer::default());
        // First body: waits 100 ms for its data (arming the timer), then ends.
        let slow = stream::once(async {
            tokio::time::sleep(Duration::from_millis(100)).await;
            Ok::<_, std::io::Error>(Bytes::from_static(b"{}"))
        });
        let first = with_idle_timeout(Request::new(Body::from_stream(slow)), idle, &timer);
        let bytes = axum::body::to_bytes(first.into_body(), usize::MAX).await;
        assert_eq!(bytes.ok().as_deref(), Some(&b"{}"[..]));
        // Second body on the same connection: never sends anything.
        let silent = stream::pending::<Result<Bytes, std::io::Error>>().boxed();
        let second = with_idle_timeout(Request::new(Body::from_stream(silent)), idle, &timer);
        let started = Instant::now();
        let error = axum::body::to_bytes(second.into_body(), usize::MAX).await;
        let waited = started.elapsed();
        assert!(error.is_err(), "a silent body must be cut");
        assert!(
            waited >= idle,
            "cut after {waited:?}, before its own {idle:?} of silence"
        );
        assert!(
            waited < Duration::from_secs(10),
            "cut only after {waited:?}"
        );
    }

    #[test]
    fn brackets_inside_strings_do_not_count() {
        let text = format!(r#"{{"a": "{}", "b": "\"[[", "c": "\\"}}"#, "[".repeat(500));
        assert!(!too_deep(text.as_bytes(), 2));
        assert!(too_deep(br#"{"a": [[["x"]]]}"#, 3));
        assert!(!too_deep(br#"{"a": "unterminated [[[["#, 1));
    }
}
