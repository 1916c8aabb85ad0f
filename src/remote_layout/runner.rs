//! `LayoutRunner`: the [`Simulation`] behind a [`LayoutSync`] stream, where the ticks run (the
//! layout worker, or the main thread when no worker can start).

use super::LayoutSync;
use crate::layout::{LayoutParams, Simulation};

/// Alpha after new nodes arrive: enough to settle them without scrambling the rest (as in
/// [`crate::layout::ForceLayout`]).
const REHEAT_ALPHA: f64 = 0.5;

/// Why a message was not applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// The message belongs to another graph than the one being laid out.
    #[error("layout message for graph {got}, but laying out graph {current}")]
    StaleEpoch { current: u32, got: u32 },
    /// The sender believes the runner has another number of nodes: it must send everything.
    #[error("layout sync expects {expected} nodes kept, the layout has {actual}")]
    CountMismatch { expected: u32, actual: u32 },
}

/// A simulation fed by [`LayoutSync`] messages, ticked until cool.
#[derive(Debug, Clone)]
pub struct LayoutRunner {
    params: LayoutParams,
    seed: u32,
    epoch: u32,
    sim: Simulation,
    pairs: Vec<(u32, u32)>,
}

impl LayoutRunner {
    /// An empty runner; the first sync (`from == 0`) starts it.
    #[must_use]
    pub fn new(params: LayoutParams, seed: u32) -> LayoutRunner {
        LayoutRunner {
            params,
            seed,
            epoch: 0,
            sim: Simulation::new(params, seed),
            pairs: Vec::new(),
        }
    }

    /// Applies a sync: `from == 0` starts a fresh simulation (hot, alpha 1) for its epoch;
    /// otherwise the new nodes are appended at their seeds, the links replaced, and alpha raised
    /// to at least 0.5 if anything was added.
    ///
    /// # Errors
    /// [`SyncError::StaleEpoch`] for another epoch's message, [`SyncError::CountMismatch`] when
    /// `from` is not this runner's node count (the sender should then send everything again).
    pub fn apply(&mut self, sync: &LayoutSync) -> Result<(), SyncError> {
        if sync.from == 0 {
            self.epoch = sync.epoch;
            self.sim = Simulation::new(self.params, self.seed);
        } else {
            self.check_epoch(sync.epoch)?;
            let actual = self.node_count();
            if sync.from != actual {
                return Err(SyncError::CountMismatch {
                    expected: sync.from,
                    actual,
                });
            }
        }
        for seed in sync.seeds_xy.chunks_exact(2) {
            if let &[x, y] = seed {
                self.sim.push_node(f64::from(x), f64::from(y));
            }
        }
        if let Some(links) = &sync.links {
            self.pairs.clear();
            self.pairs.extend(links.chunks_exact(2).filter_map(|pair| match *pair {
                [source, target] => Some((source, target)),
                _ => None,
            }));
            self.sim.set_links(&self.pairs);
        }
        if sync.from > 0 && (sync.added() > 0 || sync.links.is_some()) {
            self.sim.set_alpha(self.sim.alpha().max(REHEAT_ALPHA));
        }
        Ok(())
    }

    /// Holds node `index` at `(x, y)` while the reader drags it, keeping the layout warm
    /// (alpha 0.3, as d3's drag examples do).
    ///
    /// # Errors
    /// [`SyncError::StaleEpoch`] for another epoch's message.
    pub fn pin(&mut self, epoch: u32, index: u32, x: f64, y: f64) -> Result<(), SyncError> {
        self.check_epoch(epoch)?;
        self.sim.pin(index, x, y);
        self.sim.set_alpha(0.3);
        Ok(())
    }

    /// Puts nodes where a saved view had them: each `(index, x, y)` is moved there (and held
    /// there when `hold`). Never reheats; with `rest` the layout is left cool, so the nodes stay
    /// exactly where they were put until something changes.
    ///
    /// # Errors
    /// [`SyncError::StaleEpoch`] for another epoch's message.
    pub fn place(&mut self, epoch: u32, items: &[(u32, f32, f32)], hold: bool, rest: bool) -> Result<(), SyncError> {
        self.check_epoch(epoch)?;
        for &(index, x, y) in items {
            if hold {
                self.sim.pin(index, f64::from(x), f64::from(y));
            } else {
                self.sim.place(index, f64::from(x), f64::from(y));
            }
        }
        if rest {
            self.sim.set_alpha(0.0);
        }
        Ok(())
    }

    /// Lets node `index` move again.
    ///
    /// # Errors
    /// [`SyncError::StaleEpoch`] for another epoch's message.
    pub fn unpin(&mut self, epoch: u32, index: u32) -> Result<(), SyncError> {
        self.check_epoch(epoch)?;
        self.sim.unpin(index);
        Ok(())
    }

    /// One tick if the layout is still warm; returns whether it is still moving afterwards.
    pub fn tick(&mut self) -> bool {
        if self.sim.is_cool() {
            return false;
        }
        self.sim.tick();
        self.is_moving()
    }

    /// Whether ticks would still move nodes (alpha above its minimum).
    #[must_use]
    pub fn is_moving(&self) -> bool {
        !self.sim.is_cool()
    }

    /// The positions, interleaved `[x0, y0, …]` as `f32`.
    #[must_use]
    pub fn positions_xy(&self) -> &[f32] {
        self.sim.positions_xy()
    }

    /// The epoch of the graph being laid out.
    #[must_use]
    pub fn epoch(&self) -> u32 {
        self.epoch
    }

    /// The current alpha.
    #[must_use]
    pub fn alpha(&self) -> f64 {
        self.sim.alpha()
    }

    /// Number of nodes.
    #[must_use]
    pub fn node_count(&self) -> u32 {
        u32::try_from(self.sim.node_count()).unwrap_or(u32::MAX)
    }

    fn check_epoch(&self, got: u32) -> Result<(), SyncError> {
        if got == self.epoch {
            Ok(())
        } else {
            Err(SyncError::StaleEpoch {
                current: self.epoch,
                got,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sync(epoch: u32, from: u32, seeds_xy: Vec<f32>, links: Option<Vec<u32>>) -> LayoutSync {
        LayoutSync {
            epoch,
            from,
            seeds_xy,
            links,
        }
    }

    #[test]
    fn a_fresh_sync_starts_hot_and_ticks_until_cool() {
        let mut runner = LayoutRunner::new(LayoutParams::default(), 1);
        runner
            .apply(&sync(3, 0, vec![0.0, 0.0, 5.0, 0.0, 0.0, 5.0], Some(vec![0, 1, 1, 2])))
            .unwrap();
        assert_eq!((runner.node_count(), runner.epoch(), runner.alpha()), (3, 3, 1.0));
        let mut ticks = 0;
        while runner.tick() {
            ticks += 1;
            assert!(ticks < 1_000, "the layout cools");
        }
        assert!((250..=320).contains(&ticks), "{ticks} ticks");
        assert!(runner.positions_xy().iter().all(|v| v.is_finite()));
        assert!(!runner.tick(), "a cool layout stays still");
    }

    #[test]
    fn growing_reheats_and_appends_at_the_seeds() {
        let mut runner = LayoutRunner::new(LayoutParams::default(), 1);
        runner.apply(&sync(1, 0, vec![0.0, 0.0], None)).unwrap();
        while runner.tick() {}
        runner.apply(&sync(1, 1, vec![40.0, -8.0], Some(vec![0, 1]))).unwrap();
        assert_eq!(runner.node_count(), 2);
        assert_eq!(runner.positions_xy().get(2..4), Some(&[40.0_f32, -8.0][..]));
        assert!((runner.alpha() - REHEAT_ALPHA).abs() < 1e-12);
    }

    #[test]
    fn messages_of_another_graph_or_count_are_refused() {
        let mut runner = LayoutRunner::new(LayoutParams::default(), 1);
        runner.apply(&sync(2, 0, vec![0.0, 0.0], None)).unwrap();
        assert_eq!(
            runner.apply(&sync(1, 1, vec![1.0, 1.0], None)),
            Err(SyncError::StaleEpoch { current: 2, got: 1 })
        );
        assert_eq!(
            runner.apply(&sync(2, 5, vec![1.0, 1.0], None)),
            Err(SyncError::CountMismatch { expected: 5, actual: 1 })
        );
        assert!(runner.pin(1, 0, 3.0, 3.0).is_err());
        assert_eq!(runner.node_count(), 1);
    }

    #[test]
    fn placed_nodes_stay_put_at_rest_and_held_ones_through_a_reheat() {
        let mut runner = LayoutRunner::new(LayoutParams::default(), 1);
        runner
            .apply(&sync(
                1,
                0,
                vec![0.0, 0.0, 10.0, 0.0, 0.0, 10.0],
                Some(vec![0, 1, 1, 2]),
            ))
            .unwrap();
        runner.tick();
        let saved = [(0, -50.0, 20.0), (1, 30.0, 30.0), (2, 80.0, -10.0)];
        runner.place(1, &saved, false, true).unwrap();
        assert!(!runner.is_moving(), "a restored view is at rest");
        assert!(!runner.tick());
        assert_eq!(runner.positions_xy(), &[-50.0, 20.0, 30.0, 30.0, 80.0, -10.0]);
        // A held node keeps its place when new nodes reheat the layout; the others move.
        runner.place(1, &[(2, 80.0, -10.0)], true, false).unwrap();
        runner
            .apply(&sync(1, 3, vec![100.0, 100.0], Some(vec![0, 1, 1, 2, 2, 3])))
            .unwrap();
        for _ in 0..30 {
            runner.tick();
        }
        assert_eq!(runner.positions_xy().get(4..6), Some(&[80.0_f32, -10.0][..]));
        assert_ne!(runner.positions_xy().get(0..2), Some(&[-50.0_f32, 20.0][..]));
        assert!(
            runner.place(2, &saved, false, true).is_err(),
            "another graph's positions"
        );
    }

    #[test]
    fn a_pinned_node_stays_where_it_is_held() {
        let mut runner = LayoutRunner::new(LayoutParams::default(), 1);
        runner
            .apply(&sync(1, 0, vec![0.0, 0.0, 10.0, 0.0], Some(vec![0, 1])))
            .unwrap();
        runner.pin(1, 1, 100.0, 50.0).unwrap();
        for _ in 0..20 {
            runner.tick();
        }
        assert_eq!(runner.positions_xy().get(2..4), Some(&[100.0_f32, 50.0][..]));
        runner.unpin(1, 1).unwrap();
        runner.tick();
        assert_ne!(runner.positions_xy().get(2..4), Some(&[100.0_f32, 50.0][..]));
    }
}
