//! Exports for the layout benchmark page (`scripts/bench-layout`, `bench/`): the d3-model
//! [`Simulation`] on the shared bench graph, its positions as a pointer into wasm memory, and a
//! fast drawing of links and nodes in the app's colours. Not used by the app itself.
//!
//! The page wraps `positions_ptr()` in a `Float32Array` over `wasm.memory.buffer` after each tick
//! (a view, no copy), which is the hand-off the app's renderer gets too.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{Clamped, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use crate::layout::bench_graph::BenchGraph;
use crate::layout::{Simulation, Vec2};

/// The benchmark's seed for the graph generator (`flowGraph(n, 42)`).
const GRAPH_SEED: u32 = 42;
/// Links, as in `canvas2d` (an input edge).
const LINK_COLOUR: &str = "rgba(120, 120, 130, 0.55)";
/// Nodes, as in `canvas2d` (a loaded address).
const NODE_COLOUR: &str = "#2c3e50";
/// The raster strategy's link colour and alpha (the same as `LINK_COLOUR`) and node colour.
const LINK_RGB: [u8; 3] = [120, 120, 130];
const LINK_ALPHA: f32 = 0.55;
const NODE_RGBA: [u8; 4] = [0x2c, 0x3e, 0x50, 255];
/// Below this node size nodes are drawn as pixel-aligned squares (level of detail); above, as
/// circles in one path.
const SQUARES_BELOW_PX: f64 = 4.0;
/// Links shorter than this on screen are hidden under their nodes: skipped.
const MIN_LINK_PX: f64 = 0.5;

/// A d3-model simulation of `flowGraph(n, 42)` from d3's phyllotaxis start, for the benchmark.
#[wasm_bindgen]
pub struct BenchSim {
    sim: Simulation,
    /// Links as interleaved `[source0, target0, source1, …]` node indices.
    links: Vec<u32>,
    /// One bit per device pixel: a square already drawn at that top-left corner this frame.
    drawn: Vec<u64>,
    /// Raster strategy: link opacity per pixel, and the frame's RGBA pixels.
    coverage: Vec<f32>,
    rgba: Vec<u8>,
}

#[wasm_bindgen]
impl BenchSim {
    /// The bench graph with `node_count` nodes, at d3's initial positions, with d3's defaults.
    #[wasm_bindgen(constructor)]
    #[must_use]
    pub fn new(node_count: u32) -> BenchSim {
        let graph = BenchGraph::generate(node_count as usize, GRAPH_SEED);
        let sim = Simulation::from_bench_graph(&graph);
        let links = graph
            .sources
            .iter()
            .zip(&graph.targets)
            .flat_map(|(&s, &t)| [s, t])
            .collect();
        BenchSim {
            sim,
            links,
            drawn: Vec::new(),
            coverage: Vec::new(),
            rgba: Vec::new(),
        }
    }

    /// Runs `count` d3 ticks.
    pub fn tick(&mut self, count: u32) {
        for _ in 0..count {
            self.sim.tick();
        }
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

    /// Address of the interleaved `f32` positions `[x0, y0, x1, …]` in wasm memory (valid until
    /// the next call that may grow memory).
    #[must_use]
    pub fn positions_ptr(&self) -> *const f32 {
        self.sim.positions_xy().as_ptr()
    }

    /// Number of `f32`s at `positions_ptr()` (twice the node count).
    #[must_use]
    pub fn positions_len(&self) -> u32 {
        u32::try_from(self.sim.positions_xy().len()).unwrap_or(0)
    }

    /// Number of links the simulation keeps (self-loops and unknown nodes dropped).
    #[must_use]
    pub fn link_count(&self) -> u32 {
        u32::try_from(self.sim.link_count()).unwrap_or(u32::MAX)
    }

    /// Address of the interleaved `u32` link ends `[s0, t0, s1, …]` (the generated links).
    #[must_use]
    pub fn links_ptr(&self) -> *const u32 {
        self.links.as_ptr()
    }

    /// Number of generated links (`u32` pairs at `links_ptr()`).
    #[must_use]
    pub fn generated_link_count(&self) -> u32 {
        u32::try_from(self.links.len() / 2).unwrap_or(0)
    }

    /// Draws links then nodes at `screen = world × zoom + offset` on a `width_px`×`height_px`
    /// canvas (the caller clears it). Links form one path and one stroke, culled to the viewport;
    /// nodes of `node_size_px` below 4 px are pixel-aligned squares, each pixel drawn once; larger
    /// nodes are circles in one path. Returns how many nodes were drawn.
    #[allow(clippy::too_many_arguments)]
    pub fn draw(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        width_px: f64,
        height_px: f64,
        zoom: f64,
        offset_x_px: f64,
        offset_y_px: f64,
        node_size_px: f64,
    ) -> u32 {
        let view = View {
            width_px,
            height_px,
            zoom,
            offset_x_px,
            offset_y_px,
        };
        self.draw_links(ctx, &view);
        ctx.set_fill_style_str(NODE_COLOUR);
        if node_size_px < SQUARES_BELOW_PX {
            self.draw_squares(ctx, &view, node_size_px)
        } else {
            self.draw_circles(ctx, &view, node_size_px / 2.0)
        }
    }
}

#[wasm_bindgen]
impl BenchSim {
    /// One frame of a pan over a heavy graph as the app draws it (`web::frame_cache`): the kept
    /// copy of the last full frame, moved by `dx_px`, `dy_px`, through `canvas2d::draw_reused`.
    /// Independent of the node count by design.
    pub fn draw_pan_frame(
        &self,
        ctx: &CanvasRenderingContext2d,
        copy: &HtmlCanvasElement,
        width_px: f64,
        height_px: f64,
        dx_px: f64,
        dy_px: f64,
    ) {
        crate::web::canvas2d::draw_reused(
            ctx,
            width_px,
            height_px,
            copy,
            1.0,
            Vec2::new(dx_px, dy_px),
            &crate::palette::Palette::LIGHT,
        );
    }

    /// The same picture as [`BenchSim::draw`] at far zoom, rasterised in wasm instead of by the
    /// canvas: anti-aliased 1-px links (Wu-style, opacity accumulated like source-over of one
    /// colour) and pixel-aligned squares, written to the canvas with one `putImageData`. A
    /// level-of-detail prototype for large graphs; returns how many links were rasterised.
    ///
    /// # Errors
    /// When the canvas refuses the image (zero or huge size).
    #[allow(clippy::too_many_arguments)]
    pub fn draw_raster(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        width_px: u32,
        height_px: u32,
        zoom: f64,
        offset_x_px: f64,
        offset_y_px: f64,
        node_size_px: f64,
    ) -> Result<u32, JsValue> {
        let view = View {
            width_px: f64::from(width_px),
            height_px: f64::from(height_px),
            zoom,
            offset_x_px,
            offset_y_px,
        };
        let (w, h) = (width_px as usize, height_px as usize);
        self.coverage.clear();
        self.coverage.resize(w * h, 0.0);
        let mut raster = Raster {
            w,
            h,
            coverage: &mut self.coverage,
        };
        let xy = self.sim.positions_xy();
        let mut count = 0;
        for pair in self.links.chunks_exact(2) {
            let &[s, t] = pair else { continue };
            let (s, t) = (s as usize, t as usize);
            let (Some(a), Some(b)) = (xy.get(2 * s..2 * s + 2), xy.get(2 * t..2 * t + 2)) else {
                continue;
            };
            let ((ax, ay), (bx, by)) = (view.screen(a), view.screen(b));
            if view.overlaps((ax.min(bx), ay.min(by)), (ax.max(bx), ay.max(by)), 1.0) {
                raster.line(ax, ay, bx, by);
                count += 1;
            }
        }
        self.rgba.clear();
        self.rgba.reserve(4 * w * h);
        let [r, g, b] = LINK_RGB;
        for &opacity in &self.coverage {
            self.rgba.extend_from_slice(&[r, g, b, (opacity * 255.0) as u8]);
        }
        let side = node_size_px.round().max(1.0);
        for p in xy.chunks_exact(2) {
            let (x, y) = view.screen(p);
            let (left, top) = ((x - side / 2.0).round(), (y - side / 2.0).round());
            let (x0, x1) = (left.max(0.0) as usize, (left + side).clamp(0.0, view.width_px) as usize);
            let (y0, y1) = (top.max(0.0) as usize, (top + side).clamp(0.0, view.height_px) as usize);
            for row in y0..y1 {
                if let Some(span) = self.rgba.get_mut(4 * (row * w + x0)..4 * (row * w + x1)) {
                    for px in span.chunks_exact_mut(4) {
                        px.copy_from_slice(&NODE_RGBA);
                    }
                }
            }
        }
        let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&self.rgba), width_px, height_px)?;
        ctx.put_image_data(&image, 0.0, 0.0)?;
        Ok(count)
    }
}

/// Link opacity per pixel in `[0, 1]` (the link colour's alpha included).
struct Raster<'a> {
    w: usize,
    h: usize,
    coverage: &'a mut [f32],
}

impl Raster<'_> {
    /// Adds a 1-px anti-aliased line: one step per pixel along the major axis, coverage split
    /// between the two pixels the line passes between on the minor axis (Wu's algorithm). Only
    /// the part over the canvas is walked.
    fn line(&mut self, ax: f64, ay: f64, bx: f64, by: f64) {
        let steep = (by - ay).abs() > (bx - ax).abs();
        let (mut ax, mut ay, mut bx, mut by) = if steep { (ay, ax, by, bx) } else { (ax, ay, bx, by) };
        if ax > bx {
            (ax, ay, bx, by) = (bx, by, ax, ay);
        }
        let (major_len, minor_len) = if steep { (self.h, self.w) } else { (self.w, self.h) };
        let slope = if bx - ax > 0.0 { (by - ay) / (bx - ax) } else { 0.0 };
        let start = ax.round().max(0.0);
        let end = bx.round().min(major_len as f64 - 1.0);
        let mut major = start;
        while major <= end {
            let minor = ay + slope * (major - ax) - 0.5;
            let below = minor.floor();
            let frac = (minor - below) as f32;
            let (m, n) = (major as usize, below as i64);
            self.add(steep, m, n, minor_len, 1.0 - frac);
            self.add(steep, m, n + 1, minor_len, frac);
            major += 1.0;
        }
    }

    fn add(&mut self, steep: bool, major: usize, minor: i64, minor_len: usize, amount: f32) {
        let Ok(minor) = usize::try_from(minor) else { return };
        if minor >= minor_len {
            return;
        }
        let index = if steep {
            major * self.w + minor
        } else {
            minor * self.w + major
        };
        if let Some(opacity) = self.coverage.get_mut(index) {
            // Source-over of one colour: opacity accumulates as a + α(1 − a).
            *opacity += amount * LINK_ALPHA * (1.0 - *opacity);
        }
    }
}

/// The world → screen mapping of one frame.
struct View {
    width_px: f64,
    height_px: f64,
    zoom: f64,
    offset_x_px: f64,
    offset_y_px: f64,
}

impl View {
    fn screen(&self, xy: &[f32]) -> (f64, f64) {
        match xy {
            [x, y] => (
                f64::from(*x) * self.zoom + self.offset_x_px,
                f64::from(*y) * self.zoom + self.offset_y_px,
            ),
            _ => (f64::NAN, f64::NAN),
        }
    }

    /// Whether a box (in px) overlaps the viewport grown by `margin_px`.
    fn overlaps(&self, min: (f64, f64), max: (f64, f64), margin_px: f64) -> bool {
        max.0 >= -margin_px
            && max.1 >= -margin_px
            && min.0 <= self.width_px + margin_px
            && min.1 <= self.height_px + margin_px
    }
}

impl BenchSim {
    fn draw_links(&self, ctx: &CanvasRenderingContext2d, view: &View) {
        let xy = self.sim.positions_xy();
        ctx.set_stroke_style_str(LINK_COLOUR);
        ctx.set_line_width(1.0);
        ctx.begin_path();
        for pair in self.links.chunks_exact(2) {
            let &[s, t] = pair else { continue };
            let (s, t) = (s as usize, t as usize);
            let (Some(a), Some(b)) = (xy.get(2 * s..2 * s + 2), xy.get(2 * t..2 * t + 2)) else {
                continue;
            };
            let ((ax, ay), (bx, by)) = (view.screen(a), view.screen(b));
            if (ax - bx).abs() + (ay - by).abs() < MIN_LINK_PX
                || !view.overlaps((ax.min(bx), ay.min(by)), (ax.max(bx), ay.max(by)), 1.0)
            {
                continue;
            }
            ctx.move_to(ax, ay);
            ctx.line_to(bx, by);
        }
        ctx.stroke();
    }

    /// Squares on whole pixels (no anti-aliasing work); a square whose pixel is already covered
    /// by an identical one is skipped, which at far zoom is most of them.
    fn draw_squares(&mut self, ctx: &CanvasRenderingContext2d, view: &View, size_px: f64) -> u32 {
        let side = size_px.round().max(1.0);
        let (width, height) = (view.width_px.max(0.0) as usize, view.height_px.max(0.0) as usize);
        self.drawn.clear();
        self.drawn.resize((width * height).div_ceil(64), 0);
        let mut count = 0;
        for xy in self.sim.positions_xy().chunks_exact(2) {
            let (x, y) = view.screen(xy);
            let (left, top) = ((x - side / 2.0).round(), (y - side / 2.0).round());
            if !(left + side > 0.0 && top + side > 0.0) || left >= view.width_px || top >= view.height_px {
                continue;
            }
            // Squares reaching past the top or left edge are rare: draw them without the check.
            if left >= 0.0 && top >= 0.0 {
                let bit = top as usize * width + left as usize;
                let Some(word) = self.drawn.get_mut(bit / 64) else {
                    continue;
                };
                let mask = 1_u64 << (bit % 64);
                if *word & mask != 0 {
                    continue;
                }
                *word |= mask;
            }
            ctx.fill_rect(left, top, side, side);
            count += 1;
        }
        count
    }

    fn draw_circles(&self, ctx: &CanvasRenderingContext2d, view: &View, radius_px: f64) -> u32 {
        let mut count = 0;
        ctx.begin_path();
        for xy in self.sim.positions_xy().chunks_exact(2) {
            let (x, y) = view.screen(xy);
            if !view.overlaps((x, y), (x, y), radius_px) {
                continue;
            }
            ctx.move_to(x + radius_px, y);
            ctx.arc(x, y, radius_px, 0.0, std::f64::consts::TAU).ok();
            count += 1;
        }
        ctx.fill();
        count
    }
}
