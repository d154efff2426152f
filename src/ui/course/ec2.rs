//! The "Fargate vs EC2" section of the side panel (issue #7, item 4; the chapter's Part 2
//! table): the design's ECS tasks packed onto EC2 instance types from the region's pricing
//! table, the cheapest fit highlighted beside the Fargate figure, and the chapter's trade-offs.
//!
//! The core compares (`core::ec2::compare`, the same as `kumozu ec2`) and the on-demand module
//! lays it out as escaped HTML text (`jobs::Job::Ec2`), asked for only while the section is
//! open; this file says when the prices are loading or failed.

use leptos::prelude::*;

use crate::core::format::load::to_json;
use crate::jobs::Job;

use crate::ui::panels::section::Section;
use crate::ui::shell::pricing::TableState;
use crate::ui::shell::state::AppState;
use crate::ui::shell::worker::{rendered, words};
use crate::ui::text;
use crate::ui::text::i18n::msg;

/// The collapsible comparison.
#[component]
pub fn Ec2Panel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let open = RwSignal::new(false);
    let ready = move || state.table(state.design.with(|d| d.region)).is_some();
    // The comparison is written by the on-demand module (`jobs::Job::Ec2`).
    let compared = rendered(move || {
        if !open.get() || !ready() {
            return None;
        }
        let l = lang.get();
        Some(Job::Ec2 {
            design: state.design.with(to_json),
            lang: l,
            words: words!(
                l;
                ec2_at_max,
                ec2_cheapest,
                ec2_fargate,
                ec2_hourly,
                ec2_instances,
                ec2_monthly,
                ec2_no_price,
                ec2_on_demand,
                ec2_price_unknown,
                ec2_size,
                ec2_tasks,
                ec2_too_small,
                ec2_trade_offs,
                ec2_type,
            ),
        })
    });
    // The comparison once the prices are loaded; else whether they load or failed.
    let body = move || {
        if !open.get() {
            return view! { <div></div> }.into_any();
        }
        let region = state.design.with(|d| d.region);
        let table = state.tables.with(|t| match t.get(&region) {
            Some(TableState::Ready(_)) => Ok(()),
            Some(TableState::Failed(f)) => Err(Some(f.clone())),
            None | Some(TableState::Loading) => Err(None),
        });
        match table {
            Ok(()) => view! {
                <div inner_html=move || compared.with(|h| h.as_str().to_owned())></div>
            }
            .into_any(),
            Err(Some(f)) => view! {
                <div>
                    <p class="alert" role="alert">
                        {move || text::PRICES_FAILED.get(lang.get())}
                        " "
                        {move || f.message(lang.get())}
                    </p>
                </div>
            }
            .into_any(),
            Err(None) => view! {
                <div>
                    <p role="status">{move || text::LOADING_PRICES.get(lang.get())}</p>
                </div>
            }
            .into_any(),
        }
    };
    view! {
        <Section class="tracer ec2" testid="ec2-compare" title=msg!(ec2_title) help=msg!(ec2_help) open=open>
            {body}
        </Section>
    }
}
