//! The Leptos UI (wasm32 only): a thin layer of signals and markup over the core.
//!
//! Components read the design through `AppState` and call the core for anything that
//! decides (layout, validation, cost); nothing here computes a result the CLI could need.

mod app;
pub mod autosave;
mod autoscale;
mod canvas;
mod checklist;
mod compare;
mod cost;
mod doc_actions;
mod ec2;
mod files;
mod findings;
mod gestures;
mod header;
mod i18n;
mod inspector;
mod morph;
mod outline;
mod palette;
mod pricing;
mod section;
mod share;
mod sheet;
mod side_panel;
mod state;
mod text;
mod text_canvas;
mod text_editor;
mod text_outline;
mod tracer;
mod worker;

pub use app::{App, AppWith};
pub use pricing::{Cost, TableFailure, TableState};
pub use state::{AppState, EditError, Selection};

/// Mounts the app on `<body>` (the browser entry point).
pub fn mount() {
    leptos::mount::mount_to_body(App);
}

/// Mounts the app inside `parent` and keeps it there for the life of the page (tests mount
/// several apps, each into a fresh element). Returns the app's state, for tests to drive.
pub fn mount_to(parent: web_sys::HtmlElement) -> AppState {
    use leptos::prelude::*;
    let made = std::rc::Rc::new(std::cell::Cell::new(None));
    let slot = made.clone();
    leptos::mount::mount_to(parent, move || {
        let state = AppState::new(app::browser_lang());
        slot.set(Some(state));
        view! { <AppWith state /> }
    })
    .forget();
    made.get().expect("mount_to runs the app at once")
}
