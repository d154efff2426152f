//! `alb-in-public-subnet`: an internet-facing ALB must sit in a public subnet tier.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "alb-in-public-subnet",
    severity: Severity::Error,
    title: t(
        "インターネット向け ALB は Public Subnet に置く",
        "An internet-facing ALB belongs in a public subnet",
    ),
    fix: t(
        "ALB を Public Subnet (2 つ以上の AZ にまたがるもの) に移してください。",
        "Move the ALB into a public subnet tier that spans at least two AZs.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "Public Subnet は「インターネットからアクセス可能（ALB を配置）」な場所です (Part 2 VPC)。Private Subnet にはインターネットからの経路がないため、ユーザーのリクエストが ALB に届きません。",
    "The public subnet is the part reachable from the internet, where the chapter places the ALB (Part 2, VPC). A private subnet has no route from the internet, so users' requests never reach the ALB.",
);

fn check(d: &Design, r: &mut Report) {
    for alb in cx::nodes_of(d, Kind::Alb).filter(|a| cx::internet_facing(a)) {
        let (ja, en) = cx::quoted(d, &alb.id);
        match cx::subnet_of(d, &alb.id) {
            Some(s) if cx::tier(s) == Tier::Public => {}
            Some(s) => {
                let (sja, sen) = cx::quoted(d, &s.id);
                r.add(
                    &[&alb.id, &s.id],
                    &[],
                    Message::new(
                        format!(
                            "インターネット向けの ALB{ja}が Private Subnet{sja}に置かれています。"
                        ),
                        format!("The internet-facing ALB {en} sits in the private subnet {sen}."),
                    ),
                );
            }
            None => r.add(
                &[&alb.id],
                &[],
                Message::new(
                    format!("ALB{ja}がどのサブネットにも置かれていません。"),
                    format!("The ALB {en} is not placed in any subnet."),
                ),
            ),
        }
    }
}
