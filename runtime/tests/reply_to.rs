//! ReplyTo cannot reach inside the network by default: internal literals are
//! refused at submission, internal names at delivery, redirects are not
//! followed, and neither credentials nor raw network errors are shown back.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use support::*;

fn with_reply_to(url: &str) -> Value {
    let mut body = job("ok", "hi");
    body["replyTo"] = json!(url);
    body
}

/// Polls the job until its reply state settles on a final status (not "Retrying").
async fn final_reply_status(server: &Server, id: i64) -> Value {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let (_, r) = server.get_job(id).await;
        let job = r["result"].clone();
        if job["replyStatus"]
            .as_str()
            .is_some_and(|s| !s.starts_with("Retrying"))
        {
            return job;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "reply never settled: {job}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn internal_literals_are_refused_at_submission() {
    let up = start_upstream().await;
    let (_dir, server) = start_server(&provider("p", &up, r#"["ok"]"#, 1)).await;
    for url in [
        "http://127.0.0.1:9/hook",
        "http://2130706433/",
        "http://0x7f.0.0.1/",
        "http://017700000001/",
        "http://10.0.0.5/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.1.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fd00:ec2::254]/",
        "http://[fe80::1]/",
    ] {
        let (status, resp) = server
            .post("/api/CreateOpenAiChat", &with_reply_to(url))
            .await;
        assert_eq!(status, 400, "{url}: {resp}");
        assert_eq!(
            resp["responseStatus"]["errors"][0]["fieldName"], "replyTo",
            "{url}"
        );
    }
    assert_eq!(up.total_calls(), 0, "nothing was queued");
    server.stop().await;
}

#[tokio::test]
async fn internal_names_are_refused_at_delivery_without_retries() {
    let up = start_upstream().await;
    let receiver = start_receiver(0).await;
    let (_dir, server) = start_server(&provider("p", &up, r#"["ok"]"#, 1)).await;
    // A name, so it passes submission; it resolves to 127.0.0.1.
    let url = format!("http://localhost:{}/hook", receiver.addr.port());
    let id = server.create(with_reply_to(&url)).await;
    let job = final_reply_status(&server, id).await;
    assert_eq!(
        job["replyStatus"],
        "Refused: replyTo resolves to an internal address"
    );
    assert_eq!(job["replyAttempts"], 1);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (_, again) = server.get_job(id).await;
    assert_eq!(again["result"]["replyAttempts"], 1, "no retry storm");
    assert!(receiver.deliveries().is_empty());
    server.stop().await;
}

#[tokio::test]
async fn allow_private_networks_lets_on_premises_receivers_in() {
    let up = start_upstream().await;
    let receiver = start_receiver(0).await;
    let dir = tempfile::tempdir().unwrap();
    let config = on_premises(config(
        &dir.path().join("r.db"),
        &provider("p", &up, r#"["ok"]"#, 1),
    ));
    let server = Server::start(config).await;
    for url in [
        receiver.url(),
        format!("http://localhost:{}/hook", receiver.addr.port()),
    ] {
        let id = server.create(with_reply_to(&url)).await;
        let job = final_reply_status(&server, id).await;
        assert_eq!(job["replyStatus"], "Delivered: 200 OK", "{url}");
    }
    assert_eq!(receiver.successes().len(), 2);
    server.stop().await;
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let up = start_upstream().await;
    let target = start_receiver(0).await;
    let redirector = start_redirector(target.url()).await;
    let dir = tempfile::tempdir().unwrap();
    let config = on_premises(config(
        &dir.path().join("r.db"),
        &provider("p", &up, r#"["ok"]"#, 1),
    ));
    let server = Server::start(config).await;
    let id = server
        .create(with_reply_to(&format!("http://{redirector}/hook")))
        .await;
    let job = final_reply_status(&server, id).await;
    assert_eq!(
        job["replyStatus"], "Failed: 307 Temporary Redirect",
        "{job}"
    );
    assert!(
        target.deliveries().is_empty(),
        "the redirect was not followed"
    );
    server.stop().await;
}

#[tokio::test]
async fn queries_hide_credentials_and_network_errors() {
    let up = start_upstream().await;
    let receiver = start_receiver(0).await;
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = on_premises(config(
        &dir.path().join("r.db"),
        &provider("p", &up, r#"["ok"]"#, 1),
    ));
    let server = Server::start(config).await;

    let url = format!("http://hook-user:s3cret@{}/hook", receiver.addr);
    let mut body = with_reply_to(&url);
    body["tag"] = json!("creds");
    let id = server.create(body).await;
    let job = final_reply_status(&server, id).await;
    assert_eq!(job["replyStatus"], "Delivered: 200 OK");
    assert_eq!(job["replyTo"], format!("http://{}/hook", receiver.addr));
    let (_, page) = server.get("/api/QueryOpenAiChat?tag=creds").await;
    let text = page.to_string();
    assert!(
        !text.contains("s3cret") && !text.contains("hook-user"),
        "{text}"
    );
    // The credentials were still used to deliver.
    let auth = receiver.successes()[0].headers["authorization"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(auth.starts_with("Basic "), "{auth}");

    let id = server
        .create(with_reply_to(&format!("http://{closed}/hook")))
        .await;
    let job = final_reply_status(&server, id).await;
    assert_eq!(job["replyStatus"], "Failed: network error", "{job}");
    server.stop().await;
}
