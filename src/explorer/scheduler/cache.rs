//! Caches of immutable answers: confirmed transactions, and outspends whose outputs are all spent
//! by confirmed transactions. Nothing that can still change (mempool txs, unspent outputs, address
//! pages) is ever cached (a paused address pager is only gone on from, see `paused`).

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};

use crate::chain::{Tx, TxStatus, Txid};
use crate::explorer::Spend;

/// A persistent cache of confirmed transactions: the app keeps them in `localStorage` across
/// reloads; the CLI and tests use none or [`MemoryTxStore`]. Only confirmed txs are saved.
pub trait TxStore {
    /// The stored transaction, if any.
    fn load(&self, txid: &Txid) -> Option<Tx>;

    /// Keeps `tx` (always confirmed); a store that is full may silently drop it.
    fn save(&self, tx: &Tx);
}

/// A [`TxStore`] in memory, for the CLI and tests.
#[derive(Debug, Default)]
pub struct MemoryTxStore {
    txs: RefCell<HashMap<Txid, Tx>>,
}

impl MemoryTxStore {
    /// An empty store.
    #[must_use]
    pub fn new() -> MemoryTxStore {
        MemoryTxStore::default()
    }

    /// How many transactions it holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.txs.borrow().len()
    }

    /// Whether it holds none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.txs.borrow().is_empty()
    }
}

impl TxStore for MemoryTxStore {
    fn load(&self, txid: &Txid) -> Option<Tx> {
        self.txs.borrow().get(txid).cloned()
    }

    fn save(&self, tx: &Tx) {
        self.txs.borrow_mut().insert(tx.txid.clone(), tx.clone());
    }
}

/// Lets a test keep the store and lend it to the scheduler.
impl<S: TxStore> TxStore for std::rc::Rc<S> {
    fn load(&self, txid: &Txid) -> Option<Tx> {
        (**self).load(txid)
    }

    fn save(&self, tx: &Tx) {
        (**self).save(tx);
    }
}

/// Most confirmed transactions kept in memory: the graph holds what is shown, and the store
/// (localStorage in the app) what was seen before; past this the oldest are let go, so a
/// 100,000-transaction investigation does not keep another copy of everything.
const MAX_MEMORY_TXS: usize = 20_000;

/// The scheduler's memory cache in front of an optional persistent store.
#[derive(Default)]
pub(crate) struct Cache {
    txs: HashMap<Txid, Tx>,
    /// The cached txids, oldest first (which to let go first).
    order: VecDeque<Txid>,
    outspends: HashMap<Txid, Vec<Option<Spend>>>,
    store: Option<Box<dyn TxStore>>,
}

impl Cache {
    /// Puts a persistent store behind the memory cache.
    pub(crate) fn set_store(&mut self, store: Box<dyn TxStore>) {
        self.store = Some(store);
    }

    /// A cached confirmed tx: memory first, then the store (promoted into memory).
    pub(crate) fn tx(&mut self, txid: &Txid) -> Option<Tx> {
        if let Some(tx) = self.txs.get(txid) {
            return Some(tx.clone());
        }
        // A store is outside data too: only trust an entry that is what we asked for and immutable.
        let tx = self
            .store
            .as_ref()?
            .load(txid)
            .filter(|tx| &tx.txid == txid && is_immutable_tx(tx))?;
        self.keep(tx.clone());
        Some(tx)
    }

    /// Remembers `tx` in memory and in the store if it is confirmed; ignores it otherwise.
    pub(crate) fn remember_tx(&mut self, tx: &Tx) {
        if !is_immutable_tx(tx) || self.txs.contains_key(&tx.txid) {
            return;
        }
        if let Some(store) = &self.store {
            store.save(tx);
        }
        self.keep(tx.clone());
    }

    /// Keeps `tx` in memory, letting the oldest go beyond [`MAX_MEMORY_TXS`].
    fn keep(&mut self, tx: Tx) {
        while self.txs.len() >= MAX_MEMORY_TXS {
            let Some(oldest) = self.order.pop_front() else {
                break;
            };
            self.txs.remove(&oldest);
        }
        self.order.push_back(tx.txid.clone());
        self.txs.insert(tx.txid.clone(), tx);
    }

    /// Cached outspends of `txid`.
    pub(crate) fn outspends(&self, txid: &Txid) -> Option<Vec<Option<Spend>>> {
        self.outspends.get(txid).cloned()
    }

    /// Remembers outspends (memory only) when they can no longer change.
    pub(crate) fn remember_outspends(&mut self, txid: &Txid, spends: &[Option<Spend>]) {
        if are_immutable_outspends(spends) {
            self.outspends.insert(txid.clone(), spends.to_vec());
        }
    }
}

/// A confirmed tx does not change (barring a reorg deeper than its block, which we accept).
fn is_immutable_tx(tx: &Tx) -> bool {
    matches!(tx.status, TxStatus::Confirmed { .. })
}

/// Outspends can change while any output is unspent or spent only in the mempool.
fn are_immutable_outspends(spends: &[Option<Spend>]) -> bool {
    !spends.is_empty()
        && spends.iter().all(|spend| {
            spend
                .as_ref()
                .is_some_and(|s| matches!(s.status, TxStatus::Confirmed { .. }))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::numbered_confirmed_tx;

    fn spend(confirmed: bool) -> Option<Spend> {
        Some(Spend {
            txid: Txid::parse(&"1".repeat(64)).unwrap(),
            vin: 0,
            status: if confirmed {
                TxStatus::Confirmed {
                    height: 1,
                    block_hash: String::new(),
                    time_secs: 0,
                }
            } else {
                TxStatus::Unconfirmed
            },
        })
    }

    #[test]
    fn outspends_are_immutable_only_when_all_spent_and_confirmed() {
        assert!(are_immutable_outspends(&[spend(true), spend(true)]));
        assert!(!are_immutable_outspends(&[spend(true), None]));
        assert!(!are_immutable_outspends(&[spend(true), spend(false)]));
        assert!(!are_immutable_outspends(&[]));
    }

    fn confirmed_tx(n: usize) -> Tx {
        numbered_confirmed_tx(u32::try_from(n).unwrap())
    }

    #[test]
    fn memory_keeps_the_newest_txs_and_the_store_the_rest() {
        let store = std::rc::Rc::new(MemoryTxStore::new());
        let mut cache = Cache::default();
        cache.set_store(Box::new(store.clone()));
        for n in 0..MAX_MEMORY_TXS + 10 {
            cache.remember_tx(&confirmed_tx(n));
        }
        assert_eq!(cache.txs.len(), MAX_MEMORY_TXS);
        assert_eq!(cache.order.len(), MAX_MEMORY_TXS);
        assert!(!cache.txs.contains_key(&confirmed_tx(0).txid), "the oldest was let go");
        assert_eq!(store.len(), MAX_MEMORY_TXS + 10);
        assert_eq!(
            cache.tx(&confirmed_tx(0).txid),
            Some(confirmed_tx(0)),
            "the store still answers"
        );
        assert_eq!(cache.txs.len(), MAX_MEMORY_TXS);
    }
}
