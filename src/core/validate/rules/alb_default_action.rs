//! `alb-default-action`: every request an ALB receives goes somewhere on purpose, through a
//! rule or the listener's default action.

use super::prelude::*;

/// Paths tried when looking for an example of a request no rule takes.
const PROBES: &[&str] = &["/", "/index.html", "/favicon.ico", "/health", "/zz"];

/// The rule.
pub const RULE: Rule = Rule {
    id: "alb-default-action",
    severity: Severity::Warning,
    title: t(
        "ALB のデフォルトアクションを決める",
        "Give the ALB a default action",
    ),
    fix: t(
        "ALB からサービスへデフォルトアクションの接続を引くか、すべてのパスに一致するルール (`/*`、優先度は最後) を置いてください。",
        "Draw a default-action connection from the ALB to a service, or add a rule matching every path (`/*`, with the last priority).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "ALB のリスナーは、どのルールにも一致しないリクエストをデフォルトアクションで処理します。転送先を決めていなければ固定の 404 などが返り、ユーザーには原因のわからないエラーになります。パスで振り分ける (Part 2 ALB) なら、最後に受け止める先も決めておきます。",
    "An ALB listener handles a request that matches no rule with its default action. If that forwards nowhere, users get a fixed response such as a 404 with no clue why. When routing by path (Part 2, ALB), decide where everything else goes too.",
);

fn check(d: &Design, r: &mut Report) {
    for alb in cx::nodes_of(d, Kind::Alb) {
        if cx::default_action(d, &alb.id).is_some() {
            continue;
        }
        let rules = cx::listener_rules(d, &alb.id);
        let catch_all = rules.iter().any(|e| {
            e.rule
                .as_ref()
                .is_some_and(|r| cx::is_catch_all(&r.path_pattern))
        });
        if catch_all {
            continue;
        }
        let (ja, en) = cx::quoted(d, &alb.id);
        let (mja, men) = match PROBES.iter().find(|p| cx::route(d, &alb.id, p).is_none()) {
            Some(p) if !rules.is_empty() => (
                format!("{ja}にはデフォルトアクションもすべてのパスに一致するルールもありません。たとえば `{p}` へのリクエストはどのサービスにも届きません。"),
                format!("{en} has no default action and no rule matching every path; a request for `{p}`, for example, reaches no service."),
            ),
            _ if rules.is_empty() => (
                format!("{ja}にはルールもデフォルトアクションもないため、どのリクエストもサービスに届きません。"),
                format!("{en} has no rules and no default action, so no request reaches a service."),
            ),
            _ => (
                format!("{ja}にはデフォルトアクションもすべてのパスに一致するルールもないため、ルールに一致しないリクエストはどのサービスにも届きません。"),
                format!("{en} has no default action and no rule matching every path, so requests that match no rule reach no service."),
            ),
        };
        r.add(&[&alb.id], &[], Message::new(mja, men));
    }
}
