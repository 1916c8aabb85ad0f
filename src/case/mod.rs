//! Snapshots: a case file (versioned JSON) holds every explorer answer a view needs, the view
//! itself, the labels it used and where the data came from. A page opened on one replays it
//! with no explorer request, so a newsroom can host the file next to an embed and any number
//! of readers see exactly what the author saw.
//!
//! The pieces are [`ChainSource`](crate::explorer::ChainSource) wrappers: [`Pinned`] hides
//! the chain above the view's block height, [`Recorder`] copies each answer into a
//! [`CaseBook`], and [`Replay`] answers from a book alone.

mod book;
mod pinned;
mod recorder;
mod replay;

use std::rc::Rc;

pub use book::{CaseBook, RecordedHistory};
pub use pinned::Pinned;
pub use recorder::Recorder;
pub use replay::Replay;

use crate::chain::Chain;
use crate::labels::{Category, Label, LabelBook};
use crate::permalink::{self, PermalinkError, ViewState};

/// The `format` field of every case file.
pub const FORMAT: &str = "spoor-case";
/// The version this build writes (and the newest it reads).
pub const VERSION: u32 = 1;

/// Where a case file's data came from: enough for a reader to check it against the chain.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Provenance {
    /// The explorer the answers came from (its API base URL).
    pub api_base_url: String,
    /// When they were fetched (ISO 8601 UTC, from the shell's clock).
    pub fetched_at: String,
    /// The chain tip when the view was pinned.
    pub tip_height: Option<u32>,
    /// Transactions above this height were left out.
    pub pinned_height: Option<u32>,
    /// The Spoor that wrote the file.
    pub spoor_version: String,
}

/// One label the view used, as in the label CSV files.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LabelRow {
    pub chain: String,
    pub address: String,
    pub entity: String,
    pub category: Category,
    pub source_url: String,
    /// The tag's dataset (absent in case files written before datasets were recorded).
    #[serde(default)]
    pub dataset: String,
}

/// A snapshot of one view. See the module docs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CaseFile {
    pub format: String,
    pub version: u32,
    /// What the view shows, for people (the file name and the embed title default to it).
    pub title: String,
    pub provenance: Provenance,
    /// The view as a permalink (`v1.…`): target, pinned height, trace, layout, expansions, …
    pub view: String,
    /// The labels of the addresses in the answers.
    pub labels: Vec<LabelRow>,
    /// Every explorer answer the view needs.
    pub answers: CaseBook,
}

/// Why a case file cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    #[error("the case file is not JSON ({0})")]
    NotJson(String),
    #[error("this JSON file is not a Spoor case file (its \"format\" is not \"spoor-case\")")]
    NotACase,
    #[error("the case file is version {0}, which this Spoor does not know (it reads up to {VERSION}); a newer Spoor made it")]
    UnknownVersion(u64),
    #[error("the case file is damaged: {0}")]
    Malformed(String),
    #[error("the case file's view cannot be read: {0}")]
    BadView(PermalinkError),
}

impl CaseFile {
    /// A case of `view` over the recorded `answers`, keeping the labels of the addresses in them.
    #[must_use]
    pub fn new(
        title: String,
        view: &ViewState,
        answers: CaseBook,
        labels: &LabelBook,
        provenance: Provenance,
    ) -> CaseFile {
        let chain = view.target.chain();
        let labels = answers
            .addresses()
            .into_iter()
            .flat_map(|address| {
                labels.labels_of(chain, address).into_iter().map(move |label| LabelRow {
                    chain: chain.code().to_string(),
                    address: address.to_string(),
                    entity: label.entity,
                    category: label.category,
                    source_url: label.source_url,
                    dataset: label.dataset,
                })
            })
            .collect();
        CaseFile {
            format: FORMAT.into(),
            version: VERSION,
            title,
            provenance,
            view: permalink::encode(view),
            labels,
            answers,
        }
    }

    /// Pretty JSON (a case file is meant to be read and checked by people too).
    #[must_use]
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail; an empty string would be caught
        // by `from_json` on the way back.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a case file, checking its format and version first so the message says what is wrong.
    ///
    /// # Errors
    /// A [`CaseError`] in words.
    pub fn from_json(text: &str) -> Result<CaseFile, CaseError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| CaseError::NotJson(e.to_string()))?;
        if value.get("format").and_then(serde_json::Value::as_str) != Some(FORMAT) {
            return Err(CaseError::NotACase);
        }
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(version) if version == u64::from(VERSION) => {}
            Some(version) => return Err(CaseError::UnknownVersion(version)),
            None => return Err(CaseError::Malformed("it has no version number".into())),
        }
        let case: CaseFile = serde_json::from_value(value).map_err(|e| CaseError::Malformed(e.to_string()))?;
        case.check()?;
        Ok(case)
    }

    /// Every stored tx under its own txid, every history entry stored, a readable view.
    fn check(&self) -> Result<(), CaseError> {
        if let Some((key, tx)) = self.answers.txs.iter().find(|(key, tx)| **key != tx.txid) {
            return Err(CaseError::Malformed(format!(
                "transaction {} is stored under the id {}",
                tx.txid.short(),
                key.short()
            )));
        }
        for (address, history) in &self.answers.histories {
            if let Some(missing) = history.txids.iter().find(|t| !self.answers.txs.contains_key(*t)) {
                return Err(CaseError::Malformed(format!(
                    "the history of {address} names transaction {}, which the file does not hold",
                    missing.short()
                )));
            }
        }
        self.view_state().map(|_| ())
    }

    /// The view to open.
    ///
    /// # Errors
    /// [`CaseError::BadView`] if the view text is damaged.
    pub fn view_state(&self) -> Result<ViewState, CaseError> {
        permalink::decode(&self.view).map_err(CaseError::BadView)
    }

    /// The labels as a book (rows for chains this Spoor does not know are skipped).
    #[must_use]
    pub fn label_book(&self) -> LabelBook {
        let mut book = LabelBook::new();
        for row in &self.labels {
            if let Some(chain) = Chain::from_code(&row.chain) {
                let label = Label {
                    entity: row.entity.clone(),
                    category: row.category,
                    source_url: row.source_url.clone(),
                    dataset: row.dataset.clone(),
                };
                book.insert(chain, &row.address, label);
            }
        }
        book
    }

    /// A source that answers from this file alone.
    #[must_use]
    pub fn replay(&self) -> Replay {
        Replay::new(Rc::new(self.answers.clone()))
    }
}
