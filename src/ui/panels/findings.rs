//! The findings panel: what the validator found in the current design, in the current
//! language, updated on every change. Selecting a finding lights up its nodes and edges on
//! the canvas; selecting a node on the canvas narrows the list to that node's findings.
//!
//! Written as one escaped HTML string and brought up to date with `ui::morph`, so an opened
//! "why and how to fix" stays open while the design changes; one delegated click listener and
//! one change listener handle every control.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlInputElement};

use crate::core::document::model::NodeId;
use crate::core::support::html::{el, esc};
use crate::core::support::i18n::Lang;
use crate::core::validate::{counts, Finding, Severity};

use crate::ui::editor::gestures::target_element;
use crate::ui::editor::morph::follow;
use crate::ui::shell::state::{AppState, Selection};
use crate::ui::text;

/// The list of findings with severity counts, or the all-clear state.
#[component]
pub fn FindingsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    // What the panel reads of the design, each its own memo, so that a change elsewhere (a
    // node dragged) does not write the list again.
    let follows = Memo::new(move |_| state.design.with(|d| d.follows_course));
    let focus = Memo::new(move |_| state.selection.with(|s| s.single_node().cloned()));
    let focus_name = Memo::new(move |_| {
        let id = focus.get()?;
        let lang = state.lang.get();
        state
            .design
            .with(|d| d.nodes.get(&id).map(|n| n.display_label(lang).to_owned()))
    });
    let html = Memo::new(move |_| {
        let lang = state.lang.get();
        let focus = focus.get();
        let selected = state.selection.with(|s| match s {
            Selection::Finding(f) => Some(f.clone()),
            _ => None,
        });
        let focus_name = focus_name.get();
        state.findings.with(|all| {
            render(&View {
                lang,
                all,
                focus: focus.as_ref(),
                focus_name: focus_name.as_deref(),
                selected: selected.as_ref(),
                follows: follows.get(),
            })
        })
    });
    let section = NodeRef::<leptos::html::Section>::new();
    follow(section, html, move || {
        follows.track();
        true
    });
    let on_click = move |ev: leptos::ev::MouseEvent| on_click(state, &ev);
    view! {
        <section
            class="findings"
            data-testid="findings"
            aria-labelledby="findings-title"
            node_ref=section
            on:click=on_click
            // The course toggle's change, caught on the way down (a `change` fired by a
            // script need not bubble).
            on:change:capture=move |ev| on_change(state, &ev)
            // The first text at once (the effect above keeps it up to date).
            inner_html=html.get_untracked()
        ></section>
    }
}

/// The course toggle: whether the course's expectations apply.
fn on_change(state: AppState, ev: &Event) {
    let toggle = target_element(ev)
        .filter(|t| t.get_attribute("data-testid").as_deref() == Some("follows-course"))
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok());
    if let Some(t) = toggle {
        state.set_follows_course(t.checked());
    }
}

/// A press on a finding selects it (or lets it go); "show all" ends the node filter.
fn on_click(state: AppState, ev: &leptos::ev::MouseEvent) {
    let Some(target) = target_element(ev) else {
        return;
    };
    if target
        .closest("[data-action=show-all]")
        .ok()
        .flatten()
        .is_some()
    {
        state.selection.set(Selection::None);
        return;
    }
    let Some(index) = target
        .closest(".finding-main")
        .ok()
        .flatten()
        .and_then(|b| b.get_attribute("data-finding"))
        .and_then(|i| i.parse::<usize>().ok())
    else {
        return;
    };
    let Some(f) = state.findings.with_untracked(|all| all.get(index).cloned()) else {
        return;
    };
    let again = state
        .selection
        .with_untracked(|s| matches!(s, Selection::Finding(x) if *x == f));
    state.selection.set(if again {
        Selection::None
    } else {
        Selection::Finding(f)
    });
}

/// What the panel shows.
struct View<'a> {
    lang: Lang,
    all: &'a [Finding],
    focus: Option<&'a NodeId>,
    focus_name: Option<&'a str>,
    selected: Option<&'a Finding>,
    follows: bool,
}

fn render(v: &View) -> String {
    let lang = v.lang;
    let mut out = String::new();
    out.push_str("<div class=\"findings-head\">");
    el(
        &mut out,
        "<h2 id=\"findings-title\">",
        text::CHECKS.get(lang),
        "</h2>",
    );
    out.push_str(
        "<div class=\"findings-counts\" data-testid=\"findings-summary\" aria-live=\"polite\">",
    );
    let (e, w, i) = counts(v.all);
    for (sev, n) in [
        (Severity::Error, e),
        (Severity::Warning, w),
        (Severity::Info, i),
    ] {
        out.push_str("<span class=\"count-badge sev-");
        out.push_str(sev.id());
        out.push_str("\" title=\"");
        esc(&mut out, sev.name(lang));
        out.push_str("\" data-count=\"");
        out.push_str(&n.to_string());
        out.push_str("\">");
        out.push_str(&severity_icon(sev));
        out.push_str(&n.to_string());
        out.push_str("</span>");
    }
    out.push_str("</div></div>");
    out.push_str("<label class=\"toggle\"><input type=\"checkbox\" data-testid=\"follows-course\"");
    if v.follows {
        out.push_str(" checked");
    }
    el(
        &mut out,
        "><span>",
        text::FOLLOWS_COURSE.get(lang),
        "</span></label>",
    );
    if let Some(name) = v.focus_name {
        el(
            &mut out,
            "<p class=\"findings-filter\"><span>",
            text::FINDINGS_FOR.get(lang),
            " <strong>",
        );
        el(&mut out, "", name, "</strong></span>");
        el(
            &mut out,
            "<button type=\"button\" class=\"link-button\" data-action=\"show-all\">",
            text::SHOW_ALL.get(lang),
            "</button></p>",
        );
    }
    let shown: Vec<(usize, &Finding)> = v
        .all
        .iter()
        .enumerate()
        .filter(|(_, f)| v.focus.is_none_or(|id| f.nodes.contains(id)))
        .collect();
    if shown.is_empty() {
        let (title, body) = if v.focus.is_some() {
            (text::NODE_CLEAR_TITLE, text::NODE_CLEAR_BODY)
        } else {
            (text::ALL_CLEAR_TITLE, text::ALL_CLEAR_BODY)
        };
        out.push_str(
            "<div class=\"all-clear\" data-testid=\"all-clear\" role=\"status\">\
             <svg class=\"all-clear-mark\" viewBox=\"0 0 48 48\" aria-hidden=\"true\">\
             <circle cx=\"24\" cy=\"24\" r=\"22\"></circle><path d=\"M14 25 L21 32 L35 17\"></path></svg>",
        );
        el(
            &mut out,
            "<p class=\"all-clear-title\">",
            title.get(lang),
            "</p>",
        );
        el(
            &mut out,
            "<p class=\"all-clear-body\">",
            body.get(lang),
            "</p></div>",
        );
        return out;
    }
    out.push_str("<ul class=\"findings-list\" data-testid=\"findings-list\">");
    for (index, f) in shown {
        item(&mut out, index, f, v.selected == Some(f), lang);
    }
    out.push_str("</ul>");
    out
}

/// One finding: severity, message, and (expanded) why and how to fix. Pressing it selects it.
/// `data-key` names the finding, so that an opened explanation stays with its finding.
fn item(out: &mut String, index: usize, f: &Finding, selected: bool, lang: Lang) {
    let sev = f.severity.id();
    out.push_str("<li class=\"finding sev-");
    out.push_str(sev);
    if selected {
        out.push_str(" selected");
    }
    out.push_str("\" data-rule-id=\"");
    out.push_str(f.rule);
    out.push_str("\" data-severity=\"");
    out.push_str(sev);
    out.push_str("\" data-key=\"");
    esc(out, f.rule);
    for n in &f.nodes {
        out.push(' ');
        esc(out, n.as_str());
    }
    for e in &f.edges {
        out.push(' ');
        esc(out, e.as_str());
    }
    out.push_str("\"><button type=\"button\" class=\"finding-main\" data-finding=\"");
    out.push_str(&index.to_string());
    out.push_str("\" aria-pressed=\"");
    out.push_str(if selected { "true" } else { "false" });
    out.push_str("\">");
    out.push_str(&severity_icon(f.severity));
    el(
        out,
        "<span class=\"finding-text\"><span class=\"finding-message\">",
        f.message.get(lang),
        "</span>",
    );
    el(
        out,
        "<code class=\"finding-rule\">",
        f.rule,
        "</code></span></button>",
    );
    el(
        out,
        "<details class=\"finding-details\"><summary>",
        text::WHY_AND_FIX.get(lang),
        "</summary>",
    );
    el(out, "<p><strong>", text::WHY.get(lang), "</strong> ");
    el(out, "", f.why.get(lang), "</p>");
    el(out, "<p><strong>", text::FIX.get(lang), "</strong> ");
    el(out, "", f.fix.get(lang), "</p></details></li>");
}

/// The icon of a severity (a shape as well as a colour, for colour-blind readers), as SVG text.
fn severity_icon(severity: Severity) -> String {
    let (class, path) = match severity {
        Severity::Error => (
            "sev-icon sev-icon--error",
            "M8 1.5 L14.5 8 L8 14.5 L1.5 8 Z M8 4.5 V8.8 M8 10.8 V11.2",
        ),
        Severity::Warning => (
            "sev-icon sev-icon--warning",
            "M8 1.8 L14.6 13.8 H1.4 Z M8 6 V9.6 M8 11.6 V12",
        ),
        Severity::Info => (
            "sev-icon sev-icon--info",
            "M8 1.5 A6.5 6.5 0 1 1 7.99 1.5 Z M8 7 V11.5 M8 4.6 V5",
        ),
    };
    format!(
        "<svg class=\"{class}\" viewBox=\"0 0 16 16\" width=\"16\" height=\"16\" aria-hidden=\"true\" focusable=\"false\"><path d=\"{path}\"></path></svg>"
    )
}
