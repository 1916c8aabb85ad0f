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
    let status = use_state(String::new);
    let png_scale = use_state(|| 2_u32);
    let copy = |text: String, done: &'static str| {
        let status = status.clone();
        Callback::from(move |_| {
            let (status, text) = (status.clone(), text.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match download::copy_text(&text).await {
                    Ok(()) => status.set(done.to_string()),
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
            <h2 id="share-heading">{ "Share this view" }</h2>
            <label for="share-link">{ "Link (reopens exactly this view, pinned to its block)" }</label>
            <div class="row">
                <input id="share-link" type="text" readonly=true value={props.link.clone()} />
                <button id="copy-link" class="action" onclick={copy(props.link.clone(), "Link copied.")}>{ "Copy link" }</button>
            </div>
            <label class="check">
                <input id="share-user-labels" type="checkbox" checked={props.share_user_labels} onchange={on_share_labels} />
                { format!(" Include my labels and notes on the nodes shown ({} in all) in the link, the embed and the case file", props.user_label_count) }
            </label>
            <label for="share-iframe">{ "Embed in an article" }</label>
            <textarea id="share-iframe" readonly=true rows="5" value={props.snippet.clone()} />
            <button id="copy-iframe" class="action" onclick={copy(props.snippet.clone(), "Embed code copied.")}>{ "Copy embed code" }</button>
            <h3>{ "Download" }</h3>
            <p class="muted" id="share-source">{ props.source_note.clone() }</p>
            <div class="row wrap">
                <label>{ "PNG " }
                    <select id="png-scale" aria-label="PNG scale" onchange={on_scale}>
                        <option value="1">{ "1×" }</option>
                        <option value="2" selected=true>{ "2×" }</option>
                        <option value="4">{ "4×" }</option>
                    </select>
                </label>
                <button id="export-png" onclick={export(ExportKind::Png(*png_scale))}>{ "PNG image" }</button>
                <button id="export-svg" onclick={export(ExportKind::Svg)}>{ "SVG image" }</button>
                <button id="export-csv" onclick={export(ExportKind::Csv)}>{ "CSV of transfers" }</button>
                <button id="export-graphml" onclick={export(ExportKind::GraphMl)}>{ "GraphML (Gephi)" }</button>
                <button id="export-gexf" onclick={export(ExportKind::Gexf)}>{ "GEXF (Gephi)" }</button>
                <button id="export-case" onclick={export(ExportKind::Case)}>{ "Case file (JSON)" }</button>
            </div>
            <h3>{ "Your labels and notes" }</h3>
            <div class="row wrap">
                <button id="export-user-labels" onclick={export_labels} disabled={props.user_label_count == 0}>
                    { format!("Export {} as CSV", props.user_label_count) }
                </button>
                <label for="import-user-labels">{ "Import a label CSV (chain,address,entity,category,source_url[,note])" }</label>
                <input id="import-user-labels" type="file" accept=".csv,text/csv" onchange={on_import_labels} />
            </div>
            <label for="open-case">{ "Open a case file (or drop one on the page): it shows its view without asking any explorer." }</label>
            <input id="open-case" type="file" accept=".json,application/json" onchange={on_file} />
            <p id="share-status" role="status" aria-live="polite">{ (*status).clone() }</p>
            <button id="share-close" class="link" onclick={close}>{ "Close" }</button>
        </div>
    }
}
