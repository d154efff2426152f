//! `service-in-private-subnet`: ECS services run their tasks in a private subnet tier.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "service-in-private-subnet",
    severity: Severity::Error,
    title: t(
        "ECS サービスは Private Subnet に置く",
        "ECS services belong in a private subnet",
    ),
    fix: t(
        "ECS サービス (またはそれを含む ECS クラスター) を Private Subnet の中に移してください。",
        "Move the ECS service (or the ECS cluster around it) into a private subnet tier.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "Private Subnet は「インターネットから直接アクセス不可（ECS, RDS を配置）」な場所です (Part 2 VPC)。ユーザーのリクエストは Public Subnet の ALB が受けて ECS に振り分けるので、コンテナ自体をインターネットにさらす必要はありません。",
    "The private subnet is the part not directly reachable from the internet, where the chapter places ECS and RDS (Part 2, VPC). Users' requests arrive at the ALB in the public subnet, which forwards them to ECS, so the containers themselves never need to face the internet.",
);

fn check(d: &Design, r: &mut Report) {
    for svc in cx::nodes_of(d, Kind::EcsService) {
        let (ja, en) = cx::quoted(d, &svc.id);
        match cx::subnet_of(d, &svc.id) {
            Some(s) if cx::tier(s) == Tier::Private => {}
            Some(s) => {
                let (sja, sen) = cx::quoted(d, &s.id);
                r.add(
                    &[&svc.id, &s.id],
                    &[],
                    Message::new(
                        format!("ECS サービス{ja}が Public Subnet{sja}に置かれています。"),
                        format!("The ECS service {en} sits in the public subnet {sen}."),
                    ),
                );
            }
            None => r.add(
                &[&svc.id],
                &[],
                Message::new(
                    format!("ECS サービス{ja}がどのサブネットにも置かれていません。"),
                    format!("The ECS service {en} is not placed in any subnet."),
                ),
            ),
        }
    }
}
