//! The cost panel (課題 3): the monthly estimate of the current design from its region's
//! pricing table, updated on every change. The total (a plain number in the shown currency),
//! the auto-scaling range, a per-day figure, where the money goes by kind, and every cost line
//! grouped per node with its formula, unit price, quantity and source. The region, currency,
//! yen rate, tax and usage assumptions are edited here, through `AppState` methods.
//!
//! The core prices the design (`estimate_range`) and converts amounts (`Shown`); this file
//! only lays them out. The read-only parts (summary, chart, lines) are written as HTML text
//! with every piece of text escaped, and set with `inner_html` from memos: typed Leptos views
//! for them cost about 40 KB of gzipped wasm, a string writer a fraction of that. Their
//! buttons and `<details>` are handled by one delegated click listener.

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

use crate::core::support::html::{el, esc};
use crate::ui::editor::gestures::target_element;
use crate::ui::editor::morph::follow;
use crate::ui::shell::pricing::Cost;
use crate::ui::shell::state::{AppState, EditError, Selection};
use crate::ui::text;

/// The usage assumption shown beside the auto-scaling range rather than in the list.
const PEAK: &str = "peak_hours_per_month";

/// The `data-key` of the free-resources group (a line's key always holds two `/`, so the two
/// never meet).
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
    // Which `<details>` are open, so that a re-render after an edit keeps them open.
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
    let summary = Memo::new(move |_| {
        let lang = lang.get();
        let mut out = String::new();
        match cost.get() {
            Cost::Loading => {
                out.push_str(
                    r#"<p class="cost-loading" role="status" data-testid="cost-loading"><span class="spinner" aria-hidden="true"></span>"#,
                );
                esc(&mut out, text::LOADING_PRICES.get(lang));
                out.push_str("</p>");
            }
            Cost::Failed(f) => {
                out.push_str(r#"<div class="alert cost-error" role="alert" data-testid="cost-error"><p><strong>"#);
                esc(&mut out, text::PRICES_FAILED.get(lang));
                out.push_str("</strong> (");
                out.push_str(region.get().code());
                out.push_str(")<br>");
                esc(&mut out, &f.message(lang));
                out.push_str("<br>");
                esc(&mut out, text::PRICES_FAILED_HELP.get(lang));
                out.push_str(r#"</p><button type="button" class="button" data-action="retry">"#);
                esc(&mut out, text::RETRY.get(lang));
                out.push_str("</button></div>");
            }
            Cost::Ready(r) => summary_html(&mut out, &r, shown.get(), lang),
        }
        out
    });
    let breakdown = Memo::new(move |_| {
        let Cost::Ready(r) = cost.get() else {
            return String::new();
        };
        let lang = lang.get();
        let focus = state.selection.with(|s| s.single_node().cloned());
        let mut out = String::new();
        open.with_value(|open| {
            state.design.with(|d| {
                breakdown_html(
                    &mut out,
                    &r.expected,
                    d,
                    shown.get(),
                    focus.as_ref(),
                    lang,
                    open,
                )
            })
        });
        out
    });
    // One listener for the buttons and `<details>` written as HTML.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = target_element(&ev) else {
            return;
        };
        let closest = |sel: &str| target.closest(sel).ok().flatten();
        if let Some(b) = closest("[data-currency]") {
            match b.get_attribute("data-currency").as_deref() {
                Some("USD") => state.set_currency(Currency::Usd),
                Some("JPY") => state.set_currency(Currency::Jpy),
                _ => {}
            }
        } else if let Some(b) = closest("[data-select-node]") {
            let id = NodeId(b.get_attribute("data-select-node").unwrap_or_default());
            let again = state
                .selection
                .with_untracked(|s| s.single_node() == Some(&id));
            state.selection.set(if again {
                Selection::None
            } else {
                Selection::node(id)
            });
        } else if let Some(b) = closest("[data-action]") {
            match b.get_attribute("data-action").as_deref() {
                Some("retry") => state.retry_prices(),
                Some("show-all") => state.selection.set(Selection::None),
                _ => {}
            }
        } else if let Some(details) = closest("summary").and_then(|s| s.parent_element()) {
            // The click comes before the toggle: it is about to open when it is closed.
            if let Some(key) = details.get_attribute("data-key") {
                let opening = !details.has_attribute("open");
                open.update_value(|o| {
                    o.retain(|k| *k != key);
                    if opening {
                        o.push(key);
                    }
                });
            }
        }
    };
    let peak = USAGE.iter().find(|u| u.key == PEAK);
    // The region, currency and tax controls as text, brought up to date in place.
    let choices = Memo::new(move |_| {
        choices_html(lang.get(), region.get(), currency.get(), include_tax.get())
    });
    let choices_ref = NodeRef::<leptos::html::Div>::new();
    follow(choices_ref, choices, || true);

    view! {
        <section
            class="cost"
            data-testid="cost"
            aria-labelledby="cost-title"
            on:click=on_click
            // The region picker's and the tax toggle's change, caught on the way down (a
            // `change` fired by a script need not bubble).
            on:change:capture=move |ev| on_choice(state, &ev)
        >
            <div class="cost-head">
                <h2 id="cost-title">{tr(lang, text::COST)}</h2>
                <span class="cost-version" data-testid="table-version">{version}</span>
            </div>
            <div class="cost-card">
                <div aria-live="polite" inner_html=summary></div>
                <div class="cost-peak" class:hidden=move || !has_range()>
                    {peak.map(|spec| number_field(Field::Usage(spec), state))}
                </div>
            </div>
            <div class="cost-controls">
                <div
                    class="cost-choices"
                    node_ref=choices_ref
                    // The first text at once (`follow` keeps it up to date).
                    inner_html=choices.get_untracked()
                ></div>
                {move || (currency.get() == Currency::Jpy).then(|| number_field(Field::Rate, state))}
            </div>
            <div class="cost-breakdown" inner_html=breakdown></div>
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

/// The region picker, the currency switch and the tax toggle, as escaped HTML.
fn choices_html(lang: Lang, region: Region, currency: Currency, include_tax: bool) -> String {
    let mut out = String::new();
    el(
        &mut out,
        "<label class=\"cost-region\"><span class=\"cost-label\">",
        text::REGION_PICKER.get(lang),
        " <code>",
    );
    out.push_str(region.code());
    out.push_str("</code></span><select data-testid=\"region-picker\">");
    for r in Region::ALL {
        out.push_str("<option value=\"");
        out.push_str(r.code());
        out.push('"');
        if r == region {
            out.push_str(" selected");
        }
        el(&mut out, ">", r.name().get(lang), "</option>");
    }
    out.push_str("</select></label><div class=\"cost-money\"><div class=\"segmented\" role=\"group\" data-testid=\"currency\" aria-label=\"");
    esc(&mut out, text::CURRENCY.get(lang));
    out.push_str("\">");
    for (c, name) in [(Currency::Usd, "USD"), (Currency::Jpy, "JPY")] {
        out.push_str("<button type=\"button\" data-currency=\"");
        out.push_str(name);
        out.push_str("\" aria-pressed=\"");
        out.push_str(if c == currency { "true" } else { "false" });
        out.push_str("\">");
        out.push_str(name);
        out.push_str("</button>");
    }
    out.push_str(
        "</div><label class=\"toggle\"><input type=\"checkbox\" data-testid=\"include-tax\"",
    );
    if include_tax {
        out.push_str(" checked");
    }
    el(
        &mut out,
        "><span>",
        text::INCLUDE_TAX.get(lang),
        "</span></label></div>",
    );
    out
}

/// A region picked, or the tax toggled.
fn on_choice(state: AppState, ev: &leptos::ev::Event) {
    let Some(target) = target_element(ev) else {
        return;
    };
    match target.get_attribute("data-testid").as_deref() {
        Some("region-picker") => {
            let code = target
                .dyn_ref::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            if let Some(r) = Region::from_code(&code) {
                state.set_region(r);
            }
        }
        Some("include-tax") => {
            if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
                state.set_include_tax(input.checked());
            }
        }
        _ => {}
    }
}

/// The total, the per-day figure, the auto-scaling range and the unknown-price note.
fn summary_html(out: &mut String, r: &EstimateRange, shown: Shown, lang: Lang) {
    let e = &r.expected;
    let tax = if shown.include_tax {
        text::WITH_TAX
    } else {
        text::BEFORE_TAX
    };
    el(
        out,
        r#"<p class="cost-figure"><span class="cost-symbol">"#,
        shown.symbol(),
        "</span>",
    );
    el(
        out,
        r#"<span class="cost-total" data-testid="total-monthly">"#,
        &shown.plain(e.total_monthly_usd),
        "</span>",
    );
    el(
        out,
        r#"<span class="cost-per-month">"#,
        text::PER_MONTH.get(lang),
        "</span>",
    );
    el(
        out,
        r#"<span class="cost-tax" data-testid="tax-state">"#,
        tax.get(lang),
        "</span></p>",
    );
    el(
        out,
        r#"<p class="cost-per-day" data-testid="per-day">"#,
        &text::per_day(lang, &shown.text(e.per_day_usd())),
        "</p>",
    );
    if r.low.total_monthly_usd != r.high.total_monthly_usd {
        el(
            out,
            r#"<p class="cost-range" data-testid="cost-range"><span class="cost-label">"#,
            text::RANGE.get(lang),
            "</span>",
        );
        let range = crate::ui::text::i18n::tr!(
            lang,
            range_between,
            low = shown.text(r.low.total_monthly_usd),
            high = shown.text(r.high.total_monthly_usd),
        );
        el(out, "<strong>", &range, "</strong>");
        el(
            out,
            r#"<span class="muted">"#,
            text::RANGE_ENDS.get(lang),
            "</span></p>",
        );
    }
    if e.unknown_lines > 0 {
        el(
            out,
            r#"<p class="cost-unknown" data-testid="unknown-note">"#,
            &text::unknown_note(lang, e.unknown_lines),
            "</p>",
        );
    }
}

/// The chart of where the money goes, then the cost lines.
fn breakdown_html(
    out: &mut String,
    e: &Estimate,
    design: &Design,
    shown: Shown,
    focus: Option<&NodeId>,
    lang: Lang,
    open: &[String],
) {
    el(out, "<h3>", text::WHERE_MONEY_GOES.get(lang), "</h3>");
    chart_html(out, e, shown, lang);
    el(out, "<h3>", text::LINES.get(lang), "</h3>");
    if shown.currency == Currency::Jpy || shown.include_tax {
        el(
            out,
            r#"<p class="cost-note muted">"#,
            text::FORMULAS_IN_USD.get(lang),
            "</p>",
        );
    }
    lines_html(out, e, design, shown, focus, lang, open);
}

/// Horizontal bars of the known monthly amount per kind, largest first (SVG bars: no inline
/// style, so a strict content security policy would not break them).
fn chart_html(out: &mut String, e: &Estimate, shown: Shown, lang: Lang) {
    let rows: Vec<_> = e
        .by_kind()
        .into_iter()
        .filter(|(_, v)| *v > Decimal::ZERO)
        .collect();
    let order = largest_first(&rows.iter().map(|r| r.1).collect::<Vec<_>>());
    let max = order.first().map_or(Decimal::ONE, |&i| rows[i].1);
    out.push_str(r#"<ul class="cost-chart" data-testid="cost-chart">"#);
    for (kind, v) in order.into_iter().map(|i| rows[i]) {
        let name = kind.map_or(text::DESIGN_WIDE.get(lang), |k| k.info().name.get(lang));
        out.push_str(r#"<li data-kind=""#);
        out.push_str(kind.map_or("design", |k| k.id()));
        el(out, r#""><span class="bar-label">"#, name, "</span>");
        out.push_str(r#"<svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true"><rect height="8" width=""#);
        out.push_str(&(v * Decimal::ONE_HUNDRED / max).round_dp(1).to_string());
        el(
            out,
            r#""></rect></svg><span class="bar-amount">"#,
            &shown.text(v),
            "</span></li>",
        );
    }
    out.push_str("</ul>");
}

/// The indices of `amounts`, largest amount first, equal amounts in their order (an insertion
/// sort: a few dozen items, and no generic sort to compile in).
fn largest_first(amounts: &[Decimal]) -> Vec<usize> {
    let mut order: Vec<usize> = Vec::with_capacity(amounts.len());
    for i in 0..amounts.len() {
        let at = order
            .iter()
            .position(|&j| amounts[j] < amounts[i])
            .unwrap_or(order.len());
        order.insert(at, i);
    }
    order
}

/// One node's lines (or the whole design's, `node: None`).
struct Group<'a> {
    node: Option<&'a NodeId>,
    lines: Vec<&'a CostLine>,
    known: Decimal,
    unknown: bool,
    free: bool,
}

/// The cost lines grouped per node: paid nodes by amount, then the free ones together; only
/// the selected node's when a node is selected.
fn lines_html(
    out: &mut String,
    e: &Estimate,
    design: &Design,
    shown: Shown,
    focus: Option<&NodeId>,
    lang: Lang,
    open: &[String],
) {
    let mut groups: Vec<Group> = Vec::new();
    for l in &e.lines {
        match groups.last_mut() {
            Some(g) if g.node == l.node.as_ref() => g.lines.push(l),
            _ => groups.push(Group {
                node: l.node.as_ref(),
                lines: vec![l],
                known: Decimal::ZERO,
                unknown: false,
                free: true,
            }),
        }
    }
    for g in &mut groups {
        g.known = g.lines.iter().filter_map(|l| l.monthly).sum();
        g.unknown = g.lines.iter().any(|l| l.is_unknown());
        g.free = g
            .lines
            .iter()
            .all(|l| matches!(l.status, LineStatus::Free(_)));
    }
    let ctx = LineCtx {
        design,
        shown,
        lang,
        open,
        focused: focus.is_some(),
    };

    if let Some(id) = focus {
        let name = design.nodes.get(id).map_or("", |n| n.display_label(lang));
        el(
            out,
            r#"<p class="findings-filter"><span>"#,
            text::FINDINGS_FOR.get(lang),
            " <strong>",
        );
        el(out, "", name, "</strong></span>");
        el(
            out,
            r#"<button type="button" class="link-button" data-action="show-all">"#,
            text::SHOW_ALL.get(lang),
            "</button></p>",
        );
        match groups.iter().find(|g| g.node == Some(id)) {
            Some(g) => {
                out.push_str(r#"<ul class="cost-groups" data-testid="cost-lines">"#);
                group_html(out, g, &ctx);
                out.push_str("</ul>");
            }
            None => el(
                out,
                r#"<p class="muted cost-note">"#,
                text::NO_COST_LINES.get(lang),
                "</p>",
            ),
        }
        return;
    }

    let (free, paid): (Vec<Group>, Vec<Group>) = groups.into_iter().partition(|g| g.free);
    out.push_str(r#"<ul class="cost-groups" data-testid="cost-lines">"#);
    // Nodes with an unknown price first (what the total leaves out), then the most expensive
    // first (nodes in id order among equals).
    let order = largest_first(&paid.iter().map(|g| g.known).collect::<Vec<_>>());
    for unknown in [true, false] {
        for &i in &order {
            if paid[i].unknown == unknown {
                group_html(out, &paid[i], &ctx);
            }
        }
    }
    if !free.is_empty() {
        out.push_str(r#"<li class="cost-free"><details data-testid="free-lines" data-key=""#);
        out.push_str(FREE_KEY);
        out.push('"');
        if open.iter().any(|k| k == FREE_KEY) {
            out.push_str(" open");
        }
        let title = format!("{} ({})", text::FREE_NODES.get(lang), free.len());
        el(
            out,
            "><summary>",
            &title,
            r#"</summary><ul class="cost-groups">"#,
        );
        for g in &free {
            group_html(out, g, &ctx);
        }
        out.push_str("</ul></details></li>");
    }
    out.push_str("</ul>");
}

/// What every line of one rendering shares.
struct LineCtx<'a> {
    design: &'a Design,
    shown: Shown,
    lang: Lang,
    open: &'a [String],
    focused: bool,
}

/// One node's group: its name (a button that selects it), kind, total, and lines.
fn group_html(out: &mut String, g: &Group, c: &LineCtx) {
    let lang = c.lang;
    let node = g.node.and_then(|id| c.design.nodes.get(id));
    let name = node.map_or(text::DESIGN_WIDE.get(lang), |n| n.display_label(lang));
    let total = match (g.unknown, g.known.is_zero()) {
        (true, true) => text::PRICE_UNKNOWN.get(lang).to_owned(),
        (true, false) => format!("{} + ?", c.shown.text(g.known)),
        (false, _) if g.free => text::FREE.get(lang).to_owned(),
        (false, _) => c.shown.text(g.known),
    };
    out.push_str(r#"<li class="cost-group"#);
    if g.unknown {
        out.push_str(" has-unknown");
    }
    out.push('"');
    if let Some(id) = g.node {
        el(out, r#" data-cost-node=""#, id.as_str(), "\"");
    }
    out.push_str(r#"><div class="cost-group-head">"#);
    match g.node {
        Some(id) => {
            el(
                out,
                r#"<button type="button" class="cost-node-name" data-select-node=""#,
                id.as_str(),
                "\"",
            );
            el(out, r#" title=""#, name, "\"");
            out.push_str(if c.focused {
                r#" aria-pressed="true">"#
            } else {
                r#" aria-pressed="false">"#
            });
            el(out, "", name, "</button>");
        }
        None => el(out, r#"<span class="cost-node-name">"#, name, "</span>"),
    }
    if let Some(kind) = node
        .map(|n| n.kind.info().name.get(lang))
        .filter(|k| *k != name)
    {
        el(out, r#"<span class="cost-kind">"#, kind, "</span>");
    }
    el(
        out,
        r#"<span class="amount">"#,
        &total,
        r#"</span></div><ul class="cost-lines">"#,
    );
    for l in &g.lines {
        line_html(out, l, c);
    }
    out.push_str("</ul></li>");
}

/// One cost line: its component and amount, expandable to the reason, formula, unit price,
/// quantity and the price's source.
fn line_html(out: &mut String, l: &CostLine, c: &LineCtx) {
    let lang = c.lang;
    let (status, amount) = match &l.status {
        LineStatus::Priced => ("priced", l.monthly.map(|m| c.shown.text(m))),
        LineStatus::Free(_) => ("free", Some(text::FREE.get(lang).to_owned())),
        LineStatus::UnpricedButUnused(_) => ("unused", l.monthly.map(|m| c.shown.text(m))),
        LineStatus::Unknown(_) => ("unknown", None),
    };
    let amount = amount.unwrap_or_else(|| text::PRICE_UNKNOWN.get(lang).to_owned());
    // A free kind's one line (a VPC's "VPC") needs no name or formula: its reason says it all.
    if let (LineStatus::Free(why), Some(kind)) = (&l.status, l.kind) {
        if l.component == kind.info().name {
            el(
                out,
                r#"<li class="cost-line" data-status="free"><p class="cost-why">"#,
                why.get(lang),
                "</p></li>",
            );
            return;
        }
    }
    let key = format!(
        "{}/{}/{}",
        l.node.as_ref().map_or("", |n| n.as_str()),
        l.component.en,
        l.price_key.as_deref().unwrap_or("")
    );
    out.push_str(r#"<li class="cost-line" data-status=""#);
    out.push_str(status);
    out.push('"');
    if let Some(k) = &l.price_key {
        el(out, r#" data-price-key=""#, k, "\"");
    }
    el(out, r#"><details data-key=""#, &key, "\"");
    if c.open.contains(&key) {
        out.push_str(" open");
    }
    el(
        out,
        r#"><summary><span class="cost-component">"#,
        l.component.get(lang),
        "</span>",
    );
    el(
        out,
        r#"<span class="amount">"#,
        &amount,
        r#"</span></summary><dl class="cost-line-details">"#,
    );
    let row = |out: &mut String, term: &str, value: &str| {
        el(out, "<dt>", term, "</dt>");
        el(out, "<dd>", value, "</dd>");
    };
    match &l.status {
        LineStatus::Priced => {}
        LineStatus::Free(why) => row(out, text::REASON.get(lang), why.get(lang)),
        LineStatus::UnpricedButUnused(r) | LineStatus::Unknown(r) => {
            row(out, text::REASON.get(lang), r.get(lang))
        }
    }
    el(out, "<dt>", text::FORMULA.get(lang), "</dt>");
    el(
        out,
        r#"<dd><code class="cost-formula">"#,
        &l.formula,
        "</code></dd>",
    );
    if !matches!(l.status, LineStatus::Free(_)) {
        let price = match l.unit_price {
            Some(p) => format!("{} / {}", fmt_price(p), l.unit),
            None => text::PRICE_UNKNOWN.get(lang).to_owned(),
        };
        row(out, text::UNIT_PRICE.get(lang), &price);
    }
    if !l.unit.is_empty() {
        let sep = if l.unit.starts_with(|c: char| c.is_ascii_digit()) {
            " × "
        } else {
            " "
        };
        row(
            out,
            text::QUANTITY.get(lang),
            &format!("{}{sep}{}", fmt_num(l.quantity), l.unit),
        );
    }
    if let Some(p) = &l.source {
        el(out, "<dt>", text::SOURCE.get(lang), "</dt>");
        el(out, r#"<dd class="cost-source">"#, &p.source, "<br>");
        let when = format!(
            "{} · {} {}",
            text::as_of(lang, &p.source_date),
            text::TRUST.get(lang),
            p.trust.as_str()
        );
        el(out, r#"<span class="muted">"#, &when, "</span>");
        if let Some(k) = &l.price_key {
            el(out, " <code>", k, "</code>");
        }
        if let Some(n) = &p.note {
            el(out, r#"<br><span class="muted">"#, n, "</span>");
        }
        if p.trust == Trust::B {
            el(
                out,
                r#"<br><span class="cost-flag">"#,
                text::TRUST_B.get(lang),
                "</span>",
            );
        }
        out.push_str("</dd>");
    }
    out.push_str("</dl></details></li>");
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
