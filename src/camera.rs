//! The 2-D camera: converts between world space (the layout's units) and screen pixels,
//! pans, zooms about a point, fits a box, and finds the node under the pointer (through a
//! [`GridIndex`], not a scan of every node).
//!
//! Both spaces have Y pointing down; screen origin is the viewport's top-left corner.

use crate::layout::Vec2;
use crate::spatial::GridIndex;

/// Smallest zoom (screen px per world unit).
pub const ZOOM_MIN: f64 = 0.02;
/// Largest zoom (screen px per world unit).
pub const ZOOM_MAX: f64 = 50.0;

/// What part of the world the canvas shows, and how large.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    /// The world point shown at the centre of the viewport.
    pub center_in_world: Vec2,
    /// Screen pixels per world unit.
    pub zoom: f64,
    /// The viewport's size in screen pixels.
    pub viewport_px: Vec2,
}

impl Camera {
    /// A camera on the world origin at zoom 1.
    #[must_use]
    pub fn new(viewport_px: Vec2) -> Self {
        Camera {
            center_in_world: Vec2::ZERO,
            zoom: 1.0,
            viewport_px,
        }
    }

    /// Where a world point appears on screen.
    #[must_use]
    pub fn screen_from_world(&self, p: Vec2) -> Vec2 {
        (p - self.center_in_world) * self.zoom + self.viewport_px / 2.0
    }

    /// The world point under a screen point.
    #[must_use]
    pub fn world_from_screen(&self, p: Vec2) -> Vec2 {
        (p - self.viewport_px / 2.0) / self.zoom + self.center_in_world
    }

    /// Moves the view so the content follows a pointer dragged by `delta_px`.
    pub fn pan_by_screen(&mut self, delta_px: Vec2) {
        let moved = self.center_in_world - delta_px / self.zoom;
        if moved.is_finite() {
            self.center_in_world = moved;
        }
    }

    /// Multiplies the zoom by `factor` (clamped to `ZOOM_MIN..=ZOOM_MAX`), keeping the world
    /// point under `anchor_px` in place. Non-positive or non-finite factors are ignored.
    pub fn zoom_at_screen(&mut self, anchor_px: Vec2, factor: f64) {
        if !(factor.is_finite() && factor > 0.0) {
            return;
        }
        let anchor_in_world = self.world_from_screen(anchor_px);
        self.zoom = clamp_zoom(self.zoom * factor);
        self.center_in_world = anchor_in_world - (anchor_px - self.viewport_px / 2.0) / self.zoom;
    }

    /// Centres on the box `min..max` and zooms so it fits inside the viewport with
    /// `margin_px` to spare on every side (as far as the zoom limits allow).
    pub fn fit(&mut self, min: Vec2, max: Vec2, margin_px: f64) {
        if !(min.is_finite() && max.is_finite()) {
            return;
        }
        let size_in_world = (max - min).max(Vec2::new(1e-9, 1e-9));
        let room_px = (self.viewport_px - Vec2::new(2.0, 2.0) * margin_px.max(0.0)).max(Vec2::new(1.0, 1.0));
        self.center_in_world = (min + max) / 2.0;
        self.zoom = clamp_zoom((room_px.x / size_in_world.x).min(room_px.y / size_in_world.y));
    }

    /// How a picture drawn through `earlier` must be scaled and moved to match this camera:
    /// `(scale, offset_px)` with `screen_now = screen_earlier × scale + offset_px`. Lets a
    /// heavy frame be reused while the reader pans and zooms (the picture is exact for a pan and
    /// a stretched copy for a zoom until the next full frame).
    #[must_use]
    pub fn relative_to(&self, earlier: &Camera) -> (f64, Vec2) {
        let scale = self.zoom / earlier.zoom;
        // Solve screen_now(w) for w = world_from_screen_earlier(s): linear in s.
        let offset = self.screen_from_world(earlier.world_from_screen(Vec2::ZERO));
        (scale, offset)
    }

    /// Changes the viewport size (canvas resized), keeping the centre and zoom.
    pub fn set_viewport(&mut self, viewport_px: Vec2) {
        if viewport_px.is_finite() {
            self.viewport_px = viewport_px;
        }
    }
}

fn clamp_zoom(zoom: f64) -> f64 {
    if zoom.is_nan() {
        return 1.0;
    }
    zoom.clamp(ZOOM_MIN, ZOOM_MAX)
}

/// The point under a screen point, through a [`GridIndex`] of world positions: the nearest
/// within `radius_px` screen pixels that `accept` lets through; ties go to the lower index.
/// (The zoom is uniform, so nearest in world space is nearest on screen.)
#[must_use]
pub fn hit_test(
    camera: &Camera,
    grid: &GridIndex,
    point_px: Vec2,
    radius_px: f64,
    accept: impl Fn(u32) -> bool,
) -> Option<u32> {
    let at = camera.world_from_screen(point_px);
    grid.nearest_within(at.x, at.y, radius_px / camera.zoom, accept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::{Sats, Tx, TxOutput, TxStatus, Txid};
    use crate::flow::{FlowGraph, NodeId};
    use crate::layout::{ForceLayout, LayoutParams};

    fn near(a: Vec2, b: Vec2) -> bool {
        a.distance(b) < 1e-9
    }

    fn camera() -> Camera {
        Camera {
            center_in_world: Vec2::new(120.0, -40.0),
            zoom: 2.5,
            viewport_px: Vec2::new(800.0, 600.0),
        }
    }

    #[test]
    fn a_reused_picture_lands_where_the_new_camera_draws() {
        let earlier = camera();
        let mut now = earlier;
        now.pan_by_screen(Vec2::new(37.0, -12.0));
        now.zoom_at_screen(Vec2::new(300.0, 200.0), 1.7);
        let (scale, offset) = now.relative_to(&earlier);
        for world in [Vec2::new(0.0, 0.0), Vec2::new(120.0, -40.0), Vec2::new(-55.5, 310.25)] {
            let reused = earlier.screen_from_world(world) * scale + offset;
            assert!(near(reused, now.screen_from_world(world)), "{world:?}");
        }
        assert_eq!(earlier.relative_to(&earlier), (1.0, Vec2::ZERO));
    }

    #[test]
    fn world_to_screen_to_world_round_trips() {
        let cam = camera();
        for p in [Vec2::ZERO, Vec2::new(-300.5, 77.25), Vec2::new(1e4, -1e4)] {
            assert!(near(cam.world_from_screen(cam.screen_from_world(p)), p));
        }
        assert!(near(
            cam.screen_from_world(cam.center_in_world),
            Vec2::new(400.0, 300.0)
        ));
    }

    #[test]
    fn zoom_at_keeps_the_anchor_in_place() {
        let mut cam = camera();
        let anchor_px = Vec2::new(650.0, 90.0);
        let before = cam.world_from_screen(anchor_px);
        cam.zoom_at_screen(anchor_px, 1.7);
        assert!((cam.zoom - 4.25).abs() < 1e-12);
        assert!(near(cam.world_from_screen(anchor_px), before));
    }

    #[test]
    fn zoom_is_clamped() {
        let mut cam = camera();
        cam.zoom_at_screen(Vec2::ZERO, 1e9);
        assert_eq!(cam.zoom, ZOOM_MAX);
        cam.zoom_at_screen(Vec2::ZERO, 1e-12);
        assert_eq!(cam.zoom, ZOOM_MIN);
        cam.zoom_at_screen(Vec2::ZERO, f64::NAN);
        assert_eq!(cam.zoom, ZOOM_MIN);
    }

    #[test]
    fn pan_moves_content_with_the_pointer() {
        let mut cam = camera();
        let p = Vec2::new(10.0, 20.0);
        let before_px = cam.screen_from_world(p);
        cam.pan_by_screen(Vec2::new(30.0, -12.0));
        assert!(near(cam.screen_from_world(p), before_px + Vec2::new(30.0, -12.0)));
    }

    #[test]
    fn fit_contains_the_bounds_inside_the_margin() {
        let mut cam = camera();
        let (min, max) = (Vec2::new(-500.0, 20.0), Vec2::new(300.0, 90.0));
        cam.fit(min, max, 40.0);
        for corner in [min, max, Vec2::new(min.x, max.y), Vec2::new(max.x, min.y)] {
            let s = cam.screen_from_world(corner);
            assert!(s.x >= 40.0 - 1e-9 && s.x <= 760.0 + 1e-9 && s.y >= 40.0 - 1e-9 && s.y <= 560.0 + 1e-9);
        }
        // The limiting axis (x) touches the margin.
        assert!((cam.screen_from_world(min).x - 40.0).abs() < 1e-9);
    }

    #[test]
    fn set_viewport_keeps_the_centre() {
        let mut cam = camera();
        cam.set_viewport(Vec2::new(1024.0, 768.0));
        assert!(near(
            cam.screen_from_world(cam.center_in_world),
            Vec2::new(512.0, 384.0)
        ));
    }

    fn two_node_grid() -> GridIndex {
        let (_graph, layout) = two_node_layout();
        GridIndex::build(layout.simulation().positions_xy())
    }

    fn two_node_layout() -> (FlowGraph, ForceLayout) {
        let mut graph = FlowGraph::new();
        graph.add_tx(&Tx {
            txid: Txid::parse(&"ab".repeat(32)).unwrap(),
            inputs: vec![],
            outputs: vec![TxOutput {
                address: Some("bc1qreceiver".into()),
                value_sats: Sats(5),
                script_type: "v0_p2wpkh".into(),
            }],
            fee_sats: Sats(0),
            status: TxStatus::Unconfirmed,
        });
        let mut layout = ForceLayout::new(LayoutParams::default(), 1);
        layout.sync(&graph);
        layout.pin(NodeId(0), Vec2::new(0.0, 0.0));
        layout.pin(NodeId(1), Vec2::new(10.0, 0.0));
        (graph, layout)
    }

    #[test]
    fn hit_test_picks_the_nearest_within_radius() {
        let grid = two_node_grid();
        let cam = Camera::new(Vec2::new(200.0, 200.0));
        let all = |_| true;
        // World (0,0) is at screen (100,100); (10,0) at (110,100).
        assert_eq!(hit_test(&cam, &grid, Vec2::new(107.0, 101.0), 8.0, all), Some(1));
        assert_eq!(hit_test(&cam, &grid, Vec2::new(102.0, 100.0), 8.0, all), Some(0));
        assert_eq!(hit_test(&cam, &grid, Vec2::new(150.0, 150.0), 8.0, all), None);
        // A refused point (hidden node) lets the next nearest through.
        assert_eq!(hit_test(&cam, &grid, Vec2::new(102.0, 100.0), 9.0, |i| i != 0), Some(1));
    }

    #[test]
    fn hit_test_breaks_ties_toward_the_lower_id() {
        let grid = two_node_grid();
        let mut cam = Camera::new(Vec2::new(200.0, 200.0));
        assert_eq!(hit_test(&cam, &grid, Vec2::new(105.0, 100.0), 8.0, |_| true), Some(0));
        // The radius is in screen pixels: zoomed out 4×, the nodes are 2.5 px apart.
        cam.zoom = 0.25;
        assert_eq!(hit_test(&cam, &grid, Vec2::new(103.0, 100.0), 2.0, |_| true), Some(1));
    }
}
