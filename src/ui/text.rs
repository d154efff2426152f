//! Every string the UI shows, in Japanese and English, as `Text` pairs.
//!
//! A plain table until the app moves to an i18n library; names of kinds, regions and
//! templates come from the core, not from here.

use crate::core::catalogue::Category;
use crate::core::cost::{dec, fmt_num};
use crate::core::i18n::{t, Lang, Text};

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

/// Heading of the cost panel.
pub const COST: Text = t("月額費用", "Monthly cost");
/// Before the pricing table's version.
pub const PRICE_TABLE: Text = t("料金表", "Pricing table");
/// While the region's pricing table loads.
pub const LOADING_PRICES: Text = t("料金表を読み込んでいます…", "Loading prices…");
/// The region's pricing table could not be loaded.
pub const PRICES_FAILED: Text = t(
    "料金表を読み込めませんでした",
    "Could not load the pricing table",
);
/// What still works when prices cannot be loaded.
pub const PRICES_FAILED_HELP: Text = t(
    "費用は表示できませんが、図とチェックはこのまま使えます。",
    "Costs cannot be shown, but the diagram and the checks keep working.",
);
/// Fetches the pricing table again.
pub const RETRY: Text = t("もう一度読み込む", "Try again");
/// The fetch itself failed.
pub const FAIL_NETWORK: Text = t("通信エラー", "network error");
/// The server answered with an error status.
pub const FAIL_HTTP: Text = t("サーバーの応答", "server answered");
/// The file is not a valid pricing table.
pub const FAIL_MALFORMED: Text = t("料金表の形式が正しくありません", "the table is malformed");
/// The file is another region's table.
pub const FAIL_REGION: Text = t(
    "別のリージョンの料金表です",
    "the table is for another region",
);
/// After the monthly total.
pub const PER_MONTH: Text = t("/ 月", "/ month");
/// The total is before tax.
pub const BEFORE_TAX: Text = t("税抜", "before tax");
/// The total includes the consumption tax.
pub const WITH_TAX: Text = t("税込", "incl. tax");
/// Label of the auto-scaling range.
pub const RANGE: Text = t("オートスケーリング", "Auto scaling");
/// What the ends of the range are.
pub const RANGE_ENDS: Text = t("最小タスク 〜 最大タスク", "min tasks to max tasks");
/// Accessible name of the region picker.
pub const REGION_PICKER: Text = t("料金のリージョン", "Region for prices");
/// Accessible name of the currency switch.
pub const CURRENCY: Text = t("通貨", "Currency");
/// Before the yen rate.
pub const RATE_LABEL: Text = t("1 ドル =", "1 USD =");
/// After the yen rate.
pub const YEN: Text = t("円", "JPY");
/// The consumption-tax switch.
pub const INCLUDE_TAX: Text = t("消費税 10% を含める", "Add 10% consumption tax");
/// Heading of the usage assumptions.
pub const USAGE: Text = t("使用量の前提", "Usage assumptions");
/// Heading of the chart.
pub const WHERE_MONEY_GOES: Text = t("費用の内訳", "Where the money goes");
/// Heading of the cost lines.
pub const LINES: Text = t("明細", "Cost lines");
/// A line whose price is unknown.
pub const PRICE_UNKNOWN: Text = t("価格不明", "price unknown");
/// A free line.
pub const FREE: Text = t("無料", "free");
/// The group of nodes that cost nothing.
pub const FREE_NODES: Text = t("無料のリソース", "Free resources");
/// Lines that belong to the whole design rather than one node.
pub const DESIGN_WIDE: Text = t("構成全体", "Whole design");
/// A selected node without cost lines.
pub const NO_COST_LINES: Text = t(
    "このノードには費用の明細がありません。",
    "This node has no cost lines.",
);
/// Term: the formula of a line.
pub const FORMULA: Text = t("計算式", "Formula");
/// Term: the unit price.
pub const UNIT_PRICE: Text = t("単価", "Unit price");
/// Term: the quantity.
pub const QUANTITY: Text = t("数量", "Quantity");
/// Term: where the price comes from.
pub const SOURCE: Text = t("出典", "Source");
/// Term: why a line is free or unknown.
pub const REASON: Text = t("理由", "Reason");
/// Before the trust level of a price.
pub const TRUST: Text = t("信頼度", "trust");
/// A price from a third-party source (trust B).
pub const TRUST_B: Text = t(
    "第三者の資料による価格です。念のため AWS の料金ページで確認してください。",
    "From a third-party source: double-check it on AWS's pricing page.",
);
/// In JPY mode: the formulas stay in dollars.
pub const FORMULAS_IN_USD: Text = t(
    "単価と計算式は USD (税抜) です。",
    "Unit prices and formulas are in USD, before tax.",
);

/// "Left running for a day: about $7.08".
pub fn per_day(lang: Lang, amount: &str) -> String {
    match lang {
        Lang::Ja => format!("1 日動かしたままにすると約 {amount}"),
        Lang::En => format!("Left running for a day: about {amount}"),
    }
}

/// When a price's source saw it: "2025-10-27 時点" / "as of 2025-10-27".
pub fn as_of(lang: Lang, date: &str) -> String {
    match lang {
        Lang::Ja => format!("{date} 時点"),
        Lang::En => format!("as of {date}"),
    }
}

/// How many lines could not be priced (they are not in the total).
pub fn unknown_note(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!("価格不明の明細が {n} 件あり、合計に含まれていません。"),
        Lang::En if n == 1 => "1 line has an unknown price and is not in the total.".to_owned(),
        Lang::En => format!("{n} lines have an unknown price and are not in the total."),
    }
}

/// Why a typed number was refused; the old value is kept.
pub fn not_a_number(lang: Lang, old: f64) -> String {
    let old = fmt_num(dec(old));
    match lang {
        Lang::Ja => format!("数値を入力してください (今の値 {old} のままです)。"),
        Lang::En => format!("Enter a number ({old} is kept)."),
    }
}

/// Why a number outside `min..=max` was refused; the old value is kept.
pub fn out_of_range(lang: Lang, min: f64, max: f64, old: f64) -> String {
    let (min, max, old) = (fmt_num(dec(min)), fmt_num(dec(max)), fmt_num(dec(old)));
    match lang {
        Lang::Ja => format!("{min} 〜 {max} の値を入力してください (今の値 {old} のままです)。"),
        Lang::En => format!("Enter a value from {min} to {max} ({old} is kept)."),
    }
}

/// Why a yen rate was refused; the old rate is kept.
pub fn bad_rate(lang: Lang, max: f64, old: f64) -> String {
    let (max, old) = (fmt_num(dec(max)), fmt_num(dec(old)));
    match lang {
        Lang::Ja => {
            format!("0 より大きく {max} 以下のレートを入力してください (今の値 {old} のままです)。")
        }
        Lang::En => format!("Enter a rate above 0 and at most {max} ({old} is kept)."),
    }
}

/// The unit of a usage assumption, as the input shows it.
pub fn usage_unit(key: &str) -> Text {
    match key {
        "hours_per_month" | "peak_hours_per_month" => t("時間/月", "h/month"),
        "data_transfer_out_gb" => t("GB/月", "GB/month"),
        "requests_per_month_million" => t("百万件/月", "million/month"),
        "alb_new_connections_per_second" | "alb_rule_evaluations_per_second" => {
            t("件/秒", "per second")
        }
        "alb_active_connections_per_minute" => t("件/分", "per minute"),
        "alb_processed_gb_per_hour" => t("GB/時", "GB/hour"),
        _ => t("", ""),
    }
}

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

/// Names a share link in messages.
pub const SHARE_LINK: Text = t("共有リンク", "Share link");
/// The copy-link button.
pub const COPY_LINK: Text = t("リンクをコピー", "Copy link");
/// The copy-link button after copying.
pub const LINK_COPIED: Text = t("コピーしました", "Copied");
/// Asks the user to copy the link by hand (no clipboard).
pub const COPY_THIS_LINK: Text = t("このリンクをコピーしてください", "Copy this link");
/// A design too large for a link.
pub const TOO_LARGE_FOR_LINK: Text = t(
    "この設計はリンクには大きすぎます。JSON ファイルで共有してください。",
    "This design is too large for a link; share it as a JSON file instead.",
);
/// The export menu.
pub const EXPORT: Text = t("書き出し", "Export");
/// Save the design as JSON.
pub const SAVE_JSON: Text = t("設計を保存 (JSON)", "Save design (JSON)");
/// Export a Mermaid flowchart.
pub const EXPORT_MERMAID: Text = t("Mermaid で書き出す", "Export Mermaid");
/// Export the cost lines.
pub const EXPORT_CSV: Text = t("費用を CSV で書き出す", "Export cost (CSV)");
/// CSV asked for before the prices are loaded.
pub const NO_PRICES_YET: Text = t(
    "料金表を読み込めていないため、費用を書き出せません。",
    "The cost cannot be exported: the pricing table is not loaded.",
);
/// A download the browser refused.
pub const DOWNLOAD_FAILED: Text = t("ダウンロードできませんでした。", "The download failed.");
/// Export the canvas as SVG.
pub const EXPORT_SVG: Text = t("図を SVG で書き出す", "Export diagram (SVG)");
/// Export the canvas as PNG.
pub const EXPORT_PNG: Text = t("図を PNG で書き出す", "Export diagram (PNG)");
