//! `alb-rule-shadowed`: a listener rule that an earlier, broader rule always wins over.
//!
//! The check reasons about patterns: rule B is shadowed when every path B matches is also
//! matched by some single rule A that is evaluated first (lower priority number).

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "alb-rule-shadowed",
    severity: Severity::Error,
    title: t(
        "先に評価される広いルールに隠されたルール",
        "A rule hidden behind an earlier, broader rule",
    ),
    fix: t(
        "狭いルール (`/api/*`, `/socket.io/*`) の優先度の数字を、広いルール (`/*`) より小さくしてください。",
        "Give the narrower rules (`/api/*`, `/socket.io/*`) lower priority numbers than the broad rule (`/*`).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "ALB はリスナールールを優先度の小さい順に評価し、最初に一致したルールで振り分けます。`/*` が `/api/*` より先にあると、/api/ へのリクエストもすべて `/*` 側 (Next.js) に送られ、API に届きません (Part 1 の ALB の振り分け)。",
    "An ALB evaluates listener rules from the lowest priority number up and forwards on the first match. If `/*` comes before `/api/*`, every /api/ request goes to the `/*` target (Next.js) and never reaches the API (Part 1, ALB routing).",
);

fn check(d: &Design, r: &mut Report) {
    for alb in cx::nodes_of(d, Kind::Alb) {
        let rules = cx::listener_rules(d, &alb.id);
        for (i, later) in rules.iter().enumerate() {
            let Some(lr) = &later.rule else { continue };
            if path_pattern::check(&lr.path_pattern).is_err() {
                continue; // alb-path-pattern reports it
            }
            let shadow = rules[..i].iter().find(|earlier| {
                earlier.rule.as_ref().is_some_and(|er| {
                    er.priority < lr.priority
                        && path_pattern::check(&er.path_pattern).is_ok()
                        && path_pattern::covers(&er.path_pattern, &lr.path_pattern) == Some(true)
                })
            });
            let Some(earlier) = shadow else { continue };
            let Some(er) = &earlier.rule else { continue };
            let same_target = earlier.to == later.to;
            let (tja, ten) = cx::quoted(d, &later.to);
            let (ja, en) = if same_target {
                (
                    format!(
                        "ルール `{}` (優先度 {}) は、先に評価される `{}` (優先度 {}) にすべて一致するため使われません (同じ転送先{tja}なので害はありませんが、不要です)。",
                        lr.path_pattern, lr.priority, er.path_pattern, er.priority
                    ),
                    format!(
                        "Rule `{}` (priority {}) is never used: every path it matches is taken first by `{}` (priority {}). Both go to {ten}, so nothing breaks, but the rule is dead.",
                        lr.path_pattern, lr.priority, er.path_pattern, er.priority
                    ),
                )
            } else {
                (
                    format!(
                        "ルール `{}` (優先度 {}) は、先に評価される `{}` (優先度 {}) にすべて一致するため、{tja}には一度も届きません。",
                        lr.path_pattern, lr.priority, er.path_pattern, er.priority
                    ),
                    format!(
                        "Rule `{}` (priority {}) never reaches {ten}: every path it matches is taken first by `{}` (priority {}).",
                        lr.path_pattern, lr.priority, er.path_pattern, er.priority
                    ),
                )
            };
            r.add(
                &[&alb.id, &later.to],
                &[&earlier.id, &later.id],
                Message::new(ja, en),
            );
        }
    }
}
