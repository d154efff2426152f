//! The pure core of kumozu: the design document and everything that decides.
//!
//! Nothing here may depend on leptos, web-sys, wasm-bindgen, js-sys or gloo
//! (`tests/core_purity.rs` fails when it does), so every module is tested natively.

pub mod autoscale;
pub mod catalogue;
pub mod checklist;
pub mod cost;
pub mod diff;
pub mod draw;
pub mod dto;
pub mod ec2;
pub mod edit;
pub mod fargate;
pub mod geometry;
pub mod html;
pub mod i18n;
pub mod icons;
pub mod link;
pub mod load;
pub mod mermaid;
pub mod model;
pub mod numtext;
pub mod region;
pub mod sheet;
pub mod sort;
pub mod svg;
pub mod synth;
pub mod templates;
#[cfg(not(target_arch = "wasm32"))]
pub mod terraform;
pub mod trace;
pub mod validate;

pub use catalogue::{EdgeKind, Kind};
pub use i18n::Lang;
pub use load::{load_json, to_json, LoadError};
pub use model::{Design, Edge, EdgeId, ListenerRule, Node, NodeId, ParamValue, Point, Size};
pub use region::Region;
