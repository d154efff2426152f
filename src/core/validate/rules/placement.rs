//! `placement`: every kind sits where AWS puts it, looked at through groups (a group is a
//! drawing aid, not a place in AWS): regional and global services (users, Route 53, CloudFront,
//! S3, ACM, ECR, SQS, Secrets Manager, CloudWatch) outside the VPC; an Internet Gateway on the
//! VPC itself; a VPC endpoint in a VPC. The editor refuses such a drop; a file, a link or a
//! Mermaid import can still hold one. What other rules already say (a subnet outside a VPC, an
//! ALB or RDS in the wrong tier) is left to them.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "placement",
    severity: Severity::Error,
    title: t(
        "それぞれの部品を AWS で置ける場所に置く",
        "Every part sits where AWS puts it",
    ),
    fix: t(
        "部品を置ける場所へ移してください (リージョンのサービスは VPC の外、インターネットゲートウェイは VPC の直下)。",
        "Move the part where it can sit (regional services outside the VPC, the Internet Gateway directly in the VPC).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "VPC の中に作るのは VPC のリソース (サブネット・ALB・NAT ゲートウェイ・ECS・RDS など) だけです。ユーザー・Route 53・CloudFront・S3・ACM・ECR・SQS・Secrets Manager・CloudWatch はリージョンやグローバルのサービスで、VPC の中には作れません (VPC の中から使うときは VPC エンドポイントを置きます)。インターネットゲートウェイは VPC そのものに付けます (Part 2 VPC)。グループは図の上のまとまりで、AWS の中の場所ではありません。",
    "Only VPC resources (subnets, ALBs, NAT Gateways, ECS, RDS and so on) are created inside a VPC. Users, Route 53, CloudFront, S3, ACM, ECR, SQS, Secrets Manager and CloudWatch are regional or global services and cannot sit in a VPC (a VPC endpoint reaches them from inside). An Internet Gateway attaches to the VPC itself (Part 2, VPC). A group is a box on the drawing, not a place in AWS.",
);

/// The nearest container above `n` that is not a group, if any.
fn place<'d>(d: &'d Design, n: &Node) -> Option<&'d Node> {
    let mut at = n.parent.as_ref();
    // Loaded designs have no containment cycle; the bound keeps a damaged one finite.
    for _ in 0..=d.nodes.len() {
        let p = d.nodes.get(at?)?;
        if p.kind != Kind::Group {
            return Some(p);
        }
        at = p.parent.as_ref();
    }
    None
}

fn check(d: &Design, r: &mut Report) {
    for n in d.nodes.values() {
        let parent = place(d, n);
        let refused = match n.kind {
            Kind::Users
            | Kind::Route53
            | Kind::Cloudfront
            | Kind::S3
            | Kind::Acm
            | Kind::Ecr
            | Kind::Sqs
            | Kind::SecretsManager
            | Kind::Cloudwatch
            | Kind::Vpc => parent.is_some(),
            Kind::InternetGateway => parent.is_none_or(|p| p.kind != Kind::Vpc),
            Kind::VpcEndpoint => parent.is_none_or(|p| !matches!(p.kind, Kind::Vpc | Kind::Subnet)),
            _ => false,
        };
        if !refused {
            continue;
        }
        let (ja, en) = cx::quoted(d, &n.id);
        let message = match parent {
            Some(p) => {
                let (pja, pen) = cx::quoted(d, &p.id);
                Message::new(
                    format!("{ja}が{pja}の中にありますが、そこには置けません。"),
                    format!("{en} sits inside {pen}, where it cannot be."),
                )
            }
            None => Message::new(
                format!("{ja}が VPC の外にありますが、VPC の中に置くものです。"),
                format!("{en} sits outside every VPC, but belongs inside one."),
            ),
        };
        r.add(&[&n.id], &[], message);
    }
}
