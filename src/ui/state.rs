//! The app's reactive state: signals around the core's `Design`, the language and the
//! template the design came from. It holds values and loads templates; it decides nothing
//! about the design itself (that is the core's job).

use leptos::prelude::*;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::core::catalogue::usage_spec;
use crate::core::cost::estimate_range;
use crate::core::i18n::Lang;
use crate::core::load::load_json;
use crate::core::model::{Currency, Design, EdgeId, NodeId};
use crate::core::region::Region;
use crate::core::templates::{self, TEMPLATES};
use crate::core::validate::{validate, Finding};

use super::pricing::{self, Cost, TableFailure, TableState};

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

/// The largest yen-per-dollar rate a design file may hold (as the loader checks it).
pub const MAX_JPY_PER_USD: f64 = 100_000.0;

/// Why an edit of a number was refused; the design keeps its old value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EditError {
    /// Not a finite number.
    NotANumber,
    /// Outside `min..=max`.
    OutOfRange {
        /// Smallest accepted value.
        min: f64,
        /// Largest accepted value.
        max: f64,
    },
    /// A yen rate that is not above 0 and at most [`MAX_JPY_PER_USD`].
    BadRate,
    /// Not a usage assumption of the catalogue.
    UnknownKey,
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
    /// The pricing tables fetched so far, by region.
    pub tables: RwSignal<BTreeMap<Region, TableState>>,
    /// The estimate of the current design from its region's table (recomputed on every change).
    pub cost: Memo<Cost>,
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
        let tables = RwSignal::new(BTreeMap::new());
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
            tables,
            cost: Memo::new(move |_| {
                let region = design.with(|d| d.region);
                tables.with(|t| match t.get(&region) {
                    None | Some(TableState::Loading) => Cost::Loading,
                    Some(TableState::Failed(f)) => Cost::Failed(f.clone()),
                    Some(TableState::Ready(table)) => {
                        Cost::Ready(Arc::new(design.with(|d| estimate_range(d, table))))
                    }
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

    /// Whether the design on screen may be replaced (a template, a file, a link): yes when it
    /// has no unsaved changes, otherwise the user is asked.
    pub fn may_replace_design(&self) -> bool {
        !self.has_unsaved_changes() || {
            let question = super::text::CONFIRM_DISCARD.get(self.lang.get_untracked());
            window().confirm_with_message(question).unwrap_or(false)
        }
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

    /// Shows a design that came from a file or a link: the switcher shows its template only
    /// when the design is that template unchanged.
    fn show_opened(&self, design: Design) {
        let known = design
            .template
            .as_deref()
            .and_then(templates::find)
            .filter(|t| t.design().ok().as_ref() == Some(&design));
        self.template.set(known.map(|t| t.id).unwrap_or(""));
        self.replace_design(design);
    }

    /// Opens a file's text: a design file (JSON), or a Mermaid flowchart (imported, with its
    /// warnings shown). A file that cannot be read leaves the current design untouched and
    /// says why (in `load_error`); returns whether it was opened.
    pub fn open_file(&self, name: &str, text: &str) -> bool {
        let lang = self.lang.get_untracked();
        if !text.trim_start().starts_with('{') {
            return match crate::core::mermaid::import(text) {
                Ok(imported) => {
                    self.show_opened(imported.design);
                    if !imported.warnings.is_empty() {
                        let list: Vec<&str> =
                            imported.warnings.iter().map(|w| w.get(lang)).collect();
                        self.load_error
                            .set(Some(format!("{name}: {}", list.join(" / "))));
                    }
                    true
                }
                Err(e) => {
                    self.load_error
                        .set(Some(format!("{name}: {}", e.message(lang))));
                    false
                }
            };
        }
        match load_json(text) {
            Ok(loaded) => {
                self.show_opened(loaded.design);
                true
            }
            Err(e) => {
                self.load_error
                    .set(Some(format!("{name}: {}", e.message(lang))));
                false
            }
        }
    }

    /// Opens a share link (`#k1.…`). A broken link leaves the current design untouched and
    /// says why; returns whether it was opened.
    pub fn open_link(&self, link: &str) -> bool {
        match crate::core::link::decode(link) {
            Ok(decoded) => {
                self.show_opened(decoded.design);
                true
            }
            Err(e) => {
                let lang = self.lang.get_untracked();
                self.load_error.set(Some(format!(
                    "{}: {}",
                    super::text::SHARE_LINK.get(lang),
                    e.message(lang)
                )));
                false
            }
        }
    }

    /// The version of the pricing table of the design's region, when it is loaded.
    pub fn table_version_untracked(&self) -> Option<String> {
        let region = self.design.with_untracked(|d| d.region);
        self.tables.with_untracked(|t| match t.get(&region) {
            Some(TableState::Ready(table)) => Some(table.table_version.clone()),
            _ => None,
        })
    }

    /// The expected-case cost lines as CSV, when the prices are loaded.
    pub fn cost_csv(&self, lang: Lang) -> Option<String> {
        match self.cost.get_untracked() {
            Cost::Ready(range) => Some(crate::core::cost::csv::to_csv(&range.expected, lang)),
            _ => None,
        }
    }

    /// Toggles whether the course's expectations apply (e.g. Party Box's routes).
    pub fn set_follows_course(&self, on: bool) {
        self.design.update(|d| d.follows_course = on);
    }

    /// Moves the design to `region` (its prices come from that region's table).
    pub fn set_region(&self, region: Region) {
        if self.design.with_untracked(|d| d.region != region) {
            self.design.update(|d| d.region = region);
        }
    }

    /// Shows money in `currency`.
    pub fn set_currency(&self, currency: Currency) {
        if self.design.with_untracked(|d| d.currency != currency) {
            self.design.update(|d| d.currency = currency);
        }
    }

    /// Sets the yen-per-dollar rate: above 0 and at most [`MAX_JPY_PER_USD`], else refused.
    pub fn set_jpy_per_usd(&self, rate: f64) -> Result<(), EditError> {
        if !rate.is_finite() {
            return Err(EditError::NotANumber);
        }
        if !(rate > 0.0 && rate <= MAX_JPY_PER_USD) {
            return Err(EditError::BadRate);
        }
        if self.design.with_untracked(|d| d.jpy_per_usd != rate) {
            self.design.update(|d| d.jpy_per_usd = rate);
        }
        Ok(())
    }

    /// Adds Japan's consumption tax to the shown amounts, or not.
    pub fn set_include_tax(&self, on: bool) {
        if self.design.with_untracked(|d| d.include_tax != on) {
            self.design.update(|d| d.include_tax = on);
        }
    }

    /// Sets the usage assumption `key` to `value`, within its catalogue range (0 to its
    /// maximum, as a design file may hold it); anything else is refused.
    pub fn set_usage(&self, key: &str, value: f64) -> Result<(), EditError> {
        let spec = usage_spec(key).ok_or(EditError::UnknownKey)?;
        if !value.is_finite() {
            return Err(EditError::NotANumber);
        }
        if !(0.0..=spec.max).contains(&value) {
            return Err(EditError::OutOfRange {
                min: 0.0,
                max: spec.max,
            });
        }
        if self.design.with_untracked(|d| d.usage(key) != value) {
            self.design.update(|d| {
                d.usage.insert(key.to_owned(), value);
            });
        }
        Ok(())
    }

    /// Uses the pricing table in `json` for its region, instead of (or before) fetching it.
    /// Tests use it; a table that does not parse is refused with the reason.
    pub fn set_price_table(&self, json: &str) -> Result<Region, TableFailure> {
        let table = pricing::parse(json, None)?;
        let region = table.region;
        self.tables.update(|t| {
            t.insert(region, TableState::Ready(Arc::new(table)));
        });
        Ok(region)
    }

    /// Fetches the pricing table of the design's region again after a failure.
    pub fn retry_prices(&self) {
        let region = self.design.with_untracked(|d| d.region);
        pricing::request(*self, region, true);
    }
}
