//! The Leptos UI (wasm32 only): a thin layer of signals and markup over the core.
//!
//! Components read the design through `AppState` and call the core for anything that
//! decides (layout, validation, cost); nothing here computes a result the CLI could need.

mod app;
mod canvas;
mod findings;
mod header;
mod icons;
mod side_panel;
mod state;
mod text;

pub use app::App;

/// Mounts the app on `<body>` (the browser entry point).
pub fn mount() {
    leptos::mount::mount_to_body(App);
}

/// Mounts the app inside `parent` and keeps it there for the life of the page (tests mount
/// several apps, each into a fresh element).
pub fn mount_to(parent: web_sys::HtmlElement) {
    leptos::mount::mount_to(parent, App).forget();
}
