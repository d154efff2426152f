//! Every string the UI shows, by name: each `Msg` is a key of `locales/{ja,en}.json` (read
//! through leptos_i18n, see `i18n.rs`), each function fills a string's `{{ values }}`.
//!
//! The editor's, the outline's and the canvas's strings are in `editor.rs`, `outline.rs` and
//! `canvas.rs` beside this file.
//!
//! Names of kinds, regions and templates come from the core, not from here.

pub mod canvas;
pub mod editor;
pub mod i18n;
pub mod outline;

use crate::core::cost::{dec, fmt_num};
use crate::core::document::catalogue::Category;
use crate::core::support::i18n::Lang;
use crate::ui::text::i18n::{msg, tr, Msg};

/// The app's name, the same in both languages.
pub const APP_NAME: &str = "kumozu";
/// The app's name in kanji, shown beside the Latin one.
pub const APP_NAME_JA: &str = "雲図";
/// What the app is, under its name.
pub const TAGLINE: Msg = msg!(tagline);

/// Label of the template switcher.
pub const TEMPLATE: Msg = msg!(template);
/// Accessible name of the language switch.
pub const LANGUAGE: Msg = msg!(language);
/// Asked before a template replaces a design the user has changed.
pub const CONFIRM_DISCARD: Msg = msg!(confirm_discard);

/// Heading of the side panel.
pub const THIS_DESIGN: Msg = msg!(this_design);
/// Term: the design's name.
pub const NAME: Msg = msg!(name);
/// Shown for a design without a name.
pub const UNNAMED: Msg = msg!(unnamed);
/// Term: the design's region.
pub const REGION: Msg = msg!(region);
/// Heading of the node counts.
pub const NODES: Msg = msg!(nodes);
/// Total of the node counts.
pub const TOTAL: Msg = msg!(total);
/// Shown when the design has no nodes.
pub const NO_NODES: Msg = msg!(no_nodes);

/// Heading of the findings panel.
pub const CHECKS: Msg = msg!(checks);
/// The switch for course-specific rules.
pub const FOLLOWS_COURSE: Msg = msg!(follows_course);
/// What the course's checks add, while they are on.
pub const FOLLOWS_COURSE_ON: Msg = msg!(follows_course_on);
/// What is not checked, while the course's checks are off.
pub const FOLLOWS_COURSE_OFF: Msg = msg!(follows_course_off);
/// Before the name of the node whose findings are listed.
pub const FINDINGS_FOR: Msg = msg!(findings_for);
/// Clears the node filter.
pub const SHOW_ALL: Msg = msg!(show_all);
/// All-clear title.
pub const ALL_CLEAR_TITLE: Msg = msg!(all_clear_title);
/// All-clear text.
pub const ALL_CLEAR_BODY: Msg = msg!(all_clear_body);
/// All-clear text when the course's checks are off (no praise for Party Box).
pub const ALL_CLEAR_GENERAL_BODY: Msg = msg!(all_clear_general_body);
/// No finding for the selected node.
pub const NODE_CLEAR_TITLE: Msg = msg!(node_clear_title);
/// No finding for the selected node, explained.
pub const NODE_CLEAR_BODY: Msg = msg!(node_clear_body);
/// Summary of a finding's details.
pub const WHY_AND_FIX: Msg = msg!(why_and_fix);
/// Before the reason.
pub const WHY: Msg = msg!(why);
/// Before the fix.
pub const FIX: Msg = msg!(fix);
/// While a rule's explanation is being fetched (`ui::shell::explain`).
pub const EXPLAIN_LOADING: Msg = msg!(explain_loading);
/// The explanations could not be fetched.
pub const EXPLAIN_FAILED: Msg = msg!(explain_failed);
/// The fetched explanations have none for this rule.
pub const EXPLAIN_MISSING: Msg = msg!(explain_missing);
/// The tab of the sheet's palette (narrow screens, `ui::shell::layout`).
pub const PANE_PALETTE: Msg = msg!(pane_palette);
/// The tab of the sheet's outline.
pub const PANE_OUTLINE: Msg = msg!(pane_outline);
/// The tab of the sheet's inspector.
pub const PANE_INSPECTOR: Msg = msg!(pane_inspector);
/// The tab of the sheet's findings.
pub const PANE_CHECKS: Msg = msg!(pane_checks);
/// The tab of the sheet's cost.
pub const PANE_COST: Msg = msg!(pane_cost);
/// The tab of the sheet's course panels.
pub const PANE_COURSE: Msg = msg!(pane_course);
/// Accessible name of the sheet's tabs.
pub const PANES: Msg = msg!(panes);
/// Accessible name of the skip links.
pub const SKIP_LINKS: Msg = msg!(skip_links);
/// Skip link to the palette.
pub const SKIP_PALETTE: Msg = msg!(skip_palette);
/// Skip link to the canvas.
pub const SKIP_CANVAS: Msg = msg!(skip_canvas);
/// Skip link to the outline.
pub const SKIP_OUTLINE: Msg = msg!(skip_outline);
/// Skip link to the inspector.
pub const SKIP_INSPECTOR: Msg = msg!(skip_inspector);
/// The header's menu button (narrow screens).
pub const MENU: Msg = msg!(menu);
/// The open-file button.
pub const OPEN_FILE: Msg = msg!(open_file);
/// Before why a file could not be opened.
pub const LOAD_FAILED: Msg = msg!(load_failed);
/// A file that is not text.
pub const NOT_TEXT: Msg = msg!(not_text);
/// The switcher's entry for a design opened from a file.
pub const FROM_FILE: Msg = msg!(from_file);
/// Accessible name of the dismiss button.
pub const DISMISS: Msg = msg!(dismiss);

/// Heading of the cost panel.
pub const COST: Msg = msg!(cost);
/// Before the pricing table's version.
pub const PRICE_TABLE: Msg = msg!(price_table);
/// While the region's pricing table loads.
pub const LOADING_PRICES: Msg = msg!(loading_prices);
/// The region's pricing table could not be loaded.
pub const PRICES_FAILED: Msg = msg!(prices_failed);
/// What still works when prices cannot be loaded.
pub const PRICES_FAILED_HELP: Msg = msg!(prices_failed_help);
/// Fetches the pricing table again.
pub const RETRY: Msg = msg!(retry);
/// The fetch itself failed.
pub const FAIL_NETWORK: Msg = msg!(fail_network);
/// The server answered with an error status.
pub const FAIL_HTTP: Msg = msg!(fail_http);
/// The file is not a valid pricing table.
pub const FAIL_MALFORMED: Msg = msg!(fail_malformed);
/// The file is another region's table.
pub const FAIL_REGION: Msg = msg!(fail_region);
/// After the monthly total.
pub const PER_MONTH: Msg = msg!(per_month);
/// The total is before tax.
pub const BEFORE_TAX: Msg = msg!(before_tax);
/// The total includes the consumption tax.
pub const WITH_TAX: Msg = msg!(with_tax);
/// Label of the auto-scaling range.
pub const RANGE: Msg = msg!(range);
/// What the ends of the range are.
pub const RANGE_ENDS: Msg = msg!(range_ends);
/// Accessible name of the region picker.
pub const REGION_PICKER: Msg = msg!(region_picker);
/// Accessible name of the currency switch.
pub const CURRENCY: Msg = msg!(currency);
/// Before the yen rate.
pub const RATE_LABEL: Msg = msg!(rate_label);
/// After the yen rate.
pub const YEN: Msg = msg!(yen);
/// The consumption-tax switch.
pub const INCLUDE_TAX: Msg = msg!(include_tax);
/// Heading of the usage assumptions.
pub const USAGE: Msg = msg!(usage);
/// Heading of the chart.
pub const WHERE_MONEY_GOES: Msg = msg!(where_money_goes);
/// Heading of the cost lines.
pub const LINES: Msg = msg!(lines);
/// A line whose price is unknown.
pub const PRICE_UNKNOWN: Msg = msg!(price_unknown);
/// A free line.
pub const FREE: Msg = msg!(free);
/// The group of nodes that cost nothing.
pub const FREE_NODES: Msg = msg!(free_nodes);
/// Lines that belong to the whole design rather than one node.
pub const DESIGN_WIDE: Msg = msg!(design_wide);
/// A selected node without cost lines.
pub const NO_COST_LINES: Msg = msg!(no_cost_lines);
/// Term: the formula of a line.
pub const FORMULA: Msg = msg!(formula);
/// Term: the unit price.
pub const UNIT_PRICE: Msg = msg!(unit_price);
/// Term: the quantity.
pub const QUANTITY: Msg = msg!(quantity);
/// Term: where the price comes from.
pub const SOURCE: Msg = msg!(source);
/// Term: why a line is free or unknown.
pub const REASON: Msg = msg!(reason);
/// Before the trust level of a price.
pub const TRUST: Msg = msg!(trust);
/// A price from a third-party source (trust B).
pub const TRUST_B: Msg = msg!(trust_b);
/// In JPY mode: the formulas stay in dollars.
pub const FORMULAS_IN_USD: Msg = msg!(formulas_in_usd);

/// "Left running for a day: about $7.08".
pub fn per_day(lang: Lang, amount: &str) -> String {
    tr!(lang, per_day, amount = amount)
}

/// When a price's source saw it: "2025-10-27 時点" / "as of 2025-10-27".
pub fn as_of(lang: Lang, date: &str) -> String {
    tr!(lang, as_of, date = date)
}

/// How many lines could not be priced (they are not in the total).
pub fn unknown_note(lang: Lang, n: usize) -> String {
    if n == 1 {
        tr!(lang, unknown_note_single, n = n)
    } else {
        tr!(lang, unknown_note_many, n = n)
    }
}

/// The button under a long list: "Show 100 more (4,900 not shown)".
pub fn show_more(lang: Lang, n: usize, hidden: usize) -> String {
    tr!(lang, show_more, n = n, hidden = hidden)
}

/// Why a typed number was refused; the old value is kept.
pub fn not_a_number(lang: Lang, old: f64) -> String {
    let old = fmt_num(dec(old));
    tr!(lang, not_a_number_kept, old = old)
}

/// Why a number outside `min..=max` was refused; the old value is kept.
pub fn out_of_range(lang: Lang, min: f64, max: f64, old: f64) -> String {
    let (min, max, old) = (fmt_num(dec(min)), fmt_num(dec(max)), fmt_num(dec(old)));
    tr!(lang, out_of_range_kept, min = min, max = max, old = old)
}

/// Why a yen rate was refused; the old rate is kept.
pub fn bad_rate(lang: Lang, max: f64, old: f64) -> String {
    let (max, old) = (fmt_num(dec(max)), fmt_num(dec(old)));
    tr!(lang, bad_rate_kept, max = max, old = old)
}

/// The unit of a usage assumption, as the input shows it.
pub fn usage_unit(key: &str) -> Option<Msg> {
    match key {
        "hours_per_month" | "peak_hours_per_month" => Some(msg!(unit_hours_month)),
        "data_transfer_out_gb" => Some(msg!(unit_gb_month)),
        "requests_per_month_million" => Some(msg!(unit_million_month)),
        "alb_new_connections_per_second" | "alb_rule_evaluations_per_second" => {
            Some(msg!(unit_per_second))
        }
        "alb_active_connections_per_minute" => Some(msg!(unit_per_minute)),
        "alb_processed_gb_per_hour" => Some(msg!(unit_gb_hour)),
        _ => None,
    }
}

/// The name of a palette category.
pub fn category(c: Category) -> Msg {
    match c {
        Category::Edge => msg!(category_edge),
        Category::Network => msg!(category_network),
        Category::Compute => msg!(category_compute),
        Category::Data => msg!(category_data),
        Category::Operations => msg!(category_operations),
        Category::Other => msg!(category_other),
    }
}

/// Names a share link in messages.
pub const SHARE_LINK: Msg = msg!(share_link);
/// The copy-link button.
pub const COPY_LINK: Msg = msg!(copy_link);
/// The copy-link button after copying.
pub const LINK_COPIED: Msg = msg!(link_copied);
/// Asks the user to copy the link by hand (no clipboard).
pub const COPY_THIS_LINK: Msg = msg!(copy_this_link);
/// A design too large for a link.
pub const TOO_LARGE_FOR_LINK: Msg = msg!(too_large_for_link);
/// The export menu.
pub const EXPORT: Msg = msg!(export);
/// Save the design as JSON.
pub const SAVE_JSON: Msg = msg!(save_json);
/// Export a Mermaid flowchart.
pub const EXPORT_MERMAID: Msg = msg!(export_mermaid);
/// Export the cost lines.
pub const EXPORT_CSV: Msg = msg!(export_csv);
/// A download the browser refused.
pub const DOWNLOAD_FAILED: Msg = msg!(download_failed);
/// Export the canvas as SVG.
pub const EXPORT_SVG: Msg = msg!(export_svg);
/// Export the canvas as PNG.
pub const EXPORT_PNG: Msg = msg!(export_png);
