//! AWS Lambda functions: requests per million and duration per GB-second, after the
//! always-free tier of 1 million requests and 400,000 GB-seconds a month (REFERENCE.md S6),
//! which is per account: shared by every function, spent in node id order, for x86 and Arm
//! alike. Duration is invocations × average duration (rounded up to the millisecond) ×
//! memory (MB ÷ 1,024), in AWS's tiers per architecture (x86: first 6 billion GB-s, next 9
//! billion, over 15 billion; Arm: 7.5 / 11.25 / over 18.75 billion; infracost's
//! `lambda_function.go`, REFERENCE.md S1). Tiers are counted per function. Ephemeral storage
//! beyond the free 512 MB is not modelled (kumozu's Lambda has no such parameter).

use rust_decimal::Decimal;

use crate::core::cost::{dec, fmt_num, Ctx, Pool, Tier};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::Node;
use crate::core::support::i18n::t;

use super::{key, PricedKind, Uses};

/// Free requests per month, in millions.
pub const FREE_MILLION_REQUESTS: u32 = 1;
/// Free GB-seconds per month.
pub const FREE_GB_SECONDS: u32 = 400_000;

const X86: [(&str, Option<i64>); 3] = [
    ("first_6b", Some(6_000_000_000)),
    ("next_9b", Some(9_000_000_000)),
    ("over_15b", None),
];
const ARM: [(&str, Option<i64>); 3] = [
    ("first_7_5b", Some(7_500_000_000)),
    ("next_11_25b", Some(11_250_000_000)),
    ("over_18_75b", None),
];
const NAMES: [crate::core::support::i18n::Text; 3] = [
    t("実行時間 (第 1 段階)", "Duration (first tier)"),
    t("実行時間 (第 2 段階)", "Duration (second tier)"),
    t("実行時間 (第 3 段階)", "Duration (third tier)"),
];

/// Lambda functions.
pub const KIND: PricedKind = PricedKind {
    id: "lambda",
    node_kinds: &[Kind::Lambda],
    uses: &[
        Uses::Param("architecture"),
        Uses::Param("memory_mb"),
        Uses::Param("monthly_invocations_million"),
        Uses::Param("avg_duration_ms"),
    ],
    price_keys: || {
        let mut out = vec![key("lambda.requests.million", "1M requests")];
        for (arch, tiers) in [("x86", X86), ("arm", ARM)] {
            for (tier, _) in tiers {
                out.push(key(format!("lambda.{arch}.{tier}.gb_second"), "GB-second"));
            }
        }
        out
    },
};

/// Adds the lines of a Lambda function.
pub(crate) fn price(node: &Node, ctx: &mut Ctx) {
    let million = dec(node.num("monthly_invocations_million"));
    let free = ctx.take_free(
        Pool::LambdaRequests,
        Decimal::from(FREE_MILLION_REQUESTS),
        million,
    );
    let expr = if free.is_zero() {
        format!("{} M requests", fmt_num(million))
    } else {
        format!(
            "{} M requests − {} M requests free",
            fmt_num(million),
            fmt_num(free)
        )
    };
    ctx.priced(
        Some(node),
        t("リクエスト", "Requests"),
        "lambda.requests.million",
        "1M requests",
        million - free,
        expr,
    );
    let (arch, tiers) = if node.text("architecture") == "x86_64" {
        ("x86", X86)
    } else {
        ("arm", ARM)
    };
    let ms = dec(node.num("avg_duration_ms")).ceil();
    let gb = dec(node.num("memory_mb")) / Decimal::from(1024);
    let gb_seconds = million * Decimal::from(1_000_000) * ms / Decimal::from(1000) * gb;
    let free = ctx.take_free(
        Pool::LambdaGbSeconds,
        Decimal::from(FREE_GB_SECONDS),
        gb_seconds,
    );
    let tiers: Vec<Tier> = tiers
        .iter()
        .zip(NAMES)
        .map(|((tier, size), name)| Tier {
            key: format!("lambda.{arch}.{tier}.gb_second"),
            size: size.map(Decimal::from),
            name,
        })
        .collect();
    let lead = format!(
        "{} M invocations × {} ms × {} MB ÷ 1,024 = {} GB-s",
        fmt_num(million),
        fmt_num(ms),
        fmt_num(dec(node.num("memory_mb"))),
        fmt_num(gb_seconds)
    );
    ctx.tiered(
        Some(node),
        &tiers,
        "GB-second",
        "GB-s",
        gb_seconds,
        free,
        Some(&lead),
    );
}

#[cfg(test)]
mod tests {
    use crate::core::cost::estimate;
    use crate::core::cost::testing::*;
    use crate::core::document::catalogue::Kind;
    use crate::core::document::model::ParamValue;
    use crate::core::document::region::Region;

    fn function(params: &[(&str, ParamValue)]) -> crate::core::document::model::Design {
        design_with(vec![node("f", Kind::Lambda, None, params)])
    }

    #[test]
    fn at_the_free_tier_edge() {
        // 1 M × 800 ms × 512 MB = 400,000 GB-s: exactly the free tier; 1 M requests: free.
        let p = vec![
            ("architecture", s("x86_64")),
            ("memory_mb", num(512.0)),
            ("monthly_invocations_million", num(1.0)),
            ("avg_duration_ms", num(800.0)),
        ];
        let e = estimate(&function(&p), &table(Region::UsEast1));
        assert_eq!(line(&e, "f", "lambda.requests.million").quantity, usd("0"));
        let d = line(&e, "f", "lambda.x86.first_6b.gb_second");
        assert_eq!(d.quantity, usd("0"));
        assert_eq!(
            d.formula,
            "1 M invocations × 800 ms × 512 MB ÷ 1,024 = 400,000 GB-s; 400,000 GB-s − 400,000 GB-s free = 0 GB-second × $0.0000166667 = $0.00"
        );
        assert_eq!(e.total_monthly_usd, usd("0"));
        // One more millisecond: 1 M × 801 ms × 0.5 GB = 400,500 GB-s → 500 × $0.0000166667.
        let mut p2 = p.clone();
        p2[3] = ("avg_duration_ms", num(800.2)); // rounded up to 801 ms
        let e = estimate(&function(&p2), &table(Region::UsEast1));
        let d = line(&e, "f", "lambda.x86.first_6b.gb_second");
        assert_eq!(d.quantity, usd("500"));
        assert_eq!(cents_of(d), usd("0.01"));
    }

    #[test]
    fn beyond_the_free_tier() {
        // 3 M requests × 120 ms × 1,536 MB x86: 540,000 GB-s − 400,000 free = 140,000 ×
        // $0.0000166667 = $2.333338; (3 − 1) M requests × $0.20 = $0.40.
        let p = [
            ("architecture", s("x86_64")),
            ("memory_mb", num(1536.0)),
            ("monthly_invocations_million", num(3.0)),
            ("avg_duration_ms", num(120.0)),
        ];
        let e = estimate(&function(&p), &table(Region::UsEast1));
        assert_eq!(
            cents_of(line(&e, "f", "lambda.x86.first_6b.gb_second")),
            usd("2.33")
        );
        assert_eq!(
            cents_of(line(&e, "f", "lambda.requests.million")),
            usd("0.40")
        );
        // Tokyo x86 has B-sourced prices; Arm duration there has none.
        let e = estimate(&function(&p), &table(Region::ApNortheast1));
        assert_eq!(
            cents_of(line(&e, "f", "lambda.x86.first_6b.gb_second")),
            usd("2.33")
        );
        let e = estimate(
            &function(&[("monthly_invocations_million", num(30.0))]),
            &table(Region::ApNortheast1),
        );
        assert!(line(&e, "f", "lambda.arm.first_7_5b.gb_second")
            .monthly
            .is_none());
    }

    #[test]
    fn second_tier_matches_the_golden() {
        // 9 billion GB-s in the second x86 tier = $135,000.00 (REFERENCE.md S1): 15 B GB-s total.
        // 15,000 M invocations × 1,000 ms × 1,024 MB = 15,000,000,000 GB-s.
        let p = [
            ("architecture", s("x86_64")),
            ("memory_mb", num(1024.0)),
            ("monthly_invocations_million", num(15_000.0)),
            ("avg_duration_ms", num(1000.0)),
        ];
        let e = estimate(&function(&p), &table(Region::UsEast1));
        assert_eq!(
            cents_of(line(&e, "f", "lambda.x86.next_9b.gb_second")),
            usd("135000.00")
        );
        // First tier: (6 B − 400,000 free) × $0.0000166667.
        assert_eq!(
            line(&e, "f", "lambda.x86.first_6b.gb_second").quantity,
            usd("5999600000")
        );
    }

    #[test]
    fn the_free_tier_is_shared() {
        let p = [("monthly_invocations_million", num(0.7))];
        let a = node("a", Kind::Lambda, None, &p);
        let b = node("b", Kind::Lambda, None, &p);
        let e = estimate(&design_with(vec![a, b]), &table(Region::UsEast1));
        assert_eq!(line(&e, "a", "lambda.requests.million").quantity, usd("0"));
        assert_eq!(
            line(&e, "b", "lambda.requests.million").quantity,
            usd("0.4")
        );
    }
}
