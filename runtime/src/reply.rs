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

/// What one delivery attempt came to.
enum Outcome {
    /// A 2xx answer.
    Delivered(String),
    /// Worth retrying: a non-2xx answer (redirects included) or a network error.
    Retry(String),
    /// The address is internal and not allowed: retrying cannot help.
    Refused,
}

/// The delivery client: never follows redirects (each hop would need the
/// same address check) and ignores proxy settings (a proxy would resolve
/// names itself, past the check).
fn delivery_client(allow_private: bool) -> reqwest::Client {
    let builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .tcp_nodelay(true);
    let builder = if allow_private {
        builder
    } else {
        builder.dns_resolver(Arc::new(crate::reply_guard::PublicOnly))
    };
    builder.build().unwrap_or_default()
}

impl Replies {
    pub fn new(
        config: ReplyConfig,
        key: Option<Vec<u8>>,
        store: Store,
        metrics: Arc<Metrics>,
        shutdown: watch::Receiver<bool>,
    ) -> Replies {
        Replies {
            client: delivery_client(config.allow_private_networks),
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
            let outcome = self.attempt(&url, &job, &body, job_state).await;
            let last = attempts >= i64::from(self.config.attempts);
            // Recorded text is a status category only: raw network errors
            // would tell a caller which internal ports are open.
            let (record, reply_state, metric) = match &outcome {
                Outcome::Delivered(status) => {
                    (format!("Delivered: {status}"), REPLY_DELIVERED, "ok")
                }
                Outcome::Refused => (
                    "Refused: replyTo resolves to an internal address".to_string(),
                    REPLY_FAILED,
                    "refused",
                ),
                Outcome::Retry(status) if last => {
                    (format!("Failed: {status}"), REPLY_FAILED, "error")
                }
                Outcome::Retry(status) => (format!("Retrying: {status}"), REPLY_PENDING, "error"),
            };
            self.metrics.reply(metric);
            if let Err(e) = self
                .store
                .record_reply(job.id, attempts, record.clone(), reply_state)
                .await
            {
                tracing::error!(job = job.id, error = %e, "cannot record ReplyTo attempt");
            }
            if reply_state != REPLY_PENDING {
                if reply_state == REPLY_FAILED {
                    tracing::warn!(job = job.id, status = %record, "ReplyTo delivery given up");
                }
                return;
            }
            tracing::debug!(
                job = job.id,
                attempt = attempts,
                status = %record,
                "ReplyTo delivery failed; retrying"
            );
            tokio::time::sleep(self.delay(attempts)).await;
        }
    }

    /// One POST.
    async fn attempt(&self, url: &str, job: &JobRow, body: &[u8], state: &str) -> Outcome {
        if !self.config.allow_private_networks {
            // Jobs stored before the policy (or before a config change) are checked again.
            let literal = reqwest::Url::parse(url)
                .map_err(|_| ())
                .and_then(|u| crate::reply_guard::check_literal(&u).map_err(|_| ()));
            if literal.is_err() {
                return Outcome::Refused;
            }
        }
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
            Ok(resp) if resp.status().is_success() => Outcome::Delivered(resp.status().to_string()),
            Ok(resp) => Outcome::Retry(resp.status().to_string()),
            Err(e) if crate::reply_guard::refused(&e) => Outcome::Refused,
            Err(e) => {
                // The details stay in the server's log.
                tracing::debug!(job = job.id, error = %crate::upstream::error_chain(&e), "ReplyTo network error");
                Outcome::Retry(
                    if e.is_timeout() {
                        "timed out"
                    } else {
                        "network error"
                    }
                    .into(),
                )
            }
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
