//! The labels a page or a CLI run knows: label files and user labels in a map, bundled datasets
//! as per-chain indexes, all looked up through one call that returns every tag of an address.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::bundle::{Dataset, LabelIndex};
use super::{csv, Category, Label, LabelError, LabelWarning, LabelWarningKind};
use crate::chain::Chain;

/// All labels known to a page or a CLI run, indexed by chain and address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelBook {
    by_address: BTreeMap<(Chain, String), Vec<Label>>,
    bundles: BTreeMap<Chain, Bundle>,
}

/// A loaded bundle. Compared by identity: a bundle never changes once read, and comparing
/// a hundred thousand addresses on every re-render would be waste.
#[derive(Debug, Clone)]
struct Bundle(Arc<LabelIndex>);

impl PartialEq for Bundle {
    fn eq(&self, other: &Bundle) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Bundle {}

/// One row of a label CSV, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelRow {
    pub chain: Chain,
    /// As the file wrote it (looked up in its chain's canonical form).
    pub address: String,
    pub label: Label,
}

const HEADER: [&str; 5] = ["chain", "address", "entity", "category", "source_url"];

/// Reads the rows of a label CSV. Rows for chains Spoor does not know, unknown categories and
/// malformed rows are skipped with a warning; a wrong header is an error. Each label's dataset is
/// the file's name without extension (`labels/ofac_sdn.csv` → `ofac_sdn`).
///
/// # Errors
/// [`LabelError::BadHeader`] if the first line is not the schema's header.
pub fn read_csv(text: &str, origin: &str) -> Result<(Vec<LabelRow>, Vec<LabelWarning>), LabelError> {
    let mut records = csv::records(text);
    let header = records.next().map(|(_, fields)| fields).unwrap_or_default();
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
    let dataset = dataset_name_of(origin);
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    let warn = |line: usize, kind: LabelWarningKind, reason: String| LabelWarning {
        origin: origin.to_string(),
        line,
        kind,
        reason,
    };
    for (line, fields) in records {
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
        rows.push(LabelRow {
            chain,
            address: address.trim().to_string(),
            label: Label {
                entity: entity.trim().to_string(),
                category,
                source_url: source_url.trim().to_string(),
                dataset: dataset.clone(),
            },
        });
    }
    Ok((rows, warnings))
}

/// A label file's dataset name: its file name without directories and extension.
#[must_use]
pub fn dataset_name_of(origin: &str) -> String {
    let file = origin.rsplit(['/', '\\']).next().unwrap_or(origin);
    let file = file.split(['?', '#']).next().unwrap_or(file);
    file.strip_suffix(".csv").unwrap_or(file).to_string()
}

impl LabelBook {
    /// An empty book.
    #[must_use]
    pub fn new() -> LabelBook {
        LabelBook::default()
    }

    /// Reads one CSV file (see [`read_csv`]).
    ///
    /// ```
    /// use spoor::labels::{Category, LabelBook};
    /// use spoor::chain::Chain;
    /// let csv = "chain,address,entity,category,source_url\nbtc,1NDyJtNTjmwk5xPNhjgAMu4HDHigtobu1s,Binance,exchange,https://example.org\n";
    /// let (book, warnings) = LabelBook::from_csv(csv, "labels.csv").unwrap();
    /// assert!(warnings.is_empty());
    /// let tags = book.labels_of(Chain::Btc, "1NDyJtNTjmwk5xPNhjgAMu4HDHigtobu1s");
    /// assert_eq!((tags[0].category, tags[0].dataset.as_str()), (Category::Exchange, "labels"));
    /// ```
    ///
    /// # Errors
    /// [`LabelError::BadHeader`] if the first line is not the schema's header.
    pub fn from_csv(text: &str, origin: &str) -> Result<(LabelBook, Vec<LabelWarning>), LabelError> {
        let (rows, warnings) = read_csv(text, origin)?;
        let mut book = LabelBook::new();
        for row in rows {
            book.insert(row.chain, &row.address, row.label);
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

    /// Adds a chain's bundled labels (replacing an earlier bundle of that chain).
    pub fn add_bundle(&mut self, index: Arc<LabelIndex>) {
        self.bundles.insert(index.chain(), Bundle(index));
    }

    /// Adds every label and bundle of `other`.
    pub fn merge(&mut self, other: LabelBook) {
        for ((chain, address), labels) in other.by_address {
            for label in labels {
                self.insert(chain, &address, label);
            }
        }
        self.bundles.extend(other.bundles);
    }

    /// Every tag of an address, in any form of it: the bundled ones first (in dataset order),
    /// then those of label files and user labels in the order they were added. Never one "best"
    /// tag: sources that disagree are all shown.
    #[must_use]
    pub fn labels_of(&self, chain: Chain, address: &str) -> Vec<Label> {
        self.labels_of_canonical(chain, &normalise(chain, address))
    }

    /// [`LabelBook::labels_of`] for an address already in its chain's canonical form (as the
    /// flow graph and the explorer decoders keep them): no parsing, only the lookups, which
    /// matters when every node of a large graph is looked up.
    #[must_use]
    pub fn labels_of_canonical(&self, chain: Chain, canonical: &str) -> Vec<Label> {
        let mut labels = self
            .bundles
            .get(&chain)
            .map(|bundle| bundle.0.labels_of(canonical))
            .unwrap_or_default();
        if let Some(more) = self.by_address.get(&(chain, canonical.to_string())) {
            for label in more {
                if !labels.contains(label) {
                    labels.push(label.clone());
                }
            }
        }
        labels
    }

    /// Whether an address in canonical form has any tag (no tag is built).
    #[must_use]
    pub fn is_labelled_canonical(&self, chain: Chain, canonical: &str) -> bool {
        self.bundles.get(&chain).is_some_and(|b| b.0.contains(canonical))
            || self.by_address.contains_key(&(chain, canonical.to_string()))
    }

    /// The first tag of an address (canonical form, as tracing sees them) whose category is one
    /// of `categories`.
    #[must_use]
    pub fn first_in(&self, chain: Chain, address: &str, categories: &[Category]) -> Option<Label> {
        self.labels_of_canonical(chain, address)
            .into_iter()
            .find(|l| categories.contains(&l.category))
    }

    /// A bundled dataset by name (title, link, licence), for showing a tag's provenance.
    #[must_use]
    pub fn dataset(&self, name: &str) -> Option<&Dataset> {
        self.bundles
            .values()
            .flat_map(|bundle| bundle.0.datasets())
            .find(|dataset| dataset.name == name)
    }

    /// Number of addresses labelled by files and user labels (bundles not counted).
    #[must_use]
    pub fn address_count(&self) -> usize {
        self.by_address.len()
    }
}

/// The chain's canonical form of a valid address (bech32 lower-case, Bitcoin Cash as cashaddr
/// without prefix whatever form the file used); other text as it is, except that bech32-looking
/// text is lower-cased (base58 case is significant).
#[must_use]
pub fn normalise(chain: Chain, address: &str) -> String {
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
    use crate::labels::{Category, Label, LabelWarningKind};

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
            dataset: "t".into(),
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

#[cfg(test)]
mod dataset_tests {
    use super::dataset_name_of;

    #[test]
    fn a_files_dataset_is_its_name_without_directories_or_extension() {
        assert_eq!(dataset_name_of("labels/ofac_sdn.csv"), "ofac_sdn");
        assert_eq!(dataset_name_of("C:\\data\\mine.csv"), "mine");
        assert_eq!(dataset_name_of("extra-labels/1-labels.csv?x=1"), "1-labels");
        assert_eq!(dataset_name_of("plain"), "plain");
    }
}
