//! Questions rules ask about a design: where a node sits, which tier, which ALB rule a path
//! takes. Shared here so every rule answers them the same way. All safe on any loaded design.

use super::path_pattern;
use crate::core::catalogue::{EdgeKind, Kind};
use crate::core::i18n::Lang;
use crate::core::model::{Design, Edge, Node, NodeId};

/// A subnet tier's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// Routes to an Internet Gateway.
    Public,
    /// No route from the internet.
    Private,
}

/// The tier of a subnet node.
pub fn tier(subnet: &Node) -> Tier {
    if subnet.text("tier") == "public" {
        Tier::Public
    } else {
        Tier::Private
    }
}

/// The innermost subnet tier around `id`.
pub fn subnet_of<'d>(d: &'d Design, id: &NodeId) -> Option<&'d Node> {
    d.enclosing(id, Kind::Subnet)
}

/// The tier `id` sits in, if it sits in a subnet.
pub fn tier_of(d: &Design, id: &NodeId) -> Option<Tier> {
    subnet_of(d, id).map(tier)
}

/// The VPC around `id`.
pub fn vpc_of<'d>(d: &'d Design, id: &NodeId) -> Option<&'d Node> {
    d.enclosing(id, Kind::Vpc)
}

/// Every node of `kind`.
pub fn nodes_of(d: &Design, kind: Kind) -> impl Iterator<Item = &Node> {
    d.nodes.values().filter(move |n| n.kind == kind)
}

/// The AZ letters of a subnet tier.
pub fn azs(subnet: &Node) -> &[String] {
    subnet.list("azs")
}

/// The node's label in both languages, quoted for messages: `「Next.js」` / `"Next.js"`.
pub fn quoted(d: &Design, id: &NodeId) -> (String, String) {
    match d.nodes.get(id) {
        Some(n) => (
            format!("「{}」", n.display_label(Lang::Ja)),
            format!("\"{}\"", n.display_label(Lang::En)),
        ),
        None => (format!("「{id}」"), format!("\"{id}\"")),
    }
}

/// The `alb_rule` edges leaving `alb`, in evaluation order (priority, then id).
pub fn listener_rules<'d>(d: &'d Design, alb: &NodeId) -> Vec<&'d Edge> {
    let mut rules: Vec<&Edge> = d
        .edges
        .values()
        .filter(|e| e.kind == EdgeKind::AlbRule && &e.from == alb && e.rule.is_some())
        .collect();
    rules.sort_by_key(|e| (e.rule.as_ref().map(|r| r.priority), e.id.clone()));
    rules
}

/// The `alb_default` edge leaving `alb`, if any.
pub fn default_action<'d>(d: &'d Design, alb: &NodeId) -> Option<&'d Edge> {
    d.edges
        .values()
        .find(|e| e.kind == EdgeKind::AlbDefault && &e.from == alb)
}

/// The edge a request for `path` takes at `alb`: the first rule whose pattern matches, else
/// the default action. `None`: no rule matches and there is no default action.
pub fn route<'d>(d: &'d Design, alb: &NodeId, path: &str) -> Option<&'d Edge> {
    listener_rules(d, alb)
        .into_iter()
        .find(|e| {
            e.rule
                .as_ref()
                .is_some_and(|r| path_pattern::matches(&r.path_pattern, path))
        })
        .or_else(|| default_action(d, alb))
}

/// Whether an edge of any kind joins `a` and `b`, in either direction.
pub fn connected(d: &Design, a: &NodeId, b: &NodeId) -> bool {
    d.edges
        .values()
        .any(|e| (&e.from == a && &e.to == b) || (&e.from == b && &e.to == a))
}

/// Whether `a` and `b` sit in the same VPC (both in none counts as not).
pub fn same_vpc(d: &Design, a: &NodeId, b: &NodeId) -> bool {
    match (vpc_of(d, a), vpc_of(d, b)) {
        (Some(x), Some(y)) => x.id == y.id,
        _ => false,
    }
}

/// The VPC endpoint services (`ecr.dkr`, `s3`, …) present in the VPC around `id`.
pub fn endpoint_services<'d>(d: &'d Design, id: &NodeId) -> Vec<&'d str> {
    let Some(vpc) = vpc_of(d, id) else {
        return Vec::new();
    };
    nodes_of(d, Kind::VpcEndpoint)
        .filter(|e| vpc_of(d, &e.id).is_some_and(|v| v.id == vpc.id))
        .map(|e| e.text("service"))
        .collect()
}

/// Whether a NAT Gateway in a public subnet of the same VPC gives `id` a way out.
pub fn has_nat(d: &Design, id: &NodeId) -> bool {
    nodes_of(d, Kind::NatGateway)
        .any(|n| same_vpc(d, &n.id, id) && tier_of(d, &n.id) == Some(Tier::Public))
}

/// Whether the node is an internet-facing ALB.
pub fn internet_facing(alb: &Node) -> bool {
    alb.kind == Kind::Alb && alb.text("scheme") == "internet-facing"
}

/// Whether the node stands for the internet (users).
pub fn is_internet(n: &Node) -> bool {
    n.kind == Kind::Users
}
