//! Permalinks: the whole view in the URL, so that a shared link reopens what its author saw.
//!
//! A [`ViewState`] (target, pinned block height, trace settings, layout, expansions, folds,
//! pinned positions, selection, camera, language) is written as a small binary record
//! ([`wire`]), compressed with DEFLATE (`miniz_oxide`) and put in the URL as base64url after a
//! version prefix: `v1.<payload>`. Old versions keep decoding after the format evolves: the
//! prefix says which reader to use. Decoding never panics; every failure says what is wrong.

mod wire;

use std::collections::BTreeSet;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use crate::chain::Txid;
use crate::flow::NodeKey;
use crate::labels::Category;
use crate::layout::LayoutKind;
use crate::route::Target;
use crate::trace::{Direction, StopRules, TaintMethod};

/// The version this build writes.
pub const VERSION: &str = "v1";
/// Most bytes a payload may inflate to: a link cannot make the page allocate without bound.
const MAX_INFLATED_BYTES: usize = 1 << 20;
/// Most characters of an encoded view accepted (browsers and servers cut URLs near 64k).
const MAX_ENCODED_CHARS: usize = 60_000;

/// The trace shown in a view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceView {
    pub method: TaintMethod,
    pub direction: Direction,
    pub max_hops: u32,
    pub min_taint_sats: u64,
    pub stop_categories: BTreeSet<Category>,
}

impl TraceView {
    /// The stop rules this view's trace uses (the engine's defaults for everything it does not carry).
    #[must_use]
    pub fn rules(&self) -> StopRules {
        StopRules {
            stop_categories: self.stop_categories.iter().copied().collect(),
            max_hops: self.max_hops,
            min_taint_sats: crate::chain::Sats(self.min_taint_sats),
            ..StopRules::default()
        }
    }
}

/// One "load more" the author did, replayed in order when the link opens.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Expansion {
    /// The newest `max_txs` transactions of an address's history.
    History { address: String, max_txs: u32 },
    /// Where a transaction's outputs went (the first `max_txs` spenders in txid order).
    Spenders { txid: Txid, max_txs: u32 },
    /// Where a transaction's inputs came from (the first `max_txs` funders in txid order).
    Funders { txid: Txid, max_txs: u32 },
}

impl Expansion {
    /// Whether both load pages of the same thing (an address's history, a transaction's
    /// spenders or funders), whatever their sizes.
    #[must_use]
    pub fn same_subject(&self, other: &Expansion) -> bool {
        match (self, other) {
            (Expansion::History { address: a, .. }, Expansion::History { address: b, .. }) => a == b,
            (Expansion::Spenders { txid: a, .. }, Expansion::Spenders { txid: b, .. })
            | (Expansion::Funders { txid: a, .. }, Expansion::Funders { txid: b, .. }) => a == b,
            _ => false,
        }
    }

    /// How many transactions it loads.
    #[must_use]
    pub fn max_txs(&self) -> u32 {
        match self {
            Expansion::History { max_txs, .. }
            | Expansion::Spenders { max_txs, .. }
            | Expansion::Funders { max_txs, .. } => *max_txs,
        }
    }
}

/// The camera, in whole world units and thousandths of zoom (exact in a URL).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CameraView {
    pub center_x: i32,
    pub center_y: i32,
    pub zoom_milli: u32,
}

/// A node the author moved and left there (world units, rounded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinnedNode {
    pub key: NodeKey,
    pub x: i32,
    pub y: i32,
}

/// Where every node of the view was drawn, so a link reopens the same picture and not just
/// the same graph (a force layout grown in another order settles elsewhere).
///
/// Keys would make this list long (a txid is 32 bytes), so `points` follows the order of the
/// graph's node keys and `fingerprint` says which graph that order belongs to: it applies only
/// to a graph with exactly those nodes (see `crate::layout::saved`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutPositions {
    pub fingerprint: u64,
    /// One entry per node in key order; `None` for a node that was not drawn (folded, hidden).
    pub points: Vec<Option<(i32, i32)>>,
}

/// Everything a permalink carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewState {
    pub target: Target,
    /// Transactions above this block height (and unconfirmed ones) are left out, so the view does
    /// not change as the chain grows.
    pub pinned_height: Option<u32>,
    pub trace: Option<TraceView>,
    pub layout: LayoutKind,
    pub expansions: Vec<Expansion>,
    /// Peel chains drawn expanded (by their first txid).
    pub expanded_peels: BTreeSet<Txid>,
    /// Hubs shown with all their leaves.
    pub unfolded_hubs: BTreeSet<NodeKey>,
    pub pinned: Vec<PinnedNode>,
    pub selected: Option<NodeKey>,
    pub camera: Option<CameraView>,
    /// The interface language (`en`, `de`, `zh`, `ja`).
    pub language: Option<String>,
    /// Where the nodes were drawn (left out for very large graphs).
    pub positions: Option<LayoutPositions>,
    /// The author's own labels and notes, when they chose to share them with the link.
    pub user_labels: Vec<crate::labels::user::UserLabel>,
    /// How coarsely the graph is drawn (transactions, addresses, entities).
    pub view_level: crate::views::ViewLevel,
    /// Groups of the entity view the author expanded into their addresses.
    pub expanded_groups: BTreeSet<crate::flow::GroupKey>,
}

impl ViewState {
    /// A view of `target` with nothing else set.
    #[must_use]
    pub fn of(target: Target) -> ViewState {
        ViewState {
            target,
            pinned_height: None,
            trace: None,
            layout: LayoutKind::Force,
            expansions: Vec::new(),
            expanded_peels: BTreeSet::new(),
            unfolded_hubs: BTreeSet::new(),
            pinned: Vec::new(),
            selected: None,
            camera: None,
            language: None,
            positions: None,
            user_labels: Vec::new(),
            view_level: crate::views::ViewLevel::Transactions,
            expanded_groups: BTreeSet::new(),
        }
    }
}

/// Why a link's view cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PermalinkError {
    #[error("the link's view has no version (it should start with \"v1.\")")]
    NoVersion,
    #[error("the link's view is version {0:?}, which this Spoor does not know (it reads v1); a newer Spoor made it")]
    UnknownVersion(String),
    #[error("the link's view is {0} characters long, more than the {MAX_ENCODED_CHARS} a link can hold: it was cut or altered")]
    TooLong(usize),
    #[error("the link's view is not valid base64url text (was it cut or re-encoded by a mail program?)")]
    NotBase64,
    #[error("the link's view does not decompress: it was cut or altered")]
    NotCompressed,
    #[error("the link's view is damaged: {0}")]
    Malformed(String),
}

/// `v1.<base64url of deflated record>`.
#[must_use]
pub fn encode(view: &ViewState) -> String {
    encode_raw_for_tests(&wire::write(view))
}

/// Compresses and encodes any record as a v1 link: lets tests feed the reader hand-made or
/// random records through the real outer layers.
#[doc(hidden)]
#[must_use]
pub fn encode_raw_for_tests(record: &[u8]) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec(record, 9);
    format!("{VERSION}.{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// Reads what [`encode`] wrote (this version or an older one).
///
/// # Errors
/// A [`PermalinkError`] saying what is wrong with the text.
pub fn decode(text: &str) -> Result<ViewState, PermalinkError> {
    if text.len() > MAX_ENCODED_CHARS {
        return Err(PermalinkError::TooLong(text.len()));
    }
    let (version, payload) = text.split_once('.').ok_or(PermalinkError::NoVersion)?;
    if version != VERSION {
        return Err(PermalinkError::UnknownVersion(version.chars().take(12).collect()));
    }
    let deflated = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| PermalinkError::NotBase64)?;
    let record = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_INFLATED_BYTES)
        .map_err(|_| PermalinkError::NotCompressed)?;
    wire::read(&record).map_err(PermalinkError::Malformed)
}
