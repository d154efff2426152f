//! `alb-rule-limit`: more listener rules on one ALB than AWS's default quota allows.

use super::prelude::*;

/// AWS's default quota: rules per Application Load Balancer, not counting default rules.
const MAX_RULES: usize = 100;

/// The rule.
pub const RULE: Rule = Rule {
    id: "alb-rule-limit",
    severity: Severity::Error,
    title: t(
        "ALB 1 台あたりのルール数の上限 (100)",
        "At most 100 rules per ALB",
    ),
    fix: t(
        "`/api/*` のようなワイルドカードでルールをまとめるか、ALB を分けてください (どうしても必要ならクォータの引き上げを申請します)。",
        "Merge rules with wildcards such as `/api/*`, or split the traffic across ALBs (or request a quota increase if you truly need more).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "AWS の既定のクォータでは、ALB 1 台あたりのルールは (デフォルトアクションを除いて) 100 個までです。それを超えるルールは作成できません。",
    "AWS's default quota allows 100 rules per Application Load Balancer, not counting default actions; rules beyond that cannot be created.",
);

fn check(d: &Design, r: &mut Report) {
    for alb in cx::nodes_of(d, Kind::Alb) {
        let n = cx::listener_rules(d, &alb.id).len();
        if n <= MAX_RULES {
            continue;
        }
        let (ja, en) = cx::quoted(d, &alb.id);
        r.add(
            &[&alb.id],
            &[],
            Message::new(
                format!("{ja}にはルールが {n} 個あります。上限は {MAX_RULES} 個です。"),
                format!("{en} has {n} rules; the limit is {MAX_RULES}."),
            ),
        );
    }
}
