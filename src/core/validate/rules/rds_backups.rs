//! `rds-backups`: a database keeps its automated backups (retention of 1 day or more).

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "rds-backups",
    severity: Severity::Warning,
    title: t(
        "RDS の自動バックアップを有効にする",
        "Keep RDS automated backups on",
    ),
    fix: t(
        "バックアップ保持期間を 1 日以上にしてください (コンソールで作成したときの既定は 7 日です)。",
        "Set the backup retention to 1 day or more (the console's default is 7 days).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "RDS は「バックアップやパッチ適用を AWS が管理」するマネージドな PostgreSQL で、機能の一つに「自動バックアップ」があります (Part 2 RDS)。Amazon RDS ユーザーガイドの「バックアップ保持期間」のとおり、保持期間を 0 日にすると自動バックアップは無効になり、誤って消したデータを特定の時点に戻すこと (ポイントインタイムリカバリ) ができなくなります。保持期間は 1〜35 日で選べます。",
    "RDS is managed PostgreSQL whose backups and patches AWS takes care of, with automated backups among its features (Part 2, RDS). As the Amazon RDS User Guide's \"Backup retention period\" says, a retention of 0 days turns automated backups off, and with them the point-in-time recovery that brings back data deleted by mistake. Retention can be 1 to 35 days.",
);

fn check(d: &Design, r: &mut Report) {
    for db in cx::nodes_of(d, Kind::RdsPostgres) {
        if db.num("backup_retention_days") > 0.0 {
            continue;
        }
        let (ja, en) = cx::quoted(d, &db.id);
        r.add(
            &[&db.id],
            &[],
            Message::new(
                format!("データベース{ja}のバックアップ保持期間が 0 日のため、自動バックアップが無効です。"),
                format!("The database {en} keeps backups for 0 days, so automated backups are off."),
            ),
        );
    }
}
