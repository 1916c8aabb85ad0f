//! The page's language: `?lang=`, else the link's view, else the browser's preferences; given to
//! every component through a context (a change re-renders them) and reflected in `<html lang>`.

use yew::prelude::*;

use crate::i18n::Lang;

/// The language components speak (English outside a provider).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The browser's preferred languages, most preferred first.
#[must_use]
pub fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut tags: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if tags.is_empty() {
        tags.extend(navigator.language());
    }
    tags
}

/// The page's language: the one asked for (URL, link or menu), else the browser's.
#[must_use]
pub fn resolve(asked: Option<&str>) -> Lang {
    asked
        .and_then(Lang::from_tag)
        .unwrap_or_else(|| Lang::negotiate(&browser_languages()))
}

/// Sets `<html lang>`, so assistive technology reads the page in its language.
pub fn reflect_in_document(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        root.set_attribute("lang", lang.html_tag()).ok();
    }
}

/// Puts `lang=` into the address bar's query (replacing one there), keeping the rest and the
/// hash, so a reload speaks the language the reader chose.
pub fn write_to_url(lang: Lang) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let mut pairs: Vec<String> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("lang="))
        .map(str::to_string)
        .collect();
    pairs.push(format!("lang={}", lang.code()));
    let url = format!(
        "{}?{}{}",
        location.pathname().unwrap_or_default(),
        pairs.join("&"),
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        history
            .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            .ok();
    }
}
