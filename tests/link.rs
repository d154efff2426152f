#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! Share links, from the outside: what is encoded opens exactly; old links keep opening (frozen
//! fixtures in tests/fixtures/links/, one pinned encoding); and no link, however damaged or
//! hostile, makes `decode` panic, hang or return a wrong design. Format: docs/link-format.md.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use kumozu::core::document::catalogue::{ParamType, EDGE_KINDS, KINDS, USAGE};
use kumozu::core::document::model::{
    Currency, Design, Edge, EdgeId, ListenerRule, Node, NodeId, ParamValue, Point,
};
use kumozu::core::document::templates::{self, TEMPLATES};
use kumozu::core::format::link::{compact_json, decode, encode, LinkError, MAX_LINK_BYTES};
use kumozu::core::format::load::{load_json, to_json, LoadErrorKind};
use kumozu::core::{synth, EdgeKind, Kind, Lang, Region};

const PRICING: &str = "2026-11-28.1";

fn template(id: &str) -> Design {
    templates::find(id).unwrap().design().unwrap()
}

/// Party Box with three edits: NestJS at 1 vCPU / 2 GB, the database renamed, an ALB rule added.
fn party_box_edited() -> Design {
    let mut d = template("party-box");
    let nest = d.nodes.get_mut(&NodeId::from("nestjs")).unwrap();
    nest.params.insert("vcpu".into(), ParamValue::Num(1.0));
    nest.params.insert("memory_gb".into(), ParamValue::Num(2.0));
    d.nodes.get_mut(&NodeId::from("rds")).unwrap().label = "Game DB".into();
    d.add_edge(Edge {
        id: EdgeId::from("rule-admin"),
        kind: EdgeKind::AlbRule,
        from: "alb".into(),
        to: "nestjs".into(),
        label: String::new(),
        rule: Some(ListenerRule {
            priority: 30,
            path_pattern: "/admin/*".into(),
        }),
    });
    d
}

/// A link made by hand from compact JSON text, packed as `encode` packs it.
fn pack(compact: &str) -> String {
    pack_bytes(compact.as_bytes())
}

fn pack_bytes(bytes: &[u8]) -> String {
    let zlib = miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6);
    format!("k1.{}", URL_SAFE_NO_PAD.encode(&zlib[2..]))
}

fn round_trip(d: &Design, pricing: Option<&str>) {
    let link = encode(d, pricing);
    let back = decode(&link).unwrap_or_else(|e| panic!("{link}: {e}"));
    assert_eq!(&back.design, d, "{}", compact_json(d, pricing, true));
    assert_eq!(back.pricing_table_version.as_deref(), pricing);
    assert!(back.notes.is_empty(), "{:?}", back.notes);
}

// ---------------------------------------------------------------------------------------------
// Round trips

#[test]
fn every_template_round_trips_and_costs_little() {
    for t in TEMPLATES {
        let d = t.design().unwrap();
        round_trip(&d, Some(PRICING));
        round_trip(&d, None);
        // A template as it is: its id and the pricing version, nothing else.
        assert_eq!(
            compact_json(&d, Some(PRICING), true),
            format!(r#"{{"b":"{}","v":"{PRICING}"}}"#, t.id)
        );
    }
}

#[test]
fn edits_of_every_sort_round_trip() {
    round_trip(&party_box_edited(), Some(PRICING));
    round_trip(&synth::large_design(100), Some(PRICING));
    round_trip(&Design::empty("", Region::ApNortheast1), None);

    let mut d = template("party-box");
    // Design-level fields.
    d.name = "Party Box <script>alert(\"x\")</script> 🎉".into();
    d.region = Region::UsEast1;
    d.currency = Currency::Jpy;
    d.jpy_per_usd = 147.25;
    d.include_tax = true;
    d.follows_course = false;
    d.usage.insert(USAGE[0].key.into(), 0.1 + 0.2);
    // A node removed (with its edges), one whose kind changes, one moved to the top level.
    d.nodes.remove(&NodeId::from("cloudwatch"));
    d.edges
        .retain(|_, e| e.from.0 != "cloudwatch" && e.to.0 != "cloudwatch");
    let ecr = d.nodes.get_mut(&NodeId::from("ecr")).unwrap();
    ecr.kind = Kind::S3;
    ecr.params = Node::new("x", Kind::S3, Point::default()).params;
    let nat = d.nodes.get_mut(&NodeId::from("nat")).unwrap();
    nat.parent = None;
    nat.pos = Point { x: -12.5, y: 1e-7 };
    nat.note = String::new();
    nat.label = "\u{0}\"\\'\n".into();
    // An edge changed, one removed, one losing its label.
    let rule = d.edges.get_mut(&EdgeId::from("rule-web")).unwrap();
    rule.rule = Some(ListenerRule {
        priority: 50_000,
        path_pattern: "/*?".into(),
    });
    d.edges.remove(&EdgeId::from("acm-alb"));
    d.edges.get_mut(&EdgeId::from("users-alb")).unwrap().label = String::new();
    // Several nodes added (written as columns), with a label and a container size.
    for i in 0..6 {
        let mut n = Node::new(
            format!("extra {i}"),
            Kind::Sqs,
            Point {
                x: i as f64 * 0.1,
                y: 3.0,
            },
        );
        n.label = if i % 2 == 0 {
            format!("キュー{i}")
        } else {
            String::new()
        };
        n.parent = (i == 3).then(|| NodeId::from("private"));
        d.add_node(n);
    }
    let mut g = Node::new("grp", Kind::Group, Point::default());
    g.size = Some(kumozu::core::Size {
        w: 1.5,
        h: 999_999.0,
    });
    d.add_node(g);
    round_trip(&d, Some(PRICING));
    // The same design not built on a template (its `template` is kept as it was).
    d.template = None;
    round_trip(&d, Some(PRICING));
    d.template = Some("not-a-template".into());
    round_trip(&d, None);
}

#[test]
fn a_whole_url_or_a_fragment_with_its_hash_opens() {
    let d = party_box_edited();
    let link = encode(&d, None);
    for text in [
        format!("#{link}"),
        format!("https://example.com/kumozu/#{link}"),
        format!("  {link}\n"),
    ] {
        assert_eq!(decode(&text).unwrap().design, d);
    }
}

// ---------------------------------------------------------------------------------------------
// Old links open forever

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/links/v1")
}

/// Writes `path` when it is missing; never rewrites it.
fn freeze(path: &Path, text: &str) {
    if !path.exists() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn frozen_v1_links_open_to_their_designs() {
    let cases: Vec<(&str, Design)> = vec![
        ("party-box", template("party-box")),
        ("party-box-edited", party_box_edited()),
        ("ec-site", template("ec-site")),
        ("blank", template("blank")),
        ("synthetic-100", synth::large_design(100)),
    ];
    for (name, design) in cases {
        let link_path = fixtures().join(format!("{name}.txt"));
        let json_path = fixtures().join(format!("{name}.json"));
        freeze(&link_path, &format!("{}\n", encode(&design, Some(PRICING))));
        freeze(&json_path, &format!("{}\n", to_json(&design)));
        let link = std::fs::read_to_string(&link_path).unwrap();
        let json = std::fs::read_to_string(&json_path).unwrap();
        let expected = load_json(&json).unwrap().design;
        let opened = decode(link.trim()).unwrap_or_else(|e| {
            panic!(
                "{}: a released link no longer opens: {e}",
                link_path.display()
            )
        });
        assert_eq!(
            opened.design,
            expected,
            "{} opens to another design than {}: a template, a default or the format changed; \
             add a migration (docs/link-format.md) instead of editing either file",
            link_path.display(),
            json_path.display()
        );
        assert_eq!(opened.pricing_table_version.as_deref(), Some(PRICING));
    }
}

/// The catalogue defaults that `k1` links leave out. Changing one would change what every
/// old link opens to, so they are frozen here; new kinds and parameters may be added.
#[test]
fn defaults_left_out_of_v1_links_are_frozen() {
    let mut current = serde_json::Map::new();
    for k in KINDS {
        let node = Node::new("n", k.kind, Point::default());
        let mut d = Design::empty("", Region::ApNortheast1);
        d.add_node(node);
        let v: serde_json::Value = serde_json::from_str(&to_json(&d)).unwrap();
        current.insert(format!("kind {}", k.id), v["nodes"][0].clone());
    }
    let empty: serde_json::Value =
        serde_json::from_str(&to_json(&Design::empty("", Region::ApNortheast1))).unwrap();
    current.insert("empty design".into(), empty);
    let text = serde_json::to_string_pretty(&current).unwrap();
    let path = fixtures().join("defaults.json");
    freeze(&path, &format!("{text}\n"));
    let frozen: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    for (key, value) in &frozen {
        let now = current.get(key);
        let same = match (value, now) {
            // The empty design's usage may gain new keys.
            (serde_json::Value::Object(old), Some(serde_json::Value::Object(new))) => {
                old.iter().all(|(k, v)| match (v, new.get(k)) {
                    (serde_json::Value::Object(o), Some(serde_json::Value::Object(n))) => {
                        o.iter().all(|(kk, vv)| n.get(kk) == Some(vv))
                    }
                    (v, n) => n == Some(v),
                })
            }
            (v, n) => n == Some(v),
        };
        assert!(
            same,
            "{key}: a default that k1 links rely on changed (frozen in {}); \
             a link format migration is needed first",
            path.display()
        );
    }
}

/// One reference design, encoded byte for byte. If this fails, the format changed: that needs
/// a new codec version and a migration, not a new expected string. (If only the link differs
/// and the compact text does not, the compressor's output changed; old links still open.)
#[test]
fn the_reference_encoding_is_pinned() {
    let d = party_box_edited();
    assert_eq!(
        compact_json(&d, Some(PRICING), true),
        r#"{"F":{"rule-admin":["alb_rule","alb","nestjs",[30,"/admin/*"]]},"N":{"nestjs":{"a":{"memory_gb":2,"vcpu":1}},"rds":{"l":"Game DB"}},"b":"party-box","v":"2026-11-28.1"}"#
    );
    assert_eq!(encode(&d, Some(PRICING)), PINNED_LINK);
}

const PINNED_LINK: &str = "k1.LY1NCsIwFISvIrOUxDYRRLIU0Z0XKKUkNoiStCX9wVJy976UboZ5875hFjygFoTRWa5r_22gCmhnqpSAJUva2H749WDFOWfINi47oiwjwyvV9z85ncRb34a5-hgoyTC9uxFKRIJDvUEOCk_t7eF-Q4qJQ6fDMHPT_mluolvm8sKF4PJ6EogrGN8yEQ";

// ---------------------------------------------------------------------------------------------
// Hostile links: a clear error, never a panic or a wrong design

/// What a bad link's error must be.
type Expect = fn(&LinkError) -> bool;

#[test]
fn each_kind_of_bad_link_says_what_is_wrong() {
    let cases: Vec<(String, Expect)> = vec![
        ("".into(), |e| *e == LinkError::NotALink),
        ("hello".into(), |e| *e == LinkError::NotALink),
        ("https://example.com/#about".into(), |e| {
            *e == LinkError::NotALink
        }),
        ("x1.abc".into(), |e| *e == LinkError::NotALink),
        ("k2.abcd".into(), |e| {
            *e == LinkError::UnsupportedVersion { found: "k2".into() }
        }),
        ("k1.ab$d".into(), |e| {
            *e == LinkError::NotBase64 { position: 2 }
        }),
        ("k1.abcd+/".into(), |e| {
            matches!(e, LinkError::NotBase64 { .. })
        }),
        ("k1.".into(), |e| *e == LinkError::Damaged),
        ("k1.AAAA".into(), |e| *e == LinkError::Damaged),
        (format!("k1.{}", "A".repeat(MAX_LINK_BYTES)), |e| {
            matches!(
                e,
                LinkError::TooLarge {
                    what: "link bytes",
                    ..
                }
            )
        }),
        (pack("not json"), |e| {
            matches!(e, LinkError::Malformed { .. })
        }),
        (pack("[1,2]"), |e| matches!(e, LinkError::Malformed { .. })),
        (pack(r#"{"zz":1}"#), |e| {
            matches!(e, LinkError::Malformed { .. })
        }),
        (pack(r#"{"b":"no-such-template"}"#), |e| {
            *e == LinkError::UnknownTemplate {
                id: "no-such-template".into(),
            }
        }),
        (
            pack(r#"{"b":"party-box","R":["ghost"]}"#),
            |e| matches!(e, LinkError::Malformed { place, .. } if place == "R[0]"),
        ),
        (pack(r#"{"b":"party-box","N":{"ghost":{"l":"x"}}}"#), |e| {
            matches!(e, LinkError::Malformed { .. })
        }),
        (pack(r#"{"b":"party-box","A":{"alb":["alb"]}}"#), |e| {
            matches!(e, LinkError::Malformed { .. })
        }),
        (pack(r#"{"A":[["a","b"],["sqs"]]}"#), |e| {
            matches!(e, LinkError::Malformed { .. })
        }),
        (pack(r#"{"v":7}"#), |e| {
            matches!(e, LinkError::Malformed { .. })
        }),
        // The loader's checks, with their places.
        (
            pack(r#"{"A":{"a":["sqs",0,0,"nowhere"]}}"#),
            |e| matches!(e, LinkError::Load(l) if matches!(l.kind, LoadErrorKind::DanglingParent { .. })),
        ),
        (
            pack(r#"{"A":{"a":["dragon"]}}"#),
            |e| matches!(e, LinkError::Load(l) if matches!(l.kind, LoadErrorKind::UnknownKind { .. })),
        ),
        (
            pack(r#"{"A":{"a":["group",0,0,"b"],"b":["group",0,0,"a"]}}"#),
            |e| matches!(e, LinkError::Load(l) if matches!(l.kind, LoadErrorKind::ContainmentCycle { .. })),
        ),
        (
            pack(r#"{"A":{"a":["sqs"]},"F":{"e":["sql","a","zz"]}}"#),
            |e| matches!(e, LinkError::Load(l) if matches!(l.kind, LoadErrorKind::DanglingEdgeEnd { .. })),
        ),
        (
            pack(r#"{"b":"party-box","N":{"nestjs":{"a":{"vcpu":3}}}}"#),
            |e| matches!(e, LinkError::Load(l) if l.place.contains("vcpu")),
        ),
        (
            pack(r#"{"b":"party-box","N":{"alb":{"x":1e300}}}"#),
            |e| matches!(e, LinkError::Load(l) if matches!(l.kind, LoadErrorKind::BadValue { .. })),
        ),
        (
            pack(r#"{"r":"mars-north-1"}"#),
            |e| matches!(e, LinkError::Load(l) if matches!(l.kind, LoadErrorKind::UnknownRegion { .. })),
        ),
    ];
    for (link, ok) in cases {
        let err = decode(&link).expect_err(&link);
        assert!(ok(&err), "{link}: unexpected {err:?}");
        let (ja, en) = (err.message(Lang::Ja), err.message(Lang::En));
        assert!(!ja.is_empty() && !en.is_empty() && ja != en, "{err:?}");
    }
}

#[test]
fn a_checksum_mismatch_is_damage() {
    let link = encode(&party_box_edited(), None);
    let mut bytes = URL_SAFE_NO_PAD.decode(&link[3..]).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1; // the Adler-32's last byte
    let bad = format!("k1.{}", URL_SAFE_NO_PAD.encode(&bytes));
    assert_eq!(decode(&bad), Err(LinkError::Damaged));
}

#[test]
fn every_truncation_of_a_real_link_is_an_error() {
    for d in [party_box_edited(), synth::large_design(100)] {
        let link = encode(&d, Some(PRICING));
        for cut in 0..link.len() {
            assert!(decode(&link[..cut]).is_err(), "cut at {cut} opened");
        }
    }
}

#[test]
fn a_decompression_bomb_is_refused() {
    // 64 MiB of spaces deflate to about 64 KiB; a few MiB fit in a link.
    let bomb = pack_bytes(&vec![b' '; 6 * 1024 * 1024]);
    assert!(bomb.len() < MAX_LINK_BYTES, "{}", bomb.len());
    match decode(&bomb) {
        Err(LinkError::TooLarge {
            what: "inflated bytes",
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn too_many_items_are_refused_before_they_are_built() {
    let ids: Vec<String> = (0..5_001).map(|i| format!("\"n{i}\"")).collect();
    let link = pack(&format!(r#"{{"A":[[{}],null]}}"#, ids.join(",")));
    assert!(matches!(
        decode(&link),
        Err(LinkError::TooLarge { what: "nodes", .. })
    ));
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    /// A valid design: a template (or nothing) with random edits of every sort.
    fn design() -> impl Strategy<Value = Design> {
        let edit = (
            0u8..9,
            any::<u32>(),
            any::<u32>(),
            any::<f64>(),
            "\\PC{0,12}",
        );
        (0..=TEMPLATES.len(), prop::collection::vec(edit, 0..24)).prop_map(|(t, edits)| {
            let mut d = match TEMPLATES.get(t) {
                Some(t) => t.design().unwrap(),
                None => Design::empty("", Region::ApNortheast1),
            };
            for (op, a, b, x, s) in edits {
                apply(&mut d, op, a, b, x, s);
            }
            d
        })
    }

    fn pick<T: Clone>(items: &[T], i: u32) -> Option<T> {
        (!items.is_empty()).then(|| items[i as usize % items.len()].clone())
    }

    /// A finite coordinate within the loader's range.
    fn coord(x: f64) -> f64 {
        if x.is_finite() {
            x % 1_000_000.0
        } else {
            0.0
        }
    }

    fn apply(d: &mut Design, op: u8, a: u32, b: u32, x: f64, s: String) {
        let ids: Vec<NodeId> = d.nodes.keys().cloned().collect();
        match op {
            // A parameter set to a random valid value.
            0 => {
                let Some(id) = pick(&ids, a) else { return };
                let node = d.nodes.get_mut(&id).unwrap();
                let Some(spec) = pick(node.kind.info().params, b) else {
                    return;
                };
                let frac = if x.is_finite() { x.abs().fract() } else { 0.5 };
                let v = match spec.ty {
                    ParamType::Number { min, max } => ParamValue::Num(min + frac * (max - min)),
                    ParamType::Integer { min, max } => {
                        ParamValue::Num((min + (b as i64 % (max - min + 1))) as f64)
                    }
                    ParamType::Choice(c) => ParamValue::Str(pick(c, a ^ b).unwrap().to_owned()),
                    ParamType::NumberChoice(c) => ParamValue::Num(pick(c, a ^ b).unwrap()),
                    ParamType::Bool => ParamValue::Bool(a % 2 == 0),
                    ParamType::Text => ParamValue::Str(s),
                    ParamType::AzList => {
                        let all = ["a", "b", "c", "d"];
                        let n = 1 + (b as usize % 4);
                        ParamValue::List(all[..n].iter().map(|z| (*z).to_owned()).collect())
                    }
                };
                node.params.insert(spec.key.to_owned(), v);
            }
            // Moved.
            1 => {
                if let Some(id) = pick(&ids, a) {
                    d.nodes.get_mut(&id).unwrap().pos = Point {
                        x: coord(x),
                        y: coord(b as f64 / 7.0),
                    };
                }
            }
            // Relabelled, or its note rewritten.
            2 | 3 => {
                if let Some(id) = pick(&ids, a) {
                    let n = d.nodes.get_mut(&id).unwrap();
                    if op == 2 {
                        n.label = s;
                    } else {
                        n.note = s;
                    }
                }
            }
            // Added, maybe inside a container.
            4 => {
                let kind = KINDS[a as usize % KINDS.len()].kind;
                let mut n = Node::new(
                    format!("{s}#{b}"),
                    kind,
                    Point {
                        x: coord(x),
                        y: 0.0,
                    },
                );
                let containers: Vec<NodeId> = d
                    .nodes
                    .values()
                    .filter(|n| n.kind.is_container())
                    .map(|n| n.id.clone())
                    .collect();
                if b % 3 != 0 {
                    n.parent = pick(&containers, b);
                }
                if kind.is_container() && b % 2 == 0 {
                    n.size = Some(kumozu::core::Size {
                        w: 1.0 + (a % 900) as f64,
                        h: 64.0,
                    });
                }
                d.add_node(n);
            }
            // Removed, when nothing sits in it; its edges go too.
            5 => {
                let Some(id) = pick(&ids, a) else { return };
                if d.nodes.values().any(|n| n.parent.as_ref() == Some(&id)) {
                    return;
                }
                d.nodes.remove(&id);
                d.edges.retain(|_, e| e.from != id && e.to != id);
            }
            // Connected.
            6 => {
                let (Some(from), Some(to)) = (pick(&ids, a), pick(&ids, b)) else {
                    return;
                };
                if from == to {
                    return;
                }
                let kind = EDGE_KINDS[(a ^ b) as usize % EDGE_KINDS.len()].kind;
                let rule = (kind == EdgeKind::AlbRule).then(|| ListenerRule {
                    priority: 1 + b % 50_000,
                    path_pattern: s.clone(),
                });
                d.add_edge(Edge {
                    id: EdgeId(format!("e{a}")),
                    kind,
                    from,
                    to,
                    label: if a % 2 == 0 { s } else { String::new() },
                    rule,
                });
            }
            // An edge removed.
            7 => {
                let eids: Vec<EdgeId> = d.edges.keys().cloned().collect();
                if let Some(e) = pick(&eids, a) {
                    d.edges.remove(&e);
                }
            }
            // Design-wide: name, region, usage, display.
            _ => {
                d.name = s;
                d.region = pick(&Region::ALL, a).unwrap();
                let u = pick(USAGE, b).unwrap();
                let frac = if x.is_finite() { x.abs().fract() } else { 0.0 };
                d.usage.insert(u.key.to_owned(), frac * u.max);
                d.currency = if a % 2 == 0 {
                    Currency::Jpy
                } else {
                    Currency::Usd
                };
                d.include_tax = b % 2 == 0;
                d.follows_course = a % 3 == 0;
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

        #[test]
        fn what_is_encoded_is_what_opens(d in design(), pricing in proptest::option::of("[0-9.-]{1,20}")) {
            // The generator makes designs the loader could have made.
            prop_assert_eq!(&load_json(&to_json(&d)).unwrap().design, &d);
            let link = encode(&d, pricing.as_deref());
            let back = decode(&link);
            prop_assert!(back.is_ok(), "{}: {:?}", link, back.err());
            let back = back.unwrap();
            prop_assert_eq!(&back.design, &d);
            prop_assert_eq!(back.pricing_table_version, pricing);
        }

        #[test]
        fn any_text_is_refused_or_opened_without_panic(s in "\\PC{0,200}") {
            let _ = decode(&s);
            let _ = decode(&format!("k1.{s}"));
        }

        #[test]
        fn any_bytes_are_refused_or_opened_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            // As raw base64 (damaged), and as a well-packed payload (past the checksum).
            let _ = decode(&format!("k1.{}", URL_SAFE_NO_PAD.encode(&bytes)));
            let _ = decode(&pack_bytes(&bytes));
        }

        #[test]
        fn a_mutated_link_is_refused_or_opens_the_same_design(
            i in any::<usize>(), c in "[A-Za-z0-9_.#-]", cut in any::<bool>()
        ) {
            let d = party_box_edited();
            let link = encode(&d, Some(PRICING));
            let i = i % link.len();
            let mut mutated = link.clone();
            if cut {
                mutated.remove(i);
            } else {
                mutated.replace_range(i..i + 1, &c);
            }
            if let Ok(back) = decode(&mutated) {
                prop_assert_eq!(back.design, d);
            }
        }

        #[test]
        fn mutated_compact_forms_never_panic(
            i in any::<usize>(), c in "[\\[\\]{}\",:0-9a-zA-Z_ -]", which in any::<bool>()
        ) {
            // Past the checksum: a hand-made or buggy link that reaches the decoder's logic.
            let mut text = if which {
                compact_json(&synth::large_design(12), None, true)
            } else {
                compact_json(&party_box_edited(), None, true)
            };
            let i = i % text.len();
            if text.is_char_boundary(i) && text.is_char_boundary(i + 1) {
                text.replace_range(i..i + 1, &c);
            }
            let _ = decode(&pack(&text));
            let half = &text[..text.len() / 2];
            let _ = decode(&pack(half));
        }
    }
}
