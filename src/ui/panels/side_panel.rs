//! The side panel: the findings panel, the cost panel, then what the current design is
//! (name, template, region) and how many nodes of each category it holds.

use leptos::prelude::*;

use crate::core::document::catalogue::Category;
use crate::core::document::model::Design;
use crate::core::document::templates;
use crate::core::support::html::{el, esc};
use crate::core::support::i18n::Lang;

use crate::ui::course::compare::ComparePanel;
use crate::ui::course::ec2::Ec2Panel;
use crate::ui::course::sheet::SheetPanel;
use crate::ui::course::trace::TracerPanel;
use crate::ui::editor::inspector::Inspector;
use crate::ui::panels::cost::CostPanel;
use crate::ui::panels::findings::FindingsPanel;
use crate::ui::shell::state::AppState;
use crate::ui::text;

/// The categories in the order the panel lists them.
const CATEGORIES: [Category; 6] = [
    Category::Edge,
    Category::Network,
    Category::Compute,
    Category::Data,
    Category::Operations,
    Category::Other,
];

/// A summary of the design beside the canvas.
#[component]
pub fn SidePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    // What the design is and holds, as text (read-only; set whole when it changes).
    let facts = Memo::new(move |_| {
        let lang = state.lang.get();
        let template = state.template.get();
        state.design.with(|d| facts_html(d, template, lang))
    });
    view! {
        <aside class="side-panel" aria-label=move || text::THIS_DESIGN.get(lang.get())>
            {move || {
                state
                    .load_error
                    .get()
                    .map(|e| {
                        view! {
                            <div class="alert" role="alert" data-testid="load-error">
                                <p>
                                    <strong>{text::LOAD_FAILED.get(lang.get())}</strong>
                                    <br />
                                    {e}
                                </p>
                                <button
                                    type="button"
                                    class="link-button"
                                    aria-label=move || text::DISMISS.get(lang.get())
                                    on:click=move |_| state.load_error.set(None)
                                >
                                    "×"
                                </button>
                            </div>
                        }
                    })
            }}
            <Inspector />
            <FindingsPanel />
            <CostPanel />
            <TracerPanel />
            <Ec2Panel />
            <SheetPanel />
            <ComparePanel />
            <crate::ui::course::autoscale::AutoscalePanel />
            <crate::ui::course::checklist::ChecklistPanel />
            <div class="design-facts" inner_html=facts></div>
        </aside>
    }
}

/// The design's name, template and region, and its nodes counted by category, as escaped HTML.
fn facts_html(d: &Design, template: &str, lang: Lang) -> String {
    let mut out = String::new();
    el(
        &mut out,
        "<h2 id=\"side-panel-title\">",
        text::THIS_DESIGN.get(lang),
        "</h2>",
    );
    el(
        &mut out,
        "<dl class=\"facts\"><div><dt>",
        text::NAME.get(lang),
        "</dt>",
    );
    let name = if d.name.is_empty() {
        text::UNNAMED.get(lang)
    } else {
        d.name.as_str()
    };
    el(
        &mut out,
        "<dd data-testid=\"design-name\">",
        name,
        "</dd></div>",
    );
    el(&mut out, "<div><dt>", text::TEMPLATE.get(lang), "</dt><dd>");
    if let Some(t) = templates::find(template) {
        esc(&mut out, t.about.get(lang));
    }
    el(
        &mut out,
        "</dd></div><div><dt>",
        text::REGION.get(lang),
        "</dt><dd>",
    );
    esc(&mut out, d.region.name().get(lang));
    el(
        &mut out,
        " <code>",
        d.region.code(),
        "</code></dd></div></dl>",
    );
    el(&mut out, "<h3>", text::NODES.get(lang), "</h3>");
    out.push_str("<ul class=\"counts\" data-testid=\"node-counts\">");
    let mut any = false;
    for c in CATEGORIES {
        let n = d
            .nodes
            .values()
            .filter(|n| n.kind.info().category == c)
            .count();
        if n > 0 {
            any = true;
            el(
                &mut out,
                "<li><span>",
                text::category(c).get(lang),
                "</span>",
            );
            out.push_str("<span class=\"count\">");
            out.push_str(&n.to_string());
            out.push_str("</span></li>");
        }
    }
    if !any {
        el(
            &mut out,
            "<li class=\"muted\">",
            text::NO_NODES.get(lang),
            "</li>",
        );
    }
    el(
        &mut out,
        "<li class=\"total\"><span>",
        text::TOTAL.get(lang),
        "</span>",
    );
    out.push_str("<span class=\"count\">");
    out.push_str(&d.nodes.len().to_string());
    out.push_str("</span></li></ul>");
    out
}
