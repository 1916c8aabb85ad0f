//! Files in and out of the page: downloads (a Blob behind a temporary link), reading a chosen or
//! dropped file, the clipboard. No HTTP here.

use wasm_bindgen::JsCast as _;
use wasm_bindgen::JsValue;

/// Offers `text` as a download named `file_name`.
///
/// # Errors
/// In words, when the browser refuses (no document, blocked object URLs).
pub fn save_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "The browser could not prepare the file.".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "The browser does not allow downloads from this page.".to_string())?;
    let result = save_url(file_name, &url);
    web_sys::Url::revoke_object_url(&url).ok();
    result
}

/// Offers the resource at `url` (an object or data URL) as a download named `file_name`.
///
/// # Errors
/// In words, when there is no document to hold the link.
pub fn save_url(file_name: &str, url: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("The page has no document.")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into().ok())
        .ok_or("The page could not make a download link.")?;
    link.set_href(url);
    link.set_download(file_name);
    link.click();
    Ok(())
}

/// The text of a file the reader chose or dropped.
///
/// # Errors
/// In words, when the file cannot be read.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| format!("Could not read {}.", file.name()))?;
    text.as_string().ok_or_else(|| format!("{} is not text.", file.name()))
}

/// Puts `text` on the clipboard (`navigator.clipboard.writeText`).
///
/// # Errors
/// In words, when the page may not write the clipboard (no permission, not a secure context).
pub async fn copy_text(text: &str) -> Result<(), String> {
    let refused = || "The browser did not allow copying; select the text and copy it by hand.".to_string();
    let navigator = web_sys::window().ok_or_else(refused)?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).map_err(|_| refused())?;
    let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(refused)?;
    let promise: js_sys::Promise = write
        .call1(&clipboard, &JsValue::from_str(text))
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or_else(refused)?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|_| refused())
}

/// Seconds since the Unix epoch by the reader's clock (for provenance; the core has no clock).
#[must_use]
pub fn now_secs() -> u64 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a positive date in ms
    let secs = (js_sys::Date::now() / 1000.0) as u64;
    secs
}
