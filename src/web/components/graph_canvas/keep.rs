//! Keeping the picture: nodes the reader placed stay there (pins), and where everything was
//! drawn goes into the link and comes back from it (`crate::saved_positions`).
//!
//! Pins are a force-layout notion: a dragged node is held where it was dropped until "Unpin"
//! lets it go. The time and hop layouts place every node themselves; a drag there moves the
//! node for this picture only (and the drawn positions keep it).

use std::collections::BTreeMap;
use std::rc::Rc;

use super::Scene;
use crate::flow::NodeId;
use crate::layout::Vec2;
use crate::permalink::{LayoutPositions, PinnedNode};
use crate::saved_positions::{self, whole_units};

/// What the canvas keeps of the picture, beyond the layout itself.
#[derive(Default)]
pub(super) struct Keep {
    /// Nodes held where the reader dropped them (force layout).
    pub held: BTreeMap<NodeId, Vec2>,
    /// The pins the page asked for (a link's, or the ones reported back).
    wanted: Rc<Vec<PinnedNode>>,
    /// Some wanted pins are not applied yet (their nodes are not laid out yet).
    wanted_pending: bool,
    /// The layout epoch the held nodes were sent for.
    epoch: u32,
    /// Drawn positions a link asked for, until they apply (or can no longer apply).
    restore: Option<Rc<LayoutPositions>>,
    restore_pending: bool,
    /// The positions last reported (to report only changes).
    reported: Option<LayoutPositions>,
    /// The picture may have changed since the last report.
    pub report_due: bool,
    /// Where the page hears of pins (a drop, "Unpin") and of the picture at rest.
    pub onpins: yew::Callback<Vec<PinnedNode>>,
    pub onpositions: yew::Callback<Option<LayoutPositions>>,
}

impl Keep {
    /// Takes the page's pins and the link's drawn positions (props); returns whether anything
    /// changed.
    pub fn take_props(&mut self, pins: &Rc<Vec<PinnedNode>>, restore: Option<&Rc<LayoutPositions>>) -> bool {
        let mut changed = false;
        if !Rc::ptr_eq(&self.wanted, pins) {
            // The pins reported a moment ago come back as a new list: nothing to apply then.
            if *self.wanted != **pins {
                self.wanted_pending = true;
                changed = true;
            }
            self.wanted = pins.clone();
        }
        let same_restore = match (&self.restore, restore) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if !same_restore {
            self.restore = restore.cloned();
            self.restore_pending = self.restore.is_some();
            changed = true;
        }
        changed
    }
}

impl Scene {
    /// Once per frame, after the layout was synced: applies a link's positions and pins as
    /// their nodes arrive, and reports the picture once it rests.
    pub(super) fn keep_picture(&mut self) {
        if self.mirror.epoch() != self.keep.epoch {
            // A fresh simulation (new graph, or a hub folded/unfolded): hold the pins again.
            self.keep.epoch = self.mirror.epoch();
            self.keep.wanted_pending = true;
            let held: Vec<(NodeId, Vec2)> = self.keep.held.iter().map(|(id, at)| (*id, *at)).collect();
            self.hold(&held);
        }
        if self.keep.wanted_pending {
            self.apply_wanted_pins();
        }
        if self.keep.restore_pending {
            self.apply_restore();
        }
        // The host's own word: a graph change sent this very frame is not in `self.moving` yet.
        let resting = !self.host.is_moving() && matches!(self.drag, super::Drag::None);
        if self.keep.report_due && resting && !self.keep.restore_pending {
            self.keep.report_due = false;
            let positions = self.positions();
            let now = saved_positions::capture(&self.graph, |id| positions.position(id));
            if now != self.keep.reported {
                self.keep.reported.clone_from(&now);
                self.keep.onpositions.emit(now);
            }
        }
    }

    /// A node is being dragged to `at` (force layout): it will stay where it is dropped.
    pub(super) fn note_dragged(&mut self, id: NodeId, at: Vec2) {
        self.keep.held.insert(id, at);
    }

    /// The reader dropped the dragged nodes (held where [`Scene::note_dragged`] last put
    /// them; the mirror may still show an older answer of the layout): tell the page.
    pub(super) fn report_dropped(&mut self) {
        if self.arranged.is_some() {
            self.keep.report_due = true;
        } else {
            self.report_pins();
        }
    }

    /// Lets every held node move with the layout again.
    pub(super) fn unpin_all(&mut self) {
        let epoch = self.mirror.epoch();
        for id in std::mem::take(&mut self.keep.held).into_keys() {
            if let Some(index) = self.mirror.index(id) {
                self.host.unpin(epoch, index);
            }
        }
        self.report_pins();
    }

    fn report_pins(&mut self) {
        let pins: Vec<PinnedNode> = self
            .keep
            .held
            .iter()
            .filter_map(|(id, at)| {
                Some(PinnedNode {
                    key: self.graph.key_of(*id)?,
                    x: whole_units(at.x),
                    y: whole_units(at.y),
                })
            })
            .collect();
        // What comes back as the prop is what we hold: nothing to apply then.
        self.keep.wanted = Rc::new(pins.clone());
        self.keep.wanted_pending = false;
        self.keep.onpins.emit(pins);
    }

    /// Holds the wanted pins whose nodes are laid out; lets go of held nodes no longer wanted.
    fn apply_wanted_pins(&mut self) {
        let mut wanted = BTreeMap::new();
        let mut missing = false;
        for pin in self.keep.wanted.iter() {
            match self.graph.id_of(&pin.key).filter(|id| self.mirror.index(*id).is_some()) {
                Some(id) => {
                    wanted.insert(id, Vec2::new(f64::from(pin.x), f64::from(pin.y)));
                }
                None => missing = true,
            }
        }
        let released: Vec<NodeId> = self
            .keep
            .held
            .keys()
            .filter(|id| !wanted.contains_key(id))
            .copied()
            .collect();
        let epoch = self.mirror.epoch();
        for id in released {
            self.keep.held.remove(&id);
            if let Some(index) = self.mirror.index(id) {
                self.host.unpin(epoch, index);
            }
        }
        let rounded = |at: &Vec2| (whole_units(at.x), whole_units(at.y));
        let to_hold: Vec<(NodeId, Vec2)> = wanted
            .into_iter()
            .filter(|(id, at)| self.keep.held.get(id).map(rounded) != Some(rounded(at)))
            .collect();
        self.hold(&to_hold);
        self.keep.wanted_pending = missing;
    }

    /// Holds nodes at positions in the simulation (and the mirror, so they show at once).
    fn hold(&mut self, nodes: &[(NodeId, Vec2)]) {
        let mut items = Vec::with_capacity(nodes.len());
        for (id, at) in nodes {
            self.keep.held.insert(*id, *at);
            if let Some(index) = self.mirror.index(*id) {
                self.mirror.set_position(*id, *at);
                items.push((index, *at));
            }
        }
        if !items.is_empty() {
            self.host.place(self.mirror.epoch(), &items, true, false);
            self.dirty = true;
        }
    }

    /// Puts every node where the link's picture had it, once the graph has exactly its nodes.
    fn apply_restore(&mut self) {
        let Some(saved) = self.keep.restore.clone() else {
            self.keep.restore_pending = false;
            return;
        };
        let Some(placed) = saved_positions::placements(&self.graph, &saved) else {
            if !saved_positions::may_still_apply(&self.graph, &saved) {
                // The graph grew past the saved one: the reader moved on.
                self.keep.restore_pending = false;
                self.keep.report_due = true;
            }
            return;
        };
        if let Some(arranged) = &mut self.arranged {
            for (id, at) in &placed {
                arranged.set_position(*id, *at);
            }
            self.arranged_version += 1;
        } else {
            let items: Vec<(u32, Vec2)> = placed
                .iter()
                .filter_map(|(id, at)| {
                    self.mirror.set_position(*id, *at);
                    Some((self.mirror.index(*id)?, *at))
                })
                .collect();
            self.host.place(self.mirror.epoch(), &items, false, true);
            // The held nodes stay held where they are (the saved picture has them there too).
        }
        self.keep.restore_pending = false;
        self.keep.report_due = true;
        self.dirty = true;
    }
}
