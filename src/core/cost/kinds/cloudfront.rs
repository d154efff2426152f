//! Amazon CloudFront: data transfer out to viewers, in AWS's tiers (first 10 TB, next 40 TB,
//! next 100 TB, next 350 TB, next 524 TB, next 4 PB, over 5 PB; the boundaries of infracost's
//! `cloudfront_distribution.go`, REFERENCE.md S1), and HTTPS requests per 10,000.
//!
//! CloudFront prices depend on where the viewers are, not on the origin's region. kumozu
//! assumes viewers in the country of the design's region: each table holds the edge prices of
//! that area (the US, Mexico and Canada for us-east-1; Japan for Tokyo and Osaka), as its
//! `note`s say. `price_class` does not change the estimate. CloudFront's always-free tier is
//! not in the pricing references, so it is not applied. Data fetched from an AWS origin (S3,
//! ALB) costs nothing. Tiers are counted per distribution.

use rust_decimal::Decimal;

use crate::core::cost::{dec, fmt_num, Ctx, Tier};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::Node;
use crate::core::support::i18n::t;

use super::{key, KeySpec, PricedKind, Uses};

const TIERS: [(&str, Option<i64>); 7] = [
    ("first_10tb", Some(10_240)),
    ("next_40tb", Some(40_960)),
    ("next_100tb", Some(102_400)),
    ("next_350tb", Some(358_400)),
    ("next_524tb", Some(536_576)),
    ("next_4pb", Some(4_194_304)),
    ("over_5pb", None),
];

const NAMES: [crate::core::support::i18n::Text; 7] = [
    t(
        "データ転送 (最初の 10 TB)",
        "Data transfer out (first 10 TB)",
    ),
    t("データ転送 (次の 40 TB)", "Data transfer out (next 40 TB)"),
    t(
        "データ転送 (次の 100 TB)",
        "Data transfer out (next 100 TB)",
    ),
    t(
        "データ転送 (次の 350 TB)",
        "Data transfer out (next 350 TB)",
    ),
    t(
        "データ転送 (次の 524 TB)",
        "Data transfer out (next 524 TB)",
    ),
    t("データ転送 (次の 4 PB)", "Data transfer out (next 4 PB)"),
    t("データ転送 (5 PB 超)", "Data transfer out (over 5 PB)"),
];

/// CloudFront distributions.
pub const KIND: PricedKind = PricedKind {
    id: "cloudfront",
    node_kinds: &[Kind::Cloudfront],
    uses: &[
        Uses::Param("monthly_data_out_gb"),
        Uses::Param("monthly_requests_million"),
    ],
    price_keys: || {
        let mut k: Vec<KeySpec> = TIERS
            .iter()
            .map(|(tier, _)| key(format!("cloudfront.data_out.{tier}.gb"), "GB"))
            .collect();
        k.push(key("cloudfront.request.https.per_10k", "10k requests"));
        k
    },
};

/// Adds the lines of a CloudFront distribution.
pub(crate) fn price(node: &Node, ctx: &mut Ctx) {
    let tiers: Vec<Tier> = TIERS
        .iter()
        .zip(NAMES)
        .map(|((tier, size), name)| Tier {
            key: format!("cloudfront.data_out.{tier}.gb"),
            size: size.map(Decimal::from),
            name,
        })
        .collect();
    let gb = dec(node.num("monthly_data_out_gb"));
    ctx.tiered(Some(node), &tiers, "GB", "GB", gb, Decimal::ZERO, None);
    let million = dec(node.num("monthly_requests_million"));
    ctx.priced(
        Some(node),
        t("HTTPS リクエスト", "HTTPS requests"),
        "cloudfront.request.https.per_10k",
        "10k requests",
        million * Decimal::ONE_HUNDRED,
        format!("{} M requests ÷ 10,000", fmt_num(million)),
    );
}

#[cfg(test)]
mod tests {
    use crate::core::cost::estimate;
    use crate::core::cost::testing::*;
    use crate::core::document::catalogue::Kind;
    use crate::core::document::model::ParamValue;
    use crate::core::document::region::Region;

    fn cf(params: &[(&str, ParamValue)]) -> crate::core::document::model::Design {
        design_with(vec![node("cdn", Kind::Cloudfront, None, params)])
    }

    #[test]
    fn defaults_in_both_regions() {
        // us-east-1 (US viewers): 50 GB × $0.085 = $4.25; 1 M requests = 100 × $0.01 = $1.00.
        let e = estimate(&cf(&[]), &table(Region::UsEast1));
        assert_eq!(
            cents_of(line(&e, "cdn", "cloudfront.data_out.first_10tb.gb")),
            usd("4.25")
        );
        let r = line(&e, "cdn", "cloudfront.request.https.per_10k");
        assert_eq!(r.quantity, usd("100"));
        assert_eq!(cents_of(r), usd("1.00"));
        // Tokyo (Japan viewers): 50 × $0.114 = $5.70; 100 × $0.012 = $1.20.
        let e = estimate(&cf(&[]), &table(Region::ApNortheast1));
        assert_eq!(
            cents_of(line(&e, "cdn", "cloudfront.data_out.first_10tb.gb")),
            usd("5.70")
        );
        assert_eq!(
            cents_of(line(&e, "cdn", "cloudfront.request.https.per_10k")),
            usd("1.20")
        );
    }

    #[test]
    fn tiers() {
        // 10,240 GB to Japan = $1,167.36 (REFERENCE.md S1); one GB more has no sourced price.
        let e = estimate(
            &cf(&[("monthly_data_out_gb", num(10_240.0))]),
            &table(Region::ApNortheast1),
        );
        assert_eq!(
            cents_of(line(&e, "cdn", "cloudfront.data_out.first_10tb.gb")),
            usd("1167.36")
        );
        assert_eq!(e.unknown_lines, 0);
        let e = estimate(
            &cf(&[("monthly_data_out_gb", num(10_241.0))]),
            &table(Region::ApNortheast1),
        );
        assert!(line(&e, "cdn", "cloudfront.data_out.next_40tb.gb")
            .monthly
            .is_none());
        // US: 60,000 GB = 10,240 × 0.085 + 40,960 × 0.080 + 8,800 × 0.060 = 870.40 + 3,276.80 + 528.
        let e = estimate(
            &cf(&[("monthly_data_out_gb", num(60_000.0))]),
            &table(Region::UsEast1),
        );
        assert_eq!(
            cents_of(line(&e, "cdn", "cloudfront.data_out.first_10tb.gb")),
            usd("870.40")
        );
        assert_eq!(
            cents_of(line(&e, "cdn", "cloudfront.data_out.next_40tb.gb")),
            usd("3276.80")
        );
        assert_eq!(
            cents_of(line(&e, "cdn", "cloudfront.data_out.next_100tb.gb")),
            usd("528.00")
        );
    }
}
