//! Where a node new to the graph first appears: beside what it connects to, so an expansion grows
//! out of the node that was expanded instead of flying in from the spiral.

use std::f64::consts::TAU;

use super::{Lcg, Vec2};

/// A start position near `centroid`, the mean of the new node's `placed_neighbours` placed
/// neighbours (≥ 1): about one link away from a lone neighbour, close to the middle of several.
#[must_use]
pub fn near_neighbours(centroid: Vec2, placed_neighbours: usize, link_distance: f64, rng: &mut Lcg) -> Vec2 {
    let reach = if placed_neighbours == 1 {
        link_distance
    } else {
        link_distance * 0.25
    };
    let radius = reach * (0.5 + 0.5 * rng.next_f64());
    let angle = TAU * rng.next_f64();
    centroid + Vec2::new(radius * angle.cos(), radius * angle.sin())
}
