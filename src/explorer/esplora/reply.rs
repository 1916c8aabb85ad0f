//! Turns an HTTP reply's status into an [`ExplorerError`], and a 200 body into a wire DTO.
//!
//! Esplora (electrs) sends errors as `text/plain` sentences; the 429 comes from nginx as an HTML
//! page. Nothing but 200 carries data.

use serde::de::DeserializeOwned;

use crate::explorer::{ExplorerError, HttpReply};

/// Longest piece of an explorer's own error text we quote back to the user.
const MAX_MESSAGE_CHARS: usize = 200;

/// `Ok` for HTTP 200; otherwise the matching error. `what` names the request, ending with its URL.
///
/// # Errors
/// 404 → `NotFound` (or `UnexpectedStatus` for an unknown endpoint), 400 → `BadRequest`,
/// 429 → `RateLimited`, 5xx → `Unavailable`, anything else → `UnexpectedStatus`.
///
/// ```
/// use spoor::explorer::{esplora::reply, ExplorerError, HttpReply};
/// let reply = HttpReply::text(400, "Invalid hex string");
/// assert_eq!(
///     reply::check_status(&reply, "transaction at /api/tx/zz"),
///     Err(ExplorerError::BadRequest { message: "Invalid hex string".to_string() })
/// );
/// ```
pub fn check_status(reply: &HttpReply, what: &str) -> Result<(), ExplorerError> {
    let message = explorer_message(reply);
    match reply.status {
        200 => Ok(()),
        // A 404 for a path the API lacks means a wrong base URL, not a missing transaction.
        404 if message.starts_with("endpoint does not exist") => {
            Err(ExplorerError::UnexpectedStatus { status: 404, message })
        }
        404 => Err(ExplorerError::NotFound { what: what.to_string() }),
        400 => Err(ExplorerError::BadRequest { message }),
        429 => Err(ExplorerError::RateLimited),
        500..=599 => Err(ExplorerError::Unavailable {
            status: reply.status,
            message,
        }),
        status => Err(ExplorerError::UnexpectedStatus { status, message }),
    }
}

/// Checks the status, then parses the body as JSON into `T`.
///
/// # Errors
/// The status error, or [`ExplorerError::Decode`] when a 200 body is not the promised JSON.
pub fn json<T: DeserializeOwned>(reply: &HttpReply, what: &str) -> Result<T, ExplorerError> {
    check_status(reply, what)?;
    body_json(reply, what)
}

/// Parses a reply's body as JSON into `T` (the status already checked by the API's own rules).
///
/// # Errors
/// [`ExplorerError::Decode`], saying so when the body is an HTML page.
pub(crate) fn body_json<T: DeserializeOwned>(reply: &HttpReply, what: &str) -> Result<T, ExplorerError> {
    serde_json::from_str(&reply.body).map_err(|err| {
        let reason = if looks_like_html(reply) {
            "expected JSON, got an HTML page".to_string()
        } else {
            err.to_string()
        };
        decode_error(what, reason)
    })
}

/// A [`ExplorerError::Decode`] for `what`.
pub(crate) fn decode_error(what: &str, reason: impl Into<String>) -> ExplorerError {
    ExplorerError::Decode {
        what: what.to_string(),
        reason: reason.into(),
    }
}

/// The explorer's own text, trimmed and shortened; empty for HTML pages (nginx 429/502 pages are
/// markup, not a message).
fn explorer_message(reply: &HttpReply) -> String {
    if looks_like_html(reply) {
        return String::new();
    }
    let text = reply.body.trim();
    if text.chars().count() <= MAX_MESSAGE_CHARS {
        return text.to_string();
    }
    let mut short: String = text.chars().take(MAX_MESSAGE_CHARS).collect();
    short.push('…');
    short
}

fn looks_like_html(reply: &HttpReply) -> bool {
    let declared_html = reply
        .content_type
        .as_deref()
        .is_some_and(|ct| ct.to_ascii_lowercase().contains("html"));
    declared_html || reply.body.trim_start().starts_with('<')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_endpoint_404_is_not_a_missing_transaction() {
        let reply = HttpReply::text(404, "endpoint does not exist \"/api/foo\"");
        assert!(matches!(
            check_status(&reply, "x"),
            Err(ExplorerError::UnexpectedStatus { status: 404, .. })
        ));
    }

    #[test]
    fn long_error_text_is_shortened_on_a_char_boundary() {
        let reply = HttpReply::text(400, "é".repeat(500));
        let Err(ExplorerError::BadRequest { message }) = check_status(&reply, "x") else {
            panic!("expected BadRequest");
        };
        assert_eq!(message.chars().count(), MAX_MESSAGE_CHARS + 1);
    }

    #[test]
    fn html_page_with_status_200_is_a_decode_error_saying_so() {
        let reply = HttpReply {
            status: 200,
            content_type: Some("text/html".to_string()),
            body: "<html>".to_string(),
            retry_after_secs: None,
        };
        let result: Result<u32, _> = json(&reply, "tip");
        assert_eq!(result, Err(decode_error("tip", "expected JSON, got an HTML page")));
    }
}
