#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! Generated documentation stays true: docs/rules.md is rebuilt from the rule list and compared
//! (`UPDATE_EXPECT=1 cargo test --test docs` rewrites it).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

use kumozu::core::validate::rules::RULES;

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
        md.push_str(&format!(
            "\n## `{}` ({})\n\n**{}** / {}\n\n- Why: {}\n- 理由: {}\n- Fix: {}\n- 直し方: {}\n",
            r.id,
            r.severity.id(),
            r.title.en,
            r.title.ja,
            r.why.en,
            r.why.ja,
            r.fix.en,
            r.fix.ja
        ));
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    common::check_golden(&path, &md).unwrap();
}
