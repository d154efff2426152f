//! `fargate-cpu-memory`: a Fargate service's vCPU and memory form a task size Fargate offers.

use super::prelude::*;
use crate::core::document::fargate;

/// The rule.
pub const RULE: Rule = Rule {
    id: "fargate-cpu-memory",
    severity: Severity::Error,
    title: t(
        "Fargate の vCPU とメモリは決まった組み合わせから選ぶ",
        "Fargate vCPU and memory come in fixed pairs",
    ),
    fix: t(
        "メモリをその vCPU で選べる値にするか、そのメモリを選べる vCPU に変えてください。",
        "Pick a memory size the vCPU allows, or a vCPU size that allows the memory.",
    ),
    check,
};

/// Why the rule exists (listed in `super::EXPLANATIONS`).
pub const WHY: Text = t(
    "Fargate (Party Box におすすめの方式、Part 2 ECS) ではタスクの vCPU ごとに選べるメモリが決まっています: 0.25 vCPU は 0.5・1・2 GB、0.5 vCPU は 1〜4 GB、1 vCPU は 2〜8 GB、2 vCPU は 4〜16 GB、4 vCPU は 8〜30 GB (1 GB 刻み)、8 vCPU は 16〜60 GB (4 GB 刻み)、16 vCPU は 32〜120 GB (8 GB 刻み)。それ以外の組み合わせのタスク定義は登録できません。",
    "On Fargate (the launch type the chapter recommends for Party Box, Part 2, ECS) each task vCPU size allows only certain memory sizes: 0.25 vCPU with 0.5, 1 or 2 GB; 0.5 vCPU with 1–4 GB; 1 vCPU with 2–8 GB; 2 vCPU with 4–16 GB; 4 vCPU with 8–30 GB (1 GB steps); 8 vCPU with 16–60 GB (4 GB steps); 16 vCPU with 32–120 GB (8 GB steps). A task definition with any other pair is rejected.",
);

/// The memory sizes for messages: all of them when few, else the range and its step.
fn sizes(mems: &[f64]) -> (String, String) {
    match mems {
        [] => ("なし".to_owned(), "none".to_owned()),
        [first, second, .., last] if mems.len() > 6 => {
            let step = cx::num(second - first);
            (
                format!(
                    "{}〜{} GB ({step} GB 刻み)",
                    cx::num(*first),
                    cx::num(*last)
                ),
                format!(
                    "{}–{} GB in {step} GB steps",
                    cx::num(*first),
                    cx::num(*last)
                ),
            )
        }
        _ => {
            let list: Vec<String> = mems.iter().map(|m| cx::num(*m)).collect();
            (
                format!("{} GB", list.join("・")),
                format!("{} GB", list.join(", ")),
            )
        }
    }
}

/// `0.5`, `0.5 or 1`, `0.5, 1 or 2`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn check(d: &Design, r: &mut Report) {
    for svc in cx::nodes_of(d, Kind::EcsService) {
        if svc.text("launch_type") != "FARGATE" {
            continue;
        }
        let (vcpu, mem) = (svc.num("vcpu"), svc.num("memory_gb"));
        if fargate::is_valid(vcpu, mem) {
            continue;
        }
        let (ja, en) = cx::quoted(d, &svc.id);
        let (v, m) = (cx::num(vcpu), cx::num(mem));
        let (sja, sen) = sizes(&fargate::valid_memory_gb(vcpu));
        let others: Vec<String> = fargate::vcpus_for_memory(mem)
            .into_iter()
            .map(cx::num)
            .collect();
        let (oja, oen) = if others.is_empty() {
            (
                format!("{m} GB はどの vCPU でも選べません。"),
                format!("No vCPU size allows {m} GB."),
            )
        } else {
            (
                format!("{m} GB を使うなら vCPU は {} です。", others.join("・")),
                format!("{m} GB goes with {} vCPU.", or_list(&others)),
            )
        };
        r.add(
            &[&svc.id],
            &[],
            Message::new(
                format!("{ja}の {v} vCPU・{m} GB は Fargate にない組み合わせです。{v} vCPU で選べるメモリは {sja} です。{oja}"),
                format!("{en} asks for {v} vCPU with {m} GB, a pair Fargate does not offer. With {v} vCPU the memory can be {sen}. {oen}"),
            ),
        );
    }
}
