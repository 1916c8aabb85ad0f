//! Errors, conservation warnings and notes, in words.

use yew::prelude::*;

use crate::flow::ConservationWarning;
use crate::jobs::JobNote;
use crate::web::state::UiError;

#[derive(Properties, PartialEq)]
pub struct ErrorBannerProps {
    pub errors: Vec<UiError>,
    pub warnings: Vec<ConservationWarning>,
    pub notes: Vec<JobNote>,
    pub ondismiss: Callback<usize>,
}

#[component]
pub fn ErrorBanner(props: &ErrorBannerProps) -> Html {
    let lang = crate::web::lang::use_lang();
    let errors = props.errors.iter().enumerate().map(|(index, error)| {
        let ondismiss = props.ondismiss.reform(move |_| index);
        html! {
            <li class="error">
                <span>{ error.message(lang) }</span>
                <button class="dismiss" aria-label={crate::tr!(lang, "error_banner.dismiss")} onclick={ondismiss}>{ "×" }</button>
            </li>
        }
    });
    let warnings = props.warnings.iter().map(|w| {
        html! { <li class="warning">{ crate::tr!(lang, "error_banner.does_not_add_up", problem = w.message(lang)) }</li> }
    });
    let notes = props
        .notes
        .iter()
        .map(|n| html! { <li class="note">{ n.message(lang) }</li> });
    html! {
        <ul id="messages" class="messages" role="alert" aria-live="assertive">
            { for errors }
            { for warnings }
            { for notes }
        </ul>
    }
}
