//! The strings of the editor's palette and inspector (keys of `locales/{ja,en}.json`) (kept apart
//! from `text.rs` so that the editor's panels can change without touching the others').
//! Names of kinds, parameters and edge kinds come from the core's catalogue, not from here.

use crate::core::support::i18n::Lang;
use crate::ui::text::i18n::{msg, tr, Msg};

// --- Palette ---------------------------------------------------------------------------------

/// Accessible name of the palette.
pub const PALETTE: Msg = msg!(palette);
/// Label of the palette's search box.
pub const SEARCH: Msg = msg!(search);
/// Placeholder of the palette's search box.
pub const SEARCH_HINT: Msg = msg!(search_hint);
/// Shown when no kind matches the search.
pub const NO_MATCH: Msg = msg!(no_match);
/// Tooltip suffix of a palette entry: how to use it.
pub const PALETTE_USE: Msg = msg!(palette_use);

// --- Inspector -------------------------------------------------------------------------------

/// Heading of the inspector.
pub const INSPECTOR: Msg = msg!(inspector);
/// What to do when nothing is selected.
pub const HINT_ADD: Msg = msg!(hint_add);
/// How to select.
pub const HINT_SELECT: Msg = msg!(hint_select);
/// How to connect.
pub const HINT_CONNECT: Msg = msg!(hint_connect);
/// Label of a node's or an edge's label input.
pub const LABEL: Msg = msg!(label);
/// Heading of the node's parameters.
pub const SETTINGS: Msg = msg!(settings);
/// Label of the Fargate task size select.
pub const TASK_SIZE: Msg = msg!(task_size);
/// Marks a size Fargate does not offer (the node's current value).
pub const NOT_VALID: Msg = msg!(not_valid);
/// Marks an RDS class without a price in the loaded table.
pub const PRICE_UNKNOWN: Msg = msg!(editor_price_unknown);
/// Marks an AZ letter the design's region does not have.
pub const NOT_IN_REGION: Msg = msg!(not_in_region);
/// Refusal of a typed text that is not a number.
pub const NOT_A_NUMBER: Msg = msg!(not_a_number);
/// Heading of the node's note.
pub const NOTE: Msg = msg!(note);
/// Heading of the node's findings.
pub const FINDINGS: Msg = msg!(findings);
/// Duplicate button.
pub const DUPLICATE: Msg = msg!(duplicate);
/// Delete button.
pub const DELETE: Msg = msg!(delete);
/// Label of an edge's kind select.
pub const EDGE_KIND: Msg = msg!(edge_kind);
/// Before an edge's ends.
pub const ENDS: Msg = msg!(ends);
/// A rule's priority.
pub const PRIORITY: Msg = msg!(priority);
/// A rule's path pattern.
pub const PATH_PATTERN: Msg = msg!(path_pattern);
/// A rule's target.
pub const TARGET: Msg = msg!(target);
/// Heading of the ALB's rules.
pub const LISTENER_RULES: Msg = msg!(listener_rules);
/// Explains the order of the rules.
pub const RULES_ORDER: Msg = msg!(rules_order);
/// Shown when the ALB has no rule.
pub const NO_RULES: Msg = msg!(no_rules);
/// Accessible name of the Up button of a rule.
pub const MOVE_UP: Msg = msg!(move_up);
/// Accessible name of the Down button of a rule.
pub const MOVE_DOWN: Msg = msg!(move_down);
/// Accessible name of a rule's Remove button.
pub const REMOVE_RULE: Msg = msg!(remove_rule);
/// Heading of the default action.
pub const DEFAULT_ACTION: Msg = msg!(default_action);
/// Shown when the ALB has no default action.
pub const NO_DEFAULT: Msg = msg!(no_default);
/// The Add rule button.
pub const ADD_RULE: Msg = msg!(add_rule);
/// Label of the new rule's target select.
pub const NEW_RULE_TARGET: Msg = msg!(new_rule_target);
/// Shown when the design has nothing a rule could forward to.
pub const NO_TARGETS: Msg = msg!(no_targets);

/// "3 items selected".
pub fn items_selected(lang: Lang, n: usize) -> String {
    tr!(lang, items_selected, n = n)
}

/// A Fargate pair as the select shows it: "0.5 vCPU / 1 GB".
pub fn fargate_pair(vcpu: f64, memory_gb: f64) -> String {
    format!(
        "{} vCPU / {} GB",
        crate::core::support::numtext::shortest(vcpu),
        crate::core::support::numtext::shortest(memory_gb)
    )
}

/// A catalogue unit in `lang` (the catalogue writes units in English).
pub fn unit(lang: Lang, unit: &'static str) -> &'static str {
    let known = match unit {
        "days" => msg!(unit_days),
        "tasks" => msg!(unit_tasks),
        "million" => msg!(unit_million),
        "thousand" => msg!(unit_thousand),
        "s" => msg!(unit_s),
        "ms" => msg!(unit_ms),
        _ => return unit,
    };
    known.get(lang)
}
