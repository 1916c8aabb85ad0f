//! The per-tick forces other than many-body: link springs and the pull toward the origin,
//! plus the velocity-Verlet integration step, each as d3-force does it.

use super::lcg::Lcg;
use super::vec2::Vec2;

/// One simulated node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Body {
    /// Position in world space.
    pub pos: Vec2,
    /// Velocity in world units per tick.
    pub vel: Vec2,
    /// Where a dragged node is held, if it is.
    pub pinned: Option<Vec2>,
}

impl Body {
    pub(super) fn at(pos: Vec2) -> Self {
        Body {
            pos,
            vel: Vec2::ZERO,
            pinned: None,
        }
    }
}

/// A spring between two bodies (indices into the body slice), with d3's degree-based
/// strength and bias precomputed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Link {
    source: usize,
    target: usize,
    strength: f64,
    /// Share of the correction applied to the target; the source gets the rest.
    bias: f64,
}

/// Builds springs from `(source, target)` pairs, dropping self-loops and unknown bodies.
/// As in d3, a link's strength is `1 / min(degree)` so hubs are not pulled apart, and the
/// lower-degree end moves more.
pub(super) fn links_from_pairs(pairs: &[(usize, usize)], body_count: usize) -> Vec<Link> {
    let mut degree = vec![0_u32; body_count];
    let valid = |&&(s, t): &&(usize, usize)| s != t && s < body_count && t < body_count;
    for &(s, t) in pairs.iter().filter(valid) {
        if let Some(d) = degree.get_mut(s) {
            *d += 1;
        }
        if let Some(d) = degree.get_mut(t) {
            *d += 1;
        }
    }
    pairs
        .iter()
        .filter(valid)
        .map(|&(source, target)| {
            let degree_source = f64::from(degree.get(source).copied().unwrap_or(1).max(1));
            let degree_target = f64::from(degree.get(target).copied().unwrap_or(1).max(1));
            Link {
                source,
                target,
                strength: 1.0 / degree_source.min(degree_target),
                bias: degree_source / (degree_source + degree_target),
            }
        })
        .collect()
}

/// d3 `forceLink`: pulls or pushes each linked pair toward `distance` apart.
pub(super) fn apply_links(bodies: &mut [Body], links: &[Link], distance: f64, alpha: f64, rng: &mut Lcg) {
    for link in links {
        let (Some(&source), Some(&target)) = (bodies.get(link.source), bodies.get(link.target)) else {
            continue;
        };
        let mut delta = (target.pos + target.vel) - (source.pos + source.vel);
        if delta.x == 0.0 {
            delta.x = rng.jiggle();
        }
        if delta.y == 0.0 {
            delta.y = rng.jiggle();
        }
        let length = delta.length();
        let correction = delta * ((length - distance) / length * alpha * link.strength);
        if let Some(target) = bodies.get_mut(link.target) {
            target.vel -= correction * link.bias;
        }
        if let Some(source) = bodies.get_mut(link.source) {
            source.vel += correction * (1.0 - link.bias);
        }
    }
}

/// d3 `forceX`/`forceY` toward the origin: a weak spring that keeps components on screen.
pub(super) fn apply_center(bodies: &mut [Body], strength: f64, alpha: f64) {
    if strength == 0.0 {
        return;
    }
    for body in bodies {
        body.vel -= body.pos * (strength * alpha);
    }
}

/// d3's integration: friction on velocity, then move; pinned bodies stay where they are held.
pub(super) fn integrate(bodies: &mut [Body], velocity_decay: f64) {
    for body in bodies {
        if let Some(pin) = body.pinned {
            body.pos = pin;
            body.vel = Vec2::ZERO;
        } else {
            body.vel = body.vel * (1.0 - velocity_decay);
            body.pos += body.vel;
        }
    }
}
