//! Slow and idle clients: header, body and keep-alive timeouts and the
//! connection cap, over real sockets on 127.0.0.1.

mod support;

use std::time::{Duration, Instant};

use serde_json::Value;
use support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads until the server closes the connection (or `limit` passes); what was
/// read and when the close came. Panics if the connection is still open at `limit`.
async fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (Vec<u8>, Instant) {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (out, Instant::now()),
            Ok(Ok(n)) => out.extend_from_slice(&buf[..n]),
            Err(_) => panic!(
                "connection still open after {limit:?}; read so far: {}",
                String::from_utf8_lossy(&out)
            ),
        }
    }
}

fn http_config(header: u64, body: u64, keep_alive: u64, max: usize) -> String {
    format!(
        "[http]\nheader_timeout_secs = {header}\nbody_timeout_secs = {body}\nkeep_alive_timeout_secs = {keep_alive}\nmax_connections = {max}\n"
    )
}

#[tokio::test]
async fn four_hundred_stalled_connections_are_cut() {
    let up = start_upstream().await;
    let extra = http_config(1, 30, 30, 1024) + &provider("p", &up, r#"["ok"]"#, 1);
    let (_dir, server) = start_server(&extra).await;
    let started = Instant::now();
    let mut stalled = Vec::new();
    for i in 0..400 {
        let mut s = TcpStream::connect(server.addr).await.unwrap();
        if i % 2 == 0 {
            // Half of a request head, never finished (slowloris).
            s.write_all(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n")
                .await
                .unwrap();
        }
        stalled.push(s);
    }
    // Other users are still served meanwhile.
    let (status, _) = server
        .post(
            "/v1/chat/completions",
            &serde_json::json!({"model": "ok", "messages": [{"role": "user", "content": "hi"}]}),
        )
        .await;
    assert_eq!(status, 200);
    let mut first_close = None;
    for s in &mut stalled {
        let (_, closed) = read_until_closed(s, Duration::from_secs(5)).await;
        first_close.get_or_insert(closed);
    }
    let first = first_close.unwrap().duration_since(started);
    assert!(
        first >= Duration::from_millis(900),
        "closed by the header timeout, not at once: {first:?}"
    );
    server.stop().await;
}

#[tokio::test]
async fn idle_keep_alive_connections_are_closed() {
    let (_dir, server) = start_server(&http_config(5, 30, 1, 1024)).await;
    let mut s = TcpStream::connect(server.addr).await.unwrap();
    s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 1024];
    let n = s.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    let answered = Instant::now();
    let (rest, closed) = read_until_closed(&mut s, Duration::from_secs(4)).await;
    assert!(rest.is_empty());
    let idle = closed.duration_since(answered);
    assert!(
        idle >= Duration::from_millis(900) && idle < Duration::from_secs(3),
        "closed after the 1 s keep-alive timeout, not the 5 s header timeout: {idle:?}"
    );
    server.stop().await;
}

#[tokio::test]
async fn a_request_in_flight_outlasts_the_connection_timeouts() {
    let up = start_upstream().await;
    // rate429 answers 429 with Retry-After: 1 first, so the request takes over a second.
    let extra = http_config(1, 1, 1, 1024) + &provider("p", &up, r#"["rate429", "longstream"]"#, 1);
    let (_dir, server) = start_server(&extra).await;
    let started = Instant::now();
    let (status, resp) = server
        .post("/v1/chat/completions", &serde_json::json!({"model": "rate429", "messages": [{"role": "user", "content": "hi"}]}))
        .await;
    assert_eq!(status, 200, "{resp}");
    assert!(started.elapsed() >= Duration::from_secs(1));

    // A stream longer than every timeout, with quiet gaps, is not cut either.
    let started = Instant::now();
    let mut resp = server
        .client
        .post(server.url("/v1/chat/completions"))
        .header("content-type", "application/json")
        .body(
            serde_json::json!({"model": "longstream", "stream": true, "messages": [{"role": "user", "content": "hi"}]})
                .to_string(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let mut text = String::new();
    while let Some(chunk) = resp.chunk().await.unwrap() {
        text.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(started.elapsed() >= Duration::from_millis(1800));
    assert!(text.trim_end().ends_with("data: [DONE]"), "{text}");
    assert!(!text.contains("stream_interrupted"), "{text}");
    server.stop().await;
}

/// Sends a request head promising 100 body bytes, then only 10.
async fn stall_body(server: &Server, path: &str) -> (String, Duration) {
    let mut s = TcpStream::connect(server.addr).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"request\""
    );
    s.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    let (bytes, _) = read_until_closed(&mut s, Duration::from_secs(5)).await;
    (
        String::from_utf8_lossy(&bytes).into_owned(),
        started.elapsed(),
    )
}

fn json_of(response: &str) -> Value {
    let body = response.split("\r\n\r\n").nth(1).unwrap_or("");
    serde_json::from_str(body).unwrap_or(Value::Null)
}

#[tokio::test]
async fn a_stalled_body_gets_408() {
    let up = start_upstream().await;
    let extra = http_config(5, 1, 5, 1024) + &provider("p", &up, r#"["ok"]"#, 1);
    let (_dir, server) = start_server(&extra).await;
    let (response, took) = stall_body(&server, "/api/CreateOpenAiChat").await;
    assert!(response.starts_with("HTTP/1.1 408"), "{response}");
    assert_eq!(
        json_of(&response)["responseStatus"]["errorCode"],
        "RequestTimeout"
    );
    assert!(took >= Duration::from_millis(900), "{took:?}");
    let (response, _) = stall_body(&server, "/v1/chat/completions").await;
    assert!(response.starts_with("HTTP/1.1 408"), "{response}");
    assert_eq!(json_of(&response)["error"]["code"], "request_timeout");
    assert_eq!(up.total_calls(), 0);
    server.stop().await;
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_for_a_free_slot() {
    let (_dir, server) = start_server(&http_config(1, 30, 30, 2)).await;
    let idle = [
        TcpStream::connect(server.addr).await.unwrap(),
        TcpStream::connect(server.addr).await.unwrap(),
    ];
    let started = Instant::now();
    let (status, _) = server.get("/health").await;
    assert_eq!(status, 200);
    assert!(
        started.elapsed() >= Duration::from_millis(700),
        "served only once the two stalled connections were cut: {:?}",
        started.elapsed()
    );
    drop(idle);
    // With slots free, the next client is served at once.
    let client = reqwest::Client::new();
    let started = Instant::now();
    let resp = client.get(server.url("/health")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert!(started.elapsed() < Duration::from_millis(500));
    server.stop().await;
}
