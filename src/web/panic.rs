//! A panic in wasm kills the page; this hook at least tells the reader, in place of a dead canvas.

use wasm_bindgen::JsCast as _;

/// Logs the panic to the console and shows it in `#panic` (index.html has it, hidden).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Spoor stopped because of an internal error: {info}").into());
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        // In the page's language (`<html lang>` follows it); the technical detail stays as it came.
        let lang = document
            .document_element()
            .and_then(|root| root.get_attribute("lang"))
            .and_then(|tag| crate::i18n::Lang::from_tag(&tag))
            .unwrap_or_default();
        if let Some(element) = document.get_element_by_id("panic") {
            element.set_text_content(Some(&crate::tr!(lang, "app.panic", detail = info.to_string())));
            if let Ok(html) = element.dyn_into::<web_sys::HtmlElement>() {
                html.set_hidden(false);
            }
        }
    }));
}
