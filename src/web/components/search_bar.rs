//! The search box: an address or a txid of the chosen chain; bad input gets a message that says
//! exactly what is wrong. An address of another chain Spoor follows opens on that chain.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::chain::{parse_query, AddressError, Chain, Query, QueryError};
use crate::i18n::Lang;
use crate::route::Target;
use crate::web::app::AppRoute;

#[derive(Properties, PartialEq)]
pub struct SearchBarProps {
    /// The chain shown (the search's default).
    pub chain: Chain,
}

/// The target `text` names on `chain`, or on the one other chain it is an address of.
fn target_of(chain: Chain, text: &str) -> Result<Target, QueryError> {
    let to_target = |chain: Chain, query: Query| match query {
        Query::Address(address) => Target::Address(address),
        Query::Tx(txid) => Target::Tx(chain, txid),
    };
    match parse_query(chain, text) {
        Ok(query) => Ok(to_target(chain, query)),
        Err(err @ QueryError::Address(AddressError::OtherNetwork { .. })) => Chain::ALL
            .into_iter()
            .filter(|other| *other != chain)
            .find_map(|other| parse_query(other, text).ok().map(|query| to_target(other, query)))
            .ok_or(err),
        Err(err) => Err(err),
    }
}

/// Why the entry was refused, in `lang`.
fn error_text(lang: Lang, err: &QueryError) -> String {
    match err {
        QueryError::Empty => crate::tr!(lang, "search_bar.error_empty"),
        QueryError::ShortenedTxid => crate::tr!(lang, "search_bar.error_shortened_txid"),
        QueryError::EthereumTxHash => crate::tr!(lang, "search_bar.error_ethereum_hash"),
        QueryError::LinkWithoutTarget { link } => crate::tr!(lang, "search_bar.error_link_without_target", link = link),
        QueryError::Txid(txid) => txid.message(lang),
        QueryError::Address(address) => address.message(lang),
    }
}

#[component]
pub fn SearchBar(props: &SearchBarProps) -> Html {
    let input_ref = use_node_ref();
    let chain_ref = use_node_ref();
    let error = use_state(|| None::<QueryError>);
    let navigator = use_navigator();
    let lang = crate::web::lang::use_lang();

    let onsubmit = {
        let input_ref = input_ref.clone();
        let chain_ref = chain_ref.clone();
        let error = error.clone();
        let shown = props.chain;
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(input) = input_ref.cast::<HtmlInputElement>() else {
                return;
            };
            let chain = chain_ref
                .cast::<HtmlSelectElement>()
                .and_then(|select| Chain::from_code(&select.value()))
                .unwrap_or(shown);
            match target_of(chain, &input.value()) {
                Ok(target) => {
                    error.set(None);
                    if let Some(navigator) = &navigator {
                        navigator.push(&AppRoute::of(&target));
                    }
                }
                Err(err) => error.set(Some(err)),
            }
        })
    };

    html! {
        <form class="search" role="search" {onsubmit}>
            <label for="search-chain" class="visually-hidden">{ crate::tr!(lang, "search_bar.chain") }</label>
            <select id="search-chain" ref={chain_ref}>
                { for Chain::ALL.into_iter().map(|chain| html! {
                    <option value={chain.code()} selected={chain == props.chain}>{ chain.ticker() }</option>
                }) }
            </select>
            <label for="search-input" class="visually-hidden">{ crate::tr!(lang, "search_bar.query") }</label>
            <input id="search-input" ref={input_ref} type="search" spellcheck="false" autocomplete="off"
                placeholder={crate::tr!(lang, "search_bar.query")}
                aria-invalid={error.is_some().to_string()} aria-describedby="search-error" />
            <button type="submit">{ crate::tr!(lang, "search_bar.trace") }</button>
            if let Some(message) = error.as_ref().map(|err| error_text(lang, err)) {
                <p id="search-error" class="search-error" role="alert">{ message }</p>
            }
        </form>
    }
}
