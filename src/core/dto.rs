//! The saved form of a design (files, the CLI, templates): its own serde types, versioned,
//! converted by hand to and from the model in `load`. Documented in docs/design-format.md.
//!
//! Change these types only together with a new version number and a named migration.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The value of `format` in every design file.
pub const FORMAT: &str = "kumozu-design";

/// The newest schema version this build reads and the one it writes.
pub const CURRENT_VERSION: u64 = 1;

/// Version 1 of the design file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DesignV1 {
    /// Always `kumozu-design`.
    pub format: String,
    /// Always 1 for this type.
    pub version: u64,
    /// The design's name.
    #[serde(default)]
    pub name: String,
    /// Region code, e.g. `ap-northeast-1`.
    pub region: String,
    /// The template it was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Whether the course's expectations apply.
    #[serde(default)]
    pub follows_course: bool,
    /// How money is shown.
    #[serde(default)]
    pub display: DisplayV1,
    /// Design-wide usage assumptions.
    #[serde(default)]
    pub usage: BTreeMap<String, serde_json::Value>,
    /// Nodes, containers first by convention (any order is accepted).
    #[serde(default)]
    pub nodes: Vec<serde_json::Value>,
    /// Edges.
    #[serde(default)]
    pub edges: Vec<serde_json::Value>,
}

/// Money display settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DisplayV1 {
    /// `USD` or `JPY`.
    #[serde(default = "usd")]
    pub currency: String,
    /// Yen per dollar, set by the user.
    #[serde(default = "default_rate")]
    pub jpy_per_usd: f64,
    /// Add Japan's 10% consumption tax.
    #[serde(default)]
    pub include_tax: bool,
}

fn usd() -> String {
    "USD".into()
}

fn default_rate() -> f64 {
    150.0
}

impl Default for DisplayV1 {
    fn default() -> Self {
        DisplayV1 {
            currency: usd(),
            jpy_per_usd: default_rate(),
            include_tax: false,
        }
    }
}

/// One node.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NodeV1 {
    /// Stable id.
    pub id: String,
    /// Kind id from the catalogue.
    pub kind: String,
    /// The user's label; empty for the kind's name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Left edge on the canvas.
    #[serde(default)]
    pub x: f64,
    /// Top edge on the canvas.
    #[serde(default)]
    pub y: f64,
    /// Box width (containers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub w: Option<f64>,
    /// Box height (containers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub h: Option<f64>,
    /// Id of the container it sits in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Parameters of its kind.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, serde_json::Value>,
    /// Why it is like this.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// One edge.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EdgeV1 {
    /// Stable id.
    pub id: String,
    /// Edge kind id from the catalogue.
    pub kind: String,
    /// Start node id.
    pub from: String,
    /// End node id.
    pub to: String,
    /// The user's label.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// The listener rule (`alb_rule` edges only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<RuleV1>,
}

/// An ALB listener rule.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleV1 {
    /// 1–50000, lower first.
    pub priority: i64,
    /// Path pattern, e.g. `/api/*`.
    pub path_pattern: String,
}
