//! The side panel: the findings panel, the cost panel, then what the current design is
//! (name, template, region) and how many nodes of each category it holds.

use leptos::prelude::*;

use crate::core::document::catalogue::Category;
use crate::core::document::model::Design;
use crate::core::document::templates;

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
            <DesignFacts />
        </aside>
    }
}

/// What the design is (name, template, region) and how many nodes of each category it holds.
#[component]
fn DesignFacts() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let name = Memo::new(move |_| state.design.with(|d| d.name.clone()));
    let region = Memo::new(move |_| state.design.with(|d| d.region));
    // The non-zero counts by category, in the panel's order, and the total.
    let counts = Memo::new(move |_| state.design.with(count_by_category));
    let total = Memo::new(move |_| state.design.with(|d| d.nodes.len()));
    let tr = move |m: crate::ui::text::i18n::Msg| move || m.get(lang.get());
    view! {
        <div class="design-facts">
            <h2 id="side-panel-title">{tr(text::THIS_DESIGN)}</h2>
            <dl class="facts">
                <div>
                    <dt>{tr(text::NAME)}</dt>
                    <dd data-testid="design-name">
                        {move || {
                            name.with(|n| {
                                if n.is_empty() {
                                    text::UNNAMED.get(lang.get()).to_owned()
                                } else {
                                    n.clone()
                                }
                            })
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{tr(text::TEMPLATE)}</dt>
                    <dd>
                        {move || {
                            templates::find(state.template.get()).map(|t| t.about.get(lang.get()))
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{tr(text::REGION)}</dt>
                    <dd>
                        {move || region.get().name().get(lang.get())}
                        " "
                        <code>{move || region.get().code()}</code>
                    </dd>
                </div>
            </dl>
            <h3>{tr(text::NODES)}</h3>
            <ul class="counts" data-testid="node-counts">
                <For
                    each=move || counts.get()
                    key=|(c, n)| (*c, *n)
                    children=move |(c, n)| {
                        view! {
                            <li>
                                <span>{move || text::category(c).get(lang.get())}</span>
                                <span class="count">{n}</span>
                            </li>
                        }
                    }
                />
                {move || {
                    counts
                        .with(Vec::is_empty)
                        .then(|| view! { <li class="muted">{tr(text::NO_NODES)}</li> })
                }}
                <li class="total">
                    <span>{tr(text::TOTAL)}</span>
                    <span class="count">{move || total.get()}</span>
                </li>
            </ul>
        </div>
    }
}

/// The design's nodes counted by category, in the panel's order, categories without nodes
/// left out.
fn count_by_category(d: &Design) -> Vec<(Category, usize)> {
    CATEGORIES
        .into_iter()
        .map(|c| {
            let n = d
                .nodes
                .values()
                .filter(|n| n.kind.info().category == c)
                .count();
            (c, n)
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}
