//! Fargate vs EC2 (issue 7, item 4; the chapter's Part 2 table "Fargate vs EC2"): what the
//! design's ECS services would cost on EC2 container instances instead of Fargate.
//!
//! For every instance type of [`INSTANCE_TYPES`] whose architecture matches the tasks (an
//! `ARM64` task runs only on Graviton: t4g, m6g, m7g; an `X86_64` task only on t3), the tasks
//! of the desired count are packed onto instances, first-fit decreasing, with each instance's
//! vCPU and memory less a reservation for the OS and the ECS agent ([`RESERVED_CPU_UNITS`],
//! [`RESERVED_MEMORY_MIB`]). With two or more tasks they are spread over two Availability Zones
//! (as an ECS service's default spread placement does), so there are at least two instances:
//! the chapter's reason for several tasks is redundancy ("1つ落ちても他が生きてる"), which one
//! instance would undo. The month is priced as instances × the table's hourly price × the hours
//! the estimate uses (the design's `hours_per_month`, 730 by default like the tables), in exact
//! decimals; the cheapest fit is set beside the Fargate compute (vCPU and memory) that
//! [`crate::core::cost`] gives for the same tasks running all month.
//!
//! Prices come only from the pricing table (`ec2.<type>.hour`); a type whose price the table
//! does not give is shown without a price and never chosen. Pure and total: never panics on a
//! loadable design.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::core::cost::kinds::KeySpec;
use crate::core::cost::{
    self, dec, fmt_num, fmt_usd, LineStatus, PriceEntry, PriceTable, Scenario,
};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::{Design, NodeId, ParamValue};
use crate::core::document::region::Region;
use crate::core::support::i18n::{t, Lang, Text};

/// The JSON form's format name and version ([`Comparison::to_json`]).
pub const FORMAT: &str = "kumozu-ec2";
/// See [`FORMAT`].
pub const VERSION: u32 = 1;

/// ECS CPU units in one vCPU (ECS registers 1,024 per vCPU of an instance).
pub const CPU_UNITS_PER_VCPU: u32 = 1024;

/// Memory kept off every instance for the OS and the ECS agent, in MiB: the value of the ECS
/// documentation's `ECS_RESERVED_MEMORY=256` example ("Reserving Amazon ECS Linux container
/// instance memory"). The kernel's own share, which the agent never registers, comes on top
/// in reality, so this is on the generous side for tasks.
pub const RESERVED_MEMORY_MIB: u32 = 256;

/// CPU kept off every instance for the OS, the ECS agent and host daemons (log shipping), in
/// CPU units (0.125 vCPU). ECS itself registers every unit; this is kumozu's assumption so that
/// tasks do not contend with the agent, stated wherever the figures are shown.
pub const RESERVED_CPU_UNITS: u32 = 128;

/// Availability Zones the tasks are spread over when there are two or more (the chapter's
/// designs use two).
pub const AZS: u32 = 2;

/// A CPU architecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arch {
    /// x86-64 (Intel / AMD): t3.
    X86_64,
    /// 64-bit Arm (AWS Graviton): t4g, m6g, m7g.
    Arm64,
}

impl Arch {
    /// `x86_64` or `arm64` (JSON, data attributes).
    pub fn id(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::Arm64 => "arm64",
        }
    }

    /// The architecture of an ECS service's `cpu_architecture` parameter value.
    pub fn of_param(value: &str) -> Arch {
        if value == "ARM64" {
            Arch::Arm64
        } else {
            Arch::X86_64
        }
    }
}

/// An EC2 instance type: its size and architecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstanceType {
    /// API name, e.g. `t3.medium`.
    pub name: &'static str,
    /// vCPUs.
    pub vcpu: u32,
    /// Memory in MiB (GiB × 1,024).
    pub memory_mib: u32,
    /// Architecture.
    pub arch: Arch,
    /// Burstable (t3, t4g): full vCPU only while CPU credits last.
    pub burstable: bool,
}

const fn it(name: &'static str, vcpu: u32, gib: u32, arch: Arch, burstable: bool) -> InstanceType {
    InstanceType {
        name,
        vcpu,
        memory_mib: gib * 1024,
        arch,
        burstable,
    }
}

/// The instance types compared, smallest first within each family. Sizes from AWS's instance
/// type pages (https://aws.amazon.com/ec2/instance-types/t3/, …/t4g/, …/m6g/, …/m7g/):
/// t3 / t4g micro, small, medium are 2 vCPU with 1, 2 and 4 GiB; m6g.large and m7g.large are
/// 2 vCPU with 8 GiB.
pub const INSTANCE_TYPES: &[InstanceType] = &[
    it("t4g.micro", 2, 1, Arch::Arm64, true),
    it("t4g.small", 2, 2, Arch::Arm64, true),
    it("t4g.medium", 2, 4, Arch::Arm64, true),
    it("m6g.large", 2, 8, Arch::Arm64, false),
    it("m7g.large", 2, 8, Arch::Arm64, false),
    it("t3.micro", 2, 1, Arch::X86_64, true),
    it("t3.small", 2, 2, Arch::X86_64, true),
    it("t3.medium", 2, 4, Arch::X86_64, true),
];

impl InstanceType {
    /// The pricing-table key of its on-demand Linux hourly price.
    pub fn price_key(&self) -> String {
        price_key(self.name)
    }

    /// CPU units left for tasks.
    pub fn task_cpu_units(&self) -> u32 {
        (self.vcpu * CPU_UNITS_PER_VCPU).saturating_sub(RESERVED_CPU_UNITS)
    }

    /// Memory left for tasks, in MiB.
    pub fn task_memory_mib(&self) -> u32 {
        self.memory_mib.saturating_sub(RESERVED_MEMORY_MIB)
    }

    /// Whether one task of this shape fits an empty instance.
    pub fn holds(&self, shape: Shape) -> bool {
        shape.cpu_units <= self.task_cpu_units() && shape.memory_mib <= self.task_memory_mib()
    }
}

/// `ec2.<type>.hour`.
pub fn price_key(type_name: &str) -> String {
    format!("ec2.{type_name}.hour")
}

/// Every price key this module reads (the pricing tables' schema test checks them).
pub fn price_keys() -> Vec<KeySpec> {
    INSTANCE_TYPES
        .iter()
        .map(|i| KeySpec {
            key: i.price_key(),
            unit: "instance-hour",
        })
        .collect()
}

/// What one task asks of an instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shape {
    /// CPU units (1,024 per vCPU).
    pub cpu_units: u32,
    /// Memory in MiB.
    pub memory_mib: u32,
}

/// Packs `tasks` (one shape per task) onto instances of `ty`, spread over [`AZS`] zones when
/// there are two or more, first-fit decreasing in each zone. `None` when a task does not fit
/// an empty instance.
pub fn pack(ty: &InstanceType, tasks: &[Shape]) -> Option<u32> {
    if tasks.iter().any(|s| !ty.holds(*s)) {
        return None;
    }
    let zones = if tasks.len() >= 2 { AZS } else { 1 };
    let mut total = 0;
    for zone in 0..zones {
        // Round-robin over the tasks in service order: consecutive tasks of one service land
        // in different zones.
        let mut mine: Vec<Shape> = tasks
            .iter()
            .enumerate()
            .filter(|(i, _)| *i as u32 % zones == zone)
            .map(|(_, s)| *s)
            .collect();
        crate::core::support::sort::sort_by_key(&mut mine, |s| {
            std::cmp::Reverse((s.memory_mib, s.cpu_units))
        });
        total += first_fit(ty, &mine);
    }
    Some(total)
}

/// First fit of `sorted` (largest first) onto empty instances; the number of instances used.
fn first_fit(ty: &InstanceType, sorted: &[Shape]) -> u32 {
    // Free (cpu, memory) per instance.
    let mut bins: Vec<(u32, u32)> = Vec::new();
    // Bins only shrink, so a task of the same shape as the previous one cannot fit any bin
    // before the one the previous task went to: start there (linear in the number of tasks).
    let mut start = 0;
    let mut last: Option<Shape> = None;
    for s in sorted {
        if last != Some(*s) {
            start = 0;
        }
        last = Some(*s);
        let found = bins[start..]
            .iter()
            .position(|(c, m)| *c >= s.cpu_units && *m >= s.memory_mib)
            .map(|i| i + start);
        let i = match found {
            Some(i) => i,
            None => {
                bins.push((ty.task_cpu_units(), ty.task_memory_mib()));
                bins.len() - 1
            }
        };
        bins[i].0 -= s.cpu_units;
        bins[i].1 -= s.memory_mib;
        start = i;
    }
    bins.len() as u32
}

/// One ECS service as the comparison reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Its node.
    pub id: NodeId,
    /// Its label.
    pub label: String,
    /// Its tasks' architecture.
    pub arch: Arch,
    /// vCPU per task, as the design gives it.
    pub vcpu: Decimal,
    /// Memory per task in GB, as the design gives it.
    pub memory_gb: Decimal,
    /// One task's shape (memory rounded up to whole MiB).
    pub shape: Shape,
    /// Desired tasks.
    pub desired: u32,
    /// Maximum tasks under auto scaling (at least the desired count; the desired count
    /// without auto scaling).
    pub max: u32,
    /// Whether its tasks fit no instance type of their architecture.
    pub too_big: bool,
}

/// How one instance type does.
#[derive(Debug, Clone, PartialEq)]
pub enum Fit {
    /// Every task fits: the instances needed and their month.
    Fits {
        /// Instances for the desired tasks.
        instances: u32,
        /// Instances for every service at its maximum (spare capacity to scale out).
        instances_at_max: u32,
        /// US dollars a month for `instances`, full precision.
        monthly: Decimal,
    },
    /// Some task is larger than one instance of this type (less the reservation).
    TooSmall,
    /// The table gives no price for this type in this region.
    NoPrice {
        /// Why (the table's reason, or that it has no entry).
        reason: String,
    },
}

/// One row of the comparison: an instance type and how it does.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The type.
    pub ty: &'static InstanceType,
    /// Its on-demand Linux price per hour, when the table gives it.
    pub hourly: Option<Decimal>,
    /// The outcome.
    pub fit: Fit,
}

impl Row {
    /// The month, when every task fits and the price is known.
    pub fn monthly(&self) -> Option<Decimal> {
        match self.fit {
            Fit::Fits { monthly, .. } => Some(monthly),
            _ => None,
        }
    }
}

/// The tasks of one architecture and the instance types that could run them.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The architecture.
    pub arch: Arch,
    /// Tasks at the desired count.
    pub tasks: u32,
    /// Tasks with every service at its maximum.
    pub tasks_at_max: u32,
    /// Every instance type of this architecture, in catalogue order.
    pub rows: Vec<Row>,
    /// Index into `rows` of the cheapest fit (fewer instances on a tie), if any fits.
    pub cheapest: Option<usize>,
}

/// The Fargate side: compute (vCPU and memory) for the same tasks all month.
#[derive(Debug, Clone, PartialEq)]
pub enum FargateCost {
    /// Priced by the cost engine.
    Known(Decimal),
    /// The table lacks a Fargate price in this region (the engine's reason).
    Unknown(cost::Reason),
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The region of the prices.
    pub region: Region,
    /// The pricing table's version.
    pub table_version: String,
    /// Hours in the month (the design's `hours_per_month`, as the estimate).
    pub hours_per_month: Decimal,
    /// The design's ECS services, in node id order.
    pub services: Vec<Service>,
    /// One group per architecture with tasks (x86_64 first).
    pub groups: Vec<Group>,
    /// The cheapest EC2 fit for all tasks (the sum of each group's cheapest); `None` when a
    /// group has no fit, or there are no services.
    pub ec2_monthly: Option<Decimal>,
    /// Fargate for the same tasks; `None` when there are no services.
    pub fargate: Option<FargateCost>,
}

impl Comparison {
    /// Whether the design has any ECS service.
    pub fn has_services(&self) -> bool {
        !self.services.is_empty()
    }

    /// Tasks at the desired count, all services.
    pub fn tasks(&self) -> u32 {
        self.services.iter().map(|s| s.desired).sum()
    }

    /// Fargate's month, when known.
    pub fn fargate_monthly(&self) -> Option<Decimal> {
        match &self.fargate {
            Some(FargateCost::Known(d)) => Some(*d),
            _ => None,
        }
    }

    /// Fargate minus the cheapest EC2 fit (positive: EC2 is cheaper), both rounded to cents.
    pub fn difference(&self) -> Option<Decimal> {
        Some(cost::cents(self.fargate_monthly()?) - cost::cents(self.ec2_monthly?))
    }

    /// The chosen row of each group that has one.
    pub fn cheapest_rows(&self) -> Vec<&Row> {
        self.groups
            .iter()
            .filter_map(|g| g.cheapest.map(|i| &g.rows[i]))
            .collect()
    }
}

/// Compares the ECS services of `design` on Fargate and on EC2, priced from `table`.
pub fn compare(design: &Design, table: &PriceTable) -> Comparison {
    let services: Vec<Service> = design
        .nodes
        .values()
        .filter(|n| n.kind == Kind::EcsService)
        .map(|n| {
            let arch = Arch::of_param(n.text("cpu_architecture"));
            let vcpu = dec(n.num("vcpu"));
            let memory_gb = dec(n.num("memory_gb"));
            let desired = whole(n.num("desired_tasks"));
            let max = if n.text("scaling_metric") == "none" {
                desired
            } else {
                whole(n.num("max_tasks")).max(desired)
            };
            let shape = Shape {
                cpu_units: units(vcpu * Decimal::from(CPU_UNITS_PER_VCPU)),
                memory_mib: units(memory_gb * Decimal::from(1024)),
            };
            let too_big = !INSTANCE_TYPES
                .iter()
                .any(|t| t.arch == arch && t.holds(shape));
            Service {
                id: n.id.clone(),
                label: n.label.clone(),
                arch,
                vcpu,
                memory_gb,
                shape,
                desired,
                max,
                too_big,
            }
        })
        .collect();

    let fargate_est = fargate_estimate(design, table);
    let hours = fargate_est.hours_per_month;
    let fargate = (!services.is_empty()).then(|| fargate_compute(&fargate_est));

    let mut groups = Vec::new();
    for arch in [Arch::X86_64, Arch::Arm64] {
        let mine: Vec<&Service> = services.iter().filter(|s| s.arch == arch).collect();
        let expand = |count: fn(&Service) -> u32| -> Vec<Shape> {
            mine.iter()
                .flat_map(|s| std::iter::repeat_n(s.shape, count(s) as usize))
                .collect()
        };
        let desired = expand(|s| s.desired);
        if desired.is_empty() {
            continue;
        }
        let at_max = expand(|s| s.max);
        let rows: Vec<Row> = INSTANCE_TYPES
            .iter()
            .filter(|t| t.arch == arch)
            .map(|ty| row(ty, table, hours, &desired, &at_max))
            .collect();
        let cheapest = rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r.fit {
                Fit::Fits {
                    instances, monthly, ..
                } => Some((monthly, instances, i)),
                _ => None,
            })
            .min()
            .map(|(_, _, i)| i);
        groups.push(Group {
            arch,
            tasks: desired.len() as u32,
            tasks_at_max: at_max.len() as u32,
            rows,
            cheapest,
        });
    }
    let ec2_monthly = if services.is_empty() {
        None
    } else {
        groups
            .iter()
            .map(|g| g.cheapest.and_then(|i| g.rows[i].monthly()))
            .sum::<Option<Decimal>>()
    };
    Comparison {
        region: table.region,
        table_version: table.table_version.clone(),
        hours_per_month: hours,
        services,
        groups,
        ec2_monthly,
        fargate,
    }
}

/// A task count parameter as a whole number (the catalogue keeps it in 0..=5000).
fn whole(v: f64) -> u32 {
    if v.is_finite() && v > 0.0 {
        v.min(1_000_000.0) as u32
    } else {
        0
    }
}

/// A non-negative decimal rounded up to a whole number of units, saturating.
fn units(d: Decimal) -> u32 {
    d.ceil().to_u32().unwrap_or(u32::MAX)
}

fn row(
    ty: &'static InstanceType,
    table: &PriceTable,
    hours: Decimal,
    desired: &[Shape],
    at_max: &[Shape],
) -> Row {
    let key = ty.price_key();
    let hourly = match table.get(&key) {
        Some(PriceEntry::Known(p)) if p.unit == "instance-hour" => Ok(p.usd),
        Some(PriceEntry::Known(p)) => Err(format!(
            "the table gives {key} per {}, not per instance-hour",
            p.unit
        )),
        Some(PriceEntry::Unknown { reason }) => Err(reason.clone()),
        None => Err(format!(
            "pricing table {} has no {key}",
            table.table_version
        )),
    };
    let fit = match (&hourly, pack(ty, desired)) {
        (Err(reason), _) => Fit::NoPrice {
            reason: reason.clone(),
        },
        (Ok(_), None) => Fit::TooSmall,
        (Ok(price), Some(instances)) => Fit::Fits {
            instances,
            // `at_max` holds at least the desired tasks, so it fits whenever they do.
            instances_at_max: pack(ty, at_max).unwrap_or(instances),
            monthly: Decimal::from(instances) * *price * hours,
        },
    };
    Row {
        ty,
        hourly: hourly.ok(),
        fit,
    }
}

/// The design's estimate with every ECS service on Fargate at its desired count all month
/// (no auto scaling), so the engine prices exactly the tasks packed onto EC2.
fn fargate_estimate(design: &Design, table: &PriceTable) -> cost::Estimate {
    let mut d = design.clone();
    for n in d.nodes.values_mut() {
        if n.kind == Kind::EcsService {
            n.params
                .insert("launch_type".into(), ParamValue::Str("FARGATE".into()));
            n.params
                .insert("scaling_metric".into(), ParamValue::Str("none".into()));
        }
    }
    cost::estimate_scenario(&d, table, Scenario::Expected)
}

/// Whether a line is Fargate compute (vCPU or memory), the part EC2 instances replace.
fn is_fargate_compute(key: &str) -> bool {
    matches!(
        key,
        "fargate.x86.vcpu_hour"
            | "fargate.x86.gb_hour"
            | "fargate.arm.vcpu_hour"
            | "fargate.arm.gb_hour"
    )
}

fn fargate_compute(e: &cost::Estimate) -> FargateCost {
    let mut sum = Decimal::ZERO;
    for l in &e.lines {
        if l.kind != Some(Kind::EcsService)
            || !l.price_key.as_deref().is_some_and(is_fargate_compute)
        {
            continue;
        }
        match (&l.status, l.monthly) {
            (_, Some(m)) => sum += m,
            (LineStatus::Unknown(r), None) => return FargateCost::Unknown(r.clone()),
            (_, None) => {}
        }
    }
    FargateCost::Known(sum)
}

// ------------------------------------------------------------------ words

/// The chapter's trade-offs, Fargate first: (heading, points).
pub const TRADE_OFFS: [(Text, [Text; 3]); 2] = [
    (
        t("Fargate", "Fargate"),
        [
            t(
                "サーバー管理不要: ホストの OS やパッチは AWS が面倒を見ます。",
                "No servers to manage: AWS runs and patches the hosts.",
            ),
            t(
                "タスク単位でスケール: 増えたタスクの vCPU とメモリの分だけ、動いている間だけ払います。",
                "Scales per task: you pay for each task's vCPU and memory while it runs.",
            ),
            t(
                "同じ vCPU・メモリなら EC2 よりやや高めです。",
                "A little dearer than EC2 for the same vCPU and memory.",
            ),
        ],
    ),
    (
        t("EC2", "EC2"),
        [
            t(
                "サーバー管理が必要: インスタンスの OS パッチや AMI 更新、台数の調整は自分で行います (キャパシティプロバイダーとクラスターの Auto Scaling)。",
                "You manage the servers: patching the instances, updating the AMI and scaling them yourself (a capacity provider with cluster auto scaling).",
            ),
            t(
                "柔軟: インスタンスタイプやホスト上のデーモンを自由に選べます。",
                "Flexible: any instance type, daemons and settings on the host.",
            ),
            t(
                "タスクをうまく詰め込めれば安くなりますが、空いている容量にも料金がかかります。",
                "Cheaper when the tasks pack the instances well, but idle capacity is paid for too.",
            ),
        ],
    ),
];

/// The chapter's recommendation.
pub const RECOMMENDATION: Text = t(
    "→ 教材のおすすめは、Party Box なら Fargate です (管理が楽)。",
    "→ The chapter recommends Fargate for Party Box: far less to manage.",
);

/// Why there are at least two instances.
pub const REDUNDANCY: Text = t(
    "タスクが 2 つ以上なら 2 つの AZ に分けて置くので、インスタンスは最低 2 台です。1 台では、タスクを複数にした理由 (1 つ落ちても他が生きてる) がなくなります。",
    "With two or more tasks they are spread over two AZs, so there are at least two instances: on one instance the reason for several tasks (one can fail and the others keep running) would be lost.",
);

/// The reservation per instance, in words.
pub fn reservation_text(lang: Lang) -> String {
    let vcpu = fmt_num(Decimal::from(RESERVED_CPU_UNITS) / Decimal::from(CPU_UNITS_PER_VCPU));
    match lang {
        Lang::Ja => format!(
            "各インスタンスの {vcpu} vCPU と {RESERVED_MEMORY_MIB} MiB は OS と ECS エージェント用に残しています。"
        ),
        Lang::En => format!(
            "Each instance keeps {vcpu} vCPU and {RESERVED_MEMORY_MIB} MiB for the OS and the ECS agent."
        ),
    }
}

/// What the EC2 figure leaves out, in words (with the instances the maximum task counts need).
pub fn left_out_text(c: &Comparison, lang: Lang) -> String {
    let at_max: Vec<String> = c
        .groups
        .iter()
        .filter_map(|g| {
            let r = &g.rows[g.cheapest?];
            match r.fit {
                Fit::Fits {
                    instances_at_max, ..
                } if g.tasks_at_max > g.tasks => Some(match lang {
                    Lang::Ja => format!(
                        "最大 {} タスクなら {} が {} 台",
                        g.tasks_at_max, r.ty.name, instances_at_max
                    ),
                    Lang::En => format!(
                        "{} tasks at the maximum need {} × {}",
                        g.tasks_at_max, instances_at_max, r.ty.name
                    ),
                }),
                _ => None,
            }
        })
        .collect();
    let burst = c.cheapest_rows().iter().any(|r| r.ty.burstable);
    let mut out = String::new();
    match lang {
        Lang::Ja => {
            out.push_str("EC2 の金額に入っていないもの: 各インスタンスの EBS ルートボリューム、スケールアウト用の空き容量");
            if !at_max.is_empty() {
                out.push_str(&format!(" ({})", at_max.join("、")));
            }
            if burst {
                out.push_str("、バースト可能インスタンス (t3/t4g) がベースラインを超えて CPU を使い続けたときの CPU クレジット料金");
            }
            out.push_str(
                "。Fargate 側はタスクの vCPU とメモリのみ (ストレージやパブリック IP は別) です。",
            );
        }
        Lang::En => {
            let spare = if at_max.is_empty() {
                "the spare capacity needed to scale out".to_owned()
            } else {
                format!(
                    "the spare capacity needed to scale out ({})",
                    at_max.join("; ")
                )
            };
            let mut parts = vec!["each instance's EBS root volume".to_owned(), spare];
            if burst {
                parts.push(
                    "CPU credits when burstable instances (t3/t4g) run above their baseline for long"
                        .to_owned(),
                );
            }
            let last = parts.pop().unwrap_or_default();
            out.push_str(&format!(
                "Not in the EC2 figure: {} and {last}. The Fargate figure is the tasks' vCPU and memory only (storage and public IPs apart).",
                parts.join(", ")
            ));
        }
    }
    out
}

/// The verdict in one sentence: the cheapest fit beside Fargate.
pub fn verdict_text(c: &Comparison, lang: Lang) -> String {
    if !c.has_services() {
        return t(
            "この設計には ECS サービスがないので、比べるものがありません。",
            "This design has no ECS services, so there is nothing to compare.",
        )
        .get(lang)
        .to_owned();
    }
    if c.tasks() == 0 {
        return t(
            "ECS サービスの希望タスク数がすべて 0 なので、どちらも 0 ドルです。",
            "Every ECS service wants 0 tasks, so both cost $0.",
        )
        .get(lang)
        .to_owned();
    }
    let Some(ec2) = c.ec2_monthly else {
        return t(
            "比較表のどのインスタンスタイプにも載らないタスクがあるか、このリージョンの価格がありません。",
            "Some tasks fit no instance type of the table, or this region's prices are missing.",
        )
        .get(lang)
        .to_owned();
    };
    let fit: Vec<String> = c
        .cheapest_rows()
        .iter()
        .filter_map(|r| match r.fit {
            Fit::Fits { instances, .. } => Some(format!("{instances} × {}", r.ty.name)),
            _ => None,
        })
        .collect();
    let fit = fit.join(" + ");
    let ec2_s = fmt_usd(ec2);
    match (c.fargate_monthly(), c.difference(), lang) {
        (Some(f), Some(d), Lang::Ja) if d > Decimal::ZERO => format!(
            "最安の EC2 構成は {fit} で月 {ec2_s}。Fargate ({}) より {} 安くなります。",
            fmt_usd(f),
            fmt_usd(d)
        ),
        (Some(f), Some(d), Lang::En) if d > Decimal::ZERO => format!(
            "The cheapest EC2 fit is {fit} at {ec2_s} a month, {} less than Fargate ({}).",
            fmt_usd(d),
            fmt_usd(f)
        ),
        (Some(f), Some(d), Lang::Ja) if d < Decimal::ZERO => format!(
            "最安の EC2 構成は {fit} で月 {ec2_s}。Fargate ({}) より {} 高くなります。",
            fmt_usd(f),
            fmt_usd(-d)
        ),
        (Some(f), Some(d), Lang::En) if d < Decimal::ZERO => format!(
            "The cheapest EC2 fit is {fit} at {ec2_s} a month, {} more than Fargate ({}).",
            fmt_usd(-d),
            fmt_usd(f)
        ),
        (Some(f), Some(_), Lang::Ja) => {
            format!("最安の EC2 構成は {fit} で月 {ec2_s}。Fargate ({}) と同じです。", fmt_usd(f))
        }
        (Some(f), Some(_), Lang::En) => format!(
            "The cheapest EC2 fit is {fit} at {ec2_s} a month, the same as Fargate ({}).",
            fmt_usd(f)
        ),
        (_, _, Lang::Ja) => format!(
            "最安の EC2 構成は {fit} で月 {ec2_s}。このリージョンの Fargate の価格は表にありません。"
        ),
        (_, _, Lang::En) => format!(
            "The cheapest EC2 fit is {fit} at {ec2_s} a month. The table has no Fargate price for this region."
        ),
    }
}

/// A service's tasks that fit no instance type, in words.
pub fn too_big_text(s: &Service, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "{} のタスク ({} vCPU / {} GB) は、比較表の {} インスタンス (OS 用の予約を除く) のどれにも載りません。",
            s.label,
            fmt_num(s.vcpu),
            fmt_num(s.memory_gb),
            s.arch.id()
        ),
        Lang::En => format!(
            "{}'s tasks ({} vCPU / {} GB) fit none of the {} instance types compared (after the OS reservation).",
            s.label,
            fmt_num(s.vcpu),
            fmt_num(s.memory_gb),
            s.arch.id()
        ),
    }
}

/// The comparison as plain text (the CLI's `ec2` output).
pub fn render_text(c: &Comparison, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let mut out = String::new();
    out.push_str(&match lang {
        Lang::Ja => format!(
            "Fargate と EC2 — {}、料金表 {}、月 {} 時間\n",
            c.region,
            c.table_version,
            fmt_num(c.hours_per_month)
        ),
        Lang::En => format!(
            "Fargate vs EC2 — {}, pricing table {}, {} h/month\n",
            c.region,
            c.table_version,
            fmt_num(c.hours_per_month)
        ),
    });
    if !c.has_services() {
        out.push_str(&verdict_text(c, lang));
        out.push('\n');
        return out;
    }
    out.push_str(if ja {
        "ECS サービス:\n"
    } else {
        "ECS services:\n"
    });
    for s in &c.services {
        out.push_str(&match lang {
            Lang::Ja => format!(
                "  {} \"{}\": {} タスク (最大 {}) × {} vCPU / {} GB, {}\n",
                s.id.as_str(),
                s.label,
                s.desired,
                s.max,
                fmt_num(s.vcpu),
                fmt_num(s.memory_gb),
                s.arch.id()
            ),
            Lang::En => format!(
                "  {} \"{}\": {} tasks (max {}) × {} vCPU / {} GB, {}\n",
                s.id.as_str(),
                s.label,
                s.desired,
                s.max,
                fmt_num(s.vcpu),
                fmt_num(s.memory_gb),
                s.arch.id()
            ),
        });
    }
    out.push_str(&match (&c.fargate, lang) {
        (Some(FargateCost::Known(f)), Lang::Ja) => {
            format!("Fargate (希望タスク数で 1 か月): {}\n", fmt_usd(*f))
        }
        (Some(FargateCost::Known(f)), Lang::En) => {
            format!("Fargate (desired tasks all month): {}\n", fmt_usd(*f))
        }
        (Some(FargateCost::Unknown(r)), Lang::Ja) => {
            format!("Fargate: 価格不明 ({})\n", r.get(lang))
        }
        (Some(FargateCost::Unknown(r)), Lang::En) => {
            format!("Fargate: price unknown ({})\n", r.get(lang))
        }
        (None, _) => String::new(),
    });
    for g in &c.groups {
        out.push_str(&match lang {
            Lang::Ja => format!("EC2 オンデマンド, {} ({} タスク):\n", g.arch.id(), g.tasks),
            Lang::En => format!("EC2 on-demand, {} ({} tasks):\n", g.arch.id(), g.tasks),
        });
        let (h_type, h_price, h_inst, h_max, h_month) = if ja {
            ("タイプ", "$/時間", "台数", "最大時", "月額")
        } else {
            ("type", "$/hour", "inst.", "at max", "monthly")
        };
        out.push_str(&format!(
            "    {h_type:<11} vCPU  GiB  {h_price:<9} {h_inst:>5}  {h_max:>6}  {h_month}\n"
        ));
        for (i, r) in g.rows.iter().enumerate() {
            let mark = if g.cheapest == Some(i) { "*" } else { " " };
            let price = r
                .hourly
                .map(|p| p.to_string())
                .unwrap_or_else(|| "-".into());
            let head = format!(
                "  {mark} {:<11} {:>4} {:>4}  {:<9}",
                r.ty.name,
                r.ty.vcpu,
                fmt_num(Decimal::from(r.ty.memory_mib) / Decimal::from(1024)),
                price
            );
            let tail = match &r.fit {
                Fit::Fits {
                    instances,
                    instances_at_max,
                    monthly,
                } => format!(
                    "{instances:>5}  {instances_at_max:>6}  {}",
                    fmt_usd(*monthly)
                ),
                Fit::TooSmall => {
                    if ja {
                        "タスクが載りません".to_owned()
                    } else {
                        "too small for the tasks".to_owned()
                    }
                }
                Fit::NoPrice { reason } => {
                    if ja {
                        format!("価格なし ({reason})")
                    } else {
                        format!("no price ({reason})")
                    }
                }
            };
            out.push_str(&format!("{head} {tail}\n"));
        }
    }
    for s in c.services.iter().filter(|s| s.too_big) {
        out.push_str(&too_big_text(s, lang));
        out.push('\n');
    }
    out.push_str(&verdict_text(c, lang));
    out.push('\n');
    out.push_str(&reservation_text(lang));
    if !ja {
        out.push(' ');
    }
    out.push_str(REDUNDANCY.get(lang));
    out.push('\n');
    out.push_str(&left_out_text(c, lang));
    out.push('\n');
    out.push_str(if ja {
        "トレードオフ (教材より):\n"
    } else {
        "Trade-offs (the chapter):\n"
    });
    for (head, points) in &TRADE_OFFS {
        out.push_str(&format!("  {}:\n", head.get(lang)));
        for p in points {
            out.push_str(&format!("    - {}\n", p.get(lang)));
        }
    }
    out.push_str(RECOMMENDATION.get(lang));
    out.push('\n');
    out
}

fn money(d: Decimal) -> Value {
    Value::from(cost::cents(d).to_string())
}

impl Comparison {
    /// The comparison as JSON (the CLI's `ec2 --format json`); amounts are decimal strings in
    /// whole cents, unit prices as the table gives them.
    pub fn to_json(&self, lang: Lang) -> Value {
        let services: Vec<Value> = self
            .services
            .iter()
            .map(|s| {
                json!({
                    "id": s.id.as_str(),
                    "label": s.label,
                    "arch": s.arch.id(),
                    "vcpu": s.vcpu.to_string(),
                    "memory_gb": s.memory_gb.to_string(),
                    "desired_tasks": s.desired,
                    "max_tasks": s.max,
                    "fits_no_type": s.too_big,
                })
            })
            .collect();
        let groups: Vec<Value> = self
            .groups
            .iter()
            .map(|g| {
                let rows: Vec<Value> = g
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let mut v = json!({
                            "type": r.ty.name,
                            "vcpu": r.ty.vcpu,
                            "memory_gib": r.ty.memory_mib / 1024,
                            "usd_per_hour": r.hourly.map(|p| p.to_string()),
                            "cheapest": g.cheapest == Some(i),
                        });
                        match &r.fit {
                            Fit::Fits {
                                instances,
                                instances_at_max,
                                monthly,
                            } => {
                                v["status"] = "fits".into();
                                v["instances"] = (*instances).into();
                                v["instances_at_max"] = (*instances_at_max).into();
                                v["monthly_usd"] = money(*monthly);
                            }
                            Fit::TooSmall => v["status"] = "too_small".into(),
                            Fit::NoPrice { reason } => {
                                v["status"] = "no_price".into();
                                v["reason"] = reason.clone().into();
                            }
                        }
                        v
                    })
                    .collect();
                json!({
                    "arch": g.arch.id(),
                    "tasks": g.tasks,
                    "tasks_at_max": g.tasks_at_max,
                    "types": rows,
                })
            })
            .collect();
        let fargate = match &self.fargate {
            Some(FargateCost::Known(d)) => json!({"monthly_usd": money(*d)}),
            Some(FargateCost::Unknown(r)) => {
                json!({"monthly_usd": null, "reason": r.get(lang)})
            }
            None => Value::Null,
        };
        json!({
            "format": FORMAT,
            "version": VERSION,
            "region": self.region.code(),
            "pricing_table_version": self.table_version,
            "hours_per_month": fmt_num(self.hours_per_month).replace(',', ""),
            "reserved_per_instance": {
                "cpu_units": RESERVED_CPU_UNITS,
                "memory_mib": RESERVED_MEMORY_MIB,
            },
            "services": services,
            "fargate": fargate,
            "ec2": groups,
            "ec2_cheapest_monthly_usd": self.ec2_monthly.map(money),
            "fargate_minus_ec2_usd": self.difference().map(|d| d.to_string()),
            "verdict": verdict_text(self, lang),
            "left_out": left_out_text(self, lang),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cost::testing::{design_with, node, num, s, table};
    use crate::core::document::templates;

    fn ty(name: &str) -> &'static InstanceType {
        INSTANCE_TYPES.iter().find(|t| t.name == name).unwrap()
    }

    fn shape(vcpu: f64, gb: f64) -> Shape {
        Shape {
            cpu_units: (vcpu * 1024.0) as u32,
            memory_mib: (gb * 1024.0) as u32,
        }
    }

    #[test]
    fn packing_by_hand() {
        // t3.medium: 2,048 − 128 = 1,920 units, 4,096 − 256 = 3,840 MiB per instance.
        let m = ty("t3.medium");
        assert_eq!((m.task_cpu_units(), m.task_memory_mib()), (1920, 3840));
        // One task: one instance, one zone.
        assert_eq!(pack(m, &[shape(0.5, 1.0)]), Some(1));
        // Six 0.5 vCPU / 1 GB tasks: 3 per zone; 3 × 512 = 1,536 ≤ 1,920 and 3 × 1,024 =
        // 3,072 ≤ 3,840, so one instance per zone.
        assert_eq!(pack(m, &[shape(0.5, 1.0); 6]), Some(2));
        // Eight: 4 per zone; 4 × 512 = 2,048 > 1,920, so two per zone.
        assert_eq!(pack(m, &[shape(0.5, 1.0); 8]), Some(4));
        // Memory bound: 2 GB tasks, 2 × 2,048 = 4,096 > 3,840: one per instance.
        assert_eq!(pack(m, &[shape(0.25, 2.0); 4]), Some(4));
        // Zone 0 gets tasks 0, 2, 4 (2 GB, 1.5 GB, 0.25 GB = 3,840 MiB exactly), zone 1 the
        // others: one instance each.
        let mixed = [
            shape(0.25, 2.0),
            shape(0.25, 2.0),
            shape(0.25, 1.5),
            shape(0.25, 1.5),
            shape(0.25, 0.25),
            shape(0.25, 0.25),
        ];
        assert_eq!(pack(m, &mixed), Some(2));
        // A task larger than the instance: no fit.
        assert_eq!(pack(ty("t3.micro"), &[shape(0.5, 1.0)]), None);
        assert_eq!(pack(m, &[shape(2.0, 1.0)]), None);
        assert_eq!(pack(m, &[]), Some(0));
    }

    #[test]
    fn first_fit_reuses_earlier_bins_for_smaller_tasks() {
        // t3.small: 1,792 MiB. In one zone (one task only would be one zone; use the
        // first_fit helper directly): 1 GB, 1 GB, 0.5 GB, 0.5 GB → [1 + 0.5], [1 + 0.5].
        let small = ty("t3.small");
        let tasks = [
            shape(0.25, 1.0),
            shape(0.25, 1.0),
            shape(0.25, 0.5),
            shape(0.25, 0.5),
        ];
        assert_eq!(first_fit(small, &tasks), 2);
    }

    fn svc(
        id: &str,
        arch: &str,
        vcpu: f64,
        gb: f64,
        desired: f64,
    ) -> crate::core::document::model::Node {
        node(
            id,
            Kind::EcsService,
            Some("cluster"),
            &[
                ("cpu_architecture", s(arch)),
                ("vcpu", num(vcpu)),
                ("memory_gb", num(gb)),
                ("desired_tasks", num(desired)),
                ("min_tasks", num(desired)),
                ("max_tasks", num(desired)),
            ],
        )
    }

    fn cluster() -> crate::core::document::model::Node {
        node("cluster", Kind::EcsCluster, None, &[])
    }

    #[test]
    fn architecture_decides_the_types() {
        let d = design_with(vec![
            cluster(),
            svc("arm", "ARM64", 0.5, 1.0, 2.0),
            svc("x86", "X86_64", 0.5, 1.0, 2.0),
        ]);
        let c = compare(&d, &table(Region::UsEast1));
        assert_eq!(c.groups.len(), 2);
        let names = |g: &Group| g.rows.iter().map(|r| r.ty.name).collect::<Vec<_>>();
        assert_eq!(c.groups[0].arch, Arch::X86_64);
        assert_eq!(names(&c.groups[0]), ["t3.micro", "t3.small", "t3.medium"]);
        assert_eq!(c.groups[1].arch, Arch::Arm64);
        assert_eq!(
            names(&c.groups[1]),
            [
                "t4g.micro",
                "t4g.small",
                "t4g.medium",
                "m6g.large",
                "m7g.large"
            ]
        );
        // Each group packs only its own two tasks: the sum is the two cheapest fits.
        let sum: Decimal = c.cheapest_rows().iter().filter_map(|r| r.monthly()).sum();
        assert_eq!(c.ec2_monthly, Some(sum));
    }

    #[test]
    fn a_type_missing_from_the_table_has_no_price_and_is_never_chosen() {
        // m7g.large has no Tokyo price (explicit unknown); an arm64 task of 6 GB fits only
        // m6g/m7g, so m6g.large is the cheapest and m7g.large says why it is out.
        let d = design_with(vec![cluster(), svc("big", "ARM64", 1.0, 6.0, 1.0)]);
        let t = table(Region::ApNortheast1);
        let c = compare(&d, &t);
        let g = &c.groups[0];
        let m7 = g.rows.iter().find(|r| r.ty.name == "m7g.large").unwrap();
        assert!(m7.hourly.is_none());
        assert!(matches!(&m7.fit, Fit::NoPrice { reason } if !reason.is_empty()));
        let chosen = &g.rows[g.cheapest.unwrap()];
        assert_eq!(chosen.ty.name, "m6g.large");
        let hourly = t.price("ec2.m6g.large.hour").unwrap().usd;
        assert_eq!(chosen.monthly(), Some(hourly * Decimal::from(730)));
        // A table without the key at all: the same, with a reason naming the key.
        let mut t2 = t.clone();
        t2.prices.remove("ec2.m6g.large.hour");
        let c2 = compare(&d, &t2);
        let m6 = c2.groups[0]
            .rows
            .iter()
            .find(|r| r.ty.name == "m6g.large")
            .unwrap();
        assert!(
            matches!(&m6.fit, Fit::NoPrice { reason } if reason.contains("ec2.m6g.large.hour"))
        );
        assert_eq!(c2.ec2_monthly, None);
        assert!(c2.groups[0].cheapest.is_none());
    }

    #[test]
    fn tasks_too_big_for_every_type_are_reported() {
        let d = design_with(vec![cluster(), svc("huge", "X86_64", 4.0, 8.0, 2.0)]);
        let c = compare(&d, &table(Region::UsEast1));
        assert!(c.services[0].too_big);
        assert!(c.groups[0].rows.iter().all(|r| r.fit == Fit::TooSmall));
        assert_eq!(c.ec2_monthly, None);
        let text = render_text(&c, Lang::En);
        assert!(
            text.contains("fit none of the x86_64 instance types"),
            "{text}"
        );
        assert!(render_text(&c, Lang::Ja).contains("どれにも載りません"));
    }

    #[test]
    fn no_services_says_so() {
        let d = Design::empty("e", Region::ApNortheast1);
        let c = compare(&d, &table(Region::ApNortheast1));
        assert!(!c.has_services());
        assert!(c.groups.is_empty());
        assert_eq!((c.ec2_monthly, c.fargate.clone()), (None, None));
        assert!(render_text(&c, Lang::En).contains("no ECS services"));
        assert!(render_text(&c, Lang::Ja).contains("ECS サービスがない"));
        assert_eq!(c.to_json(Lang::En)["ec2_cheapest_monthly_usd"], Value::Null);
    }

    #[test]
    fn party_box_in_tokyo() {
        let d = templates::find("party-box").unwrap().design().unwrap();
        assert_eq!(d.region, Region::ApNortheast1);
        let t = table(Region::ApNortheast1);
        let c = compare(&d, &t);
        let p = |k: &str| t.price(k).unwrap().usd;
        let h = Decimal::from(730);
        // Fargate: 2 services × 2 tasks × 730 h × (0.5 vCPU × vCPU-hour + 1 GB × GB-hour).
        let fargate = Decimal::from(4)
            * h
            * (Decimal::new(5, 1) * p("fargate.x86.vcpu_hour") + p("fargate.x86.gb_hour"));
        assert_eq!(c.fargate_monthly(), Some(fargate));
        // x86 tasks only: t3. 1 GB tasks do not fit t3.micro (768 MiB free); t3.small holds
        // one (1,792 MiB), so 4 instances; t3.medium holds three, tasks spread 2 + 2 over
        // two zones, so 2 instances. Equal cost: fewer instances wins.
        assert_eq!(c.groups.len(), 1);
        let g = &c.groups[0];
        assert_eq!(g.tasks, 4);
        assert_eq!(g.tasks_at_max, 8);
        assert_eq!(g.rows[0].fit, Fit::TooSmall);
        let small = Decimal::from(4) * p("ec2.t3.small.hour") * h;
        let medium = Decimal::from(2) * p("ec2.t3.medium.hour") * h;
        assert_eq!(g.rows[1].monthly(), Some(small));
        assert_eq!(g.rows[2].monthly(), Some(medium));
        let cheapest = small.min(medium);
        assert_eq!(c.ec2_monthly, Some(cheapest));
        assert_eq!(g.rows[g.cheapest.unwrap()].ty.name, "t3.medium");
        // At the maximum (4 + 4 tasks): 4 per zone, 3 per t3.medium → 2 per zone.
        assert!(matches!(
            g.rows[2].fit,
            Fit::Fits {
                instances: 2,
                instances_at_max: 4,
                ..
            }
        ));
        // The numbers say EC2 is cheaper here; the words agree.
        assert!(cheapest < fargate);
        let v = verdict_text(&c, Lang::En);
        assert!(v.contains("less than Fargate"), "{v}");
        assert!(v.contains("2 × t3.medium"), "{v}");
        let text = render_text(&c, Lang::Ja);
        assert!(text.contains(RECOMMENDATION.ja), "{text}");
        assert!(text.contains("EBS"));
        let j = c.to_json(Lang::En);
        assert_eq!(
            j["ec2_cheapest_monthly_usd"],
            cost::cents(cheapest).to_string()
        );
        assert_eq!(
            j["fargate"]["monthly_usd"],
            cost::cents(fargate).to_string()
        );
    }

    #[test]
    fn an_unknown_fargate_price_is_said_not_zero() {
        let d = templates::find("party-box").unwrap().design().unwrap();
        let mut t = table(Region::ApNortheast1);
        t.prices.insert(
            "fargate.x86.vcpu_hour".into(),
            PriceEntry::Unknown {
                reason: "test: no source".into(),
            },
        );
        let c = compare(&d, &t);
        assert!(matches!(c.fargate, Some(FargateCost::Unknown(_))));
        assert!(c.ec2_monthly.is_some());
        assert_eq!(c.difference(), None);
        assert!(verdict_text(&c, Lang::En).contains("no Fargate price"));
        assert!(render_text(&c, Lang::En).contains("price unknown"));
    }

    #[test]
    fn ec2_launch_type_services_are_compared_too() {
        let mut n = svc("svc", "X86_64", 0.5, 1.0, 2.0);
        n.params
            .insert("launch_type".into(), ParamValue::Str("EC2".into()));
        let d = design_with(vec![cluster(), n]);
        let c = compare(&d, &table(Region::UsEast1));
        assert!(matches!(c.fargate, Some(FargateCost::Known(f)) if f > Decimal::ZERO));
    }

    #[test]
    fn zero_tasks() {
        let d = design_with(vec![cluster(), svc("svc", "X86_64", 0.5, 1.0, 0.0)]);
        let c = compare(&d, &table(Region::UsEast1));
        assert!(c.groups.is_empty());
        assert_eq!(c.ec2_monthly, Some(Decimal::ZERO));
        assert_eq!(c.fargate_monthly(), Some(Decimal::ZERO));
        assert!(verdict_text(&c, Lang::En).contains("0 tasks"));
    }

    #[test]
    fn every_type_has_a_key_and_a_sane_size() {
        assert_eq!(price_keys().len(), INSTANCE_TYPES.len());
        for t in INSTANCE_TYPES {
            assert!(
                t.task_cpu_units() > 0 && t.task_memory_mib() > 0,
                "{}",
                t.name
            );
            let family = t.name.split('.').next().unwrap();
            let graviton = family.ends_with('g');
            assert_eq!(t.arch == Arch::Arm64, graviton, "{}", t.name);
        }
    }
}
