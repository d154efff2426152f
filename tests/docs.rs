#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! Generated files stay true: docs/rules.md and public/explain.json (the explanations the
//! browser app fetches on demand) are rebuilt from the rule list and compared
//! (`UPDATE_EXPECT=1 cargo test --test docs` rewrites them).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

use kumozu::core::validate::rules::RULES;
use kumozu::core::validate::{explanations_json, why};

#[test]
fn rules_md_lists_every_rule() {
    let mut md = String::from(
        "# Validation rules\n\n\
         Generated from `src/core/validate/rules/` by `tests/docs.rs` \
         (`UPDATE_EXPECT=1 cargo test --test docs` refreshes it). Rule ids are stable.\n\n\
         | id | severity | rule | ルール |\n|----|----------|------|--------|\n",
    );
    for r in RULES {
        md.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            r.id,
            r.severity.id(),
            r.title.en,
            r.title.ja
        ));
    }
    for r in RULES {
        let why = why(r.id).expect("every rule has an explanation");
        md.push_str(&format!(
            "\n## `{}` ({})\n\n**{}** / {}\n\n- Why: {}\n- 理由: {}\n- Fix: {}\n- 直し方: {}\n",
            r.id,
            r.severity.id(),
            r.title.en,
            r.title.ja,
            why.en,
            why.ja,
            r.fix.en,
            r.fix.ja
        ));
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    common::check_golden(&path, &md).unwrap();
}

#[test]
fn explain_json_has_every_rules_explanation() {
    let text = explanations_json();
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
    let map = parsed.as_object().unwrap();
    assert_eq!(map.len(), RULES.len(), "one explanation per rule");
    for r in RULES {
        let why = &map[r.id];
        assert!(
            !why["ja"].as_str().unwrap().is_empty(),
            "{}: no Japanese",
            r.id
        );
        assert!(
            !why["en"].as_str().unwrap().is_empty(),
            "{}: no English",
            r.id
        );
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/explain.json");
    common::check_golden(&path, &text).unwrap();
}
