//! The force-layout Web Worker; Trunk builds this binary for wasm32 (`data-type="worker"` in
//! index.html) and the app starts it from `spoor-layout-worker_loader.js`.

#[cfg(target_arch = "wasm32")]
fn main() {
    spoor::web::layout_worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("spoor-layout-worker is the browser app's layout worker: build it with `trunk build`.");
}
