//! Layouts computed in one pass, without a simulation: a time axis (x = block time, oldest left)
//! and a left-to-right hop layout (x = hops from the page's target). In both, y follows the flow:
//! a node sits near the value-weighted mean height of the neighbours left of it, and nodes that
//! share a column are pushed apart just enough not to overlap (keeping their mean height).
//!
//! Same graph in, same positions out: the reader can switch layouts and back and see the same picture.

use std::collections::{BTreeSet, VecDeque};

use super::Vec2;
use crate::chain::TxStatus;
use crate::flow::{FlowGraph, FlowNode, NodeId, TransferNode, TxNode};

/// Which layout the canvas shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum LayoutKind {
    /// The force simulation (d3-force model).
    #[default]
    Force,
    /// x = block time, oldest left.
    TimeAxis,
    /// x = hops from the target, sources left, recipients right.
    Hops,
}

impl LayoutKind {
    /// Every layout, in the order the switch shows them.
    pub const ALL: [LayoutKind; 3] = [LayoutKind::Force, LayoutKind::TimeAxis, LayoutKind::Hops];

    /// Short code for URLs and the DOM.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            LayoutKind::Force => "force",
            LayoutKind::TimeAxis => "time",
            LayoutKind::Hops => "hops",
        }
    }

    /// The layout a code names.
    #[must_use]
    pub fn from_code(code: &str) -> Option<LayoutKind> {
        LayoutKind::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// Vertical distance between two nodes of one column (world units).
pub const ROW_GAP: f64 = 16.0;
/// Horizontal distance between two hop layers (an address and the tx it pays into are one layer apart).
pub const LAYER_GAP: f64 = 80.0;
/// How far an address sits right of the tx that paid it when nothing spends it (time axis).
const ADDRESS_OFFSET: f64 = 40.0;
/// Nodes closer than this in x share a column (and are stacked).
const COLUMN_WIDTH: f64 = 14.0;
/// World width per distinct block time on the time axis, and the axis's bounds.
const WIDTH_PER_TIME: f64 = 60.0;
const MIN_TIME_WIDTH: f64 = 600.0;
const MAX_TIME_WIDTH: f64 = 60_000.0;
/// About this many ticks on the time axis.
const TARGET_TICKS: u64 = 10;

/// A labelled mark on the x axis (a date, or a hop number).
#[derive(Debug, Clone, PartialEq)]
pub struct AxisTick {
    pub x: f64,
    pub label: String,
}

/// Positions of one arranged layout, by `NodeId` index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Arrangement {
    /// Interleaved `[x, y]` by `NodeId` index; NaN where no node is.
    xy: Vec<f32>,
    ticks: Vec<AxisTick>,
}

impl Arrangement {
    /// The node's position.
    #[must_use]
    pub fn position(&self, id: NodeId) -> Option<Vec2> {
        let i = 2 * id.index();
        match self.xy.get(i..i + 2)? {
            &[x, y] if x.is_finite() && y.is_finite() => Some(Vec2::new(f64::from(x), f64::from(y))),
            _ => None,
        }
    }

    /// Moves one node (the reader dragged it).
    pub fn set_position(&mut self, id: NodeId, pos: Vec2) {
        let i = 2 * id.index();
        if let (Some(slot), true) = (self.xy.get_mut(i..i + 2), pos.is_finite()) {
            #[allow(clippy::cast_possible_truncation)] // world coordinates fit f32
            slot.copy_from_slice(&[pos.x as f32, pos.y as f32]);
        }
    }

    /// Positions interleaved `[x, y]`, point `i` being `NodeId(i)` (NaN where no node is).
    #[must_use]
    pub fn positions_xy(&self) -> &[f32] {
        &self.xy
    }

    /// The axis marks, left to right.
    #[must_use]
    pub fn ticks(&self) -> &[AxisTick] {
        &self.ticks
    }

    /// The smallest box holding every node.
    #[must_use]
    pub fn bounds(&self) -> Option<(Vec2, Vec2)> {
        crate::layout::bounds_of_xy(&self.xy)
    }
}

/// The layout `kind` for `graph` (`None` for the force layout, which is simulated elsewhere).
/// `root` is where the hop layout counts from (the page's target); without one, the first node.
/// `hidden` nodes (folded, inside collapsed peel chains) get no place and take no room.
#[must_use]
pub fn arrange(
    kind: LayoutKind,
    graph: &FlowGraph,
    root: Option<NodeId>,
    hidden: &BTreeSet<NodeId>,
) -> Option<Arrangement> {
    match kind {
        LayoutKind::Force => None,
        LayoutKind::TimeAxis => Some(time_axis(graph, hidden)),
        LayoutKind::Hops => Some(hops(graph, root, hidden)),
    }
}

/// Directed neighbours with the value on each edge, by `NodeId` index.
struct Adjacency {
    outgoing: Vec<Vec<(NodeId, u64)>>,
    incoming: Vec<Vec<(NodeId, u64)>>,
}

impl Adjacency {
    fn of(graph: &FlowGraph, slots: usize) -> Adjacency {
        let mut adjacency = Adjacency {
            outgoing: vec![Vec::new(); slots],
            incoming: vec![Vec::new(); slots],
        };
        for (source, target, edge) in graph.edges() {
            if let Some(list) = adjacency.outgoing.get_mut(source.index()) {
                list.push((target, edge.value_sats.0));
            }
            if let Some(list) = adjacency.incoming.get_mut(target.index()) {
                list.push((source, edge.value_sats.0));
            }
        }
        adjacency
    }
}

fn slot_count(graph: &FlowGraph) -> usize {
    graph.nodes().map(|(id, _)| id.index() + 1).max().unwrap_or(0)
}

/// x = block time (linear), oldest left; unconfirmed transactions right of the newest block.
/// An address sits between the tx that paid it and the tx that spent it.
#[must_use]
pub fn time_axis(graph: &FlowGraph, hidden: &BTreeSet<NodeId>) -> Arrangement {
    let slots = slot_count(graph);
    let adjacency = Adjacency::of(graph, slots);
    let time_of = |node: &FlowNode| match node {
        FlowNode::Tx(TxNode { status, .. }) | FlowNode::Transfer(TransferNode { status, .. }) => match status {
            TxStatus::Confirmed { time_secs, .. } => Some(Some(*time_secs)),
            TxStatus::Unconfirmed => Some(None),
        },
        FlowNode::Address(_) | FlowNode::Group(_) => None,
    };
    let mut times: Vec<u64> = graph.nodes().filter_map(|(_, n)| time_of(n).flatten()).collect();
    times.sort_unstable();
    times.dedup();
    let (first, last) = (times.first().copied().unwrap_or(0), times.last().copied().unwrap_or(0));
    #[allow(clippy::cast_precision_loss)] // counts and spans far below 2^52
    let width = (times.len() as f64 * WIDTH_PER_TIME).clamp(MIN_TIME_WIDTH, MAX_TIME_WIDTH);
    #[allow(clippy::cast_precision_loss)]
    let x_of_time = |t: u64| {
        if last > first {
            (t - first) as f64 / (last - first) as f64 * width
        } else {
            0.0
        }
    };
    let unconfirmed_x = if last > first { width } else { 0.0 } + 2.0 * ADDRESS_OFFSET;

    let mut x = vec![f64::NAN; slots];
    for (id, node) in graph.nodes() {
        if let (Some(time), Some(slot)) = (time_of(node), x.get_mut(id.index())) {
            *slot = time.map_or(unconfirmed_x, x_of_time);
        }
    }
    for (id, node) in graph.nodes() {
        if node.is_step() {
            continue;
        }
        let earliest = |list: &[(NodeId, u64)]| {
            list.iter()
                .filter_map(|(tx, _)| x.get(tx.index()).copied())
                .filter(|v| v.is_finite())
                .reduce(f64::min)
        };
        let paid = adjacency.incoming.get(id.index()).and_then(|l| earliest(l));
        let spent = adjacency.outgoing.get(id.index()).and_then(|l| earliest(l));
        let at = match (paid, spent) {
            (Some(p), Some(s)) => (p + s) / 2.0,
            (Some(p), None) => p + ADDRESS_OFFSET,
            (None, Some(s)) => s - ADDRESS_OFFSET,
            (None, None) => 0.0,
        };
        if let Some(slot) = x.get_mut(id.index()) {
            *slot = at;
        }
    }
    let ticks = if last > first {
        time_ticks(first, last)
            .into_iter()
            .map(|(t, label)| AxisTick { x: x_of_time(t), label })
            .collect()
    } else if !times.is_empty() {
        vec![AxisTick {
            x: 0.0,
            label: crate::format::utc_minutes(first),
        }]
    } else {
        Vec::new()
    };
    Arrangement {
        xy: stack_columns(graph, &adjacency, &without(x, hidden)),
        ticks,
    }
}

/// `x` with the hidden nodes' entries made NaN (no place).
fn without(mut x: Vec<f64>, hidden: &BTreeSet<NodeId>) -> Vec<f64> {
    for id in hidden {
        if let Some(slot) = x.get_mut(id.index()) {
            *slot = f64::NAN;
        }
    }
    x
}

/// Round times between `first` and `last` (seconds) with their UTC labels: about ten of them,
/// on whole hours, days, weeks, months (30 days) or years (365 days).
fn time_ticks(first: u64, last: u64) -> Vec<(u64, String)> {
    const HOUR: u64 = 3_600;
    const DAY: u64 = 86_400;
    let span = last - first;
    let step = [HOUR, 6 * HOUR, DAY, 7 * DAY, 30 * DAY, 365 * DAY, 3_650 * DAY]
        .into_iter()
        .find(|step| span / step <= TARGET_TICKS)
        .unwrap_or(36_500 * DAY);
    let mut ticks = Vec::new();
    let mut t = first.div_ceil(step) * step;
    while t <= last {
        let full = crate::format::utc_minutes(t);
        // Hours matter below a day; dates are enough above.
        let label = if step < DAY {
            full
        } else {
            full.chars().take(10).collect()
        };
        ticks.push((t, label));
        t += step;
    }
    ticks
}

/// x = hop layers from `root`: what it pays to the right, what paid it to the left. Nodes not
/// connected to the root are laid out from their own first node, below.
#[must_use]
pub fn hops(graph: &FlowGraph, root: Option<NodeId>, hidden: &BTreeSet<NodeId>) -> Arrangement {
    let slots = slot_count(graph);
    let adjacency = Adjacency::of(graph, slots);
    let mut layer: Vec<Option<i64>> = vec![None; slots];
    let roots = root
        .into_iter()
        .filter(|r| graph.node(*r).is_some())
        .chain(graph.nodes().map(|(id, _)| id));
    let mut queue = VecDeque::new();
    for start in roots {
        if layer.get(start.index()).copied().flatten().is_some() {
            continue;
        }
        if let Some(slot) = layer.get_mut(start.index()) {
            *slot = Some(0);
        }
        queue.push_back(start);
        while let Some(node) = queue.pop_front() {
            let here = layer.get(node.index()).copied().flatten().unwrap_or(0);
            let forward = adjacency
                .outgoing
                .get(node.index())
                .into_iter()
                .flatten()
                .map(|e| (e.0, here + 1));
            let backward = adjacency
                .incoming
                .get(node.index())
                .into_iter()
                .flatten()
                .map(|e| (e.0, here - 1));
            for (next, at) in forward.chain(backward) {
                if let Some(slot @ None) = layer.get_mut(next.index()) {
                    *slot = Some(at);
                    queue.push_back(next);
                }
            }
        }
    }
    #[allow(clippy::cast_precision_loss)] // layers are few
    let x: Vec<f64> = layer
        .iter()
        .map(|l| l.map_or(f64::NAN, |l| l as f64 * LAYER_GAP))
        .collect();
    let ticks = hop_ticks(graph, &layer);
    Arrangement {
        xy: stack_columns(graph, &adjacency, &without(x, hidden)),
        ticks,
    }
}

/// "hop N" over each layer of transactions, counted from the root (negative: towards the sources).
fn hop_ticks(graph: &FlowGraph, layer: &[Option<i64>]) -> Vec<AxisTick> {
    let mut tx_layers: Vec<i64> = graph
        .nodes()
        .filter(|(_, node)| node.is_step())
        .filter_map(|(id, _)| layer.get(id.index()).copied().flatten())
        .collect();
    tx_layers.sort_unstable();
    tx_layers.dedup();
    // With an address at the root, its txs are at layers ±1, ±3, …; with a tx, at 0, ±2, ….
    let root_is_address = tx_layers.iter().any(|l| l % 2 != 0);
    tx_layers
        .into_iter()
        .map(|l| {
            let hop = if root_is_address { (l + l.signum()) / 2 } else { l / 2 };
            #[allow(clippy::cast_precision_loss)]
            AxisTick {
                x: l as f64 * LAYER_GAP,
                label: format!("hop {hop}"),
            }
        })
        .collect()
}

/// Gives every node with a finite `x` a height: columns left to right; in each, a node wants the
/// value-weighted mean height of its neighbours in earlier columns (a node with none starts a new
/// lane below everything so far); then the column's nodes are spread apart by at least
/// [`ROW_GAP`] in the order of their wanted heights, each run of touching nodes centred on the mean
/// of what its members wanted.
fn stack_columns(graph: &FlowGraph, adjacency: &Adjacency, x: &[f64]) -> Vec<f32> {
    let mut order: Vec<NodeId> = graph
        .nodes()
        .map(|(id, _)| id)
        .filter(|id| x.get(id.index()).is_some_and(|v| v.is_finite()))
        .collect();
    order.sort_by(|a, b| x[a.index()].total_cmp(&x[b.index()]).then(a.cmp(b)));
    let mut y = vec![f64::NAN; x.len()];
    let mut lowest = -ROW_GAP;
    let mut start = 0;
    while start < order.len() {
        let column_x = x[order[start].index()];
        let end = order[start..]
            .iter()
            .position(|id| x[id.index()] - column_x >= COLUMN_WIDTH)
            .map_or(order.len(), |offset| start + offset);
        let mut wanted: Vec<(f64, NodeId)> = Vec::with_capacity(end - start);
        let mut new_lane = lowest + ROW_GAP;
        for &id in &order[start..end] {
            let (mut sum, mut weight) = (0.0, 0.0);
            let neighbours = adjacency.incoming[id.index()]
                .iter()
                .chain(&adjacency.outgoing[id.index()]);
            for &(other, value) in neighbours {
                let other_y = y[other.index()];
                if other_y.is_finite() {
                    #[allow(clippy::cast_precision_loss)] // a weight; precision does not matter
                    let w = (value as f64 + 2.0).log2();
                    sum += w * other_y;
                    weight += w;
                }
            }
            let at = if weight > 0.0 {
                sum / weight
            } else {
                new_lane += ROW_GAP;
                new_lane
            };
            wanted.push((at, id));
        }
        wanted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (at, id) in spread(&wanted) {
            y[id.index()] = at;
            lowest = lowest.max(at);
        }
        start = end;
    }
    let mut xy = vec![f32::NAN; 2 * x.len()];
    for (i, (&px, &py)) in x.iter().zip(&y).enumerate() {
        if px.is_finite() && py.is_finite() {
            #[allow(clippy::cast_possible_truncation)] // world coordinates fit f32
            xy[2 * i..2 * i + 2].copy_from_slice(&[px as f32, py as f32]);
        }
    }
    xy
}

/// 1-D overlap removal: `wanted` sorted by height; returns heights at least [`ROW_GAP`] apart,
/// same order, each block of touching nodes centred where its members want to be on average.
fn spread(wanted: &[(f64, NodeId)]) -> Vec<(f64, NodeId)> {
    // Blocks: (first index, count, sum of (wanted - offset within block)).
    let mut blocks: Vec<(usize, usize, f64)> = Vec::new();
    for (i, &(at, _)) in wanted.iter().enumerate() {
        blocks.push((i, 1, at));
        while blocks.len() >= 2 {
            let (b_first, b_count, b_sum) = blocks[blocks.len() - 1];
            let (a_first, a_count, a_sum) = blocks[blocks.len() - 2];
            #[allow(clippy::cast_precision_loss)]
            let (a_top, b_top) = (a_sum / a_count as f64, b_sum / b_count as f64);
            #[allow(clippy::cast_precision_loss)]
            let a_end = a_top + a_count as f64 * ROW_GAP;
            if b_top >= a_end {
                break;
            }
            #[allow(clippy::cast_precision_loss)]
            let shifted = b_sum - b_count as f64 * a_count as f64 * ROW_GAP;
            blocks.pop();
            blocks.pop();
            debug_assert_eq!(a_first + a_count, b_first);
            blocks.push((a_first, a_count + b_count, a_sum + shifted));
        }
    }
    let mut out = Vec::with_capacity(wanted.len());
    for (first, count, sum) in blocks {
        #[allow(clippy::cast_precision_loss)]
        let top = sum / count as f64;
        for (k, &(_, id)) in wanted[first..first + count].iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            out.push((top + k as f64 * ROW_GAP, id));
        }
    }
    out
}
