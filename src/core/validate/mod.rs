//! The validator (課題 2): rules that check a design the way a reviewer of the course would,
//! each in its own file under `rules/`, each with a stable id, a severity and messages in
//! Japanese and English that say what is wrong, why and how to fix it.
//!
//! A rule never panics on any design the loader accepts (property-tested), and never looks
//! anywhere but the design it is given.

pub mod context;
pub mod path_pattern;
pub mod rules;

use serde::Serialize;

use crate::core::document::model::{Design, EdgeId, NodeId};
use crate::core::support::i18n::{Lang, Text};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The design would not work, or contradicts the course.
    Error,
    /// It works, but a reviewer would ask you to change it.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// Stable name, as in JSON output.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// Name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Ja) => "エラー",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Ja) => "警告",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Info, Lang::Ja) => "情報",
            (Severity::Info, Lang::En) => "info",
        }
    }
}

/// A text made for one finding, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
}

impl Message {
    /// A message from its two languages.
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Message {
        Message {
            ja: ja.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

impl From<Text> for Message {
    fn from(t: Text) -> Message {
        Message::new(t.ja, t.en)
    }
}

/// One thing the validator found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's stable id.
    pub rule: &'static str,
    /// How bad it is.
    pub severity: Severity,
    /// The nodes concerned.
    #[serde(serialize_with = "ser_node_ids")]
    pub nodes: Vec<NodeId>,
    /// The edges concerned.
    #[serde(serialize_with = "ser_edge_ids")]
    pub edges: Vec<EdgeId>,
    /// What is wrong, naming the nodes.
    pub message: Message,
    /// How to fix it.
    pub fix: Message,
}

fn ser_node_ids<S: serde::Serializer>(ids: &[NodeId], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(ids.iter().map(|i| i.as_str()))
}

fn ser_edge_ids<S: serde::Serializer>(ids: &[EdgeId], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(ids.iter().map(|i| i.as_str()))
}

/// A rule: a stable id, a severity, a title, the reason it exists, and a check.
#[derive(Clone, Copy)]
pub struct Rule {
    /// Stable kebab-case id; users and links see it.
    pub id: &'static str,
    /// Severity of its findings.
    pub severity: Severity,
    /// Short title.
    pub title: Text,
    /// How to fix what it finds, in general.
    pub fix: Text,
    /// The check: reports findings through `Report`.
    pub check: fn(&Design, &mut Report),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("id", &self.id).finish()
    }
}

/// Collects one rule's findings, filling in the rule's id, severity, why and fix.
pub struct Report<'r> {
    rule: &'r Rule,
    findings: Vec<Finding>,
}

impl Report<'_> {
    /// Reports a finding about `nodes` and `edges`.
    pub fn add(&mut self, nodes: &[&NodeId], edges: &[&EdgeId], message: Message) {
        self.findings.push(Finding {
            rule: self.rule.id,
            severity: self.rule.severity,
            nodes: nodes.iter().map(|n| (*n).clone()).collect(),
            edges: edges.iter().map(|e| (*e).clone()).collect(),
            message,
            fix: self.rule.fix.into(),
        });
    }

    /// Reports a finding with a fix specific to it.
    pub fn add_with_fix(
        &mut self,
        nodes: &[&NodeId],
        edges: &[&EdgeId],
        message: Message,
        fix: Message,
    ) {
        self.add(nodes, edges, message);
        if let Some(last) = self.findings.last_mut() {
            last.fix = fix;
        }
    }
}

/// Runs every rule over `design`; findings ordered by severity, rule, then nodes.
pub fn validate(design: &Design) -> Vec<Finding> {
    let mut all = Vec::new();
    for rule in rules::RULES {
        all.extend(run_rule(rule, design));
    }
    crate::core::support::sort::sort_by(&mut all, |a, b| {
        (a.severity, a.rule, &a.nodes, &a.edges).cmp(&(b.severity, b.rule, &b.nodes, &b.edges))
    });
    all
}

/// Runs one rule over `design`.
pub fn run_rule(rule: &Rule, design: &Design) -> Vec<Finding> {
    let mut report = Report {
        rule,
        findings: Vec::new(),
    };
    (rule.check)(design, &mut report);
    report.findings
}

/// The rule with `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    rules::RULES.iter().find(|r| r.id == id)
}

/// Why the rule `id` exists (the chapter's reason where it gives one): the longer
/// explanation a finding opens to. The browser app does not call this (the texts would join
/// its first load); it fetches [`explanations_json`]'s file, `explain.json`, when a student
/// first opens one.
pub fn why(id: &str) -> Option<Text> {
    rules::EXPLANATIONS
        .iter()
        .find(|(rule, _)| *rule == id)
        .map(|(_, why)| *why)
}

/// The file `public/explain.json` the browser app fetches: every rule's explanation by id,
/// `{"rule-id": {"ja": …, "en": …}, …}` sorted by id (`tests/docs.rs` keeps the file current).
pub fn explanations_json() -> String {
    let map: serde_json::Map<String, serde_json::Value> = rules::EXPLANATIONS
        .iter()
        .map(|(id, why)| {
            let text = serde_json::json!({ "ja": why.ja, "en": why.en });
            ((*id).to_owned(), text)
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&serde_json::Value::Object(map))
        .expect("a map of strings always serialises");
    text.push('\n');
    text
}

/// How many findings of each severity: (errors, warnings, infos).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    findings
        .iter()
        .fold((0, 0, 0), |(e, w, i), f| match f.severity {
            Severity::Error => (e + 1, w, i),
            Severity::Warning => (e, w + 1, i),
            Severity::Info => (e, w, i + 1),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_kebab_case_with_both_languages() {
        let mut seen = std::collections::BTreeSet::new();
        for r in rules::RULES {
            assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
            assert!(
                r.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && !r.id.starts_with('-')
                    && !r.id.ends_with('-'),
                "{} is not kebab-case",
                r.id
            );
            let why = why(r.id).unwrap_or_else(|| panic!("{}: no explanation", r.id));
            for t in [r.title, why, r.fix] {
                assert!(!t.ja.is_empty() && !t.en.is_empty(), "{}: empty text", r.id);
                assert_ne!(
                    t.ja, t.en,
                    "{}: Japanese text is a copy of the English",
                    r.id
                );
            }
        }
        assert!(
            rules::RULES.len() >= 20,
            "only {} rules",
            rules::RULES.len()
        );
    }
}
