//! Small helpers every part of the core uses: the two languages, escaping HTML, numbers as
//! text without the standard float formatter, and the one copy of the standard sort.
//! First-load code.

pub mod controls;
pub mod html;
pub mod i18n;
pub mod numtext;
pub mod sort;
