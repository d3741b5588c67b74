//! Calls to OpenAI-compatible upstreams: retries with backoff, offline marking,
//! probing, and failover across the candidate providers.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use reqwest::header::{HeaderMap, AUTHORIZATION, CONTENT_TYPE};
use reqwest::StatusCode;
use serde_json::value::RawValue;
use serde_json::Value;
use tokio::sync::watch;

use crate::config::RetryConfig;
use crate::metrics::Metrics;
use crate::providers::{Evidence, Provider, Providers, SelectError, Slot};

/// Longest wait for one probe answer.
const PROBE_TIMEOUT_SECS: u64 = 5;

/// AI-Server-only request fields that must not reach an upstream.
pub const GATEWAY_FIELDS: [&str; 3] = ["refId", "provider", "tag"];

/// Why a call to one provider failed.
#[derive(Debug, Clone)]
pub enum UpstreamError {
    /// Transient (429, 5xx, connection, timeout, invalid body): another provider may succeed.
    Unavailable {
        status: Option<u16>,
        message: String,
    },
    /// The upstream rejected the request itself (4xx): no point trying elsewhere.
    Rejected { status: u16, message: String },
}

impl UpstreamError {
    pub fn message(&self) -> &str {
        match self {
            UpstreamError::Unavailable { message, .. }
            | UpstreamError::Rejected { message, .. } => message,
        }
    }
}

/// Why a routed call failed.
#[derive(Debug, Clone)]
pub enum RouteError {
    Select(SelectError),
    Upstream(UpstreamError),
}

impl std::fmt::Display for RouteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RouteError::Select(e) => write!(f, "{e}"),
            RouteError::Upstream(e) => f.write_str(e.message()),
        }
    }
}

/// A successful non-streaming call.
#[derive(Debug)]
pub struct Completion {
    pub provider: Arc<Provider>,
    /// The upstream's JSON body, unchanged.
    pub body: Bytes,
    /// Time spent waiting on the upstream (for the gateway-overhead metric).
    pub upstream_time: Duration,
}

/// An upstream stream whose first chunk has arrived.
pub struct OpenStream {
    pub provider: Arc<Provider>,
    pub response: reqwest::Response,
    pub first: Bytes,
    /// Holds the provider's concurrency slot until the stream ends.
    pub slot: Slot,
    /// The routed request, for failure evidence.
    pub request: u64,
}

/// The upstream HTTP client with the retry policy.
#[derive(Clone)]
pub struct Upstream {
    client: reqwest::Client,
    retry: RetryConfig,
    metrics: Arc<Metrics>,
    /// Ends probe tasks at shutdown.
    shutdown: watch::Receiver<bool>,
    /// Numbers routed requests, so failures can be told apart by request.
    next_request: Arc<AtomicU64>,
}

/// One attempt's failure, before retry classification.
enum AttemptError {
    Status {
        status: StatusCode,
        retry_after: Option<Duration>,
        message: String,
    },
    Transport(String, &'static str),
}

impl Upstream {
    pub fn new(
        retry: RetryConfig,
        metrics: Arc<Metrics>,
        shutdown: watch::Receiver<bool>,
    ) -> Upstream {
        let client = reqwest::Client::builder()
            .tcp_nodelay(true)
            .pool_idle_timeout(Duration::from_secs(60))
            .build()
            .unwrap_or_default();
        Upstream {
            client,
            retry,
            metrics,
            shutdown,
            next_request: Arc::new(AtomicU64::new(1)),
        }
    }

    fn new_request(&self) -> u64 {
        self.next_request.fetch_add(1, Ordering::Relaxed)
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// The request body for one provider: the request with only `model`
    /// replaced, gateway fields dropped when `strip` is set, and `stream`
    /// options dropped for non-streaming calls (a queued job asking for
    /// `stream: true` would otherwise get SSE where JSON is expected). A raw
    /// object's member values are copied byte for byte.
    fn outgoing_body(
        provider: &Provider,
        model: &str,
        raw: Outbound<'_>,
        strip: bool,
        streaming: bool,
    ) -> Bytes {
        let model = provider.upstream_model(model).unwrap_or(model);
        let bytes = match raw {
            Outbound::Value(Value::Object(map)) => serde_json::to_vec(&Outgoing {
                members: map.iter().map(|(k, v)| (k.as_str(), v)).collect(),
                model,
                strip,
                streaming,
            }),
            Outbound::Value(other) => serde_json::to_vec(other),
            Outbound::Raw(object) => serde_json::to_vec(&Outgoing {
                members: object.0.iter().map(|(k, v)| (k.as_ref(), *v)).collect(),
                model,
                strip,
                streaming,
            }),
        };
        Bytes::from(bytes.unwrap_or_default())
    }

    fn post(&self, provider: &Provider, body: Bytes) -> reqwest::RequestBuilder {
        let mut req = match &provider.chat_url {
            Some(url) => self.client.post(url.clone()),
            None => self
                .client
                .post(format!("{}/chat/completions", provider.base_url)),
        };
        req = req.header(CONTENT_TYPE, "application/json").body(body);
        if let Some(key) = &provider.api_key {
            req = req.header(AUTHORIZATION, format!("Bearer {key}"));
        }
        req
    }

    /// One non-streaming attempt: status, then the whole JSON body.
    async fn attempt(&self, provider: &Provider, body: Bytes) -> Result<Bytes, AttemptError> {
        let call = async {
            let resp = self
                .post(provider, body)
                .send()
                .await
                .map_err(transport_error)?;
            let status = resp.status();
            if !status.is_success() {
                return Err(status_error(resp).await);
            }
            let bytes = resp.bytes().await.map_err(transport_error)?;
            if serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).is_err() {
                return Err(AttemptError::Transport(
                    "upstream returned invalid JSON".into(),
                    "invalid_json",
                ));
            }
            Ok(bytes)
        };
        match tokio::time::timeout(provider.timeout, call).await {
            Ok(result) => result,
            Err(_) => Err(AttemptError::Transport(
                format!("upstream timed out after {:?}", provider.timeout),
                "timeout",
            )),
        }
    }

    /// One streaming attempt: succeeds once the first body chunk has arrived.
    async fn attempt_stream(
        &self,
        provider: &Provider,
        body: Bytes,
    ) -> Result<(reqwest::Response, Bytes), AttemptError> {
        let call = async {
            let mut resp = self
                .post(provider, body)
                .send()
                .await
                .map_err(transport_error)?;
            if !resp.status().is_success() {
                return Err(status_error(resp).await);
            }
            match resp.chunk().await {
                Ok(Some(first)) => Ok((resp, first)),
                Ok(None) => Err(AttemptError::Transport(
                    "upstream stream ended before any data".into(),
                    "stream_empty",
                )),
                Err(e) => Err(transport_error(e)),
            }
        };
        match tokio::time::timeout(provider.timeout, call).await {
            Ok(result) => result,
            Err(_) => Err(AttemptError::Transport(
                format!("upstream timed out after {:?}", provider.timeout),
                "timeout",
            )),
        }
    }

    /// Runs `attempt` with retries on one provider, classifying the final failure.
    async fn with_retries<T, F, Fut>(
        &self,
        provider: &Arc<Provider>,
        request: u64,
        mut attempt: F,
    ) -> Result<T, UpstreamError>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, AttemptError>>,
    {
        let mut last = None;
        for n in 1..=self.retry.attempts {
            match attempt().await {
                Ok(v) => {
                    self.metrics.upstream(&provider.name, "ok");
                    provider.record_success();
                    return Ok(v);
                }
                Err(AttemptError::Status {
                    status,
                    retry_after,
                    message,
                }) => {
                    let code = status.as_u16();
                    let retryable = code == 429 || status.is_server_error();
                    self.metrics.upstream(
                        &provider.name,
                        match code {
                            429 => "http_429",
                            500..=599 => "http_5xx",
                            _ => "http_4xx",
                        },
                    );
                    let message = format!("upstream {} returned {code}: {message}", provider.name);
                    if !retryable {
                        // The upstream answered, so it is healthy; the request is at fault.
                        provider.record_success();
                        return Err(UpstreamError::Rejected {
                            status: code,
                            message,
                        });
                    }
                    // Rate limiting means alive and busy, not down: it does not count toward offline.
                    if code != 429 {
                        self.failed(provider, request).await;
                    }
                    tracing::warn!(provider = %provider.name, attempt = n, status = code, "upstream call failed");
                    last = Some(UpstreamError::Unavailable {
                        status: Some(code),
                        message,
                    });
                    if n < self.retry.attempts {
                        tokio::time::sleep(self.delay(n, retry_after)).await;
                    }
                }
                Err(AttemptError::Transport(message, kind)) => {
                    self.metrics.upstream(&provider.name, kind);
                    self.failed(provider, request).await;
                    tracing::warn!(provider = %provider.name, attempt = n, error = %message, "upstream call failed");
                    last = Some(UpstreamError::Unavailable {
                        status: None,
                        message: format!("upstream {}: {message}", provider.name),
                    });
                    if n < self.retry.attempts {
                        tokio::time::sleep(self.delay(n, None)).await;
                    }
                }
            }
            if provider.is_offline() {
                // Stop hammering a provider that has just been marked offline.
                break;
            }
        }
        Err(last.unwrap_or(UpstreamError::Unavailable {
            status: None,
            message: format!("upstream {} failed", provider.name),
        }))
    }

    /// Weighs a failed call as evidence about its provider: failures from
    /// enough different requests mark it offline; the first request to fail
    /// has a probe confirm the provider is down before it is marked, so a
    /// request whose own content breaks the upstream only fails itself.
    async fn failed(&self, provider: &Arc<Provider>, request: u64) {
        match provider.record_failure(request, self.retry.offline_after) {
            Evidence::MarkedOffline => self.spawn_probe(provider.clone()),
            Evidence::Unconfirmed => self.confirm(provider).await,
            Evidence::Nothing => {}
        }
    }

    /// Probes once; marks the provider offline (and starts the recovery
    /// probe) if the probe fails too.
    async fn confirm(&self, provider: &Arc<Provider>) {
        if !provider.start_confirming() {
            return; // another request's probe is already asking
        }
        let alive = self.probe(provider).await;
        provider.stop_confirming();
        if !alive && provider.mark_offline() {
            tracing::warn!(provider = %provider.name, "provider marked offline: a failed call and a failed probe");
            self.spawn_probe(provider.clone());
        }
    }

    /// One `GET {base_url}/models`; true when it answers 2xx.
    async fn probe(&self, provider: &Provider) -> bool {
        let timeout = provider
            .timeout
            .min(Duration::from_secs(PROBE_TIMEOUT_SECS));
        let mut req = self
            .client
            .get(format!("{}/models", provider.base_url))
            .timeout(timeout);
        if let Some(key) = &provider.api_key {
            req = req.header(AUTHORIZATION, format!("Bearer {key}"));
        }
        match req.send().await {
            Ok(resp) if resp.status().is_success() => true,
            Ok(resp) => {
                tracing::debug!(provider = %provider.name, status = %resp.status(), "probe failed");
                false
            }
            Err(e) => {
                tracing::debug!(provider = %provider.name, error = %e, "probe failed");
                false
            }
        }
    }

    /// Exponential backoff, or the upstream's Retry-After, capped at max_delay.
    fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let max = Duration::from_millis(self.retry.max_delay_ms);
        let backoff = Duration::from_millis(
            self.retry
                .base_delay_ms
                .saturating_mul(1u64 << (attempt - 1).min(20)),
        );
        retry_after.unwrap_or(backoff).min(max)
    }

    /// Probes an offline provider (GET {base_url}/models) until it answers.
    fn spawn_probe(&self, provider: Arc<Provider>) {
        if !provider.start_probing() {
            return;
        }
        let this = self.clone();
        let interval = Duration::from_millis(self.retry.probe_interval_ms.max(1));
        let mut shutdown = self.shutdown.clone();
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = tokio::time::sleep(interval) => {}
                    _ = crate::state::stopped(&mut shutdown) => break,
                }
                if !provider.is_offline() {
                    break;
                }
                if this.probe(&provider).await {
                    provider.record_success();
                    break;
                }
            }
            provider.stop_probing();
        });
    }

    /// A non-streaming completion, failing over across the candidates.
    /// `on_start` is told each provider just before it is called.
    pub async fn complete(
        &self,
        providers: &Providers,
        model: &str,
        forced: Option<&str>,
        raw: Outbound<'_>,
        strip: bool,
        mut on_start: impl FnMut(&Provider),
    ) -> Result<Completion, RouteError> {
        let candidates = providers
            .candidates(model, forced)
            .map_err(RouteError::Select)?;
        let request = self.new_request();
        let mut last = None;
        for provider in candidates {
            let body = Self::outgoing_body(&provider, model, raw, strip, false);
            let _slot = provider.acquire().await;
            on_start(&provider);
            let started = Instant::now();
            match self
                .with_retries(&provider, request, || self.attempt(&provider, body.clone()))
                .await
            {
                Ok(body) => {
                    return Ok(Completion {
                        provider: provider.clone(),
                        body,
                        upstream_time: started.elapsed(),
                    })
                }
                Err(e @ UpstreamError::Rejected { .. }) => return Err(RouteError::Upstream(e)),
                Err(e) => last = Some(e),
            }
        }
        Err(no_provider_left(last))
    }

    /// Opens a stream, failing over across the candidates until a first chunk arrives.
    pub async fn open_stream(
        &self,
        providers: &Providers,
        model: &str,
        forced: Option<&str>,
        raw: Outbound<'_>,
    ) -> Result<OpenStream, RouteError> {
        let candidates = providers
            .candidates(model, forced)
            .map_err(RouteError::Select)?;
        let request = self.new_request();
        let mut last = None;
        for provider in candidates {
            let body = Self::outgoing_body(&provider, model, raw, true, true);
            let slot = provider.acquire().await;
            match self
                .with_retries(&provider, request, || {
                    self.attempt_stream(&provider, body.clone())
                })
                .await
            {
                Ok((response, first)) => {
                    return Ok(OpenStream {
                        provider: provider.clone(),
                        response,
                        first,
                        slot,
                        request,
                    })
                }
                Err(e @ UpstreamError::Rejected { .. }) => return Err(RouteError::Upstream(e)),
                Err(e) => last = Some(e),
            }
        }
        Err(no_provider_left(last))
    }

    /// Records a stream that broke after its first byte.
    pub async fn stream_broken(&self, provider: &Arc<Provider>, request: u64) {
        self.metrics.upstream(&provider.name, "stream_cut");
        self.failed(provider, request).await;
    }
}

/// A request to forward: a parsed JSON value (queued jobs), or a `/v1` body
/// kept as its top-level members' original text.
#[derive(Clone, Copy)]
pub enum Outbound<'a> {
    Value(&'a Value),
    Raw(&'a RawObject<'a>),
}

impl<'a> From<&'a Value> for Outbound<'a> {
    fn from(value: &'a Value) -> Outbound<'a> {
        Outbound::Value(value)
    }
}

/// A JSON object split into its members without decoding their values, in
/// their original order. Parsing one checks the whole body is valid JSON.
#[derive(Debug)]
pub struct RawObject<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'a> RawObject<'a> {
    /// The members of a JSON object body; `None` for anything else (not an
    /// object, invalid JSON, or a key given twice), which callers handle
    /// through the parsed-[`Value`] path instead.
    pub fn parse(body: &'a [u8]) -> Option<RawObject<'a>> {
        let object: RawObject<'a> = serde_json::from_slice(body).ok()?;
        let mut keys: Vec<&str> = object.0.iter().map(|(k, _)| k.as_ref()).collect();
        keys.sort_unstable();
        if keys.windows(2).any(|w| w[0] == w[1]) {
            return None;
        }
        Some(object)
    }

    /// The raw text of a member.
    pub fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }
}

impl<'de> serde::Deserialize<'de> for RawObject<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> serde::de::Visitor<'de> for Members {
            type Value = RawObject<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some(Key(key)) = map.next_key()? {
                    members.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(RawObject(members))
            }
        }
        deserializer.deserialize_map(Members)
    }
}

/// An object key, borrowed from the body unless it has escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Serializes a request object's members with `model` replaced (and gateway
/// and stream fields dropped as asked) without cloning their values: requests
/// can carry megabytes of images. `V` is a parsed [`Value`] or a [`RawValue`],
/// which serde_json writes out verbatim.
struct Outgoing<'a, V: ?Sized> {
    members: Vec<(&'a str, &'a V)>,
    model: &'a str,
    strip: bool,
    streaming: bool,
}

impl<V: serde::Serialize + ?Sized> serde::Serialize for Outgoing<'_, V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut out = serializer.serialize_map(None)?;
        if !self.members.iter().any(|(key, _)| *key == "model") {
            out.serialize_entry("model", self.model)?;
        }
        for (key, value) in &self.members {
            if *key == "model" {
                out.serialize_entry(key, self.model)?;
            } else if !(self.strip && GATEWAY_FIELDS.contains(key)
                || !self.streaming && matches!(*key, "stream" | "stream_options"))
            {
                out.serialize_entry(key, value)?;
            }
        }
        out.end()
    }
}

/// The error once every candidate failed: the last one's, or "no provider available".
fn no_provider_left(last: Option<UpstreamError>) -> RouteError {
    RouteError::Upstream(last.unwrap_or(UpstreamError::Unavailable {
        status: None,
        message: "no provider available".into(),
    }))
}

fn transport_error(e: reqwest::Error) -> AttemptError {
    let kind = if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connect"
    } else {
        "transport"
    };
    AttemptError::Transport(error_chain(&e), kind)
}

/// An error with its causes: reqwest's own message hides e.g. "connection refused".
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

async fn status_error(resp: reqwest::Response) -> AttemptError {
    let status = resp.status();
    let retry_after = retry_after(resp.headers());
    let text = resp.text().await.unwrap_or_default();
    AttemptError::Status {
        status,
        retry_after,
        message: error_message(&text),
    }
}

/// The message of an upstream error body: OpenAI's `error.message`, else the text itself.
pub fn error_message(text: &str) -> String {
    let parsed: Option<Value> = serde_json::from_str(text).ok();
    let from_json = parsed.as_ref().and_then(|v| {
        v.pointer("/error/message")
            .or_else(|| v.get("error"))
            .or_else(|| v.get("message"))
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    from_json.unwrap_or_else(|| {
        let t = text.trim();
        if t.len() > 500 {
            let mut end = 500;
            while !t.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}…", &t[..end])
        } else {
            t.to_string()
        }
    })
}

/// `retry-after-ms` (OpenAI's) or `Retry-After` as seconds or an HTTP date.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(ms) = get("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        if ms.is_finite() && ms >= 0.0 {
            return Some(Duration::from_secs_f64(ms / 1000.0));
        }
    }
    let value = get("retry-after")?;
    if let Ok(secs) = value.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn parses_retry_after_forms() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert("retry-after-ms", HeaderValue::from_static("150"));
        assert_eq!(retry_after(&h), Some(Duration::from_millis(150)));
        let mut h = HeaderMap::new();
        h.insert(
            "retry-after",
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
        h.insert("retry-after", HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn extracts_openai_error_message() {
        assert_eq!(
            error_message(r#"{"error":{"message":"bad model"}}"#),
            "bad model"
        );
        assert_eq!(error_message("plain text"), "plain text");
    }

    /// One provider serving public model `pub` as upstream model `up`.
    fn aliased_provider() -> crate::providers::Providers {
        crate::providers::Providers::new(&[crate::config::ProviderConfig {
            name: "p".into(),
            base_url: "http://127.0.0.1:1/v1".into(),
            api_key_env: None,
            models: crate::config::Models::Aliases([("pub".to_string(), "up".to_string())].into()),
            priority: 0,
            concurrency: 1,
            timeout_secs: 1,
        }])
    }

    #[test]
    fn outgoing_body_replaces_model_and_strips_gateway_fields() {
        let p = aliased_provider();
        let raw = serde_json::json!({"model": "pub", "refId": "r", "tag": "t", "provider": "p", "top_k": 3, "stream": true});
        let strip: Value = serde_json::from_slice(&Upstream::outgoing_body(
            &p.all[0],
            "pub",
            (&raw).into(),
            true,
            true,
        ))
        .unwrap();
        assert_eq!(
            strip,
            serde_json::json!({"model": "up", "top_k": 3, "stream": true})
        );
        let keep: Value = serde_json::from_slice(&Upstream::outgoing_body(
            &p.all[0],
            "pub",
            (&raw).into(),
            false,
            false,
        ))
        .unwrap();
        assert_eq!(keep["tag"], "t");
        assert_eq!(keep["model"], "up");
        assert!(
            keep.get("stream").is_none(),
            "non-streaming calls never ask for SSE"
        );
    }

    #[test]
    fn raw_body_matches_the_value_body() {
        let p = aliased_provider();
        let bodies = [
            r#"{"model": "pub", "refId": "r", "tag": "t", "provider": "p", "top_k": 3, "x": {"a": [1, "\u00e9"]}, "stream": true, "stream_options": {}}"#,
            r#"{"messages": [], "tag": null, "k\"ey": 1.5}"#,
        ];
        for body in bodies {
            let value: Value = serde_json::from_str(body).unwrap();
            let object = RawObject::parse(body.as_bytes()).unwrap();
            for (strip, streaming) in [(true, true), (true, false), (false, false)] {
                let from_value: Value = serde_json::from_slice(&Upstream::outgoing_body(
                    &p.all[0],
                    "pub",
                    (&value).into(),
                    strip,
                    streaming,
                ))
                .unwrap();
                let from_raw = Upstream::outgoing_body(
                    &p.all[0],
                    "pub",
                    Outbound::Raw(&object),
                    strip,
                    streaming,
                );
                let from_raw: Value = serde_json::from_slice(&from_raw).unwrap();
                assert_eq!(from_raw, from_value);
                let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
                assert_eq!(keys(&from_raw), keys(&from_value), "member order is kept");
            }
        }
        assert!(RawObject::parse(br#"{"a": 1, "a": 2}"#).is_none());
        assert!(RawObject::parse(b"[1]").is_none());
        assert!(RawObject::parse(b"{\"a\": }").is_none());
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let up = Upstream::new(
            RetryConfig {
                base_delay_ms: 100,
                max_delay_ms: 350,
                ..RetryConfig::default()
            },
            Arc::new(Metrics::default()),
            watch::channel(false).1,
        );
        assert_eq!(up.delay(1, None), Duration::from_millis(100));
        assert_eq!(up.delay(2, None), Duration::from_millis(200));
        assert_eq!(up.delay(3, None), Duration::from_millis(350));
        assert_eq!(
            up.delay(1, Some(Duration::from_secs(9))),
            Duration::from_millis(350)
        );
    }
}
