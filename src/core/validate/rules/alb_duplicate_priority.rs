//! `alb-duplicate-priority`: two listener rules of one ALB share a priority.

use super::prelude::*;

/// The rule.
pub const RULE: Rule = Rule {
    id: "alb-duplicate-priority",
    severity: Severity::Error,
    title: t(
        "ALB のルールの優先度が重複している",
        "Two ALB rules share a priority",
    ),
    fix: t(
        "ルールごとに別の優先度を付けてください。狭いパス (`/api/*`) ほど小さい数字にします。",
        "Give each rule its own priority, with lower numbers for narrower paths (`/api/*`).",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "ALB はリスナールールを優先度の順に評価するため、1 つのリスナーの中で優先度は一意でなければなりません。同じ優先度のルールは AWS に作成を拒否されます (順番が決まらないため)。",
    "An ALB evaluates a listener's rules in priority order, so each priority must be unique within the listener. AWS refuses a second rule with a priority already in use, since the order would be undefined.",
);

fn check(d: &Design, r: &mut Report) {
    for alb in cx::nodes_of(d, Kind::Alb) {
        let rules = cx::listener_rules(d, &alb.id);
        // Sorted by priority, so equal priorities are neighbours.
        let mut i = 0;
        while i < rules.len() {
            let prio = rules[i].rule.as_ref().map(|r| r.priority);
            let mut j = i + 1;
            while j < rules.len() && rules[j].rule.as_ref().map(|r| r.priority) == prio {
                j += 1;
            }
            if let (Some(prio), true) = (prio, j - i > 1) {
                let group = &rules[i..j];
                let (ja, en) = cx::quoted(d, &alb.id);
                let patterns: Vec<String> = group
                    .iter()
                    .filter_map(|e| e.rule.as_ref())
                    .map(|r| format!("`{}`", r.path_pattern))
                    .collect();
                let mut nodes: Vec<&NodeId> = vec![&alb.id];
                for e in group {
                    if !nodes.contains(&&e.to) {
                        nodes.push(&e.to);
                    }
                }
                let edges: Vec<&EdgeId> = group.iter().map(|e| &e.id).collect();
                r.add(
                    &nodes,
                    &edges,
                    Message::new(
                        format!(
                            "{ja}の {} 個のルール ({}) が同じ優先度 {prio} です。",
                            group.len(),
                            patterns.join("、")
                        ),
                        format!(
                            "{} rules of {en} ({}) share priority {prio}.",
                            group.len(),
                            patterns.join(", ")
                        ),
                    ),
                );
            }
            i = j;
        }
    }
}
