//! The Leptos UI (wasm32 only).
