//! The trace controls and the "where did it go" summary: method, direction, hops, minimum, stop
//! categories; then source, fees, unspent, each entity, frontier and below-minimum, in BTC and %.

use yew::prelude::*;

use crate::chain::Sats;
use crate::flow::NodeKey;
use crate::i18n::{self, Lang};
use crate::jobs::TraceOutput;
use crate::labels::Category;
use crate::trace::{Direction, StopReason, TaintMethod};
use crate::web::state::{SharedGraph, TraceSettings};

#[derive(Properties, PartialEq)]
pub struct TracePanelProps {
    pub settings: TraceSettings,
    pub trace: Option<TraceOutput>,
    pub graph: SharedGraph,
    /// A job is running (the Trace button waits; Stop is offered).
    pub busy: bool,
    pub can_trace: bool,
    pub onchange: Callback<TraceSettings>,
    pub onstart: Callback<()>,
    pub oncancel: Callback<()>,
    pub onselectkey: Callback<NodeKey>,
}

const METHODS: [TaintMethod; 3] = [TaintMethod::Haircut, TaintMethod::Fifo, TaintMethod::Poison];

/// A method's name and what it does, in `lang`.
fn method_texts(lang: Lang, method: TaintMethod) -> (String, String) {
    match method {
        TaintMethod::Haircut => (
            crate::tr!(lang, "trace_panel.method_haircut"),
            crate::tr!(lang, "trace_panel.method_haircut_help"),
        ),
        TaintMethod::Fifo => (
            crate::tr!(lang, "trace_panel.method_fifo"),
            crate::tr!(lang, "trace_panel.method_fifo_help"),
        ),
        TaintMethod::Poison => (
            crate::tr!(lang, "trace_panel.method_poison"),
            crate::tr!(lang, "trace_panel.method_poison_help"),
        ),
    }
}

#[component]
pub fn TracePanel(props: &TracePanelProps) -> Html {
    let lang = crate::web::lang::use_lang();
    let settings = props.settings.clone();
    let change = |f: fn(&mut TraceSettings, &str)| {
        let settings = settings.clone();
        let onchange = props.onchange.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let mut next = settings.clone();
            f(&mut next, &input.value());
            onchange.emit(next);
        })
    };
    let methods = METHODS.iter().map(|method| {
        let (name, help) = method_texts(lang, *method);
        let onchange = {
            let settings = settings.clone();
            let onchange = props.onchange.clone();
            let method = *method;
            Callback::from(move |_: Event| {
                onchange.emit(TraceSettings {
                    method,
                    ..settings.clone()
                })
            })
        };
        html! {
            <label title={help}>
                <input type="radio" name="trace-method" checked={settings.method == *method} {onchange} />
                { name }
            </label>
        }
    });
    let categories = Category::ALL.iter().map(|category| {
        let onchange = {
            let settings = settings.clone();
            let onchange = props.onchange.clone();
            let category = *category;
            Callback::from(move |_: Event| {
                let mut next = settings.clone();
                if next.stop_categories.contains(&category) {
                    next.stop_categories.retain(|c| *c != category);
                } else {
                    next.stop_categories.push(category);
                }
                onchange.emit(next);
            })
        };
        html! {
            <label>
                <input type="checkbox" checked={settings.stop_categories.contains(category)} {onchange} />
                { category.code() }
            </label>
        }
    });
    let direction = change(|s, v| {
        s.direction = if v == "backward" {
            Direction::Backward
        } else {
            Direction::Forward
        }
    });
    let hops = change(|s, v| s.max_hops = v.parse().unwrap_or(s.max_hops).clamp(1, 50));
    let minimum = change(|s, v| s.min_taint_sats = Sats(v.parse().unwrap_or(s.min_taint_sats.to_u64())));
    let onstart = props.onstart.reform(|_| ());
    let oncancel = props.oncancel.reform(|_| ());

    html! {
        <section id="trace-panel" class="trace-panel" aria-label={crate::tr!(lang, "trace_panel.trace")}>
            <h2>{ crate::tr!(lang, "trace_panel.trace") }</h2>
            <fieldset class="methods"><legend>{ crate::tr!(lang, "trace_panel.method") }</legend>{ for methods }</fieldset>
            <div class="trace-row">
                <label>{ crate::tr!(lang, "trace_panel.direction") }{ " " }
                    <select onchange={direction}>
                        <option value="forward" selected={settings.direction == Direction::Forward}>{ crate::tr!(lang, "trace_panel.forward") }</option>
                        <option value="backward" selected={settings.direction == Direction::Backward}>{ crate::tr!(lang, "trace_panel.backward") }</option>
                    </select>
                </label>
            </div>
            <div class="trace-row">
                <label>{ crate::tr!(lang, "trace_panel.hops") }{ " " }<input id="trace-hops" type="number" min="1" max="50"
                    value={settings.max_hops.to_string()} onchange={hops} /></label>
                <label>{ crate::tr!(lang, "trace_panel.minimum") }{ " " }<input id="trace-min" type="number" min="0"
                    value={settings.min_taint_sats.to_u64().to_string()} onchange={minimum} /></label>
            </div>
            <details class="stop-categories">
                <summary>{ crate::tr!(lang, "trace_panel.stop_at", categories = stop_list(lang, &settings.stop_categories)) }</summary>
                { for categories }
            </details>
            <div class="trace-row">
                <button id="trace-start" class="action primary" onclick={onstart} disabled={props.busy || !props.can_trace}>
                    { crate::tr!(lang, "trace_panel.trace_from_here") }
                </button>
                if props.busy {
                    <button id="trace-cancel" class="action" onclick={oncancel}>{ crate::tr!(lang, "trace_panel.stop") }</button>
                }
            </div>
            if let Some(trace) = &props.trace {
                { summary(lang, props, trace) }
            }
        </section>
    }
}

fn stop_list(lang: Lang, categories: &[Category]) -> String {
    if categories.is_empty() {
        return crate::tr!(lang, "trace_panel.stop_nothing");
    }
    categories.iter().map(|c| c.code()).collect::<Vec<_>>().join(", ")
}

fn summary(lang: Lang, props: &TracePanelProps, trace: &TraceOutput) -> Html {
    let result = &trace.result;
    let s = &result.summary;
    let coins = |v: Sats| i18n::coins(lang, v, props.graph.chain());
    let row = |name: Html, value: Sats, id: &str| {
        html! {
            <tr data-row={id.to_string()} data-sats={value.to_u64().to_string()}>
                <th scope="row">{ name }</th>
                <td class="amount">{ coins(value) }</td>
                <td class="amount">{ i18n::percent_bp(lang, s.share_bp(value)) }</td>
            </tr>
        }
    };
    let entities = s.by_entity.iter().map(|(entity, taint)| {
        let address = result.stops.iter().find_map(|stop| match &stop.reason {
            StopReason::Entity { entity: e, .. } if e == entity => props
                .graph
                .tx(&stop.outpoint.txid)?
                .outputs
                .get(stop.outpoint.vout as usize)?
                .address
                .clone(),
            _ => None,
        });
        let onselectkey = props.onselectkey.clone();
        let onclick = Callback::from(move |_| {
            if let Some(address) = &address {
                onselectkey.emit(NodeKey::Address(address.clone()));
            }
        });
        let name = html! {
            <button class="link" {onclick}>{ format!("→ {entity} ({})", taint.category) }</button>
        };
        row(name, taint.sats, "entity")
    });
    let heights: Vec<u32> = result
        .traced_txs
        .keys()
        .filter_map(|txid| props.graph.tx(txid).and_then(|tx| tx.status.height()))
        .collect();
    let span = match (heights.iter().min(), heights.iter().max()) {
        (Some(low), Some(high)) => crate::tr!(
            lang,
            "trace_panel.block_span",
            low = i18n::group(lang, u64::from(*low)),
            high = i18n::group(lang, u64::from(*high))
        ),
        _ => String::new(),
    };
    html! {
        <div id="trace-summary" class="trace-summary" data-method={result.method.code()}
            data-conserves={s.conserves.to_string()}>
            <h3>{ crate::tr!(lang, "trace_panel.where_it_went", method = result.method.code()) }</h3>
            <table>
                <tbody>
                    { row(html! { crate::tr!(lang, "trace_panel.row_source") }, s.source_sats, "source") }
                    { row(html! { crate::tr!(lang, "trace_panel.row_fees") }, s.fees_sats, "fees") }
                    { row(html! { crate::tr!(lang, "trace_panel.row_unspent") }, s.unspent_sats, "unspent") }
                    { for entities }
                    { row(html! { crate::tr!(lang, "trace_panel.row_frontier") }, s.frontier_sats, "frontier") }
                    { row(html! { crate::tr!(lang, "trace_panel.row_below_minimum") }, s.below_minimum_sats, "below-minimum") }
                </tbody>
            </table>
            if !s.conserves {
                <p class="warning">{ crate::tr!(lang, "trace_panel.poison_overlap") }</p>
            }
            <p class="muted">{ crate::tr!(
                lang,
                "trace_panel.totals",
                txs = result.traced_txs.len().to_string(),
                span = span,
                stops = result.stops.len().to_string(),
                errors = result.errors.len().to_string()
            ) }</p>
        </div>
    }
}
