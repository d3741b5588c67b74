//! `ai-server`: the AI Server chat API in front of OpenAI-compatible upstreams.
//!
//! [`serve`] runs the whole server on a listener until a shutdown future
//! resolves; `main.rs` only parses flags and wires signals.

pub mod api;
pub mod auth;
pub mod body;
pub mod casing;
pub mod config;
pub mod conn;
pub mod content_type;
pub mod errors;
pub mod http;
pub mod jobs;
pub mod metrics;
pub mod providers;
pub mod reply;
pub mod reply_guard;
pub mod server;
pub mod servicestack;
pub mod state;
pub mod store;
pub mod upstream;
pub mod v1;
pub mod validate;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};

use crate::auth::ApiKeys;
use crate::config::{webhook_key, Config};
use crate::jobs::QueuedJob;
use crate::metrics::Metrics;
use crate::providers::Providers;
use crate::reply::Replies;
use crate::state::AppState;
use crate::store::Store;
use crate::upstream::Upstream;

pub use crate::config::ConfigError;

/// Why the server could not start or stopped with an error.
#[derive(Debug)]
pub struct ServeError(pub String);

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ServeError {}

/// Runs the server on `listener` until `shutdown` resolves, then stops taking
/// requests, lets in-flight jobs finish within `shutdown_grace_secs`, and
/// re-queues the rest so the next start runs them.
pub async fn serve(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    config.validate().map_err(|e| ServeError(e.to_string()))?;
    let store = Store::open(&config.database)
        .map_err(|e| ServeError(format!("{}: {e}", config.database.display())))?;
    let key = config
        .webhook_secret
        .as_deref()
        .map(webhook_key)
        .transpose()
        .map_err(|e| ServeError(format!("webhook_secret: {e}")))?;
    let (stop_tx, stop_rx) = watch::channel(false);
    let metrics = Arc::new(Metrics::default());
    let upstream = Upstream::new(config.retry.clone(), metrics.clone(), stop_rx.clone());
    let replies = Replies::new(
        config.reply.clone(),
        key,
        store.clone(),
        metrics.clone(),
        stop_rx.clone(),
    );
    let (queue, queue_rx) = mpsc::unbounded_channel();
    let state = Arc::new(AppState {
        providers: Providers::new(&config.providers),
        api_keys: ApiKeys::new(&config.api_keys),
        config,
        store: store.clone(),
        upstream,
        replies,
        metrics,
        queue,
        finished: tokio::sync::Notify::new(),
    });

    // Work left over from the last run: unfinished jobs and undelivered replies.
    let unfinished = store
        .unfinished()
        .await
        .map_err(|e| ServeError(e.to_string()))?;
    if !unfinished.is_empty() {
        tracing::info!(jobs = unfinished.len(), "resuming unfinished jobs");
    }
    for row in &unfinished {
        state.enqueue(QueuedJob::from_row(row));
    }
    let pending = store
        .pending_replies()
        .await
        .map_err(|e| ServeError(e.to_string()))?;
    for row in &pending {
        state.replies.spawn(row.id);
    }

    let dispatcher = tokio::spawn(jobs::run_dispatcher(state.clone(), queue_rx, stop_rx));
    let addr = listener
        .local_addr()
        .map_err(|e| ServeError(e.to_string()))?;
    tracing::info!(%addr, providers = state.providers.all.len(), "ai-server listening");

    let app = http::router(state.clone());
    // On the signal, stop the job worker and the HTTP listener together, so
    // in-flight jobs and requests drain within the same grace period.
    let stop_tx = Arc::new(stop_tx);
    let signal_tx = stop_tx.clone();
    let signalled = async move {
        shutdown.await;
        tracing::info!("shutting down");
        let _ = signal_tx.send(true);
    };
    let mut stop_rx = stop_tx.subscribe();
    let grace = Duration::from_secs(state.config.shutdown_grace_secs) + Duration::from_secs(1);
    tokio::select! {
        _ = async {
            let stop = stop_tx.subscribe();
            tokio::join!(signalled, server::run(listener, app, &state.config.http, stop));
        } => {}
        // Long-lived connections (e.g. streams) must not hold shutdown up forever.
        _ = async {
            state::stopped(&mut stop_rx).await;
            tokio::time::sleep(grace).await;
        } => {
            tracing::warn!("connections still open after the grace period; closing them");
        }
    };
    let _ = stop_tx.send(true);
    let _ = dispatcher.await;
    match store.requeue_started().await {
        Ok(0) => {}
        Ok(n) => tracing::info!(jobs = n, "re-queued in-flight jobs"),
        Err(e) => tracing::error!(error = %e, "cannot re-queue in-flight jobs"),
    }
    Ok(())
}
