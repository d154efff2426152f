#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! The chapter's checklist: Party Box shows all seven points, the blank template none, and
//! each targeted edit unticks the point it breaks while the unrelated ones stay; the
//! explanations use the design's own names; the CLI's exit codes.

use kumozu::core::cost::PriceTable;
use kumozu::core::course::checklist::{checklist, render_text, ticked, to_html, to_json, Item};
use kumozu::core::document::model::{Design, NodeId, ParamValue};
use kumozu::core::document::templates;
use kumozu::core::Lang;

fn party() -> Design {
    templates::find("party-box").unwrap().design().unwrap()
}

fn items(d: &Design) -> Vec<Item> {
    let table = PriceTable::bundled(d.region).unwrap();
    checklist(d, Some(&table))
}

fn state(items: &[Item]) -> Vec<(&'static str, bool)> {
    items.iter().map(|i| (i.id, i.ticked)).collect()
}

fn is(items: &[Item], id: &str) -> bool {
    items.iter().find(|i| i.id == id).expect(id).ticked
}

fn set(d: &mut Design, node: &str, key: &str, v: f64) {
    d.nodes
        .get_mut(&NodeId(node.into()))
        .unwrap()
        .params
        .insert(key.into(), ParamValue::Num(v));
}

#[test]
fn party_box_shows_all_seven_and_blank_none() {
    let all = items(&party());
    assert_eq!(all.len(), 7);
    assert_eq!(ticked(&all), 7, "{:?}", state(&all));
    assert!(all.iter().all(|i| i.todo.is_none()));
    let blank = items(&templates::find("blank").unwrap().design().unwrap());
    assert_eq!(ticked(&blank), 0, "{:?}", state(&blank));
    assert!(blank.iter().all(|i| i.todo.is_some()));
    // Every text in both languages.
    for i in all.iter().chain(&blank) {
        for l in [Lang::Ja, Lang::En] {
            assert!(
                !i.title.get(l).is_empty()
                    && !i.yours.get(l).is_empty()
                    && !i.chapter.get(l).is_empty()
            );
        }
    }
}

#[test]
fn the_alb_in_a_private_subnet_unticks_the_subnet_point() {
    let mut d = party();
    d.nodes.get_mut(&NodeId("alb".into())).unwrap().parent = Some(NodeId("private".into()));
    let it = items(&d);
    assert!(!is(&it, "subnets"), "{:?}", state(&it));
    assert!(is(&it, "stack") && is(&it, "ecs") && is(&it, "autoscaling"));
    let yours = &it.iter().find(|i| i.id == "subnets").unwrap().yours;
    assert!(
        yours.en.contains("Private Subnet holds: ALB"),
        "{}",
        yours.en
    );
    assert!(it
        .iter()
        .find(|i| i.id == "subnets")
        .unwrap()
        .todo
        .as_ref()
        .unwrap()
        .en
        .contains("ALB"));
}

#[test]
fn one_task_unticks_the_ecs_point() {
    let mut d = party();
    set(&mut d, "nestjs", "desired_tasks", 1.0);
    let it = items(&d);
    assert!(!is(&it, "ecs"), "{:?}", state(&it));
    assert!(is(&it, "subnets") && is(&it, "stack") && is(&it, "autoscaling"));
    assert!(it
        .iter()
        .find(|i| i.id == "ecs")
        .unwrap()
        .todo
        .as_ref()
        .unwrap()
        .en
        .contains("NestJS"));
}

#[test]
fn without_the_api_rule_the_alb_point_unticks() {
    let mut d = party();
    d.edges.remove(&kumozu::core::EdgeId("rule-api".into()));
    let it = items(&d);
    assert!(!is(&it, "alb"), "{:?}", state(&it));
    assert!(is(&it, "subnets") && is(&it, "ecs") && is(&it, "autoscaling") && is(&it, "stack"));
}

#[test]
fn min_equal_to_max_unticks_auto_scaling() {
    let mut d = party();
    set(&mut d, "nextjs", "max_tasks", 2.0);
    let it = items(&d);
    assert!(!is(&it, "autoscaling"), "{:?}", state(&it));
    assert!(is(&it, "ecs") && is(&it, "alb") && is(&it, "subnets"));
    // Without the CloudWatch alarm's scaling connection, too.
    let mut d = party();
    d.edges.remove(&kumozu::core::EdgeId("scale-nestjs".into()));
    assert!(!is(&items(&d), "autoscaling"));
}

#[test]
fn explanations_use_the_designs_own_names_and_html_is_inert() {
    let mut d = party();
    d.nodes.get_mut(&NodeId("nestjs".into())).unwrap().label =
        "Game <script>alert(1)</script> API".into();
    let it = items(&d);
    let stack = it.iter().find(|i| i.id == "stack").unwrap();
    assert!(stack
        .yours
        .en
        .contains("Game <script>alert(1)</script> API"));
    let html = to_html(&it, Lang::En, &["alb".to_owned()]);
    assert_eq!(html.matches(" open>").count(), 1);
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
    assert_eq!(html.matches("data-check-id=").count(), 7);
    assert!(to_html(&it, Lang::Ja, &[]).contains("達成"));
    // The Fargate-vs-EC2 point quotes both monthly figures when a table is given.
    let fe = it.iter().find(|i| i.id == "fargate-ec2").unwrap();
    assert!(
        fe.yours.en.contains("Fargate $") && fe.yours.en.contains("EC2 fit $"),
        "{}",
        fe.yours.en
    );
    let without = checklist(&d, None);
    assert!(!without
        .iter()
        .find(|i| i.id == "fargate-ec2")
        .unwrap()
        .yours
        .en
        .contains('$'));
    let json = to_json(&it);
    assert_eq!(json["ticked"], 7);
    assert_eq!(json["items"][0]["id"], "stack");
    assert!(render_text(&it, Lang::Ja).starts_with("チェックリスト 7/7"));
}

fn kumozu(args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kumozu"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn cli_exit_codes_and_json() {
    let pb = kumozu::core::to_json(&party());
    let out = kumozu(&["checklist", "-"], &pb);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Checklist 7/7"));
    let mut d = party();
    set(&mut d, "nestjs", "desired_tasks", 1.0);
    let out = kumozu(
        &["--lang", "ja", "checklist", "-", "--format", "json"],
        &kumozu::core::to_json(&d),
    );
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["format"], "kumozu-checklist");
    // One task: the ECS and ALB points, and the diagram (the validator calls it an error).
    assert_eq!(doc["ticked"], 4, "{doc}");
    let off: Vec<_> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["ticked"] == false)
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(off, ["diagram", "ecs", "alb"]);
    let bad = kumozu(&["checklist", "-"], "{ not json");
    assert_eq!(bad.status.code(), Some(2));
}
