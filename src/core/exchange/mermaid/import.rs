//! Mermaid flowchart → design: recognise AWS kinds from labels, turn subgraphs into containers
//! where the catalogue allows, ALB edges with paths into listener rules, and lay it all out.

use std::collections::{BTreeMap, BTreeSet};

use super::{Imported, MermaidError, Warning};
use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::{
    Design, Edge, EdgeId, ListenerRule, Node, NodeId, ParamValue, Point,
};
use crate::core::document::region::Region;
use crate::core::exchange::mermaid::layout::lay_out;
use crate::core::exchange::mermaid::parse::{parse, Graph};
use crate::core::format::load::{MAX_DEPTH, MAX_TEXT_CHARS};

/// Imports a Mermaid flowchart (or the first flowchart in Markdown) as a laid-out design.
pub fn import(text: &str) -> Result<Imported, MermaidError> {
    let g = parse(text)?;
    Ok(build(g))
}

/// Lower-case words of a label (letters and digits; `.` kept inside words such as `next.js`).
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|w| w.trim_matches('.').to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The subnet tier a label names, if any.
pub(crate) fn tier_in(label: &str) -> Option<&'static str> {
    let w = words(label);
    let lower = label.to_lowercase();
    if w.iter().any(|x| x == "public") || lower.contains("パブリック") {
        Some("public")
    } else if w.iter().any(|x| x == "private") || lower.contains("プライベート") {
        Some("private")
    } else {
        None
    }
}

/// The kind a subgraph's title suggests.
fn container_kind(label: &str) -> Kind {
    let w = words(label);
    let lower = label.to_lowercase();
    let has = |s: &str| w.iter().any(|x| x == s);
    if has("subnet") || lower.contains("サブネット") {
        Kind::Subnet
    } else if has("vpc") {
        Kind::Vpc
    } else if has("ecs") || has("cluster") || has("fargate") || lower.contains("クラスター") {
        Kind::EcsCluster
    } else {
        Kind::Group
    }
}

/// The kind a node's label suggests (`Generic` when none).
fn node_kind(label: &str) -> Kind {
    let w = words(label);
    let lower = label.to_lowercase();
    let has = |s: &str| w.iter().any(|x| x == s);
    let any = |subs: &[&str]| subs.iter().any(|s| lower.contains(s));
    if any(&["internet gateway", "インターネットゲートウェイ"]) || has("igw") {
        Kind::InternetGateway
    } else if has("nat") {
        Kind::NatGateway
    } else if any(&["vpc endpoint", "エンドポイント"]) {
        Kind::VpcEndpoint
    } else if has("alb") || any(&["load balancer", "ロードバランサ"]) || has("elb") {
        Kind::Alb
    } else if has("cloudfront") || has("cdn") {
        Kind::Cloudfront
    } else if any(&["route 53", "route53"]) {
        Kind::Route53
    } else if has("s3") {
        Kind::S3
    } else if has("elasticache") || has("redis") || has("valkey") {
        Kind::Elasticache
    } else if has("sqs") || lower.contains("キュー") || has("queue") {
        Kind::Sqs
    } else if has("lambda") {
        Kind::Lambda
    } else if has("cloudwatch") {
        Kind::Cloudwatch
    } else if has("ecr") {
        Kind::Ecr
    } else if any(&["secrets manager", "secretsmanager"]) {
        Kind::SecretsManager
    } else if has("rds") || has("postgresql") || has("postgres") || has("aurora") {
        Kind::RdsPostgres
    } else if has("acm") || lower.contains("証明書") || has("certificate") {
        Kind::Acm
    } else if app_of(label).is_some() || has("ecs") || has("api") || has("fargate") {
        Kind::EcsService
    } else if has("user")
        || has("users")
        || has("client")
        || has("browser")
        || has("internet")
        || any(&[
            "ユーザー",
            "クライアント",
            "インターネット",
            "ブラウザ",
            "利用者",
        ])
    {
        Kind::Users
    } else {
        Kind::Generic
    }
}

/// The ECS service `app` a label names.
fn app_of(label: &str) -> Option<&'static str> {
    let lower = label.to_lowercase();
    if lower.contains("next.js") || lower.contains("nextjs") {
        Some("nextjs-ssr")
    } else if lower.contains("nestjs") || lower.contains("nest.js") {
        Some("nestjs")
    } else {
        None
    }
}

/// A trailing `(public, AZ a, c)` / `(AZ a, c)` / `(private)` in a subnet title, as
/// (title without it, tier, AZ letters).
fn subnet_suffix(label: &str) -> (String, Option<&'static str>, Option<Vec<String>>) {
    let t = label.trim_end();
    if let Some(open) = t.rfind(" (") {
        if t.ends_with(')') {
            let inner = &t[open + 2..t.len() - 1];
            let mut tier = None;
            let mut azs = None;
            let mut ok = true;
            for part in inner
                .split(", ")
                .collect::<Vec<_>>()
                .iter()
                .enumerate()
                .map(|(i, p)| (i, *p))
            {
                let (i, p) = part;
                if i == 0 && (p == "public" || p == "private") {
                    tier = Some(if p == "public" { "public" } else { "private" });
                } else if let Some(first) = p.strip_prefix("AZ ") {
                    azs = Some(vec![first.to_owned()]);
                } else if azs.is_some() && p.len() == 1 {
                    if let Some(a) = azs.as_mut() {
                        a.push(p.to_owned());
                    }
                } else {
                    ok = false;
                }
            }
            let letters_ok = azs.as_ref().is_none_or(|a| {
                a.iter()
                    .all(|x| x.len() == 1 && x.chars().all(|c| c.is_ascii_lowercase()))
            });
            if ok && letters_ok && (tier.is_some() || azs.is_some()) {
                return (t[..open].to_owned(), tier, azs);
            }
        }
    }
    (label.to_owned(), None, None)
}

fn truncate_chars(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// The part of a path pattern before its first wildcard.
fn literal_prefix(pattern: &str) -> &str {
    pattern.find(['*', '?']).map_or(pattern, |i| &pattern[..i])
}

/// How many of `all` the pattern would shadow if evaluated before them (`/*` shadows `/api/*`).
fn shadows(pattern: &str, all: &[(usize, String)]) -> usize {
    if !pattern.contains(['*', '?']) {
        return 0;
    }
    let mine = literal_prefix(pattern);
    all.iter()
        .filter(|(_, q)| {
            q != pattern
                && literal_prefix(q).starts_with(mine)
                && literal_prefix(q).len() > mine.len()
        })
        .count()
}

fn build(g: Graph) -> Imported {
    let Graph {
        direction,
        nodes: pnodes,
        edges: pedges,
        mut warnings,
    } = g;
    let n = pnodes.len();

    // Kinds, from the label first and the id second.
    let mut kinds: Vec<Kind> = pnodes
        .iter()
        .map(|p| {
            let text = p.label.clone().unwrap_or_else(|| p.id.clone());
            if p.subgraph {
                let k = container_kind(&text);
                if k == Kind::Group && p.label.is_some() {
                    container_kind(&p.id)
                } else {
                    k
                }
            } else {
                let k = node_kind(&text);
                if k == Kind::Generic && p.label.is_some() {
                    node_kind(&p.id)
                } else {
                    k
                }
            }
        })
        .collect();

    // Depth order (parents come first in the parser's arena only if declared first). Each
    // chain is walked once (the depths are remembered), so deep nesting stays linear.
    let mut depths: Vec<Option<usize>> = vec![None; n];
    for start in 0..n {
        let mut path: Vec<usize> = Vec::new();
        let mut cur = Some(start);
        let top = loop {
            let Some(i) = cur else { break 0 };
            if let Some(d) = depths[i] {
                break d + 1;
            }
            if path.len() > n {
                break 0;
            }
            path.push(i);
            cur = pnodes[i].parent;
        };
        // `top` is the depth of the last node on the path's parent plus one.
        for (k, &i) in path.iter().rev().enumerate() {
            if depths[i].is_none() {
                depths[i] = Some(top + k);
            }
        }
    }
    let depth = |i: usize| depths[i].unwrap_or(0);
    let mut order: Vec<usize> = (0..n).collect();
    crate::core::support::sort::sort_by_key(&mut order, |&i| (depth(i), i));

    let shown = |i: usize| -> String {
        truncate_chars(pnodes[i].label.as_deref().unwrap_or(&pnodes[i].id), 60)
    };

    // Containment the catalogue allows: move a node out to the nearest container that may hold
    // it; a subnet with no VPC around it becomes a group.
    let mut parent: Vec<Option<usize>> = pnodes.iter().map(|p| p.parent).collect();
    // Depths after the moves (parents come first in `order`).
    let mut placed_depth: Vec<usize> = vec![0; n];
    for &i in &order {
        let kind = kinds[i];
        let first = parent[i];
        let mut p = first;
        loop {
            match p {
                Some(pi) if kind.may_sit_in(Some(kinds[pi])).is_err() => p = parent[pi],
                Some(_) => break,
                None => {
                    if kind.may_sit_in(None).is_err() {
                        kinds[i] = Kind::Group;
                        warnings.push(Warning::new(
                            format!("「{}」はサブネットらしい名前ですが VPC の中にないため、グループにしました。", shown(i)),
                            format!("\"{}\" looks like a subnet but is not inside a VPC, so it became a group.", shown(i)),
                        ));
                    }
                    break;
                }
            }
        }
        if p != first {
            if let Some(f) = first {
                let why = kind
                    .may_sit_in(Some(kinds[f]))
                    .err()
                    .map(|t| (t.ja, t.en))
                    .unwrap_or(("", ""));
                warnings.push(Warning::new(
                    format!(
                        "「{}」を「{}」の外に出しました。{}",
                        shown(i),
                        shown(f),
                        why.0
                    ),
                    format!(
                        "\"{}\" was moved out of \"{}\". {}",
                        shown(i),
                        shown(f),
                        why.1
                    ),
                ));
            }
            parent[i] = p;
        }
        // Nested deeper than a design may be: out to the nearest container within the limit.
        let mut d = parent[i].map_or(0, |p| placed_depth[p] + 1);
        if d > MAX_DEPTH {
            let mut p = parent[i];
            while let Some(pi) = p {
                if placed_depth[pi] < MAX_DEPTH && kinds[i].may_sit_in(Some(kinds[pi])).is_ok() {
                    break;
                }
                p = parent[pi];
            }
            if p.is_none() && kinds[i].may_sit_in(None).is_err() {
                kinds[i] = Kind::Group;
            }
            warnings.push(Warning::new(
                format!(
                    "「{}」は入れ子が深すぎる ({MAX_DEPTH} 重まで) ため、外側に出しました。",
                    shown(i)
                ),
                format!(
                    "\"{}\" was nested too deeply (at most {MAX_DEPTH} levels), so it was moved out.",
                    shown(i)
                ),
            ));
            parent[i] = p;
            d = p.map_or(0, |pi| placed_depth[pi] + 1);
        }
        placed_depth[i] = d;
    }

    // Ids: the Mermaid ids, shortened to what a design allows and unique.
    let mut used: BTreeSet<String> = BTreeSet::new();
    let ids: Vec<NodeId> = pnodes
        .iter()
        .map(|p| {
            let base = truncate_chars(&p.id, 90);
            let mut id = base.clone();
            let mut k = 2;
            while used.contains(&id) {
                id = format!("{base}_{k}");
                k += 1;
            }
            used.insert(id.clone());
            NodeId(id)
        })
        .collect();

    let mut design = Design::empty("Mermaid", Region::ApNortheast1);
    for &i in &order {
        let kind = kinds[i];
        let mut node = Node::new(ids[i].0.clone(), kind, Point::default());
        let mut label = pnodes[i].label.clone().unwrap_or_default();
        if kind == Kind::Subnet {
            let (rest, tier, azs) = subnet_suffix(&label);
            let tier = tier.or_else(|| tier_in(&rest)).unwrap_or("private");
            node.params
                .insert("tier".into(), ParamValue::Str(tier.into()));
            if let Some(azs) = azs {
                node.params.insert("azs".into(), ParamValue::List(azs));
            }
            label = rest;
        }
        if kind == Kind::EcsService {
            if let Some(app) = app_of(&label).or_else(|| app_of(&pnodes[i].id)) {
                node.params
                    .insert("app".into(), ParamValue::Str(app.into()));
            }
        }
        let name = kind.info().name;
        if label == name.ja || label == name.en {
            label.clear();
        }
        if label.chars().count() > MAX_TEXT_CHARS {
            warnings.push(Warning::new(
                format!(
                    "「{}…」のラベルが長すぎるため {MAX_TEXT_CHARS} 文字に切り詰めました。",
                    truncate_chars(&label, 30)
                ),
                format!(
                    "The label \"{}…\" was cut to {MAX_TEXT_CHARS} characters.",
                    truncate_chars(&label, 30)
                ),
            ));
            label = truncate_chars(&label, MAX_TEXT_CHARS);
        }
        node.label = label;
        node.parent = parent[i].map(|p| ids[p].clone());
        if kind == Kind::Generic {
            warnings.push(Warning::new(
                format!(
                    "「{}」は AWS のどの種類にも当てはまらないため、汎用ボックスにしました。",
                    shown(i)
                ),
                format!(
                    "\"{}\" matched no AWS kind, so it became a generic box.",
                    shown(i)
                ),
            ));
        }
        design.add_node(node);
    }

    // Edges.
    let mut rules: BTreeMap<usize, Vec<(usize, String)>> = BTreeMap::new(); // alb → (edge, path)
    let mut edges: Vec<Edge> = Vec::new();
    for pe in &pedges {
        if pe.from == pe.to {
            warnings.push(Warning::new(
                format!(
                    "「{}」から自分自身への線は取り込みませんでした。",
                    shown(pe.from)
                ),
                format!(
                    "The link from \"{}\" to itself was not imported.",
                    shown(pe.from)
                ),
            ));
            continue;
        }
        let (fk, tk) = (kinds[pe.from], kinds[pe.to]);
        let label = truncate_chars(pe.label.as_deref().unwrap_or(""), MAX_TEXT_CHARS);
        let lower = label.to_lowercase();
        let kind = if fk == Kind::Alb && label.starts_with('/') {
            rules
                .entry(pe.from)
                .or_default()
                .push((edges.len(), label.clone()));
            EdgeKind::AlbRule
        } else if lower == "https" {
            EdgeKind::Https
        } else if lower == "http" {
            EdgeKind::Http
        } else if lower.contains("websocket") || lower.contains("socket.io") {
            EdgeKind::Websocket
        } else {
            infer_edge(fk, tk)
        };
        let label = if kind == EdgeKind::AlbRule {
            String::new()
        } else {
            label
        };
        edges.push(Edge {
            id: EdgeId(format!("e{}", edges.len() + 1)),
            kind,
            from: ids[pe.from].clone(),
            to: ids[pe.to].clone(),
            label,
            rule: None,
        });
    }
    // Listener rules in the order written, except that a pattern goes after the more specific
    // ones it would shadow (`/*` last); priorities 10, 20, …
    for list in rules.values_mut() {
        let keys: Vec<usize> = list.iter().map(|(_, p)| shadows(p, list)).collect();
        let mut keyed: Vec<(usize, (usize, String))> =
            keys.into_iter().zip(list.drain(..)).collect();
        crate::core::support::sort::sort_by_key(&mut keyed, |(k, (i, _))| (*k, *i));
        list.extend(keyed.into_iter().map(|(_, x)| x));
        for (k, (ei, path)) in list.iter().enumerate() {
            let priority = ((k as u32) + 1).saturating_mul(10).min(50_000);
            edges[*ei].rule = Some(ListenerRule {
                priority,
                path_pattern: path.clone(),
            });
            if path.contains("socket") {
                if let Some(node) = design.nodes.get_mut(&edges[*ei].to) {
                    if node.kind == Kind::EcsService {
                        node.params
                            .insert("websocket".into(), ParamValue::Bool(true));
                    }
                }
            }
        }
    }
    for e in edges {
        design.add_edge(e);
    }

    let appearance: Vec<NodeId> = ids.clone();
    lay_out(&mut design, &appearance, direction);
    Imported {
        design,
        direction,
        warnings,
    }
}

/// The edge kind that two node kinds suggest.
fn infer_edge(from: Kind, to: Kind) -> EdgeKind {
    use Kind::*;
    match (from, to) {
        (_, Route53) | (Route53, _) => EdgeKind::Dns,
        (Users, Alb | Cloudfront) => EdgeKind::Https,
        (Alb, EcsService) => EdgeKind::AlbDefault,
        (Cloudfront, S3 | Alb) => EdgeKind::Origin,
        (_, RdsPostgres) => EdgeKind::Sql,
        (_, Elasticache) => EdgeKind::Cache,
        (EcsService | Lambda, Ecr) => EdgeKind::ImagePull,
        (Cloudwatch, EcsService) => EdgeKind::Scaling,
        (_, Cloudwatch) => EdgeKind::Logs,
        (Sqs, Lambda) => EdgeKind::Invoke,
        (_, Sqs) => EdgeKind::Queue,
        (_, SecretsManager) => EdgeKind::Secret,
        (_, NatGateway) | (NatGateway, InternetGateway) => EdgeKind::Egress,
        _ => EdgeKind::Generic,
    }
}
