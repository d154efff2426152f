//! Amazon SQS queues: requests per million (each 64 KB chunk of a request counts as one; the
//! `monthly_requests_million` parameter counts billed requests). The first 1 million requests
//! a month are free, account-wide over standard and FIFO queues (AWS Free Tier, as the
//! brief for this engine states; REFERENCE.md does not quote it), spent on queues in node id
//! order. Requests above 100 billion a month fall in tiers whose boundaries are not in the
//! pricing references, so that part says "price unknown". Tiers are counted per queue.

use rust_decimal::Decimal;

use crate::core::cost::{dec, Ctx, Pool, Tier};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::Node;
use crate::core::support::i18n::t;

use super::{key, PricedKind, Uses};

/// Free requests per month, in millions, account-wide.
pub const FREE_MILLION: u32 = 1;

/// SQS queues.
pub const KIND: PricedKind = PricedKind {
    id: "sqs",
    node_kinds: &[Kind::Sqs],
    uses: &[
        Uses::Param("queue_type"),
        Uses::Param("monthly_requests_million"),
    ],
    price_keys: || {
        let mut out = Vec::new();
        for q in ["standard", "fifo"] {
            out.push(key(format!("sqs.{q}.first_100b.million"), "1M requests"));
            out.push(key(format!("sqs.{q}.over_100b.million"), "1M requests"));
        }
        out
    },
};

/// Adds the lines of an SQS queue.
pub(crate) fn price(node: &Node, ctx: &mut Ctx) {
    let q = if node.text("queue_type") == "fifo" {
        "fifo"
    } else {
        "standard"
    };
    let tiers = [
        Tier {
            key: format!("sqs.{q}.first_100b.million"),
            size: Some(Decimal::from(100_000)),
            name: t("リクエスト", "Requests"),
        },
        Tier {
            key: format!("sqs.{q}.over_100b.million"),
            size: None,
            name: t("リクエスト (1,000 億超)", "Requests (over 100 billion)"),
        },
    ];
    let million = dec(node.num("monthly_requests_million"));
    let free = ctx.take_free(Pool::SqsRequests, Decimal::from(FREE_MILLION), million);
    ctx.tiered(
        Some(node),
        &tiers,
        "1M requests",
        "M requests",
        million,
        free,
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

    fn queue(params: &[(&str, ParamValue)]) -> crate::core::document::model::Design {
        design_with(vec![node("q", Kind::Sqs, None, params)])
    }

    #[test]
    fn first_million_is_free() {
        let t = table(Region::UsEast1);
        let e = estimate(&queue(&[("monthly_requests_million", num(1.0))]), &t);
        let l = line(&e, "q", "sqs.standard.first_100b.million");
        assert_eq!(l.quantity, usd("0"));
        assert_eq!(
            l.formula,
            "1 M requests − 1 M requests free = 0 × 1M requests × $0.40 = $0.00"
        );
        let e = estimate(&queue(&[("monthly_requests_million", num(1.5))]), &t);
        assert_eq!(
            cents_of(line(&e, "q", "sqs.standard.first_100b.million")),
            usd("0.20")
        );
        // FIFO: 3 M − 1 M free = 2 M × $0.50 = $1.00.
        let p = [
            ("queue_type", s("fifo")),
            ("monthly_requests_million", num(3.0)),
        ];
        let e = estimate(&queue(&p), &t);
        assert_eq!(
            cents_of(line(&e, "q", "sqs.fifo.first_100b.million")),
            usd("1.00")
        );
        // Tokyo standard 11 M: 10 M × $0.40 = $4.00; FIFO in Tokyo is unsourced.
        let e = estimate(
            &queue(&[("monthly_requests_million", num(11.0))]),
            &table(Region::ApNortheast1),
        );
        assert_eq!(
            cents_of(line(&e, "q", "sqs.standard.first_100b.million")),
            usd("4.00")
        );
        let e = estimate(&queue(&p), &table(Region::ApNortheast1));
        assert_eq!(e.unknown_lines, 1);
    }

    #[test]
    fn the_free_million_is_shared_and_the_top_tier_is_unknown() {
        let a = node(
            "a",
            Kind::Sqs,
            None,
            &[("monthly_requests_million", num(0.6))],
        );
        let b = node(
            "b",
            Kind::Sqs,
            None,
            &[("monthly_requests_million", num(0.6))],
        );
        let e = estimate(&design_with(vec![a, b]), &table(Region::UsEast1));
        assert_eq!(
            line(&e, "a", "sqs.standard.first_100b.million").quantity,
            usd("0")
        );
        assert_eq!(
            line(&e, "b", "sqs.standard.first_100b.million").quantity,
            usd("0.2")
        );
        let e = estimate(
            &queue(&[("monthly_requests_million", num(100_001.0))]),
            &table(Region::UsEast1),
        );
        // (100,000 − 1) M × $0.40 = $39,999.60 and 1 M in the unsourced tier.
        assert_eq!(
            cents_of(line(&e, "q", "sqs.standard.first_100b.million")),
            usd("39999.60")
        );
        assert!(line(&e, "q", "sqs.standard.over_100b.million")
            .monthly
            .is_none());
    }
}
