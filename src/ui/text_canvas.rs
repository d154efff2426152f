//! The canvas editor's strings (toolbar, connection menu, hints), in Japanese and English.

use crate::core::i18n::{t, Text};

/// Shown after pressing C on a selected node.
pub const CONNECT_HINT: Text = t(
    "接続先のノードを選んでください (クリック、または Tab で移動して Enter)。Esc で取り消し。",
    "Pick the node to connect to (click it, or Tab to it and press Enter). Escape cancels.",
);
/// Accessible name of the canvas toolbar.
pub const TOOLBAR: Text = t("キャンバスの操作", "Canvas tools");
/// Undo button.
pub const UNDO: Text = t("元に戻す (Ctrl+Z)", "Undo (Ctrl+Z)");
/// Redo button.
pub const REDO: Text = t("やり直す (Ctrl+Shift+Z)", "Redo (Ctrl+Shift+Z)");
/// Zoom-in button.
pub const ZOOM_IN: Text = t("拡大 (+)", "Zoom in (+)");
/// Zoom-out button.
pub const ZOOM_OUT: Text = t("縮小 (-)", "Zoom out (-)");
/// Fit button.
pub const FIT: Text = t("全体を表示 (0)", "Fit to screen (0)");
/// Heading of the connection-kind menu.
pub const CHOOSE_KIND: Text = t(
    "接続の種類を選んでください",
    "Choose the kind of connection",
);
/// Closes the menu.
pub const CANCEL: Text = t("取り消し", "Cancel");
/// Dismisses the notice.
pub const DISMISS: Text = t("閉じる", "Dismiss");
/// Accessible name of the connect handle.
pub const CONNECT_HANDLE: Text = t("ここからドラッグして接続", "Drag from here to connect");
/// Accessible name of the resize handle.
pub const RESIZE_HANDLE: Text = t("ドラッグして大きさを変更", "Drag to resize");
/// How the canvas is used, for screen readers.
pub const CANVAS_HELP: Text = t(
    "ノードは Tab で移動、Enter で選択、矢印キーで移動、C で接続、Delete で削除、Ctrl+Z で元に戻す。",
    "Tab between nodes, Enter selects, arrow keys move, C connects, Delete removes, Ctrl+Z undoes.",
);
