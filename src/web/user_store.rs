//! The reader's own labels and notes, kept across reloads in `localStorage`. Missing or blocked
//! storage means the labels last for the session only; nothing here may fail the page.

use crate::labels::user::UserLabels;

const KEY: &str = "spoor.user-labels";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The stored labels (none if there is no storage or nothing readable in it).
#[must_use]
pub fn load() -> UserLabels {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .map(|text| UserLabels::from_json(&text))
        .unwrap_or_default()
}

/// Stores the labels; returns whether the browser kept them.
pub fn save(labels: &UserLabels) -> bool {
    storage().is_some_and(|s| s.set_item(KEY, &labels.to_json()).is_ok())
}
