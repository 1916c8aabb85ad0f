//! A uniform grid over 2-D points, for "which point is nearest to here" at pointer speed.
//!
//! Hit testing used to scan every node on every pointer move; at 50,000 nodes that is a few
//! milliseconds per move. [`GridIndex`] buckets the points once per layout update (a counting
//! sort, O(n)) so a query only looks at the cells its circle overlaps.

/// Most cells per side: bounds memory for huge or degenerate inputs.
const MAX_CELLS_PER_SIDE: usize = 1024;

/// Points bucketed into square cells. Built from interleaved `[x0, y0, x1, y1, …]` coordinates;
/// a point is named by its index in that buffer (`i` for `x_i, y_i`). Non-finite points are left
/// out and never found.
#[derive(Debug, Clone, Default)]
pub struct GridIndex {
    origin_x: f64,
    origin_y: f64,
    cell_size: f64,
    cols: usize,
    rows: usize,
    /// Cell `c` holds `entries[cell_start[c]..cell_start[c + 1]]`.
    cell_start: Vec<u32>,
    /// Point indices grouped by cell, ascending within a cell.
    entries: Vec<u32>,
    /// A copy of the coordinates (the caller's buffer keeps changing).
    points_xy: Vec<f32>,
}

impl GridIndex {
    /// Indexes the points of `points_xy` (interleaved x, y; a trailing odd value is ignored).
    /// About one point per cell on average.
    #[must_use]
    pub fn build(points_xy: &[f32]) -> GridIndex {
        let mut bounds: Option<(f64, f64, f64, f64)> = None;
        let mut count = 0_usize;
        for (x, y) in points_xy.chunks_exact(2).filter_map(finite_xy) {
            count += 1;
            bounds = Some(match bounds {
                None => (x, y, x, y),
                Some((x0, y0, x1, y1)) => (x0.min(x), y0.min(y), x1.max(x), y1.max(y)),
            });
        }
        let Some((min_x, min_y, max_x, max_y)) = bounds else {
            return GridIndex::default();
        };
        let extent = (max_x - min_x).max(max_y - min_y);
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let per_side = ((count as f64).sqrt().ceil() as usize).clamp(1, MAX_CELLS_PER_SIDE);
        let mut cell_size = extent / per_side as f64;
        if !(cell_size.is_finite() && cell_size > 0.0) {
            cell_size = 1.0;
        }
        let mut grid = GridIndex {
            origin_x: min_x,
            origin_y: min_y,
            cell_size,
            cols: cell_span(max_x - min_x, cell_size),
            rows: cell_span(max_y - min_y, cell_size),
            cell_start: Vec::new(),
            entries: Vec::new(),
            points_xy: points_xy.to_vec(),
        };
        // Counting sort by cell: count, prefix sums, then place in index order.
        let cell_count = grid.cols * grid.rows;
        let mut starts = vec![0_u32; cell_count + 1];
        let cells: Vec<Option<usize>> = points_xy
            .chunks_exact(2)
            .map(|p| finite_xy(p).map(|(x, y)| grid.cell_of(x, y)))
            .collect();
        for cell in cells.iter().flatten() {
            if let Some(slot) = starts.get_mut(cell + 1) {
                *slot += 1;
            }
        }
        for c in 0..cell_count {
            let before = starts.get(c).copied().unwrap_or(0);
            if let Some(slot) = starts.get_mut(c + 1) {
                *slot += before;
            }
        }
        let mut fill = starts.clone();
        let mut entries = vec![0_u32; count];
        for (index, cell) in (0_u32..).zip(&cells) {
            let Some(cell) = cell else { continue };
            if let Some(next) = fill.get_mut(*cell) {
                if let Some(entry) = entries.get_mut(*next as usize) {
                    *entry = index;
                }
                *next += 1;
            }
        }
        grid.cell_start = starts;
        grid.entries = entries;
        grid
    }

    /// Number of indexed (finite) points.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no point is indexed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The point nearest to `(x, y)` within `radius` (inclusive) that `accept` lets through;
    /// ties go to the lower index. `None` for a negative or non-finite radius or query point.
    #[must_use]
    pub fn nearest_within(&self, x: f64, y: f64, radius: f64, accept: impl Fn(u32) -> bool) -> Option<u32> {
        if self.is_empty() || !(x.is_finite() && y.is_finite() && radius.is_finite() && radius >= 0.0) {
            return None;
        }
        let (col_lo, col_hi) = self.range(x - radius - self.origin_x, x + radius - self.origin_x, self.cols)?;
        let (row_lo, row_hi) = self.range(y - radius - self.origin_y, y + radius - self.origin_y, self.rows)?;
        let radius_sq = radius * radius;
        let mut best: Option<(u32, f64)> = None;
        for row in row_lo..=row_hi {
            for col in col_lo..=col_hi {
                let cell = row * self.cols + col;
                let (Some(&start), Some(&end)) = (self.cell_start.get(cell), self.cell_start.get(cell + 1)) else {
                    continue;
                };
                for &index in self.entries.get(start as usize..end as usize).unwrap_or(&[]) {
                    let Some((px, py)) = self.point(index) else { continue };
                    let distance_sq = (px - x).powi(2) + (py - y).powi(2);
                    let better = match best {
                        None => true,
                        Some((best_index, best_sq)) => {
                            distance_sq < best_sq || (distance_sq == best_sq && index < best_index)
                        }
                    };
                    if distance_sq <= radius_sq && better && accept(index) {
                        best = Some((index, distance_sq));
                    }
                }
            }
        }
        best.map(|(index, _)| index)
    }

    fn point(&self, index: u32) -> Option<(f64, f64)> {
        let i = 2 * index as usize;
        match self.points_xy.get(i..i + 2) {
            Some(&[x, y]) => Some((f64::from(x), f64::from(y))),
            _ => None,
        }
    }

    fn cell_of(&self, x: f64, y: f64) -> usize {
        let col = clamp_cell((x - self.origin_x) / self.cell_size, self.cols);
        let row = clamp_cell((y - self.origin_y) / self.cell_size, self.rows);
        row * self.cols + col
    }

    /// The cells `lo..=hi` (offsets from the origin) cover, clipped to `0..len`; `None` if the
    /// span misses the grid.
    fn range(&self, lo: f64, hi: f64, len: usize) -> Option<(usize, usize)> {
        let (lo, hi) = (lo / self.cell_size, hi / self.cell_size);
        #[allow(clippy::cast_precision_loss)]
        if hi < 0.0 || lo >= len as f64 {
            return None;
        }
        Some((clamp_cell(lo, len), clamp_cell(hi, len)))
    }
}

/// A finite `[x, y]` pair as `f64`s.
fn finite_xy(p: &[f32]) -> Option<(f64, f64)> {
    match *p {
        [x, y] if x.is_finite() && y.is_finite() => Some((f64::from(x), f64::from(y))),
        _ => None,
    }
}

/// Cells needed to cover `extent` (at least one).
fn cell_span(extent: f64, cell_size: f64) -> usize {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let cells = (extent / cell_size).floor() as usize + 1;
    cells.clamp(1, MAX_CELLS_PER_SIDE + 1)
}

/// The cell containing offset `cells` (in cell units), clamped into `0..len`.
fn clamp_cell(cells: f64, len: usize) -> usize {
    if cells.is_nan() || cells < 0.0 {
        return 0;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let cell = cells.floor() as usize;
    cell.min(len.saturating_sub(1))
}
