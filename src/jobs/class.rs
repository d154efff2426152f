//! The class view's answer (`core::course::class`, the same as `kumozu grade`): the model's
//! total and one row per submission as data the panel shows as a typed table (it sorts it), and
//! the CSV the panel exports. Money comes both as text and as whole cents (the sort key), so the
//! first-load code never parses a float.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::core::cost::{cents, fmt_usd};
use crate::core::course::class::{self, render::fmt_delta, Class, Row};
use crate::core::support::i18n::Lang;

/// The graded class as the panel gets it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Graded {
    /// The model answer's monthly total as text (empty when not priced).
    pub model_total: String,
    /// One row per submission, in the list's order.
    pub rows: Vec<ClassRow>,
    /// The class as CSV (`core::course::class::to_csv`).
    pub csv: String,
}

/// One student's row, ready to show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassRow {
    /// Its place in the list (0-based): the row's identity.
    pub id: usize,
    /// The student's name (or line number).
    pub name: String,
    /// The link as pasted (the panel opens it beside the model).
    pub link: String,
    /// Whether the link was read; the figures are empty when not.
    pub read: bool,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Checklist points met.
    pub checklist_met: usize,
    /// Checklist points in all.
    pub checklist_total: usize,
    /// The monthly total in whole cents (the sort key), when priced.
    pub total_cents: Option<i64>,
    /// The monthly total as text.
    pub total: String,
    /// The difference from the model in whole cents, when priced.
    pub delta_cents: Option<i64>,
    /// The difference as text (`+$12.30`).
    pub delta: String,
    /// How many differences from the model count.
    pub changes: usize,
    /// The main differences, one line each (`- Removed …`).
    pub differences: Vec<String>,
    /// Why the link could not be read.
    pub problem: Option<String>,
}

fn whole_cents(d: Decimal) -> Option<i64> {
    i64::try_from((cents(d) * Decimal::ONE_HUNDRED).trunc()).ok()
}

fn row(id: usize, link: String, r: &Row, lang: Lang) -> ClassRow {
    ClassRow {
        id,
        name: r.name.clone(),
        link,
        read: r.is_read(),
        errors: r.errors,
        warnings: r.warnings,
        checklist_met: r.checklist_met,
        checklist_total: r.checklist_total,
        total_cents: r.total_monthly_usd.and_then(whole_cents),
        total: r
            .total_monthly_usd
            .map(|t| fmt_usd(cents(t)))
            .unwrap_or_default(),
        delta_cents: r.delta_usd.and_then(whole_cents),
        delta: r.delta_usd.map(fmt_delta).unwrap_or_default(),
        changes: r.changes,
        differences: r
            .differences
            .iter()
            .map(|d| format!("{} {}", d.change.mark(), d.text.get(lang)))
            .collect(),
        problem: r.problem.as_ref().map(|p| p.get(lang).to_owned()),
    }
}

/// The answer for a graded class whose submissions came from `links` (in order).
pub(super) fn graded(c: &Class, links: Vec<String>, lang: Lang) -> Graded {
    Graded {
        model_total: c
            .model_total_usd
            .map(|t| fmt_usd(cents(t)))
            .unwrap_or_default(),
        rows: c
            .rows
            .iter()
            .zip(links)
            .enumerate()
            .map(|(i, (r, l))| row(i, l, r, lang))
            .collect(),
        csv: class::to_csv(c, lang),
    }
}
