//! The AWS Pricing Calculator input sheet (課題 3): what to type into calculator.aws to rebuild
//! the current estimate, service by service. The core builds the sheet and its escaped HTML
//! (`core::sheet::to_html`) in the on-demand module (`jobs::Job::Sheet`), from the table the
//! cost panel prices with; this collapsible section sets it with `inner_html` while open, and
//! prints it alone (`style/sheet.css`).

use leptos::prelude::*;

use crate::core::course::sheet::CALCULATOR_URL;
use crate::core::format::load::to_json;
use crate::jobs::Job;

use crate::ui::panels::section::Section;
use crate::ui::shell::pricing::Cost;
use crate::ui::shell::state::AppState;
use crate::ui::shell::worker::rendered;
use crate::ui::text::i18n::msg;

/// The `data-printing` value on `<html>` while the sheet is printed.
const PRINTING: &str = "sheet";

/// The side-panel section.
#[component]
pub fn SheetPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let open = RwSignal::new(false);
    // The sheet is written by the on-demand module (`jobs::Job::Sheet`) from the same table.
    let ready = move || state.cost.with(|c| matches!(c, Cost::Ready(_)));
    let sheet = rendered(move || {
        if !open.get() || !ready() {
            return None;
        }
        Some(Job::Sheet {
            design: state.design.with(to_json),
            lang: lang.get(),
        })
    });
    // The sheet once the prices are loaded; until then, what it waits for.
    let body = move || {
        if ready() {
            view! {
                <div
                    class="sheet-body"
                    data-testid="sheet-body"
                    inner_html=move || sheet.with(|h| h.as_str().to_owned())
                ></div>
            }
            .into_any()
        } else {
            view! {
                <div class="sheet-body" data-testid="sheet-body">
                    <p class="muted" role="status">
                        {move || msg!(sheet_waiting).get(lang.get())}
                    </p>
                </div>
            }
            .into_any()
        }
    };
    let print = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let root = window.document().and_then(|d| d.document_element());
        if let Some(root) = &root {
            let _ = root.set_attribute("data-printing", PRINTING);
        }
        let _ = window.print();
        if let Some(root) = &root {
            let _ = root.remove_attribute("data-printing");
        }
    };
    view! {
        <Section class="sheet" testid="sheet" title=msg!(sheet_title) help=msg!(sheet_help) open=open>
            <div class="sheet-actions">
                <button type="button" class="button" data-testid="sheet-print" on:click=print>
                    {move || msg!(sheet_print).get(lang.get())}
                </button>
                <a
                    class="button"
                    data-testid="sheet-calculator"
                    href=CALCULATOR_URL
                    target="_blank"
                    rel="noopener noreferrer"
                >
                    {move || msg!(sheet_open_calculator).get(lang.get())}
                </a>
            </div>
            {body}
        </Section>
    }
}
