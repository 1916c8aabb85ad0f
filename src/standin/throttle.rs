//! The `--rate-limit` token bucket, on a caller-supplied clock so it stays pure and testable.

/// Why a `--rate-limit` value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RateLimitError {
    /// Not `N/s` or `N`.
    #[error("rate limit {0:?} is not of the form N/s or N")]
    Syntax(String),
    /// Zero would refuse everything.
    #[error("rate limit must be at least 1 request per second")]
    Zero,
}

/// Parses `--rate-limit`: `4/s` or a bare `4` (requests per second).
///
/// # Errors
/// Anything else, or zero.
pub fn parse_rate_limit(text: &str) -> Result<u32, RateLimitError> {
    let trimmed = text.trim();
    let number = trimmed.strip_suffix("/s").unwrap_or(trimmed).trim();
    let per_second: u32 = number.parse().map_err(|_| RateLimitError::Syntax(text.to_string()))?;
    if per_second == 0 {
        return Err(RateLimitError::Zero);
    }
    Ok(per_second)
}

/// A token bucket: holds at most `per_second` tokens (the burst), refills `per_second` tokens per
/// second. Kept in thousandths of a token so the refill is exact integer arithmetic.
#[derive(Debug, Clone)]
pub struct TokenBucket {
    capacity_milli: u64,
    per_second: u64,
    tokens_milli: u64,
    last_ms: u64,
}

impl TokenBucket {
    /// A full bucket for `per_second` requests per second, started at `now_ms`.
    #[must_use]
    pub fn new(per_second: u32, now_ms: u64) -> TokenBucket {
        let capacity_milli = u64::from(per_second) * 1000;
        TokenBucket {
            capacity_milli,
            per_second: u64::from(per_second),
            tokens_milli: capacity_milli,
            last_ms: now_ms,
        }
    }

    /// Takes one token at `now_ms` (milliseconds on any monotonic clock); `false` means "answer 429".
    pub fn try_take(&mut self, now_ms: u64) -> bool {
        let elapsed_ms = now_ms.saturating_sub(self.last_ms);
        self.last_ms = self.last_ms.max(now_ms);
        // `per_second` tokens per 1000 ms = `per_second` thousandths per ms.
        let refill_milli = elapsed_ms.saturating_mul(self.per_second);
        self.tokens_milli = self.tokens_milli.saturating_add(refill_milli).min(self.capacity_milli);
        if self.tokens_milli >= 1000 {
            self.tokens_milli -= 1000;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_per_second_suffix_and_bare_numbers() {
        assert_eq!(parse_rate_limit("4/s"), Ok(4));
        assert_eq!(parse_rate_limit("12"), Ok(12));
        assert!(parse_rate_limit("4/m").is_err());
        assert_eq!(parse_rate_limit("0/s"), Err(RateLimitError::Zero));
    }

    #[test]
    fn refuses_beyond_the_burst_and_refills_over_time() {
        let mut bucket = TokenBucket::new(2, 1_000);
        assert!(bucket.try_take(1_000));
        assert!(bucket.try_take(1_000));
        assert!(!bucket.try_take(1_000));
        // Half a second gives back one token at 2/s.
        assert!(bucket.try_take(1_500));
        assert!(!bucket.try_take(1_500));
        // A long pause refills only up to the burst.
        assert!(bucket.try_take(60_000));
        assert!(bucket.try_take(60_000));
        assert!(!bucket.try_take(60_000));
    }
}
