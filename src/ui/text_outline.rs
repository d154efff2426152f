//! The strings of the outline, the autosave and New / Reset, in Japanese and English.
//!
//! Kept apart from `text.rs` so that the editor's parts can grow their strings side by side.

use crate::core::i18n::{t, Lang, Text};

/// Heading of the outline.
pub const OUTLINE: Text = t("アウトライン", "Outline");
/// Accessible name of the outline's tree.
pub const OUTLINE_TREE: Text = t("図のノードの階層", "The design's nodes, nested");
/// Shown when the design has no nodes.
pub const OUTLINE_EMPTY: Text = t("ノードはまだありません。", "No nodes yet.");
/// The keys of the outline, under the tree.
pub const OUTLINE_KEYS: Text = t(
    "↑↓ で移動、→← で開閉、Enter で選択 (Shift で追加)、Delete で削除、M で入れる場所を選ぶ",
    "↑↓ move, →← open and close, Enter selects (Shift adds), Delete deletes, M moves it into another container",
);
/// The button that opens the list of places a node may move to.
pub const MOVE_TO: Text = t("移動先…", "Move to…");
/// The canvas itself, as a place to move a node to.
pub const TOP_LEVEL: Text = t("キャンバス (最上位)", "Canvas (top level)");
/// Shown when a node may go nowhere else.
pub const NOWHERE: Text = t(
    "ほかに置ける場所はありません。",
    "There is nowhere else it may go.",
);
/// Closes the list of places without moving anything.
pub const CANCEL: Text = t("キャンセル", "Cancel");

/// Title of the list of places `label` may move to.
pub fn move_title(label: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("移動先… (「{label}」)"),
        Lang::En => format!("Move to… (“{label}”)"),
    }
}

/// "New": starts from the blank template.
pub const NEW_DESIGN: Text = t("新規", "New");
/// What "New" does, as a tooltip.
pub const NEW_DESIGN_HINT: Text = t(
    "白紙 (VPC のみ) のテンプレートから始めます",
    "Start again from the blank template (VPC only)",
);
/// "Reset to template": reloads the template the design came from (its accessible name).
pub const RESET_DESIGN: Text = t("リセット (テンプレートに戻す)", "Reset to template");
/// The short visible label of "Reset to template" (its accessible name starts with it).
pub const RESET_SHORT: Text = t("リセット", "Reset");
/// What "Reset to template" does, as a tooltip.
pub const RESET_DESIGN_HINT: Text = t(
    "変更を捨てて、元のテンプレートの図に戻します",
    "Discard your changes and go back to the template's design",
);
/// Why "Reset to template" is disabled.
pub const RESET_NO_TEMPLATE: Text = t(
    "ファイルやリンクから開いた図には戻すテンプレートがありません",
    "A design opened from a file or a link has no template to go back to",
);
/// Said after the last design was restored from this browser's storage; `when` is the time
/// it was saved.
pub fn restored(when: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("前回の図を復元しました ({when} に保存)。"),
        Lang::En => format!("Restored your last design (saved at {when})."),
    }
}

/// Said when the saved design could not be restored and was copied aside; `reason` says
/// what is wrong with it.
pub fn damaged_kept(key: &str, reason: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "このブラウザに自動保存されていた図は壊れていて復元できませんでした。消さずに {key} として残し、テンプレートから始めます。理由: {reason}"
        ),
        Lang::En => format!(
            "The design autosaved in this browser could not be restored. It was kept aside (as {key}) and you start from the template. Reason: {reason}"
        ),
    }
}

/// Said when the saved design could not be restored nor copied aside: autosave stays off so
/// that it is not overwritten.
pub fn damaged_not_kept(reason: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "このブラウザに自動保存されていた図は壊れていて復元できず、別の場所に残すこともできませんでした。上書きしないよう、自動保存を止めています。理由: {reason}"
        ),
        Lang::En => format!(
            "The design autosaved in this browser could not be restored, nor kept aside, so autosave is off to avoid overwriting it. Reason: {reason}"
        ),
    }
}

/// Why a saved text is not a saved design: it is not JSON.
pub fn not_json(line: usize, column: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("JSON ではありません ({line} 行 {column} 列)。"),
        Lang::En => format!("it is not JSON (line {line}, column {column})."),
    }
}

/// Why a saved text is not a saved design: JSON of another shape.
pub const NOT_SAVED_DESIGN: Text = t(
    "kumozu の自動保存の形式ではありません。",
    "it is not a kumozu autosave.",
);

/// Said once when the browser refuses to store the design (storage full or turned off).
pub const CANNOT_AUTOSAVE: Text = t(
    "このブラウザには図を自動保存できません (保存領域が一杯か、無効になっています)。残すにはファイルに保存してください。",
    "Your design cannot be autosaved in this browser (its storage is full or turned off). Save it as a file to keep it.",
);
