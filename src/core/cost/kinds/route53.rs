//! Amazon Route 53 (a global service, same prices in every table): hosted zones per month
//! (the first 25 at one price; the volume price beyond 25 is not sourced) and standard
//! queries per million (first 1 billion, then cheaper). Tiers are counted per node.

use rust_decimal::Decimal;

use crate::core::cost::{dec, Ctx, Tier};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::Node;
use crate::core::support::i18n::t;

use super::{key, PricedKind, Uses};

/// Route 53.
pub const KIND: PricedKind = PricedKind {
    id: "route53",
    node_kinds: &[Kind::Route53],
    uses: &[
        Uses::Param("hosted_zones"),
        Uses::Param("monthly_queries_million"),
    ],
    price_keys: || {
        vec![
            key("route53.hosted_zone.first_25.month", "zone-month"),
            key("route53.hosted_zone.over_25.month", "zone-month"),
            key("route53.query.standard.first_1b.million", "1M queries"),
            key("route53.query.standard.over_1b.million", "1M queries"),
        ]
    },
};

/// Adds the lines of a Route 53 node.
pub(crate) fn price(node: &Node, ctx: &mut Ctx) {
    let zones = [
        Tier {
            key: "route53.hosted_zone.first_25.month".into(),
            size: Some(Decimal::from(25)),
            name: t("ホストゾーン (最初の 25)", "Hosted zones (first 25)"),
        },
        Tier {
            key: "route53.hosted_zone.over_25.month".into(),
            size: None,
            name: t("ホストゾーン (25 超)", "Hosted zones (over 25)"),
        },
    ];
    let n = dec(node.num("hosted_zones"));
    ctx.tiered(
        Some(node),
        &zones,
        "zone-month",
        "hosted zone(s)",
        n,
        Decimal::ZERO,
        None,
    );
    let queries = [
        Tier {
            key: "route53.query.standard.first_1b.million".into(),
            size: Some(Decimal::from(1000)),
            name: t(
                "標準クエリ (最初の 10 億)",
                "Standard queries (first 1 billion)",
            ),
        },
        Tier {
            key: "route53.query.standard.over_1b.million".into(),
            size: None,
            name: t("標準クエリ (10 億超)", "Standard queries (over 1 billion)"),
        },
    ];
    let q = dec(node.num("monthly_queries_million"));
    ctx.tiered(
        Some(node),
        &queries,
        "1M queries",
        "M queries",
        q,
        Decimal::ZERO,
        None,
    );
}

#[cfg(test)]
mod tests {
    use crate::core::cost::estimate;
    use crate::core::cost::testing::*;
    use crate::core::document::catalogue::Kind;
    use crate::core::document::model::ParamValue;
    use crate::core::document::region::Region;

    fn r53(params: &[(&str, ParamValue)]) -> crate::core::document::model::Design {
        design_with(vec![node("dns", Kind::Route53, None, params)])
    }

    #[test]
    fn zones_and_queries() {
        // 1 zone = $0.50; 1 M queries = $0.40 (REFERENCE.md S1), the same in every region.
        for r in [Region::UsEast1, Region::ApNortheast1, Region::ApNortheast3] {
            let e = estimate(&r53(&[]), &table(r));
            assert_eq!(
                cents_of(line(&e, "dns", "route53.hosted_zone.first_25.month")),
                usd("0.50")
            );
            assert_eq!(
                cents_of(line(&e, "dns", "route53.query.standard.first_1b.million")),
                usd("0.40")
            );
        }
        // 1,100 M queries: 1,000 M × $0.40 + 100 M × $0.20 = $400 + $20 (REFERENCE.md S1).
        let e = estimate(
            &r53(&[("monthly_queries_million", num(1100.0))]),
            &table(Region::UsEast1),
        );
        assert_eq!(
            cents_of(line(&e, "dns", "route53.query.standard.first_1b.million")),
            usd("400")
        );
        assert_eq!(
            cents_of(line(&e, "dns", "route53.query.standard.over_1b.million")),
            usd("20")
        );
        // 26 zones: the 26th has no sourced price.
        let e = estimate(
            &r53(&[("hosted_zones", num(26.0))]),
            &table(Region::UsEast1),
        );
        assert_eq!(
            cents_of(line(&e, "dns", "route53.hosted_zone.first_25.month")),
            usd("12.50")
        );
        assert!(line(&e, "dns", "route53.hosted_zone.over_25.month")
            .monthly
            .is_none());
        // No zones, no queries: $0 lines, nothing unknown.
        let e = estimate(
            &r53(&[
                ("hosted_zones", num(0.0)),
                ("monthly_queries_million", num(0.0)),
            ]),
            &table(Region::UsEast1),
        );
        assert_eq!(e.total_monthly_usd, usd("0"));
        assert_eq!(e.unknown_lines, 0);
    }
}
