//! The one registry of the user's actions: undo, redo, duplicate, delete, select all, new,
//! reset, open a file, each export, copy the link, zoom in, out and to fit, the language, and
//! the editor's keys (cancel, connect, nudge). Each is one [`Action`] value with its id, its
//! ja/en label, its keyboard shortcut, when it is enabled and what it does.
//!
//! The header, the canvas toolbar, the export menu and the keyboard ([`Action::from_key`],
//! read by `gestures::shortcut`) all read this registry; nothing here or there looks at a
//! `data-testid` (test ids are for tests). What an action does goes through `AppState` (and
//! so through `dispatch` for every edit of the design).

use std::collections::BTreeSet;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::edit::Command;
use crate::core::support::i18n::Lang;
use crate::core::support::sort::Ordered;

use crate::ui::editor::gestures::{self, CanvasCtx, Gesture, ARROW_STEP};
use crate::ui::shell::state::{AppState, Selection};
use crate::ui::text::i18n::{msg, Msg};
use crate::ui::text::{self, canvas, editor, outline};

/// What an action works on: the app's state, and the canvas when the action comes from it
/// (zooming needs the canvas's view; the header and the page have none).
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The app's state.
    pub state: AppState,
    /// The canvas, when the action is taken from it.
    pub canvas: Option<CanvasCtx>,
}

/// A file the export menu writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// The design file (JSON).
    Json,
    /// A Mermaid flowchart.
    Mermaid,
    /// The diagram as SVG.
    Svg,
    /// The diagram as PNG.
    Png,
    /// The cost lines as CSV.
    Csv,
}

impl Export {
    /// Every export, in the menu's order.
    pub const ALL: [Export; 5] = [
        Export::Json,
        Export::Mermaid,
        Export::Svg,
        Export::Png,
        Export::Csv,
    ];

    /// The name `files::export` knows it by.
    pub fn format(self) -> &'static str {
        match self {
            Export::Json => "json",
            Export::Mermaid => "mermaid",
            Export::Svg => "svg",
            Export::Png => "png",
            Export::Csv => "csv",
        }
    }
}

/// A direction the arrow keys move the selected nodes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Left.
    Left,
    /// Right.
    Right,
    /// Up.
    Up,
    /// Down.
    Down,
}

/// A user action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Takes back the last edit.
    Undo,
    /// Makes again the last edit taken back.
    Redo,
    /// Copies the selected nodes.
    Duplicate,
    /// Deletes the selected nodes and edges.
    Delete,
    /// Selects every node.
    SelectAll,
    /// Closes the connection menu, ends a keyboard connection and clears the selection.
    Cancel,
    /// Starts a connection from the selected node (then a click or Enter picks the end).
    Connect,
    /// Moves the selected nodes one grid step (`big`: five) in a direction.
    Nudge {
        /// Where to.
        dir: Dir,
        /// Five steps (Shift held).
        big: bool,
    },
    /// Starts again from the blank template.
    New,
    /// Loads the design's template again.
    Reset,
    /// Opens a design file or a Mermaid flowchart.
    OpenFile,
    /// Saves or exports the design.
    Export(Export),
    /// Copies the share link.
    CopyLink,
    /// Zooms in.
    ZoomIn,
    /// Zooms out.
    ZoomOut,
    /// Fits the whole design in the view.
    ZoomFit,
    /// Switches the UI's language.
    Language(Lang),
}

/// A key that takes an action: `keys` (as `KeyboardEvent.key` names them) with Ctrl or
/// Cmd held (`cmd`) or not, Shift held, not held, or either (`shift: None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shortcut {
    /// The key names that match.
    pub keys: &'static [&'static str],
    /// Whether Ctrl (or Cmd) is held.
    pub cmd: bool,
    /// Whether Shift must be held (`Some(true)`), must not be (`Some(false)`), or either.
    pub shift: Option<bool>,
    /// Whether the key is taken (the browser's own use of it prevented) even while the
    /// action is not enabled: Ctrl+A must not select the page's text with nothing to select,
    /// but the arrow keys still scroll the page when no node is selected.
    pub claims_when_disabled: bool,
}

impl Shortcut {
    const fn cmd(keys: &'static [&'static str], shift: Option<bool>) -> Shortcut {
        Shortcut {
            keys,
            cmd: true,
            shift,
            claims_when_disabled: true,
        }
    }

    const fn plain(keys: &'static [&'static str], claims_when_disabled: bool) -> Shortcut {
        Shortcut {
            keys,
            cmd: false,
            shift: None,
            claims_when_disabled,
        }
    }

    /// Whether a key press with these modifiers matches.
    pub fn matches(&self, key: &str, cmd: bool, shift: bool) -> bool {
        self.cmd == cmd && self.shift.is_none_or(|s| s == shift) && self.keys.contains(&key)
    }
}

impl Action {
    /// Every action, in the order keys are looked up (the more specific shortcut first).
    pub const ALL: [Action; 29] = [
        Action::Redo,
        Action::Undo,
        Action::Duplicate,
        Action::SelectAll,
        Action::Cancel,
        Action::Delete,
        Action::Nudge {
            dir: Dir::Left,
            big: false,
        },
        Action::Nudge {
            dir: Dir::Right,
            big: false,
        },
        Action::Nudge {
            dir: Dir::Up,
            big: false,
        },
        Action::Nudge {
            dir: Dir::Down,
            big: false,
        },
        Action::Nudge {
            dir: Dir::Left,
            big: true,
        },
        Action::Nudge {
            dir: Dir::Right,
            big: true,
        },
        Action::Nudge {
            dir: Dir::Up,
            big: true,
        },
        Action::Nudge {
            dir: Dir::Down,
            big: true,
        },
        Action::Connect,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::ZoomFit,
        Action::New,
        Action::Reset,
        Action::OpenFile,
        Action::Export(Export::Json),
        Action::Export(Export::Mermaid),
        Action::Export(Export::Svg),
        Action::Export(Export::Png),
        Action::Export(Export::Csv),
        Action::CopyLink,
        Action::Language(Lang::Ja),
        Action::Language(Lang::En),
    ];

    /// A stable id (kebab case), for logs and for a reader of the code; never a test id.
    pub fn id(self) -> &'static str {
        match self {
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::Duplicate => "duplicate",
            Action::Delete => "delete",
            Action::SelectAll => "select-all",
            Action::Cancel => "cancel",
            Action::Connect => "connect",
            Action::Nudge { .. } => "nudge",
            Action::New => "new",
            Action::Reset => "reset",
            Action::OpenFile => "open-file",
            Action::Export(Export::Json) => "save-json",
            Action::Export(Export::Mermaid) => "export-mermaid",
            Action::Export(Export::Svg) => "export-svg",
            Action::Export(Export::Png) => "export-png",
            Action::Export(Export::Csv) => "export-csv",
            Action::CopyLink => "copy-link",
            Action::ZoomIn => "zoom-in",
            Action::ZoomOut => "zoom-out",
            Action::ZoomFit => "zoom-fit",
            Action::Language(Lang::Ja) => "lang-ja",
            Action::Language(Lang::En) => "lang-en",
        }
    }

    /// The label of a locale key (`None`: the action's label is not translated, the
    /// languages' own names).
    fn msg(self) -> Option<Msg> {
        Some(match self {
            Action::Undo => canvas::UNDO,
            Action::Redo => canvas::REDO,
            Action::Duplicate => editor::DUPLICATE,
            Action::Delete => editor::DELETE,
            Action::SelectAll => msg!(select_all),
            Action::Cancel => canvas::CANCEL,
            Action::Connect => msg!(connect_action),
            Action::Nudge { .. } => msg!(nudge_action),
            Action::New => outline::NEW_DESIGN,
            Action::Reset => outline::RESET_SHORT,
            Action::OpenFile => text::OPEN_FILE,
            Action::Export(Export::Json) => text::SAVE_JSON,
            Action::Export(Export::Mermaid) => text::EXPORT_MERMAID,
            Action::Export(Export::Svg) => text::EXPORT_SVG,
            Action::Export(Export::Png) => text::EXPORT_PNG,
            Action::Export(Export::Csv) => text::EXPORT_CSV,
            Action::CopyLink => text::COPY_LINK,
            Action::ZoomIn => canvas::ZOOM_IN,
            Action::ZoomOut => canvas::ZOOM_OUT,
            Action::ZoomFit => canvas::FIT,
            Action::Language(_) => return None,
        })
    }

    /// The label in `lang`. A language is named in itself, whatever the UI's language.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Action::Language(Lang::Ja) => "日本語",
            Action::Language(Lang::En) => "English",
            a => a.msg().map_or("", |m| m.get(lang)),
        }
    }

    /// The mark a toolbar button shows for it.
    pub fn icon(self) -> Option<&'static str> {
        match self {
            Action::Undo => Some("↶"),
            Action::Redo => Some("↷"),
            Action::ZoomOut => Some("−"),
            Action::ZoomIn => Some("+"),
            Action::ZoomFit => Some("⤢"),
            Action::Connect => Some("⤳"),
            Action::Delete => Some("✕"),
            _ => None,
        }
    }

    /// Its keyboard shortcut, if it has one (Ctrl stands for Cmd too).
    pub fn shortcut(self) -> Option<Shortcut> {
        Some(match self {
            Action::Undo => Shortcut::cmd(&["z", "Z"], None),
            Action::Redo => return None, // two keys: see `shortcuts`
            Action::Duplicate => Shortcut::cmd(&["d", "D"], None),
            Action::SelectAll => Shortcut::cmd(&["a", "A"], None),
            Action::Cancel => Shortcut::plain(&["Escape"], true),
            Action::Delete => Shortcut::plain(&["Delete", "Backspace"], false),
            Action::Nudge { dir, big } => Shortcut {
                keys: match dir {
                    Dir::Left => &["ArrowLeft"],
                    Dir::Right => &["ArrowRight"],
                    Dir::Up => &["ArrowUp"],
                    Dir::Down => &["ArrowDown"],
                },
                cmd: false,
                shift: Some(big),
                claims_when_disabled: false,
            },
            Action::Connect => Shortcut::plain(&["c", "C"], false),
            Action::ZoomIn => Shortcut::plain(&["+", "="], false),
            Action::ZoomOut => Shortcut::plain(&["-"], false),
            Action::ZoomFit => Shortcut::plain(&["0"], true),
            _ => return None,
        })
    }

    /// All its keyboard shortcuts (redo has two: Ctrl+Shift+Z and Ctrl+Y).
    pub fn shortcuts(self) -> Vec<Shortcut> {
        match self {
            Action::Redo => vec![
                Shortcut::cmd(&["z", "Z"], Some(true)),
                Shortcut::cmd(&["y", "Y"], None),
            ],
            a => a.shortcut().into_iter().collect(),
        }
    }

    /// The action a key press takes, if any (with Alt held, none).
    pub fn from_key(key: &str, cmd: bool, shift: bool, alt: bool) -> Option<(Action, Shortcut)> {
        if alt {
            return None;
        }
        Action::ALL.into_iter().find_map(|a| {
            a.shortcuts()
                .into_iter()
                .find(|s| s.matches(key, cmd, shift))
                .map(|s| (a, s))
        })
    }

    /// Whether it can be taken now (a button for it is disabled otherwise).
    pub fn enabled(self, cx: Ctx) -> bool {
        let state = cx.state;
        match self {
            Action::Undo => state.history.with(|h| h.can_undo()),
            Action::Redo => state.history.with(|h| h.can_redo()),
            Action::Duplicate | Action::Nudge { .. } => {
                state.selection.with(|s| !s.nodes().is_empty())
            }
            Action::Delete => state
                .selection
                .with(|s| !s.nodes().is_empty() || !s.edges().is_empty()),
            Action::Connect => state.selection.with(|s| s.single_node().is_some()),
            Action::Reset => state.template.with(|t| !t.is_empty()),
            Action::ZoomIn | Action::ZoomOut => cx.canvas.is_some(),
            Action::SelectAll
            | Action::Cancel
            | Action::New
            | Action::OpenFile
            | Action::Export(_)
            | Action::CopyLink
            | Action::ZoomFit
            | Action::Language(_) => true,
        }
    }

    /// Takes the action (whether or not it is enabled: callers check first where it matters).
    pub fn perform(self, cx: Ctx) {
        let state = cx.state;
        match self {
            Action::Undo => {
                state.undo();
            }
            Action::Redo => {
                state.redo();
            }
            Action::Duplicate => {
                let ids = state.selection.with_untracked(|s| s.nodes());
                if !ids.is_empty() {
                    let _ = state.dispatch(Command::Duplicate { ids });
                }
            }
            Action::Delete => {
                let (nodes, edges) = state.selection.with_untracked(|s| (s.nodes(), s.edges()));
                if !nodes.is_empty() || !edges.is_empty() {
                    let _ = state.dispatch(Command::Delete { nodes, edges });
                }
            }
            Action::SelectAll => {
                let all = state
                    .design
                    .with_untracked(|d| d.nodes.keys().cloned().to_set());
                state.selection.set(Selection::items(all, BTreeSet::new()));
            }
            Action::Cancel => {
                if let Some(canvas) = cx.canvas {
                    canvas.menu.set(None);
                    canvas.gesture.set(Gesture::Idle);
                }
                // Leaving connect mode takes its hint away.
                if state.connect_from.get_untracked().is_some() {
                    state.notice.set(None);
                }
                state.connect_from.set(None);
                state.selection.set(Selection::None);
            }
            Action::Connect => {
                if let Some(id) = state.selection.with_untracked(|s| s.single_node().cloned()) {
                    let lang = state.lang.get_untracked();
                    state
                        .notice
                        .set(Some(canvas::CONNECT_HINT.get(lang).to_owned()));
                    state.connect_from.set(Some(id));
                }
            }
            Action::Nudge { dir, big } => {
                let ids = state.selection.with_untracked(|s| s.nodes());
                if !ids.is_empty() {
                    let step = if big { 5.0 * ARROW_STEP } else { ARROW_STEP };
                    let (dx, dy) = match dir {
                        Dir::Left => (-step, 0.0),
                        Dir::Right => (step, 0.0),
                        Dir::Up => (0.0, -step),
                        Dir::Down => (0.0, step),
                    };
                    let _ = state
                        .dispatch_keyed(Command::Move { ids, dx, dy }, Some(gestures::ARROW_KEY));
                }
            }
            Action::New => crate::ui::shell::doc_actions::new_design(state),
            Action::Reset => crate::ui::shell::doc_actions::reset_design(state),
            Action::OpenFile => open_file_picker(state),
            Action::Export(e) => crate::ui::shell::files::export(state, e.format()),
            Action::CopyLink => crate::ui::shell::share::copy_link(state, state.link_copied),
            Action::ZoomIn => {
                if let Some(canvas) = cx.canvas {
                    gestures::zoom(state, canvas, 0.8);
                }
            }
            Action::ZoomOut => {
                if let Some(canvas) = cx.canvas {
                    gestures::zoom(state, canvas, 1.25);
                }
            }
            Action::ZoomFit => state.camera.set(None),
            Action::Language(lang) => state.lang.set(lang),
        }
    }

    /// Whether it moves nodes by the keyboard (consecutive moves make one undo step, so a
    /// key for it does not seal the history).
    pub fn is_nudge(self) -> bool {
        matches!(self, Action::Nudge { .. })
    }
}

/// Asks the browser for a file (a design file or a Mermaid flowchart) and opens it, as the
/// header's "Open file" does.
fn open_file_picker(state: AppState) {
    let Ok(input) = document().create_element("input") else {
        return;
    };
    let Ok(input) = input.dyn_into::<web_sys::HtmlInputElement>() else {
        return;
    };
    input.set_type("file");
    input.set_accept(crate::ui::shell::header::OPEN_ACCEPT);
    let picked = input.clone();
    let on_change = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(file) = picked.files().and_then(|l| l.get(0)) {
            crate::ui::shell::header::open_chosen_file(state, file);
        }
    });
    input.set_onchange(Some(on_change.unchecked_ref()));
    input.click();
}
