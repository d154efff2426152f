#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! The cost engine against golden cost lines (templates and a design with every priced kind,
//! per region), the shipped pricing tables against the engine's declarations, and properties
//! of estimates over random designs. Refresh the golden files with `UPDATE_EXPECT=1`.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use kumozu::core::cost::kinds::{all_price_keys, PRICED_KINDS};
use kumozu::core::cost::{
    estimate, estimate_range, estimate_scenario, render_text, Estimate, LineStatus, PriceEntry,
    PriceTable, Scenario,
};
use kumozu::core::document::catalogue::{Kind, ParamType, KINDS, USAGE};
use kumozu::core::document::model::{Design, Node, NodeId, ParamValue, Point};
use kumozu::core::document::region::Region;
use kumozu::core::support::i18n::Lang;
use kumozu::core::{load_json, templates};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cost")
}

fn table(region: Region) -> PriceTable {
    PriceTable::bundled(region).unwrap_or_else(|e| panic!("{region}: {e}"))
}

/// The estimate of `design` placed in `region`, rendered as the golden files hold it: every
/// line, the total, then the auto-scaling range.
fn check(design: &Design, region: Region) -> String {
    let mut d = design.clone();
    d.region = region;
    let t = table(region);
    let e = estimate(&d, &t);
    let r = estimate_range(&d, &t);
    assert_eq!(e, r.expected);
    format!(
        "{}range low {} | expected {} | high {}\n",
        render_text(&e, Lang::En),
        r.low.total_monthly_usd,
        r.expected.total_monthly_usd,
        r.high.total_monthly_usd
    )
}

fn golden(name: &str, region: Region, design: &Design) {
    let path = fixtures().join(format!("{name}.{}.golden", region.code()));
    if let Err(e) = common::check_golden(&path, &check(design, region)) {
        panic!("{e}");
    }
}

fn template(id: &str) -> Design {
    templates::find(id)
        .unwrap_or_else(|| panic!("no template {id}"))
        .design()
        .unwrap_or_else(|e| panic!("{id}: {e:?}"))
}

fn every_kind() -> Design {
    let text = std::fs::read_to_string(fixtures().join("every-kind.json")).unwrap();
    load_json(&text).expect("the fixture loads").design
}

#[test]
fn templates_against_golden_cost_lines() {
    for id in ["party-box", "ec-site"] {
        for region in [Region::UsEast1, Region::ApNortheast1] {
            golden(id, region, &template(id));
        }
    }
}

#[test]
fn every_priced_kind_against_golden_cost_lines() {
    let d = every_kind();
    let kinds: BTreeSet<Kind> = d.nodes.values().map(|n| n.kind).collect();
    for p in PRICED_KINDS {
        for k in p.node_kinds {
            assert!(kinds.contains(k), "the fixture lacks a {k:?}");
        }
    }
    for region in Region::ALL {
        golden("every-kind", region, &d);
    }
}

#[test]
fn party_box_costs_more_in_tokyo_than_in_n_virginia() {
    let d = template("party-box");
    let mut virginia = d.clone();
    virginia.region = Region::UsEast1;
    let us = estimate(&virginia, &table(Region::UsEast1));
    let jp = estimate(&d, &table(Region::ApNortheast1));
    assert!(
        jp.total_monthly_usd > us.total_monthly_usd,
        "Tokyo {} vs N. Virginia {}",
        jp.total_monthly_usd,
        us.total_monthly_usd
    );
    // Both are complete: every line of Party Box has a sourced price in both regions.
    assert_eq!(us.unknown_lines, 0, "{}", render_text(&us, Lang::En));
    assert_eq!(jp.unknown_lines, 0, "{}", render_text(&jp, Lang::En));
}

#[test]
fn totals_are_the_sum_of_the_known_lines_and_agree_with_hand_calculation() {
    // Party Box in Tokyo, by hand from ap-northeast-1.json (expected case: 2 tasks, 4 during
    // the 60 peak hours → 2 × 670 + 4 × 60 = 1,580 task-hours per service).
    let d = template("party-box");
    let e = estimate(&d, &table(Region::ApNortheast1));
    let sum: Decimal = e.lines.iter().filter_map(|l| l.monthly).sum();
    assert_eq!(e.total_monthly_usd, sum.round_dp(2));
    let get = |id: &str, key: &str| {
        e.lines
            .iter()
            .find(|l| {
                l.node.as_ref().map(NodeId::as_str) == Some(id)
                    && l.price_key.as_deref() == Some(key)
            })
            .and_then(|l| l.monthly_cents())
            .unwrap_or_else(|| panic!("{id} {key}"))
    };
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    // 1,580 task-h × 0.5 vCPU = 790 vCPU-h × $0.05056 = $39.9424
    assert_eq!(get("nextjs", "fargate.x86.vcpu_hour"), d("39.94"));
    // 1,580 × 1 GB × $0.00553 = $8.7374
    assert_eq!(get("nextjs", "fargate.x86.gb_hour"), d("8.74"));
    // 730 h × $0.0243
    assert_eq!(get("alb", "alb.hour"), d("17.74"));
    // 2 AZs × 730 h × $0.005
    assert_eq!(get("alb", "ipv4.hour"), d("7.30"));
    // 730 h × $0.062; 10 GB × $0.062; one Elastic IP
    assert_eq!(get("nat", "nat.hour"), d("45.26"));
    assert_eq!(get("nat", "nat.gb"), d("0.62"));
    assert_eq!(get("nat", "ipv4.hour"), d("3.65"));
    // Multi-AZ db.t4g.micro: 730 h × $0.050; 20 GB gp3 Multi-AZ × $0.276
    assert_eq!(
        get("rds", "rds.postgres.db.t4g.micro.multi_az.hour"),
        d("36.50")
    );
    assert_eq!(get("rds", "rds.storage.gp3.multi_az.gb_month"), d("5.52"));
}

#[test]
fn every_shipped_table_has_every_key_the_engine_uses() {
    let mut keys = all_price_keys();
    assert!(keys.len() > 90, "{}", keys.len());
    // The Fargate-vs-EC2 comparison's instance prices live in the same tables.
    keys.extend(kumozu::core::course::ec2::price_keys());
    let wanted: BTreeMap<&str, &str> = keys.iter().map(|k| (k.key.as_str(), k.unit)).collect();
    let mut versions = BTreeSet::new();
    for region in Region::ALL {
        let t = table(region);
        assert_eq!(t.region, region);
        versions.insert(t.table_version.clone());
        for (key, unit) in &wanted {
            match t.get(key) {
                Some(PriceEntry::Known(p)) => {
                    assert_eq!(&p.unit, unit, "{region} {key}: unit");
                    assert!(!p.source.trim().is_empty(), "{region} {key}: source");
                    assert!(!p.source_date.is_empty(), "{region} {key}: date");
                    assert!(p.usd >= Decimal::ZERO);
                }
                Some(PriceEntry::Unknown { reason }) => {
                    assert!(!reason.trim().is_empty(), "{region} {key}: reason")
                }
                None => panic!("{region}: no entry (price or explicit unknown) for {key}"),
            }
        }
        for key in t.prices.keys() {
            assert!(
                wanted.contains_key(key.as_str()),
                "{region}: {key} is not used by any priced kind"
            );
        }
    }
    assert_eq!(
        versions.len(),
        1,
        "one table version for every region: {versions:?}"
    );
}

#[test]
fn shipped_tables_carry_prices_as_decimal_strings_with_a_b_trust_only() {
    for region in Region::ALL {
        let text = kumozu::core::cost::bundled_json(region);
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        for (key, entry) in v["prices"].as_object().unwrap() {
            if entry.get("unknown").is_some() {
                continue;
            }
            assert!(entry["usd"].is_string(), "{region} {key}");
            for field in ["unit", "source", "source_date", "trust"] {
                assert!(entry[field].is_string(), "{region} {key}: {field}");
            }
            assert!(
                matches!(entry["trust"].as_str(), Some("A" | "B")),
                "{region} {key}"
            );
        }
    }
}

#[test]
fn public_and_bundled_tables_are_the_same_files() {
    for region in Region::ALL {
        let on_disk = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("public/pricing")
                .join(format!("{}.json", region.code())),
        )
        .unwrap();
        assert_eq!(on_disk, kumozu::core::cost::bundled_json(region));
    }
}

#[test]
fn empty_design_costs_nothing_and_says_so() {
    let d = Design::empty("empty", Region::UsEast1);
    let e = estimate(&d, &table(Region::UsEast1));
    assert!(e.lines.is_empty());
    assert_eq!(e.total_monthly_usd, Decimal::ZERO);
    assert_eq!(e.per_day_usd(), Decimal::ZERO);
}

#[test]
fn per_day_and_by_kind() {
    let d = every_kind();
    let e = estimate(&d, &table(Region::UsEast1));
    // total × 24 / 730
    assert_eq!(
        e.per_day_usd(),
        (e.total_monthly_usd * Decimal::from(24) / Decimal::from(730)).round_dp(2)
    );
    let by_kind: Decimal = e.by_kind().values().sum();
    assert_eq!(by_kind.round_dp(2), e.total_monthly_usd);
    assert!(
        e.by_kind().contains_key(&None),
        "data transfer is design-wide"
    );
}

// ------------------------------------------------------------------ properties

/// Kinds whose nodes may sit in a subnet tier.
fn in_subnet(kind: Kind) -> bool {
    kind.may_sit_in(Some(Kind::Subnet)).is_ok()
}

fn param_value(ty: ParamType, pick: u32) -> ParamValue {
    let frac = |n: u32| (n % 1000) as f64 / 999.0;
    match ty {
        ParamType::Number { min, max } => {
            // Mostly human-sized values, sometimes the extremes.
            let hi = max.min(min + 10_000.0);
            ParamValue::Num(match pick % 10 {
                0 => min,
                1 => max,
                _ => ((min + (hi - min) * frac(pick / 10)) * 100.0).round() / 100.0,
            })
        }
        ParamType::Integer { min, max } => {
            let hi = max.min(min + 50);
            let span = (hi - min + 1) as u32;
            ParamValue::Num(match pick % 10 {
                0 => max as f64,
                _ => (min + (pick / 10 % span) as i64) as f64,
            })
        }
        ParamType::Choice(c) => ParamValue::Str(c[pick as usize % c.len()].to_owned()),
        ParamType::NumberChoice(c) => ParamValue::Num(c[pick as usize % c.len()]),
        ParamType::Bool => ParamValue::Bool(pick % 2 == 0),
        ParamType::Text => ParamValue::Str(format!("t{pick}")),
        ParamType::AzList => {
            let all = ["a", "c", "d"];
            let n = 1 + pick as usize % 3;
            ParamValue::List(all[..n].iter().map(|s| (*s).to_owned()).collect())
        }
    }
}

/// A node of a random priced kind with random parameters, placed where it may sit.
fn random_node(id: String, seed: &[u32]) -> Node {
    let kinds: Vec<Kind> = KINDS
        .iter()
        .map(|k| k.kind)
        .filter(|k| !matches!(k, Kind::Vpc | Kind::Subnet | Kind::EcsCluster | Kind::Group))
        .collect();
    let kind = kinds[seed[0] as usize % kinds.len()];
    let mut n = Node::new(id, kind, Point::default());
    for (i, spec) in kind.info().params.iter().enumerate() {
        n.params.insert(
            spec.key.to_owned(),
            param_value(
                spec.ty,
                seed[1 + i % (seed.len() - 1)].wrapping_add(i as u32 * 7919),
            ),
        );
    }
    n.parent = match kind {
        Kind::EcsService if seed[1] % 4 != 0 => Some(NodeId::from("cluster")),
        _ if in_subnet(kind) => match seed[2] % 3 {
            0 => Some(NodeId::from("public")),
            1 => Some(NodeId::from("private")),
            _ => None,
        },
        _ => None,
    };
    if kind == Kind::InternetGateway {
        n.parent = Some(NodeId::from("vpc"));
    }
    n
}

fn base_design(usage_seed: &[u32], azs: u32) -> Design {
    let mut d = Design::empty("random", Region::UsEast1);
    for (i, u) in USAGE.iter().enumerate() {
        let s = usage_seed[i % usage_seed.len()].wrapping_add(i as u32 * 104_729);
        let v = match s % 8 {
            0 => 0.0,
            1 => u.max.min(1e6),
            _ => (u.default * (s % 7) as f64 / 2.0).min(u.max),
        };
        d.usage.insert(u.key.to_owned(), v);
    }
    let mut vpc = Node::new("vpc", Kind::Vpc, Point::default());
    vpc.parent = None;
    let mut public = Node::new("public", Kind::Subnet, Point::default());
    public.parent = Some("vpc".into());
    public
        .params
        .insert("tier".into(), ParamValue::Str("public".into()));
    public
        .params
        .insert("azs".into(), param_value(ParamType::AzList, azs));
    let mut private = Node::new("private", Kind::Subnet, Point::default());
    private.parent = Some("vpc".into());
    let mut cluster = Node::new("cluster", Kind::EcsCluster, Point::default());
    cluster.parent = Some("private".into());
    for n in [vpc, public, private, cluster] {
        d.add_node(n);
    }
    d
}

fn assert_sane(e: &Estimate, what: &str) {
    for l in &e.lines {
        assert!(
            l.quantity >= Decimal::ZERO,
            "{what}: negative quantity: {}",
            l.formula
        );
        if let Some(m) = l.monthly {
            assert!(m >= Decimal::ZERO, "{what}: negative line: {}", l.formula);
        }
        match &l.status {
            LineStatus::Unknown(_) => assert!(l.monthly.is_none(), "{what}: {}", l.formula),
            _ => assert!(l.monthly.is_some(), "{what}: {}", l.formula),
        }
    }
    assert_eq!(
        e.unknown_lines,
        e.lines.iter().filter(|l| l.monthly.is_none()).count()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    /// Adding a node never lowers the total (in any scenario, in any region), no line is
    /// negative, and the range is ordered.
    #[test]
    fn adding_a_node_never_lowers_the_total(
        nodes in prop::collection::vec(prop::collection::vec(any::<u32>(), 6), 0..14),
        extra in prop::collection::vec(any::<u32>(), 6),
        usage in prop::collection::vec(any::<u32>(), 4),
        azs in any::<u32>(),
        extra_id in 0u32..20,
    ) {
        let mut before = base_design(&usage, azs);
        for (i, seed) in nodes.iter().enumerate() {
            before.add_node(random_node(format!("n{i:02}"), seed));
        }
        // The new node's id sorts anywhere among the others (free allowances are spent in id order).
        let mut after = before.clone();
        let id = format!("n{extra_id:02}x");
        after.add_node(random_node(id, &extra));
        for region in Region::ALL {
            let t = table(region);
            let rb = estimate_range(&before, &t);
            let ra = estimate_range(&after, &t);
            for (b, a) in [(&rb.low, &ra.low), (&rb.expected, &ra.expected), (&rb.high, &ra.high)] {
                assert_sane(b, "before");
                assert_sane(a, "after");
                prop_assert!(
                    a.total_monthly_usd >= b.total_monthly_usd,
                    "{region} {:?}: {} -> {}\nbefore:\n{}\nafter:\n{}",
                    a.scenario, b.total_monthly_usd, a.total_monthly_usd,
                    render_text(b, Lang::En), render_text(a, Lang::En)
                );
            }
            // The range shares lines between cases; it must equal pricing each case afresh.
            prop_assert_eq!(&ra.low, &estimate_scenario(&after, &t, Scenario::Low));
            prop_assert_eq!(&ra.high, &estimate_scenario(&after, &t, Scenario::High));
            prop_assert!(ra.low.total_monthly_usd <= ra.expected.total_monthly_usd);
            prop_assert!(ra.expected.total_monthly_usd <= ra.high.total_monthly_usd);
            prop_assert_eq!(ra.expected.scenario, Scenario::Expected);
        }
    }
}

#[test]
fn large_design_is_priced_without_unknowns_in_tokyo() {
    let d = kumozu::core::synth::large_design(1000);
    let e = estimate(&d, &table(Region::ApNortheast1));
    assert!(e.lines.len() >= 1000);
    assert_sane(&e, "large");
    assert_eq!(e.unknown_lines, 0, "{}", render_text(&e, Lang::En));
}
