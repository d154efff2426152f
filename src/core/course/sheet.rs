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

use std::collections::BTreeMap;
use std::fmt::Write;

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::core::cost::{
    self, cents, dec, fmt_num, fmt_usd, CostLine, Estimate, LineStatus, PriceTable, Reason,
};
use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::{Design, Node, NodeId};
use crate::core::document::region::Region;
use crate::core::support::i18n::{t, Lang, Text};

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

/// The calculator services kumozu can fill, in the order the sheet lists them.
const SERVICES: &[(&str, Text)] = &[
    ("fargate", t("AWS Fargate", "AWS Fargate")),
    (
        "elb",
        t(
            "Elastic Load Balancing (Application Load Balancer)",
            "Elastic Load Balancing (Application Load Balancer)",
        ),
    ),
    (
        "rds",
        t("Amazon RDS for PostgreSQL", "Amazon RDS for PostgreSQL"),
    ),
    ("elasticache", t("Amazon ElastiCache", "Amazon ElastiCache")),
    (
        "vpc",
        t(
            "Amazon Virtual Private Cloud (VPC)",
            "Amazon Virtual Private Cloud (VPC)",
        ),
    ),
    (
        "ecr",
        t(
            "Amazon Elastic Container Registry",
            "Amazon Elastic Container Registry",
        ),
    ),
    ("cloudwatch", t("Amazon CloudWatch", "Amazon CloudWatch")),
    ("route53", t("Amazon Route 53", "Amazon Route 53")),
    ("cloudfront", t("Amazon CloudFront", "Amazon CloudFront")),
    (
        "s3",
        t(
            "Amazon Simple Storage Service (S3)",
            "Amazon Simple Storage Service (S3)",
        ),
    ),
    ("lambda", t("AWS Lambda", "AWS Lambda")),
    (
        "sqs",
        t(
            "Amazon Simple Queue Service (SQS)",
            "Amazon Simple Queue Service (SQS)",
        ),
    ),
    (
        "secrets_manager",
        t("AWS Secrets Manager", "AWS Secrets Manager"),
    ),
    ("data_transfer", t("AWS Data Transfer", "AWS Data Transfer")),
];

/// The sheet of `design` priced from `table` (the expected auto-scaling case).
pub fn sheet(design: &Design, table: &PriceTable) -> Sheet {
    let e = cost::estimate(design, table);
    build(design, &e)
}

/// The calculator service a line is entered in, or `None` when the calculator has no place
/// for it.
fn service_of(line: &CostLine) -> Option<&'static str> {
    if line
        .price_key
        .as_deref()
        .is_some_and(|k| k.starts_with("ipv4."))
    {
        return Some("vpc");
    }
    if matches!(line.status, LineStatus::Free(_)) {
        return None;
    }
    Some(match line.kind {
        None => "data_transfer",
        Some(Kind::EcsService) if line.price_key.is_none() => return None,
        Some(Kind::EcsService) => "fargate",
        Some(Kind::Alb) => "elb",
        Some(Kind::RdsPostgres) => "rds",
        Some(Kind::NatGateway) => "vpc",
        Some(Kind::VpcEndpoint) => "vpc",
        Some(Kind::Ecr) => "ecr",
        Some(Kind::Cloudwatch) => "cloudwatch",
        Some(Kind::Route53) => "route53",
        Some(Kind::Cloudfront) => "cloudfront",
        Some(Kind::S3) => "s3",
        Some(Kind::Elasticache) => "elasticache",
        Some(Kind::Sqs) => "sqs",
        Some(Kind::Lambda) => "lambda",
        Some(Kind::SecretsManager) => "secrets_manager",
        Some(_) => return None,
    })
}

fn r(ja: String, en: String) -> Reason {
    Reason { ja, en }
}

fn same(s: impl Into<String>) -> Reason {
    let s = s.into();
    Reason {
        ja: s.clone(),
        en: s,
    }
}

/// `n` followed by a unit in each language: `num(2, "(1 か月あたり)", "per month")`.
fn num(n: Decimal, ja: &str, en: &str) -> Reason {
    let n = fmt_num(n);
    r(format!("{n} {ja}"), format!("{n} {en}"))
}

fn field(id: &'static str, label: Text, confirmed: bool, value: Reason) -> Field {
    Field {
        id,
        label,
        confirmed,
        value,
    }
}

fn node_title(node: &Node) -> Reason {
    r(
        format!("{} ({})", node.display_label(Lang::Ja), node.id),
        format!("{} ({})", node.display_label(Lang::En), node.id),
    )
}

/// Builds the sheet from `design` and its estimate `e`.
pub fn build(design: &Design, e: &Estimate) -> Sheet {
    let hours = e.hours_per_month;
    let mut by_service: BTreeMap<&'static str, Vec<&CostLine>> = BTreeMap::new();
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
                counted_in: svc,
                reason: why.clone(),
            }),
            LineStatus::Free(why) => callouts.push(Callout {
                kind: CalloutKind::NotInCalculator,
                node: line.node.clone(),
                what,
                monthly_usd: line.monthly,
                counted_in: None,
                reason: r(
                    format!("料金見積りツールに入力するものはありません: {}", why.ja),
                    format!("nothing to enter in the calculator: {}", why.en),
                ),
            }),
            _ if line.price_key.as_deref().is_some_and(|k| k.starts_with("ipv4.")) => {
                callouts.push(Callout {
                    kind: CalloutKind::Elsewhere,
                    node: line.node.clone(),
                    what,
                    monthly_usd: line.monthly,
                    counted_in: svc,
                    reason: t(
                        "kumozu はこのノードの行として計算しますが、料金見積りツールでは Amazon VPC の「パブリック IPv4 アドレス」に入力します (このシートでも VPC の金額に含めています)",
                        "kumozu prices it on this node; the calculator asks for it under Amazon VPC → public IPv4 addresses (this sheet counts it there)",
                    )
                    .into(),
                })
            }
            _ => {}
        }
    }
    free_allowances(design, e, &mut callouts);

    let mut services = Vec::new();
    for (id, name) in SERVICES {
        let Some(lines) = by_service.get(id) else {
            continue;
        };
        let mut nodes: Vec<NodeId> = lines.iter().filter_map(|l| l.node.clone()).collect();
        crate::core::support::sort::sort(&mut nodes);
        nodes.dedup();
        let mut svc = Service {
            id,
            name: *name,
            nodes,
            entries: Vec::new(),
            notes: Vec::new(),
            monthly_usd: lines.iter().filter_map(|l| l.monthly).sum(),
            unknown_lines: lines.iter().filter(|l| l.is_unknown()).count(),
        };
        fill(&mut svc, design, lines, hours, e.region);
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
fn nodes_of<'d>(design: &'d Design, lines: &[&CostLine], kind: Kind) -> Vec<&'d Node> {
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

const PER_MONTH: (&str, &str) = ("(1 か月あたり)", "per month");

/// Fills the entries of one service.
fn fill(svc: &mut Service, design: &Design, lines: &[&CostLine], hours: Decimal, region: Region) {
    let pm = PER_MONTH;
    match svc.id {
        "fargate" => {
            for n in nodes_of(design, lines, Kind::EcsService) {
                fargate(svc, design, n, hours);
            }
        }
        "elb" => {
            for n in nodes_of(design, lines, Kind::Alb) {
                svc.entries.push(alb(design, n));
            }
        }
        "rds" => {
            for n in nodes_of(design, lines, Kind::RdsPostgres) {
                svc.entries.push(rds(n));
            }
        }
        "elasticache" => {
            for n in nodes_of(design, lines, Kind::Elasticache) {
                let engine = match n.text("engine") {
                    "valkey" => "Valkey",
                    "memcached" => "Memcached",
                    _ => "Redis OSS",
                };
                svc.entries.push(Entry {
                    title: node_title(n),
                    node: Some(n.id.clone()),
                    fields: vec![
                        field(
                            "engine",
                            t("キャッシュエンジン", "Cache Engine"),
                            true,
                            same(engine),
                        ),
                        field(
                            "nodes",
                            t("ノード", "Nodes"),
                            true,
                            same(fmt_num(dec(n.num("nodes")))),
                        ),
                        field(
                            "node_type",
                            t("インスタンスタイプ", "Instance type"),
                            true,
                            same(n.text("node_type")),
                        ),
                        field(
                            "utilization",
                            t("使用率 (オンデマンドのみ)", "Utilization (On-Demand only)"),
                            true,
                            r("100 %/月".into(), "100 %Utilized/Month".into()),
                        ),
                        field(
                            "pricing_strategy",
                            t("料金戦略", "Pricing strategy"),
                            true,
                            r("オンデマンド".into(), "OnDemand".into()),
                        ),
                    ],
                });
            }
        }
        "vpc" => vpc(svc, design, lines, hours),
        "ecr" => {
            for n in nodes_of(design, lines, Kind::Ecr) {
                svc.entries.push(Entry {
                    title: node_title(n),
                    node: Some(n.id.clone()),
                    fields: vec![field(
                        "storage_gb",
                        t("保存データ量", "Amount of data stored"),
                        true,
                        num(
                            dec(n.num("storage_gb")),
                            "GB (1 か月あたり)",
                            "GB per month",
                        ),
                    )],
                });
            }
        }
        "cloudwatch" => {
            for n in nodes_of(design, lines, Kind::Cloudwatch) {
                svc.entries.push(Entry {
                    title: node_title(n),
                    node: Some(n.id.clone()),
                    fields: vec![
                        field(
                            "metrics",
                            t(
                                "メトリクスの数 (詳細モニタリングとカスタムメトリクスを含む)",
                                "Number of Metrics (includes detailed and custom metrics)",
                            ),
                            true,
                            same(fmt_num(dec(n.num("custom_metrics")))),
                        ),
                        field(
                            "logs_ingested_gb",
                            t(
                                "標準ログ: 取り込まれたデータ",
                                "Standard Logs: Data Ingested",
                            ),
                            true,
                            num(
                                dec(n.num("logs_ingested_gb")),
                                "GB (1 か月あたり)",
                                "GB per month",
                            ),
                        ),
                        field(
                            "logs_stored_gb",
                            t(
                                "ログの保存/アーカイブ (標準ログと Vended Logs)",
                                "Logs Storage/Archival (Standard and Vended Logs)",
                            ),
                            false,
                            num(dec(n.num("logs_stored_gb")), "GB", "GB"),
                        ),
                        field(
                            "alarms",
                            t(
                                "標準解像度のアラームメトリクスの数",
                                "Number of Standard Resolution Alarm Metrics",
                            ),
                            false,
                            same(fmt_num(dec(n.num("alarms")))),
                        ),
                    ],
                });
            }
        }
        "route53" => {
            for n in nodes_of(design, lines, Kind::Route53) {
                svc.entries.push(Entry {
                    title: node_title(n),
                    node: Some(n.id.clone()),
                    fields: vec![
                        field(
                            "hosted_zones",
                            t("ホストゾーン", "Hosted Zones"),
                            true,
                            same(fmt_num(dec(n.num("hosted_zones")))),
                        ),
                        field(
                            "standard_queries",
                            t("標準クエリ", "Standard queries"),
                            true,
                            num(
                                dec(n.num("monthly_queries_million")),
                                "百万 (1 か月あたり)",
                                "million per month",
                            ),
                        ),
                    ],
                });
            }
            svc.notes.push(t(
                "Route 53 はグローバルサービスです。料金見積りツールではリージョンを選ばずに追加します",
                "Route 53 is a global service: the calculator adds it without a region",
            ));
        }
        "cloudfront" => {
            for n in nodes_of(design, lines, Kind::Cloudfront) {
                svc.entries.push(Entry {
                    title: node_title(n),
                    node: Some(n.id.clone()),
                    fields: vec![
                        field(
                            "data_out_gb",
                            t(
                                "インターネットへのデータ転送 (アウト)",
                                "Data transfer out to internet",
                            ),
                            false,
                            num(
                                dec(n.num("monthly_data_out_gb")),
                                "GB (1 か月あたり)",
                                "GB per month",
                            ),
                        ),
                        field(
                            "https_requests",
                            t("リクエスト数 (HTTPS)", "Number of requests (HTTPS)"),
                            false,
                            num(
                                dec(n.num("monthly_requests_million")),
                                "百万 (1 か月あたり)",
                                "million per month",
                            ),
                        ),
                    ],
                });
            }
            svc.notes.push(t(
                "料金見積りツールは定額プラン (Free / Pro / Business / Premium) も提示します。比べるには従量課金を選び、閲覧者の地域を設計のリージョンの国 (東京・大阪なら日本) にしてください",
                "The calculator also offers flat-rate plans (Free / Pro / Business / Premium); to compare, choose pay-as-you-go and put the viewers in the country of the design's region (Japan for Tokyo and Osaka)",
            ));
        }
        "s3" => {
            for n in nodes_of(design, lines, Kind::S3) {
                let (class_ja, class_en) = match n.text("storage_class") {
                    "INTELLIGENT_TIERING" => ("S3 Intelligent-Tiering", "S3 Intelligent-Tiering"),
                    "STANDARD_IA" => ("S3 標準 - 低頻度アクセス", "S3 Standard-Infrequent Access"),
                    _ => ("S3 標準", "S3 Standard"),
                };
                let standard = class_en == "S3 Standard";
                svc.entries.push(Entry {
                    title: node_title(n),
                    node: Some(n.id.clone()),
                    fields: vec![
                        field(
                            "storage_gb",
                            Text {
                                ja: if standard {
                                    "S3 標準ストレージ"
                                } else {
                                    "ストレージ"
                                },
                                en: if standard {
                                    "S3 Standard storage"
                                } else {
                                    "Storage"
                                },
                            },
                            standard,
                            r(
                                format!(
                                    "{} GB (1 か月あたり) — {class_ja}",
                                    fmt_num(dec(n.num("storage_gb")))
                                ),
                                format!(
                                    "{} GB per month — {class_en}",
                                    fmt_num(dec(n.num("storage_gb")))
                                ),
                            ),
                        ),
                        field(
                            "put_requests",
                            t(
                                "S3 標準への PUT、COPY、POST、LIST リクエスト",
                                "PUT, COPY, POST, LIST requests to S3 Standard",
                            ),
                            standard,
                            num(
                                dec(n.num("monthly_put_requests_thousand")) * Decimal::from(1000),
                                "(1 か月あたり)",
                                "per month",
                            ),
                        ),
                        field(
                            "get_requests",
                            t(
                                "S3 標準からの GET、SELECT、およびその他すべてのリクエスト",
                                "GET, SELECT, and all other requests from S3 Standard",
                            ),
                            standard,
                            num(
                                dec(n.num("monthly_get_requests_thousand")) * Decimal::from(1000),
                                "(1 か月あたり)",
                                "per month",
                            ),
                        ),
                    ],
                });
            }
        }
        "lambda" => {
            for n in nodes_of(design, lines, Kind::Lambda) {
                let arch = if n.text("architecture") == "x86_64" {
                    "x86"
                } else {
                    "Arm"
                };
                svc.entries.push(Entry {
                    title: node_title(n),
                    node: Some(n.id.clone()),
                    fields: vec![
                        field(
                            "architecture",
                            t("アーキテクチャ", "Architecture"),
                            true,
                            same(arch),
                        ),
                        field(
                            "requests",
                            t("リクエストの数", "Number of requests"),
                            true,
                            num(
                                dec(n.num("monthly_invocations_million")),
                                "百万 (1 か月あたり)",
                                "million per month",
                            ),
                        ),
                        field(
                            "duration_ms",
                            t(
                                "各リクエストの実行時間 (ミリ秒)",
                                "Duration of each request (in ms)",
                            ),
                            true,
                            same(fmt_num(dec(n.num("avg_duration_ms")).ceil())),
                        ),
                        field(
                            "memory_mb",
                            t("割り当てたメモリの量", "Amount of memory allocated"),
                            true,
                            num(dec(n.num("memory_mb")), "MB", "MB"),
                        ),
                        field(
                            "ephemeral_mb",
                            t(
                                "割り当てたエフェメラルストレージの量",
                                "Amount of ephemeral storage allocated",
                            ),
                            true,
                            same("512 MB"),
                        ),
                    ],
                });
            }
        }
        "sqs" => {
            for n in nodes_of(design, lines, Kind::Sqs) {
                let fifo = n.text("queue_type") == "fifo";
                svc.entries.push(Entry {
                    title: node_title(n),
                    node: Some(n.id.clone()),
                    fields: vec![field(
                        "requests",
                        if fifo {
                            t("FIFO キューのリクエスト", "FIFO queue requests")
                        } else {
                            t("標準キューのリクエスト", "Standard queue requests")
                        },
                        true,
                        num(
                            dec(n.num("monthly_requests_million")),
                            "百万 (1 か月あたり)",
                            "million per month",
                        ),
                    )],
                });
            }
        }
        "secrets_manager" => {
            for n in nodes_of(design, lines, Kind::SecretsManager) {
                svc.entries.push(Entry {
                    title: node_title(n),
                    node: Some(n.id.clone()),
                    fields: vec![
                        field(
                            "secrets",
                            t("シークレットの数", "Number of secrets"),
                            true,
                            same(fmt_num(dec(n.num("secrets")))),
                        ),
                        field(
                            "duration",
                            t(
                                "各シークレットの平均保存期間",
                                "Average duration of each secret",
                            ),
                            true,
                            r("30 日".into(), "30 days".into()),
                        ),
                        field(
                            "api_calls",
                            t("API コールの数", "Number of API calls"),
                            true,
                            num(
                                dec(n.num("monthly_api_calls_thousand")) * Decimal::from(1000),
                                pm.0,
                                pm.1,
                            ),
                        ),
                    ],
                });
            }
        }
        "data_transfer" => {
            let name = region.name();
            svc.entries.push(Entry {
                title: t(
                    "構成全体: インターネットへのデータ転送",
                    "Whole design: data transfer out to the internet",
                )
                .into(),
                node: None,
                fields: vec![
                    field(
                        "from",
                        t("データ転送元", "Data transfer from"),
                        false,
                        r(name.ja.to_owned(), name.en.to_owned()),
                    ),
                    field(
                        "to",
                        t("データ転送先", "Data transfer to"),
                        false,
                        r("インターネット".into(), "Internet".into()),
                    ),
                    field(
                        "amount_gb",
                        t("金額を入力", "Enter Amount"),
                        true,
                        num(
                            dec(design.usage("data_transfer_out_gb")),
                            "GB (1 か月あたり)",
                            "GB per month",
                        ),
                    ),
                ],
            });
        }
        _ => {}
    }
}

/// The Fargate entries of one ECS service: the desired tasks all month, and (in the expected
/// case, with auto scaling) the extra tasks at peak hours as a second configuration, so that
/// tasks × duration adds up to the engine's task-hours.
fn fargate(svc: &mut Service, design: &Design, n: &Node, hours: Decimal) {
    let desired = dec(n.num("desired_tasks"));
    let max = dec(n.num("max_tasks")).max(desired);
    let peak = dec(design.usage("peak_hours_per_month")).min(hours);
    let arm = n.text("cpu_architecture") == "ARM64";
    let fields = |tasks: Decimal, duration: Decimal| {
        vec![
            field(
                "os",
                t("オペレーティングシステム", "Operating system"),
                true,
                same("Linux"),
            ),
            field(
                "cpu_architecture",
                t("CPU アーキテクチャ", "CPU Architecture"),
                true,
                same(if arm { "ARM" } else { "x86" }),
            ),
            field(
                "tasks",
                t("タスクまたはポッドの数", "Number of tasks or pods"),
                true,
                num(tasks, PER_MONTH.0, PER_MONTH.1),
            ),
            field(
                "duration_hours",
                t("平均期間", "Average duration"),
                true,
                num(duration, "時間", "hours"),
            ),
            field(
                "vcpu",
                t("割り当てた vCPU の量", "Amount of vCPU allocated"),
                true,
                same(fmt_num(dec(n.num("vcpu")))),
            ),
            field(
                "memory_gb",
                t("割り当てたメモリの量", "Amount of memory allocated"),
                true,
                num(dec(n.num("memory_gb")), "GB", "GB"),
            ),
            field(
                "ephemeral_gb",
                t(
                    "Amazon ECS に割り当てたエフェメラルストレージの量",
                    "Amount of ephemeral storage allocated for Amazon ECS",
                ),
                true,
                num(dec(n.num("ephemeral_storage_gb")), "GB", "GB"),
            ),
        ]
    };
    let title = node_title(n);
    svc.entries.push(Entry {
        title: title.clone(),
        node: Some(n.id.clone()),
        fields: fields(desired, hours),
    });
    let scales = n.text("scaling_metric") != "none";
    if scales && max > desired && !peak.is_zero() {
        svc.entries.push(Entry {
            title: r(
                format!(
                    "{} — ピーク時の追加タスク ({} → {} タスク、月 {} 時間)",
                    title.ja,
                    fmt_num(desired),
                    fmt_num(max),
                    fmt_num(peak)
                ),
                format!(
                    "{} — extra tasks at peak ({} → {} tasks, {} h a month)",
                    title.en,
                    fmt_num(desired),
                    fmt_num(max),
                    fmt_num(peak)
                ),
            ),
            node: Some(n.id.clone()),
            fields: fields(max - desired, peak),
        });
        if svc.notes.is_empty() {
            svc.notes.push(t(
                "kumozu の見積もりは「想定」ケースです: 希望タスク数を 1 か月中、ピーク時間だけ最大タスク数。ピーク分は同じサービスの 2 つ目の設定として追加してください",
                "kumozu prices the expected case: desired tasks all month, maximum tasks during the peak hours. Add the peak as a second AWS Fargate configuration",
            ));
        }
    }
}

/// The ALB entry: the design's LCU drivers, as the calculator asks for them.
fn alb(design: &Design, n: &Node) -> Entry {
    let new_conn = dec(design.usage("alb_new_connections_per_second"));
    let active = dec(design.usage("alb_active_connections_per_minute"));
    let gb = dec(design.usage("alb_processed_gb_per_hour"));
    let evals = dec(design.usage("alb_rule_evaluations_per_second"));
    let rules = design
        .edges
        .values()
        .filter(|e| e.kind == EdgeKind::AlbRule && e.from == n.id)
        .count();
    // Active connections = new connections per second × how long each lasts (seconds), so
    // the duration that gives the design's active connections is their quotient.
    let duration = if new_conn.is_zero() {
        Decimal::ZERO
    } else {
        (active / new_conn).round_dp(3)
    };
    // A request evaluates every rule (kumozu's model), so requests per second are the rule
    // evaluations divided by the rules.
    let requests = if rules == 0 {
        evals
    } else {
        (evals / Decimal::from(rules as u64)).round_dp(3)
    };
    Entry {
        title: node_title(n),
        node: Some(n.id.clone()),
        fields: vec![
            field(
                "albs",
                t(
                    "Application Load Balancer の数",
                    "Number of Application Load Balancers",
                ),
                true,
                same("1"),
            ),
            field(
                "processed_lambda",
                t(
                    "処理されたバイト (ターゲットとしての Lambda 関数)",
                    "Processed bytes (Lambda functions as targets)",
                ),
                true,
                num(Decimal::ZERO, "GB (1 時間あたり)", "GB per hour"),
            ),
            field(
                "processed_gb",
                t(
                    "処理されたバイト (ターゲットとしての EC2 インスタンスと IP アドレス)",
                    "Processed bytes (EC2 Instances and IP addresses as targets)",
                ),
                true,
                num(gb, "GB (1 時間あたり)", "GB per hour"),
            ),
            field(
                "new_connections",
                t(
                    "ALB あたりの新しい接続の平均数",
                    "Average number of new connections per ALB",
                ),
                true,
                num(new_conn, "(1 秒あたり)", "per second"),
            ),
            field(
                "connection_duration",
                t("平均接続時間", "Average connection duration"),
                true,
                r(
                    format!(
                        "{} 秒 (アクティブ接続 {} ÷ 新しい接続 {})",
                        fmt_num(duration),
                        fmt_num(active),
                        fmt_num(new_conn)
                    ),
                    format!(
                        "{} seconds ({} active connections ÷ {} new per second)",
                        fmt_num(duration),
                        fmt_num(active),
                        fmt_num(new_conn)
                    ),
                ),
            ),
            field(
                "requests",
                t(
                    "ALB あたりの 1 秒あたりのリクエストの平均数",
                    "Average number of requests per second per ALB",
                ),
                true,
                num(requests, "(1 秒あたり)", "per second"),
            ),
            field(
                "rule_evaluations",
                t(
                    "リクエストあたりのルール評価の平均数",
                    "Average number of rule evaluations per request",
                ),
                true,
                same(rules.to_string()),
            ),
        ],
    }
}

fn rds(n: &Node) -> Entry {
    let multi = n.flag("multi_az");
    let storage = dec(n.num("storage_gb"));
    let backup_beyond = (dec(n.num("backup_storage_gb")) - storage).max(Decimal::ZERO);
    let st = n.text("storage_type");
    let (st_ja, st_en) = match st {
        "gp2" => ("汎用 SSD (gp2)", "General Purpose SSD (gp2)"),
        "io1" => (
            "プロビジョンド IOPS SSD (io1)",
            "Provisioned IOPS SSD (io1)",
        ),
        _ => ("汎用 SSD (gp3)", "General Purpose SSD (gp3)"),
    };
    Entry {
        title: node_title(n),
        node: Some(n.id.clone()),
        fields: vec![
            field("nodes", t("ノード", "Nodes"), true, same("1")),
            field(
                "instance_type",
                t("インスタンスタイプ", "Instance type"),
                true,
                same(n.text("instance_class")),
            ),
            field(
                "utilization",
                t("使用率 (オンデマンドのみ)", "Utilization (On-Demand only)"),
                true,
                r("100 %/月".into(), "100 %Utilized/Month".into()),
            ),
            field(
                "deployment",
                t("デプロイオプション", "Deployment option"),
                true,
                if multi {
                    same("Multi-AZ")
                } else {
                    same("Single-AZ")
                },
            ),
            field(
                "pricing_strategy",
                t("料金戦略", "Pricing strategy"),
                true,
                r("オンデマンド".into(), "OnDemand".into()),
            ),
            field(
                "storage_type",
                t(
                    "各 RDS インスタンスのストレージ",
                    "Storage for each RDS instance",
                ),
                true,
                r(st_ja.into(), st_en.into()),
            ),
            field(
                "storage_gb",
                t("ストレージ量", "Storage amount"),
                true,
                num(storage, "GB", "GB"),
            ),
            field(
                "backup_gb",
                t("追加のバックアップストレージ", "Additional backup storage"),
                true,
                r(
                    format!(
                        "{} GB (バックアップ {} GB − 無料分 {} GB)",
                        fmt_num(backup_beyond),
                        fmt_num(dec(n.num("backup_storage_gb"))),
                        fmt_num(storage)
                    ),
                    format!(
                        "{} GB ({} GB of backups − {} GB free)",
                        fmt_num(backup_beyond),
                        fmt_num(dec(n.num("backup_storage_gb"))),
                        fmt_num(storage)
                    ),
                ),
            ),
        ],
    }
}

/// Amazon VPC: one entry per NAT Gateway node and per interface endpoint, then the public IPv4
/// addresses of every node.
fn vpc(svc: &mut Service, design: &Design, lines: &[&CostLine], hours: Decimal) {
    for n in nodes_of(design, lines, Kind::NatGateway) {
        let gateways = lines
            .iter()
            .find(|l| l.node.as_ref() == Some(&n.id) && l.price_key.as_deref() == Some("nat.hour"))
            .filter(|l| !l.is_unknown() && !hours.is_zero())
            .map(|l| l.quantity / hours);
        let total_gb = dec(n.num("monthly_data_processed_gb"));
        let (count, per_gw) = match gateways {
            Some(g) if !g.is_zero() => (same(fmt_num(g)), total_gb / g),
            _ => (
                r(
                    "? (AZ を指定したサブネットに置くと数えられます)".into(),
                    "? (place it in a subnet tier that lists its AZs)".into(),
                ),
                total_gb,
            ),
        };
        svc.entries.push(Entry {
            title: node_title(n),
            node: Some(n.id.clone()),
            fields: vec![
                field(
                    "nat_gateways",
                    t("NAT ゲートウェイの数", "Number of NAT Gateways"),
                    true,
                    count,
                ),
                field(
                    "nat_gb",
                    t(
                        "NAT ゲートウェイあたりの処理データ量",
                        "Data Processed per NAT Gateway",
                    ),
                    true,
                    num(per_gw.round_dp(3), "GB (1 か月あたり)", "GB per month"),
                ),
            ],
        });
    }
    for n in nodes_of(design, lines, Kind::VpcEndpoint) {
        let az_hours: Decimal = lines
            .iter()
            .filter(|l| l.node.as_ref() == Some(&n.id))
            .filter(|l| l.price_key.as_deref() == Some("vpce.interface.az_hour"))
            .map(|l| l.quantity)
            .sum();
        let per_az = if hours.is_zero() {
            Decimal::ZERO
        } else {
            az_hours / hours
        };
        svc.entries.push(Entry {
            title: node_title(n),
            node: Some(n.id.clone()),
            fields: vec![
                field(
                    "interface_endpoints",
                    t(
                        "AWS リージョンあたりの VPC インターフェイスエンドポイントの数",
                        "Number of VPC Interface endpoints per AWS region",
                    ),
                    true,
                    r(
                        format!(
                            "{} (エンドポイント 1 つ × {} AZ: AZ ごとに課金されます)",
                            fmt_num(per_az),
                            fmt_num(per_az)
                        ),
                        format!(
                            "{} (1 endpoint × {} AZs: charged per AZ)",
                            fmt_num(per_az),
                            fmt_num(per_az)
                        ),
                    ),
                ),
                field(
                    "endpoint_gb",
                    t(
                        "AWS リージョン内のすべての VPCE インターフェイスエンドポイントが処理したデータの合計",
                        "Total data processed by all VPCE Interface endpoints in the AWS region",
                    ),
                    true,
                    num(
                        dec(n.num("monthly_data_processed_gb")),
                        "GB (1 か月あたり)",
                        "GB per month",
                    ),
                ),
            ],
        });
    }
    let ip_lines: Vec<&&CostLine> = lines
        .iter()
        .filter(|l| {
            l.price_key
                .as_deref()
                .is_some_and(|k| k.starts_with("ipv4."))
        })
        .collect();
    if !ip_lines.is_empty() && !hours.is_zero() {
        let ip_hours: Decimal = ip_lines.iter().map(|l| l.quantity).sum();
        let addresses = (ip_hours / hours).round_dp(3);
        let mut holders: Vec<String> = Vec::new();
        for l in &ip_lines {
            if let Some(n) = l.node.as_ref().and_then(|id| design.nodes.get(id)) {
                let s = n.id.to_string();
                if !holders.contains(&s) {
                    holders.push(s);
                }
            }
        }
        svc.entries.push(Entry {
            title: r(
                format!("パブリック IPv4 アドレス ({})", holders.join(", ")),
                format!("Public IPv4 addresses ({})", holders.join(", ")),
            ),
            node: None,
            fields: vec![field(
                "ipv4_in_use",
                t(
                    "使用中のパブリック IPv4 アドレスの数",
                    "Number of In-use public IPv4 addresses",
                ),
                true,
                r(
                    format!(
                        "{} (= {} IP 時間 ÷ {} 時間)",
                        fmt_num(addresses),
                        fmt_num(ip_hours),
                        fmt_num(hours)
                    ),
                    format!(
                        "{} (= {} IP-hours ÷ {} h)",
                        fmt_num(addresses),
                        fmt_num(ip_hours),
                        fmt_num(hours)
                    ),
                ),
            )],
        });
    }
}

/// Call-outs for the account-wide free allowances the engine took off.
fn free_allowances(design: &Design, e: &Estimate, out: &mut Vec<Callout>) {
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
    let mut push = |svc: &'static str,
                    node: Option<&Node>,
                    amount: Decimal,
                    what: Text,
                    unit: (&str, &str)| {
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
                format!("{}{}: {} {} 無料", label(Lang::Ja), what.ja, fmt_num(amount), unit.0),
                format!("{}{}: {} {} free", label(Lang::En), what.en, fmt_num(amount), unit.1),
            ),
            monthly_usd: None,
            counted_in: Some(svc),
            reason: t(
                "kumozu はアカウント全体の無料枠を差し引いています。シートには無料枠を引く前の量を書いたので、料金見積りツールが無料枠を引かない場合はその分だけ高くなります",
                "kumozu takes the account-wide free allowance off; the sheet gives the amount before it, so where the calculator does not apply the allowance its figure is higher by that much",
            )
            .into(),
        });
    };
    let has_dt = e.lines.iter().any(|l| l.node.is_none());
    if has_dt {
        let gb = dec(design.usage("data_transfer_out_gb"));
        let free = gb.min(Decimal::from(cost::kinds::data_transfer::FREE_GB));
        push(
            "data_transfer",
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
                    push("cloudwatch", Some(n), free, what, unit);
                }
            }
            Kind::Lambda => {
                let free =
                    dec(n.num("monthly_invocations_million")) - billed(&n.id, "lambda.requests");
                push(
                    "lambda",
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
                    "lambda",
                    Some(n),
                    gbs - billed_gbs,
                    t("実行時間", "Duration"),
                    ("GB 秒", "GB-s"),
                );
            }
            Kind::Sqs => {
                let free = dec(n.num("monthly_requests_million")) - billed(&n.id, "sqs.");
                push(
                    "sqs",
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

/// UI words of the renderers.
struct Words {
    title: &'static str,
    region: &'static str,
    table: &'static str,
    open: &'static str,
    covers: &'static str,
    kumozu: &'static str,
    unconfirmed: &'static str,
    callouts: &'static str,
    counted_in: &'static str,
    total: &'static str,
    unknown: &'static str,
    field: &'static str,
    value: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Ja => Words {
            title: "AWS 料金見積りツール入力シート",
            region: "リージョン",
            table: "料金表",
            open: "料金見積りツールで「見積もりの作成」→ 下のサービスを順に追加し、各欄に値を入力します",
            covers: "対象ノード",
            kumozu: "kumozu の月額",
            unconfirmed: "* 料金見積りツールのドキュメントで確認できなかったラベル",
            callouts: "注意する行",
            counted_in: "金額を含めたサービス",
            total: "月額合計 (kumozu、税抜)",
            unknown: "価格不明の行",
            field: "項目",
            value: "入力する値",
        },
        Lang::En => Words {
            title: "AWS Pricing Calculator input sheet",
            region: "Region",
            table: "pricing table",
            open: "In the calculator choose \"Create estimate\", add the services below in order and fill each field",
            covers: "covers",
            kumozu: "kumozu monthly",
            unconfirmed: "* label not confirmed against the calculator's documentation",
            callouts: "Lines to note",
            counted_in: "counted in",
            total: "Monthly total (kumozu, before tax)",
            unknown: "Lines with unknown price",
            field: "Field",
            value: "Value to enter",
        },
    }
}

fn service_name(sheet: &Sheet, id: &str, lang: Lang) -> String {
    sheet
        .services
        .iter()
        .find(|s| s.id == id)
        .map(|s| s.name.get(lang).to_owned())
        .unwrap_or_else(|| id.to_owned())
}

/// The sheet as plain text in `lang` (the CLI's default output).
pub fn render_text(sheet: &Sheet, lang: Lang) -> String {
    let w = words(lang);
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", w.title, sheet.design_name);
    let _ = writeln!(
        out,
        "{}: {} ({}) · {} {} · {} h",
        w.region,
        sheet.region_name.get(lang),
        sheet.region.code(),
        w.table,
        sheet.table_version,
        fmt_num(sheet.hours_per_month)
    );
    let _ = writeln!(out, "{}: {CALCULATOR_URL}", w.open);
    for (i, s) in sheet.services.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{}. {} — {}: {}",
            i + 1,
            s.name.get(lang),
            w.kumozu,
            fmt_usd(s.monthly_usd)
        );
        if !s.nodes.is_empty() {
            let ids: Vec<&str> = s.nodes.iter().map(|n| n.as_str()).collect();
            let _ = writeln!(out, "   {}: {}", w.covers, ids.join(", "));
        }
        for note in &s.notes {
            let _ = writeln!(out, "   ! {}", note.get(lang));
        }
        for e in &s.entries {
            let _ = writeln!(out, "   [{}]", e.title.get(lang));
            let width = e
                .fields
                .iter()
                .map(|f| f.label.get(lang).chars().count() + usize::from(!f.confirmed))
                .max()
                .unwrap_or(0);
            for f in &e.fields {
                let label = format!(
                    "{}{}",
                    f.label.get(lang),
                    if f.confirmed { "" } else { "*" }
                );
                let pad = width.saturating_sub(label.chars().count());
                let _ = writeln!(
                    out,
                    "     {label}{}  {}",
                    " ".repeat(pad),
                    f.value.get(lang)
                );
            }
        }
    }
    if !sheet.callouts.is_empty() {
        let _ = writeln!(out, "\n{}:", w.callouts);
        for c in &sheet.callouts {
            let amount = c
                .monthly_usd
                .map(|m| format!(" ({})", fmt_usd(m)))
                .unwrap_or_default();
            let counted = c
                .counted_in
                .map(|id| format!(" [{}: {}]", w.counted_in, service_name(sheet, id, lang)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  - {}{amount}{counted}: {}",
                c.what.get(lang),
                c.reason.get(lang)
            );
        }
    }
    let _ = writeln!(out, "\n{}: {}", w.total, fmt_usd(sheet.total_monthly_usd));
    if sheet.unknown_lines > 0 {
        let _ = writeln!(out, "{}: {}", w.unknown, sheet.unknown_lines);
    }
    let _ = writeln!(out, "{}", w.unconfirmed);
    out
}

fn esc(s: &str, out: &mut String) {
    crate::core::drawing::svg::escape(s, out);
}

/// The sheet as a self-contained, printable HTML fragment in `lang`: every text escaped, no
/// scripts, no inline styles (the app's CSS gives it its look).
pub fn to_html(sheet: &Sheet, lang: Lang) -> String {
    let w = words(lang);
    let mut h = String::with_capacity(8192);
    h.push_str("<div class=\"sheet-doc\">");
    h.push_str("<h3 class=\"sheet-title\">");
    esc(w.title, &mut h);
    h.push_str(" — ");
    esc(&sheet.design_name, &mut h);
    h.push_str("</h3><p class=\"sheet-meta\">");
    esc(w.region, &mut h);
    h.push_str(": <strong data-testid=\"sheet-region\">");
    esc(sheet.region_name.get(lang), &mut h);
    h.push_str("</strong> (");
    esc(sheet.region.code(), &mut h);
    h.push_str(") · ");
    esc(w.table, &mut h);
    h.push(' ');
    esc(&sheet.table_version, &mut h);
    h.push_str(" · ");
    esc(&fmt_num(sheet.hours_per_month), &mut h);
    h.push_str(" h</p><p class=\"sheet-how\">");
    esc(w.open, &mut h);
    h.push_str("</p>");
    for (i, s) in sheet.services.iter().enumerate() {
        h.push_str(
            "<section class=\"sheet-service\" data-testid=\"sheet-service\" data-service-id=\"",
        );
        esc(s.id, &mut h);
        h.push_str("\"><h4><span class=\"sheet-service-name\">");
        let _ = write!(h, "{}. ", i + 1);
        esc(s.name.get(lang), &mut h);
        h.push_str("</span> <span class=\"sheet-service-amount\">");
        esc(w.kumozu, &mut h);
        h.push_str(": <span data-testid=\"sheet-service-monthly\">");
        esc(&fmt_usd(s.monthly_usd), &mut h);
        h.push_str("</span></span></h4>");
        if !s.nodes.is_empty() {
            h.push_str("<p class=\"sheet-covers\">");
            esc(w.covers, &mut h);
            h.push_str(": ");
            let ids: Vec<&str> = s.nodes.iter().map(|n| n.as_str()).collect();
            esc(&ids.join(", "), &mut h);
            h.push_str("</p>");
        }
        for note in &s.notes {
            h.push_str("<p class=\"sheet-note\">");
            esc(note.get(lang), &mut h);
            h.push_str("</p>");
        }
        for e in &s.entries {
            h.push_str("<table class=\"sheet-entry\"");
            if let Some(n) = &e.node {
                h.push_str(" data-node-id=\"");
                esc(n.as_str(), &mut h);
                h.push('"');
            }
            h.push_str("><caption>");
            esc(e.title.get(lang), &mut h);
            h.push_str("</caption><thead><tr><th scope=\"col\">");
            esc(w.field, &mut h);
            h.push_str("</th><th scope=\"col\">");
            esc(w.value, &mut h);
            h.push_str("</th></tr></thead><tbody>");
            for f in &e.fields {
                h.push_str("<tr data-testid=\"sheet-field\" data-field=\"");
                esc(f.id, &mut h);
                h.push_str("\"><th scope=\"row\" class=\"sheet-label\">");
                esc(f.label.get(lang), &mut h);
                if !f.confirmed {
                    h.push_str("<span class=\"sheet-unconfirmed\">*</span>");
                }
                h.push_str("</th><td class=\"sheet-value\">");
                esc(f.value.get(lang), &mut h);
                h.push_str("</td></tr>");
            }
            h.push_str("</tbody></table>");
        }
        h.push_str("</section>");
    }
    if !sheet.callouts.is_empty() {
        h.push_str("<section class=\"sheet-callouts\" data-testid=\"sheet-callouts\"><h4>");
        esc(w.callouts, &mut h);
        h.push_str("</h4><ul>");
        for c in &sheet.callouts {
            h.push_str("<li data-callout-kind=\"");
            esc(c.kind.id(), &mut h);
            h.push_str("\"><strong>");
            esc(c.what.get(lang), &mut h);
            h.push_str("</strong>");
            if let Some(m) = c.monthly_usd {
                h.push_str(" (");
                esc(&fmt_usd(m), &mut h);
                h.push(')');
            }
            if let Some(id) = c.counted_in {
                h.push_str(" [");
                esc(w.counted_in, &mut h);
                h.push_str(": ");
                esc(&service_name(sheet, id, lang), &mut h);
                h.push(']');
            }
            h.push_str(": ");
            esc(c.reason.get(lang), &mut h);
            h.push_str("</li>");
        }
        h.push_str("</ul></section>");
    }
    h.push_str("<p class=\"sheet-total\">");
    esc(w.total, &mut h);
    h.push_str(": <strong data-testid=\"sheet-total\">");
    esc(&fmt_usd(sheet.total_monthly_usd), &mut h);
    h.push_str("</strong></p>");
    if sheet.unknown_lines > 0 {
        h.push_str("<p class=\"sheet-unknown\">");
        esc(w.unknown, &mut h);
        let _ = write!(h, ": {}", sheet.unknown_lines);
        h.push_str("</p>");
    }
    h.push_str("<p class=\"sheet-footnote\">");
    esc(w.unconfirmed, &mut h);
    h.push_str("</p></div>");
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::templates;

    fn party_box() -> Design {
        templates::find("party-box")
            .expect("template")
            .design()
            .expect("loads")
    }

    #[test]
    fn every_priced_line_lands_in_one_service_or_a_callout() {
        let d = party_box();
        let table = PriceTable::bundled(d.region).expect("table");
        let e = cost::estimate(&d, &table);
        let s = build(&d, &e);
        assert_eq!(s.total_monthly_usd, e.total_monthly_usd);
        let in_services: Decimal = s.services.iter().map(|s| s.monthly_usd).sum();
        let free: Decimal = e
            .lines
            .iter()
            .filter(|l| service_of(l).is_none())
            .filter_map(|l| l.monthly)
            .sum();
        assert_eq!(cents(in_services + free), e.total_monthly_usd);
    }
}
