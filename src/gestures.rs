//! Pointer gestures on the graph, as camera moves: one finger or the mouse pans, two fingers pinch
//! (zoom about their midpoint) and pan together, the wheel zooms at the cursor.
//!
//! In an embed (a graph inside a news article) gestures are cooperative: the article must still
//! scroll under the reader's finger and wheel, so one finger and the plain wheel are left to the
//! page (with a hint), and only two fingers or Ctrl/⌘ + wheel move the graph. Pure, so the
//! arithmetic is tested natively; the canvas only feeds it events.

use crate::layout::Vec2;

/// What kind of device a pointer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointerKind {
    Mouse,
    Pen,
    Touch,
}

impl PointerKind {
    /// From `PointerEvent.pointerType` (`"mouse"`, `"pen"`, `"touch"`; anything else is a mouse).
    #[must_use]
    pub fn from_dom(pointer_type: &str) -> PointerKind {
        match pointer_type {
            "touch" => PointerKind::Touch,
            "pen" => PointerKind::Pen,
            _ => PointerKind::Mouse,
        }
    }
}

/// A camera change a gesture asks for (screen px).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CameraMove {
    /// Pan by this much first.
    pub pan_px: Vec2,
    /// Then zoom by this factor about this point (factor 1: no zoom).
    pub zoom_at_px: Vec2,
    pub zoom_factor: f64,
}

/// What to do with a wheel turn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WheelAction {
    /// Zoom by this factor at the cursor (and keep the page from scrolling).
    Zoom(f64),
    /// Let the page scroll; tell the reader how to zoom.
    ScrollPage(Hint),
}

/// A short instruction shown over the graph when a gesture was left to the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// "Use Ctrl + scroll to zoom the graph" (⌘ on a Mac).
    CtrlToZoom,
    /// "Use two fingers to move the graph".
    TwoFingers,
}

impl Hint {
    /// The hint's text.
    #[must_use]
    pub fn text(self, mac: bool) -> &'static str {
        match (self, mac) {
            (Hint::CtrlToZoom, false) => "Use Ctrl + scroll to zoom the graph",
            (Hint::CtrlToZoom, true) => "Use ⌘ + scroll to zoom the graph",
            (Hint::TwoFingers, _) => "Use two fingers to move the graph",
        }
    }
}

/// Zoom factor per wheel pixel (a notch of 100 px zooms by about 16%).
const WHEEL_ZOOM_PER_PX: f64 = 0.0015;

/// What a wheel turn of `delta_y_px` (positive: away from the reader) does.
#[must_use]
pub fn wheel(cooperative: bool, ctrl_or_meta: bool, delta_y_px: f64) -> WheelAction {
    if cooperative && !ctrl_or_meta {
        return WheelAction::ScrollPage(Hint::CtrlToZoom);
    }
    WheelAction::Zoom((-delta_y_px * WHEEL_ZOOM_PER_PX).exp())
}

/// The pointers down on the canvas and the two-finger gesture they make.
#[derive(Debug, Clone, Default)]
pub struct Gestures {
    cooperative: bool,
    /// Touch pointers down: (pointer id, last position).
    touches: Vec<(i32, Vec2)>,
}

/// What a pointer going down means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Press {
    /// A single pointer: click, drag a node, or pan (as the canvas decides).
    Single,
    /// A second finger: a two-finger gesture starts; any single-pointer drag ends.
    TwoFingers,
    /// A single finger in an embed: left to the page (it scrolls); show the hint.
    LeftToPage(Hint),
}

impl Gestures {
    /// Gestures for a canvas; `cooperative` in embeds.
    #[must_use]
    pub fn new(cooperative: bool) -> Gestures {
        Gestures {
            cooperative,
            touches: Vec::new(),
        }
    }

    /// Whether one finger and the plain wheel are left to the page.
    #[must_use]
    pub fn cooperative(&self) -> bool {
        self.cooperative
    }

    /// A pointer went down at `p`.
    pub fn down(&mut self, id: i32, kind: PointerKind, p: Vec2) -> Press {
        if kind != PointerKind::Touch {
            return Press::Single;
        }
        self.touches.retain(|(other, _)| *other != id);
        self.touches.push((id, p));
        match self.touches.len() {
            1 if self.cooperative => Press::LeftToPage(Hint::TwoFingers),
            1 => Press::Single,
            _ => Press::TwoFingers,
        }
    }

    /// Whether two fingers are down (single-pointer handling should stand aside).
    #[must_use]
    pub fn two_fingers(&self) -> bool {
        self.touches.len() >= 2
    }

    /// A pointer moved to `p`; with two fingers down, the camera move they make: pan by the
    /// midpoint's motion, zoom about the new midpoint by the change of their distance.
    pub fn moved(&mut self, id: i32, p: Vec2) -> Option<CameraMove> {
        let before = self.pair()?;
        let slot = self.touches.iter_mut().find(|(other, _)| *other == id)?;
        slot.1 = p;
        let after = self.pair()?;
        let (mid_before, mid_after) = (midpoint(before), midpoint(after));
        let (d_before, d_after) = (before.0.distance(before.1), after.0.distance(after.1));
        let zoom_factor = if d_before > 1.0 && d_after > 1.0 {
            d_after / d_before
        } else {
            1.0
        };
        Some(CameraMove {
            pan_px: mid_after - mid_before,
            zoom_at_px: mid_after,
            zoom_factor,
        })
    }

    /// A pointer went up or was cancelled.
    pub fn up(&mut self, id: i32) {
        self.touches.retain(|(other, _)| *other != id);
    }

    /// The first two fingers.
    fn pair(&self) -> Option<(Vec2, Vec2)> {
        match self.touches.as_slice() {
            [(_, a), (_, b), ..] => Some((*a, *b)),
            _ => None,
        }
    }
}

fn midpoint((a, b): (Vec2, Vec2)) -> Vec2 {
    Vec2::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(x: f64, y: f64) -> Vec2 {
        Vec2::new(x, y)
    }

    #[test]
    fn spreading_two_fingers_zooms_in_about_their_midpoint() {
        let mut g = Gestures::new(false);
        assert_eq!(g.down(1, PointerKind::Touch, v(100.0, 100.0)), Press::Single);
        assert_eq!(g.down(2, PointerKind::Touch, v(200.0, 100.0)), Press::TwoFingers);
        let step = g.moved(2, v(300.0, 100.0)).unwrap();
        assert!((step.zoom_factor - 2.0).abs() < 1e-12);
        assert_eq!(step.zoom_at_px, v(200.0, 100.0));
        assert_eq!(step.pan_px, v(50.0, 0.0));
    }

    #[test]
    fn two_fingers_moving_together_pan_without_zooming() {
        let mut g = Gestures::new(true);
        g.down(1, PointerKind::Touch, v(0.0, 0.0));
        g.down(2, PointerKind::Touch, v(0.0, 100.0));
        // Events come one finger at a time: the steps add up to a pure pan.
        let first = g.moved(1, v(0.0, 40.0)).unwrap();
        let second = g.moved(2, v(0.0, 140.0)).unwrap();
        assert_eq!(first.pan_px + second.pan_px, v(0.0, 40.0));
        assert!((first.zoom_factor * second.zoom_factor - 1.0).abs() < 1e-12);
    }

    #[test]
    fn one_finger_alone_moves_nothing_here_and_in_an_embed_is_left_to_the_page() {
        let mut g = Gestures::new(false);
        g.down(1, PointerKind::Touch, v(0.0, 0.0));
        assert_eq!(
            g.moved(1, v(10.0, 0.0)),
            None,
            "the canvas's single-pointer pan handles it"
        );
        let mut embed = Gestures::new(true);
        assert_eq!(
            embed.down(1, PointerKind::Touch, v(0.0, 0.0)),
            Press::LeftToPage(Hint::TwoFingers)
        );
        assert_eq!(embed.down(7, PointerKind::Mouse, v(0.0, 0.0)), Press::Single);
    }

    #[test]
    fn lifting_a_finger_ends_the_pinch_and_a_cancelled_pointer_is_forgotten() {
        let mut g = Gestures::new(false);
        g.down(1, PointerKind::Touch, v(0.0, 0.0));
        g.down(2, PointerKind::Touch, v(10.0, 0.0));
        assert!(g.two_fingers());
        g.up(2);
        assert!(!g.two_fingers());
        assert_eq!(g.moved(1, v(5.0, 5.0)), None);
        // Fingers on the same spot do not divide by zero.
        g.down(3, PointerKind::Touch, v(5.0, 5.0));
        let step = g.moved(3, v(5.0, 5.0)).unwrap();
        assert!(step.zoom_factor.is_finite());
    }

    #[test]
    fn the_wheel_zooms_except_in_an_embed_without_ctrl() {
        assert_eq!(wheel(true, false, 100.0), WheelAction::ScrollPage(Hint::CtrlToZoom));
        let WheelAction::Zoom(out) = wheel(true, true, 100.0) else {
            panic!("ctrl zooms")
        };
        assert!(out < 1.0);
        let WheelAction::Zoom(zoom_in) = wheel(false, false, -100.0) else {
            panic!("zooms")
        };
        assert!(zoom_in > 1.0);
        assert!(Hint::CtrlToZoom.text(true).contains('⌘'));
    }
}
