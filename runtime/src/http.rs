//! The router: routes, auth, content type, body limits, request metrics and logs.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;

use crate::state::AppState;
use crate::{auth, content_type, errors, servicestack, v1};

/// Builds the application router.
pub fn router(state: Arc<AppState>) -> Router {
    let router = Router::new()
        .route("/v1/chat/completions", post(v1::chat_completions))
        .route("/v1/models", get(v1::models))
        .route("/metrics", get(metrics))
        .route("/api/{operation}", any(servicestack::by_name))
        .route("/json/reply/{operation}", any(servicestack::by_name));
    // Each operation also at its own path, so metrics name it.
    let router = servicestack::OPERATIONS
        .iter()
        .fold(router, |router, (name, op)| {
            router.route(&format!("/api/{name}"), servicestack::route(*op))
        });
    // Everything above needs a key (when keys are configured); /health never
    // does. Without keys the check would pass everything, so it is left out.
    let router = if state.api_keys.is_enabled() {
        router.route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_key,
        ))
    } else {
        router
    };
    router
        .route("/health", get(health))
        .fallback(errors::not_found)
        .method_not_allowed_fallback(errors::method_not_allowed)
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .with_state(state)
}

async fn health() -> &'static str {
    "OK"
}

async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    let jobs = state.store.counts_by_state().await.unwrap_or_default();
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(&state.providers, &jobs),
    )
        .into_response()
}

/// Counts and times every request by its route pattern, and logs it; refuses
/// non-JSON bodies with 415 first (here rather than in a layer of its own).
async fn observe(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    // Both are cheap clones (a shared string and, for standard methods, no allocation).
    let route = request.extensions().get::<MatchedPath>().cloned();
    let route = route.as_ref().map_or("unmatched", MatchedPath::as_str);
    let method = request.method().clone();
    let response = match content_type::refuse(&request) {
        Some(refused) => refused,
        None => next.run(request).await,
    };
    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    state
        .metrics
        .http(route, method.as_str(), status, elapsed.as_secs_f64());
    tracing::debug!(%method, %route, status, micros = elapsed.as_micros() as u64, "request");
    response
}
