//! The canvas editor's strings (toolbar, connection menu, hints) (keys of `locales/{ja,en}.json`).

use crate::ui::text::i18n::{msg, Msg};

/// Shown after pressing C on a selected node.
pub const CONNECT_HINT: Msg = msg!(connect_hint);
/// Accessible name of the canvas toolbar.
pub const TOOLBAR: Msg = msg!(toolbar);
/// Undo button.
pub const UNDO: Msg = msg!(undo);
/// Redo button.
pub const REDO: Msg = msg!(redo);
/// Zoom-in button.
pub const ZOOM_IN: Msg = msg!(zoom_in);
/// Zoom-out button.
pub const ZOOM_OUT: Msg = msg!(zoom_out);
/// Fit button.
pub const FIT: Msg = msg!(fit);
/// Heading of the connection-kind menu.
pub const CHOOSE_KIND: Msg = msg!(choose_kind);
/// Closes the menu.
pub const CANCEL: Msg = msg!(cancel);
/// Dismisses the notice.
pub const DISMISS: Msg = msg!(dismiss);
/// Accessible name of the connect handle.
pub const CONNECT_HANDLE: Msg = msg!(connect_handle);
/// Accessible name of the resize handle.
pub const RESIZE_HANDLE: Msg = msg!(resize_handle);
/// How the canvas is used, for screen readers.
pub const CANVAS_HELP: Msg = msg!(canvas_help);
