//! The AWS Pricing Calculator input sheet (issue 7, item 1; the bridge to 課題 3): for a design
//! and its pricing table, what to type into <https://calculator.aws> to rebuild kumozu's
//! estimate, service by service, field by field, with kumozu's monthly figure beside each
//! service so the student can compare totals.
//!
//! Every value comes from the design (node parameters, usage assumptions) or from the cost
//! engine's own lines ([`crate::core::cost::estimate`], the expected auto-scaling case); nothing
//! is assumed here. Every estimate line lands in exactly one calculator service, or in the
//! call-outs when the calculator has no place for it (free resources, lines the engine cannot
//! price), so the sheet's total is the estimate's total (tested). Lines kumozu prices on one node
//! but the calculator asks for in another service (public IPv4 addresses of an ALB or a NAT
//! Gateway), and the free allowances kumozu takes off, are called out too, with the reason.
//!
//! # Labels
//!
//! Field labels are the calculator's English labels as public material quotes them: a list of
//! its service fields scraped from calculator.aws (May 2026), browser-automation scripts that
//! fill its forms by `aria-label`, a form definition, and exported estimates (property names such
//! as "Storage for each RDS instance", "Pricing strategy"). A field whose label could not be
//! confirmed has `confirmed: false` and the renderers mark it with `*`; the walkthrough
//! (docs/calculator-walkthrough.md) lists every label with its status. The Japanese labels are
//! kumozu's translation of them (no public source quoted the calculator's Japanese UI), so none
//! is confirmed; service names are AWS product names, the same in both languages.
//!
//! Pure: no web crates, never panics on a loadable design.
//!
//! # Sections
//!
//! This file holds what a sheet is ([`Sheet`], [`Service`], [`Callout`]), the calculator
//! services ([`CalcService`]), which service each estimate line goes to, and the JSON form;
//! `services` fills each calculator service, one function a service, with its field labels
//! and notes as values beside it; `allowances` calls out the free allowances; `render` writes
//! the text and HTML forms.

mod allowances;
mod render;
mod services;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::core::cost::{self, cents, fmt_num, CostLine, Estimate, LineStatus, PriceTable, Reason};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::{Design, Node, NodeId};
use crate::core::document::region::Region;
use crate::core::support::i18n::{t, Lang, Text};

pub use render::{render_text, to_html};

/// Where the calculator starts a new estimate.
pub const CALCULATOR_URL: &str = "https://calculator.aws/#/addService";

/// The JSON form's format name ([`Sheet::to_json`]).
pub const FORMAT: &str = "kumozu-calculator-sheet";
/// See [`FORMAT`].
pub const VERSION: u32 = 1;

/// One field of a calculator form and what to type or choose in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Stable id (`tasks`, `vcpu`, `memory_gb`, `instance_type`…), for tests and the UI.
    pub id: &'static str,
    /// The label as the calculator shows it.
    pub label: Text,
    /// Whether the English label was confirmed against public material about the calculator.
    pub confirmed: bool,
    /// What to type or choose, with its unit.
    pub value: Reason,
}

/// One configuration of a calculator service (the calculator's form, filled once).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What it stands for: a node's label and id, or a part of the design.
    pub title: Reason,
    /// The design node, when the entry is one node.
    pub node: Option<NodeId>,
    /// The fields in the calculator's order.
    pub fields: Vec<Field>,
}

/// One calculator service and everything the design puts in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Stable id (`fargate`, `elb`, `rds`, `vpc`…).
    pub id: &'static str,
    /// The service's name in the calculator's search box (an AWS product name).
    pub name: Text,
    /// The design nodes it covers, in id order.
    pub nodes: Vec<NodeId>,
    /// The forms to fill.
    pub entries: Vec<Entry>,
    /// Notes for the student (how the calculator differs here).
    pub notes: Vec<Text>,
    /// kumozu's monthly amount of the lines this service covers, US dollars, full precision.
    pub monthly_usd: Decimal,
    /// How many of those lines have no price (not in `monthly_usd`).
    pub unknown_lines: usize,
}

/// Why a line is called out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalloutKind {
    /// kumozu prices it on one node; the calculator asks for it in another service.
    Elsewhere,
    /// kumozu takes a free allowance off; the calculator may not.
    FreeAllowance,
    /// The calculator has nothing to fill for it (it is free).
    NotInCalculator,
    /// kumozu cannot price it (unknown price or quantity).
    Unknown,
}

impl CalloutKind {
    /// Stable id: `elsewhere`, `free_allowance`, `not_in_calculator`, `unknown`.
    pub fn id(self) -> &'static str {
        match self {
            CalloutKind::Elsewhere => "elsewhere",
            CalloutKind::FreeAllowance => "free_allowance",
            CalloutKind::NotInCalculator => "not_in_calculator",
            CalloutKind::Unknown => "unknown",
        }
    }
}

/// Why a public IPv4 address line is called out ([`CalloutKind::Elsewhere`]).
const ELSEWHERE_REASON: Text = t(
    "kumozu はこのノードの行として計算しますが、料金見積りツールでは Amazon VPC の「パブリック IPv4 アドレス」に入力します (このシートでも VPC の金額に含めています)",
    "kumozu prices it on this node; the calculator asks for it under Amazon VPC → public IPv4 addresses (this sheet counts it there)",
);

/// Why a free allowance is called out ([`CalloutKind::FreeAllowance`]).
const FREE_ALLOWANCE_REASON: Text = t(
    "kumozu はアカウント全体の無料枠を差し引いています。シートには無料枠を引く前の量を書いたので、料金見積りツールが無料枠を引かない場合はその分だけ高くなります",
    "kumozu takes the account-wide free allowance off; the sheet gives the amount before it, so where the calculator does not apply the allowance its figure is higher by that much",
);

/// Before the cost engine's reason for a free line ([`CalloutKind::NotInCalculator`]).
const NOTHING_TO_ENTER: Text = t(
    "料金見積りツールに入力するものはありません",
    "nothing to enter in the calculator",
);

/// A line worth a word to the student comparing the calculator's total with kumozu's.
#[derive(Debug, Clone, PartialEq)]
pub struct Callout {
    /// Why it is called out.
    pub kind: CalloutKind,
    /// The node, if the line belongs to one.
    pub node: Option<NodeId>,
    /// What it is (component and node label, or the allowance and its amount).
    pub what: Reason,
    /// kumozu's monthly amount, when the callout is a priced line.
    pub monthly_usd: Option<Decimal>,
    /// The service whose `monthly_usd` already counts it (`None`: counted in no service).
    pub counted_in: Option<&'static str>,
    /// The reason, in both languages.
    pub reason: Reason,
}

/// The whole input sheet of a design.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The design's name.
    pub design_name: String,
    /// The region of the prices.
    pub region: Region,
    /// The region as the calculator names it.
    pub region_name: Text,
    /// The pricing table every figure comes from.
    pub table_version: String,
    /// Hours in the month.
    pub hours_per_month: Decimal,
    /// Calculator services, in the order to add them.
    pub services: Vec<Service>,
    /// Lines called out.
    pub callouts: Vec<Callout>,
    /// The services' amounts plus the call-outs counted in no service, rounded to cents:
    /// the estimate's total.
    pub total_monthly_usd: Decimal,
    /// Lines kumozu could not price.
    pub unknown_lines: usize,
}

/// A service of the calculator kumozu can fill, in the order the sheet lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CalcService {
    /// AWS Fargate (ECS services).
    Fargate,
    /// Elastic Load Balancing (Application Load Balancer).
    Elb,
    /// Amazon RDS for PostgreSQL.
    Rds,
    /// Amazon ElastiCache.
    Elasticache,
    /// Amazon VPC: NAT gateways, interface endpoints, public IPv4 addresses.
    Vpc,
    /// Amazon Elastic Container Registry.
    Ecr,
    /// Amazon CloudWatch.
    Cloudwatch,
    /// Amazon Route 53.
    Route53,
    /// Amazon CloudFront.
    Cloudfront,
    /// Amazon S3.
    S3,
    /// AWS Lambda.
    Lambda,
    /// Amazon SQS.
    Sqs,
    /// AWS Secrets Manager.
    SecretsManager,
    /// Data transfer out to the internet.
    DataTransfer,
}

impl CalcService {
    /// Every service, in the order the sheet lists them.
    pub const ALL: [CalcService; 14] = [
        CalcService::Fargate,
        CalcService::Elb,
        CalcService::Rds,
        CalcService::Elasticache,
        CalcService::Vpc,
        CalcService::Ecr,
        CalcService::Cloudwatch,
        CalcService::Route53,
        CalcService::Cloudfront,
        CalcService::S3,
        CalcService::Lambda,
        CalcService::Sqs,
        CalcService::SecretsManager,
        CalcService::DataTransfer,
    ];

    /// Stable id (`fargate`, `elb`, `rds`, `vpc`…), in [`Service::id`] and the JSON form.
    pub fn id(self) -> &'static str {
        match self {
            CalcService::Fargate => "fargate",
            CalcService::Elb => "elb",
            CalcService::Rds => "rds",
            CalcService::Elasticache => "elasticache",
            CalcService::Vpc => "vpc",
            CalcService::Ecr => "ecr",
            CalcService::Cloudwatch => "cloudwatch",
            CalcService::Route53 => "route53",
            CalcService::Cloudfront => "cloudfront",
            CalcService::S3 => "s3",
            CalcService::Lambda => "lambda",
            CalcService::Sqs => "sqs",
            CalcService::SecretsManager => "secrets_manager",
            CalcService::DataTransfer => "data_transfer",
        }
    }

    /// The name in the calculator's search box (an AWS product name, the same in both
    /// languages).
    pub fn name(self) -> Text {
        match self {
            CalcService::Fargate => t("AWS Fargate", "AWS Fargate"),
            CalcService::Elb => t(
                "Elastic Load Balancing (Application Load Balancer)",
                "Elastic Load Balancing (Application Load Balancer)",
            ),
            CalcService::Rds => t("Amazon RDS for PostgreSQL", "Amazon RDS for PostgreSQL"),
            CalcService::Elasticache => t("Amazon ElastiCache", "Amazon ElastiCache"),
            CalcService::Vpc => t(
                "Amazon Virtual Private Cloud (VPC)",
                "Amazon Virtual Private Cloud (VPC)",
            ),
            CalcService::Ecr => t(
                "Amazon Elastic Container Registry",
                "Amazon Elastic Container Registry",
            ),
            CalcService::Cloudwatch => t("Amazon CloudWatch", "Amazon CloudWatch"),
            CalcService::Route53 => t("Amazon Route 53", "Amazon Route 53"),
            CalcService::Cloudfront => t("Amazon CloudFront", "Amazon CloudFront"),
            CalcService::S3 => t(
                "Amazon Simple Storage Service (S3)",
                "Amazon Simple Storage Service (S3)",
            ),
            CalcService::Lambda => t("AWS Lambda", "AWS Lambda"),
            CalcService::Sqs => t(
                "Amazon Simple Queue Service (SQS)",
                "Amazon Simple Queue Service (SQS)",
            ),
            CalcService::SecretsManager => t("AWS Secrets Manager", "AWS Secrets Manager"),
            CalcService::DataTransfer => t("AWS Data Transfer", "AWS Data Transfer"),
        }
    }
}

/// The sheet of `design` priced from `table` (the expected auto-scaling case).
pub fn sheet(design: &Design, table: &PriceTable) -> Sheet {
    let e = cost::estimate(design, table);
    build(design, &e)
}

/// The calculator service a line is entered in, or `None` when the calculator has no place
/// for it.
fn service_of(line: &CostLine) -> Option<CalcService> {
    if line
        .price_key
        .as_deref()
        .is_some_and(|k| k.starts_with("ipv4."))
    {
        return Some(CalcService::Vpc);
    }
    if matches!(line.status, LineStatus::Free(_)) {
        return None;
    }
    Some(match line.kind {
        None => CalcService::DataTransfer,
        Some(Kind::EcsService) if line.price_key.is_none() => return None,
        Some(Kind::EcsService) => CalcService::Fargate,
        Some(Kind::Alb) => CalcService::Elb,
        Some(Kind::RdsPostgres) => CalcService::Rds,
        Some(Kind::NatGateway) => CalcService::Vpc,
        Some(Kind::VpcEndpoint) => CalcService::Vpc,
        Some(Kind::Ecr) => CalcService::Ecr,
        Some(Kind::Cloudwatch) => CalcService::Cloudwatch,
        Some(Kind::Route53) => CalcService::Route53,
        Some(Kind::Cloudfront) => CalcService::Cloudfront,
        Some(Kind::S3) => CalcService::S3,
        Some(Kind::Elasticache) => CalcService::Elasticache,
        Some(Kind::Sqs) => CalcService::Sqs,
        Some(Kind::Lambda) => CalcService::Lambda,
        Some(Kind::SecretsManager) => CalcService::SecretsManager,
        Some(_) => return None,
    })
}

pub(super) fn r(ja: String, en: String) -> Reason {
    Reason { ja, en }
}

pub(super) fn same(s: impl Into<String>) -> Reason {
    let s = s.into();
    Reason {
        ja: s.clone(),
        en: s,
    }
}

/// `n` followed by its unit in each language: `num(2, PER_MONTH)`.
pub(super) fn num(n: Decimal, unit: Text) -> Reason {
    let n = fmt_num(n);
    r(format!("{n} {}", unit.ja), format!("{n} {}", unit.en))
}

pub(super) fn node_title(node: &Node) -> Reason {
    r(
        format!("{} ({})", node.display_label(Lang::Ja), node.id),
        format!("{} ({})", node.display_label(Lang::En), node.id),
    )
}

/// Builds the sheet from `design` and its estimate `e`.
pub fn build(design: &Design, e: &Estimate) -> Sheet {
    let hours = e.hours_per_month;
    let mut by_service: BTreeMap<CalcService, Vec<&CostLine>> = BTreeMap::new();
    let mut callouts = Vec::new();
    let mut uncounted = Decimal::ZERO;
    for line in &e.lines {
        let svc = service_of(line);
        match svc {
            Some(s) => by_service.entry(s).or_default().push(line),
            None => {
                if let Some(m) = line.monthly {
                    uncounted += m;
                }
            }
        }
        let node = line.node.as_ref().and_then(|id| design.nodes.get(id));
        let join = |label: Option<&str>, comp: &str| match label {
            Some(l) if l != comp => format!("{l} — {comp}"),
            _ => comp.to_owned(),
        };
        let what = r(
            join(node.map(|n| n.display_label(Lang::Ja)), line.component.ja),
            join(node.map(|n| n.display_label(Lang::En)), line.component.en),
        );
        match &line.status {
            LineStatus::Unknown(why) => callouts.push(Callout {
                kind: CalloutKind::Unknown,
                node: line.node.clone(),
                what,
                monthly_usd: None,
                counted_in: svc.map(CalcService::id),
                reason: why.clone(),
            }),
            LineStatus::Free(why) => callouts.push(Callout {
                kind: CalloutKind::NotInCalculator,
                node: line.node.clone(),
                what,
                monthly_usd: line.monthly,
                counted_in: None,
                reason: r(
                    format!("{}: {}", NOTHING_TO_ENTER.ja, why.ja),
                    format!("{}: {}", NOTHING_TO_ENTER.en, why.en),
                ),
            }),
            _ if line
                .price_key
                .as_deref()
                .is_some_and(|k| k.starts_with("ipv4.")) =>
            {
                callouts.push(Callout {
                    kind: CalloutKind::Elsewhere,
                    node: line.node.clone(),
                    what,
                    monthly_usd: line.monthly,
                    counted_in: svc.map(CalcService::id),
                    reason: ELSEWHERE_REASON.into(),
                })
            }
            _ => {}
        }
    }
    allowances::free_allowances(design, e, &mut callouts);

    let mut services = Vec::new();
    for calc in CalcService::ALL {
        let Some(lines) = by_service.get(&calc) else {
            continue;
        };
        let mut nodes: Vec<NodeId> = lines.iter().filter_map(|l| l.node.clone()).collect();
        crate::core::support::sort::sort(&mut nodes);
        nodes.dedup();
        let mut svc = Service {
            id: calc.id(),
            name: calc.name(),
            nodes,
            entries: Vec::new(),
            notes: Vec::new(),
            monthly_usd: lines.iter().filter_map(|l| l.monthly).sum(),
            unknown_lines: lines.iter().filter(|l| l.is_unknown()).count(),
        };
        calc.fill(
            &mut svc,
            &Inputs {
                design,
                lines,
                hours,
                region: e.region,
            },
        );
        services.push(svc);
    }
    let counted: Decimal = services.iter().map(|s| s.monthly_usd).sum();
    Sheet {
        design_name: design.name.clone(),
        region: e.region,
        region_name: e.region.name(),
        table_version: e.table_version.clone(),
        hours_per_month: hours,
        services,
        callouts,
        total_monthly_usd: cents(counted + uncounted),
        unknown_lines: e.unknown_lines,
    }
}

/// The nodes of `lines` (in id order), once each.
pub(super) fn nodes_of<'d>(design: &'d Design, lines: &[&CostLine], kind: Kind) -> Vec<&'d Node> {
    let mut ids: Vec<&NodeId> = lines
        .iter()
        .filter(|l| l.kind == Some(kind))
        .filter_map(|l| l.node.as_ref())
        .collect();
    crate::core::support::sort::sort(&mut ids);
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| design.nodes.get(id))
        .collect()
}

/// What a calculator service's fill reads: the design, the estimate lines the service covers,
/// the hours in the month and the region.
#[derive(Clone, Copy)]
pub(super) struct Inputs<'a> {
    pub(super) design: &'a Design,
    pub(super) lines: &'a [&'a CostLine],
    pub(super) hours: Decimal,
    pub(super) region: Region,
}

impl Sheet {
    /// The stable JSON form (documented in docs/calculator-walkthrough.md): both languages.
    pub fn to_json(&self) -> Value {
        let text = |t: &Text| json!({ "ja": t.ja, "en": t.en });
        let reason = |r: &Reason| json!({ "ja": r.ja, "en": r.en });
        json!({
            "format": FORMAT,
            "version": VERSION,
            "design": self.design_name,
            "region": self.region.code(),
            "region_name": text(&self.region_name),
            "pricing_table_version": self.table_version,
            "scenario": "expected",
            "hours_per_month": json_num(self.hours_per_month),
            "calculator_url": CALCULATOR_URL,
            "currency": "USD",
            "total_monthly_usd": json_num(self.total_monthly_usd),
            "unknown_lines": self.unknown_lines,
            "services": self.services.iter().map(|s| json!({
                "id": s.id,
                "name": text(&s.name),
                "nodes": s.nodes.iter().map(|n| n.as_str()).collect::<Vec<_>>(),
                "monthly_usd": json_num(cents(s.monthly_usd)),
                "unknown_lines": s.unknown_lines,
                "notes": s.notes.iter().map(text).collect::<Vec<_>>(),
                "entries": s.entries.iter().map(|e| json!({
                    "title": reason(&e.title),
                    "node": e.node.as_ref().map(|n| n.as_str()),
                    "fields": e.fields.iter().map(|f| json!({
                        "id": f.id,
                        "label": text(&f.label),
                        "label_confirmed": f.confirmed,
                        "value": reason(&f.value),
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "callouts": self.callouts.iter().map(|c| json!({
                "kind": c.kind.id(),
                "node": c.node.as_ref().map(|n| n.as_str()),
                "what": reason(&c.what),
                "monthly_usd": c.monthly_usd.map(|m| json_num(cents(m))),
                "counted_in": c.counted_in,
                "reason": reason(&c.reason),
            })).collect::<Vec<_>>(),
        })
    }
}

/// A decimal as a JSON number (whole numbers as integers).
fn json_num(d: Decimal) -> Value {
    let s = d.normalize().to_string();
    if let Ok(i) = s.parse::<i64>() {
        return Value::from(i);
    }
    s.parse::<f64>().map(Value::from).unwrap_or(Value::Null)
}
