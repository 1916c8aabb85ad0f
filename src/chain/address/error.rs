//! Why a string is not an address: one variant per mistake people actually make, each with a
//! message a non-specialist can act on.

use crate::chain::Chain;

use super::params;

/// Why a string is not an address of the chain asked for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// Nothing but white space.
    #[error("the address is empty")]
    Empty,
    /// A space, tab or line break inside the text (often a copy split over two lines).
    #[error("the address contains a space or line break in the middle: copy it again in one piece")]
    ContainsWhitespace,
    /// A payment link (`bitcoin:…`) rather than the bare address.
    #[error("this is a payment link ({scheme}:…): paste only the address that follows \"{scheme}:\"")]
    PaymentLink {
        /// The link's scheme, e.g. `bitcoin`.
        scheme: String,
    },
    /// A character outside the Base58 alphabet of legacy addresses (1…, 3…, L…, D…, M…).
    #[error(
        "character {position} is {character:?}, which never appears in legacy addresses such as 1…, 3…, L…, D… or M… \
         (they leave out 0, O, I and l because those look alike)"
    )]
    NotBase58 {
        /// The offending character.
        character: char,
        /// Its 1-based position in the trimmed input.
        position: usize,
    },
    /// A character outside the bech32 alphabet (segwit bc1…/ltc1…/mona1…, Bitcoin Cash q…/p…).
    #[error(
        "character {position} is {character:?}, which never appears in addresses like bc1…, ltc1… or Bitcoin Cash's q… \
         (after the prefix they use only a-z and 0-9, without 1, b, i and o)"
    )]
    NotBech32 {
        /// The offending character.
        character: char,
        /// Its 1-based position in the trimmed input.
        position: usize,
    },
    /// Upper- and lower-case letters mixed in a bech32 or cashaddr address.
    #[error(
        "the address mixes upper- and lower-case letters; addresses like bc1… or Bitcoin Cash's q… are written all in one case"
    )]
    MixedCase,
    /// The checksum built into every address does not match: a character is mistyped.
    #[error("checksum does not match: a character is mistyped, missing or extra; copy the address again")]
    ChecksumMismatch,
    /// A legacy address that is too short or too long to be complete.
    #[error("the address is {chars} characters long, but legacy addresses (1…, 3…, L…, D…, M…) have 26 to 34: part of it is missing or extra")]
    Base58Length {
        /// Characters in the trimmed input.
        chars: usize,
    },
    /// A bc1 address whose length does not fit its version.
    #[error("the address is {chars} characters long, but addresses starting with {prefix} have {expected}: part of it is missing or extra")]
    Bech32Length {
        /// Characters in the trimmed input.
        chars: usize,
        /// The prefix that fixes the length, e.g. `bc1q`.
        prefix: String,
        /// The allowed lengths in words, e.g. `42 or 62`.
        expected: String,
    },
    /// A well-formed Base58 code of a size no address has.
    #[error("this decodes to {bytes} bytes, but an address holds 21: it is not an address")]
    Base58PayloadLength {
        /// Bytes after removing the checksum.
        bytes: usize,
    },
    /// A well-formed 21-byte Base58 code with a version byte no known network uses.
    #[error("this is not a {} address: its version byte {version:#04x} belongs to no known network", .chain.name())]
    UnknownVersion {
        /// The chain asked for.
        chain: Chain,
        /// The first decoded byte.
        version: u8,
    },
    /// A valid address of another network (or another coin) than the one asked for.
    #[error("not a {} address: it looks like {} {network} address", .chain.name(), article(.network))]
    OtherNetwork {
        /// The chain asked for.
        chain: Chain,
        /// The network it looks like, e.g. `Litecoin`, `Bitcoin testnet`.
        network: &'static str,
    },
    /// A private key in wallet import format: not an address, and secret.
    #[error("this is a private key, not an address: keep it secret and never paste it into websites")]
    PrivateKey,
    /// An extended public key (xpub, ypub, zpub…) describing a whole wallet.
    #[error("this is an extended public key (xpub) of a whole wallet, not a single address")]
    ExtendedPublicKey,
    /// An extended private key (xprv…): secret.
    #[error(
        "this is an extended private key (xprv) of a whole wallet: keep it secret and never paste it into websites"
    )]
    ExtendedPrivateKey,
    /// A bech32-style prefix that belongs to no known network.
    #[error("the address starts with \"{prefix}\", but {} addresses start with {}", .chain.name(), params(*.chain).prefixes)]
    UnknownPrefix {
        /// The chain asked for.
        chain: Chain,
        /// The prefix including the `1` separator.
        prefix: String,
    },
    /// Nothing between the bc1 prefix and the checksum.
    #[error("the address is cut off: there is nothing after its prefix")]
    Truncated,
    /// Longer than the 90 characters any bc1 address can have.
    #[error("the address is {chars} characters long, more than the 90 an address starting with bc1 can have")]
    Bech32TooLong {
        /// Characters in the trimmed input.
        chars: usize,
    },
    /// A witness version above 16 (the character after bc1 is wrong).
    #[error("the address uses witness version {version}, which does not exist (the highest is 16): the character after bc1 is wrong")]
    WitnessVersion {
        /// The decoded version (17 to 31).
        version: u8,
    },
    /// A version-0 address (bc1q…) carrying the newer bech32m checksum.
    #[error("an address starting with bc1q must use the original bech32 checksum, but this one uses the newer bech32m: it was made by faulty software")]
    Bech32Required,
    /// A version-1+ address (bc1p…) carrying the older bech32 checksum.
    #[error(
        "an address of witness version {version} (like bc1p…) must use the bech32m checksum, but this one uses the older bech32: \
         it was made by outdated or faulty software"
    )]
    Bech32mRequired {
        /// The witness version (1 to 16).
        version: u8,
    },
    /// Leftover bits at the end of the data: corrupted or badly made.
    #[error("the address ends with invalid padding bits: it is corrupted or was made by faulty software")]
    Padding,
    /// A cashaddr (Bitcoin Cash) of the wrong length.
    #[error("the address is {chars} characters long after its prefix, but Bitcoin Cash addresses (q…, p…) have 42: part of it is missing or extra")]
    CashaddrLength {
        /// Characters after the `bitcoincash:` prefix.
        chars: usize,
    },
    /// A cashaddr whose version byte is not a 20-byte key or script hash.
    #[error("this Bitcoin Cash address has version byte {version}, which is not a key or script hash address Spoor can follow")]
    CashaddrVersion {
        /// The decoded version byte.
        version: u8,
    },
    /// A version-0 program that is neither 20 (key hash) nor 32 (script hash) bytes.
    #[error("an address starting with bc1q holds 20 or 32 bytes, this one holds {bytes}")]
    V0ProgramLength {
        /// Decoded program bytes.
        bytes: usize,
    },
    /// A witness program outside 2 to 40 bytes.
    #[error("a bc1 address holds between 2 and 40 bytes, this one holds {bytes}")]
    ProgramLength {
        /// Decoded program bytes.
        bytes: usize,
    },
}

/// "a" or "an" before a network name, so messages read naturally ("an Ethereum address").
fn article(network: &str) -> &'static str {
    match network.chars().next() {
        Some('A' | 'E' | 'I' | 'O' | 'U') => "an",
        _ => "a",
    }
}
