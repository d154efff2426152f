//! `alb-one-default`: an ALB listener has one default action. AWS's listener takes exactly one
//! (`DefaultActions`, one forward, redirect or fixed response; Elastic Load Balancing, "Listener
//! configuration"); two default connections from one ALB cannot both be true, and which one
//! a request would take is undefined.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "alb-one-default",
    severity: Severity::Error,
    title: t(
        "ALB のデフォルトアクションは 1 つ",
        "One default action per ALB listener",
    ),
    fix: t(
        "デフォルトアクションの接続を 1 つだけ残し、ほかはパスを決めたルールにしてください。",
        "Keep one default-action connection and turn the others into rules with a path.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "ALB のリスナーにはデフォルトアクションが 1 つだけあり、どのルールにも一致しないリクエストはそこへ送られます (Elastic Load Balancing のリスナーの設定)。2 つ描くと、どちらに届くのか決まりません。",
    "An ALB listener has exactly one default action, where every request that matches no rule goes (Elastic Load Balancing, listener configuration). With two drawn, where a request ends up is undefined.",
);

fn check(d: &Design, r: &mut Report) {
    for alb in cx::nodes_of(d, Kind::Alb) {
        let defaults: Vec<&EdgeId> = d
            .edges
            .values()
            .filter(|e| e.kind == EdgeKind::AlbDefault && e.from == alb.id)
            .map(|e| &e.id)
            .collect();
        if defaults.len() < 2 {
            continue;
        }
        let (ja, en) = cx::quoted(d, &alb.id);
        let n = defaults.len();
        r.add(
            &[&alb.id],
            &defaults,
            Message::new(
                format!("{ja}にデフォルトアクションが {n} つあります。1 つにしてください。"),
                format!("{en} has {n} default actions; a listener has one."),
            ),
        );
    }
}
