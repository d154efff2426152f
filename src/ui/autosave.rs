//! Autosave: the design is kept in localStorage on every change and restored on load.
//! (Being written.)

use super::state::AppState;

/// Restores the saved design (unless the address holds a share link) and saves every change.
pub fn install(_state: AppState) {}
