//! Other formats a design is written to or read from: Mermaid flowcharts (on demand in the
//! app: the worker) and Terraform (native only: the CLI). Never part of the first load.
#![allow(clippy::disallowed_methods)]

pub mod arrange;
pub mod mermaid;
#[cfg(not(target_arch = "wasm32"))]
pub mod terraform;
