#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! Mermaid export and import (src/core/mermaid): golden exports of the templates, every
//! flowchart block of the course chapter imports with the kinds it draws, export → import keeps
//! kinds, containment and edges, labels survive escaping exactly, hostile text never panics.
//!
//! The exports are also written to `target/tmp/mermaid-check/` (goldens and nasty-label
//! designs), where `scripts/test.sh`'s `mermaid` layer parses them with Mermaid's own parser
//! (tests/mermaid-js).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use kumozu::core::document::catalogue::{EdgeKind, Kind};
use kumozu::core::document::model::{Design, Edge, EdgeId, Node, Point};
use kumozu::core::document::templates::TEMPLATES;
use kumozu::core::drawing::geometry::Rect;
use kumozu::core::exchange::mermaid::{self, export, import, Imported, MermaidError};
use kumozu::core::format::load::{load_json, to_json};
use kumozu::core::{Lang, Region};
use proptest::prelude::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mermaid")
}

/// Where exports are left for the mermaid-js check.
fn check_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mermaid-check");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn seed(n: usize) -> Imported {
    let path = fixtures().join(format!("seed-{n:02}.mmd"));
    let text = std::fs::read_to_string(&path).unwrap();
    import(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn node<'d>(d: &'d Design, id: &str) -> &'d Node {
    d.node(id).unwrap_or_else(|| panic!("no node {id}"))
}

fn parent_kind(d: &Design, id: &str) -> Option<Kind> {
    node(d, id).parent.as_ref().map(|p| d.nodes[p].kind)
}

/// Loads through the file format, children inside their parents with room, no overlaps.
fn assert_sound(d: &Design, what: &str) {
    let back = load_json(&to_json(d)).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(&back.design, d, "{what}: to_json/load_json changes it");
    for n in d.nodes.values() {
        let r = Rect::of(n);
        if let Some(p) = &n.parent {
            let pr = Rect::of(&d.nodes[p]);
            assert!(
                r.x >= pr.x + 10.0
                    && r.y >= pr.y + 25.0
                    && r.right() <= pr.right() - 10.0
                    && r.bottom() <= pr.bottom() - 10.0,
                "{what}: {} not inside {} with padding: {r:?} in {pr:?}",
                n.id,
                p
            );
        }
        for m in d.children(n.parent.as_ref()) {
            if m.id != n.id {
                assert!(
                    !r.intersects(&Rect::of(m)),
                    "{what}: {} overlaps {}",
                    n.id,
                    m.id
                );
            }
        }
    }
}

#[test]
fn template_exports_match_their_goldens() {
    let dir = check_dir();
    for t in TEMPLATES {
        let d = t.design().unwrap();
        let text = export(&d, Lang::Ja);
        let path = fixtures().join(format!("{}.mmd.golden", t.id));
        common::check_golden(&path, &text).unwrap();
        std::fs::write(dir.join(format!("{}.ja.mmd", t.id)), &text).unwrap();
        let en = mermaid::export_with(&d, Lang::En, mermaid::Direction::LeftRight);
        std::fs::write(dir.join(format!("{}.en-lr.mmd", t.id)), &en).unwrap();
    }
}

#[test]
fn party_box_export_reads_like_the_seed() {
    let d = TEMPLATES[0].design().unwrap();
    let text = export(&d, Lang::Ja);
    assert!(text.starts_with("flowchart TB\n"), "{text}");
    for line in [
        "subgraph vpc[\"VPC\"]",
        "subgraph public[\"Public Subnet (AZ a, c)\"]",
        "subgraph cluster[\"ECS Cluster\"]",
        "nextjs[\"Next.js\"]",
        "alb -->|/api/*| nestjs",
        "alb -->|/socket.io/*| nestjs",
        "alb -->|/*| nextjs",
        "users -->|HTTPS| alb",
        "nextjs -.-> ecr",
        "style alb fill:#ff9800",
        "style cluster fill:#2196f3",
        "style rds fill:#4caf50",
        "style nextjs fill:#000,color:#fff",
        "style nestjs fill:#e0234e,color:#fff",
        "style public fill:#e3f2fd",
        "style private fill:#fce4ec",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    // Rules in evaluation order.
    let api = text.find("|/api/*|").unwrap();
    let socket = text.find("|/socket.io/*|").unwrap();
    let all = text.find("|/*|").unwrap();
    assert!(api < socket && socket < all);
}

/// Every seed block imports, loads, is laid out cleanly, and warns about generic nodes only.
#[test]
fn every_seed_block_imports() {
    for n in 1..=11 {
        let imp = seed(n);
        assert_sound(&imp.design, &format!("seed-{n:02}"));
        let generic = imp
            .design
            .nodes
            .values()
            .filter(|x| x.kind == Kind::Generic)
            .count();
        let warned = imp
            .warnings
            .iter()
            .filter(|w| w.en.contains("generic box"))
            .count();
        assert_eq!(generic, warned, "seed-{n:02}: {:?}", imp.warnings);
        for w in &imp.warnings {
            assert!(!w.ja.is_empty() && !w.en.is_empty());
        }
    }
}

#[test]
fn seed_part1_aws_diagram_gives_the_party_box_parts() {
    let imp = seed(2);
    let d = &imp.design;
    assert_eq!(node(d, "User").kind, Kind::Users);
    assert_eq!(node(d, "ALB").kind, Kind::Alb);
    assert_eq!(node(d, "Public").kind, Kind::Subnet);
    assert_eq!(node(d, "Public").text("tier"), "public");
    assert_eq!(node(d, "Private").text("tier"), "private");
    assert_eq!(parent_kind(d, "ALB"), Some(Kind::Subnet));
    assert_eq!(node(d, "ECS").kind, Kind::EcsCluster);
    for (id, app) in [("Next", "nextjs-ssr"), ("Nest", "nestjs")] {
        assert_eq!(node(d, id).kind, Kind::EcsService);
        assert_eq!(node(d, id).text("app"), app);
        assert_eq!(parent_kind(d, id), Some(Kind::EcsCluster));
    }
    assert!(node(d, "Nest").flag("websocket"));
    assert_eq!(node(d, "RDS").kind, Kind::RdsPostgres);
    assert_eq!(node(d, "ECR").kind, Kind::Ecr);
    assert_eq!(node(d, "AWS").kind, Kind::Group);
    let mut rules: Vec<(u32, String, String)> = d
        .edges
        .values()
        .filter(|e| e.kind == EdgeKind::AlbRule)
        .map(|e| {
            let r = e.rule.as_ref().unwrap();
            (r.priority, r.path_pattern.clone(), e.to.0.clone())
        })
        .collect();
    rules.sort();
    assert_eq!(
        rules,
        [
            (10, "/api/*".into(), "Nest".into()),
            (20, "/socket.io/*".into(), "Nest".into()),
            (30, "/*".into(), "Next".into()),
        ]
    );
    let https = &d.edges.values().find(|e| e.from.0 == "User").unwrap();
    assert_eq!((https.kind, https.to.0.as_str()), (EdgeKind::Https, "ALB"));
    let sql = d.edges.values().find(|e| e.to.0 == "RDS").unwrap();
    assert_eq!(sql.kind, EdgeKind::Sql);
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    // Top to bottom: the users above the ALB, the ALB above the services.
    assert!(node(d, "User").pos.y < node(d, "ALB").pos.y);
    assert!(node(d, "ALB").pos.y < node(d, "Nest").pos.y);
}

#[test]
fn seed_blocks_give_their_kinds() {
    use Kind::*;
    let expect: &[(usize, &[(&str, Kind)])] = &[
        (
            1,
            &[
                ("Next", EcsService),
                ("Nest", EcsService),
                ("WS", Generic),
                ("PG", RdsPostgres),
                ("Frontend", Group),
                ("DB", Group),
            ],
        ),
        (
            3,
            &[
                ("VPC", Vpc),
                ("Public", Subnet),
                ("Private", Subnet),
                ("ALB", Alb),
                ("ECS", EcsService),
                ("RDS", RdsPostgres),
                ("Internet", Users),
            ],
        ),
        (
            4,
            &[
                ("Cluster", Generic),
                ("S1", EcsService),
                ("S2", EcsService),
                ("T1", Generic),
            ],
        ),
        (
            5,
            &[
                ("Client", Users),
                ("ALB", Alb),
                ("Next", EcsService),
                ("Nest", EcsService),
            ],
        ),
        (6, &[("ALB", Alb), ("T1", Generic), ("T2", Generic)]),
        (
            8,
            &[
                ("CW", Cloudwatch),
                ("AS", Generic),
                ("ECS", EcsService),
                ("ALB", Alb),
            ],
        ),
        (9, &[("User", Users), ("Edge", Cloudfront), ("S3", S3)]),
        (
            10,
            &[
                ("User", Users),
                ("Route53", Route53),
                ("CloudFront", Cloudfront),
                ("S3", S3),
                ("ALB", Alb),
                ("ECS", EcsCluster),
                ("API1", EcsService),
                ("API2", EcsService),
                ("ElastiCache", Elasticache),
                ("RDS", RdsPostgres),
                ("SQS", Sqs),
                ("Lambda", Lambda),
                ("AWS", Group),
            ],
        ),
        (
            11,
            &[
                ("Code", Generic),
                ("Test", Generic),
                ("Build", Generic),
                ("Push", Ecr),
                ("Deploy", EcsService),
            ],
        ),
    ];
    for (n, nodes) in expect {
        let imp = seed(*n);
        for (id, kind) in *nodes {
            assert_eq!(node(&imp.design, id).kind, *kind, "seed-{n:02} {id}");
        }
    }
    // Block 3: the crossed link is "no connection", not an edge; the edge to a subgraph stays.
    let b3 = seed(3);
    assert_eq!(b3.design.edges.len(), 1);
    assert!(
        b3.warnings.iter().any(|w| w.en.contains("no connection")),
        "{:?}",
        b3.warnings
    );
    // Block 10: chains and `&` expand; services behind the ALB, the cache before RDS.
    let b10 = seed(10).design;
    let pairs: BTreeSet<(String, String, EdgeKind)> = b10
        .edges
        .values()
        .map(|e| (e.from.0.clone(), e.to.0.clone(), e.kind))
        .collect();
    for (a, b, k) in [
        ("User", "Route53", EdgeKind::Dns),
        ("Route53", "CloudFront", EdgeKind::Dns),
        ("CloudFront", "S3", EdgeKind::Origin),
        ("ALB", "API1", EdgeKind::AlbDefault),
        ("ALB", "API2", EdgeKind::AlbDefault),
        ("API1", "ElastiCache", EdgeKind::Cache),
        ("API2", "ElastiCache", EdgeKind::Cache),
        ("ElastiCache", "RDS", EdgeKind::Sql),
        ("API2", "SQS", EdgeKind::Queue),
        ("SQS", "Lambda", EdgeKind::Invoke),
    ] {
        assert!(
            pairs.contains(&(a.into(), b.into(), k)),
            "seed-10: {a} -> {b} ({k:?}) in {pairs:?}"
        );
    }
    assert_eq!(b10.edges.len(), 12);
    // Block 1 runs left to right.
    let b1 = seed(1);
    assert_eq!(b1.direction, mermaid::Direction::LeftRight);
    assert!(node(&b1.design, "Frontend").pos.x < node(&b1.design, "Backend").pos.x);
}

#[test]
fn templates_round_trip_through_mermaid() {
    for t in TEMPLATES {
        let d = t.design().unwrap();
        for lang in [Lang::Ja, Lang::En] {
            let imp = import(&export(&d, lang)).unwrap();
            let back = &imp.design;
            assert_sound(back, t.id);
            assert_eq!(back.nodes.len(), d.nodes.len(), "{}", t.id);
            for n in d.nodes.values() {
                let b = node(back, n.id.as_str());
                assert_eq!(b.kind, n.kind, "{} {}", t.id, n.id);
                assert_eq!(b.parent, n.parent, "{} {}", t.id, n.id);
                if n.kind == Kind::Subnet {
                    assert_eq!(b.params, n.params, "{} {}", t.id, n.id);
                }
                if n.kind == Kind::EcsService {
                    assert_eq!(b.text("app"), n.text("app"), "{} {}", t.id, n.id);
                }
                if lang == Lang::En || !n.label.is_empty() {
                    assert_eq!(b.label, n.label, "{} {}", t.id, n.id);
                }
            }
            let edges = |d: &Design| -> BTreeSet<(String, String, EdgeKind, String)> {
                d.edges
                    .values()
                    .map(|e| {
                        (
                            e.from.0.clone(),
                            e.to.0.clone(),
                            e.kind,
                            e.display_label().to_owned(),
                        )
                    })
                    .collect()
            };
            assert_eq!(edges(back), edges(&d), "{}", t.id);
            // Rule order survives.
            let order = |d: &Design| -> Vec<String> {
                let mut r: Vec<_> = d.edges.values().filter_map(|e| e.rule.clone()).collect();
                r.sort_by_key(|r| r.priority);
                r.into_iter().map(|r| r.path_pattern).collect()
            };
            assert_eq!(order(back), order(&d), "{}", t.id);
        }
    }
}

const NASTY: &[&str] = &[
    "\"quoted\" and 'single'",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[brackets] (parens) {braces} {{hex}}",
    "a | pipe; semi # hash #quot; entity",
    "%%{init: {\"theme\": \"dark\"}}%%",
    "line one\nline two\r\nthree",
    "end",
    "subgraph x",
    "A --> B -.-> C",
    "`markdown` **bold**",
    "50% & <br> literal",
    "日本語のラベル 「括弧」",
    " leading and trailing ",
    "\u{2028}sep\u{0}nul\ttab",
    "click A call alert()",
];

fn nasty_design(labels: &[&str], edge_labels: &[&str]) -> Design {
    let mut d = Design::empty("nasty", Region::ApNortheast1);
    let mut g = Node::new("end", Kind::Group, Point::default());
    g.label = "subgraph #\"end\"".into();
    d.add_node(g);
    for (i, l) in labels.iter().enumerate() {
        let id = match i % 4 {
            0 => format!("o{i}"),
            1 => format!("x-{i}"),
            2 => format!("ノード {i}"),
            _ => format!("graph{i}"),
        };
        let mut n = Node::new(
            id,
            Kind::Generic,
            Point {
                x: 0.0,
                y: i as f64,
            },
        );
        n.label = (*l).to_owned();
        if i % 2 == 0 {
            n.parent = Some("end".into());
        }
        d.add_node(n);
    }
    let ids: Vec<_> = d.nodes.keys().filter(|k| k.0 != "end").cloned().collect();
    for (i, l) in edge_labels.iter().enumerate() {
        if ids.len() < 2 {
            break;
        }
        let (a, b) = (&ids[i % ids.len()], &ids[(i + 1) % ids.len()]);
        d.add_edge(Edge {
            id: EdgeId(format!("e{i}")),
            kind: EdgeKind::Generic,
            from: a.clone(),
            to: b.clone(),
            label: (*l).to_owned(),
            rule: None,
        });
    }
    d
}

/// Labels of the import of the export, by the original's order of nodes and edges.
fn round_trip_labels(d: &Design) -> Result<(), String> {
    let text = export(d, Lang::Ja);
    let imp = import(&text).map_err(|e| e.to_string())?;
    let mut want: Vec<String> = d
        .nodes
        .values()
        .filter(|n| n.kind == Kind::Generic)
        .map(|n| n.label.clone())
        .collect();
    let mut got: Vec<String> = imp
        .design
        .nodes
        .values()
        .filter(|n| n.kind != Kind::Group || n.id.0 != "n_end")
        .map(|n| n.label.clone())
        .collect();
    got.retain(|l| l != "subgraph #\"end\"");
    want.sort();
    got.sort();
    if want != got {
        return Err(format!("node labels differ:\n{want:?}\n{got:?}\n{text}"));
    }
    let mut want: Vec<String> = d.edges.values().map(|e| e.label.clone()).collect();
    let mut got: Vec<String> = imp
        .design
        .edges
        .values()
        .map(|e| e.display_label().to_owned())
        .collect();
    want.sort();
    got.sort();
    if want != got {
        return Err(format!("edge labels differ:\n{want:?}\n{got:?}\n{text}"));
    }
    if let Err(e) = load_json(&to_json(&imp.design)) {
        return Err(format!("does not load: {e}"));
    }
    Ok(())
}

#[test]
fn nasty_labels_are_escaped_and_come_back() {
    let d = nasty_design(NASTY, NASTY);
    let text = export(&d, Lang::Ja);
    for bad in [
        "<script",
        "<img",
        "%%{",
        "\"quoted\"",
        "| pipe",
        "\nend\n    end",
    ] {
        assert!(!text.contains(bad), "{bad:?} leaked into\n{text}");
    }
    // Every label line is one line: nodes, subgraphs and edges never span lines.
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    assert!(lines <= 1 + 2 + NASTY.len() * 2 + 1, "{text}");
    round_trip_labels(&d).unwrap();
    std::fs::write(check_dir().join("nasty.mmd"), &text).unwrap();
    for (i, l) in NASTY.iter().enumerate() {
        let one = nasty_design(&[l, "plain"], &[l]);
        std::fs::write(
            check_dir().join(format!("nasty-{i:02}.mmd")),
            export(&one, Lang::En),
        )
        .unwrap();
    }
}

#[test]
fn hostile_text_gets_clear_errors() {
    assert_eq!(import("").unwrap_err(), MermaidError::Empty);
    assert!(matches!(
        import("sequenceDiagram\n A->>B: x").unwrap_err(),
        MermaidError::NotAFlowchart { .. }
    ));
    assert!(matches!(
        import("{\"format\": \"kumozu-design\"}").unwrap_err(),
        MermaidError::NotAFlowchart { .. }
    ));
    let big = format!("flowchart TB\n{}", "A --> B\n".repeat(40_000));
    assert!(matches!(
        import(&big).unwrap_err(),
        MermaidError::TooLarge { .. }
    ));
    let many: String = (0..2_100).map(|i| format!("n{i}\n")).collect();
    assert_eq!(
        import(&format!("graph TD\n{many}")).unwrap_err(),
        MermaidError::TooManyNodes
    );
    let fan = format!(
        "graph TD\n{} --> {}",
        (0..80)
            .map(|i| format!("a{i}"))
            .collect::<Vec<_>>()
            .join(" & "),
        (0..80)
            .map(|i| format!("b{i}"))
            .collect::<Vec<_>>()
            .join(" & ")
    );
    assert_eq!(import(&fan).unwrap_err(), MermaidError::TooManyEdges);
    let deep = format!("graph TD\n{}", "subgraph S\n".repeat(40));
    assert_eq!(import(&deep).unwrap_err(), MermaidError::TooDeep);
    for e in [
        MermaidError::Empty,
        MermaidError::TooDeep,
        MermaidError::NotAFlowchart {
            found: "pie".into(),
        },
    ] {
        assert!(!e.message(Lang::Ja).is_empty() && e.message(Lang::En) != e.message(Lang::Ja));
    }
    // Damaged but readable: what can be read is kept, the rest is named.
    let imp = import("flowchart LR\n A[\"ok\"] --> B\n C[\"never closed --> D\n end\n subgraph X\n A ==> ???\n click A call x()\n A --> A").unwrap();
    assert!(imp.design.nodes.len() >= 2);
    assert!(imp.warnings.len() >= 3, "{:?}", imp.warnings);
    // Redeclaring a subgraph inside itself makes no containment cycle.
    let imp = import("graph TB\nsubgraph A\nsubgraph B\nsubgraph A\nx\nend\nend\nend").unwrap();
    assert_sound(&imp.design, "self-nesting");
    // A big but legal import stays fast and within the canvas.
    let chain: String = (0..1_500)
        .map(|i| format!("n{i} --> n{}\n", i + 1))
        .collect();
    let imp = import(&format!("graph LR\n{chain}")).unwrap();
    assert_sound(&imp.design, "long chain");
}

#[test]
fn markdown_with_mermaid_blocks_imports_the_first_flowchart() {
    let md = "# 図\n\n```mermaid\nsequenceDiagram\nA->>B: x\n```\n\n```mermaid\nflowchart LR\n  ALB[\"ALB\"] -->|/api/*| API[\"NestJS\"]\n```\n";
    let imp = import(md).unwrap();
    assert_eq!(imp.design.nodes.len(), 2);
    assert_eq!(
        imp.design.edges.values().next().unwrap().kind,
        EdgeKind::AlbRule
    );
}

fn mermaidish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("flowchart TB\n".to_owned()),
        Just("graph LR;".to_owned()),
        Just("subgraph ".to_owned()),
        Just("end\n".to_owned()),
        Just("-->".to_owned()),
        Just("-.->".to_owned()),
        Just("<-->".to_owned()),
        Just("-.-x".to_owned()),
        Just("-- t -->".to_owned()),
        Just("|".to_owned()),
        Just("&".to_owned()),
        Just("[\"".to_owned()),
        Just("\"]".to_owned()),
        Just("((".to_owned()),
        Just("))".to_owned()),
        Just("{{".to_owned()),
        Just("[/".to_owned()),
        Just("%%".to_owned()),
        Just("#quot;".to_owned()),
        Just("#99999999;".to_owned()),
        Just(":::".to_owned()),
        Just("@{".to_owned()),
        Just("ALB".to_owned()),
        Just("Public Subnet (AZ a, c)".to_owned()),
        Just("/api/*".to_owned()),
        Just("\n".to_owned()),
        "[a-zA-Z0-9 _]{1,6}",
        "\\PC{1,4}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(token, 0..60).prop_map(|v| v.concat())
}

fn label() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just('"'),
            Just('#'),
            Just('<'),
            Just('>'),
            Just('&'),
            Just('|'),
            Just(';'),
            Just('%'),
            Just('`'),
            Just('['),
            Just(']'),
            Just('{'),
            Just('}'),
            Just('('),
            Just(')'),
            Just('\n'),
            Just('\r'),
            Just(' '),
            Just('-'),
            Just('.'),
            Just('/'),
            Just('*'),
            Just(':'),
            Just('='),
            Just('\\'),
            Just('\''),
            Just('q'),
            Just('u'),
            Just('o'),
            Just('t'),
            Just('1'),
            Just('あ'),
            any::<char>(),
        ],
        0..24,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn importing_random_text_never_panics(text in mermaidish()) {
        if let Ok(imp) = import(&text) {
            prop_assert!(load_json(&to_json(&imp.design)).is_ok());
        }
    }

    #[test]
    fn importing_random_chars_never_panics(text in "\\PC{0,200}") {
        let _ = import(&format!("flowchart TB\n{text}"));
    }

    #[test]
    fn nasty_labels_round_trip(nodes in prop::collection::vec(label(), 1..6), edges in prop::collection::vec(label(), 0..6)) {
        // Labels equal to a kind's own name read back as empty; keep them out.
        let nodes: Vec<String> = nodes.into_iter().map(|l| format!("{l}!")).collect();
        let n: Vec<&str> = nodes.iter().map(String::as_str).collect();
        let e: Vec<&str> = edges.iter().map(String::as_str).collect();
        let d = nasty_design(&n, &e);
        if let Err(msg) = round_trip_labels(&d) {
            prop_assert!(false, "{}", msg);
        }
    }
}
