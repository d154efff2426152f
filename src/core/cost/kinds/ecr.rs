//! Amazon ECR repositories: image storage per GB-month. Pulls from the same region cost
//! nothing (the NAT Gateway or endpoint they pass through is priced on its own node); the
//! new-account free tier (500 MB for 12 months) is not applied.

use crate::core::cost::{dec, fmt_num, Ctx};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::Node;
use crate::core::support::i18n::t;

use super::{key, PricedKind, Uses};

/// ECR repositories.
pub const KIND: PricedKind = PricedKind {
    id: "ecr",
    node_kinds: &[Kind::Ecr],
    uses: &[Uses::Param("storage_gb")],
    price_keys: || vec![key("ecr.storage.gb_month", "GB-month")],
};

/// Adds the lines of an ECR repository.
pub(crate) fn price(node: &Node, ctx: &mut Ctx) {
    let gb = dec(node.num("storage_gb"));
    ctx.priced(
        Some(node),
        t("イメージ保存容量", "Image storage"),
        "ecr.storage.gb_month",
        "GB-month",
        gb,
        format!("{} GB", fmt_num(gb)),
    );
}

#[cfg(test)]
mod tests {
    use crate::core::cost::estimate;
    use crate::core::cost::testing::*;
    use crate::core::document::catalogue::Kind;
    use crate::core::document::region::Region;

    #[test]
    fn storage() {
        let d = design_with(vec![node(
            "ecr",
            Kind::Ecr,
            None,
            &[("storage_gb", num(2.5))],
        )]);
        // 2.5 GB × $0.10 = $0.25 in us-east-1 and Tokyo; Osaka has no sourced price.
        for r in [Region::UsEast1, Region::ApNortheast1] {
            let e = estimate(&d, &table(r));
            assert_eq!(
                cents_of(line(&e, "ecr", "ecr.storage.gb_month")),
                usd("0.25")
            );
        }
        let e = estimate(&d, &table(Region::ApNortheast3));
        assert!(line(&e, "ecr", "ecr.storage.gb_month").monthly.is_none());
        let d = design_with(vec![node(
            "ecr",
            Kind::Ecr,
            None,
            &[("storage_gb", num(0.0))],
        )]);
        let e = estimate(&d, &table(Region::ApNortheast3));
        assert_eq!(
            line(&e, "ecr", "ecr.storage.gb_month").monthly,
            Some(usd("0"))
        );
        assert_eq!(e.unknown_lines, 0);
    }
}
