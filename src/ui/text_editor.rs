//! The strings of the editor's palette and inspector, in Japanese and English (kept apart
//! from `text.rs` so that the editor's panels can change without touching the others').
//! Names of kinds, parameters and edge kinds come from the core's catalogue, not from here.

use crate::core::i18n::{t, Lang, Text};

// --- Palette ---------------------------------------------------------------------------------

/// Accessible name of the palette.
pub const PALETTE: Text = t("部品パレット", "Palette");
/// Label of the palette's search box.
pub const SEARCH: Text = t("部品を検索", "Search components");
/// Placeholder of the palette's search box.
pub const SEARCH_HINT: Text = t("検索…", "Search…");
/// Shown when no kind matches the search.
pub const NO_MATCH: Text = t("一致する部品はありません。", "No component matches.");
/// Tooltip suffix of a palette entry: how to use it.
pub const PALETTE_USE: Text = t(
    "クリックで追加、キャンバスへドラッグで配置",
    "Click to add, or drag onto the canvas",
);

// --- Inspector -------------------------------------------------------------------------------

/// Heading of the inspector.
pub const INSPECTOR: Text = t("インスペクター", "Inspector");
/// What to do when nothing is selected.
pub const HINT_ADD: Text = t(
    "追加: 左のパレットの部品をクリックするか、キャンバスへドラッグします。",
    "Add: click a component in the palette, or drag it onto the canvas.",
);
/// How to select.
pub const HINT_SELECT: Text = t(
    "選択: キャンバスのノードや接続をクリックします。ここで名前や設定を変えられます。",
    "Select: click a node or a connection on the canvas to edit its name and settings here.",
);
/// How to connect.
pub const HINT_CONNECT: Text = t(
    "接続: 選択したノードの接続ハンドルから別のノードへドラッグします (キーボードでは C)。",
    "Connect: drag from a selected node's connect handle to another node (or press C).",
);
/// Label of a node's or an edge's label input.
pub const LABEL: Text = t("ラベル", "Label");
/// Heading of the node's parameters.
pub const SETTINGS: Text = t("設定", "Settings");
/// Label of the Fargate task size select.
pub const TASK_SIZE: Text = t("タスクサイズ (vCPU / メモリ)", "Task size (vCPU / memory)");
/// Marks a size Fargate does not offer (the node's current value).
pub const NOT_VALID: Text = t("(Fargate にない組み合わせ)", "(not a Fargate size)");
/// Marks an RDS class without a price in the loaded table.
pub const PRICE_UNKNOWN: Text = t("(価格不明)", "(price unknown)");
/// Marks an AZ letter the design's region does not have.
pub const NOT_IN_REGION: Text = t("(このリージョンにはない)", "(not in this region)");
/// Refusal of a typed text that is not a number.
pub const NOT_A_NUMBER: Text = t("数値を入力してください。", "Enter a number.");
/// Heading of the node's note.
pub const NOTE: Text = t("メモ", "Note");
/// Heading of the node's findings.
pub const FINDINGS: Text = t("チェック結果", "Findings");
/// Duplicate button.
pub const DUPLICATE: Text = t("複製", "Duplicate");
/// Delete button.
pub const DELETE: Text = t("削除", "Delete");
/// Label of an edge's kind select.
pub const EDGE_KIND: Text = t("接続の種類", "Connection kind");
/// Before an edge's ends.
pub const ENDS: Text = t("接続", "Connects");
/// A rule's priority.
pub const PRIORITY: Text = t("優先度", "Priority");
/// A rule's path pattern.
pub const PATH_PATTERN: Text = t("パスパターン", "Path pattern");
/// A rule's target.
pub const TARGET: Text = t("転送先", "Target");
/// Heading of the ALB's rules.
pub const LISTENER_RULES: Text = t("リスナールール", "Listener rules");
/// Explains the order of the rules.
pub const RULES_ORDER: Text = t(
    "優先度の小さい順に評価され、最初に一致したルールが使われます。",
    "Evaluated from the lowest priority; the first match wins.",
);
/// Shown when the ALB has no rule.
pub const NO_RULES: Text = t("ルールはまだありません。", "No rules yet.");
/// Accessible name of the Up button of a rule.
pub const MOVE_UP: Text = t("ルールを上へ移動", "Move rule up");
/// Accessible name of the Down button of a rule.
pub const MOVE_DOWN: Text = t("ルールを下へ移動", "Move rule down");
/// Accessible name of a rule's Remove button.
pub const REMOVE_RULE: Text = t("ルールを削除", "Remove rule");
/// Heading of the default action.
pub const DEFAULT_ACTION: Text = t("デフォルトアクション", "Default action");
/// Shown when the ALB has no default action.
pub const NO_DEFAULT: Text = t("なし", "none");
/// The Add rule button.
pub const ADD_RULE: Text = t("ルールを追加", "Add rule");
/// Label of the new rule's target select.
pub const NEW_RULE_TARGET: Text = t("新しいルールの転送先", "Target of the new rule");
/// Shown when the design has nothing a rule could forward to.
pub const NO_TARGETS: Text = t(
    "転送先になる ECS サービスや Lambda がありません。",
    "There is no ECS service or Lambda to forward to.",
);

/// "3 items selected".
pub fn items_selected(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!("{n} 個を選択中"),
        Lang::En => format!("{n} items selected"),
    }
}

/// A Fargate pair as the select shows it: "0.5 vCPU / 1 GB".
pub fn fargate_pair(vcpu: f64, memory_gb: f64) -> String {
    format!("{vcpu} vCPU / {memory_gb} GB")
}

/// A catalogue unit in `lang` (the catalogue writes units in English).
pub fn unit(lang: Lang, unit: &'static str) -> &'static str {
    match (lang, unit) {
        (Lang::Ja, "days") => "日",
        (Lang::Ja, "tasks") => "タスク",
        (Lang::Ja, "million") => "百万",
        (Lang::Ja, "thousand") => "千",
        (Lang::Ja, "s") => "秒",
        (Lang::Ja, "ms") => "ミリ秒",
        _ => unit,
    }
}
