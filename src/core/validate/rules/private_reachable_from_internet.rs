//! `private-reachable-from-internet`: nothing private is reached straight from the internet:
//! no edge from users to a node in a private subnet tier, to a database or cache anywhere,
//! or to an internal ALB. (An internet-facing ALB placed in a private subnet is reported by
//! alb-in-public-subnet instead.)

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "private-reachable-from-internet",
    severity: Severity::Error,
    title: t(
        "インターネットから Private のものへ直接つながない",
        "Nothing private is reached straight from the internet",
    ),
    fix: t(
        "ユーザーからの接続は Public Subnet のインターネット向け ALB (または CloudFront) に向け、ALB から ECS へ振り分けてください。",
        "Point the users' connection at an internet-facing ALB in the public subnet (or at CloudFront), and let the ALB forward to ECS.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "Private Subnet は「インターネットから直接アクセス不可」です (Part 2 VPC の図: インターネット -.-x Private)。ユーザーのリクエストは Public Subnet の ALB が受け、そこから中へ振り分けます。データベースやキャッシュにユーザーが直接つながる構成は、「RDS を Private に置くことで、外部から直接アクセスできないようにする」という考え方に反します。",
    "The private subnet is not directly reachable from the internet (Part 2, VPC diagram: Internet -.-x Private). Users' requests arrive at the ALB in the public subnet, which forwards them inside. Users connecting straight to a database or cache defeats \"putting RDS in the private subnet so it cannot be reached directly from outside\".",
);

fn check(d: &Design, r: &mut Report) {
    for e in d.edges.values() {
        let (Some(from), Some(to)) = (d.nodes.get(&e.from), d.nodes.get(&e.to)) else {
            continue;
        };
        // An internet-facing ALB out of place is alb-in-public-subnet's business.
        if !cx::is_internet(from) || cx::internet_facing(to) {
            continue;
        }
        let (uja, uen) = cx::quoted(d, &from.id);
        let (ja, en) = cx::quoted(d, &to.id);
        let (mja, men) = if matches!(to.kind, Kind::RdsPostgres | Kind::Elasticache) {
            (
                format!("{uja}から{ja}へ直接つながっています。データベースやキャッシュはアプリ (ECS) だけが使うものです。"),
                format!("The connection from {uen} goes straight to {en}; a database or cache is for the application (ECS) only."),
            )
        } else if to.kind == Kind::Alb && !cx::internet_facing(to) {
            (
                format!("{uja}から内部向け (internal) の ALB{ja}へつながっています。内部向け ALB にはインターネットから届きません。"),
                format!("The connection from {uen} goes to the internal ALB {en}; an internal ALB cannot be reached from the internet."),
            )
        } else if to.kind == Kind::Subnet && cx::tier(to) == Tier::Private {
            (
                format!("{uja}から Private Subnet{ja}へ直接つながっています。"),
                format!("The connection from {uen} goes straight into the private subnet {en}."),
            )
        } else if to.kind != Kind::Subnet && cx::tier_of(d, &to.id) == Some(Tier::Private) {
            let s = cx::subnet_of(d, &to.id).map(|s| cx::quoted(d, &s.id));
            let (sja, sen) = s.unwrap_or_default();
            (
                format!("{uja}から Private Subnet{sja}の中の{ja}へ直接つながっています。"),
                format!(
                    "The connection from {uen} goes straight to {en} in the private subnet {sen}."
                ),
            )
        } else {
            continue;
        };
        r.add(&[&from.id, &to.id], &[&e.id], Message::new(mja, men));
    }
}
