//! The search box: an address or a txid; bad input gets a message that says exactly what is wrong.

use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::chain::{parse_query, Chain, Query};
use crate::route::Target;
use crate::web::app::AppRoute;

#[component]
pub fn SearchBar() -> Html {
    let input_ref = use_node_ref();
    let error = use_state(|| None::<String>);
    let navigator = use_navigator();

    let onsubmit = {
        let input_ref = input_ref.clone();
        let error = error.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(input) = input_ref.cast::<HtmlInputElement>() else {
                return;
            };
            match parse_query(Chain::Btc, &input.value()) {
                Ok(query) => {
                    error.set(None);
                    let target = match query {
                        Query::Address(address) => Target::Address(address),
                        Query::Tx(txid) => Target::Tx(Chain::Btc, txid),
                    };
                    if let Some(navigator) = &navigator {
                        navigator.push(&AppRoute::of(&target));
                    }
                }
                Err(err) => error.set(Some(err.to_string())),
            }
        })
    };

    html! {
        <form class="search" role="search" {onsubmit}>
            <label for="search-input" class="visually-hidden">{ "Bitcoin address or transaction id" }</label>
            <input id="search-input" ref={input_ref} type="search" spellcheck="false" autocomplete="off"
                placeholder="Bitcoin address or transaction id"
                aria-invalid={error.is_some().to_string()} aria-describedby="search-error" />
            <button type="submit">{ "Trace" }</button>
            if let Some(message) = (*error).clone() {
                <p id="search-error" class="search-error" role="alert">{ message }</p>
            }
        </form>
    }
}
