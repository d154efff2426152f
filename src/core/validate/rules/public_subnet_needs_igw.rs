//! `public-subnet-needs-igw`: a public subnet tier is only public if its VPC has an
//! Internet Gateway.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "public-subnet-needs-igw",
    severity: Severity::Error,
    title: t(
        "Public Subnet にはインターネットゲートウェイが必要",
        "A public subnet needs an Internet Gateway",
    ),
    fix: t(
        "VPC の中にインターネットゲートウェイを置いてください (VPC に直接付けます)。",
        "Add an Internet Gateway inside the VPC (it attaches to the VPC itself).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "Public Subnet が「インターネットからアクセス可能」(Part 2 VPC) なのは、VPC に付けたインターネットゲートウェイへの経路があるからです。インターネットゲートウェイがなければ、そのサブネットは名前だけの Public で、ALB にもユーザーのリクエストが届かず、NAT ゲートウェイも外に出られません。",
    "A public subnet is reachable from the internet (Part 2, VPC) because it routes to an Internet Gateway attached to the VPC. Without one the subnet is public in name only: users' requests never reach the ALB, and a NAT Gateway has no way out.",
);

fn check(d: &Design, r: &mut Report) {
    for subnet in cx::nodes_of(d, Kind::Subnet) {
        if cx::tier(subnet) != Tier::Public {
            continue;
        }
        // A subnet outside every VPC is subnet-in-vpc's business.
        let Some(vpc) = cx::vpc_of(d, &subnet.id) else {
            continue;
        };
        let has_igw = cx::nodes_of(d, Kind::InternetGateway)
            .any(|g| cx::vpc_of(d, &g.id).is_some_and(|v| v.id == vpc.id));
        if has_igw {
            continue;
        }
        let (sja, sen) = cx::quoted(d, &subnet.id);
        let (vja, ven) = cx::quoted(d, &vpc.id);
        r.add(
            &[&subnet.id, &vpc.id],
            &[],
            Message::new(
                format!("Public Subnet{sja}がありますが、{vja}にインターネットゲートウェイがありません。"),
                format!("The public subnet {sen} has no Internet Gateway: {ven} has none."),
            ),
        );
    }
}
