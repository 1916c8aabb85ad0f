//! A cancel switch shared by whoever starts a trace (the app's Stop button, Ctrl-C) and the scheduler.

use std::cell::Cell;
use std::rc::Rc;

/// Cancels a scheduler's remaining work: every request and every wait checks it first and ends in
/// [`ExplorerError::Cancelled`](crate::explorer::ExplorerError::Cancelled) once it is set.
///
/// Clones share one flag. It is an `Rc<Cell>`: wasm is single-threaded, and natively the
/// scheduler is driven from one thread too.
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Rc<Cell<bool>>);

impl CancelToken {
    /// A token that is not cancelled.
    #[must_use]
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    /// Asks every holder of this token (and its clones) to stop; cannot be undone.
    pub fn cancel(&self) {
        self.0.set(true);
    }

    /// Whether [`CancelToken::cancel`] was called on this token or a clone.
    #[must_use]
    pub fn is_cancelled(&self) -> bool {
        self.0.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancelling_a_clone_cancels_the_original() {
        let token = CancelToken::new();
        let clone = token.clone();
        assert!(!token.is_cancelled());
        clone.cancel();
        assert!(token.is_cancelled());
    }
}
