//! Filling each calculator service: one function a service, chosen by [`CalcService`], and the
//! labels of its fields (the calculator's English, kumozu's Japanese, whether the English was
//! confirmed), its units and its notes as values beside it.

use rust_decimal::Decimal;

use super::{node_title, nodes_of, num, r, same, CalcService, Entry, Field, Inputs, Service};
use crate::core::cost::Reason;
use crate::core::cost::{dec, fmt_num, CostLine};
use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::{Design, Node};
use crate::core::support::i18n::{t, Text};

/// A field of a calculator form: its stable id, its label, and whether the English label was
/// confirmed against public material about the calculator.
#[derive(Clone, Copy)]
struct Label {
    id: &'static str,
    label: Text,
    confirmed: bool,
}

impl Label {
    const fn new(id: &'static str, ja: &'static str, en: &'static str, confirmed: bool) -> Label {
        Label {
            id,
            label: t(ja, en),
            confirmed,
        }
    }

    /// The label, confirmed only when `yes` too.
    const fn confirmed_if(self, yes: bool) -> Label {
        Label {
            confirmed: self.confirmed && yes,
            ..self
        }
    }

    /// The field with `value` typed or chosen in it.
    fn is(self, value: Reason) -> Field {
        Field {
            id: self.id,
            label: self.label,
            confirmed: self.confirmed,
            value,
        }
    }
}

/// Units after a number, in each language.
const PER_MONTH: Text = t("(1 か月あたり)", "per month");
const GB_PER_MONTH: Text = t("GB (1 か月あたり)", "GB per month");
const MILLION_PER_MONTH: Text = t("百万 (1 か月あたり)", "million per month");
const GB_PER_HOUR: Text = t("GB (1 時間あたり)", "GB per hour");
const PER_SECOND: Text = t("(1 秒あたり)", "per second");
const HOURS: Text = t("時間", "hours");
const GB: Text = t("GB", "GB");
const MB: Text = t("MB", "MB");

impl CalcService {
    /// Fills the entries and notes of this service from the lines it covers.
    pub(super) fn fill(self, svc: &mut Service, x: &Inputs) {
        match self {
            CalcService::Fargate => fargate(svc, x),
            CalcService::Elb => elb(svc, x),
            CalcService::Rds => rds(svc, x),
            CalcService::Elasticache => elasticache(svc, x),
            CalcService::Vpc => vpc(svc, x),
            CalcService::Ecr => ecr(svc, x),
            CalcService::Cloudwatch => cloudwatch(svc, x),
            CalcService::Route53 => route53(svc, x),
            CalcService::Cloudfront => cloudfront(svc, x),
            CalcService::S3 => s3(svc, x),
            CalcService::Lambda => lambda(svc, x),
            CalcService::Sqs => sqs(svc, x),
            CalcService::SecretsManager => secrets_manager(svc, x),
            CalcService::DataTransfer => data_transfer(svc, x),
        }
    }
}

const FARGATE_OS: Label = Label::new("os", "オペレーティングシステム", "Operating system", true);
const FARGATE_CPU_ARCHITECTURE: Label = Label::new(
    "cpu_architecture",
    "CPU アーキテクチャ",
    "CPU Architecture",
    true,
);
const FARGATE_TASKS: Label = Label::new(
    "tasks",
    "タスクまたはポッドの数",
    "Number of tasks or pods",
    true,
);
const FARGATE_DURATION_HOURS: Label =
    Label::new("duration_hours", "平均期間", "Average duration", true);
const FARGATE_VCPU: Label = Label::new(
    "vcpu",
    "割り当てた vCPU の量",
    "Amount of vCPU allocated",
    true,
);
const FARGATE_MEMORY_GB: Label = Label::new(
    "memory_gb",
    "割り当てたメモリの量",
    "Amount of memory allocated",
    true,
);
const FARGATE_EPHEMERAL_GB: Label = Label::new(
    "ephemeral_gb",
    "Amazon ECS に割り当てたエフェメラルストレージの量",
    "Amount of ephemeral storage allocated for Amazon ECS",
    true,
);

/// The note under the service.
const FARGATE_PEAK_NOTE: Text = t(
    "kumozu の見積もりは「想定」ケースです: 希望タスク数を 1 か月中、ピーク時間だけ最大タスク数。ピーク分は同じサービスの 2 つ目の設定として追加してください",
    "kumozu prices the expected case: desired tasks all month, maximum tasks during the peak hours. Add the peak as a second AWS Fargate configuration",
);

/// AWS Fargate: the entries of each ECS service.
fn fargate(svc: &mut Service, x: &Inputs) {
    let Inputs {
        design,
        lines,
        hours,
        ..
    } = *x;

    for n in nodes_of(design, lines, Kind::EcsService) {
        fargate_service(svc, design, n, hours);
    }
}

/// The Fargate entries of one ECS service: the desired tasks all month, and (in the expected
/// case, with auto scaling) the extra tasks at peak hours as a second configuration, so that
/// tasks × duration adds up to the engine's task-hours.
fn fargate_service(svc: &mut Service, design: &Design, n: &Node, hours: Decimal) {
    let desired = dec(n.num("desired_tasks"));
    let max = dec(n.num("max_tasks")).max(desired);
    let peak = dec(design.usage("peak_hours_per_month")).min(hours);
    let arm = n.text("cpu_architecture") == "ARM64";
    let fields = |tasks: Decimal, duration: Decimal| {
        vec![
            FARGATE_OS.is(same("Linux")),
            FARGATE_CPU_ARCHITECTURE.is(same(if arm { "ARM" } else { "x86" })),
            FARGATE_TASKS.is(num(tasks, PER_MONTH)),
            FARGATE_DURATION_HOURS.is(num(duration, HOURS)),
            FARGATE_VCPU.is(same(fmt_num(dec(n.num("vcpu"))))),
            FARGATE_MEMORY_GB.is(num(dec(n.num("memory_gb")), GB)),
            FARGATE_EPHEMERAL_GB.is(num(dec(n.num("ephemeral_storage_gb")), GB)),
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
            svc.notes.push(FARGATE_PEAK_NOTE);
        }
    }
}

const ELB_ALBS: Label = Label::new(
    "albs",
    "Application Load Balancer の数",
    "Number of Application Load Balancers",
    true,
);
const ELB_PROCESSED_LAMBDA: Label = Label::new(
    "processed_lambda",
    "処理されたバイト (ターゲットとしての Lambda 関数)",
    "Processed bytes (Lambda functions as targets)",
    true,
);
const ELB_PROCESSED_GB: Label = Label::new(
    "processed_gb",
    "処理されたバイト (ターゲットとしての EC2 インスタンスと IP アドレス)",
    "Processed bytes (EC2 Instances and IP addresses as targets)",
    true,
);
const ELB_NEW_CONNECTIONS: Label = Label::new(
    "new_connections",
    "ALB あたりの新しい接続の平均数",
    "Average number of new connections per ALB",
    true,
);
const ELB_CONNECTION_DURATION: Label = Label::new(
    "connection_duration",
    "平均接続時間",
    "Average connection duration",
    true,
);
const ELB_REQUESTS: Label = Label::new(
    "requests",
    "ALB あたりの 1 秒あたりのリクエストの平均数",
    "Average number of requests per second per ALB",
    true,
);
const ELB_RULE_EVALUATIONS: Label = Label::new(
    "rule_evaluations",
    "リクエストあたりのルール評価の平均数",
    "Average number of rule evaluations per request",
    true,
);

/// Elastic Load Balancing: one Application Load Balancer entry per ALB node.
fn elb(svc: &mut Service, x: &Inputs) {
    let Inputs { design, lines, .. } = *x;

    for n in nodes_of(design, lines, Kind::Alb) {
        svc.entries.push(alb_entry(design, n));
    }
}

/// The ALB entry: the design's LCU drivers, as the calculator asks for them.
fn alb_entry(design: &Design, n: &Node) -> Entry {
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
            ELB_ALBS.is(same("1")),
            ELB_PROCESSED_LAMBDA.is(num(Decimal::ZERO, GB_PER_HOUR)),
            ELB_PROCESSED_GB.is(num(gb, GB_PER_HOUR)),
            ELB_NEW_CONNECTIONS.is(num(new_conn, PER_SECOND)),
            ELB_CONNECTION_DURATION.is(r(
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
            )),
            ELB_REQUESTS.is(num(requests, PER_SECOND)),
            ELB_RULE_EVALUATIONS.is(same(rules.to_string())),
        ],
    }
}

const RDS_NODES: Label = Label::new("nodes", "ノード", "Nodes", true);
const RDS_INSTANCE_TYPE: Label =
    Label::new("instance_type", "インスタンスタイプ", "Instance type", true);
const RDS_UTILIZATION: Label = Label::new(
    "utilization",
    "使用率 (オンデマンドのみ)",
    "Utilization (On-Demand only)",
    true,
);
const RDS_DEPLOYMENT: Label = Label::new(
    "deployment",
    "デプロイオプション",
    "Deployment option",
    true,
);
const RDS_PRICING_STRATEGY: Label =
    Label::new("pricing_strategy", "料金戦略", "Pricing strategy", true);
const RDS_STORAGE_TYPE: Label = Label::new(
    "storage_type",
    "各 RDS インスタンスのストレージ",
    "Storage for each RDS instance",
    true,
);
const RDS_STORAGE_GB: Label = Label::new("storage_gb", "ストレージ量", "Storage amount", true);
const RDS_BACKUP_GB: Label = Label::new(
    "backup_gb",
    "追加のバックアップストレージ",
    "Additional backup storage",
    true,
);

/// Amazon RDS for PostgreSQL: one entry per database node.
fn rds(svc: &mut Service, x: &Inputs) {
    let Inputs { design, lines, .. } = *x;

    for n in nodes_of(design, lines, Kind::RdsPostgres) {
        svc.entries.push(rds_entry(n));
    }
}

fn rds_entry(n: &Node) -> Entry {
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
            RDS_NODES.is(same("1")),
            RDS_INSTANCE_TYPE.is(same(n.text("instance_class"))),
            RDS_UTILIZATION.is(r("100 %/月".into(), "100 %Utilized/Month".into())),
            RDS_DEPLOYMENT.is(if multi {
                same("Multi-AZ")
            } else {
                same("Single-AZ")
            }),
            RDS_PRICING_STRATEGY.is(r("オンデマンド".into(), "OnDemand".into())),
            RDS_STORAGE_TYPE.is(r(st_ja.into(), st_en.into())),
            RDS_STORAGE_GB.is(num(storage, GB)),
            RDS_BACKUP_GB.is(r(
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
            )),
        ],
    }
}

const ELASTICACHE_ENGINE: Label = Label::new("engine", "キャッシュエンジン", "Cache Engine", true);
const ELASTICACHE_NODES: Label = Label::new("nodes", "ノード", "Nodes", true);
const ELASTICACHE_NODE_TYPE: Label =
    Label::new("node_type", "インスタンスタイプ", "Instance type", true);
const ELASTICACHE_UTILIZATION: Label = Label::new(
    "utilization",
    "使用率 (オンデマンドのみ)",
    "Utilization (On-Demand only)",
    true,
);
const ELASTICACHE_PRICING_STRATEGY: Label =
    Label::new("pricing_strategy", "料金戦略", "Pricing strategy", true);

/// Amazon ElastiCache: one entry per cache node.
fn elasticache(svc: &mut Service, x: &Inputs) {
    let Inputs { design, lines, .. } = *x;

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
                ELASTICACHE_ENGINE.is(same(engine)),
                ELASTICACHE_NODES.is(same(fmt_num(dec(n.num("nodes"))))),
                ELASTICACHE_NODE_TYPE.is(same(n.text("node_type"))),
                ELASTICACHE_UTILIZATION.is(r("100 %/月".into(), "100 %Utilized/Month".into())),
                ELASTICACHE_PRICING_STRATEGY.is(r("オンデマンド".into(), "OnDemand".into())),
            ],
        });
    }
}

const VPC_NAT_GATEWAYS: Label = Label::new(
    "nat_gateways",
    "NAT ゲートウェイの数",
    "Number of NAT Gateways",
    true,
);
const VPC_NAT_GB: Label = Label::new(
    "nat_gb",
    "NAT ゲートウェイあたりの処理データ量",
    "Data Processed per NAT Gateway",
    true,
);
const VPC_INTERFACE_ENDPOINTS: Label = Label::new(
    "interface_endpoints",
    "AWS リージョンあたりの VPC インターフェイスエンドポイントの数",
    "Number of VPC Interface endpoints per AWS region",
    true,
);
const VPC_ENDPOINT_GB: Label = Label::new(
    "endpoint_gb",
    "AWS リージョン内のすべての VPCE インターフェイスエンドポイントが処理したデータの合計",
    "Total data processed by all VPCE Interface endpoints in the AWS region",
    true,
);
const VPC_IPV4_IN_USE: Label = Label::new(
    "ipv4_in_use",
    "使用中のパブリック IPv4 アドレスの数",
    "Number of In-use public IPv4 addresses",
    true,
);

/// Amazon VPC: one entry per NAT Gateway node and per interface endpoint, then the public IPv4
/// addresses of every node.
fn vpc(svc: &mut Service, x: &Inputs) {
    let Inputs {
        design,
        lines,
        hours,
        ..
    } = *x;
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
                VPC_NAT_GATEWAYS.is(count),
                VPC_NAT_GB.is(num(per_gw.round_dp(3), GB_PER_MONTH)),
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
                VPC_INTERFACE_ENDPOINTS.is(r(
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
                )),
                VPC_ENDPOINT_GB.is(num(dec(n.num("monthly_data_processed_gb")), GB_PER_MONTH)),
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
            fields: vec![VPC_IPV4_IN_USE.is(r(
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
            ))],
        });
    }
}

const ECR_STORAGE_GB: Label =
    Label::new("storage_gb", "保存データ量", "Amount of data stored", true);

/// Amazon ECR: the storage of each repository.
fn ecr(svc: &mut Service, x: &Inputs) {
    let Inputs { design, lines, .. } = *x;

    for n in nodes_of(design, lines, Kind::Ecr) {
        svc.entries.push(Entry {
            title: node_title(n),
            node: Some(n.id.clone()),
            fields: vec![ECR_STORAGE_GB.is(num(dec(n.num("storage_gb")), GB_PER_MONTH))],
        });
    }
}

const CLOUDWATCH_METRICS: Label = Label::new(
    "metrics",
    "メトリクスの数 (詳細モニタリングとカスタムメトリクスを含む)",
    "Number of Metrics (includes detailed and custom metrics)",
    true,
);
const CLOUDWATCH_LOGS_INGESTED_GB: Label = Label::new(
    "logs_ingested_gb",
    "標準ログ: 取り込まれたデータ",
    "Standard Logs: Data Ingested",
    true,
);
const CLOUDWATCH_LOGS_STORED_GB: Label = Label::new(
    "logs_stored_gb",
    "ログの保存/アーカイブ (標準ログと Vended Logs)",
    "Logs Storage/Archival (Standard and Vended Logs)",
    false,
);
const CLOUDWATCH_ALARMS: Label = Label::new(
    "alarms",
    "標準解像度のアラームメトリクスの数",
    "Number of Standard Resolution Alarm Metrics",
    false,
);

/// Amazon CloudWatch: metrics, logs and alarms of each CloudWatch node.
fn cloudwatch(svc: &mut Service, x: &Inputs) {
    let Inputs { design, lines, .. } = *x;

    for n in nodes_of(design, lines, Kind::Cloudwatch) {
        svc.entries.push(Entry {
            title: node_title(n),
            node: Some(n.id.clone()),
            fields: vec![
                CLOUDWATCH_METRICS.is(same(fmt_num(dec(n.num("custom_metrics"))))),
                CLOUDWATCH_LOGS_INGESTED_GB.is(num(dec(n.num("logs_ingested_gb")), GB_PER_MONTH)),
                CLOUDWATCH_LOGS_STORED_GB.is(num(dec(n.num("logs_stored_gb")), GB)),
                CLOUDWATCH_ALARMS.is(same(fmt_num(dec(n.num("alarms"))))),
            ],
        });
    }
}

const ROUTE53_HOSTED_ZONES: Label =
    Label::new("hosted_zones", "ホストゾーン", "Hosted Zones", true);
const ROUTE53_STANDARD_QUERIES: Label =
    Label::new("standard_queries", "標準クエリ", "Standard queries", true);

/// The note under the service.
const ROUTE53_NOTE: Text = t(
    "Route 53 はグローバルサービスです。料金見積りツールではリージョンを選ばずに追加します",
    "Route 53 is a global service: the calculator adds it without a region",
);

/// Amazon Route 53: hosted zones and queries (a global service).
fn route53(svc: &mut Service, x: &Inputs) {
    let Inputs { design, lines, .. } = *x;

    for n in nodes_of(design, lines, Kind::Route53) {
        svc.entries.push(Entry {
            title: node_title(n),
            node: Some(n.id.clone()),
            fields: vec![
                ROUTE53_HOSTED_ZONES.is(same(fmt_num(dec(n.num("hosted_zones"))))),
                ROUTE53_STANDARD_QUERIES.is(num(
                    dec(n.num("monthly_queries_million")),
                    MILLION_PER_MONTH,
                )),
            ],
        });
    }
    svc.notes.push(ROUTE53_NOTE);
}

const CLOUDFRONT_DATA_OUT_GB: Label = Label::new(
    "data_out_gb",
    "インターネットへのデータ転送 (アウト)",
    "Data transfer out to internet",
    false,
);
const CLOUDFRONT_HTTPS_REQUESTS: Label = Label::new(
    "https_requests",
    "リクエスト数 (HTTPS)",
    "Number of requests (HTTPS)",
    false,
);

/// The note under the service.
const CLOUDFRONT_NOTE: Text = t(
    "料金見積りツールは定額プラン (Free / Pro / Business / Premium) も提示します。比べるには従量課金を選び、閲覧者の地域を設計のリージョンの国 (東京・大阪なら日本) にしてください",
    "The calculator also offers flat-rate plans (Free / Pro / Business / Premium); to compare, choose pay-as-you-go and put the viewers in the country of the design's region (Japan for Tokyo and Osaka)",
);

/// Amazon CloudFront: data out and requests of each distribution.
fn cloudfront(svc: &mut Service, x: &Inputs) {
    let Inputs { design, lines, .. } = *x;

    for n in nodes_of(design, lines, Kind::Cloudfront) {
        svc.entries.push(Entry {
            title: node_title(n),
            node: Some(n.id.clone()),
            fields: vec![
                CLOUDFRONT_DATA_OUT_GB.is(num(dec(n.num("monthly_data_out_gb")), GB_PER_MONTH)),
                CLOUDFRONT_HTTPS_REQUESTS.is(num(
                    dec(n.num("monthly_requests_million")),
                    MILLION_PER_MONTH,
                )),
            ],
        });
    }
    svc.notes.push(CLOUDFRONT_NOTE);
}

const S3_STANDARD_STORAGE: Label = Label::new(
    "storage_gb",
    "S3 標準ストレージ",
    "S3 Standard storage",
    true,
);
const S3_STORAGE: Label = Label::new("storage_gb", "ストレージ", "Storage", false);
const S3_PUT_REQUESTS: Label = Label::new(
    "put_requests",
    "S3 標準への PUT、COPY、POST、LIST リクエスト",
    "PUT, COPY, POST, LIST requests to S3 Standard",
    true,
);
const S3_GET_REQUESTS: Label = Label::new(
    "get_requests",
    "S3 標準からの GET、SELECT、およびその他すべてのリクエスト",
    "GET, SELECT, and all other requests from S3 Standard",
    true,
);

/// Amazon S3: storage and requests of each bucket (the labels name S3 Standard; for another
/// storage class they are not confirmed).
fn s3(svc: &mut Service, x: &Inputs) {
    let Inputs { design, lines, .. } = *x;

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
                if standard {
                    S3_STANDARD_STORAGE
                } else {
                    S3_STORAGE
                }
                .is(r(
                    format!(
                        "{} GB (1 か月あたり) — {class_ja}",
                        fmt_num(dec(n.num("storage_gb")))
                    ),
                    format!(
                        "{} GB per month — {class_en}",
                        fmt_num(dec(n.num("storage_gb")))
                    ),
                )),
                S3_PUT_REQUESTS.confirmed_if(standard).is(num(
                    dec(n.num("monthly_put_requests_thousand")) * Decimal::from(1000),
                    PER_MONTH,
                )),
                S3_GET_REQUESTS.confirmed_if(standard).is(num(
                    dec(n.num("monthly_get_requests_thousand")) * Decimal::from(1000),
                    PER_MONTH,
                )),
            ],
        });
    }
}

const LAMBDA_ARCHITECTURE: Label =
    Label::new("architecture", "アーキテクチャ", "Architecture", true);
const LAMBDA_REQUESTS: Label = Label::new("requests", "リクエストの数", "Number of requests", true);
const LAMBDA_DURATION_MS: Label = Label::new(
    "duration_ms",
    "各リクエストの実行時間 (ミリ秒)",
    "Duration of each request (in ms)",
    true,
);
const LAMBDA_MEMORY_MB: Label = Label::new(
    "memory_mb",
    "割り当てたメモリの量",
    "Amount of memory allocated",
    true,
);
const LAMBDA_EPHEMERAL_MB: Label = Label::new(
    "ephemeral_mb",
    "割り当てたエフェメラルストレージの量",
    "Amount of ephemeral storage allocated",
    true,
);

/// AWS Lambda: requests, duration and memory of each function.
fn lambda(svc: &mut Service, x: &Inputs) {
    let Inputs { design, lines, .. } = *x;

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
                LAMBDA_ARCHITECTURE.is(same(arch)),
                LAMBDA_REQUESTS.is(num(
                    dec(n.num("monthly_invocations_million")),
                    MILLION_PER_MONTH,
                )),
                LAMBDA_DURATION_MS.is(same(fmt_num(dec(n.num("avg_duration_ms")).ceil()))),
                LAMBDA_MEMORY_MB.is(num(dec(n.num("memory_mb")), MB)),
                LAMBDA_EPHEMERAL_MB.is(same("512 MB")),
            ],
        });
    }
}

const SQS_STANDARD_REQUESTS: Label = Label::new(
    "requests",
    "標準キューのリクエスト",
    "Standard queue requests",
    true,
);
const SQS_FIFO_REQUESTS: Label = Label::new(
    "requests",
    "FIFO キューのリクエスト",
    "FIFO queue requests",
    true,
);

/// Amazon SQS: the requests of each queue.
fn sqs(svc: &mut Service, x: &Inputs) {
    let Inputs { design, lines, .. } = *x;

    for n in nodes_of(design, lines, Kind::Sqs) {
        let fifo = n.text("queue_type") == "fifo";
        svc.entries.push(Entry {
            title: node_title(n),
            node: Some(n.id.clone()),
            fields: vec![if fifo {
                SQS_FIFO_REQUESTS
            } else {
                SQS_STANDARD_REQUESTS
            }
            .is(num(
                dec(n.num("monthly_requests_million")),
                MILLION_PER_MONTH,
            ))],
        });
    }
}

const SECRETS_MANAGER_SECRETS: Label =
    Label::new("secrets", "シークレットの数", "Number of secrets", true);
const SECRETS_MANAGER_DURATION: Label = Label::new(
    "duration",
    "各シークレットの平均保存期間",
    "Average duration of each secret",
    true,
);
const SECRETS_MANAGER_API_CALLS: Label =
    Label::new("api_calls", "API コールの数", "Number of API calls", true);

/// AWS Secrets Manager: secrets and API calls.
fn secrets_manager(svc: &mut Service, x: &Inputs) {
    let Inputs { design, lines, .. } = *x;

    for n in nodes_of(design, lines, Kind::SecretsManager) {
        svc.entries.push(Entry {
            title: node_title(n),
            node: Some(n.id.clone()),
            fields: vec![
                SECRETS_MANAGER_SECRETS.is(same(fmt_num(dec(n.num("secrets"))))),
                SECRETS_MANAGER_DURATION.is(r("30 日".into(), "30 days".into())),
                SECRETS_MANAGER_API_CALLS.is(num(
                    dec(n.num("monthly_api_calls_thousand")) * Decimal::from(1000),
                    PER_MONTH,
                )),
            ],
        });
    }
}

const DATA_TRANSFER_FROM: Label = Label::new("from", "データ転送元", "Data transfer from", false);
const DATA_TRANSFER_TO: Label = Label::new("to", "データ転送先", "Data transfer to", false);
const DATA_TRANSFER_AMOUNT_GB: Label = Label::new("amount_gb", "金額を入力", "Enter Amount", true);

/// AWS Data Transfer: the whole design's data out to the internet.
fn data_transfer(svc: &mut Service, x: &Inputs) {
    let Inputs { design, region, .. } = *x;

    let name = region.name();
    svc.entries.push(Entry {
        title: t(
            "構成全体: インターネットへのデータ転送",
            "Whole design: data transfer out to the internet",
        )
        .into(),
        node: None,
        fields: vec![
            DATA_TRANSFER_FROM.is(r(name.ja.to_owned(), name.en.to_owned())),
            DATA_TRANSFER_TO.is(r("インターネット".into(), "Internet".into())),
            DATA_TRANSFER_AMOUNT_GB
                .is(num(dec(design.usage("data_transfer_out_gb")), GB_PER_MONTH)),
        ],
    });
}
