//! The chapter's checklist (issue #7, item 5) as a side-panel section: seven points that tick
//! themselves when the design shows them, each opening to an explanation written from the
//! student's own design. The core decides and writes the HTML (`core::checklist`); this
//! section recomputes it while open and remembers which points are open across edits.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::checklist::{checklist, to_html};

use super::i18n::msg;
use super::section::Section;
use super::state::AppState;

/// The checklist section; it works only while open.
#[component]
pub fn ChecklistPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let open = RwSignal::new(false);
    // Which points are open, so a re-render after an edit keeps them open.
    let expanded = StoredValue::new(Vec::<String>::new());
    let body = move || -> String {
        if !open.get() {
            return String::new();
        }
        let l = lang.get();
        state.design.with(|d| {
            let table = state.table(d.region);
            let items = checklist(d, table.as_deref());
            expanded.with_value(|e| to_html(&items, l, e))
        })
    };
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
            <div class="checklist-body" on:click=on_click inner_html=body></div>
        </Section>
    }
}
