//! The Leptos UI (wasm32 only): a thin layer of signals and markup over the core.
//!
//! Components read the design through `AppState` and call the core for anything that
//! decides (layout, validation, cost); nothing here computes a result the CLI could need.

mod course;
mod editor;
mod panels;
mod shell;
mod text;

pub use shell::autosave;

pub use shell::actions::{Action, Dir, Export, Shortcut};

/// The canvas's keyed DOM update, for the web tests.
#[doc(hidden)]
pub use editor::morph::morph_into;

pub use shell::app::{App, AppWith};
pub use shell::pricing::{Cost, TableFailure, TableState};
pub use shell::state::{AppState, EditError, Selection};

/// Mounts the app on `<body>` (the browser entry point), then removes the diagram the build
/// prerendered into index.html (`#prerender`, public/prerender.html) and marks
/// `<html data-app-ready>`. All in one task, so the browser never paints both or neither:
/// the app's first frame replaces the prerendered one, which shows the same picture in the
/// same place unless a link or the autosave opened another design.
pub fn mount() {
    leptos::mount::mount_to_body(App);
    let document = leptos::prelude::document();
    if let Some(shell) = document.get_element_by_id("prerender") {
        shell.remove();
    }
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("data-app-ready", "");
    }
}

/// Mounts the app inside `parent` and keeps it there for the life of the page (tests mount
/// several apps, each into a fresh element). Returns the app's state, for tests to drive.
pub fn mount_to(parent: web_sys::HtmlElement) -> AppState {
    use leptos::prelude::*;
    let made = std::rc::Rc::new(std::cell::Cell::new(None));
    let slot = made.clone();
    leptos::mount::mount_to(parent, move || {
        let state = AppState::new(shell::app::browser_lang());
        slot.set(Some(state));
        view! { <AppWith state /> }
    })
    .forget();
    made.get().expect("mount_to runs the app at once")
}
