//! Synthetic designs of any size, for benchmarks and property tests: a realistic shape
//! (VPC, public and private tiers, ALB with rules, ECS services, databases) repeated.

use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::{
    Design, Edge, EdgeId, ListenerRule, Node, NodeId, ParamValue, Point, Size,
};
use crate::core::document::region::Region;

/// A valid design with about `n` nodes: one VPC with a public and a private tier, one ALB
/// with up to 100 rules, and groups of (ECS service, RDS, cache) wired together.
pub fn large_design(n: usize) -> Design {
    let mut d = Design::empty(format!("synthetic {n}"), Region::ApNortheast1);
    let add = |d: &mut Design, id: String, kind: Kind, parent: Option<&str>, x: f64, y: f64| {
        let mut node = Node::new(id, kind, Point { x, y });
        node.parent = parent.map(NodeId::from);
        d.add_node(node);
    };
    let cols = 40.0;
    let rows = (n as f64 / cols).ceil().max(1.0);
    add(&mut d, "vpc".into(), Kind::Vpc, None, 0.0, 0.0);
    d.nodes
        .get_mut(&NodeId::from("vpc"))
        .expect("just added")
        .size = Some(Size {
        w: cols * 160.0 + 100.0,
        h: rows * 120.0 + 500.0,
    });
    add(
        &mut d,
        "igw".into(),
        Kind::InternetGateway,
        Some("vpc"),
        20.0,
        20.0,
    );
    add(
        &mut d,
        "public".into(),
        Kind::Subnet,
        Some("vpc"),
        20.0,
        120.0,
    );
    add(
        &mut d,
        "private".into(),
        Kind::Subnet,
        Some("vpc"),
        20.0,
        320.0,
    );
    d.nodes
        .get_mut(&NodeId::from("public"))
        .expect("just added")
        .params
        .insert("tier".into(), ParamValue::Str("public".into()));
    add(
        &mut d,
        "cluster".into(),
        Kind::EcsCluster,
        Some("private"),
        40.0,
        360.0,
    );
    add(&mut d, "alb".into(), Kind::Alb, Some("public"), 40.0, 160.0);
    add(
        &mut d,
        "nat".into(),
        Kind::NatGateway,
        Some("public"),
        200.0,
        160.0,
    );
    add(&mut d, "users".into(), Kind::Users, None, -200.0, 160.0);
    d.add_edge(Edge {
        id: EdgeId::from("users-alb"),
        kind: EdgeKind::Https,
        from: "users".into(),
        to: "alb".into(),
        label: String::new(),
        rule: None,
    });
    let mut i = 0;
    while d.nodes.len() < n {
        let (x, y) = (
            60.0 + (i % 40) as f64 * 160.0,
            400.0 + (i / 40) as f64 * 120.0,
        );
        let svc = format!("svc{i}");
        add(&mut d, svc.clone(), Kind::EcsService, Some("cluster"), x, y);
        if i < 100 {
            d.add_edge(Edge {
                id: EdgeId(format!("rule{i}")),
                kind: EdgeKind::AlbRule,
                from: "alb".into(),
                to: NodeId(svc.clone()),
                label: String::new(),
                rule: Some(ListenerRule {
                    priority: i as u32 + 1,
                    path_pattern: format!("/s{i}/*"),
                }),
            });
        }
        let db = format!("db{i}");
        add(
            &mut d,
            db.clone(),
            Kind::RdsPostgres,
            Some("private"),
            x,
            y + 40.0,
        );
        d.add_edge(Edge {
            id: EdgeId(format!("sql{i}")),
            kind: EdgeKind::Sql,
            from: NodeId(svc),
            to: NodeId(db),
            label: String::new(),
            rule: None,
        });
        i += 1;
    }
    d
}

/// About `n` nodes as [`large_design`] and `m` edges: every service is also connected to the
/// databases of the services after it (the densest wiring the catalogue allows), until `m`.
pub fn dense_design(n: usize, m: usize) -> Design {
    let mut d = large_design(n);
    let services = d.nodes.keys().filter(|k| k.0.starts_with("svc")).count();
    let mut step = 1;
    while d.edges.len() < m && step < services {
        for i in 0..services {
            if d.edges.len() >= m {
                break;
            }
            let j = (i + step) % services;
            d.add_edge(Edge {
                id: EdgeId(format!("x{i}-{j}")),
                kind: EdgeKind::Sql,
                from: NodeId(format!("svc{i}")),
                to: NodeId(format!("db{j}")),
                label: String::new(),
                rule: None,
            });
        }
        step += 1;
    }
    d
}

/// Groups nested `depth` deep (`g0` holds `g1`, which holds `g2`, …), each a little inside the
/// one around it, with an ECS service in the innermost: a design `depth + 2` nodes large. Past
/// the loader's `MAX_DEPTH` it cannot be loaded (what the benchmarks and fuzzers check).
pub fn deep_chain(depth: usize) -> Design {
    let mut d = Design::empty(format!("chain {depth}"), Region::ApNortheast1);
    let id = |i: usize| format!("g{i}");
    for i in 0..=depth {
        let at = 10.0 * i as f64;
        let mut g = Node::new(id(i), Kind::Group, Point { x: at, y: at });
        let side = 200.0 + 20.0 * (depth - i) as f64;
        g.size = Some(Size { w: side, h: side });
        g.parent = i.checked_sub(1).map(|p| NodeId(id(p)));
        d.add_node(g);
    }
    let inner = 10.0 * (depth + 1) as f64;
    let mut svc = Node::new("svc", Kind::EcsService, Point { x: inner, y: inner });
    svc.parent = Some(NodeId(id(depth)));
    d.add_node(svc);
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::format::load::{load_json, to_json};

    #[test]
    fn large_designs_load_and_have_the_size_asked_for() {
        for n in [10, 100, 1000] {
            let d = large_design(n);
            assert!(
                d.nodes.len() >= n && d.nodes.len() <= n + 1,
                "{}",
                d.nodes.len()
            );
            let back = load_json(&to_json(&d))
                .expect("a synthetic design is valid")
                .design;
            assert_eq!(back, d);
        }
    }

    #[test]
    fn dense_and_deep_designs_have_the_shape_asked_for() {
        let d = dense_design(200, 800);
        assert_eq!(d.edges.len(), 800);
        assert_eq!(load_json(&to_json(&d)).expect("valid").design, d);
        let chain = deep_chain(11);
        assert_eq!(chain.nodes.len(), 13);
        assert_eq!(chain.nesting(), 12);
        assert!(load_json(&to_json(&chain)).is_ok());
        assert!(load_json(&to_json(&deep_chain(12))).is_err());
    }
}
