//! `alb-path-never-matches`: a path pattern that cannot match any request, because request
//! paths start with `/` and the pattern starts with some other literal character.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "alb-path-never-matches",
    severity: Severity::Warning,
    title: t(
        "どのリクエストにも一致しないパスパターン",
        "A path pattern that matches no request",
    ),
    fix: t(
        "パスパターンを `/` から書いてください (例: `api/*` ではなく `/api/*`)。",
        "Start the pattern with `/` (for example `/api/*`, not `api/*`).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "リクエストのパスは必ず `/` で始まります。パスパターンが `/`・`*`・`?` 以外の文字で始まると、どのリクエストにも一致せず、そのルールは使われません。また、パスパターンは大文字と小文字を区別するので、`/API/*` は `/api/rooms` に一致しません。",
    "A request path always starts with `/`. A pattern that starts with any character other than `/`, `*` or `?` matches no request, so its rule is never used. Patterns are also case-sensitive: `/API/*` does not match `/api/rooms`.",
);

fn check(d: &Design, r: &mut Report) {
    for e in d.edges.values().filter(|e| e.kind == EdgeKind::AlbRule) {
        let Some(rule) = &e.rule else { continue };
        let p = &rule.path_pattern;
        if path_pattern::check(p).is_err() || path_pattern::can_match_a_path(p) {
            continue; // invalid patterns are alb-path-pattern's business
        }
        let (tja, ten) = cx::quoted(d, &e.to);
        r.add(
            &[&e.from, &e.to],
            &[&e.id],
            Message::new(
                format!("{tja}へのルール `{p}` (優先度 {}) は `/` で始まらないため、どのリクエストにも一致しません。`/{p}` のつもりではありませんか。", rule.priority),
                format!("The rule `{p}` to {ten} (priority {}) does not start with `/`, so it matches no request. Did you mean `/{p}`?", rule.priority),
            ),
        );
    }
}
