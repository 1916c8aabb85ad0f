//! The bundled label data: building, reading and looking up tags with their provenance, the
//! committed bundles against the shared data, and `spoor labels lookup`.

use std::process::Command;
use std::sync::Arc;

use spoor::chain::Chain;
use spoor::labels::book::{read_csv, LabelRow};
use spoor::labels::bundle::{self, BundleError, Dataset, Manifest};
use spoor::labels::{Category, LabelBook, LabelIndex};

const HEAD: &str = "chain,address,entity,category,source_url\n";
/// The Zaif thief's Bitcoin Cash address in its three forms.
const ZAIF_BCH: &str = "qrn0jwaq3at5hhxsne8gmg5uemudl57r05pdzu2nyd";
const ZAIF_BCH_LEGACY: &str = "1N4Gz8QqVs3yXfKos46G8JJwW8Mpcb41YJ";

fn dataset(name: &str) -> Dataset {
    Dataset {
        name: name.into(),
        title: format!("{name} title"),
        url: format!("https://example.org/{name}"),
        licence: "MIT".into(),
    }
}

fn rows(name: &str, body: &str) -> (Dataset, Vec<LabelRow>) {
    let (rows, warnings) = read_csv(&format!("{HEAD}{body}"), &format!("data/{name}.csv")).unwrap();
    assert!(
        warnings.iter().all(|w| w.to_string().contains("not supported")),
        "{warnings:?}"
    );
    (dataset(name), rows)
}

fn sample() -> Vec<(Dataset, Vec<LabelRow>)> {
    vec![
        rows(
            "first",
            &format!(
                "btc,1NDyJtNTjmwk5xPNhjgAMu4HDHigtobu1s,Binance,exchange,https://a.example\n\
                 bch,bitcoincash:{ZAIF_BCH},Zaif thief,theft,https://b.example\n\
                 eth,0x52908400098527886e0f7030069857d2e4169ee7,X,exchange,u\n"
            ),
        ),
        rows(
            "second",
            &format!(
                "btc,1NDyJtNTjmwk5xPNhjgAMu4HDHigtobu1s,\"Binance, deposit\",exchange,https://c.example\n\
                 btc,1NDyJtNTjmwk5xPNhjgAMu4HDHigtobu1s,Zaif hack recipient,theft,https://c.example\n\
                 btc,1NDyJtNTjmwk5xPNhjgAMu4HDHigtobu1s,\"Binance, deposit\",exchange,https://c.example\n\
                 bch,{ZAIF_BCH_LEGACY},Zaif (legacy form),theft,https://d.example\n"
            ),
        ),
    ]
}

fn book_of(built: &bundle::Built) -> LabelBook {
    let mut book = LabelBook::new();
    for (chain, bytes) in &built.files {
        book.add_bundle(Arc::new(LabelIndex::decode(*chain, bytes).unwrap()));
    }
    book
}

#[test]
fn an_address_keeps_every_tag_of_every_dataset_in_dataset_order() {
    let built = bundle::build(&sample());
    let book = book_of(&built);
    let tags = book.labels_of(Chain::Btc, "1NDyJtNTjmwk5xPNhjgAMu4HDHigtobu1s");
    let seen: Vec<(&str, Category, &str, &str)> = tags
        .iter()
        .map(|t| (t.entity.as_str(), t.category, t.source_url.as_str(), t.dataset.as_str()))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("Binance", Category::Exchange, "https://a.example", "first"),
            ("Binance, deposit", Category::Exchange, "https://c.example", "second"),
            ("Zaif hack recipient", Category::Theft, "https://c.example", "second"),
        ],
        "the exact repeat is dropped, disagreeing tags are all kept"
    );
    let provenance = book.dataset("second").unwrap();
    assert_eq!(
        (provenance.url.as_str(), provenance.licence.as_str()),
        ("https://example.org/second", "MIT")
    );
    assert!(book
        .labels_of(Chain::Btc, "1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w")
        .is_empty());
}

#[test]
fn a_bitcoin_cash_address_is_found_in_every_form_and_legacy_rows_join_it() {
    let book = book_of(&bundle::build(&sample()));
    for form in [
        ZAIF_BCH,
        &format!("bitcoincash:{ZAIF_BCH}"),
        ZAIF_BCH_LEGACY,
        &ZAIF_BCH.to_uppercase(),
    ] {
        let entities: Vec<String> = book.labels_of(Chain::Bch, form).into_iter().map(|t| t.entity).collect();
        assert_eq!(entities, ["Zaif thief", "Zaif (legacy form)"], "{form}");
    }
    assert!(book.is_labelled_canonical(Chain::Bch, ZAIF_BCH));
    assert!(
        book.labels_of(Chain::Btc, ZAIF_BCH_LEGACY).is_empty(),
        "another chain's tag"
    );
}

#[test]
fn the_manifest_counts_each_chains_file_and_the_build_is_deterministic() {
    let built = bundle::build(&sample());
    let again = bundle::build(&sample());
    assert_eq!(built, again);
    let manifest = Manifest::from_json(&serde_json::to_string(&built.manifest).unwrap()).unwrap();
    assert_eq!(manifest.file_of(Chain::Btc), Some("btc.labels"));
    assert_eq!(manifest.file_of(Chain::Mona), None);
    let btc = &manifest.chains["btc"];
    assert_eq!(
        (btc.addresses, btc.tags, btc.bytes),
        (1, 3, built.files[&Chain::Btc].len())
    );
    assert!(Manifest::from_json(r#"{"format":"other","version":1,"datasets":[],"chains":{}}"#).is_err());
}

#[test]
fn a_damaged_bundle_is_an_error_never_a_panic() {
    let built = bundle::build(&sample());
    let bytes = &built.files[&Chain::Btc];
    assert_eq!(
        LabelIndex::decode(Chain::Btc, b"not deflate").unwrap_err(),
        BundleError::Inflate
    );
    assert!(matches!(
        LabelIndex::decode(Chain::Bch, bytes),
        Err(BundleError::WrongChain { .. })
    ));
    for cut in [1, bytes.len() / 2, bytes.len() - 1] {
        assert!(LabelIndex::decode(Chain::Btc, &bytes[..cut]).is_err(), "cut at {cut}");
    }
    let bad_lines = [
        "spoor-labels\t2\tbtc\n",
        "spoor-labels\t1\tbtc\nA\t1abc\t0.exchange.0.0\n",
        "spoor-labels\t1\tbtc\nD\ta\tb\tc\td\nE\te\nS\ts\nA\t1b\t0.exchange.0.0\nA\t1a\t0.exchange.0.0\n",
        "spoor-labels\t1\tbtc\nD\ta\tb\tc\td\nE\te\nS\ts\nA\t1b\t0.casino.0.0\n",
        "spoor-labels\t1\tbtc\nX\t?\n",
    ];
    for text in bad_lines {
        let deflated = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 6);
        assert!(LabelIndex::decode(Chain::Btc, &deflated).is_err(), "{text:?}");
    }
}

/// The committed bundles are what `spoor labels bundle` makes of the shared label data (skipped,
/// with a note, where the shared data is not beside the repository).
#[test]
fn the_committed_bundles_are_built_from_the_shared_label_data() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/data/labels");
    if !shared.is_dir() {
        eprintln!("../shared/data/labels is not here: the committed bundles are not compared");
        return;
    }
    let out = tempdir("bundle");
    let mut files: Vec<_> = std::fs::read_dir(&shared)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    let status = Command::new(env!("CARGO_BIN_EXE_spoor"))
        .args(["labels", "bundle", "--datasets"])
        .arg(root.join("data/label-datasets.csv"))
        .arg("--out")
        .arg(&out)
        .args(&files)
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    for name in ["index.json", "btc.labels", "bch.labels", "ltc.labels", "doge.labels"] {
        let fresh = std::fs::read(out.join(name)).unwrap();
        let committed = std::fs::read(root.join("data/labels").join(name)).unwrap();
        assert!(
            fresh == committed,
            "data/labels/{name} differs from a fresh build: run scripts/refresh-labels.sh"
        );
    }
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("labels-{name}"));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn lookup(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_spoor"))
        .args(["labels", "lookup"])
        .args(args)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn lookup_prints_every_tag_of_the_bundled_data_with_its_provenance() {
    // OFAC and GraphSense both list Hydra's address: both tags show, with their datasets.
    let (ok, text) = lookup(&["btc", "123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX", "--json"]);
    assert!(ok, "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let tags = json["tags"].as_array().unwrap();
    assert!(tags.len() >= 2, "{text}");
    let datasets: Vec<&str> = tags.iter().map(|t| t["dataset"].as_str().unwrap()).collect();
    assert!(
        datasets.contains(&"ofac_sdn") && datasets.contains(&"graphsense_tagpacks"),
        "{datasets:?}"
    );
    for tag in tags {
        for field in [
            "entity",
            "category",
            "source_url",
            "dataset_title",
            "dataset_url",
            "dataset_licence",
        ] {
            assert!(tag[field].as_str().is_some_and(|v| !v.is_empty()), "{field} in {tag}");
        }
    }
    let (ok, text) = lookup(&["btc", "1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w"]);
    assert!(
        ok && text.contains("Zaif hack") && text.contains("dataset:  lazarus_bluenoroff_research"),
        "{text}"
    );
}

#[test]
fn lookup_accepts_every_form_of_a_bitcoin_cash_address() {
    // An OFAC-listed BCH address (SOUTHFRONT), as cashaddr with and without prefix and as legacy.
    let cash = "qpf2cphc5dkuclkqur7lhj2yuqq9pk3hmukle77vhq";
    let legacy = spoor::chain::Address::parse(Chain::Bch, cash)
        .unwrap()
        .legacy_text()
        .unwrap();
    let mut outputs = Vec::new();
    for form in [cash.to_string(), format!("bitcoincash:{cash}"), legacy] {
        let (ok, text) = lookup(&["bch", &form]);
        assert!(ok, "{form}: {text}");
        assert!(
            text.contains("SOUTHFRONT") && text.contains(&format!("bch {cash}:")),
            "{form}: {text}"
        );
        outputs.push(text);
    }
    assert!(outputs.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn lookup_reads_extra_files_and_says_when_there_is_no_tag_or_the_address_is_wrong() {
    let dir = tempdir("extra");
    let file = dir.join("mine.csv");
    std::fs::write(
        &file,
        format!("{HEAD}btc,1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w,My note,other,urn:me\n"),
    )
    .unwrap();
    let (ok, text) = lookup(&[
        "btc",
        "1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w",
        "--no-bundled-labels",
        "--labels",
        file.to_str().unwrap(),
    ]);
    assert!(
        ok && text.contains("1 tag") && text.contains("dataset:  mine"),
        "{text}"
    );
    let (ok, text) = lookup(&["btc", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"]);
    assert!(ok && text.contains("no tags"), "{text}");
    let (ok, text) = lookup(&["btc", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"]);
    assert!(!ok && text.to_lowercase().contains("checksum"), "{text}");
    let (ok, text) = lookup(&["eth", "0x00"]);
    assert!(!ok && text.contains("unknown chain"), "{text}");
}
