//! `task-counts`: minimum ≤ desired ≤ maximum tasks.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "task-counts",
    severity: Severity::Error,
    title: t(
        "タスク数は 最小 ≤ 希望 ≤ 最大",
        "Tasks: minimum ≤ desired ≤ maximum",
    ),
    fix: t(
        "最小タスク数 ≤ 希望タスク数 ≤ 最大タスク数 になるように直してください (Party Box なら 2・2・4 など)。",
        "Make minimum ≤ desired ≤ maximum tasks (for Party Box, for example 2, 2 and 4).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "Auto Scaling は希望タスク数を最小と最大の間で増減させます (Part 3 スケーリング)。最小が最大より大きい設定は作成できず、希望数が範囲の外にあると Auto Scaling がすぐに範囲内へ戻してしまいます。",
    "Auto Scaling moves the desired task count between the minimum and the maximum (Part 3, scaling). A minimum above the maximum cannot be set, and a desired count outside the range is pulled back into it at once.",
);

fn check(d: &Design, r: &mut Report) {
    for svc in cx::nodes_of(d, Kind::EcsService) {
        let (min, want, max) = (
            svc.num("min_tasks"),
            svc.num("desired_tasks"),
            svc.num("max_tasks"),
        );
        if min <= want && want <= max {
            continue;
        }
        let (ja, en) = cx::quoted(d, &svc.id);
        let (a, b, c) = (cx::num(min), cx::num(want), cx::num(max));
        r.add(
            &[&svc.id],
            &[],
            Message::new(
                format!("{ja}のタスク数が 最小 {a}・希望 {b}・最大 {c} になっていて、最小 ≤ 希望 ≤ 最大 ではありません。"),
                format!("{en} has minimum {a}, desired {b} and maximum {c} tasks, which is not minimum ≤ desired ≤ maximum."),
            ),
        );
    }
}
