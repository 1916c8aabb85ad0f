//! Height messages (iframe → article): the protocols news sites already listen to.

/// One message for `window.parent.postMessage`: a string (Pym.js) or a JSON value (the rest).
#[derive(Debug, Clone, PartialEq)]
pub enum HeightMessage {
    Text(String),
    Json(serde_json::Value),
}

/// What an embedded page posts when its height changes:
/// - Pym.js (NPR): `pymxPYMx<childId>xPYMxheightxPYMx<px>`, when the parent passed a `childId`;
/// - AMP `amp-iframe`: `{sentinel: "amp", type: "embed-size", height}`;
/// - Spoor's own JSON, shaped like Datawrapper's: `{"spoor-height": {"id": <frame id>, "height": <px>}}`.
///
/// ```
/// use spoor::embed::{height_messages, HeightMessage};
/// let messages = height_messages(640, Some("spoor-graph"), "f1");
/// assert_eq!(messages[0], HeightMessage::Text("pymxPYMxspoor-graphxPYMxheightxPYMx640".into()));
/// ```
#[must_use]
pub fn height_messages(height_px: u32, pym_child_id: Option<&str>, frame_id: &str) -> Vec<HeightMessage> {
    let mut messages = Vec::with_capacity(3);
    if let Some(id) = pym_child_id {
        messages.push(HeightMessage::Text(format!("pymxPYMx{id}xPYMxheightxPYMx{height_px}")));
    }
    messages.push(HeightMessage::Json(
        serde_json::json!({ "sentinel": "amp", "type": "embed-size", "height": height_px }),
    ));
    messages.push(HeightMessage::Json(
        serde_json::json!({ "spoor-height": { "id": frame_id, "height": height_px } }),
    ));
    messages
}
