//! kumozu: a pure core (`core`) that holds the design document and everything that decides,
//! under a thin Leptos UI (`ui`, wasm32 only).
pub mod core;
pub mod jobs;
#[cfg(target_arch = "wasm32")]
pub mod ui;
