//! Data-driven rule tests. Every rule has fixtures in tests/fixtures/rules/:
//! `<rule-id>.trigger*.json` must produce a finding of that rule, `<rule-id>.near*.json` is a
//! design that nearly does and must not. Every fixture's full findings are compared with its
//! `.golden` file; run with `UPDATE_EXPECT=1` to rewrite the golden files after a deliberate change.
//!
//! A fixture is `{"base": "<template id>", "edits": [...]}` — a template with a few edits, so a
//! fixture says only what differs. Edits (applied to the template's JSON form, by id):
//! `{"op": "set", "field": F, "value": V}` (top-level field),
//! `{"op": "set_node", "id": N, "field": F, "value": V}`, `{"op": "set_param", "id": N, "key": K, "value": V}`,
//! `{"op": "remove_node", "id": N}` (also removes its edges), `{"op": "add_node", "node": {..}}`,
//! `{"op": "set_edge", "id": E, "field": F, "value": V}`, `{"op": "remove_edge", "id": E}`,
//! `{"op": "add_edge", "edge": {..}}`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

use kumozu::core::validate::{rules::RULES, validate, Finding};

fn render(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let nodes: Vec<&str> = f.nodes.iter().map(|n| n.as_str()).collect();
        let edges: Vec<&str> = f.edges.iter().map(|e| e.as_str()).collect();
        out.push_str(&format!(
            "{} {} nodes=[{}] edges=[{}]\n  en: {}\n  ja: {}\n",
            f.severity.id(),
            f.rule,
            nodes.join(","),
            edges.join(","),
            f.message.en,
            f.message.ja
        ));
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

#[test]
fn every_fixture_matches_its_golden_findings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut failures = Vec::new();
    let mut seen_trigger = std::collections::BTreeSet::new();
    let mut seen_near = std::collections::BTreeSet::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for path in &files {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let (rule_id, role) = stem
            .split_once('.')
            .expect("fixture named <rule>.<role>.json");
        let design = common::fixture(path);
        let findings = validate(&design);
        let has_rule = findings.iter().any(|f| f.rule == rule_id);
        if role.starts_with("trigger") {
            seen_trigger.insert(rule_id.to_owned());
            if !has_rule {
                failures.push(format!(
                    "{stem}: expected a finding of {rule_id}, got:\n{}",
                    render(&findings)
                ));
            }
        } else if role.starts_with("near") {
            seen_near.insert(rule_id.to_owned());
            if has_rule {
                failures.push(format!(
                    "{stem}: expected no finding of {rule_id}, got:\n{}",
                    render(&findings)
                ));
            }
        } else {
            failures.push(format!("{stem}: role must start with trigger or near"));
        }
        if let Err(e) = common::check_golden(&path.with_extension("golden"), &render(&findings)) {
            failures.push(format!("{stem}: {e}"));
        }
    }
    for rule in RULES {
        if !seen_trigger.contains(rule.id) {
            failures.push(format!("rule {} has no trigger fixture", rule.id));
        }
        if !seen_near.contains(rule.id) {
            failures.push(format!("rule {} has no near fixture", rule.id));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn templates_have_no_errors() {
    for t in kumozu::core::templates::TEMPLATES {
        let findings = validate(&t.design().unwrap());
        let errors: Vec<_> = findings
            .iter()
            .filter(|f| f.severity == kumozu::core::validate::Severity::Error)
            .collect();
        assert!(
            errors.is_empty(),
            "template {} has errors:\n{}",
            t.id,
            render(&findings)
        );
    }
}
