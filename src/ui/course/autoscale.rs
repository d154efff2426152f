//! The auto-scaling panel (issue #7, item 6; the chapter's Part 3): pick an ECS service and a
//! load-curve preset, shape the day with one vertical slider per hour, and see the tasks, the
//! alarm threshold, what CloudWatch, Auto Scaling, ECS and the ALB did, and the month's cost
//! between the cost engine's low and high ends. The core decides (`core::autoscale`); this
//! panel lays it out.
//!
//! As in `cost.rs`, the markup is HTML text (every piece of text escaped) set with
//! `inner_html`, with one delegated `input` and one `click` listener. The sliders are written
//! only when the service, the preset or the language changes, never while one is dragged, so
//! a slider keeps its focus and its drag.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::course::autoscale::{Curve, Preset, Setup};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::{Design, NodeId};
use crate::core::format::load::to_json;
use crate::core::support::html::{el, esc};
use crate::core::support::i18n::Lang;
use crate::core::support::numtext::shortest;
use crate::jobs::{Job, Words};

use crate::ui::panels::section::Section;
use crate::ui::shell::state::AppState;
use crate::ui::shell::worker::{rendered, words};
use crate::ui::text;
use crate::ui::text::i18n::{msg, tr};

/// The ECS services of `d` and the one shown: `chosen` if it still exists, else the first
/// that auto-scales, else the first.
fn pick(d: &Design, chosen: Option<&NodeId>) -> (Vec<(NodeId, String)>, Option<NodeId>) {
    let services: Vec<_> = d
        .nodes
        .values()
        .filter(|n| n.kind == Kind::EcsService)
        .collect();
    let shown = chosen
        .and_then(|c| services.iter().find(|n| &n.id == c))
        .or_else(|| services.iter().find(|n| !Setup::of(n).fixed))
        .or_else(|| services.first())
        .map(|n| n.id.clone());
    let list = services
        .iter()
        .map(|n| (n.id.clone(), n.display_label(Lang::En).to_owned()))
        .collect();
    (list, shown)
}

/// The slider's top, in percent of one task: one and a half times the maximum's capacity.
fn slider_max(setup: &Setup) -> f64 {
    (setup.max.max(1) as f64 * 150.0).max(100.0)
}

/// The section in the side panel; it simulates only while open.
#[component]
pub fn AutoscalePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let open = RwSignal::new(false);
    let chosen = RwSignal::new(None::<NodeId>);
    let preset = RwSignal::new(Some(Preset::Evening));
    // Bumped when the whole curve is replaced (a preset, another service): the sliders are
    // written again then, and only then.
    let generation = RwSignal::new(0u32);
    let curve = RwSignal::new(None::<Curve>);

    let picked = Memo::new(move |_| {
        if !open.get() {
            return (Vec::new(), None);
        }
        let c = chosen.get();
        state.design.with(|d| pick(d, c.as_ref()))
    });
    let setup = Memo::new(move |_| {
        let (_, id) = picked.get();
        id.and_then(|id| state.design.with(|d| d.nodes.get(&id).map(Setup::of)))
    });
    // A preset or another service replaces the curve.
    Effect::new(move |_| {
        let (Some(s), p) = (setup.get(), preset.get()) else {
            return;
        };
        if let Some(p) = p {
            curve.set(Some(p.curve(&s)));
            generation.update(|g| *g += 1);
        } else if curve.with_untracked(|c| c.is_none()) {
            curve.set(Some(Preset::Flat.curve(&s)));
            generation.update(|g| *g += 1);
        }
    });
    let priced = move || state.table(state.design.with(|d| d.region)).is_some();
    let controls = Memo::new(move |_| {
        let l = lang.get();
        let (list, shown) = picked.get();
        let mut out = String::new();
        if list.is_empty() {
            if open.get() {
                el(
                    &mut out,
                    r#"<p class="muted" data-testid="autoscale-none">"#,
                    msg!(autoscale_no_service).get(l),
                    "</p>",
                );
            }
            return out;
        }
        out.push_str(r#"<label class="autoscale-field"><span>"#);
        esc(&mut out, msg!(autoscale_service).get(l));
        out.push_str(r#"</span><select data-field="service" data-testid="autoscale-service">"#);
        for (id, label) in &list {
            out.push_str(r#"<option value=""#);
            esc(&mut out, id.as_str());
            out.push('"');
            if Some(id) == shown.as_ref() {
                out.push_str(" selected");
            }
            out.push('>');
            esc(&mut out, label);
            out.push_str("</option>");
        }
        out.push_str("</select></label>");
        el(
            &mut out,
            r#"<div class="autoscale-presets" role="group" aria-label=""#,
            msg!(autoscale_curve).get(l),
            r#"">"#,
        );
        let current = preset.get();
        for p in Preset::ALL {
            out.push_str(r#"<button type="button" class="chip" data-preset=""#);
            out.push_str(p.id());
            out.push_str(r#"" aria-pressed=""#);
            out.push_str(if current == Some(p) { "true" } else { "false" });
            out.push_str(r#"">"#);
            esc(&mut out, p.name().get(l));
            out.push_str("</button>");
        }
        if current.is_none() {
            el(
                &mut out,
                r#"<span class="chip" aria-current="true">"#,
                msg!(autoscale_custom).get(l),
                "</span>",
            );
        }
        out.push_str("</div>");
        out
    });

    let sliders = Memo::new(move |_| {
        let l = lang.get();
        generation.track();
        let Some(s) = setup.get() else {
            return String::new();
        };
        let Some(c) = curve.get_untracked() else {
            return String::new();
        };
        let max = slider_max(&s);
        let mut out =
            String::from(r#"<div class="autoscale-sliders" data-testid="autoscale-sliders">"#);
        for (h, v) in c.values().iter().enumerate() {
            let time = format!("{h:02}:00");
            out.push_str(
                r#"<label class="autoscale-hour"><input type="range" min="0" step="1" max=""#,
            );
            out.push_str(&shortest(max));
            out.push_str(r#"" value=""#);
            out.push_str(&shortest(v.min(max).round()));
            out.push_str(r#"" data-hour=""#);
            out.push_str(&h.to_string());
            out.push_str(r#"" aria-label=""#);
            esc(&mut out, &tr!(l, autoscale_hour_load, time = time.clone()));
            out.push_str(r#""><span aria-hidden="true">"#);
            if h % 6 == 0 {
                out.push_str(&h.to_string());
            }
            out.push_str("</span></label>");
        }
        out.push_str("</div>");
        out
    });

    // The simulation, its chart, events and cost band come from the on-demand module
    // (`jobs::Job::Autoscale`).
    let simulated = rendered(move || {
        if !open.get() || !priced() {
            return None;
        }
        let (_, service) = picked.get();
        let curve = curve.get()?;
        let l = lang.get();
        Some(Job::Autoscale {
            design: state.design.with(to_json),
            service: service?.0,
            curve: curve.values().to_vec(),
            lang: l,
            words: panel_words(l),
        })
    });
    let result = move || {
        let l = lang.get();
        let mut out = String::new();
        if !open.get() || picked.with(|(_, id)| id.is_none()) {
            return out;
        }
        if priced() {
            out.push_str(&simulated.get());
        } else if curve.with(|c| c.is_some()) {
            el(
                &mut out,
                r#"<p class="muted" role="status">"#,
                text::LOADING_PRICES.get(l),
                "</p>",
            );
        }
        out
    };

    let on_input = move |ev: leptos::ev::Event| {
        let Some(target) = ev.target() else {
            return;
        };
        if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
            let Some(hour) = input
                .get_attribute("data-hour")
                .and_then(|h| h.parse::<usize>().ok())
            else {
                return;
            };
            // The browser's number, not `str::parse`: the app's wasm then carries no decimal
            // float parser of its own (the standard library's tables are about 10 KB).
            let v = input.value_as_number();
            if !v.is_finite() {
                return;
            }
            let next =
                curve.with_untracked(|c| c.as_ref().and_then(|c| c.with_value(hour, v).ok()));
            if let Some(next) = next {
                preset.set(None);
                curve.set(Some(next));
            }
        } else if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
            if select.get_attribute("data-field").as_deref() == Some("service") {
                chosen.set(Some(NodeId(select.value())));
                if preset.get_untracked().is_none() {
                    preset.set(Some(Preset::Evening));
                }
            }
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if let Some(b) = el.closest("[data-preset]").ok().flatten() {
            if let Some(p) = b
                .get_attribute("data-preset")
                .as_deref()
                .and_then(Preset::from_id)
            {
                if preset.get_untracked() == Some(p) {
                    // The same preset again: nothing to change, unless a slider moved since.
                    if let Some(s) = setup.get_untracked() {
                        curve.set(Some(p.curve(&s)));
                        generation.update(|g| *g += 1);
                    }
                } else {
                    preset.set(Some(p));
                }
            }
        }
    };

    view! {
        <Section class="autoscale" testid="autoscale" title=msg!(autoscale_title) help=msg!(autoscale_help) open=open>
            <div class="autoscale-body" on:input=on_input on:click=on_click>
                <div inner_html=move || controls.get()></div>
                <div inner_html=move || sliders.get()></div>
                <div inner_html=result></div>
            </div>
        </Section>
    }
}

/// The panel's strings for the job, in `l` (values as `{name}`, filled in by the job).
fn panel_words(l: Lang) -> Words {
    let mut w = words!(
        l;
        autoscale_band,
        autoscale_chart,
        autoscale_demand,
        autoscale_events,
        autoscale_high,
        autoscale_low,
        autoscale_no_events,
        autoscale_simulated,
        autoscale_tasks,
    );
    for (key, v) in [
        (
            "autoscale_task_hours",
            tr!(l, autoscale_task_hours, hours = "{hours}", peak = "{peak}"),
        ),
        (
            "autoscale_service_band",
            tr!(
                l,
                autoscale_service_band,
                service = "{service}",
                low = "{low}",
                sim = "{sim}",
                high = "{high}"
            ),
        ),
        (
            "autoscale_threshold",
            tr!(l, autoscale_threshold, target = "{target}"),
        ),
    ] {
        w.0.insert(key.to_owned(), v);
    }
    w
}
