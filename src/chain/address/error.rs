//! Why a string is not an address: one variant per mistake people actually make, each with a
//! message a non-specialist can act on.

use crate::chain::Chain;
use crate::i18n::Lang;

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

impl AddressError {
    /// What is wrong, in `lang` (the `Display` text is the English one, for the CLI and logs).
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        use crate::tr;
        match self {
            AddressError::Empty => tr!(lang, "address_error.empty"),
            AddressError::ContainsWhitespace => tr!(lang, "address_error.contains_whitespace"),
            AddressError::PaymentLink { scheme } => tr!(lang, "address_error.payment_link", scheme = scheme),
            AddressError::NotBase58 { character, position } => tr!(
                lang,
                "address_error.not_base58",
                position = position.to_string(),
                character = format!("{character:?}")
            ),
            AddressError::NotBech32 { character, position } => tr!(
                lang,
                "address_error.not_bech32",
                position = position.to_string(),
                character = format!("{character:?}")
            ),
            AddressError::MixedCase => tr!(lang, "address_error.mixed_case"),
            AddressError::ChecksumMismatch => tr!(lang, "address_error.checksum_mismatch"),
            AddressError::Base58Length { chars } => {
                tr!(lang, "address_error.base58_length", chars = chars.to_string())
            }
            AddressError::Bech32Length {
                chars,
                prefix,
                expected,
            } => tr!(
                lang,
                "address_error.bech32_length",
                chars = chars.to_string(),
                prefix = prefix,
                // `expected` is written "42 or 62": only the conjunction is a word.
                expected = expected.replace(" or ", &tr!(lang, "address_error.or"))
            ),
            AddressError::Base58PayloadLength { bytes } => {
                tr!(lang, "address_error.base58_payload_length", bytes = bytes.to_string())
            }
            AddressError::UnknownVersion { chain, version } => tr!(
                lang,
                "address_error.unknown_version",
                chain = chain.name(),
                version = format!("{version:#04x}")
            ),
            AddressError::OtherNetwork { chain, network } => match article(network) {
                "an" => tr!(
                    lang,
                    "address_error.other_network_an",
                    chain = chain.name(),
                    network = *network
                ),
                _ => tr!(
                    lang,
                    "address_error.other_network_a",
                    chain = chain.name(),
                    network = *network
                ),
            },
            AddressError::PrivateKey => tr!(lang, "address_error.private_key"),
            AddressError::ExtendedPublicKey => tr!(lang, "address_error.extended_public_key"),
            AddressError::ExtendedPrivateKey => tr!(lang, "address_error.extended_private_key"),
            AddressError::UnknownPrefix { chain, prefix } => tr!(
                lang,
                "address_error.unknown_prefix",
                prefix = prefix,
                chain = chain.name(),
                prefixes = prefixes_in(lang, *chain)
            ),
            AddressError::Truncated => tr!(lang, "address_error.truncated"),
            AddressError::Bech32TooLong { chars } => {
                tr!(lang, "address_error.bech32_too_long", chars = chars.to_string())
            }
            AddressError::WitnessVersion { version } => {
                tr!(lang, "address_error.witness_version", version = version.to_string())
            }
            AddressError::Bech32Required => tr!(lang, "address_error.bech32_required"),
            AddressError::Bech32mRequired { version } => {
                tr!(lang, "address_error.bech32m_required", version = version.to_string())
            }
            AddressError::Padding => tr!(lang, "address_error.padding"),
            AddressError::CashaddrLength { chars } => {
                tr!(lang, "address_error.cashaddr_length", chars = chars.to_string())
            }
            AddressError::CashaddrVersion { version } => {
                tr!(lang, "address_error.cashaddr_version", version = version.to_string())
            }
            AddressError::V0ProgramLength { bytes } => {
                tr!(lang, "address_error.v0_program_length", bytes = bytes.to_string())
            }
            AddressError::ProgramLength { bytes } => {
                tr!(lang, "address_error.program_length", bytes = bytes.to_string())
            }
        }
    }
}

/// How a chain's addresses begin, in `lang` (`params(chain).prefixes` in English).
fn prefixes_in(lang: Lang, chain: Chain) -> String {
    match chain {
        Chain::Btc => crate::tr!(lang, "address_error.prefixes_btc"),
        Chain::Bch => crate::tr!(lang, "address_error.prefixes_bch"),
        Chain::Ltc => crate::tr!(lang, "address_error.prefixes_ltc"),
        Chain::Doge => crate::tr!(lang, "address_error.prefixes_doge"),
        Chain::Mona => crate::tr!(lang, "address_error.prefixes_mona"),
    }
}

/// "a" or "an" before a network name, so messages read naturally ("an Ethereum address").
fn article(network: &str) -> &'static str {
    match network.chars().next() {
        Some('A' | 'E' | 'I' | 'O' | 'U') => "an",
        _ => "a",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_messages_are_the_display_texts() {
        let errors = [
            AddressError::Empty,
            AddressError::PaymentLink {
                scheme: "bitcoin".into(),
            },
            AddressError::NotBase58 {
                character: '0',
                position: 7,
            },
            AddressError::Bech32Length {
                chars: 41,
                prefix: "bc1q".into(),
                expected: "42 or 62".into(),
            },
            AddressError::UnknownVersion {
                chain: Chain::Btc,
                version: 0x1c,
            },
            AddressError::OtherNetwork {
                chain: Chain::Btc,
                network: "Ethereum",
            },
            AddressError::OtherNetwork {
                chain: Chain::Btc,
                network: "Litecoin",
            },
        ];
        for error in errors {
            assert_eq!(error.message(Lang::En), error.to_string());
        }
        for chain in Chain::ALL {
            let error = AddressError::UnknownPrefix {
                chain,
                prefix: "xy1".into(),
            };
            assert_eq!(error.message(Lang::En), error.to_string());
        }
    }

    #[test]
    fn other_languages_keep_the_numbers() {
        let error = AddressError::Base58Length { chars: 23 };
        for lang in [Lang::De, Lang::Zh, Lang::Ja] {
            let text = error.message(lang);
            assert_ne!(text, error.to_string());
            assert!(text.contains("23") && text.contains("26"), "{text}");
        }
        let length = AddressError::Bech32Length {
            chars: 41,
            prefix: "bc1q".into(),
            expected: "42 or 62".into(),
        };
        assert!(length.message(Lang::De).contains("42 oder 62"));
    }
}
