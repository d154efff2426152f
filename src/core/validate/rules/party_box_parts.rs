//! `party-box-parts`: a design that follows the course says what it still lacks of Party Box
//! (Part 1's AWS diagram: users → ALB in a public subnet → Next.js and NestJS on ECS in a
//! private subnet → RDS PostgreSQL), so a half-drawn design is never told it is done.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "party-box-parts",
    severity: Severity::Warning,
    title: t(
        "Party Box に必要な部品がそろっている",
        "The design has every part of Party Box",
    ),
    fix: t(
        "足りない部品を置いてつないでください。コースに沿わない設計なら「コースに沿う」をオフにできます。",
        "Add and connect the missing parts. If the design does not follow the course, turn \"follows the course\" off.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "Part 1 の AWS 構成図では、ユーザーのリクエストが ALB (Public Subnet) を通り、Private Subnet の ECS Fargate で動く Next.js (画面) と NestJS (API と Socket.io) に届き、NestJS が RDS (PostgreSQL) にデータを保存します。どれか 1 つでも欠けると Party Box は動きません。",
    "In Part 1's AWS diagram the users' requests pass the ALB (public subnet) to Next.js (pages) and NestJS (API and Socket.io) on ECS Fargate in a private subnet, and NestJS keeps its data in RDS (PostgreSQL). Without any one of them Party Box does not run.",
);

fn check(d: &Design, r: &mut Report) {
    if !d.follows_course {
        return;
    }
    let has = |k: Kind| cx::nodes_of(d, k).next().is_some();
    let has_tier = |tier: Tier| cx::nodes_of(d, Kind::Subnet).any(|s| cx::tier(s) == tier);
    let has_app = |role: &str| cx::nodes_of(d, Kind::EcsService).any(|s| cx::app_role(s) == role);
    let mut missing: Vec<(&str, &str)> = Vec::new();
    if !has(Kind::Users) {
        missing.push(("ユーザー", "the users"));
    }
    if !has(Kind::Vpc) {
        missing.push(("VPC", "a VPC"));
    }
    if !has_tier(Tier::Public) {
        missing.push(("Public Subnet", "a public subnet"));
    }
    if !has_tier(Tier::Private) {
        missing.push(("Private Subnet", "a private subnet"));
    }
    if !has(Kind::Alb) {
        missing.push(("ALB", "an ALB"));
    } else if has(Kind::Users) && !cx::users_reach_alb(d) {
        missing.push((
            "ユーザーから ALB への HTTPS の接続",
            "an HTTPS connection from the users to the ALB",
        ));
    }
    if !has_app("nextjs-ssr") {
        missing.push((
            "Next.js の ECS サービス (アプリ: Next.js)",
            "an ECS service for Next.js (application: Next.js)",
        ));
    }
    if !has_app("nestjs") {
        missing.push((
            "NestJS の ECS サービス (アプリ: NestJS)",
            "an ECS service for NestJS (application: NestJS)",
        ));
    }
    if !has(Kind::RdsPostgres) {
        missing.push(("RDS (PostgreSQL)", "RDS (PostgreSQL)"));
    }
    if missing.is_empty() {
        return;
    }
    let ja: Vec<&str> = missing.iter().map(|m| m.0).collect();
    let en: Vec<&str> = missing.iter().map(|m| m.1).collect();
    r.add(
        &[],
        &[],
        Message::new(
            format!(
                "Party Box にはまだ次のものが足りません: {}。",
                ja.join("、")
            ),
            format!("Party Box still needs: {}.", en.join(", ")),
        ),
    );
}
