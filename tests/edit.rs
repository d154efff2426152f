#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
#![cfg(not(target_arch = "wasm32"))]
//! The editor's one gateway, `core::edit::apply`, under random command sequences: every
//! design it produces saves and loads back unchanged, a refused command changes nothing,
//! undo takes every step back to the start and redo brings the end back.

use kumozu::core::document::catalogue::{EdgeKind, Kind, EDGE_KINDS, KINDS};
use kumozu::core::document::model::{Design, EdgeId, NodeId, ParamValue, Point, Size};
use kumozu::core::document::templates;
use kumozu::core::edit::{apply, rules_of, Command, History};
use kumozu::core::format::load::{load_json, to_json};
use proptest::prelude::*;

mod common;
use common::ops::{edge_at, node_at, set_param};

/// One step, with indices resolved against the design at the time it runs.
#[derive(Debug, Clone)]
enum Op {
    Add {
        kind: usize,
        parent: Option<usize>,
        at: Option<(i32, i32)>,
    },
    Move {
        nodes: Vec<usize>,
        dx: i32,
        dy: i32,
    },
    Place {
        nodes: Vec<usize>,
        parent: Option<usize>,
    },
    Resize {
        node: usize,
        w: u16,
        h: u16,
    },
    Delete {
        nodes: Vec<usize>,
        edges: Vec<usize>,
    },
    Duplicate {
        nodes: Vec<usize>,
    },
    Connect {
        from: usize,
        to: usize,
        kind: Option<usize>,
    },
    Label {
        node: usize,
        label: String,
    },
    Param {
        node: usize,
        param: usize,
        num: f64,
        flag: bool,
        text: String,
    },
    EdgeKind {
        edge: usize,
        kind: usize,
    },
    Rule {
        edge: usize,
        priority: u32,
        path: String,
    },
    MoveRule {
        edge: usize,
        up: bool,
    },
    Retarget {
        edge: usize,
        to: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let idx = 0usize..64;
    let idxs = proptest::collection::vec(0usize..64, 0..4);
    prop_oneof![
        (
            0..KINDS.len(),
            proptest::option::of(0usize..64),
            proptest::option::of((-300i32..1500, -300i32..1500))
        )
            .prop_map(|(kind, parent, at)| Op::Add { kind, parent, at }),
        (idxs.clone(), -200i32..200, -200i32..200).prop_map(|(nodes, dx, dy)| Op::Move {
            nodes,
            dx,
            dy
        }),
        (idxs.clone(), proptest::option::of(0usize..64))
            .prop_map(|(nodes, parent)| Op::Place { nodes, parent }),
        (idx.clone(), 0u16..1200, 0u16..1200).prop_map(|(node, w, h)| Op::Resize { node, w, h }),
        (idxs.clone(), idxs.clone()).prop_map(|(nodes, edges)| Op::Delete { nodes, edges }),
        idxs.clone().prop_map(|nodes| Op::Duplicate { nodes }),
        (
            idx.clone(),
            idx.clone(),
            proptest::option::of(0..EDGE_KINDS.len())
        )
            .prop_map(|(from, to, kind)| Op::Connect { from, to, kind }),
        (idx.clone(), "[a-zA-Z<>\"'& ${}]{0,12}")
            .prop_map(|(node, label)| Op::Label { node, label }),
        (
            idx.clone(),
            0usize..16,
            -10.0f64..100_000.0,
            any::<bool>(),
            "[a-z0-9./*-]{0,8}"
        )
            .prop_map(|(node, param, num, flag, text)| Op::Param {
                node,
                param,
                num,
                flag,
                text
            }),
        (idx.clone(), 0..EDGE_KINDS.len()).prop_map(|(edge, kind)| Op::EdgeKind { edge, kind }),
        (idx.clone(), 0u32..60_000, "[a-z/*?]{0,10}").prop_map(|(edge, priority, path)| Op::Rule {
            edge,
            priority,
            path
        }),
        (idx.clone(), any::<bool>()).prop_map(|(edge, up)| Op::MoveRule { edge, up }),
        (idx, 0usize..64).prop_map(|(edge, to)| Op::Retarget { edge, to }),
    ]
}

fn command(d: &Design, op: &Op) -> Option<Command> {
    let nodes = |v: &[usize]| v.iter().filter_map(|&i| node_at(d, i)).collect::<Vec<_>>();
    Some(match op {
        Op::Add { kind, parent, at } => Command::AddNode {
            kind: KINDS[*kind].kind,
            at: at.map(|(x, y)| Point {
                x: x as f64,
                y: y as f64,
            }),
            parent: parent.and_then(|p| node_at(d, p)),
        },
        Op::Move { nodes: v, dx, dy } => Command::Move {
            ids: nodes(v),
            dx: *dx as f64,
            dy: *dy as f64,
        },
        Op::Place { nodes: v, parent } => Command::Place {
            ids: nodes(v),
            parent: parent.and_then(|p| node_at(d, p)),
        },
        Op::Resize { node, w, h } => Command::Resize {
            id: node_at(d, *node)?,
            size: Size {
                w: *w as f64,
                h: *h as f64,
            },
        },
        Op::Delete { nodes: v, edges } => Command::Delete {
            nodes: nodes(v),
            edges: edges.iter().filter_map(|&i| edge_at(d, i)).collect(),
        },
        Op::Duplicate { nodes: v } => Command::Duplicate { ids: nodes(v) },
        Op::Connect { from, to, kind } => Command::Connect {
            from: node_at(d, *from)?,
            to: node_at(d, *to)?,
            kind: kind.map(|k| EDGE_KINDS[k].kind),
        },
        Op::Label { node, label } => Command::SetLabel {
            id: node_at(d, *node)?,
            label: label.clone(),
        },
        Op::Param {
            node,
            param,
            num,
            flag,
            text,
        } => {
            use kumozu::core::document::catalogue::ParamType as T;
            return set_param(d, *node, *param, *num, *flag, |spec| {
                Some(match spec.ty {
                    T::Choice(c) => {
                        ParamValue::Str(if *flag { c[0].to_owned() } else { text.clone() })
                    }
                    T::AzList => ParamValue::List(if *flag {
                        vec!["a".into(), "c".into()]
                    } else {
                        vec![text.clone()]
                    }),
                    _ => ParamValue::Str(text.clone()),
                })
            });
        }
        Op::EdgeKind { edge, kind } => Command::SetEdgeKind {
            id: edge_at(d, *edge)?,
            kind: EDGE_KINDS[*kind].kind,
        },
        Op::Rule {
            edge,
            priority,
            path,
        } => Command::SetRule {
            id: edge_at(d, *edge)?,
            priority: *priority,
            path_pattern: path.clone(),
        },
        Op::MoveRule { edge, up } => Command::MoveRule {
            id: edge_at(d, *edge)?,
            up: *up,
        },
        Op::Retarget { edge, to } => Command::SetEdgeTarget {
            id: edge_at(d, *edge)?,
            to: node_at(d, *to)?,
        },
    })
}

fn template(i: usize) -> Design {
    let ids = ["party-box", "blank", "ec-site"];
    templates::find(ids[i % ids.len()])
        .unwrap()
        .design()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn every_edit_saves_loads_and_undoes(t in 0usize..3, ops in proptest::collection::vec(op(), 1..25)) {
        let start = template(t);
        let mut d = start.clone();
        let mut history = History::new();
        let mut states = vec![d.clone()];
        for op in &ops {
            let Some(cmd) = command(&d, op) else { continue };
            let before = d.clone();
            match apply(&mut d, &cmd) {
                Err(_) => prop_assert_eq!(&d, &before, "a refused {:?} changed the design", cmd),
                Ok(applied) => {
                    // What the editor makes is a design a file could hold.
                    let back = load_json(&to_json(&d));
                    prop_assert!(back.is_ok(), "after {:?}: {:?}", cmd, back.err());
                    prop_assert_eq!(&back.unwrap().design, &d, "after {:?} the saved design reads back differently", cmd);
                    for id in &applied.new_nodes {
                        prop_assert!(d.nodes.contains_key(id));
                    }
                    if !applied.edit.is_empty() {
                        history.record(applied.edit, None);
                        states.push(d.clone());
                    }
                }
            }
        }
        let end = d.clone();
        // Undo walks back through every state, in order.
        for want in states.iter().rev().skip(1) {
            prop_assert!(history.undo(&mut d));
            prop_assert_eq!(&d, want);
        }
        prop_assert!(!history.undo(&mut d));
        prop_assert_eq!(&d, &start);
        while history.redo(&mut d) {}
        prop_assert_eq!(&d, &end);
    }
}

/// The steps a student takes to draw Party Box from `blank`, as commands: they reach a design
/// with no validation error, the same check the end-to-end test makes in Chromium.
#[test]
fn party_box_from_blank_reaches_zero_errors() {
    use kumozu::core::validate::{validate, Severity};
    let mut d = template(1);
    let id = |s: &str| NodeId(s.into());
    let run =
        |d: &mut Design, c: Command| apply(d, &c).unwrap_or_else(|r| panic!("{c:?}: {}", r.0.en));
    let add = |d: &mut Design, kind: Kind, parent: Option<&str>| -> NodeId {
        let a = apply(
            d,
            &Command::AddNode {
                kind,
                at: None,
                parent: parent.map(id),
            },
        )
        .unwrap();
        a.new_nodes[0].clone()
    };
    let alb = add(&mut d, Kind::Alb, Some("public"));
    let nat = add(&mut d, Kind::NatGateway, Some("public"));
    let cluster = add(&mut d, Kind::EcsCluster, Some("private"));
    let web = add(&mut d, Kind::EcsService, Some(cluster.as_str()));
    let api = add(&mut d, Kind::EcsService, Some(cluster.as_str()));
    let rds = add(&mut d, Kind::RdsPostgres, Some("private"));
    let users = add(&mut d, Kind::Users, None);
    let ecr = add(&mut d, Kind::Ecr, None);
    let acm = add(&mut d, Kind::Acm, None);
    run(
        &mut d,
        Command::SetLabel {
            id: web.clone(),
            label: "Next.js".into(),
        },
    );
    run(
        &mut d,
        Command::SetLabel {
            id: api.clone(),
            label: "NestJS".into(),
        },
    );
    run(
        &mut d,
        Command::SetParams {
            id: api.clone(),
            values: vec![
                ("sticky_sessions".into(), ParamValue::Bool(true)),
                ("websocket".into(), ParamValue::Bool(true)),
            ],
        },
    );
    run(
        &mut d,
        Command::SetParams {
            id: acm.clone(),
            values: vec![(
                "domain_name".into(),
                ParamValue::Str("party.example.com".into()),
            )],
        },
    );
    for (from, to, kind) in [
        (&users, &alb, None),
        (&acm, &alb, None),
        (&api, &rds, None),
        (&web, &ecr, None),
        (&api, &ecr, None),
        (&web, &nat, None),
        (&api, &nat, None),
        (&nat, &id("igw"), None),
        (&alb, &web, Some(EdgeKind::AlbRule)),
        (&alb, &api, Some(EdgeKind::AlbRule)),
        (&alb, &api, Some(EdgeKind::AlbRule)),
    ] {
        run(
            &mut d,
            Command::Connect {
                from: from.clone(),
                to: to.clone(),
                kind,
            },
        );
    }
    let rules: Vec<EdgeId> = rules_of(&d, &alb).iter().map(|e| e.id.clone()).collect();
    assert_eq!(rules.len(), 3);
    // The two NestJS rules came before the catch-all; give them the course's paths.
    let paths = ["/api/*", "/socket.io/*", "/*"];
    let ordered: Vec<EdgeId> = rules_of(&d, &alb).iter().map(|e| e.id.clone()).collect();
    for (i, (rule, path)) in ordered.iter().zip(paths).enumerate() {
        let priority = [10, 20, 100][i];
        run(
            &mut d,
            Command::SetRule {
                id: rule.clone(),
                priority,
                path_pattern: path.into(),
            },
        );
    }
    let errors: Vec<_> = validate(&d)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule)
        .collect();
    assert!(errors.is_empty(), "errors left: {errors:?}");
}
