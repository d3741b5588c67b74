//! Bearer-key auth for every endpoint but `/health`, answering 401 in the
//! endpoint's own error shape.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::state::AppState;

/// The configured keys, hashed so comparisons take the same time whatever the key lengths.
#[derive(Debug, Clone, Default)]
pub struct ApiKeys(Vec<[u8; 32]>);

impl ApiKeys {
    pub fn new(keys: &[String]) -> ApiKeys {
        ApiKeys(
            keys.iter()
                .map(|k| Sha256::digest(k.as_bytes()).into())
                .collect(),
        )
    }

    pub fn is_enabled(&self) -> bool {
        !self.0.is_empty()
    }

    /// Constant-time check against every key (no early exit on a match).
    pub fn allows(&self, presented: &str) -> bool {
        let digest: [u8; 32] = Sha256::digest(presented.as_bytes()).into();
        self.0
            .iter()
            .fold(subtle::Choice::from(0), |found, key| {
                found | key.ct_eq(&digest)
            })
            .into()
    }
}

/// Rejects requests without a valid `Authorization: Bearer <key>` when keys are configured.
pub async fn require_key(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    if !state.api_keys.is_enabled() {
        return next.run(request).await;
    }
    let presented = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim);
    if presented.is_some_and(|key| state.api_keys.allows(key)) {
        return next.run(request).await;
    }
    let message = match presented {
        None => "missing Authorization: Bearer <api key> header",
        Some(_) => "invalid API key",
    };
    let mut response = crate::errors::for_path(
        request.uri().path(),
        StatusCode::UNAUTHORIZED,
        "Unauthorized",
        "invalid_request_error",
        "invalid_api_key",
        message,
    );
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        header::HeaderValue::from_static("Bearer"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_only_configured_keys() {
        let keys = ApiKeys::new(&["alpha".into(), "beta".into()]);
        assert!(keys.allows("beta"));
        assert!(!keys.allows("gamma"));
        assert!(!keys.allows(""));
        assert!(!ApiKeys::new(&[]).is_enabled());
    }
}
