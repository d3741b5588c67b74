//! What every endpoint refuses the same way: bodies that are not JSON (415,
//! against cross-site posting), JSON nested too deep, unknown routes and
//! wrong methods, each in its endpoint family's error shape.

mod support;

use serde_json::{json, Value};
use support::*;

/// POSTs `body` with the given content type (none when `None`) and extra headers.
async fn post_as(
    server: &Server,
    path: &str,
    body: &str,
    content_type: Option<&str>,
    headers: &[(&str, &str)],
) -> (u16, Value) {
    let mut req = server.client.post(server.url(path)).body(body.to_string());
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Every POST endpoint, and whether it takes a job body (else a chat body).
const POSTS: [(&str, bool); 6] = [
    ("/api/CreateOpenAiChat", true),
    ("/api/QueueOpenAiChatCompletion", true),
    ("/json/reply/CreateOpenAiChat", true),
    ("/api/OpenAiChatCompletion", false),
    ("/json/reply/OpenAiChatCompletion", false),
    ("/v1/chat/completions", false),
];

#[tokio::test]
async fn non_json_bodies_get_415_on_every_post_endpoint() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&provider("p", &up, r#"["ok"]"#, 1)).await;
    let chat = json!({"model": "ok", "messages": [{"role": "user", "content": "hi"}]});
    let job = job("ok", "hi").to_string();
    for (path, takes_job) in POSTS {
        let body = if takes_job {
            job.clone()
        } else {
            chat.to_string()
        };
        for ct in [
            "text/plain",
            "text/plain;charset=UTF-8",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
        ] {
            let (status, resp) = post_as(&server, path, &body, Some(ct), &[]).await;
            assert_eq!(status, 415, "{path} {ct}: {resp}");
            if path.starts_with("/v1") {
                assert_eq!(resp["error"]["code"], "unsupported_media_type", "{resp}");
            } else {
                assert_eq!(
                    resp["responseStatus"]["errorCode"], "UnsupportedMediaType",
                    "{resp}"
                );
            }
        }
        // A browser's body without a content type is refused too.
        let (status, _) = post_as(
            &server,
            path,
            &body,
            None,
            &[("origin", "https://evil.example")],
        )
        .await;
        assert_eq!(status, 415, "{path}");
        let (status, _) =
            post_as(&server, path, &body, None, &[("sec-fetch-mode", "no-cors")]).await;
        assert_eq!(status, 415, "{path}");
        // JSON, with or without parameters, and a bare body from a non-browser client pass.
        for ct in [
            Some("application/json"),
            Some("application/json; charset=utf-8"),
            None,
        ] {
            let (status, resp) = post_as(&server, path, &body, ct, &[]).await;
            assert_eq!(status, 200, "{path} {ct:?}: {resp}");
        }
    }
    // Three accepted requests per endpoint (the queued ones run in the background).
    assert!(eventually(5, || async { up.total_calls() == 18 }).await);
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(
        up.total_calls(),
        18,
        "only the accepted requests went upstream"
    );
    server.stop().await;
}

/// `{"model": "ok", "messages": [...], "x": [[[...1...]]]}` with `x` nested so the body is `depth` deep.
fn deep_chat(depth: usize) -> String {
    let inner = depth - 1;
    format!(
        r#"{{"model": "ok", "messages": [{{"role": "user", "content": "hi"}}], "x": {}1{}}}"#,
        "[".repeat(inner),
        "]".repeat(inner)
    )
}

#[tokio::test]
async fn the_same_depth_limit_applies_on_every_endpoint() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&provider("p", &up, r#"["ok"]"#, 1)).await;
    // 2,000 deep in a member the DTOs do not know: once forwarded upstream by /v1.
    let (status, resp) = server
        .post_raw("/v1/chat/completions", deep_chat(2000).into_bytes(), None)
        .await;
    assert_eq!(status, 400, "{resp}");
    assert_eq!(resp["error"]["code"], "invalid_json");
    assert!(
        resp["error"]["message"].as_str().unwrap().contains("127"),
        "{resp}"
    );
    let api = format!(r#"{{"request": {}}}"#, deep_chat(2000));
    let (status, resp) = server
        .post_raw("/api/CreateOpenAiChat", api.into_bytes(), None)
        .await;
    assert_eq!(status, 400, "{resp}");
    assert_eq!(
        resp["responseStatus"]["errorCode"],
        "SerializationException"
    );
    assert!(resp["responseStatus"]["message"]
        .as_str()
        .unwrap()
        .contains("127"));
    // The limit is the whole body's depth, the same on both.
    let (status, _) = server
        .post_raw("/v1/chat/completions", deep_chat(128).into_bytes(), None)
        .await;
    assert_eq!(status, 400);
    let (status, resp) = server
        .post_raw("/v1/chat/completions", deep_chat(127).into_bytes(), None)
        .await;
    assert_eq!(status, 200, "{resp}");
    let api = format!(r#"{{"request": {}}}"#, deep_chat(127));
    let (status, _) = server
        .post_raw("/api/CreateOpenAiChat", api.into_bytes(), None)
        .await;
    assert_eq!(status, 400, "the /api wrapper is one level of the same 127");
    let api = format!(r#"{{"request": {}}}"#, deep_chat(126));
    let (status, resp) = server
        .post_raw("/api/CreateOpenAiChat", api.into_bytes(), None)
        .await;
    assert_eq!(status, 200, "{resp}");
    // The job keeps the deep unknown field, so GetOpenAiChat's answer nests
    // deeper than a JSON reader takes: wait on the upstream instead.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while up.total_calls() < 2 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(
        up.total_calls(),
        2,
        "only the two requests within the limit went upstream"
    );
    server.stop().await;
}

#[tokio::test]
async fn unknown_routes_and_wrong_methods_answer_json() {
    let (_dir, server) = start_server("").await;
    let (status, resp) = server.get("/api/NoSuchThing/x").await;
    assert_eq!(status, 404);
    assert_eq!(resp["responseStatus"]["errorCode"], "NotFound", "{resp}");
    let (status, resp) = server.get("/nowhere").await;
    assert_eq!(status, 404);
    assert_eq!(resp["responseStatus"]["errorCode"], "NotFound", "{resp}");
    let (status, resp) = server.get("/v1/nowhere").await;
    assert_eq!(status, 404);
    assert_eq!(resp["error"]["code"], "not_found", "{resp}");

    let (status, resp) = server.get("/v1/chat/completions").await;
    assert_eq!(status, 405);
    assert_eq!(resp["error"]["code"], "method_not_allowed", "{resp}");
    let resp = server
        .client
        .delete(server.url("/api/CreateOpenAiChat"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 405);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let body: Value = serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap();
    assert_eq!(
        body["responseStatus"]["errorCode"], "MethodNotAllowed",
        "{body}"
    );
    server.stop().await;
}
