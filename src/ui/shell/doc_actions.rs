//! "New" and "Reset to template" in the header: start again from the blank template, or from
//! the template the design came from. Both ask first when the design has unsaved changes
//! (`AppState::may_replace_design`) and load through `AppState::load_template`.

use leptos::prelude::*;

use crate::core::support::html::{el, esc};
use crate::core::support::i18n::Lang;

use crate::ui::shell::state::AppState;
use crate::ui::text::outline as text;

/// The template "New" starts from.
pub const NEW_TEMPLATE: &str = "blank";

/// "New": starts again from the blank template (asking first about unsaved changes).
pub fn new_design(state: AppState) {
    if state.may_replace_design() {
        state.load_template(NEW_TEMPLATE);
    }
}

/// "Reset to template": the template the design came from, again (asking first).
pub fn reset_design(state: AppState) {
    let id = state.template.get_untracked();
    if !id.is_empty() && state.may_replace_design() {
        state.load_template(id);
    }
}

/// The "New" and "Reset to template" buttons, as escaped HTML (`data-action` names what a
/// press does; the header handles it).
pub fn html(out: &mut String, lang: Lang, no_template: bool) {
    out.push_str("<div class=\"doc-actions\"><button type=\"button\" class=\"button\" data-testid=\"new-design\" data-action=\"new\" title=\"");
    esc(out, text::NEW_DESIGN_HINT.get(lang));
    el(out, "\">", text::NEW_DESIGN.get(lang), "</button>");
    out.push_str("<button type=\"button\" class=\"button\" data-testid=\"reset-design\" data-action=\"reset\" aria-label=\"");
    esc(out, text::RESET_DESIGN.get(lang));
    out.push('"');
    if no_template {
        out.push_str(" disabled");
    }
    out.push_str(" title=\"");
    esc(
        out,
        if no_template {
            text::RESET_NO_TEMPLATE.get(lang)
        } else {
            text::RESET_DESIGN_HINT.get(lang)
        },
    );
    el(out, "\">", text::RESET_SHORT.get(lang), "</button></div>");
}
