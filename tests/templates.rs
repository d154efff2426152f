#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! The shipped templates (templates/*.json): they load without repairs, draw what the course
//! draws (Part 1's Party Box, Part 4's EC site, a blank VPC), obey the containment rules, lay out
//! cleanly (children inside their containers, no overlapping siblings, readable edge labels,
//! within about 1200 × 720), explain every node, and validate without errors or warnings.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use kumozu::core::document::catalogue::{EdgeKind, Kind};
use kumozu::core::document::model::{Design, Node};
use kumozu::core::document::templates::{self, TEMPLATES};
use kumozu::core::drawing::geometry::{layout, Rect};
use kumozu::core::format::load::load_json;
use kumozu::core::validate::{validate, Severity};
use kumozu::core::Lang;

/// Room a container keeps around its children, and above them for its title.
const PAD: f64 = 20.0;
const TITLE: f64 = 30.0;

fn design(id: &str) -> Design {
    let t = templates::find(id).unwrap_or_else(|| panic!("no template {id}"));
    let loaded = load_json(t.json).unwrap_or_else(|e| panic!("{id}: {e}"));
    loaded.design
}

fn by_label<'d>(d: &'d Design, label: &str) -> &'d Node {
    let found: Vec<&Node> = d.nodes.values().filter(|n| n.label == label).collect();
    assert_eq!(found.len(), 1, "one node labelled {label}");
    found[0]
}

fn of_kind(d: &Design, kind: Kind) -> Vec<&Node> {
    d.nodes.values().filter(|n| n.kind == kind).collect()
}

fn parent<'d>(d: &'d Design, n: &Node) -> Option<&'d Node> {
    n.parent.as_ref().and_then(|p| d.nodes.get(p))
}

fn tier(subnet: &Node) -> &str {
    subnet.text("tier")
}

fn azs(subnet: &Node) -> Vec<&str> {
    subnet.list("azs").iter().map(String::as_str).collect()
}

// ---------------------------------------------------------------------------------------------
// Every template

#[test]
fn every_template_loads_without_notes_and_says_which_it_is() {
    let ids: BTreeSet<&str> = TEMPLATES.iter().map(|t| t.id).collect();
    assert_eq!(ids, BTreeSet::from(["blank", "ec-site", "party-box"]));
    for t in TEMPLATES {
        let loaded = load_json(t.json).unwrap_or_else(|e| panic!("{}: {e}", t.id));
        assert!(loaded.notes.is_empty(), "{}: {:?}", t.id, loaded.notes);
        let d = loaded.design;
        assert_eq!(d.template.as_deref(), Some(t.id));
        assert_eq!(d.region.code(), "ap-northeast-1", "{}", t.id);
        assert!(!d.name.is_empty(), "{}", t.id);
        assert_eq!(t.design().unwrap(), d);
        assert!(!t.name.ja.is_empty() && !t.name.en.is_empty() && !t.about.en.is_empty());
    }
    assert!(design("party-box").follows_course);
    assert!(!design("ec-site").follows_course);
}

#[test]
fn every_node_may_sit_where_it_sits() {
    for t in TEMPLATES {
        let d = design(t.id);
        for n in d.nodes.values() {
            let p = parent(&d, n);
            if let Err(why) = n.kind.may_sit_in(p.map(|p| p.kind)) {
                panic!(
                    "{}: {} ({}) in {:?}: {}",
                    t.id,
                    n.id,
                    n.kind.id(),
                    p.map(|p| p.id.as_str()),
                    why.en
                );
            }
        }
    }
}

#[test]
fn every_child_lies_inside_its_container_with_room_for_the_title() {
    for t in TEMPLATES {
        let d = design(t.id);
        for n in d.nodes.values() {
            let Some(p) = parent(&d, n) else { continue };
            let (c, b) = (Rect::of(n), Rect::of(p));
            let inside = c.x >= b.x + PAD
                && c.right() <= b.right() - PAD
                && c.y >= b.y + TITLE
                && c.bottom() <= b.bottom() - PAD;
            assert!(
                inside,
                "{}: {} {c:?} is not well inside {} {b:?}",
                t.id, n.id, p.id
            );
        }
    }
}

#[test]
fn no_two_sibling_boxes_overlap() {
    for t in TEMPLATES {
        let d = design(t.id);
        let nodes: Vec<&Node> = d.nodes.values().collect();
        for (i, a) in nodes.iter().enumerate() {
            for b in &nodes[i + 1..] {
                if a.parent != b.parent {
                    continue;
                }
                assert!(
                    !Rect::of(a).intersects(&Rect::of(b)),
                    "{}: {} and {} overlap",
                    t.id,
                    a.id,
                    b.id
                );
            }
        }
    }
}

#[test]
fn course_templates_fit_the_canvas_and_their_labels_can_be_read() {
    for id in ["party-box", "ec-site"] {
        let d = design(id);
        for n in d.nodes.values() {
            let r = Rect::of(n);
            assert!(
                r.x >= 0.0 && r.y >= 0.0 && r.right() <= 1200.0 && r.bottom() <= 720.0,
                "{id}: {} {r:?} is outside 1200 × 720",
                n.id
            );
        }
        // Every edge label sits where it covers no node card and no other label.
        let cards: Vec<(String, Rect)> = d
            .nodes
            .values()
            .filter(|n| !n.kind.is_container())
            .map(|n| (n.id.0.clone(), Rect::of(n)))
            .collect();
        let labels: Vec<(String, Rect)> = layout(&d)
            .edges
            .into_iter()
            .filter_map(|r| r.label.map(|l| (r.id.0, l)))
            .collect();
        for (i, (edge, l)) in labels.iter().enumerate() {
            for (card, c) in &cards {
                assert!(!l.intersects(c), "{id}: the label of {edge} covers {card}");
            }
            for (other, m) in &labels[i + 1..] {
                assert!(
                    !l.intersects(m),
                    "{id}: the labels of {edge} and {other} overlap"
                );
            }
        }
    }
}

#[test]
fn course_templates_explain_every_node() {
    for id in ["party-box", "ec-site"] {
        let d = design(id);
        for n in d.nodes.values() {
            assert!(n.note.len() >= 20, "{id}: {} has no real note", n.id);
            assert!(
                n.note.chars().count() <= 500,
                "{id}: {}'s note is long",
                n.id
            );
        }
    }
}

#[test]
fn course_templates_validate_without_errors_or_warnings() {
    for id in ["party-box", "ec-site"] {
        let d = design(id);
        let bad: Vec<String> = validate(&d)
            .into_iter()
            .filter(|f| f.severity != Severity::Info)
            .map(|f| format!("{} {}: {}", f.severity.id(), f.rule, f.message.en))
            .collect();
        assert!(bad.is_empty(), "{id}:\n{}", bad.join("\n"));
    }
}

// ---------------------------------------------------------------------------------------------
// Party Box (Part 1)

#[test]
fn party_box_has_the_alb_in_a_public_tier_over_two_azs() {
    let d = design("party-box");
    let albs = of_kind(&d, Kind::Alb);
    assert_eq!(albs.len(), 1);
    let alb = albs[0];
    assert_eq!(alb.text("scheme"), "internet-facing");
    assert_eq!(alb.text("listener_protocol"), "HTTPS");
    let subnet = d
        .enclosing(&alb.id, Kind::Subnet)
        .expect("the ALB sits in a subnet");
    assert_eq!(tier(subnet), "public");
    assert_eq!(azs(subnet), ["a", "c"]);
    assert!(d.enclosing(&subnet.id, Kind::Vpc).is_some());
    // The public tier is public: the VPC has an Internet Gateway.
    let igws = of_kind(&d, Kind::InternetGateway);
    assert_eq!(igws.len(), 1);
    assert_eq!(parent(&d, igws[0]).map(|p| p.kind), Some(Kind::Vpc));
    // HTTPS needs a certificate, connected to the ALB.
    let acm = of_kind(&d, Kind::Acm);
    assert_eq!(acm.len(), 1);
    assert!(d
        .edges_of(&alb.id)
        .any(|e| e.from == acm[0].id || e.to == acm[0].id));
    // Users reach the ALB over HTTPS.
    let users = of_kind(&d, Kind::Users);
    assert_eq!(users.len(), 1);
    assert!(d
        .edges
        .values()
        .any(|e| e.kind == EdgeKind::Https && e.from == users[0].id && e.to == alb.id));
}

#[test]
fn party_box_runs_both_services_on_fargate_in_the_private_tier() {
    let d = design("party-box");
    let next = by_label(&d, "Next.js");
    let nest = by_label(&d, "NestJS");
    assert_eq!(of_kind(&d, Kind::EcsService).len(), 2);
    for (svc, app) in [(next, "nextjs-ssr"), (nest, "nestjs")] {
        assert_eq!(svc.kind, Kind::EcsService);
        assert_eq!(svc.text("app"), app);
        assert_eq!(svc.text("launch_type"), "FARGATE");
        let cluster = parent(&d, svc).expect("in a cluster");
        assert_eq!(cluster.kind, Kind::EcsCluster);
        assert_eq!(cluster.label, "ECS Cluster");
        let subnet = d.enclosing(&svc.id, Kind::Subnet).expect("in a subnet");
        assert_eq!(tier(subnet), "private");
        assert_eq!(azs(subnet), ["a", "c"]);
        // Sized and scaled as the chapter says: 2 tasks, up to 4 on CPU > 70%.
        assert_eq!(svc.num("vcpu"), 0.5);
        assert_eq!(svc.num("memory_gb"), 1.0);
        assert_eq!(svc.num("container_port"), 3000.0);
        assert_eq!(svc.num("desired_tasks"), 2.0);
        assert_eq!(svc.num("min_tasks"), 2.0);
        assert_eq!(svc.num("max_tasks"), 4.0);
        assert_eq!(svc.text("scaling_metric"), "cpu");
        assert_eq!(svc.num("scaling_target_percent"), 70.0);
        assert!(!svc.flag("assign_public_ip"));
        // The chapter's three reasons for two tasks.
        for reason in ["load balancing", "redundancy", "rolling deploy"] {
            assert!(
                svc.note.contains(reason),
                "{}'s note lacks {reason}",
                svc.id
            );
        }
    }
    assert!(nest.flag("websocket"));
    assert!(nest.flag("sticky_sessions"), "Socket.io on two tasks");
    assert!(nest.note.contains("Socket.io"));
    assert!(!next.flag("websocket"));
}

#[test]
fn party_box_routes_by_path_with_the_catch_all_last() {
    let d = design("party-box");
    let alb = of_kind(&d, Kind::Alb)[0];
    let next = by_label(&d, "Next.js");
    let nest = by_label(&d, "NestJS");
    let mut rules: Vec<(u32, &str, &str)> = d
        .edges
        .values()
        .filter(|e| e.kind == EdgeKind::AlbRule)
        .map(|e| {
            assert_eq!(e.from, alb.id);
            let r = e.rule.as_ref().expect("an alb_rule edge has a rule");
            (r.priority, r.path_pattern.as_str(), e.to.as_str())
        })
        .collect();
    rules.sort();
    assert_eq!(
        rules,
        [
            (10, "/api/*", nest.id.as_str()),
            (20, "/socket.io/*", nest.id.as_str()),
            (100, "/*", next.id.as_str()),
        ]
    );
    // Edge labels are the patterns (left empty so the rule's pattern shows).
    for e in d.edges.values().filter(|e| e.kind == EdgeKind::AlbRule) {
        assert!(e.label.is_empty());
        assert!(e.display_label().starts_with('/'));
    }
}

#[test]
fn party_box_has_its_database_registry_and_monitoring() {
    let d = design("party-box");
    let nest = by_label(&d, "NestJS");
    let next = by_label(&d, "Next.js");

    let rds = by_label(&d, "PostgreSQL");
    assert_eq!(rds.kind, Kind::RdsPostgres);
    let subnet = parent(&d, rds).expect("RDS sits in a subnet");
    assert_eq!((subnet.kind, tier(subnet)), (Kind::Subnet, "private"));
    assert!(["db.t4g.micro", "db.t4g.small"].contains(&rds.text("instance_class")));
    assert_eq!(rds.text("storage_type"), "gp3");
    assert_eq!(rds.num("storage_gb"), 20.0);
    assert!(rds.note.contains("Multi-AZ"));
    // Only NestJS talks SQL, to RDS.
    let sql: Vec<_> = d
        .edges
        .values()
        .filter(|e| e.kind == EdgeKind::Sql)
        .collect();
    assert_eq!(sql.len(), 1);
    assert_eq!((&sql[0].from, &sql[0].to), (&nest.id, &rds.id));

    let ecr = of_kind(&d, Kind::Ecr);
    let cw = of_kind(&d, Kind::Cloudwatch);
    assert_eq!((ecr.len(), cw.len()), (1, 1));
    let (ecr, cw) = (ecr[0], cw[0]);
    assert_eq!(
        ecr.parent, None,
        "ECR is a regional service, outside the VPC"
    );
    assert_eq!(cw.parent, None, "CloudWatch is outside the VPC");
    let has = |kind: EdgeKind, from: &Node, to: &Node, label: &str| {
        d.edges
            .values()
            .any(|e| e.kind == kind && e.from == from.id && e.to == to.id && e.label == label)
    };
    for svc in [next, nest] {
        assert!(
            has(EdgeKind::ImagePull, svc, ecr, ""),
            "{} pulls from ECR",
            svc.id
        );
        assert!(
            has(EdgeKind::Logs, svc, cw, ""),
            "{} logs to CloudWatch",
            svc.id
        );
        assert!(
            has(EdgeKind::Scaling, cw, svc, "CPU > 70%"),
            "CloudWatch scales {}",
            svc.id
        );
    }

    // Private tasks reach ECR through a NAT Gateway in the public tier.
    let nat = of_kind(&d, Kind::NatGateway);
    assert_eq!(nat.len(), 1);
    assert_eq!(tier(parent(&d, nat[0]).unwrap()), "public");
    for svc in [next, nest] {
        assert!(
            has(EdgeKind::Egress, svc, nat[0], ""),
            "{} goes out through NAT",
            svc.id
        );
    }
}

// ---------------------------------------------------------------------------------------------
// EC site (Part 4)

#[test]
fn ec_site_draws_the_part_4_services() {
    let d = design("ec-site");
    for kind in [
        Kind::Users,
        Kind::Route53,
        Kind::Cloudfront,
        Kind::S3,
        Kind::Acm,
        Kind::Vpc,
        Kind::InternetGateway,
        Kind::Alb,
        Kind::EcsCluster,
        Kind::Elasticache,
        Kind::RdsPostgres,
        Kind::Sqs,
        Kind::Lambda,
        Kind::SecretsManager,
        Kind::Cloudwatch,
        Kind::Ecr,
    ] {
        assert!(!of_kind(&d, kind).is_empty(), "no {}", kind.id());
    }
    let apis = of_kind(&d, Kind::EcsService);
    assert!(apis.len() >= 2);
    let api1 = by_label(&d, "API 1");
    let api2 = by_label(&d, "API 2");
    for api in [api1, api2] {
        assert_eq!(parent(&d, api).map(|p| p.kind), Some(Kind::EcsCluster));
        assert_eq!(tier(d.enclosing(&api.id, Kind::Subnet).unwrap()), "private");
    }
    for kind in [Kind::Elasticache, Kind::RdsPostgres] {
        let n = of_kind(&d, kind)[0];
        assert_eq!(tier(parent(&d, n).unwrap()), "private", "{}", kind.id());
    }
    let alb = of_kind(&d, Kind::Alb)[0];
    let public = parent(&d, alb).unwrap();
    assert_eq!((tier(public), azs(public)), ("public", vec!["a", "c"]));
}

#[test]
fn ec_site_follows_the_seed_diagrams_flow() {
    let d = design("ec-site");
    let one = |kind: Kind| of_kind(&d, kind)[0];
    let (users, r53, cf, s3, alb) = (
        one(Kind::Users),
        one(Kind::Route53),
        one(Kind::Cloudfront),
        one(Kind::S3),
        one(Kind::Alb),
    );
    let (cache, rds, sqs, lambda) = (
        one(Kind::Elasticache),
        one(Kind::RdsPostgres),
        one(Kind::Sqs),
        one(Kind::Lambda),
    );
    let edge = |kind: EdgeKind, from: &Node, to: &Node| {
        d.edges
            .values()
            .find(|e| e.kind == kind && e.from == from.id && e.to == to.id)
            .unwrap_or_else(|| panic!("no {} edge {} → {}", kind.id(), from.id, to.id))
    };
    edge(EdgeKind::Dns, users, r53);
    edge(EdgeKind::Dns, r53, cf);
    assert!(edge(EdgeKind::Origin, cf, s3).label.contains("静的"));
    assert_eq!(edge(EdgeKind::Origin, cf, alb).label, "API");
    edge(EdgeKind::Invoke, sqs, lambda);
    for api in [by_label(&d, "API 1"), by_label(&d, "API 2")] {
        assert!(d
            .edges
            .values()
            .any(|e| e.kind == EdgeKind::AlbRule && e.from == alb.id && e.to == api.id));
        // The application talks to the cache and, on a miss, to the database itself.
        edge(EdgeKind::Cache, api, cache);
        edge(EdgeKind::Sql, api, rds);
        edge(EdgeKind::Queue, api, sqs);
        edge(EdgeKind::ImagePull, api, one(Kind::Ecr));
        edge(EdgeKind::Secret, api, one(Kind::SecretsManager));
        edge(EdgeKind::Logs, api, one(Kind::Cloudwatch));
    }
    // Not cache → database: on a miss it is the application that asks RDS.
    assert!(!d
        .edges
        .values()
        .any(|e| e.from == cache.id && e.to == rds.id));
    assert!(cache.note.contains("miss"));
}

// ---------------------------------------------------------------------------------------------
// Blank

#[test]
fn blank_is_one_vpc_with_a_public_and_a_private_tier_over_two_azs() {
    let d = design("blank");
    let vpcs = of_kind(&d, Kind::Vpc);
    assert_eq!(vpcs.len(), 1);
    let subnets = of_kind(&d, Kind::Subnet);
    assert_eq!(subnets.len(), 2);
    let tiers: BTreeSet<&str> = subnets.iter().map(|s| tier(s)).collect();
    assert_eq!(tiers, BTreeSet::from(["private", "public"]));
    for s in &subnets {
        assert_eq!(s.parent.as_ref(), Some(&vpcs[0].id));
        assert_eq!(azs(s), ["a", "c"]);
        assert!(!s.display_label(Lang::En).is_empty());
    }
    assert!(d.edges.is_empty());
}
