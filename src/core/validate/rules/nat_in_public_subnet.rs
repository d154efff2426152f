//! `nat-in-public-subnet`: a NAT Gateway sits in a public subnet tier.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "nat-in-public-subnet",
    severity: Severity::Error,
    title: t(
        "NAT ゲートウェイは Public Subnet に置く",
        "A NAT Gateway belongs in a public subnet",
    ),
    fix: t(
        "NAT ゲートウェイを Public Subnet に移し、Private Subnet からの外向き通信をそこへ向けてください。",
        "Move the NAT Gateway into a public subnet tier and send the private subnets' outbound traffic through it.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "NAT ゲートウェイは、Private Subnet のコンテナが外 (ECR からのイメージ取得など) に出るための出口です。自分自身はインターネットゲートウェイへの経路がある Public Subnet にないと、外へ通信を中継できません。",
    "A NAT Gateway is the way out for containers in private subnets (for example to pull images from ECR). It can only relay that traffic if it sits in a public subnet, which has a route to the Internet Gateway.",
);

fn check(d: &Design, r: &mut Report) {
    for nat in cx::nodes_of(d, Kind::NatGateway) {
        let (ja, en) = cx::quoted(d, &nat.id);
        match cx::subnet_of(d, &nat.id) {
            Some(s) if cx::tier(s) == Tier::Public => {}
            Some(s) => {
                let (sja, sen) = cx::quoted(d, &s.id);
                r.add(
                    &[&nat.id, &s.id],
                    &[],
                    Message::new(
                        format!("NAT ゲートウェイ{ja}が Private Subnet{sja}に置かれています。"),
                        format!("The NAT Gateway {en} sits in the private subnet {sen}."),
                    ),
                );
            }
            None => r.add(
                &[&nat.id],
                &[],
                Message::new(
                    format!("NAT ゲートウェイ{ja}がどのサブネットにも置かれていません。"),
                    format!("The NAT Gateway {en} is not placed in any subnet."),
                ),
            ),
        }
    }
}
