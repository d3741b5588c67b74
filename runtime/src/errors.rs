//! Errors raised outside any one endpoint (auth, content type, unknown routes,
//! wrong methods), in the error shape of the endpoint family the path belongs
//! to: OpenAI's `{"error": {...}}` under `/v1/`, ServiceStack's ResponseStatus
//! everywhere else, so `/api` clients never see a bare text or empty body.

use axum::http::{header, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::api::ApiError;
use crate::v1::V1Error;

/// Whether `path` belongs to the OpenAI-compatible endpoints.
pub fn is_v1(path: &str) -> bool {
    path == "/v1" || path.starts_with("/v1/")
}

/// An error in the shape `path` calls for: `api_code` names it in a
/// ResponseStatus, `v1_kind`/`v1_code` in an OpenAI error.
pub fn for_path(
    path: &str,
    status: StatusCode,
    api_code: &str,
    v1_kind: &'static str,
    v1_code: &str,
    message: impl Into<String>,
) -> Response {
    if is_v1(path) {
        V1Error::new(status, v1_kind, v1_code, message).into_response()
    } else {
        ApiError::new(status, api_code, message).into_response()
    }
}

/// The fallback for paths no route matches.
pub async fn not_found(uri: Uri) -> Response {
    for_path(
        uri.path(),
        StatusCode::NOT_FOUND,
        "NotFound",
        "invalid_request_error",
        "not_found",
        format!("no route for {}", uri.path()),
    )
}

/// The fallback for a known path called with a method it does not serve.
pub async fn method_not_allowed(method: Method, uri: Uri) -> Response {
    let mut response = for_path(
        uri.path(),
        StatusCode::METHOD_NOT_ALLOWED,
        "MethodNotAllowed",
        "invalid_request_error",
        "method_not_allowed",
        format!("{method} is not allowed on {}", uri.path()),
    );
    // Every JSON error still says what it is.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}
