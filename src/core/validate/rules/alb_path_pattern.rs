//! `alb-path-pattern`: a listener rule's path pattern follows AWS's syntax and limits.

use super::prelude::*;
use crate::core::validate::path_pattern::PatternError;

/// AWS's allowed characters, as listed in messages.
const ALLOWED: &str = "A–Z a–z 0–9 _ - . $ / ~ \" ' @ : + & * ?";

/// The rule.
pub const RULE: Rule = Rule {
    id: "alb-path-pattern",
    severity: Severity::Error,
    title: t(
        "ALB のパスパターンは AWS の書式で書く",
        "ALB path patterns follow AWS's syntax",
    ),
    fix: t(
        "パスパターンを、使える文字だけで 128 文字以内に書き直してください (例: `/api/*`)。",
        "Rewrite the path pattern with allowed characters only, in at most 128 characters (for example `/api/*`).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "ALB のパスベースルーティング (Part 2 ALB) のパスパターンは、128 文字以内で、使える文字は A–Z a–z 0–9 _ - . $ / ~ \" ' @ : + & * ? だけです (* は 0 文字以上、? はちょうど 1 文字に一致)。それ以外の文字 (空白や日本語など) を含むルールは AWS に作成を拒否されます。",
    "An ALB's path-based routing (Part 2, ALB) takes patterns of at most 128 characters using only A–Z a–z 0–9 _ - . $ / ~ \" ' @ : + & * ? (`*` matches zero or more characters, `?` exactly one). AWS refuses to create a rule with any other character, such as a space or Japanese text.",
);

fn check(d: &Design, r: &mut Report) {
    for e in d.edges.values().filter(|e| e.kind == EdgeKind::AlbRule) {
        let Some(rule) = &e.rule else { continue };
        let Err(err) = path_pattern::check(&rule.path_pattern) else {
            continue;
        };
        let (tja, ten) = cx::quoted(d, &e.to);
        let p = &rule.path_pattern;
        let (ja, en) = match err {
            PatternError::Empty => (
                format!("{tja}へのルール (優先度 {}) のパスパターンが空です。", rule.priority),
                format!("The rule to {ten} (priority {}) has an empty path pattern.", rule.priority),
            ),
            PatternError::TooLong(n) => (
                format!("{tja}へのルール (優先度 {}) のパスパターンは {n} 文字あります。上限は {} 文字です。", rule.priority, path_pattern::MAX_LEN),
                format!("The rule to {ten} (priority {}) has a path pattern of {n} characters; the limit is {}.", rule.priority, path_pattern::MAX_LEN),
            ),
            PatternError::BadChar(c, pos) => {
                let shown = if c.is_whitespace() {
                    format!("{:?}", c)
                } else {
                    format!("`{c}`")
                };
                (
                    format!("パスパターン `{p}` の {pos} 文字目 {shown} は使えない文字です (使える文字: {ALLOWED})。"),
                    format!("The path pattern `{p}` has {shown} at position {pos}, which is not allowed (allowed: {ALLOWED})."),
                )
            }
        };
        r.add(&[&e.from, &e.to], &[&e.id], Message::new(ja, en));
    }
}
