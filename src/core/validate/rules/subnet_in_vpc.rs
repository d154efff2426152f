//! `subnet-in-vpc`: a subnet tier sits directly in a VPC (a plain group around it is fine).

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "subnet-in-vpc",
    severity: Severity::Error,
    title: t(
        "サブネットは VPC の中に置く",
        "A subnet belongs inside a VPC",
    ),
    fix: t(
        "サブネットを VPC の中に直接置いてください。",
        "Put the subnet directly inside a VPC.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "サブネットは VPC (AWS 内に作るプライベートネットワーク) を区切ったものです (Part 2 VPC)。VPC の外やほかのサブネット・クラスターの中にサブネットは作れません。",
    "A subnet is a slice of a VPC, the private network you build inside AWS (Part 2, VPC). It cannot exist outside a VPC, nor inside another subnet or a cluster.",
);

fn check(d: &Design, r: &mut Report) {
    for subnet in cx::nodes_of(d, Kind::Subnet) {
        // Groups have no AWS meaning, so look through them to the real container.
        let container = d
            .ancestors(&subnet.id)
            .into_iter()
            .find(|n| n.kind != Kind::Group);
        let (ja, en) = cx::quoted(d, &subnet.id);
        match container {
            Some(c) if c.kind == Kind::Vpc => {}
            Some(c) => {
                let (cja, cen) = cx::quoted(d, &c.id);
                r.add(
                    &[&subnet.id, &c.id],
                    &[],
                    Message::new(
                        format!("サブネット{ja}が VPC ではなく{cja}の中に置かれています。"),
                        format!("The subnet {en} sits inside {cen}, which is not a VPC."),
                    ),
                );
            }
            None => r.add(
                &[&subnet.id],
                &[],
                Message::new(
                    format!("サブネット{ja}がどの VPC にも入っていません。"),
                    format!("The subnet {en} is not inside any VPC."),
                ),
            ),
        }
    }
}
