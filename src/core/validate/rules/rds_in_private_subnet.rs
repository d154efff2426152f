//! `rds-in-private-subnet`: the database sits in a private subnet tier.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "rds-in-private-subnet",
    severity: Severity::Error,
    title: t(
        "RDS は Private Subnet に置く",
        "RDS belongs in a private subnet",
    ),
    fix: t(
        "RDS を Private Subnet (2 つ以上の AZ にまたがるもの) に移してください。",
        "Move the RDS instance into a private subnet tier that spans at least two AZs.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "「RDS を Private に置くことで、外部から直接アクセスできないようにする（セキュリティ）」(Part 2 VPC)。データベースにはアプリ (ECS) だけが接続できればよく、インターネットから届く場所に置く理由はありません。",
    "\"Putting RDS in the private subnet keeps it from being reached directly from outside (security)\" (Part 2, VPC). Only the application (ECS) needs to connect to the database; there is no reason to place it where the internet can reach it.",
);

fn check(d: &Design, r: &mut Report) {
    for db in cx::nodes_of(d, Kind::RdsPostgres) {
        let (ja, en) = cx::quoted(d, &db.id);
        match cx::subnet_of(d, &db.id) {
            Some(s) if cx::tier(s) == Tier::Private => {}
            Some(s) => {
                let (sja, sen) = cx::quoted(d, &s.id);
                r.add(
                    &[&db.id, &s.id],
                    &[],
                    Message::new(
                        format!("データベース{ja}が Public Subnet{sja}に置かれています。"),
                        format!("The database {en} sits in the public subnet {sen}."),
                    ),
                );
            }
            None => r.add(
                &[&db.id],
                &[],
                Message::new(
                    format!("データベース{ja}がどのサブネットにも置かれていません。"),
                    format!("The database {en} is not placed in any subnet."),
                ),
            ),
        }
    }
}
