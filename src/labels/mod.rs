//! Entity labels: who controls an address, according to whom. Every tag keeps its provenance
//! (entity, category, source link, dataset); an address with several tags keeps all of them.
//!
//! Two inputs: CSV files with the schema `chain,address,entity,category,source_url` (the shared
//! label data, `spoor simulate` output, a reader's own labels), and per-chain bundles
//! ([`bundle`]: the bundled label data, compact and sorted for lookup, loaded per chain).

pub mod book;
pub mod bundle;
pub(crate) mod csv;
pub mod user;

use std::fmt;

pub use book::LabelBook;
pub use bundle::{Dataset, LabelIndex};

/// What kind of entity a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Exchange,
    Mixer,
    Sanctioned,
    Theft,
    Ransomware,
    Darknet,
    Gambling,
    Service,
    Other,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 9] = [
        Category::Exchange,
        Category::Mixer,
        Category::Sanctioned,
        Category::Theft,
        Category::Ransomware,
        Category::Darknet,
        Category::Gambling,
        Category::Service,
        Category::Other,
    ];

    /// The CSV spelling (`exchange`, `mixer`, …).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Category::Exchange => "exchange",
            Category::Mixer => "mixer",
            Category::Sanctioned => "sanctioned",
            Category::Theft => "theft",
            Category::Ransomware => "ransomware",
            Category::Darknet => "darknet",
            Category::Gambling => "gambling",
            Category::Service => "service",
            Category::Other => "other",
        }
    }

    /// Parses the CSV spelling (case-insensitive).
    #[must_use]
    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code.trim()))
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One label (tag) of one address.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Label {
    pub entity: String,
    pub category: Category,
    /// Where the claim comes from (a URL, or `urn:spoor:simulate?…` for synthetic data).
    pub source_url: String,
    /// Which dataset the tag is from: a bundled dataset's name (`ofac_sdn`,
    /// `graphsense_tagpacks`, …; see [`LabelBook::dataset`]) or a label file's name.
    #[serde(default)]
    pub dataset: String,
}

/// Why a label file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LabelError {
    /// The first line is not the expected header.
    #[error("{origin}: the first line must be `chain,address,entity,category,source_url`, found {found:?}")]
    BadHeader { origin: String, found: String },
}

/// A row that was skipped, with the reason (the rest of the file is still used).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin} line {line}: {reason}")]
pub struct LabelWarning {
    pub origin: String,
    pub line: usize,
    pub kind: LabelWarningKind,
    pub reason: String,
}

/// Why a row was skipped: only `UnsupportedChain` is expected in good files (they mix chains).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelWarningKind {
    /// The row is for a chain Spoor does not trace yet.
    UnsupportedChain,
    /// The category is not one of the schema's.
    UnknownCategory,
    /// Wrong number of fields, or an empty address or entity.
    Malformed,
}
