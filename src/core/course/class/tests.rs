//! Grading a class: list parsing, rows against the model, unreadable submissions, and the
//! CSV, text and HTML forms.

use super::*;
use crate::core::document::model::NodeId;
use crate::core::document::templates;
use crate::core::edit::{apply, Command};

fn template(id: &str) -> Design {
    templates::find(id).unwrap().design().unwrap()
}

fn tables(r: Region) -> Option<Arc<PriceTable>> {
    PriceTable::bundled(r).ok().map(Arc::new)
}

fn link_of(d: &Design) -> String {
    format!("https://example.com/kumozu/#{}", link::encode(d, None))
}

fn without_rds() -> Design {
    let mut d = template("party-box");
    apply(
        &mut d,
        &Command::Delete {
            nodes: vec![NodeId("rds".into())],
            edges: vec![],
        },
    )
    .unwrap();
    d
}

#[test]
fn lists_name_lines_by_tab_or_by_line_number() {
    let list = "\u{feff}alice\t#k1.abc\r\n\n# a comment\n  #k1.def  \n\tk1.x\nbob\t\n";
    let e = parse_list(list);
    let got: Vec<(&str, &str)> = e
        .iter()
        .map(|e| (e.name.as_str(), e.link.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("alice", "#k1.abc"),
            ("4", "#k1.def"),
            ("5", "k1.x"),
            ("bob", "")
        ]
    );
}

#[test]
fn a_class_is_graded_against_the_model_and_a_broken_link_is_a_row() {
    let model = template("party-box");
    let list = format!(
        "same\t{}\nno-db\t{}\nbroken\t#k1.@@@\nempty\t\n",
        link_of(&model),
        link_of(&without_rds())
    );
    let subs: Vec<Submission> = parse_list(&list)
        .iter()
        .map(Submission::from_entry)
        .collect();
    let c = grade("template:party-box", model.clone(), subs, &tables);
    assert_eq!(c.rows.len(), 4);
    assert_eq!(c.unread(), 2);
    let same = &c.rows[0];
    assert!(same.is_read());
    assert_eq!((same.errors, same.checklist_met, same.changes), (0, 7, 0));
    assert_eq!(same.delta_usd, Some(Decimal::ZERO));
    assert_eq!(same.total_monthly_usd, c.model_total_usd);
    let no_db = &c.rows[1];
    assert!(no_db.total_monthly_usd < c.model_total_usd);
    assert!(no_db.delta_usd.unwrap() < Decimal::ZERO);
    assert!(
        no_db
            .differences
            .iter()
            .any(|d| d.category == Category::Node && d.a.as_deref() == Some("rds")),
        "{:?}",
        no_db.differences
    );
    assert!(c.rows[2].problem.is_some() && c.rows[2].design.is_none());
    assert_eq!(
        c.rows[3].problem.as_ref().unwrap().en,
        "no link on this line"
    );
    let j = c.to_json(Lang::En);
    assert_eq!(j["students"][2]["errors"], Value::Null);
    assert!(j["students"][2]["problem"].is_string());
    assert_eq!(j["summary"]["unread"], 2);
}

#[test]
fn without_a_table_a_row_is_not_priced() {
    let model = template("party-box");
    let none = |_: Region| None;
    let c = grade(
        "m",
        model.clone(),
        vec![Submission {
            name: "x".into(),
            design: Ok(model),
        }],
        &none,
    );
    assert_eq!(c.rows[0].total_monthly_usd, None);
    assert_eq!(c.rows[0].delta_usd, None);
    assert!(render_text(&c, Lang::En).contains("not priced"));
}

#[test]
fn csv_cells_never_start_a_formula() {
    let model = template("party-box");
    let mut subs = Vec::new();
    for name in [
        "=HYPERLINK(\"x\")",
        "+1",
        "-1",
        "@SUM(A1)",
        "＝1+1",
        "＋1",
        "－1",
        "＠x",
        "\tx",
        "\rx",
    ] {
        subs.push(Submission {
            name: name.into(),
            design: Ok(model.clone()),
        });
    }
    subs.push(Submission {
        name: "bad".into(),
        design: Err(Message::new("=問題", "=problem, \"quoted\"")),
    });
    let c = grade("m", model, subs, &tables);
    let csv = to_csv(&c, Lang::En);
    assert!(csv.starts_with(&format!("{}\r\n", CSV_COLUMNS.join(","))));
    let cells = parse_csv(&csv);
    assert_eq!(cells.len(), 12);
    for row in &cells {
        assert_eq!(row.len(), CSV_COLUMNS.len(), "{row:?}");
        for cell in row {
            let formula = cell.starts_with(['=', '+', '@', '\t', '\r', '＝', '＋', '－', '＠'])
                || (cell.starts_with('-') && cell.parse::<f64>().is_err());
            assert!(!formula, "{cell:?} in {row:?}");
        }
    }
    assert_eq!(cells[1][0], "'=HYPERLINK(\"x\")");
    assert_eq!(cells[11][7], "'=problem, \"quoted\"");
}

/// The cells of an RFC 4180 text, quotes taken off (a test's own reader).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match (quoted, ch) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

#[test]
fn the_report_escapes_names_and_draws_each_diagram() {
    let model = template("party-box");
    let mut evil = model.clone();
    evil.name = "<script>x</script>".into();
    let subs = vec![
        Submission {
            name: "<img src=x onerror=alert(1)>".into(),
            design: Ok(evil),
        },
        Submission {
            name: "b&o".into(),
            design: Err(Message::new("<b>", "<b>")),
        },
    ];
    let c = grade("<model>", model, subs, &tables);
    let html = to_html(&c, Lang::Ja);
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<model>"));
    assert!(html.contains("&lt;img src=x"));
    assert!(html.contains("b&amp;o"));
    assert_eq!(html.matches("<svg").count(), 1);
    assert_eq!(html.matches("<section class=\"student\"").count(), 2);
    assert!(html.contains("id=\"s0-kumozu-arrow\""));
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
}

#[test]
fn the_report_marks_what_a_student_added_on_their_diagram() {
    let model = without_rds();
    let c = grade(
        "m",
        model,
        vec![Submission {
            name: "full".into(),
            design: Ok(template("party-box")),
        }],
        &tables,
    );
    let html = to_html(&c, Lang::En);
    let at = html.find(r#"data-node-id="rds""#).unwrap();
    let tag_start = html[..at].rfind('<').unwrap();
    assert!(
        html[tag_start..at].contains("diff-added"),
        "{}",
        &html[tag_start..at + 60]
    );
}
