//! Blockbook replies' statuses: errors are JSON `{"error": "…"}`, and public errors are HTTP 400
//! even for "not found" (`Transaction '<txid>' not found`); the rate limiter answers 429.

use serde::de::DeserializeOwned;

use super::dto::BlockbookError;
use crate::explorer::esplora::reply::body_json;
use crate::explorer::{ExplorerError, HttpReply};

/// Longest piece of the server's own error text quoted back to the user.
const MAX_MESSAGE_CHARS: usize = 200;

/// `Ok` for HTTP 200; otherwise the matching error. `what` names the request, ending with its URL.
///
/// # Errors
/// 400 saying "not found" → `NotFound`, other 400 → `BadRequest`, 404 → `UnexpectedStatus` (no
/// Blockbook API at this URL), 429 → `RateLimited`, 5xx → `Unavailable`.
///
/// ```
/// use spoor::explorer::{blockbook::reply, ExplorerError, HttpReply};
/// let reply = HttpReply { status: 400, content_type: None, body: r#"{"error":"Transaction 'ab' not found"}"#.into(), retry_after_secs: None };
/// assert!(matches!(reply::check_status(&reply, "tx ab"), Err(ExplorerError::NotFound { .. })));
/// ```
pub fn check_status(reply: &HttpReply, what: &str) -> Result<(), ExplorerError> {
    if reply.status == 200 {
        return Ok(());
    }
    let message = server_message(reply);
    match reply.status {
        400 if message.to_ascii_lowercase().contains("not found") => {
            Err(ExplorerError::NotFound { what: what.to_string() })
        }
        400 => Err(ExplorerError::BadRequest { message }),
        404 => Err(ExplorerError::UnexpectedStatus {
            status: 404,
            message: format!("no Blockbook API answers at this address ({message})"),
        }),
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

/// The `error` text of a JSON error body, else the body itself (empty for HTML), shortened.
fn server_message(reply: &HttpReply) -> String {
    let text = match serde_json::from_str::<BlockbookError>(&reply.body) {
        Ok(error) => error.error,
        Err(_) if reply.body.trim_start().starts_with('<') => String::new(),
        Err(_) => reply.body.trim().to_string(),
    };
    if text.chars().count() <= MAX_MESSAGE_CHARS {
        return text;
    }
    let mut short: String = text.chars().take(MAX_MESSAGE_CHARS).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(status: u16, body: &str) -> HttpReply {
        HttpReply {
            status,
            content_type: Some("application/json".into()),
            body: body.into(),
            retry_after_secs: None,
        }
    }

    #[test]
    fn errors_map_by_status_and_text() {
        assert_eq!(
            check_status(
                &reply(
                    400,
                    r#"{"error":"Invalid address, decoded address is of unknown format"}"#
                ),
                "a"
            ),
            Err(ExplorerError::BadRequest {
                message: "Invalid address, decoded address is of unknown format".into()
            })
        );
        assert_eq!(
            check_status(&reply(429, r#"{"error":"rate limit exceeded"}"#), "a"),
            Err(ExplorerError::RateLimited)
        );
        assert!(matches!(
            check_status(&reply(500, r#"{"error":"Internal server error"}"#), "a"),
            Err(ExplorerError::Unavailable { status: 500, .. })
        ));
        assert!(matches!(
            check_status(&reply(404, "<html>nginx</html>"), "a"),
            Err(ExplorerError::UnexpectedStatus { status: 404, .. })
        ));
    }
}
