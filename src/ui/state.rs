//! The app's reactive state: signals around the core's `Design`, the language and the
//! template the design came from. It holds values and loads templates; it decides nothing
//! about the design itself (that is the core's job).

use leptos::prelude::*;

use std::collections::BTreeSet;

use crate::core::i18n::Lang;
use crate::core::load::load_json;
use crate::core::model::{Design, EdgeId, NodeId};
use crate::core::region::Region;
use crate::core::templates::{self, TEMPLATES};
use crate::core::validate::{validate, Finding};

/// The template a new session starts from.
pub const START_TEMPLATE: &str = "party-box";

/// What the user has picked on the canvas or in the findings panel.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Selection {
    /// Nothing.
    #[default]
    None,
    /// A node: the findings panel lists its findings.
    Node(NodeId),
    /// A finding: its nodes and edges light up on the canvas.
    Finding(Finding),
}

/// The nodes and edges to light up on the canvas.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Highlight {
    /// Node ids.
    pub nodes: BTreeSet<NodeId>,
    /// Edge ids.
    pub edges: BTreeSet<EdgeId>,
}

/// Everything the components share, provided as context by `App`.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The design on the canvas.
    pub design: RwSignal<Design>,
    /// The design as it was last loaded; `design` differs from it once the user edits.
    pub baseline: RwSignal<Design>,
    /// The id of the template the design was loaded from.
    pub template: RwSignal<&'static str>,
    /// The language of the UI.
    pub lang: RwSignal<Lang>,
    /// Why the last template or file could not be loaded, if it could not.
    pub load_error: RwSignal<Option<String>>,
    /// The validator's findings for the current design (recomputed on every change).
    pub findings: Memo<Vec<Finding>>,
    /// What is selected.
    pub selection: RwSignal<Selection>,
    /// What the selection lights up on the canvas.
    pub highlight: Memo<Highlight>,
}

impl AppState {
    /// A state showing the start template, in `lang`.
    pub fn new(lang: Lang) -> AppState {
        let template = templates::find(START_TEMPLATE).unwrap_or(&TEMPLATES[0]);
        let (design, error) = match template.design() {
            Ok(d) => (d, None),
            Err(e) => (
                Design::empty("", Region::ApNortheast1),
                Some(e.message(lang)),
            ),
        };
        let design = RwSignal::new(design);
        let selection = RwSignal::new(Selection::None);
        AppState {
            baseline: RwSignal::new(design.get_untracked()),
            design,
            template: RwSignal::new(template.id),
            lang: RwSignal::new(lang),
            load_error: RwSignal::new(error),
            findings: Memo::new(move |_| design.with(validate)),
            selection,
            highlight: Memo::new(move |_| {
                selection.with(|s| match s {
                    Selection::None => Highlight::default(),
                    Selection::Node(id) => Highlight {
                        nodes: BTreeSet::from([id.clone()]),
                        edges: BTreeSet::new(),
                    },
                    Selection::Finding(f) => Highlight {
                        nodes: f.nodes.iter().cloned().collect(),
                        edges: f.edges.iter().cloned().collect(),
                    },
                })
            }),
        }
    }

    /// Whether the user changed the design since it was loaded (then loading a template
    /// must ask first).
    pub fn has_unsaved_changes(&self) -> bool {
        self.design
            .with_untracked(|d| self.baseline.with_untracked(|b| d != b))
    }

    /// Replaces the design with the template `id`'s. On failure the current design stays and
    /// the reason is kept in `load_error`.
    pub fn load_template(&self, id: &str) {
        let Some(template) = templates::find(id) else {
            return;
        };
        match template.design() {
            Ok(design) => {
                self.template.set(template.id);
                self.replace_design(design);
            }
            Err(e) => self
                .load_error
                .set(Some(e.message(self.lang.get_untracked()))),
        }
    }

    /// Replaces the design (a template or an opened file): clears the selection and any
    /// earlier load error.
    fn replace_design(&self, design: Design) {
        self.selection.set(Selection::None);
        self.baseline.set(design.clone());
        self.design.set(design);
        self.load_error.set(None);
    }

    /// Opens a design file's text. A file that cannot be loaded leaves the current design
    /// untouched and says why (in `load_error`); returns whether it was opened.
    pub fn open_file(&self, name: &str, text: &str) -> bool {
        match load_json(text) {
            Ok(loaded) => {
                let known = loaded
                    .design
                    .template
                    .as_deref()
                    .and_then(templates::find)
                    .filter(|t| t.design().ok().as_ref() == Some(&loaded.design));
                // The switcher shows the template only when the file is that template unchanged.
                self.template.set(known.map(|t| t.id).unwrap_or(""));
                self.replace_design(loaded.design);
                true
            }
            Err(e) => {
                self.load_error.set(Some(format!(
                    "{name}: {}",
                    e.message(self.lang.get_untracked())
                )));
                false
            }
        }
    }

    /// Toggles whether the course's expectations apply (e.g. Party Box's routes).
    pub fn set_follows_course(&self, on: bool) {
        self.design.update(|d| d.follows_course = on);
    }
}
