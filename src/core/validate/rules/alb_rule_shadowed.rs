//! `alb-rule-shadowed`: a listener rule that an earlier, broader rule always wins over.
//!
//! The check reasons about patterns: rule B is shadowed when every path B matches is also
//! matched by rules evaluated first (lower priority numbers): by one such rule A (`/*` before
//! `/api/*`), or by several together (`/` and `/?*` before `/*`). Only what
//! `path_pattern::covers_union` proves is reported.

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
    "ALB はリスナールールを優先度の小さい順に評価し、最初に一致したルールで振り分けます (Elastic Load Balancing ユーザーガイドのリスナールール)。`/*` が `/api/*` より先にあると、/api/ へのリクエストもすべて `/*` 側 (Next.js) に送られ、API に届きません (Part 1 の ALB の振り分け)。先に評価される複数のルールが合わせて隠すこともあります: `/` と `/?*` が先にあれば、どのパスもそのどちらかに一致するので、後ろの `/*` は使われません。",
    "An ALB evaluates listener rules from the lowest priority number up and forwards on the first match (Elastic Load Balancing User Guide, listener rules). If `/*` comes before `/api/*`, every /api/ request goes to the `/*` target (Next.js) and never reaches the API (Part 1, ALB routing). Several earlier rules can hide a later one together, too: with `/` and `/?*` first, every path matches one of them, so a later `/*` is never used.",
);

fn check(d: &Design, r: &mut Report) {
    for alb in cx::nodes_of(d, Kind::Alb) {
        let rules = cx::listener_rules(d, &alb.id);
        for (i, later) in rules.iter().enumerate() {
            let Some(lr) = &later.rule else { continue };
            if path_pattern::check(&lr.path_pattern).is_err() {
                continue; // alb-path-pattern reports it
            }
            // The valid rules evaluated first, with their patterns.
            let mut earlier: Vec<(&Edge, &str)> = rules[..i]
                .iter()
                .filter_map(|e| Some((*e, e.rule.as_ref()?)))
                .filter(|(_, er)| {
                    er.priority < lr.priority && path_pattern::check(&er.path_pattern).is_ok()
                })
                .map(|(e, er)| (e, er.path_pattern.as_str()))
                .collect();
            let covered = |set: &[(&Edge, &str)]| {
                let pats: Vec<&str> = set.iter().map(|(_, p)| *p).collect();
                path_pattern::covers_union(&pats, &lr.path_pattern) == Some(true)
            };
            // One earlier rule that covers it alone, else the fewest earlier rules (dropping
            // each one the others can do without) whose union covers it.
            if let Some(one) = earlier
                .iter()
                .find(|(_, p)| path_pattern::covers(p, &lr.path_pattern) == Some(true))
            {
                earlier = vec![*one];
            } else if covered(&earlier) {
                let mut k = 0;
                while k < earlier.len() {
                    let mut without = earlier.clone();
                    without.remove(k);
                    if covered(&without) {
                        earlier = without;
                    } else {
                        k += 1;
                    }
                }
            } else {
                continue;
            }
            let same_target = earlier.iter().all(|(e, _)| e.to == later.to);
            let list = |sep: &str, word: &str| {
                earlier
                    .iter()
                    .filter_map(|(e, p)| {
                        Some(format!("`{p}` ({word} {})", e.rule.as_ref()?.priority))
                    })
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            let (eja, een) = (list("・", "優先度"), list(", ", "priority"));
            let (oja, oen) = if earlier.len() == 1 {
                ("にすべて", "")
            } else {
                ("のどれかに必ず", "one of ")
            };
            let (tja, ten) = cx::quoted(d, &later.to);
            let (pat, pri) = (&lr.path_pattern, lr.priority);
            let ja_dead =
                format!("ルール `{pat}` (優先度 {pri}) は、先に評価される {eja} {oja}一致するため");
            let en_dead = format!("every path it matches is taken first by {oen}{een}");
            let (ja, en) = if same_target {
                (
                    format!("{ja_dead}使われません (同じ転送先{tja}なので害はありませんが、不要です)。"),
                    format!("Rule `{pat}` (priority {pri}) is never used: {en_dead}. Both go to {ten}, so nothing breaks, but the rule is dead."),
                )
            } else if earlier.iter().any(|(e, _)| e.to == later.to) {
                (
                    format!("{ja_dead}使われません。"),
                    format!("Rule `{pat}` (priority {pri}) is never used: {en_dead}."),
                )
            } else {
                (
                    format!("{ja_dead}、{tja}には一度も届きません。"),
                    format!("Rule `{pat}` (priority {pri}) never reaches {ten}: {en_dead}."),
                )
            };
            let mut edges: Vec<&EdgeId> = earlier.iter().map(|(e, _)| &e.id).collect();
            edges.push(&later.id);
            r.add(&[&alb.id, &later.to], &edges, Message::new(ja, en));
        }
    }
}
