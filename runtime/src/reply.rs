//! Durable ReplyTo delivery: POSTs a finished job's result, retrying with
//! backoff; every attempt is recorded on the job, so deliveries resume after a restart.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use tokio::sync::watch;

use crate::config::ReplyConfig;
use crate::metrics::Metrics;
use crate::store::{JobRow, Store, REPLY_DELIVERED, REPLY_FAILED, REPLY_PENDING};

/// Delivers ReplyTo callbacks.
#[derive(Clone)]
pub struct Replies {
    client: reqwest::Client,
    config: ReplyConfig,
    /// The HMAC key of the webhook secret, when deliveries are signed.
    key: Option<Vec<u8>>,
    store: Store,
    metrics: Arc<Metrics>,
    shutdown: watch::Receiver<bool>,
}

/// The Standard Webhooks signature header value: `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`.
pub fn sign(key: &[u8], id: &str, timestamp: i64, body: &[u8]) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    )
}

/// The body and state header of a finished job's delivery.
fn payload(job: &JobRow) -> (Vec<u8>, &'static str) {
    match (job.state.as_str(), &job.response) {
        ("Completed", Some(response)) => (response.as_bytes().to_vec(), "Completed"),
        _ => {
            let status: serde_json::Value = job
                .error
                .as_deref()
                .and_then(|e| serde_json::from_str(e).ok())
                .unwrap_or_else(
                    || serde_json::json!({"errorCode": "Failed", "message": "job failed"}),
                );
            let body = serde_json::json!({ "responseStatus": status });
            (serde_json::to_vec(&body).unwrap_or_default(), "Failed")
        }
    }
}

impl Replies {
    pub fn new(
        client: reqwest::Client,
        config: ReplyConfig,
        key: Option<Vec<u8>>,
        store: Store,
        metrics: Arc<Metrics>,
        shutdown: watch::Receiver<bool>,
    ) -> Replies {
        Replies {
            client,
            config,
            key,
            store,
            metrics,
            shutdown,
        }
    }

    /// Starts delivering a finished job's result in the background; stops at shutdown
    /// (the delivery stays pending in the database and resumes on the next start).
    pub fn spawn(&self, job_id: i64) {
        let this = self.clone();
        let mut shutdown = self.shutdown.clone();
        tokio::spawn(async move {
            tokio::select! {
                _ = this.deliver(job_id) => {}
                _ = crate::state::stopped(&mut shutdown) => {}
            }
        });
    }

    async fn deliver(&self, job_id: i64) {
        let job = match self.store.get(job_id).await {
            Ok(Some(job)) => job,
            Ok(None) => return,
            Err(e) => {
                tracing::error!(job = job_id, error = %e, "cannot load job for ReplyTo");
                return;
            }
        };
        let (Some(url), Some(REPLY_PENDING)) = (job.reply_to.clone(), job.reply_state.as_deref())
        else {
            return;
        };
        let (body, job_state) = payload(&job);
        let mut attempts = job.reply_attempts;
        while attempts < i64::from(self.config.attempts) {
            attempts += 1;
            let (status, ok) = self.attempt(&url, &job, &body, job_state).await;
            self.metrics.reply(if ok { "ok" } else { "error" });
            let done = ok || attempts >= i64::from(self.config.attempts);
            let reply_state = match (ok, done) {
                (true, _) => REPLY_DELIVERED,
                (false, true) => REPLY_FAILED,
                _ => REPLY_PENDING,
            };
            let label = match reply_state {
                REPLY_DELIVERED => "Delivered",
                REPLY_FAILED => "Failed",
                _ => "Retrying",
            };
            if let Err(e) = self
                .store
                .record_reply(job.id, attempts, format!("{label}: {status}"), reply_state)
                .await
            {
                tracing::error!(job = job.id, error = %e, "cannot record ReplyTo attempt");
            }
            if done {
                if !ok {
                    tracing::warn!(job = job.id, %url, status, "ReplyTo delivery given up");
                }
                return;
            }
            tracing::debug!(
                job = job.id,
                attempt = attempts,
                status,
                "ReplyTo delivery failed; retrying"
            );
            tokio::time::sleep(self.delay(attempts)).await;
        }
    }

    /// One POST; returns the recorded status text and whether it succeeded (2xx).
    async fn attempt(&self, url: &str, job: &JobRow, body: &[u8], state: &str) -> (String, bool) {
        let mut req = self
            .client
            .post(url)
            .timeout(Duration::from_secs(self.config.timeout_secs))
            .header("content-type", "application/json")
            .header("x-job-id", job.id.to_string())
            .header("x-ref-id", job.ref_id.as_str())
            .header("x-job-state", state);
        if let Some(key) = &self.key {
            // The id stays the same across retries so receivers can de-duplicate.
            let id = format!("msg_{}", job.ref_id);
            let timestamp = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or_default();
            req = req
                .header("webhook-signature", sign(key, &id, timestamp, body))
                .header("webhook-id", id)
                .header("webhook-timestamp", timestamp.to_string());
        }
        match req.body(body.to_vec()).send().await {
            Ok(resp) => {
                let status = resp.status();
                (status.to_string(), status.is_success())
            }
            Err(e) => (
                format!("error: {}", crate::upstream::error_chain(&e)),
                false,
            ),
        }
    }

    fn delay(&self, attempt: i64) -> Duration {
        let shift = (attempt - 1).clamp(0, 20) as u32;
        Duration::from_millis(
            self.config
                .base_delay_ms
                .saturating_mul(1u64 << shift)
                .min(self.config.max_delay_ms),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_standard_webhooks_example() {
        // The example from the Standard Webhooks reference implementation.
        let key = crate::config::webhook_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let sig = sign(
            &key,
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            br#"{"test": 2432232314}"#,
        );
        assert_eq!(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
