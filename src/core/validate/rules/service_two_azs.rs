//! `service-two-azs`: an ECS service's tasks run in subnets of at least two AZs.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "service-two-azs",
    severity: Severity::Warning,
    title: t(
        "ECS サービスのタスクは 2 つ以上の AZ で動かす",
        "Run an ECS service's tasks in at least two AZs",
    ),
    fix: t(
        "サービスを置いた Private Subnet の AZ を 2 つ以上にしてください (東京リージョンなら a と c など)。",
        "List at least two AZs on the service's private subnet tier (in Tokyo, for example a and c).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "タスクを複数動かす理由の一つは「冗長化（1つ落ちても他が生きてる）」です (Part 2 ECS)。Amazon ECS のサービスは、指定したサブネットの AZ にタスクを分散して配置します (Amazon ECS 開発者ガイドのタスク配置)。サブネットが 1 つの AZ にしかなければ、タスクをいくつ動かしてもすべて同じ AZ に入り、その AZ に障害が起きるとサービス全体が止まります。",
    "One reason the chapter gives for several tasks is redundancy: if one dies the others live on (Part 2, ECS). An ECS service spreads its tasks over the AZs of the subnets it is given (Amazon ECS Developer Guide, task placement). With subnets in a single AZ, every task lands in that AZ however many run, and an outage of that AZ stops the whole service.",
);

fn check(d: &Design, r: &mut Report) {
    for svc in cx::nodes_of(d, Kind::EcsService) {
        let Some(subnet) = cx::subnet_of(d, &svc.id) else {
            continue;
        };
        // No existing AZ at all is az-in-region's business.
        let zones = cx::region_azs(d, subnet);
        if zones.len() != 1 {
            continue;
        }
        let (ja, en) = cx::quoted(d, &svc.id);
        let (sja, sen) = cx::quoted(d, &subnet.id);
        let (zja, zen) = cx::az_span(d, &zones);
        r.add(
            &[&svc.id, &subnet.id],
            &[],
            Message::new(
                format!("{ja}のタスクを置くサブネット{sja}は{zja}。その AZ の障害でサービス全体が止まります。"),
                format!("The tasks of {en} run in the subnet tier {sen}, which spans {zen}; an outage of that AZ stops the whole service."),
            ),
        );
    }
}
