//! The layout worker's body (the `spoor-layout-worker` binary runs [`run`] inside a dedicated
//! Web Worker): applies the page's messages to a [`LayoutRunner`] and ticks it in slices of
//! about [`SLICE_MS`], posting positions after each slice, until it is cool. Between slices it
//! yields (`setTimeout(0)`) so the page's next messages (new nodes, drags) get in.
//! Under reduced motion it posts only the settled positions.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use js_sys::Float32Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast as _;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::layout_protocol::{FromWorker, ToWorker};
use crate::layout::LayoutParams;
use crate::remote_layout::{LayoutRunner, SyncError};

/// Ticks per slice run until this much time (ms) has passed; at least one tick per slice.
pub const SLICE_MS: f64 = 30.0;

struct Worker {
    scope: DedicatedWorkerGlobalScope,
    runner: LayoutRunner,
    animate: bool,
    /// A slice is queued (`setTimeout`).
    scheduled: bool,
}

/// Starts listening to the page and tells it so. Does nothing outside a dedicated worker.
pub fn run() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    let worker = Rc::new(RefCell::new(Worker {
        scope: scope.clone(),
        runner: LayoutRunner::new(LayoutParams::default(), 1),
        animate: true,
        scheduled: false,
    }));
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(message) = ToWorker::decode(&event.data()) {
            handle(&worker, message);
        }
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    onmessage.forget();
    post(&scope, &FromWorker::Ready);
}

fn handle(worker: &Rc<RefCell<Worker>>, message: ToWorker) {
    {
        let mut w = worker.borrow_mut();
        if let ToWorker::Animate(on) = message {
            w.animate = on;
        }
        let result = message.apply_to(&mut w.runner);
        match result {
            Err(SyncError::CountMismatch { .. }) => post(&w.scope, &FromWorker::Resync),
            // Another graph's late message: nothing to do.
            Err(SyncError::StaleEpoch { .. }) | Ok(()) => {}
        }
        if !w.runner.is_moving() {
            // Nothing to settle (e.g. an unpin on a cool layout): say where things are.
            post_positions(&w);
            return;
        }
    }
    schedule(worker);
}

fn schedule(worker: &Rc<RefCell<Worker>>) {
    {
        let mut w = worker.borrow_mut();
        if w.scheduled {
            return;
        }
        w.scheduled = true;
    }
    let worker = worker.clone();
    Timeout::new(0, move || slice(&worker)).forget();
}

fn slice(worker: &Rc<RefCell<Worker>>) {
    let moving = {
        let mut w = worker.borrow_mut();
        w.scheduled = false;
        let start_ms = js_sys::Date::now();
        while w.runner.tick() && js_sys::Date::now() - start_ms < SLICE_MS {}
        let moving = w.runner.is_moving();
        if w.animate || !moving {
            post_positions(&w);
        }
        moving
    };
    if moving {
        schedule(worker);
    }
}

fn post_positions(w: &Worker) {
    post(
        &w.scope,
        &FromWorker::Positions {
            epoch: w.runner.epoch(),
            // A copy out of wasm memory into a fresh buffer, which is then transferred.
            xy: Float32Array::from(w.runner.positions_xy()),
            moving: w.runner.is_moving(),
            alpha: w.runner.alpha(),
        },
    );
}

fn post(scope: &DedicatedWorkerGlobalScope, message: &FromWorker) {
    let encoded = message.encode();
    scope
        .post_message_with_transfer(&encoded.message, &encoded.transfer)
        .ok();
}
