//! The bundled label data, one compact file per chain, loaded only when a graph of that chain is
//! shown (so the first view carries none of it).
//!
//! A chain's file is DEFLATE over UTF-8 lines, each starting with its kind:
//!
//! ```text
//! spoor-labels<TAB>1<TAB>btc
//! D<TAB>name<TAB>title<TAB>url<TAB>licence        one per dataset, numbered from 0
//! E<TAB>entity                                   one per distinct entity, numbered from 0
//! S<TAB>source url                               one per distinct source, numbered from 0
//! A<TAB>address<TAB>e.category.s.d[ e.category.s.d…]   sorted by address, every tag of it
//! ```
//!
//! Entities and sources are written once and referred to by number (the large sets repeat a few
//! hundred names over tens of thousands of addresses); addresses are in the chain's canonical
//! form and sorted, so a lookup is a binary search. `index.json` beside the files lists them with
//! their sizes ([`Manifest`]).

use std::collections::BTreeMap;

use super::{Category, Label};
use crate::chain::Chain;

const MAGIC: &str = "spoor-labels";
const VERSION: u32 = 1;
/// Largest inflated file accepted (the Bitcoin file is about 4.5 MB).
const MAX_INFLATED_BYTES: usize = 64 << 20;

/// Where a set of tags comes from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Dataset {
    /// Short name, the label file's name (`ofac_sdn`).
    pub name: String,
    /// What it is, for people.
    pub title: String,
    /// Where it was taken from (upstream repository at a commit, or the publisher).
    pub url: String,
    /// Its licence as stated upstream ("none stated" where there is none).
    pub licence: String,
}

/// One chain's bundled tags, decoded and ready for lookups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelIndex {
    chain: Chain,
    datasets: Vec<Dataset>,
    entities: Vec<Box<str>>,
    sources: Vec<Box<str>>,
    /// Canonical addresses, sorted.
    addresses: Vec<Box<str>>,
    /// `tags[first_tag[i]..first_tag[i + 1]]` are the tags of `addresses[i]`.
    first_tag: Vec<u32>,
    tags: Vec<PackedTag>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PackedTag {
    entity: u32,
    source: u32,
    dataset: u32,
    category: Category,
}

/// Why a bundle could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    /// Not DEFLATE data, or larger than any bundle should be.
    #[error("the label bundle is damaged (not compressed label data)")]
    Inflate,
    /// The inflated data is not UTF-8 text.
    #[error("the label bundle is damaged (not text)")]
    NotText,
    /// The first line is not this format's header.
    #[error("not a Spoor label bundle of version {VERSION}: {0:?}")]
    BadHeader(String),
    /// The bundle is of another chain than asked for.
    #[error("the label bundle is for {found}, not {expected}")]
    WrongChain { expected: String, found: String },
    /// A line does not follow the format.
    #[error("label bundle line {line}: {reason}")]
    BadLine { line: usize, reason: String },
}

impl LabelIndex {
    /// Reads a bundle file of `chain`.
    ///
    /// # Errors
    /// A [`BundleError`] naming what is wrong; nothing in a damaged file panics.
    pub fn decode(chain: Chain, bytes: &[u8]) -> Result<LabelIndex, BundleError> {
        let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(bytes, MAX_INFLATED_BYTES)
            .map_err(|_| BundleError::Inflate)?;
        let text = std::str::from_utf8(&inflated).map_err(|_| BundleError::NotText)?;
        let mut lines = text.lines().enumerate().map(|(i, line)| (i + 1, line));
        let header = lines.next().map(|(_, line)| line).unwrap_or_default();
        let mut head = header.split('\t');
        if head.next() != Some(MAGIC) || head.next() != Some(&VERSION.to_string()) {
            return Err(BundleError::BadHeader(header.chars().take(40).collect()));
        }
        let found = head.next().unwrap_or_default();
        if found != chain.code() {
            return Err(BundleError::WrongChain {
                expected: chain.code().to_string(),
                found: found.to_string(),
            });
        }
        let mut index = LabelIndex {
            chain,
            datasets: Vec::new(),
            entities: Vec::new(),
            sources: Vec::new(),
            addresses: Vec::new(),
            first_tag: vec![0],
            tags: Vec::new(),
        };
        for (line, text) in lines {
            let bad = |reason: &str| BundleError::BadLine {
                line,
                reason: reason.to_string(),
            };
            let (kind, rest) = text.split_once('\t').ok_or_else(|| bad("no tab after the line kind"))?;
            match kind {
                "D" => {
                    let fields: Vec<&str> = rest.split('\t').collect();
                    let [name, title, url, licence] = fields.as_slice() else {
                        return Err(bad("a dataset line has four fields"));
                    };
                    index.datasets.push(Dataset {
                        name: (*name).to_string(),
                        title: (*title).to_string(),
                        url: (*url).to_string(),
                        licence: (*licence).to_string(),
                    });
                }
                "E" => index.entities.push(rest.into()),
                "S" => index.sources.push(rest.into()),
                "A" => index.read_address_line(rest).map_err(|reason| bad(&reason))?,
                other => return Err(bad(&format!("unknown line kind {other:?}"))),
            }
        }
        Ok(index)
    }

    fn read_address_line(&mut self, rest: &str) -> Result<(), String> {
        let (address, tags) = rest.split_once('\t').ok_or("an address line has an address and tags")?;
        if self.addresses.last().is_some_and(|last| **last >= *address) {
            return Err("addresses are not sorted".into());
        }
        for tag in tags.split(' ') {
            let parts: Vec<&str> = tag.split('.').collect();
            let [entity, category, source, dataset] = parts.as_slice() else {
                return Err(format!("a tag has four parts, found {tag:?}"));
            };
            let number = |what: &str, text: &str, limit: usize| -> Result<u32, String> {
                text.parse::<u32>()
                    .ok()
                    .filter(|&n| (n as usize) < limit)
                    .ok_or_else(|| format!("{what} {text:?} is not in the bundle"))
            };
            self.tags.push(PackedTag {
                entity: number("entity", entity, self.entities.len())?,
                source: number("source", source, self.sources.len())?,
                dataset: number("dataset", dataset, self.datasets.len())?,
                category: Category::from_code(category).ok_or_else(|| format!("unknown category {category:?}"))?,
            });
        }
        self.addresses.push(address.into());
        let end = u32::try_from(self.tags.len()).map_err(|_| "too many tags")?;
        self.first_tag.push(end);
        Ok(())
    }

    /// The chain the tags are for.
    #[must_use]
    pub fn chain(&self) -> Chain {
        self.chain
    }

    /// The datasets the tags come from.
    #[must_use]
    pub fn datasets(&self) -> &[Dataset] {
        &self.datasets
    }

    /// Number of labelled addresses.
    #[must_use]
    pub fn address_count(&self) -> usize {
        self.addresses.len()
    }

    /// Number of tags.
    #[must_use]
    pub fn tag_count(&self) -> usize {
        self.tags.len()
    }

    /// Whether a canonical address has tags.
    #[must_use]
    pub fn contains(&self, canonical: &str) -> bool {
        self.position(canonical).is_some()
    }

    fn position(&self, canonical: &str) -> Option<usize> {
        self.addresses.binary_search_by(|probe| (**probe).cmp(canonical)).ok()
    }

    /// Every tag of a canonical address, in bundle order.
    #[must_use]
    pub fn labels_of(&self, canonical: &str) -> Vec<Label> {
        let Some(i) = self.position(canonical) else {
            return Vec::new();
        };
        let (from, to) = (self.first_tag[i] as usize, self.first_tag[i + 1] as usize);
        self.tags[from..to]
            .iter()
            .map(|tag| Label {
                entity: self.entities[tag.entity as usize].to_string(),
                category: tag.category,
                source_url: self.sources[tag.source as usize].to_string(),
                dataset: self.datasets[tag.dataset as usize].name.clone(),
            })
            .collect()
    }
}

/// `index.json` beside the bundle files: the datasets and, per chain, the file and its size.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub datasets: Vec<Dataset>,
    /// By chain code.
    pub chains: BTreeMap<String, ManifestEntry>,
}

/// One chain's file in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ManifestEntry {
    /// File name, relative to the manifest.
    pub file: String,
    /// Size of the file (what the page downloads for this chain).
    pub bytes: usize,
    pub addresses: usize,
    pub tags: usize,
}

impl Manifest {
    /// Reads `index.json`.
    ///
    /// # Errors
    /// A message for people if the JSON is not a manifest of this version.
    pub fn from_json(text: &str) -> Result<Manifest, String> {
        let manifest: Manifest =
            serde_json::from_str(text).map_err(|err| format!("the label index is not valid: {err}"))?;
        if manifest.format != MAGIC || manifest.version != VERSION {
            return Err(format!(
                "the label index is {} version {}, this Spoor reads {MAGIC} version {VERSION}",
                manifest.format, manifest.version
            ));
        }
        Ok(manifest)
    }

    /// The file of a chain's bundle, if the data has tags of that chain.
    #[must_use]
    pub fn file_of(&self, chain: Chain) -> Option<&str> {
        self.chains.get(chain.code()).map(|entry| entry.file.as_str())
    }
}

/// Bundles built from label files: one file per chain and the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    pub files: BTreeMap<Chain, Vec<u8>>,
    pub manifest: Manifest,
}

/// Builds the bundles from label rows grouped by dataset (in the order given, which is the order
/// an address's tags are listed in). Exact repeats of a tag are dropped; tags that differ in any
/// field are all kept. Deterministic: the same input gives the same bytes.
#[must_use]
pub fn build(datasets: &[(Dataset, Vec<super::book::LabelRow>)]) -> Built {
    // chain → canonical address → tags (dataset, label)
    let mut by_chain: BTreeMap<Chain, BTreeMap<String, Vec<(usize, Label)>>> = BTreeMap::new();
    for (number, (_, rows)) in datasets.iter().enumerate() {
        for row in rows {
            let tags = by_chain
                .entry(row.chain)
                .or_default()
                .entry(super::book::normalise(row.chain, &row.address))
                .or_default();
            let tag = (number, row.label.clone());
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
    }
    let mut files = BTreeMap::new();
    let mut chains = BTreeMap::new();
    for (chain, addresses) in by_chain {
        let (text, tag_count) = chain_text(chain, datasets, &addresses);
        let bytes = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
        chains.insert(
            chain.code().to_string(),
            ManifestEntry {
                file: format!("{}.labels", chain.code()),
                bytes: bytes.len(),
                addresses: addresses.len(),
                tags: tag_count,
            },
        );
        files.insert(chain, bytes);
    }
    Built {
        files,
        manifest: Manifest {
            format: MAGIC.to_string(),
            version: VERSION,
            datasets: datasets.iter().map(|(d, _)| d.clone()).collect(),
            chains,
        },
    }
}

fn chain_text(
    chain: Chain,
    datasets: &[(Dataset, Vec<super::book::LabelRow>)],
    addresses: &BTreeMap<String, Vec<(usize, Label)>>,
) -> (String, usize) {
    // Strings are numbered in order of first use, so the same input numbers them the same way.
    let mut entities = Numbered::default();
    let mut sources = Numbered::default();
    let mut address_lines = String::new();
    let mut tag_count = 0;
    for (address, tags) in addresses {
        address_lines.push_str("A\t");
        address_lines.push_str(&one_line(address));
        for (i, (dataset, label)) in tags.iter().enumerate() {
            address_lines.push(if i == 0 { '\t' } else { ' ' });
            let entity = entities.number(&label.entity);
            let source = sources.number(&label.source_url);
            address_lines.push_str(&format!("{entity}.{}.{source}.{dataset}", label.category.code()));
            tag_count += 1;
        }
        address_lines.push('\n');
    }
    let mut text = format!("{MAGIC}\t{VERSION}\t{}\n", chain.code());
    for (dataset, _) in datasets {
        let fields = [&dataset.name, &dataset.title, &dataset.url, &dataset.licence];
        text.push('D');
        for field in fields {
            text.push('\t');
            text.push_str(&one_line(field));
        }
        text.push('\n');
    }
    for entity in &entities.order {
        text.push_str(&format!("E\t{}\n", one_line(entity)));
    }
    for source in &sources.order {
        text.push_str(&format!("S\t{}\n", one_line(source)));
    }
    text.push_str(&address_lines);
    (text, tag_count)
}

#[derive(Default)]
struct Numbered {
    numbers: BTreeMap<String, usize>,
    order: Vec<String>,
}

impl Numbered {
    fn number(&mut self, text: &str) -> usize {
        if let Some(&n) = self.numbers.get(text) {
            return n;
        }
        let n = self.order.len();
        self.numbers.insert(text.to_string(), n);
        self.order.push(text.to_string());
        n
    }
}

/// Tabs and line breaks would break the line format; in names they are only spacing.
fn one_line(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}
