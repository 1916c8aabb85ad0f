//! Pure URL builders for the Esplora REST paths Spoor uses.

use crate::chain::Txid;

/// Builds request URLs from one API base (`https://mempool.space/api`, `…/api/`, or relative `/api`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EsploraUrls {
    base_url: String,
}

impl EsploraUrls {
    /// Keeps `base_url` without surrounding white space and trailing slashes.
    ///
    /// ```
    /// use spoor::explorer::EsploraUrls;
    /// let urls = EsploraUrls::new("https://mempool.space/api/");
    /// assert_eq!(urls.tip_height(), "https://mempool.space/api/blocks/tip/height");
    /// assert_eq!(EsploraUrls::new("/api").address("1abc"), "/api/address/1abc");
    /// ```
    #[must_use]
    pub fn new(base_url: &str) -> EsploraUrls {
        EsploraUrls {
            base_url: base_url.trim().trim_end_matches('/').to_string(),
        }
    }

    /// The normalised base, without a trailing slash.
    #[must_use]
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `GET /tx/:txid`.
    #[must_use]
    pub fn tx(&self, txid: &Txid) -> String {
        format!("{}/tx/{txid}", self.base_url)
    }

    /// `GET /tx/:txid/outspends` (index = vout).
    #[must_use]
    pub fn tx_outspends(&self, txid: &Txid) -> String {
        format!("{}/tx/{txid}/outspends", self.base_url)
    }

    /// `GET /address/:a` (the summary with chain and mempool stats).
    #[must_use]
    pub fn address(&self, address: &str) -> String {
        format!("{}/address/{}", self.base_url, path_segment(address))
    }

    /// `GET /address/:a/txs`: the mempool part plus the first 25 confirmed txs.
    #[must_use]
    pub fn address_txs(&self, address: &str) -> String {
        format!("{}/address/{}/txs", self.base_url, path_segment(address))
    }

    /// `GET /address/:a/txs/chain/:last_seen_txid`: the 25 confirmed txs after `last_seen_txid`.
    #[must_use]
    pub fn address_txs_chain(&self, address: &str, last_seen_txid: &Txid) -> String {
        format!(
            "{}/address/{}/txs/chain/{last_seen_txid}",
            self.base_url,
            path_segment(address)
        )
    }

    /// `GET /address/:a/utxo`.
    #[must_use]
    pub fn address_utxo(&self, address: &str) -> String {
        format!("{}/address/{}/utxo", self.base_url, path_segment(address))
    }

    /// `GET /blocks/tip/height` (a text/plain integer).
    #[must_use]
    pub fn tip_height(&self) -> String {
        format!("{}/blocks/tip/height", self.base_url)
    }
}

/// Percent-encodes everything but ASCII letters and digits: addresses come from user input, and a
/// stray `/`, `?` or `#` must not change which endpoint is asked.
fn path_segment(text: &str) -> String {
    const HEX_DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for byte in text.trim().bytes() {
        if byte.is_ascii_alphanumeric() {
            out.push(char::from(byte));
        } else {
            // Both nibbles are < 16, so the indexing cannot panic.
            out.push('%');
            out.push(char::from(HEX_DIGITS[usize::from(byte >> 4)]));
            out.push(char::from(HEX_DIGITS[usize::from(byte & 0x0F)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_with_path_characters_is_percent_encoded() {
        let urls = EsploraUrls::new("https://x/api");
        assert_eq!(urls.address("a/b?c"), "https://x/api/address/a%2Fb%3Fc");
    }

    #[test]
    fn chain_page_url_names_the_last_seen_txid() {
        let txid = Txid::parse(&"ab".repeat(32)).unwrap();
        let urls = EsploraUrls::new(" https://blockstream.info/api// ");
        assert_eq!(
            urls.address_txs_chain("bc1q", &txid),
            format!(
                "https://blockstream.info/api/address/bc1q/txs/chain/{}",
                "ab".repeat(32)
            )
        );
    }
}
