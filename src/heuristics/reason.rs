//! Which heuristic said what, and where the rule comes from.

use std::fmt;

use super::sentence::Sentence;
use crate::i18n::Lang;

/// Esplora's privacy analysis, the source of the two-output change rules.
const ESPLORA: &str = "Blockstream Esplora, privacy-analysis.js: \
https://github.com/Blockstream/esplora/blob/master/client/src/lib/privacy-analysis.js";

/// A heuristic Spoor applies; each has a display name and a citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum HeuristicId {
    /// An output pays an address that also funded an input.
    AddressReuse,
    /// The outputs' script types differ and only one of them appears among the inputs.
    ScriptTypeMismatch,
    /// One output is a much rounder number than the other: the round one is the payment.
    RoundPayment,
    /// Unnecessary-input heuristic 1: the smaller output is change.
    OptimalChange,
    /// Unnecessary-input heuristic 2: an input was not needed for either output ("exotic").
    ExoticUih2,
    /// The only output whose address appears for the first time is change.
    FirstAppearance,
    /// One output is at least 100 times the other: the larger is change.
    ValueDisparity,
    /// BlockSci's `isCoinjoin` shape.
    CoinJoinBlockSci,
    /// A Whirlpool mix: five or more equal outputs at a pool denomination.
    Whirlpool,
    /// A WabiSabi (Wasabi 2) round: many inputs and outputs, a repeated value.
    WabiSabi,
    /// Esplora's "CoinJoin-like" equal-output rule.
    CoinJoinEqualOutputs,
    /// A run of one-input, two-output transactions peeling off payments.
    PeelChain,
    /// Addresses spent together in one transaction share an owner.
    CommonInputOwnership,
}

impl HeuristicId {
    /// Every heuristic, in display order.
    pub const ALL: [HeuristicId; 13] = [
        HeuristicId::AddressReuse,
        HeuristicId::ScriptTypeMismatch,
        HeuristicId::RoundPayment,
        HeuristicId::OptimalChange,
        HeuristicId::ExoticUih2,
        HeuristicId::FirstAppearance,
        HeuristicId::ValueDisparity,
        HeuristicId::CoinJoinBlockSci,
        HeuristicId::Whirlpool,
        HeuristicId::WabiSabi,
        HeuristicId::CoinJoinEqualOutputs,
        HeuristicId::PeelChain,
        HeuristicId::CommonInputOwnership,
    ];

    /// A short name for people.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            HeuristicId::AddressReuse => "address reuse",
            HeuristicId::ScriptTypeMismatch => "script-type mismatch",
            HeuristicId::RoundPayment => "round payment",
            HeuristicId::OptimalChange => "optimal change (UIH1)",
            HeuristicId::ExoticUih2 => "unnecessary input (UIH2)",
            HeuristicId::FirstAppearance => "first appearance",
            HeuristicId::ValueDisparity => "value disparity",
            HeuristicId::CoinJoinBlockSci => "CoinJoin (BlockSci)",
            HeuristicId::Whirlpool => "Whirlpool CoinJoin",
            HeuristicId::WabiSabi => "WabiSabi CoinJoin",
            HeuristicId::CoinJoinEqualOutputs => "CoinJoin-like equal outputs",
            HeuristicId::PeelChain => "peel chain",
            HeuristicId::CommonInputOwnership => "common-input ownership",
        }
    }

    /// A short citation with a URL, for the hover text.
    #[must_use]
    pub fn source(self) -> &'static str {
        match self {
            HeuristicId::AddressReuse
            | HeuristicId::ScriptTypeMismatch
            | HeuristicId::RoundPayment
            | HeuristicId::OptimalChange
            | HeuristicId::ExoticUih2
            | HeuristicId::CoinJoinEqualOutputs => ESPLORA,
            HeuristicId::FirstAppearance => {
                "Meiklejohn et al. 2013, change heuristic H2 (CACM 2016 reprint): \
https://mags.acm.org/communications/april_2016/?pg=92"
            }
            HeuristicId::ValueDisparity | HeuristicId::Whirlpool | HeuristicId::WabiSabi => {
                "am-i.exposed privacy engine (docs/privacy-engine.md): https://github.com/Copexit/am-i-exposed"
            }
            HeuristicId::CoinJoinBlockSci => {
                "BlockSci isCoinjoin (src/heuristics/tx_identification.cpp): https://github.com/citp/BlockSci"
            }
            HeuristicId::PeelChain => {
                "BlockSci isPeelingChain (src/heuristics/change_address.cpp): https://github.com/citp/BlockSci; \
am-i.exposed: https://github.com/Copexit/am-i-exposed"
            }
            HeuristicId::CommonInputOwnership => {
                "Meiklejohn et al. 2013, heuristic H1, with the CoinJoin exception: \
https://bitcoin.stackexchange.com/questions/49402"
            }
        }
    }
}

impl fmt::Display for HeuristicId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One sentence for a reader, tagged with the heuristic that produced it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Reason {
    /// The heuristic behind the sentence.
    pub heuristic: HeuristicId,
    /// The sentence in English, e.g. "Output 1 pays an address that also funded an input (address
    /// reuse)."; amounts carry a `{unit}` for the chain's ticker (see [`Reason::text_in`]).
    pub text: String,
    /// The sentence's facts, to write it in another language ([`Reason::text_for`]).
    pub sentence: Sentence,
}

/// Where a sentence names the coin's unit; [`Reason::text_in`] puts the ticker there.
pub(crate) const UNIT: &str = "{unit}";

impl Reason {
    /// The sentence with amounts in `chain`'s unit ("0.01 BCH").
    #[must_use]
    pub fn text_in(&self, chain: crate::chain::Chain) -> String {
        self.text.replace(UNIT, chain.ticker())
    }

    /// The sentence in `lang`, amounts in `chain`'s unit written the language's way
    /// (`Lang::En` gives [`Reason::text_in`]'s text).
    #[must_use]
    pub fn text_for(&self, chain: crate::chain::Chain, lang: Lang) -> String {
        self.sentence
            .render(lang, &|value| crate::i18n::coins(lang, value, chain))
    }

    /// A reason from a heuristic and what it found.
    #[must_use]
    pub fn new(heuristic: HeuristicId, sentence: Sentence) -> Reason {
        Reason {
            heuristic,
            text: sentence.render(Lang::En, &super::shape::amount),
            sentence,
        }
    }

    /// The citation of the heuristic behind this reason.
    #[must_use]
    pub fn source(&self) -> &'static str {
        self.heuristic.source()
    }
}
