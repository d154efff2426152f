//! The sheet written out: plain text (the CLI's default) and a printable HTML fragment (the
//! app's panel), in one language, with the renderers' own words as values.

use std::fmt::Write;

use super::{Sheet, CALCULATOR_URL};
use crate::core::cost::{fmt_num, fmt_usd};
use crate::core::support::i18n::Lang;

/// UI words of the renderers.
struct Words {
    title: &'static str,
    region: &'static str,
    table: &'static str,
    open: &'static str,
    covers: &'static str,
    kumozu: &'static str,
    unconfirmed: &'static str,
    callouts: &'static str,
    counted_in: &'static str,
    total: &'static str,
    unknown: &'static str,
    field: &'static str,
    value: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Ja => Words {
            title: "AWS 料金見積りツール入力シート",
            region: "リージョン",
            table: "料金表",
            open: "料金見積りツールで「見積もりの作成」→ 下のサービスを順に追加し、各欄に値を入力します",
            covers: "対象ノード",
            kumozu: "kumozu の月額",
            unconfirmed: "* 料金見積りツールのドキュメントで確認できなかったラベル",
            callouts: "注意する行",
            counted_in: "金額を含めたサービス",
            total: "月額合計 (kumozu、税抜)",
            unknown: "価格不明の行",
            field: "項目",
            value: "入力する値",
        },
        Lang::En => Words {
            title: "AWS Pricing Calculator input sheet",
            region: "Region",
            table: "pricing table",
            open: "In the calculator choose \"Create estimate\", add the services below in order and fill each field",
            covers: "covers",
            kumozu: "kumozu monthly",
            unconfirmed: "* label not confirmed against the calculator's documentation",
            callouts: "Lines to note",
            counted_in: "counted in",
            total: "Monthly total (kumozu, before tax)",
            unknown: "Lines with unknown price",
            field: "Field",
            value: "Value to enter",
        },
    }
}

fn service_name(sheet: &Sheet, id: &str, lang: Lang) -> String {
    sheet
        .services
        .iter()
        .find(|s| s.id == id)
        .map(|s| s.name.get(lang).to_owned())
        .unwrap_or_else(|| id.to_owned())
}

/// The sheet as plain text in `lang` (the CLI's default output).
pub fn render_text(sheet: &Sheet, lang: Lang) -> String {
    let w = words(lang);
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", w.title, sheet.design_name);
    let _ = writeln!(
        out,
        "{}: {} ({}) · {} {} · {} h",
        w.region,
        sheet.region_name.get(lang),
        sheet.region.code(),
        w.table,
        sheet.table_version,
        fmt_num(sheet.hours_per_month)
    );
    let _ = writeln!(out, "{}: {CALCULATOR_URL}", w.open);
    for (i, s) in sheet.services.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{}. {} — {}: {}",
            i + 1,
            s.name.get(lang),
            w.kumozu,
            fmt_usd(s.monthly_usd)
        );
        if !s.nodes.is_empty() {
            let ids: Vec<&str> = s.nodes.iter().map(|n| n.as_str()).collect();
            let _ = writeln!(out, "   {}: {}", w.covers, ids.join(", "));
        }
        for note in &s.notes {
            let _ = writeln!(out, "   ! {}", note.get(lang));
        }
        for e in &s.entries {
            let _ = writeln!(out, "   [{}]", e.title.get(lang));
            let width = e
                .fields
                .iter()
                .map(|f| f.label.get(lang).chars().count() + usize::from(!f.confirmed))
                .max()
                .unwrap_or(0);
            for f in &e.fields {
                let label = format!(
                    "{}{}",
                    f.label.get(lang),
                    if f.confirmed { "" } else { "*" }
                );
                let pad = width.saturating_sub(label.chars().count());
                let _ = writeln!(
                    out,
                    "     {label}{}  {}",
                    " ".repeat(pad),
                    f.value.get(lang)
                );
            }
        }
    }
    if !sheet.callouts.is_empty() {
        let _ = writeln!(out, "\n{}:", w.callouts);
        for c in &sheet.callouts {
            let amount = c
                .monthly_usd
                .map(|m| format!(" ({})", fmt_usd(m)))
                .unwrap_or_default();
            let counted = c
                .counted_in
                .map(|id| format!(" [{}: {}]", w.counted_in, service_name(sheet, id, lang)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  - {}{amount}{counted}: {}",
                c.what.get(lang),
                c.reason.get(lang)
            );
        }
    }
    let _ = writeln!(out, "\n{}: {}", w.total, fmt_usd(sheet.total_monthly_usd));
    if sheet.unknown_lines > 0 {
        let _ = writeln!(out, "{}: {}", w.unknown, sheet.unknown_lines);
    }
    let _ = writeln!(out, "{}", w.unconfirmed);
    out
}

fn esc(s: &str, out: &mut String) {
    crate::core::drawing::svg::escape(s, out);
}

/// The sheet as a self-contained, printable HTML fragment in `lang`: every text escaped, no
/// scripts, no inline styles (the app's CSS gives it its look).
pub fn to_html(sheet: &Sheet, lang: Lang) -> String {
    let w = words(lang);
    let mut h = String::with_capacity(8192);
    h.push_str("<div class=\"sheet-doc\">");
    h.push_str("<h3 class=\"sheet-title\">");
    esc(w.title, &mut h);
    h.push_str(" — ");
    esc(&sheet.design_name, &mut h);
    h.push_str("</h3><p class=\"sheet-meta\">");
    esc(w.region, &mut h);
    h.push_str(": <strong data-testid=\"sheet-region\">");
    esc(sheet.region_name.get(lang), &mut h);
    h.push_str("</strong> (");
    esc(sheet.region.code(), &mut h);
    h.push_str(") · ");
    esc(w.table, &mut h);
    h.push(' ');
    esc(&sheet.table_version, &mut h);
    h.push_str(" · ");
    esc(&fmt_num(sheet.hours_per_month), &mut h);
    h.push_str(" h</p><p class=\"sheet-how\">");
    esc(w.open, &mut h);
    h.push_str("</p>");
    for (i, s) in sheet.services.iter().enumerate() {
        h.push_str(
            "<section class=\"sheet-service\" data-testid=\"sheet-service\" data-service-id=\"",
        );
        esc(s.id, &mut h);
        h.push_str("\"><h4><span class=\"sheet-service-name\">");
        let _ = write!(h, "{}. ", i + 1);
        esc(s.name.get(lang), &mut h);
        h.push_str("</span> <span class=\"sheet-service-amount\">");
        esc(w.kumozu, &mut h);
        h.push_str(": <span data-testid=\"sheet-service-monthly\">");
        esc(&fmt_usd(s.monthly_usd), &mut h);
        h.push_str("</span></span></h4>");
        if !s.nodes.is_empty() {
            h.push_str("<p class=\"sheet-covers\">");
            esc(w.covers, &mut h);
            h.push_str(": ");
            let ids: Vec<&str> = s.nodes.iter().map(|n| n.as_str()).collect();
            esc(&ids.join(", "), &mut h);
            h.push_str("</p>");
        }
        for note in &s.notes {
            h.push_str("<p class=\"sheet-note\">");
            esc(note.get(lang), &mut h);
            h.push_str("</p>");
        }
        for e in &s.entries {
            h.push_str("<table class=\"sheet-entry\"");
            if let Some(n) = &e.node {
                h.push_str(" data-node-id=\"");
                esc(n.as_str(), &mut h);
                h.push('"');
            }
            h.push_str("><caption>");
            esc(e.title.get(lang), &mut h);
            h.push_str("</caption><thead><tr><th scope=\"col\">");
            esc(w.field, &mut h);
            h.push_str("</th><th scope=\"col\">");
            esc(w.value, &mut h);
            h.push_str("</th></tr></thead><tbody>");
            for f in &e.fields {
                h.push_str("<tr data-testid=\"sheet-field\" data-field=\"");
                esc(f.id, &mut h);
                h.push_str("\"><th scope=\"row\" class=\"sheet-label\">");
                esc(f.label.get(lang), &mut h);
                if !f.confirmed {
                    h.push_str("<span class=\"sheet-unconfirmed\">*</span>");
                }
                h.push_str("</th><td class=\"sheet-value\">");
                esc(f.value.get(lang), &mut h);
                h.push_str("</td></tr>");
            }
            h.push_str("</tbody></table>");
        }
        h.push_str("</section>");
    }
    if !sheet.callouts.is_empty() {
        h.push_str("<section class=\"sheet-callouts\" data-testid=\"sheet-callouts\"><h4>");
        esc(w.callouts, &mut h);
        h.push_str("</h4><ul>");
        for c in &sheet.callouts {
            h.push_str("<li data-callout-kind=\"");
            esc(c.kind.id(), &mut h);
            h.push_str("\"><strong>");
            esc(c.what.get(lang), &mut h);
            h.push_str("</strong>");
            if let Some(m) = c.monthly_usd {
                h.push_str(" (");
                esc(&fmt_usd(m), &mut h);
                h.push(')');
            }
            if let Some(id) = c.counted_in {
                h.push_str(" [");
                esc(w.counted_in, &mut h);
                h.push_str(": ");
                esc(&service_name(sheet, id, lang), &mut h);
                h.push(']');
            }
            h.push_str(": ");
            esc(c.reason.get(lang), &mut h);
            h.push_str("</li>");
        }
        h.push_str("</ul></section>");
    }
    h.push_str("<p class=\"sheet-total\">");
    esc(w.total, &mut h);
    h.push_str(": <strong data-testid=\"sheet-total\">");
    esc(&fmt_usd(sheet.total_monthly_usd), &mut h);
    h.push_str("</strong></p>");
    if sheet.unknown_lines > 0 {
        h.push_str("<p class=\"sheet-unknown\">");
        esc(w.unknown, &mut h);
        let _ = write!(h, ": {}", sheet.unknown_lines);
        h.push_str("</p>");
    }
    h.push_str("<p class=\"sheet-footnote\">");
    esc(w.unconfirmed, &mut h);
    h.push_str("</p></div>");
    h
}
