//! Auto-arrange (整列): a whole design, or an imported Mermaid flowchart, laid out as an
//! architecture diagram. The request flows left to right (users → edge services → the VPC's
//! public tier → its private tier → data, with the shared services after), every container is
//! sized to its contents with padding, and cards sit on a 10-unit grid with room between them
//! for routes and their labels. Pure and on demand (the CLI's `kumozu arrange`, the worker).

pub mod quality;

use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::{Design, Node, NodeId};
use crate::core::drawing::faces::is_public_subnet;
use crate::core::exchange::mermaid::layout::{lay_out_with, Style};
use crate::core::exchange::mermaid::Direction;

/// Space between columns (room for a labelled route across).
const RANK_GAP: f64 = 150.0;
/// Space between cards in a column (room for a few routes between them).
const CROSS_GAP: f64 = 70.0;
/// Room a container keeps around its children.
const PAD: f64 = 40.0;
/// The grid cards sit on.
const GRID: f64 = 10.0;

/// Where a node of `node`'s kind stands in the flow of a request, first to last.
pub fn tier(node: &Node) -> u8 {
    match node.kind {
        Kind::Users | Kind::Acm => 0,
        Kind::Route53 => 1,
        Kind::Cloudfront | Kind::S3 => 2,
        Kind::Vpc => 3,
        Kind::Subnet if is_public_subnet(node) => 4,
        Kind::InternetGateway | Kind::Alb | Kind::NatGateway => 4,
        Kind::Subnet | Kind::EcsCluster | Kind::EcsService | Kind::Lambda => 5,
        Kind::Generic | Kind::Group | Kind::VpcEndpoint => 5,
        Kind::Sqs => 6,
        Kind::RdsPostgres | Kind::Elasticache => 7,
        Kind::Ecr | Kind::SecretsManager | Kind::Cloudwatch => 8,
    }
}

/// `design` arranged: the same nodes, edges and parameters, at new positions and container
/// sizes.
pub fn arrange(design: &Design) -> Design {
    let mut d = design.clone();
    // Siblings in the order of the flow (the way out to the internet after the way in), then as
    // they were drawn (top to bottom, left to right).
    let mut order: Vec<&Node> = d.nodes.values().collect();
    crate::core::support::sort::sort_by(&mut order, |a, b| {
        let egress = |n: &Node| matches!(n.kind, Kind::NatGateway | Kind::InternetGateway);
        (tier(a), egress(a))
            .cmp(&(tier(b), egress(b)))
            .then(a.pos.y.total_cmp(&b.pos.y))
            .then(a.pos.x.total_cmp(&b.pos.x))
            .then(a.id.cmp(&b.id))
    });
    let appearance: Vec<NodeId> = order.iter().map(|n| n.id.clone()).collect();
    let tiers: std::collections::HashMap<NodeId, u8> =
        d.nodes.values().map(|n| (n.id.clone(), tier(n))).collect();
    let style = Style {
        rank_gap: RANK_GAP,
        cross_gap: CROSS_GAP,
        pad: PAD,
        tier: &|id| tiers.get(id).copied().unwrap_or(5),
    };
    // Ranked by the edges a request takes only: egress, logs, image pulls and scaling run
    // against the flow and would turn it back.
    let mut flow = d.clone();
    flow.edges.retain(|_, e| {
        !matches!(
            e.kind,
            EdgeKind::Egress | EdgeKind::Logs | EdgeKind::ImagePull | EdgeKind::Scaling
        )
    });
    lay_out_with(&mut flow, &appearance, Direction::LeftRight, &style);
    for (n, placed) in d.nodes.values_mut().zip(flow.nodes.values()) {
        n.pos = placed.pos;
        n.size = placed.size;
    }
    for n in d.nodes.values_mut() {
        n.pos.x = (n.pos.x / GRID).round() * GRID;
        n.pos.y = (n.pos.y / GRID).round() * GRID;
        if let Some(s) = &mut n.size {
            s.w = (s.w / GRID).ceil() * GRID;
            s.h = (s.h / GRID).ceil() * GRID;
        }
    }
    d
}
