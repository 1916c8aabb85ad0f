//! The v1 record: fields in a fixed order, integers as LEB128 varints (signed ones zigzagged),
//! strings length-prefixed UTF-8, txids as 32 raw bytes, small enums as one byte. Reading checks
//! every length and value and names the field that is wrong.
//!
//! Fields added to v1 after its first release come after the original ones as tagged
//! sections (a tag byte, then the section), so links written before them still read: the
//! record may simply end where they would start. Tag 1: drawn positions; tag 2: the author's
//! own labels and notes; tag 3: the view level and the expanded groups.

use super::{CameraView, Expansion, LayoutPositions, PinnedNode, TraceView, ViewState};
use crate::chain::{Address, Chain, Txid};
use crate::flow::{GroupKey, NodeKey, Party};
use crate::jobs::{EXPAND_LIMIT, HISTORY_LIMIT, MAX_EXPAND_TXS, MAX_HISTORY_TXS};
use crate::labels::user::UserLabel;
use crate::labels::Category;
use crate::layout::LayoutKind;
use crate::route::Target;
use crate::trace::{Direction, TaintMethod};
use crate::views::ViewLevel;
use std::collections::BTreeSet;

/// Most entries of one list (expansions, pins, …) a record may claim.
const MAX_LIST: u64 = 100_000;
/// Longest string (an address or a language code) a record may hold.
const MAX_STRING: u64 = 200;

const METHODS: [TaintMethod; 3] = [TaintMethod::Poison, TaintMethod::Haircut, TaintMethod::Fifo];
const DIRECTIONS: [Direction; 2] = [Direction::Forward, Direction::Backward];

pub(super) fn write(view: &ViewState) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(128));
    match &view.target {
        Target::Address(address) => {
            w.byte(0);
            w.string(address.chain().code());
            w.string(address.as_str());
        }
        Target::Tx(chain, txid) => {
            w.byte(1);
            w.string(chain.code());
            w.txid(txid);
        }
    }
    w.uint(view.pinned_height.map_or(0, |h| u64::from(h) + 1));
    match &view.trace {
        None => w.byte(0),
        Some(trace) => {
            w.byte(1);
            w.byte(index_of(&METHODS, trace.method));
            w.byte(index_of(&DIRECTIONS, trace.direction));
            w.uint(u64::from(trace.max_hops));
            w.uint(trace.min_taint_sats);
            w.uint(trace.stop_categories.len() as u64);
            for category in &trace.stop_categories {
                w.byte(index_of(&Category::ALL, *category));
            }
        }
    }
    w.byte(index_of(&LayoutKind::ALL, view.layout));
    w.uint(view.expansions.len() as u64);
    for expansion in &view.expansions {
        // Kinds 0–2 are the first page (all links before "load more" existed); 3–5 add the size.
        let (kind, first_page) = match expansion {
            Expansion::History { .. } => (0, MAX_HISTORY_TXS),
            Expansion::Spenders { .. } => (1, MAX_EXPAND_TXS),
            Expansion::Funders { .. } => (2, MAX_EXPAND_TXS),
        };
        let first = expansion.max_txs() as usize == first_page;
        w.byte(if first { kind } else { kind + 3 });
        match expansion {
            Expansion::History { address, .. } => w.string(address),
            Expansion::Spenders { txid, .. } | Expansion::Funders { txid, .. } => w.txid(txid),
        }
        if !first {
            w.uint(u64::from(expansion.max_txs()));
        }
    }
    w.uint(view.expanded_peels.len() as u64);
    for txid in &view.expanded_peels {
        w.txid(txid);
    }
    w.uint(view.unfolded_hubs.len() as u64);
    for key in &view.unfolded_hubs {
        w.key(key);
    }
    w.uint(view.pinned.len() as u64);
    for pin in &view.pinned {
        w.key(&pin.key);
        w.int(pin.x);
        w.int(pin.y);
    }
    match &view.selected {
        None => w.byte(0),
        Some(key) => {
            w.byte(1);
            w.key(key);
        }
    }
    match &view.camera {
        None => w.byte(0),
        Some(camera) => {
            w.byte(1);
            w.int(camera.center_x);
            w.int(camera.center_y);
            w.uint(u64::from(camera.zoom_milli));
        }
    }
    match &view.language {
        None => w.byte(0),
        Some(language) => {
            w.byte(1);
            w.string(language);
        }
    }
    if let Some(positions) = &view.positions {
        write_positions(&mut w, positions);
    }
    if view.view_level != ViewLevel::Transactions || !view.expanded_groups.is_empty() {
        write_view_level(&mut w, view.view_level, &view.expanded_groups);
    }
    if !view.user_labels.is_empty() {
        write_user_labels(&mut w, &view.user_labels);
    }
    w.0
}

pub(super) fn read(bytes: &[u8]) -> Result<ViewState, String> {
    let mut r = Reader { bytes, at: 0 };
    let target = match r.byte("target kind")? {
        0 => {
            let chain = r.chain()?;
            let text = r.string("target address")?;
            Target::Address(Address::parse(chain, &text).map_err(|e| format!("the target address: {e}"))?)
        }
        1 => {
            let chain = r.chain()?;
            Target::Tx(chain, r.txid("target transaction")?)
        }
        other => return Err(format!("unknown target kind {other}")),
    };
    let pinned_height = match r.uint("pinned block height")? {
        0 => None,
        h => Some(u32::try_from(h - 1).map_err(|_| "the pinned block height is out of range".to_string())?),
    };
    let trace = match r.flag("trace")? {
        false => None,
        true => Some(TraceView {
            method: r.pick(&METHODS, "taint method")?,
            direction: r.pick(&DIRECTIONS, "trace direction")?,
            max_hops: u32::try_from(r.uint("hop limit")?).map_err(|_| "the hop limit is out of range".to_string())?,
            min_taint_sats: r.uint("minimum amount")?,
            stop_categories: {
                let n = r.count("stop categories")?;
                let mut set = std::collections::BTreeSet::new();
                for _ in 0..n {
                    set.insert(r.pick(&Category::ALL, "stop category")?);
                }
                set
            },
        }),
    };
    let layout = r.pick(&LayoutKind::ALL, "layout")?;
    let mut expansions = Vec::new();
    for _ in 0..r.count("expansions")? {
        let kind = r.byte("expansion kind")?;
        expansions.push(match kind {
            0 | 3 => Expansion::History {
                address: r.string("expanded address")?,
                max_txs: r.expansion_count(kind == 3, MAX_HISTORY_TXS, HISTORY_LIMIT)?,
            },
            1 | 4 => Expansion::Spenders {
                txid: r.txid("expanded transaction")?,
                max_txs: r.expansion_count(kind == 4, MAX_EXPAND_TXS, EXPAND_LIMIT)?,
            },
            2 | 5 => Expansion::Funders {
                txid: r.txid("expanded transaction")?,
                max_txs: r.expansion_count(kind == 5, MAX_EXPAND_TXS, EXPAND_LIMIT)?,
            },
            other => return Err(format!("unknown expansion kind {other}")),
        });
    }
    let mut expanded_peels = std::collections::BTreeSet::new();
    for _ in 0..r.count("expanded peel chains")? {
        expanded_peels.insert(r.txid("peel chain")?);
    }
    let mut unfolded_hubs = std::collections::BTreeSet::new();
    for _ in 0..r.count("unfolded hubs")? {
        unfolded_hubs.insert(r.key("unfolded hub")?);
    }
    let mut pinned = Vec::new();
    for _ in 0..r.count("pinned nodes")? {
        pinned.push(PinnedNode {
            key: r.key("pinned node")?,
            x: r.int("pinned x")?,
            y: r.int("pinned y")?,
        });
    }
    let selected = if r.flag("selection")? {
        Some(r.key("selected node")?)
    } else {
        None
    };
    let camera = if r.flag("camera")? {
        Some(CameraView {
            center_x: r.int("camera x")?,
            center_y: r.int("camera y")?,
            zoom_milli: u32::try_from(r.uint("zoom")?).map_err(|_| "the zoom is out of range".to_string())?,
        })
    } else {
        None
    };
    let language = if r.flag("language")? {
        Some(r.string("language")?)
    } else {
        None
    };
    let mut positions = None;
    let mut user_labels = None;
    let mut view_level = None;
    while r.at != bytes.len() {
        match r.byte("section tag")? {
            SECTION_POSITIONS if positions.is_none() => positions = Some(read_positions(&mut r)?),
            SECTION_USER_LABELS if user_labels.is_none() => user_labels = Some(read_user_labels(&mut r)?),
            SECTION_VIEW_LEVEL if view_level.is_none() => view_level = Some(read_view_level(&mut r)?),
            other => return Err(format!("the view has an unknown or repeated section {other}")),
        }
    }
    Ok(ViewState {
        target,
        pinned_height,
        trace,
        layout,
        expansions,
        expanded_peels,
        unfolded_hubs,
        pinned,
        selected,
        camera,
        language,
        positions,
        user_labels: user_labels.unwrap_or_default(),
        view_level: view_level.as_ref().map_or(ViewLevel::Transactions, |(level, _)| *level),
        expanded_groups: view_level.map(|(_, groups)| groups).unwrap_or_default(),
    })
}

/// Tag of the drawn-positions section.
const SECTION_POSITIONS: u8 = 1;

fn write_positions(w: &mut Writer, positions: &LayoutPositions) {
    w.byte(SECTION_POSITIONS);
    w.0.extend_from_slice(&positions.fingerprint.to_le_bytes());
    w.uint(positions.points.len() as u64);
    for point in &positions.points {
        match point {
            // 0 marks a node that was not drawn; x is stored zigzagged plus one.
            None => w.uint(0),
            Some((x, y)) => {
                w.uint(zigzag(*x) + 1);
                w.int(*y);
            }
        }
    }
}

fn read_positions(r: &mut Reader<'_>) -> Result<LayoutPositions, String> {
    let fingerprint = r.take(8, "positions fingerprint")?;
    let fingerprint = u64::from_le_bytes(
        fingerprint
            .try_into()
            .map_err(|_| "the positions fingerprint is cut".to_string())?,
    );
    let mut points = Vec::new();
    for _ in 0..r.count("drawn positions")? {
        points.push(match r.uint("drawn x")? {
            0 => None,
            x => Some((unzigzag(x - 1).ok_or("a drawn x is out of range")?, r.int("drawn y")?)),
        });
    }
    Ok(LayoutPositions { fingerprint, points })
}

/// Tag of the user-labels section.
const SECTION_USER_LABELS: u8 = 2;
/// Longest label or note text in bytes (the kept characters, at up to four bytes each).
const MAX_TEXT: u64 = 4 * crate::labels::user::MAX_NOTE_CHARS as u64;

fn write_user_labels(w: &mut Writer, labels: &[UserLabel]) {
    w.byte(SECTION_USER_LABELS);
    w.uint(labels.len() as u64);
    for label in labels {
        w.string(label.chain.code());
        w.string(&label.key);
        w.string(&label.label);
        let category = Category::ALL.iter().position(|c| *c == label.category).unwrap_or(0);
        w.byte(u8::try_from(category).unwrap_or(0));
        w.string(&label.note);
    }
}

fn read_user_labels(r: &mut Reader<'_>) -> Result<Vec<UserLabel>, String> {
    let mut labels = Vec::new();
    for _ in 0..r.count("user labels")? {
        let chain = r.chain()?;
        let key = r.string("user label's node")?;
        let label = r.string_up_to("user label", MAX_TEXT)?;
        let category = *Category::ALL
            .get(usize::from(r.byte("user label's category")?))
            .ok_or("a user label's category is unknown")?;
        let note = r.string_up_to("user note", MAX_TEXT)?;
        labels.push(
            UserLabel {
                chain,
                key,
                label,
                category,
                note,
            }
            .tidied(),
        );
    }
    Ok(labels)
}

/// Tag of the view-level section: the level, then the expanded groups.
const SECTION_VIEW_LEVEL: u8 = 3;

fn write_view_level(w: &mut Writer, level: ViewLevel, expanded: &BTreeSet<GroupKey>) {
    w.byte(SECTION_VIEW_LEVEL);
    w.byte(index_of(&ViewLevel::ALL, level));
    w.uint(expanded.len() as u64);
    for group in expanded {
        w.group(group);
    }
}

fn read_view_level(r: &mut Reader<'_>) -> Result<(ViewLevel, BTreeSet<GroupKey>), String> {
    let level = r.pick(&ViewLevel::ALL, "view level")?;
    let mut expanded = BTreeSet::new();
    for _ in 0..r.count("expanded groups")? {
        expanded.insert(r.group("expanded group")?);
    }
    Ok((level, expanded))
}

fn zigzag(v: i32) -> u64 {
    u64::from(((v << 1) ^ (v >> 31)).cast_unsigned())
}

fn unzigzag(v: u64) -> Option<i32> {
    let raw = u32::try_from(v).ok()?;
    Some((raw >> 1).cast_signed() ^ -((raw & 1).cast_signed()))
}

fn index_of<T: PartialEq>(all: &[T], value: T) -> u8 {
    u8::try_from(all.iter().position(|v| *v == value).unwrap_or(0)).unwrap_or(0)
}

struct Writer(Vec<u8>);

impl Writer {
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    fn uint(&mut self, mut v: u64) {
        loop {
            let low = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(low);
                return;
            }
            self.0.push(low | 0x80);
        }
    }

    fn int(&mut self, v: i32) {
        // Zigzag: small magnitudes of either sign stay short.
        self.uint(zigzag(v));
    }

    fn string(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn txid(&mut self, txid: &Txid) {
        let hex = txid.as_str();
        for i in (0..hex.len()).step_by(2) {
            self.0.push(
                hex.get(i..i + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .unwrap_or(0),
            );
        }
    }

    fn key(&mut self, key: &NodeKey) {
        match key {
            NodeKey::Tx(txid) => {
                self.byte(1);
                self.txid(txid);
            }
            NodeKey::Address(address) => {
                self.byte(0);
                self.string(address);
            }
            NodeKey::Group(group) => self.group(group),
            NodeKey::Transfer(from, to) => {
                self.byte(4);
                self.party(from);
                self.party(to);
            }
        }
    }

    /// Kind 2: an entity group (its name), kind 3: a cluster (its first address).
    fn group(&mut self, group: &GroupKey) {
        match group {
            GroupKey::Entity(entity) => {
                self.byte(2);
                self.string(entity);
            }
            GroupKey::Cluster(first) => {
                self.byte(3);
                self.string(first);
            }
        }
    }

    /// An address (kind 0) or a group, as in a key.
    fn party(&mut self, party: &Party) {
        match party {
            Party::Address(address) => {
                self.byte(0);
                self.string(address);
            }
            Party::Group(group) => self.group(group),
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize, what: &str) -> Result<&[u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else {
            return Err(format!("it ends in the middle of the {what}"));
        };
        let slice = self.bytes.get(self.at..end).unwrap_or_default();
        self.at = end;
        Ok(slice)
    }

    fn byte(&mut self, what: &str) -> Result<u8, String> {
        Ok(self.take(1, what)?.first().copied().unwrap_or(0))
    }

    fn flag(&mut self, what: &str) -> Result<bool, String> {
        match self.byte(what)? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(format!("the {what} marker is {other}, not 0 or 1")),
        }
    }

    fn uint(&mut self, what: &str) -> Result<u64, String> {
        let mut value = 0_u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte(what)?;
            let part = u64::from(b & 0x7f);
            if shift == 63 && part > 1 {
                return Err(format!("the {what} is out of range"));
            }
            value |= part << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(format!("the {what} is out of range"))
    }

    fn int(&mut self, what: &str) -> Result<i32, String> {
        unzigzag(self.uint(what)?).ok_or_else(|| format!("the {what} is out of range"))
    }

    /// How many transactions an expansion loads: written (`counted`) or the first page's.
    fn expansion_count(&mut self, counted: bool, first: usize, limit: usize) -> Result<u32, String> {
        let n = if counted {
            self.uint("expansion size")?
        } else {
            first as u64
        };
        if n == 0 || n > limit as u64 {
            return Err(format!("the expansion size {n} is not between 1 and {limit}"));
        }
        u32::try_from(n).map_err(|_| format!("the expansion size {n} is out of range"))
    }

    fn count(&mut self, what: &str) -> Result<u64, String> {
        let n = self.uint(what)?;
        if n > MAX_LIST || n > (self.bytes.len() - self.at) as u64 {
            return Err(format!("it claims {n} {what}, more than it holds"));
        }
        Ok(n)
    }

    fn string(&mut self, what: &str) -> Result<String, String> {
        self.string_up_to(what, MAX_STRING)
    }

    fn string_up_to(&mut self, what: &str, max: u64) -> Result<String, String> {
        let n = self.uint(what)?;
        if n > max {
            return Err(format!("the {what} is {n} bytes long"));
        }
        let bytes = self.take(usize::try_from(n).unwrap_or(usize::MAX), what)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| format!("the {what} is not UTF-8 text"))
    }

    fn txid(&mut self, what: &str) -> Result<Txid, String> {
        let bytes = self.take(32, what)?;
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Txid::parse(&hex).map_err(|e| format!("the {what}: {e}"))
    }

    fn key(&mut self, what: &str) -> Result<NodeKey, String> {
        match self.byte(what)? {
            0 => Ok(NodeKey::Address(self.string(what)?)),
            1 => Ok(NodeKey::Tx(self.txid(what)?)),
            kind @ (2 | 3) => Ok(NodeKey::Group(self.group_of_kind(kind, what)?)),
            4 => Ok(NodeKey::Transfer(self.party(what)?, self.party(what)?)),
            other => Err(format!("unknown kind {other} of the {what}")),
        }
    }

    /// A group key, its kind byte read already (see `Writer::group`).
    fn group_of_kind(&mut self, kind: u8, what: &str) -> Result<GroupKey, String> {
        match kind {
            2 => Ok(GroupKey::Entity(self.string_up_to(what, MAX_TEXT)?)),
            3 => Ok(GroupKey::Cluster(self.string(what)?)),
            other => Err(format!("unknown group kind {other} of the {what}")),
        }
    }

    fn group(&mut self, what: &str) -> Result<GroupKey, String> {
        let kind = self.byte(what)?;
        self.group_of_kind(kind, what)
    }

    fn party(&mut self, what: &str) -> Result<Party, String> {
        match self.byte(what)? {
            0 => Ok(Party::Address(self.string(what)?)),
            kind => Ok(Party::Group(self.group_of_kind(kind, what)?)),
        }
    }

    fn chain(&mut self) -> Result<Chain, String> {
        let code = self.string("chain")?;
        Chain::from_code(&code).ok_or_else(|| format!("unknown chain {code:?}"))
    }

    fn pick<T: Copy>(&mut self, all: &[T], what: &str) -> Result<T, String> {
        let i = self.byte(what)?;
        all.get(usize::from(i))
            .copied()
            .ok_or_else(|| format!("unknown {what} {i}"))
    }
}
