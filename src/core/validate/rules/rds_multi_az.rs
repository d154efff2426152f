//! `rds-multi-az`: production databases run Multi-AZ.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "rds-multi-az",
    severity: Severity::Warning,
    title: t(
        "本番の RDS はマルチ AZ にする",
        "Run production RDS Multi-AZ",
    ),
    fix: t(
        "本番運用ならマルチ AZ をオンにしてください (費用を抑えたい課題用の構成なら、この警告は理解したうえで残してかまいません)。",
        "Turn Multi-AZ on for production (in a cost-conscious course setup you may keep this warning, knowingly).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "RDS の機能「Multi-AZ（複数拠点でレプリカ → 障害時も継続）」(Part 2 RDS) を使うと、AZ の障害やメンテナンスの間も別の AZ のスタンバイに自動で切り替わります。シングル AZ ではその間データベースが止まり、ゲーム全体が止まります。ただしインスタンス料金はおよそ 2 倍になるので、授業の課題や検証環境ならシングル AZ で費用を抑えるのも妥当な判断です。",
    "RDS's Multi-AZ feature (a replica in another location, so the database keeps running through a failure, Part 2, RDS) fails over to a standby in another AZ during an outage or maintenance. Single-AZ, the database and with it the whole game stop meanwhile. Multi-AZ roughly doubles the instance price, though, so for a course project or a test environment saving with Single-AZ is a fair choice.",
);

fn check(d: &Design, r: &mut Report) {
    for db in cx::nodes_of(d, Kind::RdsPostgres) {
        if db.flag("multi_az") {
            continue;
        }
        let (ja, en) = cx::quoted(d, &db.id);
        r.add(
            &[&db.id],
            &[],
            Message::new(
                format!(
                    "データベース{ja}はシングル AZ です。AZ の障害やメンテナンスの間は止まります。"
                ),
                format!(
                    "The database {en} is Single-AZ; it stops during an AZ outage or maintenance."
                ),
            ),
        );
    }
}
