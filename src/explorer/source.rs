//! Where a tracer gets chain data from: batches of lookups, so the implementation (the request
//! scheduler) can deduplicate, cache, run several requests at once and respect rate limits.

use std::future::Future;

use super::{AddressHistory, ExplorerError, Spend};
use crate::chain::{Tx, Txid};

/// Most transactions of one address's history the app ever asks for (its "load more" stops
/// there): a link asking for more is refused rather than paging an exchange's wallet for hours.
pub const HISTORY_LIMIT: usize = 100_000;

/// Batched chain lookups. Results come back in the order of the request slice.
pub trait ChainSource {
    /// `GET /tx/:txid` for each txid.
    fn txs(&self, txids: &[Txid]) -> impl Future<Output = Vec<Result<Tx, ExplorerError>>>;

    /// `GET /tx/:txid/outspends` for each txid (index = vout; `None` = unspent).
    fn outspends(&self, txids: &[Txid]) -> impl Future<Output = Vec<Result<Vec<Option<Spend>>, ExplorerError>>>;

    /// An address's history, newest first, at most `max_txs` transactions.
    fn address_history(
        &self,
        address: &str,
        max_txs: usize,
    ) -> impl Future<Output = Result<AddressHistory, ExplorerError>>;

    /// `GET /blocks/tip/height`: the height a new view is pinned to. Sources that cannot tell
    /// (in-memory fakes) say so; the app then shows an unpinned view.
    fn tip_height(&self) -> impl Future<Output = Result<u32, ExplorerError>> {
        std::future::ready(Err(ExplorerError::NotFound {
            what: "the chain tip (this source does not know it)".into(),
        }))
    }
}

/// A borrowed source answers like the source (wrappers such as `case::Pinned` can borrow a
/// scheduler the caller still asks for its counters).
impl<S: ChainSource> ChainSource for &S {
    fn txs(&self, txids: &[Txid]) -> impl Future<Output = Vec<Result<Tx, ExplorerError>>> {
        (**self).txs(txids)
    }

    fn outspends(&self, txids: &[Txid]) -> impl Future<Output = Vec<Result<Vec<Option<Spend>>, ExplorerError>>> {
        (**self).outspends(txids)
    }

    fn address_history(
        &self,
        address: &str,
        max_txs: usize,
    ) -> impl Future<Output = Result<AddressHistory, ExplorerError>> {
        (**self).address_history(address, max_txs)
    }

    fn tip_height(&self) -> impl Future<Output = Result<u32, ExplorerError>> {
        (**self).tip_height()
    }
}
