//! NAT Gateways: gateway hours, data processed, and each gateway's Elastic IP (a public IPv4
//! address). With `placement` = `per_az` there is one gateway in every AZ of its subnet tier;
//! `single` is one gateway. The data processed is the node's monthly total over its gateways.
//! Traffic that then leaves for the internet is also charged as data transfer out (a
//! design-wide line).

use rust_decimal::Decimal;

use crate::core::cost::{dec, fmt_num, Ctx};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::Node;
use crate::core::support::i18n::t;

use super::{key, public_ipv4, PricedKind, Uses};

/// NAT Gateways.
pub const KIND: PricedKind = PricedKind {
    id: "nat",
    node_kinds: &[Kind::NatGateway],
    uses: &[
        Uses::Param("placement"),
        Uses::Param("monthly_data_processed_gb"),
        Uses::Usage("hours_per_month"),
    ],
    price_keys: || vec![key("nat.hour", "NAT-gateway-hour"), key("nat.gb", "GB")],
};

/// Adds the lines of a NAT Gateway node.
pub(crate) fn price(node: &Node, ctx: &mut Ctx) {
    let hours = ctx.hours;
    let gateways = if node.text("placement") == "per_az" {
        ctx.subnet_azs(node)
    } else {
        Some(1)
    };
    match gateways {
        Some(n) => {
            let n_dec = Decimal::from(n as u64);
            let count = if n == 1 {
                "1 gateway".to_owned()
            } else {
                format!("{n} gateways (one per AZ)")
            };
            ctx.priced(
                Some(node),
                t("NAT ゲートウェイ時間", "NAT Gateway hours"),
                "nat.hour",
                "NAT-gateway-hour",
                n_dec * hours,
                format!("{count} × {} h", fmt_num(hours)),
            );
            public_ipv4::add(
                ctx,
                node,
                n_dec * hours,
                format!("{count} × 1 Elastic IP × {} h", fmt_num(hours)),
            );
        }
        None => {
            let why = t(
                "AZ ごとの NAT ゲートウェイの数は、AZ を指定したサブネットに置くと数えられます",
                "one NAT Gateway per AZ: place it in a subnet tier that lists its AZs to count them",
            );
            ctx.unknown_quantity(
                node,
                t("NAT ゲートウェイ時間", "NAT Gateway hours"),
                Some("nat.hour"),
                "NAT-gateway-hour",
                why,
            );
            ctx.unknown_quantity(
                node,
                t("パブリック IPv4 アドレス", "Public IPv4 addresses"),
                Some(public_ipv4::KEY),
                public_ipv4::UNIT,
                why,
            );
        }
    }
    let gb = dec(node.num("monthly_data_processed_gb"));
    ctx.priced(
        Some(node),
        t("処理データ量", "Data processed"),
        "nat.gb",
        "GB",
        gb,
        format!("{} GB", fmt_num(gb)),
    );
}

#[cfg(test)]
mod tests {
    use crate::core::cost::estimate;
    use crate::core::cost::testing::*;
    use crate::core::document::catalogue::Kind;
    use crate::core::document::model::ParamValue;
    use crate::core::document::region::Region;

    fn nat(params: &[(&str, ParamValue)]) -> crate::core::document::model::Design {
        design_with(vec![node("nat", Kind::NatGateway, Some("public"), params)])
    }

    #[test]
    fn infracost_golden_single_gateway() {
        // REFERENCE.md S1 nat_gateway_test: 730 h = $32.85; 100 GB = $4.50.
        let e = estimate(
            &nat(&[("monthly_data_processed_gb", num(100.0))]),
            &table(Region::UsEast1),
        );
        assert_eq!(cents_of(line(&e, "nat", "nat.hour")), usd("32.85"));
        assert_eq!(cents_of(line(&e, "nat", "nat.gb")), usd("4.50"));
        assert_eq!(cents_of(line(&e, "nat", "ipv4.hour")), usd("3.65"));
    }

    #[test]
    fn one_gateway_per_az_in_tokyo() {
        let e = estimate(
            &nat(&[("placement", s("per_az"))]),
            &table(Region::ApNortheast1),
        );
        // 2 AZs × 730 h = 1,460 h × $0.062 = $90.52; 10 GB × $0.062 = $0.62; 2 EIPs = $7.30.
        assert_eq!(cents_of(line(&e, "nat", "nat.hour")), usd("90.52"));
        assert_eq!(cents_of(line(&e, "nat", "nat.gb")), usd("0.62"));
        assert_eq!(cents_of(line(&e, "nat", "ipv4.hour")), usd("7.30"));
        // Outside a subnet the count is unknown.
        let d = design_with(vec![node(
            "nat",
            Kind::NatGateway,
            None,
            &[("placement", s("per_az"))],
        )]);
        let e = estimate(&d, &table(Region::ApNortheast1));
        assert_eq!(e.unknown_lines, 2);
    }

    #[test]
    fn zero_data() {
        let e = estimate(
            &nat(&[("monthly_data_processed_gb", num(0.0))]),
            &table(Region::UsEast1),
        );
        assert_eq!(cents_of(line(&e, "nat", "nat.gb")), usd("0"));
    }
}
