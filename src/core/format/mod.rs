//! Saved forms: the design file's own types (`dto`), the loader that turns them into a
//! `Design` and back, and share links. First-load code.

pub mod dto;
pub mod link;
pub mod load;
