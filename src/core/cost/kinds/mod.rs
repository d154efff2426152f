//! The priced kinds, one file each (in the manner of infracost's `internal/resources/aws`).
//!
//! A priced kind declares what it reads from the design ([`Uses`]: parameters of its node
//! kinds and design-wide usage assumptions, each with its unit and default in the catalogue)
//! and every price key it may ask the table for ([`KeySpec`], with the unit it multiplies by).
//! Its `price` function adds cost components to the estimate. The schema test checks every
//! shipped table against these declarations.

pub mod alb;
pub mod cloudfront;
pub mod cloudwatch;
pub mod data_transfer;
pub mod ecr;
pub mod elasticache;
pub mod fargate;
pub mod free;
pub mod lambda;
pub mod nat;
pub mod public_ipv4;
pub mod rds;
pub mod route53;
pub mod s3;
pub mod secrets_manager;
pub mod sqs;
pub mod vpc_endpoint;

use crate::core::document::catalogue::Kind;
use crate::core::document::model::Node;

use super::Ctx;

/// Something a priced kind reads from the design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uses {
    /// A parameter of the node (key in `catalogue`, with its unit and default there).
    Param(&'static str),
    /// A design-wide usage assumption (key in `catalogue::USAGE`).
    Usage(&'static str),
}

/// A price key a kind may ask for, with the unit it multiplies by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySpec {
    /// The key, e.g. `fargate.x86.vcpu_hour`.
    pub key: String,
    /// The unit the table must give the price in, e.g. `vCPU-hour`.
    pub unit: &'static str,
}

/// Shorthand for a key spec.
pub(crate) fn key(key: impl Into<String>, unit: &'static str) -> KeySpec {
    KeySpec {
        key: key.into(),
        unit,
    }
}

/// One priced kind: what it prices, what it reads and which prices it needs.
#[derive(Debug, Clone, Copy)]
pub struct PricedKind {
    /// Stable id (the file name), e.g. `fargate`.
    pub id: &'static str,
    /// The node kinds it prices (empty for parts other kinds use, and for design-wide lines).
    pub node_kinds: &'static [Kind],
    /// What it reads.
    pub uses: &'static [Uses],
    /// Every price key it may use.
    pub price_keys: fn() -> Vec<KeySpec>,
}

/// Every priced kind.
pub const PRICED_KINDS: &[PricedKind] = &[
    fargate::KIND,
    alb::KIND,
    rds::KIND,
    nat::KIND,
    public_ipv4::KIND,
    vpc_endpoint::KIND,
    ecr::KIND,
    cloudwatch::KIND,
    data_transfer::KIND,
    route53::KIND,
    cloudfront::KIND,
    s3::KIND,
    elasticache::KIND,
    sqs::KIND,
    lambda::KIND,
    secrets_manager::KIND,
    free::KIND,
];

/// The priced kind of nodes of `kind`, if any (`generic` and `group` nodes have none: they
/// are not AWS resources).
pub fn for_node_kind(kind: Kind) -> Option<&'static PricedKind> {
    PRICED_KINDS.iter().find(|p| p.node_kinds.contains(&kind))
}

/// Every price key any kind may use, sorted and without duplicates.
pub fn all_price_keys() -> Vec<KeySpec> {
    let mut keys: Vec<KeySpec> = PRICED_KINDS.iter().flat_map(|p| (p.price_keys)()).collect();
    crate::core::support::sort::sort_by(&mut keys, |a, b| a.key.cmp(&b.key));
    keys.dedup_by(|a, b| a.key == b.key);
    keys
}

/// Adds the lines of one node.
pub(crate) fn price_node(node: &Node, ctx: &mut Ctx) {
    match node.kind {
        Kind::EcsService => fargate::price(node, ctx),
        Kind::Alb => alb::price(node, ctx),
        Kind::RdsPostgres => rds::price(node, ctx),
        Kind::NatGateway => nat::price(node, ctx),
        Kind::VpcEndpoint => vpc_endpoint::price(node, ctx),
        Kind::Ecr => ecr::price(node, ctx),
        Kind::Cloudwatch => cloudwatch::price(node, ctx),
        Kind::Route53 => route53::price(node, ctx),
        Kind::Cloudfront => cloudfront::price(node, ctx),
        Kind::S3 => s3::price(node, ctx),
        Kind::Elasticache => elasticache::price(node, ctx),
        Kind::Sqs => sqs::price(node, ctx),
        Kind::Lambda => lambda::price(node, ctx),
        Kind::SecretsManager => secrets_manager::price(node, ctx),
        Kind::Users
        | Kind::Acm
        | Kind::Vpc
        | Kind::Subnet
        | Kind::InternetGateway
        | Kind::EcsCluster => free::price(node, ctx),
        Kind::Generic | Kind::Group => {}
    }
}

/// Adds the design-wide lines.
pub(crate) fn price_design(ctx: &mut Ctx) {
    data_transfer::price(ctx);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::catalogue::{usage_spec, Kind};

    #[test]
    fn every_node_kind_is_priced_once_except_shapes() {
        for kind in Kind::all() {
            let owners: Vec<_> = PRICED_KINDS
                .iter()
                .filter(|p| p.node_kinds.contains(&kind))
                .map(|p| p.id)
                .collect();
            match kind {
                Kind::Generic | Kind::Group => assert!(owners.is_empty(), "{kind:?}"),
                _ => assert_eq!(owners.len(), 1, "{kind:?}: {owners:?}"),
            }
        }
    }

    #[test]
    fn declared_uses_exist_in_the_catalogue() {
        for p in PRICED_KINDS {
            for u in p.uses {
                match u {
                    Uses::Param(k) => assert!(
                        p.node_kinds.iter().any(|kind| kind.param(k).is_some()),
                        "{}: no parameter {k} on {:?}",
                        p.id,
                        p.node_kinds
                    ),
                    Uses::Usage(k) => assert!(usage_spec(k).is_some(), "{}: no usage {k}", p.id),
                }
            }
        }
    }

    #[test]
    fn price_keys_are_unique_per_kind_and_agree_on_units() {
        let mut all: std::collections::BTreeMap<String, &str> = Default::default();
        for p in PRICED_KINDS {
            let keys = (p.price_keys)();
            let mut seen = std::collections::BTreeSet::new();
            for k in keys {
                assert!(seen.insert(k.key.clone()), "{}: {} twice", p.id, k.key);
                if let Some(prev) = all.insert(k.key.clone(), k.unit) {
                    assert_eq!(prev, k.unit, "{}: unit of {}", p.id, k.key);
                }
            }
        }
    }
}
