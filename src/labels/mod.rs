//! Entity labels: who controls an address, according to whom. Read from CSV files with the schema
//! `chain,address,entity,category,source_url` (the project's label data and `spoor simulate` output).

mod csv;

use std::collections::BTreeMap;
use std::fmt;

use crate::chain::Chain;

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

/// One label of one address.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Label {
    pub entity: String,
    pub category: Category,
    /// Where the claim comes from (a URL, or `urn:spoor:simulate?…` for synthetic data).
    pub source_url: String,
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

/// All labels known to a page or a CLI run, indexed by chain and address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelBook {
    by_address: BTreeMap<(Chain, String), Vec<Label>>,
}

const HEADER: [&str; 5] = ["chain", "address", "entity", "category", "source_url"];

impl LabelBook {
    /// An empty book.
    #[must_use]
    pub fn new() -> LabelBook {
        LabelBook::default()
    }

    /// Reads one CSV file. Rows for chains Spoor does not know yet, unknown categories and
    /// malformed rows are skipped with a warning; a wrong header is an error.
    ///
    /// ```
    /// use spoor::labels::{Category, LabelBook};
    /// use spoor::chain::Chain;
    /// let csv = "chain,address,entity,category,source_url\nbtc,1NDyJtNTjmwk5xPNhjgAMu4HDHigtobu1s,Binance,exchange,https://example.org\n";
    /// let (book, warnings) = LabelBook::from_csv(csv, "labels.csv").unwrap();
    /// assert!(warnings.is_empty());
    /// assert_eq!(book.labels_of(Chain::Btc, "1NDyJtNTjmwk5xPNhjgAMu4HDHigtobu1s")[0].category, Category::Exchange);
    /// ```
    pub fn from_csv(text: &str, origin: &str) -> Result<(LabelBook, Vec<LabelWarning>), LabelError> {
        let mut rows = csv::records(text);
        let header = rows.next().map(|(_, fields)| fields).unwrap_or_default();
        let header_ok = header.len() == HEADER.len()
            && header
                .iter()
                .zip(HEADER)
                .all(|(found, want)| found.trim().eq_ignore_ascii_case(want));
        if !header_ok {
            return Err(LabelError::BadHeader {
                origin: origin.to_string(),
                found: header.join(","),
            });
        }
        let mut book = LabelBook::new();
        let mut warnings = Vec::new();
        let warn = |line: usize, kind: LabelWarningKind, reason: String| LabelWarning {
            origin: origin.to_string(),
            line,
            kind,
            reason,
        };
        for (line, fields) in rows {
            let [chain, address, entity, category, source_url] = fields.as_slice() else {
                warnings.push(warn(
                    line,
                    LabelWarningKind::Malformed,
                    format!("expected 5 fields, found {}", fields.len()),
                ));
                continue;
            };
            let Some(chain) = Chain::from_code(chain) else {
                warnings.push(warn(
                    line,
                    LabelWarningKind::UnsupportedChain,
                    format!("chain {chain:?} is not supported yet"),
                ));
                continue;
            };
            let Some(category) = Category::from_code(category) else {
                warnings.push(warn(
                    line,
                    LabelWarningKind::UnknownCategory,
                    format!("unknown category {category:?}"),
                ));
                continue;
            };
            if address.trim().is_empty() || entity.trim().is_empty() {
                warnings.push(warn(
                    line,
                    LabelWarningKind::Malformed,
                    "empty address or entity".to_string(),
                ));
                continue;
            }
            book.insert(
                chain,
                address,
                Label {
                    entity: entity.trim().to_string(),
                    category,
                    source_url: source_url.trim().to_string(),
                },
            );
        }
        Ok((book, warnings))
    }

    /// Adds a label (duplicates of an existing label for the address are ignored).
    pub fn insert(&mut self, chain: Chain, address: &str, label: Label) {
        let labels = self.by_address.entry((chain, normalise(chain, address))).or_default();
        if !labels.contains(&label) {
            labels.push(label);
        }
    }

    /// Adds every label of `other`.
    pub fn merge(&mut self, other: LabelBook) {
        for ((chain, address), labels) in other.by_address {
            for label in labels {
                self.insert(chain, &address, label);
            }
        }
    }

    /// The labels of an address, in file order (empty if none).
    #[must_use]
    pub fn labels_of(&self, chain: Chain, address: &str) -> &[Label] {
        self.by_address
            .get(&(chain, normalise(chain, address)))
            .map_or(&[], Vec::as_slice)
    }

    /// The first label of the address whose category is one of `categories`.
    #[must_use]
    pub fn first_in(&self, chain: Chain, address: &str, categories: &[Category]) -> Option<&Label> {
        self.labels_of(chain, address)
            .iter()
            .find(|l| categories.contains(&l.category))
    }

    /// Number of labelled addresses.
    #[must_use]
    pub fn address_count(&self) -> usize {
        self.by_address.len()
    }
}

/// The chain's canonical form of a valid address (bech32 lower-case, Bitcoin Cash as cashaddr
/// without prefix whatever form the file used); other text as it is, except that bech32-looking
/// text is lower-cased (base58 case is significant).
fn normalise(chain: Chain, address: &str) -> String {
    let address = address.trim();
    if let Ok(valid) = crate::chain::Address::parse(chain, address) {
        return valid.as_str().to_string();
    }
    let lower = address.to_ascii_lowercase();
    if lower.starts_with("bc1") || lower.starts_with("tb1") {
        lower
    } else {
        address.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "chain,address,entity,category,source_url\n";

    #[test]
    fn a_bitcoin_cash_label_is_found_by_any_form_of_its_address() {
        let text = format!("{HEAD}bch,bitcoincash:qrn0jwaq3at5hhxsne8gmg5uemudl57r05pdzu2nyd,Zaif thief,theft,u\n");
        let (book, warnings) = LabelBook::from_csv(&text, "t.csv").unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        for form in [
            "qrn0jwaq3at5hhxsne8gmg5uemudl57r05pdzu2nyd",
            "bitcoincash:qrn0jwaq3at5hhxsne8gmg5uemudl57r05pdzu2nyd",
            "1N4Gz8QqVs3yXfKos46G8JJwW8Mpcb41YJ",
        ] {
            assert_eq!(book.labels_of(Chain::Bch, form).len(), 1, "{form}");
        }
        assert!(book
            .labels_of(Chain::Btc, "1N4Gz8QqVs3yXfKos46G8JJwW8Mpcb41YJ")
            .is_empty());
    }

    #[test]
    fn skips_unknown_chains_and_categories_with_warnings() {
        let text = format!(
            "{HEAD}eth,0x52908400098527886e0f7030069857d2e4169ee7,X,exchange,u\nbtc,1A,Y,casino,u\nbtc,1B,\"Z, Inc\",mixer,u\nbtc,1C\n"
        );
        let (book, warnings) = LabelBook::from_csv(&text, "t.csv").unwrap();
        assert_eq!(book.address_count(), 1);
        assert_eq!(book.labels_of(Chain::Btc, "1B")[0].entity, "Z, Inc");
        let lines: Vec<usize> = warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, vec![2, 3, 5]);
        assert!(warnings[1].to_string().contains("unknown category \"casino\""));
        let kinds: Vec<LabelWarningKind> = warnings.iter().map(|w| w.kind).collect();
        assert_eq!(
            kinds,
            vec![
                LabelWarningKind::UnsupportedChain,
                LabelWarningKind::UnknownCategory,
                LabelWarningKind::Malformed
            ]
        );
    }

    #[test]
    fn wrong_header_is_an_error_naming_the_file() {
        let err = LabelBook::from_csv("address,entity\n", "bad.csv").unwrap_err();
        assert!(err.to_string().starts_with("bad.csv: the first line"));
    }

    #[test]
    fn bech32_lookups_ignore_case_base58_lookups_do_not() {
        let mut book = LabelBook::new();
        let label = Label {
            entity: "E".into(),
            category: Category::Service,
            source_url: String::new(),
        };
        book.insert(Chain::Btc, "BC1QXY", label.clone());
        book.insert(Chain::Btc, "1Abc", label);
        assert_eq!(book.labels_of(Chain::Btc, "bc1qxy").len(), 1);
        assert!(book.labels_of(Chain::Btc, "1abc").is_empty());
    }

    #[test]
    fn first_in_picks_a_label_of_the_wanted_categories() {
        let text = format!("{HEAD}btc,1A,Hack,theft,u\nbtc,1A,Ex,exchange,u\n");
        let (book, _) = LabelBook::from_csv(&text, "t").unwrap();
        assert_eq!(
            book.first_in(Chain::Btc, "1A", &[Category::Exchange]).unwrap().entity,
            "Ex"
        );
        assert!(book.first_in(Chain::Btc, "1A", &[Category::Mixer]).is_none());
    }
}
