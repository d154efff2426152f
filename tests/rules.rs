#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! Data-driven rule tests. Every rule has fixtures in tests/fixtures/rules/:
//! `<rule-id>.trigger*.json` must produce a finding of that rule, `<rule-id>.near*.json` is a
//! design that nearly does and must not. Every fixture's full findings are compared with its
//! `.golden` file; run with `UPDATE_EXPECT=1` to rewrite the golden files after a deliberate change.
//!
//! A fixture is `{"about": "...", "base": "<template id>", "edits": [...]}` — a template with a
//! few edits, so a fixture says only what differs (`about`, optional, says what it shows). The
//! seed-derived mistakes are `<rule-id>.trigger-seed-*.json`, made from the Party Box (or
//! EC-site) template. Edits (applied to the template's JSON form, by id):
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
    for t in kumozu::core::document::templates::TEMPLATES {
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

/// The mistakes a student of the chapter is most likely to make, each a fixture made from the
/// Party Box template, and the rules that must name them (in both languages).
const SEED_MISTAKES: &[(&str, &[&str])] = &[
    (
        "alb-in-public-subnet.trigger-seed-alb-in-private",
        &["alb-in-public-subnet"],
    ),
    (
        "rds-in-private-subnet.trigger-seed-rds-in-public",
        &["rds-in-private-subnet"],
    ),
    (
        "alb-rule-shadowed.trigger-seed-catch-all-first",
        &["alb-rule-shadowed", "party-box-routes"],
    ),
    (
        "socketio-sticky.trigger-seed-no-stickiness",
        &["socketio-sticky"],
    ),
    ("alb-two-azs.trigger-seed-one-az", &["alb-two-azs"]),
    (
        "fargate-cpu-memory.trigger-seed-quarter-vcpu-4gb",
        &["fargate-cpu-memory"],
    ),
    (
        "ssr-not-on-s3.trigger-seed-nextjs-on-s3",
        &["ssr-not-on-s3"],
    ),
    (
        "fargate-image-pull.trigger-seed-no-nat",
        &["fargate-image-pull"],
    ),
    // The EC-site diagram of Part 4 drawn literally (`ElastiCache --> RDS`).
    ("rds-access.trigger-seed-cache-to-rds", &["rds-access"]),
];

#[test]
fn seed_mistakes_are_named_in_both_languages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    for (fixture, rules) in SEED_MISTAKES {
        let findings = validate(&common::fixture(&dir.join(format!("{fixture}.json"))));
        for rule in *rules {
            let f = findings
                .iter()
                .find(|f| f.rule == *rule)
                .unwrap_or_else(|| panic!("{fixture}: no {rule} finding:\n{}", render(&findings)));
            assert!(
                !f.message.ja.is_empty()
                    && !f.message.en.is_empty()
                    && f.message.ja != f.message.en,
                "{fixture}: {rule} needs a message in both languages"
            );
            assert!(
                f.message
                    .ja
                    .chars()
                    .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
                "{fixture}: {rule}'s Japanese message has no kana: {}",
                f.message.ja
            );
        }
    }
}

#[test]
fn party_box_template_has_no_errors() {
    let design = kumozu::core::document::templates::find("party-box")
        .expect("the party-box template exists")
        .design()
        .expect("the party-box template loads");
    let findings = validate(&design);
    assert!(
        findings
            .iter()
            .all(|f| f.severity != kumozu::core::validate::Severity::Error),
        "party-box has errors:\n{}",
        render(&findings)
    );
}

/// Random valid designs: random kinds with random parameters from each parameter's type,
/// random parents among earlier containers (so no cycles), random edges of every kind with
/// ALB rules drawn from a small pattern alphabet. Validation must not panic, and every id a
/// finding names must exist.
mod random_designs {
    use super::*;
    use kumozu::core::document::catalogue::{ParamType, EDGE_KINDS, KINDS};
    use kumozu::core::document::region::Region;
    use kumozu::core::format::load::load_value;
    use proptest::prelude::*;
    use proptest::sample::Index;
    use serde_json::{json, Map, Value};

    const LABELS: &[&str] = &["", "Next.js (SSR)", "NestJS", "ssr", "静的 next", "x"];
    const TEXTS: &[&str] = &["", "example.com", "10.0.0.0/16", "Next"];

    #[derive(Debug, Clone)]
    struct NodeSpec {
        kind: usize,
        parent: Index,
        seeds: Vec<u32>,
        label: usize,
    }

    #[derive(Debug, Clone)]
    struct EdgeSpec {
        from: Index,
        to: Index,
        kind: usize,
        force_rule: bool,
        priority: u32,
        pattern: String,
    }

    fn node_spec() -> impl Strategy<Value = NodeSpec> {
        (
            0..KINDS.len(),
            any::<Index>(),
            prop::collection::vec(any::<u32>(), 16),
            0..LABELS.len(),
        )
            .prop_map(|(kind, parent, seeds, label)| NodeSpec {
                kind,
                parent,
                seeds,
                label,
            })
    }

    fn edge_spec() -> impl Strategy<Value = EdgeSpec> {
        (
            any::<Index>(),
            any::<Index>(),
            0..EDGE_KINDS.len(),
            any::<bool>(),
            1u32..6,
            "[/a*?.]{0,6}",
        )
            .prop_map(|(from, to, kind, force_rule, priority, pattern)| EdgeSpec {
                from,
                to,
                kind,
                force_rule,
                priority,
                pattern,
            })
    }

    /// A value of `ty` picked by `seed`, biased towards the ends of ranges.
    fn value(ty: ParamType, seed: u32) -> Value {
        let s = seed as usize;
        match ty {
            ParamType::Number { min, max } => match s % 4 {
                0 => json!(min),
                1 => json!(max),
                2 => json!((min + max) / 2.0),
                _ => json!(min + (seed as f64 / u32::MAX as f64) * (max - min)),
            },
            ParamType::Integer { min, max } => {
                let span = (max - min).clamp(0, 9) as usize + 1;
                match s % 3 {
                    0 => json!(min),
                    1 => json!(max),
                    _ => json!(min + (s / 3 % span) as i64),
                }
            }
            ParamType::Choice(c) => json!(c[s % c.len()]),
            ParamType::NumberChoice(c) => json!(c[s % c.len()]),
            ParamType::Bool => json!(s % 2 == 0),
            ParamType::Text => json!(TEXTS[s % TEXTS.len()]),
            ParamType::AzList => {
                let letters: Vec<&str> = ["a", "b", "c", "d", "z"]
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| seed >> i & 1 == 1)
                    .map(|(_, l)| l)
                    .collect();
                if letters.is_empty() {
                    json!(["a"])
                } else {
                    json!(letters)
                }
            }
        }
    }

    fn design(
        region: usize,
        follows_course: bool,
        nodes: &[NodeSpec],
        edges: &[EdgeSpec],
    ) -> Value {
        let mut out_nodes = Vec::new();
        let mut containers: Vec<String> = Vec::new();
        for (i, n) in nodes.iter().enumerate() {
            let info = &KINDS[n.kind];
            let id = format!("n{i}");
            let mut params = Map::new();
            for (j, spec) in info.params.iter().enumerate() {
                let seed = n.seeds[j % n.seeds.len()].rotate_left(j as u32);
                if seed % 11 != 0 {
                    params.insert(spec.key.to_owned(), value(spec.ty, seed));
                }
            }
            let mut node = json!({
                "id": id,
                "kind": info.id,
                "label": LABELS[n.label],
                "params": params,
            });
            // One choice in (containers + 1) is "no parent".
            let pick = n.parent.index(containers.len() + 1);
            if pick < containers.len() {
                node["parent"] = json!(containers[pick]);
            }
            if info.container {
                containers.push(id);
            }
            out_nodes.push(node);
        }
        let mut out_edges = Vec::new();
        if !nodes.is_empty() {
            for (i, e) in edges.iter().enumerate() {
                let (from, to) = (e.from.index(nodes.len()), e.to.index(nodes.len()));
                if from == to {
                    continue;
                }
                let kind = if e.force_rule {
                    "alb_rule"
                } else {
                    EDGE_KINDS[e.kind].id
                };
                let mut edge = json!({
                    "id": format!("e{i}"),
                    "kind": kind,
                    "from": format!("n{from}"),
                    "to": format!("n{to}"),
                });
                if kind == "alb_rule" {
                    edge["rule"] = json!({"priority": e.priority, "path_pattern": e.pattern});
                }
                out_edges.push(edge);
            }
        }
        json!({
            "format": "kumozu-design",
            "version": 1,
            "name": "random",
            "region": Region::ALL[region].code(),
            "follows_course": follows_course,
            "nodes": out_nodes,
            "edges": out_edges,
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn validation_never_panics_and_names_only_existing_ids(
            region in 0..Region::ALL.len(),
            follows_course in any::<bool>(),
            nodes in prop::collection::vec(node_spec(), 0..24),
            edges in prop::collection::vec(edge_spec(), 0..40),
        ) {
            let doc = design(region, follows_course, &nodes, &edges);
            let design = match load_value(doc) {
                Ok(l) => l.design,
                Err(e) => return Err(TestCaseError::fail(format!("generator made an invalid design: {e}"))),
            };
            for f in validate(&design) {
                for n in &f.nodes {
                    prop_assert!(design.nodes.contains_key(n), "{} names missing node {n}", f.rule);
                }
                for e in &f.edges {
                    prop_assert!(design.edges.contains_key(e), "{} names missing edge {e}", f.rule);
                }
                prop_assert!(!f.message.ja.is_empty() && !f.message.en.is_empty(), "{}: empty message", f.rule);
            }
        }
    }
}
