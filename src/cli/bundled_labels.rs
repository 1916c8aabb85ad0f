//! The bundled label data, compiled into the CLI so that `spoor trace`, `snapshot` and
//! `labels lookup` stop at and name the same entities as the app, wherever the binary runs.

use std::sync::Arc;

use crate::chain::Chain;
use crate::labels::{LabelBook, LabelIndex};

/// The bundle files in `data/labels` (rebuilt with `spoor labels bundle`).
const FILES: &[(Chain, &[u8])] = &[
    (Chain::Btc, include_bytes!("../../data/labels/btc.labels")),
    (Chain::Bch, include_bytes!("../../data/labels/bch.labels")),
    (Chain::Ltc, include_bytes!("../../data/labels/ltc.labels")),
    (Chain::Doge, include_bytes!("../../data/labels/doge.labels")),
];

/// A book holding the bundled tags of `chain` (empty if the data has none for it).
pub fn book(chain: Chain) -> Result<LabelBook, String> {
    let mut book = LabelBook::new();
    if let Some((_, bytes)) = FILES.iter().find(|(c, _)| *c == chain) {
        let index = LabelIndex::decode(chain, bytes).map_err(|err| format!("bundled labels: {err}"))?;
        book.add_bundle(Arc::new(index));
    }
    Ok(book)
}
