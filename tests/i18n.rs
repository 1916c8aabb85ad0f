#![cfg(not(target_arch = "wasm32"))]
//! Every text the code asks for exists in English, German, Chinese and Japanese, with the same
//! placeholders; the locale files follow the one format they are written in.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use spoor::i18n::Lang;

/// key → language → text, from every locales/*.yml (rust-i18n's `_version: 2` layout: a key at
/// the line start, then `  <lang>: "<text>"` lines).
fn locale_texts() -> BTreeMap<String, BTreeMap<String, String>> {
    let mut texts: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("_version: 2"),
            "{} starts with _version: 2",
            file.display()
        );
        let mut key: Option<String> = None;
        for line in lines.filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')) {
            if let Some(name) = line.strip_suffix(':').filter(|_| !line.starts_with(' ')) {
                assert!(
                    !texts.contains_key(name),
                    "{name} is defined twice ({})",
                    file.display()
                );
                texts.insert(name.to_string(), BTreeMap::new());
                key = Some(name.to_string());
                continue;
            }
            let (lang, value) = line
                .trim_start()
                .split_once(": ")
                .unwrap_or_else(|| panic!("{}: cannot read {line:?}", file.display()));
            assert!(
                line.starts_with("  "),
                "{}: {line:?} belongs under a key",
                file.display()
            );
            let value = value.trim();
            assert!(
                value.len() >= 2 && value.starts_with('"') && value.ends_with('"'),
                "{}: quote every text: {line:?}",
                file.display()
            );
            let key = key
                .as_ref()
                .unwrap_or_else(|| panic!("{}: {line:?} before any key", file.display()));
            texts
                .get_mut(key)
                .unwrap()
                .insert(lang.to_string(), value[1..value.len() - 1].to_string());
        }
    }
    texts
}

/// `%{name}` placeholders of a text.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split("%{")
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

/// Every key the code passes to `tr!` (first string literal after the language).
fn keys_used() -> BTreeSet<String> {
    fn walk(dir: &Path, keys: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, keys);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let calls = text.match_indices("tr!(").filter(|(at, _)| {
                    // `tr!(` itself, not `include_str!(` or another macro ending in "tr".
                    !text[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
                });
                for call in calls.map(|(at, _)| &text[at + 4..]) {
                    // tr!(lang, "key" …): the text between the first pair of quotes, before the
                    // call's first `)` (a key passed as a variable is not a literal to check).
                    let head = call.split_once(')').map_or(call, |(head, _)| head);
                    let Some((_, rest)) = head.split_once('"') else {
                        continue;
                    };
                    let Some((key, _)) = rest.split_once('"') else { continue };
                    if key.contains('.') && !key.contains(' ') {
                        keys.insert(key.to_string());
                    }
                }
            }
        }
    }
    let mut keys = BTreeSet::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut keys);
    keys
}

#[test]
fn every_key_is_in_every_language_with_the_same_placeholders() {
    let texts = locale_texts();
    assert!(!texts.is_empty());
    for (key, by_lang) in &texts {
        let english = by_lang.get("en").unwrap_or_else(|| panic!("{key} has no English text"));
        for lang in Lang::ALL {
            let text = by_lang
                .get(lang.code())
                .unwrap_or_else(|| panic!("{key} has no {} text", lang.code()));
            assert!(!text.trim().is_empty(), "{key} is empty in {}", lang.code());
            assert_eq!(placeholders(text), placeholders(english), "{key} in {}", lang.code());
        }
        let extra: Vec<&String> = by_lang.keys().filter(|l| Lang::from_tag(l).is_none()).collect();
        assert!(
            extra.is_empty(),
            "{key} has texts in languages the interface does not offer: {extra:?}"
        );
    }
}

#[test]
fn every_key_the_code_uses_is_defined() {
    let texts = locale_texts();
    let used = keys_used();
    assert!(
        used.contains("common.unconfirmed"),
        "the scan finds tr! calls: {used:?}"
    );
    let missing: Vec<&String> = used.iter().filter(|k| !texts.contains_key(*k)).collect();
    assert!(missing.is_empty(), "keys used but not in locales/: {missing:?}");
}

#[test]
fn the_compiled_texts_answer_in_each_language() {
    let status = spoor::chain::TxStatus::Unconfirmed;
    let answers: Vec<String> = Lang::ALL
        .into_iter()
        .map(|lang| spoor::i18n::status(lang, &status))
        .collect();
    assert_eq!(answers, ["unconfirmed", "unbestätigt", "未确认", "未承認"]);
}
