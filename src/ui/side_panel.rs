//! The side panel: the findings panel, the cost panel, then what the current design is
//! (name, template, region) and how many nodes of each category it holds.

use leptos::prelude::*;

use crate::core::catalogue::Category;
use crate::core::templates;

use super::compare::ComparePanel;
use super::cost::CostPanel;
use super::ec2::Ec2Panel;
use super::findings::FindingsPanel;
use super::inspector::Inspector;
use super::sheet::SheetPanel;
use super::state::AppState;
use super::text;
use super::tracer::TracerPanel;

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
    let counts = Memo::new(move |_| {
        state.design.with(|d| {
            CATEGORIES
                .iter()
                .map(|&c| {
                    let n = d
                        .nodes
                        .values()
                        .filter(|n| n.kind.info().category == c)
                        .count();
                    (c, n)
                })
                .filter(|&(_, n)| n > 0)
                .collect::<Vec<_>>()
        })
    });
    let total = move || state.design.with(|d| d.nodes.len());
    let name = move || {
        state.design.with(|d| {
            if d.name.is_empty() {
                text::UNNAMED.get(lang.get()).to_owned()
            } else {
                d.name.clone()
            }
        })
    };
    let about = move || templates::find(state.template.get()).map(|t| t.about.get(lang.get()));
    let region = move || state.design.with(|d| d.region);
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
            <super::autoscale::AutoscalePanel />
            <super::checklist::ChecklistPanel />
            <h2 id="side-panel-title">{move || text::THIS_DESIGN.get(lang.get())}</h2>
            <dl class="facts">
                <div>
                    <dt>{move || text::NAME.get(lang.get())}</dt>
                    <dd data-testid="design-name">{name}</dd>
                </div>
                <div>
                    <dt>{move || text::TEMPLATE.get(lang.get())}</dt>
                    <dd>{about}</dd>
                </div>
                <div>
                    <dt>{move || text::REGION.get(lang.get())}</dt>
                    <dd>
                        {move || region().name().get(lang.get())}
                        " "
                        <code>{move || region().code()}</code>
                    </dd>
                </div>
            </dl>
            <h3>{move || text::NODES.get(lang.get())}</h3>
            <ul class="counts" data-testid="node-counts">
                {move || {
                    let lang = lang.get();
                    let rows = counts.get();
                    if rows.is_empty() {
                        return view! { <li class="muted">{text::NO_NODES.get(lang)}</li> }.into_any();
                    }
                    rows.into_iter()
                        .map(|(c, n)| {
                            view! {
                                <li>
                                    <span>{text::category(c).get(lang)}</span>
                                    <span class="count">{n}</span>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
                <li class="total">
                    <span>{move || text::TOTAL.get(lang.get())}</span>
                    <span class="count">{total}</span>
                </li>
            </ul>
        </aside>
    }
}
