//! The reader's own label and note on one node (an address or a transaction): add, edit,
//! delete. Kept in the browser; shown as a tag like any other (dataset "your labels").

use wasm_bindgen::JsCast as _;
use yew::prelude::*;

use crate::chain::Chain;
use crate::labels::user::{UserLabel, MAX_LABEL_CHARS, MAX_NOTE_CHARS};
use crate::labels::Category;
use crate::tr;

#[derive(Properties, PartialEq)]
pub struct UserLabelEditorProps {
    pub chain: Chain,
    /// The node: an address (canonical form) or a txid.
    pub node: String,
    /// The reader's label of the node, if any.
    pub own: Option<UserLabel>,
    /// The label the link's author shared for the node, if any (shown, not editable).
    pub from_link: Option<UserLabel>,
    /// Save (an empty label and note deletes).
    pub onsave: Callback<UserLabel>,
}

fn field_value(id: &str) -> String {
    let document = web_sys::window().and_then(|w| w.document());
    let element = document.and_then(|d| d.get_element_by_id(id));
    if let Some(input) = element
        .clone()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        return input.value();
    }
    if let Some(area) = element
        .clone()
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        return area.value();
    }
    element
        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

#[component]
pub fn UserLabelEditor(props: &UserLabelEditorProps) -> Html {
    let lang = crate::web::lang::use_lang();
    // Editing opens with the fields filled in; a node without a label shows just the button.
    let editing = use_state(|| false);
    {
        let editing = editing.clone();
        use_effect_with(props.node.clone(), move |_| editing.set(false));
    }
    let save = {
        let (chain, node, onsave, editing) = (props.chain, props.node.clone(), props.onsave.clone(), editing.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            onsave.emit(UserLabel {
                chain,
                key: node.clone(),
                label: field_value("user-label-text"),
                category: Category::from_code(&field_value("user-label-category")).unwrap_or(Category::Other),
                note: field_value("user-label-note"),
            });
            editing.set(false);
        })
    };
    let delete = {
        let (chain, node, onsave, editing) = (props.chain, props.node.clone(), props.onsave.clone(), editing.clone());
        Callback::from(move |_| {
            onsave.emit(UserLabel {
                chain,
                key: node.clone(),
                label: String::new(),
                category: Category::Other,
                note: String::new(),
            });
            editing.set(false);
        })
    };
    let open = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(true))
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(false))
    };
    let shown = |label: &UserLabel, whose: String, class: &str| {
        html! {
            <div class={classes!("user-label", class.to_string())}>
                <span class="muted">{ whose }</span>
                if !label.label.is_empty() {
                    { " " }<strong class="user-label-text">{ &label.label }</strong>
                    <span class={classes!("category-chip", format!("category-{}", label.category.code()))}>{ label.category.code() }</span>
                }
                if !label.note.is_empty() {
                    <p class="user-note">{ &label.note }</p>
                }
            </div>
        }
    };
    let own = props.own.clone().unwrap_or(UserLabel {
        chain: props.chain,
        key: props.node.clone(),
        label: String::new(),
        category: Category::Other,
        note: String::new(),
    });
    html! {
        <section id="user-label" class="user-label-editor" aria-label={tr!(lang, "user_label_editor.label")}>
            if let Some(label) = &props.from_link {
                { shown(label, tr!(lang, "user_label_editor.from_link"), "from-link") }
            }
            if *editing {
                <form onsubmit={save}>
                    <label for="user-label-text">{ tr!(lang, "user_label_editor.your_label") }</label>
                    <input id="user-label-text" type="text" maxlength={MAX_LABEL_CHARS.to_string()} value={own.label.clone()}
                        placeholder={tr!(lang, "user_label_editor.placeholder")} />
                    <label for="user-label-category">{ tr!(lang, "user_label_editor.category") }</label>
                    <select id="user-label-category">
                        { for Category::ALL.iter().map(|c| html! {
                            <option value={c.code()} selected={*c == own.category}>{ c.code() }</option>
                        }) }
                    </select>
                    <label for="user-label-note">{ tr!(lang, "user_label_editor.note") }</label>
                    <textarea id="user-label-note" rows="3" maxlength={MAX_NOTE_CHARS.to_string()} value={own.note.clone()} />
                    <div class="row">
                        <button id="user-label-save" class="action" type="submit">{ tr!(lang, "user_label_editor.save") }</button>
                        <button type="button" onclick={cancel}>{ tr!(lang, "user_label_editor.cancel") }</button>
                        if props.own.is_some() {
                            <button id="user-label-delete" type="button" onclick={delete}>{ tr!(lang, "user_label_editor.delete") }</button>
                        }
                    </div>
                </form>
            } else {
                if let Some(label) = &props.own {
                    { shown(label, tr!(lang, "user_label_editor.yours"), "own") }
                }
                <button id="user-label-edit" class="action" onclick={open}>{
                    if props.own.is_some() { tr!(lang, "user_label_editor.edit") } else { tr!(lang, "user_label_editor.add") }
                }</button>
            }
        </section>
    }
}
