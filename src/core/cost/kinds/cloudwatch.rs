//! Amazon CloudWatch: logs ingested and stored, standard-resolution alarms, and custom
//! metrics, after the always-free tier of REFERENCE.md S7: 5 GB of log data a month (shared by
//! ingestion, archive storage and Logs Insights scans; kumozu spends it on ingestion first),
//! 10 alarm metrics and 10 custom metrics. The free tier is per account, so it is shared by
//! every CloudWatch node of the design, spent in node id order.
//!
//! `logs_stored_gb` is the average archived log data over the month, as CloudWatch bills it
//! (compressed bytes); `log_retention_days` only bounds how much there can be.

use rust_decimal::Decimal;

use crate::core::cost::{dec, fmt_num, Ctx, Pool};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::Node;
use crate::core::support::i18n::t;

use super::{key, PricedKind, Uses};

/// Free log data per month, in GB (ingestion + archive + Insights scans).
pub const FREE_LOG_GB: u32 = 5;
/// Free standard alarm metrics per month.
pub const FREE_ALARMS: u32 = 10;
/// Free custom metrics per month.
pub const FREE_METRICS: u32 = 10;

/// CloudWatch.
pub const KIND: PricedKind = PricedKind {
    id: "cloudwatch",
    node_kinds: &[Kind::Cloudwatch],
    uses: &[
        Uses::Param("logs_ingested_gb"),
        Uses::Param("logs_stored_gb"),
        Uses::Param("alarms"),
        Uses::Param("custom_metrics"),
    ],
    price_keys: || {
        vec![
            key("cloudwatch.logs.ingest.gb", "GB"),
            key("cloudwatch.logs.storage.gb_month", "GB-month"),
            key("cloudwatch.alarm.standard.month", "alarm-month"),
            key("cloudwatch.metric.custom.month", "metric-month"),
        ]
    },
};

fn with_free(amount: Decimal, free: Decimal, what: &str) -> String {
    if free.is_zero() {
        format!("{} {what}", fmt_num(amount))
    } else {
        format!("{} {what} − {} {what} free", fmt_num(amount), fmt_num(free))
    }
}

/// Adds the lines of a CloudWatch node.
pub(crate) fn price(node: &Node, ctx: &mut Ctx) {
    let ingested = dec(node.num("logs_ingested_gb"));
    let free = ctx.take_free(Pool::CloudwatchLogs, Decimal::from(FREE_LOG_GB), ingested);
    ctx.priced(
        Some(node),
        t("ログ取り込み", "Logs ingested"),
        "cloudwatch.logs.ingest.gb",
        "GB",
        ingested - free,
        with_free(ingested, free, "GB"),
    );
    let stored = dec(node.num("logs_stored_gb"));
    let free = ctx.take_free(Pool::CloudwatchLogs, Decimal::from(FREE_LOG_GB), stored);
    ctx.priced(
        Some(node),
        t("ログ保存", "Logs stored"),
        "cloudwatch.logs.storage.gb_month",
        "GB-month",
        stored - free,
        with_free(stored, free, "GB"),
    );
    let alarms = dec(node.num("alarms"));
    let free = ctx.take_free(Pool::CloudwatchAlarms, Decimal::from(FREE_ALARMS), alarms);
    ctx.priced(
        Some(node),
        t("アラーム (標準解像度)", "Alarms (standard resolution)"),
        "cloudwatch.alarm.standard.month",
        "alarm-month",
        alarms - free,
        with_free(alarms, free, "alarms"),
    );
    let metrics = dec(node.num("custom_metrics"));
    let free = ctx.take_free(
        Pool::CloudwatchMetrics,
        Decimal::from(FREE_METRICS),
        metrics,
    );
    ctx.priced(
        Some(node),
        t("カスタムメトリクス", "Custom metrics"),
        "cloudwatch.metric.custom.month",
        "metric-month",
        metrics - free,
        with_free(metrics, free, "metrics"),
    );
}

#[cfg(test)]
mod tests {
    use crate::core::cost::testing::*;
    use crate::core::cost::{estimate, LineStatus};
    use crate::core::document::catalogue::Kind;
    use crate::core::document::model::ParamValue;
    use crate::core::document::region::Region;

    fn cw(params: &[(&str, ParamValue)]) -> crate::core::document::model::Design {
        design_with(vec![node("cw", Kind::Cloudwatch, None, params)])
    }

    #[test]
    fn defaults_fit_in_the_free_tier() {
        // 5 GB ingested uses the whole 5 GB; 5 GB stored is billed; 4 alarms free; 0 metrics.
        let e = estimate(&cw(&[]), &table(Region::UsEast1));
        assert_eq!(
            line(&e, "cw", "cloudwatch.logs.ingest.gb").quantity,
            usd("0")
        );
        let stored = line(&e, "cw", "cloudwatch.logs.storage.gb_month");
        assert_eq!(stored.quantity, usd("5"));
        assert_eq!(cents_of(stored), usd("0.15")); // 5 × $0.03
        assert_eq!(
            cents_of(line(&e, "cw", "cloudwatch.alarm.standard.month")),
            usd("0")
        );
        // Custom metrics have no shipped price, but none are used.
        let m = line(&e, "cw", "cloudwatch.metric.custom.month");
        assert!(matches!(m.status, LineStatus::UnpricedButUnused(_)));
        assert_eq!(e.unknown_lines, 0);
    }

    #[test]
    fn beyond_the_free_tier() {
        let p = [
            ("logs_ingested_gb", num(25.0)),
            ("logs_stored_gb", num(100.0)),
            ("alarms", num(14.0)),
            ("custom_metrics", num(11.0)),
        ];
        // Tokyo: (25 − 5) GB × $0.76 = $15.20; 100 GB × $0.033 = $3.30; 4 alarms × $0.10 = $0.40.
        let e = estimate(&cw(&p), &table(Region::ApNortheast1));
        assert_eq!(
            cents_of(line(&e, "cw", "cloudwatch.logs.ingest.gb")),
            usd("15.20")
        );
        assert_eq!(
            cents_of(line(&e, "cw", "cloudwatch.logs.storage.gb_month")),
            usd("3.30")
        );
        assert_eq!(
            cents_of(line(&e, "cw", "cloudwatch.alarm.standard.month")),
            usd("0.40")
        );
        // One custom metric beyond the free ten: its price is unknown, so the line says so.
        assert!(line(&e, "cw", "cloudwatch.metric.custom.month")
            .monthly
            .is_none());
        assert_eq!(e.unknown_lines, 1);
        // us-east-1 at the boundary: exactly 10 alarms are free, the 11th is $0.10.
        let e = estimate(&cw(&[("alarms", num(10.0))]), &table(Region::UsEast1));
        assert_eq!(
            cents_of(line(&e, "cw", "cloudwatch.alarm.standard.month")),
            usd("0")
        );
        let e = estimate(&cw(&[("alarms", num(11.0))]), &table(Region::UsEast1));
        assert_eq!(
            cents_of(line(&e, "cw", "cloudwatch.alarm.standard.month")),
            usd("0.10")
        );
    }

    #[test]
    fn the_free_tier_is_shared_by_every_node() {
        let a = node("a", Kind::Cloudwatch, None, &[("alarms", num(8.0))]);
        let b = node("b", Kind::Cloudwatch, None, &[("alarms", num(8.0))]);
        let e = estimate(&design_with(vec![a, b]), &table(Region::UsEast1));
        assert_eq!(
            line(&e, "a", "cloudwatch.alarm.standard.month").quantity,
            usd("0")
        );
        assert_eq!(
            line(&e, "b", "cloudwatch.alarm.standard.month").quantity,
            usd("6")
        );
    }
}
