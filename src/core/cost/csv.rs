//! The cost lines as CSV (RFC 4180), for spreadsheets: the CLI's `--format csv` and the app's
//! CSV export. Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, their
//! full-width forms `＝＋－＠`, tab, CR at the start) are prefixed with `'` so they stay text.

use std::fmt::Write;

use super::{cents, Estimate, LineStatus};
use crate::core::support::i18n::Lang;

/// The header row's column names (stable; documented in docs/cli.md).
pub const COLUMNS: &[&str] = &[
    "node",
    "kind",
    "component",
    "quantity",
    "unit",
    "unit_price_usd",
    "monthly_usd",
    "status",
    "price_key",
    "trust",
    "source_date",
    "formula",
];

/// One CSV cell: quoted when it holds a comma, a quote or a line break; made inert when a
/// spreadsheet would read it as a formula.
pub fn cell(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len() + 2);
    if raw.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']) {
        text.push('\'');
    }
    text.push_str(raw);
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Whether the line is priced, free, unknown, or unpriced but unused.
pub fn status_id(status: &LineStatus) -> &'static str {
    match status {
        LineStatus::Priced => "priced",
        LineStatus::Free(_) => "free",
        LineStatus::UnpricedButUnused(_) => "unused",
        LineStatus::Unknown(_) => "unknown",
    }
}

/// The estimate's lines as CSV, component names in `lang`, with a final total row.
pub fn to_csv(e: &Estimate, lang: Lang) -> String {
    let mut out = COLUMNS.join(",");
    out.push_str("\r\n");
    for l in &e.lines {
        let row = [
            l.node
                .as_ref()
                .map(|n| n.as_str().to_owned())
                .unwrap_or_default(),
            l.kind.map(|k| k.id().to_owned()).unwrap_or_default(),
            l.component.get(lang).to_owned(),
            l.quantity.normalize().to_string(),
            l.unit.to_owned(),
            l.unit_price
                .map(|p| p.normalize().to_string())
                .unwrap_or_default(),
            l.monthly.map(|m| cents(m).to_string()).unwrap_or_default(),
            status_id(&l.status).to_owned(),
            l.price_key.clone().unwrap_or_default(),
            l.source
                .as_ref()
                .map(|s| s.trust.as_str().to_owned())
                .unwrap_or_default(),
            l.source
                .as_ref()
                .map(|s| s.source_date.clone())
                .unwrap_or_default(),
            l.formula.clone(),
        ];
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    let _ = write!(
        out,
        ",,{},,,,{},,,,,\r\n",
        cell(match lang {
            Lang::Ja => "合計 (月額)",
            Lang::En => "Total (monthly)",
        }),
        e.total_monthly_usd
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_made_inert() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("line\nbreak"), "\"line\nbreak\"");
    }
}
