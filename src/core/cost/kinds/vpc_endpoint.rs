//! VPC endpoints. Interface endpoints (AWS PrivateLink) are charged per AZ-hour (one network
//! interface in every AZ of their subnet tier) and per GB processed, in tiers of 1 PB, next
//! 4 PB and over 5 PB (REFERENCE.md S1, decimal petabytes as infracost counts them). Gateway
//! endpoints (S3, DynamoDB) cost nothing.

use rust_decimal::Decimal;

use crate::core::cost::{dec, fmt_num, Ctx, Tier};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::Node;
use crate::core::support::i18n::t;

use super::{key, PricedKind, Uses};

/// VPC endpoints.
pub const KIND: PricedKind = PricedKind {
    id: "vpc_endpoint",
    node_kinds: &[Kind::VpcEndpoint],
    uses: &[
        Uses::Param("endpoint_type"),
        Uses::Param("monthly_data_processed_gb"),
        Uses::Usage("hours_per_month"),
    ],
    price_keys: || {
        vec![
            key("vpce.interface.az_hour", "AZ-hour"),
            key("vpce.interface.first_1pb.gb", "GB"),
            key("vpce.interface.next_4pb.gb", "GB"),
            key("vpce.interface.over_5pb.gb", "GB"),
        ]
    },
};

fn tiers() -> [Tier; 3] {
    [
        Tier {
            key: "vpce.interface.first_1pb.gb".into(),
            size: Some(Decimal::from(1_000_000)),
            name: t("処理データ量 (最初の 1 PB)", "Data processed (first 1 PB)"),
        },
        Tier {
            key: "vpce.interface.next_4pb.gb".into(),
            size: Some(Decimal::from(4_000_000)),
            name: t("処理データ量 (次の 4 PB)", "Data processed (next 4 PB)"),
        },
        Tier {
            key: "vpce.interface.over_5pb.gb".into(),
            size: None,
            name: t("処理データ量 (5 PB 超)", "Data processed (over 5 PB)"),
        },
    ]
}

/// Adds the lines of a VPC endpoint.
pub(crate) fn price(node: &Node, ctx: &mut Ctx) {
    if node.text("endpoint_type") == "gateway" {
        ctx.free(
            node,
            t("ゲートウェイエンドポイント", "Gateway endpoint"),
            t(
                "ゲートウェイ型エンドポイント (S3・DynamoDB) は無料です",
                "gateway endpoints (S3, DynamoDB) have no charge",
            ),
        );
        return;
    }
    let hours = ctx.hours;
    match ctx.subnet_azs(node) {
        Some(azs) => ctx.priced(
            Some(node),
            t("エンドポイント時間 (AZ ごと)", "Endpoint hours (per AZ)"),
            "vpce.interface.az_hour",
            "AZ-hour",
            Decimal::from(azs as u64) * hours,
            format!("{azs} AZ{} × {} h", if azs == 1 { "" } else { "s" }, fmt_num(hours)),
        ),
        None => ctx.unknown_quantity(
            node,
            t("エンドポイント時間 (AZ ごと)", "Endpoint hours (per AZ)"),
            Some("vpce.interface.az_hour"),
            "AZ-hour",
            t(
                "インターフェイス型エンドポイントは AZ ごとに課金されます。AZ を指定したサブネットに置くと数えられます",
                "an interface endpoint is charged per AZ; place it in a subnet tier that lists its AZs",
            ),
        ),
    }
    let gb = dec(node.num("monthly_data_processed_gb"));
    ctx.tiered(Some(node), &tiers(), "GB", "GB", gb, Decimal::ZERO, None);
}

#[cfg(test)]
mod tests {
    use crate::core::cost::testing::*;
    use crate::core::cost::{estimate, LineStatus};
    use crate::core::document::catalogue::Kind;
    use crate::core::document::model::ParamValue;
    use crate::core::document::region::Region;

    fn vpce(
        parent: Option<&str>,
        params: &[(&str, ParamValue)],
    ) -> crate::core::document::model::Design {
        design_with(vec![node("ep", Kind::VpcEndpoint, parent, params)])
    }

    #[test]
    fn interface_endpoint_per_az_hour() {
        // REFERENCE.md S1 vpc_endpoint_test: 2 subnets = 1,460 h = $14.60.
        let e = estimate(&vpce(Some("private"), &[]), &table(Region::UsEast1));
        assert_eq!(
            cents_of(line(&e, "ep", "vpce.interface.az_hour")),
            usd("14.60")
        );
        assert_eq!(
            cents_of(line(&e, "ep", "vpce.interface.first_1pb.gb")),
            usd("0.05")
        );
        // Tokyo: 1,460 h × $0.014 = $20.44.
        let e = estimate(&vpce(Some("private"), &[]), &table(Region::ApNortheast1));
        assert_eq!(
            cents_of(line(&e, "ep", "vpce.interface.az_hour")),
            usd("20.44")
        );
    }

    #[test]
    fn data_tiers() {
        // 7,000,000 GB: 1,000,000 × 0.01 + 4,000,000 × 0.006 + 2,000,000 × 0.004
        // = $10,000 + $24,000 + $8,000 (REFERENCE.md S1).
        let p = [("monthly_data_processed_gb", num(7_000_000.0))];
        let e = estimate(&vpce(Some("private"), &p), &table(Region::UsEast1));
        assert_eq!(
            cents_of(line(&e, "ep", "vpce.interface.first_1pb.gb")),
            usd("10000")
        );
        assert_eq!(
            cents_of(line(&e, "ep", "vpce.interface.next_4pb.gb")),
            usd("24000")
        );
        assert_eq!(
            cents_of(line(&e, "ep", "vpce.interface.over_5pb.gb")),
            usd("8000")
        );
        // Exactly 1 PB stays in the first tier.
        let p = [("monthly_data_processed_gb", num(1_000_000.0))];
        let e = estimate(&vpce(Some("private"), &p), &table(Region::UsEast1));
        assert_eq!(lines_of(&e, "ep").len(), 2);
        // Tokyo beyond 1 PB: unknown, not guessed.
        let p = [("monthly_data_processed_gb", num(1_000_001.0))];
        let e = estimate(&vpce(Some("private"), &p), &table(Region::ApNortheast1));
        assert!(line(&e, "ep", "vpce.interface.next_4pb.gb")
            .monthly
            .is_none());
    }

    #[test]
    fn gateway_endpoint_is_free_and_unplaced_interface_is_unknown() {
        let e = estimate(
            &vpce(
                None,
                &[("endpoint_type", s("gateway")), ("service", s("s3"))],
            ),
            &table(Region::UsEast1),
        );
        let l = lines_of(&e, "ep");
        assert_eq!(l.len(), 1);
        assert!(matches!(l[0].status, LineStatus::Free(_)));
        let e = estimate(&vpce(None, &[]), &table(Region::UsEast1));
        assert!(line(&e, "ep", "vpce.interface.az_hour").monthly.is_none());
    }
}
