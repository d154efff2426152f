//! ECS services on AWS Fargate: vCPU-hours and GB-hours per task (x86 or ARM prices),
//! ephemeral storage beyond the 20 GB every task includes, and a public IPv4 address per task
//! when tasks get one. Task-hours follow the auto-scaling case (low / expected / high).
//!
//! The EC2 launch type is not priced: its cost is the cluster's EC2 instances, which the
//! design does not describe, so the line says so.

use rust_decimal::Decimal;

use crate::core::cost::{dec, fmt_num, Ctx, Scenario};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::Node;
use crate::core::support::i18n::t;

use super::{key, public_ipv4, KeySpec, PricedKind, Uses};

/// Ephemeral storage every Fargate task includes, in GB (REFERENCE.md S5).
pub const INCLUDED_EPHEMERAL_GB: u32 = 20;

/// ECS services (Fargate launch type).
pub const KIND: PricedKind = PricedKind {
    id: "fargate",
    node_kinds: &[Kind::EcsService],
    uses: &[
        Uses::Param("launch_type"),
        Uses::Param("cpu_architecture"),
        Uses::Param("vcpu"),
        Uses::Param("memory_gb"),
        Uses::Param("ephemeral_storage_gb"),
        Uses::Param("desired_tasks"),
        Uses::Param("min_tasks"),
        Uses::Param("max_tasks"),
        Uses::Param("scaling_metric"),
        Uses::Param("assign_public_ip"),
        Uses::Usage("hours_per_month"),
        Uses::Usage("peak_hours_per_month"),
    ],
    price_keys: keys,
};

fn keys() -> Vec<KeySpec> {
    vec![
        key("fargate.x86.vcpu_hour", "vCPU-hour"),
        key("fargate.x86.gb_hour", "GB-hour"),
        key("fargate.arm.vcpu_hour", "vCPU-hour"),
        key("fargate.arm.gb_hour", "GB-hour"),
        key("fargate.ephemeral.gb_hour", "GB-hour"),
    ]
}

fn tasks(n: Decimal) -> String {
    if n == Decimal::ONE {
        "1 task".to_owned()
    } else {
        format!("{} tasks", fmt_num(n))
    }
}

/// The task-hours of a service in the estimate's auto-scaling case, and how they are made.
/// Without auto scaling (`scaling_metric` = `none`) every case runs the desired count.
pub(crate) fn task_hours(node: &Node, ctx: &Ctx) -> (Decimal, String) {
    let desired = dec(node.num("desired_tasks"));
    let min = dec(node.num("min_tasks")).min(desired);
    let max = dec(node.num("max_tasks")).max(desired);
    let hours = ctx.hours;
    let all_month = |n: Decimal| (n * hours, format!("{} × {} h", tasks(n), fmt_num(hours)));
    if node.text("scaling_metric") == "none" {
        return all_month(desired);
    }
    match ctx.scenario {
        Scenario::Low => all_month(min),
        Scenario::High => all_month(max),
        Scenario::Expected => {
            let peak = ctx.peak_hours;
            if max == desired || peak.is_zero() {
                all_month(desired)
            } else {
                let base = hours - peak;
                (
                    desired * base + max * peak,
                    format!(
                        "({} × {} h + {} × {} h at peak)",
                        tasks(desired),
                        fmt_num(base),
                        tasks(max),
                        fmt_num(peak)
                    ),
                )
            }
        }
    }
}

/// Adds the lines of an ECS service.
pub(crate) fn price(node: &Node, ctx: &mut Ctx) {
    if node.text("launch_type") == "EC2" {
        ctx.unknown_quantity(
            node,
            t("EC2 コンテナインスタンス", "EC2 container instances"),
            None,
            "instance-hour",
            t(
                "EC2 起動タイプ: 料金はクラスターの EC2 インスタンスで決まりますが、kumozu はインスタンスをモデル化していません",
                "EC2 launch type: you pay for the cluster's EC2 instances, which kumozu does not model",
            ),
        );
        return;
    }
    let (th, th_expr) = task_hours(node, ctx);
    price_task_hours(node, ctx, th, th_expr);
}

/// Adds the lines of a Fargate service that runs `th` task-hours in the month, made as
/// `th_expr` says (the auto-scaling simulator's simulated month, `core::autoscale`).
pub(crate) fn price_task_hours(node: &Node, ctx: &mut Ctx, th: Decimal, th_expr: String) {
    let arch = if node.text("cpu_architecture") == "ARM64" {
        "arm"
    } else {
        "x86"
    };
    let vcpu = dec(node.num("vcpu"));
    let mem = dec(node.num("memory_gb"));
    ctx.priced(
        Some(node),
        t("vCPU 時間", "vCPU hours"),
        &format!("fargate.{arch}.vcpu_hour"),
        "vCPU-hour",
        th * vcpu,
        format!("{th_expr} × {} vCPU", fmt_num(vcpu)),
    );
    ctx.priced(
        Some(node),
        t("メモリ時間", "Memory GB-hours"),
        &format!("fargate.{arch}.gb_hour"),
        "GB-hour",
        th * mem,
        format!("{th_expr} × {} GB", fmt_num(mem)),
    );
    let eph = dec(node.num("ephemeral_storage_gb"));
    let included = Decimal::from(INCLUDED_EPHEMERAL_GB);
    if eph > included {
        ctx.priced(
            Some(node),
            t(
                "エフェメラルストレージ (20 GB 超過分)",
                "Ephemeral storage above 20 GB",
            ),
            "fargate.ephemeral.gb_hour",
            "GB-hour",
            th * (eph - included),
            format!(
                "{th_expr} × ({} GB − {} GB included)",
                fmt_num(eph),
                INCLUDED_EPHEMERAL_GB
            ),
        );
    }
    if node.flag("assign_public_ip") {
        public_ipv4::add(ctx, node, th, format!("{th_expr} × 1 address per task"));
    }
}

#[cfg(test)]
mod tests {
    use crate::core::cost::testing::*;
    use crate::core::cost::{estimate, estimate_range, estimate_scenario, Scenario};
    use crate::core::document::catalogue::Kind;
    use crate::core::document::model::ParamValue;
    use crate::core::document::region::Region;

    fn svc(params: &[(&str, ParamValue)]) -> crate::core::document::model::Design {
        design_with(vec![
            node("cluster", Kind::EcsCluster, Some("private"), &[]),
            node("svc", Kind::EcsService, Some("cluster"), params),
        ])
    }

    fn fixed(n: f64) -> Vec<(&'static str, ParamValue)> {
        vec![
            ("desired_tasks", num(n)),
            ("min_tasks", num(n)),
            ("max_tasks", num(n)),
        ]
    }

    #[test]
    fn infracost_golden_one_vcpu_two_gb_x86_us_east_1() {
        // REFERENCE.md S1 ecs_service_test: 1 vCPU × 730 h = $29.55, 2 GB × 730 h = $6.49.
        let mut p = fixed(1.0);
        p.extend([("vcpu", num(1.0)), ("memory_gb", num(2.0))]);
        let e = estimate(&svc(&p), &table(Region::UsEast1));
        let cpu = line(&e, "svc", "fargate.x86.vcpu_hour");
        assert_eq!(cents_of(cpu), usd("29.55"));
        assert_eq!(cpu.quantity, usd("730"));
        assert_eq!(
            cpu.formula,
            "1 task × 730 h × 1 vCPU = 730 vCPU-hour × $0.04048 = $29.55"
        );
        assert_eq!(
            cents_of(line(&e, "svc", "fargate.x86.gb_hour")),
            usd("6.49")
        );
        assert_eq!(e.unknown_lines, 0);
    }

    #[test]
    fn arm_tasks_in_tokyo() {
        // 2 tasks × 730 h × 0.5 vCPU = 730 vCPU-h × $0.04045 = $29.5285;
        // 2 × 730 × 1 GB = 1,460 GB-h × $0.00442 = $6.4532.
        let mut p = fixed(2.0);
        p.push(("cpu_architecture", s("ARM64")));
        let e = estimate(&svc(&p), &table(Region::ApNortheast1));
        assert_eq!(
            cents_of(line(&e, "svc", "fargate.arm.vcpu_hour")),
            usd("29.53")
        );
        assert_eq!(
            cents_of(line(&e, "svc", "fargate.arm.gb_hour")),
            usd("6.45")
        );
    }

    #[test]
    fn auto_scaling_range() {
        // desired 2, min 1, max 4, 60 h at peak (the default), 0.5 vCPU x86 in us-east-1.
        let p = vec![
            ("desired_tasks", num(2.0)),
            ("min_tasks", num(1.0)),
            ("max_tasks", num(4.0)),
        ];
        let r = estimate_range(&svc(&p), &table(Region::UsEast1));
        let q = |e: &crate::core::cost::Estimate| line(e, "svc", "fargate.x86.vcpu_hour").quantity;
        assert_eq!(q(&r.low), usd("365")); // 1 × 730 × 0.5
        assert_eq!(q(&r.expected), usd("790")); // (2 × 670 + 4 × 60) × 0.5
        assert_eq!(q(&r.high), usd("1460")); // 4 × 730 × 0.5
        assert_eq!(
            line(&r.expected, "svc", "fargate.x86.vcpu_hour").formula,
            "(2 tasks × 670 h + 4 tasks × 60 h at peak) × 0.5 vCPU = 790 vCPU-hour × $0.04048 = $31.98"
        );
        assert!(r.low.total_monthly_usd < r.expected.total_monthly_usd);
        assert!(r.expected.total_monthly_usd < r.high.total_monthly_usd);
        // Without auto scaling every case runs the desired count.
        let mut p2 = p.clone();
        p2.push(("scaling_metric", s("none")));
        let r2 = estimate_range(&svc(&p2), &table(Region::UsEast1));
        assert_eq!(r2.low.total_monthly_usd, r2.high.total_monthly_usd);
    }

    #[test]
    fn ephemeral_storage_beyond_twenty_gb() {
        let mut p = fixed(1.0);
        p.push(("ephemeral_storage_gb", num(20.0)));
        let e = estimate(&svc(&p), &table(Region::UsEast1));
        assert!(e
            .lines
            .iter()
            .all(|l| l.price_key.as_deref() != Some("fargate.ephemeral.gb_hour")));
        p.pop();
        p.push(("ephemeral_storage_gb", num(120.0)));
        // 1 task × 730 h × 100 GB = 73,000 GB-h × $0.000111 = $8.103
        let e = estimate(&svc(&p), &table(Region::UsEast1));
        let l = line(&e, "svc", "fargate.ephemeral.gb_hour");
        assert_eq!(l.quantity, usd("73000"));
        assert_eq!(cents_of(l), usd("8.10"));
    }

    #[test]
    fn public_ip_per_task_and_zero_tasks() {
        let mut p = fixed(3.0);
        p.push(("assign_public_ip", ParamValue::Bool(true)));
        let e = estimate(&svc(&p), &table(Region::UsEast1));
        // 3 tasks × 730 h = 2,190 IP-hours × $0.005 = $10.95
        assert_eq!(cents_of(line(&e, "svc", "ipv4.hour")), usd("10.95"));
        let e = estimate(&svc(&fixed(0.0)), &table(Region::UsEast1));
        for l in lines_of(&e, "svc") {
            assert_eq!(
                l.monthly,
                Some(rust_decimal::Decimal::ZERO),
                "{}",
                l.formula
            );
        }
    }

    #[test]
    fn ec2_launch_type_is_not_a_silent_zero() {
        let e = estimate_scenario(
            &svc(&[("launch_type", s("EC2"))]),
            &table(Region::UsEast1),
            Scenario::Expected,
        );
        let l = lines_of(&e, "svc");
        assert_eq!(l.len(), 1);
        assert!(l[0].monthly.is_none());
        assert_eq!(e.unknown_lines, 1);
    }
}
