//! Every string the UI shows, in Japanese and English, as `Text` pairs.
//!
//! A plain table until the app moves to an i18n library; names of kinds, regions and
//! templates come from the core, not from here.

use crate::core::catalogue::Category;
use crate::core::i18n::{t, Text};

/// The app's name, the same in both languages.
pub const APP_NAME: &str = "kumozu";
/// The app's name in kanji, shown beside the Latin one.
pub const APP_NAME_JA: &str = "雲図";
/// What the app is, under its name.
pub const TAGLINE: Text = t("AWS 構成図キャンバス", "AWS architecture canvas");

/// Label of the template switcher.
pub const TEMPLATE: Text = t("テンプレート", "Template");
/// Accessible name of the language switch.
pub const LANGUAGE: Text = t("表示言語", "Language");
/// Asked before a template replaces a design the user has changed.
pub const CONFIRM_DISCARD: Text = t(
    "今の図への変更は失われます。テンプレートを読み込みますか?",
    "Your changes to the current design will be lost. Load the template?",
);

/// Accessible name of the canvas, before the design's name and counts.
pub const DIAGRAM: Text = t("構成図", "Architecture diagram");
/// Unit after a node count in the canvas's accessible name.
pub const NODES_UNIT: Text = t("個のノード", "nodes");
/// Unit after an edge count in the canvas's accessible name.
pub const EDGES_UNIT: Text = t("本の接続", "connections");

/// Heading of the side panel.
pub const THIS_DESIGN: Text = t("この構成", "This design");
/// Term: the design's name.
pub const NAME: Text = t("名前", "Name");
/// Shown for a design without a name.
pub const UNNAMED: Text = t("(名前なし)", "(untitled)");
/// Term: the design's region.
pub const REGION: Text = t("リージョン", "Region");
/// Heading of the node counts.
pub const NODES: Text = t("ノード", "Nodes");
/// Total of the node counts.
pub const TOTAL: Text = t("合計", "Total");
/// Shown when the design has no nodes.
pub const NO_NODES: Text = t("ノードはまだありません。", "No nodes yet.");
/// Says honestly what the panel will hold later.
pub const COMING_LATER: Text = t(
    "月額費用は、今後ここに表示されます。",
    "The monthly cost will appear here in a later version.",
);

/// Heading of the findings panel.
pub const CHECKS: Text = t("構成チェック", "Design checks");
/// The switch for course-specific rules.
pub const FOLLOWS_COURSE: Text = t(
    "コースの Party Box としてチェック (ルーティングなど)",
    "Check as the course's Party Box (routing and more)",
);
/// Before the name of the node whose findings are listed.
pub const FINDINGS_FOR: Text = t("選択中のノード:", "Findings for");
/// Clears the node filter.
pub const SHOW_ALL: Text = t("すべて表示", "Show all");
/// All-clear title.
pub const ALL_CLEAR_TITLE: Text = t("問題は見つかりませんでした", "All clear");
/// All-clear text.
pub const ALL_CLEAR_BODY: Text = t(
    "配置もルーティングも、コースのチェックをすべて満たしています。よくできました!",
    "Placement and routing pass every check of the course. Well done!",
);
/// No finding for the selected node.
pub const NODE_CLEAR_TITLE: Text = t("このノードに問題はありません", "Nothing wrong here");
/// No finding for the selected node, explained.
pub const NODE_CLEAR_BODY: Text = t(
    "「すべて表示」で構成全体の結果に戻れます。",
    "Choose \"Show all\" to see the whole design's findings.",
);
/// Summary of a finding's details.
pub const WHY_AND_FIX: Text = t("理由と直し方", "Why, and how to fix it");
/// Before the reason.
pub const WHY: Text = t("理由:", "Why:");
/// Before the fix.
pub const FIX: Text = t("直し方:", "Fix:");
/// The open-file button.
pub const OPEN_FILE: Text = t("ファイルを開く", "Open file");
/// Before why a file could not be opened.
pub const LOAD_FAILED: Text = t(
    "開けませんでした (今の図はそのままです)",
    "Could not open it (your current design is unchanged)",
);
/// A file that is not text.
pub const NOT_TEXT: Text = t("テキストとして読めません", "not readable as text");
/// The switcher's entry for a design opened from a file.
pub const FROM_FILE: Text = t("(開いたファイル)", "(opened file)");
/// Accessible name of the dismiss button.
pub const DISMISS: Text = t("閉じる", "Dismiss");

/// Public subnet tier.
pub const PUBLIC_SUBNET: Text = t("パブリックサブネット", "Public subnet");
/// Private subnet tier.
pub const PRIVATE_SUBNET: Text = t("プライベートサブネット", "Private subnet");
/// A subnet that lists no availability zone.
pub const NO_AZ: Text = t("AZ 未指定", "no AZ");
/// Unit after the task range of an ECS service.
pub const TASKS: Text = t("タスク", "tasks");
/// RDS deployed in two AZs.
pub const MULTI_AZ: Text = t("マルチ AZ", "Multi-AZ");
/// RDS deployed in one AZ.
pub const SINGLE_AZ: Text = t("シングル AZ", "Single-AZ");
/// One NAT Gateway for the whole VPC.
pub const NAT_SINGLE: Text = t("1 台", "single");
/// One NAT Gateway per AZ.
pub const NAT_PER_AZ: Text = t("AZ ごとに 1 台", "one per AZ");

/// The name of a palette category.
pub fn category(c: Category) -> Text {
    match c {
        Category::Edge => t("入口・配信", "Edge and delivery"),
        Category::Network => t("ネットワーク", "Networking"),
        Category::Compute => t("コンピューティング", "Compute"),
        Category::Data => t("データ・ストレージ", "Data and storage"),
        Category::Operations => t("運用・セキュリティ", "Operations and security"),
        Category::Other => t("その他", "Other"),
    }
}
