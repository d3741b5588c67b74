//! The state shared by the HTTP handlers and background tasks.

use std::sync::Arc;

use tokio::sync::{mpsc, Notify};

use crate::auth::ApiKeys;
use crate::config::Config;
use crate::jobs::QueuedJob;
use crate::metrics::Metrics;
use crate::providers::Providers;
use crate::reply::Replies;
use crate::store::Store;
use crate::upstream::Upstream;

/// Everything a request or job needs.
pub struct AppState {
    pub config: Config,
    pub store: Store,
    pub providers: Providers,
    pub upstream: Upstream,
    pub replies: Replies,
    pub metrics: Arc<Metrics>,
    pub queue: mpsc::UnboundedSender<QueuedJob>,
    pub api_keys: ApiKeys,
    /// Woken whenever a job finishes, for WaitForOpenAiChat.
    pub finished: Notify,
}

impl AppState {
    /// Hands a persisted job to the worker.
    pub fn enqueue(&self, job: QueuedJob) {
        self.metrics.queue_add(1);
        if self.queue.send(job).is_err() {
            // The worker has stopped (shutdown); the job is stored Queued and runs on the next start.
            self.metrics.queue_add(-1);
        }
    }
}

/// Resolves once shutdown has been signalled (or the signal's sender is gone).
pub async fn stopped(rx: &mut tokio::sync::watch::Receiver<bool>) {
    // Dropping the guard here keeps callers' futures Send.
    let _ = rx.wait_for(|stop| *stop).await;
}
