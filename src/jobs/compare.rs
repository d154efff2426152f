//! The compare job's answer.

use crate::core::course::compare::{self as core_compare, Diff, Difference, Subject};
use crate::core::document::model::Design;
use crate::core::drawing::svg::{escape, to_svg_with, Options};
use crate::core::support::i18n::Lang;

use super::Words;

/// The compare answer: a summary, both diagrams with their marks, a legend and the listed
/// differences (each with its ids, for the click that selects it on the canvas).
pub(super) fn html(
    out: &mut String,
    (a_from, a): (&str, &Design),
    b: &Design,
    d: &Diff,
    priced: bool,
    l: Lang,
    w: &Words,
) {
    let n = d.changes.len();
    out.push_str(
        r#"<p class="compare-summary" role="status" data-testid="compare-summary" data-count=""#,
    );
    out.push_str(&n.to_string());
    out.push_str(r#"">"#);
    if n == 0 {
        escape(w.get("compare_equal"), out);
    } else {
        escape(&w.fill("compare_count", n), out);
    }
    if !priced {
        out.push_str(r#" <span class="muted">"#);
        escape(w.get("compare_unpriced"), out);
        out.push_str("</span>");
    }
    out.push_str("</p>");
    let (marks_a, marks_b) = core_compare::marks(d);
    out.push_str(r#"<div class="compare-figures">"#);
    for (side, title, design, marks) in [
        ("a", format!("A · {a_from}"), a, marks_a),
        ("b", format!("B · {}", w.get("compare_this")), b, marks_b),
    ] {
        out.push_str(r#"<figure data-testid="compare-"#);
        out.push_str(side);
        out.push_str(r#""><figcaption>"#);
        escape(&title, out);
        out.push_str("</figcaption>");
        let opts = Options {
            inline: Some(format!("cmp-{side}-")),
            marks,
        };
        out.push_str(&to_svg_with(design, l, &opts));
        out.push_str("</figure>");
    }
    out.push_str(r#"</div><ul class="compare-legend">"#);
    for (class, key) in [
        ("diff-added", "compare_added"),
        ("diff-removed", "compare_removed"),
        ("diff-changed", "compare_changed"),
        ("diff-moved", "compare_moved"),
    ] {
        out.push_str(r#"<li><span class="swatch "#);
        out.push_str(class);
        out.push_str(r#""></span>"#);
        escape(w.get(key), out);
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    list(out, &d.changes, "compare-list", l);
    if !d.layout.is_empty() {
        out.push_str(r#"<details class="compare-layout"><summary>"#);
        escape(&w.fill("compare_layout", d.layout.len()), out);
        out.push_str("</summary>");
        list(out, &d.layout, "compare-layout-list", l);
        out.push_str("</details>");
    }
}

/// The differences as a list; each item names its category, change and ids for the click.
fn list(out: &mut String, items: &[Difference], testid: &str, l: Lang) {
    if items.is_empty() {
        return;
    }
    out.push_str(r#"<ol class="compare-list" data-testid=""#);
    out.push_str(testid);
    out.push_str(r#"">"#);
    for d in items {
        out.push_str(r#"<li data-diff-category=""#);
        out.push_str(d.category.id());
        out.push_str(r#"" data-diff-change=""#);
        out.push_str(d.change.id());
        out.push_str(r#"" data-diff-subject=""#);
        out.push_str(d.subject.id());
        out.push('"');
        if d.subject != Subject::Design {
            if let Some(id) = &d.b {
                out.push_str(r#" data-diff-b=""#);
                escape(id, out);
                out.push('"');
            }
            if let Some(id) = &d.a {
                out.push_str(r#" data-diff-a=""#);
                escape(id, out);
                out.push('"');
            }
        }
        out.push_str(r#"><span class="diff-mark" aria-hidden="true">"#);
        out.push_str(d.change.mark());
        out.push_str("</span> ");
        escape(d.text.get(l), out);
        out.push_str("</li>");
    }
    out.push_str("</ol>");
}
