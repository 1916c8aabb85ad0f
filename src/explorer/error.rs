//! What can go wrong when asking a block explorer, as sentences a user can act on.

use crate::i18n::Lang;

/// How an [`ExplorerError::Unreachable`] begins in English (the `Display` text).
pub const UNREACHABLE: &str = "could not reach the explorer (offline, blocked, or rate-limited)";

/// A failed explorer request. Messages put URLs last and quote the explorer's own text when useful.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExplorerError {
    /// HTTP 404: the explorer knows no such transaction, address or block.
    #[error("the explorer has no record of {what}")]
    NotFound {
        /// What was asked for, ending with the URL.
        what: String,
    },
    /// HTTP 400: the explorer rejected the request (bad txid, invalid address, history too big).
    #[error("the explorer rejected the request: {message}")]
    BadRequest {
        /// The explorer's own text/plain message.
        message: String,
    },
    /// HTTP 429: too many requests; retried with backoff before this is reported.
    #[error("the explorer is rate-limiting requests (HTTP 429); wait a minute or choose another explorer")]
    RateLimited,
    /// HTTP 5xx: the explorer or its backend is failing or overloaded.
    #[error("the explorer is unavailable (HTTP {status}){}", with_colon(.message))]
    Unavailable {
        /// The HTTP status (500–599).
        status: u16,
        /// The explorer's own text, empty when it sent none or an HTML page.
        message: String,
    },
    /// No HTTP reply at all (offline, DNS, refused, or a CORS-hidden reply such as a 429).
    #[error("{prefix}: {reason}", prefix = UNREACHABLE)]
    Unreachable {
        /// What the transport reported.
        reason: String,
    },
    /// No complete reply within the request timeout (a hung connection, an overloaded host).
    #[error("the explorer did not answer within {} s", seconds_text(*after_ms))]
    TimedOut {
        /// The timeout that passed, in milliseconds.
        after_ms: u32,
    },
    /// A 200 reply that is not what the API promises (bad JSON, missing block fields, bad txid).
    #[error("could not read the explorer's reply ({reason}) for {what}")]
    Decode {
        /// What was asked for, ending with the URL.
        what: String,
        /// The parser's complaint.
        reason: String,
    },
    /// Any other HTTP status (403, 422, a 404 for a path the API does not have, …).
    #[error("the explorer answered HTTP {status}{}", with_colon(.message))]
    UnexpectedStatus {
        /// The HTTP status.
        status: u16,
        /// The explorer's own text, empty when it sent none or an HTML page.
        message: String,
    },
    /// The user (or the app) cancelled the trace; no further requests were made.
    #[error("the trace was cancelled")]
    Cancelled,
    /// A snapshot (case file) is being replayed and does not hold this answer: it has only what
    /// its author loaded, and a snapshot never asks an explorer.
    #[error("this snapshot does not include {what} (it holds only what its author loaded)")]
    NotInSnapshot {
        /// What was asked for.
        what: String,
    },
}

impl ExplorerError {
    /// Whether trying again later may succeed: rate limits, server failures, network failures,
    /// timeouts, and replies that could not be read (a body cut off in transit, a proxy's page).
    ///
    /// Every 5xx counts (not only 503/504): electrs answers 500 for transient backend lookups,
    /// and the offline stand-in injects 500s to exercise exactly this path. A reply that cannot
    /// be read is never taken as data; asking again (a bounded number of times) usually gets a
    /// whole one.
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        match self {
            ExplorerError::RateLimited
            | ExplorerError::Unavailable { .. }
            | ExplorerError::Unreachable { .. }
            | ExplorerError::TimedOut { .. }
            | ExplorerError::Decode { .. } => true,
            ExplorerError::NotFound { .. }
            | ExplorerError::BadRequest { .. }
            | ExplorerError::UnexpectedStatus { .. }
            | ExplorerError::Cancelled
            | ExplorerError::NotInSnapshot { .. } => false,
        }
    }
}

impl ExplorerError {
    /// What went wrong, in `lang` (the `Display` text is the English one, for the CLI and logs).
    /// What was asked for, the transport's reason and the explorer's own words stay as they came.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        use crate::tr;
        match self {
            ExplorerError::NotFound { what } => tr!(lang, "explorer_error.not_found", what = what),
            ExplorerError::BadRequest { message } => tr!(lang, "explorer_error.bad_request", message = message),
            ExplorerError::RateLimited => tr!(lang, "explorer_error.rate_limited"),
            ExplorerError::Unavailable { status, message } if message.is_empty() => {
                tr!(lang, "explorer_error.unavailable", status = status.to_string())
            }
            ExplorerError::Unavailable { status, message } => tr!(
                lang,
                "explorer_error.unavailable_saying",
                status = status.to_string(),
                message = message
            ),
            ExplorerError::Unreachable { reason } => tr!(lang, "explorer_error.unreachable", reason = reason),
            ExplorerError::TimedOut { after_ms } => {
                tr!(lang, "explorer_error.timed_out", seconds = seconds_text(*after_ms))
            }
            ExplorerError::Decode { what, reason } => {
                tr!(lang, "explorer_error.decode", reason = reason, what = what)
            }
            ExplorerError::UnexpectedStatus { status, message } if message.is_empty() => {
                tr!(lang, "explorer_error.unexpected_status", status = status.to_string())
            }
            ExplorerError::UnexpectedStatus { status, message } => tr!(
                lang,
                "explorer_error.unexpected_status_saying",
                status = status.to_string(),
                message = message
            ),
            ExplorerError::Cancelled => tr!(lang, "explorer_error.cancelled"),
            ExplorerError::NotInSnapshot { what } => tr!(lang, "explorer_error.not_in_snapshot", what = what),
        }
    }
}

/// Milliseconds as seconds for a sentence: `20`, `1.5` (one decimal only when needed).
fn seconds_text(ms: u32) -> String {
    if ms.is_multiple_of(1000) {
        (ms / 1000).to_string()
    } else {
        format!("{}.{}", ms / 1000, (ms % 1000).div_ceil(100).min(9))
    }
}

/// `": message"`, or nothing for an empty message, so Display reads well either way.
fn with_colon(message: &str) -> String {
    if message.is_empty() {
        String::new()
    } else {
        format!(": {message}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unavailable_without_message_reads_as_a_sentence() {
        let error = ExplorerError::Unavailable {
            status: 503,
            message: String::new(),
        };
        assert_eq!(error.to_string(), "the explorer is unavailable (HTTP 503)");
        let error = ExplorerError::Unavailable {
            status: 504,
            message: "timeout".to_string(),
        };
        assert_eq!(error.to_string(), "the explorer is unavailable (HTTP 504): timeout");
    }

    #[test]
    fn english_messages_are_the_display_texts_and_others_keep_the_status() {
        let errors = [
            ExplorerError::NotFound {
                what: "transaction ab…cd at https://x/tx/ab".to_string(),
            },
            ExplorerError::RateLimited,
            ExplorerError::Unavailable {
                status: 503,
                message: String::new(),
            },
            ExplorerError::Unavailable {
                status: 504,
                message: "timeout".to_string(),
            },
            ExplorerError::Unreachable {
                reason: "offline".to_string(),
            },
            ExplorerError::Decode {
                what: "tip height at https://x/blocks/tip/height".to_string(),
                reason: "not a number".to_string(),
            },
            ExplorerError::TimedOut { after_ms: 20_000 },
            ExplorerError::UnexpectedStatus {
                status: 403,
                message: String::new(),
            },
            ExplorerError::NotInSnapshot {
                what: "the chain tip".to_string(),
            },
        ];
        for error in &errors {
            assert_eq!(error.message(Lang::En), error.to_string());
        }
        let error = ExplorerError::Unavailable {
            status: 504,
            message: "timeout".to_string(),
        };
        for lang in [Lang::De, Lang::Zh, Lang::Ja] {
            let text = error.message(lang);
            assert_ne!(text, error.to_string());
            assert!(text.contains("HTTP 504") && text.contains("timeout"), "{text}");
        }
    }

    #[test]
    fn only_transient_failures_are_retryable() {
        assert!(ExplorerError::RateLimited.is_retryable());
        assert!(ExplorerError::Unreachable {
            reason: "offline".to_string()
        }
        .is_retryable());
        assert!(ExplorerError::TimedOut { after_ms: 20_000 }.is_retryable());
        assert_eq!(
            ExplorerError::TimedOut { after_ms: 1_500 }.to_string(),
            "the explorer did not answer within 1.5 s"
        );
        assert!(ExplorerError::Decode {
            what: "x".to_string(),
            reason: "EOF while parsing an object".to_string()
        }
        .is_retryable());
        assert!(!ExplorerError::Cancelled.is_retryable());
        assert!(!ExplorerError::NotFound { what: "x".to_string() }.is_retryable());
        assert!(!ExplorerError::BadRequest {
            message: "Invalid hex string".to_string()
        }
        .is_retryable());
    }
}
