//! Comparing two designs (issue 7, item 3): a teacher's template against a student's design, or
//! a design against its own earlier link. Every difference has a stable JSON form and a one-line
//! description in both languages, and names the node or edge on each side so both canvases can
//! highlight it.
//!
//! # Matching
//!
//! Nodes are paired by id first. The nodes left over on each side are then paired by kind and
//! label (the shown label, so an empty label is the kind's name; spaces around it and ASCII
//! letter case ignored); when several nodes share a kind and label, they pair in id order. So a
//! design drawn from scratch pairs with the template wherever the student used the same kinds
//! and names. The pairs made by label are listed in [`Diff::matched_by_label`].
//!
//! Edges are paired by id first; then listener rules by their ALB (through the node pairing)
//! and path pattern; then any edge by kind and both ends (through the node pairing), in id
//! order.
//!
//! # What is compared
//!
//! Design settings (name, region, template, course expectations, currency, exchange rate, tax,
//! every usage assumption); nodes added, removed, or of another kind; the container a node sits
//! in; labels of nodes and edges; parameters (key, before, after; a node whose kind changed is
//! not compared parameter by parameter); edges added, removed, of another kind or between other
//! nodes; ALB listener rules (priority, path pattern, target); and, with pricing tables
//! ([`diff_priced`]), the cost lines and the monthly total. Notes are not compared.
//!
//! Positions and box sizes are *layout*: students' layouts always differ, so moves and resizes
//! larger than [`MOVE_TOLERANCE`] are listed apart, in [`Diff::layout`], and do not make two
//! designs different.
//!
//! [`diff`] takes no pricing table, so the app (which fetches its tables) never links in the
//! bundled ones; the CLI calls [`diff_priced`] with `PriceTable::bundled`.
//!
//! # Sections
//!
//! `pairing` pairs the nodes and edges of the two designs; `report` walks the pairs and says
//! each difference (settings, nodes, edges, cost lines); this file holds what a difference is,
//! the entry points, the canvas marks and the text form.

mod pairing;
mod report;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::core::cost::{self, PriceTable};
use crate::core::document::model::{Design, NodeId};
use crate::core::support::i18n::Lang;
use crate::core::validate::Message;

use pairing::Pairs;
use report::{costs, edges, nodes, settings};

/// Moves and resizes up to this many canvas units (in x, y, width or height) are not listed.
pub const MOVE_TOLERANCE: f64 = 40.0;

/// The JSON form's format name and version ([`Diff::to_json`]).
pub const FORMAT: &str = "kumozu-diff";
/// See [`FORMAT`].
pub const VERSION: u32 = 1;

/// What part of a design a difference is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// A design-wide setting.
    Setting,
    /// A node added, removed, or of another kind.
    Node,
    /// The container a node sits in.
    Placement,
    /// The label of a node or an edge.
    Label,
    /// A node's parameter.
    Parameter,
    /// An edge added, removed, of another kind or between other nodes.
    Edge,
    /// An ALB listener rule.
    Rule,
    /// A cost line or the monthly total.
    Cost,
    /// A position or box size (listed apart; never makes designs different).
    Layout,
}

impl Category {
    /// Stable id: `setting`, `node`, `placement`, `label`, `parameter`, `edge`, `rule`,
    /// `cost`, `layout`.
    pub fn id(self) -> &'static str {
        match self {
            Category::Setting => "setting",
            Category::Node => "node",
            Category::Placement => "placement",
            Category::Label => "label",
            Category::Parameter => "parameter",
            Category::Edge => "edge",
            Category::Rule => "rule",
            Category::Cost => "cost",
            Category::Layout => "layout",
        }
    }
}

/// How it differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Only in B.
    Added,
    /// Only in A.
    Removed,
    /// In both, with another value.
    Changed,
    /// Its position moved.
    Moved,
    /// Its box changed size.
    Resized,
}

impl Change {
    /// Stable id: `added`, `removed`, `changed`, `moved`, `resized`.
    pub fn id(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
            Change::Moved => "moved",
            Change::Resized => "resized",
        }
    }

    /// The sign a text list puts before it.
    pub fn mark(self) -> &'static str {
        match self {
            Change::Added => "+",
            Change::Removed => "-",
            Change::Changed => "~",
            Change::Moved | Change::Resized => ">",
        }
    }
}

/// What the ids of a difference name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// The design itself (settings, the cost total).
    Design,
    /// A node.
    Node,
    /// An edge.
    Edge,
}

impl Subject {
    /// Stable id: `design`, `node`, `edge`.
    pub fn id(self) -> &'static str {
        match self {
            Subject::Design => "design",
            Subject::Node => "node",
            Subject::Edge => "edge",
        }
    }
}

/// One difference between design A and design B.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// Where it is.
    pub category: Category,
    /// How it differs.
    pub change: Change,
    /// What `a` and `b` name.
    pub subject: Subject,
    /// The node or edge id in A (`None`: not in A, or a design-wide difference).
    pub a: Option<String>,
    /// The node or edge id in B.
    pub b: Option<String>,
    /// What differs: `kind`, `parent`, `label`, a parameter key, `from`, `to`, `priority`,
    /// `path_pattern`, `target`, a setting (`region`, `usage.hours_per_month`…), a cost line's
    /// component, `total_monthly_usd`, `position`, `size`; `None` for an added or removed node
    /// or edge.
    pub field: Option<String>,
    /// The value in A (JSON; null when absent).
    pub before: Value,
    /// The value in B.
    pub after: Value,
    /// One line saying it, in both languages.
    pub text: Message,
}

impl Difference {
    /// The stable JSON form.
    pub fn to_json(&self) -> Value {
        json!({
            "category": self.category.id(),
            "change": self.change.id(),
            "subject": self.subject.id(),
            "a": self.a,
            "b": self.b,
            "field": self.field,
            "before": self.before,
            "after": self.after,
            "text": self.text,
        })
    }
}

/// Everything that differs between two designs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diff {
    /// Differences of substance, by category (settings, nodes, placement, labels, parameters,
    /// edges, rules, costs), then by id.
    pub changes: Vec<Difference>,
    /// Moves and resizes beyond [`MOVE_TOLERANCE`], by node id.
    pub layout: Vec<Difference>,
    /// Node pairs made by kind and label (A's id, B's id), for ids that differ.
    pub matched_by_label: Vec<(NodeId, NodeId)>,
}

impl Diff {
    /// Whether the designs are the same apart from layout.
    pub fn is_equal(&self) -> bool {
        self.changes.is_empty()
    }

    /// The stable JSON form (documented in docs/cli.md, `kumozu diff --format json`).
    pub fn to_json(&self) -> Value {
        json!({
            "format": FORMAT,
            "version": VERSION,
            "equal": self.is_equal(),
            "summary": { "changes": self.changes.len(), "layout": self.layout.len() },
            "changes": self.changes.iter().map(Difference::to_json).collect::<Vec<_>>(),
            "layout": self.layout.iter().map(Difference::to_json).collect::<Vec<_>>(),
            "matched_by_label": self.matched_by_label.iter()
                .map(|(a, b)| json!({ "a": a.as_str(), "b": b.as_str() }))
                .collect::<Vec<_>>(),
        })
    }
}

/// The class that marks a node or an edge a difference names, on A's side and on B's side
/// (`diff-added`, `diff-removed`, `diff-changed`, `diff-moved`), for drawing both designs with
/// their differences highlighted (`core::svg::Options::marks`). Where an id has several
/// differences the strongest wins: added/removed over changed over moved.
pub fn marks(
    diff: &Diff,
) -> (
    BTreeMap<String, &'static str>,
    BTreeMap<String, &'static str>,
) {
    fn put(side: &mut BTreeMap<String, &'static str>, id: &Option<String>, class: &'static str) {
        let rank = |c: &str| match c {
            "diff-moved" => 0,
            "diff-changed" => 1,
            _ => 2,
        };
        if let Some(id) = id {
            let old = side.get(id).copied();
            if old.is_none_or(|o| rank(o) < rank(class)) {
                side.insert(id.clone(), class);
            }
        }
    }
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    for d in diff.changes.iter().chain(&diff.layout) {
        if d.subject == Subject::Design {
            continue;
        }
        match d.change {
            Change::Added => put(&mut b, &d.b, "diff-added"),
            Change::Removed => put(&mut a, &d.a, "diff-removed"),
            Change::Changed => {
                put(&mut a, &d.a, "diff-changed");
                put(&mut b, &d.b, "diff-changed");
            }
            Change::Moved | Change::Resized => {
                put(&mut a, &d.a, "diff-moved");
                put(&mut b, &d.b, "diff-moved");
            }
        }
    }
    (a, b)
}

/// The differences between `a` and `b`, without costs.
pub fn diff(a: &Design, b: &Design) -> Diff {
    let pairs = Pairs::new(a, b);
    let mut changes = Vec::new();
    let mut layout = Vec::new();
    settings(a, b, &mut changes);
    nodes(a, b, &pairs, &mut changes, &mut layout);
    edges(a, b, &pairs, &mut changes);
    crate::core::support::sort::sort_by_key(&mut changes, |d| d.category);
    Diff {
        changes,
        layout,
        matched_by_label: pairs.by_label.clone(),
    }
}

/// The differences between `a` and `b`, with their cost lines priced from `table_a` and
/// `table_b` (the tables of each design's region).
pub fn diff_priced(a: &Design, b: &Design, table_a: &PriceTable, table_b: &PriceTable) -> Diff {
    let mut d = diff(a, b);
    let pairs = Pairs::new(a, b);
    costs(
        a,
        b,
        &pairs,
        &cost::estimate(a, table_a),
        &cost::estimate(b, table_b),
        &mut d.changes,
    );
    d
}

/// The differences as text lines in `lang` (what `kumozu diff` prints): a summary, then one
/// line per difference, `~ [category] text`, then the layout moves apart.
pub fn render_text(diff: &Diff, lang: Lang) -> String {
    let mut out = String::new();
    let (n, m) = (diff.changes.len(), diff.layout.len());
    out.push_str(&match (lang, n) {
        (Lang::Ja, 0) => "違いはありません (レイアウトを除く)。\n".to_owned(),
        (Lang::En, 0) => "No differences (layout aside).\n".to_owned(),
        (Lang::Ja, n) => format!("違い {n} 件:\n"),
        (Lang::En, n) => format!("{n} difference{}:\n", if n == 1 { "" } else { "s" }),
    });
    for d in &diff.changes {
        out.push_str(&format!(
            "  {} [{}] {}\n",
            d.change.mark(),
            d.category.id(),
            d.text.get(lang)
        ));
    }
    if m > 0 {
        out.push_str(&match lang {
            Lang::Ja => format!("\nレイアウト ({m} 件、違いには数えません):\n"),
            Lang::En => format!("\nLayout ({m}, not counted as differences):\n"),
        });
        for d in &diff.layout {
            out.push_str(&format!(
                "  {} [{}] {}\n",
                d.change.mark(),
                d.category.id(),
                d.text.get(lang)
            ));
        }
    }
    if !diff.matched_by_label.is_empty() {
        let pairs: Vec<String> = diff
            .matched_by_label
            .iter()
            .map(|(a, b)| format!("{a} = {b}"))
            .collect();
        out.push_str(&match lang {
            Lang::Ja => format!("\n種類とラベルで対応づけたノード: {}\n", pairs.join("、")),
            Lang::En => format!("\nNodes paired by kind and label: {}\n", pairs.join(", ")),
        });
    }
    out
}
