//! The "Fargate vs EC2" section of the side panel (issue #7, item 4; the chapter's Part 2
//! table): the design's ECS tasks packed onto EC2 instance types from the region's pricing
//! table, the cheapest fit highlighted beside the Fargate figure, and the chapter's trade-offs.
//!
//! The core compares (`core::ec2::compare`, the same as `kumozu ec2`) and the on-demand module
//! lays it out as escaped HTML text (`jobs::Job::Ec2`), asked for only while the section is
//! open; this file says when the prices are loading or failed.

use leptos::prelude::*;

use crate::core::format::load::to_json;
use crate::core::support::html::{el, esc};
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
    let html = move || {
        if !open.get() {
            return String::new();
        }
        let lang = lang.get();
        let region = state.design.with(|d| d.region);
        let mut out = String::new();
        state.tables.with(|t| match t.get(&region) {
            Some(TableState::Ready(_)) => out.push_str(&compared.get()),
            Some(TableState::Failed(f)) => {
                el(
                    &mut out,
                    r#"<p class="alert" role="alert">"#,
                    text::PRICES_FAILED.get(lang),
                    " ",
                );
                esc(&mut out, &f.message(lang));
                out.push_str("</p>");
            }
            None | Some(TableState::Loading) => {
                el(
                    &mut out,
                    r#"<p role="status">"#,
                    text::LOADING_PRICES.get(lang),
                    "</p>",
                );
            }
        });
        out
    };
    view! {
        <Section class="tracer ec2" testid="ec2-compare" title=msg!(ec2_title) help=msg!(ec2_help) open=open>
            <div inner_html=html></div>
        </Section>
    }
}
