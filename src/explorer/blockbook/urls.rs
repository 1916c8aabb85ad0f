//! Pure URL builders for the Blockbook v2 paths Spoor uses. The base is the server's root
//! (`https://bch1.trezor.io`, or the stand-in's origin); paths start with `/api/v2`.

use crate::chain::{Address, Chain, Txid};

/// Largest page Blockbook serves (`pageSize` above it is cut to it).
pub const MAX_PAGE_SIZE: u32 = 1_000;

/// Builds request URLs from one Blockbook server root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockbookUrls {
    base_url: String,
    chain: Chain,
}

impl BlockbookUrls {
    /// Keeps `base_url` without surrounding white space, trailing slashes and a trailing `/api`
    /// or `/api/v2` (people paste either).
    ///
    /// ```
    /// use spoor::chain::Chain;
    /// use spoor::explorer::blockbook::BlockbookUrls;
    /// let urls = BlockbookUrls::new("https://bch1.trezor.io/api/v2/", Chain::Bch);
    /// assert_eq!(urls.status(), "https://bch1.trezor.io/api/v2");
    /// ```
    #[must_use]
    pub fn new(base_url: &str, chain: Chain) -> BlockbookUrls {
        let trimmed = base_url.trim().trim_end_matches('/');
        let root = trimmed
            .strip_suffix("/api/v2")
            .or_else(|| trimmed.strip_suffix("/api"))
            .unwrap_or(trimmed);
        BlockbookUrls {
            base_url: root.to_string(),
            chain,
        }
    }

    /// The normalised server root.
    #[must_use]
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The chain the server indexes.
    #[must_use]
    pub fn chain(&self) -> Chain {
        self.chain
    }

    /// `GET /api/v2/tx/<txid>`.
    #[must_use]
    pub fn tx(&self, txid: &Txid) -> String {
        format!("{}/api/v2/tx/{txid}", self.base_url)
    }

    /// `GET /api/v2/address/<a>?details=txs&page=<page>&pageSize=<size>` (pages from 1). The
    /// address is sent in the form Blockbook reads (Bitcoin Cash with `bitcoincash:`).
    #[must_use]
    pub fn address_txs(&self, address: &str, page: u32, page_size: u32) -> String {
        let text = Address::parse(self.chain, address).map_or_else(|_| address.to_string(), |a| a.explorer_text());
        format!(
            "{}/api/v2/address/{}?details=txs&page={page}&pageSize={}",
            self.base_url,
            percent_encode(&text),
            page_size.clamp(1, MAX_PAGE_SIZE)
        )
    }

    /// `GET /api/v2`: the indexer's status with its best height.
    #[must_use]
    pub fn status(&self) -> String {
        format!("{}/api/v2", self.base_url)
    }
}

/// Escapes what may not stand in a path segment (an address is plain ASCII; `:` is kept, as
/// Blockbook's own links do).
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b':' => char::from(b).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}
