//! Amazon S3 buckets: storage per GB-month in AWS's tiers (first 50 TB, next 450 TB, over
//! 500 TB; tiers counted per bucket), PUT/COPY/POST/LIST requests and GET/other requests per
//! 1,000, for the bucket's storage class. Only S3 Standard has sourced prices; the other
//! classes (and their retrieval or monitoring fees) say "price unknown". The new-account free
//! tier is not applied.

use rust_decimal::Decimal;

use crate::core::cost::{dec, fmt_num, Ctx, Tier};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::Node;
use crate::core::support::i18n::t;

use super::{key, PricedKind, Uses};

/// Storage classes kumozu offers, as they appear in price keys.
pub const CLASSES: &[&str] = &["standard", "intelligent_tiering", "standard_ia"];

/// S3 buckets.
pub const KIND: PricedKind = PricedKind {
    id: "s3",
    node_kinds: &[Kind::S3],
    uses: &[
        Uses::Param("storage_class"),
        Uses::Param("storage_gb"),
        Uses::Param("monthly_get_requests_thousand"),
        Uses::Param("monthly_put_requests_thousand"),
    ],
    price_keys: || {
        let mut out = Vec::new();
        for c in CLASSES {
            for tier in ["first_50tb", "next_450tb", "over_500tb"] {
                out.push(key(format!("s3.{c}.storage.{tier}.gb_month"), "GB-month"));
            }
            out.push(key(format!("s3.{c}.put.per_1k"), "1k requests"));
            out.push(key(format!("s3.{c}.get.per_1k"), "1k requests"));
        }
        out
    },
};

/// Adds the lines of an S3 bucket.
pub(crate) fn price(node: &Node, ctx: &mut Ctx) {
    let class = match node.text("storage_class") {
        "INTELLIGENT_TIERING" => "intelligent_tiering",
        "STANDARD_IA" => "standard_ia",
        _ => "standard",
    };
    let tiers = [
        Tier {
            key: format!("s3.{class}.storage.first_50tb.gb_month"),
            size: Some(Decimal::from(51_200)),
            name: t("ストレージ (最初の 50 TB)", "Storage (first 50 TB)"),
        },
        Tier {
            key: format!("s3.{class}.storage.next_450tb.gb_month"),
            size: Some(Decimal::from(460_800)),
            name: t("ストレージ (次の 450 TB)", "Storage (next 450 TB)"),
        },
        Tier {
            key: format!("s3.{class}.storage.over_500tb.gb_month"),
            size: None,
            name: t("ストレージ (500 TB 超)", "Storage (over 500 TB)"),
        },
    ];
    let gb = dec(node.num("storage_gb"));
    ctx.tiered(
        Some(node),
        &tiers,
        "GB-month",
        "GB",
        gb,
        Decimal::ZERO,
        None,
    );
    let put = dec(node.num("monthly_put_requests_thousand"));
    ctx.priced(
        Some(node),
        t(
            "PUT・COPY・POST・LIST リクエスト",
            "PUT, COPY, POST, LIST requests",
        ),
        &format!("s3.{class}.put.per_1k"),
        "1k requests",
        put,
        format!("{} thousand requests", fmt_num(put)),
    );
    let get = dec(node.num("monthly_get_requests_thousand"));
    ctx.priced(
        Some(node),
        t("GET・その他のリクエスト", "GET and other requests"),
        &format!("s3.{class}.get.per_1k"),
        "1k requests",
        get,
        format!("{} thousand requests", fmt_num(get)),
    );
}

#[cfg(test)]
mod tests {
    use crate::core::cost::estimate;
    use crate::core::cost::testing::*;
    use crate::core::document::catalogue::Kind;
    use crate::core::document::model::ParamValue;
    use crate::core::document::region::Region;

    fn bucket(params: &[(&str, ParamValue)]) -> crate::core::document::model::Design {
        design_with(vec![node("b", Kind::S3, None, params)])
    }

    #[test]
    fn standard_storage_and_requests() {
        // us-east-1 defaults: 10 GB × $0.023 = $0.23; 10k PUT = 10 × $0.005 = $0.05;
        // 100k GET = 100 × $0.0004 = $0.04.
        let e = estimate(&bucket(&[]), &table(Region::UsEast1));
        assert_eq!(
            cents_of(line(&e, "b", "s3.standard.storage.first_50tb.gb_month")),
            usd("0.23")
        );
        assert_eq!(
            cents_of(line(&e, "b", "s3.standard.put.per_1k")),
            usd("0.05")
        );
        assert_eq!(
            cents_of(line(&e, "b", "s3.standard.get.per_1k")),
            usd("0.04")
        );
        // Tokyo: 1,000 GB × $0.025 = $25.00; 1,000k PUT × $0.0047 = $4.70; 1,000k GET × $0.00037 = $0.37.
        let p = [
            ("storage_gb", num(1000.0)),
            ("monthly_put_requests_thousand", num(1000.0)),
            ("monthly_get_requests_thousand", num(1000.0)),
        ];
        let e = estimate(&bucket(&p), &table(Region::ApNortheast1));
        assert_eq!(
            cents_of(line(&e, "b", "s3.standard.storage.first_50tb.gb_month")),
            usd("25.00")
        );
        assert_eq!(
            cents_of(line(&e, "b", "s3.standard.put.per_1k")),
            usd("4.70")
        );
        assert_eq!(
            cents_of(line(&e, "b", "s3.standard.get.per_1k")),
            usd("0.37")
        );
    }

    #[test]
    fn unsourced_classes_and_tiers_are_unknown() {
        let e = estimate(
            &bucket(&[("storage_class", s("STANDARD_IA"))]),
            &table(Region::UsEast1),
        );
        assert_eq!(e.unknown_lines, 3);
        // 50 TB exactly stays in the first tier; one GB more is in an unsourced tier.
        let e = estimate(
            &bucket(&[("storage_gb", num(51_200.0))]),
            &table(Region::UsEast1),
        );
        assert_eq!(e.unknown_lines, 0);
        assert_eq!(
            cents_of(line(&e, "b", "s3.standard.storage.first_50tb.gb_month")),
            usd("1177.60")
        );
        let e = estimate(
            &bucket(&[("storage_gb", num(51_201.0))]),
            &table(Region::UsEast1),
        );
        assert_eq!(e.unknown_lines, 1);
    }
}
