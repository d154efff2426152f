//! A collapsible section of the side panel (`<details>`): its title, a help line, and whatever
//! the section holds. `open` follows whether it is open, so a section computes only while a
//! student looks at it (the tracer, the calculator sheet, Fargate vs EC2, auto scaling, the
//! checklist).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::shell::state::AppState;
use crate::ui::text::i18n::Msg;

/// A collapsible side-panel section.
#[component]
pub fn Section(
    /// Classes of the `<details>`.
    class: &'static str,
    /// Its `data-testid`.
    testid: &'static str,
    /// The heading in the summary.
    title: Msg,
    /// The line under it.
    help: Msg,
    /// Set to whether the section is open.
    open: RwSignal<bool>,
    /// The content.
    children: Children,
) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    view! {
        <details
            class=class
            data-testid=testid
            on:toggle=move |ev| {
                // `toggle` does not bubble, but a nested `<details>` could dispatch its own.
                if ev.target() == ev.current_target() {
                    let now = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                        .is_some_and(|d| d.open());
                    open.set(now);
                }
            }
        >
            <summary>
                <h2>{move || title.get(lang.get())}</h2>
            </summary>
            <p class="muted">{move || help.get(lang.get())}</p>
            {children()}
        </details>
    }
}
