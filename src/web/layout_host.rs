//! Where the page's layout ticks: in the layout worker (`spoor-layout-worker`, built by Trunk
//! next to the app), or, if no worker can start, on the main thread in small time slices.
//!
//! The page never waits for the worker: it sends [`ToWorker`] messages as the graph grows or the
//! reader drags, and each animation frame [`LayoutHost::poll`] hands the latest positions that
//! arrived to the [`LayoutMirror`] (older ones are dropped unread).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast as _;
use web_sys::{Event, MessageEvent, Worker};

use super::layout_protocol::{FromWorker, ToWorker};
use crate::layout::{LayoutParams, Vec2};
use crate::remote_layout::{LayoutMirror, LayoutRunner, LayoutSync};

/// The worker's loader script, written by Trunk (`data-loader-shim`) beside `index.html`.
const WORKER_URL: &str = "./spoor-layout-worker_loader.js";
/// A worker that has not said "ready" after this long is given up for the main thread.
const READY_TIMEOUT_MS: f64 = 20_000.0;
/// Main-thread fallback: tick until this much of the frame (ms) is used (at least one tick).
const LOCAL_BUDGET_MS: f64 = 8.0;

/// What the worker said since the last poll (only the newest positions are kept).
#[derive(Default)]
struct Inbox {
    ready: bool,
    resync: bool,
    failed: bool,
    positions: Option<(u32, js_sys::Float32Array, bool)>,
}

enum Engine {
    Worker {
        worker: Worker,
        ready: bool,
        started_ms: f64,
        inbox: Rc<RefCell<Inbox>>,
        // Kept alive as long as the worker.
        _onmessage: Closure<dyn FnMut(MessageEvent)>,
        _onerror: Closure<dyn FnMut(Event)>,
    },
    Local {
        runner: Box<LayoutRunner>,
    },
}

/// What a poll changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Polled {
    /// New positions reached the mirror.
    pub positions: bool,
    /// The layout is still settling.
    pub moving: bool,
}

/// The layout engine of one canvas: a worker, or the main-thread fallback.
pub struct LayoutHost {
    engine: Engine,
    animate: bool,
    moving: bool,
    /// Nodes held in place (index → position) in the current epoch: sent again whenever the
    /// worker is handed everything afresh, which would otherwise forget them.
    held: std::collections::BTreeMap<u32, (f32, f32)>,
    held_epoch: u32,
    /// The last word was a placement at rest (a reopened picture) and nothing has changed
    /// since: a worker handed everything afresh must keep those positions, not settle anew.
    placed_at_rest: bool,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Whether the reader asked for less motion (`prefers-reduced-motion: reduce`).
#[must_use]
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|query| query.matches())
}

impl LayoutHost {
    /// Starts the layout worker, or the main-thread fallback if the browser refuses it.
    /// `animate` false: positions arrive only once settled (reduced motion).
    #[must_use]
    pub fn start(animate: bool) -> LayoutHost {
        let engine = start_worker().unwrap_or_else(local_engine);
        LayoutHost {
            engine,
            animate,
            moving: false,
            held: std::collections::BTreeMap::new(),
            held_epoch: 0,
            placed_at_rest: false,
        }
    }

    /// `"worker"` or `"main"`: where the ticks run (shown on the canvas for tests).
    #[must_use]
    pub fn where_it_runs(&self) -> &'static str {
        match self.engine {
            Engine::Worker { .. } => "worker",
            Engine::Local { .. } => "main",
        }
    }

    /// Whether the layout is still settling (as of the last poll, or a change sent since).
    #[must_use]
    pub fn is_moving(&self) -> bool {
        self.moving
    }

    /// Sends a graph change (dropped while the worker starts: it gets everything once ready).
    pub fn sync(&mut self, sync: LayoutSync) {
        self.moving = true;
        self.placed_at_rest = false;
        if sync.from == 0 {
            self.held.clear();
            self.held_epoch = sync.epoch;
        }
        self.send(ToWorker::Sync(sync));
    }

    /// Puts nodes at saved positions (`hold`: and keeps them there); `rest`: leaves the layout
    /// cool, so a reopened view shows exactly what was saved.
    pub fn place(&mut self, epoch: u32, items: &[(u32, Vec2)], hold: bool, rest: bool) {
        #[allow(clippy::cast_possible_truncation)] // f32 is the layout's precision
        let xy: Vec<f32> = items.iter().flat_map(|(_, p)| [p.x as f32, p.y as f32]).collect();
        let indices: Vec<u32> = items.iter().map(|(index, _)| *index).collect();
        self.placed_at_rest |= rest;
        if hold && epoch == self.held_epoch {
            for (index, pair) in indices.iter().zip(xy.chunks_exact(2)) {
                if let [x, y] = *pair {
                    self.held.insert(*index, (x, y));
                }
            }
        }
        self.send(ToWorker::Place {
            epoch,
            indices,
            xy,
            hold,
            rest,
        });
    }

    /// Holds node `index` at `pos_in_world` (dragging).
    pub fn pin(&mut self, epoch: u32, index: u32, pos_in_world: Vec2) {
        self.moving = true;
        self.placed_at_rest = false;
        if epoch == self.held_epoch {
            #[allow(clippy::cast_possible_truncation)] // f32 is the layout's precision
            self.held.insert(index, (pos_in_world.x as f32, pos_in_world.y as f32));
        }
        self.send(ToWorker::Pin {
            epoch,
            index,
            x: pos_in_world.x,
            y: pos_in_world.y,
        });
    }

    /// Lets node `index` go.
    pub fn unpin(&mut self, epoch: u32, index: u32) {
        if epoch == self.held_epoch {
            self.held.remove(&index);
        }
        self.send(ToWorker::Unpin { epoch, index });
    }

    fn send(&mut self, message: ToWorker) {
        match &mut self.engine {
            Engine::Worker { worker, ready, .. } => {
                if *ready {
                    let encoded = message.encode();
                    worker
                        .post_message_with_transfer(&encoded.message, &encoded.transfer)
                        .ok();
                }
            }
            Engine::Local { runner } => {
                // Errors are another graph's stale message or a count the mirror disagrees
                // with; the fallback is always sent everything, so neither happens.
                let _ = message.apply_to(runner);
            }
        }
    }

    /// Once per animation frame: takes the newest positions into `mirror` (or, on the main
    /// thread, ticks for a few milliseconds), and handles the worker starting or failing.
    pub fn poll(&mut self, mirror: &mut LayoutMirror) -> Polled {
        let mut positions = false;
        let mut fall_back = false;
        let restart = Restart {
            held: &self.held,
            held_epoch: self.held_epoch,
            at_rest: self.placed_at_rest,
        };
        match &mut self.engine {
            Engine::Worker {
                worker,
                ready,
                started_ms,
                inbox,
                ..
            } => {
                let mut inbox = inbox.borrow_mut();
                let just_ready = inbox.ready && !*ready;
                if just_ready || (*ready && inbox.resync) {
                    *ready = true;
                    inbox.resync = false;
                    let mut messages = vec![ToWorker::Animate(self.animate)];
                    messages.extend(restart.messages(mirror));
                    for message in messages {
                        let encoded = message.encode();
                        worker
                            .post_message_with_transfer(&encoded.message, &encoded.transfer)
                            .ok();
                    }
                    self.moving = true;
                }
                if let Some((epoch, xy, moving)) = inbox.positions.take() {
                    if mirror.receive(epoch, &xy.to_vec()) {
                        positions = true;
                        self.moving = moving;
                    }
                }
                fall_back = inbox.failed || (!*ready && now_ms() - *started_ms > READY_TIMEOUT_MS);
            }
            Engine::Local { runner } => {
                if runner.is_moving() {
                    let start_ms = now_ms();
                    while runner.tick() && now_ms() - start_ms < LOCAL_BUDGET_MS {}
                    if self.animate || !runner.is_moving() {
                        positions = mirror.receive(runner.epoch(), runner.positions_xy());
                    }
                }
                self.moving = runner.is_moving();
            }
        }
        if fall_back {
            if let Engine::Worker { worker, .. } = &self.engine {
                worker.terminate();
            }
            let mut engine = local_engine(wasm_bindgen::JsValue::UNDEFINED);
            if let Engine::Local { runner } = &mut engine {
                for message in restart.messages(mirror) {
                    let _ = message.apply_to(runner);
                }
            }
            self.engine = engine;
            self.moving = true;
        }
        Polled {
            positions,
            moving: self.moving,
        }
    }
}

/// What a fresh runner (a worker that just started or lost count, or the main-thread fallback)
/// must be told to continue where the last one was.
struct Restart<'a> {
    held: &'a std::collections::BTreeMap<u32, (f32, f32)>,
    held_epoch: u32,
    at_rest: bool,
}

impl Restart<'_> {
    /// Everything (hot, to settle), then — if the picture was placed at rest — every position
    /// at rest again, then the held nodes.
    fn messages(&self, mirror: &LayoutMirror) -> Vec<ToWorker> {
        let epoch = mirror.epoch();
        let mut messages = vec![ToWorker::Sync(mirror.full_sync())];
        if self.at_rest {
            messages.push(ToWorker::Place {
                epoch,
                indices: (0..u32::try_from(mirror.node_count()).unwrap_or(u32::MAX)).collect(),
                xy: mirror.positions_xy().to_vec(),
                hold: false,
                rest: true,
            });
        }
        let current = epoch == self.held_epoch;
        let held = || self.held.iter().filter(move |_| current);
        messages.push(ToWorker::Place {
            epoch,
            indices: held().map(|(index, _)| *index).collect(),
            xy: held().flat_map(|(_, &(x, y))| [x, y]).collect(),
            hold: true,
            rest: false,
        });
        messages
    }
}

impl Drop for LayoutHost {
    fn drop(&mut self) {
        if let Engine::Worker { worker, .. } = &self.engine {
            worker.terminate();
        }
    }
}

fn local_engine(_why: wasm_bindgen::JsValue) -> Engine {
    Engine::Local {
        runner: Box::new(LayoutRunner::new(LayoutParams::default(), 1)),
    }
}

fn start_worker() -> Result<Engine, wasm_bindgen::JsValue> {
    let worker = Worker::new(WORKER_URL)?;
    let inbox = Rc::new(RefCell::new(Inbox::default()));
    let onmessage = {
        let inbox = inbox.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let mut inbox = inbox.borrow_mut();
            match FromWorker::decode(&event.data()) {
                Some(FromWorker::Ready) => inbox.ready = true,
                Some(FromWorker::Resync) => inbox.resync = true,
                Some(FromWorker::Positions { epoch, xy, moving, .. }) => inbox.positions = Some((epoch, xy, moving)),
                None => {}
            }
        })
    };
    let onerror = {
        let inbox = inbox.clone();
        // A script that fails to load or a panic in the worker: the main thread takes over.
        Closure::<dyn FnMut(Event)>::new(move |_event: Event| inbox.borrow_mut().failed = true)
    };
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    Ok(Engine::Worker {
        worker,
        ready: false,
        started_ms: now_ms(),
        inbox,
        _onmessage: onmessage,
        _onerror: onerror,
    })
}
