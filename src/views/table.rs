//! The flows as a table: the accessible alternative to the canvas. One row per pair of parties
//! at the shown level (addresses at the transaction and address levels, groups in the entity
//! view), with the amount, the earliest block, the tainted share after a trace and the
//! transactions it sums; sortable by any column.
//!
//! Same sums as the canvas's aggregated flows (see the module docs of `views`), so a row and the
//! ◆ handle of the same pair always agree.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use super::{AggregatedFlow, Grouping, ViewLevel};
use crate::chain::{Sats, TxStatus};
use crate::flow::{FlowGraph, GroupKey, NodeKey, Party};
use crate::labels::LabelBook;
use crate::trace::TraceResult;

/// A column the table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FlowColumn {
    From,
    To,
    Amount,
    Time,
    Taint,
}

impl FlowColumn {
    pub const ALL: [FlowColumn; 5] = [
        FlowColumn::From,
        FlowColumn::To,
        FlowColumn::Amount,
        FlowColumn::Time,
        FlowColumn::Taint,
    ];

    /// A short code for element ids and tests.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            FlowColumn::From => "from",
            FlowColumn::To => "to",
            FlowColumn::Amount => "amount",
            FlowColumn::Time => "time",
            FlowColumn::Taint => "taint",
        }
    }

    /// The order a first click sorts in: amounts and taint largest first, the rest ascending.
    #[must_use]
    pub fn first_order(self) -> SortOrder {
        match self {
            FlowColumn::Amount | FlowColumn::Taint => SortOrder::Descending,
            FlowColumn::From | FlowColumn::To | FlowColumn::Time => SortOrder::Ascending,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortOrder {
    Ascending,
    Descending,
}

impl SortOrder {
    #[must_use]
    pub fn flipped(self) -> SortOrder {
        match self {
            SortOrder::Ascending => SortOrder::Descending,
            SortOrder::Descending => SortOrder::Ascending,
        }
    }

    /// The `aria-sort` value.
    #[must_use]
    pub fn aria(self) -> &'static str {
        match self {
            SortOrder::Ascending => "ascending",
            SortOrder::Descending => "descending",
        }
    }
}

/// How the table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FlowSort {
    pub column: FlowColumn,
    pub order: SortOrder,
}

impl Default for FlowSort {
    fn default() -> FlowSort {
        FlowSort {
            column: FlowColumn::Amount,
            order: SortOrder::Descending,
        }
    }
}

impl FlowSort {
    /// The sort after a click on `column`'s header: the same column flips, another starts in its
    /// first order.
    #[must_use]
    pub fn clicked(self, column: FlowColumn) -> FlowSort {
        if column == self.column {
            FlowSort {
                column,
                order: self.order.flipped(),
            }
        } else {
            FlowSort {
                column,
                order: column.first_order(),
            }
        }
    }
}

/// The rows at `level`: every aggregated flow between two parties, with its tainted part when a
/// trace result is given. Unsorted (see [`sort_flows`]).
#[must_use]
pub fn flow_rows(
    graph: &FlowGraph,
    level: ViewLevel,
    labels: &LabelBook,
    expanded: &BTreeSet<GroupKey>,
    taint: Option<&TraceResult>,
) -> Vec<AggregatedFlow> {
    Grouping::at(level, graph, labels, expanded).flows(graph, taint)
}

/// The tainted share of a flow in basis points (0..=10,000), from integers; `None` without a trace.
#[must_use]
pub fn taint_share_bp(flow: &AggregatedFlow) -> Option<u64> {
    let tainted = flow.tainted_sats?;
    if flow.value_sats == Sats::ZERO {
        return Some(0);
    }
    let bp = u128::from(tainted.0) * 10_000 / u128::from(flow.value_sats.0);
    Some(u64::try_from(bp.min(10_000)).unwrap_or(10_000))
}

/// Sorts rows by `sort`; ties fall back to (from, to) so the order never changes between renders.
/// `name` gives the text a party is sorted by (what the table shows).
pub fn sort_flows(rows: &mut [AggregatedFlow], sort: FlowSort, name: impl Fn(&Party) -> String) {
    let by_column = |a: &AggregatedFlow, b: &AggregatedFlow| -> Ordering {
        match sort.column {
            FlowColumn::From => name(&a.from).cmp(&name(&b.from)),
            FlowColumn::To => name(&a.to).cmp(&name(&b.to)),
            FlowColumn::Amount => a.value_sats.cmp(&b.value_sats),
            FlowColumn::Time => time_key(&a.status).cmp(&time_key(&b.status)),
            FlowColumn::Taint => taint_share_bp(a).cmp(&taint_share_bp(b)),
        }
    };
    rows.sort_by(|a, b| {
        let ordered = match sort.order {
            SortOrder::Ascending => by_column(a, b),
            SortOrder::Descending => by_column(b, a),
        };
        ordered.then_with(|| (&a.from, &a.to).cmp(&(&b.from, &b.to)))
    });
}

/// Confirmed flows by block height, unconfirmed ones after every block.
fn time_key(status: &TxStatus) -> (bool, u32) {
    match status.height() {
        Some(height) => (false, height),
        None => (true, 0),
    }
}

/// The node a row stands for on the canvas at `level`: its ◆ handle at the address and entity
/// levels; at the transaction level (no handles) its first transaction.
#[must_use]
pub fn row_key(flow: &AggregatedFlow, level: ViewLevel) -> Option<NodeKey> {
    match level {
        ViewLevel::Transactions => flow.txids.first().cloned().map(NodeKey::Tx),
        ViewLevel::Addresses | ViewLevel::Entities => Some(NodeKey::Transfer(flow.from.clone(), flow.to.clone())),
    }
}

/// Whether a row touches the selected node: it is the row's handle or one of its parties, or at
/// the transaction level one of the transactions it sums.
#[must_use]
pub fn row_touches(flow: &AggregatedFlow, selected: &NodeKey) -> bool {
    match selected {
        NodeKey::Tx(txid) => flow.txids.binary_search(txid).is_ok(),
        NodeKey::Transfer(from, to) => *from == flow.from && *to == flow.to,
        NodeKey::Address(_) | NodeKey::Group(_) => flow.from.node_key() == *selected || flow.to.node_key() == *selected,
    }
}
