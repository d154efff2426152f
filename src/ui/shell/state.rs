//! The app's reactive state: signals around the core's `Design`, the language and the
//! template the design came from. It holds values and loads templates; it decides nothing
//! about the design itself (that is the core's job).

use crate::core::support::sort::Ordered;
use leptos::prelude::*;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::core::cost::{estimate_range, PriceTable};
use crate::core::document::catalogue::usage_spec;
use crate::core::document::model::{Currency, Design, EdgeId, NodeId};
use crate::core::document::region::Region;
use crate::core::document::templates::{self, TEMPLATES};
use crate::core::drawing::geometry::{self, Layout, Rect};
use crate::core::edit::{self, Applied, Command, History, Meta, Refusal};
use crate::core::format::load::load_json;
use crate::core::support::i18n::Lang;
use crate::core::validate::{validate, Finding, Severity};

use crate::ui::shell::pricing::{self, Cost, TableFailure, TableState, Tables};

/// The template a new session starts from.
pub const START_TEMPLATE: &str = templates::START;

/// What the user has picked on the canvas or in the findings panel.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Selection {
    /// Nothing.
    #[default]
    None,
    /// Nodes and edges (one node: the findings panel lists its findings and the inspector
    /// edits it).
    Items {
        /// Selected nodes.
        nodes: BTreeSet<NodeId>,
        /// Selected edges.
        edges: BTreeSet<EdgeId>,
    },
    /// A finding: its nodes and edges light up on the canvas.
    Finding(Finding),
}

impl Selection {
    /// Just the node `id`.
    pub fn node(id: NodeId) -> Selection {
        Selection::Items {
            nodes: BTreeSet::from([id]),
            edges: BTreeSet::new(),
        }
    }

    /// Just the edge `id`.
    pub fn edge(id: EdgeId) -> Selection {
        Selection::Items {
            nodes: BTreeSet::new(),
            edges: BTreeSet::from([id]),
        }
    }

    /// These nodes and edges (nothing when both are empty).
    pub fn items(nodes: BTreeSet<NodeId>, edges: BTreeSet<EdgeId>) -> Selection {
        if nodes.is_empty() && edges.is_empty() {
            Selection::None
        } else {
            Selection::Items { nodes, edges }
        }
    }

    /// The one node selected, when exactly one node (and no edge) is.
    pub fn single_node(&self) -> Option<&NodeId> {
        match self {
            Selection::Items { nodes, edges } if nodes.len() == 1 && edges.is_empty() => {
                nodes.iter().next()
            }
            _ => None,
        }
    }

    /// The one edge selected, when exactly one edge (and no node) is.
    pub fn single_edge(&self) -> Option<&EdgeId> {
        match self {
            Selection::Items { nodes, edges } if edges.len() == 1 && nodes.is_empty() => {
                edges.iter().next()
            }
            _ => None,
        }
    }

    /// The selected nodes (none for a finding).
    pub fn nodes(&self) -> Vec<NodeId> {
        match self {
            Selection::Items { nodes, .. } => nodes.iter().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// The selected edges (none for a finding).
    pub fn edges(&self) -> Vec<EdgeId> {
        match self {
            Selection::Items { edges, .. } => edges.iter().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// Whether node `id` is among the selected items.
    pub fn has_node(&self, id: &NodeId) -> bool {
        matches!(self, Selection::Items { nodes, .. } if nodes.contains(id))
    }

    /// Whether edge `id` is among the selected items.
    pub fn has_edge(&self, id: &EdgeId) -> bool {
        matches!(self, Selection::Items { edges, .. } if edges.contains(id))
    }
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
    /// Where the current design's items go on the canvas (routes, labels, the view that fits
    /// it): computed once per change, read by the canvas and by edits that keep the view.
    pub layout: Memo<Layout>,
    /// What is selected.
    pub selection: RwSignal<Selection>,
    /// What the selection lights up on the canvas.
    pub highlight: Memo<Highlight>,
    /// The worst severity of the findings naming each node (for the canvas's colours).
    pub worst: Memo<BTreeMap<NodeId, Severity>>,
    /// The pricing tables fetched so far, by region.
    pub tables: RwSignal<Tables>,
    /// The estimate of the current design from its region's table (recomputed on every change).
    pub cost: Memo<Cost>,
    /// Undo and redo of the edits since the design was loaded.
    pub history: RwSignal<History>,
    /// The last short message for the user (why an edit was refused, what was restored);
    /// shown in a status line until the next one or until dismissed.
    pub notice: RwSignal<Option<String>>,
    /// The part of the canvas on screen (after pan and zoom); `None`: fit the whole design.
    pub camera: RwSignal<Option<Rect>>,
    /// The node a keyboard connection starts from, while the user picks where it ends.
    pub connect_from: RwSignal<Option<NodeId>>,
    /// Whether "Copy link" has just put the link on the clipboard (its label says so for a
    /// moment).
    pub link_copied: RwSignal<bool>,
    /// Whether the design saved in this browser was put aside for a share link's design (the
    /// canvas then offers to go back to it; `ui::shell::autosave`).
    pub saved_aside: RwSignal<bool>,
}

impl AppState {
    /// A state showing the start template, in `lang`.
    pub fn new(lang: Lang) -> AppState {
        let template = templates::find(START_TEMPLATE).unwrap_or(&TEMPLATES[0]);
        let (design, error) = match template.start() {
            Ok(d) => (d, None),
            Err(e) => (
                Design::empty("", Region::ApNortheast1),
                Some(e.message(lang)),
            ),
        };
        let design = RwSignal::new(design);
        let findings = Memo::new(move |_| design.with(validate));
        let layout = Memo::new(move |_| design.with(geometry::layout));
        let selection = RwSignal::new(Selection::None);
        let tables = RwSignal::new(Tables::default());
        AppState {
            baseline: RwSignal::new(design.get_untracked()),
            design,
            template: RwSignal::new(template.id),
            lang: RwSignal::new(lang),
            load_error: RwSignal::new(error),
            findings,
            layout,
            worst: Memo::new(move |_| {
                let mut worst: BTreeMap<NodeId, Severity> = BTreeMap::new();
                findings.with(|fs| {
                    for f in fs {
                        for n in &f.nodes {
                            let w = worst.entry(n.clone()).or_insert(f.severity);
                            *w = (*w).min(f.severity);
                        }
                    }
                });
                worst
            }),
            selection,
            highlight: Memo::new(move |_| {
                selection.with(|s| match s {
                    Selection::None => Highlight::default(),
                    Selection::Items { nodes, edges } => Highlight {
                        nodes: nodes.clone(),
                        edges: edges.clone(),
                    },
                    Selection::Finding(f) => Highlight {
                        nodes: f.nodes.iter().cloned().to_set(),
                        edges: f.edges.iter().cloned().to_set(),
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
            history: RwSignal::new(History::new()),
            notice: RwSignal::new(None),
            camera: RwSignal::new(None),
            connect_from: RwSignal::new(None),
            link_copied: RwSignal::new(false),
            saved_aside: RwSignal::new(false),
        }
    }

    /// Pans the view (at the same zoom) just enough to show `ids`, when they are outside it.
    fn show_new_nodes(&self, ids: &[NodeId]) {
        let Some(view) = self.camera.get_untracked() else {
            return;
        };
        let Some(added) = self.design.with_untracked(|d| {
            ids.iter()
                .filter_map(|id| d.nodes.get(id).map(Rect::of))
                .reduce(|a, b| a.union(&b))
        }) else {
            return;
        };
        let added = added.inflate(crate::ui::editor::gestures::GRID);
        let shift = |lo: f64, len: f64, a_lo: f64, a_len: f64| {
            if a_lo < lo {
                a_lo - lo
            } else if a_lo + a_len > lo + len {
                (a_lo + a_len - (lo + len)).min(a_lo - lo)
            } else {
                0.0
            }
        };
        let dx = shift(view.x, view.w, added.x, added.w);
        let dy = shift(view.y, view.h, added.y, added.h);
        if dx != 0.0 || dy != 0.0 {
            self.camera.set(Some(Rect {
                x: view.x + dx,
                y: view.y + dy,
                ..view
            }));
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
            let question = crate::ui::text::CONFIRM_DISCARD.get(self.lang.get_untracked());
            window().confirm_with_message(question).unwrap_or(false)
        }
    }

    /// Replaces the design with the template `id`'s. On failure the current design stays and
    /// the reason is kept in `load_error`.
    pub fn load_template(&self, id: &str) {
        let Some(template) = templates::find(id) else {
            return;
        };
        match template.start() {
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
        self.history.update(History::clear);
        self.camera.set(None);
        self.connect_from.set(None);
        self.selection.set(Selection::None);
        self.baseline.set(design.clone());
        self.design.set(design);
        self.load_error.set(None);
    }

    /// Shows a design that came from a file or a link: the switcher shows its template only
    /// when the design is that template unchanged.
    pub fn show_opened(&self, design: Design) {
        let known = design
            .template
            .as_deref()
            .and_then(templates::find)
            .filter(|t| t.is_unchanged(&design));
        self.template.set(known.map(|t| t.id).unwrap_or(""));
        self.replace_design(design);
    }

    /// Shows a design restored from this browser's storage: `template` is the switcher's
    /// value and `baseline` what counts as "no unsaved changes" (the template's design, so
    /// replacing restored work asks first).
    pub fn open_saved(&self, design: Design, template: &'static str, baseline: Design) {
        self.replace_design(design);
        self.template.set(template);
        self.baseline.set(baseline);
    }

    /// Opens a file's text: a design file (JSON), or a Mermaid flowchart (imported by the
    /// on-demand module, with its warnings shown). A file that cannot be read leaves the
    /// current design untouched and says why (in `load_error`).
    pub fn open_file(&self, name: String, text: String) {
        let state = *self;
        design_from_text(text, self.lang.get_untracked(), move |got| match got {
            Ok((design, warnings)) => {
                state.show_opened(design);
                if !warnings.is_empty() {
                    state
                        .load_error
                        .set(Some(format!("{name}: {}", warnings.join(" / "))));
                }
            }
            Err(e) => state.load_error.set(Some(format!("{name}: {e}"))),
        });
    }

    /// Opens a share link (`#k1.…`). A broken link leaves the current design untouched and
    /// says why; returns whether it was opened.
    pub fn open_link(&self, link: &str) -> bool {
        match crate::core::format::link::decode(link) {
            Ok(decoded) => {
                self.show_opened(decoded.design);
                true
            }
            Err(e) => {
                let lang = self.lang.get_untracked();
                self.load_error.set(Some(format!(
                    "{}: {}",
                    crate::ui::text::SHARE_LINK.get(lang),
                    e.message(lang)
                )));
                false
            }
        }
    }

    /// The loaded pricing table of `region` (tracked), if it is ready.
    pub fn table(&self, region: Region) -> Option<Arc<PriceTable>> {
        self.tables.with(|t| match t.get(&region) {
            Some(TableState::Ready(t)) => Some(t.clone()),
            _ => None,
        })
    }

    /// The version of the pricing table of the design's region, when it is loaded.
    pub fn table_version_untracked(&self) -> Option<String> {
        let region = self.design.with_untracked(|d| d.region);
        self.tables.with_untracked(|t| match t.get(&region) {
            Some(TableState::Ready(table)) => Some(table.table_version.clone()),
            _ => None,
        })
    }

    /// Applies `command` to the design as one undo step. A refused command leaves the design
    /// as it was and says why in `notice`.
    pub fn dispatch(&self, command: Command) -> Result<Applied, Refusal> {
        self.dispatch_keyed(command, None)
    }

    /// Like [`AppState::dispatch`], but consecutive commands with the same `key` (the steps
    /// of one drag) make one undo step.
    pub fn dispatch_keyed(&self, command: Command, key: Option<u64>) -> Result<Applied, Refusal> {
        // What adds nodes does not move the view: a view that fits the design is frozen first.
        let adds = matches!(command, Command::AddNode { .. } | Command::Duplicate { .. });
        if adds && self.camera.get_untracked().is_none() {
            let view = self.layout.with_untracked(|l| l.view_box);
            self.camera.set(Some(view));
        }
        // Only an edit that changed something wakes what depends on the design.
        let result = self
            .design
            .try_maybe_update(|d| {
                let r = edit::apply(d, &command);
                let changed = r.as_ref().is_ok_and(|a| !a.edit.is_empty());
                (changed, r)
            })
            .unwrap_or(Err(Refusal(
                crate::ui::text::i18n::msg!(edit_failed).text(),
            )));
        match &result {
            Ok(applied) => {
                let edit = applied.edit.clone();
                self.history.update(|h| h.record(edit, key));
                // The last message has been read (a connection's hint stays until it is made).
                if self.connect_from.get_untracked().is_none() {
                    self.notice.set(None);
                }
                if adds {
                    self.show_new_nodes(&applied.new_nodes);
                }
                // Edits that created something select it.
                if !applied.new_nodes.is_empty() || !applied.new_edges.is_empty() {
                    self.selection.set(Selection::items(
                        applied.new_nodes.iter().cloned().to_set(),
                        applied.new_edges.iter().cloned().to_set(),
                    ));
                }
                self.forget_missing_selection();
            }
            Err(refusal) => self
                .notice
                .set(Some(refusal.0.get(self.lang.get_untracked()).to_owned())),
        }
        result
    }

    /// Takes back the last undo step without keeping it for redo (a drag whose drop was
    /// refused goes back where it started).
    pub fn cancel_last(&self) {
        let history = self.history;
        self.design.update(|d| {
            if let Some(edit) = history.try_update(History::pop).flatten() {
                edit.revert(d);
            }
        });
        self.forget_missing_selection();
    }

    /// Ends the undo step of a drag: the next keyed command starts a new one.
    pub fn seal_history(&self) {
        self.history.update(History::seal);
    }

    /// Takes back the last edit.
    pub fn undo(&self) -> bool {
        let history = self.history;
        let done = self
            .design
            .try_maybe_update(|d| {
                let done = history.try_update(|h| h.undo(d)).unwrap_or(false);
                (done, done)
            })
            .unwrap_or(false);
        self.forget_missing_selection();
        done
    }

    /// Makes again the last edit taken back.
    pub fn redo(&self) -> bool {
        let history = self.history;
        let done = self
            .design
            .try_maybe_update(|d| {
                let done = history.try_update(|h| h.redo(d)).unwrap_or(false);
                (done, done)
            })
            .unwrap_or(false);
        self.forget_missing_selection();
        done
    }

    /// Drops from the selection what the design no longer holds.
    fn forget_missing_selection(&self) {
        let sel = self.selection.get_untracked();
        if let Selection::Items { nodes, edges } = &sel {
            let (n, e) = self.design.with_untracked(|d| {
                (
                    nodes
                        .iter()
                        .filter(|id| d.nodes.contains_key(*id))
                        .cloned()
                        .to_set(),
                    edges
                        .iter()
                        .filter(|id| d.edges.contains_key(*id))
                        .cloned()
                        .to_set(),
                )
            });
            if &n != nodes || &e != edges {
                self.selection.set(Selection::items(n, e));
            }
        }
    }

    /// Changes the design-wide settings through `change`, as one undo step.
    fn set_meta(&self, change: impl FnOnce(&mut Meta)) {
        let mut meta = self.design.with_untracked(Meta::of);
        change(&mut meta);
        let _ = self.dispatch(Command::SetMeta(Box::new(meta)));
    }

    /// Toggles whether the course's expectations apply (e.g. Party Box's routes).
    pub fn set_follows_course(&self, on: bool) {
        self.set_meta(|m| m.follows_course = on);
    }

    /// Moves the design to `region` (its prices come from that region's table).
    pub fn set_region(&self, region: Region) {
        self.set_meta(|m| m.region = region);
    }

    /// Shows money in `currency`.
    pub fn set_currency(&self, currency: Currency) {
        self.set_meta(|m| m.currency = currency);
    }

    /// Sets the yen-per-dollar rate: above 0 and at most [`MAX_JPY_PER_USD`], else refused.
    pub fn set_jpy_per_usd(&self, rate: f64) -> Result<(), EditError> {
        if !rate.is_finite() {
            return Err(EditError::NotANumber);
        }
        if !(rate > 0.0 && rate <= MAX_JPY_PER_USD) {
            return Err(EditError::BadRate);
        }
        self.set_meta(|m| m.jpy_per_usd = rate);
        Ok(())
    }

    /// Adds Japan's consumption tax to the shown amounts, or not.
    pub fn set_include_tax(&self, on: bool) {
        self.set_meta(|m| m.include_tax = on);
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
        self.set_meta(|m| {
            m.usage.insert(key.to_owned(), value);
        });
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

/// A design from a file's text: a design file (JSON), or a Mermaid flowchart (imported, with
/// its warnings in `lang`); or why it cannot be read, in `lang`.
pub fn design_from_text(
    text: String,
    lang: Lang,
    done: impl FnOnce(Result<(Design, Vec<String>), String>) + 'static,
) {
    if text.trim_start().starts_with('{') {
        done(
            load_json(&text)
                .map(|l| (l.design, Vec::new()))
                .map_err(|e| e.message(lang)),
        );
        return;
    }
    let job = crate::jobs::Job::ImportMermaid { text, lang };
    crate::ui::shell::worker::ask_text(job, lang, move |answer| {
        done(answer.and_then(|json| {
            let imported: crate::jobs::Imported =
                serde_json::from_str(&json).map_err(|e| e.to_string())?;
            let design = load_json(&imported.design)
                .map_err(|e| e.message(lang))?
                .design;
            Ok((design, imported.warnings))
        }))
    });
}
