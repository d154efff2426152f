//! The app's reactive state: signals around the core's `Design`, the language and the
//! template the design came from. It holds values and loads templates; it decides nothing
//! about the design itself (that is the core's job).

use leptos::prelude::*;

use crate::core::i18n::Lang;
use crate::core::model::Design;
use crate::core::region::Region;
use crate::core::templates::{self, TEMPLATES};

/// The template a new session starts from.
pub const START_TEMPLATE: &str = "party-box";

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
    /// Why the last template could not be loaded, if it could not.
    pub load_error: RwSignal<Option<String>>,
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
        AppState {
            design: RwSignal::new(design.clone()),
            baseline: RwSignal::new(design),
            template: RwSignal::new(template.id),
            lang: RwSignal::new(lang),
            load_error: RwSignal::new(error),
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
                self.baseline.set(design.clone());
                self.design.set(design);
                self.template.set(template.id);
                self.load_error.set(None);
            }
            Err(e) => self
                .load_error
                .set(Some(e.message(self.lang.get_untracked()))),
        }
    }
}
