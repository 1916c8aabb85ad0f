//! The benchmark's synthetic "transaction-flow" graph, ported bit-exactly from
//! `shared/bench/flow-graph-gen.mjs`, and d3-force's phyllotaxis initial positions.
//!
//! Node 0 is a root; each node `i ≥ 1` gets k ∈ {1, 2, 3} parents (p = 0.6 / 0.3 / 0.1): the
//! first uniform over `[0, i)`, extras from the 64 most recent nodes. Links run parent → child.
//! The same seed gives the same graph here, in Node and in Chromium.

use std::f64::consts::PI;

use super::fdlibm::sin_cos;

/// d3's phyllotaxis: radius of the first point.
const INITIAL_RADIUS: f64 = 10.0;

/// The mulberry32 pseudo-random generator of the benchmark script (32-bit state).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mulberry32 {
    state: u32,
}

impl Mulberry32 {
    /// A generator at `seed`.
    #[must_use]
    pub fn new(seed: u32) -> Self {
        Mulberry32 { state: seed }
    }

    /// The next value in `[0, 1)`, identical to the JavaScript function's.
    pub fn next_f64(&mut self) -> f64 {
        // JS works on int32 bit patterns (Math.imul, ^, >>>): wrapping u32 arithmetic is the same.
        self.state = self.state.wrapping_add(0x6d2b_79f5);
        let mut t = self.state;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }
}

/// A generated graph: `node_count` nodes and links `sources[i] → targets[i]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchGraph {
    /// Number of nodes (indices `0..node_count`).
    pub node_count: usize,
    /// Link sources (parents), in generation order.
    pub sources: Vec<u32>,
    /// Link targets (children), parallel to `sources`.
    pub targets: Vec<u32>,
}

impl BenchGraph {
    /// The graph `flowGraph(node_count, seed)` of the benchmark script (the benchmark uses seed 42).
    #[must_use]
    pub fn generate(node_count: usize, seed: u32) -> Self {
        let mut rnd = Mulberry32::new(seed);
        let mut sources = Vec::with_capacity(node_count * 3 / 2);
        let mut targets = Vec::with_capacity(node_count * 3 / 2);
        // Insertion-ordered like the script's Set, which decides the link order.
        let mut parents: Vec<u32> = Vec::with_capacity(3);
        for i in 1..node_count {
            let Ok(child) = u32::try_from(i) else {
                break;
            };
            let r = rnd.next_f64();
            let k = if r < 0.6 {
                1
            } else if r < 0.9 {
                2
            } else {
                3
            };
            parents.clear();
            parents.push(floor_index(rnd.next_f64(), i));
            let mut guard = 0;
            while parents.len() < k.min(i) && guard < 16 {
                guard += 1;
                let window = i.min(64);
                let parent = child - 1 - floor_index(rnd.next_f64(), window);
                if !parents.contains(&parent) {
                    parents.push(parent);
                }
            }
            for &parent in &parents {
                sources.push(parent);
                targets.push(child);
            }
        }
        BenchGraph {
            node_count,
            sources,
            targets,
        }
    }

    /// Number of links.
    #[must_use]
    pub fn link_count(&self) -> usize {
        self.sources.len()
    }

    /// The links as `(source, target)` pairs.
    #[must_use]
    pub fn links(&self) -> Vec<(u32, u32)> {
        self.sources.iter().copied().zip(self.targets.iter().copied()).collect()
    }
}

/// `Math.floor(r * n)` for `r` in `[0, 1)`: an index below `n`.
fn floor_index(r: f64, n: usize) -> u32 {
    // r < 1 and n < 2^32, so the product is a small non-negative float; `as` saturates anyway.
    (r * n as f64).floor() as u32
}

/// d3-force's initial position of node `index` (phyllotaxis spiral around the origin).
#[must_use]
pub fn phyllotaxis_point(index: usize) -> (f64, f64) {
    let initial_angle = PI * (3.0 - 5.0_f64.sqrt());
    let i = index as f64;
    let radius = INITIAL_RADIUS * (0.5 + i).sqrt();
    let angle = i * initial_angle;
    let (sin, cos) = sin_cos(angle);
    (radius * cos, radius * sin)
}

/// Initial positions of `node_count` nodes, interleaved `[x0, y0, x1, y1, …]`.
#[must_use]
pub fn phyllotaxis(node_count: usize) -> Vec<f64> {
    (0..node_count)
        .flat_map(|i| {
            let (x, y) = phyllotaxis_point(i);
            [x, y]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_child_has_one_to_three_earlier_parents() {
        let graph = BenchGraph::generate(500, 42);
        let mut parents = vec![0_u32; 500];
        for (s, t) in graph.links() {
            assert!(s < t);
            parents[t as usize] += 1;
        }
        assert_eq!(parents[0], 0);
        assert!(parents[1..].iter().all(|&p| (1..=3).contains(&p)));
    }

    #[test]
    fn a_graph_of_one_node_has_no_links() {
        assert_eq!(BenchGraph::generate(1, 42).link_count(), 0);
        assert_eq!(BenchGraph::generate(0, 42).link_count(), 0);
    }
}
