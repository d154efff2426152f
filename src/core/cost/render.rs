//! A plain-text rendering of an estimate: one line per cost component, then the total.
//! Stable (golden files compare it) and readable in a terminal; the CLI's `table` format and
//! the tests use it.

use std::fmt::Write;

use crate::core::support::i18n::Lang;

use super::{fmt_num, fmt_price, fmt_usd, Estimate, LineStatus};

/// The estimate as text, in `lang`: a header, one line per component
/// (`node | component | quantity unit | unit price | monthly | formula | key trust date`),
/// the total and the number of lines whose price is unknown.
pub fn render_text(e: &Estimate, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "region {} | pricing table {} | scenario {} | {} h/month",
        e.region.code(),
        e.table_version,
        e.scenario.id(),
        fmt_num(e.hours_per_month)
    );
    for l in &e.lines {
        let node = l.node.as_ref().map(|n| n.as_str()).unwrap_or("(design)");
        let qty = if l.unit.is_empty() {
            "-".to_owned()
        } else if l.unit.starts_with(|c: char| c.is_ascii_digit()) {
            format!("{} × {}", fmt_num(l.quantity), l.unit)
        } else {
            format!("{} {}", fmt_num(l.quantity), l.unit)
        };
        let price = l
            .unit_price
            .map(fmt_price)
            .unwrap_or_else(|| "?".to_owned());
        let monthly = l
            .monthly
            .map(fmt_usd)
            .unwrap_or_else(|| "unknown".to_owned());
        let origin = match (&l.status, &l.price_key, &l.source) {
            (LineStatus::Free(_), ..) => "free".to_owned(),
            (_, Some(k), Some(s)) => format!("{k} {} {}", s.trust.as_str(), s.source_date),
            (LineStatus::Unknown(r) | LineStatus::UnpricedButUnused(r), _, _) => {
                r.get(lang).to_owned()
            }
            (_, Some(k), None) => k.clone(),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "{node} | {} | {qty} | {price} | {monthly} | {} | {origin}",
            l.component.get(lang),
            l.formula
        );
    }
    let _ = writeln!(
        out,
        "total {} per month ({} line{} with unknown price)",
        fmt_usd(e.total_monthly_usd),
        e.unknown_lines,
        if e.unknown_lines == 1 { "" } else { "s" }
    );
    out
}
