//! The settings field: which explorer the page reads for the chain shown (mempool.space,
//! blockstream.info, a Blockbook server, your own), and which API it speaks.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub api_base_url: String,
    pub onchange: Callback<String>,
    /// The chain whose explorer this is, and the API it speaks.
    pub chain: crate::chain::Chain,
    pub api_kind: crate::explorer::ApiKind,
}

#[component]
pub fn Settings(props: &SettingsProps) -> Html {
    let input_ref = use_node_ref();
    let lang = crate::web::lang::use_lang();
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
            <summary>{ crate::tr!(lang, "settings.explorer") }</summary>
            <form {onsubmit}>
                <label for="api-input">{ match props.api_kind {
                    crate::explorer::ApiKind::Esplora => crate::tr!(lang, "settings.esplora_url", chain = props.chain.name()),
                    crate::explorer::ApiKind::Blockbook => crate::tr!(lang, "settings.blockbook_server", chain = props.chain.name()),
                } }</label>
                <input id="api-input" ref={input_ref} type="url" value={props.api_base_url.clone()}
                    placeholder={crate::explorer::Provider::default_for(props.chain).base_url} />
                <button type="submit">{ crate::tr!(lang, "settings.use") }</button>
            </form>
        </details>
    }
}
