//! Mermaid flowcharts, the chapter's own diagram format: export a design as a `flowchart` in the
//! seed's style, and import flowcharts such as the seed's into a design laid out automatically.
//!
//! Both directions are pure (no I/O) and never panic. Export escapes every label with Mermaid's
//! entity codes (`#quot;`, `#lt;`, …) so that any text stays inert and parses; import decodes
//! them again, so labels survive an export → import round trip exactly.

mod escape;
mod export;
mod import;
pub(crate) mod layout;
mod parse;

pub use escape::{escape_label, unescape_label};
pub use export::{export, export_with};
pub use import::import;

use crate::core::document::model::Design;
use crate::core::support::i18n::Lang;

/// Largest Mermaid text accepted by `import`, in bytes.
pub const MAX_INPUT_BYTES: usize = 256 * 1024;
/// Most nodes (including subgraphs) in an imported flowchart.
pub const MAX_NODES: usize = 2_000;
/// Most edges in an imported flowchart.
pub const MAX_EDGES: usize = 5_000;
/// Deepest nesting of subgraphs accepted.
pub const MAX_DEPTH: usize = 32;

/// Which way a flowchart runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Top to bottom (`TB`, `TD`; `BT` is read as this too).
    #[default]
    TopBottom,
    /// Left to right (`LR`; `RL` is read as this too).
    LeftRight,
}

impl Direction {
    /// The keyword after `flowchart`.
    pub fn keyword(self) -> &'static str {
        match self {
            Direction::TopBottom => "TB",
            Direction::LeftRight => "LR",
        }
    }
}

/// A remark about an import in both languages: what became generic, what was ignored or moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
}

impl Warning {
    pub(crate) fn new(ja: impl Into<String>, en: impl Into<String>) -> Warning {
        Warning {
            ja: ja.into(),
            en: en.into(),
        }
    }

    /// The remark in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// The result of an import: a design that loads, and what the user should know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The design, laid out; `load_json(&to_json(&design))` accepts it.
    pub design: Design,
    /// The direction the flowchart ran in.
    pub direction: Direction,
    /// Remarks, in the order they arose.
    pub warnings: Vec<Warning>,
}

/// Why a text could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MermaidError {
    /// Nothing but blank lines and comments.
    Empty,
    /// The text is not a Mermaid flowchart (another diagram type or not Mermaid).
    NotAFlowchart {
        /// The first word found where `flowchart` or `graph` was expected (shortened).
        found: String,
    },
    /// The text is larger than `MAX_INPUT_BYTES`.
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// More than `MAX_NODES` nodes.
    TooManyNodes,
    /// More than `MAX_EDGES` edges.
    TooManyEdges,
    /// Subgraphs nested deeper than `MAX_DEPTH`.
    TooDeep,
}

impl MermaidError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (MermaidError::Empty, Lang::Ja) => {
                "Mermaid のテキストが空です (flowchart がありません)。".into()
            }
            (MermaidError::Empty, Lang::En) => {
                "The Mermaid text is empty (no flowchart found).".into()
            }
            (MermaidError::NotAFlowchart { found }, Lang::Ja) => format!(
                "Mermaid の flowchart ではありません (「{found}」で始まっています)。`flowchart TB` または `graph LR` などで始まる図だけを読み込めます。"
            ),
            (MermaidError::NotAFlowchart { found }, Lang::En) => format!(
                "This is not a Mermaid flowchart (it starts with \"{found}\"). Only diagrams starting with `flowchart TB`, `graph LR` and the like can be imported."
            ),
            (MermaidError::TooLarge { bytes }, Lang::Ja) => format!(
                "Mermaid のテキストが大きすぎます ({bytes} バイト。上限は {MAX_INPUT_BYTES} バイト)。"
            ),
            (MermaidError::TooLarge { bytes }, Lang::En) => format!(
                "The Mermaid text is too large ({bytes} bytes; the limit is {MAX_INPUT_BYTES})."
            ),
            (MermaidError::TooManyNodes, Lang::Ja) => {
                format!("ノードが多すぎます (上限は {MAX_NODES} 個)。")
            }
            (MermaidError::TooManyNodes, Lang::En) => {
                format!("Too many nodes (the limit is {MAX_NODES}).")
            }
            (MermaidError::TooManyEdges, Lang::Ja) => {
                format!("線が多すぎます (上限は {MAX_EDGES} 本)。")
            }
            (MermaidError::TooManyEdges, Lang::En) => {
                format!("Too many links (the limit is {MAX_EDGES}).")
            }
            (MermaidError::TooDeep, Lang::Ja) => {
                format!("subgraph の入れ子が深すぎます (上限は {MAX_DEPTH} 段)。")
            }
            (MermaidError::TooDeep, Lang::En) => {
                format!("Subgraphs are nested too deeply (the limit is {MAX_DEPTH} levels).")
            }
        }
    }
}

impl std::fmt::Display for MermaidError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for MermaidError {}
