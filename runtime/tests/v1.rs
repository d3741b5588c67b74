//! The OpenAI-compatible /v1 endpoints over real HTTP, against stand-in upstreams.

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::*;

fn chat(model: &str) -> Value {
    json!({"model": model, "messages": [{"role": "user", "content": "hi"}]})
}

/// Reads a streamed response to its end, noting when the first bytes came.
async fn read_stream(resp: reqwest::Response, started: Instant) -> (String, Duration) {
    let mut resp = resp;
    let mut text = String::new();
    let mut first = None;
    while let Some(chunk) = resp.chunk().await.unwrap() {
        first.get_or_insert_with(|| started.elapsed());
        text.push_str(&String::from_utf8_lossy(&chunk));
    }
    (text, first.unwrap_or_default())
}

/// POSTs `body` to /v1/chat/completions, with `content_type` if given, for the
/// raw (possibly streamed) response.
async fn send_chat(server: &Server, body: &Value, content_type: Option<&str>) -> reqwest::Response {
    let mut req = server
        .client
        .post(server.url("/v1/chat/completions"))
        .body(body.to_string());
    if let Some(content_type) = content_type {
        req = req.header("content-type", content_type);
    }
    req.send().await.unwrap()
}

/// The `data:` payloads of an SSE body.
fn events(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("data: "))
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn sync_completion_relays_the_upstream_response() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&provider("p", &up, r#"{ chat = "ok" }"#, 1)).await;
    let (status, resp) = server.post("/v1/chat/completions", &chat("chat")).await;
    assert_eq!(status, 200, "{resp}");
    assert_eq!(resp["object"], "chat.completion");
    assert_eq!(resp["choices"][0]["message"]["content"], "echo: hi");
    assert_eq!(resp["x_upstream_extra"], "kept");

    let (status, list) = server.get("/v1/models").await;
    assert_eq!(status, 200);
    assert_eq!(list["object"], "list");
    assert_eq!(list["data"][0]["id"], "chat");
    assert_eq!(list["data"][0]["object"], "model");
    assert_eq!(list["data"][0]["owned_by"], "p");

    let metrics = server.text("/metrics").await;
    assert!(
        metrics.contains("aiserver_gateway_overhead_seconds_count 1"),
        "{metrics}"
    );
    server.stop().await;
}

#[tokio::test]
async fn sync_fails_over_and_maps_errors_to_openai_shape() {
    let (a, b, extra) = primary_and_backup(r#"{ chat = "fail500" }"#, r#"{ chat = "ok" }"#).await;
    let extra = extra + &provider("c", &a, r#"{ bad = "reject400" }"#, 1);
    let (_dir, server) = start_server(&extra).await;

    let (status, resp) = server.post("/v1/chat/completions", &chat("chat")).await;
    assert_eq!(status, 200, "{resp}");
    assert_eq!(a.calls("fail500"), 2, "retried on a, then failed over");
    assert_eq!(b.calls("ok"), 1);
    // a answers its probe, so one request's failures do not take it offline...
    // ...but a second request failing on it is evidence: a goes offline after
    // that request's first attempt, and the next request goes straight to b.
    let (status, _) = server.post("/v1/chat/completions", &chat("chat")).await;
    assert_eq!(status, 200);
    assert_eq!((a.calls("fail500"), b.calls("ok")), (3, 2));
    let (status, _) = server.post("/v1/chat/completions", &chat("chat")).await;
    assert_eq!(status, 200);
    assert_eq!((a.calls("fail500"), b.calls("ok")), (3, 3));

    let (status, resp) = server.post("/v1/chat/completions", &chat("bad")).await;
    assert_eq!(status, 400);
    assert_eq!(
        resp["error"]["message"],
        "upstream c returned 400: context too long"
    );
    assert_eq!(resp["error"]["type"], "invalid_request_error");

    let (status, resp) = server.post("/v1/chat/completions", &chat("nope")).await;
    assert_eq!(status, 404);
    assert_eq!(resp["error"]["code"], "model_not_found");

    let (status, resp) = server
        .post(
            "/v1/chat/completions",
            &json!({"model": "chat", "messages": []}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(resp["error"]["param"], "messages");

    let (status, resp) = server
        .post(
            "/v1/chat/completions",
            &json!({"messages": [{"role": "user", "content": "x"}]}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(resp["error"]["param"], "model");

    let (status, resp) = server
        .post(
            "/v1/chat/completions",
            &json!({"model": "chat", "messages": [{"role": "user", "content": 5}]}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(resp["error"]["param"], "messages[0].content", "{resp}");

    let (status, resp) = server
        .post_raw("/v1/chat/completions", b"{not json".to_vec(), None)
        .await;
    assert_eq!(status, 400);
    assert_eq!(resp["error"]["code"], "invalid_json");
    server.stop().await;
}

#[tokio::test]
async fn strips_gateway_fields_and_passes_unknown_ones() {
    let (a, b, extra) = primary_and_backup(r#"{ chat = "ok" }"#, r#"{ chat = "ok" }"#).await;
    let (_dir, server) = start_server(&extra).await;
    let mut body = chat("chat");
    body["provider"] = json!("b");
    body["refId"] = json!("r1");
    body["tag"] = json!("t");
    body["top_k"] = json!(5);
    body["chat_template_kwargs"] = json!({"thinking": true});
    let (status, resp) = server.post("/v1/chat/completions", &body).await;
    assert_eq!(status, 200, "{resp}");
    assert_eq!(a.total_calls(), 0, "provider b was forced");
    let sent = &b.requests()[0];
    assert_eq!(sent["model"], "ok");
    assert_eq!(sent["top_k"], 5);
    assert_eq!(sent["chat_template_kwargs"]["thinking"], true);
    for gone in ["provider", "refId", "tag"] {
        assert!(
            sent.get(gone).is_none(),
            "{gone} must not reach the upstream: {sent}"
        );
    }
    server.stop().await;
}

#[tokio::test]
async fn streams_chunks_as_they_arrive_and_ends_with_done() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&provider("p", &up, r#"["ok", "slowstream"]"#, 1)).await;
    let mut body = chat("slowstream");
    body["stream"] = json!(true);
    let started = Instant::now();
    let resp = send_chat(&server, &body, Some("application/json")).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "text/event-stream");
    let (text, first) = read_stream(resp, started).await;
    // The upstream holds the second chunk back 500 ms; the first must not wait for it.
    assert!(
        first < Duration::from_millis(400),
        "first chunk after {first:?}"
    );
    assert!(started.elapsed() >= Duration::from_millis(500));
    let data = events(&text);
    assert_eq!(data.len(), 3, "{text}");
    let first_chunk: Value = serde_json::from_str(&data[0]).unwrap();
    assert_eq!(first_chunk["choices"][0]["delta"]["content"], "Hel");
    assert_eq!(data.last().unwrap(), "[DONE]");
    server.stop().await;
}

#[tokio::test]
async fn a_cut_stream_ends_with_an_error_event() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&provider("p", &up, r#"["cut"]"#, 1)).await;
    let mut body = chat("cut");
    body["stream"] = json!(true);
    let resp = send_chat(&server, &body, None).await;
    assert_eq!(resp.status(), 200);
    let (text, _) = read_stream(resp, Instant::now()).await;
    let data = events(&text);
    assert_eq!(data.len(), 2, "one whole chunk, then the error: {text}");
    assert!(
        !text.contains("[DONE]"),
        "no success marker after a cut: {text}"
    );
    assert!(
        !text.contains("{\"del"),
        "the half event is not forwarded: {text}"
    );
    let error: Value = serde_json::from_str(&data[1]).unwrap();
    assert_eq!(error["error"]["code"], "stream_interrupted");
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("broke"),
        "{error}"
    );
    server.stop().await;
}

#[tokio::test]
async fn stream_fails_over_before_the_first_byte() {
    let (a, b, extra) = primary_and_backup(r#"{ chat = "fail500" }"#, r#"{ chat = "ok" }"#).await;
    let (_dir, server) = start_server(&extra).await;
    let mut body = chat("chat");
    body["stream"] = json!(true);
    let resp = send_chat(&server, &body, None).await;
    assert_eq!(resp.status(), 200);
    let (text, _) = read_stream(resp, Instant::now()).await;
    assert!(a.calls("fail500") >= 1);
    assert_eq!(
        events(&text).last().map(String::as_str),
        Some("[DONE]"),
        "{text}"
    );

    // With no provider left, the client gets a plain OpenAI error, not a stream.
    a.set_down(true);
    b.set_down(true);
    let resp = send_chat(&server, &body, None).await;
    assert!(resp.status().is_server_error(), "{}", resp.status());
    let err: Value = serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap();
    assert!(err["error"]["message"].is_string(), "{err}");
    server.stop().await;
}
