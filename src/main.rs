//! The browser app's entry point; Trunk builds this binary for wasm32.

#[cfg(target_arch = "wasm32")]
fn main() {
    spoor::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("spoor-web is the browser app: build it with `trunk build`; the native CLI is `spoor`.");
}
