//! Offline marking takes evidence about the provider, not about one request:
//! failures from different requests, or a failed call confirmed by a failed probe.

mod support;

use serde_json::{json, Value};
use support::*;

fn chat(model: &str) -> Value {
    json!({"model": model, "messages": [{"role": "user", "content": "hi"}]})
}

async fn online(server: &Server, provider: &str) -> bool {
    let metrics = server.text("/metrics").await;
    metrics.contains(&format!(
        "aiserver_provider_online{{provider=\"{provider}\"}} 1"
    ))
}

#[tokio::test]
async fn a_request_that_breaks_the_upstream_gets_its_error_and_nothing_more() {
    let up = start_upstream().await;
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(
        &dir.path().join("o.db"),
        &provider("p", &up, r#"["ok", "fail500"]"#, 1),
    );
    // A slow recovery probe: an offline mark would still show afterwards.
    config.retry.probe_interval_ms = 60_000;
    let server = Server::start(config).await;
    // This request's content makes the upstream answer 500 (a healthy upstream otherwise).
    let (status, resp) = server.post("/v1/chat/completions", &chat("fail500")).await;
    assert_eq!(status, 502, "{resp}");
    assert_eq!(resp["error"]["code"], "upstream_unavailable");
    assert_eq!(up.calls("fail500"), 2, "its own retries only");
    assert_eq!(
        *up.state.probes.lock().unwrap(),
        1,
        "one probe asked whether p is down"
    );
    assert!(
        online(&server, "p").await,
        "p stays online for everyone else"
    );
    // Other users' requests still reach p.
    let (status, resp) = server.post("/v1/chat/completions", &chat("ok")).await;
    assert_eq!(status, 200, "{resp}");
    // The same for a queued job.
    let done = server.run_job(job("fail500", "x")).await;
    assert_eq!(done["state"], "Failed");
    assert!(online(&server, "p").await);
    server.stop().await;
}

#[tokio::test]
async fn failures_from_different_requests_mark_the_provider_offline() {
    let up = start_upstream().await;
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(
        &dir.path().join("o.db"),
        &provider("p", &up, r#"["ok", "fail500"]"#, 1),
    );
    config.retry.probe_interval_ms = 60_000;
    let server = Server::start(config).await;
    let (status, _) = server.post("/v1/chat/completions", &chat("fail500")).await;
    assert_eq!(status, 502);
    assert!(online(&server, "p").await);
    let (status, _) = server.post("/v1/chat/completions", &chat("fail500")).await;
    assert_eq!(status, 502);
    assert!(!online(&server, "p").await, "two different requests failed");
    let (status, resp) = server.post("/v1/chat/completions", &chat("ok")).await;
    assert_eq!(status, 503, "{resp}");
    assert_eq!(resp["error"]["code"], "providers_offline");
    server.stop().await;
}

#[tokio::test]
async fn a_failure_confirmed_by_a_failing_probe_marks_the_provider_offline() {
    let up = start_upstream().await;
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(
        &dir.path().join("o.db"),
        &provider("p", &up, r#"["ok"]"#, 1),
    );
    config.retry.probe_interval_ms = 60_000;
    let server = Server::start(config).await;
    up.set_down(true);
    let (status, _) = server.post("/v1/chat/completions", &chat("ok")).await;
    assert_eq!(status, 502);
    assert_eq!(
        up.calls("ok"),
        1,
        "no more attempts once the probe confirmed the outage"
    );
    assert!(!online(&server, "p").await);
    server.stop().await;
}
