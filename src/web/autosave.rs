//! The investigation on screen, kept in `localStorage` as it changes: the view link the address
//! bar shows (target, expansions, trace settings, layout, pins, camera). A reload keeps the URL
//! anyway; after a crash, a closed tab or a bare visit, the start page offers to continue there.
//! The reader's own labels are kept by `user_store`. Missing or blocked storage: nothing kept,
//! nothing fails.

use crate::route::Target;

const KEY: &str = "spoor.last-view";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Keeps the current view link (`#/btc/address/…?view=…`).
pub fn save(hash: &str) {
    if resumable(hash).is_some() {
        if let Some(storage) = storage() {
            storage.set_item(KEY, hash).ok();
        }
    }
}

/// The last kept view link and its target, if it still names one (storage can hold anything).
#[must_use]
pub fn load() -> Option<(String, Target)> {
    let hash = storage()?.get_item(KEY).ok()??;
    let target = resumable(&hash)?;
    Some((hash, target))
}

/// The target of a kept link: only `#/…` links naming a valid address or transaction.
fn resumable(hash: &str) -> Option<Target> {
    hash.starts_with("#/").then(|| Target::from_path(hash).ok()).flatten()
}
