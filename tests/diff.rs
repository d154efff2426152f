#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
#![cfg(not(target_arch = "wasm32"))]
//! `course::compare` on designs the editor can make: a design equals itself, and between a template
//! and an edited copy (same ids) the diff finds a difference exactly when the designs differ
//! in more than layout.

use kumozu::core::cost::PriceTable;
use kumozu::core::course::compare::{diff, diff_priced, Category};
use kumozu::core::document::model::{Design, NodeId, ParamValue, Point};
use kumozu::core::document::templates;
use kumozu::core::edit::{apply, Command};
use proptest::prelude::*;

mod common;
use common::ops::{choice_by, edge_at, node_at, set_param};

#[derive(Debug, Clone)]
enum Op {
    Move {
        node: usize,
        dx: i32,
        dy: i32,
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
    },
    Rule {
        edge: usize,
        priority: u32,
        path: String,
    },
    Retarget {
        edge: usize,
        to: usize,
    },
    DeleteEdge {
        edge: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..64, -100i32..100, -100i32..100).prop_map(|(node, dx, dy)| Op::Move {
            node,
            dx,
            dy
        }),
        (0usize..64, "[a-zA-Z ]{0,6}").prop_map(|(node, label)| Op::Label { node, label }),
        (0usize..64, 0usize..16, 0.0f64..8.0, any::<bool>()).prop_map(
            |(node, param, num, flag)| Op::Param {
                node,
                param,
                num,
                flag
            }
        ),
        (0usize..64, 1u32..200, "/[a-z/*]{0,6}").prop_map(|(edge, priority, path)| Op::Rule {
            edge,
            priority,
            path
        }),
        (0usize..64, 0usize..64).prop_map(|(edge, to)| Op::Retarget { edge, to }),
        (0usize..64).prop_map(|edge| Op::DeleteEdge { edge }),
    ]
}

fn command(d: &Design, op: &Op) -> Option<Command> {
    Some(match op {
        Op::Move { node, dx, dy } => Command::Move {
            ids: vec![node_at(d, *node)?],
            dx: *dx as f64,
            dy: *dy as f64,
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
        } => return set_param(d, *node, *param, *num, *flag, |spec| choice_by(spec, *num)),
        Op::Rule {
            edge,
            priority,
            path,
        } => Command::SetRule {
            id: edge_at(d, *edge)?,
            priority: *priority,
            path_pattern: path.clone(),
        },
        Op::Retarget { edge, to } => Command::SetEdgeTarget {
            id: edge_at(d, *edge)?,
            to: node_at(d, *to)?,
        },
        Op::DeleteEdge { edge } => Command::Delete {
            nodes: vec![],
            edges: vec![edge_at(d, *edge)?],
        },
    })
}

/// The design without its layout: positions and box sizes set aside.
fn without_layout(d: &Design) -> Design {
    let mut d = d.clone();
    for n in d.nodes.values_mut() {
        n.pos = Point::default();
        n.size = None;
    }
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn diff_finds_a_difference_exactly_when_there_is_one(
        t in 0usize..2,
        ops in proptest::collection::vec(op(), 0..6),
    ) {
        let id = ["party-box", "ec-site"][t];
        let a = templates::find(id).unwrap().design().unwrap();
        let mut b = a.clone();
        for op in &ops {
            if let Some(c) = command(&b, op) {
                let _ = apply(&mut b, &c);
            }
        }
        prop_assert!(diff(&b, &b).is_equal());
        let x = diff(&a, &b);
        prop_assert_eq!(x.is_equal(), without_layout(&a) == without_layout(&b), "{:?}", x.changes);
        prop_assert!(x.matched_by_label.is_empty(), "same ids pair by id");
        prop_assert!(x.changes.iter().all(|d| d.category != Category::Layout));
        prop_assert!(x.layout.iter().all(|d| d.category == Category::Layout));
        // The same number of differences seen from the other side.
        prop_assert_eq!(diff(&b, &a).changes.len(), x.changes.len());
        let table = PriceTable::bundled(a.region).unwrap();
        let priced = diff_priced(&a, &b, &table, &table);
        prop_assert_eq!(priced.is_equal(), x.is_equal());
        prop_assert!(serde_json::to_string(&priced.to_json()).is_ok());
    }
}

/// The highlight marks: a removed node is marked on A's side only, an added one on B's side
/// only, a changed parameter on both, a move as a move; an equal pair marks nothing.
#[test]
fn marks_say_which_side_holds_what() {
    use kumozu::core::course::compare::marks;
    let a = templates::find("party-box").unwrap().design().unwrap();
    assert_eq!(marks(&diff(&a, &a)), Default::default());
    let mut b = a.clone();
    let (gone, _) = b
        .nodes
        .iter()
        .find(|(_, n)| {
            !n.kind.is_container() && b.edges.values().all(|e| e.from != n.id && e.to != n.id)
        })
        .map(|(id, n)| (id.clone(), n.clone()))
        .or_else(|| {
            b.nodes
                .iter()
                .find(|(_, n)| !n.kind.is_container())
                .map(|(id, n)| (id.clone(), n.clone()))
        })
        .unwrap();
    b.nodes.remove(&gone);
    b.edges.retain(|_, e| e.from != gone && e.to != gone);
    let mut added = a
        .nodes
        .values()
        .find(|n| !n.kind.is_container())
        .unwrap()
        .clone();
    added.id = NodeId("brand-new".into());
    added.label = "Brand new".into();
    b.nodes.insert(added.id.clone(), added);
    let svc = b
        .nodes
        .values_mut()
        .find(|n| n.params.contains_key("desired_tasks"))
        .unwrap();
    svc.params
        .insert("desired_tasks".into(), ParamValue::Num(7.0));
    let svc_id = svc.id.as_str().to_owned();
    let (ma, mb) = marks(&diff(&a, &b));
    assert_eq!(ma.get(gone.as_str()), Some(&"diff-removed"), "{ma:?}");
    assert_eq!(mb.get(gone.as_str()), None);
    assert_eq!(mb.get("brand-new"), Some(&"diff-added"), "{mb:?}");
    assert_eq!(ma.get("brand-new"), None);
    assert_eq!(ma.get(svc_id.as_str()), Some(&"diff-changed"));
    assert_eq!(mb.get(svc_id.as_str()), Some(&"diff-changed"));
}
