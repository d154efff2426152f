//! `alb-target-no-tasks`: a listener rule or default action sends traffic to an ECS service
//! that runs no task. Its target group then has no registered target, and the ALB answers
//! `503 Service Unavailable` (Elastic Load Balancing: "HTTP 503: Service unavailable — the
//! target groups for the load balancer have no registered targets").

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "alb-target-no-tasks",
    severity: Severity::Error,
    title: t(
        "タスクが 0 のサービスにトラフィックを送らない",
        "No traffic to a service that runs no task",
    ),
    fix: t(
        "サービスの希望タスク数を 1 以上 (冗長化するなら 2 以上) にしてください。",
        "Set the service's desired tasks to 1 or more (2 or more for redundancy).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "ALB はターゲットグループに登録されたタスクにだけリクエストを届けます。希望タスク数が 0 のサービスには登録されたターゲットがないため、そこへ送られたリクエストに ALB は 503 (Service Unavailable) を返します (Elastic Load Balancing のトラブルシューティング)。",
    "An ALB delivers requests only to the tasks registered in the target group. A service with 0 desired tasks has no registered target, so the ALB answers 503 (Service Unavailable) to every request sent there (Elastic Load Balancing troubleshooting).",
);

fn check(d: &Design, r: &mut Report) {
    for e in d.edges.values() {
        if !matches!(e.kind, EdgeKind::AlbRule | EdgeKind::AlbDefault) {
            continue;
        }
        let Some(svc) = d.nodes.get(&e.to) else {
            continue;
        };
        if svc.kind != Kind::EcsService || svc.num("desired_tasks") > 0.0 {
            continue;
        }
        let (ja, en) = cx::quoted(d, &svc.id);
        let (aja, aen) = cx::quoted(d, &e.from);
        r.add(
            &[&svc.id],
            &[&e.id],
            Message::new(
                format!("{aja}が{ja}へ送るリクエストには ALB が 503 を返します。{ja}の希望タスク数が 0 です。"),
                format!("{aen} sends requests to {en}, which runs 0 desired tasks, so the ALB answers them with 503."),
            ),
        );
    }
}
