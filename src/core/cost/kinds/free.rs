//! Kinds that cost nothing by themselves, listed explicitly so the estimate shows them as free
//! rather than leaving them out: users on the internet, ACM public certificates (REFERENCE.md
//! S15), VPCs, subnets, Internet Gateways and ECS clusters. What runs in or through them
//! (tasks, NAT Gateways, data transfer) is priced on its own lines.

use crate::core::cost::Ctx;
use crate::core::document::catalogue::Kind;
use crate::core::document::model::Node;
use crate::core::support::i18n::{t, Text};

use super::PricedKind;

/// The free kinds.
pub const KIND: PricedKind = PricedKind {
    id: "free",
    node_kinds: &[
        Kind::Users,
        Kind::Acm,
        Kind::Vpc,
        Kind::Subnet,
        Kind::InternetGateway,
        Kind::EcsCluster,
    ],
    uses: &[],
    price_keys: Vec::new,
};

/// Why a kind is free, or `None` when it is not one of the free kinds.
pub fn why_free(kind: Kind) -> Option<Text> {
    Some(match kind {
        Kind::Users => t(
            "AWS のリソースではありません (料金はかかりません)",
            "not an AWS resource; no charge",
        ),
        Kind::Acm => t(
            "ACM のパブリック証明書は無料です",
            "ACM public certificates are free",
        ),
        Kind::Vpc => t(
            "VPC 自体は無料です (中のリソースに料金がかかります)",
            "a VPC itself is free; what runs in it is priced on its own",
        ),
        Kind::Subnet => t("サブネットは無料です", "subnets are free"),
        Kind::InternetGateway => t(
            "インターネットゲートウェイは無料です (データ転送は別途)",
            "an Internet Gateway is free; data transfer is priced separately",
        ),
        Kind::EcsCluster => t(
            "ECS クラスターは無料です (タスクに料金がかかります)",
            "an ECS cluster is free; you pay for its tasks",
        ),
        _ => return None,
    })
}

/// Adds the free line of a free kind.
pub(crate) fn price(node: &Node, ctx: &mut Ctx) {
    if let Some(why) = why_free(node.kind) {
        ctx.free(node, node.kind.info().name, why);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cost::testing::*;
    use crate::core::cost::{estimate, LineStatus};
    use crate::core::document::region::Region;

    #[test]
    fn free_kinds_are_listed_as_free() {
        for kind in KIND.node_kinds {
            assert!(why_free(*kind).is_some(), "{kind:?}");
        }
        let d = design_with(vec![node("cert", Kind::Acm, None, &[])]);
        let e = estimate(&d, &table(Region::UsEast1));
        let l = lines_of(&e, "cert");
        assert_eq!(l.len(), 1);
        assert!(matches!(l[0].status, LineStatus::Free(_)));
        assert_eq!(l[0].monthly, Some(rust_decimal::Decimal::ZERO));
        assert_eq!(l[0].formula, "free: ACM public certificates are free");
        assert_eq!(e.unknown_lines, 0);
    }
}
