//! The catalogue: every kind of node and edge a design can hold, with each kind's names in
//! both languages, its parameters (units, defaults, valid values) and what it may contain.
//!
//! This is data about kinds, not about a particular design; nothing here looks at a `Design`.

use serde::{Deserialize, Serialize};

use crate::core::support::i18n::{t, Text};

/// The kind of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Users on the internet.
    Users,
    /// Amazon Route 53 (DNS).
    Route53,
    /// Amazon CloudFront (CDN).
    Cloudfront,
    /// Amazon S3 bucket.
    S3,
    /// AWS Certificate Manager certificate.
    Acm,
    /// Amazon VPC (container).
    Vpc,
    /// A subnet tier (public or private) spanning one or more AZs (container).
    Subnet,
    /// Internet Gateway.
    InternetGateway,
    /// NAT Gateway.
    NatGateway,
    /// VPC endpoint (interface or gateway).
    VpcEndpoint,
    /// Application Load Balancer.
    Alb,
    /// Amazon ECS cluster (container).
    EcsCluster,
    /// Amazon ECS service (Fargate or EC2).
    EcsService,
    /// Amazon ECR repository.
    Ecr,
    /// Amazon RDS for PostgreSQL.
    RdsPostgres,
    /// Amazon ElastiCache.
    Elasticache,
    /// Amazon SQS queue.
    Sqs,
    /// AWS Lambda function.
    Lambda,
    /// AWS Secrets Manager.
    SecretsManager,
    /// Amazon CloudWatch (metrics, logs, alarms).
    Cloudwatch,
    /// A box with a label and no AWS meaning (for diagrams such as the seed's tech stack).
    Generic,
    /// A labelled group with no AWS meaning (container).
    Group,
}

/// Palette groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// VPC, subnets, gateways, endpoints.
    Network,
    /// ECS, Lambda.
    Compute,
    /// RDS, ElastiCache, S3, SQS, ECR.
    Data,
    /// Users, Route 53, CloudFront, ALB, ACM.
    Edge,
    /// CloudWatch, Secrets Manager.
    Operations,
    /// Generic shapes.
    Other,
}

/// The type and range of a parameter's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParamType {
    /// A number in `[min, max]`.
    Number { min: f64, max: f64 },
    /// A whole number in `[min, max]`.
    Integer { min: i64, max: i64 },
    /// One of the listed strings.
    Choice(&'static [&'static str]),
    /// One of the listed numbers (e.g. Fargate vCPU sizes).
    NumberChoice(&'static [f64]),
    /// Yes or no.
    Bool,
    /// Free text.
    Text,
    /// Availability-zone letters of the design's region (`["a", "c"]`).
    AzList,
}

/// A parameter's default value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DefaultValue {
    /// A number.
    Num(f64),
    /// Yes or no.
    Bool(bool),
    /// A string.
    Str(&'static str),
    /// A list of strings.
    List(&'static [&'static str]),
}

/// One parameter of a kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    /// Stable key, stored in files and links; carries its unit where it has one.
    pub key: &'static str,
    /// Name shown in the inspector.
    pub name: Text,
    /// Unit shown after the value, if any.
    pub unit: Option<&'static str>,
    /// Type and valid values.
    pub ty: ParamType,
    /// Value when the file does not say.
    pub default: DefaultValue,
}

const fn p(
    key: &'static str,
    name: Text,
    unit: Option<&'static str>,
    ty: ParamType,
    default: DefaultValue,
) -> ParamSpec {
    ParamSpec {
        key,
        name,
        unit,
        ty,
        default,
    }
}

/// Fargate task vCPU sizes.
pub const FARGATE_VCPU: &[f64] = &[0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];

/// RDS for PostgreSQL instance classes kumozu offers.
pub const RDS_CLASSES: &[&str] = &[
    "db.t4g.micro",
    "db.t4g.small",
    "db.t4g.medium",
    "db.t4g.large",
    "db.t3.micro",
    "db.t3.small",
    "db.t3.medium",
    "db.m6g.large",
    "db.m7g.large",
    "db.r6g.large",
];

/// ElastiCache node types kumozu offers.
pub const CACHE_NODE_TYPES: &[&str] = &[
    "cache.t4g.micro",
    "cache.t4g.small",
    "cache.t4g.medium",
    "cache.t3.micro",
    "cache.m6g.large",
    "cache.r6g.large",
];

use DefaultValue as D;
use ParamType as T;

const NO_PARAMS: &[ParamSpec] = &[];

const ROUTE53: &[ParamSpec] = &[
    p(
        "hosted_zones",
        t("ホストゾーン数", "Hosted zones"),
        None,
        T::Integer {
            min: 0,
            max: 10_000,
        },
        D::Num(1.0),
    ),
    p(
        "monthly_queries_million",
        t("月間クエリ数", "Queries per month"),
        Some("million"),
        T::Number { min: 0.0, max: 1e6 },
        D::Num(1.0),
    ),
];

const CLOUDFRONT: &[ParamSpec] = &[
    p(
        "price_class",
        t("価格クラス", "Price class"),
        None,
        T::Choice(&["PriceClass_All", "PriceClass_200", "PriceClass_100"]),
        D::Str("PriceClass_200"),
    ),
    p(
        "monthly_data_out_gb",
        t("月間データ転送量", "Data out per month"),
        Some("GB"),
        T::Number { min: 0.0, max: 1e7 },
        D::Num(50.0),
    ),
    p(
        "monthly_requests_million",
        t("月間リクエスト数", "Requests per month"),
        Some("million"),
        T::Number { min: 0.0, max: 1e6 },
        D::Num(1.0),
    ),
];

const S3: &[ParamSpec] = &[
    p(
        "storage_class",
        t("ストレージクラス", "Storage class"),
        None,
        T::Choice(&["STANDARD", "INTELLIGENT_TIERING", "STANDARD_IA"]),
        D::Str("STANDARD"),
    ),
    p(
        "storage_gb",
        t("保存容量", "Storage"),
        Some("GB"),
        T::Number { min: 0.0, max: 1e9 },
        D::Num(10.0),
    ),
    p(
        "monthly_get_requests_thousand",
        t("月間 GET リクエスト", "GET requests per month"),
        Some("thousand"),
        T::Number { min: 0.0, max: 1e9 },
        D::Num(100.0),
    ),
    p(
        "monthly_put_requests_thousand",
        t("月間 PUT リクエスト", "PUT requests per month"),
        Some("thousand"),
        T::Number { min: 0.0, max: 1e9 },
        D::Num(10.0),
    ),
];

const ACM: &[ParamSpec] = &[p(
    "domain_name",
    t("ドメイン名", "Domain name"),
    None,
    T::Text,
    D::Str("example.com"),
)];

const VPC: &[ParamSpec] = &[p(
    "cidr",
    t("CIDR", "CIDR"),
    None,
    T::Text,
    D::Str("10.0.0.0/16"),
)];

const SUBNET: &[ParamSpec] = &[
    p(
        "tier",
        t("種類", "Tier"),
        None,
        T::Choice(&["public", "private"]),
        D::Str("private"),
    ),
    p(
        "azs",
        t("アベイラビリティーゾーン", "Availability zones"),
        None,
        T::AzList,
        D::List(&["a", "c"]),
    ),
];

const NAT_GATEWAY: &[ParamSpec] = &[
    p(
        "placement",
        t("配置", "Placement"),
        None,
        T::Choice(&["single", "per_az"]),
        D::Str("single"),
    ),
    p(
        "monthly_data_processed_gb",
        t("月間処理データ量", "Data processed per month"),
        Some("GB"),
        T::Number { min: 0.0, max: 1e7 },
        D::Num(10.0),
    ),
];

const VPC_ENDPOINT: &[ParamSpec] = &[
    p(
        "service",
        t("サービス", "Service"),
        None,
        T::Choice(&[
            "ecr.api",
            "ecr.dkr",
            "s3",
            "logs",
            "secretsmanager",
            "sts",
            "sqs",
        ]),
        D::Str("ecr.dkr"),
    ),
    p(
        "endpoint_type",
        t("タイプ", "Type"),
        None,
        T::Choice(&["interface", "gateway"]),
        D::Str("interface"),
    ),
    p(
        "monthly_data_processed_gb",
        t("月間処理データ量", "Data processed per month"),
        Some("GB"),
        T::Number { min: 0.0, max: 1e7 },
        D::Num(5.0),
    ),
];

const ALB: &[ParamSpec] = &[
    p(
        "scheme",
        t("スキーム", "Scheme"),
        None,
        T::Choice(&["internet-facing", "internal"]),
        D::Str("internet-facing"),
    ),
    p(
        "listener_protocol",
        t("リスナー", "Listener"),
        None,
        T::Choice(&["HTTPS", "HTTP"]),
        D::Str("HTTPS"),
    ),
    p(
        "idle_timeout_s",
        t("アイドルタイムアウト", "Idle timeout"),
        Some("s"),
        T::Integer { min: 1, max: 4000 },
        D::Num(60.0),
    ),
];

const ECS_SERVICE: &[ParamSpec] = &[
    p(
        "app",
        t("アプリ", "Application"),
        None,
        T::Choice(&["nextjs-ssr", "nestjs", "spa-static", "other"]),
        D::Str("other"),
    ),
    p(
        "websocket",
        t(
            "WebSocket (Socket.io) を扱う",
            "Serves WebSocket (Socket.io)",
        ),
        None,
        T::Bool,
        D::Bool(false),
    ),
    p(
        "launch_type",
        t("起動タイプ", "Launch type"),
        None,
        T::Choice(&["FARGATE", "EC2"]),
        D::Str("FARGATE"),
    ),
    p(
        "cpu_architecture",
        t("CPU アーキテクチャ", "CPU architecture"),
        None,
        T::Choice(&["X86_64", "ARM64"]),
        D::Str("X86_64"),
    ),
    p(
        "vcpu",
        t("vCPU", "vCPU"),
        Some("vCPU"),
        T::NumberChoice(FARGATE_VCPU),
        D::Num(0.5),
    ),
    p(
        "memory_gb",
        t("メモリ", "Memory"),
        Some("GB"),
        T::Number {
            min: 0.5,
            max: 120.0,
        },
        D::Num(1.0),
    ),
    p(
        "ephemeral_storage_gb",
        t("エフェメラルストレージ", "Ephemeral storage"),
        Some("GB"),
        T::Integer { min: 20, max: 200 },
        D::Num(20.0),
    ),
    p(
        "container_port",
        t("コンテナポート", "Container port"),
        None,
        T::Integer { min: 1, max: 65535 },
        D::Num(3000.0),
    ),
    p(
        "desired_tasks",
        t("希望タスク数", "Desired tasks"),
        Some("tasks"),
        T::Integer { min: 0, max: 5000 },
        D::Num(2.0),
    ),
    p(
        "min_tasks",
        t("最小タスク数", "Minimum tasks"),
        Some("tasks"),
        T::Integer { min: 0, max: 5000 },
        D::Num(2.0),
    ),
    p(
        "max_tasks",
        t("最大タスク数", "Maximum tasks"),
        Some("tasks"),
        T::Integer { min: 0, max: 5000 },
        D::Num(4.0),
    ),
    p(
        "scaling_metric",
        t("スケーリング指標", "Scaling metric"),
        None,
        T::Choice(&["cpu", "memory", "alb_requests", "none"]),
        D::Str("cpu"),
    ),
    p(
        "scaling_target_percent",
        t("スケーリング目標値", "Scaling target"),
        Some("%"),
        T::Number {
            min: 1.0,
            max: 100.0,
        },
        D::Num(70.0),
    ),
    p(
        "sticky_sessions",
        t("スティッキーセッション", "Sticky sessions"),
        None,
        T::Bool,
        D::Bool(false),
    ),
    p(
        "assign_public_ip",
        t("パブリック IP を割り当て", "Assign public IP"),
        None,
        T::Bool,
        D::Bool(false),
    ),
];

const ECR: &[ParamSpec] = &[p(
    "storage_gb",
    t("イメージ保存容量", "Image storage"),
    Some("GB"),
    T::Number { min: 0.0, max: 1e6 },
    D::Num(1.0),
)];

const RDS_POSTGRES: &[ParamSpec] = &[
    p(
        "engine_version",
        t("PostgreSQL バージョン", "PostgreSQL version"),
        None,
        T::Choice(&["17", "16", "15", "14"]),
        D::Str("16"),
    ),
    p(
        "instance_class",
        t("インスタンスクラス", "Instance class"),
        None,
        T::Choice(RDS_CLASSES),
        D::Str("db.t4g.micro"),
    ),
    p(
        "multi_az",
        t("マルチ AZ", "Multi-AZ"),
        None,
        T::Bool,
        D::Bool(false),
    ),
    p(
        "storage_type",
        t("ストレージタイプ", "Storage type"),
        None,
        T::Choice(&["gp3", "gp2", "io1"]),
        D::Str("gp3"),
    ),
    p(
        "storage_gb",
        t("ストレージ容量", "Storage"),
        Some("GB"),
        T::Integer {
            min: 20,
            max: 65536,
        },
        D::Num(20.0),
    ),
    p(
        "backup_retention_days",
        t("バックアップ保持期間", "Backup retention"),
        Some("days"),
        T::Integer { min: 0, max: 35 },
        D::Num(7.0),
    ),
    p(
        "backup_storage_gb",
        t("バックアップ容量", "Backup storage"),
        Some("GB"),
        T::Number { min: 0.0, max: 1e6 },
        D::Num(20.0),
    ),
];

const ELASTICACHE: &[ParamSpec] = &[
    p(
        "engine",
        t("エンジン", "Engine"),
        None,
        T::Choice(&["redis", "valkey", "memcached"]),
        D::Str("redis"),
    ),
    p(
        "node_type",
        t("ノードタイプ", "Node type"),
        None,
        T::Choice(CACHE_NODE_TYPES),
        D::Str("cache.t4g.micro"),
    ),
    p(
        "nodes",
        t("ノード数", "Nodes"),
        None,
        T::Integer { min: 1, max: 500 },
        D::Num(1.0),
    ),
];

const SQS: &[ParamSpec] = &[
    p(
        "queue_type",
        t("キューの種類", "Queue type"),
        None,
        T::Choice(&["standard", "fifo"]),
        D::Str("standard"),
    ),
    p(
        "monthly_requests_million",
        t("月間リクエスト数", "Requests per month"),
        Some("million"),
        T::Number { min: 0.0, max: 1e7 },
        D::Num(1.0),
    ),
];

const LAMBDA: &[ParamSpec] = &[
    p(
        "architecture",
        t("アーキテクチャ", "Architecture"),
        None,
        T::Choice(&["x86_64", "arm64"]),
        D::Str("arm64"),
    ),
    p(
        "memory_mb",
        t("メモリ", "Memory"),
        Some("MB"),
        T::Integer {
            min: 128,
            max: 10240,
        },
        D::Num(512.0),
    ),
    p(
        "monthly_invocations_million",
        t("月間呼び出し数", "Invocations per month"),
        Some("million"),
        T::Number { min: 0.0, max: 1e7 },
        D::Num(1.0),
    ),
    p(
        "avg_duration_ms",
        t("平均実行時間", "Average duration"),
        Some("ms"),
        T::Number {
            min: 1.0,
            max: 900_000.0,
        },
        D::Num(200.0),
    ),
];

const SECRETS_MANAGER: &[ParamSpec] = &[
    p(
        "secrets",
        t("シークレット数", "Secrets"),
        None,
        T::Integer {
            min: 0,
            max: 500_000,
        },
        D::Num(2.0),
    ),
    p(
        "monthly_api_calls_thousand",
        t("月間 API 呼び出し", "API calls per month"),
        Some("thousand"),
        T::Number { min: 0.0, max: 1e9 },
        D::Num(10.0),
    ),
];

const CLOUDWATCH: &[ParamSpec] = &[
    p(
        "logs_ingested_gb",
        t("月間ログ取り込み量", "Logs ingested per month"),
        Some("GB"),
        T::Number { min: 0.0, max: 1e7 },
        D::Num(5.0),
    ),
    p(
        "log_retention_days",
        t("ログ保持期間", "Log retention"),
        Some("days"),
        T::Integer { min: 1, max: 3653 },
        D::Num(30.0),
    ),
    p(
        "logs_stored_gb",
        t("ログ保存量 (月平均)", "Logs stored (monthly average)"),
        Some("GB"),
        T::Number { min: 0.0, max: 1e8 },
        D::Num(5.0),
    ),
    p(
        "alarms",
        t("アラーム数", "Alarms"),
        None,
        T::Integer {
            min: 0,
            max: 100_000,
        },
        D::Num(4.0),
    ),
    p(
        "custom_metrics",
        t("カスタムメトリクス数", "Custom metrics"),
        None,
        T::Integer {
            min: 0,
            max: 1_000_000,
        },
        D::Num(0.0),
    ),
];

/// Everything the catalogue knows about one node kind.
#[derive(Debug, Clone, Copy)]
pub struct KindInfo {
    /// The kind.
    pub kind: Kind,
    /// Stable id, as in files (`ecs_service`).
    pub id: &'static str,
    /// Name in both languages.
    pub name: Text,
    /// Short description in both languages.
    pub about: Text,
    /// Palette group.
    pub category: Category,
    /// Containers hold other nodes and are drawn as boxes around them.
    pub container: bool,
    /// Parameters with units and defaults.
    pub params: &'static [ParamSpec],
}

macro_rules! kind_info {
    ($kind:ident, $id:literal, $name:expr, $about:expr, $cat:ident, $container:literal, $params:expr) => {
        KindInfo {
            kind: Kind::$kind,
            id: $id,
            name: $name,
            about: $about,
            category: Category::$cat,
            container: $container,
            params: $params,
        }
    };
}

/// The whole catalogue, in palette order.
pub const KINDS: &[KindInfo] = &[
    kind_info!(
        Users,
        "users",
        t("ユーザー", "Users"),
        t("インターネット上の利用者", "People on the internet"),
        Edge,
        false,
        NO_PARAMS
    ),
    kind_info!(
        Route53,
        "route53",
        t("Route 53", "Route 53"),
        t("DNS (名前解決)", "DNS"),
        Edge,
        false,
        ROUTE53
    ),
    kind_info!(
        Cloudfront,
        "cloudfront",
        t("CloudFront", "CloudFront"),
        t(
            "CDN (エッジからキャッシュ配信)",
            "CDN (cached delivery from edge locations)"
        ),
        Edge,
        false,
        CLOUDFRONT
    ),
    kind_info!(
        Acm,
        "acm",
        t("ACM 証明書", "ACM certificate"),
        t("HTTPS 用の証明書", "Certificate for HTTPS"),
        Edge,
        false,
        ACM
    ),
    kind_info!(
        Alb,
        "alb",
        t("ALB", "ALB"),
        t(
            "リクエストをパスで振り分けるロードバランサー",
            "Load balancer that routes requests by path"
        ),
        Edge,
        false,
        ALB
    ),
    kind_info!(
        Vpc,
        "vpc",
        t("VPC", "VPC"),
        t(
            "AWS 内のプライベートネットワーク",
            "Private network inside AWS"
        ),
        Network,
        true,
        VPC
    ),
    kind_info!(
        Subnet,
        "subnet",
        t("サブネット", "Subnet"),
        t(
            "Public / Private の区画 (AZ ごと)",
            "Public or private tier, per AZ"
        ),
        Network,
        true,
        SUBNET
    ),
    kind_info!(
        InternetGateway,
        "internet_gateway",
        t("インターネットゲートウェイ", "Internet Gateway"),
        t(
            "VPC とインターネットの出入口",
            "Door between the VPC and the internet"
        ),
        Network,
        false,
        NO_PARAMS
    ),
    kind_info!(
        NatGateway,
        "nat_gateway",
        t("NAT ゲートウェイ", "NAT Gateway"),
        t(
            "Private から外への通信",
            "Outbound internet for private subnets"
        ),
        Network,
        false,
        NAT_GATEWAY
    ),
    kind_info!(
        VpcEndpoint,
        "vpc_endpoint",
        t("VPC エンドポイント", "VPC endpoint"),
        t(
            "インターネットを通らず AWS サービスへ",
            "Reach AWS services without the internet"
        ),
        Network,
        false,
        VPC_ENDPOINT
    ),
    kind_info!(
        EcsCluster,
        "ecs_cluster",
        t("ECS クラスター", "ECS cluster"),
        t("コンテナを動かすグループ", "Group that runs containers"),
        Compute,
        true,
        NO_PARAMS
    ),
    kind_info!(
        EcsService,
        "ecs_service",
        t("ECS サービス", "ECS service"),
        t("「何個動かすか」を管理", "Keeps N tasks running"),
        Compute,
        false,
        ECS_SERVICE
    ),
    kind_info!(
        Lambda,
        "lambda",
        t("Lambda", "Lambda"),
        t("サーバーレス関数", "Serverless function"),
        Compute,
        false,
        LAMBDA
    ),
    kind_info!(
        Ecr,
        "ecr",
        t("ECR", "ECR"),
        t("Docker イメージの保存場所", "Docker image registry"),
        Data,
        false,
        ECR
    ),
    kind_info!(
        RdsPostgres,
        "rds_postgres",
        t("RDS PostgreSQL", "RDS PostgreSQL"),
        t("マネージド PostgreSQL", "Managed PostgreSQL"),
        Data,
        false,
        RDS_POSTGRES
    ),
    kind_info!(
        Elasticache,
        "elasticache",
        t("ElastiCache", "ElastiCache"),
        t("Redis キャッシュ", "Redis cache"),
        Data,
        false,
        ELASTICACHE
    ),
    kind_info!(
        S3,
        "s3",
        t("S3", "S3"),
        t("ファイル保存", "Object storage"),
        Data,
        false,
        S3
    ),
    kind_info!(
        Sqs,
        "sqs",
        t("SQS", "SQS"),
        t("メッセージキュー", "Message queue"),
        Data,
        false,
        SQS
    ),
    kind_info!(
        Cloudwatch,
        "cloudwatch",
        t("CloudWatch", "CloudWatch"),
        t("監視・ログ・アラート", "Monitoring, logs, alarms"),
        Operations,
        false,
        CLOUDWATCH
    ),
    kind_info!(
        SecretsManager,
        "secrets_manager",
        t("Secrets Manager", "Secrets Manager"),
        t("パスワード・API キー管理", "Passwords and API keys"),
        Operations,
        false,
        SECRETS_MANAGER
    ),
    kind_info!(
        Generic,
        "generic",
        t("ボックス", "Box"),
        t("AWS の意味を持たない図形", "A shape with no AWS meaning"),
        Other,
        false,
        NO_PARAMS
    ),
    kind_info!(
        Group,
        "group",
        t("グループ", "Group"),
        t("AWS の意味を持たない囲み", "A frame with no AWS meaning"),
        Other,
        true,
        NO_PARAMS
    ),
];

impl Kind {
    /// Every kind, in palette order.
    pub fn all() -> impl Iterator<Item = Kind> {
        KINDS.iter().map(|k| k.kind)
    }

    /// The catalogue entry of this kind.
    pub fn info(self) -> &'static KindInfo {
        KINDS
            .iter()
            .find(|k| k.kind == self)
            .expect("every kind has a catalogue entry (tested)")
    }

    /// Stable id, as in files.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// Parses a stable id.
    pub fn from_id(id: &str) -> Option<Kind> {
        KINDS.iter().find(|k| k.id == id).map(|k| k.kind)
    }

    /// Whether this kind holds other nodes.
    pub fn is_container(self) -> bool {
        self.info().container
    }

    /// The parameter of this kind with `key`.
    pub fn param(self, key: &str) -> Option<&'static ParamSpec> {
        self.info().params.iter().find(|p| p.key == key)
    }

    /// Whether a node of this kind may sit directly in a `parent` container
    /// (`None`: on the canvas, outside every container). `Err` says why not.
    pub fn may_sit_in(self, parent: Option<Kind>) -> Result<(), Text> {
        use Kind::*;
        let Some(parent) = parent else {
            return match self {
                Subnet => Err(t(
                    "サブネットは VPC の中に置きます。",
                    "A subnet belongs inside a VPC.",
                )),
                _ => Ok(()),
            };
        };
        if !parent.is_container() {
            return Err(t(
                "コンテナ (VPC・サブネット・ECS クラスター・グループ) の中にだけ置けます。",
                "Only containers (VPC, subnet, ECS cluster, group) hold other nodes.",
            ));
        }
        let ok = match parent {
            Group => true,
            Vpc => matches!(
                self,
                Subnet | InternetGateway | VpcEndpoint | EcsCluster | Generic | Group
            ),
            Subnet => matches!(
                self,
                NatGateway
                    | VpcEndpoint
                    | Alb
                    | EcsCluster
                    | EcsService
                    | RdsPostgres
                    | Elasticache
                    | Lambda
                    | Generic
                    | Group
            ),
            EcsCluster => matches!(self, EcsService | Generic),
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(match (self, parent) {
                (Subnet, _) => t(
                    "サブネットは VPC の中に置きます。",
                    "A subnet belongs inside a VPC.",
                ),
                (EcsService, _) => t(
                    "ECS サービスは ECS クラスターの中に置きます。",
                    "An ECS service belongs inside an ECS cluster.",
                ),
                (_, EcsCluster) => t(
                    "ECS クラスターに入るのは ECS サービスだけです。",
                    "Only ECS services go inside an ECS cluster.",
                ),
                (InternetGateway, _) => t(
                    "インターネットゲートウェイは VPC に直接付けます。",
                    "An Internet Gateway attaches to the VPC itself.",
                ),
                (
                    Users | Route53 | Cloudfront | S3 | Acm | Ecr | Sqs | SecretsManager
                    | Cloudwatch | Vpc,
                    _,
                ) => t(
                    "このサービスは VPC の外 (リージョンのサービス) です。",
                    "This service lives outside the VPC (a regional service).",
                ),
                _ => t(
                    "この場所には置けません。",
                    "This node cannot be placed here.",
                ),
            })
        }
    }
}

/// The kind of an edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// HTTPS request (e.g. users → ALB).
    Https,
    /// Plain HTTP request.
    Http,
    /// ALB listener rule: forwards requests whose path matches to a target service.
    AlbRule,
    /// ALB listener default action: forwards what no rule matched.
    AlbDefault,
    /// WebSocket connection (Socket.io).
    Websocket,
    /// SQL connection to a database.
    Sql,
    /// Cache access (Redis).
    Cache,
    /// Image pull from ECR.
    ImagePull,
    /// Logs and metrics sent to CloudWatch.
    Logs,
    /// CloudWatch alarm driving auto scaling (e.g. CPU > 70%).
    Scaling,
    /// DNS resolution (Route 53 → CloudFront / ALB).
    Dns,
    /// CDN origin (CloudFront → S3 / ALB).
    Origin,
    /// Message sent to a queue.
    Queue,
    /// Invocation (e.g. SQS → Lambda).
    Invoke,
    /// Reading a secret.
    Secret,
    /// Outbound traffic through a gateway.
    Egress,
    /// Any other connection.
    Generic,
}

/// Everything the catalogue knows about one edge kind.
#[derive(Debug, Clone, Copy)]
pub struct EdgeKindInfo {
    /// The kind.
    pub kind: EdgeKind,
    /// Stable id, as in files.
    pub id: &'static str,
    /// Name in both languages.
    pub name: Text,
    /// Drawn dashed (control or management traffic rather than requests).
    pub dashed: bool,
}

/// Every edge kind.
pub const EDGE_KINDS: &[EdgeKindInfo] = &[
    EdgeKindInfo {
        kind: EdgeKind::Https,
        id: "https",
        name: t("HTTPS", "HTTPS"),
        dashed: false,
    },
    EdgeKindInfo {
        kind: EdgeKind::Http,
        id: "http",
        name: t("HTTP", "HTTP"),
        dashed: false,
    },
    EdgeKindInfo {
        kind: EdgeKind::AlbRule,
        id: "alb_rule",
        name: t("ALB リスナールール", "ALB listener rule"),
        dashed: false,
    },
    EdgeKindInfo {
        kind: EdgeKind::AlbDefault,
        id: "alb_default",
        name: t("ALB デフォルトアクション", "ALB default action"),
        dashed: false,
    },
    EdgeKindInfo {
        kind: EdgeKind::Websocket,
        id: "websocket",
        name: t("WebSocket", "WebSocket"),
        dashed: false,
    },
    EdgeKindInfo {
        kind: EdgeKind::Sql,
        id: "sql",
        name: t("SQL", "SQL"),
        dashed: false,
    },
    EdgeKindInfo {
        kind: EdgeKind::Cache,
        id: "cache",
        name: t("キャッシュ", "Cache"),
        dashed: false,
    },
    EdgeKindInfo {
        kind: EdgeKind::ImagePull,
        id: "image_pull",
        name: t("イメージ取得", "Image pull"),
        dashed: true,
    },
    EdgeKindInfo {
        kind: EdgeKind::Logs,
        id: "logs",
        name: t("ログ・メトリクス", "Logs and metrics"),
        dashed: true,
    },
    EdgeKindInfo {
        kind: EdgeKind::Scaling,
        id: "scaling",
        name: t("オートスケーリング", "Auto scaling"),
        dashed: true,
    },
    EdgeKindInfo {
        kind: EdgeKind::Dns,
        id: "dns",
        name: t("DNS", "DNS"),
        dashed: false,
    },
    EdgeKindInfo {
        kind: EdgeKind::Origin,
        id: "origin",
        name: t("オリジン", "Origin"),
        dashed: false,
    },
    EdgeKindInfo {
        kind: EdgeKind::Queue,
        id: "queue",
        name: t("キュー送信", "Enqueue"),
        dashed: false,
    },
    EdgeKindInfo {
        kind: EdgeKind::Invoke,
        id: "invoke",
        name: t("呼び出し", "Invoke"),
        dashed: false,
    },
    EdgeKindInfo {
        kind: EdgeKind::Secret,
        id: "secret",
        name: t("シークレット取得", "Read secret"),
        dashed: true,
    },
    EdgeKindInfo {
        kind: EdgeKind::Egress,
        id: "egress",
        name: t("外向き通信", "Outbound"),
        dashed: true,
    },
    EdgeKindInfo {
        kind: EdgeKind::Generic,
        id: "generic",
        name: t("接続", "Connection"),
        dashed: false,
    },
];

impl EdgeKind {
    /// The catalogue entry of this edge kind.
    pub fn info(self) -> &'static EdgeKindInfo {
        EDGE_KINDS
            .iter()
            .find(|k| k.kind == self)
            .expect("every edge kind has a catalogue entry (tested)")
    }

    /// Stable id, as in files.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// Parses a stable id.
    pub fn from_id(id: &str) -> Option<EdgeKind> {
        EDGE_KINDS.iter().find(|k| k.id == id).map(|k| k.kind)
    }
}

/// A design-wide usage assumption (units in the key).
#[derive(Debug, Clone, Copy)]
pub struct UsageSpec {
    /// Stable key.
    pub key: &'static str,
    /// Name in both languages.
    pub name: Text,
    /// Unit.
    pub unit: &'static str,
    /// Default when the design does not say.
    pub default: f64,
    /// Largest accepted value.
    pub max: f64,
}

/// Design-wide usage assumptions, with the defaults a new design starts from.
pub const USAGE: &[UsageSpec] = &[
    UsageSpec {
        key: "hours_per_month",
        name: t("月間稼働時間", "Hours per month"),
        unit: "h",
        default: 730.0,
        max: 744.0,
    },
    UsageSpec {
        key: "data_transfer_out_gb",
        name: t(
            "インターネットへのデータ転送量",
            "Data transfer out to the internet",
        ),
        unit: "GB/month",
        default: 50.0,
        max: 1e8,
    },
    UsageSpec {
        key: "requests_per_month_million",
        name: t("月間リクエスト数", "Requests per month"),
        unit: "million",
        default: 1.0,
        max: 1e7,
    },
    UsageSpec {
        key: "alb_new_connections_per_second",
        name: t("ALB 新規接続数", "ALB new connections"),
        unit: "per second",
        default: 5.0,
        max: 1e7,
    },
    UsageSpec {
        key: "alb_active_connections_per_minute",
        name: t("ALB アクティブ接続数", "ALB active connections"),
        unit: "per minute",
        default: 100.0,
        max: 1e9,
    },
    UsageSpec {
        key: "alb_processed_gb_per_hour",
        name: t("ALB 処理データ量", "ALB processed bytes"),
        unit: "GB per hour",
        default: 0.1,
        max: 1e6,
    },
    UsageSpec {
        key: "alb_rule_evaluations_per_second",
        name: t("ALB ルール評価数", "ALB rule evaluations"),
        unit: "per second",
        default: 5.0,
        max: 1e9,
    },
    UsageSpec {
        key: "peak_hours_per_month",
        name: t("ピーク時間", "Hours at peak"),
        unit: "h",
        default: 60.0,
        max: 744.0,
    },
];

/// The usage assumption with `key`.
pub fn usage_spec(key: &str) -> Option<&'static UsageSpec> {
    USAGE.iter().find(|u| u.key == key)
}

/// How a choice value is shown to the student: the names AWS's console and the course use
/// (Fargate, x86 (Intel/AMD), フロントエンド (Next.js, SSR)), not the value the file stores.
/// `None`: the value is shown as it is (instance classes, regions' codes).
pub fn choice_label(value: &str) -> Option<Text> {
    Some(match value {
        "nextjs-ssr" => t("フロントエンド (Next.js, SSR)", "Front end (Next.js, SSR)"),
        "nestjs" => t("API (NestJS)", "API (NestJS)"),
        "spa-static" => t("静的サイト (SPA)", "Static site (SPA)"),
        "other" => t("その他", "Other"),
        "FARGATE" => t("Fargate", "Fargate"),
        "EC2" => t("EC2", "EC2"),
        "X86_64" => t("x86 (Intel/AMD)", "x86 (Intel/AMD)"),
        "ARM64" => t("Arm (Graviton)", "Arm (Graviton)"),
        "internet-facing" => t("インターネット向け", "Internet-facing"),
        "internal" => t("内部向け", "Internal"),
        "public" => t("パブリック", "Public"),
        "private" => t("プライベート", "Private"),
        "x86_64" => t("x86 (Intel/AMD)", "x86 (Intel/AMD)"),
        "arm64" => t("Arm (Graviton)", "Arm (Graviton)"),
        "single" => t("1 つ (1 AZ)", "One (one AZ)"),
        "per_az" => t("AZ ごとに 1 つ", "One per AZ"),
        "interface" => t("インターフェイス型", "Interface"),
        "gateway" => t("ゲートウェイ型", "Gateway"),
        "cpu" => t("CPU 使用率", "CPU utilisation"),
        "memory" => t("メモリ使用率", "Memory utilisation"),
        "alb_requests" => t(
            "ターゲットあたりの ALB リクエスト数",
            "ALB requests per target",
        ),
        "none" => t("なし", "None"),
        "PriceClass_All" => t("すべてのエッジ", "All edge locations"),
        "PriceClass_200" => t(
            "北米・欧州・アジアなど (200)",
            "North America, Europe, Asia and more (200)",
        ),
        "PriceClass_100" => t(
            "北米・欧州のみ (100)",
            "North America and Europe only (100)",
        ),
        "STANDARD" => t("S3 標準", "S3 Standard"),
        "INTELLIGENT_TIERING" => t("S3 Intelligent-Tiering", "S3 Intelligent-Tiering"),
        "STANDARD_IA" => t("S3 標準 - 低頻度アクセス", "S3 Standard-IA"),
        "standard" => t("標準キュー", "Standard queue"),
        "fifo" => t("FIFO キュー", "FIFO queue"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_entry_and_ids_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for info in KINDS {
            assert!(seen.insert(info.id), "duplicate kind id {}", info.id);
            assert_eq!(Kind::from_id(info.id), Some(info.kind));
            assert_eq!(info.kind.info().id, info.id);
            // the serde name is the id
            assert_eq!(
                serde_json::to_string(&info.kind).unwrap(),
                format!("\"{}\"", info.id)
            );
        }
        for e in EDGE_KINDS {
            assert_eq!(EdgeKind::from_id(e.id), Some(e.kind));
            assert_eq!(
                serde_json::to_string(&e.kind).unwrap(),
                format!("\"{}\"", e.id)
            );
        }
    }

    #[test]
    fn defaults_are_valid_values_of_their_type() {
        for info in KINDS {
            let mut keys = std::collections::BTreeSet::new();
            for spec in info.params {
                assert!(
                    keys.insert(spec.key),
                    "{}: duplicate param {}",
                    info.id,
                    spec.key
                );
                let ok = match (spec.ty, spec.default) {
                    (ParamType::Number { min, max }, DefaultValue::Num(v)) => v >= min && v <= max,
                    (ParamType::Integer { min, max }, DefaultValue::Num(v)) => {
                        v.fract() == 0.0 && v >= min as f64 && v <= max as f64
                    }
                    (ParamType::Choice(c), DefaultValue::Str(s)) => c.contains(&s),
                    (ParamType::NumberChoice(c), DefaultValue::Num(v)) => c.contains(&v),
                    (ParamType::Bool, DefaultValue::Bool(_)) => true,
                    (ParamType::Text, DefaultValue::Str(_)) => true,
                    (ParamType::AzList, DefaultValue::List(l)) => !l.is_empty(),
                    _ => false,
                };
                assert!(
                    ok,
                    "{}.{}: default does not fit its type",
                    info.id, spec.key
                );
            }
        }
    }

    #[test]
    fn containment_rules() {
        assert!(Kind::Subnet.may_sit_in(Some(Kind::Vpc)).is_ok());
        assert!(Kind::Subnet.may_sit_in(None).is_err());
        assert!(Kind::Alb.may_sit_in(Some(Kind::Subnet)).is_ok());
        assert!(Kind::EcsService.may_sit_in(Some(Kind::EcsCluster)).is_ok());
        assert!(Kind::Alb.may_sit_in(Some(Kind::EcsCluster)).is_err());
        assert!(Kind::RdsPostgres.may_sit_in(Some(Kind::Alb)).is_err());
        let reason = Kind::Subnet.may_sit_in(Some(Kind::Subnet)).unwrap_err();
        assert!(reason.en.contains("VPC"));
    }
}
