//! The cost panel (課題 3): the monthly estimate of the current design from its region's
//! pricing table, updated on every change. The total (a plain number in the shown currency),
//! the auto-scaling range, a per-day figure, where the money goes by kind, and every cost line
//! grouped per node with its formula, unit price, quantity and source. The region, currency,
//! yen rate, tax and usage assumptions are edited here, through `AppState` methods.
//!
//! The core prices the design (`estimate_range`) and converts amounts (`Shown`); this file
//! only lays them out, as typed views over memos: the lines are plain values (`Lines`) listed
//! with keyed `<For>`, one item per node and per line, so an opened line stays open and a
//! focused button keeps its focus while the estimate changes.

use leptos::prelude::*;
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;

use crate::core::cost::{
    fmt_num, fmt_price, CostLine, Estimate, EstimateRange, LineStatus, Shown, Trust,
};
use crate::core::document::catalogue::{UsageSpec, USAGE};
use crate::core::document::model::{Currency, Design, NodeId};
use crate::core::document::region::Region;
use crate::core::support::i18n::{Lang, Text};

use crate::ui::panels::more::{ShowMore, PAGE};
use crate::ui::shell::pricing::Cost;
use crate::ui::shell::state::{AppState, EditError, Selection};
use crate::ui::text;

/// The usage assumption shown beside the auto-scaling range rather than in the list.
const PEAK: &str = "peak_hours_per_month";

/// The key of the free-resources group (a line's key always holds two `/`, so the two never
/// meet).
const FREE_KEY: &str = "~free";

/// The cost panel.
#[component]
pub fn CostPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let cost = state.cost;
    let shown = Memo::new(move |_| state.design.with(Shown::of));
    let region = Memo::new(move |_| state.design.with(|d| d.region));
    let currency = Memo::new(move |_| state.design.with(|d| d.currency));
    let include_tax = Memo::new(move |_| state.design.with(|d| d.include_tax));
    // Which `<details>` are open (by `data-key`), so that one made again (the selection
    // filtered the lines, a line changed) opens as it was.
    let open = StoredValue::new(Vec::<String>::new());

    let version = move || match cost.get() {
        Cost::Ready(r) => format!(
            "{} {}",
            text::PRICE_TABLE.get(lang.get()),
            r.expected.table_version
        ),
        _ => String::new(),
    };
    let has_range = move || match cost.get() {
        Cost::Ready(r) => r.low.total_monthly_usd != r.high.total_monthly_usd,
        _ => false,
    };
    let summary = move || {
        let l = lang.get();
        match cost.get() {
            Cost::Loading => view! {
                <p class="cost-loading" role="status" data-testid="cost-loading">
                    <span class="spinner" aria-hidden="true"></span>
                    {text::LOADING_PRICES.get(l)}
                </p>
            }
            .into_any(),
            Cost::Failed(f) => view! {
                <div class="alert cost-error" role="alert" data-testid="cost-error">
                    <p>
                        <strong>{text::PRICES_FAILED.get(l)}</strong>
                        " ("
                        {region.get().code()}
                        ")"
                        <br />
                        {f.message(l)}
                        <br />
                        {text::PRICES_FAILED_HELP.get(l)}
                    </p>
                    <button type="button" class="button" on:click=move |_| state.retry_prices()>
                        {text::RETRY.get(l)}
                    </button>
                </div>
            }
            .into_any(),
            Cost::Ready(r) => summary_view(&r, shown.get(), l).into_any(),
        }
    };
    // The cost lines, grouped per node, as plain values (the view below keeps one item per
    // node and per line, keyed).
    let lines = Memo::new(move |_| {
        let Cost::Ready(r) = cost.get() else {
            return None;
        };
        let l = lang.get();
        let focus = state.selection.with(|s| s.single_node().cloned());
        Some(
            state
                .design
                .with(|d| lines_of(&r.expected, d, shown.get(), focus, l)),
        )
    });
    let chart = move || match cost.get() {
        Cost::Ready(r) => Some(chart_view(&r.expected, shown.get(), lang.get())),
        _ => None,
    };
    let peak = USAGE.iter().find(|u| u.key == PEAK);
    // The breakdown is made once the prices are there, and kept while they change.
    let ready = Memo::new(move |_| cost.with(|c| matches!(c, Cost::Ready(_))));

    view! {
        <section class="cost" data-testid="cost" aria-labelledby="cost-title">
            <div class="cost-head">
                <h2 id="cost-title">{tr(lang, text::COST)}</h2>
                <span class="cost-version" data-testid="table-version">{version}</span>
            </div>
            <div class="cost-card">
                <div aria-live="polite">{summary}</div>
                <div class="cost-peak" class:hidden=move || !has_range()>
                    {peak.map(|spec| number_field(Field::Usage(spec), state))}
                </div>
            </div>
            <div class="cost-controls">
                <div class="cost-choices">
                    <label class="cost-region">
                        <span class="cost-label">
                            {tr(lang, text::REGION_PICKER)}
                            " "
                            <code>{move || region.get().code()}</code>
                        </span>
                        <select
                            data-testid="region-picker"
                            on:change=move |ev| {
                                if let Some(r) = Region::from_code(&event_target_value(&ev)) {
                                    state.set_region(r);
                                }
                            }
                        >
                            {Region::ALL
                                .into_iter()
                                .map(|r| {
                                    view! {
                                        <option value=r.code() prop:selected=move || region.get() == r>
                                            {move || r.name().get(lang.get())}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <div class="cost-money">
                        <div
                            class="segmented"
                            role="group"
                            data-testid="currency"
                            aria-label=tr(lang, text::CURRENCY)
                        >
                            {[(Currency::Usd, "USD"), (Currency::Jpy, "JPY")]
                                .into_iter()
                                .map(|(c, name)| {
                                    view! {
                                        <button
                                            type="button"
                                            data-currency=name
                                            aria-pressed=move || (currency.get() == c).to_string()
                                            on:click=move |_| state.set_currency(c)
                                        >
                                            {name}
                                        </button>
                                    }
                                })
                                .collect_view()}
                        </div>
                        <label class="toggle">
                            <input
                                type="checkbox"
                                data-testid="include-tax"
                                prop:checked=move || include_tax.get()
                                on:change=move |ev| state.set_include_tax(event_target_checked(&ev))
                            />
                            <span>{tr(lang, text::INCLUDE_TAX)}</span>
                        </label>
                    </div>
                </div>
                {move || (currency.get() == Currency::Jpy).then(|| number_field(Field::Rate, state))}
            </div>
            <div class="cost-breakdown">
                {move || {
                    ready
                        .get()
                        .then(|| {
                            view! {
                                <h3>{tr(lang, text::WHERE_MONEY_GOES)}</h3>
                                {chart}
                                <h3>{tr(lang, text::LINES)}</h3>
                                {move || {
                                    let s = shown.get();
                                    (s.currency == Currency::Jpy || s.include_tax)
                                        .then(|| {
                                            view! {
                                                <p class="cost-note muted">
                                                    {tr(lang, text::FORMULAS_IN_USD)}
                                                </p>
                                            }
                                        })
                                }}
                                <LineList lines open />
                            }
                        })
                }}
            </div>
            <details class="cost-usage" data-testid="usage">
                <summary>{tr(lang, text::USAGE)}</summary>
                <div class="cost-usage-fields">
                    {USAGE
                        .iter()
                        .filter(|u| u.key != PEAK)
                        .map(|spec| number_field(Field::Usage(spec), state))
                        .collect_view()}
                </div>
            </details>
        </section>
    }
}

/// A text that follows the language. One function, so one closure type for every such text
/// (each distinct closure would compile its own rendering code).
fn tr(
    lang: RwSignal<Lang>,
    t: impl Into<Text>,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let t: Text = t.into();
    move || t.get(lang.get())
}

/// The total, the per-day figure, the auto-scaling range and the unknown-price note.
fn summary_view(r: &EstimateRange, shown: Shown, lang: Lang) -> impl IntoView {
    let e = &r.expected;
    let tax = if shown.include_tax {
        text::WITH_TAX
    } else {
        text::BEFORE_TAX
    };
    let range = (r.low.total_monthly_usd != r.high.total_monthly_usd).then(|| {
        let between = crate::ui::text::i18n::tr!(
            lang,
            range_between,
            low = shown.text(r.low.total_monthly_usd),
            high = shown.text(r.high.total_monthly_usd),
        );
        view! {
            <p class="cost-range" data-testid="cost-range">
                <span class="cost-label">{text::RANGE.get(lang)}</span>
                <strong>{between}</strong>
                <span class="muted">{text::RANGE_ENDS.get(lang)}</span>
            </p>
        }
    });
    let unknown = (e.unknown_lines > 0).then(|| {
        view! {
            <p class="cost-unknown" data-testid="unknown-note">
                {text::unknown_note(lang, e.unknown_lines)}
            </p>
        }
    });
    view! {
        <p class="cost-figure">
            <span class="cost-symbol">{shown.symbol()}</span>
            <span
                class="cost-total"
                data-testid="total-monthly"
                data-amount=shown.plain(e.total_monthly_usd)
            >
                {shown.grouped(e.total_monthly_usd)}
            </span>
            <span class="cost-per-month">{text::PER_MONTH.get(lang)}</span>
            <span class="cost-tax" data-testid="tax-state">{tax.get(lang)}</span>
        </p>
        <p class="cost-per-day" data-testid="per-day">
            {text::per_day(lang, &shown.text(e.per_day_usd()))}
        </p>
        {range}
        {unknown}
    }
}

/// Horizontal bars of the known monthly amount per kind, largest first (SVG bars: no inline
/// style, so a strict content security policy would not break them).
fn chart_view(e: &Estimate, shown: Shown, lang: Lang) -> impl IntoView {
    let rows: Vec<_> = e
        .by_kind()
        .into_iter()
        .filter(|(_, v)| *v > Decimal::ZERO)
        .collect();
    let order = largest_first(&rows.iter().map(|r| r.1).collect::<Vec<_>>());
    let max = order.first().map_or(Decimal::ONE, |&i| rows[i].1);
    let bars = order
        .into_iter()
        .map(|i| rows[i])
        .map(|(kind, v)| {
            let name = kind.map_or(text::DESIGN_WIDE.get(lang), |k| k.info().name.get(lang));
            let width = (v * Decimal::ONE_HUNDRED / max).round_dp(1).to_string();
            view! {
                <li data-kind=kind.map_or("design", |k| k.id())>
                    <span class="bar-label">{name}</span>
                    <svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
                        <rect height="8" width=width></rect>
                    </svg>
                    <span class="bar-amount">{shown.text(v)}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="cost-chart" data-testid="cost-chart">{bars}</ul> }
}

/// The indices of `amounts`, largest amount first, equal amounts in their order (the core's
/// one stable sort: a design of thousands of nodes has thousands of groups).
fn largest_first(amounts: &[Decimal]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..amounts.len()).collect();
    crate::core::support::sort::sort_by(&mut order, |&a, &b| amounts[b].cmp(&amounts[a]));
    order
}

/// The cost lines as the panel lists them, in the UI's language.
#[derive(Debug, Clone, PartialEq)]
struct Lines {
    /// The selected node (id and name), when the lines are only its.
    focus: Option<(NodeId, String)>,
    /// Nodes with a price (an unknown one first, then the most expensive first), or the
    /// selected node's group.
    paid: Vec<GroupRow>,
    /// Nodes that cost nothing (listed together, folded).
    free: Vec<GroupRow>,
}

impl Lines {
    /// The group of `key`.
    fn group(&self, key: &str) -> Option<&GroupRow> {
        self.paid.iter().chain(&self.free).find(|g| g.key == key)
    }
}

/// One node's lines (or the whole design's: `node: None`), ready to show.
#[derive(Debug, Clone, PartialEq)]
struct GroupRow {
    /// The node's id, or empty for the design-wide lines.
    key: String,
    node: Option<NodeId>,
    name: String,
    /// The kind's name, when it is not the node's name.
    kind: Option<String>,
    total: String,
    unknown: bool,
    lines: Vec<LineRow>,
}

/// One cost line, ready to show.
#[derive(Debug, Clone, PartialEq)]
struct LineRow {
    /// Node, component and price key: stable while the line exists.
    key: String,
    status: &'static str,
    price_key: Option<String>,
    /// A free kind's one line (a VPC's "VPC"): only its reason is shown.
    only_why: Option<String>,
    component: String,
    amount: String,
    details: Vec<Detail>,
}

/// A term of a line's details.
#[derive(Debug, Clone, PartialEq)]
enum Detail {
    /// A term and its value.
    Row(&'static str, String),
    /// The formula (shown as code).
    Formula(&'static str, String),
    /// Where the price comes from.
    Source {
        term: &'static str,
        source: String,
        when: String,
        price_key: Option<String>,
        note: Option<String>,
        flag: Option<&'static str>,
    },
}

/// The cost lines grouped per node: paid nodes by amount, then the free ones together; only
/// the selected node's when a node is selected.
fn lines_of(
    e: &Estimate,
    design: &Design,
    shown: Shown,
    focus: Option<NodeId>,
    lang: Lang,
) -> Lines {
    let mut grouped: Vec<(Option<&NodeId>, Vec<&CostLine>)> = Vec::new();
    for l in &e.lines {
        match grouped.last_mut() {
            Some((node, lines)) if *node == l.node.as_ref() => lines.push(l),
            _ => grouped.push((l.node.as_ref(), vec![l])),
        }
    }
    let groups: Vec<(GroupRow, Decimal, bool)> = grouped
        .into_iter()
        .map(|(node, lines)| group_of(node, &lines, design, shown, lang))
        .collect();
    if let Some(id) = focus {
        let name = design
            .nodes
            .get(&id)
            .map_or("", |n| n.display_label(lang))
            .to_owned();
        let paid = groups
            .into_iter()
            .filter(|(g, ..)| g.node.as_ref() == Some(&id))
            .map(|(g, ..)| g)
            .collect();
        return Lines {
            focus: Some((id, name)),
            paid,
            free: Vec::new(),
        };
    }
    let (free, paid): (Vec<_>, Vec<_>) = groups.into_iter().partition(|(_, _, free)| *free);
    // Nodes with an unknown price first (what the total leaves out), then the most expensive
    // first (nodes in id order among equals).
    let order = largest_first(&paid.iter().map(|g| g.1).collect::<Vec<_>>());
    let mut sorted = Vec::with_capacity(paid.len());
    for unknown in [true, false] {
        for &i in &order {
            if paid[i].0.unknown == unknown {
                sorted.push(paid[i].0.clone());
            }
        }
    }
    Lines {
        focus: None,
        paid: sorted,
        free: free.into_iter().map(|g| g.0).collect(),
    }
}

/// One node's group, with its known amount and whether every line is free.
fn group_of(
    node_id: Option<&NodeId>,
    lines: &[&CostLine],
    design: &Design,
    shown: Shown,
    lang: Lang,
) -> (GroupRow, Decimal, bool) {
    let known: Decimal = lines.iter().filter_map(|l| l.monthly).sum();
    let unknown = lines.iter().any(|l| l.is_unknown());
    let free = lines
        .iter()
        .all(|l| matches!(l.status, LineStatus::Free(_)));
    let node = node_id.and_then(|id| design.nodes.get(id));
    let name = node.map_or(text::DESIGN_WIDE.get(lang), |n| n.display_label(lang));
    let total = match (unknown, known.is_zero()) {
        (true, true) => text::PRICE_UNKNOWN.get(lang).to_owned(),
        (true, false) => format!("{} + ?", shown.text(known)),
        (false, _) if free => text::FREE.get(lang).to_owned(),
        (false, _) => shown.text(known),
    };
    let kind = node
        .map(|n| n.kind.info().name.get(lang))
        .filter(|k| *k != name)
        .map(str::to_owned);
    let row = GroupRow {
        key: node_id.map_or(String::new(), |n| n.0.clone()),
        node: node_id.cloned(),
        name: name.to_owned(),
        kind,
        total,
        unknown,
        lines: lines.iter().map(|l| line_of(l, shown, lang)).collect(),
    };
    (row, known, free)
}

/// One cost line: its component and amount, and the reason, formula, unit price, quantity
/// and the price's source.
fn line_of(l: &CostLine, shown: Shown, lang: Lang) -> LineRow {
    let (status, amount) = match &l.status {
        LineStatus::Priced => ("priced", l.monthly.map(|m| shown.text(m))),
        LineStatus::Free(_) => ("free", Some(text::FREE.get(lang).to_owned())),
        LineStatus::UnpricedButUnused(_) => ("unused", l.monthly.map(|m| shown.text(m))),
        LineStatus::Unknown(_) => ("unknown", None),
    };
    let amount = amount.unwrap_or_else(|| text::PRICE_UNKNOWN.get(lang).to_owned());
    let key = format!(
        "{}/{}/{}",
        l.node.as_ref().map_or("", |n| n.as_str()),
        l.component.en,
        l.price_key.as_deref().unwrap_or("")
    );
    // A free kind's one line (a VPC's "VPC") needs no name or formula: its reason says it all.
    let only_why = match (&l.status, l.kind) {
        (LineStatus::Free(why), Some(kind)) if l.component == kind.info().name => {
            Some(why.get(lang).to_owned())
        }
        _ => None,
    };
    let mut details = Vec::new();
    match &l.status {
        LineStatus::Priced => {}
        LineStatus::Free(why) => details.push(Detail::Row(
            text::REASON.get(lang),
            why.get(lang).to_owned(),
        )),
        LineStatus::UnpricedButUnused(r) | LineStatus::Unknown(r) => {
            details.push(Detail::Row(text::REASON.get(lang), r.get(lang).to_owned()))
        }
    }
    details.push(Detail::Formula(text::FORMULA.get(lang), l.formula.clone()));
    if !matches!(l.status, LineStatus::Free(_)) {
        let price = match l.unit_price {
            Some(p) => format!("{} / {}", fmt_price(p), l.unit),
            None => text::PRICE_UNKNOWN.get(lang).to_owned(),
        };
        details.push(Detail::Row(text::UNIT_PRICE.get(lang), price));
    }
    if !l.unit.is_empty() {
        let sep = if l.unit.starts_with(|c: char| c.is_ascii_digit()) {
            " × "
        } else {
            " "
        };
        details.push(Detail::Row(
            text::QUANTITY.get(lang),
            format!("{}{sep}{}", fmt_num(l.quantity), l.unit),
        ));
    }
    if let Some(p) = &l.source {
        details.push(Detail::Source {
            term: text::SOURCE.get(lang),
            source: p.source.clone(),
            when: format!(
                "{} · {} {}",
                text::as_of(lang, &p.source_date),
                text::TRUST.get(lang),
                p.trust.as_str()
            ),
            price_key: l.price_key.clone(),
            note: p.note.clone(),
            flag: (p.trust == Trust::B).then(|| text::TRUST_B.get(lang)),
        });
    }
    LineRow {
        key,
        status,
        price_key: l.price_key.clone(),
        only_why,
        component: l.component.get(lang).to_owned(),
        amount,
        details,
    }
}

/// A `<details>` of the panel that opens as it was left (`open` holds the open ones' keys).
fn remember_open(open: StoredValue<Vec<String>>, key: String) -> impl Fn(leptos::ev::Event) {
    move |ev| {
        // `toggle` does not bubble, but a nested `<details>` could dispatch its own.
        if ev.target() != ev.current_target() {
            return;
        }
        let now = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            .is_some_and(|d| d.open());
        open.update_value(|o| {
            o.retain(|k| *k != key);
            if now {
                o.push(key.clone());
            }
        });
    }
}

/// The cost lines: one item per node (keyed by its id) and per line (keyed by node, component
/// and price key), so what a person opened or focused stays with its item.
#[component]
fn LineList(
    /// The lines to list.
    lines: Memo<Option<Lines>>,
    /// The keys of the open `<details>`.
    open: StoredValue<Vec<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let focus = Memo::new(move |_| lines.with(|l| l.as_ref().and_then(|l| l.focus.clone())));
    // A page at a time of each list: a design of thousands of nodes has thousands of groups.
    let (paid_limit, free_limit) = (RwSignal::new(PAGE), RwSignal::new(PAGE));
    let keys = move |free: bool| {
        let limit = if free { free_limit } else { paid_limit }.get();
        lines.with(|l| {
            l.as_ref().map_or(Vec::new(), |l| {
                let gs = if free { &l.free } else { &l.paid };
                gs.iter()
                    .take(limit)
                    .map(|g| g.key.clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    let count = move |free: bool| {
        Signal::derive(move || {
            lines.with(|l| {
                l.as_ref()
                    .map_or(0, |l| if free { l.free.len() } else { l.paid.len() })
            })
        })
    };
    let focused = move || focus.with(Option::is_some);
    let group = move |key: String| view! { <GroupItem id=key lines open focused=focused() /> };
    move || match focus.get() {
        Some((_, name)) => {
            let has_group = move || lines.with(|l| l.as_ref().is_some_and(|l| !l.paid.is_empty()));
            view! {
                <p class="findings-filter">
                    <span>
                        {tr(lang, text::FINDINGS_FOR)}
                        " "
                        <strong>{name}</strong>
                    </span>
                    <button
                        type="button"
                        class="link-button"
                        data-action="show-all"
                        on:click=move |_| state.selection.set(Selection::None)
                    >
                        {tr(lang, text::SHOW_ALL)}
                    </button>
                </p>
                <Show
                    when=has_group
                    fallback=move || {
                        view! { <p class="muted cost-note">{tr(lang, text::NO_COST_LINES)}</p> }
                    }
                >
                    <ul class="cost-groups" data-testid="cost-lines">
                        <For each=move || keys(false) key=|k| k.clone() children=group />
                    </ul>
                </Show>
            }
            .into_any()
        }
        None => {
            let free_count = count(true);
            let has_free = move || free_count.get() != 0;
            view! {
                <ul class="cost-groups" data-testid="cost-lines">
                    <For each=move || keys(false) key=|k| k.clone() children=group />
                </ul>
                <ShowMore limit=paid_limit total=count(false) />
                <Show when=has_free>
                    <details
                        class="cost-free"
                        data-testid="free-lines"
                        data-key=FREE_KEY
                        open=open.with_value(|o| o.iter().any(|k| k == FREE_KEY))
                        on:toggle=remember_open(open, FREE_KEY.to_owned())
                    >
                        <summary>
                            {move || {
                                format!("{} ({})", text::FREE_NODES.get(lang.get()), free_count.get())
                            }}
                        </summary>
                        <ul class="cost-groups">
                            <For each=move || keys(true) key=|k| k.clone() children=group />
                        </ul>
                        <ShowMore limit=free_limit total=free_count />
                    </details>
                </Show>
            }
            .into_any()
        }
    }
}

/// One node's group: its name (a button that selects it), kind, total, and lines.
#[component]
fn GroupItem(
    /// The group's key (the node's id; empty for the design-wide lines).
    id: String,
    /// All the lines.
    lines: Memo<Option<Lines>>,
    /// The keys of the open `<details>`.
    open: StoredValue<Vec<String>>,
    /// Whether the list shows the selected node's group alone.
    focused: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let row = Memo::new(move |_| lines.with(|l| l.as_ref().and_then(|l| l.group(&id).cloned())));
    let node = row.with_untracked(|r| r.as_ref().and_then(|r| r.node.clone()));
    let name = move || row.with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default());
    let head = match node.clone() {
        Some(id) => {
            let this = id.clone();
            view! {
                <button
                    type="button"
                    class="cost-node-name"
                    data-select-node=id.0.clone()
                    title=name
                    aria-pressed=if focused { "true" } else { "false" }
                    on:click=move |_| {
                        let again = state
                            .selection
                            .with_untracked(|s| s.single_node() == Some(&this));
                        state.selection.set(if again {
                            Selection::None
                        } else {
                            Selection::node(this.clone())
                        });
                    }
                >
                    {name}
                </button>
            }
            .into_any()
        }
        None => view! { <span class="cost-node-name">{name}</span> }.into_any(),
    };
    let line_keys = move || {
        row.with(|r| {
            r.as_ref().map_or(Vec::new(), |r| {
                r.lines.iter().map(|l| l.key.clone()).collect()
            })
        })
    };
    view! {
        <li
            class="cost-group"
            class:has-unknown=move || row.with(|r| r.as_ref().is_some_and(|r| r.unknown))
            data-cost-node=node.map(|n| n.0)
        >
            <div class="cost-group-head">
                {head}
                {move || {
                    row.with(|r| r.as_ref().and_then(|r| r.kind.clone()))
                        .map(|k| view! { <span class="cost-kind">{k}</span> })
                }}
                <span class="amount">
                    {move || row.with(|r| r.as_ref().map(|r| r.total.clone()).unwrap_or_default())}
                </span>
            </div>
            <ul class="cost-lines">
                <For
                    each=line_keys
                    key=|k| k.clone()
                    children=move |k: String| {
                        let line = Memo::new(move |_| {
                            row.with(|r| {
                                r.as_ref().and_then(|r| r.lines.iter().find(|l| l.key == k).cloned())
                            })
                        });
                        move || line.get().map(|l| line_view(l, open))
                    }
                />
            </ul>
        </li>
    }
}

/// One cost line: its component and amount, opening to its details.
fn line_view(l: LineRow, open: StoredValue<Vec<String>>) -> impl IntoView {
    if let Some(why) = l.only_why {
        return view! {
            <li class="cost-line" data-status="free">
                <p class="cost-why">{why}</p>
            </li>
        }
        .into_any();
    }
    let is_open = open.with_value(|o| o.contains(&l.key));
    let details = l
        .details
        .into_iter()
        .map(|d| match d {
            Detail::Row(term, value) => view! {
                <dt>{term}</dt>
                <dd>{value}</dd>
            }
            .into_any(),
            Detail::Formula(term, formula) => view! {
                <dt>{term}</dt>
                <dd>
                    <code class="cost-formula">{formula}</code>
                </dd>
            }
            .into_any(),
            Detail::Source {
                term,
                source,
                when,
                price_key,
                note,
                flag,
            } => view! {
                <dt>{term}</dt>
                <dd class="cost-source">
                    {source}
                    <br />
                    <span class="muted">{when}</span>
                    {price_key.map(|k| view! { " " <code>{k}</code> })}
                    {note.map(|n| view! { <br /> <span class="muted">{n}</span> })}
                    {flag.map(|f| view! { <br /> <span class="cost-flag">{f}</span> })}
                </dd>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        <li class="cost-line" data-status=l.status data-price-key=l.price_key>
            <details data-key=l.key.clone() open=is_open on:toggle=remember_open(open, l.key)>
                <summary>
                    <span class="cost-component">{l.component}</span>
                    <span class="amount">{l.amount}</span>
                </summary>
                <dl class="cost-line-details">{details}</dl>
            </details>
        </li>
    }
    .into_any()
}

/// A number the panel edits.
#[derive(Clone, Copy)]
enum Field {
    /// A usage assumption.
    Usage(&'static UsageSpec),
    /// The yen-per-dollar rate.
    Rate,
}

/// A labelled text input for a number. A typed value is committed on change; one that is not
/// a number or out of range is refused with the reason, and the design keeps its old value.
fn number_field(field: Field, state: AppState) -> impl IntoView {
    let lang = state.lang;
    let value = Memo::new(move |_| {
        state.design.with(|d| match field {
            Field::Usage(spec) => d.usage(spec.key),
            Field::Rate => d.jpy_per_usd,
        })
    });
    // The refused edit and the value that was kept; shown while the design still holds it.
    let error = RwSignal::new(None::<(EditError, f64)>);
    let shown_error = move || error.get().filter(|(_, kept)| *kept == value.get());
    let (testid, label, unit) = match field {
        Field::Usage(spec) => (
            format!("usage-{}", spec.key),
            spec.name,
            text::usage_unit(spec.key),
        ),
        Field::Rate => (
            "jpy-rate".to_owned(),
            text::RATE_LABEL.text(),
            Some(text::YEN),
        ),
    };
    let on_change = move |ev: leptos::ev::Event| {
        let kept = value.get_untracked();
        let result = match parse_number(&event_target_value(&ev)) {
            None => Err(EditError::NotANumber),
            Some(v) => match field {
                Field::Usage(spec) => state.set_usage(spec.key, v),
                Field::Rate => state.set_jpy_per_usd(v),
            },
        };
        error.set(result.err().map(|e| (e, kept)));
    };
    let message = move || {
        shown_error().map(|(e, kept)| {
            let lang = lang.get();
            let text = match e {
                EditError::OutOfRange { min, max } => text::out_of_range(lang, min, max, kept),
                EditError::BadRate => {
                    text::bad_rate(lang, crate::ui::shell::state::MAX_JPY_PER_USD, kept)
                }
                EditError::NotANumber | EditError::UnknownKey => text::not_a_number(lang, kept),
            };
            view! { <span class="field-error" role="alert">{text}</span> }
        })
    };
    view! {
        <label class="num-field" class:num-field--rate=matches!(field, Field::Rate)>
            <span class="num-label">{tr(lang, label)}</span>
            <span class="num-box">
                <input
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    data-testid=testid
                    prop:value=move || crate::core::support::numtext::shortest(value.get())
                    aria-invalid=move || shown_error().is_some().to_string()
                    on:change=on_change
                />
                <span class="num-unit">{move || unit.map(|u| u.get(lang.get()))}</span>
            </span>
            {message}
        </label>
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// JavaScript's `Number(text)`: the browser's number parser, so that the wasm carries no
    /// float parser of its own.
    #[wasm_bindgen(js_name = Number)]
    fn js_number(text: &str) -> f64;
}

/// A number as a person types it: ASCII or full-width digits, an optional decimal point,
/// thousands separators and spaces ignored. `None` unless it is a finite number.
fn parse_number(typed: &str) -> Option<f64> {
    let ascii: String = typed
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            '－' | '−' => Some('-'),
            ',' | '，' | '_' | ' ' | '\u{3000}' => None,
            c => Some(c),
        })
        .collect();
    // `Number("")` is 0 and `Number("0x10")` is 16: accept decimal digits, sign, point and
    // exponent only.
    let decimal = ascii.bytes().any(|b| b.is_ascii_digit())
        && ascii
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    Some(js_number(&ascii)).filter(|v| decimal && v.is_finite())
}
