//! The graph canvas: runs the force layout in requestAnimationFrame, draws through `canvas2d`,
//! and turns pointer input into camera moves, drags, selection and expansion.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_render::{request_animation_frame, AnimationFrame};
use wasm_bindgen::JsCast as _;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::web::state::SharedGraph;

use crate::camera::{hit_test, Camera};
use crate::chain::{Chain, Sats};
use crate::flow::{FlowGraph, FlowNode, NodeId};
use crate::format;
use std::collections::BTreeSet;

use crate::chain::Txid;
use crate::labels::LabelBook;
use crate::layout::{ForceLayout, LayoutParams, Vec2};
use crate::marks::GraphMarks;
use crate::scene::{self, SceneInput};
use crate::trace::TraceResult;
use crate::web::canvas2d;

/// Layout steps per animation frame while the layout moves.
const TICKS_PER_FRAME: usize = 2;
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
}

enum Drag {
    None,
    Pan { last_px: Vec2, start_px: Vec2 },
    Node { id: NodeId, start_px: Vec2, moved: bool },
}

/// Everything the animation loop owns; never part of the app state (it is derived from it).
struct Scene {
    graph: Rc<FlowGraph>,
    layout: ForceLayout,
    camera: Camera,
    selected: Option<NodeId>,
    focus: Option<NodeId>,
    labels: Rc<LabelBook>,
    taint: Option<Rc<TraceResult>>,
    marks: Rc<GraphMarks>,
    expanded_peels: BTreeSet<Txid>,
    /// Nodes not drawn (inside collapsed peel chains): never hit.
    hidden: BTreeSet<NodeId>,
    hovered: Option<NodeId>,
    drag: Drag,
    /// The camera follows the layout until the reader moves it.
    auto_fit: bool,
    dirty: bool,
    frames: u64,
}

impl Scene {
    fn new() -> Scene {
        Scene {
            graph: Rc::new(FlowGraph::new()),
            layout: ForceLayout::new(LayoutParams::default(), 1),
            camera: Camera::new(Vec2 { x: 800.0, y: 600.0 }),
            selected: None,
            focus: None,
            labels: Rc::new(LabelBook::new()),
            taint: None,
            marks: Rc::new(GraphMarks::default()),
            expanded_peels: BTreeSet::new(),
            hidden: BTreeSet::new(),
            hovered: None,
            drag: Drag::None,
            auto_fit: true,
            dirty: true,
            frames: 0,
        }
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
    let canvas_ref = use_node_ref();
    let scene = use_mut_ref(Scene::new);
    let frame_handle = use_mut_ref(|| None::<AnimationFrame>);
    let tooltip = use_state(|| None::<Tooltip>);

    // New graph data: place new nodes and let the layout run again.
    {
        let scene = scene.clone();
        let graph = props.graph.clone();
        use_effect_with((props.graph_version, props.selected, props.focus), move |_| {
            let mut s = scene.borrow_mut();
            if !Rc::ptr_eq(&s.graph, &graph.0) {
                s.graph = graph.0;
                let graph = s.graph.clone();
                s.layout.sync(&graph);
            }
            s.dirty = true;
        });
    }
    {
        let mut s = scene.borrow_mut();
        s.selected = props.selected;
        s.focus = props.focus;
        if !Rc::ptr_eq(&s.labels, &props.labels) {
            s.labels = props.labels.clone();
            s.dirty = true;
        }
        let same_taint = match (&s.taint, &props.taint) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if !same_taint {
            s.taint = props.taint.clone();
            s.dirty = true;
        }
        if !Rc::ptr_eq(&s.marks, &props.marks) || s.expanded_peels != props.expanded_peels {
            s.marks = props.marks.clone();
            s.expanded_peels = props.expanded_peels.clone();
            s.hidden = s.marks.hidden(&s.expanded_peels);
            s.dirty = true;
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
        Callback::from(move |e: PointerEvent| {
            let p = pointer_px(&e);
            let mut s = scene.borrow_mut();
            let hit = visible_hit(&s, p);
            s.drag = match hit {
                Some(id) => Drag::Node {
                    id,
                    start_px: p,
                    moved: false,
                },
                None => Drag::Pan {
                    last_px: p,
                    start_px: p,
                },
            };
            if let Some(target) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                target.set_pointer_capture(e.pointer_id()).ok();
            }
        })
    };

    let onpointermove = {
        let scene = scene.clone();
        let tooltip = tooltip.clone();
        Callback::from(move |e: PointerEvent| {
            let p = pointer_px(&e);
            let mut s = scene.borrow_mut();
            match s.drag {
                Drag::Node { id, start_px, .. } => {
                    if distance(p, start_px) > CLICK_SLOP_PX {
                        let world = s.camera.world_from_screen(p);
                        s.layout.pin(id, world);
                        s.layout.reheat(0.3);
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
                Drag::None => {
                    let hit = visible_hit(&s, p);
                    if hit != s.hovered {
                        s.hovered = hit;
                        s.dirty = true;
                        tooltip.set(hit.and_then(|id| tooltip_for(&s.graph, &s.labels, id, p)));
                    }
                }
            }
        })
    };

    let onpointerup = {
        let scene = scene.clone();
        let onselect = props.onselect.clone();
        Callback::from(move |e: PointerEvent| {
            let p = pointer_px(&e);
            let mut s = scene.borrow_mut();
            match std::mem::replace(&mut s.drag, Drag::None) {
                Drag::Node { id, moved: false, .. } => onselect.emit(Some(id)),
                Drag::Node { id, moved: true, .. } => s.layout.unpin(id),
                Drag::Pan { start_px, .. } if distance(p, start_px) <= CLICK_SLOP_PX => onselect.emit(None),
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
            let s = scene.borrow();
            if let Some(id) = visible_hit(&s, p) {
                onexpand.emit(id);
            }
        })
    };

    let onwheel = {
        let scene = scene.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let p = Vec2 {
                x: f64::from(e.offset_x()),
                y: f64::from(e.offset_y()),
            };
            let mut s = scene.borrow_mut();
            s.camera.zoom_at_screen(p, (-e.delta_y() * 0.0015).exp());
            s.auto_fit = false;
            s.dirty = true;
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

    let onleave = {
        let tooltip = tooltip.clone();
        Callback::from(move |_| tooltip.set(None))
    };

    html! {
        <div class="canvas-wrap">
            <canvas id="graph-canvas" ref={canvas_ref} role="img"
                aria-label="Flow graph of the traced coins; the node list below the counts describes it"
                {onpointerdown} {onpointermove} {onpointerup} {ondblclick} {onwheel} onpointerleave={onleave} />
            <button class="fit" onclick={onfit} title="Fit the graph to the view">{ "Fit" }</button>
            <details class="legend">
                <summary>{ "Legend" }</summary>
                <ul>
                    <li><span class="key circle"></span>{ "address (blue: history loaded)" }</li>
                    <li><span class="key square"></span>{ "transaction" }</li>
                    <li><span class="key ring"></span>{ "labelled entity (exchange, mixer, …)" }</li>
                    <li><span class="key frame"></span>{ "CoinJoin-shaped transaction" }</li>
                    <li><span class="key dashed"></span>{ "likely change (stays with the sender)" }</li>
                    <li><span class="key peel"></span>{ "peel chain drawn as one step" }</li>
                    <li><span class="key taint"></span>{ "after a trace: stronger = larger tainted share" }</li>
                </ul>
            </details>
            if let Some(t) = (*tooltip).clone() {
                <div id="tooltip" class="tooltip" role="tooltip"
                    style={format!("left:{}px;top:{}px", t.x_px + 14.0, t.y_px + 14.0)}>
                    <div class="mono">{ t.title }</div>
                    { for t.lines.into_iter().map(|line| html! { <div>{ line }</div> }) }
                </div>
            }
        </div>
    }
}

/// The drawn node under the pointer (nodes inside collapsed peel chains are not drawn).
fn visible_hit(s: &Scene, p: Vec2) -> Option<NodeId> {
    hit_test(&s.camera, &s.layout, p, HIT_RADIUS_PX).filter(|id| !s.hidden.contains(id))
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

fn tooltip_for(graph: &FlowGraph, labels: &LabelBook, id: NodeId, at: Vec2) -> Option<Tooltip> {
    let coins = |v: Sats| format::coins(v, Chain::Btc);
    let (title, lines) = match graph.node(id)? {
        FlowNode::Address(a) => {
            let txs = graph.txs_of_address(&a.address);
            let (mut received, mut spent) = (Sats::ZERO, Sats::ZERO);
            for tx in &txs {
                let (r, s) = graph.address_flow_in_tx(&a.address, &tx.txid);
                received += r;
                spent += s;
            }
            let last = txs.first().map(|tx| format::status(&tx.status)).unwrap_or_default();
            let entity = labels
                .labels_of(Chain::Btc, &a.address)
                .iter()
                .map(|l| format!("{} ({})", l.entity, l.category));
            (
                a.address.clone(),
                entity
                    .chain([
                        format!(
                            "received {} · sent {} (in {} loaded txs)",
                            coins(received),
                            coins(spent),
                            txs.len()
                        ),
                        format!("latest: {last}"),
                    ])
                    .collect(),
            )
        }
        FlowNode::Tx(node) => {
            let tx = graph.tx(&node.txid)?;
            let mut lines = vec![
                format!("moves {}", coins(tx.output_total())),
                format::status(&tx.status),
            ];
            lines.extend(crate::explain::explain_tx(graph, tx).into_iter().map(|e| e.text));
            (node.txid.to_string(), lines)
        }
    };
    Some(Tooltip {
        x_px: at.x,
        y_px: at.y,
        title,
        lines,
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

    let mut moving = false;
    for _ in 0..TICKS_PER_FRAME {
        let graph = s.graph.clone();
        moving = s.layout.tick(&graph);
    }
    if s.auto_fit {
        if let Some((min, max)) = s.layout.bounds() {
            s.camera.fit(min, max, 40.0);
        }
    }
    if !(moving || s.dirty) {
        return;
    }
    s.dirty = false;
    let list = scene::build(SceneInput {
        graph: &s.graph,
        layout: &s.layout,
        camera: &s.camera,
        selected: s.selected,
        hovered: s.hovered,
        focus: s.focus,
        labels: &s.labels,
        taint: s.taint.as_deref(),
        marks: &s.marks,
        expanded_peels: &s.expanded_peels,
    });
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    canvas2d::draw(&ctx, f64::from(dev_w), f64::from(dev_h), scale, &list);
    s.frames += 1;
    canvas.set_attribute("data-drawn", &list.nodes.len().to_string()).ok();
    canvas
        .set_attribute("data-layout", if moving { "running" } else { "settled" })
        .ok();
}
