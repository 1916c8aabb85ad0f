//! The stand-in in process: `standin::answer` behind `standin::FaultInjector`, on a fake clock.
#![allow(dead_code)] // Each test crate uses a different subset.

use std::cell::{Cell, RefCell};

use spoor::explorer::{HttpReply, Transport, TransportError};
use spoor::simulate::Scenario;
use spoor::standin::{answer, ChainIndex, Fault, FaultInjector, FaultPlan};

/// Where the in-process stand-in answers: the Esplora API under `/api`, Blockbook's at the root.
pub const ROOT: &str = "http://stand-in";
pub const API: &str = "http://stand-in/api";

/// The stand-in in process: `standin::answer` behind `standin::FaultInjector`, on a fake clock
/// that only sleeps move. A slow reply never comes, so the scheduler's timeout ends it.
pub struct StandIn {
    index: ChainIndex,
    faults: RefCell<FaultInjector>,
    pub clock_ms: Cell<f64>,
    /// Every request: its path and what happened to it.
    pub log: RefCell<Vec<(String, Fault)>>,
}

impl StandIn {
    pub fn new(scenario: &Scenario, plan: FaultPlan) -> StandIn {
        StandIn {
            index: ChainIndex::from_jsonl(&scenario.chain_jsonl()).unwrap(),
            faults: RefCell::new(FaultInjector::new(plan)),
            clock_ms: Cell::new(0.0),
            log: RefCell::new(Vec::new()),
        }
    }

    pub fn requests(&self) -> usize {
        self.log.borrow().len()
    }

    pub fn count(&self, kind: fn(&Fault) -> bool) -> usize {
        self.log.borrow().iter().filter(|(_, fault)| kind(fault)).count()
    }
}

impl Transport for StandIn {
    async fn get(&self, url: &str) -> Result<HttpReply, TransportError> {
        let path = url.strip_prefix(API).unwrap_or(url).to_string();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let now_ms = self.clock_ms.get() as u64;
        let fault = self.faults.borrow_mut().decide(&path, now_ms);
        self.log.borrow_mut().push((path.clone(), fault));
        match fault {
            Fault::TooManyRequests { retry_after_secs } => Ok(HttpReply {
                status: 429,
                content_type: Some("application/json".into()),
                body: r#"{"error":"rate limit exceeded"}"#.into(),
                retry_after_secs: Some(retry_after_secs),
            }),
            Fault::ServerError { status } => Ok(HttpReply::text(status, "Internal server error")),
            Fault::Slow { .. } => std::future::pending().await,
            _ => {
                let answer = fault.spoil(answer(&self.index, &path));
                Ok(HttpReply {
                    status: answer.status,
                    content_type: Some(answer.content_type.to_string()),
                    body: answer.body,
                    retry_after_secs: None,
                })
            }
        }
    }

    async fn sleep_ms(&self, ms: u32) {
        self.clock_ms.set(self.clock_ms.get() + f64::from(ms));
    }

    fn now_ms(&self) -> f64 {
        self.clock_ms.get()
    }
}
