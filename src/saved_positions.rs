//! Where the nodes of a view were drawn, as a permalink keeps it ([`LayoutPositions`]), and
//! back: which node goes where when a link reopens the view.
//!
//! A force layout grown in another order (answers arrive in another order on every visit)
//! settles elsewhere, so a link that only names the graph would not show the author's picture.
//! The link therefore carries every drawn position, in the order of the graph's node keys, and a
//! fingerprint of those keys: the positions apply once the reopened graph has exactly the same
//! nodes, which a view pinned to a block height reaches when its expansions are replayed.

use crate::flow::{FlowGraph, NodeId, NodeKey};
use crate::layout::Vec2;
use crate::permalink::LayoutPositions;

/// Graphs with more nodes than this keep no positions in their link (about 5 bytes a node).
pub const MAX_SAVED_NODES: usize = 2_000;

/// The graph's nodes in key order (the order of [`LayoutPositions::points`]).
fn nodes_in_key_order(graph: &FlowGraph) -> Vec<(NodeKey, NodeId)> {
    let mut nodes: Vec<(NodeKey, NodeId)> = graph
        .nodes()
        .filter_map(|(id, _)| Some((graph.key_of(id)?, id)))
        .collect();
    nodes.sort_unstable();
    nodes
}

/// FNV-1a (64 bit) over the keys in order: stable across builds and platforms.
fn fingerprint_of(nodes: &[(NodeKey, NodeId)]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(PRIME);
        }
    };
    for (key, _) in nodes {
        match key {
            NodeKey::Tx(txid) => {
                eat(b"T");
                eat(txid.as_str().as_bytes());
            }
            NodeKey::Address(address) => {
                eat(b"A");
                eat(address.as_bytes());
            }
            NodeKey::Group(group) => {
                eat(b"G");
                eat(group.id_text().as_bytes());
            }
            NodeKey::Transfer(from, to) => {
                eat(b"F");
                eat(from.id_text().as_bytes());
                eat(&[0xfe]);
                eat(to.id_text().as_bytes());
            }
        }
        // A separator no key contains, so ["ab","c"] and ["a","bc"] differ.
        eat(&[0xff]);
    }
    hash
}

/// The positions to keep for `graph`, `None` when it is empty or larger than
/// [`MAX_SAVED_NODES`]. Positions are rounded to whole world units.
#[must_use]
pub fn capture(graph: &FlowGraph, position: impl Fn(NodeId) -> Option<Vec2>) -> Option<LayoutPositions> {
    let count = graph.node_count();
    if count == 0 || count > MAX_SAVED_NODES {
        return None;
    }
    let nodes = nodes_in_key_order(graph);
    let points = nodes
        .iter()
        .map(|(_, id)| {
            position(*id)
                .filter(|p| p.is_finite())
                .map(|p| (whole_units(p.x), whole_units(p.y)))
        })
        .collect();
    Some(LayoutPositions {
        fingerprint: fingerprint_of(&nodes),
        points,
    })
}

/// Where each node goes, if `saved` was taken of a graph with exactly `graph`'s nodes.
#[must_use]
pub fn placements(graph: &FlowGraph, saved: &LayoutPositions) -> Option<Vec<(NodeId, Vec2)>> {
    if graph.node_count() != saved.points.len() {
        return None;
    }
    let nodes = nodes_in_key_order(graph);
    if fingerprint_of(&nodes) != saved.fingerprint {
        return None;
    }
    Some(
        nodes
            .iter()
            .zip(&saved.points)
            .filter_map(|((_, id), point)| {
                let (x, y) = (*point)?;
                Some((*id, Vec2::new(f64::from(x), f64::from(y))))
            })
            .collect(),
    )
}

/// Whether `saved` can still come to apply as `graph` grows (graphs only grow within a view).
#[must_use]
pub fn may_still_apply(graph: &FlowGraph, saved: &LayoutPositions) -> bool {
    graph.node_count() <= saved.points.len()
}

/// A world coordinate rounded to a whole unit, as links keep them (clamped to `i32`; NaN is 0).
#[must_use]
pub fn whole_units(v: f64) -> i32 {
    #[allow(clippy::cast_possible_truncation)] // clamped to the i32 range; `as` maps NaN to 0
    let rounded = v.round().clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32;
    rounded
}
