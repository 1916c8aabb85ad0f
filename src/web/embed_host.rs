//! An embedded page tells the article around it how tall it is, in the protocols news sites
//! already listen to (`embed::height_messages`: Pym.js, AMP, Spoor's JSON), whenever its
//! height changes.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast as _, JsValue};

use crate::embed::{height_messages, HeightMessage};

/// Watches the document's height and posts it to the parent window. The observer lives as long
/// as the page (it is leaked on purpose: an embed never stops being one).
pub fn post_heights(frame_id: Option<String>, pym: bool) {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return;
    };
    let frame_id = frame_id.unwrap_or_else(|| "spoor".to_string());
    let last = std::cell::Cell::new(0_u32);
    let measured = root.clone();
    let post = move || {
        let height = u32::try_from(measured.scroll_height()).unwrap_or(0);
        if height == 0 || height == last.get() {
            return;
        }
        last.set(height);
        let pym_id = pym.then_some(frame_id.as_str());
        for message in height_messages(height, pym_id, &frame_id) {
            let value = match message {
                HeightMessage::Text(text) => JsValue::from_str(&text),
                // Through JSON.parse: listeners expect plain objects (not Maps).
                HeightMessage::Json(json) => js_sys::JSON::parse(&json.to_string()).unwrap_or(JsValue::NULL),
            };
            parent.post_message(&value, "*").ok();
        }
    };
    post();
    let callback = Closure::<dyn FnMut()>::new(post);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&root);
        if let Some(body) = window.document().and_then(|d| d.body()) {
            observer.observe(&body);
        }
        std::mem::forget(observer);
    }
    callback.forget();
}
