//! "New" and "Reset to template" in the header: start again from the blank template, or from
//! the template the design came from. Both ask first when the design has unsaved changes
//! (`AppState::may_replace_design`) and load through `AppState::load_template`.

use leptos::prelude::*;

use super::state::AppState;
use super::text_outline as text;

/// The template "New" starts from.
pub const NEW_TEMPLATE: &str = "blank";

/// The "New" and "Reset to template" buttons.
#[component]
pub fn DocActions() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let on_new = move |_| {
        if state.may_replace_design() {
            state.load_template(NEW_TEMPLATE);
        }
    };
    let no_template = move || state.template.get().is_empty();
    let on_reset = move |_| {
        let id = state.template.get_untracked();
        if !id.is_empty() && state.may_replace_design() {
            state.load_template(id);
        }
    };
    view! {
        <div class="doc-actions">
            <button
                type="button"
                class="button"
                data-testid="new-design"
                title=move || text::NEW_DESIGN_HINT.get(lang.get())
                on:click=on_new
            >
                {move || text::NEW_DESIGN.get(lang.get())}
            </button>
            <button
                type="button"
                class="button"
                data-testid="reset-design"
                aria-label=move || text::RESET_DESIGN.get(lang.get())
                disabled=no_template
                title=move || {
                    if no_template() {
                        text::RESET_NO_TEMPLATE.get(lang.get())
                    } else {
                        text::RESET_DESIGN_HINT.get(lang.get())
                    }
                }
                on:click=on_reset
            >
                {move || text::RESET_SHORT.get(lang.get())}
            </button>
        </div>
    }
}
