//! `single-task`: a service that may run a single task has no redundancy.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "single-task",
    severity: Severity::Warning,
    title: t("タスクは 2 つ以上動かす", "Run at least two tasks"),
    fix: t(
        "希望タスク数と最小タスク数を 2 以上にしてください。",
        "Set the desired and minimum task counts to at least 2.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "コースは「Task が複数ある理由」として 3 つを挙げています: 負荷分散（リクエストを分散）、冗長化（1つ落ちても他が生きてる）、ローリングデプロイ（片方ずつ更新） (Part 2 ECS)。タスクが 1 つだと、それが落ちたりデプロイで入れ替わったりする間、サービスが止まります。",
    "The chapter gives three reasons for several tasks: load balancing (requests are spread), redundancy (if one dies the others live on) and rolling deploys (update one at a time) (Part 2, ECS). With a single task the service is down whenever that task fails or is replaced by a deploy.",
);

fn check(d: &Design, r: &mut Report) {
    for svc in cx::nodes_of(d, Kind::EcsService) {
        let (want, min) = (svc.num("desired_tasks"), svc.num("min_tasks"));
        if want >= 2.0 && min >= 2.0 {
            continue;
        }
        let (ja, en) = cx::quoted(d, &svc.id);
        let (w, m) = (cx::num(want), cx::num(min));
        r.add(
            &[&svc.id],
            &[],
            Message::new(
                format!("{ja}は希望タスク数 {w}・最小タスク数 {m} で、タスクが 1 つ以下になることがあります。"),
                format!("{en} is set to {w} desired and {m} minimum tasks, so it may run on a single task or none."),
            ),
        );
    }
}
