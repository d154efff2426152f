//! Design → Mermaid `flowchart`, in the seed's style: containers as nested `subgraph`s, nodes as
//! `ID["label"]`, ALB rules as edges labelled with their path pattern, dashed edges for
//! management traffic, and the seed's colours as `style` lines.

use crate::core::support::sort::Ordered;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::{Design, Edge, Node, NodeId};
use crate::core::exchange::mermaid::escape::{edge_label, escape_label};
use crate::core::exchange::mermaid::Direction;
use crate::core::support::i18n::Lang;

/// Words Mermaid reads as keywords; an id equal to one (in any case) gets a prefix.
const RESERVED: &[&str] = &[
    "end",
    "subgraph",
    "graph",
    "flowchart",
    "style",
    "classdef",
    "class",
    "click",
    "linkstyle",
    "direction",
    "call",
    "href",
    "default",
    "interpolate",
    "acctitle",
    "accdescr",
    "callback",
];

/// The design as a top-to-bottom Mermaid flowchart with labels in `lang`.
pub fn export(design: &Design, lang: Lang) -> String {
    export_with(design, lang, Direction::TopBottom)
}

/// The design as a Mermaid flowchart running in `direction`, with labels in `lang`.
pub fn export_with(design: &Design, lang: Lang, direction: Direction) -> String {
    let ids = mermaid_ids(design);
    let mut children: BTreeMap<Option<&NodeId>, Vec<&Node>> = BTreeMap::new();
    for n in design.nodes.values() {
        // A dangling parent is drawn at the top level rather than lost.
        let parent = n.parent.as_ref().filter(|p| design.nodes.contains_key(*p));
        children.entry(parent).or_default().push(n);
    }
    for list in children.values_mut() {
        crate::core::support::sort::sort_by(list, |a, b| {
            (a.pos.x, a.pos.y)
                .partial_cmp(&(b.pos.x, b.pos.y))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.id.cmp(&b.id))
        });
    }

    let mut out = format!("flowchart {}\n", direction.keyword());
    let mut order: Vec<&Node> = Vec::new();
    let mut seen: BTreeSet<&NodeId> = BTreeSet::new();
    // Explicit stack (no recursion): (node, depth, closing?).
    let mut stack: Vec<(&Node, usize, bool)> = Vec::new();
    if let Some(top) = children.get(&None) {
        stack.extend(top.iter().rev().map(|n| (*n, 1, false)));
    }
    while let Some((n, depth, closing)) = stack.pop() {
        let indent = "    ".repeat(depth);
        if closing {
            let _ = writeln!(out, "{indent}end");
            continue;
        }
        if !seen.insert(&n.id) {
            continue; // containment cycle: each node once
        }
        order.push(n);
        let id = &ids[&n.id];
        let label = escape_label(&node_label(n, lang));
        if n.kind.is_container() {
            let _ = writeln!(out, "{indent}subgraph {id}[\"{label}\"]");
            stack.push((n, depth, true));
            if let Some(kids) = children.get(&Some(&n.id)) {
                stack.extend(kids.iter().rev().map(|k| (*k, depth + 1, false)));
            }
        } else {
            let _ = writeln!(out, "{indent}{id}[\"{label}\"]");
        }
    }
    // Nodes only reachable through a containment cycle.
    for n in design.nodes.values() {
        if seen.insert(&n.id) {
            order.push(n);
            let label = escape_label(&node_label(n, lang));
            let _ = writeln!(out, "    {}[\"{label}\"]", ids[&n.id]);
        }
    }

    let rank: BTreeMap<&NodeId, usize> = order.iter().enumerate().map(|(i, n)| (&n.id, i)).to_map();
    let mut edges: Vec<&Edge> = design
        .edges
        .values()
        .filter(|e| ids.contains_key(&e.from) && ids.contains_key(&e.to))
        .collect();
    crate::core::support::sort::sort_by_key(&mut edges, |e| {
        (
            rank.get(&e.from).copied().unwrap_or(usize::MAX),
            e.rule.as_ref().map(|r| r.priority).unwrap_or(0),
            rank.get(&e.to).copied().unwrap_or(usize::MAX),
        )
    });
    if !edges.is_empty() {
        out.push('\n');
    }
    for e in edges {
        let arrow = if e.kind.info().dashed { "-.->" } else { "-->" };
        let text = match (&e.rule, e.kind) {
            (Some(rule), EdgeKind::AlbRule) => rule.path_pattern.as_str(),
            _ => e.display_label(),
        };
        let (from, to) = (&ids[&e.from], &ids[&e.to]);
        if text.is_empty() {
            let _ = writeln!(out, "    {from} {arrow} {to}");
        } else {
            let _ = writeln!(out, "    {from} {arrow}|{}| {to}", edge_label(text));
        }
    }

    let styles: Vec<String> = order
        .iter()
        .filter_map(|n| style_of(n).map(|s| format!("    style {} {s}", ids[&n.id])))
        .collect();
    if !styles.is_empty() {
        out.push('\n');
        for s in styles {
            out.push_str(&s);
            out.push('\n');
        }
    }
    out
}

/// The label written for a node: its own or its kind's name; subnets carry tier and AZs.
fn node_label(n: &Node, lang: Lang) -> String {
    if n.kind != Kind::Subnet {
        return n.display_label(lang).to_owned();
    }
    let tier = n.text("tier");
    let base = if n.label.is_empty() {
        match (tier, lang) {
            ("public", Lang::Ja) => "パブリックサブネット",
            ("public", Lang::En) => "Public Subnet",
            (_, Lang::Ja) => "プライベートサブネット",
            (_, Lang::En) => "Private Subnet",
        }
        .to_owned()
    } else {
        n.label.clone()
    };
    let azs = n.list("azs").join(", ");
    let says_tier =
        crate::core::exchange::mermaid::import::tier_in(&base).is_some_and(|t| t == tier);
    match (says_tier, azs.is_empty()) {
        (true, true) => base,
        (true, false) => format!("{base} (AZ {azs})"),
        (false, true) => format!("{base} ({tier})"),
        (false, false) => format!("{base} ({tier}, AZ {azs})"),
    }
}

/// The seed's colours.
fn style_of(n: &Node) -> Option<&'static str> {
    Some(match n.kind {
        Kind::Alb | Kind::Cloudfront => "fill:#ff9800",
        Kind::EcsCluster => "fill:#2196f3",
        Kind::RdsPostgres => "fill:#4caf50",
        Kind::EcsService => match n.text("app") {
            "nextjs-ssr" => "fill:#000,color:#fff",
            "nestjs" => "fill:#e0234e,color:#fff",
            _ => return None,
        },
        Kind::Subnet => match n.text("tier") {
            "public" => "fill:#e3f2fd",
            _ => "fill:#fce4ec",
        },
        _ => return None,
    })
}

/// A Mermaid-safe, unique identifier for every node: ASCII letters, digits and `_`, starting
/// with a letter, never a keyword.
fn mermaid_ids(design: &Design) -> BTreeMap<NodeId, String> {
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut out = BTreeMap::new();
    for id in design.nodes.keys() {
        let mut base: String = id
            .as_str()
            .chars()
            .take(60)
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let lower = base.to_ascii_lowercase();
        if !base.starts_with(|c: char| c.is_ascii_alphabetic())
            || RESERVED.contains(&lower.as_str())
            || lower.starts_with("end")
            || lower.starts_with("subgraph")
        {
            base = format!("n_{base}");
        }
        let mut candidate = base.clone();
        let mut k = 2;
        while used.contains(&candidate.to_ascii_lowercase()) {
            candidate = format!("{base}_{k}");
            k += 1;
        }
        used.insert(candidate.to_ascii_lowercase());
        out.insert(id.clone(), candidate);
    }
    out
}
