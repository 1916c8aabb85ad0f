//! The stand-in's injected trouble, decided reproducibly from a seed: bursts of 429 with
//! `Retry-After`, 5xx replies, replies slower than the client's timeout, JSON bodies cut off
//! mid-way and JSON bodies that are not JSON.
//!
//! Every decision but the bursts is a pure function of the seed, the request path and how often
//! that path was asked before, so concurrency cannot change which request of a lookup fails: the
//! third request for `/tx/ab…` under seed 7 always gets the same treatment. Bursts go by the
//! clock (the caller's, so this stays pure): every request in the last `length_ms` of every
//! `every_ms` is refused with a `Retry-After` that ends the burst, like a host shedding load.

use std::collections::HashMap;

use super::answer::{Answer, JSON};
use crate::seeded;

/// Why a fault option was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FaultError {
    /// A rate outside 0–1 (or not a number).
    #[error("--{name} must be between 0 and 1, not {value}")]
    Rate {
        /// The option's name.
        name: &'static str,
        /// What was given.
        value: f64,
    },
    /// The rates of the per-request faults add up to more than 1.
    #[error("--fail-rate, --slow-rate, --truncate-rate and --malformed-rate add up to {0}, more than 1")]
    RatesAbove1(f64),
    /// `--burst-429` is not `LENGTH_MS/EVERY_MS` with 1 ≤ LENGTH_MS < EVERY_MS.
    #[error("--burst-429 {0:?} is not LENGTH_MS/EVERY_MS with 1 ≤ LENGTH_MS < EVERY_MS (e.g. 500/4000)")]
    Burst(String),
}

/// Bursts of 429: every request in the last `length_ms` of every `every_ms` is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Burst {
    /// How long a burst lasts.
    pub length_ms: u64,
    /// A burst ends every this many milliseconds (the clock's origin is a period's start).
    pub every_ms: u64,
}

impl Burst {
    /// Whether `now_ms` is inside a burst; if so, the whole seconds until it ends (at least 1),
    /// which the refusal's `Retry-After` says.
    #[must_use]
    pub fn retry_after_secs(&self, now_ms: u64) -> Option<u32> {
        let into_period_ms = now_ms % self.every_ms.max(1);
        let left_ms = self.every_ms.checked_sub(into_period_ms)?;
        (left_ms <= self.length_ms).then(|| u32::try_from(left_ms.div_ceil(1000).max(1)).unwrap_or(u32::MAX))
    }
}

/// Parses `--burst-429 LENGTH_MS/EVERY_MS` (e.g. `500/4000`: the last half second of every
/// four is a burst of 429s, each with a `Retry-After` that ends it).
///
/// # Errors
/// Anything else, a zero length, or a length not below `every`.
///
/// ```
/// use spoor::standin::parse_burst;
/// assert_eq!(parse_burst("500/4000").unwrap().every_ms, 4000);
/// assert!(parse_burst("4000/4000").is_err());
/// ```
pub fn parse_burst(text: &str) -> Result<Burst, FaultError> {
    let refuse = || FaultError::Burst(text.to_string());
    let (length, every) = text.trim().split_once('/').ok_or_else(refuse)?;
    let length_ms: u64 = length.trim().parse().map_err(|_| refuse())?;
    let every_ms: u64 = every.trim().parse().map_err(|_| refuse())?;
    if length_ms == 0 || length_ms >= every_ms {
        return Err(refuse());
    }
    Ok(Burst { length_ms, every_ms })
}

/// What trouble to inject, and how often. The rates are shares of API requests (0–1) and are
/// exclusive: together at most 1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FaultPlan {
    /// Seed of every decision.
    pub seed: u64,
    /// Share answered 500, 502 or 503 (`--fail-rate`).
    pub fail_rate: f64,
    /// Share answered only after `slow_ms` (`--slow-rate`).
    pub slow_rate: f64,
    /// The delay of a slow reply: longer than the client's timeout (`--slow-ms`).
    pub slow_ms: u64,
    /// Share of 200 JSON bodies cut off mid-way (`--truncate-rate`).
    pub truncate_rate: f64,
    /// Share of 200 JSON bodies made invalid (`--malformed-rate`).
    pub malformed_rate: f64,
    /// Bursts of 429 (`--burst-429`).
    pub burst_429: Option<Burst>,
}

impl FaultPlan {
    /// A plan with only `--fail-rate` (what the stand-in offered first).
    #[must_use]
    pub fn failing(seed: u64, fail_rate: f64) -> FaultPlan {
        FaultPlan {
            seed,
            fail_rate,
            ..FaultPlan::default()
        }
    }

    /// Checks the rates.
    ///
    /// # Errors
    /// A rate outside 0–1, or rates adding up to more than 1.
    pub fn check(&self) -> Result<(), FaultError> {
        let rates = [
            ("fail-rate", self.fail_rate),
            ("slow-rate", self.slow_rate),
            ("truncate-rate", self.truncate_rate),
            ("malformed-rate", self.malformed_rate),
        ];
        for (name, value) in rates {
            if !(0.0..=1.0).contains(&value) {
                return Err(FaultError::Rate { name, value });
            }
        }
        let total: f64 = rates.iter().map(|(_, rate)| rate).sum();
        if total > 1.0 + 1e-9 {
            return Err(FaultError::RatesAbove1(total));
        }
        Ok(())
    }

    /// Whether the plan injects anything at all.
    #[must_use]
    pub fn is_quiet(&self) -> bool {
        self.burst_429.is_none()
            && [self.fail_rate, self.slow_rate, self.truncate_rate, self.malformed_rate]
                .iter()
                .all(|rate| rate.is_nan() || *rate <= 0.0)
    }
}

/// How a 200 JSON body is made unreadable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformation {
    /// A control character (U+0001) inserted somewhere: invalid inside a string and outside one.
    ControlByte,
    /// The anti-XSSI prefix `)]}'` before the JSON.
    XssiPrefix,
    /// An HTML page instead (a proxy's or a captive portal's), still with status 200.
    HtmlPage,
}

/// What happens to one API request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Answered as the chain file says.
    None,
    /// 429 with `Retry-After` (a burst).
    TooManyRequests {
        /// Seconds the client is asked to wait.
        retry_after_secs: u32,
    },
    /// 500, 502 or 503.
    ServerError {
        /// The status sent.
        status: u16,
    },
    /// Answered correctly, but only after a delay past the client's timeout.
    Slow {
        /// The delay.
        delay_ms: u64,
    },
    /// A 200 JSON body cut off: `keep_per_mille` ‰ of it (rounded down, at least one byte
    /// short) is sent, with an honest `Content-Length`.
    Truncate {
        /// How much of the body is kept, in thousandths.
        keep_per_mille: u32,
    },
    /// A 200 JSON body made invalid.
    Malformed {
        /// How.
        how: Malformation,
        /// Where a control byte goes, in thousandths of the body.
        at_per_mille: u32,
    },
}

impl Fault {
    /// The answer as this fault sends it. Statuses and delays are for the server to apply; only
    /// body faults change the answer, and only a 200 JSON one (numbers and errors pass as they are).
    #[must_use]
    pub fn spoil(&self, answer: Answer) -> Answer {
        if answer.status != 200 || answer.content_type != JSON {
            return answer;
        }
        match *self {
            Fault::Truncate { keep_per_mille } => {
                let len = answer.body.len();
                let keep = char_boundary(&answer.body, len.saturating_mul(keep_per_mille as usize) / 1000)
                    .min(len.saturating_sub(1));
                let body = answer.body.get(..keep).unwrap_or_default().to_string();
                Answer { body, ..answer }
            }
            Fault::Malformed { how, at_per_mille } => match how {
                Malformation::ControlByte => {
                    let len = answer.body.len();
                    let at = char_boundary(&answer.body, len.saturating_mul(at_per_mille as usize) / 1000);
                    let mut body = answer.body;
                    body.insert(at, '\u{1}');
                    Answer { body, ..answer }
                }
                Malformation::XssiPrefix => Answer {
                    body: format!(")]}}'\n{}", answer.body),
                    ..answer
                },
                Malformation::HtmlPage => Answer {
                    status: 200,
                    content_type: "text/html",
                    body: "<html><head><title>Please wait</title></head><body><h1>Checking your browser…</h1></body></html>"
                        .to_string(),
                },
            },
            Fault::None | Fault::TooManyRequests { .. } | Fault::ServerError { .. } | Fault::Slow { .. } => answer,
        }
    }
}

/// The largest char boundary of `text` at or below `at`.
fn char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Decides, reproducibly from the plan's seed, what happens to each API request.
#[derive(Debug, Clone)]
pub struct FaultInjector {
    plan: FaultPlan,
    /// How often each path was asked so far.
    asked: HashMap<String, u64>,
}

impl FaultInjector {
    /// An injector following `plan` (check it first: rates out of range are clamped here).
    #[must_use]
    pub fn new(plan: FaultPlan) -> FaultInjector {
        FaultInjector {
            plan,
            asked: HashMap::new(),
        }
    }

    /// The fault of the next request for `path` (the API path, query included), arriving at
    /// `now_ms` on the server's clock.
    pub fn decide(&mut self, path: &str, now_ms: u64) -> Fault {
        if let Some(retry_after_secs) = self.plan.burst_429.and_then(|burst| burst.retry_after_secs(now_ms)) {
            return Fault::TooManyRequests { retry_after_secs };
        }
        let asked = self.asked.entry(path.to_string()).or_insert(0);
        let nth = *asked;
        *asked += 1;
        let draw = seeded::draw(self.plan.seed, path, nth);
        let detail = seeded::splitmix64(draw);
        let mut uniform = seeded::unit_interval(draw);
        let per_mille = u32::try_from(detail % 1000).unwrap_or(0);
        let plan = &self.plan;
        let kinds: [(f64, Fault); 4] = [
            (
                plan.fail_rate,
                Fault::ServerError {
                    status: [500, 502, 503][usize::try_from(detail % 3).unwrap_or(0)],
                },
            ),
            (plan.slow_rate, Fault::Slow { delay_ms: plan.slow_ms }),
            (
                plan.truncate_rate,
                Fault::Truncate {
                    keep_per_mille: per_mille,
                },
            ),
            (
                plan.malformed_rate,
                Fault::Malformed {
                    how: [
                        Malformation::ControlByte,
                        Malformation::XssiPrefix,
                        Malformation::HtmlPage,
                    ][usize::try_from((detail >> 16) % 3).unwrap_or(0)],
                    at_per_mille: per_mille,
                },
            ),
        ];
        for (rate, fault) in kinds {
            let rate = if rate.is_nan() { 0.0 } else { rate.clamp(0.0, 1.0) };
            if uniform < rate {
                return fault;
            }
            uniform -= rate;
        }
        Fault::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> FaultPlan {
        FaultPlan {
            seed: 7,
            fail_rate: 0.2,
            slow_rate: 0.05,
            slow_ms: 30_000,
            truncate_rate: 0.05,
            malformed_rate: 0.05,
            burst_429: None,
        }
    }

    fn faults(plan: FaultPlan, paths: usize, times: usize) -> Vec<Fault> {
        let mut injector = FaultInjector::new(plan);
        (0..times)
            .flat_map(|_| (0..paths).map(|p| format!("/tx/{p}")).collect::<Vec<_>>())
            .map(|path| injector.decide(&path, 0))
            .collect()
    }

    #[test]
    fn a_path_gets_the_same_faults_whatever_else_is_asked_in_between() {
        let mut alone = FaultInjector::new(plan());
        let alone: Vec<Fault> = (0..50).map(|_| alone.decide("/tx/ab", 0)).collect();
        let mut mixed = FaultInjector::new(plan());
        let mixed: Vec<Fault> = (0..50)
            .map(|n| {
                mixed.decide(&format!("/tx/other{n}"), 0);
                mixed.decide("/tx/ab", 0)
            })
            .collect();
        assert_eq!(alone, mixed);
        let mut reseeded = FaultInjector::new(FaultPlan { seed: 8, ..plan() });
        let reseeded: Vec<Fault> = (0..50).map(|_| reseeded.decide("/tx/ab", 0)).collect();
        assert_ne!(alone, reseeded);
    }

    #[test]
    fn each_kind_comes_at_about_its_rate() {
        let all = faults(plan(), 1000, 4);
        let share = |wanted: fn(&Fault) -> bool| all.iter().filter(|f| wanted(f)).count();
        let n = all.len();
        let near = |count: usize, rate: f64| {
            #[allow(clippy::cast_precision_loss)]
            let got = count as f64 / n as f64;
            (got - rate).abs() < 0.02
        };
        assert!(near(share(|f| matches!(f, Fault::ServerError { .. })), 0.2));
        assert!(near(share(|f| matches!(f, Fault::Slow { .. })), 0.05));
        assert!(near(share(|f| matches!(f, Fault::Truncate { .. })), 0.05));
        assert!(near(share(|f| matches!(f, Fault::Malformed { .. })), 0.05));
        assert!(near(share(|f| *f == Fault::None), 0.65));
        assert!(faults(FaultPlan::default(), 100, 3).iter().all(|f| *f == Fault::None));
        assert!(FaultPlan::default().is_quiet() && !plan().is_quiet());
    }

    #[test]
    fn bursts_refuse_the_end_of_every_period_until_their_retry_after() {
        let mut injector = FaultInjector::new(FaultPlan {
            burst_429: Some(parse_burst("1500/4000").unwrap()),
            ..FaultPlan::default()
        });
        let at = |injector: &mut FaultInjector, ms| injector.decide("/tx/ab", ms);
        assert_eq!(at(&mut injector, 0), Fault::None);
        assert_eq!(at(&mut injector, 2_499), Fault::None);
        assert_eq!(at(&mut injector, 2_500), Fault::TooManyRequests { retry_after_secs: 2 });
        assert_eq!(at(&mut injector, 3_100), Fault::TooManyRequests { retry_after_secs: 1 });
        assert_eq!(at(&mut injector, 3_999), Fault::TooManyRequests { retry_after_secs: 1 });
        assert_eq!(at(&mut injector, 4_000), Fault::None);
        assert_eq!(at(&mut injector, 7_000), Fault::TooManyRequests { retry_after_secs: 1 });
        assert!(parse_burst("0/10").is_err() && parse_burst("3").is_err() && parse_burst("a/b").is_err());
    }

    #[test]
    fn spoiled_json_bodies_never_parse_and_other_answers_pass_unchanged() {
        let body = r#"{"txid":"ab","vout":[{"value":1,"scriptpubkey_address":"bc1qé"}],"status":{"confirmed":true}}"#;
        for per_mille in (0..1000).step_by(7) {
            let spoiled = [
                Fault::Truncate {
                    keep_per_mille: per_mille,
                },
                Fault::Malformed {
                    how: Malformation::ControlByte,
                    at_per_mille: per_mille,
                },
                Fault::Malformed {
                    how: Malformation::XssiPrefix,
                    at_per_mille: per_mille,
                },
                Fault::Malformed {
                    how: Malformation::HtmlPage,
                    at_per_mille: per_mille,
                },
            ];
            for fault in spoiled {
                let answer = fault.spoil(Answer::json(body.to_string()));
                assert!(
                    serde_json::from_str::<serde_json::Value>(&answer.body).is_err(),
                    "{fault:?} gave {:?}",
                    answer.body
                );
            }
        }
        let text = Answer::text(200, "812");
        let cut = Fault::Truncate { keep_per_mille: 500 };
        assert_eq!(cut.spoil(text.clone()), text);
        let missing = Answer::text(404, "Transaction not found");
        assert_eq!(cut.spoil(missing.clone()), missing);
    }

    #[test]
    fn plans_with_impossible_rates_are_refused() {
        assert!(plan().check().is_ok());
        assert!(matches!(
            FaultPlan {
                fail_rate: 1.5,
                ..plan()
            }
            .check(),
            Err(FaultError::Rate { name: "fail-rate", .. })
        ));
        assert!(matches!(
            FaultPlan {
                fail_rate: 0.6,
                slow_rate: 0.6,
                ..plan()
            }
            .check(),
            Err(FaultError::RatesAbove1(_))
        ));
    }
}
