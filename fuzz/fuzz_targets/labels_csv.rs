//! Label files: the five-column label CSV (`labels::book::read_csv`, `LabelBook::from_csv`; files
//! named in config.json or `--labels`), the reader's own labels imported from CSV or read from
//! the browser's storage (`labels::user::UserLabels`), and the bundles' `index.json`.
//!
//! Input: a file's text (a seed is a label CSV). Invariants: every row read is found again under
//! its address; the reader's labels round-trip through their CSV export and their JSON storage;
//! bundles built from the rows read back (with every tag, where no field holds a tab or line
//! break, which the one-line bundle format turns into spaces); a manifest round-trips.

#![no_main]

use libfuzzer_sys::fuzz_target;
use spoor::labels::book::{normalise, read_csv};
use spoor::labels::bundle::{self, Manifest};
use spoor::labels::user::UserLabels;
use spoor::labels::{Dataset, LabelBook, LabelIndex};

const ORIGIN: &str = "https://example.invalid/labels/fuzz.csv";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match LabelBook::from_csv(text, ORIGIN) {
        Ok((book, warnings)) => {
            let (rows, again) = read_csv(text, ORIGIN).expect("the same file reads twice");
            assert_eq!(again, warnings);
            for warning in &warnings {
                let _ = warning.to_string();
            }
            for row in &rows {
                let tags = book.labels_of(row.chain, &row.address);
                assert!(tags.contains(&row.label), "{row:?} not found again");
            }
            check_bundles(&rows);
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
    match UserLabels::from_csv(text, ORIGIN) {
        Ok(labels) => {
            let csv = labels.to_csv();
            assert_eq!(
                UserLabels::from_csv(&csv, "export.csv").as_ref(),
                Ok(&labels),
                "export → import keeps the labels; export:\n{csv}"
            );
            assert_eq!(UserLabels::from_json(&labels.to_json()), labels, "storage round trip");
            let mut book = LabelBook::new();
            labels.add_to(&mut book);
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
    let _ = UserLabels::from_json(text);
    if let Ok(manifest) = Manifest::from_json(text) {
        let json = serde_json::to_string(&manifest).expect("a manifest serialises");
        assert_eq!(Manifest::from_json(&json), Ok(manifest));
    }
});

fn check_bundles(rows: &[spoor::labels::book::LabelRow]) {
    let dataset = Dataset {
        name: "fuzz".into(),
        title: "Fuzzed labels".into(),
        url: ORIGIN.into(),
        licence: "none stated".into(),
    };
    let built = bundle::build(&[(dataset, rows.to_vec())]);
    for (chain, bytes) in &built.files {
        let index = LabelIndex::decode(*chain, bytes).expect("a built bundle reads back");
        let one_line = |text: &str| !text.contains(['\t', '\n', '\r']);
        for row in rows.iter().filter(|row| row.chain == *chain) {
            let label = &row.label;
            if one_line(&row.address) && one_line(&label.entity) && one_line(&label.source_url) {
                let tags = index.labels_of(&normalise(*chain, &row.address));
                assert!(tags.contains(label), "{row:?} not in the bundle");
            }
        }
    }
    let json = serde_json::to_string(&built.manifest).expect("a manifest serialises");
    assert_eq!(Manifest::from_json(&json), Ok(built.manifest));
}
