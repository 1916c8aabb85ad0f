//! Confirmed transactions kept across reloads in `localStorage`: they never change, so a reader
//! who reopens a permalink does not pay the explorer's rate limit again.

use crate::chain::{Tx, Txid};
use crate::explorer::TxStore;

const KEY_PREFIX: &str = "spoor.tx.";

/// A [`TxStore`] over the page's `localStorage`. Missing storage (private mode, blocked) is
/// treated as an empty store; nothing here may fail the trace.
#[derive(Debug, Default, Clone, Copy)]
pub struct LocalTxStore;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

impl TxStore for LocalTxStore {
    fn load(&self, txid: &Txid) -> Option<Tx> {
        let text = storage()?.get_item(&format!("{KEY_PREFIX}{txid}")).ok()??;
        let tx: Tx = serde_json::from_str(&text).ok()?;
        // A stored entry is only trusted for the txid it was stored under.
        (tx.txid == *txid && tx.status.height().is_some()).then_some(tx)
    }

    fn save(&self, tx: &Tx) {
        let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(tx)) else {
            return;
        };
        let key = format!("{KEY_PREFIX}{}", tx.txid);
        if storage.set_item(&key, &text).is_err() {
            // Quota reached: drop our cached transactions (only ours) and try once more.
            clear(&storage);
            storage.set_item(&key, &text).ok();
        }
    }
}

fn clear(storage: &web_sys::Storage) {
    let length = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..length)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(KEY_PREFIX))
        .collect();
    for key in keys {
        storage.remove_item(&key).ok();
    }
}
