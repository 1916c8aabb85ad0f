//! Reusing a heavy frame while the reader pans and zooms: a frame that took longer than
//! [`REUSE_ABOVE_MS`] is copied aside; while only the camera changes (same positions, styles,
//! selection, hover and size), frames are that copy moved and scaled (exact for a pan, stretched
//! for a zoom), a few milliseconds whatever the node count. [`SETTLE_MS`] after the camera last
//! moved, a full frame is drawn again. It also remembers the colour scheme of the last full frame:
//! when the page's scheme changes (`web::theme`), a full frame is due and no copy is reused.

use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use wasm_bindgen::JsCast as _;

use crate::camera::Camera;
use crate::flow::NodeId;
use crate::layout::LayoutKind;
use crate::route::Theme;
use crate::web::{canvas2d, theme};

/// Frames cheaper than this (ms) are always drawn in full: reuse would only blur them.
pub const REUSE_ABOVE_MS: f64 = 12.0;
/// How long (ms) after the camera's last move a full frame replaces the reused copy.
pub const SETTLE_MS: f64 = 180.0;

/// Everything but the camera that decides what a frame shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentKey {
    pub positions_version: u64,
    pub arranged_version: u64,
    pub style_generation: u64,
    pub selection_version: u64,
    pub selected: Option<NodeId>,
    pub hovered: Option<NodeId>,
    pub focus: Option<NodeId>,
    pub kind: LayoutKind,
    pub marquee: bool,
    pub device_size: (u32, u32),
}

struct Kept {
    copy: HtmlCanvasElement,
    camera: Camera,
    key: ContentKey,
    theme: Theme,
}

/// The kept copy of the last heavy frame, and when the camera last moved.
#[derive(Default)]
pub struct FrameCache {
    kept: Option<Kept>,
    last_camera: Option<Camera>,
    last_camera_move_ms: f64,
    /// A reused frame is on screen: a full one is owed once the camera rests.
    owed_full: bool,
    /// The colour scheme of the last full frame.
    drawn_in: Option<Theme>,
    /// Frames drawn from the copy (shown on the canvas for tests).
    pub reused_frames: u64,
}

impl FrameCache {
    /// Notes the camera of this animation frame (to know when it last moved).
    pub fn watch_camera(&mut self, camera: &Camera, now_ms: f64) {
        if self.last_camera.as_ref() != Some(camera) {
            self.last_camera = Some(*camera);
            self.last_camera_move_ms = now_ms;
        }
    }

    /// Milliseconds since the camera last moved.
    #[must_use]
    pub fn ms_since_camera_moved(&self, now_ms: f64) -> f64 {
        now_ms - self.last_camera_move_ms
    }

    /// Whether a full frame is owed now: a reused one is showing and the camera rests, or the
    /// page's colour scheme is no longer the one the last full frame was drawn in.
    pub fn full_frame_due(&mut self, now_ms: f64) -> bool {
        let due = self.owed_full && now_ms - self.last_camera_move_ms >= SETTLE_MS;
        if due {
            self.owed_full = false;
        }
        due || self.drawn_in.is_some_and(|drawn| drawn != theme::current())
    }

    /// Draws the kept copy for `camera` if only the camera changed and it is still moving;
    /// `false` when a full frame must be drawn.
    pub fn try_reuse(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        key: &ContentKey,
        camera: &Camera,
        device_scale: f64,
        now_ms: f64,
    ) -> bool {
        let Some(kept) = &self.kept else { return false };
        if &kept.key != key || now_ms - self.last_camera_move_ms >= SETTLE_MS || kept.theme != theme::current() {
            return false;
        }
        let (scale, offset_px) = camera.relative_to(&kept.camera);
        let (w, h) = key.device_size;
        canvas2d::draw_reused(
            ctx,
            f64::from(w),
            f64::from(h),
            &kept.copy,
            scale,
            offset_px * device_scale,
            theme::palette_of(kept.theme),
        );
        self.reused_frames += 1;
        self.owed_full = true;
        true
    }

    /// After a full frame that took `frame_ms` (drawn in the page's scheme, `theme::palette`):
    /// keeps a copy of it if it was heavy.
    pub fn remember(&mut self, canvas: &HtmlCanvasElement, key: ContentKey, camera: &Camera, frame_ms: f64) {
        let theme = theme::current();
        self.drawn_in = Some(theme);
        if frame_ms < REUSE_ABOVE_MS {
            self.kept = None;
            return;
        }
        let copy = match self.kept.take() {
            Some(kept) => kept.copy,
            None => match new_canvas() {
                Some(copy) => copy,
                None => return,
            },
        };
        if canvas2d::copy_canvas(&copy, canvas).is_some() {
            self.kept = Some(Kept {
                copy,
                camera: *camera,
                key,
                theme,
            });
        }
    }
}

fn new_canvas() -> Option<HtmlCanvasElement> {
    web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into::<HtmlCanvasElement>()
        .ok()
}
