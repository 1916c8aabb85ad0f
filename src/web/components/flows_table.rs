//! The flows as a table: who paid whom, how much, when, and the tainted share after a trace.
//! The accessible alternative to the canvas (see `views::table`): sortable by every column,
//! linked both ways with the graph's selection (a row's buttons select its parties or its flow;
//! rows touching the selected node are marked and can be filtered).

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::flow::{GroupKey, NodeKey, Party};
use crate::i18n::Lang;
use crate::labels::LabelBook;
use crate::tr;
use crate::trace::TraceResult;
use crate::views::table::{flow_rows, row_key, row_touches, sort_flows, taint_share_bp, FlowColumn, FlowSort};
use crate::views::{AggregatedFlow, ViewLevel};
use crate::web::state::SharedGraph;

/// Rows shown at first and added by each "show more".
const PAGE_ROWS: usize = 100;

#[derive(Properties, PartialEq)]
pub struct FlowsTableProps {
    /// The transaction graph (rows are summed from its transactions).
    pub graph: SharedGraph,
    pub graph_version: u64,
    pub level: ViewLevel,
    pub labels: Rc<LabelBook>,
    pub expanded: BTreeSet<GroupKey>,
    pub taint: Option<Rc<TraceResult>>,
    /// The node selected on the canvas (by key: rows touching it are marked).
    pub selected: Option<NodeKey>,
    pub onselectkey: Callback<NodeKey>,
}

#[component]
pub fn FlowsTable(props: &FlowsTableProps) -> Html {
    let lang = crate::web::lang::use_lang();
    let sort = use_state(FlowSort::default);
    let limit = use_state(|| PAGE_ROWS);
    let only_selected = use_state(|| false);
    let rows = {
        let graph = props.graph.0.clone();
        let labels = props.labels.clone();
        let taint = props.taint.clone();
        let taint_id = props.taint.as_ref().map(|t| Rc::as_ptr(t) as usize);
        let labels_id = Rc::as_ptr(&props.labels) as usize;
        use_memo(
            (
                props.graph_version,
                props.level,
                props.expanded.clone(),
                taint_id,
                labels_id,
                *sort,
                lang,
            ),
            move |(_, level, expanded, _, _, sort, lang)| {
                let mut rows = flow_rows(&graph, *level, &labels, expanded, taint.as_deref());
                sort_flows(&mut rows, *sort, |party| party_name(party, *lang));
                rows
            },
        )
    };
    let selected = props.selected.as_ref();
    let filtered: Vec<&AggregatedFlow> = rows
        .iter()
        .filter(|row| !*only_selected || selected.is_some_and(|key| row_touches(row, key)))
        .collect();
    let left = filtered.len().saturating_sub(*limit);
    let graph = &props.graph.0;

    let header = |column: FlowColumn| {
        let sort = sort.clone();
        let limit = limit.clone();
        let current = (sort.column == column).then_some(sort.order.aria());
        let onclick = Callback::from(move |_| {
            sort.set(sort.clicked(column));
            limit.set(PAGE_ROWS);
        });
        html! {
            <th scope="col" aria-sort={current.unwrap_or("none")}>
                <button id={format!("flows-sort-{}", column.code())} class="sort" {onclick}>
                    { column_name(column, lang) }
                    <span aria-hidden="true">{ match current { Some("ascending") => " ▲", Some(_) => " ▼", None => "" } }</span>
                </button>
            </th>
        }
    };
    let party_cell = |party: &Party| {
        let key = party.node_key();
        let onclick = props.onselectkey.reform(move |_| key.clone());
        let tag = match party {
            Party::Address(address) => props
                .labels
                .labels_of(graph.chain(), address)
                .into_iter()
                .next()
                .map(|label| label.entity),
            Party::Group(_) => None,
        };
        html! {
            <td>
                <button class="link mono" {onclick}>{ party_name(party, lang) }</button>
                if let Some(entity) = tag { <div class="entity">{ entity }</div> }
            </td>
        }
    };
    let body = filtered.iter().take(*limit).map(|row| {
        let touching = selected.is_some_and(|key| row_touches(row, key));
        let amount = crate::i18n::coins(lang, row.value_sats, graph.chain());
        let amount_cell = match row_key(row, props.level) {
            Some(key) => {
                let onclick = props.onselectkey.reform(move |_| key.clone());
                html! { <button class="link" {onclick}>{ amount }</button> }
            }
            None => html! { { amount } },
        };
        let share = taint_share_bp(row).map_or_else(|| "—".to_string(), |bp| crate::i18n::percent_bp(lang, bp));
        html! {
            <tr data-from={row.from.id_text()} data-to={row.to.id_text()} data-sats={row.value_sats.0.to_string()}
                class={classes!(touching.then_some("touching"))} aria-current={touching.then_some("true")}>
                { party_cell(&row.from) }
                { party_cell(&row.to) }
                <td class="amount">{ amount_cell }</td>
                <td>{ crate::i18n::status(lang, &row.status) }</td>
                <td class="amount">{ share }</td>
                <td class="amount" title={row.txids.first().map(ToString::to_string).unwrap_or_default()}>
                    { crate::i18n::group(lang, row.txids.len() as u64) }
                </td>
            </tr>
        }
    });
    let on_only = {
        let only_selected = only_selected.clone();
        let limit = limit.clone();
        Callback::from(move |e: Event| {
            let checked = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .is_some_and(|input| input.checked());
            only_selected.set(checked);
            limit.set(PAGE_ROWS);
        })
    };
    let on_more = {
        let limit = limit.clone();
        Callback::from(move |_| limit.set(*limit + PAGE_ROWS))
    };
    html! {
        <details id="flows" class="flows-table">
            <summary>{ tr!(lang, "flows_table.title", count = crate::i18n::group(lang, rows.len() as u64)) }</summary>
            <label class="only-selected">
                <input id="flows-only-selected" type="checkbox" checked={*only_selected}
                    disabled={selected.is_none()} onchange={on_only} />
                { tr!(lang, "flows_table.only_selected") }
            </label>
            <table id="flows-table">
                <caption class="visually-hidden">{ caption(props.level, lang) }</caption>
                <thead>
                    <tr>
                        { header(FlowColumn::From) }
                        { header(FlowColumn::To) }
                        { header(FlowColumn::Amount) }
                        { header(FlowColumn::Time) }
                        { header(FlowColumn::Taint) }
                        <th scope="col">{ tr!(lang, "flows_table.txs") }</th>
                    </tr>
                </thead>
                <tbody>{ for body }</tbody>
            </table>
            if filtered.is_empty() {
                <p class="muted">{ tr!(lang, "flows_table.none") }</p>
            }
            if left > 0 {
                <button id="flows-more" class="action" onclick={on_more}>
                    { tr!(lang, "flows_table.more", count = crate::i18n::group(lang, left.min(PAGE_ROWS) as u64),
                        left = crate::i18n::group(lang, left as u64)) }
                </button>
            }
        </details>
    }
}

/// The text a party is shown and sorted by: the full address, or the group's name.
fn party_name(party: &Party, lang: Lang) -> String {
    match party {
        Party::Address(address) => address.clone(),
        Party::Group(key) => key.name_in(lang),
    }
}

fn column_name(column: FlowColumn, lang: Lang) -> String {
    match column {
        FlowColumn::From => tr!(lang, "flows_table.from"),
        FlowColumn::To => tr!(lang, "flows_table.to"),
        FlowColumn::Amount => tr!(lang, "flows_table.amount"),
        FlowColumn::Time => tr!(lang, "flows_table.time"),
        FlowColumn::Taint => tr!(lang, "flows_table.taint"),
    }
}

fn caption(level: ViewLevel, lang: Lang) -> String {
    match level {
        ViewLevel::Transactions | ViewLevel::Addresses => tr!(lang, "flows_table.caption_addresses"),
        ViewLevel::Entities => tr!(lang, "flows_table.caption_entities"),
    }
}
