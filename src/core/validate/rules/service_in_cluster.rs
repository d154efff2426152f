//! `service-in-cluster`: an ECS service belongs to an ECS cluster.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "service-in-cluster",
    severity: Severity::Error,
    title: t(
        "ECS サービスは ECS クラスターの中に置く",
        "An ECS service belongs inside an ECS cluster",
    ),
    fix: t(
        "ECS クラスターを置き、その中にサービスを入れてください (Party Box なら Next.js と NestJS の 2 サービスを同じクラスターに)。",
        "Add an ECS cluster and put the service inside it (for Party Box, the Next.js and NestJS services share one cluster).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "ECS は Cluster (コンテナを動かすグループ) → Service (「何個動かすか」を管理) → Task (実行中のコンテナ) の階層です (Part 2 ECS)。サービスは必ずどこかのクラスターに属して作られます。",
    "ECS is a hierarchy: a cluster (the group that runs containers) holds services (each keeps N tasks running), which run tasks (the running containers) (Part 2, ECS). Every service is created in a cluster.",
);

fn check(d: &Design, r: &mut Report) {
    for svc in cx::nodes_of(d, Kind::EcsService) {
        if d.enclosing(&svc.id, Kind::EcsCluster).is_some() {
            continue;
        }
        let (ja, en) = cx::quoted(d, &svc.id);
        r.add(
            &[&svc.id],
            &[],
            Message::new(
                format!("ECS サービス{ja}がどの ECS クラスターにも属していません。"),
                format!("The ECS service {en} is not inside any ECS cluster."),
            ),
        );
    }
}
