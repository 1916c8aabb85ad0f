//! The hit-test grid: the same answers as scanning every point, at any density.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use spoor::spatial::GridIndex;

/// The reference: every point, nearest within the radius, ties to the lower index.
fn scan(points_xy: &[f32], x: f64, y: f64, radius: f64, accept: impl Fn(u32) -> bool) -> Option<u32> {
    let mut best: Option<(u32, f64)> = None;
    for (index, p) in (0_u32..).zip(points_xy.chunks_exact(2)) {
        let (px, py) = (f64::from(p[0]), f64::from(p[1]));
        if !(px.is_finite() && py.is_finite() && accept(index)) {
            continue;
        }
        let d = (px - x).powi(2) + (py - y).powi(2);
        if d <= radius * radius && best.is_none_or(|(_, b)| d < b) {
            best = Some((index, d));
        }
    }
    best.map(|(index, _)| index)
}

#[test]
fn an_empty_grid_finds_nothing() {
    let grid = GridIndex::build(&[]);
    assert!(grid.is_empty());
    assert_eq!(grid.nearest_within(0.0, 0.0, 1e9, |_| true), None);
}

#[test]
fn points_at_one_spot_are_found_lowest_index_first() {
    let grid = GridIndex::build(&[3.0; 200]);
    assert_eq!(grid.len(), 100);
    assert_eq!(grid.nearest_within(3.0, 3.0, 0.0, |_| true), Some(0));
    assert_eq!(grid.nearest_within(3.5, 3.0, 1.0, |i| i > 41), Some(42));
    assert_eq!(grid.nearest_within(5.0, 3.0, 1.0, |_| true), None);
}

#[test]
fn non_finite_points_and_queries_are_ignored() {
    let grid = GridIndex::build(&[f32::NAN, 0.0, 1.0, 1.0, f32::INFINITY, 2.0]);
    assert_eq!(grid.len(), 1);
    assert_eq!(grid.nearest_within(0.0, 0.0, 10.0, |_| true), Some(1));
    assert_eq!(grid.nearest_within(f64::NAN, 0.0, 10.0, |_| true), None);
    assert_eq!(grid.nearest_within(0.0, 0.0, -1.0, |_| true), None);
    assert_eq!(grid.nearest_within(0.0, 0.0, f64::INFINITY, |_| true), None);
}

#[test]
fn a_fifty_thousand_point_disk_answers_like_a_scan() {
    // A fan-out's shape: one hub and 50,000 leaves on a spiral.
    let mut points = vec![0.0_f32, 0.0];
    for i in 0..50_000_u32 {
        let (r, a) = ((f64::from(i) + 0.5).sqrt() * 10.0, f64::from(i) * 2.399_963);
        #[allow(clippy::cast_possible_truncation)]
        points.extend_from_slice(&[(r * a.cos()) as f32, (r * a.sin()) as f32]);
    }
    let grid = GridIndex::build(&points);
    assert_eq!(grid.len(), 50_001);
    for (x, y, radius) in [
        (0.0, 0.0, 3.0),
        (512.3, -700.0, 9.0),
        (-2_000.0, 10.0, 40.0),
        (9e3, 9e3, 50.0),
    ] {
        assert_eq!(
            grid.nearest_within(x, y, radius, |_| true),
            scan(&points, x, y, radius, |_| true),
            "at ({x}, {y}) within {radius}"
        );
    }
}

proptest! {
    #[test]
    fn nearest_matches_a_scan_of_every_point(
        points in prop::collection::vec((-500.0_f32..500.0, -500.0_f32..500.0), 0..300),
        x in -600.0_f64..600.0,
        y in -600.0_f64..600.0,
        radius in 0.0_f64..200.0,
        skip in 0_u32..7,
    ) {
        // Coarse coordinates make exact ties common.
        let xy: Vec<f32> = points.iter().flat_map(|&(x, y)| [(x / 20.0).round() * 20.0, (y / 20.0).round() * 20.0]).collect();
        let accept = |i: u32| skip == 0 || !i.is_multiple_of(skip);
        let grid = GridIndex::build(&xy);
        prop_assert_eq!(grid.nearest_within(x, y, radius, accept), scan(&xy, x, y, radius, accept));
    }
}
