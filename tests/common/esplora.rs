//! Pieces shared by the tests that fake an Esplora server: scripted replies per URL and minimal
//! transaction JSON with numbered txids.
#![allow(dead_code)] // Each test crate uses a different subset.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};

use spoor::explorer::{HttpReply, TransportError};

/// Replies per URL, served in order; the last one repeats. An unscripted URL answers 404
/// `endpoint does not exist`, as electrs does.
#[derive(Default)]
pub struct ScriptedReplies(RefCell<HashMap<String, VecDeque<Result<HttpReply, TransportError>>>>);

impl ScriptedReplies {
    /// Adds `reply` after the replies already scripted for `url`.
    pub fn push(&self, url: &str, reply: Result<HttpReply, TransportError>) {
        self.0.borrow_mut().entry(url.to_string()).or_default().push_back(reply);
    }

    /// The next reply for `url`.
    pub fn next(&self, url: &str) -> Result<HttpReply, TransportError> {
        let mut replies = self.0.borrow_mut();
        let Some(queue) = replies.get_mut(url) else {
            return Ok(HttpReply::text(404, format!("endpoint does not exist {url:?}")));
        };
        if queue.len() > 1 {
            queue.pop_front().unwrap()
        } else {
            queue.front().cloned().unwrap()
        }
    }
}

/// A distinct 64-hex txid for `n`.
pub fn numbered_txid(n: u32) -> String {
    format!("{n:064x}")
}

/// The `status` object of tx `n`: confirmed at height 800,000 − n, or unconfirmed.
pub fn status_json(n: u32, confirmed: bool) -> String {
    if confirmed {
        format!(
            r#"{{"confirmed":true,"block_height":{},"block_hash":"{}","block_time":{}}}"#,
            800_000 - n,
            "00".repeat(32),
            1_700_000_000 - n
        )
    } else {
        r#"{"confirmed":false}"#.to_string()
    }
}

/// A minimal Esplora tx JSON with txid `n` and one output of `n` sats to `1A`.
pub fn tx_json(n: u32, confirmed: bool) -> String {
    format!(
        r#"{{"txid":"{}","version":2,"locktime":0,"vin":[],"vout":[{{"scriptpubkey":"","scriptpubkey_asm":"","scriptpubkey_type":"p2pkh","scriptpubkey_address":"1A","value":{n}}}],"size":1,"weight":4,"fee":0,"status":{}}}"#,
        numbered_txid(n),
        status_json(n, confirmed)
    )
}
