//! The messages between the page and the layout worker, as plain JS objects with typed arrays
//! (a structured clone copies them once; positions travel as a transferred buffer, no copy).
//!
//! Page → worker: `{op: "sync", epoch, from, seeds: Float32Array, links?: Uint32Array}`,
//! `{op: "pin", epoch, index, x, y}`, `{op: "unpin", epoch, index}`, `{op: "animate", on}`,
//! `{op: "place", epoch, indices: Uint32Array, xy: Float32Array, hold, rest}`.
//! Worker → page: `{op: "ready"}`, `{op: "positions", epoch, xy: Float32Array, moving, alpha}`,
//! `{op: "resync"}` (the worker's node count disagrees: send everything again).

use js_sys::{Array, Float32Array, Object, Reflect, Uint32Array};
use wasm_bindgen::{JsCast as _, JsValue};

use crate::remote_layout::{LayoutRunner, LayoutSync, SyncError};

/// A message to the worker.
#[derive(Debug, Clone, PartialEq)]
pub enum ToWorker {
    Sync(LayoutSync),
    Pin {
        epoch: u32,
        index: u32,
        x: f64,
        y: f64,
    },
    Unpin {
        epoch: u32,
        index: u32,
    },
    /// Whether to post positions while settling (off under `prefers-reduced-motion`).
    Animate(bool),
    /// Nodes put where a saved view (or the reader's pins) had them: see
    /// [`crate::remote_layout::LayoutRunner::place`].
    Place {
        epoch: u32,
        indices: Vec<u32>,
        /// `[x0, y0, …]`, one pair per index.
        xy: Vec<f32>,
        hold: bool,
        rest: bool,
    },
}

impl ToWorker {
    /// Applies a layout message to `runner` (`Animate` is the worker's own business: nothing).
    ///
    /// # Errors
    /// What the runner says: another epoch's message, or a count it disagrees with.
    pub fn apply_to(self, runner: &mut LayoutRunner) -> Result<(), SyncError> {
        match self {
            ToWorker::Sync(sync) => runner.apply(&sync),
            ToWorker::Pin { epoch, index, x, y } => runner.pin(epoch, index, x, y),
            ToWorker::Unpin { epoch, index } => runner.unpin(epoch, index),
            ToWorker::Animate(_) => Ok(()),
            ToWorker::Place {
                epoch,
                indices,
                xy,
                hold,
                rest,
            } => {
                let items: Vec<(u32, f32, f32)> = indices
                    .iter()
                    .zip(xy.chunks_exact(2))
                    .filter_map(|(index, pair)| match *pair {
                        [x, y] => Some((*index, x, y)),
                        _ => None,
                    })
                    .collect();
                runner.place(epoch, &items, hold, rest)
            }
        }
    }
}

/// A message from the worker.
#[derive(Debug, Clone)]
pub enum FromWorker {
    /// The worker listens now; it knows nothing yet.
    Ready,
    Positions {
        epoch: u32,
        xy: Float32Array,
        moving: bool,
        alpha: f64,
    },
    /// The worker's node count disagrees with a sync: it needs everything again.
    Resync,
}

/// A message object and the buffers to transfer with it.
pub struct Encoded {
    pub message: JsValue,
    pub transfer: Array,
}

fn set(object: &Object, key: &str, value: &JsValue) {
    Reflect::set(object, &JsValue::from_str(key), value).ok();
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn get_u32(object: &JsValue, key: &str) -> Option<u32> {
    let value = get(object, key).as_f64()?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked to be a u32 first
    let whole = value as u32;
    (value.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&value)).then_some(whole)
}

fn get_f64(object: &JsValue, key: &str) -> Option<f64> {
    get(object, key).as_f64().filter(|v| v.is_finite())
}

fn object_with_op(op: &str) -> Object {
    let object = Object::new();
    set(&object, "op", &JsValue::from_str(op));
    object
}

impl ToWorker {
    /// The JS message (seeds and links are copied out of wasm memory into fresh buffers that
    /// are then transferred).
    #[must_use]
    pub fn encode(&self) -> Encoded {
        let transfer = Array::new();
        let object = match self {
            ToWorker::Sync(sync) => {
                let object = object_with_op("sync");
                set(&object, "epoch", &sync.epoch.into());
                set(&object, "from", &sync.from.into());
                let seeds = Float32Array::from(sync.seeds_xy.as_slice());
                transfer.push(&seeds.buffer());
                set(&object, "seeds", &seeds);
                if let Some(links) = &sync.links {
                    let links = Uint32Array::from(links.as_slice());
                    transfer.push(&links.buffer());
                    set(&object, "links", &links);
                }
                object
            }
            ToWorker::Pin { epoch, index, x, y } => {
                let object = object_with_op("pin");
                set(&object, "epoch", &(*epoch).into());
                set(&object, "index", &(*index).into());
                set(&object, "x", &(*x).into());
                set(&object, "y", &(*y).into());
                object
            }
            ToWorker::Unpin { epoch, index } => {
                let object = object_with_op("unpin");
                set(&object, "epoch", &(*epoch).into());
                set(&object, "index", &(*index).into());
                object
            }
            ToWorker::Animate(on) => {
                let object = object_with_op("animate");
                set(&object, "on", &(*on).into());
                object
            }
            ToWorker::Place {
                epoch,
                indices,
                xy,
                hold,
                rest,
            } => {
                let object = object_with_op("place");
                set(&object, "epoch", &(*epoch).into());
                let indices = Uint32Array::from(indices.as_slice());
                transfer.push(&indices.buffer());
                set(&object, "indices", &indices);
                let xy = Float32Array::from(xy.as_slice());
                transfer.push(&xy.buffer());
                set(&object, "xy", &xy);
                set(&object, "hold", &(*hold).into());
                set(&object, "rest", &(*rest).into());
                object
            }
        };
        Encoded {
            message: object.into(),
            transfer,
        }
    }

    /// Reads a message; `None` for anything malformed.
    #[must_use]
    pub fn decode(message: &JsValue) -> Option<ToWorker> {
        match get(message, "op").as_string()?.as_str() {
            "sync" => {
                let seeds = get(message, "seeds").dyn_into::<Float32Array>().ok()?;
                let links = get(message, "links").dyn_into::<Uint32Array>().ok();
                Some(ToWorker::Sync(LayoutSync {
                    epoch: get_u32(message, "epoch")?,
                    from: get_u32(message, "from")?,
                    seeds_xy: seeds.to_vec(),
                    links: links.map(|l| l.to_vec()),
                }))
            }
            "pin" => Some(ToWorker::Pin {
                epoch: get_u32(message, "epoch")?,
                index: get_u32(message, "index")?,
                x: get_f64(message, "x")?,
                y: get_f64(message, "y")?,
            }),
            "unpin" => Some(ToWorker::Unpin {
                epoch: get_u32(message, "epoch")?,
                index: get_u32(message, "index")?,
            }),
            "animate" => Some(ToWorker::Animate(get(message, "on").as_bool()?)),
            "place" => Some(ToWorker::Place {
                epoch: get_u32(message, "epoch")?,
                indices: get(message, "indices").dyn_into::<Uint32Array>().ok()?.to_vec(),
                xy: get(message, "xy").dyn_into::<Float32Array>().ok()?.to_vec(),
                hold: get(message, "hold").as_bool()?,
                rest: get(message, "rest").as_bool()?,
            }),
            _ => None,
        }
    }
}

impl FromWorker {
    /// The JS message (the positions buffer is transferred).
    #[must_use]
    pub fn encode(&self) -> Encoded {
        let transfer = Array::new();
        let object = match self {
            FromWorker::Ready => object_with_op("ready"),
            FromWorker::Resync => object_with_op("resync"),
            FromWorker::Positions {
                epoch,
                xy,
                moving,
                alpha,
            } => {
                let object = object_with_op("positions");
                set(&object, "epoch", &(*epoch).into());
                transfer.push(&xy.buffer());
                set(&object, "xy", xy);
                set(&object, "moving", &(*moving).into());
                set(&object, "alpha", &(*alpha).into());
                object
            }
        };
        Encoded {
            message: object.into(),
            transfer,
        }
    }

    /// Reads a message; `None` for anything malformed.
    #[must_use]
    pub fn decode(message: &JsValue) -> Option<FromWorker> {
        match get(message, "op").as_string()?.as_str() {
            "ready" => Some(FromWorker::Ready),
            "resync" => Some(FromWorker::Resync),
            "positions" => Some(FromWorker::Positions {
                epoch: get_u32(message, "epoch")?,
                xy: get(message, "xy").dyn_into::<Float32Array>().ok()?,
                moving: get(message, "moving").as_bool()?,
                alpha: get_f64(message, "alpha").unwrap_or(0.0),
            }),
            _ => None,
        }
    }
}
