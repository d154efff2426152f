//! The app's frame: the root component, the reactive state, the header, and what talks to the
//! browser (the address bar, the saved design, downloads, pricing tables, the rules' explanations,
//! the worker).

pub mod actions;
pub mod app;
pub mod autosave;
pub mod doc_actions;
pub mod explain;
pub mod files;
pub mod header;
pub mod layout;
pub mod pricing;
pub mod share;
pub mod state;
pub mod worker;
