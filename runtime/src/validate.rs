//! Turns JSON decoding failures into errors that name the offending field.

use dtogen_dto::{OpenAiChat, OpenAiChatCompletion};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A problem with one field of a request.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// The wire path of the field, e.g. `request.messages[0].role`.
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

/// Decodes `value` as `T`, reporting the path of the first bad field.
pub fn decode<T: DeserializeOwned>(value: &Value) -> Result<T, FieldError> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let message = e.inner().to_string();
        // serde reports a missing field at its parent; name the field itself.
        let field = match message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
        {
            Some(missing) if path.is_empty() => missing.to_string(),
            Some(missing) => format!("{path}.{missing}"),
            None if path.is_empty() => "body".to_string(),
            None => path,
        };
        FieldError { field, message }
    })
}

/// Decodes a `/v1` chat request. `OpenAiChatCompletion` flattens `OpenAiChat`,
/// and serde loses error paths through `flatten`, so the chat part is decoded
/// on its own and the three routing extras are checked by hand.
pub fn decode_completion(value: &Value) -> Result<OpenAiChatCompletion, FieldError> {
    let chat: OpenAiChat = decode(value)?;
    let text = |name: &str| -> Result<Option<String>, FieldError> {
        match value.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(FieldError::new(name, format!("{name} must be a string"))),
        }
    };
    Ok(OpenAiChatCompletion {
        ref_id: text("refId")?,
        provider: text("provider")?,
        tag: text("tag")?,
        chat,
    })
}

/// The trimmed model of a chat request, once its model and messages are known to
/// be present. `prefix` is where the chat sits in the body (`"request."` or `""`).
pub fn required_model(chat: &OpenAiChat, prefix: &str) -> Result<String, FieldError> {
    let model = chat.model.trim().to_string();
    if model.is_empty() {
        return Err(FieldError::new(
            &format!("{prefix}model"),
            "model is required",
        ));
    }
    if chat.messages.is_empty() {
        return Err(FieldError::new(
            &format!("{prefix}messages"),
            "at least one message is required",
        ));
    }
    Ok(model)
}

/// Only http(s) URLs may receive callbacks, and unless `allow_private`, not
/// at an internal IP literal (names are checked once resolved, at delivery).
pub fn check_reply_to(url: &str, allow_private: bool) -> Result<(), FieldError> {
    match reqwest::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
            if allow_private {
                return Ok(());
            }
            crate::reply_guard::check_literal(&u).map_err(|e| {
                FieldError::new(
                    "replyTo",
                    format!(
                        "replyTo must not point inside the network: {e} (set [reply] allow_private_networks = true for on-premises receivers)"
                    ),
                )
            })
        }
        Ok(_) => Err(FieldError::new(
            "replyTo",
            "replyTo must be an http or https URL",
        )),
        Err(e) => Err(FieldError::new(
            "replyTo",
            format!("replyTo is not a valid URL: {e}"),
        )),
    }
}

/// A random 128-bit id in hex, for generated RefIds.
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // Fall back to time-based uniqueness; RefIds need to be unique, not secret.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        bytes = nanos.to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dtogen_dto::CreateOpenAiChat;
    use serde_json::json;

    #[test]
    fn names_missing_and_mistyped_fields() {
        let e = decode::<CreateOpenAiChat>(&json!({"request": {"messages": []}})).unwrap_err();
        assert_eq!(e.field, "request.model");
        let e = decode::<CreateOpenAiChat>(&json!({})).unwrap_err();
        assert_eq!(e.field, "request");
        let e = decode::<CreateOpenAiChat>(
            &json!({"request": {"model": "m", "messages": [{"role": 5}]}}),
        )
        .unwrap_err();
        assert_eq!(e.field, "request.messages[0].role");
    }

    #[test]
    fn completion_errors_keep_their_path() {
        let e =
            decode_completion(&json!({"model": "m", "messages": [{"role": "user", "content": 5}]}))
                .unwrap_err();
        assert_eq!(e.field, "messages[0].content");
        let e = decode_completion(&json!({"model": "m", "messages": [], "temperature": "hot"}))
            .unwrap_err();
        assert_eq!(e.field, "temperature");
        let e =
            decode_completion(&json!({"model": "m", "messages": [], "provider": 1})).unwrap_err();
        assert_eq!(e.field, "provider");
        let ok = decode_completion(&json!({"model": "m", "messages": [], "refId": "r"})).unwrap();
        assert_eq!(ok.ref_id.as_deref(), Some("r"));
    }

    #[test]
    fn reply_to_must_be_http() {
        assert!(check_reply_to("https://example.com/x", false).is_ok());
        assert_eq!(
            check_reply_to("file:///etc/passwd", false)
                .unwrap_err()
                .field,
            "replyTo"
        );
        assert!(check_reply_to("not a url", false).is_err());
        assert_eq!(
            check_reply_to("http://2130706433/", false)
                .unwrap_err()
                .field,
            "replyTo"
        );
        assert!(check_reply_to("http://2130706433/", true).is_ok());
        assert_eq!(random_id().len(), 32);
    }
}
