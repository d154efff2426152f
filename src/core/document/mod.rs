//! The document and its vocabulary: the design model, the catalogue of kinds, regions,
//! Fargate's sizes and the templates. First-load code.

pub mod catalogue;
pub mod fargate;
pub mod model;
pub mod region;
pub mod templates;
