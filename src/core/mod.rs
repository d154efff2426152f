//! The pure core of kumozu: the design document and everything that decides.
//!
//! Nothing here may depend on leptos, web-sys, wasm-bindgen, js-sys or gloo
//! (`tests/core_purity.rs` fails when it does), so every module is tested natively.
//!
//! Folders say what a module is. First-load code (the editor needs it at once): `document`,
//! `format`, `drawing`, `support`, `edit`, `validate`, `cost`. On demand only (the worker and
//! the CLI): `exchange` and `course`.

pub mod cost;
pub mod course;
pub mod document;
pub mod drawing;
pub mod edit;
pub mod exchange;
pub mod format;
pub mod support;
pub mod synth;
pub mod validate;

pub use document::catalogue::{EdgeKind, Kind};
pub use document::model::{
    Design, Edge, EdgeId, ListenerRule, Node, NodeId, ParamValue, Point, Size,
};
pub use document::region::Region;
pub use document::templates;
pub use format::load::{load_json, to_json, LoadError};
pub use support::i18n::Lang;
