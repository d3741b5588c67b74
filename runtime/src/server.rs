//! The accept loop: at most `max_connections` clients at once, each
//! connection under [`crate::conn`]'s timeouts, HTTP/1.1 with keep-alive, and
//! a graceful stop that lets in-flight requests finish.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

use crate::body::{self, BodyTimer};
use crate::config::HttpConfig;
use crate::conn::{Busy, GuardedBody, TimedIo, Timeouts};

/// Serves `app` on `listener` until `stop` turns true, then waits for open connections to finish.
pub async fn run(
    listener: TcpListener,
    app: Router,
    http: &HttpConfig,
    mut stop: watch::Receiver<bool>,
) {
    let timeouts = Timeouts {
        header: Duration::from_secs(http.header_timeout_secs),
        keep_alive: Duration::from_secs(http.keep_alive_timeout_secs),
        body: Duration::from_secs(http.body_timeout_secs),
    };
    let max = http.max_connections;
    let slots = Arc::new(Semaphore::new(max));
    loop {
        // At the cap, stop accepting: new clients wait in the kernel's backlog
        // until a connection closes (which the timeouts guarantee).
        let permit = tokio::select! {
            permit = slots.clone().acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break,
            },
            _ = crate::state::stopped(&mut stop) => break,
        };
        let tcp = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((tcp, _)) => tcp,
                Err(e) => {
                    // E.g. out of file descriptors: back off instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = crate::state::stopped(&mut stop) => break,
        };
        // Small JSON and SSE writes must not wait for Nagle's algorithm.
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
        let app = app.clone();
        let stop = stop.clone();
        tokio::spawn(async move {
            serve_connection(tcp, app, timeouts, stop).await;
            drop(permit);
        });
    }
    drop(listener);
    // Every connection holds a slot: having them all back means all closed.
    let _ = slots.acquire_many(max as u32).await;
}

async fn serve_connection(
    tcp: tokio::net::TcpStream,
    app: Router,
    timeouts: Timeouts,
    mut stop: watch::Receiver<bool>,
) {
    let busy = Arc::new(Busy::default());
    let io = TokioIo::new(TimedIo::new(tcp, busy.clone(), timeouts));
    let body_timer = Arc::new(BodyTimer::default());
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        let guard = busy.start();
        let app = app.clone();
        let request = body::with_idle_timeout(request, timeouts.body, &body_timer);
        async move {
            let response = app.oneshot(request).await?;
            Ok::<_, Infallible>(response.map(|body| Body::new(GuardedBody::new(body, guard))))
        }
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .serve_connection(io, service);
    let mut connection = std::pin::pin!(connection);
    let result = tokio::select! {
        result = connection.as_mut() => result,
        _ = crate::state::stopped(&mut stop) => {
            // Finish the request in flight, then close.
            connection.as_mut().graceful_shutdown();
            connection.await
        }
    };
    if let Err(e) = result {
        tracing::debug!(error = %e, "connection ended with an error");
    }
}
