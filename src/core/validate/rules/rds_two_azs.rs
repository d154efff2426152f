//! `rds-two-azs`: the database's subnet tier (its DB subnet group) spans at least two AZs.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "rds-two-azs",
    severity: Severity::Error,
    title: t(
        "RDS のサブネットグループは 2 つ以上の AZ にまたがる",
        "An RDS subnet group spans at least two AZs",
    ),
    fix: t(
        "RDS を置いた Private Subnet の AZ を 2 つ以上にしてください (東京リージョンなら a と c など)。",
        "List at least two AZs on the database's private subnet tier (in Tokyo, for example a and c).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "RDS は DB サブネットグループのサブネットに置かれ、AWS はこのグループに 2 つ以上の AZ のサブネットを求めます (シングル AZ 構成でも同じです)。Multi-AZ（複数拠点でレプリカ → 障害時も継続）にするには、2 つ目の AZ がそもそも必要です (Part 2 RDS)。",
    "RDS is placed in the subnets of a DB subnet group, and AWS requires that group to cover at least two AZs, even for a Single-AZ instance. Multi-AZ (a replica in another location, so the database keeps running through a failure) needs that second AZ in the first place (Part 2, RDS).",
);

fn check(d: &Design, r: &mut Report) {
    for db in cx::nodes_of(d, Kind::RdsPostgres) {
        // A database outside every subnet is rds-in-private-subnet's business.
        let Some(subnet) = cx::subnet_of(d, &db.id) else {
            continue;
        };
        let zones = cx::region_azs(d, subnet);
        if zones.len() >= 2 {
            continue;
        }
        let (ja, en) = cx::quoted(d, &db.id);
        let (sja, sen) = cx::quoted(d, &subnet.id);
        let (zja, zen) = cx::az_span(d, &zones);
        r.add(
            &[&db.id, &subnet.id],
            &[],
            Message::new(
                format!("データベース{ja}のサブネット{sja}は{zja}。DB サブネットグループには 2 つ以上の AZ が必要です。"),
                format!("The subnet tier {sen} of the database {en} spans {zen}; a DB subnet group needs at least two."),
            ),
        );
    }
}
