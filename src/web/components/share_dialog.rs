//! The Share dialog: the link to this view, the iframe code for an article, and downloads of
//! the view (PNG, SVG, CSV, GraphML, GEXF, case file); also opens a case file from disk.

use wasm_bindgen::JsCast as _;
use yew::prelude::*;

use crate::web::download;
use crate::web::exports::ExportKind;

#[derive(Properties, PartialEq)]
pub struct ShareDialogProps {
    /// The full link to the view.
    pub link: String,
    /// The iframe code for the view in embed mode.
    pub snippet: String,
    /// The source note every export carries.
    pub source_note: String,
    pub onexport: Callback<ExportKind>,
    pub onopenfile: Callback<web_sys::File>,
    pub onclose: Callback<()>,
    /// How many labels and notes the reader has.
    pub user_label_count: usize,
    /// Whether the link carries them (the reader's choice).
    pub share_user_labels: bool,
    pub onshareuserlabels: Callback<bool>,
    pub onexportuserlabels: Callback<()>,
    pub onimportuserlabels: Callback<web_sys::File>,
}

#[component]
pub fn ShareDialog(props: &ShareDialogProps) -> Html {
    let lang = crate::web::lang::use_lang();
    let status = use_state(String::new);
    let png_scale = use_state(|| 2_u32);
    let copy = |text: String, done: String| {
        let status = status.clone();
        Callback::from(move |_| {
            let (status, text, done) = (status.clone(), text.clone(), done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match download::copy_text(&text).await {
                    Ok(()) => status.set(done),
                    Err(message) => status.set(message),
                }
            });
        })
    };
    let export = |kind: ExportKind| {
        let onexport = props.onexport.clone();
        Callback::from(move |_| onexport.emit(kind))
    };
    let on_scale = {
        let png_scale = png_scale.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                png_scale.set(select.value().parse().unwrap_or(2));
            }
        })
    };
    let on_file = {
        let onopenfile = props.onopenfile.clone();
        Callback::from(move |e: Event| {
            let input = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(file) = input.and_then(|i| i.files()).and_then(|files| files.get(0)) {
                onopenfile.emit(file);
            }
        })
    };
    let on_share_labels = {
        let onshare = props.onshareuserlabels.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                onshare.emit(input.checked());
            }
        })
    };
    let on_import_labels = {
        let onimport = props.onimportuserlabels.clone();
        Callback::from(move |e: Event| {
            let input = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(file) = input
                .as_ref()
                .and_then(web_sys::HtmlInputElement::files)
                .and_then(|files| files.get(0))
            {
                onimport.emit(file);
            }
            // The same file may be imported again after editing it.
            if let Some(input) = input {
                input.set_value("");
            }
        })
    };
    let export_labels = {
        let onexport = props.onexportuserlabels.clone();
        Callback::from(move |_| onexport.emit(()))
    };
    let on_key = {
        let onclose = props.onclose.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                onclose.emit(());
            }
        })
    };
    let close = {
        let onclose = props.onclose.clone();
        Callback::from(move |_| onclose.emit(()))
    };
    html! {
        <div id="share-dialog" class="dialog" role="dialog" aria-modal="true" aria-labelledby="share-heading" onkeydown={on_key}>
            <h2 id="share-heading">{ crate::tr!(lang, "share.heading") }</h2>
            <label for="share-link">{ crate::tr!(lang, "share.link_label") }</label>
            <div class="row">
                <input id="share-link" type="text" readonly=true value={props.link.clone()} />
                <button id="copy-link" class="action" onclick={copy(props.link.clone(), crate::tr!(lang, "share.link_copied"))}>{ crate::tr!(lang, "share.copy_link") }</button>
            </div>
            <label class="check">
                <input id="share-user-labels" type="checkbox" checked={props.share_user_labels} onchange={on_share_labels} />
                { " " }{ crate::tr!(lang, "share.include_labels", count = crate::i18n::group(lang, props.user_label_count as u64)) }
            </label>
            <label for="share-iframe">{ crate::tr!(lang, "share.embed_label") }</label>
            <textarea id="share-iframe" readonly=true rows="5" value={props.snippet.clone()} />
            <button id="copy-iframe" class="action" onclick={copy(props.snippet.clone(), crate::tr!(lang, "share.embed_copied"))}>{ crate::tr!(lang, "share.copy_embed") }</button>
            <h3>{ crate::tr!(lang, "share.download") }</h3>
            <p class="muted" id="share-source">{ props.source_note.clone() }</p>
            <div class="row wrap">
                <label>{ "PNG " }
                    <select id="png-scale" aria-label={crate::tr!(lang, "share.png_scale")} onchange={on_scale}>
                        <option value="1">{ "1×" }</option>
                        <option value="2" selected=true>{ "2×" }</option>
                        <option value="4">{ "4×" }</option>
                    </select>
                </label>
                <button id="export-png" onclick={export(ExportKind::Png(*png_scale))}>{ crate::tr!(lang, "share.png") }</button>
                <button id="export-svg" onclick={export(ExportKind::Svg)}>{ crate::tr!(lang, "share.svg") }</button>
                <button id="export-csv" onclick={export(ExportKind::Csv)}>{ crate::tr!(lang, "share.csv") }</button>
                <button id="export-graphml" onclick={export(ExportKind::GraphMl)}>{ "GraphML (Gephi)" }</button>
                <button id="export-gexf" onclick={export(ExportKind::Gexf)}>{ "GEXF (Gephi)" }</button>
                <button id="export-case" onclick={export(ExportKind::Case)}>{ crate::tr!(lang, "share.case") }</button>
            </div>
            <h3>{ crate::tr!(lang, "share.your_labels") }</h3>
            <div class="row wrap">
                <button id="export-user-labels" onclick={export_labels} disabled={props.user_label_count == 0}>
                    { crate::tr!(lang, "share.export_labels", count = crate::i18n::group(lang, props.user_label_count as u64)) }
                </button>
                <label for="import-user-labels">{ crate::tr!(lang, "share.import_labels") }</label>
                <input id="import-user-labels" type="file" accept=".csv,text/csv" onchange={on_import_labels} />
            </div>
            <label for="open-case">{ crate::tr!(lang, "share.open_case") }</label>
            <input id="open-case" type="file" accept=".json,application/json" onchange={on_file} />
            <p id="share-status" role="status" aria-live="polite">{ (*status).clone() }</p>
            <button id="share-close" class="link" onclick={close}>{ crate::tr!(lang, "share.close") }</button>
        </div>
    }
}
