#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
#![cfg(not(target_arch = "wasm32"))]
//! The request tracer on designs the editor can make: it never panics, and where it names the
//! listener rule a request takes, that is the rule the validator's `route` picks.

use kumozu::core::course::trace::{render_text, trace, HopKind, Request, METHODS};
use kumozu::core::document::catalogue::{ParamType, EDGE_KINDS, KINDS};
use kumozu::core::document::model::{Design, ParamValue};
use kumozu::core::document::templates;
use kumozu::core::edit::{apply, Command};
use kumozu::core::validate::context::route;
use kumozu::core::Lang;
use proptest::prelude::*;

mod common;
use common::ops::{choice_by, edge_at, node_at, set_param};

/// One edit, with indices resolved against the design at the time it runs.
#[derive(Debug, Clone)]
enum Op {
    Delete {
        node: Option<usize>,
        edge: Option<usize>,
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
    Param {
        node: usize,
        param: usize,
        num: f64,
        flag: bool,
    },
    EdgeKind {
        edge: usize,
        kind: usize,
    },
    Connect {
        from: usize,
        to: usize,
        kind: usize,
    },
    Add {
        kind: usize,
        parent: Option<usize>,
    },
    /// A setting the chapter's requests depend on, by name.
    Course {
        node: usize,
        key: usize,
        num: f64,
        flag: bool,
    },
}

/// The settings that decide whether the chapter's requests are served.
const COURSE_KEYS: &[&str] = &[
    "desired_tasks",
    "min_tasks",
    "websocket",
    "app",
    "sticky_sessions",
    "scheme",
    "vcpu",
    "memory_gb",
    "max_tasks",
];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (
            proptest::option::of(0usize..64),
            proptest::option::of(0usize..64)
        )
            .prop_map(|(node, edge)| Op::Delete { node, edge }),
        (0usize..64, 1u32..200, "/[a-z/*?.]{0,8}").prop_map(|(edge, priority, path)| Op::Rule {
            edge,
            priority,
            path
        }),
        (0usize..64, 0usize..64).prop_map(|(edge, to)| Op::Retarget { edge, to }),
        (0usize..64, 0usize..16, 0.0f64..8.0, any::<bool>()).prop_map(
            |(node, param, num, flag)| Op::Param {
                node,
                param,
                num,
                flag
            }
        ),
        (0usize..64, 0..EDGE_KINDS.len()).prop_map(|(edge, kind)| Op::EdgeKind { edge, kind }),
        (0usize..64, 0usize..64, 0..EDGE_KINDS.len()).prop_map(|(from, to, kind)| Op::Connect {
            from,
            to,
            kind
        }),
        (0..KINDS.len(), proptest::option::of(0usize..64))
            .prop_map(|(kind, parent)| Op::Add { kind, parent }),
        (0usize..64, 0..COURSE_KEYS.len(), 0.0f64..4.0, any::<bool>()).prop_map(
            |(node, key, num, flag)| Op::Course {
                node,
                key,
                num,
                flag
            }
        ),
    ]
}

fn command(d: &Design, op: &Op) -> Option<Command> {
    Some(match op {
        Op::Delete { node, edge } => Command::Delete {
            nodes: node.and_then(|i| node_at(d, i)).into_iter().collect(),
            edges: edge.and_then(|i| edge_at(d, i)).into_iter().collect(),
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
        Op::Retarget { edge, to } => Command::SetEdgeTarget {
            id: edge_at(d, *edge)?,
            to: node_at(d, *to)?,
        },
        Op::Param {
            node,
            param,
            num,
            flag,
        } => return set_param(d, *node, *param, *num, *flag, |spec| choice_by(spec, *num)),
        Op::EdgeKind { edge, kind } => Command::SetEdgeKind {
            id: edge_at(d, *edge)?,
            kind: EDGE_KINDS[*kind].kind,
        },
        Op::Connect { from, to, kind } => Command::Connect {
            from: node_at(d, *from)?,
            to: node_at(d, *to)?,
            kind: Some(EDGE_KINDS[*kind].kind),
        },
        Op::Add { kind, parent } => Command::AddNode {
            kind: KINDS[*kind].kind,
            at: None,
            parent: parent.and_then(|p| node_at(d, p)),
        },
        Op::Course {
            node,
            key,
            num,
            flag,
        } => {
            // The `node`-th of the nodes that have the setting.
            let key = COURSE_KEYS[*key];
            let having: Vec<_> = d
                .nodes
                .values()
                .filter(|n| n.kind.param(key).is_some())
                .collect();
            if having.is_empty() {
                return None;
            }
            let target = having[node % having.len()];
            let (id, spec) = (target.id.clone(), target.kind.param(key)?);
            let value = match spec.ty {
                ParamType::Bool => ParamValue::Bool(*flag),
                ParamType::Choice(_) => choice_by(spec, *num)?,
                _ => ParamValue::Num(num.floor()),
            };
            Command::SetParams {
                id,
                values: vec![(spec.key.to_owned(), value)],
            }
        }
    })
}

fn edited(t: usize, ops: &[Op]) -> Design {
    let ids = ["party-box", "ec-site", "blank"];
    let mut d = templates::find(ids[t % ids.len()])
        .unwrap()
        .design()
        .unwrap();
    for op in ops {
        if let Some(c) = command(&d, op) {
            let _ = apply(&mut d, &c);
        }
    }
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn trace_is_total_and_agrees_with_the_validators_route(
        t in 0usize..3,
        ops in proptest::collection::vec(op(), 0..12),
        method in 0..METHODS.len(),
        path in "/[a-z/.*?]{0,10}",
    ) {
        let d = edited(t, &ops);
        let req = Request::parse(&format!("{} {path}", METHODS[method].id())).unwrap();
        let tr = trace(&d, &req);
        prop_assert_eq!(tr.served(), tr.stop.is_none());
        for lang in [Lang::Ja, Lang::En] {
            // One numbered line per hop, then the outcome (and the finding, if any).
            let text = render_text(&tr, lang);
            prop_assert!(text.lines().count() > tr.hops.len());
        }
        prop_assert!(serde_json::to_string(&tr.to_json()).is_ok());
        for h in &tr.hops {
            prop_assert!(d.nodes.contains_key(&h.node), "hop at a missing node {}", h.node);
            prop_assert!(!h.text.ja.is_empty() && !h.text.en.is_empty());
            if matches!(h.kind, HopKind::Rule | HopKind::DefaultAction) {
                let want = route(&d, &h.node, &req.path).map(|e| e.id.clone());
                prop_assert_eq!(h.edge.clone(), want);
                prop_assert_eq!(h.rules.iter().filter(|r| r.matches).count(), usize::from(h.kind == HopKind::Rule));
            }
        }
        if let Some(b) = &tr.stop {
            prop_assert!(!b.message.ja.is_empty() && !b.message.en.is_empty());
            if let Some(f) = &b.finding {
                // A finding about a node names it; a design-wide one (`party-box-parts`) names none.
                prop_assert!(f.nodes.is_empty() || b.node.as_ref().is_some_and(|n| f.nodes.contains(n)));
            }
        }
    }
}

/// Designs that follow the course: Party Box or Blank, edited at random, and now and then a
/// service renamed as the student would name it.
fn course_design(t: usize, ops: &[Op], names: &[(usize, usize)]) -> Design {
    let mut d = edited(if t % 2 == 0 { 0 } else { 2 }, ops);
    // As a student starts them (`Template::start`): the course's checks on.
    d.follows_course = true;
    const LABELS: &[&str] = &["Next.js", "NestJS API", "nextjs-web", "api", "Nest JS"];
    for (node, label) in names {
        if let Some(id) = node_at(&d, *node) {
            let _ = apply(
                &mut d,
                &Command::SetLabel {
                    id,
                    label: LABELS[label % LABELS.len()].to_owned(),
                },
            );
        }
    }
    d
}

/// The chapter's three requests: a page, the API, and Socket.io's WebSocket upgrade.
const CHAPTER_REQUESTS: &[&str] = &[
    "GET /",
    "GET /api/rooms",
    "WS /socket.io/?EIO=4&transport=websocket",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// One judge (issue 17): on a design that follows the course, every way the tracer breaks
    /// one of the chapter's requests is a validator finding, and a design the validator passes
    /// (no error, nothing missing of Party Box) serves all three requests.
    #[test]
    fn the_chapters_requests_agree_with_the_validator(
        t in 0usize..2,
        ops in proptest::collection::vec(op(), 0..14),
        names in proptest::collection::vec((0usize..64, 0usize..5), 0..3),
    ) {
        let d = course_design(t, &ops, &names);
        let findings = kumozu::core::validate::validate(&d);
        let passes = !findings.iter().any(|f| {
            f.severity == kumozu::core::validate::Severity::Error || f.rule == "party-box-parts"
        });
        for text in CHAPTER_REQUESTS {
            let tr = trace(&d, &Request::parse(text).unwrap());
            if let Some(b) = &tr.stop {
                let f = b.finding.as_ref();
                prop_assert!(f.is_some(), "{text} breaks ({}: {}) with no finding of the validator", b.kind.id(), b.message.en);
                let f = f.unwrap();
                prop_assert!(findings.contains(f), "{text}: the break cites {} which validate() does not report", f.rule);
            }
            prop_assert!(!passes || tr.served(), "the validator passes the design but {text} breaks: {:?}", tr.stop.as_ref().map(|b| &b.message.en));
        }
    }
}
