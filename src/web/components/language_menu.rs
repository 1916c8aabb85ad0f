//! The language menu: English, Deutsch, 中文, 日本語, each named in its own language.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::web::lang::use_lang;

#[derive(Properties, PartialEq)]
pub struct LanguageMenuProps {
    pub onchange: Callback<Lang>,
}

#[component]
pub fn LanguageMenu(props: &LanguageMenuProps) -> Html {
    let lang = use_lang();
    let onchange = props.onchange.reform(|e: Event| {
        let value = e
            .target_dyn_into::<web_sys::HtmlSelectElement>()
            .map(|select| select.value())
            .unwrap_or_default();
        Lang::from_tag(&value).unwrap_or_default()
    });
    html! {
        <select id="language" class="language-menu" aria-label={crate::tr!(lang, "header.language")} {onchange}>
            { for Lang::ALL.into_iter().map(|option| html! {
                <option value={option.code()} lang={option.html_tag()} selected={option == lang}>{ option.native_name() }</option>
            }) }
        </select>
    }
}
