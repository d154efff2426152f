//! The strings of the outline, the autosave and New / Reset (keys of `locales/{ja,en}.json`).
//!
//! Kept apart from `text.rs` so that the editor's parts can grow their strings side by side.

use crate::core::support::i18n::Lang;
use crate::ui::text::i18n::{msg, tr, Msg};

/// Heading of the outline.
pub const OUTLINE: Msg = msg!(outline);
/// Accessible name of the outline's tree.
pub const OUTLINE_TREE: Msg = msg!(outline_tree);
/// Shown when the design has no nodes.
pub const OUTLINE_EMPTY: Msg = msg!(outline_empty);
/// The keys of the outline, under the tree.
pub const OUTLINE_KEYS: Msg = msg!(outline_keys);
/// The button that opens the list of places a node may move to.
pub const MOVE_TO: Msg = msg!(move_to);
/// The canvas itself, as a place to move a node to.
pub const TOP_LEVEL: Msg = msg!(top_level);
/// Shown when a node may go nowhere else.
pub const NOWHERE: Msg = msg!(nowhere);
/// Closes the list of places without moving anything.
pub const CANCEL: Msg = msg!(outline_cancel);

/// Title of the list of places `label` may move to.
pub fn move_title(label: &str, lang: Lang) -> String {
    tr!(lang, move_to_title, label = label)
}

/// "New": starts from the blank template.
pub const NEW_DESIGN: Msg = msg!(new_design);
/// What "New" does, as a tooltip.
pub const NEW_DESIGN_HINT: Msg = msg!(new_design_hint);
/// "Reset to template": reloads the template the design came from (its accessible name).
pub const RESET_DESIGN: Msg = msg!(reset_design);
/// The short visible label of "Reset to template" (its accessible name starts with it).
pub const RESET_SHORT: Msg = msg!(reset_short);
/// What "Reset to template" does, as a tooltip.
pub const RESET_DESIGN_HINT: Msg = msg!(reset_design_hint);
/// Why "Reset to template" is disabled.
pub const RESET_NO_TEMPLATE: Msg = msg!(reset_no_template);
/// Said after the last design was restored from this browser's storage; `when` is the time
/// it was saved.
pub fn restored(when: &str, lang: Lang) -> String {
    tr!(lang, restored_at, when = when)
}

/// Said when the saved design could not be restored and was copied aside; `reason` says
/// what is wrong with it.
pub fn damaged_kept(key: &str, reason: &str, lang: Lang) -> String {
    tr!(lang, damaged_kept, key = key, reason = reason)
}

/// Said when the saved design could not be restored nor copied aside: autosave stays off so
/// that it is not overwritten.
pub fn damaged_not_kept(reason: &str, lang: Lang) -> String {
    tr!(lang, damaged_not_kept, reason = reason)
}

/// Why a saved text is not a saved design: it is not JSON.
pub fn not_json(line: usize, column: usize, lang: Lang) -> String {
    tr!(lang, not_json_at, line = line, column = column)
}

/// Why a saved text is not a saved design: JSON of another shape.
pub const NOT_SAVED_DESIGN: Msg = msg!(not_saved_design);

/// Said once when the browser refuses to store the design (storage full or turned off).
pub const CANNOT_AUTOSAVE: Msg = msg!(cannot_autosave);

/// Said when a share link's design is shown while the design saved in this browser was put
/// aside under `key` (the notice offers [`RETURN_TO_SAVED`]).
pub fn saved_aside(key: &str, lang: Lang) -> String {
    tr!(lang, saved_aside, key = key)
}

/// The button that puts the saved design back on the canvas instead of the link's.
pub const RETURN_TO_SAVED: Msg = msg!(return_to_saved);

/// Added to a broken link's message when the saved design is shown instead.
pub const SAVED_SHOWN_INSTEAD: Msg = msg!(saved_shown_instead);
