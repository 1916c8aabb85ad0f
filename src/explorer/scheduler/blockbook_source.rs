//! The scheduler's lookups on a Blockbook host: a tx and its outputs' spending come in one
//! reply; histories page by number. A server without a spending index (Blockbook's
//! `-extendedindex` is off for Bitcoin Cash and Monacoin) says only that an output is spent:
//! the spender is then looked up in the receiving address's history.

use std::collections::hash_map::{Entry, HashMap};

use super::Scheduler;
use crate::chain::{Tx, Txid};
use crate::explorer::blockbook::{decode, BlockbookPager, BlockbookUrls, OutputSpend};
use crate::explorer::esplora::reply::decode_error;
use crate::explorer::{AddressHistory, ExplorerError, Spend, Transport};

/// How many of an address's txs are searched for the spender of its output (newest first).
const SPENDER_SEARCH_TXS: usize = 5_000;

impl<T: Transport> Scheduler<T> {
    /// `GET /api/v2/tx/<txid>`: the tx (checked, remembered if confirmed) and its spends.
    pub(super) async fn blockbook_tx(
        &self,
        urls: &BlockbookUrls,
        txid: Txid,
    ) -> Result<(Tx, Vec<OutputSpend>), ExplorerError> {
        let url = urls.tx(&txid);
        let what = format!("transaction {} at {url}", txid.short());
        let (tx, spends) = self
            .fetch(&url, &what, |reply| {
                let (tx, spends) = decode::tx(reply, &what, urls.chain())?;
                if tx.txid != txid {
                    return Err(decode_error(
                        &what,
                        format!("the server sent transaction {}", tx.txid.short()),
                    ));
                }
                Ok((tx, spends))
            })
            .await?;
        self.cache.borrow_mut().remember_tx(&tx);
        Ok((tx, spends))
    }

    /// Who spent each output: from the server's spending index, else from the receiving
    /// address's history (counted in [`crate::explorer::Progress::spends_via_history`]).
    pub(super) async fn blockbook_outspends(
        &self,
        urls: &BlockbookUrls,
        txid: Txid,
    ) -> Result<Vec<Option<Spend>>, ExplorerError> {
        let (_, spends) = self.blockbook_tx(urls, txid.clone()).await?;
        let mut out = Vec::with_capacity(spends.len());
        // Several outputs often pay one address: its history is read once for all of them.
        let mut histories: HashMap<String, AddressHistory> = HashMap::new();
        for (vout, spend) in spends.into_iter().enumerate() {
            out.push(match spend {
                OutputSpend::Unspent => None,
                OutputSpend::Spent(spend) => Some(spend),
                OutputSpend::SpentSomewhere { address } => {
                    let vout = u32::try_from(vout).unwrap_or(u32::MAX);
                    Some(
                        self.spender_from_history(urls, &txid, vout, address.as_deref(), &mut histories)
                            .await?,
                    )
                }
            });
        }
        self.cache.borrow_mut().remember_outspends(&txid, &out);
        Ok(out)
    }

    /// Finds the input spending `txid:vout` among the receiving address's transactions (read
    /// into `histories` unless already there).
    async fn spender_from_history(
        &self,
        urls: &BlockbookUrls,
        txid: &Txid,
        vout: u32,
        address: Option<&str>,
        histories: &mut HashMap<String, AddressHistory>,
    ) -> Result<Spend, ExplorerError> {
        let no_index = "this Blockbook server keeps no spending index";
        let Some(address) = address else {
            return Err(ExplorerError::NotFound {
                what: format!(
                    "the spender of output {vout} of {} ({no_index}, and the output pays to no address whose history could show it)",
                    txid.short()
                ),
            });
        };
        self.tracker.borrow_mut().spend_via_history();
        let history = match histories.entry(address.to_string()) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(slot) => slot.insert(self.blockbook_history(urls, address, SPENDER_SEARCH_TXS).await?),
        };
        history
            .txs
            .iter()
            .find_map(|tx| {
                let vin = tx
                    .inputs
                    .iter()
                    .position(|input| input.prev_txid.as_ref() == Some(txid) && input.prev_vout == vout)?;
                Some(Spend {
                    txid: tx.txid.clone(),
                    vin: u32::try_from(vin).ok()?,
                    status: tx.status.clone(),
                })
            })
            .ok_or_else(|| ExplorerError::NotFound {
                what: format!(
                    "the spender of output {vout} of {} ({no_index}; the {} newest transactions of {address} do not include it)",
                    txid.short(),
                    history.txs.len()
                ),
            })
    }

    /// An address's history, page by page (pages from 1), newest first, deduplicated; asking
    /// for more than the last answer held goes on from where that stopped.
    pub(super) async fn blockbook_history(
        &self,
        urls: &BlockbookUrls,
        address: &str,
        max_txs: usize,
    ) -> Result<AddressHistory, ExplorerError> {
        let paused = self
            .paused_blockbook
            .borrow_mut()
            .take(address, |pager| pager.continues_to(max_txs));
        let mut pager =
            paused.unwrap_or_else(|| BlockbookPager::new(max_txs, crate::explorer::blockbook::pager::PAGE_SIZE));
        pager.raise(max_txs);
        while let Some(page) = pager.next_page() {
            let url = urls.address_txs(address, page, pager.page_size());
            let what = format!("history page {page} of address {address} at {url}");
            self.tracker.borrow_mut().enqueue(1, self.transport.now_ms());
            let answer = match self
                .fetch(&url, &what, |reply| decode::address_page(reply, &what, urls.chain()))
                .await
            {
                Ok(answer) => answer,
                Err(err) => {
                    self.paused_blockbook.borrow_mut().keep_interrupted(address, pager);
                    return Err(err);
                }
            };
            {
                let mut cache = self.cache.borrow_mut();
                for tx in &answer.txs {
                    cache.remember_tx(tx);
                }
            }
            pager.accept_page(page, answer.total_pages, answer.txs);
        }
        Ok(self.paused_blockbook.borrow_mut().answer(address, pager, max_txs))
    }
}
