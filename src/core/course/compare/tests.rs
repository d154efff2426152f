//! Comparing templates and edited designs: every kind of difference, the pairing, and the
//! JSON and text forms.

use super::*;
use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::{EdgeId, Node, ParamValue};
use crate::core::document::region::Region;
use crate::core::document::templates;
use crate::core::edit::{apply, Command, Meta};

fn template(id: &str) -> Design {
    templates::find(id).unwrap().design().unwrap()
}

fn edited(id: &str, commands: &[Command]) -> Design {
    let mut d = template(id);
    for c in commands {
        apply(&mut d, c).unwrap_or_else(|r| panic!("{c:?} refused: {}", r.0.en));
    }
    d
}

fn fields(d: &Diff) -> Vec<(&'static str, &'static str, Option<&str>)> {
    d.changes
        .iter()
        .map(|x| (x.category.id(), x.change.id(), x.field.as_deref()))
        .collect()
}

fn table(r: Region) -> PriceTable {
    PriceTable::bundled(r).unwrap()
}

#[test]
fn a_template_equals_itself() {
    for t in templates::TEMPLATES {
        let d = t.design().unwrap();
        let x = diff_priced(&d, &d, &table(d.region), &table(d.region));
        assert!(x.is_equal(), "{}: {:?}", t.id, x.changes);
        assert!(x.layout.is_empty() && x.matched_by_label.is_empty());
    }
}

#[test]
fn a_parameter_change_with_its_cost() {
    let b = edited(
        "party-box",
        &[Command::SetParams {
            id: "nestjs".into(),
            values: vec![("desired_tasks".into(), ParamValue::Num(3.0))],
        }],
    );
    let a = template("party-box");
    let plain = diff(&a, &b);
    assert_eq!(
        fields(&plain),
        [("parameter", "changed", Some("desired_tasks"))]
    );
    let p = &plain.changes[0];
    assert_eq!((p.before.clone(), p.after.clone()), (json!(2), json!(3)));
    assert_eq!(
        (p.a.as_deref(), p.b.as_deref()),
        (Some("nestjs"), Some("nestjs"))
    );
    assert!(
        p.text
            .en
            .contains("ECS service \"NestJS\" · Desired tasks (desired_tasks): 2 tasks → 3 tasks"),
        "{}",
        p.text.en
    );
    assert!(p.text.ja.contains("希望タスク数"), "{}", p.text.ja);
    let priced = diff_priced(&a, &b, &table(a.region), &table(b.region));
    assert!(!priced.is_equal());
    let costs: Vec<&Difference> = priced
        .changes
        .iter()
        .filter(|d| d.category == Category::Cost)
        .collect();
    assert!(
        costs.iter().any(|d| d.b.as_deref() == Some("nestjs")),
        "{costs:?}"
    );
    let total = costs
        .iter()
        .find(|d| d.field.as_deref() == Some("total_monthly_usd"))
        .unwrap();
    assert!(total.after.as_f64().unwrap() > total.before.as_f64().unwrap());
    assert!(
        total.text.en.starts_with("Monthly total: $"),
        "{}",
        total.text.en
    );
}

#[test]
fn nodes_added_removed_and_edges_with_them() {
    let b = edited(
        "party-box",
        &[
            Command::Delete {
                nodes: vec!["cloudwatch".into()],
                edges: vec![],
            },
            Command::AddNode {
                kind: Kind::Elasticache,
                at: None,
                parent: Some("private".into()),
            },
        ],
    );
    let x = diff(&template("party-box"), &b);
    let f = fields(&x);
    assert!(f.contains(&("node", "removed", None)), "{f:?}");
    assert!(f.contains(&("node", "added", None)), "{f:?}");
    let removed_edges = x
        .changes
        .iter()
        .filter(|d| d.category == Category::Edge && d.change == Change::Removed)
        .count();
    assert_eq!(removed_edges, 4, "logs and scaling edges of CloudWatch");
    let added = x
        .changes
        .iter()
        .find(|d| d.change == Change::Added)
        .unwrap();
    assert_eq!(added.after, json!("elasticache"));
    assert!(
        added.text.en.starts_with("Added ElastiCache"),
        "{}",
        added.text.en
    );
    let removed = x
        .changes
        .iter()
        .find(|d| d.change == Change::Removed)
        .unwrap();
    assert!(removed.text.ja.contains("を削除"));
}

#[test]
fn rules_priority_pattern_and_target() {
    let b = edited(
        "party-box",
        &[
            Command::SetRule {
                id: "rule-api".into(),
                priority: 30,
                path_pattern: "/api/v1/*".into(),
            },
            Command::SetEdgeTarget {
                id: "rule-socketio".into(),
                to: "nextjs".into(),
            },
        ],
    );
    let x = diff(&template("party-box"), &b);
    assert_eq!(
        fields(&x),
        [
            ("rule", "changed", Some("priority")),
            ("rule", "changed", Some("path_pattern")),
            ("rule", "changed", Some("target")),
        ]
    );
    assert!(
        x.changes[1].text.en.contains("`/api/*` → `/api/v1/*`"),
        "{}",
        x.changes[1].text.en
    );
    assert_eq!(x.changes[2].after, json!("nextjs"));
    assert!(
        x.changes[2]
            .text
            .en
            .contains("forwards to: \"NestJS\" → \"Next.js\""),
        "{}",
        x.changes[2].text.en
    );
}

#[test]
fn placement_labels_and_edge_kinds() {
    let b = edited(
        "party-box",
        &[
            Command::Place {
                ids: vec!["nextjs".into()],
                parent: Some("private".into()),
            },
            Command::SetLabel {
                id: "rds".into(),
                label: "DB".into(),
            },
            Command::SetEdgeKind {
                id: "users-alb".into(),
                kind: EdgeKind::Http,
            },
            Command::SetEdgeLabel {
                id: "users-alb".into(),
                label: "HTTP".into(),
            },
        ],
    );
    let x = diff(&template("party-box"), &b);
    let f = fields(&x);
    assert!(
        f.contains(&("placement", "changed", Some("parent"))),
        "{f:?}"
    );
    assert!(f.contains(&("label", "changed", Some("label"))), "{f:?}");
    assert!(f.contains(&("edge", "changed", Some("kind"))), "{f:?}");
    let parent = x
        .changes
        .iter()
        .find(|d| d.field.as_deref() == Some("parent"))
        .unwrap();
    assert_eq!(
        (parent.before.clone(), parent.after.clone()),
        (json!("cluster"), json!("private"))
    );
    assert!(
        parent
            .text
            .en
            .contains("sits in: \"ECS Cluster\" → \"Private Subnet\""),
        "{}",
        parent.text.en
    );
    // Categories come in a fixed order.
    let cats: Vec<Category> = x.changes.iter().map(|d| d.category).collect();
    let mut sorted = cats.clone();
    crate::core::support::sort::sort(&mut sorted);
    assert_eq!(cats, sorted);
}

#[test]
fn moves_are_layout_within_a_tolerance() {
    let small = edited(
        "party-box",
        &[Command::Move {
            ids: vec!["users".into()],
            dx: MOVE_TOLERANCE,
            dy: -10.0,
        }],
    );
    let x = diff(&template("party-box"), &small);
    assert!(x.is_equal() && x.layout.is_empty(), "{x:?}");
    let big = edited(
        "party-box",
        &[Command::Move {
            ids: vec!["users".into()],
            dx: 200.0,
            dy: 0.0,
        }],
    );
    let x = diff(&template("party-box"), &big);
    assert!(x.is_equal(), "a move is not a difference");
    assert_eq!(x.layout.len(), 1);
    assert_eq!(x.layout[0].change, Change::Moved);
    assert!(
        x.layout[0].text.en.contains("moved by (200, 0)"),
        "{}",
        x.layout[0].text.en
    );
}

#[test]
fn settings_region_and_usage() {
    let a = template("party-box");
    let mut meta = Meta::of(&a);
    meta.region = Region::UsEast1;
    meta.usage.insert("hours_per_month".into(), 300.0);
    let b = edited("party-box", &[Command::SetMeta(Box::new(meta))]);
    let x = diff(&a, &b);
    assert_eq!(
        fields(&x),
        [
            ("setting", "changed", Some("region")),
            ("setting", "changed", Some("usage.hours_per_month")),
        ]
    );
    assert_eq!(x.changes[0].text.en, "Region: ap-northeast-1 → us-east-1");
    let priced = diff_priced(&a, &b, &table(a.region), &table(b.region));
    assert!(priced
        .changes
        .iter()
        .any(|d| d.field.as_deref() == Some("total_monthly_usd")));
}

#[test]
fn nodes_drawn_separately_pair_by_kind_and_label() {
    // A student's copy with other ids: rename every node id of Party Box by hand, as a
    // design drawn from scratch would have them.
    let a = template("party-box");
    let mut b = a.clone();
    let rename = |id: &NodeId| NodeId(format!("s-{id}"));
    b.nodes = a
        .nodes
        .values()
        .map(|n| {
            let mut n = n.clone();
            n.id = rename(&n.id);
            n.parent = n.parent.as_ref().map(rename);
            (n.id.clone(), n)
        })
        .collect();
    b.edges = a
        .edges
        .values()
        .map(|e| {
            let mut e = e.clone();
            e.id = EdgeId(format!("s-{}", e.id));
            e.from = rename(&e.from);
            e.to = rename(&e.to);
            (e.id.clone(), e)
        })
        .collect();
    let x = diff_priced(&a, &b, &table(a.region), &table(b.region));
    assert!(x.is_equal(), "{}", render_text(&x, Lang::En));
    assert_eq!(x.matched_by_label.len(), a.nodes.len());
    assert!(x
        .matched_by_label
        .contains(&(NodeId::from("nestjs"), NodeId::from("s-nestjs"))));
    // Then one real change shows up, named on both sides.
    apply(
        &mut b,
        &Command::SetRule {
            id: "s-rule-api".into(),
            priority: 10,
            path_pattern: "/v1/*".into(),
        },
    )
    .unwrap();
    let x = diff(&a, &b);
    assert_eq!(fields(&x), [("rule", "changed", Some("path_pattern"))]);
    assert_eq!(
        (x.changes[0].a.as_deref(), x.changes[0].b.as_deref()),
        (Some("rule-api"), Some("s-rule-api"))
    );
}

#[test]
fn kind_change_is_reported_once_without_parameters() {
    let a = template("party-box");
    let mut b = a.clone();
    let n = b.nodes.get_mut(&NodeId::from("ecr")).unwrap();
    *n = Node::new("ecr", Kind::S3, n.pos);
    let x = diff(&a, &b);
    assert_eq!(fields(&x), [("node", "changed", Some("kind"))]);
    assert!(
        x.changes[0].text.en.contains("→ S3"),
        "{}",
        x.changes[0].text.en
    );
}

#[test]
fn json_and_text_forms() {
    let b = edited(
        "party-box",
        &[Command::SetLabel {
            id: "alb".into(),
            label: "Front door".into(),
        }],
    );
    let x = diff(&template("party-box"), &b);
    let j = x.to_json();
    assert_eq!(j["format"], "kumozu-diff");
    assert_eq!(j["version"], 1);
    assert_eq!(j["equal"], false);
    assert_eq!(j["summary"]["changes"], 1);
    let c = &j["changes"][0];
    assert_eq!(c["category"], "label");
    assert_eq!(c["change"], "changed");
    assert_eq!(c["subject"], "node");
    assert_eq!(c["a"], "alb");
    assert_eq!(c["after"], "Front door");
    assert!(c["text"]["ja"].is_string());
    let en = render_text(&x, Lang::En);
    assert!(
        en.starts_with("1 difference:\n  ~ [label] Label of ALB (alb): \"\" → \"Front door\""),
        "{en}"
    );
    let ja = render_text(&diff(&b, &b), Lang::Ja);
    assert_eq!(ja, "違いはありません (レイアウトを除く)。\n");
}
