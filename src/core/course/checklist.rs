//! The chapter's checklist (チェックリスト, issue #7 item 5): its seven points, each ticked when
//! the student's design shows it, and explained with the student's own nodes ("your Public
//! Subnet holds: ALB, NAT Gateway; …") beside what the chapter says.
//!
//! A tick is a fact about the design, never about the student: the design *shows* the point
//! (both apps as services, no error finding and the chapter's requests served, the tiers
//! right, two tasks or more, the three ALB rules, auto scaling configured, the launch type
//! stated). Where the validator or the tracer already decides something, their answer is
//! used, not a second copy of their logic.

use serde_json::{json, Value};

use crate::core::cost::{fmt_usd, PriceTable};
use crate::core::course::ec2;
use crate::core::course::trace::{trace, Request};
use crate::core::document::model::{Design, Node};
use crate::core::support::i18n::Lang;
use crate::core::validate::context::{tier_of, Tier};
use crate::core::validate::{validate, Message, Severity};
use crate::core::Kind;

/// One point of the checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Stable id: `stack`, `diagram`, `subnets`, `ecs`, `alb`, `autoscaling`, `fargate-ec2`.
    pub id: &'static str,
    /// The chapter's wording (and its translation).
    pub title: Message,
    /// Whether the design shows the point.
    pub ticked: bool,
    /// What the design has, in the student's own names.
    pub yours: Message,
    /// What the chapter says about the point.
    pub chapter: Message,
    /// What is missing, when not ticked.
    pub todo: Option<Message>,
}

/// The seven points for `design`. With the region's pricing table the Fargate-vs-EC2 point
/// quotes both monthly figures.
pub fn checklist(design: &Design, table: Option<&PriceTable>) -> Vec<Item> {
    vec![
        stack(design),
        diagram(design),
        subnets(design),
        ecs(design),
        alb(design),
        autoscaling(design),
        fargate_ec2(design, table),
    ]
}

/// How many points are ticked.
pub fn ticked(items: &[Item]) -> usize {
    items.iter().filter(|i| i.ticked).count()
}

fn m(ja: impl Into<String>, en: impl Into<String>) -> Message {
    Message::new(ja, en)
}

fn services(d: &Design) -> Vec<&Node> {
    d.nodes_outer_first()
        .into_iter()
        .filter(|n| n.kind == Kind::EcsService)
        .collect()
}

/// Labels of `nodes`, joined, in `lang`; "(なし)" / "(none)" when empty.
fn names(nodes: &[&Node], lang: Lang) -> String {
    if nodes.is_empty() {
        return match lang {
            Lang::Ja => "(なし)".into(),
            Lang::En => "(none)".into(),
        };
    }
    let sep = match lang {
        Lang::Ja => "、",
        Lang::En => ", ",
    };
    nodes
        .iter()
        .map(|n| n.display_label(lang).to_owned())
        .collect::<Vec<_>>()
        .join(sep)
}

fn both(f: impl Fn(Lang) -> String) -> Message {
    m(f(Lang::Ja), f(Lang::En))
}

fn app_of(n: &Node) -> &str {
    crate::core::validate::context::app_role(n)
}

fn stack(d: &Design) -> Item {
    let svcs = services(d);
    let next: Vec<&Node> = svcs
        .iter()
        .copied()
        .filter(|n| app_of(n).starts_with("nextjs"))
        .collect();
    let nest: Vec<&Node> = svcs
        .iter()
        .copied()
        .filter(|n| app_of(n).starts_with("nestjs"))
        .collect();
    let ws = nest
        .iter()
        .any(|n| crate::core::validate::context::serves_socketio(d, n));
    let ticked = !next.is_empty() && !nest.is_empty();
    let yours = both(|l| match l {
        Lang::Ja => format!(
            "あなたの設計のフロントエンド (Next.js): {}。API (NestJS): {}{}。",
            names(&next, l),
            names(&nest, l),
            if ws {
                "、WebSocket (Socket.io) あり"
            } else {
                ""
            }
        ),
        Lang::En => format!(
            "Your front end (Next.js): {}. Your API (NestJS): {}{}.",
            names(&next, l),
            names(&nest, l),
            if ws {
                ", with WebSocket (Socket.io)"
            } else {
                ""
            }
        ),
    });
    Item {
        id: "stack",
        title: m(
            "Party Box の技術スタック（Next.js + NestJS）を理解している",
            "I understand Party Box's stack (Next.js + NestJS)",
        ),
        ticked,
        yours,
        chapter: m(
            "Party Box はフロントエンドの Next.js と API の NestJS (Socket.io でリアルタイム通信) を別々のコンテナで動かし、データは PostgreSQL に置きます。",
            "Party Box runs the Next.js front end and the NestJS API (real-time over Socket.io) as separate containers, with its data in PostgreSQL.",
        ),
        todo: (!ticked).then(|| {
            m(
                "ECS サービスを 2 つ置き、インスペクターでアプリを Next.js と NestJS にしてください。",
                "Add two ECS services and set their app to Next.js and NestJS in the inspector.",
            )
        }),
    }
}

/// The chapter's three requests, as the tracer follows them.
const REQUESTS: [&str; 3] = ["GET /", "GET /api/rooms", "WS /socket.io/?EIO=4"];

fn diagram(d: &Design) -> Item {
    let errors = validate(d)
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let traces: Vec<_> = REQUESTS
        .iter()
        .filter_map(|r| Request::parse(r).ok().map(|q| (*r, trace(d, &q))))
        .collect();
    let served = traces.iter().filter(|(_, t)| t.served()).count();
    let ticked = errors == 0 && served == REQUESTS.len();
    let path = |l: Lang| -> String {
        let Some((_, t)) = traces.iter().find(|(r, _)| *r == "GET /api/rooms") else {
            return String::new();
        };
        let mut seen: Vec<&str> = Vec::new();
        for h in &t.hops {
            if let Some(n) = d.nodes.get(&h.node) {
                let name = n.display_label(l);
                if seen.last() != Some(&name) {
                    seen.push(name);
                }
            }
        }
        seen.join(" → ")
    };
    let yours = both(|l| {
        match l {
        Lang::Ja => format!(
            "エラー {errors} 件。章の 3 つのリクエストのうち {served} つが届きます。GET /api/rooms の道筋: {}。",
            path(l)
        ),
        Lang::En => format!(
            "{errors} error{}. {served} of the chapter's 3 requests are served. The path of GET /api/rooms: {}.",
            if errors == 1 { "" } else { "s" },
            path(l)
        ),
    }
    });
    Item {
        id: "diagram",
        title: m("AWS 構成図を説明できる", "I can explain the AWS architecture diagram"),
        ticked,
        yours,
        chapter: m(
            "ユーザー → ALB → ECS (Next.js / NestJS) → RDS。ALB がパスで振り分け、コンテナはプライベートサブネットで動きます。",
            "Users → ALB → ECS (Next.js / NestJS) → RDS: the ALB routes by path and the containers run in private subnets.",
        ),
        todo: (!ticked).then(|| {
            m(
                "「設計チェック」のエラーを直し、「リクエストを追う」で GET /、GET /api/rooms、Socket.io が届くようにしてください。",
                "Fix the errors under Design checks, and make GET /, GET /api/rooms and the Socket.io upgrade reach their service (Trace a request).",
            )
        }),
    }
}

fn subnets(d: &Design) -> Item {
    let in_tier = |t: Tier| -> Vec<&Node> {
        d.nodes_outer_first()
            .into_iter()
            .filter(|n| !n.kind.is_container() || n.kind == Kind::EcsCluster)
            .filter(|n| tier_of(d, &n.id) == Some(t))
            .collect()
    };
    let public = in_tier(Tier::Public);
    let private = in_tier(Tier::Private);
    let albs: Vec<&Node> = d.nodes.values().filter(|n| n.kind == Kind::Alb).collect();
    let inner: Vec<&Node> = d
        .nodes
        .values()
        .filter(|n| matches!(n.kind, Kind::EcsService | Kind::RdsPostgres))
        .collect();
    let alb_public =
        !albs.is_empty() && albs.iter().all(|n| tier_of(d, &n.id) == Some(Tier::Public));
    let inner_private = !inner.is_empty()
        && inner
            .iter()
            .all(|n| tier_of(d, &n.id) == Some(Tier::Private));
    let ticked = alb_public && inner_private;
    let yours = both(|l| match l {
        Lang::Ja => format!(
            "あなたのパブリックサブネット: {}。プライベートサブネット: {}。",
            names(&public, l),
            names(&private, l)
        ),
        Lang::En => format!(
            "Your Public Subnet holds: {}. Your Private Subnet holds: {}.",
            names(&public, l),
            names(&private, l)
        ),
    });
    Item {
        id: "subnets",
        title: m(
            "VPC の Public/Private Subnet の違いを説明できる",
            "I can explain a VPC's Public and Private Subnets",
        ),
        ticked,
        yours,
        chapter: m(
            "パブリックサブネットはインターネットから届く場所 (ALB、NAT Gateway)。プライベートサブネットは外から直接届かない場所で、アプリ (ECS) とデータベース (RDS) を守ります。",
            "A public subnet is reachable from the internet (ALB, NAT Gateway); a private subnet is not reachable directly, which protects the apps (ECS) and the database (RDS).",
        ),
        todo: (!ticked).then(|| {
            let mut ja = Vec::new();
            let mut en = Vec::new();
            if !alb_public {
                ja.push("ALB をパブリックサブネットに置く");
                en.push("put the ALB in a public subnet");
            }
            if !inner_private {
                ja.push("ECS サービスと RDS をプライベートサブネットに置く");
                en.push("put the ECS services and RDS in a private subnet");
            }
            m(format!("{}。", ja.join("、")), format!("To do: {}.", en.join("; ")))
        }),
    }
}

fn ecs(d: &Design) -> Item {
    let clusters: Vec<&Node> = d
        .nodes_outer_first()
        .into_iter()
        .filter(|n| n.kind == Kind::EcsCluster)
        .collect();
    let svcs = services(d);
    let in_cluster = |n: &Node| {
        d.ancestors(&n.id)
            .iter()
            .any(|a| a.kind == Kind::EcsCluster)
    };
    let few: Vec<&Node> = svcs
        .iter()
        .copied()
        .filter(|n| n.num("desired_tasks") < 2.0)
        .collect();
    let outside: Vec<&Node> = svcs.iter().copied().filter(|n| !in_cluster(n)).collect();
    let ticked = !clusters.is_empty() && !svcs.is_empty() && few.is_empty() && outside.is_empty();
    let list = |l: Lang| -> String {
        let sep = if l == Lang::Ja { "、" } else { ", " };
        svcs.iter()
            .map(|n| {
                let t = n.num("desired_tasks");
                match l {
                    Lang::Ja => format!("{} (タスク {t})", n.display_label(l)),
                    Lang::En if t == 1.0 => format!("{} (1 task)", n.display_label(l)),
                    Lang::En => format!("{} ({t} tasks)", n.display_label(l)),
                }
            })
            .collect::<Vec<_>>()
            .join(sep)
    };
    let yours = both(|l| match l {
        Lang::Ja => format!(
            "クラスター: {}。サービス: {}。",
            names(&clusters, l),
            if svcs.is_empty() {
                names(&[], l)
            } else {
                list(l)
            }
        ),
        Lang::En => format!(
            "Cluster: {}. Services: {}.",
            names(&clusters, l),
            if svcs.is_empty() {
                names(&[], l)
            } else {
                list(l)
            }
        ),
    });
    Item {
        id: "ecs",
        title: m(
            "ECS の Cluster / Service / Task を説明できる",
            "I can explain ECS's Cluster, Service and Task",
        ),
        ticked,
        yours,
        chapter: m(
            "クラスターはサービスのまとまり、サービスは同じタスクを決まった数だけ動かし続ける仕組み、タスクは動いているコンテナです。タスクを複数にするのは負荷分散・冗長化・ローリングデプロイのためです。",
            "A cluster groups services; a service keeps a set number of identical tasks running; a task is a running container. Several tasks spread the load, survive a failure and allow rolling deploys.",
        ),
        todo: (!ticked).then(|| {
            let mut ja = Vec::new();
            let mut en = Vec::new();
            if clusters.is_empty() || svcs.is_empty() {
                ja.push("ECS クラスターを置き、その中にサービスを置く".to_owned());
                en.push("add an ECS cluster with services inside".to_owned());
            }
            if !outside.is_empty() {
                ja.push(format!("{} をクラスターに入れる", names(&outside, Lang::Ja)));
                en.push(format!("move {} into a cluster", names(&outside, Lang::En)));
            }
            if !few.is_empty() {
                ja.push(format!("{} のタスク数を 2 以上にする", names(&few, Lang::Ja)));
                en.push(format!("run 2 tasks or more of {}", names(&few, Lang::En)));
            }
            m(format!("{}。", ja.join("、")), format!("To do: {}.", en.join("; ")))
        }),
    }
}

fn alb(d: &Design) -> Item {
    let q = |r: &str| Request::parse(r).ok().map(|q| trace(d, &q));
    // Which rule the tracer says takes each request, and whether it is served.
    let routed = |r: &str| -> Option<String> {
        let t = q(r)?;
        if !t.served() {
            return None;
        }
        let rule = t.hops.iter().find_map(|h| {
            let e = d.edges.get(h.edge.as_ref()?)?;
            e.rule.as_ref().map(|x| x.path_pattern.clone())
        });
        let svc = t
            .hops
            .iter()
            .filter_map(|h| d.nodes.get(&h.node))
            .find(|n| n.kind == Kind::EcsService)?;
        Some(format!(
            "{r} → {} → {}",
            rule.unwrap_or_else(|| "default".into()),
            svc.display_label(Lang::En)
        ))
    };
    let lines: Vec<(String, Option<String>)> = REQUESTS
        .iter()
        .map(|r| (r.to_string(), routed(r)))
        .collect();
    let paths_ok = lines.iter().all(|(_, x)| x.is_some());
    let api_svc = q("GET /api/rooms").and_then(|t| {
        t.hops
            .iter()
            .filter_map(|h| d.nodes.get(&h.node))
            .find(|n| n.kind == Kind::EcsService)
            .map(|n| n.id.clone())
    });
    let web_svc = q("GET /").and_then(|t| {
        t.hops
            .iter()
            .filter_map(|h| d.nodes.get(&h.node))
            .find(|n| n.kind == Kind::EcsService)
            .map(|n| n.id.clone())
    });
    // Path routing: the API and the pages go to different services.
    let split = api_svc.is_some() && web_svc.is_some() && api_svc != web_svc;
    // Load balancing: the services behind the ALB run 2 tasks or more.
    let balanced = [&api_svc, &web_svc].iter().all(|s| {
        s.as_ref()
            .and_then(|id| d.nodes.get(id))
            .is_some_and(|n| n.num("desired_tasks") >= 2.0)
    });
    let ticked = paths_ok && split && balanced;
    let yours = both(|l| {
        let rows: Vec<String> = lines
            .iter()
            .map(|(r, x)| match (x, l) {
                (Some(x), _) => x.clone(),
                (None, Lang::Ja) => format!("{r} → 届きません"),
                (None, Lang::En) => format!("{r} → not served"),
            })
            .collect();
        match l {
            Lang::Ja => format!("あなたの ALB の振り分け: {}。", rows.join("、")),
            Lang::En => format!("Your ALB routes: {}.", rows.join("; ")),
        }
    });
    Item {
        id: "alb",
        title: m(
            "ALB の役割（パスルーティング、負荷分散）を理解している",
            "I understand the ALB's role (path routing, load balancing)",
        ),
        ticked,
        yours,
        chapter: m(
            "ALB は URL のパスで振り分け先を変え (/api/* と /socket.io/* は NestJS、/* は Next.js)、複数のタスクにリクエストを分散し、ヘルスチェックで落ちたコンテナを外します。",
            "The ALB picks the target by URL path (/api/* and /socket.io/* to NestJS, /* to Next.js), spreads requests over several tasks, and health checks keep dead containers out.",
        ),
        todo: (!ticked).then(|| {
            m(
                "ALB のリスナールールで /api/* と /socket.io/* を API のサービスへ、/* をフロントエンドへ送り、各サービスのタスクを 2 以上にしてください。",
                "Give the ALB listener rules sending /api/* and /socket.io/* to the API service and /* to the front end, and run 2 tasks or more of each.",
            )
        }),
    }
}

fn autoscaling(d: &Design) -> Item {
    let svcs = services(d);
    // The nodes a CloudWatch alarm scales, found in one pass over the edges.
    let alarmed: std::collections::BTreeSet<&crate::core::NodeId> = d
        .edges
        .values()
        .filter(|e| {
            e.kind == crate::core::EdgeKind::Scaling
                && d.nodes
                    .get(&e.from)
                    .is_some_and(|c| c.kind == Kind::Cloudwatch)
        })
        .map(|e| &e.to)
        .collect();
    let alarm_for = |n: &Node| alarmed.contains(&n.id);
    let scales = |n: &Node| {
        n.num("min_tasks") < n.num("max_tasks")
            && !matches!(n.text("scaling_metric"), "" | "none")
            && alarm_for(n)
    };
    let fixed: Vec<&Node> = svcs.iter().copied().filter(|n| !scales(n)).collect();
    let ticked = !svcs.is_empty() && fixed.is_empty();
    let rows = |l: Lang| -> String {
        let sep = if l == Lang::Ja { "、" } else { "; " };
        svcs.iter()
            .map(|n| {
                let (lo, hi) = (n.num("min_tasks"), n.num("max_tasks"));
                let metric = n.text("scaling_metric");
                let target = n.num("scaling_target_percent");
                let alarm = alarm_for(n);
                match l {
                    Lang::Ja => format!(
                        "{}: タスク {lo}〜{hi}、指標 {metric} {target}%、CloudWatch アラーム{}",
                        n.display_label(l),
                        if alarm { "あり" } else { "なし" }
                    ),
                    Lang::En => format!(
                        "{}: {lo} to {hi} tasks, metric {metric} at {target}%, {} CloudWatch alarm",
                        n.display_label(l),
                        if alarm { "with a" } else { "no" }
                    ),
                }
            })
            .collect::<Vec<_>>()
            .join(sep)
    };
    let yours = both(|l| {
        if svcs.is_empty() {
            return names(&[], l);
        }
        match l {
            Lang::Ja => format!("あなたのサービス: {}。", rows(l)),
            Lang::En => format!("Your services: {}.", rows(l)),
        }
    });
    Item {
        id: "autoscaling",
        title: m("Auto Scaling の仕組みを説明できる", "I can explain how Auto Scaling works"),
        ticked,
        yours,
        chapter: m(
            "CloudWatch が CPU などを監視し、閾値 (CPU > 70%) を超えると Auto Scaling が発動して ECS が新しいタスクを起動し、ALB がそこにもトラフィックを流します。負荷が下がればタスクを減らします。",
            "CloudWatch watches CPU and more; past the threshold (CPU > 70%) Auto Scaling fires, ECS starts new tasks and the ALB sends them traffic; when the load drops, tasks are removed.",
        ),
        todo: (!ticked).then(|| {
            if svcs.is_empty() {
                m("ECS サービスを置いてください。", "Add an ECS service.")
            } else {
                m(
                    format!(
                        "{} に最小 < 最大のタスク数と指標を設定し、CloudWatch から「スケーリング」の線を引いてください。",
                        names(&fixed, Lang::Ja)
                    ),
                    format!(
                        "Give {} a minimum below the maximum, a scaling metric, and a scaling connection from CloudWatch.",
                        names(&fixed, Lang::En)
                    ),
                )
            }
        }),
    }
}

fn fargate_ec2(d: &Design, table: Option<&PriceTable>) -> Item {
    let svcs = services(d);
    let stated: Vec<&Node> = svcs
        .iter()
        .copied()
        .filter(|n| matches!(n.text("launch_type"), "FARGATE" | "EC2"))
        .collect();
    let ticked = !svcs.is_empty() && stated.len() == svcs.len();
    let figures = table.and_then(|t| {
        let c = ec2::compare(d, t);
        Some((c.fargate_monthly()?, c.ec2_monthly?))
    });
    let yours = both(|l| {
        let kinds: Vec<String> = svcs
            .iter()
            .map(|n| format!("{} ({})", n.display_label(l), n.text("launch_type")))
            .collect();
        let sep = if l == Lang::Ja { "、" } else { ", " };
        let base = match l {
            Lang::Ja => format!(
                "あなたのサービス: {}。",
                if kinds.is_empty() {
                    names(&[], l)
                } else {
                    kinds.join(sep)
                }
            ),
            Lang::En => format!(
                "Your services: {}.",
                if kinds.is_empty() {
                    names(&[], l)
                } else {
                    kinds.join(sep)
                }
            ),
        };
        match (figures, l) {
            (Some((f, e)), Lang::Ja) => format!(
                "{base} 同じタスクを 1 か月動かすと Fargate は {}、最安の EC2 構成は {} (「Fargate と EC2」を参照)。",
                fmt_usd(f),
                fmt_usd(e)
            ),
            (Some((f, e)), Lang::En) => format!(
                "{base} The same tasks for a month: Fargate {}, the cheapest EC2 fit {} (see Fargate vs EC2).",
                fmt_usd(f),
                fmt_usd(e)
            ),
            (None, _) => base,
        }
    });
    Item {
        id: "fargate-ec2",
        title: m("Fargate と EC2 の違いを説明できる", "I can explain how Fargate and EC2 differ"),
        ticked,
        yours,
        chapter: m(
            "Fargate はサーバー管理不要で自動スケール、やや高い。EC2 はサーバー管理が必要で柔軟、最適化すれば安い。Party Box なら管理が楽な Fargate がおすすめ。",
            "Fargate: no servers to manage, scales by itself, a little dearer. EC2: you manage the servers, flexible, cheaper when optimised. For Party Box the chapter recommends Fargate (less to manage).",
        ),
        todo: (!ticked).then(|| {
            m(
                "ECS サービスを置き、インスペクターで起動タイプ (Fargate か EC2) を選んでください。",
                "Add ECS services and choose their launch type (Fargate or EC2) in the inspector.",
            )
        }),
    }
}

/// The checklist as text: ☑/☐ per point, then what the design has, what the chapter says
/// and what is missing.
pub fn render_text(items: &[Item], lang: Lang) -> String {
    let mut out = String::new();
    let head = match lang {
        Lang::Ja => format!("チェックリスト {}/{}\n", ticked(items), items.len()),
        Lang::En => format!("Checklist {}/{}\n", ticked(items), items.len()),
    };
    out.push_str(&head);
    for i in items {
        out.push_str(&format!(
            "\n{} {}\n  {}\n  {}\n",
            if i.ticked { "☑" } else { "☐" },
            i.title.get(lang),
            i.yours.get(lang),
            i.chapter.get(lang)
        ));
        if let Some(t) = &i.todo {
            out.push_str(&format!("  → {}\n", t.get(lang)));
        }
    }
    out
}

/// The stable JSON form (`kumozu checklist --format json`), both languages.
pub fn to_json(items: &[Item]) -> Value {
    json!({
        "format": "kumozu-checklist",
        "version": 1,
        "ticked": ticked(items),
        "total": items.len(),
        "items": items.iter().map(|i| json!({
            "id": i.id,
            "ticked": i.ticked,
            "title": i.title,
            "yours": i.yours,
            "chapter": i.chapter,
            "todo": i.todo,
        })).collect::<Vec<_>>(),
    })
}

/// The checklist as an HTML fragment for the app: a count, then one `<details>` per point
/// whose summary reads its state in words (those whose ids are in `open` drawn open); every
/// text escaped.
pub fn to_html(items: &[Item], lang: Lang, open: &[String]) -> String {
    use crate::core::drawing::svg::escape;
    let mut out = String::new();
    let count = match lang {
        Lang::Ja => format!("{} / {} 達成", ticked(items), items.len()),
        Lang::En => format!("{} / {} shown by your design", ticked(items), items.len()),
    };
    out.push_str(
        r#"<p class="checklist-count" role="status" data-testid="checklist-count" data-ticked=""#,
    );
    out.push_str(&ticked(items).to_string());
    out.push_str(r#"">"#);
    escape(&count, &mut out);
    out.push_str("</p><ul class=\"checklist-items\">");
    for i in items {
        let (mark, state) = match (i.ticked, lang) {
            (true, Lang::Ja) => ("☑", "達成"),
            (false, Lang::Ja) => ("☐", "未達"),
            (true, Lang::En) => ("☑", "done"),
            (false, Lang::En) => ("☐", "not yet"),
        };
        out.push_str(r#"<li><details data-check-id=""#);
        out.push_str(i.id);
        out.push_str(r#"" data-ticked=""#);
        out.push_str(if i.ticked { "true" } else { "false" });
        out.push('"');
        if open.iter().any(|o| o == i.id) {
            out.push_str(" open");
        }
        out.push_str(r#"><summary><span class="check-mark" aria-hidden="true">"#);
        out.push_str(mark);
        out.push_str(r#"</span> <span class="visually-hidden">"#);
        escape(state, &mut out);
        out.push_str(": </span>");
        escape(i.title.get(lang), &mut out);
        out.push_str(r#"</summary><p class="check-yours">"#);
        escape(i.yours.get(lang), &mut out);
        out.push_str(r#"</p><p class="check-chapter muted">"#);
        escape(i.chapter.get(lang), &mut out);
        out.push_str("</p>");
        if let Some(t) = &i.todo {
            out.push_str(r#"<p class="check-todo">→ "#);
            escape(t.get(lang), &mut out);
            out.push_str("</p>");
        }
        out.push_str("</details></li>");
    }
    out.push_str("</ul>");
    out
}
