//! Data transfer out from the region to the internet: a design-wide line driven by the usage
//! assumption `data_transfer_out_gb`, priced in AWS's tiers (first 10 TB, next 40 TB, next
//! 100 TB, over 150 TB; 1 TB = 1,024 GB as in REFERENCE.md S1 `data_transfer_test`). The first
//! 100 GB a month are free, account-wide (REFERENCE.md S12); kumozu takes them off the first
//! tier, so the tiers count every GB from the first. Data through CloudFront is priced on the
//! CloudFront node instead (origin fetches are free), so set this to what leaves the region
//! directly (ALB responses, NAT traffic).
//!
//! The line appears as soon as the design holds an AWS resource.

use rust_decimal::Decimal;

use crate::core::cost::{dec, Ctx, Tier};
use crate::core::document::catalogue::Kind;
use crate::core::support::i18n::t;

use super::{key, KeySpec, PricedKind, Uses};

/// GB a month free to the internet, account-wide.
pub const FREE_GB: u32 = 100;

/// Data transfer out to the internet (design-wide).
pub const KIND: PricedKind = PricedKind {
    id: "data_transfer",
    node_kinds: &[],
    uses: &[Uses::Usage("data_transfer_out_gb")],
    price_keys: || {
        ["first_10tb", "next_40tb", "next_100tb", "over_150tb"]
            .iter()
            .map(|tier| key(format!("data_transfer.internet_out.{tier}.gb"), "GB"))
            .collect::<Vec<KeySpec>>()
    },
};

/// The tiers, in GB.
pub(crate) fn tiers() -> [Tier; 4] {
    [
        Tier {
            key: "data_transfer.internet_out.first_10tb.gb".into(),
            size: Some(Decimal::from(10_240)),
            name: t(
                "インターネットへのデータ転送 (最初の 10 TB)",
                "Data transfer out to the internet (first 10 TB)",
            ),
        },
        Tier {
            key: "data_transfer.internet_out.next_40tb.gb".into(),
            size: Some(Decimal::from(40_960)),
            name: t(
                "インターネットへのデータ転送 (次の 40 TB)",
                "Data transfer out to the internet (next 40 TB)",
            ),
        },
        Tier {
            key: "data_transfer.internet_out.next_100tb.gb".into(),
            size: Some(Decimal::from(102_400)),
            name: t(
                "インターネットへのデータ転送 (次の 100 TB)",
                "Data transfer out to the internet (next 100 TB)",
            ),
        },
        Tier {
            key: "data_transfer.internet_out.over_150tb.gb".into(),
            size: None,
            name: t(
                "インターネットへのデータ転送 (150 TB 超)",
                "Data transfer out to the internet (over 150 TB)",
            ),
        },
    ]
}

/// Adds the design-wide data transfer lines.
pub(crate) fn price(ctx: &mut Ctx) {
    let has_resource = ctx
        .design
        .nodes
        .values()
        .any(|n| !matches!(n.kind, Kind::Users | Kind::Generic | Kind::Group));
    if !has_resource {
        return;
    }
    let gb = dec(ctx.design.usage("data_transfer_out_gb"));
    ctx.tiered(None, &tiers(), "GB", "GB", gb, Decimal::from(FREE_GB), None);
}

#[cfg(test)]
mod tests {
    use crate::core::cost::testing::*;
    use crate::core::cost::{estimate, CostLine, Estimate};
    use crate::core::document::catalogue::Kind;
    use crate::core::document::model::Design;
    use crate::core::document::region::Region;

    fn with_out(gb: f64) -> Design {
        let mut d = design_with(vec![]);
        d.usage.insert("data_transfer_out_gb".into(), gb);
        d
    }

    fn dt(e: &Estimate) -> Vec<&CostLine> {
        e.lines.iter().filter(|l| l.node.is_none()).collect()
    }

    #[test]
    fn free_hundred_gb_boundary() {
        let t = table(Region::UsEast1);
        let e = estimate(&with_out(0.0), &t);
        assert_eq!(dt(&e).len(), 1);
        assert_eq!(dt(&e)[0].monthly, Some(usd("0")));
        let e = estimate(&with_out(100.0), &t);
        assert_eq!(dt(&e)[0].quantity, usd("0"));
        assert_eq!(
            dt(&e)[0].formula,
            "100 GB − 100 GB free = 0 GB × $0.09 = $0.00"
        );
        let e = estimate(&with_out(101.0), &t);
        assert_eq!(cents_of(dt(&e)[0]), usd("0.09"));
        let e = estimate(&with_out(150.0), &t);
        assert_eq!(cents_of(dt(&e)[0]), usd("4.50"));
    }

    #[test]
    fn ten_terabyte_boundary() {
        let t = table(Region::UsEast1);
        // 10,240 GB: (10,240 − 100) × $0.09 = $912.60, one tier.
        let e = estimate(&with_out(10_240.0), &t);
        assert_eq!(dt(&e).len(), 1);
        assert_eq!(cents_of(dt(&e)[0]), usd("912.60"));
        // One GB more reaches the next tier at $0.085.
        let e = estimate(&with_out(10_241.0), &t);
        assert_eq!(dt(&e).len(), 2);
        assert_eq!(cents_of(dt(&e)[1]), usd("0.09")); // 0.085 → $0.09
        assert_eq!(dt(&e)[1].quantity, usd("1"));
        assert_eq!(e.total_monthly_usd, usd("912.69"));
    }

    #[test]
    fn every_tier_in_tokyo() {
        // 160,000 GB: 10,140 × 0.114 + 40,960 × 0.089 + 102,400 × 0.086 + 6,400 × 0.084
        // = 1,155.96 + 3,645.44 + 8,806.40 + 537.60 = $14,145.40.
        let e = estimate(&with_out(160_000.0), &table(Region::ApNortheast1));
        let l = dt(&e);
        assert_eq!(l.len(), 4);
        assert_eq!(cents_of(l[0]), usd("1155.96"));
        assert_eq!(cents_of(l[1]), usd("3645.44"));
        assert_eq!(cents_of(l[2]), usd("8806.40"));
        assert_eq!(cents_of(l[3]), usd("537.60"));
        assert_eq!(e.total_monthly_usd, usd("14145.40"));
        // us-east-1 has no sourced price above 150 TB: unknown, not guessed.
        let e = estimate(&with_out(160_000.0), &table(Region::UsEast1));
        assert!(dt(&e)[3].monthly.is_none());
    }

    #[test]
    fn no_line_without_an_aws_resource() {
        let mut d = Design::empty("only users", Region::UsEast1);
        d.add_node(node("u", Kind::Users, None, &[]));
        let e = estimate(&d, &table(Region::UsEast1));
        assert!(dt(&e).is_empty());
    }
}
