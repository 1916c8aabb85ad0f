//! Taint per edge and per node, summed from a trace's per-output taint.
//!
//! An edge merges every output of a tx to one address (or every input of one address into a tx),
//! so each transaction's outputs and spent prevouts are summed by address once.

use std::collections::BTreeMap;

use crate::chain::{Sats, Txid};
use crate::flow::{FlowGraph, FlowNode, NodeId, NodeKey};
use crate::trace::{Outpoint, TraceResult};

/// Tainted satoshis of every edge and node of a graph.
#[derive(Debug, Default)]
pub(crate) struct Taints {
    /// `(from, to)` → taint of the outputs (or spent prevouts) the edge merges.
    by_edge: BTreeMap<(NodeId, NodeId), Sats>,
    /// Tx → taint of its outputs; address → taint of the outputs paying it.
    by_node: BTreeMap<NodeId, Sats>,
}

impl Taints {
    /// Sums `result`'s per-output taint over the graph's transactions.
    pub(crate) fn new(graph: &FlowGraph, result: &TraceResult) -> Taints {
        let mut taints = Taints::default();
        for (tx_id, node) in graph.nodes() {
            let FlowNode::Tx(tx_node) = node else { continue };
            let Some(tx) = graph.tx(&tx_node.txid) else { continue };
            let mut outputs_by_address: BTreeMap<&str, Sats> = BTreeMap::new();
            let mut tx_taint = Sats::ZERO;
            for (vout, output) in (0_u32..).zip(&tx.outputs) {
                let taint = output_taint(result, &tx.txid, vout);
                tx_taint += taint;
                if let Some(address) = output.address.as_deref() {
                    *outputs_by_address.entry(address).or_default() += taint;
                }
            }
            *taints.by_node.entry(tx_id).or_default() += tx_taint;
            for (address, taint) in outputs_by_address {
                if let Some(address_id) = graph.id_of(&NodeKey::Address(address.to_string())) {
                    *taints.by_edge.entry((tx_id, address_id)).or_default() += taint;
                    *taints.by_node.entry(address_id).or_default() += taint;
                }
            }
            let mut inputs_by_address: BTreeMap<&str, Sats> = BTreeMap::new();
            for input in &tx.inputs {
                let (Some(prev_txid), Some(address)) = (
                    input.prev_txid.as_ref(),
                    input.prevout.as_ref().and_then(|p| p.address.as_deref()),
                ) else {
                    continue;
                };
                *inputs_by_address.entry(address).or_default() += output_taint(result, prev_txid, input.prev_vout);
            }
            for (address, taint) in inputs_by_address {
                if let Some(address_id) = graph.id_of(&NodeKey::Address(address.to_string())) {
                    *taints.by_edge.entry((address_id, tx_id)).or_default() += taint;
                }
            }
        }
        taints
    }

    /// The edge's taint (zero if none of what it merges is tainted).
    pub(crate) fn edge(&self, from: NodeId, to: NodeId) -> Sats {
        self.by_edge.get(&(from, to)).copied().unwrap_or_default()
    }

    /// The node's taint (zero if untainted).
    pub(crate) fn node(&self, id: NodeId) -> Sats {
        self.by_node.get(&id).copied().unwrap_or_default()
    }
}

/// The taint the trace put on output `vout` of `txid`.
pub(crate) fn output_taint(result: &TraceResult, txid: &Txid, vout: u32) -> Sats {
    result
        .taint_by_outpoint
        .get(&Outpoint::new(txid.clone(), vout))
        .copied()
        .unwrap_or_default()
}
