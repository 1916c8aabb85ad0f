//! A panic in wasm kills the page; this hook at least tells the reader, in place of a dead canvas.

use wasm_bindgen::JsCast as _;

/// Logs the panic to the console and shows it in `#panic` (index.html has it, hidden).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("Spoor stopped because of an internal error: {info}");
        web_sys::console::error_1(&message.clone().into());
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(element) = document.get_element_by_id("panic") {
            element.set_text_content(Some(&format!("{message}. Reload the page to start again.")));
            if let Ok(html) = element.dyn_into::<web_sys::HtmlElement>() {
                html.set_hidden(false);
            }
        }
    }));
}
