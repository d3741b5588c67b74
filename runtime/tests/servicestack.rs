//! AI Server drop-in: its operations, ServiceStack's predefined routes,
//! property names in any letter case, and ResponseStatus errors throughout.

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::*;

fn messages() -> Value {
    json!([{"role": "user", "content": "hello"}])
}

#[tokio::test]
async fn pascal_case_bodies_are_accepted() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&provider("p", &up, r#"{ chat = "ok" }"#, 1)).await;
    // As ServiceStack's C# client sends it: PascalCase outside, and even inside.
    let body = json!({
        "RefId": "pascal-1",
        "Tag": "T",
        "Request": {"Model": "chat", "Messages": [{"Role": "user", "Content": "hello"}], "Top_K": 3}
    });
    let (status, resp) = server.post("/api/CreateOpenAiChat", &body).await;
    assert_eq!(status, 200, "{resp}");
    assert_eq!(resp["refId"], "pascal-1");
    assert_eq!(resp["statusUrl"], "/api/GetOpenAiChatStatus?refId=pascal-1");
    let done = server.wait_job(resp["id"].as_i64().unwrap()).await;
    assert_eq!(done["state"], "Completed", "{done}");
    assert_eq!(done["tag"], "T");
    let sent = &up.requests()[0];
    assert_eq!(sent["model"], "ok");
    assert_eq!(sent["messages"][0]["content"], "hello");
    assert_eq!(sent["Top_K"], 3, "unknown properties pass as they are");

    let twice =
        json!({"refId": "a", "RefId": "b", "request": {"model": "chat", "messages": messages()}});
    let (status, resp) = server.post("/api/CreateOpenAiChat", &twice).await;
    assert_eq!(status, 400, "{resp}");
    assert_eq!(resp["responseStatus"]["errors"][0]["fieldName"], "refId");
    server.stop().await;
}

#[tokio::test]
async fn queue_status_and_wait_as_ai_server_answers_them() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&format!(
        "[api]\npublic_url = \"https://ai.example.com/\"\n{}",
        provider("p", &up, r#"{ chat = "slow", bad = "reject400" }"#, 1)
    ))
    .await;
    let body = json!({"refId": "q1&x#", "request": {"model": "chat", "messages": messages()}});
    let (status, queued) = server.post("/api/QueueOpenAiChatCompletion", &body).await;
    assert_eq!(status, 200, "{queued}");
    assert_eq!(queued["refId"], "q1&x#");
    assert_eq!(
        queued["statusUrl"],
        "https://ai.example.com/api/GetOpenAiChatStatus?refId=q1%26x%23"
    );
    let id = queued["id"].as_i64().unwrap();

    // WaitForOpenAiChat holds the call until the 300 ms job completes.
    let started = Instant::now();
    let (status, waited) = server.get(&format!("/api/WaitForOpenAiChat?id={id}")).await;
    assert_eq!(status, 200, "{waited}");
    assert_eq!(waited["result"]["state"], "Completed", "{waited}");
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "{:?}",
        started.elapsed()
    );

    let (status, st) = server.get("/api/GetOpenAiChatStatus?refId=q1%26x%23").await;
    assert_eq!(status, 200, "{st}");
    assert_eq!(st["jobId"], id);
    assert_eq!(st["refId"], "q1&x#");
    assert_eq!(st["jobState"], "Completed");
    assert_eq!(st["status"], "Completed");
    assert_eq!(
        st["result"]["choices"][0]["message"]["content"],
        "echo: hello"
    );
    let (_, by_id) = server
        .get(&format!("/api/GetOpenAiChatStatus?jobId={id}"))
        .await;
    assert_eq!(by_id["refId"], "q1&x#");

    // A failed job: its state and error.
    let bad = json!({"request": {"model": "bad", "messages": messages()}});
    let (_, queued) = server.post("/api/QueueOpenAiChatCompletion", &bad).await;
    let (_, waited) = server
        .get(&format!(
            "/api/WaitForOpenAiChat?RefId={}",
            queued["refId"].as_str().unwrap()
        ))
        .await;
    assert_eq!(waited["result"]["state"], "Failed", "{waited}");
    let (_, st) = server
        .get(&format!("/api/GetOpenAiChatStatus?jobId={}", queued["id"]))
        .await;
    assert_eq!(st["jobState"], "Failed");
    assert_eq!(st["responseStatus"]["errorCode"], "Upstream400", "{st}");

    let (status, missing) = server.get("/api/GetOpenAiChatStatus?jobId=999").await;
    assert_eq!(status, 404);
    assert_eq!(missing["responseStatus"]["errorCode"], "NotFound");
    let (status, none) = server.get("/api/GetOpenAiChatStatus").await;
    assert_eq!(status, 400);
    assert_eq!(none["responseStatus"]["errors"][0]["fieldName"], "jobId");
    let metrics = server.text("/metrics").await;
    assert!(
        metrics
            .contains("route=\"/api/QueueOpenAiChatCompletion\",method=\"POST\",status=\"200\"} 2"),
        "{metrics}"
    );
    server.stop().await;
}

#[tokio::test]
async fn wait_is_bounded() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&format!(
        "[api]\nwait_timeout_secs = 1\n{}",
        provider("p", &up, r#"{ chat = "hang" }"#, 1)
    ))
    .await;
    let id = server.create(job("chat", "x")).await;
    let started = Instant::now();
    let (status, waited) = server.get(&format!("/api/WaitForOpenAiChat?id={id}")).await;
    let took = started.elapsed();
    assert_eq!(status, 200, "{waited}");
    assert!(
        matches!(
            waited["result"]["state"].as_str(),
            Some("Queued" | "Started")
        ),
        "the job as it is: {waited}"
    );
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(4),
        "{took:?}"
    );
    server.stop().await;
}

#[tokio::test]
async fn synchronous_chat_at_api_open_ai_chat_completion() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&provider(
        "p",
        &up,
        r#"{ chat = "ok", bad = "reject400" }"#,
        1,
    ))
    .await;
    let (status, resp) = server
        .post(
            "/api/OpenAiChatCompletion",
            &json!({"Model": "chat", "Messages": messages(), "Stream": true, "RefId": "s1", "tag": "t"}),
        )
        .await;
    assert_eq!(status, 200, "{resp}");
    assert_eq!(resp["choices"][0]["message"]["content"], "echo: hello");
    let sent = &up.requests()[0];
    assert_eq!(sent["model"], "ok");
    for gone in ["refId", "tag", "stream"] {
        assert!(sent.get(gone).is_none(), "{gone}: {sent}");
    }

    let (status, resp) = server
        .post(
            "/api/OpenAiChatCompletion",
            &json!({"model": "nope", "messages": messages()}),
        )
        .await;
    assert_eq!(status, 404);
    assert_eq!(
        resp["responseStatus"]["errors"][0]["fieldName"], "model",
        "{resp}"
    );
    let (status, resp) = server
        .post(
            "/api/OpenAiChatCompletion",
            &json!({"model": "bad", "messages": messages()}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(resp["responseStatus"]["errorCode"], "Upstream400", "{resp}");
    let (status, resp) = server
        .post(
            "/api/OpenAiChatCompletion",
            &json!({"model": "chat", "messages": []}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        resp["responseStatus"]["errors"][0]["fieldName"], "messages",
        "{resp}"
    );
    server.stop().await;
}

#[tokio::test]
async fn predefined_routes_serve_every_operation() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&provider("p", &up, r#"{ chat = "ok" }"#, 1)).await;
    let body = json!({"Request": {"model": "chat", "messages": messages()}, "Tag": "pre"});
    let (status, created) = server.post("/json/reply/CreateOpenAiChat", &body).await;
    assert_eq!(status, 200, "{created}");
    let id = created["id"].as_i64().unwrap();
    let (status, _) = server.post("/api/queueopenaichatcompletion", &body).await;
    assert_eq!(status, 200, "operation names match in any case");
    let (status, waited) = server
        .get(&format!("/json/reply/WaitForOpenAiChat?Id={id}"))
        .await;
    assert_eq!(status, 200, "{waited}");
    assert_eq!(waited["result"]["state"], "Completed");
    let (status, got) = server
        .get(&format!("/json/reply/GetOpenAiChat?id={id}"))
        .await;
    assert_eq!((status, got["result"]["id"].as_i64()), (200, Some(id)));
    // ServiceStack clients may POST a read operation with a JSON body.
    let (status, got) = server.post("/api/GetOpenAiChat", &json!({"Id": id})).await;
    assert_eq!(
        (status, got["result"]["id"].as_i64()),
        (200, Some(id)),
        "{got}"
    );
    let (status, page) = server
        .post(
            "/json/reply/QueryOpenAiChat",
            &json!({"Tag": "pre", "Take": 1}),
        )
        .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["total"], 2);
    assert_eq!(page["results"].as_array().unwrap().len(), 1);
    let (status, chat) = server
        .post(
            "/json/reply/OpenAiChatCompletion",
            &json!({"model": "chat", "messages": messages()}),
        )
        .await;
    assert_eq!(status, 200, "{chat}");
    let (status, _) = server
        .get(&format!("/api/GetOpenAiChatStatus?jobId={id}"))
        .await;
    assert_eq!(status, 200);

    // Errors are ResponseStatus JSON, whatever went wrong.
    for path in ["/api/NoSuchOperation", "/json/reply/NoSuchOperation"] {
        let (status, resp) = server.get(path).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(
            resp["responseStatus"]["errorCode"], "NotFound",
            "{path}: {resp}"
        );
    }
    for path in ["/api/CreateOpenAiChat", "/json/reply/OpenAiChatCompletion"] {
        let resp = server.client.get(server.url(path)).send().await.unwrap();
        assert_eq!(resp.status(), 405, "{path}");
        assert_eq!(resp.headers()["allow"], "POST");
        let body: Value = serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap();
        assert_eq!(
            body["responseStatus"]["errorCode"], "MethodNotAllowed",
            "{body}"
        );
    }
    let resp = server
        .client
        .delete(server.url("/api/GetOpenAiChat?id=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 405);
    let (status, resp) = server.get("/api/GetOpenAiChat?id=%ZZ").await;
    assert_eq!(status, 400, "{resp}");
    assert!(resp["responseStatus"]["errorCode"].is_string(), "{resp}");
    let (status, resp) = server
        .post_raw("/api/GetOpenAiChat", b"[1]".to_vec(), None)
        .await;
    assert_eq!(status, 400, "{resp}");
    assert_eq!(
        resp["responseStatus"]["errorCode"],
        "SerializationException"
    );
    server.stop().await;
}
