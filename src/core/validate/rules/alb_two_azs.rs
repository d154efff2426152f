//! `alb-two-azs`: an ALB's subnet tier must span at least two availability zones.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "alb-two-azs",
    severity: Severity::Error,
    title: t(
        "ALB のサブネットは 2 つ以上の AZ にまたがる",
        "An ALB's subnets span at least two AZs",
    ),
    fix: t(
        "ALB を置いた Public Subnet の AZ を 2 つ以上にしてください (東京リージョンなら a と c など)。",
        "List at least two AZs on the ALB's public subnet tier (in Tokyo, for example a and c).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "AWS では ALB を作るときに、2 つ以上のアベイラビリティーゾーン (AZ) のサブネットを指定する必要があります。1 つの AZ だけでは作成できず、その AZ に障害が起きるとサービス全体が止まります。ALB はヘルスチェックで「死んだコンテナにはリクエストを送らない」ことでサービスを止めない仕組みなので (Part 2 ALB)、ALB 自体も 1 つの AZ に頼らないようにします。",
    "AWS only creates an ALB with subnets in at least two availability zones (AZs); with one AZ it cannot be created, and an outage of that AZ would stop the whole service. The ALB keeps the service up by sending no requests to dead containers (health checks, Part 2, ALB), so it must not depend on a single AZ itself.",
);

fn check(d: &Design, r: &mut Report) {
    for alb in cx::nodes_of(d, Kind::Alb) {
        // An ALB outside every subnet is alb-in-public-subnet's business.
        let Some(subnet) = cx::subnet_of(d, &alb.id) else {
            continue;
        };
        let zones = cx::region_azs(d, subnet);
        if zones.len() >= 2 {
            continue;
        }
        let (ja, en) = cx::quoted(d, &alb.id);
        let (sja, sen) = cx::quoted(d, &subnet.id);
        let (zja, zen) = cx::az_span(d, &zones);
        r.add(
            &[&alb.id, &subnet.id],
            &[],
            Message::new(
                format!("ALB{ja}のサブネット{sja}は{zja}。ALB には 2 つ以上の AZ が必要です。"),
                format!(
                    "The subnet tier {sen} of the ALB {en} spans {zen}; an ALB needs at least two."
                ),
            ),
        );
    }
}
