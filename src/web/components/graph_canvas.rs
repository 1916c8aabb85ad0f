//! The graph canvas: keeps the layout's positions (ticked by the layout worker, see
//! `web::layout_host`), draws them through `canvas2d` in requestAnimationFrame, and turns
//! pointer input into camera moves, drags, selection and expansion.
//!
//! The main thread never runs layout ticks (except in the no-worker fallback). Heavy frames
//! are spaced out: after a frame that took D ms the next one waits at least D ms, so input is
//! handled between frames even at 50,000 nodes.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_render::{request_animation_frame, AnimationFrame};
use wasm_bindgen::JsCast as _;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::web::state::SharedGraph;

use crate::camera::{hit_test, Camera};
use crate::chain::{Chain, Sats};
use crate::flow::{FlowGraph, FlowNode, NodeId, NodeKey};
use crate::gestures::{self, Gestures, Hint, PointerKind, Press, WheelAction};
use crate::graph_nav::{self, NavKey, Trail};
use crate::hubs::Folds;
use crate::i18n::Lang;
use crate::permalink::CameraView;
use crate::scene::FoldDraw;
use crate::tr;
use std::collections::BTreeSet;

use crate::chain::Txid;
use crate::labels::LabelBook;
use crate::layout::{arrange, Arrangement, LayoutKind, LayoutParams, Vec2};
use crate::marks::GraphMarks;
use crate::remote_layout::LayoutMirror;
use crate::scene::{self, Detail, FrameInput, NodePositions, SceneStyle};
use crate::spatial::GridIndex;
use crate::trace::TraceResult;
use crate::web::canvas2d;
use crate::web::frame_cache::{ContentKey, FrameCache};
use crate::web::layout_host::{prefers_reduced_motion, LayoutHost};

mod keep;
use crate::permalink::{LayoutPositions, PinnedNode};
use crate::saved_positions::whole_units;
use keep::Keep;
/// Most time (ms) left without drawing after a heavy frame.
const MAX_FRAME_SPACING_MS: f64 = 200.0;
/// How long (ms) the camera must rest before its place is reported.
const CAMERA_REST_MS: f64 = 400.0;
/// How long a gesture hint stays up (ms).
const HINT_MS: u32 = 1_800;
/// A press that moves less than this is a click.
const CLICK_SLOP_PX: f64 = 4.0;
/// How close (screen px) the pointer must be to a node to hit it.
const HIT_RADIUS_PX: f64 = 10.0;

#[derive(Properties, PartialEq)]
pub struct GraphCanvasProps {
    pub graph: SharedGraph,
    pub graph_version: u64,
    pub selected: Option<NodeId>,
    pub focus: Option<NodeId>,
    pub onselect: Callback<Option<NodeId>>,
    pub onexpand: Callback<NodeId>,
    pub labels: Rc<LabelBook>,
    /// The trace result to colour edges by (none: plain input/output colours).
    pub taint: Option<Rc<TraceResult>>,
    pub marks: Rc<GraphMarks>,
    pub expanded_peels: BTreeSet<Txid>,
    /// Which layout to show; `onlayout` asks for another.
    pub layout: LayoutKind,
    pub onlayout: Callback<LayoutKind>,
    /// Hubs folded into "+N more"; a click on a badge asks to unfold its hub.
    pub folds: Rc<Folds>,
    pub ontogglehub: Callback<NodeKey>,
    /// In an embed: one finger and the plain wheel scroll the page, not the graph.
    pub cooperative: bool,
    /// The camera a link asked for (or the last one reported); `None`: fit the graph.
    pub camera: Option<CameraView>,
    /// The camera came to rest somewhere (`None`: back to fitting the graph).
    pub oncamera: Callback<Option<CameraView>>,
    /// Nodes selected together; Shift + drag selects the nodes in a box.
    pub selection: BTreeSet<NodeId>,
    pub onselectmany: Callback<Vec<NodeId>>,
    /// Nodes held where they were dropped (force layout); `onpins` reports a drop or "Unpin".
    pub pins: Rc<Vec<PinnedNode>>,
    pub onpins: Callback<Vec<PinnedNode>>,
    /// Where a link's picture had every node: applied once the graph has exactly those nodes.
    pub restore: Option<Rc<LayoutPositions>>,
    /// Where the nodes are drawn, reported when the picture comes to rest.
    pub onpositions: Callback<Option<LayoutPositions>>,
    /// Filled with a handle on mount, so the Share dialog can export what the canvas shows.
    #[prop_or_default]
    pub handle: CanvasSlot,
    /// Controls drawn over the canvas (the view-level switch).
    #[prop_or_default]
    pub children: Html,
}

/// What the canvas lends the Share dialog: the current view as a draw list, and the positions.
#[derive(Clone)]
pub struct CanvasHandle(Rc<RefCell<Scene>>);

impl CanvasHandle {
    /// The view as shown now (without hover) and the viewport it fills (CSS px).
    #[must_use]
    pub fn picture(&self) -> (scene::DrawList, Vec2) {
        let s = self.0.borrow();
        (s.draw_list(None), s.camera.viewport_px)
    }

    /// Runs `f` with the shown positions (force or arranged layout).
    pub fn with_positions<R>(&self, f: impl FnOnce(&dyn NodePositions) -> R) -> R {
        f(self.0.borrow().positions())
    }
}

/// Where the canvas puts its handle (compared by identity as a prop).
#[derive(Clone, Default)]
pub struct CanvasSlot(pub Rc<RefCell<Option<CanvasHandle>>>);

impl PartialEq for CanvasSlot {
    fn eq(&self, other: &CanvasSlot) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

enum Drag {
    None,
    Pan {
        last_px: Vec2,
        start_px: Vec2,
    },
    Node {
        id: NodeId,
        start_px: Vec2,
        moved: bool,
    },
    Badge {
        hub_key: NodeKey,
    },
    /// Shift + drag: a box selection from `start_px` to `now_px`.
    Box {
        start_px: Vec2,
        now_px: Vec2,
    },
}

/// Everything the animation loop owns; never part of the app state (it is derived from it).
struct Scene {
    graph: Rc<FlowGraph>,
    /// Node numbering and the latest positions of the layout.
    mirror: LayoutMirror,
    /// Where the ticks run.
    host: LayoutHost,
    /// The look of every node and edge; remade when `style_stale`.
    style: SceneStyle,
    style_stale: bool,
    /// The camera last applied from the props or reported through `oncamera`.
    camera_view: Option<CameraView>,
    oncamera: Callback<Option<CameraView>>,
    /// Folded hub leaves are neither laid out nor drawn.
    folds: Rc<Folds>,
    /// The graph or the folds changed: the layout must be told.
    layout_stale: bool,
    /// The "+N more" badges of the last frame (for clicks and tooltips).
    badges: Vec<FoldDraw>,
    /// The layout shown; for the time axis and hops, its positions (remade when `arranged_stale`).
    kind: LayoutKind,
    arranged: Option<Arrangement>,
    arranged_stale: bool,
    /// Bumped whenever `arranged` changes.
    arranged_version: u64,
    /// Hit-test index over the shown positions as of `grid_key` (arranged or not, version).
    grid: GridIndex,
    grid_key: Option<(bool, u64)>,
    camera: Camera,
    selected: Option<NodeId>,
    selection: BTreeSet<NodeId>,
    focus: Option<NodeId>,
    labels: Rc<LabelBook>,
    taint: Option<Rc<TraceResult>>,
    marks: Rc<GraphMarks>,
    expanded_peels: BTreeSet<Txid>,
    hovered: Option<NodeId>,
    drag: Drag,
    /// Touch pointers and the two-finger gesture.
    gestures: Gestures,
    /// The camera follows the layout until the reader moves it.
    auto_fit: bool,
    dirty: bool,
    moving: bool,
    /// Position updates taken from the layout, and frames drawn (shown on the canvas for tests).
    position_updates: u64,
    frames: u64,
    /// When the last frame finished and how long it took (ms).
    last_frame_end_ms: f64,
    last_frame_ms: f64,
    /// The last heavy frame, reused while only the camera moves.
    frame_cache: FrameCache,
    /// Bumped when the style is remade or the box selection changes (parts of a frame's content).
    style_generation: u64,
    selection_version: u64,
    /// Pins and the link's picture (see `keep`).
    keep: Keep,
    /// The node the keyboard last moved to and how (↑/↓ step among its siblings while it stays
    /// selected).
    nav_at: Option<NodeId>,
    nav_trail: Option<Trail>,
    /// The language of the canvas's words.
    lang: Lang,
}

impl Scene {
    fn new() -> Scene {
        Scene {
            graph: Rc::new(FlowGraph::new()),
            mirror: LayoutMirror::new(LayoutParams::default(), 1),
            host: LayoutHost::start(!prefers_reduced_motion()),
            style: SceneStyle::default(),
            style_stale: true,
            camera_view: None,
            oncamera: Callback::noop(),
            folds: Rc::new(Folds::default()),
            layout_stale: false,
            badges: Vec::new(),
            kind: LayoutKind::Force,
            arranged: None,
            arranged_stale: false,
            arranged_version: 0,
            grid: GridIndex::default(),
            grid_key: None,
            camera: Camera::new(Vec2 { x: 800.0, y: 600.0 }),
            selected: None,
            selection: BTreeSet::new(),
            focus: None,
            labels: Rc::new(LabelBook::new()),
            taint: None,
            marks: Rc::new(GraphMarks::default()),
            expanded_peels: BTreeSet::new(),
            hovered: None,
            drag: Drag::None,
            gestures: Gestures::new(false),
            auto_fit: true,
            dirty: true,
            moving: false,
            position_updates: 0,
            frames: 0,
            last_frame_end_ms: 0.0,
            last_frame_ms: 0.0,
            frame_cache: FrameCache::default(),
            style_generation: 0,
            selection_version: 0,
            keep: Keep::default(),
            nav_at: None,
            nav_trail: None,
            lang: Lang::En,
        }
    }

    /// The drawn node under a screen point (nodes inside collapsed peel chains are not drawn).
    fn hit(&mut self, p: Vec2) -> Option<NodeId> {
        let key = match &self.arranged {
            Some(_) => (true, self.arranged_version),
            None => (false, self.mirror.version()),
        };
        if self.grid_key != Some(key) {
            self.grid = GridIndex::build(match &self.arranged {
                Some(arranged) => arranged.positions_xy(),
                None => self.mirror.positions_xy(),
            });
            self.grid_key = Some(key);
        }
        // Grid points are mirror indices for the force layout, `NodeId` indices for the others.
        let (mirror, arranged, hidden) = (&self.mirror, self.arranged.is_some(), &self.style.hidden);
        let id_at = |index: u32| {
            if arranged {
                Some(NodeId(index))
            } else {
                mirror.id_at(index)
            }
        };
        let visible = |index| id_at(index).is_some_and(|id| !hidden.contains(&id));
        hit_test(&self.camera, &self.grid, p, HIT_RADIUS_PX, visible).and_then(id_at)
    }

    /// The nodes a drag of `id` moves: its box selection if it is in one, else itself.
    fn drag_group(&self, id: NodeId) -> Vec<NodeId> {
        if self.selection.contains(&id) {
            self.selection.iter().copied().collect()
        } else {
            vec![id]
        }
    }

    /// Moves a dragged node, and with it the rest of the box selection it belongs to.
    fn drag_selection_to(&mut self, id: NodeId, world: Vec2) {
        let Some(current) = self.positions().position(id) else {
            return;
        };
        let delta = world - current;
        for member in self.drag_group(id) {
            if let Some(at) = self.positions().position(member) {
                self.drag_node_to(member, at + delta);
            }
        }
    }

    /// The draw list of the current view (`hovered` highlighted; exports pass none).
    fn draw_list(&self, hovered: Option<NodeId>) -> scene::DrawList {
        let axis = self.arranged.as_ref().map_or(&[][..], Arrangement::ticks);
        scene::frame(
            &self.style,
            &FrameInput {
                graph: &self.graph,
                layout: self.positions(),
                camera: &self.camera,
                selected: self.selected,
                hovered,
                focus: self.focus,
                axis,
                selection: &self.selection,
            },
        )
    }

    /// The positions shown now (the arranged layout's, or the simulation's).
    fn positions(&self) -> &dyn NodePositions {
        match &self.arranged {
            Some(arranged) => arranged,
            None => &self.mirror,
        }
    }

    /// The box holding every shown position.
    fn shown_bounds(&self) -> Option<(Vec2, Vec2)> {
        match &self.arranged {
            Some(arranged) => arranged.bounds(),
            None => self.mirror.bounds(),
        }
    }

    /// Moves a dragged node: pinned in the simulation, or simply moved in an arranged layout.
    fn drag_node_to(&mut self, id: NodeId, world: Vec2) {
        if let Some(arranged) = &mut self.arranged {
            arranged.set_position(id, world);
            self.arranged_version += 1;
            return;
        }
        self.mirror.set_position(id, world);
        self.note_dragged(id, world);
        if let Some(index) = self.mirror.index(id) {
            let epoch = self.mirror.epoch();
            self.host.pin(epoch, index, world);
        }
    }

    /// Whether a node is drawn (not inside a collapsed peel chain or a folded hub).
    fn is_drawn(&self, id: NodeId) -> bool {
        !self.style.hidden.contains(&id) && !self.folds.is_folded(id)
    }

    /// Where an arrow key leads from the selected node (see `graph_nav`).
    fn keyboard_step(&self, key: NavKey, selected: Option<NodeId>, focus: Option<NodeId>) -> Option<graph_nav::Step> {
        let trail = self.nav_trail.filter(|_| selected.is_some() && self.nav_at == selected);
        graph_nav::step(&self.graph, &|id| self.is_drawn(id), selected, trail, focus, key)
    }

    /// Pans so a node the keyboard moved to is on screen (a margin from the edges).
    fn bring_into_view(&mut self, id: NodeId) {
        const MARGIN_PX: f64 = 40.0;
        if let Some(world) = self.positions().position(id) {
            let at = self.camera.screen_from_world(world);
            let size = self.camera.viewport_px;
            if at.x < MARGIN_PX || at.y < MARGIN_PX || at.x > size.x - MARGIN_PX || at.y > size.y - MARGIN_PX {
                self.camera.center_in_world = world;
                self.auto_fit = false;
            }
        }
        self.dirty = true;
    }

    /// Zooms about the middle of the view (keyboard + and −).
    fn zoom_at_middle(&mut self, factor: f64) {
        let middle = Vec2 {
            x: self.camera.viewport_px.x / 2.0,
            y: self.camera.viewport_px.y / 2.0,
        };
        self.camera.zoom_at_screen(middle, factor);
        self.auto_fit = false;
        self.dirty = true;
    }

    /// Remakes the time-axis or hop positions when the graph or the layout changed.
    fn refresh_arrangement(&mut self) {
        if !self.arranged_stale {
            return;
        }
        self.arranged_stale = false;
        self.arranged = arrange(self.kind, &self.graph, self.focus, &self.style.hidden);
        self.arranged_version += 1;
        self.keep.report_due = true;
        self.dirty = true;
    }
}

#[derive(Clone, PartialEq)]
struct Tooltip {
    x_px: f64,
    y_px: f64,
    title: String,
    lines: Vec<String>,
}

#[component]
pub fn GraphCanvas(props: &GraphCanvasProps) -> Html {
    let lang = crate::web::lang::use_lang();
    let canvas_ref = use_node_ref();
    let scene = use_mut_ref(Scene::new);
    // What the keyboard did, read out by screen readers (an aria-live region).
    let announce = use_state(String::new);
    let frame_handle = use_mut_ref(|| None::<AnimationFrame>);
    let tooltip = use_state(|| None::<Tooltip>);
    let hint = use_state(|| None::<Hint>);
    let hint_timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    {
        let slot = props.handle.clone();
        let scene = scene.clone();
        use_effect_with((), move |()| {
            *slot.0.borrow_mut() = Some(CanvasHandle(scene));
        });
    }
    // Shows a gesture hint for a moment.
    let show_hint = {
        let hint = hint.clone();
        Rc::new(move |h: Hint| {
            hint.set(Some(h));
            let hint = hint.clone();
            *hint_timer.borrow_mut() = Some(gloo_timers::callback::Timeout::new(HINT_MS, move || hint.set(None)));
        })
    };

    // New graph data: place new nodes and let the layout run again.
    {
        let scene = scene.clone();
        let graph = props.graph.clone();
        use_effect_with((props.graph_version, props.selected, props.focus), move |_| {
            let mut s = scene.borrow_mut();
            if !Rc::ptr_eq(&s.graph, &graph.0) {
                s.graph = graph.0;
                s.layout_stale = true;
                s.style_stale = true;
                s.arranged_stale = true;
            }
            s.dirty = true;
        });
    }
    {
        let mut s = scene.borrow_mut();
        s.oncamera = props.oncamera.clone();
        s.keep.onpins = props.onpins.clone();
        s.keep.onpositions = props.onpositions.clone();
        if s.keep.take_props(&props.pins, props.restore.as_ref()) {
            s.dirty = true;
        }
        if props.camera != s.camera_view {
            if let Some(view) = props.camera {
                s.camera.center_in_world = Vec2::new(f64::from(view.center_x), f64::from(view.center_y));
                s.camera.zoom =
                    (f64::from(view.zoom_milli) / 1000.0).clamp(crate::camera::ZOOM_MIN, crate::camera::ZOOM_MAX);
                s.auto_fit = false;
            } else {
                // No camera asked for (a new target): fit the graph again.
                s.auto_fit = true;
            }
            s.dirty = true;
            s.camera_view = props.camera;
        }
        if s.gestures.cooperative() != props.cooperative {
            s.gestures = Gestures::new(props.cooperative);
        }
        s.selected = props.selected;
        if s.lang != lang {
            s.lang = lang;
            s.style_stale = true;
        }
        if s.selection != props.selection {
            s.selection.clone_from(&props.selection);
            s.selection_version += 1;
            s.dirty = true;
        }
        if s.focus != props.focus && s.kind == LayoutKind::Hops {
            s.arranged_stale = true;
        }
        s.focus = props.focus;
        if s.kind != props.layout {
            s.kind = props.layout;
            s.arranged_stale = true;
            // A new layout is shown whole.
            s.auto_fit = true;
            s.dirty = true;
        }
        if !Rc::ptr_eq(&s.labels, &props.labels) {
            s.labels = props.labels.clone();
            s.style_stale = true;
        }
        let same_taint = match (&s.taint, &props.taint) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if !same_taint {
            s.taint = props.taint.clone();
            s.style_stale = true;
        }
        if !Rc::ptr_eq(&s.folds, &props.folds) {
            s.folds = props.folds.clone();
            s.layout_stale = true;
            s.style_stale = true;
        }
        if !Rc::ptr_eq(&s.marks, &props.marks) || s.expanded_peels != props.expanded_peels {
            s.marks = props.marks.clone();
            s.expanded_peels = props.expanded_peels.clone();
            s.style_stale = true;
        }
    }

    // The animation loop lives as long as the component.
    {
        let scene = scene.clone();
        let canvas_ref = canvas_ref.clone();
        let frame_handle = frame_handle.clone();
        use_effect_with((), move |()| {
            schedule_frame(scene, canvas_ref, frame_handle.clone());
            move || {
                frame_handle.borrow_mut().take();
            }
        });
    }

    let onpointerdown = {
        let scene = scene.clone();
        let show_hint = show_hint.clone();
        Callback::from(move |e: PointerEvent| {
            let p = pointer_px(&e);
            let mut s = scene.borrow_mut();
            match s
                .gestures
                .down(e.pointer_id(), PointerKind::from_dom(&e.pointer_type()), p)
            {
                Press::Single => {}
                Press::TwoFingers => {
                    // A pinch replaces whatever the first finger started.
                    s.drag = Drag::None;
                    capture(&e);
                    return;
                }
                Press::LeftToPage(h) => {
                    show_hint(h);
                    return;
                }
            }
            let badge = s
                .badges
                .iter()
                .find(|b| b.contains(p))
                .and_then(|b| s.graph.key_of(b.hub));
            let hit = s.hit(p);
            s.drag = match (badge, hit) {
                (Some(hub_key), _) => Drag::Badge { hub_key },
                (None, _) if e.shift_key() => Drag::Box { start_px: p, now_px: p },
                (None, Some(id)) => Drag::Node {
                    id,
                    start_px: p,
                    moved: false,
                },
                (None, None) => Drag::Pan {
                    last_px: p,
                    start_px: p,
                },
            };
            capture(&e);
        })
    };

    let onpointermove = {
        let scene = scene.clone();
        let tooltip = tooltip.clone();
        Callback::from(move |e: PointerEvent| {
            let p = pointer_px(&e);
            let mut s = scene.borrow_mut();
            if let Some(step) = s.gestures.moved(e.pointer_id(), p) {
                s.camera.pan_by_screen(step.pan_px);
                s.camera.zoom_at_screen(step.zoom_at_px, step.zoom_factor);
                s.auto_fit = false;
                s.dirty = true;
                return;
            }
            if s.gestures.two_fingers() {
                return;
            }
            match s.drag {
                Drag::Node { id, start_px, .. } => {
                    if distance(p, start_px) > CLICK_SLOP_PX {
                        // The reader is arranging the picture: the camera stops following the layout.
                        s.auto_fit = false;
                        let world = s.camera.world_from_screen(p);
                        s.drag_selection_to(id, world);
                        s.drag = Drag::Node {
                            id,
                            start_px,
                            moved: true,
                        };
                        s.dirty = true;
                    }
                }
                Drag::Pan { last_px, start_px } => {
                    s.camera.pan_by_screen(Vec2 {
                        x: p.x - last_px.x,
                        y: p.y - last_px.y,
                    });
                    s.drag = Drag::Pan { last_px: p, start_px };
                    s.auto_fit = false;
                    s.dirty = true;
                }
                Drag::Badge { .. } => {}
                Drag::Box { start_px, .. } => {
                    s.drag = Drag::Box { start_px, now_px: p };
                    s.dirty = true;
                }
                Drag::None => {
                    if let Some(badge) = s.badges.iter().find(|b| b.contains(p)) {
                        let tip = badge_tooltip(&s.folds, badge, p, s.graph.chain(), lang);
                        if s.hovered.take().is_some() {
                            s.dirty = true;
                        }
                        tooltip.set(tip);
                        return;
                    }
                    let hit = s.hit(p);
                    if hit != s.hovered {
                        s.hovered = hit;
                        s.dirty = true;
                        tooltip.set(hit.and_then(|id| tooltip_for(&s.graph, &s.labels, id, p, lang)));
                    }
                }
            }
        })
    };

    let onpointerup = {
        let scene = scene.clone();
        let onselect = props.onselect.clone();
        let ontogglehub = props.ontogglehub.clone();
        let onselectmany = props.onselectmany.clone();
        Callback::from(move |e: PointerEvent| {
            let p = pointer_px(&e);
            let mut s = scene.borrow_mut();
            s.gestures.up(e.pointer_id());
            match std::mem::replace(&mut s.drag, Drag::None) {
                Drag::Node { id, moved: false, .. } => onselect.emit(Some(id)),
                // The dragged node (and its box selection) stays where it was dropped.
                Drag::Node { moved: true, .. } => s.report_dropped(),
                Drag::Box { start_px, .. } => {
                    let ids = scene::nodes_in_rect(&s.style, s.positions(), &s.camera, start_px, p);
                    s.dirty = true;
                    onselectmany.emit(ids);
                }
                Drag::Pan { start_px, .. } if distance(p, start_px) <= CLICK_SLOP_PX => {
                    onselect.emit(None);
                    if !s.selection.is_empty() {
                        onselectmany.emit(Vec::new());
                    }
                }
                Drag::Badge { hub_key } => ontogglehub.emit(hub_key),
                Drag::Pan { .. } | Drag::None => {}
            }
        })
    };

    let ondblclick = {
        let scene = scene.clone();
        let onexpand = props.onexpand.clone();
        Callback::from(move |e: MouseEvent| {
            let p = Vec2 {
                x: f64::from(e.offset_x()),
                y: f64::from(e.offset_y()),
            };
            let hit = scene.borrow_mut().hit(p);
            if let Some(id) = hit {
                onexpand.emit(id);
            }
        })
    };

    let onwheel = {
        let scene = scene.clone();
        let show_hint = show_hint.clone();
        Callback::from(move |e: WheelEvent| {
            let p = Vec2 {
                x: f64::from(e.offset_x()),
                y: f64::from(e.offset_y()),
            };
            let mut s = scene.borrow_mut();
            // Lines or pages (delta mode 1, 2) count as about 16 and 800 px.
            let delta_px = e.delta_y() * [1.0, 16.0, 800.0].get(e.delta_mode() as usize).unwrap_or(&1.0);
            match gestures::wheel(s.gestures.cooperative(), e.ctrl_key() || e.meta_key(), delta_px) {
                WheelAction::Zoom(factor) => {
                    e.prevent_default();
                    s.camera.zoom_at_screen(p, factor);
                    s.auto_fit = false;
                    s.dirty = true;
                }
                WheelAction::ScrollPage(h) => show_hint(h),
            }
        })
    };
    let onpointercancel = {
        let scene = scene.clone();
        Callback::from(move |e: PointerEvent| {
            let mut s = scene.borrow_mut();
            s.gestures.up(e.pointer_id());
            s.drag = Drag::None;
        })
    };

    let onfit = {
        let scene = scene.clone();
        Callback::from(move |_| {
            let mut s = scene.borrow_mut();
            s.auto_fit = true;
            s.dirty = true;
        })
    };

    let onunpin = {
        let scene = scene.clone();
        Callback::from(move |_| {
            let mut s = scene.borrow_mut();
            s.unpin_all();
        })
    };

    // The keyboard: arrows move the selection along edges, Enter expands, Escape clears, + − zoom,
    // F fits. What happened is announced.
    let onkeydown = {
        let scene = scene.clone();
        let onselect = props.onselect.clone();
        let onselectmany = props.onselectmany.clone();
        let onexpand = props.onexpand.clone();
        let announce = announce.clone();
        let tooltip = tooltip.clone();
        let (selected, focus) = (props.selected, props.focus);
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let key = e.key();
            let mut s = scene.borrow_mut();
            if let Some(nav) = NavKey::from_dom(&key) {
                e.prevent_default();
                match s.keyboard_step(nav, selected, focus) {
                    Some(step) => {
                        s.nav_at = Some(step.node);
                        s.nav_trail = step.trail;
                        s.bring_into_view(step.node);
                        announce.set(describe_node(&s.graph, &s.labels, step.node, lang));
                        onselect.emit(Some(step.node));
                    }
                    None => announce.set(tr!(lang, "graph_canvas.nowhere")),
                }
                return;
            }
            match key.as_str() {
                "Enter" => {
                    if let Some(id) = selected {
                        e.prevent_default();
                        onexpand.emit(id);
                    }
                }
                "Escape" => {
                    s.nav_at = None;
                    s.nav_trail = None;
                    tooltip.set(None);
                    onselect.emit(None);
                    if !s.selection.is_empty() {
                        onselectmany.emit(Vec::new());
                    }
                    announce.set(tr!(lang, "graph_canvas.cleared"));
                }
                "+" | "=" => s.zoom_at_middle(1.25),
                "-" | "_" => s.zoom_at_middle(0.8),
                "f" | "F" => {
                    s.auto_fit = true;
                    s.dirty = true;
                }
                _ => {}
            }
        })
    };

    let onleave = {
        let tooltip = tooltip.clone();
        Callback::from(move |_| tooltip.set(None))
    };
    // The tooltip is placed through the CSSOM: the content security policy refuses inline
    // `style` attributes.
    let tooltip_ref = use_node_ref();
    {
        let tooltip_ref = tooltip_ref.clone();
        let at = (*tooltip).as_ref().map(|t| (t.x_px, t.y_px));
        use_effect_with(at.map(|(x, y)| (x.to_bits(), y.to_bits())), move |_| {
            if let (Some((x, y)), Some(element)) = (at, tooltip_ref.cast::<web_sys::HtmlElement>()) {
                let style = element.style();
                style.set_property("left", &format!("{}px", x + 14.0)).ok();
                style.set_property("top", &format!("{}px", y + 14.0)).ok();
            }
        });
    }

    html! {
        <div class="canvas-wrap">
            // Focusable, so the keyboard can walk the graph; the fallback is read where no canvas is drawn.
            <canvas id="graph-canvas" ref={canvas_ref} tabindex="0" role="application"
                aria-label={tr!(lang, "graph_canvas.aria_label")} aria-describedby="graph-keys"
                class={if props.cooperative { "cooperative" } else { "" }}
                {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {ondblclick} {onwheel} {onkeydown}
                onpointerleave={onleave}>
                <p>{ tr!(lang, "graph_canvas.fallback") }</p>
            </canvas>
            <p id="graph-keys" class="visually-hidden">{ tr!(lang, "graph_canvas.keys_help") }</p>
            <div id="graph-announce" class="visually-hidden" aria-live="polite" aria-atomic="true">{ (*announce).clone() }</div>
            if let Some(h) = *hint {
                <div id="gesture-hint" class="gesture-hint" role="status">{ hint_text(h, lang) }</div>
            }
            <button class="fit" onclick={onfit} title={tr!(lang, "graph_canvas.fit_title")}>{ tr!(lang, "graph_canvas.fit") }</button>
            if !props.pins.is_empty() {
                <button id="unpin-all" class="unpin" onclick={onunpin}
                    title={tr!(lang, "graph_canvas.unpin_title")}>
                    { tr!(lang, "graph_canvas.unpin", count = props.pins.len().to_string()) }
                </button>
            }
            { props.children.clone() }
            <div class="layout-switch" role="group" aria-label={tr!(lang, "graph_canvas.layout")}>
                { for LayoutKind::ALL.into_iter().map(|kind| {
                    let onlayout = props.onlayout.clone();
                    let (name, title) = layout_names(kind, lang);
                    html! {
                        <button id={format!("layout-{}", kind.code())} aria-pressed={(kind == props.layout).to_string()}
                            {title} onclick={Callback::from(move |_| onlayout.emit(kind))}>{ name }</button>
                    }
                }) }
            </div>
            <details class="legend">
                <summary>{ tr!(lang, "graph_canvas.legend") }</summary>
                <ul>
                    { for [
                        ("circle", "graph_canvas.legend_address"),
                        ("square", "graph_canvas.legend_tx"),
                        ("diamond", "graph_canvas.legend_transfer"),
                        ("group", "graph_canvas.legend_group"),
                        ("ring", "graph_canvas.legend_ring"),
                        ("frame", "graph_canvas.legend_coinjoin"),
                        ("dashed", "graph_canvas.legend_change"),
                        ("peel", "graph_canvas.legend_peel"),
                        ("taint", "graph_canvas.legend_taint"),
                    ].into_iter().map(|(shape, text)| html! {
                        <li><span class={classes!("key", shape)} aria-hidden="true"></span>{ tr!(lang, text) }</li>
                    }) }
                </ul>
            </details>
            if let Some(t) = (*tooltip).clone() {
                <div id="tooltip" class="tooltip" role="tooltip" ref={tooltip_ref}>
                    <div class="mono">{ t.title }</div>
                    { for t.lines.into_iter().map(|line| html! { <div>{ line }</div> }) }
                </div>
            }
        </div>
    }
}

/// The switch's button text and tooltip for a layout.
fn layout_names(kind: LayoutKind, lang: Lang) -> (String, String) {
    match kind {
        LayoutKind::Force => (tr!(lang, "graph_canvas.force"), tr!(lang, "graph_canvas.force_title")),
        LayoutKind::TimeAxis => (tr!(lang, "graph_canvas.time"), tr!(lang, "graph_canvas.time_title")),
        LayoutKind::Hops => (tr!(lang, "graph_canvas.hops"), tr!(lang, "graph_canvas.hops_title")),
    }
}

/// A gesture hint's text (⌘ on a Mac, Ctrl elsewhere).
fn hint_text(hint: Hint, lang: Lang) -> String {
    match hint {
        Hint::CtrlToZoom if is_mac() => tr!(lang, "graph_canvas.hint_cmd_zoom"),
        Hint::CtrlToZoom => tr!(lang, "graph_canvas.hint_ctrl_zoom"),
        Hint::TwoFingers => tr!(lang, "graph_canvas.hint_two_fingers"),
    }
}

/// The camera in whole world units and thousandths of zoom, as a permalink keeps it.
fn camera_view_of(camera: &Camera) -> CameraView {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to the u32 range
    CameraView {
        center_x: whole_units(camera.center_in_world.x),
        center_y: whole_units(camera.center_in_world.y),
        zoom_milli: (camera.zoom * 1000.0).round().clamp(1.0, f64::from(u32::MAX)) as u32,
    }
}

/// Keeps a pointer's events coming to the canvas while it is down, even outside it.
fn capture(e: &PointerEvent) {
    if let Some(target) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
        target.set_pointer_capture(e.pointer_id()).ok();
    }
}

/// Whether the reader is on a Mac (the hint names ⌘ instead of Ctrl).
fn is_mac() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().platform().ok())
        .is_some_and(|p| p.starts_with("Mac"))
}

fn pointer_px(e: &PointerEvent) -> Vec2 {
    Vec2 {
        x: f64::from(e.offset_x()),
        y: f64::from(e.offset_y()),
    }
}

fn distance(a: Vec2, b: Vec2) -> f64 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

fn badge_tooltip(folds: &Folds, badge: &FoldDraw, at: Vec2, chain: Chain, lang: Lang) -> Option<Tooltip> {
    let fold = folds.of_hub(badge.hub).find(|f| f.outward == badge.outward)?;
    let count = crate::i18n::group(lang, fold.folded.len() as u64);
    let amount = crate::i18n::coins(lang, fold.folded_sats, chain);
    let line = if fold.outward {
        tr!(lang, "graph_canvas.badge_recipients", count = count, amount = amount)
    } else {
        tr!(lang, "graph_canvas.badge_senders", count = count, amount = amount)
    };
    Some(Tooltip {
        x_px: at.x,
        y_px: at.y,
        title: badge.label.clone(),
        lines: vec![line, tr!(lang, "graph_canvas.badge_click")],
    })
}

fn tooltip_for(graph: &FlowGraph, labels: &LabelBook, id: NodeId, at: Vec2, lang: Lang) -> Option<Tooltip> {
    let (title, lines) = node_facts(graph, labels, id, lang)?;
    Some(Tooltip {
        x_px: at.x,
        y_px: at.y,
        title,
        lines,
    })
}

/// What the keyboard announces on reaching a node: its kind, name, facts and links.
fn describe_node(graph: &FlowGraph, labels: &LabelBook, id: NodeId, lang: Lang) -> String {
    let Some((title, lines)) = node_facts(graph, labels, id, lang) else {
        return String::new();
    };
    let kind = match graph.node(id) {
        Some(FlowNode::Address(_)) => tr!(lang, "graph_canvas.kind_address"),
        Some(FlowNode::Tx(_)) => tr!(lang, "graph_canvas.kind_tx"),
        Some(FlowNode::Group(_)) => tr!(lang, "graph_canvas.kind_group"),
        Some(FlowNode::Transfer(_)) => tr!(lang, "graph_canvas.kind_transfer"),
        None => String::new(),
    };
    let links = tr!(
        lang,
        "graph_canvas.links",
        outgoing = graph.linked(id, true).len().to_string(),
        incoming = graph.linked(id, false).len().to_string()
    );
    let mut parts = vec![format!("{kind} {title}")];
    parts.extend(lines);
    parts.push(links);
    parts.join(". ")
}

/// A node's name and the facts its tooltip lists.
fn node_facts(graph: &FlowGraph, labels: &LabelBook, id: NodeId, lang: Lang) -> Option<(String, Vec<String>)> {
    let coins = |v: Sats| crate::i18n::coins(lang, v, graph.chain());
    let received_paid = |id| {
        let (received, paid) = graph.value_in_out(id);
        tr!(
            lang,
            "graph_canvas.received_paid",
            received = coins(received),
            paid = coins(paid)
        )
    };
    Some(match graph.node(id)? {
        FlowNode::Address(a) => {
            let txs = graph.txs_of_address(&a.address);
            let (mut received, mut spent) = (Sats::ZERO, Sats::ZERO);
            for tx in &txs {
                let (r, s) = graph.address_flow_in_tx(&a.address, &tx.txid);
                received += r;
                spent += s;
            }
            let entity = labels
                .labels_of(graph.chain(), &a.address)
                .into_iter()
                .map(|l| format!("{} ({})", l.entity, l.category));
            let totals = match txs.first() {
                // A view graph: what the address received from and paid to others.
                None => vec![received_paid(id)],
                Some(latest) => vec![
                    tr!(
                        lang,
                        "graph_canvas.received_sent",
                        received = coins(received),
                        sent = coins(spent),
                        count = crate::i18n::group(lang, txs.len() as u64)
                    ),
                    tr!(
                        lang,
                        "graph_canvas.latest",
                        status = crate::i18n::status(lang, &latest.status)
                    ),
                ],
            };
            (a.address.clone(), entity.chain(totals).collect())
        }
        FlowNode::Group(group) => (
            group.key.name_in(lang),
            vec![
                tr!(
                    lang,
                    "graph_canvas.group_addresses",
                    count = crate::i18n::group(lang, group.members.len() as u64)
                ),
                received_paid(id),
                tr!(lang, "graph_canvas.group_dblclick"),
            ],
        ),
        FlowNode::Transfer(t) => {
            let name = |party| crate::scene_style::party_label(party, lang);
            let mut lines = vec![tr!(
                lang,
                "graph_canvas.transfer_in_txs",
                amount = coins(t.value_sats),
                count = crate::i18n::group(lang, t.txids.len() as u64)
            )];
            lines.extend(
                t.tainted_sats
                    .map(|tainted| tr!(lang, "graph_canvas.tainted", amount = coins(tainted))),
            );
            lines.push(tr!(lang, "graph_canvas.transfer_click"));
            (format!("{} → {}", name(&t.from), name(&t.to)), lines)
        }
        FlowNode::Tx(node) => {
            let tx = graph.tx(&node.txid)?;
            let mut lines = vec![
                tr!(lang, "graph_canvas.tx_moves", amount = coins(tx.output_total())),
                crate::i18n::status(lang, &tx.status),
            ];
            lines.extend(
                crate::explain::explain_tx_in(graph, tx, lang)
                    .into_iter()
                    .map(|e| e.text),
            );
            (node.txid.to_string(), lines)
        }
    })
}

fn schedule_frame(scene: Rc<RefCell<Scene>>, canvas_ref: NodeRef, handle: Rc<RefCell<Option<AnimationFrame>>>) {
    let next_handle = handle.clone();
    let frame = request_animation_frame(move |_timestamp| {
        render_frame(&scene, &canvas_ref);
        schedule_frame(scene, canvas_ref, next_handle);
    });
    *handle.borrow_mut() = Some(frame);
}

fn render_frame(scene: &Rc<RefCell<Scene>>, canvas_ref: &NodeRef) {
    let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else {
        return;
    };
    let mut s = scene.borrow_mut();

    // Keep the backing store at device resolution.
    let scale = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    let (css_w, css_h) = (
        f64::from(canvas.client_width()).max(1.0),
        f64::from(canvas.client_height()).max(1.0),
    );
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // positive, bounded by the screen
    let (dev_w, dev_h) = ((css_w * scale).round() as u32, (css_h * scale).round() as u32);
    if canvas.width() != dev_w || canvas.height() != dev_h {
        canvas.set_width(dev_w);
        canvas.set_height(dev_h);
        s.camera.set_viewport(Vec2 { x: css_w, y: css_h });
        s.dirty = true;
    }

    let s = &mut *s;
    let polled = s.host.poll(&mut s.mirror);
    if polled.positions {
        s.position_updates += 1;
        // Once the layout rests, this picture may be worth keeping in the link.
        s.keep.report_due = true;
        s.dirty = true;
    }
    if polled.moving != s.moving {
        s.moving = polled.moving;
        s.dirty = true;
    }
    if s.layout_stale {
        s.layout_stale = false;
        let folds = s.folds.clone();
        if let Some(sync) = s.mirror.sync_filtered(&s.graph, &|id| !folds.is_folded(id)) {
            s.host.sync(sync);
        }
    }
    if s.style_stale {
        let hidden_before = std::mem::take(&mut s.style.hidden);
        s.style = SceneStyle::new_in(
            &s.graph,
            &s.labels,
            s.taint.as_deref(),
            &s.marks,
            &s.expanded_peels,
            &s.folds,
            s.lang,
        );
        s.style_stale = false;
        s.style_generation += 1;
        // Arranged layouts leave no room for hidden nodes: place again if those changed.
        if s.style.hidden != hidden_before {
            s.arranged_stale = true;
        }
        s.dirty = true;
    }
    s.refresh_arrangement();
    s.keep_picture();
    let now = now_ms();
    s.frame_cache.watch_camera(&s.camera, now);
    if s.frame_cache.full_frame_due(now) {
        s.dirty = true;
    }
    // Report where the camera came to rest (for the permalink), not every step of a move.
    if s.frame_cache.ms_since_camera_moved(now) >= CAMERA_REST_MS {
        let view = (!s.auto_fit).then(|| camera_view_of(&s.camera));
        if view != s.camera_view {
            s.camera_view = view;
            s.oncamera.emit(view);
        }
    }
    if !s.dirty {
        return;
    }
    // A heavy frame is followed by at least as long without one (up to a bound): input gets in
    // between.
    let start_ms = now_ms();
    if start_ms - s.last_frame_end_ms < s.last_frame_ms.min(MAX_FRAME_SPACING_MS) {
        return;
    }
    s.dirty = false;
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let key = ContentKey {
        positions_version: s.mirror.version(),
        arranged_version: s.arranged_version,
        style_generation: s.style_generation,
        selection_version: s.selection_version,
        selected: s.selected,
        hovered: s.hovered,
        focus: s.focus,
        kind: s.kind,
        marquee: matches!(s.drag, Drag::Box { .. }),
        device_size: (dev_w, dev_h),
    };
    // Only the camera moved since a heavy frame: move that frame instead of drawing a new one.
    if !s.auto_fit && s.frame_cache.try_reuse(&ctx, &key, &s.camera, scale, start_ms) {
        let end_ms = now_ms();
        s.last_frame_ms = end_ms - start_ms;
        s.last_frame_end_ms = end_ms;
        for (name, value) in [
            ("data-reused-frames", s.frame_cache.reused_frames.to_string()),
            ("data-frame-ms", format!("{:.1}", s.last_frame_ms)),
            ("data-zoom", format!("{:.4}", s.camera.zoom)),
        ] {
            canvas.set_attribute(name, &value).ok();
        }
        return;
    }
    if s.auto_fit {
        if let Some((min, max)) = s.shown_bounds() {
            s.camera.fit(min, max, 40.0);
        }
    }
    let mut list = s.draw_list(s.hovered);
    if let Drag::Box { start_px, now_px } = s.drag {
        list.marquee = Some((start_px, now_px));
    }
    canvas2d::draw(
        &ctx,
        f64::from(dev_w),
        f64::from(dev_h),
        scale,
        &list,
        crate::web::theme::palette(),
    );
    s.badges.clone_from(&list.folds);
    s.frames += 1;
    let end_ms = now_ms();
    s.last_frame_ms = end_ms - start_ms;
    s.last_frame_end_ms = end_ms;
    let camera = s.camera;
    s.frame_cache.remember(&canvas, key, &camera, s.last_frame_ms);
    let attributes = [
        ("data-drawn", list.nodes.len().to_string()),
        ("data-layout", if s.moving { "running" } else { "settled" }.to_string()),
        ("data-layout-host", s.host.where_it_runs().to_string()),
        ("data-layout-kind", s.kind.code().to_string()),
        ("data-axis-ticks", list.axis.len().to_string()),
        ("data-folded", s.folds.hidden.len().to_string()),
        (
            "data-badge-px",
            list.folds
                .first()
                .map(|b| format!("{:.0},{:.0}", b.center_px.x, b.center_px.y))
                .unwrap_or_default(),
        ),
        ("data-position-updates", s.position_updates.to_string()),
        ("data-frames", s.frames.to_string()),
        ("data-frame-ms", format!("{:.1}", s.last_frame_ms)),
        (
            "data-detail",
            if list.detail == Detail::Far { "far" } else { "full" }.to_string(),
        ),
        ("data-zoom", format!("{:.4}", s.camera.zoom)),
        // Where the page's target is drawn (CSS px), so tests can point at it in any layout.
        ("data-focus-px", drawn_at(&list, |n| n.focus)),
        // And where the selected node is (tests click it on the canvas).
        ("data-selected-px", drawn_at(&list, |n| n.selected)),
    ];
    for (name, value) in attributes {
        canvas.set_attribute(name, &value).ok();
    }
}

/// Where the first drawn node `which` picks is (CSS px, `x,y`; empty if none).
fn drawn_at(list: &scene::DrawList, which: impl Fn(&scene::NodeDraw) -> bool) -> String {
    list.nodes
        .iter()
        .find(|n| which(n))
        .map(|n| format!("{:.0},{:.0}", n.center_px.x, n.center_px.y))
        .unwrap_or_default()
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}
