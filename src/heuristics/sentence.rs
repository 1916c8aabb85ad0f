//! What a heuristic says, kept as its facts (output numbers, amounts, counts) so the sentence
//! can be written in any interface language; the texts are in `locales/heuristics.yml`.

use crate::chain::Sats;
use crate::i18n::Lang;
use crate::tr;

/// One heuristic verdict's facts. [`Sentence::render`] writes it out.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Sentence {
    /// Output `change` pays an address that funded an input; `payment` is the other.
    AddressReuse { change: u32, payment: u32 },
    /// Output `change` has the inputs' script type, `other` does not.
    ScriptTypeMismatch {
        change: u32,
        change_script: String,
        other: u32,
        other_script: String,
    },
    /// Output `payment` is a round amount, `change` is not.
    RoundPayment {
        payment: u32,
        payment_sats: Sats,
        change: u32,
        change_sats: Sats,
    },
    /// Even without the smallest input either output could have been paid (UIH2).
    UnnecessaryInput { smallest_input_sats: Sats },
    /// Without the smallest input only output `small` could have been paid (UIH1).
    OptimalChange { small: u32, large: u32 },
    /// Output `change`'s address is new, `other`'s was used before.
    FirstAppearance { change: u32, other: u32 },
    /// Output `large` is at least 100 times output `small`.
    ValueDisparity {
        large: u32,
        large_sats: Sats,
        small: u32,
        small_sats: Sats,
    },
    /// `equal` of `outputs` outputs are exactly a Whirlpool pool size.
    Whirlpool {
        equal: usize,
        outputs: usize,
        denomination_sats: Sats,
    },
    /// A WabiSabi round: `count` outputs of exactly `value_sats`.
    WabiSabi {
        inputs: usize,
        outputs: usize,
        count: usize,
        value_sats: Sats,
    },
    /// BlockSci's shape: `participants` equal outputs of `value_sats`.
    CoinJoin { participants: u32, value_sats: Sats },
    /// Esplora's rule: `count` of `outputs` outputs have the same value.
    EqualOutputs {
        count: usize,
        outputs: usize,
        value_sats: Sats,
    },
    /// A peel step: `continuing` carries the rest on (because the next step spends it, or
    /// because it is the larger output), `payment` was peeled off.
    PeelStep {
        continuing: u32,
        continuing_sats: Sats,
        next_step_spends: bool,
        payment: u32,
        payment_sats: Sats,
    },
    /// A peel chain of `steps` transactions and `payments` payments.
    PeelChain {
        steps: usize,
        payments: usize,
        total_sats: Sats,
    },
    /// `addresses` addresses spent together (common-input ownership).
    CommonInput { addresses: usize },
}

impl Sentence {
    /// The sentence in `lang`, amounts written by `amount` (which knows the chain's unit).
    #[must_use]
    pub fn render(&self, lang: Lang, amount: &dyn Fn(Sats) -> String) -> String {
        let n = |value: u32| value.to_string();
        let count = |value: usize| value.to_string();
        match self {
            Sentence::AddressReuse { change, payment } => {
                tr!(
                    lang,
                    "heuristics.address_reuse",
                    change = n(*change),
                    payment = n(*payment)
                )
            }
            Sentence::ScriptTypeMismatch {
                change,
                change_script,
                other,
                other_script,
            } => tr!(
                lang,
                "heuristics.script_type_mismatch",
                change = n(*change),
                change_script = change_script,
                other = n(*other),
                other_script = other_script
            ),
            Sentence::RoundPayment {
                payment,
                payment_sats,
                change,
                change_sats,
            } => tr!(
                lang,
                "heuristics.round_payment",
                payment = n(*payment),
                payment_amount = amount(*payment_sats),
                change = n(*change),
                change_amount = amount(*change_sats)
            ),
            Sentence::UnnecessaryInput { smallest_input_sats } => {
                tr!(
                    lang,
                    "heuristics.unnecessary_input",
                    amount = amount(*smallest_input_sats)
                )
            }
            Sentence::OptimalChange { small, large } => {
                tr!(lang, "heuristics.optimal_change", small = n(*small), large = n(*large))
            }
            Sentence::FirstAppearance { change, other } => {
                tr!(
                    lang,
                    "heuristics.first_appearance",
                    change = n(*change),
                    other = n(*other)
                )
            }
            Sentence::ValueDisparity {
                large,
                large_sats,
                small,
                small_sats,
            } => tr!(
                lang,
                "heuristics.value_disparity",
                large = n(*large),
                large_amount = amount(*large_sats),
                small = n(*small),
                small_amount = amount(*small_sats)
            ),
            Sentence::Whirlpool {
                equal,
                outputs,
                denomination_sats,
            } => tr!(
                lang,
                "heuristics.whirlpool",
                equal = count(*equal),
                outputs = count(*outputs),
                amount = amount(*denomination_sats)
            ),
            Sentence::WabiSabi {
                inputs,
                outputs,
                count: equal,
                value_sats,
            } => tr!(
                lang,
                "heuristics.wabisabi",
                inputs = count(*inputs),
                outputs = count(*outputs),
                count = count(*equal),
                amount = amount(*value_sats)
            ),
            Sentence::CoinJoin {
                participants,
                value_sats,
            } => tr!(
                lang,
                "heuristics.coinjoin",
                participants = n(*participants),
                amount = amount(*value_sats)
            ),
            Sentence::EqualOutputs {
                count: equal,
                outputs,
                value_sats,
            } => tr!(
                lang,
                "heuristics.equal_outputs",
                count = count(*equal),
                outputs = count(*outputs),
                amount = amount(*value_sats)
            ),
            Sentence::PeelStep {
                continuing,
                continuing_sats,
                next_step_spends,
                payment,
                payment_sats,
            } => {
                let why = if *next_step_spends {
                    tr!(lang, "heuristics.peel_why_next_step")
                } else {
                    tr!(lang, "heuristics.peel_why_larger")
                };
                tr!(
                    lang,
                    "heuristics.peel_step",
                    continuing = n(*continuing),
                    continuing_amount = amount(*continuing_sats),
                    why = why,
                    payment = n(*payment),
                    payment_amount = amount(*payment_sats)
                )
            }
            Sentence::PeelChain {
                steps,
                payments,
                total_sats,
            } => tr!(
                lang,
                "heuristics.peel_chain",
                steps = count(*steps),
                payments = count(*payments),
                amount = amount(*total_sats)
            ),
            Sentence::CommonInput { addresses } => {
                tr!(lang, "heuristics.common_input", count = count(*addresses))
            }
        }
    }
}
