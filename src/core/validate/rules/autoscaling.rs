//! `autoscaling`: a service that can scale out under load.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "autoscaling",
    severity: Severity::Warning,
    title: t(
        "負荷に応じてタスクを増やせるようにする",
        "Let the service scale out under load",
    ),
    fix: t(
        "スケーリング指標 (CPU 70% など) を設定し、最大タスク数を最小より大きくしてください (例: 最小 2、最大 4)。",
        "Set a scaling metric (for example CPU at 70%) and a maximum above the minimum (for example 2 to 4 tasks).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "コースの Auto Scaling の流れは「CloudWatch が CPU やリクエスト数を監視 → 閾値 (CPU > 70%) を超えたら Auto Scaling が発動 → ECS が新しい Task を起動 → ALB が新しいコンテナにもトラフィックを流す → 負荷が下がったら減らす」です (Part 3)。ECS では、スケーリング指標と目標値 (CPU 70% など) を決めるだけで、必要な CloudWatch アラームは ECS のサービス自動スケーリングが作成・管理します (Amazon ECS 開発者ガイドのターゲット追跡スケーリング)。スケーリング指標がない、または最大タスク数が最小と同じだと、負荷が高い時にタスクを増やせません。",
    "The chapter's auto scaling flow: CloudWatch watches CPU or request count; past a threshold (CPU > 70%) Auto Scaling fires; ECS starts new tasks; the ALB sends traffic to them too; when load drops, tasks are removed (Part 3). On ECS, choosing a scaling metric and a target (such as CPU at 70%) is enough: ECS Service Auto Scaling creates and manages the CloudWatch alarms for it (Amazon ECS Developer Guide, target tracking scaling). With no scaling metric, or a maximum equal to the minimum, the service cannot add tasks under load.",
);

fn check(d: &Design, r: &mut Report) {
    for svc in cx::nodes_of(d, Kind::EcsService) {
        let no_metric = svc.text("scaling_metric") == "none";
        let (min, max) = (svc.num("min_tasks"), svc.num("max_tasks"));
        let no_room = max == min;
        if !no_metric && !no_room {
            continue;
        }
        let (ja, en) = cx::quoted(d, &svc.id);
        let n = cx::num(max);
        let tasks = if max == 1.0 { "task" } else { "tasks" };
        let (mja, men) = match (no_metric, no_room) {
            (true, true) => (
                format!("{ja}にはスケーリング指標がなく、最大タスク数も最小と同じ {n} です。"),
                format!("{en} has no scaling metric, and its maximum equals its minimum ({n} {tasks})."),
            ),
            (true, false) => (
                format!("{ja}にはスケーリング指標がないため、負荷が高くてもタスクが増えません。"),
                format!("{en} has no scaling metric, so it adds no tasks under load."),
            ),
            _ => (
                format!("{ja}の最大タスク数が最小と同じ {n} のため、負荷が高くてもタスクを増やせません。"),
                format!("The maximum of {en} equals its minimum ({n} {tasks}), so it cannot add tasks under load."),
            ),
        };
        r.add(&[&svc.id], &[], Message::new(mja, men));
    }
}
