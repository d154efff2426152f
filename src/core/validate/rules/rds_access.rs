//! `rds-access`: only the application tier connects to the database.
//!
//! Connections are the solid edges into a database; dashed edges (logs, secrets, image
//! pulls…) are management traffic, not database sessions, and are left alone. The
//! application tier is an ECS service, a Lambda function, an ECS cluster (standing for its
//! services) or a generic box.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "rds-access",
    severity: Severity::Error,
    title: t(
        "RDS に接続するのはアプリ (ECS・Lambda) だけ",
        "Only the application connects to RDS",
    ),
    fix: t(
        "データベースへの接続は ECS サービス (または Lambda) から引き、それ以外からの接続は消してください。",
        "Draw the database connections from the ECS service (or Lambda), and remove connections from anything else.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "RDS は「セキュリティグループでアクセス制御」します (Part 2 RDS)。データベースのセキュリティグループが受け入れるのはアプリ (ECS のタスクや Lambda) のセキュリティグループからの接続だけにし、ユーザー・ALB・CloudFront などからは届かないようにします。ElastiCache も RDS に接続するものではありません: キャッシュを見て、なければ RDS に問い合わせるのはアプリの仕事です。",
    "RDS is protected by security groups (Part 2, RDS): the database's security group admits connections only from the application's (ECS tasks, Lambda), never from users, the ALB or CloudFront. ElastiCache does not connect to RDS either: checking the cache and querying RDS on a miss is the application's job.",
);

fn check(d: &Design, r: &mut Report) {
    for e in d.edges.values() {
        if e.kind.info().dashed {
            continue;
        }
        let (Some(from), Some(to)) = (d.nodes.get(&e.from), d.nodes.get(&e.to)) else {
            continue;
        };
        if to.kind != Kind::RdsPostgres || cx::is_app_tier(from.kind) {
            continue;
        }
        let (fja, fen) = cx::quoted(d, &from.id);
        let (tja, ten) = cx::quoted(d, &to.id);
        let (mja, men) = if from.kind == Kind::Elasticache {
            (
                format!("キャッシュ{fja}からデータベース{tja}へ接続しています。キャッシュになければ RDS に問い合わせるのはアプリなので、接続はアプリから{tja}へ引きます。"),
                format!("The cache {fen} connects to the database {ten}. On a cache miss it is the application that queries RDS, so the connection goes from the application to {ten}."),
            )
        } else {
            (
                format!("{fja}からデータベース{tja}へ直接接続しています。データベースに接続するのはアプリ (ECS・Lambda) だけです。"),
                format!("{fen} connects straight to the database {ten}; only the application (ECS, Lambda) should."),
            )
        };
        r.add(&[&from.id, &to.id], &[&e.id], Message::new(mja, men));
    }
}
