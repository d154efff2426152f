//! `alb-rule-target`: listener rules and default actions go from an ALB to something that
//! can be a target (an ECS service or a Lambda function).

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "alb-rule-target",
    severity: Severity::Error,
    title: t(
        "ALB のルールは ALB からサービスへ",
        "ALB rules go from an ALB to a service",
    ),
    fix: t(
        "ルールの接続を ALB から ECS サービス (または Lambda) へ引き直してください。",
        "Redraw the rule from the ALB to an ECS service (or a Lambda function).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "リスナールールとデフォルトアクションは ALB の設定で、リクエストをターゲットグループ (ECS サービスのタスク、または Lambda) に転送します (Part 2 ALB: リクエストを複数のコンテナに振り分ける)。ALB 以外から出ていたり、データベースなどターゲットにならないものへ向いていたりするルールは作れません。",
    "Listener rules and default actions belong to an ALB and forward requests to a target group: an ECS service's tasks or a Lambda function (Part 2, ALB: spreading requests over containers). A rule cannot start anywhere but an ALB, nor point at something that cannot be a target, such as a database.",
);

fn check(d: &Design, r: &mut Report) {
    for e in d.edges.values() {
        let what = match e.kind {
            EdgeKind::AlbRule => ("リスナールール", "listener rule"),
            EdgeKind::AlbDefault => ("デフォルトアクション", "default action"),
            _ => continue,
        };
        let from = cx::kind_of(d, &e.from);
        let to = cx::kind_of(d, &e.to);
        let (fja, fen) = cx::quoted(d, &e.from);
        let (tja, ten) = cx::quoted(d, &e.to);
        if from != Some(Kind::Alb) {
            r.add(
                &[&e.from, &e.to],
                &[&e.id],
                Message::new(
                    format!("{}の接続が ALB ではなく{fja}から出ています。", what.0),
                    format!("A {} starts at {fen}, which is not an ALB.", what.1),
                ),
            );
        } else if !matches!(to, Some(Kind::EcsService | Kind::Lambda)) {
            r.add(
                &[&e.from, &e.to],
                &[&e.id],
                Message::new(
                    format!("{fja}の{}が{tja}に向いていますが、ALB が転送できるのは ECS サービスか Lambda だけです。", what.0),
                    format!("The {} of {fen} points at {ten}; an ALB forwards only to an ECS service or a Lambda function.", what.1),
                ),
            );
        }
    }
}
