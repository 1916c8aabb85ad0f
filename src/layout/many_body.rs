//! d3 `forceManyBody`: every pair of nodes repels (or attracts) with a force ∝ 1/distance.
//!
//! Exact O(n²) up to [`EXACT_LIMIT`] bodies; above it, a coarse uniform grid: exact within
//! neighbouring cells, a cell's centre of mass beyond. Both iterate in body order, so the
//! result depends only on the input (no hash order).

use super::forces::Body;
use super::lcg::Lcg;
use super::vec2::Vec2;

/// Up to this many bodies the exact pairwise sum is cheap enough for one animation frame.
pub(super) const EXACT_LIMIT: usize = 2_000;
/// Average bodies per grid cell in the approximate mode.
const BODIES_PER_CELL: usize = 16;
/// d3's `distanceMin2`: closer pairs are treated as this (squared) distance to avoid blow-ups.
const DISTANCE_MIN_SQ: f64 = 1.0;

/// Adds the many-body force to every body's velocity.
pub(super) fn apply_many_body(bodies: &mut [Body], strength: f64, alpha: f64, rng: &mut Lcg) {
    if strength == 0.0 || bodies.len() < 2 {
        return;
    }
    let scale = strength * alpha;
    if bodies.len() <= EXACT_LIMIT {
        apply_exact(bodies, scale, rng);
    } else {
        apply_grid(bodies, scale, rng);
    }
}

/// The velocity change of a body at `from` due to mass `weight` at `to`.
fn pull(from: Vec2, to: Vec2, weight_scale: f64, rng: &mut Lcg) -> Vec2 {
    let mut delta = to - from;
    let mut distance_sq = delta.length_sq();
    if delta.x == 0.0 {
        delta.x = rng.jiggle();
        distance_sq += delta.x * delta.x;
    }
    if delta.y == 0.0 {
        delta.y = rng.jiggle();
        distance_sq += delta.y * delta.y;
    }
    if distance_sq < DISTANCE_MIN_SQ {
        distance_sq = (DISTANCE_MIN_SQ * distance_sq).sqrt();
    }
    delta * (weight_scale / distance_sq)
}

fn apply_exact(bodies: &mut [Body], scale: f64, rng: &mut Lcg) {
    for i in 0..bodies.len() {
        let Some((head, tail)) = bodies.split_at_mut_checked(i + 1) else {
            return;
        };
        let Some(a) = head.last_mut() else {
            continue;
        };
        for b in tail {
            let dv = pull(a.pos, b.pos, scale, rng);
            a.vel += dv;
            b.vel -= dv;
        }
    }
}

/// One grid cell: its members (body indices, ascending) and their centre of mass.
#[derive(Debug, Clone, Default)]
struct Cell {
    members: Vec<usize>,
    pos_sum: Vec2,
}

fn apply_grid(bodies: &mut [Body], scale: f64, rng: &mut Lcg) {
    let Some(first) = bodies.first() else {
        return;
    };
    let (min, max) = bodies
        .iter()
        .fold((first.pos, first.pos), |(lo, hi), b| (lo.min(b.pos), hi.max(b.pos)));
    // Cells per side so that the grid holds ~BODIES_PER_CELL bodies per cell on average.
    let side = ((bodies.len() / BODIES_PER_CELL) as f64).sqrt().ceil().max(1.0);
    let cell_size = ((max.x - min.x).max(max.y - min.y) / side).max(1e-9);
    let side_cells = side as usize;
    let cell_of = |p: Vec2| -> (usize, usize) {
        let cx = (((p.x - min.x) / cell_size) as usize).min(side_cells - 1);
        let cy = (((p.y - min.y) / cell_size) as usize).min(side_cells - 1);
        (cx, cy)
    };
    let mut cells = vec![Cell::default(); side_cells * side_cells];
    for (i, body) in bodies.iter().enumerate() {
        let (cx, cy) = cell_of(body.pos);
        if let Some(cell) = cells.get_mut(cy * side_cells + cx) {
            cell.members.push(i);
            cell.pos_sum += body.pos;
        }
    }

    let positions: Vec<Vec2> = bodies.iter().map(|b| b.pos).collect();
    for (i, body) in bodies.iter_mut().enumerate() {
        let (cx, cy) = cell_of(body.pos);
        let mut dv = Vec2::ZERO;
        for (c, cell) in cells.iter().enumerate() {
            if cell.members.is_empty() {
                continue;
            }
            let (ox, oy) = (c % side_cells, c / side_cells);
            if ox.abs_diff(cx) <= 1 && oy.abs_diff(cy) <= 1 {
                for &j in cell.members.iter().filter(|&&j| j != i) {
                    if let Some(&other) = positions.get(j) {
                        dv += pull(body.pos, other, scale, rng);
                    }
                }
            } else {
                let count = cell.members.len() as f64;
                dv += pull(body.pos, cell.pos_sum / count, scale * count, rng);
            }
        }
        body.vel += dv;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies_on_a_line(n: usize) -> Vec<Body> {
        (0..n)
            .map(|i| Body::at(Vec2::new(i as f64 * 3.0, (i % 7) as f64)))
            .collect()
    }

    #[test]
    fn negative_strength_pushes_a_pair_apart() {
        let mut bodies = vec![Body::at(Vec2::new(0.0, 0.0)), Body::at(Vec2::new(10.0, 0.0))];
        apply_many_body(&mut bodies, -30.0, 1.0, &mut Lcg::new(1));
        assert!(bodies[0].vel.x < 0.0 && bodies[1].vel.x > 0.0);
    }

    #[test]
    fn grid_approximation_is_close_to_the_exact_sum() {
        let mut exact = bodies_on_a_line(EXACT_LIMIT + 500);
        let mut grid = exact.clone();
        apply_exact(&mut exact, -30.0, &mut Lcg::new(1));
        apply_grid(&mut grid, -30.0, &mut Lcg::new(1));
        // Compare an end body, where the net force is large and one-sided.
        let (e, g) = (exact[0].vel, grid[0].vel);
        assert!((e - g).length() < 0.05 * e.length(), "exact {e:?} grid {g:?}");
    }

    #[test]
    fn coincident_bodies_are_separated_by_jiggle() {
        let mut bodies = vec![Body::at(Vec2::ZERO), Body::at(Vec2::ZERO)];
        apply_many_body(&mut bodies, -30.0, 1.0, &mut Lcg::new(3));
        assert!(bodies[0].vel.is_finite() && bodies[0].vel != Vec2::ZERO);
    }
}
