//! Test support: a stand-in OpenAI-compatible upstream whose model name picks
//! its behaviour, a ReplyTo receiver, and helpers to run ai-server in-process.
#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ai_server::config::Config;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// What the stand-in upstream saw.
#[derive(Default)]
pub struct UpstreamState {
    /// Every chat request body, in order.
    pub requests: Mutex<Vec<Value>>,
    /// The Authorization header of every chat request.
    pub auth: Mutex<Vec<Option<String>>>,
    /// Calls per upstream model name.
    pub calls: Mutex<HashMap<String, usize>>,
    /// When set, every endpoint answers 503 (an outage).
    pub down: AtomicBool,
    /// GET /models probes received.
    pub probes: Mutex<usize>,
}

/// A running stand-in upstream.
pub struct StandIn {
    pub addr: SocketAddr,
    pub state: Arc<UpstreamState>,
}

impl StandIn {
    /// The base_url to configure, ending in /v1.
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    pub fn calls(&self, model: &str) -> usize {
        self.state
            .calls
            .lock()
            .unwrap()
            .get(model)
            .copied()
            .unwrap_or(0)
    }

    pub fn total_calls(&self) -> usize {
        self.state.requests.lock().unwrap().len()
    }

    pub fn requests(&self) -> Vec<Value> {
        self.state.requests.lock().unwrap().clone()
    }

    pub fn set_down(&self, down: bool) {
        self.state.down.store(down, Ordering::SeqCst);
    }
}

/// Starts a stand-in upstream on 127.0.0.1. Behaviour by model name:
/// `ok`, `slow` (300 ms), `hang` (30 s), `fail500`, `reject400`, `rate429` (429 with
/// Retry-After: 1 on odd calls), `malformed` (invalid JSON), streaming
/// `slowstream` (second chunk 500 ms late), `longstream` (1.8 s, a chunk every
/// 600 ms) and `cut` (connection dropped after
/// the first chunk). Streaming is chosen by the request's `stream: true`.
pub async fn start_upstream() -> StandIn {
    let state = Arc::new(UpstreamState::default());
    let app = Router::new()
        .route("/v1/chat/completions", post(chat))
        .route("/v1/models", get(models))
        .with_state(state.clone());
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    StandIn { addr, state }
}

async fn models(State(state): State<Arc<UpstreamState>>) -> Response {
    *state.probes.lock().unwrap() += 1;
    if state.down.load(Ordering::SeqCst) {
        return (StatusCode::SERVICE_UNAVAILABLE, "down").into_response();
    }
    axum::Json(json!({"object": "list", "data": []})).into_response()
}

fn completion(model: &str, content: &str) -> Value {
    json!({
        "id": "chatcmpl-standin",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": content},
            "finish_reason": "stop"
        }],
        "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
        "x_upstream_extra": "kept"
    })
}

fn chunk(model: &str, content: &str) -> Bytes {
    let c = json!({
        "id": "chatcmpl-standin",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": model,
        "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": null}]
    });
    Bytes::from(format!("data: {c}\n\n"))
}

async fn chat(
    State(state): State<Arc<UpstreamState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let model = request["model"].as_str().unwrap_or_default().to_string();
    let stream = request["stream"] == json!(true);
    state.requests.lock().unwrap().push(request.clone());
    state.auth.lock().unwrap().push(
        headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
    );
    let n = {
        let mut calls = state.calls.lock().unwrap();
        let n = calls.entry(model.clone()).or_default();
        *n += 1;
        *n
    };
    if state.down.load(Ordering::SeqCst) {
        return (StatusCode::SERVICE_UNAVAILABLE, "upstream down").into_response();
    }
    match model.as_str() {
        "fail500" => (
            StatusCode::INTERNAL_SERVER_ERROR,
            axum::Json(json!({"error": {"message": "boom", "type": "server_error"}})),
        )
            .into_response(),
        "reject400" => (
            StatusCode::BAD_REQUEST,
            axum::Json(
                json!({"error": {"message": "context too long", "type": "invalid_request_error"}}),
            ),
        )
            .into_response(),
        "rate429" if n % 2 == 1 => Response::builder()
            .status(StatusCode::TOO_MANY_REQUESTS)
            .header("retry-after", "1")
            .body(Body::from(r#"{"error":{"message":"slow down"}}"#))
            .unwrap(),
        "malformed" => Response::builder()
            .header("content-type", "application/json")
            .body(Body::from("{\"id\": \"chatcmpl-x\", \"choices\": [tru"))
            .unwrap(),
        _ if stream => stream_response(model, n),
        _ => {
            match model.as_str() {
                "slow" => tokio::time::sleep(Duration::from_millis(300)).await,
                "hang" => tokio::time::sleep(Duration::from_secs(30)).await,
                _ => {}
            }
            let last = request["messages"]
                .as_array()
                .and_then(|m| m.last())
                .and_then(|m| m["content"].as_str())
                .unwrap_or_default()
                .to_string();
            axum::Json(completion(&model, &format!("echo: {last}"))).into_response()
        }
    }
}

fn stream_response(model: String, _n: usize) -> Response {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    tokio::spawn(async move {
        let _ = tx.send(Ok(chunk(&model, "Hel"))).await;
        match model.as_str() {
            "cut" => {
                tokio::time::sleep(Duration::from_millis(30)).await;
                // Half an event, then a broken connection.
                let _ = tx
                    .send(Ok(Bytes::from_static(b"data: {\"choices\":[{\"del")))
                    .await;
                tokio::time::sleep(Duration::from_millis(30)).await;
                let _ = tx.send(Err(std::io::Error::other("cut"))).await;
                return;
            }
            "slowstream" => tokio::time::sleep(Duration::from_millis(500)).await,
            "longstream" => {
                // Longer than a one-second connection timeout, with quiet gaps.
                for _ in 0..3 {
                    tokio::time::sleep(Duration::from_millis(600)).await;
                    let _ = tx.send(Ok(chunk(&model, "."))).await;
                }
            }
            _ => {}
        }
        let _ = tx.send(Ok(chunk(&model, "lo"))).await;
        let _ = tx.send(Ok(Bytes::from_static(b"data: [DONE]\n\n"))).await;
    });
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    Response::builder()
        .header("content-type", "text/event-stream")
        .body(Body::from_stream(body))
        .unwrap()
}

/// One ReplyTo delivery as received.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub headers: HeaderMap,
    pub body: Bytes,
    /// The status the receiver answered with.
    pub answered: u16,
}

/// A ReplyTo receiver that fails the first `fail_first` attempts with 500.
pub struct Receiver {
    pub addr: SocketAddr,
    pub deliveries: Arc<Mutex<Vec<Delivery>>>,
}

impl Receiver {
    pub fn url(&self) -> String {
        format!("http://{}/hook", self.addr)
    }

    pub fn deliveries(&self) -> Vec<Delivery> {
        self.deliveries.lock().unwrap().clone()
    }

    pub fn successes(&self) -> Vec<Delivery> {
        self.deliveries()
            .into_iter()
            .filter(|d| d.answered == 200)
            .collect()
    }
}

pub async fn start_receiver(fail_first: usize) -> Receiver {
    let deliveries: Arc<Mutex<Vec<Delivery>>> = Arc::default();
    let store = deliveries.clone();
    let app = Router::new().route(
        "/hook",
        post(move |headers: HeaderMap, body: Bytes| {
            let store = store.clone();
            async move {
                let mut list = store.lock().unwrap();
                let answered = if list.len() < fail_first { 500 } else { 200 };
                list.push(Delivery {
                    headers,
                    body,
                    answered,
                });
                StatusCode::from_u16(answered).unwrap()
            }
        }),
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Receiver { addr, deliveries }
}

/// A receiver whose every answer is a 307 redirect to `location`.
pub async fn start_redirector(location: String) -> SocketAddr {
    let app = Router::new().route(
        "/hook",
        post(move || {
            let location = location.clone();
            async move { (StatusCode::TEMPORARY_REDIRECT, [("location", location)]) }
        }),
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    addr
}

/// The config for receivers on 127.0.0.1, as an on-premises deployment has.
pub fn on_premises(mut config: Config) -> Config {
    config.reply.allow_private_networks = true;
    config
}

/// Fast retry settings for tests, then `extra` TOML (providers etc.).
pub fn config(db: &Path, extra: &str) -> Config {
    let grace = if extra.contains("shutdown_grace_secs") {
        ""
    } else {
        "shutdown_grace_secs = 0"
    };
    let text = format!(
        r#"
listen = "127.0.0.1:0"
database = "{}"
{grace}
{extra}
[retry]
attempts = 2
base_delay_ms = 5
max_delay_ms = 2000
offline_after = 2
probe_interval_ms = 100
offline_wait_secs = 5
[reply]
attempts = 5
base_delay_ms = 20
max_delay_ms = 200
timeout_secs = 5
"#,
        db.display()
    );
    Config::parse(&text).unwrap_or_else(|e| panic!("test config: {e}\n{text}"))
}

/// A provider table serving `models` (TOML inline value) from `upstream`.
pub fn provider(name: &str, upstream: &StandIn, models: &str, priority: i64) -> String {
    format!(
        "[[providers]]\nname = \"{name}\"\nbase_url = \"{}\"\nmodels = {models}\npriority = {priority}\nconcurrency = 4\ntimeout_secs = 5\n",
        upstream.base_url()
    )
}

/// A running ai-server.
pub struct Server {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    handle: Option<JoinHandle<Result<(), ai_server::ServeError>>>,
}

impl Server {
    pub async fn start(config: Config) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let handle = tokio::spawn(ai_server::serve(config, listener, async move {
            let _ = stopped.await;
        }));
        Server {
            addr,
            client: reqwest::Client::new(),
            stop: Some(stop),
            handle: Some(handle),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Signals shutdown and waits for the server to finish.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(handle) = self.handle.take() {
            tokio::time::timeout(Duration::from_secs(10), handle)
                .await
                .expect("server stops within 10s")
                .expect("server task")
                .expect("server result");
        }
    }

    pub async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.post_raw(path, body.to_string().into_bytes(), None)
            .await
    }

    pub async fn post_raw(&self, path: &str, body: Vec<u8>, key: Option<&str>) -> (u16, Value) {
        let req = self
            .client
            .post(self.url(path))
            .header("content-type", "application/json")
            .body(body);
        send_json(req, key).await
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.get_with_key(path, None).await
    }

    pub async fn get_with_key(&self, path: &str, key: Option<&str>) -> (u16, Value) {
        send_json(self.client.get(self.url(path)), key).await
    }

    pub async fn text(&self, path: &str) -> String {
        self.client
            .get(self.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// Queues a job and returns its id.
    pub async fn create(&self, body: Value) -> i64 {
        let (status, resp) = self.post("/api/CreateOpenAiChat", &body).await;
        assert_eq!(status, 200, "create failed: {resp}");
        resp["id"].as_i64().expect("id")
    }

    /// GetOpenAiChat for one job id: the status and the whole response.
    pub async fn get_job(&self, id: i64) -> (u16, Value) {
        self.get(&format!("/api/GetOpenAiChat?id={id}")).await
    }

    /// Queues a job and waits for it to reach a final state.
    pub async fn run_job(&self, body: Value) -> Value {
        self.wait_job(self.create(body).await).await
    }

    /// Polls GetOpenAiChat until the job reaches a final state.
    pub async fn wait_job(&self, id: i64) -> Value {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let (status, resp) = self.get_job(id).await;
            assert_eq!(status, 200, "{resp}");
            let job = resp["result"].clone();
            if matches!(job["state"].as_str(), Some("Completed" | "Failed")) {
                return job;
            }
            assert!(Instant::now() < deadline, "job {id} did not finish: {job}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// Sends `req`, with `key` as a bearer token if given; the status and the JSON
/// body (Null when the body is not JSON).
async fn send_json(mut req: reqwest::RequestBuilder, key: Option<&str>) -> (u16, Value) {
    if let Some(key) = key {
        req = req.header("authorization", format!("Bearer {key}"));
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let bytes = resp.bytes().await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// Starts ai-server with `extra` config (see [`config`]) on a database in a
/// fresh temp dir; keep the dir alive as long as the server.
pub async fn start_server(extra: &str) -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(config(&dir.path().join("test.db"), extra)).await;
    (dir, server)
}

/// Two stand-in upstreams and their provider tables: "a" serving `a_models`
/// at priority 9, then "b" serving `b_models` at priority 1.
pub async fn primary_and_backup(a_models: &str, b_models: &str) -> (StandIn, StandIn, String) {
    let (a, b) = (start_upstream().await, start_upstream().await);
    let extra = provider("a", &a, a_models, 9) + &provider("b", &b, b_models, 1);
    (a, b, extra)
}

/// A minimal chat job body.
pub fn job(model: &str, text: &str) -> Value {
    json!({"request": {"model": model, "messages": [{"role": "user", "content": text}]}})
}

/// Polls `check` until it is true or `secs` pass.
pub async fn eventually<F, Fut>(secs: u64, mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if check().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}
