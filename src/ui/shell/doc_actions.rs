//! "New" and "Reset to template" in the header: start again from the blank template, or from
//! the template the design came from. Both ask first when the design has unsaved changes
//! (`AppState::may_replace_design`) and load through `AppState::load_template`.

use leptos::prelude::*;

use crate::ui::shell::state::AppState;

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
