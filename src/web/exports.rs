//! The Share dialog's exports: what the page shows, as files that each say where their numbers
//! come from (the data source, the pinned block, the method). The formats are written by the
//! pure `export` and `case` modules; this file only gathers the inputs and saves the result.

use wasm_bindgen::JsCast as _;

use super::canvas2d;
use super::components::graph_canvas::CanvasHandle;
use super::download;
use super::runner::SharedRecord;
use super::state::AppState;
use super::view_link;
use crate::case::{CaseFile, Provenance};
use crate::export::{self, ExportMeta, SPOOR_VERSION};
use crate::route::Target;

/// `export::graphml` and `export::gexf`.
type GraphWriter = fn(
    &crate::flow::FlowGraph,
    Option<&crate::trace::TraceResult>,
    &crate::labels::LabelBook,
    Option<&dyn crate::scene::NodePositions>,
    &ExportMeta,
) -> String;

/// One file the dialog offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// A PNG at this many device pixels per CSS pixel.
    Png(u32),
    Svg,
    Csv,
    GraphMl,
    Gexf,
    Case,
}

/// The page's title in `lang` (files get `Lang::En`): the case's, or what the target is.
#[must_use]
pub fn title_of(state: &AppState, lang: crate::i18n::Lang) -> String {
    match (&state.snapshot, &state.target) {
        (Some(case), _) => case.title.clone(),
        (None, Some(Target::Address(address))) => crate::tr!(lang, "app.title_address", address = address.as_str()),
        (None, Some(Target::Tx(_, txid))) => crate::tr!(lang, "app.title_tx", txid = txid.short()),
        (None, None) => "Spoor".to_string(),
    }
}

/// The source, pinned block and method of what the page shows.
#[must_use]
pub fn meta_of(state: &AppState) -> ExportMeta {
    let api_base_url = match &state.snapshot {
        Some(case) => case.provenance.api_base_url.clone(),
        None => absolute_api(state),
    };
    ExportMeta {
        api_base_url,
        pinned_height: state.pinned_height,
        method: state.trace.as_ref().map(|t| t.result.method),
        target: state
            .target
            .as_ref()
            .map(|t| t.to_path().trim_start_matches('/').to_string())
            .unwrap_or_default(),
        spoor_version: SPOOR_VERSION.to_string(),
        title: title_of(state, crate::i18n::Lang::En),
        generated_at_secs: Some(download::now_secs()),
    }
}

/// Writes the file and offers it as a download.
///
/// # Errors
/// In words, when nothing is shown yet or the browser refuses.
pub fn save(
    kind: ExportKind,
    state: &AppState,
    canvas: Option<&CanvasHandle>,
    record: &SharedRecord,
) -> Result<(), String> {
    let meta = meta_of(state);
    let taint = state.trace.as_ref().map(|t| t.result.as_ref());
    let base = file_stem(state);
    let graph = &state.graph;
    let need_canvas = || canvas.ok_or_else(|| "The graph is not drawn yet.".to_string());
    // GraphML and GEXF hold the graph as drawn (transactions, or the address/entity view) with
    // the drawn positions when the canvas has them; the CSV always lists the transfers themselves.
    let drawn = &state.shown;
    let with_positions = |write: GraphWriter| match canvas {
        Some(c) => c.with_positions(|p| write(drawn, taint, &state.labels, Some(p), &meta)),
        None => write(drawn, taint, &state.labels, None, &meta),
    };
    match kind {
        ExportKind::Csv => download::save_text(
            &format!("{base}.csv"),
            "text/csv",
            &export::transfers_csv(graph, taint, &meta),
        ),
        ExportKind::GraphMl => download::save_text(
            &format!("{base}.graphml"),
            "application/graphml+xml",
            &with_positions(export::graphml),
        ),
        ExportKind::Gexf => download::save_text(
            &format!("{base}.gexf"),
            "application/gexf+xml",
            &with_positions(export::gexf),
        ),
        ExportKind::Svg => {
            let (list, viewport) = need_canvas()?.picture();
            download::save_text(
                &format!("{base}.svg"),
                "image/svg+xml",
                &export::svg(&list, viewport, &meta),
            )
        }
        ExportKind::Png(scale) => save_png(&format!("{base}.png"), need_canvas()?, scale, &meta.source_note()),
        ExportKind::Case => {
            let case = case_of(state, record).ok_or("Open an address or a transaction first.")?;
            download::save_text(&format!("{base}.case.json"), "application/json", &case.to_json())
        }
    }
}

/// The case file of the page: its view, every answer recorded for it, the labels of its addresses.
#[must_use]
pub fn case_of(state: &AppState, record: &SharedRecord) -> Option<CaseFile> {
    let view = view_link::view_of(state)?;
    let mut answers = record.borrow().book.borrow().clone();
    // The page records transactions by txid; the graph holds them.
    answers.fill_txs(|txid| state.graph.tx(txid));
    // A re-saved snapshot keeps where and when its answers were fetched.
    let provenance = match &state.snapshot {
        Some(case) => Provenance {
            pinned_height: state.pinned_height,
            ..case.provenance.clone()
        },
        None => Provenance {
            api_base_url: absolute_api(state),
            fetched_at: crate::format::iso_utc(download::now_secs()),
            tip_height: answers.tip_height.or(state.pinned_height),
            pinned_height: state.pinned_height,
            spoor_version: SPOOR_VERSION.to_string(),
        },
    };
    Some(CaseFile::new(
        title_of(state, crate::i18n::Lang::En),
        &view,
        answers,
        &state.labels,
        provenance,
    ))
}

/// The explorer's base URL as a reader elsewhere can use it (the stand-in's `/api` is relative).
fn absolute_api(state: &AppState) -> String {
    let api = state.api_base_url.clone().unwrap_or_default();
    if api.starts_with('/') {
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        format!("{origin}{api}")
    } else {
        api
    }
}

/// `spoor-<target>-<height>`.
fn file_stem(state: &AppState) -> String {
    let target = state.target.as_ref().map_or_else(String::new, |t| match t {
        crate::route::Target::Address(a) => a.as_str().to_string(),
        crate::route::Target::Tx(_, txid) => txid.as_str().to_string(),
    });
    match state.pinned_height {
        Some(height) => format!("spoor-{target}-{height}"),
        None => format!("spoor-{target}"),
    }
}

fn save_png(file_name: &str, canvas: &CanvasHandle, scale: u32, caption: &str) -> Result<(), String> {
    let (list, viewport) = canvas.picture();
    let failed = || "The browser could not draw the picture.".to_string();
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(failed)?;
    let element: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .ok()
        .and_then(|e| e.dyn_into().ok())
        .ok_or_else(failed)?;
    let scale_f = f64::from(scale.clamp(1, 4));
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // positive, bounded by the screen × 4
    let (width, height) = (
        (viewport.x * scale_f).round() as u32,
        ((viewport.y + canvas2d::CAPTION_BAND_PX) * scale_f).round() as u32,
    );
    element.set_width(width);
    element.set_height(height);
    let ctx: web_sys::CanvasRenderingContext2d = element
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(failed)?;
    canvas2d::draw_picture(&ctx, &list, viewport, scale_f, caption);
    let url = element.to_data_url_with_type("image/png").map_err(|_| failed())?;
    download::save_url(file_name, &url)
}
