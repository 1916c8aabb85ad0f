//! The search box: turns whatever people paste (an address, a txid, a `bitcoin:` payment link, an
//! explorer URL) into an address or transaction to trace, or says precisely what is wrong.

use super::{Address, AddressError, Chain, Txid, TxidError};

/// What a search-box entry asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// Trace from an address.
    Address(Address),
    /// Trace from a transaction.
    Tx(Txid),
}

/// Why a search-box entry is neither an address nor a transaction id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// Nothing typed.
    #[error("type an address or a transaction id")]
    Empty,
    /// Not an address (and not hex, so not meant as a txid).
    #[error(transparent)]
    Address(#[from] AddressError),
    /// Hex, so meant as a txid, but not a valid one.
    #[error(transparent)]
    Txid(#[from] TxidError),
    /// A txid shortened for display (`c3b9a4a0…4280`), which cannot be looked up.
    #[error("this transaction id is shortened (…): paste all 64 characters")]
    ShortenedTxid,
    /// `0x` and 64 hex digits: an Ethereum-style transaction hash.
    #[error("this looks like an Ethereum transaction hash; a Bitcoin transaction id has 64 hex characters without 0x")]
    EthereumTxHash,
    /// A link with no address or transaction in it.
    #[error("this link does not point to an address or a transaction: {link}")]
    LinkWithoutTarget {
        /// The link as pasted.
        link: String,
    },
}

/// Parses a search-box entry for `chain`: an address, a txid (or `txid:vout`), a `bitcoin:`
/// payment link, or an explorer URL (mempool.space, blockstream.info, blockchair, blockchain.com).
///
/// # Errors
///
/// [`QueryError::Txid`] for hex that is not a whole txid (with its length), else the
/// [`AddressError`] of the address, or a specific error for shortened ids, Ethereum hashes and
/// links without a target.
///
/// ```
/// use spoor::chain::{parse_query, Chain, Query};
/// let query = parse_query(Chain::Btc, "bitcoin:1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w?amount=0.5").unwrap();
/// assert!(matches!(query, Query::Address(_)));
/// let error = parse_query(Chain::Btc, &"a".repeat(63)).unwrap_err();
/// assert_eq!(error.to_string(), "a transaction id has 64 hex characters, this has 63");
/// ```
pub fn parse_query(chain: Chain, input: &str) -> Result<Query, QueryError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(QueryError::Empty);
    }
    if let Some(rest) = strip_scheme(text, scheme(chain)) {
        // BIP-21: `bitcoin:<address>?amount=…&label=…`; some wallets add `//`.
        let target = rest
            .trim_start_matches('/')
            .split(['?', '#'])
            .next()
            .unwrap_or_default();
        if target.is_empty() {
            return Err(QueryError::LinkWithoutTarget { link: text.to_string() });
        }
        return Ok(Query::Address(Address::parse(chain, target)?));
    }
    if text.contains('/') {
        return parse_link(chain, text);
    }
    parse_bare(chain, text)
}

/// Parses an address or txid with no link around it.
fn parse_bare(chain: Chain, text: &str) -> Result<Query, QueryError> {
    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        if hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(QueryError::EthereumTxHash);
        }
    }
    if is_shortened_txid(text) {
        return Err(QueryError::ShortenedTxid);
    }
    // An outpoint `txid:vout` (as explorers print inputs) means its transaction.
    let txid_text = match text.split_once(':') {
        Some((txid, vout)) if txid.len() == 64 && !vout.is_empty() && vout.chars().all(|c| c.is_ascii_digit()) => txid,
        _ => text,
    };
    if txid_text.chars().all(|c| c.is_ascii_hexdigit()) {
        if txid_text.len() == 64 {
            return Ok(Query::Tx(Txid::parse(txid_text)?));
        }
        // A Base58 address can, very rarely, be all hex digits; only then is hex not a txid.
        return match Address::parse(chain, text) {
            Ok(address) => Ok(Query::Address(address)),
            Err(_) => Err(QueryError::Txid(TxidError::Length(txid_text.chars().count()))),
        };
    }
    match Address::parse(chain, text) {
        Ok(address) => Ok(Query::Address(address)),
        // 64 characters with a typo that makes them non-hex were meant as a txid.
        Err(error) => match Txid::parse(txid_text) {
            Err(txid_error) if txid_text.chars().count() == 64 => Err(txid_error.into()),
            _ => Err(error.into()),
        },
    }
}

/// Reads the target out of an explorer URL: the path segment after `address`/`tx` (mempool.space,
/// blockstream.info, blockchair.com), else the last path segment (blockchain.com's `…/btc/<id>`).
fn parse_link(chain: Chain, link: &str) -> Result<Query, QueryError> {
    let without_scheme = link.split_once("://").map_or(link, |(_, rest)| rest);
    let path = without_scheme.split(['?', '#']).next().unwrap_or_default();
    // The first segment is the host.
    let segments: Vec<&str> = path.split('/').skip(1).filter(|segment| !segment.is_empty()).collect();
    // The segment after a marker, skipping network names (blockchain.com: `/addresses/btc/<id>`).
    let after = |markers: &[&str]| {
        let marker_index = segments.iter().position(|segment| markers.contains(segment))?;
        segments
            .iter()
            .skip(marker_index + 1)
            .find(|segment| !is_network_name(chain, segment))
            .copied()
    };
    if let Some(address) = after(&["address", "addresses"]) {
        return Ok(Query::Address(Address::parse(chain, address)?));
    }
    if let Some(txid) = after(&["tx", "transaction", "transactions"]) {
        return Ok(Query::Tx(Txid::parse(txid)?));
    }
    match segments.last() {
        Some(last) => parse_bare(chain, last),
        None => Err(QueryError::LinkWithoutTarget { link: link.to_string() }),
    }
}

/// Whether a URL path segment names `chain`'s network rather than an address or transaction.
fn is_network_name(chain: Chain, segment: &str) -> bool {
    segment.eq_ignore_ascii_case(chain.code()) || segment.eq_ignore_ascii_case(scheme(chain)) || segment == "mainnet"
}

/// The BIP-21 URI scheme of `chain`.
fn scheme(chain: Chain) -> &'static str {
    match chain {
        Chain::Btc => "bitcoin",
        Chain::Bch => "bitcoincash",
        Chain::Ltc => "litecoin",
        Chain::Doge => "dogecoin",
        Chain::Mona => "monacoin",
    }
}

/// `text` after `scheme:` (any case, QR codes use upper case), if it starts with it.
fn strip_scheme<'a>(text: &'a str, scheme: &str) -> Option<&'a str> {
    let (head, rest) = text.split_once(':')?;
    head.eq_ignore_ascii_case(scheme).then_some(rest)
}

/// `c3b9a4a0…4280` or `c3b9a4a0...4280`: hex on both sides of an ellipsis.
fn is_shortened_txid(text: &str) -> bool {
    let parts = text.split_once('…').or_else(|| text.split_once("..."));
    parts.is_some_and(|(head, tail)| {
        let hex = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit());
        hex(head) && hex(tail)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortened_txids_need_hex_on_both_sides_of_the_ellipsis() {
        assert!(is_shortened_txid("c3b9a4a0…4280"));
        assert!(is_shortened_txid("C3B9A4A0...4280"));
        assert!(!is_shortened_txid("c3b9a4a0…"));
        assert!(!is_shortened_txid("wait…what"));
    }

    #[test]
    fn scheme_is_matched_in_any_case_and_only_before_the_colon() {
        assert_eq!(strip_scheme("BITCOIN:bc1q", "bitcoin"), Some("bc1q"));
        assert_eq!(strip_scheme("bitcoincash:qq", "bitcoin"), None);
        assert_eq!(strip_scheme("bc1q", "bitcoin"), None);
    }
}
