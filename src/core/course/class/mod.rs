//! A teacher's class view (issue 20): a model answer and a class of submissions (share links,
//! design files) in, one row per student out — the findings' counts as `validate` gives them,
//! the chapter's checklist points met, the monthly total and its difference from the model,
//! and the main differences from the model as `diff` finds them (nodes missing or extra,
//! placement, ALB rules). A submission that cannot be read is a row with its problem; it
//! never stops the others.
//!
//! Nothing here reads files or the network: the CLI and the worker hand in the texts and the
//! pricing tables. The rows are written out by `render` as text, CSV, JSON and a printable
//! HTML report.

pub mod render;

use std::sync::Arc;

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::core::cost::{estimate, PriceTable};
use crate::core::course::checklist;
use crate::core::course::compare::{self, Category, Difference};
use crate::core::document::model::Design;
use crate::core::document::region::Region;
use crate::core::format::link;
use crate::core::format::load::load_json;
use crate::core::support::i18n::Lang;
use crate::core::validate::{self, Message};

pub use render::{render_text, to_csv, to_html, CSV_COLUMNS};

/// The JSON form's format name and version ([`Class::to_json`]).
pub const FORMAT: &str = "kumozu-class";
/// See [`FORMAT`].
pub const VERSION: u32 = 1;

/// The categories of [`compare::Diff`] a row lists as its main differences.
pub const MAIN_CATEGORIES: [Category; 3] = [Category::Node, Category::Placement, Category::Rule];

/// One line of a class list: a student's name and what they handed in (a link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `name` of `name<TAB>link`, or the line's number for a bare link.
    pub name: String,
    /// The link as written (trimmed).
    pub link: String,
}

/// The entries of a class list: one submission a line, `name<TAB>link` or a bare link (named
/// by its line number, from 1). Blank lines and lines starting with `#` followed by a space
/// (comments) are skipped; a `#k1.…` fragment is a link.
pub fn parse_list(text: &str) -> Vec<Entry> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with("# ") || line.trim() == "#" {
            continue;
        }
        let (name, link) = match line.split_once('\t') {
            Some((name, link)) if !name.trim().is_empty() => (name.trim(), link.trim()),
            Some((_, link)) => ("", link.trim()),
            None => ("", line.trim()),
        };
        let name = if name.is_empty() {
            (i + 1).to_string()
        } else {
            name.to_owned()
        };
        out.push(Entry {
            name,
            link: link.to_owned(),
        });
    }
    out
}

/// Whether `text` is meant as a share link (a URL, a `#fragment` or a bare `k1.…` fragment)
/// rather than a design file's text.
pub fn looks_like_link(text: &str) -> bool {
    let t = text.trim();
    let fragment = t.split_once('.').is_some_and(|(tag, _)| {
        tag.len() > 1 && tag.starts_with('k') && tag[1..].bytes().all(|c| c.is_ascii_digit())
    });
    t.starts_with('#') || t.contains("://") || fragment
}

/// The design a link holds, or what is wrong with it in both languages.
pub fn open_link(link_text: &str) -> Result<Design, Message> {
    link::decode(link_text.trim())
        .map(|d| d.design)
        .map_err(|e| Message::new(e.message(Lang::Ja), e.message(Lang::En)))
}

/// The design in a design file's text, or what is wrong with it in both languages.
pub fn open_file_text(text: &str) -> Result<Design, Message> {
    load_json(text)
        .map(|l| l.design)
        .map_err(|e| Message::new(e.message(Lang::Ja), e.message(Lang::En)))
}

/// One student's hand-in: their name and their design, or why it could not be read.
#[derive(Debug, Clone)]
pub struct Submission {
    /// The student's name (or the line's number, or the file's name).
    pub name: String,
    /// The design, or the problem.
    pub design: Result<Design, Message>,
}

impl Submission {
    /// A submission from a list entry: its link opened.
    pub fn from_entry(e: &Entry) -> Submission {
        let design = if e.link.is_empty() {
            Err(Message::new("リンクがありません", "no link on this line"))
        } else {
            open_link(&e.link)
        };
        Submission {
            name: e.name.clone(),
            design,
        }
    }
}

/// One student's row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The student's name.
    pub name: String,
    /// Error findings (as `validate` counts them).
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Checklist points the design shows.
    pub checklist_met: usize,
    /// Checklist points in all (seven).
    pub checklist_total: usize,
    /// The expected month's total in USD (as `estimate` gives it), when priced.
    pub total_monthly_usd: Option<Decimal>,
    /// Lines of that estimate whose price is unknown (left out of the total).
    pub unknown_lines: usize,
    /// The total minus the model answer's total.
    pub delta_usd: Option<Decimal>,
    /// Every difference from the model that counts (`diff`'s changes, layout aside; cost lines
    /// too when both designs are priced).
    pub changes: usize,
    /// The main differences: nodes missing or extra, placement, ALB rules (the model is A,
    /// the student's design B, as `kumozu diff MODEL SUBMISSION`).
    pub differences: Vec<Difference>,
    /// Why the submission could not be read (then every figure is empty).
    pub problem: Option<Message>,
    /// The student's design, when read (for the report's diagram and the app's compare).
    pub design: Option<Design>,
}

impl Row {
    /// Whether the submission was read.
    pub fn is_read(&self) -> bool {
        self.problem.is_none()
    }

    /// The stable JSON form of the row (texts in `lang`; differences as `diff`'s JSON).
    pub fn to_json(&self, lang: Lang) -> Value {
        let read = self.is_read();
        json!({
            "name": self.name,
            "errors": if read { json!(self.errors) } else { Value::Null },
            "warnings": if read { json!(self.warnings) } else { Value::Null },
            "checklist_met": if read { json!(self.checklist_met) } else { Value::Null },
            "checklist_total": self.checklist_total,
            "total_monthly_usd": self.total_monthly_usd.map(usd_json),
            "unknown_lines": if read { json!(self.unknown_lines) } else { Value::Null },
            "delta_usd": self.delta_usd.map(usd_json),
            "changes": if read { json!(self.changes) } else { Value::Null },
            "differences": self.differences.iter().map(Difference::to_json).collect::<Vec<_>>(),
            "problem": self.problem.as_ref().map(|p| p.get(lang)),
        })
    }
}

/// The whole class: the model answer's facts and a row per submission, in the order handed in.
#[derive(Debug, Clone, PartialEq)]
pub struct Class {
    /// Where the model answer came from (`template:party-box`, a file name).
    pub model_name: String,
    /// The model answer's expected monthly total, when priced.
    pub model_total_usd: Option<Decimal>,
    /// The model answer.
    pub model: Design,
    /// One row per submission.
    pub rows: Vec<Row>,
}

impl Class {
    /// How many submissions could not be read.
    pub fn unread(&self) -> usize {
        self.rows.iter().filter(|r| !r.is_read()).count()
    }

    /// The stable JSON form (`kumozu grade --format json`).
    pub fn to_json(&self, lang: Lang) -> Value {
        json!({
            "format": FORMAT,
            "version": VERSION,
            "model": {
                "name": self.model_name,
                "total_monthly_usd": self.model_total_usd.map(usd_json),
            },
            "summary": {
                "students": self.rows.len(),
                "read": self.rows.len() - self.unread(),
                "unread": self.unread(),
            },
            "students": self.rows.iter().map(|r| r.to_json(lang)).collect::<Vec<_>>(),
        })
    }
}

/// The pricing tables at hand: `None` for a region whose table could not be had (that row is
/// then not priced).
pub type Tables<'a> = &'a dyn Fn(Region) -> Option<Arc<PriceTable>>;

/// Grades every submission against `model`.
pub fn grade(
    model_name: &str,
    model: Design,
    submissions: Vec<Submission>,
    tables: Tables<'_>,
) -> Class {
    let model_total_usd = tables(model.region).map(|t| estimate(&model, &t).total_monthly_usd);
    let rows = submissions
        .into_iter()
        .map(|s| grade_one(&model, model_total_usd, s, tables))
        .collect();
    Class {
        model_name: model_name.to_owned(),
        model_total_usd,
        model,
        rows,
    }
}

/// One submission's row.
pub fn grade_one(
    model: &Design,
    model_total_usd: Option<Decimal>,
    submission: Submission,
    tables: Tables<'_>,
) -> Row {
    let Submission { name, design } = submission;
    let design = match design {
        Ok(d) => d,
        Err(problem) => {
            return Row {
                name,
                errors: 0,
                warnings: 0,
                checklist_met: 0,
                checklist_total: 7,
                total_monthly_usd: None,
                unknown_lines: 0,
                delta_usd: None,
                changes: 0,
                differences: Vec::new(),
                problem: Some(problem),
                design: None,
            }
        }
    };
    let findings = validate::validate(&design);
    let (errors, warnings, _) = validate::counts(&findings);
    let table = tables(design.region);
    let items = checklist::checklist(&design, table.as_deref());
    let priced = table.as_ref().map(|t| estimate(&design, t));
    let total_monthly_usd = priced.as_ref().map(|e| e.total_monthly_usd);
    // Priced as `kumozu diff` prices it when both tables are at hand (cost lines count too).
    let diff = match (tables(model.region), &table) {
        (Some(tm), Some(ts)) => compare::diff_priced(model, &design, &tm, ts),
        _ => compare::diff(model, &design),
    };
    Row {
        name,
        errors,
        warnings,
        checklist_met: checklist::ticked(&items),
        checklist_total: items.len(),
        total_monthly_usd,
        unknown_lines: priced.as_ref().map_or(0, |e| e.unknown_lines),
        delta_usd: total_monthly_usd.zip(model_total_usd).map(|(s, m)| s - m),
        changes: diff.changes.len(),
        differences: diff
            .changes
            .into_iter()
            .filter(|d| MAIN_CATEGORIES.contains(&d.category))
            .collect(),
        problem: None,
        design: Some(design),
    }
}

/// Dollars as a JSON number (whole numbers as integers), like the CLI's estimate.
fn usd_json(d: Decimal) -> Value {
    let text = d.normalize().to_string();
    if let Ok(i) = text.parse::<i64>() {
        return Value::from(i);
    }
    text.parse::<f64>().map(Value::from).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests;
