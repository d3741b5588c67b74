//! Refuses request bodies that are not `application/json` (415), so a web page
//! cannot post to the server cross-site: browsers send `text/plain`, form and
//! multipart bodies without a CORS preflight, but never `application/json`.

use axum::extract::Request;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::Response;

/// The 415 answer for a request that carries a body that is not JSON; `None`
/// lets the request through. Called from the router's one per-request
/// middleware (each layer costs a little on every request); bodies that stall
/// are cut by the connection ([`crate::body::with_idle_timeout`]).
pub fn refuse(request: &Request) -> Option<Response> {
    if !matches!(
        *request.method(),
        Method::POST | Method::PUT | Method::PATCH
    ) {
        return None;
    }
    let message = check(request.headers()).err()?;
    Some(crate::errors::for_path(
        request.uri().path(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "UnsupportedMediaType",
        "invalid_request_error",
        "unsupported_media_type",
        message,
    ))
}

/// `Ok` for `application/json` (any parameters, e.g. `charset`), and for no
/// content type at all from a client that is not a browser. A browser can
/// send a body without a content type (`fetch` with a raw buffer), but it
/// then always sends `Origin` or `Sec-Fetch-*` headers, which give it away.
pub fn check(headers: &HeaderMap) -> Result<(), String> {
    match headers.get(header::CONTENT_TYPE) {
        Some(value) => {
            let text = value.to_str().unwrap_or("");
            let essence = text.split(';').next().unwrap_or("").trim();
            if essence.eq_ignore_ascii_case("application/json") {
                Ok(())
            } else {
                Err(format!(
                    "unsupported content type {text:?}: request bodies must be application/json"
                ))
            }
        }
        None if from_browser(headers) => {
            Err("request bodies must be sent with content-type: application/json".into())
        }
        None => Ok(()),
    }
}

fn from_browser(headers: &HeaderMap) -> bool {
    headers.contains_key(header::ORIGIN)
        || headers
            .keys()
            .any(|name| name.as_str().starts_with("sec-fetch-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn only_json_or_a_bare_non_browser_body_passes() {
        assert!(check(&with(&[("content-type", "application/json")])).is_ok());
        assert!(check(&with(&[(
            "content-type",
            "Application/JSON; charset=utf-8"
        )]))
        .is_ok());
        assert!(check(&with(&[])).is_ok());
        for bad in [
            "text/plain",
            "text/plain;charset=UTF-8",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/jsonp",
        ] {
            assert!(check(&with(&[("content-type", bad)])).is_err(), "{bad}");
        }
        assert!(check(&with(&[("origin", "https://evil.example")])).is_err());
        assert!(check(&with(&[("sec-fetch-mode", "no-cors")])).is_err());
    }
}
