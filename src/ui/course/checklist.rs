//! The chapter's checklist (issue #7, item 5) as a side-panel section: seven points that tick
//! themselves when the design shows them, each opening to an explanation written from the
//! student's own design. The core decides and writes the HTML (`core::checklist`) in the
//! on-demand module (`jobs::Job::Checklist`); this section asks for it again after each edit
//! while open, and remembers which points are open across edits.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::format::load::to_json;
use crate::jobs::Job;

use crate::ui::panels::section::Section;
use crate::ui::shell::state::AppState;
use crate::ui::shell::worker::rendered;
use crate::ui::text::i18n::msg;

/// The checklist section; it works only while open.
#[component]
pub fn ChecklistPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let open = RwSignal::new(false);
    // Which points are open, so a re-render after an edit keeps them open.
    let expanded = StoredValue::new(Vec::<String>::new());
    // Decided and written by the on-demand module (`jobs::Job::Checklist`).
    let body = rendered(move || {
        if !open.get() {
            return None;
        }
        let (design, region) = state.design.with(|d| (to_json(d), d.region));
        Some(Job::Checklist {
            design,
            priced: state.table(region).is_some(),
            open: expanded.get_value(),
            lang: lang.get(),
        })
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(details) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("summary").ok().flatten())
            .and_then(|s| s.parent_element())
        else {
            return;
        };
        if let Some(id) = details.get_attribute("data-check-id") {
            // The click comes before the toggle: it is about to open when it is closed.
            let opening = !details.has_attribute("open");
            expanded.update_value(|e| {
                e.retain(|k| *k != id);
                if opening {
                    e.push(id);
                }
            });
        }
    };
    view! {
        <Section class="checklist" testid="checklist" title=msg!(checklist_title) help=msg!(checklist_help) open=open>
            <div class="checklist-body" on:click=on_click inner_html=move || body.with(|h| h.as_str().to_owned())></div>
        </Section>
    }
}
