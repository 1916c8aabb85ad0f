//! The reader's own labels and notes, on any node (an address or a transaction). Kept in the
//! browser, exported and imported as CSV in the shared label schema (plus a `note` column, which
//! readers of the five-column schema may ignore), and carried in links and case files when the
//! author chooses.

use std::collections::BTreeMap;

use super::{csv, Category, Label, LabelBook};
use crate::chain::Chain;

/// The dataset name of the reader's own tags.
pub const USER_DATASET: &str = "your labels";
/// The source of the reader's own tags, in exported CSV.
pub const USER_SOURCE: &str = "urn:spoor:user-label";
/// Longest label and note kept (a link carries them).
pub const MAX_LABEL_CHARS: usize = 120;
/// Longest note kept.
pub const MAX_NOTE_CHARS: usize = 500;

/// One label and note the reader put on a node.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct UserLabel {
    pub chain: Chain,
    /// The address (canonical form) or the txid.
    pub key: String,
    /// What the reader calls it (may be empty when there is only a note).
    pub label: String,
    pub category: Category,
    pub note: String,
}

impl UserLabel {
    /// The label with its text trimmed and cut to the kept lengths.
    #[must_use]
    pub fn tidied(mut self) -> UserLabel {
        self.key = self.key.trim().to_string();
        self.label = cut(self.label.trim(), MAX_LABEL_CHARS);
        self.note = cut(self.note.trim(), MAX_NOTE_CHARS);
        self
    }

    /// Whether it says nothing (such a label is removed rather than kept).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.label.is_empty() && self.note.is_empty()
    }
}

/// The first `max_chars` of trimmed `text`, trimmed again: a cut may end in white space, which a
/// second tidy would remove, and tidying must not change a tidy label (export → import, links).
fn cut(text: &str, max_chars: usize) -> String {
    let kept: String = text.chars().take(max_chars).collect();
    kept.trim_end().to_string()
}

/// Every label of the reader, one per node.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserLabels {
    by_node: BTreeMap<(Chain, String), UserLabel>,
}

/// Why an imported file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UserLabelError {
    /// The first line is not the label schema's header.
    #[error("{origin}: the first line must be `chain,address,entity,category,source_url` (and optionally `,note`), found {found:?}")]
    BadHeader { origin: String, found: String },
    /// A row is not usable.
    #[error("{origin} line {line}: {reason}")]
    BadRow {
        origin: String,
        line: usize,
        reason: String,
    },
}

const HEADER: [&str; 6] = ["chain", "address", "entity", "category", "source_url", "note"];

impl UserLabels {
    /// No labels.
    #[must_use]
    pub fn new() -> UserLabels {
        UserLabels::default()
    }

    /// Adds or replaces the label of a node; an empty one removes it.
    pub fn set(&mut self, label: UserLabel) {
        let label = label.tidied();
        let key = (label.chain, label.key.clone());
        if label.is_empty() {
            self.by_node.remove(&key);
        } else {
            self.by_node.insert(key, label);
        }
    }

    /// The label of a node.
    #[must_use]
    pub fn get(&self, chain: Chain, key: &str) -> Option<&UserLabel> {
        self.by_node.get(&(chain, key.to_string()))
    }

    /// Every label, by chain and key.
    pub fn iter(&self) -> impl Iterator<Item = &UserLabel> {
        self.by_node.values()
    }

    /// Number of labelled nodes.
    #[must_use]
    pub fn len(&self) -> usize {
        self.by_node.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.by_node.is_empty()
    }

    /// Adds every label of `other` (its labels win for the same node).
    pub fn merge(&mut self, other: &UserLabels) {
        for label in other.iter() {
            self.set(label.clone());
        }
    }

    /// The address labels as tags of a book (dataset [`USER_DATASET`]), so they show and stop
    /// traces like any other tag. Transaction notes stay out: tags are about addresses.
    pub fn add_to(&self, book: &mut LabelBook) {
        for label in self
            .iter()
            .filter(|l| !l.label.is_empty() && crate::chain::Txid::parse(&l.key).is_err())
        {
            book.insert(
                label.chain,
                &label.key,
                Label {
                    entity: label.label.clone(),
                    category: label.category,
                    source_url: USER_SOURCE.to_string(),
                    dataset: USER_DATASET.to_string(),
                },
            );
        }
    }

    /// CSV in the shared label schema plus `note` (RFC 4180 quoting).
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut out = HEADER.join(",") + "\n";
        for label in self.iter() {
            let fields = [
                label.chain.code(),
                &label.key,
                &label.label,
                label.category.code(),
                USER_SOURCE,
                &label.note,
            ];
            let quoted: Vec<String> = fields.iter().map(|f| csv::field(f)).collect();
            out.push_str(&quoted.join(","));
            out.push('\n');
        }
        out
    }

    /// Reads labels from CSV in the shared schema, with or without the `note` column (any label
    /// file can be imported as the reader's own). Rows of chains Spoor does not know are skipped;
    /// other bad rows are an error naming the line, so nothing is silently lost.
    ///
    /// # Errors
    /// [`UserLabelError`] naming the file and line.
    pub fn from_csv(text: &str, origin: &str) -> Result<UserLabels, UserLabelError> {
        let mut records = csv::records(text.trim_start_matches('\u{feff}'));
        let header = records.next().map(|(_, fields)| fields).unwrap_or_default();
        let names: Vec<String> = header.iter().map(|f| f.trim().to_ascii_lowercase()).collect();
        if !(names == HEADER[..5] || names == HEADER) {
            return Err(UserLabelError::BadHeader {
                origin: origin.to_string(),
                found: header.join(","),
            });
        }
        let mut labels = UserLabels::new();
        for (line, fields) in records {
            let bad = |reason: String| UserLabelError::BadRow {
                origin: origin.to_string(),
                line,
                reason,
            };
            if fields.len() != names.len() {
                return Err(bad(format!("expected {} fields, found {}", names.len(), fields.len())));
            }
            let Some(chain) = Chain::from_code(&fields[0]) else {
                continue;
            };
            let category =
                Category::from_code(&fields[3]).ok_or_else(|| bad(format!("unknown category {:?}", fields[3])))?;
            let key = canonical_key(chain, &fields[1])
                .ok_or_else(|| bad(format!("{:?} is neither an address nor a txid", fields[1])))?;
            labels.set(UserLabel {
                chain,
                key,
                label: fields[2].clone(),
                category,
                note: fields.get(5).cloned().unwrap_or_default(),
            });
        }
        Ok(labels)
    }

    /// For the browser's storage.
    #[must_use]
    pub fn to_json(&self) -> String {
        let list: Vec<&UserLabel> = self.iter().collect();
        serde_json::to_string(&list).unwrap_or_else(|_| "[]".into())
    }

    /// From the browser's storage (unreadable text gives no labels rather than an error: the
    /// page must open whatever is stored).
    #[must_use]
    pub fn from_json(text: &str) -> UserLabels {
        let list: Vec<UserLabel> = serde_json::from_str(text).unwrap_or_default();
        let mut labels = UserLabels::new();
        for label in list {
            labels.set(label);
        }
        labels
    }
}

/// An address in its chain's canonical form, or a txid in lower case.
#[must_use]
pub fn canonical_key(chain: Chain, text: &str) -> Option<String> {
    let text = text.trim();
    if let Ok(address) = crate::chain::Address::parse(chain, text) {
        return Some(address.as_str().to_string());
    }
    crate::chain::Txid::parse(text)
        .ok()
        .map(|txid| txid.as_str().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const THIEF: &str = "1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w";
    const TXID: &str = "c3b9a4a0831a65523c81e6a04f6ddf5a7a89f344d990e8a13e5278efe57f4280";

    fn label(key: &str, text: &str, note: &str) -> UserLabel {
        UserLabel {
            chain: Chain::Btc,
            key: key.into(),
            label: text.into(),
            category: Category::Theft,
            note: note.into(),
        }
    }

    #[test]
    fn csv_round_trip_keeps_labels_notes_and_awkward_text() {
        let mut labels = UserLabels::new();
        labels.set(label(THIEF, "Thief, \"main\"", "first seen\nin the Crystal report"));
        labels.set(label(TXID, "", "the theft: 131 inputs"));
        let text = labels.to_csv();
        assert!(text.starts_with("chain,address,entity,category,source_url,note\n"));
        assert_eq!(UserLabels::from_csv(&text, "mine.csv").unwrap(), labels);
        assert_eq!(UserLabels::from_json(&labels.to_json()), labels);
    }

    #[test]
    fn an_empty_label_removes_and_only_address_labels_become_tags() {
        let mut labels = UserLabels::new();
        labels.set(label(THIEF, "Thief", ""));
        labels.set(label(TXID, "Theft", "note"));
        let mut book = LabelBook::new();
        labels.add_to(&mut book);
        let tags = book.labels_of(Chain::Btc, THIEF);
        assert_eq!(
            (tags[0].entity.as_str(), tags[0].dataset.as_str()),
            ("Thief", USER_DATASET)
        );
        labels.set(label(THIEF, "  ", ""));
        assert_eq!(labels.len(), 1);
        assert!(labels.get(Chain::Btc, THIEF).is_none());
    }

    #[test]
    fn imports_the_five_column_schema_and_names_bad_rows() {
        let text = format!(
            "chain,address,entity,category,source_url\nbtc,{THIEF},Thief,theft,u\neth,0xab,X,exchange,u\nbch,bitcoincash:qrn0jwaq3at5hhxsne8gmg5uemudl57r05pdzu2nyd,BCH thief,theft,u\n"
        );
        let labels = UserLabels::from_csv(&text, "f.csv").unwrap();
        assert_eq!(labels.len(), 2);
        assert!(labels
            .get(Chain::Bch, "qrn0jwaq3at5hhxsne8gmg5uemudl57r05pdzu2nyd")
            .is_some());
        let err = UserLabels::from_csv(
            "chain,address,entity,category,source_url\nbtc,1xyz,A,theft,u\n",
            "f.csv",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("f.csv line 2:"), "{err}");
        assert!(UserLabels::from_csv("a,b\n", "f.csv").is_err());
    }

    #[test]
    fn long_text_is_cut_to_what_a_link_can_carry() {
        let mut labels = UserLabels::new();
        labels.set(label(THIEF, &"x".repeat(1000), &"y".repeat(5000)));
        let kept = labels.get(Chain::Btc, THIEF).unwrap();
        assert_eq!(
            (kept.label.chars().count(), kept.note.chars().count()),
            (MAX_LABEL_CHARS, MAX_NOTE_CHARS)
        );
    }
}
