//! The class written out: a text table (the CLI's default), CSV for a spreadsheet, and the
//! printable HTML report — one page per class, a section per student with their diagram.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::{Class, Row};
use crate::core::cost::{cents, csv::cell, fmt_usd};
use crate::core::course::compare::{self, Diff};
use crate::core::drawing::svg::{self, Options};
use crate::core::support::html::{el, esc};
use crate::core::support::i18n::Lang;

/// The CSV header's column names (stable; documented in docs/cli.md).
pub const CSV_COLUMNS: &[&str] = &[
    "name",
    "errors",
    "warnings",
    "checklist_met",
    "total_monthly_usd",
    "delta_usd",
    "differences",
    "problem",
];

/// A difference from the model in dollars, with its sign: `+$12.30`, `−$4.00`, `±$0.00`.
pub fn fmt_delta(d: Decimal) -> String {
    let d = cents(d);
    if d.is_zero() {
        "±$0.00".to_owned()
    } else if d.is_sign_negative() {
        format!("−{}", fmt_usd(d.abs()))
    } else {
        format!("+{}", fmt_usd(d))
    }
}

struct Words {
    model: &'static str,
    name: &'static str,
    errors: &'static str,
    warnings: &'static str,
    checklist: &'static str,
    monthly: &'static str,
    delta: &'static str,
    differences: &'static str,
    problem: &'static str,
    unpriced: &'static str,
    same: &'static str,
    title: &'static str,
    students: &'static str,
    unread: &'static str,
    more: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Ja => Words {
            model: "模範解答",
            name: "名前",
            errors: "エラー",
            warnings: "警告",
            checklist: "チェックリスト",
            monthly: "月額",
            delta: "模範解答との差",
            differences: "模範解答との主な違い",
            problem: "問題",
            unpriced: "価格なし",
            same: "主な違いはありません",
            title: "クラスの採点",
            students: "提出数",
            unread: "読めなかった提出",
            more: "ほかの違い",
        },
        Lang::En => Words {
            model: "Model answer",
            name: "Name",
            errors: "Errors",
            warnings: "Warnings",
            checklist: "Checklist",
            monthly: "Monthly",
            delta: "vs model",
            differences: "Main differences from the model",
            problem: "Problem",
            unpriced: "not priced",
            same: "no main differences",
            title: "Class grades",
            students: "Submissions",
            unread: "Could not be read",
            more: "other differences",
        },
    }
}

/// The row's cells as the text table and the report show them (empty for an unread one).
fn cells(r: &Row, w: &Words) -> [String; 6] {
    if !r.is_read() {
        return Default::default();
    }
    [
        r.name.clone(),
        r.errors.to_string(),
        r.warnings.to_string(),
        format!("{}/{}", r.checklist_met, r.checklist_total),
        r.total_monthly_usd
            .map(|t| fmt_usd(cents(t)))
            .unwrap_or_else(|| w.unpriced.to_owned()),
        r.delta_usd.map(fmt_delta).unwrap_or_default(),
    ]
}

fn model_line(c: &Class, w: &Words) -> String {
    format!(
        "{}: {} · {}",
        w.model,
        c.model_name,
        c.model_total_usd
            .map(|t| fmt_usd(cents(t)))
            .unwrap_or_else(|| w.unpriced.to_owned())
    )
}

/// The class as text: the model answer, a table (one line a student, a problem in its line),
/// then each student's main differences.
pub fn render_text(c: &Class, lang: Lang) -> String {
    let w = words(lang);
    let mut out = model_line(c, &w);
    out.push_str("\n\n");
    let head = [
        w.name,
        w.errors,
        w.warnings,
        w.checklist,
        w.monthly,
        w.delta,
    ]
    .map(str::to_owned);
    let rows: Vec<[String; 6]> = c
        .rows
        .iter()
        .map(|r| {
            let mut cs = cells(r, &w);
            cs[0] = r.name.clone();
            cs
        })
        .collect();
    let width = |i: usize| {
        rows.iter()
            .chain([&head])
            .map(|r| r[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..6).map(width).collect();
    let line = |cs: &[String; 6], tail: &str| {
        let mut l = String::new();
        for (i, s) in cs.iter().enumerate() {
            l.push_str(s);
            l.push_str(&" ".repeat(widths[i].saturating_sub(s.chars().count()) + 2));
        }
        l.push_str(tail);
        format!("{}\n", l.trim_end())
    };
    out.push_str(&line(&head, w.differences));
    for (r, cs) in c.rows.iter().zip(&rows) {
        let tail = match &r.problem {
            Some(p) => format!("{}: {}", w.problem, p.get(lang)),
            None => r.changes.to_string(),
        };
        out.push_str(&line(cs, &tail));
    }
    for r in c.rows.iter().filter(|r| r.is_read()) {
        out.push_str(&format!("\n{}:\n", r.name));
        if r.differences.is_empty() {
            out.push_str(&format!("  {}\n", w.same));
        }
        for d in &r.differences {
            out.push_str(&format!(
                "  {} [{}] {}\n",
                d.change.mark(),
                d.category.id(),
                d.text.get(lang)
            ));
        }
        let others = r.changes - r.differences.len();
        if others > 0 {
            out.push_str(&format!("  ({}: {others})\n", w.more));
        }
    }
    let unread = c.unread();
    if unread > 0 {
        out.push_str(&format!("\n{}: {unread}\n", w.unread));
    }
    out
}

/// The class as CSV (RFC 4180), one row a student; every text cell a spreadsheet would run as
/// a formula is made inert (`csv::cell`), numbers are written as plain decimals.
pub fn to_csv(c: &Class, lang: Lang) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push_str("\r\n");
    for r in &c.rows {
        let read = r.is_read();
        let n = |v: usize| if read { v.to_string() } else { String::new() };
        let differences: Vec<String> = r
            .differences
            .iter()
            .map(|d| format!("{} {}", d.change.mark(), d.text.get(lang)))
            .collect();
        let row = [
            cell(&r.name),
            n(r.errors),
            n(r.warnings),
            n(r.checklist_met),
            r.total_monthly_usd
                .map(|t| cents(t).to_string())
                .unwrap_or_default(),
            r.delta_usd
                .map(|t| cents(t).to_string())
                .unwrap_or_default(),
            cell(&differences.join("; ")),
            cell(r.problem.as_ref().map(|p| p.get(lang)).unwrap_or_default()),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

const REPORT_STYLE: &str = "\
body{font-family:system-ui,-apple-system,\"Segoe UI\",\"Hiragino Sans\",\"Noto Sans JP\",sans-serif;color:#1c2433;margin:2rem}
table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #c7d0dc;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.problem{color:#b42318}
section.student{break-before:page;page-break-before:always;margin-top:2rem}
section.student svg{max-width:100%;height:auto;border:1px solid #d3dae4}
@media print{body{margin:0}}
.node.diff-added>.card-box,.node.diff-added>.container-box{stroke:#15803d;stroke-width:4;fill:#dcfce7}
.node.diff-changed>.card-box,.node.diff-changed>.container-box{stroke:#b45309;stroke-width:4;fill:#fef3c7}
.edge.diff-added .edge-line{stroke:#15803d;stroke-width:3}
.edge.diff-changed .edge-line{stroke:#b45309;stroke-width:3}
";

/// The printable report: a whole HTML page, the class table first, then a section per student
/// (their figures, main differences and diagram), each starting a printed page. Every text from
/// a design, a list or a link is escaped.
pub fn to_html(c: &Class, lang: Lang) -> String {
    let w = words(lang);
    let tag = match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    };
    let mut out = String::with_capacity(8192 + 60_000 * c.rows.len());
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{tag}\">\n<head>\n<meta charset=\"utf-8\">\n"
    );
    el(
        &mut out,
        "<title>",
        &format!("{} — {}", w.title, c.model_name),
        "</title>\n",
    );
    out.push_str("<style>\n");
    out.push_str(REPORT_STYLE);
    let fonts = match lang {
        Lang::Ja => svg::FONTS_JA,
        Lang::En => svg::FONTS_EN,
    };
    let _ = writeln!(out, ".canvas{{font-family:{fonts}}}");
    let _ = writeln!(out, ".edge-label text{{font-family:{}}}", svg::FONTS_MONO);
    out.push_str(svg::STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    el(&mut out, "<h1>", w.title, "</h1>\n");
    el(&mut out, "<p>", &model_line(c, &w), "</p>\n");
    el(
        &mut out,
        "<p>",
        &format!(
            "{}: {} · {}: {}",
            w.students,
            c.rows.len(),
            w.unread,
            c.unread()
        ),
        "</p>\n",
    );
    out.push_str("<table>\n<thead><tr>");
    for h in [
        w.name,
        w.errors,
        w.warnings,
        w.checklist,
        w.monthly,
        w.delta,
        w.differences,
    ] {
        el(&mut out, "<th scope=\"col\">", h, "</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (i, r) in c.rows.iter().enumerate() {
        out.push_str("<tr>");
        let _ = write!(out, "<th scope=\"row\"><a href=\"#student-{i}\">");
        esc(&mut out, &r.name);
        out.push_str("</a></th>");
        match &r.problem {
            Some(p) => {
                out.push_str("<td colspan=\"6\" class=\"problem\">");
                esc(&mut out, &format!("{}: {}", w.problem, p.get(lang)));
                out.push_str("</td>");
            }
            None => {
                let cs = cells(r, &w);
                for s in &cs[1..] {
                    el(&mut out, "<td class=\"num\">", s, "</td>");
                }
                el(
                    &mut out,
                    "<td class=\"num\">",
                    &r.changes.to_string(),
                    "</td>",
                );
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    for (i, r) in c.rows.iter().enumerate() {
        let _ = writeln!(out, "<section class=\"student\" id=\"student-{i}\">");
        el(&mut out, "<h2>", &r.name, "</h2>\n");
        if let Some(p) = &r.problem {
            el(
                &mut out,
                "<p class=\"problem\">",
                &format!("{}: {}", w.problem, p.get(lang)),
                "</p>\n",
            );
            out.push_str("</section>\n");
            continue;
        }
        let cs = cells(r, &w);
        el(
            &mut out,
            "<p>",
            &format!(
                "{} {} · {} {} · {} {} · {} {} {}",
                w.errors, cs[1], w.warnings, cs[2], w.checklist, cs[3], w.monthly, cs[4], cs[5]
            ),
            "</p>\n",
        );
        el(&mut out, "<h3>", w.differences, "</h3>\n");
        if r.differences.is_empty() {
            el(&mut out, "<p>", w.same, "</p>\n");
        } else {
            out.push_str("<ul>\n");
            for d in &r.differences {
                el(
                    &mut out,
                    "<li>",
                    &format!("{} {}", d.change.mark(), d.text.get(lang)),
                    "</li>\n",
                );
            }
            out.push_str("</ul>\n");
        }
        let others = r.changes - r.differences.len();
        if others > 0 {
            el(&mut out, "<p>", &format!("{}: {others}", w.more), "</p>\n");
        }
        if let Some(d) = &r.design {
            // What the student added or changed against the model, marked on their diagram.
            let main = Diff {
                changes: r.differences.clone(),
                ..Diff::default()
            };
            let opts = Options {
                inline: Some(format!("s{i}-")),
                marks: compare::marks(&main).1,
            };
            out.push_str("<figure>");
            out.push_str(&svg::to_svg_with(d, lang, &opts));
            out.push_str("</figure>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
