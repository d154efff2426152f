//! The cost engine (課題 3): a monthly estimate of a design, per node and per cost component,
//! priced from a [`PriceTable`] (data, one file per region).
//!
//! Each priced kind lives in its own file under `kinds/`, declares the parameters and usage
//! assumptions it reads, and returns cost components with the formula as text. Money is a
//! `rust_decimal::Decimal`; a month is the design's `hours_per_month` (730 by default, as the
//! AWS Pricing Calculator uses).
//!
//! What this module must never do: invent a price or show a silent $0. A price the table does
//! not know, or a cost that depends on something the design does not say, is a line whose
//! `monthly` is `None` with the reason, and it is counted in [`Estimate::unknown_lines`].
//! Free things are lines too, marked free with the reason. The engine never panics on a
//! loadable design (property-tested).

mod money;
mod table;

pub mod csv;
pub mod kinds;
mod render;
mod shown;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::core::document::catalogue::Kind;
use crate::core::document::model::{Design, Node, NodeId};
use crate::core::document::region::Region;
use crate::core::support::i18n::{Lang, Text};

pub use money::{cents, dec, fmt_num, fmt_price, fmt_usd};
use money::{push_num, push_usd};
pub use render::render_text;
pub use shown::{Shown, CONSUMPTION_TAX_PERCENT};
pub use table::{
    bundled_json, Price, PriceEntry, PriceTable, PriceTableError, Trust, FORMAT, MAX_TABLE_BYTES,
    VERSION,
};

/// A text made at run time, in both languages (reasons that quote a table or a number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
}

impl Reason {
    /// The reason in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

impl From<Text> for Reason {
    fn from(t: Text) -> Reason {
        Reason {
            ja: t.ja.to_owned(),
            en: t.en.to_owned(),
        }
    }
}

/// What a line's amount is.
#[derive(Debug, Clone, PartialEq)]
pub enum LineStatus {
    /// Priced from the table: `monthly` is `quantity × unit_price`.
    Priced,
    /// Free by AWS's rules (an ACM public certificate, a VPC, an S3 gateway endpoint): `monthly`
    /// is zero, and this says why.
    Free(Text),
    /// The table has no price, but nothing is used (quantity zero), so it costs nothing.
    UnpricedButUnused(Reason),
    /// Cannot be priced: the price is unknown, or a quantity the design does not give.
    /// `monthly` is `None`.
    Unknown(Reason),
}

/// One cost component of one node (or of the whole design), for one month.
#[derive(Debug, Clone, PartialEq)]
pub struct CostLine {
    /// The node it belongs to; `None` for design-wide lines (data transfer out to the internet).
    pub node: Option<NodeId>,
    /// That node's kind.
    pub kind: Option<Kind>,
    /// What is charged, in both languages (`vCPU hours`, `Data transfer out (first 10 TB)`).
    pub component: Text,
    /// How much, in `unit`s (never negative). For a tiered price, the amount in this tier after
    /// any free allowance.
    pub quantity: Decimal,
    /// The unit of `quantity` and of `unit_price` (`vCPU-hour`, `GB-month`, `1M requests`).
    pub unit: &'static str,
    /// US dollars per unit, when known.
    pub unit_price: Option<Decimal>,
    /// US dollars this month at full precision (round with [`cents`] to show it); `None` when it
    /// cannot be priced (see `status`).
    pub monthly: Option<Decimal>,
    /// How the amount is made, e.g. `2 tasks × 730 h × 0.5 vCPU = 730 vCPU-hour × $0.04048 = $29.55`.
    pub formula: String,
    /// The table key of the unit price (`fargate.x86.vcpu_hour`), if the line is priced from one.
    pub price_key: Option<String>,
    /// The table entry the unit price comes from (its source, source date and trust).
    pub source: Option<Arc<Price>>,
    /// Priced, free, or unknown (with the reason).
    pub status: LineStatus,
}

impl CostLine {
    /// Whether the line could not be priced.
    pub fn is_unknown(&self) -> bool {
        self.monthly.is_none()
    }

    /// The monthly amount rounded to cents, when known.
    pub fn monthly_cents(&self) -> Option<Decimal> {
        self.monthly.map(cents)
    }
}

/// Which auto-scaling case to price ECS services at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Scenario {
    /// Every service at its minimum task count all month.
    Low,
    /// Desired tasks, plus maximum tasks during the design's `peak_hours_per_month`.
    #[default]
    Expected,
    /// Every service at its maximum task count all month.
    High,
}

impl Scenario {
    /// Stable id: `low`, `expected`, `high`.
    pub fn id(self) -> &'static str {
        match self {
            Scenario::Low => "low",
            Scenario::Expected => "expected",
            Scenario::High => "high",
        }
    }
}

/// A monthly estimate of a design.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// Every line: nodes in id order, each with its components, then design-wide lines.
    pub lines: Vec<CostLine>,
    /// The sum of every known line, rounded to cents. Lines with an unknown amount are not
    /// in it; `unknown_lines` says how many there are.
    pub total_monthly_usd: Decimal,
    /// How many lines could not be priced.
    pub unknown_lines: usize,
    /// The version of the pricing table every line was priced from.
    pub table_version: String,
    /// The region of that table.
    pub region: Region,
    /// The auto-scaling case it prices.
    pub scenario: Scenario,
    /// The month length used for running resources (the design's `hours_per_month`).
    pub hours_per_month: Decimal,
}

impl Estimate {
    /// The known amount of one node's lines, at full precision.
    pub fn node_total(&self, node: &NodeId) -> Decimal {
        self.lines
            .iter()
            .filter(|l| l.node.as_ref() == Some(node))
            .filter_map(|l| l.monthly)
            .sum()
    }

    /// What leaving the design running for one day costs: the monthly total × 24 h ÷ the
    /// hours in the month, rounded to cents (storage is spread over the month too).
    pub fn per_day_usd(&self) -> Decimal {
        if self.hours_per_month.is_zero() {
            return Decimal::ZERO;
        }
        cents(self.total_monthly_usd * Decimal::from(24) / self.hours_per_month)
    }

    /// Known amounts summed per node kind (design-wide lines under `None`), for a chart.
    pub fn by_kind(&self) -> BTreeMap<Option<Kind>, Decimal> {
        let mut out: BTreeMap<Option<Kind>, Decimal> = BTreeMap::new();
        for l in &self.lines {
            if let Some(m) = l.monthly {
                *out.entry(l.kind).or_default() += m;
            }
        }
        out
    }
}

/// The three auto-scaling cases of one design.
#[derive(Debug, Clone, PartialEq)]
pub struct EstimateRange {
    /// Minimum tasks all month.
    pub low: Estimate,
    /// Desired tasks, maximum at peak hours.
    pub expected: Estimate,
    /// Maximum tasks all month.
    pub high: Estimate,
}

/// The monthly estimate of `design` priced from `table`, in the expected auto-scaling case.
pub fn estimate(design: &Design, table: &PriceTable) -> Estimate {
    estimate_scenario(design, table, Scenario::Expected)
}

/// Low, expected and high estimates of `design`. They differ only in ECS task counts, so the
/// low and high cases re-price the ECS services and share every other line with the expected one.
pub fn estimate_range(design: &Design, table: &PriceTable) -> EstimateRange {
    let expected = estimate_scenario(design, table, Scenario::Expected);
    EstimateRange {
        low: rescale(design, table, &expected, Scenario::Low),
        high: rescale(design, table, &expected, Scenario::High),
        expected,
    }
}

/// The monthly estimate of `design` priced from `table` in one auto-scaling case.
/// The table decides the region of the prices; the design's subnets decide AZ counts.
pub fn estimate_scenario(design: &Design, table: &PriceTable, scenario: Scenario) -> Estimate {
    let mut ctx = Ctx::new(design, table, scenario);
    for node in design.nodes.values() {
        kinds::price_node(node, &mut ctx);
    }
    kinds::price_design(&mut ctx);
    ctx.finish()
}

/// `base` (an estimate of `design`) in another auto-scaling case: the ECS services are priced
/// again, every other line is copied. Lines come in node order, each node's together, and no
/// free allowance is shared with ECS services, so this equals `estimate_scenario` (tested).
fn rescale(design: &Design, table: &PriceTable, base: &Estimate, scenario: Scenario) -> Estimate {
    let mut ctx = Ctx::new(design, table, scenario);
    let mut i = 0;
    for node in design.nodes.values() {
        let start = i;
        while base.lines.get(i).and_then(|l| l.node.as_ref()) == Some(&node.id) {
            i += 1;
        }
        if node.kind == Kind::EcsService {
            kinds::price_node(node, &mut ctx);
        } else {
            ctx.lines.extend_from_slice(&base.lines[start..i]);
        }
    }
    ctx.lines.extend_from_slice(&base.lines[i..]);
    ctx.finish()
}

/// `base` (an estimate of `design`) with some ECS services run for a given number of
/// task-hours in the month instead of their case's count: `task_hours` maps a service to its
/// task-hours and the text that says how they are made. Every other line is copied from
/// `base`, so with the task-hours of `base`'s case this equals `base` (the auto-scaling
/// simulator, `core::autoscale`, relies on it and tests it). An EC2-launch-type service stays
/// unknown, as in every case.
pub fn estimate_task_hours(
    design: &Design,
    table: &PriceTable,
    base: &Estimate,
    task_hours: &BTreeMap<NodeId, (Decimal, String)>,
) -> Estimate {
    let mut ctx = Ctx::new(design, table, base.scenario);
    let mut i = 0;
    for node in design.nodes.values() {
        let start = i;
        while base.lines.get(i).and_then(|l| l.node.as_ref()) == Some(&node.id) {
            i += 1;
        }
        match task_hours.get(&node.id) {
            Some((th, expr)) if node.kind == Kind::EcsService => {
                if node.text("launch_type") == "EC2" {
                    kinds::price_node(node, &mut ctx);
                } else {
                    kinds::fargate::price_task_hours(node, &mut ctx, *th, expr.clone());
                }
            }
            _ => ctx.lines.extend_from_slice(&base.lines[start..i]),
        }
    }
    ctx.lines.extend_from_slice(&base.lines[i..]);
    ctx.finish()
}

/// One tier of a tiered price: the table key and how many units it spans (`None`: the rest).
#[derive(Debug, Clone)]
pub(crate) struct Tier {
    /// Price key.
    pub key: String,
    /// Units in this tier; `None` for the last, open-ended tier.
    pub size: Option<Decimal>,
    /// The component name for this tier.
    pub name: Text,
}

/// An account-wide free allowance shared by every node of a design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pool {
    /// CloudWatch: 5 GB of log data (ingestion, then storage).
    CloudwatchLogs,
    /// CloudWatch: 10 standard alarm metrics.
    CloudwatchAlarms,
    /// CloudWatch: 10 custom metrics.
    CloudwatchMetrics,
    /// Lambda: 1 M requests.
    LambdaRequests,
    /// Lambda: 400,000 GB-seconds.
    LambdaGbSeconds,
    /// SQS: 1 M requests.
    SqsRequests,
}

impl Pool {
    const COUNT: usize = Pool::SqsRequests as usize + 1;
}

/// What the kinds write into while a design is priced.
pub(crate) struct Ctx<'a> {
    /// The design being priced.
    pub design: &'a Design,
    /// The prices.
    pub table: &'a PriceTable,
    /// Which auto-scaling case.
    pub scenario: Scenario,
    /// Hours in the month (design usage `hours_per_month`).
    pub hours: Decimal,
    /// Peak hours in the month, at most `hours`.
    pub peak_hours: Decimal,
    /// What is left of each account-wide free allowance (`None`: untouched). Free allowances
    /// are spent on nodes in id order, so the result depends on nothing but the design.
    pools: [Option<Decimal>; Pool::COUNT],
    /// The lines so far.
    pub lines: Vec<CostLine>,
}

impl<'a> Ctx<'a> {
    fn new(design: &'a Design, table: &'a PriceTable, scenario: Scenario) -> Ctx<'a> {
        let hours = dec(design.usage("hours_per_month"));
        Ctx {
            design,
            table,
            scenario,
            hours,
            peak_hours: dec(design.usage("peak_hours_per_month")).min(hours),
            pools: [None; Pool::COUNT],
            lines: Vec::with_capacity(design.nodes.len() * 3 + 4),
        }
    }

    fn finish(self) -> Estimate {
        let lines = self.lines;
        let known: Decimal = lines.iter().filter_map(|l| l.monthly).sum();
        let unknown_lines = lines.iter().filter(|l| l.is_unknown()).count();
        Estimate {
            lines,
            total_monthly_usd: cents(known),
            unknown_lines,
            table_version: self.table.table_version.clone(),
            region: self.table.region,
            scenario: self.scenario,
            hours_per_month: self.hours,
        }
    }
}

/// `true` when the quantity text is more than the quantity itself (then the formula repeats
/// the quantity before the price).
fn is_compound(expr: &str) -> bool {
    expr.contains(['×', '−', '÷', '+', '('])
}

impl Ctx<'_> {
    /// Looks up `key` and checks that the table's unit is the one the engine multiplies by.
    fn lookup(&self, key: &str, unit: &str) -> Result<&Arc<Price>, Reason> {
        match self.table.get(key) {
            Some(PriceEntry::Known(p)) if p.unit == unit => Ok(p),
            Some(PriceEntry::Known(p)) => Err(Reason {
                ja: format!(
                    "価格表 {} の {key} の単位が「{}」で、想定の「{unit}」と違うため使えません",
                    self.table.table_version, p.unit
                ),
                en: format!(
                    "table {} gives {key} per \"{}\", not per \"{unit}\"; not used",
                    self.table.table_version, p.unit
                ),
            }),
            Some(PriceEntry::Unknown { reason }) => Err(Reason {
                ja: format!("価格不明 ({key}): {reason}"),
                en: format!("price unknown ({key}): {reason}"),
            }),
            None => Err(Reason {
                ja: format!(
                    "価格不明: 価格表 {} に {key} がありません",
                    self.table.table_version
                ),
                en: format!(
                    "price unknown: table {} has no {key}",
                    self.table.table_version
                ),
            }),
        }
    }

    /// Adds a line priced from `key`: `quantity` units of `unit`, made as `expr` says.
    pub fn priced(
        &mut self,
        node: Option<&Node>,
        name: Text,
        key: &str,
        unit: &'static str,
        quantity: Decimal,
        expr: String,
    ) {
        let quantity = quantity.max(Decimal::ZERO);
        // The formula: how the quantity is made, the quantity when that was a calculation,
        // the unit price and the amount, e.g. "2 tasks × 730 h × 0.5 vCPU = 730 vCPU-hour ×
        // $0.04048 = $29.55". Written into one string: this runs for every line of every edit.
        let mut formula = expr;
        if is_compound(&formula) {
            formula.push_str(" = ");
            push_num(&mut formula, quantity);
            // "= 730 vCPU-hour", but "= 2 × 1M requests" for units that start with a count.
            formula.push_str(if unit.starts_with(|c: char| c.is_ascii_digit()) {
                " × "
            } else {
                " "
            });
            formula.push_str(unit);
        }
        let (unit_price, monthly, source, status) = match self.lookup(key, unit) {
            Ok(p) => match quantity.checked_mul(p.usd) {
                Some(m) => {
                    let _ = write!(formula, " × ${} = ", p.usd);
                    push_usd(&mut formula, m);
                    (
                        Some(p.usd),
                        Some(m),
                        Some(Arc::clone(p)),
                        LineStatus::Priced,
                    )
                }
                None => {
                    formula.push_str(" × ");
                    formula.push_str(&fmt_price(p.usd));
                    formula.push_str(" = (too large)");
                    (
                        Some(p.usd),
                        None,
                        None,
                        LineStatus::Unknown(Reason {
                            ja: "金額が大きすぎて計算できません".into(),
                            en: "the amount is too large to compute".into(),
                        }),
                    )
                }
            },
            Err(reason) if quantity.is_zero() => {
                formula.push_str(" (price unknown, nothing used) = $0.00");
                (
                    None,
                    Some(Decimal::ZERO),
                    None,
                    LineStatus::UnpricedButUnused(reason),
                )
            }
            Err(reason) => {
                formula.push_str(" × price unknown");
                (None, None, None, LineStatus::Unknown(reason))
            }
        };
        self.lines.push(CostLine {
            node: node.map(|n| n.id.clone()),
            kind: node.map(|n| n.kind),
            component: name,
            quantity,
            unit,
            unit_price,
            monthly,
            formula,
            price_key: Some(key.to_owned()),
            source,
            status,
        });
    }

    /// Adds an explicitly free line.
    pub fn free(&mut self, node: &Node, name: Text, why: Text) {
        self.lines.push(CostLine {
            node: Some(node.id.clone()),
            kind: Some(node.kind),
            component: name,
            quantity: Decimal::ZERO,
            unit: "",
            unit_price: Some(Decimal::ZERO),
            monthly: Some(Decimal::ZERO),
            formula: format!("free: {}", why.en),
            price_key: None,
            source: None,
            status: LineStatus::Free(why),
        });
    }

    /// Adds a line whose quantity the design does not give (so it cannot be priced).
    pub fn unknown_quantity(
        &mut self,
        node: &Node,
        name: Text,
        key: Option<&str>,
        unit: &'static str,
        why: Text,
    ) {
        self.lines.push(CostLine {
            node: Some(node.id.clone()),
            kind: Some(node.kind),
            component: name,
            quantity: Decimal::ZERO,
            unit,
            unit_price: key.and_then(|k| self.lookup(k, unit).ok()).map(|p| p.usd),
            monthly: None,
            formula: format!("quantity unknown: {}", why.en),
            price_key: key.map(str::to_owned),
            source: None,
            status: LineStatus::Unknown(why.into()),
        });
    }

    /// Takes up to `want` from the account-wide free allowance `pool` (which starts at
    /// `allowance` each month) and returns what was taken.
    pub fn take_free(&mut self, pool: Pool, allowance: Decimal, want: Decimal) -> Decimal {
        let left = self.pools[pool as usize].get_or_insert(allowance);
        let taken = want.max(Decimal::ZERO).min(*left);
        *left -= taken;
        taken
    }

    /// Adds one line per tier that `total` reaches (always the first), the first `free` units
    /// being free. `what` names the units in formulas (`GB`, `M requests`); `lead`, when given,
    /// says how `total` is made and starts the first line's formula.
    #[allow(clippy::too_many_arguments)]
    pub fn tiered(
        &mut self,
        node: Option<&Node>,
        tiers: &[Tier],
        unit: &'static str,
        what: &str,
        total: Decimal,
        free: Decimal,
        lead: Option<&str>,
    ) {
        let total = total.max(Decimal::ZERO);
        let free = free.max(Decimal::ZERO).min(total);
        let mut start = Decimal::ZERO;
        for (i, tier) in tiers.iter().enumerate() {
            let end = tier.size.map(|s| start + s);
            let in_tier = match end {
                Some(e) => (total.min(e) - start).max(Decimal::ZERO),
                None => (total - start).max(Decimal::ZERO),
            };
            if i > 0 && in_tier.is_zero() {
                break;
            }
            let free_here = (free.min(start + in_tier) - start).max(Decimal::ZERO);
            let billable = in_tier - free_here;
            let mut expr = if tiers.len() > 1 && i == 0 && end.is_some_and(|e| total > e) {
                format!("{} {what} of {} {what}", fmt_num(in_tier), fmt_num(total))
            } else {
                format!("{} {what}", fmt_num(in_tier))
            };
            if !free_here.is_zero() {
                expr.push_str(&format!(" − {} {what} free", fmt_num(free_here)));
            }
            if let (0, Some(lead)) = (i, lead) {
                expr = format!("{lead}; {expr}");
            }
            self.priced(node, tier.name, &tier.key, unit, billable, expr);
            start = match end {
                Some(e) => e,
                None => break,
            };
        }
    }

    /// How many AZs the subnet tier around `node` spans, if it sits in one that lists them.
    pub fn subnet_azs(&self, node: &Node) -> Option<usize> {
        self.design
            .enclosing(&node.id, Kind::Subnet)
            .map(|s| s.list("azs").len())
            .filter(|n| *n > 0)
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the kinds' unit tests: one node in a small design, priced from a bundled table.

    use super::*;
    use crate::core::document::catalogue::Kind;
    use crate::core::document::model::{ParamValue, Point};

    /// A design in us-east-1 with a VPC, a public and a private tier (both over AZs a and c),
    /// and `nodes`.
    pub fn design_with(nodes: Vec<Node>) -> Design {
        let mut d = Design::empty("test", Region::UsEast1);
        let vpc = Node::new("vpc", Kind::Vpc, Point::default());
        let mut public = Node::new("public", Kind::Subnet, Point::default());
        public.parent = Some("vpc".into());
        public
            .params
            .insert("tier".into(), ParamValue::Str("public".into()));
        let mut private = Node::new("private", Kind::Subnet, Point::default());
        private.parent = Some("vpc".into());
        d.add_node(vpc);
        d.add_node(public);
        d.add_node(private);
        for n in nodes {
            d.add_node(n);
        }
        d
    }

    /// A node of `kind` with `params` set (numbers, strings and booleans).
    pub fn node(id: &str, kind: Kind, parent: Option<&str>, params: &[(&str, ParamValue)]) -> Node {
        let mut n = Node::new(id, kind, Point::default());
        n.parent = parent.map(NodeId::from);
        for (k, v) in params {
            assert!(
                kind.param(k).is_some(),
                "{k} is not a parameter of {kind:?}"
            );
            n.params.insert((*k).to_owned(), v.clone());
        }
        n
    }

    /// Number parameter.
    pub fn num(v: f64) -> ParamValue {
        ParamValue::Num(v)
    }

    /// String parameter.
    pub fn s(v: &str) -> ParamValue {
        ParamValue::Str(v.to_owned())
    }

    /// The bundled table of `region`.
    pub fn table(region: Region) -> PriceTable {
        PriceTable::bundled(region).expect("bundled tables parse")
    }

    /// The lines of node `id`.
    pub fn lines_of<'e>(e: &'e Estimate, id: &str) -> Vec<&'e CostLine> {
        e.lines
            .iter()
            .filter(|l| l.node.as_ref().map(NodeId::as_str) == Some(id))
            .collect()
    }

    /// The line of node `id` priced from `key` (the first, if several).
    pub fn line<'e>(e: &'e Estimate, id: &str, key: &str) -> &'e CostLine {
        lines_of(e, id)
            .into_iter()
            .find(|l| l.price_key.as_deref() == Some(key))
            .unwrap_or_else(|| {
                panic!(
                    "no line {key} on {id}: {:#?}",
                    lines_of(e, id)
                        .iter()
                        .map(|l| (&l.price_key, &l.formula))
                        .collect::<Vec<_>>()
                )
            })
    }

    /// `"29.55"` as a decimal.
    pub fn usd(s: &str) -> Decimal {
        s.parse().expect("a decimal")
    }

    /// The line's monthly amount in cents (panics when unknown).
    pub fn cents_of(l: &CostLine) -> Decimal {
        l.monthly_cents()
            .unwrap_or_else(|| panic!("unknown: {}", l.formula))
    }
}
