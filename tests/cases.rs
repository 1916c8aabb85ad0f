//! The compiled-in case gallery: the files parse, every address is one of its chain, and every
//! case the issue lists is there with the routes its links open.

use spoor::cases::{gallery, Case, CaseTrace, Confidence, Gallery};
use spoor::chain::{Address, Chain};
use spoor::route::Target;

fn the_gallery() -> Gallery {
    gallery().expect("the compiled-in case files parse")
}

fn case<'a>(gallery: &'a Gallery, id: &str) -> &'a Case {
    gallery
        .cases
        .iter()
        .find(|case| case.id == id)
        .unwrap_or_else(|| panic!("case {id} is listed"))
}

fn routes(case: &Case) -> Vec<String> {
    case.traces().iter().map(CaseTrace::href).collect()
}

#[test]
fn every_entry_parses_as_an_address_or_transaction_of_its_chain() {
    let gallery = the_gallery();
    for entry in gallery.cases.iter().flat_map(|case| &case.entries) {
        match &entry.target {
            Target::Address(address) => {
                let parsed = Address::parse(entry.chain, &entry.address_or_txid)
                    .unwrap_or_else(|err| panic!("{}: {err}", entry.address_or_txid));
                assert_eq!(&parsed, address);
                assert_eq!(address.chain(), entry.chain);
            }
            Target::Tx(chain, txid) => {
                assert_eq!(*chain, entry.chain);
                assert_eq!(txid.as_str(), entry.address_or_txid);
            }
        }
        assert!(entry.source_url.starts_with("https://"), "{}", entry.source_url);
    }
}

#[test]
fn zaif_opens_its_btc_bch_and_mona_thieves() {
    let gallery = the_gallery();
    let zaif = case(&gallery, "zaif-2018");
    assert_eq!(
        routes(zaif),
        [
            "#/btc/address/1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w",
            "#/bch/address/qrn0jwaq3at5hhxsne8gmg5uemudl57r05pdzu2nyd",
            "#/mona/address/MBEYH8JuAHynTA7unLjon7p7im2U9JbitV",
        ]
    );
    let chains: Vec<Chain> = zaif.traces().iter().map(|t| t.chain).collect();
    assert_eq!(chains, [Chain::Btc, Chain::Bch, Chain::Mona]);
    assert_eq!(zaif.date, "2018-09-14");
    // The Crystal report, the Binance follow-up and the Japanese write-up.
    assert_eq!(zaif.sources().len(), 3);
}

#[test]
fn every_case_of_the_issue_is_listed_with_the_route_of_its_thief() {
    let gallery = the_gallery();
    let expected = [
        ("bitfinex-2016", "#/btc/address/1CGA4srJbPWhtJb7ezgY6GQf4PKhFuzD9w"),
        ("nicehash-2017", "#/btc/address/1EnJHhq8Jq8vDuZA5ahVh6H4t6jh1mB4rq"),
        ("wannacry-2017", "#/btc/address/13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94"),
        ("colonial-2021", "#/btc/address/15JFh88FcE4WL6qeMLgX5VEAFCbRXjc9fr"),
        (
            "twitter-2020",
            "#/btc/address/bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh",
        ),
        ("mtgox-2014", "#/btc/address/1FeexV6bAHb8ybZjqQMjJrcCrHGW9sb6uF"),
    ];
    for (id, route) in expected {
        assert_eq!(routes(case(&gallery, id)), [route], "{id}");
    }
    let ids: Vec<&str> = gallery.cases.iter().map(|case| case.id.as_str()).collect();
    assert_eq!(ids[0], "zaif-2018", "file order");
    assert_eq!(ids.len(), 7);
}

#[test]
fn mt_gox_alone_is_marked_low_confidence() {
    let gallery = the_gallery();
    let low: Vec<&str> = gallery
        .cases
        .iter()
        .filter(|case| case.confidence == Confidence::Low)
        .map(|case| case.id.as_str())
        .collect();
    assert_eq!(low, ["mtgox-2014"]);
    assert_eq!(case(&gallery, "bitfinex-2016").confidence, Confidence::High);
    assert_eq!(case(&gallery, "zaif-2018").confidence, Confidence::Medium);
}

#[test]
fn coincheck_bitstamp_and_poloniex_are_listed_with_the_reason_they_cannot_be_traced() {
    let gallery = the_gallery();
    let listed: Vec<(&str, &str)> = gallery
        .untraceable
        .iter()
        .map(|case| (case.id.as_str(), case.date.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            ("coincheck-2018", "2018-01-26"),
            ("bitstamp-2015", "2015-01-04"),
            ("poloniex-2014", "2014-03-04")
        ]
    );
    let coincheck = &gallery.untraceable[0];
    assert!(coincheck.reason.contains("account-based"), "{}", coincheck.reason);
    assert!(coincheck.amount.contains("523 million XEM"));
    for case in &gallery.untraceable[1..] {
        assert!(
            case.reason.contains("No theft address has been published"),
            "{}",
            case.reason
        );
    }
    for case in &gallery.untraceable {
        assert!(case.source_url.starts_with("https://en.wikipedia.org/wiki/"));
        assert!(!case.amount.is_empty());
    }
}

#[test]
fn the_synthetic_demo_opens_each_parseable_route_on_its_chain() {
    let routes = [
        "/btc/address/1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w".to_string(),
        "/bch/address/bitcoincash:qrn0jwaq3at5hhxsne8gmg5uemudl57r05pdzu2nyd".to_string(),
        "/eth/address/0x00".to_string(),
        "/mona/address/MBEYH8JuAHynTA7unLjon7p7im2U9JbitV".to_string(),
    ];
    let traces = spoor::cases::demo_traces(&routes);
    let shown: Vec<(Chain, String)> = traces.iter().map(|t| (t.chain, t.href())).collect();
    assert_eq!(
        shown,
        [
            (
                Chain::Btc,
                "#/btc/address/1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w".to_string()
            ),
            (
                Chain::Bch,
                "#/bch/address/qrn0jwaq3at5hhxsne8gmg5uemudl57r05pdzu2nyd".to_string()
            ),
            (
                Chain::Mona,
                "#/mona/address/MBEYH8JuAHynTA7unLjon7p7im2U9JbitV".to_string()
            ),
        ]
    );
}
