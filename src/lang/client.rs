//! What every generated client does the same way, decided once here and
//! rendered by each backend: the timeout, the retry policy and the rules for
//! reading a streamed (server-sent events) answer.
//!
//! Retries: a call is retried at most `MAX_RETRIES` times (configurable per
//! client, 0 turns them off) after a connection failure or a status in
//! `retryable_status`. The wait before retry `n` (0-based) is the server's
//! `retry-after-ms` (milliseconds) or `Retry-After` (seconds or an HTTP date)
//! when it sends one and it is at most `MAX_RETRY_AFTER_MS`; otherwise
//! `backoff_ms(n)` scaled by a random factor in [1 - JITTER, 1]. A streamed
//! call is retried only before its first event has been yielded.
//!
//! Server-sent events (the WHATWG rules, as OpenAI's SDKs read them): the
//! stream is read incrementally and split into lines at CRLF, LF or CR; a line
//! starting with `:` is a comment; `field: value` (one optional space after the
//! colon) sets `event`, `data` (several `data` lines join with "\n"), `id` or
//! `retry`; an empty line dispatches the event when it has data. `data: [DONE]`
//! ends the stream successfully; an event whose data is a JSON object with an
//! `error` property raises the client's API error; any other data decodes as
//! the operation's event type and is yielded at once. A stream that ends
//! without `[DONE]` raises, and stopping the iteration early closes the
//! connection.

use crate::model::{Body, Model, Operation, ParamLocation, Stream};

/// The default time one call may take, whole answer included: LLM calls run for minutes.
pub const DEFAULT_TIMEOUT_SECONDS: u64 = 600;
/// Retries after the first attempt, by default.
pub const MAX_RETRIES: u32 = 2;
/// The first backoff; each further retry doubles it, up to `MAX_BACKOFF_MS`.
pub const INITIAL_BACKOFF_MS: u64 = 500;
pub const MAX_BACKOFF_MS: u64 = 8_000;
/// The random share taken off a computed backoff (0.25: between 75% and 100% of it).
pub const JITTER: f64 = 0.25;
/// A server's `Retry-After` longer than this is not waited for (the backoff is used).
pub const MAX_RETRY_AFTER_MS: u64 = 60_000;
/// The data that ends a stream.
pub const STREAM_DONE: &str = "[DONE]";
/// The response header carrying the server's request id, shown in errors.
pub const REQUEST_ID_HEADER: &str = "x-request-id";
/// The suffix of a streamed operation's method name (`openAiChatCompletionStream`).
pub const STREAM_SUFFIX: &str = "Stream";

/// Whether an answer with this status is retried: 408, 429 and every 5xx.
pub fn retryable_status(status: u16) -> bool {
    status == 408 || status == 429 || status >= 500
}

/// The backoff before retry `attempt` (0-based), before jitter.
pub fn backoff_ms(attempt: u32) -> u64 {
    INITIAL_BACKOFF_MS
        .saturating_mul(1u64 << attempt.min(16))
        .min(MAX_BACKOFF_MS)
}

/// The operations that stream, with their stream.
pub fn streamed(model: &Model) -> impl Iterator<Item = (&Operation, &Stream)> {
    model
        .operations
        .iter()
        .filter_map(|op| op.stream.as_ref().map(|stream| (op, stream)))
}

/// The types the generated READMEs' complete chat example builds.
pub const CHAT_EXAMPLE_TYPES: [&str; 6] = [
    "OpenAiMessage",
    "OpenAiMessageContent",
    "OpenAiRole",
    "OpenAiTool",
    "OpenAiToolType",
    "OpenAiFunctionDefinition",
];

/// The streamed chat completion a README's complete example calls, when the
/// model is the built-in one (it has the chat types the example builds).
pub fn chat_example(model: &Model) -> Option<(&Operation, &Stream)> {
    if CHAT_EXAMPLE_TYPES
        .iter()
        .any(|name| model.get(name).is_none())
    {
        return None;
    }
    streamed(model).find(|(op, stream)| {
        op.request == "OpenAiChatCompletion" && stream.event == "OpenAiChatChunk"
    })
}

/// One piece of an operation's path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment<'o> {
    /// Text sent as is.
    Literal(&'o str),
    /// A path parameter (the request field's wire name), sent percent-encoded:
    /// everything but RFC 3986's unreserved `A-Za-z0-9-._~` is encoded.
    Param(&'o str),
}

/// The path template split at its `{name}` placeholders, e.g. `/v1/models/{model}`
/// → `Literal("/v1/models/")`, `Param("model")`.
pub fn path_segments(path: &str) -> Vec<PathSegment<'_>> {
    let mut segments = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|i| open + i) else {
            break;
        };
        if open > 0 {
            segments.push(PathSegment::Literal(&rest[..open]));
        }
        segments.push(PathSegment::Param(&rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        segments.push(PathSegment::Literal(rest));
    }
    segments
}

/// The wire names of the operation's parameters at `location`, in order.
pub fn params_at(op: &Operation, location: ParamLocation) -> Vec<&str> {
    op.params
        .iter()
        .filter(|p| p.location == location)
        .map(|p| p.name.as_str())
        .collect()
}

/// An operation's route as the generated clients' runtimes read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route<'o> {
    /// The path template as literals alternating with path parameters' wire
    /// names: `["/v1/items/", "item_id", ""]`, always starting and ending with
    /// a literal (possibly empty), so even indexes are literals.
    pub path: Vec<&'o str>,
    /// The query parameters' wire names, in order.
    pub query: Vec<&'o str>,
    /// The header parameters' wire names, in order.
    pub headers: Vec<&'o str>,
    /// The field whose value is the whole body (`Body::Field`).
    pub body_field: Option<&'o str>,
    /// Whether a body is sent at all (false for `Body::None`).
    pub has_body: bool,
}

impl Route<'_> {
    /// No parameters and the fields as the body: the route every client had
    /// before operations could bind parameters, rendered as it was.
    pub fn is_plain(&self) -> bool {
        self.path.len() == 1
            && self.query.is_empty()
            && self.headers.is_empty()
            && self.body_field.is_none()
            && self.has_body
    }
}

/// The operation's route: `path_segments` and `params_at` put in the shape a
/// runtime walks (the body is then the request's JSON minus its parameters,
/// which are `body_fields` plus any extra properties the caller set).
pub fn route(op: &Operation) -> Route<'_> {
    let mut path = vec![""];
    for segment in path_segments(&op.path) {
        match segment {
            PathSegment::Literal(text) => {
                if let Some(last) = path.last_mut() {
                    *last = text;
                }
            }
            PathSegment::Param(name) => {
                path.push(name);
                path.push("");
            }
        }
    }
    Route {
        path,
        query: params_at(op, ParamLocation::Query),
        headers: params_at(op, ParamLocation::Header),
        body_field: match &op.body {
            Body::Field(name) => Some(name.as_str()),
            _ => None,
        },
        has_body: op.body != Body::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_templates_split_at_placeholders() {
        use PathSegment::*;
        assert_eq!(
            path_segments("/v1/items/{item_id}/parts/{n}"),
            [
                Literal("/v1/items/"),
                Param("item_id"),
                Literal("/parts/"),
                Param("n")
            ]
        );
        assert_eq!(
            path_segments("/{a}{b}"),
            [Literal("/"), Param("a"), Param("b")]
        );
        assert_eq!(path_segments("/plain"), [Literal("/plain")]);
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let waits: Vec<u64> = (0..6).map(backoff_ms).collect();
        assert_eq!(waits, [500, 1000, 2000, 4000, 8000, 8000]);
        assert_eq!(backoff_ms(u32::MAX), MAX_BACKOFF_MS);
    }

    #[test]
    fn retryable_statuses_are_408_429_and_5xx() {
        let retried: Vec<u16> = [200, 400, 401, 404, 408, 409, 429, 500, 502, 503, 599]
            .into_iter()
            .filter(|s| retryable_status(*s))
            .collect();
        assert_eq!(retried, [408, 429, 500, 502, 503, 599]);
    }

    #[test]
    fn routes_alternate_literals_and_path_parameters() {
        use crate::model::Param;
        let param = |name: &str, location| Param {
            name: name.to_owned(),
            location,
        };
        let op = Operation {
            name: "UpdateItem".to_owned(),
            request: "UpdateItemRequest".to_owned(),
            response: "Echo".to_owned(),
            method: "POST".to_owned(),
            path: "/v1/{a}{b}/x".to_owned(),
            description: None,
            stream: None,
            params: vec![
                param("a", ParamLocation::Path),
                param("h", ParamLocation::Header),
                param("b", ParamLocation::Path),
                param("q2", ParamLocation::Query),
                param("q1", ParamLocation::Query),
            ],
            body: Body::Field("item".to_owned()),
        };
        let route = route(&op);
        assert_eq!(route.path, ["/v1/", "a", "", "b", "/x"]);
        assert_eq!(route.query, ["q2", "q1"]);
        assert_eq!(route.headers, ["h"]);
        assert_eq!(route.body_field, Some("item"));
        assert!(route.has_body && !route.is_plain());
        let plain = Operation {
            path: "/api/X".to_owned(),
            params: Vec::new(),
            body: Body::Fields,
            ..op.clone()
        };
        assert_eq!(super::route(&plain).path, ["/api/X"]);
        assert!(super::route(&plain).is_plain());
        let none = Operation {
            body: Body::None,
            ..plain
        };
        assert!(!super::route(&none).has_body && !super::route(&none).is_plain());
    }
}
