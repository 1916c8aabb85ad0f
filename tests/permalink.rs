#![cfg(not(target_arch = "wasm32"))]
//! Permalink codec: v1 round trips, stays compact, and explains every broken link without panicking.

use std::collections::BTreeSet;

use proptest::prelude::*;
use spoor::chain::{Address, Chain, Txid};
use spoor::flow::{GroupKey, NodeKey, Party};
use spoor::labels::user::UserLabel;
use spoor::labels::Category;
use spoor::layout::LayoutKind;
use spoor::permalink::{
    self, CameraView, Expansion, LayoutPositions, PermalinkError, PinnedNode, TraceView, ViewState,
};
use spoor::route::Target;
use spoor::trace::{Direction, TaintMethod};
use spoor::views::ViewLevel;

const THIEF: &str = "1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w";
const THEFT: &str = "c3b9a4a0831a65523c81e6a04f6ddf5a7a89f344d990e8a13e5278efe57f4280";
/// Valid addresses of each script type (the view checks the target address).
const ADDRESSES: [&str; 4] = [
    THIEF,
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
    "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
];

fn zaif_view() -> ViewState {
    let theft = Txid::parse(THEFT).unwrap();
    ViewState {
        target: Target::Address(Address::parse(Chain::Btc, THIEF).unwrap()),
        pinned_height: Some(541_379),
        trace: Some(TraceView {
            method: TaintMethod::Haircut,
            direction: Direction::Forward,
            max_hops: 6,
            min_taint_sats: 546,
            stop_categories: BTreeSet::from([Category::Exchange, Category::Mixer]),
        }),
        layout: LayoutKind::Hops,
        // The first pages (the only expansions links had before "load more"): see
        // `links_written_before_the_positions_section_still_open`.
        expansions: vec![
            Expansion::Spenders {
                txid: theft.clone(),
                max_txs: 50,
            },
            Expansion::History {
                address: THIEF.into(),
                max_txs: 1_000,
            },
        ],
        expanded_peels: BTreeSet::from([theft.clone()]),
        unfolded_hubs: BTreeSet::from([NodeKey::Tx(theft.clone())]),
        pinned: vec![PinnedNode {
            key: NodeKey::Address(THIEF.into()),
            x: -120,
            y: 45,
        }],
        selected: Some(NodeKey::Tx(theft)),
        camera: Some(CameraView {
            center_x: -3,
            center_y: 17,
            zoom_milli: 1_250,
        }),
        language: Some("ja".into()),
        positions: Some(LayoutPositions {
            fingerprint: 0x0123_4567_89ab_cdef,
            points: vec![Some((-120, 45)), None, Some((i32::MIN, i32::MAX)), Some((0, 0))],
        }),
        user_labels: Vec::new(),
        view_level: ViewLevel::Transactions,
        expanded_groups: BTreeSet::new(),
    }
}

#[test]
fn the_view_level_and_expanded_groups_ride_along() {
    let mut view = zaif_view();
    view.view_level = ViewLevel::Entities;
    view.expanded_groups = BTreeSet::from([
        GroupKey::Entity("Binance, 取引所".into()),
        GroupKey::Cluster(THIEF.into()),
    ]);
    view.selected = Some(NodeKey::Transfer(
        Party::Group(GroupKey::Entity("Binance".into())),
        Party::Address(THIEF.into()),
    ));
    view.unfolded_hubs = BTreeSet::from([NodeKey::Group(GroupKey::Cluster(THIEF.into()))]);
    let text = permalink::encode(&view);
    assert_eq!(permalink::decode(&text), Ok(view));
    // At the transaction level with nothing expanded the section is absent (older links read alike).
    assert!(permalink::encode(&zaif_view()).len() < text.len());
}

#[test]
fn the_authors_labels_and_notes_ride_along_when_shared() {
    let mut view = zaif_view();
    view.user_labels = vec![
        UserLabel {
            chain: Chain::Btc,
            key: THIEF.into(),
            label: "犯人のアドレス, main".into(),
            category: Category::Theft,
            note: "Crystal: 9 outgoing txs\nsecond line".into(),
        },
        UserLabel {
            chain: Chain::Btc,
            key: THEFT.into(),
            label: String::new(),
            category: Category::Other,
            note: "n".repeat(spoor::labels::user::MAX_NOTE_CHARS),
        },
    ];
    let text = permalink::encode(&view);
    assert_eq!(permalink::decode(&text), Ok(view));
    // Without labels the section is absent: the link is the one written before labels existed.
    let mut plain = zaif_view();
    plain.user_labels.clear();
    assert!(permalink::encode(&plain).len() < text.len());
}

#[test]
fn a_full_view_round_trips_and_stays_short() {
    let view = zaif_view();
    let text = permalink::encode(&view);
    assert!(text.starts_with("v1."));
    assert!(
        text.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
        "URL-safe: {text}"
    );
    assert!(text.len() < 300, "{} characters", text.len());
    assert_eq!(permalink::decode(&text), Ok(view));
}

#[test]
fn broken_links_say_what_is_wrong() {
    let text = permalink::encode(&zaif_view());
    assert_eq!(permalink::decode("hello"), Err(PermalinkError::NoVersion));
    assert_eq!(
        permalink::decode("v9.abc"),
        Err(PermalinkError::UnknownVersion("v9".into()))
    );
    assert_eq!(permalink::decode("v1.not base64!"), Err(PermalinkError::NotBase64));
    // Cut in the middle (at a whole base64 quantum): the deflate stream ends early.
    let cut = 3 + (text.len() - 3) / 2 / 4 * 4;
    assert_eq!(permalink::decode(&text[..cut]), Err(PermalinkError::NotCompressed));
    // Cut at any length: an error, whichever layer notices first.
    for len in 0..text.len() {
        assert!(permalink::decode(&text[..len]).is_err(), "cut at {len}");
    }
    assert!(matches!(
        permalink::decode(&"v1.".repeat(30_000)),
        Err(PermalinkError::TooLong(_))
    ));
    // A record cut short, deflated properly: the message names the field.
    let short = spoor::permalink::encode_raw_for_tests(&[0, 3, b'b', b't', b'c']);
    let err = permalink::decode(&short).unwrap_err();
    assert!(err.to_string().contains("target address"), "{err}");
    // A target address with a typo is refused with the address codec's reason.
    let typo = spoor::permalink::encode_raw_for_tests(
        &[&[0, 3][..], b"btc", &[34], b"1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9x"].concat(),
    );
    assert!(permalink::decode(&typo).unwrap_err().to_string().contains("checksum"));
}

fn txid_strategy() -> impl Strategy<Value = Txid> {
    prop::array::uniform32(any::<u8>())
        .prop_map(|bytes| Txid::parse(&bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()).unwrap())
}

fn key_strategy() -> impl Strategy<Value = NodeKey> {
    prop_oneof![
        txid_strategy().prop_map(NodeKey::Tx),
        "[a-zA-Z0-9]{1,62}".prop_map(NodeKey::Address),
        group_strategy().prop_map(NodeKey::Group),
        (party_strategy(), party_strategy()).prop_map(|(from, to)| NodeKey::Transfer(from, to)),
    ]
}

fn group_strategy() -> impl Strategy<Value = GroupKey> {
    prop_oneof![
        ".{0,80}".prop_map(GroupKey::Entity),
        "[a-zA-Z0-9]{1,62}".prop_map(GroupKey::Cluster),
    ]
}

fn party_strategy() -> impl Strategy<Value = Party> {
    prop_oneof![
        "[a-zA-Z0-9]{1,62}".prop_map(Party::Address),
        group_strategy().prop_map(Party::Group),
    ]
}

fn view_strategy() -> impl Strategy<Value = ViewState> {
    let target = prop_oneof![
        (0..ADDRESSES.len()).prop_map(|i| Target::Address(Address::parse(Chain::Btc, ADDRESSES[i]).unwrap())),
        txid_strategy().prop_map(|t| Target::Tx(Chain::Btc, t)),
    ];
    let trace = prop::option::of(
        (
            0..3_usize,
            any::<bool>(),
            any::<u32>(),
            any::<u64>(),
            prop::collection::btree_set(0..Category::ALL.len(), 0..4),
        )
            .prop_map(|(m, back, max_hops, min_taint_sats, cats)| TraceView {
                method: [TaintMethod::Poison, TaintMethod::Haircut, TaintMethod::Fifo][m],
                direction: if back { Direction::Backward } else { Direction::Forward },
                max_hops,
                min_taint_sats,
                stop_categories: cats.into_iter().map(|i| Category::ALL[i]).collect(),
            }),
    );
    let history_size = prop_oneof![Just(1_000_u32), 1..=100_000_u32];
    let expand_size = prop_oneof![Just(50_u32), 1..=5_000_u32];
    let expansion = prop_oneof![
        ("[a-z0-9]{1,62}", history_size).prop_map(|(address, max_txs)| Expansion::History { address, max_txs }),
        (txid_strategy(), expand_size.clone()).prop_map(|(txid, max_txs)| Expansion::Spenders { txid, max_txs }),
        (txid_strategy(), expand_size).prop_map(|(txid, max_txs)| Expansion::Funders { txid, max_txs }),
    ];
    let pinned = (key_strategy(), any::<i32>(), any::<i32>()).prop_map(|(key, x, y)| PinnedNode { key, x, y });
    let camera = (any::<i32>(), any::<i32>(), any::<u32>()).prop_map(|(center_x, center_y, zoom_milli)| CameraView {
        center_x,
        center_y,
        zoom_milli,
    });
    let positions = (
        any::<u64>(),
        prop::collection::vec(prop::option::of((any::<i32>(), any::<i32>())), 0..40),
    )
        .prop_map(|(fingerprint, points)| LayoutPositions { fingerprint, points });
    (
        (target, prop::option::of(any::<u32>()), trace, 0..3_usize),
        (
            prop::collection::vec(expansion, 0..6),
            prop::collection::btree_set(txid_strategy(), 0..3),
            prop::collection::btree_set(key_strategy(), 0..3),
            prop::collection::vec(pinned, 0..5),
        ),
        (
            prop::option::of(key_strategy()),
            prop::option::of(camera),
            prop::option::of("[a-z]{2}"),
            prop::option::of(positions),
        ),
        (0..3_usize, prop::collection::btree_set(group_strategy(), 0..3)),
    )
        .prop_map(
            |(
                (target, pinned_height, trace, layout),
                (expansions, expanded_peels, unfolded_hubs, pinned),
                (selected, camera, language, positions),
                (level, expanded_groups),
            )| {
                ViewState {
                    target,
                    pinned_height,
                    trace,
                    layout: LayoutKind::ALL[layout],
                    expansions,
                    expanded_peels,
                    unfolded_hubs,
                    pinned,
                    selected,
                    camera,
                    language,
                    positions,
                    user_labels: Vec::new(),
                    view_level: ViewLevel::ALL[level],
                    expanded_groups,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn decode_of_encode_is_the_view(view in view_strategy()) {
        prop_assert_eq!(permalink::decode(&permalink::encode(&view)), Ok(view));
    }

    /// Any text at all: an answer, never a panic.
    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = permalink::decode(&text);
        let _ = permalink::decode(&format!("v1.{text}"));
    }

    /// Any bytes behind a valid compression layer: an answer, never a panic.
    #[test]
    fn arbitrary_records_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = permalink::decode(&spoor::permalink::encode_raw_for_tests(&bytes));
    }
}

/// A link written before v1 gained its positions section (the writer of those fields is unchanged, so this is the text that build wrote).
const LINK_WITHOUT_POSITIONS: &str = "v1.jc1NCoJAGIDh-aYf6Art8gbSP0SLCptNBbN0V-EUxWBBYLSpiBbuPIKKl3Ctl3AlCIo7F17AIzj7l-dFjcPjKMkKN8h5dDtd2YBry41-1yeMkP56S5XhWGZTI_z3AFDbbWIEGEPge_avq9HZN7N3PFZfZrmKrNyZ02eRvhcfJEDWIlBfiHwKUAWklpR0AF_2FQ";

#[test]
fn links_written_before_the_positions_section_still_open() {
    let mut view = zaif_view();
    view.positions = None;
    assert_eq!(
        permalink::encode(&view),
        LINK_WITHOUT_POSITIONS,
        "the writer leaves the section out when empty"
    );
    assert_eq!(permalink::decode(LINK_WITHOUT_POSITIONS), Ok(view));
}

#[test]
fn loaded_pages_ride_along_and_links_cannot_ask_for_more_than_the_limits() {
    let mut view = zaif_view();
    view.expansions = vec![Expansion::History {
        address: THIEF.into(),
        max_txs: 3_000,
    }];
    let link = permalink::encode(&view);
    assert_eq!(permalink::decode(&link), Ok(view.clone()));
    for too_many in [
        Expansion::History {
            address: THIEF.into(),
            max_txs: 100_001,
        },
        Expansion::Spenders {
            txid: Txid::parse(THEFT).unwrap(),
            max_txs: 5_001,
        },
        Expansion::Funders {
            txid: Txid::parse(THEFT).unwrap(),
            max_txs: 0,
        },
    ] {
        view.expansions = vec![too_many.clone()];
        let error = permalink::decode(&permalink::encode(&view)).expect_err("refused");
        assert!(error.to_string().contains("expansion size"), "{too_many:?}: {error}");
    }
}
