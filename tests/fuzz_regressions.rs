#![cfg(not(target_arch = "wasm32"))]
//! Inputs the fuzz targets (`fuzz/`, run by `scripts/fuzz.sh`) found failing, kept as native
//! tests. Each crashing input is also in the fuzz corpus as `fuzz/corpus/<target>/crash-*`.

use spoor::chain::{Address, Chain};
use spoor::labels::user::{UserLabel, UserLabels, MAX_LABEL_CHARS};
use spoor::labels::Category;
use spoor::permalink::{self, ViewState};
use spoor::route::Target;

/// `labels_csv`, `fuzz/corpus/labels_csv/crash-user-label-cut-ends-in-white-space`: a label
/// longer than the kept 120 characters, cut inside a run of form feeds. The cut label ended in
/// white space, so exporting the reader's labels and importing them again changed the label
/// (the second tidy trimmed it).
const LABEL_CUT_INSIDE_WHITE_SPACE: &str = concat!(
    "chain,address,entity,category,source_url\n",
    "bch,qrgxyhj8rzl4l7fgauu6q6vtu2grct4jeyrnaq2s75,CoinEx hack \0\0\0\0\0\0azarus attributed) (theft addre",
    "\x0c\x0c\x0c\x0c\x0cltc",
    "\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c",
    "\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c",
    "\x0c\x0c\x0c\x0c\x0c\x0c",
    "-09s att),theft,hm\n",
);

#[test]
fn a_user_label_cut_inside_white_space_survives_export_and_import() {
    let labels = UserLabels::from_csv(LABEL_CUT_INSIDE_WHITE_SPACE, "fuzz.csv").unwrap();
    let label = labels
        .get(Chain::Bch, "qrgxyhj8rzl4l7fgauu6q6vtu2grct4jeyrnaq2s75")
        .unwrap();
    assert!(label.label.chars().count() <= MAX_LABEL_CHARS);
    assert_eq!(label.label.trim(), label.label, "a kept label is trimmed");
    assert_eq!(
        UserLabels::from_csv(&labels.to_csv(), "export.csv").unwrap(),
        labels,
        "export → import keeps the labels"
    );
}

/// The same cut through a shared link: the label a link carries is tidied when read, and a
/// link written from the view it opened must read back to that view.
#[test]
fn a_links_user_label_cut_inside_white_space_reads_back_the_same() {
    let thief = "1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w";
    let mut view = ViewState::of(Target::Address(Address::parse(Chain::Btc, thief).unwrap()));
    view.user_labels = vec![UserLabel {
        chain: Chain::Btc,
        key: thief.into(),
        label: format!("x{}y", " ".repeat(MAX_LABEL_CHARS)),
        category: Category::Theft,
        note: format!("n{}m", "\u{3000}".repeat(spoor::labels::user::MAX_NOTE_CHARS)),
    }];
    let opened = permalink::decode(&permalink::encode(&view)).unwrap();
    assert_eq!(
        (
            opened.user_labels[0].label.as_str(),
            opened.user_labels[0].note.as_str()
        ),
        ("x", "n")
    );
    assert_eq!(permalink::decode(&permalink::encode(&opened)), Ok(opened));
}
