//! `cache-in-private-subnet`: ElastiCache sits in a private subnet tier.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "cache-in-private-subnet",
    severity: Severity::Error,
    title: t(
        "ElastiCache は Private Subnet に置く",
        "ElastiCache belongs in a private subnet",
    ),
    fix: t(
        "ElastiCache を Private Subnet に移してください。",
        "Move the ElastiCache node into a private subnet tier.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "ElastiCache (Redis) は RDS と同じくデータを持つ場所で、使うのはアプリ (ECS) だけです。RDS と同じ理由で Private Subnet に置き、外部から直接アクセスできないようにします (Part 2 VPC、Part 4 EC サイト構成)。",
    "ElastiCache (Redis) holds data just as RDS does, and only the application (ECS) uses it. For the same reason as RDS it goes in the private subnet, out of direct reach from outside (Part 2, VPC; Part 4, EC site).",
);

fn check(d: &Design, r: &mut Report) {
    for cache in cx::nodes_of(d, Kind::Elasticache) {
        let (ja, en) = cx::quoted(d, &cache.id);
        match cx::subnet_of(d, &cache.id) {
            Some(s) if cx::tier(s) == Tier::Private => {}
            Some(s) => {
                let (sja, sen) = cx::quoted(d, &s.id);
                r.add(
                    &[&cache.id, &s.id],
                    &[],
                    Message::new(
                        format!("キャッシュ{ja}が Public Subnet{sja}に置かれています。"),
                        format!("The cache {en} sits in the public subnet {sen}."),
                    ),
                );
            }
            None => r.add(
                &[&cache.id],
                &[],
                Message::new(
                    format!("キャッシュ{ja}がどのサブネットにも置かれていません。"),
                    format!("The cache {en} is not placed in any subnet."),
                ),
            ),
        }
    }
}
