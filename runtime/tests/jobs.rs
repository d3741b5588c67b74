//! The queued-job API (/api/*) over real HTTP and SQLite, against stand-in upstreams.

mod support;

use std::time::{Duration, Instant};

use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use support::*;

#[tokio::test]
async fn queued_job_completes_and_is_queryable() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&provider("local", &up, r#"{ chat = "ok" }"#, 1)).await;

    let mut body = job("chat", "hello");
    body["tag"] = json!("t1");
    body["refId"] = json!("my-ref");
    let (status, resp) = server.post("/api/CreateOpenAiChat", &body).await;
    assert_eq!(status, 200, "{resp}");
    assert_eq!(resp["refId"], "my-ref");
    let id = resp["id"].as_i64().unwrap();

    let done = server.wait_job(id).await;
    assert_eq!(done["state"], "Completed", "{done}");
    assert_eq!(done["provider"], "local");
    assert_eq!(done["model"], "chat");
    assert_eq!(
        done["response"]["choices"][0]["message"]["content"],
        "echo: hello"
    );
    assert!(done["durationMs"].as_i64().is_some());
    assert!(done["completedDate"].as_str().unwrap().ends_with('Z'));
    // The upstream got the mapped model name.
    assert_eq!(up.requests()[0]["model"], "ok");

    let (status, by_ref) = server.get("/api/GetOpenAiChat?refId=my-ref").await;
    assert_eq!(status, 200);
    assert_eq!(by_ref["result"]["id"], id);
    let (_, by_ref) = server.get("/api/GetOpenAiChat?RefId=my-ref").await;
    assert_eq!(
        by_ref["result"]["id"], id,
        "query names are case-insensitive"
    );

    // A generated refId when none is given.
    let (_, second) = server
        .post("/api/CreateOpenAiChat", &job("chat", "two"))
        .await;
    assert_eq!(second["refId"].as_str().unwrap().len(), 32);
    server.wait_job(second["id"].as_i64().unwrap()).await;

    let (status, page) = server.get("/api/QueryOpenAiChat?tag=t1").await;
    assert_eq!(status, 200);
    assert_eq!(page["total"], 1);
    assert_eq!(page["results"][0]["refId"], "my-ref");
    let (_, page) = server
        .get("/api/QueryOpenAiChat?state=Completed&take=1")
        .await;
    assert_eq!(page["total"], 2);
    assert_eq!(page["results"].as_array().unwrap().len(), 1);
    // Newest first.
    assert_eq!(page["results"][0]["id"], second["id"]);
    let (_, page) = server.get("/api/QueryOpenAiChat?state=completed").await;
    assert_eq!(page["total"], 2, "states match case-insensitively");
    let (_, page) = server.get("/api/QueryOpenAiChat?state=Failed").await;
    assert_eq!(page["total"], 0);

    let (status, missing) = server.get("/api/GetOpenAiChat?id=999").await;
    assert_eq!(status, 404);
    assert_eq!(missing["responseStatus"]["errorCode"], "NotFound");

    let metrics = server.text("/metrics").await;
    assert!(
        metrics.contains("aiserver_jobs{state=\"Completed\"} 2"),
        "{metrics}"
    );
    assert!(
        metrics.contains("aiserver_upstream_requests_total{provider=\"local\",outcome=\"ok\"} 2")
    );
    assert!(metrics.contains("aiserver_http_requests_total{route=\"/api/CreateOpenAiChat\",method=\"POST\",status=\"200\"} 2"));
    server.stop().await;
}

#[tokio::test]
async fn forced_provider_is_used_and_checked() {
    let (a, b, extra) = primary_and_backup(r#"{ chat = "ok" }"#, r#"{ chat = "ok" }"#).await;
    let (_dir, server) = start_server(&(extra + &provider("c", &b, r#"["other"]"#, 1))).await;

    let mut body = job("chat", "x");
    body["provider"] = json!("b");
    let done = server.run_job(body).await;
    assert_eq!(done["provider"], "b");
    assert_eq!((a.total_calls(), b.total_calls()), (0, 1));

    // Unforced, the higher-priority provider wins the tie on in-flight requests.
    let done = server.run_job(job("chat", "y")).await;
    assert_eq!(done["provider"], "a");

    for forced in ["nope", "c"] {
        let mut body = job("chat", "x");
        body["provider"] = json!(forced);
        let (status, resp) = server.post("/api/CreateOpenAiChat", &body).await;
        assert_eq!(status, 400, "{resp}");
        assert_eq!(resp["responseStatus"]["errors"][0]["fieldName"], "provider");
    }
    server.stop().await;
}

#[tokio::test]
async fn fails_over_marks_offline_and_probes_back() {
    let (a, _b, extra) = primary_and_backup(r#"{ chat = "ok" }"#, r#"{ chat = "ok" }"#).await;
    let (_dir, server) = start_server(&extra).await;
    a.set_down(true);

    let done = server.run_job(job("chat", "1")).await;
    assert_eq!(done["state"], "Completed");
    assert_eq!(done["provider"], "b", "failed over from a to b");
    // One attempt on a, confirmed down by a failing probe, then offline.
    assert_eq!(a.total_calls(), 1);
    assert!(*a.state.probes.lock().unwrap() >= 1);
    let metrics = server.text("/metrics").await;
    assert!(
        metrics.contains("aiserver_provider_online{provider=\"a\"} 0"),
        "{metrics}"
    );
    assert!(metrics.contains("aiserver_upstream_errors_total{provider=\"a\"} 1"));

    // While offline, a is skipped without being called.
    let done = server.run_job(job("chat", "2")).await;
    assert_eq!(done["provider"], "b");
    assert_eq!(a.total_calls(), 1);

    // The probe (GET /models) brings it back once it recovers.
    a.set_down(false);
    let back = eventually(5, || async {
        server
            .text("/metrics")
            .await
            .contains("aiserver_provider_online{provider=\"a\"} 1")
    })
    .await;
    assert!(back, "provider a came back online");
    assert!(*a.state.probes.lock().unwrap() >= 1);
    let done = server.run_job(job("chat", "3")).await;
    assert_eq!(done["provider"], "a");
    server.stop().await;
}

#[tokio::test]
async fn retries_429_honouring_retry_after() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&provider("p", &up, r#"{ chat = "rate429" }"#, 1)).await;
    let started = Instant::now();
    let done = server.run_job(job("chat", "x")).await;
    assert_eq!(done["state"], "Completed", "{done}");
    assert_eq!(up.calls("rate429"), 2);
    // The backoff base is 5 ms, so only the upstream's Retry-After: 1 explains this wait.
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    server.stop().await;
}

#[tokio::test]
async fn upstream_errors_fail_the_job() {
    let up = start_upstream().await;
    let (_dir, server) =
        start_server(&provider("p", &up, r#"["reject400", "malformed"]"#, 1)).await;

    let done = server.run_job(job("reject400", "x")).await;
    assert_eq!(done["state"], "Failed");
    assert!(
        done["error"]["message"]
            .as_str()
            .unwrap()
            .contains("context too long"),
        "{done}"
    );
    assert_eq!(done["error"]["errorCode"], "Upstream400");
    // A 400 is the request's fault: no retry.
    assert_eq!(up.calls("reject400"), 1);

    let done = server.run_job(job("malformed", "x")).await;
    assert_eq!(done["state"], "Failed");
    assert!(
        done["error"]["message"]
            .as_str()
            .unwrap()
            .contains("invalid JSON"),
        "{done}"
    );
    assert_eq!(up.calls("malformed"), 2, "retried once");
    server.stop().await;
}

#[tokio::test]
async fn reply_to_is_retried_and_signed() {
    let up = start_upstream().await;
    let receiver = start_receiver(1).await;
    let extra = format!(
        "webhook_secret = \"whsec_c2VjcmV0LWtleQ==\"\n{}",
        provider("p", &up, r#"["ok", "reject400"]"#, 1)
    );
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(on_premises(config(&dir.path().join("r.db"), &extra))).await;

    let mut body = job("ok", "hi");
    body["replyTo"] = json!(receiver.url());
    body["refId"] = json!("reply-1");
    let id = server.create(body).await;
    assert!(eventually(10, || async { !receiver.successes().is_empty() }).await);

    let all = receiver.deliveries();
    assert_eq!(all.len(), 2, "first attempt failed, second delivered");
    let d = &all[1];
    let header = |name: &str| d.headers.get(name).unwrap().to_str().unwrap().to_string();
    assert_eq!(header("x-job-id"), id.to_string());
    assert_eq!(header("x-ref-id"), "reply-1");
    assert_eq!(header("x-job-state"), "Completed");
    let body: Value = serde_json::from_slice(&d.body).unwrap();
    assert_eq!(body["choices"][0]["message"]["content"], "echo: hi");
    assert_eq!(
        body["x_upstream_extra"], "kept",
        "the upstream response is relayed as is"
    );

    // Standard Webhooks: HMAC-SHA256 over "{id}.{timestamp}.{body}", keyed by the decoded whsec_ secret.
    let mut mac = Hmac::<Sha256>::new_from_slice(b"secret-key").unwrap();
    mac.update(format!("{}.{}.", header("webhook-id"), header("webhook-timestamp")).as_bytes());
    mac.update(&d.body);
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    assert_eq!(header("webhook-signature"), format!("v1,{expected}"));
    // The same webhook-id on every attempt, so receivers can de-duplicate.
    assert_eq!(
        all[0].headers.get("webhook-id"),
        d.headers.get("webhook-id")
    );

    let recorded = eventually(5, || async {
        let (_, r) = server.get_job(id).await;
        r["result"]["replyAttempts"] == 2
            && r["result"]["replyStatus"]
                .as_str()
                .unwrap_or("")
                .starts_with("Delivered")
    })
    .await;
    assert!(recorded, "attempts and outcome recorded on the job");

    // A failed job posts {"responseStatus": ...} with X-Job-State: Failed.
    let mut body = job("reject400", "x");
    body["replyTo"] = json!(receiver.url());
    server.create(body).await;
    assert!(eventually(10, || async { receiver.successes().len() == 2 }).await);
    let failed = receiver.successes().pop().unwrap();
    assert_eq!(failed.headers.get("x-job-state").unwrap(), "Failed");
    let body: Value = serde_json::from_slice(&failed.body).unwrap();
    assert!(body["responseStatus"]["message"]
        .as_str()
        .unwrap()
        .contains("context too long"));
    server.stop().await;
}

#[tokio::test]
async fn jobs_and_replies_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("restart.db");
    let up = start_upstream().await;
    let receiver = start_receiver(0).await;
    // One slow request at a time, so most jobs are still queued at shutdown.
    let extra =
        provider("p", &up, r#"{ chat = "slow" }"#, 1).replace("concurrency = 4", "concurrency = 1");
    let server = Server::start(on_premises(config(&db, &extra))).await;
    let mut ids = Vec::new();
    for i in 0..4 {
        let mut body = job("chat", &format!("job {i}"));
        body["replyTo"] = json!(receiver.url());
        ids.push(server.create(body).await);
    }
    tokio::time::sleep(Duration::from_millis(50)).await;
    server.stop().await;
    let conn = rusqlite::Connection::open(&db).unwrap();
    let unfinished: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM jobs WHERE state = 'Queued'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        unfinished >= 3,
        "jobs were left queued at shutdown: {unfinished}"
    );
    drop(conn);

    let server = Server::start(on_premises(config(&db, &extra))).await;
    for id in &ids {
        let done = server.wait_job(*id).await;
        assert_eq!(done["state"], "Completed", "{done}");
    }
    assert!(eventually(10, || async { receiver.successes().len() >= 4 }).await);
    let mut delivered: Vec<i64> = receiver
        .successes()
        .iter()
        .map(|d| d.headers["x-job-id"].to_str().unwrap().parse().unwrap())
        .collect();
    delivered.sort();
    delivered.dedup();
    assert_eq!(delivered, ids, "every ReplyTo delivered");
    server.stop().await;
}

#[tokio::test]
async fn invalid_requests_name_the_field() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&format!(
        "max_body_bytes = 4096\n{}",
        provider("p", &up, r#"["ok"]"#, 1)
    ))
    .await;
    let field = |resp: &Value| resp["responseStatus"]["errors"][0]["fieldName"].clone();

    let (status, resp) = server
        .post_raw("/api/CreateOpenAiChat", b"{\"request\": ".to_vec(), None)
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        resp["responseStatus"]["errorCode"],
        "SerializationException"
    );

    let cases = [
        (
            json!({"request": {"messages": [{"role": "user", "content": "x"}]}}),
            400,
            "request.model",
        ),
        (
            json!({"request": {"model": "", "messages": [{"role": "user", "content": "x"}]}}),
            400,
            "request.model",
        ),
        (
            json!({"request": {"model": "ok", "messages": []}}),
            400,
            "request.messages",
        ),
        (
            json!({"request": {"model": "ok", "messages": "hi"}}),
            400,
            "request.messages",
        ),
        (
            json!({"request": {"model": "ok", "messages": [{"role": "user", "content": 5}]}}),
            400,
            "request.messages[0].content",
        ),
        (
            json!({"replyTo": "ftp://example.com/x", "request": {"model": "ok", "messages": [{"role": "user", "content": "x"}]}}),
            400,
            "replyTo",
        ),
        (
            json!({"request": {"model": "unknown", "messages": [{"role": "user", "content": "x"}]}}),
            404,
            "request.model",
        ),
    ];
    for (body, want_status, want_field) in cases {
        let (status, resp) = server.post("/api/CreateOpenAiChat", &body).await;
        assert_eq!(status, want_status, "{body} -> {resp}");
        assert_eq!(field(&resp), want_field, "{body} -> {resp}");
    }

    let mut body = job("ok", "x");
    body["refId"] = json!("dup");
    server.create(body.clone()).await;
    let (status, resp) = server.post("/api/CreateOpenAiChat", &body).await;
    assert_eq!(status, 409);
    assert_eq!(field(&resp), "refId");

    let (status, resp) = server.get("/api/GetOpenAiChat").await;
    assert_eq!((status, field(&resp)), (400, json!("id")));
    let (status, resp) = server.get("/api/GetOpenAiChat?id=abc").await;
    assert_eq!((status, field(&resp)), (400, json!("id")));
    let (status, resp) = server.get("/api/QueryOpenAiChat?take=-1").await;
    assert_eq!((status, field(&resp)), (400, json!("take")));

    let big = json!({"request": {"model": "ok", "messages": [{"role": "user", "content": "x".repeat(5000)}]}});
    let (status, _) = server.post("/api/CreateOpenAiChat", &big).await;
    assert_eq!(status, 413);
    server.stop().await;
}

#[tokio::test]
async fn unknown_request_properties_reach_the_upstream() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&provider("p", &up, r#"{ public = "ok" }"#, 1)).await;
    let body = json!({"request": {
        "model": "public",
        "messages": [{"role": "user", "content": "x", "x_message_extra": true}],
        "top_k": 40,
        "options": {"num_ctx": 8192},
        "temperature": 0.5,
        "stream": true
    }});
    let done = server.run_job(body).await;
    assert_eq!(done["state"], "Completed");
    let sent = &up.requests()[0];
    assert_eq!(sent["model"], "ok", "only the model is replaced");
    assert_eq!(sent["top_k"], 40);
    assert_eq!(sent["options"]["num_ctx"], 8192);
    assert_eq!(sent["messages"][0]["x_message_extra"], true);
    assert_eq!(sent["temperature"], 0.5);
    assert!(
        sent.get("stream").is_none(),
        "a queued job never streams: {sent}"
    );
    server.stop().await;
}

#[tokio::test]
async fn api_keys_guard_every_endpoint_but_health() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&format!(
        "api_keys = [\"k1\", \"k2\"]\n{}",
        provider("p", &up, r#"["ok"]"#, 1)
    ))
    .await;
    let (status, _) = server.get("/health").await;
    assert_eq!(status, 200);

    let (status, resp) = server.get("/api/QueryOpenAiChat").await;
    assert_eq!(status, 401);
    assert_eq!(resp["responseStatus"]["errorCode"], "Unauthorized");
    let (status, resp) = server.get_with_key("/v1/models", Some("wrong")).await;
    assert_eq!(status, 401);
    assert_eq!(resp["error"]["code"], "invalid_api_key");
    let (status, _) = server.get("/metrics").await;
    assert_eq!(status, 401);
    let (status, resp) = server
        .post_raw(
            "/api/CreateOpenAiChat",
            job("ok", "x").to_string().into_bytes(),
            None,
        )
        .await;
    assert_eq!(status, 401, "{resp}");
    assert_eq!(up.total_calls(), 0);

    let (status, _) = server
        .get_with_key("/api/QueryOpenAiChat", Some("k2"))
        .await;
    assert_eq!(status, 200);
    let (status, resp) = server.get_with_key("/v1/models", Some("k1")).await;
    assert_eq!(status, 200);
    assert_eq!(resp["data"][0]["id"], "ok");
    let (status, resp) = server
        .post_raw(
            "/api/CreateOpenAiChat",
            job("ok", "x").to_string().into_bytes(),
            Some("k1"),
        )
        .await;
    assert_eq!(status, 200, "{resp}");
    server.stop().await;
}

#[tokio::test]
async fn a_hanging_upstream_times_out_and_fails_over() {
    let (a, _b, extra) = primary_and_backup(r#"{ chat = "hang" }"#, r#"{ chat = "ok" }"#).await;
    // The first timeout_secs is a's: only a gets the short timeout.
    let extra = extra.replacen("timeout_secs = 5", "timeout_secs = 1", 1);
    let (_dir, server) = start_server(&extra).await;
    let started = Instant::now();
    let done = server.run_job(job("chat", "x")).await;
    assert_eq!(done["state"], "Completed", "{done}");
    assert_eq!(done["provider"], "b");
    assert_eq!(a.calls("hang"), 2, "both attempts on a timed out");
    assert!(started.elapsed() >= Duration::from_secs(2));
    let metrics = server.text("/metrics").await;
    assert!(
        metrics.contains("aiserver_upstream_requests_total{provider=\"a\",outcome=\"timeout\"} 2"),
        "{metrics}"
    );
    server.stop().await;
}

#[tokio::test]
async fn graceful_shutdown_lets_in_flight_jobs_finish() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let up = start_upstream().await;
    let extra = format!(
        "shutdown_grace_secs = 5\n{}",
        provider("p", &up, r#"{ chat = "slow" }"#, 1)
    );
    let server = Server::start(config(&db, &extra)).await;
    let id = server.create(job("chat", "x")).await;
    assert!(eventually(5, || async { up.total_calls() == 1 }).await);
    server.stop().await;
    let conn = rusqlite::Connection::open(&db).unwrap();
    let state: String = conn
        .query_row("SELECT state FROM jobs WHERE id = ?1", [id], |r| r.get(0))
        .unwrap();
    assert_eq!(
        state, "Completed",
        "the 300 ms job finished within the grace period"
    );
}

#[tokio::test]
async fn pending_reply_resumes_after_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rr.db");
    let up = start_upstream().await;
    let receiver = start_receiver(1).await;
    let extra = provider("p", &up, r#"["ok"]"#, 1);
    // A long backoff: the retry after the failed first attempt cannot happen before the restart.
    let mut slow_retry = on_premises(config(&db, &extra));
    slow_retry.reply.base_delay_ms = 60_000;
    let server = Server::start(slow_retry).await;
    let mut body = job("ok", "x");
    body["replyTo"] = json!(receiver.url());
    let id = server.create(body).await;
    assert!(eventually(5, || async { receiver.deliveries().len() == 1 }).await);
    let attempted = eventually(5, || async {
        let (_, r) = server.get_job(id).await;
        r["result"]["replyAttempts"] == 1
    })
    .await;
    assert!(attempted, "the failed attempt is recorded");
    server.stop().await;
    assert!(receiver.successes().is_empty());

    let server = Server::start(on_premises(config(&db, &extra))).await;
    assert!(eventually(5, || async { receiver.successes().len() == 1 }).await);
    assert_eq!(
        receiver.successes()[0].headers["x-job-id"],
        id.to_string().as_str()
    );
    let delivered = eventually(5, || async {
        let (_, r) = server.get_job(id).await;
        r["result"]["replyAttempts"] == 2 && r["result"]["replyStatus"] == "Delivered: 200 OK"
    })
    .await;
    assert!(delivered);
    // Only one upstream call: the job itself was not re-run.
    assert_eq!(up.total_calls(), 1);
    server.stop().await;
}

#[tokio::test]
async fn queued_jobs_wait_for_an_offline_model_to_come_back() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&provider("p", &up, r#"["ok"]"#, 1)).await;
    up.set_down(true);
    // The job that finds the outage fails once its only provider is exhausted...
    let first = server.run_job(job("ok", "1")).await;
    assert_eq!(first["state"], "Failed");
    assert_eq!(first["error"]["errorCode"], "UpstreamUnavailable");
    // ...later jobs wait while the provider is offline, and run once the probe sees it back.
    let id = server.create(job("ok", "2")).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (_, waiting) = server.get_job(id).await;
    assert_eq!(waiting["result"]["state"], "Queued", "{waiting}");
    up.set_down(false);
    let done = server.wait_job(id).await;
    assert_eq!(done["state"], "Completed", "{done}");
    server.stop().await;
}
