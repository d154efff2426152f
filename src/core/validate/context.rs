//! Questions rules ask about a design: where a node sits, which tier, which ALB rule a path
//! takes. Shared here so every rule answers them the same way. All safe on any loaded design.

use super::path_pattern;
use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::{Design, Edge, Node, NodeId};
use crate::core::support::i18n::Lang;
use crate::core::support::sort::Ordered;

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
    crate::core::support::sort::sort_by_key(&mut rules, |e| {
        (e.rule.as_ref().map(|r| r.priority), e.id.clone())
    });
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

/// The container `id` sits in directly.
pub fn parent_of<'d>(d: &'d Design, id: &NodeId) -> Option<&'d Node> {
    d.nodes
        .get(id)
        .and_then(|n| n.parent.as_ref())
        .and_then(|p| d.nodes.get(p))
}

/// The kind of the node with `id` (`None` if it does not exist).
pub fn kind_of(d: &Design, id: &NodeId) -> Option<Kind> {
    d.nodes.get(id).map(|n| n.kind)
}

/// The AZ letters a subnet tier lists that exist in the design's region, in the order listed.
pub fn region_azs<'n>(d: &Design, subnet: &'n Node) -> Vec<&'n str> {
    let known = d.region.az_letters();
    azs(subnet)
        .iter()
        .map(String::as_str)
        .filter(|l| known.contains(l))
        .collect()
}

/// The AZ letters a subnet tier lists that the design's region does not have.
pub fn unknown_azs<'n>(d: &Design, subnet: &'n Node) -> Vec<&'n str> {
    let known = d.region.az_letters();
    azs(subnet)
        .iter()
        .map(String::as_str)
        .filter(|l| !known.contains(l))
        .collect()
}

/// Full zone names for letters, for messages: `ap-northeast-1a, ap-northeast-1c`
/// (`なし` / `none` when there are none).
pub fn az_names(d: &Design, letters: &[&str]) -> (String, String) {
    if letters.is_empty() {
        return ("なし".to_owned(), "none".to_owned());
    }
    let names: Vec<String> = letters.iter().map(|l| d.region.az_name(l)).collect();
    (names.join("、"), names.join(", "))
}

/// Whether an edge of `kind` joins `a` and `b`, in either direction.
pub fn connected_by(d: &Design, a: &NodeId, b: &NodeId, kind: EdgeKind) -> bool {
    d.edges
        .values()
        .any(|e| e.kind == kind && ((&e.from == a && &e.to == b) || (&e.from == b && &e.to == a)))
}

/// The nodes joined to `id` by an edge of `kind` (either direction) whose kind is `other`.
pub fn neighbours_of_kind<'d>(
    d: &'d Design,
    id: &'d NodeId,
    edge: EdgeKind,
    other: Kind,
) -> impl Iterator<Item = &'d Node> {
    d.edges_of(id)
        .filter(move |e| e.kind == edge)
        .filter_map(move |e| {
            let far = if &e.from == id { &e.to } else { &e.from };
            d.nodes.get(far).filter(|n| n.kind == other)
        })
}

/// Whether a listener rule with `pattern` takes every request: every request path starts
/// with `/`, so a valid pattern that covers `/*` matches them all (`/*`, `*`, `/*?`…).
pub fn is_catch_all(pattern: &str) -> bool {
    path_pattern::check(pattern).is_ok() && path_pattern::covers(pattern, "/*") == Some(true)
}

/// The application tier: nodes that may open connections to a database.
/// A cluster stands for the services in it; a generic box for whatever the user means.
pub fn is_app_tier(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::EcsService | Kind::Lambda | Kind::EcsCluster | Kind::Generic
    )
}

/// A number for messages: `2`, `0.5`, `0.25` (no trailing zeros).
pub fn num(v: f64) -> String {
    crate::core::support::numtext::shortest(v)
}

/// How many AZs a tier spans, for messages about the two-AZ minimum:
/// (`「1 つの AZ (ap-northeast-1a) にしかありません」`, `"only 1 AZ (ap-northeast-1a)"`).
pub fn az_span(d: &Design, zones: &[&str]) -> (String, String) {
    if zones.is_empty() {
        let region = d.region.code();
        return (
            format!(" {region} に存在する AZ を 1 つも含んでいません"),
            format!("no AZ that exists in {region}"),
        );
    }
    let (ja, en) = az_names(d, zones);
    (
        format!(" {} つの AZ ({ja}) にしかありません", zones.len()),
        format!(
            "only {} AZ{} ({en})",
            zones.len(),
            if zones.len() == 1 { "" } else { "s" }
        ),
    )
}

/// The VPCs that have a NAT Gateway in a public subnet tier (what `has_nat` asks, answered
/// for the whole design at once, for rules that ask it of many nodes).
pub fn vpcs_with_nat(d: &Design) -> std::collections::BTreeSet<&NodeId> {
    nodes_of(d, Kind::NatGateway)
        .filter(|n| tier_of(d, &n.id) == Some(Tier::Public))
        .filter_map(|n| vpc_of(d, &n.id))
        .map(|v| &v.id)
        .to_set()
}

/// The VPC endpoint services in each VPC (what `endpoint_services` asks, for the whole
/// design at once).
pub fn endpoints_by_vpc(d: &Design) -> std::collections::BTreeMap<&NodeId, Vec<&str>> {
    let mut out: std::collections::BTreeMap<&NodeId, Vec<&str>> = Default::default();
    for e in nodes_of(d, Kind::VpcEndpoint) {
        if let Some(v) = vpc_of(d, &e.id) {
            out.entry(&v.id).or_default().push(e.text("service"));
        }
    }
    out
}

/// The nodes at one end of an edge of `edge` kind whose other end is of `other` kind
/// (e.g. the services with an image pull from ECR), in one pass over the edges.
pub fn linked_to_kind(
    d: &Design,
    edge: EdgeKind,
    other: Kind,
) -> std::collections::BTreeSet<&NodeId> {
    let mut out = std::collections::BTreeSet::new();
    for e in d.edges.values().filter(|e| e.kind == edge) {
        if kind_of(d, &e.to) == Some(other) {
            out.insert(&e.from);
        }
        if kind_of(d, &e.from) == Some(other) {
            out.insert(&e.to);
        }
    }
    out
}

/// The application a service runs, as the course names it: its `app` setting, or, while that
/// is left at `other`, what its label says ("Next.js" → `nextjs-ssr`, "NestJS" → `nestjs`;
/// letters compared without case, spaces, dots and hyphens). So a service the student named
/// "Next.js" is judged as the front end without a second step, and no finding says a request
/// "is sent to Next.js" and "should reach Next.js" at once.
pub fn app_role(n: &Node) -> &str {
    let set = n.text("app");
    if set != "other" || n.kind != Kind::EcsService {
        return set;
    }
    let mut folded = String::with_capacity(n.label.len());
    for c in n.label.chars() {
        if c.is_ascii_alphanumeric() {
            folded.push(c.to_ascii_lowercase());
        }
    }
    if folded.contains("nextjs") {
        "nextjs-ssr"
    } else if folded.contains("nestjs") {
        "nestjs"
    } else {
        set
    }
}

/// Whether the path pattern is the course's Socket.io rule (`/socket.io/*` and its spellings).
pub fn is_socketio_pattern(pattern: &str) -> bool {
    pattern.starts_with("/socket.io")
}

/// Whether a service serves Socket.io (WebSocket): its setting is ticked, a listener rule for
/// `/socket.io/*` sends to it (the student drew the route, so the service is where Socket.io
/// lives), or, in a design that follows the course, it is the API (NestJS serves Socket.io in
/// Party Box, Part 1).
pub fn serves_socketio(d: &Design, n: &Node) -> bool {
    if n.kind != Kind::EcsService {
        return false;
    }
    if n.flag("websocket") {
        return true;
    }
    if d.follows_course && app_role(n) == "nestjs" {
        return true;
    }
    d.edges.values().any(|e| {
        e.kind == EdgeKind::AlbRule
            && e.to == n.id
            && e.rule
                .as_ref()
                .is_some_and(|r| is_socketio_pattern(&r.path_pattern))
    })
}

/// The edge kinds that carry a request from the users towards an ALB.
pub const FRONT_EDGES: &[EdgeKind] = &[
    EdgeKind::Https,
    EdgeKind::Http,
    EdgeKind::Websocket,
    EdgeKind::Dns,
    EdgeKind::Origin,
];

/// Whether some ALB can be reached from a users node along request edges (HTTPS, HTTP,
/// WebSocket, DNS, origin), passing only through Route 53 and CloudFront on the way.
pub fn users_reach_alb(d: &Design) -> bool {
    let mut seen: Vec<&NodeId> = nodes_of(d, Kind::Users).map(|n| &n.id).collect();
    let mut next = 0;
    while next < seen.len() {
        let at = seen[next];
        next += 1;
        for e in d.edges.values() {
            if &e.from != at || !FRONT_EDGES.contains(&e.kind) || seen.contains(&&e.to) {
                continue;
            }
            match kind_of(d, &e.to) {
                Some(Kind::Alb) => return true,
                Some(Kind::Route53 | Kind::Cloudfront) => seen.push(&e.to),
                _ => {}
            }
        }
    }
    false
}
