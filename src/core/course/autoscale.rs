//! The auto-scaling simulator (issue 7, item 6; the chapter's Part 3, スケーリング): one day of
//! load, the CloudWatch alarm on the scaling metric, tasks added and removed, and what the
//! simulated day costs for a month, inside the cost engine's low–high range.
//!
//! # The load curve
//!
//! A day as [`STEPS_HOURLY`] hourly or [`STEPS_HALF_HOURLY`] half-hourly values. Each value is
//! the **demand in percent of one task**: how much of one task's CPU the traffic needs, so
//! `100` keeps one task fully busy and `250` is two and a half tasks' worth. The same curve
//! drives every auto-scaled ECS service of the design (in a party game the players reach the
//! front end and the API together); each service is measured against its own tasks. For a
//! memory or request-count metric the value is read the same way, as a share of that metric's
//! capacity per task.
//!
//! # The mechanics (ECS service auto scaling, target tracking, simplified to steps)
//!
//! - The day starts at the service's minimum task count (the night before was quiet).
//! - At the start of each step CloudWatch measures the metric over the tasks that are ready:
//!   utilisation = demand ÷ ready tasks.
//! - **Scale out**: when utilisation is over the target (`scaling_target_percent`, 70% in the
//!   chapter), Auto Scaling raises the desired count to the tasks that would bring it back to
//!   the target, `ceil(demand ÷ target)`, at most the maximum. ECS starts the new tasks at
//!   once: they are billed from this step, but they start up and pass the ALB's health check
//!   during it, so they carry load (and the ALB sends them traffic) from the next step.
//!   At the maximum nothing is added and the event says so.
//! - **Scale in**, more slowly: when even one task fewer would stay at or under the target
//!   (`ceil(demand ÷ target)` < ready tasks), one task is removed per step, never below the
//!   minimum, and only when [`SCALE_IN_COOLDOWN_MINUTES`] have passed since the last change
//!   (the scale-in cooldown). A removed task is drained by the ALB and not billed that step.
//! - A service without auto scaling (`scaling_metric` = `none`, or minimum = maximum) keeps
//!   its task count all day; the simulator says so and still shows its utilisation.
//! - Task counts follow the cost engine: minimum = min(`min_tasks`, `desired_tasks`),
//!   maximum = max(`max_tasks`, `desired_tasks`); without a metric the count is `desired_tasks`.
//!
//! # The cost
//!
//! A day's task-hours (tasks billed in each step × the step's hours), repeated for the month:
//! day task-hours × the design's `hours_per_month` ÷ 24. Priced by the cost engine itself
//! ([`cost::estimate_task_hours`], Fargate price keys from the table); every other line of the
//! design is the cost engine's. The band is [`cost::estimate_range`]'s low and high: a day at
//! the minimum equals low, a day at the maximum equals high, and every day lies between.
//!
//! Pure and total: never panics on a loadable design or any curve; a bad curve is a
//! [`CurveError`] with its reason in both languages.

use std::collections::BTreeMap;
use std::fmt::Write;

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::core::cost::{self, cents, dec, fmt_num, fmt_usd, Estimate, PriceTable};
use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::{Design, Node, NodeId};
use crate::core::document::region::Region;
use crate::core::support::i18n::{t, Lang, Text};
use crate::core::validate::Message;

/// The JSON form's format name and version ([`Simulation::to_json`]).
pub const FORMAT: &str = "kumozu-scale";
/// See [`FORMAT`].
pub const VERSION: u32 = 1;
/// Values of an hourly curve.
pub const STEPS_HOURLY: usize = 24;
/// Values of a half-hourly curve.
pub const STEPS_HALF_HOURLY: usize = 48;
/// Largest demand accepted, in percent of one task (5,000 tasks fully busy: the catalogue's
/// largest task count).
pub const MAX_DEMAND_PERCENT: f64 = 500_000.0;
/// Minutes after any change before Auto Scaling removes a task.
pub const SCALE_IN_COOLDOWN_MINUTES: u32 = 60;
/// Longest curve text [`Curve::parse`] reads, in characters.
pub const MAX_CURVE_CHARS: usize = 4096;

/// What is wrong with a load curve.
#[derive(Debug, Clone, PartialEq)]
pub enum CurveError {
    /// Not 24 or 48 values.
    Length {
        /// How many values there were.
        got: usize,
    },
    /// A value that is not a number.
    NotANumber {
        /// Its position, from 0.
        index: usize,
        /// What was written.
        text: String,
    },
    /// A number below 0 or above [`MAX_DEMAND_PERCENT`].
    OutOfRange {
        /// Its position, from 0.
        index: usize,
        /// The number.
        value: f64,
    },
    /// The text is longer than [`MAX_CURVE_CHARS`].
    TooLong,
}

impl CurveError {
    /// The reason, in both languages.
    pub fn message(&self) -> Message {
        match self {
            CurveError::Length { got } => Message::new(
                format!("負荷カーブは 24 個 (1 時間ごと) か 48 個 (30 分ごと) の値が必要ですが、{got} 個あります"),
                format!("a load curve needs 24 values (hourly) or 48 (half-hourly), not {got}"),
            ),
            CurveError::NotANumber { index, text } => {
                let shown: String = text.chars().take(20).collect();
                Message::new(
                    format!("{} 個目の値「{shown}」は数値ではありません", index + 1),
                    format!("value {} \"{shown}\" is not a number", index + 1),
                )
            }
            CurveError::OutOfRange { index, value } => Message::new(
                format!(
                    "{} 個目の値 {value} は範囲外です (0〜{} %、1 タスク分の負荷を 100 とする)",
                    index + 1,
                    MAX_DEMAND_PERCENT
                ),
                format!(
                    "value {} ({value}) is out of range: 0 to {} (percent of one task)",
                    index + 1,
                    MAX_DEMAND_PERCENT
                ),
            ),
            CurveError::TooLong => Message::new(
                format!("負荷カーブの文字列が長すぎます ({MAX_CURVE_CHARS} 文字まで)"),
                format!("the load curve text is too long (at most {MAX_CURVE_CHARS} characters)"),
            ),
        }
    }
}

/// A day of demand, validated: 24 or 48 values, each 0 to [`MAX_DEMAND_PERCENT`] percent of
/// one task.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    values: Vec<f64>,
}

impl Curve {
    /// Checks `values` and makes a curve of them.
    pub fn new(values: Vec<f64>) -> Result<Curve, CurveError> {
        if values.len() != STEPS_HOURLY && values.len() != STEPS_HALF_HOURLY {
            return Err(CurveError::Length { got: values.len() });
        }
        for (index, &value) in values.iter().enumerate() {
            if !value.is_finite() || !(0.0..=MAX_DEMAND_PERCENT).contains(&value) {
                return Err(CurveError::OutOfRange { index, value });
            }
        }
        Ok(Curve { values })
    }

    /// Reads a curve written as numbers separated by commas, spaces or new lines
    /// (`10,20,30,…`).
    pub fn parse(text: &str) -> Result<Curve, CurveError> {
        if text.chars().count() > MAX_CURVE_CHARS {
            return Err(CurveError::TooLong);
        }
        let mut values = Vec::new();
        for (index, part) in text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .enumerate()
        {
            match part.parse::<f64>() {
                Ok(v) if v.is_finite() => values.push(v),
                _ => {
                    return Err(CurveError::NotANumber {
                        index,
                        text: part.to_owned(),
                    })
                }
            }
        }
        Curve::new(values)
    }

    /// The values, percent of one task each.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Minutes in one step: 60 or 30.
    pub fn step_minutes(&self) -> u32 {
        (24 * 60 / self.values.len()) as u32
    }

    /// The curve with step `index` set to `value` (the app's sliders).
    pub fn with_value(&self, index: usize, value: f64) -> Result<Curve, CurveError> {
        let mut values = self.values.clone();
        if let Some(v) = values.get_mut(index) {
            *v = value;
        }
        Curve::new(values)
    }
}

/// A load curve to start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// Half the target at the minimum task count all day: nothing scales.
    Flat,
    /// A party game's day: quiet at night, players after school and work, a peak at 20:00
    /// that needs the maximum task count.
    Evening,
    /// A quiet day with a sudden spike at 13:00–14:00, more than the maximum can carry.
    Spike,
}

impl Preset {
    /// Every preset.
    pub const ALL: [Preset; 3] = [Preset::Flat, Preset::Evening, Preset::Spike];

    /// Stable id: `flat`, `evening`, `spike`.
    pub fn id(self) -> &'static str {
        match self {
            Preset::Flat => "flat",
            Preset::Evening => "evening",
            Preset::Spike => "spike",
        }
    }

    /// The preset with id `id`.
    pub fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    /// Its name.
    pub fn name(self) -> Text {
        match self {
            Preset::Flat => t("一定 (低負荷)", "Flat (light load)"),
            Preset::Evening => t("夜にピーク (パーティーゲーム)", "Evening peak (party game)"),
            Preset::Spike => t("突然のスパイク", "Sudden spike"),
        }
    }

    /// Its 24 hourly values for a service scaling as `setup` says: shaped between a light
    /// load at its minimum and its maximum, whole percents.
    pub fn curve(self, setup: &Setup) -> Curve {
        // Share of the way from light load to the peak, hour by hour (00:00 first).
        const EVENING: [f64; 24] = [
            0.05, 0.03, 0.02, 0.02, 0.02, 0.03, 0.08, 0.15, 0.2, 0.2, 0.22, 0.3, 0.35, 0.3, 0.28,
            0.3, 0.4, 0.55, 0.75, 0.9, 1.0, 0.95, 0.7, 0.35,
        ];
        let target = setup.target_percent;
        let light = setup.min as f64 * target * 0.5;
        // Just under the maximum's capacity at the target: the peak needs every task.
        let peak = (setup.max as f64 * target * 0.95).max(light);
        let values: Vec<f64> = (0..STEPS_HOURLY)
            .map(|h| match self {
                Preset::Flat => light,
                Preset::Evening => light * 0.6 + EVENING[h] * (peak - light * 0.6),
                Preset::Spike if h == 13 || h == 14 => {
                    (setup.max as f64 * target * 1.5).max(target)
                }
                Preset::Spike => light,
            })
            .map(|v| v.round().clamp(0.0, MAX_DEMAND_PERCENT))
            .collect();
        Curve::new(values).unwrap_or_else(|_| flat_zero())
    }
}

/// 24 zeros (never fails to build).
fn flat_zero() -> Curve {
    Curve {
        values: vec![0.0; STEPS_HOURLY],
    }
}

/// The metric a service scales on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Average CPU utilisation.
    Cpu,
    /// Average memory utilisation.
    Memory,
    /// ALB requests per task.
    AlbRequests,
    /// No auto scaling.
    None,
}

impl Metric {
    fn of(node: &Node) -> Metric {
        match node.text("scaling_metric") {
            "cpu" => Metric::Cpu,
            "memory" => Metric::Memory,
            "alb_requests" => Metric::AlbRequests,
            _ => Metric::None,
        }
    }

    /// Stable id, as the catalogue's `scaling_metric`.
    pub fn id(self) -> &'static str {
        match self {
            Metric::Cpu => "cpu",
            Metric::Memory => "memory",
            Metric::AlbRequests => "alb_requests",
            Metric::None => "none",
        }
    }

    /// What CloudWatch measures, as the events name it.
    pub fn name(self) -> Text {
        match self {
            Metric::Cpu | Metric::None => t("CPU", "CPU"),
            Metric::Memory => t("メモリ", "Memory"),
            Metric::AlbRequests => t("タスクあたりリクエスト", "Requests per task"),
        }
    }
}

/// How one ECS service scales, read from its parameters as the cost engine reads them.
#[derive(Debug, Clone, PartialEq)]
pub struct Setup {
    /// Fewest tasks.
    pub min: u32,
    /// Most tasks.
    pub max: u32,
    /// Tasks at deployment.
    pub desired: u32,
    /// The scaling metric.
    pub metric: Metric,
    /// The target (the alarm's threshold), percent.
    pub target_percent: f64,
    /// Whether the count never changes (no metric, or minimum = maximum).
    pub fixed: bool,
}

impl Setup {
    /// The setup of ECS service `node`.
    pub fn of(node: &Node) -> Setup {
        let count = |k: &str| {
            let v = node.num(k);
            if v.is_finite() && v > 0.0 {
                v.min(1e6).round() as u32
            } else {
                0
            }
        };
        let desired = count("desired_tasks");
        let metric = Metric::of(node);
        let (min, max) = if metric == Metric::None {
            (desired, desired)
        } else {
            (
                count("min_tasks").min(desired),
                count("max_tasks").max(desired),
            )
        };
        let target = node.num("scaling_target_percent");
        Setup {
            min,
            max,
            desired,
            metric,
            target_percent: if target.is_finite() && target > 0.0 {
                target
            } else {
                70.0
            },
            fixed: metric == Metric::None || min == max,
        }
    }

    /// The tasks that bring `demand` to the target, between the minimum and the maximum.
    fn needed(&self, demand: Decimal) -> u32 {
        let target = dec(self.target_percent);
        if target.is_zero() {
            return self.max;
        }
        let n = (demand / target).ceil();
        let n: u32 = n.try_into().unwrap_or(u32::MAX);
        n.clamp(self.min, self.max)
    }
}

/// One step of one service's day.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Minutes from midnight at the start of the step.
    pub start_minute: u32,
    /// The demand, percent of one task.
    pub demand: f64,
    /// Tasks ready when CloudWatch measured.
    pub ready: u32,
    /// Tasks billed during the step (ready + starting − removed): the count the chart shows.
    pub tasks: u32,
    /// The measured utilisation in percent (demand ÷ ready tasks); `None` when no task was
    /// ready for a demand above zero.
    pub utilisation: Option<f64>,
    /// Whether the measurement was over the target.
    pub over: bool,
    /// What happened, in words.
    pub events: Vec<Message>,
}

impl Step {
    /// `HH:MM` of the step's start.
    pub fn time(&self) -> String {
        format!(
            "{:02}:{:02}",
            self.start_minute / 60,
            self.start_minute % 60
        )
    }
}

/// Low, simulated and high monthly amounts in USD (cents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    /// At the minimum task counts all month (the cost engine's low case).
    pub low: Decimal,
    /// The simulated day, repeated for the month.
    pub simulated: Decimal,
    /// At the maximum task counts all month (the cost engine's high case).
    pub high: Decimal,
}

/// One ECS service through the day.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRun {
    /// The service.
    pub service: NodeId,
    /// Its label (as drawn).
    pub label: String,
    /// How it scales.
    pub setup: Setup,
    /// The CloudWatch node whose alarm drives it (an auto-scaling edge), if one is drawn.
    pub alarm: Option<NodeId>,
    /// Whether an ALB sends it traffic (an edge from an ALB).
    pub behind_alb: bool,
    /// Remarks on the whole day (no auto scaling, no alarm drawn).
    pub notes: Vec<Message>,
    /// The day, step by step.
    pub steps: Vec<Step>,
    /// Task-hours of the day.
    pub day_task_hours: Decimal,
    /// Task-hours of the month (the day repeated).
    pub month_task_hours: Decimal,
    /// The service's own lines: low, simulated and high (USD a month).
    pub band: Band,
}

impl ServiceRun {
    /// Most tasks billed in any step.
    pub fn peak_tasks(&self) -> u32 {
        self.steps.iter().map(|s| s.tasks).max().unwrap_or(0)
    }
}

/// A simulated day of a design.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    /// The load curve.
    pub curve: Curve,
    /// Every ECS service, in id order.
    pub runs: Vec<ServiceRun>,
    /// The whole design: low, simulated and high (USD a month, known lines).
    pub band: Band,
    /// The estimate of the simulated month.
    pub estimate: Estimate,
    /// Lines that could not be priced (not in any amount).
    pub unknown_lines: usize,
    /// The pricing table's version.
    pub table_version: String,
    /// Its region.
    pub region: Region,
    /// Hours in the month.
    pub hours_per_month: Decimal,
}

impl Simulation {
    /// The run of `service`.
    pub fn run(&self, service: &NodeId) -> Option<&ServiceRun> {
        self.runs.iter().find(|r| &r.service == service)
    }

    /// The JSON form (`kumozu scale --format json`), in both languages.
    pub fn to_json(&self) -> Value {
        let msg = |m: &Message| json!({ "ja": m.ja, "en": m.en });
        let band = |b: &Band| json!({ "low": usd(b.low), "simulated": usd(b.simulated), "high": usd(b.high) });
        let runs: Vec<Value> = self
            .runs
            .iter()
            .map(|r| {
                json!({
                    "service": r.service.as_str(),
                    "label": r.label,
                    "min_tasks": r.setup.min,
                    "max_tasks": r.setup.max,
                    "desired_tasks": r.setup.desired,
                    "scaling_metric": r.setup.metric.id(),
                    "target_percent": r.setup.target_percent,
                    "fixed": r.setup.fixed,
                    "alarm": r.alarm.as_ref().map(|a| a.as_str()),
                    "notes": r.notes.iter().map(msg).collect::<Vec<_>>(),
                    "day_task_hours": usd(r.day_task_hours),
                    "month_task_hours": usd(r.month_task_hours),
                    "monthly_usd": band(&r.band),
                    "steps": r.steps.iter().map(|s| json!({
                        "time": s.time(),
                        "demand_percent": s.demand,
                        "ready": s.ready,
                        "tasks": s.tasks,
                        "utilisation_percent": s.utilisation.map(|u| (u * 10.0).round() / 10.0),
                        "over_target": s.over,
                        "events": s.events.iter().map(msg).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({
            "format": FORMAT,
            "version": VERSION,
            "region": self.region.code(),
            "pricing_table_version": self.table_version,
            "hours_per_month": usd(self.hours_per_month),
            "currency": "USD",
            "step_minutes": self.curve.step_minutes(),
            "curve_percent_of_one_task": self.curve.values(),
            "monthly_usd": band(&self.band),
            "unknown_lines": self.unknown_lines,
            "services": runs,
        })
    }
}

/// A decimal as a JSON number.
fn usd(d: Decimal) -> Value {
    let text = d.normalize().to_string();
    if let Ok(i) = text.parse::<i64>() {
        return Value::from(i);
    }
    text.parse::<f64>().map(Value::from).unwrap_or(Value::Null)
}

/// "Task 3" or "Tasks 3–4".
fn task_names(first: u32, last: u32) -> (String, String) {
    if first == last {
        (format!("Task {first}"), format!("Task {first}"))
    } else {
        (
            format!("Task {first}〜{last}"),
            format!("Tasks {first}–{last}"),
        )
    }
}

fn pct(u: Option<f64>) -> String {
    match u {
        Some(u) => format!("{}%", fmt_num(dec(u).round_dp(0))),
        None => "—".to_owned(),
    }
}

/// A remark on a service's whole day, before the simulation starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// The scaling metric is `none`: the desired count all day.
    NoScaling {
        /// Tasks all day.
        desired: u32,
    },
    /// Minimum and maximum are equal: auto scaling cannot change the count.
    Fixed {
        /// The one task count.
        tasks: u32,
    },
    /// No auto-scaling connection from CloudWatch is drawn.
    NoAlarm,
}

impl Note {
    /// The remark a service's setup calls for, if any (`alarm`: an alarm is drawn).
    pub fn of(setup: &Setup, alarm: bool) -> Option<Note> {
        if setup.metric == Metric::None {
            Some(Note::NoScaling {
                desired: setup.desired,
            })
        } else if setup.fixed {
            Some(Note::Fixed { tasks: setup.min })
        } else if !alarm {
            Some(Note::NoAlarm)
        } else {
            None
        }
    }

    /// The remark in both languages.
    pub fn text(&self) -> Message {
        match *self {
            Note::NoScaling { desired } => Message::new(
                format!(
                    "オートスケーリングなし (スケーリング指標: none): 一日中 {desired} タスクのままです"
                ),
                format!("No auto scaling (scaling metric: none): {desired} task(s) all day"),
            ),
            Note::Fixed { tasks } => Message::new(
                format!(
                    "最小タスク数 = 最大タスク数 = {tasks}: オートスケーリングはタスク数を変えられません"
                ),
                format!("Minimum = maximum = {tasks} task(s): auto scaling cannot change the count"),
            ),
            Note::NoAlarm => Message::new(
                "CloudWatch からこのサービスへのオートスケーリングの線が描かれていません (ターゲット追跡ポリシーなら AWS がアラームを自動で作ります)",
                "No auto-scaling connection from CloudWatch to this service is drawn (a target-tracking policy creates its alarms itself)",
            ),
        }
    }
}

/// What auto scaling did after one measurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Over the target, but the task count is fixed: nothing is added.
    FixedOver,
    /// Over the target: the desired count goes from `from` to `to`, ECS starts the new tasks.
    ScaleOut {
        /// Tasks ready before.
        from: u32,
        /// The new desired count.
        to: u32,
    },
    /// Over the target, but the service is at its maximum.
    AtMax {
        /// The maximum task count.
        max: u32,
    },
    /// Well below the target: one task is drained and stopped.
    ScaleIn {
        /// Tasks ready before (the one stopped is the last).
        from: u32,
    },
    /// Below the target, but within the scale-in cooldown: the count stays.
    Cooldown {
        /// Tasks kept.
        tasks: u32,
    },
}

impl Event {
    /// What auto scaling does with `ready` tasks and `demand` (percent of one task), over the
    /// target or not, with the scale-in cooldown over (`cooled`) or not.
    fn decide(
        setup: &Setup,
        demand: Decimal,
        over: bool,
        ready: u32,
        cooled: bool,
    ) -> Option<Event> {
        if setup.fixed {
            return over.then_some(Event::FixedOver);
        }
        if over {
            let needed = setup.needed(demand);
            return Some(if needed > ready {
                Event::ScaleOut {
                    from: ready,
                    to: needed,
                }
            } else {
                Event::AtMax { max: setup.max }
            });
        }
        if setup.needed(demand) < ready {
            return Some(if cooled {
                Event::ScaleIn { from: ready }
            } else {
                Event::Cooldown { tasks: ready }
            });
        }
        None
    }

    /// The event in both languages, after the `reading` that caused it.
    pub fn text(&self, reading: &Reading) -> Message {
        let metric = reading.metric.name();
        let u = pct(reading.utilisation);
        let (mja, men) = (
            format!("CloudWatch: {} {u}", metric.ja),
            format!("CloudWatch: {} {u}", metric.en),
        );
        let target_txt = format!("{}%", fmt_num(dec(reading.target_percent)));
        match *self {
            Event::FixedOver => Message::new(
                format!(
                    "{mja} > {target_txt}: タスク数が固定なので何も追加されません (応答が遅くなります)"
                ),
                format!(
                    "{men} > {target_txt}: the task count is fixed, so nothing is added (responses slow down)"
                ),
            ),
            Event::ScaleOut { from, to } => {
                let (ja, en) = task_names(from + 1, to);
                let (alb_ja, alb_en) = if reading.behind_alb {
                    (
                        "ALB が登録してトラフィックを分散",
                        "ALB registers it and spreads traffic to it",
                    )
                } else {
                    (
                        "ALB がないので誰もトラフィックを分散しません",
                        "no ALB in front, so nothing spreads traffic to it",
                    )
                };
                Message::new(
                    format!(
                        "{mja} > {target_txt} → Auto Scaling が発動 (希望タスク数 {from} → {to}) → ECS が {ja} を起動 → 起動完了後、{alb_ja}"
                    ),
                    format!(
                        "{men} > {target_txt} → Auto Scaling raises the desired count {from} → {to} → ECS starts {en} → once healthy, {alb_en}"
                    ),
                )
            }
            Event::AtMax { max } => Message::new(
                format!(
                    "{mja} > {target_txt} ですが、最大タスク数 {max} に達しているため追加できません (応答が遅くなります)"
                ),
                format!(
                    "{men} > {target_txt}, but the service is at its maximum of {max} tasks: nothing is added (responses slow down)"
                ),
            ),
            Event::ScaleIn { from } => Message::new(
                format!(
                    "{mja} ({target_txt} を大きく下回る) → Auto Scaling が 1 タスク減らす (希望タスク数 {from} → {}) → ALB が Task {from} を登録解除 → ECS が停止",
                    from - 1
                ),
                format!(
                    "{men} (well below {target_txt}) → Auto Scaling lowers the desired count {from} → {} → ALB drains Task {from} → ECS stops it",
                    from - 1
                ),
            ),
            Event::Cooldown { tasks } => Message::new(
                format!(
                    "{mja} は低いですが、スケールインのクールダウン (前回の変更から {SCALE_IN_COOLDOWN_MINUTES} 分) 中なので {tasks} タスクのままです"
                ),
                format!(
                    "{men} is low, but the scale-in cooldown ({SCALE_IN_COOLDOWN_MINUTES} min since the last change) keeps {tasks} tasks"
                ),
            ),
        }
    }
}

/// What CloudWatch measured when an event happened, and what the words about it need.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    /// The scaling metric.
    pub metric: Metric,
    /// The measured utilisation in percent (`None`: no task ready for a demand above zero).
    pub utilisation: Option<f64>,
    /// The target, percent.
    pub target_percent: f64,
    /// Whether an ALB sends the service traffic.
    pub behind_alb: bool,
}

/// Simulates one service through the day (no prices).
pub fn simulate_service(design: &Design, node: &Node, curve: &Curve) -> ServiceRun {
    let setup = Setup::of(node);
    let alarm = design
        .edges
        .values()
        .filter(|e| e.kind == EdgeKind::Scaling && e.to == node.id)
        .find(|e| design.nodes.get(&e.from).map(|n| n.kind) == Some(Kind::Cloudwatch))
        .map(|e| e.from.clone());
    let behind_alb = design
        .edges
        .values()
        .any(|e| e.to == node.id && design.nodes.get(&e.from).map(|n| n.kind) == Some(Kind::Alb));
    let notes = Note::of(&setup, alarm.is_some())
        .map(|n| n.text())
        .into_iter()
        .collect();
    let step_min = curve.step_minutes();
    let step_hours = Decimal::from(step_min) / Decimal::from(60);
    let mut ready = if setup.fixed {
        setup.desired
    } else {
        setup.min
    };
    let mut starting = 0u32;
    let mut last_change: Option<usize> = None;
    let mut steps = Vec::with_capacity(curve.values.len());
    let mut day_task_hours = Decimal::ZERO;
    for (i, &demand) in curve.values.iter().enumerate() {
        ready += starting;
        starting = 0;
        let measured_ready = ready;
        let d = dec(demand);
        let utilisation = if ready > 0 {
            Some(demand / ready as f64)
        } else if d.is_zero() {
            Some(0.0)
        } else {
            None
        };
        let over = d > dec(setup.target_percent) * Decimal::from(ready);
        let cooled =
            last_change.is_none_or(|l| (i - l) as u32 * step_min >= SCALE_IN_COOLDOWN_MINUTES);
        let event = Event::decide(&setup, d, over, ready, cooled);
        let mut tasks = ready;
        match event {
            Some(Event::ScaleOut { to, .. }) => {
                starting = to - ready;
                tasks = to;
                last_change = Some(i);
            }
            Some(Event::ScaleIn { from }) => {
                ready = from - 1;
                tasks = ready;
                last_change = Some(i);
            }
            _ => {}
        }
        let reading = Reading {
            metric: setup.metric,
            utilisation,
            target_percent: setup.target_percent,
            behind_alb,
        };
        day_task_hours += Decimal::from(tasks) * step_hours;
        steps.push(Step {
            start_minute: i as u32 * step_min,
            demand,
            ready: measured_ready,
            tasks,
            utilisation,
            over,
            events: event.map(|e| e.text(&reading)).into_iter().collect(),
        });
    }
    ServiceRun {
        service: node.id.clone(),
        label: node.display_label(Lang::En).to_owned(),
        setup,
        alarm,
        behind_alb,
        notes,
        steps,
        day_task_hours,
        month_task_hours: Decimal::ZERO,
        band: Band {
            low: Decimal::ZERO,
            simulated: Decimal::ZERO,
            high: Decimal::ZERO,
        },
    }
}

/// Simulates every ECS service of `design` through the day of `curve` and prices the month
/// from `table`.
pub fn simulate(design: &Design, curve: &Curve, table: &PriceTable) -> Simulation {
    let range = cost::estimate_range(design, table);
    let hours = range.low.hours_per_month;
    let mut runs: Vec<ServiceRun> = design
        .nodes
        .values()
        .filter(|n| n.kind == Kind::EcsService)
        .map(|n| simulate_service(design, n, curve))
        .collect();
    let mut task_hours = BTreeMap::new();
    for r in &mut runs {
        r.month_task_hours = r.day_task_hours * hours / Decimal::from(24);
        if !r.setup.fixed {
            task_hours.insert(
                r.service.clone(),
                (
                    r.month_task_hours,
                    format!(
                        "({} task-h a day × {} h ÷ 24 h)",
                        fmt_num(r.day_task_hours),
                        fmt_num(hours)
                    ),
                ),
            );
        }
    }
    let estimate = cost::estimate_task_hours(design, table, &range.low, &task_hours);
    for r in &mut runs {
        r.band = Band {
            low: cents(range.low.node_total(&r.service)),
            simulated: cents(estimate.node_total(&r.service)),
            high: cents(range.high.node_total(&r.service)),
        };
    }
    Simulation {
        curve: curve.clone(),
        runs,
        band: Band {
            low: range.low.total_monthly_usd,
            simulated: estimate.total_monthly_usd,
            high: range.high.total_monthly_usd,
        },
        unknown_lines: estimate.unknown_lines,
        table_version: estimate.table_version.clone(),
        region: estimate.region,
        hours_per_month: hours,
        estimate,
    }
}

/// The simulation as text (`kumozu scale`): per service (or only `only`) a line per step with
/// demand, tasks, utilisation and events, then the cost band.
pub fn render_text(sim: &Simulation, lang: Lang, only: Option<&NodeId>) -> String {
    let ja = lang == Lang::Ja;
    let mut out = String::new();
    if sim.runs.is_empty() {
        out.push_str(if ja {
            "この設計には ECS サービスがありません。スケールするものがありません。\n"
        } else {
            "This design has no ECS service: nothing to scale.\n"
        });
    }
    for r in sim
        .runs
        .iter()
        .filter(|r| only.is_none_or(|o| o == &r.service))
    {
        let s = &r.setup;
        let _ = writeln!(
            out,
            "{} ({}): {}",
            r.label,
            r.service,
            if ja {
                format!(
                    "最小 {} · 最大 {} タスク · 指標 {} · 目標 {}%",
                    s.min,
                    s.max,
                    s.metric.id(),
                    fmt_num(dec(s.target_percent))
                )
            } else {
                format!(
                    "min {} · max {} tasks · metric {} · target {}%",
                    s.min,
                    s.max,
                    s.metric.id(),
                    fmt_num(dec(s.target_percent))
                )
            }
        );
        for n in &r.notes {
            let _ = writeln!(out, "  {}", n.get(lang));
        }
        let head = if ja {
            ["時刻", "負荷", "タスク", "使用率"]
        } else {
            ["time", "demand", "tasks", "util."]
        };
        let _ = writeln!(
            out,
            "  {:<5}  {:>7}  {:>5}  {:>6}",
            head[0], head[1], head[2], head[3]
        );
        for st in &r.steps {
            let _ = writeln!(
                out,
                "  {:<5}  {:>6}%  {:>5}  {:>6}",
                st.time(),
                fmt_num(dec(st.demand)),
                st.tasks,
                pct(st.utilisation)
            );
            for e in &st.events {
                let _ = writeln!(out, "         {}", e.get(lang));
            }
        }
        let _ = writeln!(
            out,
            "  {}: {} · {}: {} – {} – {}\n",
            if ja {
                "1 日のタスク時間"
            } else {
                "task-hours a day"
            },
            fmt_num(r.day_task_hours),
            if ja {
                "月額 (最小 – 試算 – 最大)"
            } else {
                "monthly (low – simulated – high)"
            },
            fmt_usd(r.band.low),
            fmt_usd(r.band.simulated),
            fmt_usd(r.band.high),
        );
    }
    let _ = writeln!(
        out,
        "{}: {} – {} – {} (USD, {}; {} {}, {} h/{})",
        if ja {
            "設計全体の月額 (最小 – この 1 日を 1 か月続けた場合 – 最大)"
        } else {
            "Design monthly (low – this day for a month – high)"
        },
        fmt_usd(sim.band.low),
        fmt_usd(sim.band.simulated),
        fmt_usd(sim.band.high),
        if ja { "税抜" } else { "before tax" },
        sim.region.code(),
        sim.table_version,
        fmt_num(sim.hours_per_month),
        if ja { "月" } else { "month" },
    );
    if sim.unknown_lines > 0 {
        let _ = writeln!(
            out,
            "{}: {}",
            if ja {
                "価格不明の行"
            } else {
                "Lines with unknown price"
            },
            sim.unknown_lines
        );
    }
    out
}
