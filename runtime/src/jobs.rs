//! The background worker that runs queued jobs: Queued -> Started -> Completed | Failed.

use std::sync::Arc;
use std::time::{Duration, Instant};

use dtogen_dto::ResponseStatus;
use serde_json::Value;
use tokio::sync::{mpsc, watch, OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;

use crate::providers::SelectError;
use crate::state::AppState;
use crate::store::{Finish, JobRow};
use crate::upstream::{RouteError, UpstreamError};

/// What the worker needs to run a job, carried in memory to spare a database read.
#[derive(Debug, Clone)]
pub struct QueuedJob {
    pub id: i64,
    pub model: String,
    pub forced_provider: Option<String>,
    /// The raw request JSON, unknown properties included.
    pub request: Value,
    pub has_reply_to: bool,
}

impl QueuedJob {
    /// Rebuilds a job from its stored row (after a restart).
    pub fn from_row(row: &JobRow) -> QueuedJob {
        QueuedJob {
            id: row.id,
            model: row.model.clone(),
            forced_provider: row.forced_provider.clone(),
            request: serde_json::from_str(&row.request).unwrap_or(Value::Null),
            has_reply_to: row.reply_to.is_some(),
        }
    }
}

/// Receives queued jobs and runs them until shutdown, then drains within the grace period.
pub async fn run_dispatcher(
    state: Arc<AppState>,
    mut rx: mpsc::UnboundedReceiver<QueuedJob>,
    mut shutdown: watch::Receiver<bool>,
) {
    // Bounds job tasks so a large backlog waits in the channel, not as thousands of tasks.
    let total: usize = state.config.providers.iter().map(|p| p.concurrency).sum();
    let limit = Arc::new(Semaphore::new((total * 4).max(256)));
    let mut tasks = JoinSet::new();
    let mut stop = shutdown.clone();
    loop {
        tokio::select! {
            _ = crate::state::stopped(&mut shutdown) => break,
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
            job = rx.recv() => {
                let Some(job) = job else { break };
                let permit = tokio::select! {
                    p = limit.clone().acquire_owned() => match p { Ok(p) => p, Err(_) => break },
                    _ = crate::state::stopped(&mut stop) => break,
                };
                state.metrics.queue_add(-1);
                tasks.spawn(run_job(state.clone(), job, permit));
            }
        }
    }
    let grace = Duration::from_secs(state.config.shutdown_grace_secs);
    let drained =
        tokio::time::timeout(grace, async { while tasks.join_next().await.is_some() {} }).await;
    if drained.is_err() {
        tracing::warn!(
            jobs = tasks.len(),
            "shutdown grace period over; re-queueing in-flight jobs"
        );
        tasks.abort_all();
        while tasks.join_next().await.is_some() {}
    }
}

async fn run_job(state: Arc<AppState>, job: QueuedJob, _permit: OwnedSemaphorePermit) {
    let started = Instant::now();
    let store = state.store.clone();
    let deadline = Instant::now() + Duration::from_secs(state.config.retry.offline_wait_secs);
    let result = loop {
        let result = state
            .upstream
            .complete(
                &state.providers,
                &job.model,
                job.forced_provider.as_deref(),
                (&job.request).into(),
                false,
                |p| store.mark_started(job.id, p.name.clone()),
            )
            .await;
        match result {
            // Every provider is offline: wait for a probe to bring one back rather than fail at once.
            Err(RouteError::Select(SelectError::AllOffline(_))) if Instant::now() < deadline => {
                tokio::time::sleep(state.config.probe_interval()).await;
            }
            other => break other,
        }
    };
    let duration_ms = Some(started.elapsed().as_millis() as i64);
    let finish = match result {
        Ok(done) => Finish {
            id: job.id,
            state: "Completed",
            provider: Some(done.provider.name.clone()),
            response: Some(String::from_utf8_lossy(&done.body).into_owned()),
            error: None,
            duration_ms,
        },
        Err(e) => {
            tracing::warn!(job = job.id, error = %e, "job failed");
            Finish {
                id: job.id,
                state: "Failed",
                provider: None,
                response: None,
                error: serde_json::to_string(&job_error(&e)).ok(),
                duration_ms,
            }
        }
    };
    if let Err(e) = store.finish(finish).await {
        // The job stays Started and runs again after a restart.
        tracing::error!(job = job.id, error = %e, "could not record job outcome");
        return;
    }
    state.finished.notify_waiters();
    if job.has_reply_to {
        state.replies.spawn(job.id);
    }
}

/// The ResponseStatus stored on a failed job.
fn job_error(e: &RouteError) -> ResponseStatus {
    let code = match e {
        RouteError::Select(SelectError::AllOffline(_)) => "ServiceUnavailable".to_string(),
        RouteError::Select(_) => "NotFound".to_string(),
        RouteError::Upstream(UpstreamError::Rejected { status, .. }) => format!("Upstream{status}"),
        RouteError::Upstream(UpstreamError::Unavailable { .. }) => {
            "UpstreamUnavailable".to_string()
        }
    };
    ResponseStatus {
        error_code: code,
        message: e.to_string(),
        ..ResponseStatus::default()
    }
}
