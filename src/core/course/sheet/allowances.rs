//! Call-outs for the account-wide free allowances the cost engine takes off (data transfer,
//! CloudWatch, Lambda, SQS): the sheet gives amounts before them, the calculator may not take
//! them off.

use rust_decimal::Decimal;

use super::{r, CalcService, Callout, CalloutKind, FREE_ALLOWANCE_REASON};
use crate::core::cost::{self, dec, fmt_num, Estimate};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::{Design, Node, NodeId};
use crate::core::support::i18n::{t, Lang, Text};

/// Call-outs for the account-wide free allowances the engine took off.
pub(super) fn free_allowances(design: &Design, e: &Estimate, out: &mut Vec<Callout>) {
    let billed = |node: &NodeId, prefix: &str| -> Decimal {
        e.lines
            .iter()
            .filter(|l| l.node.as_ref() == Some(node))
            .filter(|l| {
                l.price_key
                    .as_deref()
                    .is_some_and(|k| k.starts_with(prefix))
            })
            .map(|l| l.quantity)
            .sum()
    };
    let mut push =
        |svc: CalcService, node: Option<&Node>, amount: Decimal, what: Text, unit: (&str, &str)| {
            if amount <= Decimal::ZERO {
                return;
            }
            let label = |lang: Lang| {
                node.map(|n| format!("{} — ", n.display_label(lang)))
                    .unwrap_or_default()
            };
            out.push(Callout {
                kind: CalloutKind::FreeAllowance,
                node: node.map(|n| n.id.clone()),
                what: r(
                    format!(
                        "{}{}: {} {} 無料",
                        label(Lang::Ja),
                        what.ja,
                        fmt_num(amount),
                        unit.0
                    ),
                    format!(
                        "{}{}: {} {} free",
                        label(Lang::En),
                        what.en,
                        fmt_num(amount),
                        unit.1
                    ),
                ),
                monthly_usd: None,
                counted_in: Some(svc.id()),
                reason: FREE_ALLOWANCE_REASON.into(),
            });
        };
    let has_dt = e.lines.iter().any(|l| l.node.is_none());
    if has_dt {
        let gb = dec(design.usage("data_transfer_out_gb"));
        let free = gb.min(Decimal::from(cost::kinds::data_transfer::FREE_GB));
        push(
            CalcService::DataTransfer,
            None,
            free,
            t(
                "インターネットへのデータ転送",
                "Data transfer out to the internet",
            ),
            ("GB", "GB"),
        );
    }
    for n in design.nodes.values() {
        match n.kind {
            Kind::Cloudwatch => {
                let pairs: [(&str, &str, Text, (&str, &str)); 4] = [
                    (
                        "logs_ingested_gb",
                        "cloudwatch.logs.ingest",
                        t("ログ取り込み", "Logs ingested"),
                        ("GB", "GB"),
                    ),
                    (
                        "logs_stored_gb",
                        "cloudwatch.logs.storage",
                        t("ログ保存", "Logs stored"),
                        ("GB", "GB"),
                    ),
                    (
                        "alarms",
                        "cloudwatch.alarm",
                        t("アラーム", "Alarms"),
                        ("件", "alarms"),
                    ),
                    (
                        "custom_metrics",
                        "cloudwatch.metric",
                        t("カスタムメトリクス", "Custom metrics"),
                        ("件", "metrics"),
                    ),
                ];
                for (param, prefix, what, unit) in pairs {
                    let free = dec(n.num(param)) - billed(&n.id, prefix);
                    push(CalcService::Cloudwatch, Some(n), free, what, unit);
                }
            }
            Kind::Lambda => {
                let free =
                    dec(n.num("monthly_invocations_million")) - billed(&n.id, "lambda.requests");
                push(
                    CalcService::Lambda,
                    Some(n),
                    free,
                    t("リクエスト", "Requests"),
                    ("百万件", "million"),
                );
                let ms = dec(n.num("avg_duration_ms")).ceil();
                let gb = dec(n.num("memory_mb")) / Decimal::from(1024);
                let gbs = dec(n.num("monthly_invocations_million")) * Decimal::from(1_000_000) * ms
                    / Decimal::from(1000)
                    * gb;
                let billed_gbs: Decimal = e
                    .lines
                    .iter()
                    .filter(|l| l.node.as_ref() == Some(&n.id) && l.unit == "GB-second")
                    .map(|l| l.quantity)
                    .sum();
                push(
                    CalcService::Lambda,
                    Some(n),
                    gbs - billed_gbs,
                    t("実行時間", "Duration"),
                    ("GB 秒", "GB-s"),
                );
            }
            Kind::Sqs => {
                let free = dec(n.num("monthly_requests_million")) - billed(&n.id, "sqs.");
                push(
                    CalcService::Sqs,
                    Some(n),
                    free,
                    t("リクエスト", "Requests"),
                    ("百万件", "million"),
                );
            }
            _ => {}
        }
    }
}
