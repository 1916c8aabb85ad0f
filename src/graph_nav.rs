//! Moving through the graph with the keyboard: → follows the node's outgoing edges (where the
//! money went), ← its incoming ones (where it came from), ↑/↓ step to the next other node one
//! edge away from the node last left (its other recipients or senders), or through every node
//! when there is no such step. Neighbours come largest link first, so → follows the main flow.
//!
//! Pure: the canvas keeps the [`Trail`] and asks [`step`] where a key leads.

use crate::flow::{FlowGraph, NodeId};

/// A navigation key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavKey {
    /// → : along an outgoing edge.
    Forward,
    /// ← : back along an incoming edge.
    Back,
    /// ↓ : the next sibling.
    Next,
    /// ↑ : the previous sibling.
    Previous,
}

impl NavKey {
    /// The key for a DOM `KeyboardEvent.key`, if it navigates.
    #[must_use]
    pub fn from_dom(key: &str) -> Option<NavKey> {
        match key {
            "ArrowRight" => Some(NavKey::Forward),
            "ArrowLeft" => Some(NavKey::Back),
            "ArrowDown" => Some(NavKey::Next),
            "ArrowUp" => Some(NavKey::Previous),
            _ => None,
        }
    }
}

/// How the current node was reached: from `from`, along its outgoing (`outward`) or incoming
/// edges, as neighbour number `index` in [`FlowGraph::linked`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trail {
    pub from: NodeId,
    pub outward: bool,
    pub index: usize,
}

/// Where a key led.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub node: NodeId,
    pub trail: Option<Trail>,
}

/// Where `key` leads from `at` (reached by `trail`), among the nodes `visible` allows. With no
/// current node, any key goes to `start` (the page's target) or the first visible node. `None`:
/// nowhere to go (the reader hears why from the caller).
#[must_use]
pub fn step(
    graph: &FlowGraph,
    visible: &dyn Fn(NodeId) -> bool,
    at: Option<NodeId>,
    trail: Option<Trail>,
    start: Option<NodeId>,
    key: NavKey,
) -> Option<Step> {
    let first_visible = || graph.nodes().map(|(id, _)| id).find(|&id| visible(id));
    let Some(at) = at.filter(|&id| graph.node(id).is_some() && visible(id)) else {
        let node = start
            .filter(|&id| graph.node(id).is_some() && visible(id))
            .or_else(first_visible)?;
        return Some(Step { node, trail: None });
    };
    let linked = |from: NodeId, outward: bool| -> Vec<NodeId> {
        graph
            .linked(from, outward)
            .into_iter()
            .map(|(id, _)| id)
            .filter(|&id| visible(id))
            .collect()
    };
    match key {
        NavKey::Forward | NavKey::Back => {
            let outward = key == NavKey::Forward;
            let node = *linked(at, outward).first()?;
            Some(Step {
                node,
                trail: Some(Trail {
                    from: at,
                    outward,
                    index: 0,
                }),
            })
        }
        NavKey::Next | NavKey::Previous => {
            let forward = key == NavKey::Next;
            // Among the siblings of the last step, if `at` is still one of them.
            if let Some(trail) = trail.filter(|t| t.from != at) {
                let siblings = linked(trail.from, trail.outward);
                if let Some(here) = siblings.iter().position(|&id| id == at) {
                    if siblings.len() < 2 {
                        return None;
                    }
                    let index = if forward {
                        (here + 1) % siblings.len()
                    } else {
                        (here + siblings.len() - 1) % siblings.len()
                    };
                    return Some(Step {
                        node: siblings[index],
                        trail: Some(Trail { index, ..trail }),
                    });
                }
            }
            // Otherwise through every visible node, in graph order (reaches unlinked parts too).
            let all: Vec<NodeId> = graph.nodes().map(|(id, _)| id).filter(|&id| visible(id)).collect();
            let here = all.iter().position(|&id| id == at)?;
            if all.len() < 2 {
                return None;
            }
            let index = if forward {
                (here + 1) % all.len()
            } else {
                (here + all.len() - 1) % all.len()
            };
            Some(Step {
                node: all[index],
                trail: None,
            })
        }
    }
}
