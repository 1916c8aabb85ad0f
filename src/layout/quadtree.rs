//! d3-quadtree, rebuilt every tick into reused buffers, for the Barnes–Hut many-body force.
//!
//! Building follows d3's `addAll` exactly (integer-aligned square extent, points inserted in
//! index order, coincident points chained in a leaf), so the cells are d3's. The tree is then
//! flattened in pre-order (children 0‥3, d3's `visit` order) with a skip index per cell, so a
//! traversal is a forward scan: descend with `+1`, prune with `skip`. Each flat cell carries
//! d3's `accumulate` results (strength-weighted centre and total strength).

use super::engine::Body;

/// "No cell" / "no body" / end of a coincidence chain.
pub(super) const NONE: u32 = u32::MAX;
/// Splits deeper than this treat two distinct but float-inseparable points as coincident
/// (d3 would loop forever on such a pair; real layouts separate within ~60 levels).
const MAX_SPLIT_DEPTH: u32 = 128;

/// A build-time cell: internal (four child slots) or a leaf (`body` heads a coincidence chain).
#[derive(Debug, Clone, Copy)]
struct Cell {
    child: [u32; 4],
    body: u32,
}

impl Cell {
    const fn leaf(body: u32) -> Self {
        Cell { child: [NONE; 4], body }
    }
    const INTERNAL: Cell = Cell {
        child: [NONE; 4],
        body: NONE,
    };
}

/// One cell of the flattened tree, as the force reads it.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct FlatCell {
    /// Strength-weighted centre (a leaf: its first body's position).
    pub x: f64,
    pub y: f64,
    /// Sum of the strengths inside (d3 `quad.value`).
    pub value: f64,
    /// `width² / θ²`: beyond this squared distance the cell acts as one body.
    pub far_sq: f64,
    /// Index of the next cell not inside this one.
    pub skip: u32,
    /// For a leaf, the first body of its chain; `NONE` for an internal cell.
    pub body: u32,
}

/// The quadtree and its scratch buffers, kept across ticks so a tick allocates nothing.
#[derive(Debug, Clone, Default)]
pub(super) struct QuadTree {
    cells: Vec<Cell>,
    /// Per body: the next body in the same leaf, or `NONE`.
    pub next: Vec<u32>,
    /// The flattened tree (pre-order).
    pub flat: Vec<FlatCell>,
    /// Per flat cell during flattening: its parent's flat index.
    parent: Vec<u32>,
    /// Insertion order: the previous tree's leaf order, so successive inserts walk nearby cells.
    order: Vec<u32>,
    stack: Vec<(u32, u32, [f64; 4])>,
}

impl QuadTree {
    /// Rebuilds the tree over `bodies` (non-finite positions are left out, as d3 leaves out NaN)
    /// and accumulates `strengths` (per body) into the flat cells.
    pub fn rebuild(&mut self, bodies: &[Body], strengths: &[f64], theta_sq: f64) {
        self.cells.clear();
        self.flat.clear();
        self.next.clear();
        self.next.resize(bodies.len(), NONE);
        let Some(extent) = cover(bodies) else {
            return;
        };
        if self.order.len() != bodies.len() {
            self.order.clear();
            self.order
                .extend((0..bodies.len()).filter_map(|i| u32::try_from(i).ok()));
        }
        // The cells do not depend on the insertion order (a cell is split iff it holds two
        // distinct points); only the order inside a chain of coincident bodies does.
        let mut root = NONE;
        let order = std::mem::take(&mut self.order);
        for &i in &order {
            if bodies.get(i as usize).is_some_and(is_placed) {
                root = self.add(root, extent, bodies, i);
            }
        }
        self.order = order;
        self.flatten(root, extent, theta_sq);
        self.accumulate(bodies, strengths);
        self.remember_leaf_order(bodies);
    }

    /// Sets the next insertion order: bodies in leaf order, then any left out of the tree.
    fn remember_leaf_order(&mut self, bodies: &[Body]) {
        self.order.clear();
        for leaf in self.flat.iter().filter(|c| c.body != NONE) {
            let mut b = leaf.body;
            while b != NONE {
                self.order.push(b);
                b = self.next.get(b as usize).copied().unwrap_or(NONE);
            }
        }
        let left_out = bodies.iter().enumerate().filter(|(_, b)| !is_placed(b));
        self.order.extend(left_out.filter_map(|(i, _)| u32::try_from(i).ok()));
    }

    fn push_cell(&mut self, cell: Cell) -> u32 {
        self.cells.push(cell);
        u32::try_from(self.cells.len() - 1).unwrap_or(NONE)
    }

    fn set_child(&mut self, root: &mut u32, parent: u32, slot: usize, cell: u32) {
        match self.cells.get_mut(parent as usize).and_then(|p| p.child.get_mut(slot)) {
            Some(child) => *child = cell,
            None => *root = cell,
        }
    }

    /// d3-quadtree `add`: inserts body `i`, returning the (possibly new) root.
    fn add(&mut self, mut root: u32, extent: [f64; 4], bodies: &[Body], i: u32) -> u32 {
        let Some(&Body { x, y, .. }) = bodies.get(i as usize) else {
            return root;
        };
        if root == NONE {
            return self.push_cell(Cell::leaf(i));
        }
        let [mut x0, mut y0, mut x1, mut y1] = extent;
        let (mut node, mut parent, mut slot) = (root, NONE, 0_usize);
        // Walk down to the leaf (or empty slot) that holds the point.
        while let Some(cell) = self.cells.get(node as usize).filter(|c| c.body == NONE) {
            slot = split(x, y, &mut x0, &mut y0, &mut x1, &mut y1);
            parent = node;
            node = cell.child[slot];
            if node == NONE {
                let leaf = self.push_cell(Cell::leaf(i));
                self.set_child(&mut root, parent, slot, leaf);
                return root;
            }
        }
        let head = self.cells.get(node as usize).map_or(NONE, |c| c.body);
        let Some(&Body { x: xp, y: yp, .. }) = bodies.get(head as usize) else {
            return root;
        };
        if x == xp && y == yp {
            return self.chain(root, node, head, i);
        }
        // Split until the old and the new point fall in different children.
        for _ in 0..MAX_SPLIT_DEPTH {
            let cell = self.push_cell(Cell::INTERNAL);
            self.set_child(&mut root, parent, slot, cell);
            parent = cell;
            let xm = (x0 + x1) / 2.0;
            let ym = (y0 + y1) / 2.0;
            slot = split(x, y, &mut x0, &mut y0, &mut x1, &mut y1);
            let old_slot = usize::from(yp >= ym) << 1 | usize::from(xp >= xm);
            if slot != old_slot {
                let leaf = self.push_cell(Cell::leaf(i));
                if let Some(c) = self.cells.get_mut(cell as usize) {
                    c.child[old_slot] = node;
                    c.child[slot] = leaf;
                }
                return root;
            }
        }
        // Float-inseparable: keep both in the old leaf, under the last split cell.
        self.set_child(&mut root, parent, slot, node);
        self.chain(root, node, head, i)
    }

    /// Puts body `i` at the head of `leaf`'s chain (d3: `leaf.next = node`).
    fn chain(&mut self, root: u32, leaf: u32, head: u32, i: u32) -> u32 {
        if let Some(next) = self.next.get_mut(i as usize) {
            *next = head;
        }
        if let Some(cell) = self.cells.get_mut(leaf as usize) {
            cell.body = i;
        }
        root
    }

    /// Lays the cells out in pre-order (children 0‥3) with their widths; skips are set later.
    fn flatten(&mut self, root: u32, extent: [f64; 4], theta_sq: f64) {
        self.parent.clear();
        self.stack.clear();
        if root != NONE {
            self.stack.push((root, NONE, extent));
        }
        while let Some((cell_index, parent, [x0, y0, x1, y1])) = self.stack.pop() {
            let Some(&cell) = self.cells.get(cell_index as usize) else {
                continue;
            };
            let index = u32::try_from(self.flat.len()).unwrap_or(NONE);
            let width = x1 - x0;
            self.flat.push(FlatCell {
                far_sq: width * width / theta_sq,
                skip: 1, // the subtree size until `accumulate` turns it into an index
                body: cell.body,
                ..FlatCell::default()
            });
            self.parent.push(parent);
            if cell.body == NONE {
                let (xm, ym) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
                let quads = [[xm, ym, x1, y1], [x0, ym, xm, y1], [xm, y0, x1, ym], [x0, y0, xm, ym]];
                for (slot, quad) in (0..4).rev().zip(quads) {
                    if cell.child[slot] != NONE {
                        self.stack.push((cell.child[slot], index, quad));
                    }
                }
            }
        }
    }

    /// d3's `accumulate`, children before parents (reverse pre-order), plus the skip indices.
    fn accumulate(&mut self, bodies: &[Body], strengths: &[f64]) {
        for p in (0..self.flat.len()).rev() {
            let size = self.flat[p].skip;
            let end = p as u32 + size;
            let parent = self.parent.get(p).copied().unwrap_or(NONE);
            if let Some(up) = self.flat.get_mut(parent as usize) {
                up.skip += size;
            }
            let mut cell = self.flat[p];
            cell.skip = end;
            if cell.body == NONE {
                let (mut strength, mut weight, mut x, mut y) = (0.0, 0.0, 0.0, 0.0);
                let mut child = p + 1;
                while let Some(q) = self.flat.get(child).filter(|_| child < end as usize) {
                    let c = q.value.abs();
                    if c != 0.0 && !c.is_nan() {
                        strength += q.value;
                        weight += c;
                        x += c * q.x;
                        y += c * q.y;
                    }
                    child = q.skip as usize;
                }
                cell.x = x / weight;
                cell.y = y / weight;
                cell.value = strength;
            } else {
                let head = bodies.get(cell.body as usize).copied().unwrap_or_default();
                cell.x = head.x;
                cell.y = head.y;
                let mut strength = 0.0;
                let mut b = cell.body;
                while let Some(s) = strengths.get(b as usize) {
                    strength += s;
                    b = self.next.get(b as usize).copied().unwrap_or(NONE);
                }
                cell.value = strength;
            }
            self.flat[p] = cell;
        }
    }
}

/// Whether a body takes part in the tree (d3 skips NaN; infinities would never be covered).
fn is_placed(body: &Body) -> bool {
    body.x.is_finite() && body.y.is_finite()
}

/// d3's `cover` for the bounding box: an integer-aligned square of power-of-two side.
fn cover(bodies: &[Body]) -> Option<[f64; 4]> {
    let (mut lo_x, mut lo_y, mut hi_x, mut hi_y) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for body in bodies.iter().filter(|b| is_placed(b)) {
        lo_x = lo_x.min(body.x);
        hi_x = hi_x.max(body.x);
        lo_y = lo_y.min(body.y);
        hi_y = hi_y.max(body.y);
    }
    if lo_x > hi_x || lo_y > hi_y {
        return None;
    }
    let (x0, y0) = (lo_x.floor(), lo_y.floor());
    let (mut x1, mut y1, mut side) = (x0 + 1.0, y0 + 1.0, 1.0);
    while hi_x >= x1 || hi_y >= y1 {
        side *= 2.0;
        x1 = x0 + side;
        y1 = y0 + side;
    }
    Some([x0, y0, x1, y1])
}

/// Narrows the box to the child containing `(x, y)` and returns its slot (`bottom << 1 | right`).
fn split(x: f64, y: f64, x0: &mut f64, y0: &mut f64, x1: &mut f64, y1: &mut f64) -> usize {
    let xm = (*x0 + *x1) / 2.0;
    let right = x >= xm;
    if right {
        *x0 = xm;
    } else {
        *x1 = xm;
    }
    let ym = (*y0 + *y1) / 2.0;
    let bottom = y >= ym;
    if bottom {
        *y0 = ym;
    } else {
        *y1 = ym;
    }
    usize::from(bottom) << 1 | usize::from(right)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(x: f64, y: f64) -> Body {
        Body { x, y, vx: 0.0, vy: 0.0 }
    }

    fn leaves(tree: &QuadTree) -> Vec<u32> {
        tree.flat.iter().filter(|c| c.body != NONE).map(|c| c.body).collect()
    }

    #[test]
    fn extent_is_an_integer_aligned_power_of_two_square() {
        assert_eq!(cover(&[body(0.5, -2.5), body(3.2, 1.0)]), Some([0.0, -3.0, 8.0, 5.0]));
        assert_eq!(cover(&[body(1.5, 1.5)]), Some([1.0, 1.0, 2.0, 2.0]));
        assert_eq!(cover(&[body(f64::NAN, 0.0)]), None);
    }

    #[test]
    fn cells_follow_d3s_pre_order_with_skips_past_each_subtree() {
        let bodies = [body(0.0, 0.0), body(3.0, 3.0), body(3.5, 0.5), body(0.5, 0.2)];
        let mut tree = QuadTree::default();
        tree.rebuild(&bodies, &[-1.0; 4], 1.0);
        // Root [0,4)²: quadrant 0 holds bodies 0 and 3 (split twice more: [0,2)², [0,1)²),
        // quadrant 1 holds body 2, quadrant 3 body 1.
        assert_eq!(leaves(&tree), vec![0, 3, 2, 1]);
        let root = tree.flat[0];
        assert_eq!((root.skip as usize, root.value), (tree.flat.len(), -4.0));
        assert_eq!((tree.flat[1].body, tree.flat[2].body), (NONE, NONE));
        assert_eq!(tree.flat[1].skip, 5, "quadrant 0 spans cells 1..5");
        assert_eq!(
            (tree.flat[2].x, tree.flat[2].y),
            (0.25, 0.1),
            "centre of bodies 0 and 3"
        );
        assert_eq!(tree.flat[0].far_sq, 16.0);
    }

    #[test]
    fn coincident_bodies_share_a_leaf_newest_first() {
        let bodies = [body(1.0, 1.0), body(5.0, 5.0), body(1.0, 1.0)];
        let mut tree = QuadTree::default();
        tree.rebuild(&bodies, &[-2.0; 3], 0.81);
        assert_eq!(leaves(&tree), vec![2, 1]);
        assert_eq!((tree.next[2], tree.next[0]), (0, NONE));
        let leaf = tree.flat.iter().find(|c| c.body == 2).copied().unwrap_or_default();
        assert_eq!(leaf.value, -4.0);
    }

    #[test]
    fn float_inseparable_points_do_not_hang_the_build() {
        let x = 1.0e6_f64;
        let bodies = [body(x, x), body(f64::from_bits(x.to_bits() + 1), x)];
        let mut tree = QuadTree::default();
        tree.rebuild(&bodies, &[-1.0; 2], 0.81);
        assert!(!tree.flat.is_empty() && tree.flat.iter().all(|c| c.x.is_finite()));
    }
}
