//! The auto-scaling panel (issue #7, item 6; the chapter's Part 3): pick an ECS service and a
//! load-curve preset, shape the day with one vertical slider per hour, and see the tasks, the
//! alarm threshold, what CloudWatch, Auto Scaling, ECS and the ALB did, and the month's cost
//! between the cost engine's low and high ends. The core decides (`core::autoscale`); this
//! panel lays it out.
//!
//! The controls and the sliders are typed views; the simulation's chart, events and cost band
//! are the on-demand module's answer (`TrustedHtml`). The sliders are made again only when
//! the service, the preset or the language changes, never while one is dragged, so a slider
//! keeps its focus and its drag.

use leptos::prelude::*;

use crate::core::course::autoscale::{Curve, Preset, Setup};
use crate::core::document::catalogue::Kind;
use crate::core::document::model::{Design, NodeId};
use crate::core::format::load::to_json;
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
    // The service picker and the presets (the custom chip once a slider moved).
    let controls = move || {
        let (list, shown) = picked.get();
        if list.is_empty() {
            return open.get().then(|| {
                view! {
                    <p class="muted" data-testid="autoscale-none">
                        {move || msg!(autoscale_no_service).get(lang.get())}
                    </p>
                }
                .into_any()
            });
        }
        let options = list
            .into_iter()
            .map(|(id, label)| {
                let selected = Some(&id) == shown.as_ref();
                view! { <option value=id.0 selected=selected>{label}</option> }
            })
            .collect_view();
        let presets = Preset::ALL
            .into_iter()
            .map(|p| {
                view! {
                    <button
                        type="button"
                        class="chip"
                        data-preset=p.id()
                        aria-pressed=move || (preset.get() == Some(p)).to_string()
                        on:click=move |_| {
                            if preset.get_untracked() == Some(p) {
                                // The same preset again: nothing to change, unless a slider
                                // moved since.
                                if let Some(s) = setup.get_untracked() {
                                    curve.set(Some(p.curve(&s)));
                                    generation.update(|g| *g += 1);
                                }
                            } else {
                                preset.set(Some(p));
                            }
                        }
                    >
                        {move || p.name().get(lang.get())}
                    </button>
                }
            })
            .collect_view();
        Some(
            view! {
                <label class="autoscale-field">
                    <span>{move || msg!(autoscale_service).get(lang.get())}</span>
                    <select
                        data-testid="autoscale-service"
                        on:input=move |ev| {
                            chosen.set(Some(NodeId(event_target_value(&ev))));
                            if preset.get_untracked().is_none() {
                                preset.set(Some(Preset::Evening));
                            }
                        }
                    >
                        {options}
                    </select>
                </label>
                <div
                    class="autoscale-presets"
                    role="group"
                    aria-label=move || msg!(autoscale_curve).get(lang.get())
                >
                    {presets}
                    {move || {
                        preset
                            .get()
                            .is_none()
                            .then(|| {
                                view! {
                                    <span class="chip" aria-current="true">
                                        {move || msg!(autoscale_custom).get(lang.get())}
                                    </span>
                                }
                            })
                    }}
                </div>
            }
            .into_any(),
        )
    };

    // One slider per step of the curve, made again only when the whole curve is replaced
    // (`generation`) or the language changes, never while one is dragged, so a slider keeps
    // its focus and its drag.
    let sliders = move || {
        let l = lang.get();
        generation.track();
        let s = setup.get()?;
        let c = curve.get_untracked()?;
        let max = slider_max(&s);
        let hours = c
            .values()
            .iter()
            .enumerate()
            .map(|(h, v)| {
                let time = format!("{h:02}:00");
                let on_input = move |ev: leptos::ev::Event| {
                    let input = event_target::<web_sys::HtmlInputElement>(&ev);
                    // The browser's number, not `str::parse`: the app's wasm then carries no
                    // decimal float parser of its own.
                    let v = input.value_as_number();
                    if !v.is_finite() {
                        return;
                    }
                    let next =
                        curve.with_untracked(|c| c.as_ref().and_then(|c| c.with_value(h, v).ok()));
                    if let Some(next) = next {
                        preset.set(None);
                        curve.set(Some(next));
                    }
                };
                view! {
                    <label class="autoscale-hour">
                        <input
                            type="range"
                            min="0"
                            step="1"
                            max=shortest(max)
                            value=shortest(v.min(max).round())
                            data-hour=h
                            aria-label=tr!(l, autoscale_hour_load, time = time)
                            on:input=on_input
                        />
                        <span aria-hidden="true">{(h % 6 == 0).then(|| h.to_string())}</span>
                    </label>
                }
            })
            .collect_view();
        Some(view! {
            <div class="autoscale-sliders" data-testid="autoscale-sliders">
                {hours}
            </div>
        })
    };

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
    // The simulation once the prices are loaded; until then, that they load.
    let result = move || {
        if !open.get() || picked.with(|(_, id)| id.is_none()) {
            return view! { <div></div> }.into_any();
        }
        if priced() {
            view! { <div inner_html=move || simulated.with(|h| h.as_str().to_owned())></div> }
                .into_any()
        } else if curve.with(|c| c.is_some()) {
            view! {
                <div>
                    <p class="muted" role="status">
                        {move || text::LOADING_PRICES.get(lang.get())}
                    </p>
                </div>
            }
            .into_any()
        } else {
            view! { <div></div> }.into_any()
        }
    };

    view! {
        <Section class="autoscale" testid="autoscale" title=msg!(autoscale_title) help=msg!(autoscale_help) open=open>
            <div class="autoscale-body">
                <div>{controls}</div>
                <div>{sliders}</div>
                {result}
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
