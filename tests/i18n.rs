#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! The UI's locale files (`locales/ja.json`, `locales/en.json`, read by leptos_i18n at build
//! time) are complete: the same keys in both, no empty value, the same interpolated values.
//!
//! leptos_i18n itself only warns when a key is missing in a non-default locale (and falls back
//! to Japanese), so this test is what makes a missing English string fail the build.

use std::collections::{BTreeMap, BTreeSet};

/// A locale file as key → string (the files are flat: one level, strings only).
fn load(lang: &str) -> BTreeMap<String, String> {
    let path = format!("{}/locales/{lang}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("{path}: not an object"));
    object
        .iter()
        .map(|(k, v)| {
            let s = v
                .as_str()
                .unwrap_or_else(|| panic!("{path}: {k} is not a string"));
            (k.clone(), s.to_owned())
        })
        .collect()
}

/// The names interpolated in a string: `{{ count }}` gives `count`.
fn variables(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        out.insert(after[..end].trim().to_owned());
        rest = &after[end + 2..];
    }
    out
}

/// Every problem found between two locales, as readable lines.
fn problems(ja: &BTreeMap<String, String>, en: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    for (lang, this, other) in [("en", ja, en), ("ja", en, ja)] {
        for key in this.keys().filter(|k| !other.contains_key(*k)) {
            out.push(format!("{key}: missing in {lang}.json"));
        }
    }
    for (lang, map) in [("ja", ja), ("en", en)] {
        for (key, value) in map.iter().filter(|(_, v)| v.trim().is_empty()) {
            out.push(format!("{key}: empty in {lang}.json ({value:?})"));
        }
    }
    for (key, j) in ja {
        if let Some(e) = en.get(key) {
            let (vj, ve) = (variables(j), variables(e));
            if vj != ve {
                out.push(format!(
                    "{key}: values {vj:?} in ja.json but {ve:?} in en.json"
                ));
            }
        }
    }
    out
}

#[test]
fn ja_and_en_have_the_same_keys_no_empty_value_and_the_same_variables() {
    let (ja, en) = (load("ja"), load("en"));
    assert!(ja.len() > 100, "only {} keys in ja.json", ja.len());
    let found = problems(&ja, &en);
    assert!(
        found.is_empty(),
        "locale files disagree:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_a_missing_key_an_empty_value_and_a_different_variable() {
    let map = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let ja = map(&[("a", "あ"), ("b", "{{ n }} 件"), ("c", " ")]);
    let en = map(&[("b", "{{ count }} items"), ("c", "C"), ("d", "D")]);
    assert_eq!(
        problems(&ja, &en),
        [
            "a: missing in en.json",
            "d: missing in ja.json",
            "c: empty in ja.json (\" \")",
            "b: values {\"n\"} in ja.json but {\"count\"} in en.json",
        ]
    );
}
