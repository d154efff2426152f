//! Every validation rule, one file each. A rule file defines `pub const RULE: Rule` and its
//! check; add it to `RULES` below to switch it on.

mod prelude {
    pub use crate::core::catalogue::{EdgeKind, Kind};
    pub use crate::core::i18n::t;
    pub use crate::core::model::{Design, Edge, Node, NodeId};
    pub use crate::core::validate::context::{self as cx, Tier};
    pub use crate::core::validate::path_pattern;
    pub use crate::core::validate::{Message, Report, Rule, Severity};
}

mod alb_in_public_subnet;
mod alb_rule_shadowed;
mod party_box_routes;

use super::Rule;

/// Every rule, in the order they run (findings are sorted afterwards).
pub const RULES: &[Rule] = &[
    alb_in_public_subnet::RULE,
    alb_rule_shadowed::RULE,
    party_box_routes::RULE,
];
