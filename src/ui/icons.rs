//! The icons of the canvas: the core's markup constants (`core::icons`), shared with the SVG
//! export so the file and the screen draw the same.

pub use crate::core::icons::icon;
