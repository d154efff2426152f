//! Application Load Balancers: load-balancer hours, LCU-hours, and the public IPv4 addresses
//! of an internet-facing ALB (one per AZ of its subnet tier).
//!
//! LCUs follow AWS's definition (REFERENCE.md §1.2, S8/S14): each hour is billed for the
//! largest of four dimensions, one LCU being 25 new connections per second, 3,000 active
//! connections per minute, 1 GB processed per hour (EC2, container and IP targets), or 1,000
//! rule evaluations per second, where the first 10 rules processed per request are free.
//! kumozu takes the design's usage drivers as the load of every hour, so the LCU-hours are
//! that maximum × the hours in the month. The drivers are per load balancer.
//!
//! `alb_rule_evaluations_per_second` is the total of rule evaluations (requests per second ×
//! rules processed per request). A request processes at most every listener rule the ALB has
//! (its `alb_rule` edges), so the billable share is (rules − 10) ÷ rules, and nothing when the
//! ALB has 10 rules or fewer. The new-account free tier (750 h and 15 LCUs for 12 months) is
//! not applied.

use rust_decimal::Decimal;

use crate::core::cost::{dec, fmt_num, Ctx};
use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::Node;
use crate::core::support::i18n::t;

use super::{key, public_ipv4, KeySpec, PricedKind, Uses};

/// Rules processed per request that are free.
pub const FREE_RULES: u32 = 10;

/// Application Load Balancers.
pub const KIND: PricedKind = PricedKind {
    id: "alb",
    node_kinds: &[Kind::Alb],
    uses: &[
        Uses::Param("scheme"),
        Uses::Usage("hours_per_month"),
        Uses::Usage("alb_new_connections_per_second"),
        Uses::Usage("alb_active_connections_per_minute"),
        Uses::Usage("alb_processed_gb_per_hour"),
        Uses::Usage("alb_rule_evaluations_per_second"),
    ],
    price_keys: keys,
};

fn keys() -> Vec<KeySpec> {
    vec![key("alb.hour", "ALB-hour"), key("alb.lcu_hour", "LCU-hour")]
}

/// The LCUs of one hour under the design's drivers, and the formula of the maximum.
pub(crate) fn lcus(node: &Node, ctx: &Ctx) -> (Decimal, String) {
    let d = ctx.design;
    let new_conn = dec(d.usage("alb_new_connections_per_second"));
    let active = dec(d.usage("alb_active_connections_per_minute"));
    let gb = dec(d.usage("alb_processed_gb_per_hour"));
    let evals = dec(d.usage("alb_rule_evaluations_per_second"));
    let rules = d
        .edges
        .values()
        .filter(|e| e.kind == EdgeKind::AlbRule && e.from == node.id)
        .count() as u32;
    let billable_evals = if rules > FREE_RULES {
        evals * Decimal::from(rules - FREE_RULES) / Decimal::from(rules)
    } else {
        Decimal::ZERO
    };
    let dims = [
        new_conn / Decimal::from(25),
        active / Decimal::from(3000),
        gb,
        billable_evals / Decimal::from(1000),
    ];
    let lcu = dims.iter().copied().fold(Decimal::ZERO, Decimal::max);
    let evals_text = if rules > FREE_RULES {
        format!(
            "{} rule evaluations/s × ({rules} − {FREE_RULES} free) ÷ {rules} rules ÷ 1,000",
            fmt_num(evals)
        )
    } else {
        format!("0 billable rule evaluations/s ({rules} rules, {FREE_RULES} free per request)")
    };
    let text = format!(
        "max({} new connections/s ÷ 25, {} active connections/min ÷ 3,000, {} GB/h ÷ 1, {evals_text}) = {} LCU",
        fmt_num(new_conn),
        fmt_num(active),
        fmt_num(gb),
        fmt_num(lcu)
    );
    (lcu, text)
}

/// Adds the lines of an ALB.
pub(crate) fn price(node: &Node, ctx: &mut Ctx) {
    let hours = ctx.hours;
    ctx.priced(
        Some(node),
        t("ロードバランサー時間", "Load balancer hours"),
        "alb.hour",
        "ALB-hour",
        hours,
        format!("{} h", fmt_num(hours)),
    );
    let (lcu, lcu_text) = lcus(node, ctx);
    ctx.priced(
        Some(node),
        t("LCU 時間", "LCU-hours"),
        "alb.lcu_hour",
        "LCU-hour",
        lcu * hours,
        format!("{lcu_text} × {} h", fmt_num(hours)),
    );
    if node.text("scheme") == "internet-facing" {
        match ctx.subnet_azs(node) {
            Some(azs) => public_ipv4::add(
                ctx,
                node,
                Decimal::from(azs as u64) * hours,
                format!(
                    "{azs} AZ{} × 1 address × {} h",
                    if azs == 1 { "" } else { "s" },
                    fmt_num(hours)
                ),
            ),
            None => ctx.unknown_quantity(
                node,
                t("パブリック IPv4 アドレス", "Public IPv4 addresses"),
                Some(public_ipv4::KEY),
                public_ipv4::UNIT,
                t(
                    "インターネット向け ALB は AZ ごとにパブリック IPv4 を 1 つ持ちます。ALB を AZ を指定したサブネットに置くと数えられます",
                    "an internet-facing ALB holds one public IPv4 address per AZ; place it in a subnet tier that lists its AZs",
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::core::cost::estimate;
    use crate::core::cost::testing::*;
    use crate::core::document::catalogue::{EdgeKind, Kind};
    use crate::core::document::model::{Design, Edge, EdgeId, ListenerRule};
    use crate::core::document::region::Region;

    fn alb_design() -> Design {
        design_with(vec![node("alb", Kind::Alb, Some("public"), &[])])
    }

    fn add_rules(d: &mut Design, n: usize) {
        for i in 0..n {
            d.add_edge(Edge {
                id: EdgeId(format!("r{i}")),
                kind: EdgeKind::AlbRule,
                from: "alb".into(),
                to: "alb".into(),
                label: String::new(),
                rule: Some(ListenerRule {
                    priority: i as u32 + 1,
                    path_pattern: format!("/p{i}/*"),
                }),
            });
        }
    }

    #[test]
    fn hours_match_the_infracost_golden() {
        // REFERENCE.md S1 lb_test: 730 h = $16.43; an LCU-month is $5.84.
        let e = estimate(&alb_design(), &table(Region::UsEast1));
        assert_eq!(cents_of(line(&e, "alb", "alb.hour")), usd("16.43"));
        // Default drivers: max(5/25, 100/3000, 0.1/1, 0) = 0.2 LCU × 730 h = 146 LCU-h × $0.008.
        let l = line(&e, "alb", "alb.lcu_hour");
        assert_eq!(l.quantity, usd("146"));
        assert_eq!(cents_of(l), usd("1.17"));
        // One LCU for a month costs $5.84.
        let mut d = alb_design();
        d.usage
            .insert("alb_new_connections_per_second".into(), 25.0);
        let e = estimate(&d, &table(Region::UsEast1));
        assert_eq!(cents_of(line(&e, "alb", "alb.lcu_hour")), usd("5.84"));
    }

    #[test]
    fn lcu_is_the_largest_dimension() {
        let mut d = alb_design();
        for (k, v) in [
            ("alb_new_connections_per_second", 10.0),      // 0.4
            ("alb_active_connections_per_minute", 6000.0), // 2
            ("alb_processed_gb_per_hour", 1.5),            // 1.5
            ("alb_rule_evaluations_per_second", 500.0),    // rules ≤ 10: 0
        ] {
            d.usage.insert(k.into(), v);
        }
        let e = estimate(&d, &table(Region::ApNortheast1));
        let l = line(&e, "alb", "alb.lcu_hour");
        assert_eq!(l.quantity, usd("1460")); // 2 LCU × 730 h
        assert_eq!(cents_of(l), usd("11.68"));
        assert_eq!(cents_of(line(&e, "alb", "alb.hour")), usd("17.74")); // 730 × 0.0243
    }

    #[test]
    fn rule_evaluations_beyond_ten_free_rules() {
        let mut d = alb_design();
        d.usage.insert("alb_new_connections_per_second".into(), 0.0);
        d.usage
            .insert("alb_active_connections_per_minute".into(), 0.0);
        d.usage.insert("alb_processed_gb_per_hour".into(), 0.0);
        d.usage
            .insert("alb_rule_evaluations_per_second".into(), 20_000.0);
        add_rules(&mut d, 10);
        let e = estimate(&d, &table(Region::UsEast1));
        assert_eq!(line(&e, "alb", "alb.lcu_hour").quantity, usd("0"));
        // 20 rules: 20,000 evaluations/s are 1,000 requests/s × 20 rules; 10 of every 20 are
        // billable → 10,000/s ÷ 1,000 = 10 LCU × 730 h = 7,300 LCU-h × $0.008 = $58.40.
        add_rules(&mut d, 20);
        let e = estimate(&d, &table(Region::UsEast1));
        let l = line(&e, "alb", "alb.lcu_hour");
        assert_eq!(l.quantity, usd("7300"));
        assert_eq!(cents_of(l), usd("58.40"));
    }

    #[test]
    fn internet_facing_alb_holds_one_ipv4_per_az() {
        let e = estimate(&alb_design(), &table(Region::UsEast1));
        // 2 AZs × 730 h = 1,460 IP-h × $0.005 = $7.30
        assert_eq!(cents_of(line(&e, "alb", "ipv4.hour")), usd("7.30"));
        let mut d = alb_design();
        d.nodes
            .get_mut(&"alb".into())
            .unwrap()
            .params
            .insert("scheme".into(), s("internal"));
        let e = estimate(&d, &table(Region::UsEast1));
        assert!(lines_of(&e, "alb")
            .iter()
            .all(|l| l.price_key.as_deref() != Some("ipv4.hour")));
        // Outside a subnet the AZ count is unknown: said, not guessed.
        let d = design_with(vec![node("alb", Kind::Alb, None, &[])]);
        let e = estimate(&d, &table(Region::UsEast1));
        assert!(line(&e, "alb", "ipv4.hour").monthly.is_none());
        assert_eq!(e.unknown_lines, 1);
    }

    #[test]
    fn zero_hours() {
        let mut d = alb_design();
        d.usage.insert("hours_per_month".into(), 0.0);
        let e = estimate(&d, &table(Region::UsEast1));
        assert!(lines_of(&e, "alb")
            .iter()
            .all(|l| l.monthly == Some(rust_decimal::Decimal::ZERO)));
    }
}
