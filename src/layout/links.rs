//! d3 `forceLink`: springs between linked bodies, with d3's degree-based strength and bias.

use super::engine::Body;
use super::lcg::Lcg;

/// The links as parallel arrays, with d3's per-link constants precomputed.
#[derive(Debug, Clone, Default)]
pub(super) struct Links {
    sources: Vec<u32>,
    targets: Vec<u32>,
    /// `1 / min(count(source), count(target))`: hubs are not torn apart.
    strengths: Vec<f64>,
    /// `count(source) / (count(source) + count(target))`: the target's share of the correction.
    biases: Vec<f64>,
    /// Scratch: links per body.
    counts: Vec<u32>,
}

impl Links {
    /// Replaces the links. Self-loops and links to bodies `>= body_count` are dropped (a
    /// self-loop only adds noise in d3 too).
    pub fn set(&mut self, pairs: &[(u32, u32)], body_count: usize) {
        self.sources.clear();
        self.targets.clear();
        self.strengths.clear();
        self.biases.clear();
        self.counts.clear();
        self.counts.resize(body_count, 0);
        for &(s, t) in pairs {
            if s == t || s as usize >= body_count || t as usize >= body_count {
                continue;
            }
            self.sources.push(s);
            self.targets.push(t);
            for end in [s, t] {
                if let Some(count) = self.counts.get_mut(end as usize) {
                    *count += 1;
                }
            }
        }
        for (&s, &t) in self.sources.iter().zip(&self.targets) {
            let count_source = f64::from(self.counts.get(s as usize).copied().unwrap_or(1));
            let count_target = f64::from(self.counts.get(t as usize).copied().unwrap_or(1));
            self.strengths.push(1.0 / count_source.min(count_target));
            self.biases.push(count_source / (count_source + count_target));
        }
    }

    /// Number of links kept.
    pub fn len(&self) -> usize {
        self.sources.len()
    }

    /// Links touching each body, indexed by body.
    pub fn counts(&self) -> &[u32] {
        &self.counts
    }

    /// One iteration of d3's link force at `alpha`, in link order.
    pub fn apply(&self, bodies: &mut [Body], distance: f64, alpha: f64, rng: &mut Lcg) {
        let constants = self.strengths.iter().zip(&self.biases);
        for ((&s, &t), (&strength, &bias)) in self.sources.iter().zip(&self.targets).zip(constants) {
            let (Some(&source), Some(&target)) = (bodies.get(s as usize), bodies.get(t as usize)) else {
                continue;
            };
            // Same association as d3: target.x + target.vx - source.x - source.vx.
            let mut x = target.x + target.vx - source.x - source.vx;
            if x == 0.0 || x.is_nan() {
                x = rng.jiggle();
            }
            let mut y = target.y + target.vy - source.y - source.vy;
            if y == 0.0 || y.is_nan() {
                y = rng.jiggle();
            }
            let mut l = (x * x + y * y).sqrt();
            l = (l - distance) / l * alpha * strength;
            x *= l;
            y *= l;
            if let Some(target) = bodies.get_mut(t as usize) {
                target.vx -= x * bias;
                target.vy -= y * bias;
            }
            if let Some(source) = bodies.get_mut(s as usize) {
                let b = 1.0 - bias;
                source.vx += x * b;
                source.vy += y * b;
            }
        }
    }
}
