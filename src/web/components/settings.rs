//! The settings field: which Esplora API the page reads (mempool.space, blockstream.info, your own).

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub api_base_url: String,
    pub onchange: Callback<String>,
}

#[component]
pub fn Settings(props: &SettingsProps) -> Html {
    let input_ref = use_node_ref();
    let onsubmit = {
        let input_ref = input_ref.clone();
        let onchange = props.onchange.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                let url = input.value().trim().trim_end_matches('/').to_string();
                if !url.is_empty() {
                    onchange.emit(url);
                }
            }
        })
    };
    html! {
        <details class="settings">
            <summary>{ "Explorer" }</summary>
            <form {onsubmit}>
                <label for="api-input">{ "Esplora API base URL" }</label>
                <input id="api-input" ref={input_ref} type="url" value={props.api_base_url.clone()}
                    placeholder="https://mempool.space/api" />
                <button type="submit">{ "Use" }</button>
            </form>
        </details>
    }
}
