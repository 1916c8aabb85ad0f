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

    /// Sends a graph change (dropped while the worker starts: it gets everything once ready).
    pub fn sync(&mut self, sync: LayoutSync) {
        self.moving = true;
        self.send(ToWorker::Sync(sync));
    }

    /// Holds node `index` at `pos_in_world` (dragging).
    pub fn pin(&mut self, epoch: u32, index: u32, pos_in_world: Vec2) {
        self.moving = true;
        self.send(ToWorker::Pin {
            epoch,
            index,
            x: pos_in_world.x,
            y: pos_in_world.y,
        });
    }

    /// Lets node `index` go.
    pub fn unpin(&mut self, epoch: u32, index: u32) {
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
                let _ = match message {
                    ToWorker::Sync(sync) => runner.apply(&sync),
                    ToWorker::Pin { epoch, index, x, y } => runner.pin(epoch, index, x, y),
                    ToWorker::Unpin { epoch, index } => runner.unpin(epoch, index),
                    ToWorker::Animate(_) => Ok(()),
                };
            }
        }
    }

    /// Once per animation frame: takes the newest positions into `mirror` (or, on the main
    /// thread, ticks for a few milliseconds), and handles the worker starting or failing.
    pub fn poll(&mut self, mirror: &mut LayoutMirror) -> Polled {
        let mut positions = false;
        let mut fall_back = false;
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
                    for message in [ToWorker::Animate(self.animate), ToWorker::Sync(mirror.full_sync())] {
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
                let _ = runner.apply(&mirror.full_sync());
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
