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

use crate::core::autoscale::{simulate, Curve, Preset, ServiceRun, Setup, Simulation};
use crate::core::catalogue::Kind;
use crate::core::cost::{dec, fmt_num, Shown};
use crate::core::i18n::Lang;
use crate::core::model::{Design, NodeId};

use super::html::{el, esc};
use super::i18n::{msg, tr};
use super::section::Section;
use super::state::AppState;
use super::text;

/// Chart size (SVG user units).
const W: f64 = 288.0;
const H: f64 = 132.0;
const PAD_L: f64 = 22.0;
const PAD_B: f64 = 16.0;

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
    let table = Memo::new(move |_| state.table(state.design.with(|d| d.region)));
    let sim = Memo::new(move |_| -> Option<Simulation> {
        if !open.get() {
            return None;
        }
        let c = curve.get()?;
        let t = table.get()?;
        Some(state.design.with(|d| simulate(d, &c, &t)))
    });

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
            out.push_str(&max.to_string());
            out.push_str(r#"" value=""#);
            out.push_str(&v.min(max).round().to_string());
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

    let result = Memo::new(move |_| {
        let l = lang.get();
        let mut out = String::new();
        if !open.get() {
            return out;
        }
        let (_, shown_id) = picked.get();
        let Some(id) = shown_id else {
            return out;
        };
        let Some(sim) = sim.get() else {
            if curve.with(|c| c.is_some()) {
                el(
                    &mut out,
                    r#"<p class="muted" role="status">"#,
                    text::LOADING_PRICES.get(l),
                    "</p>",
                );
            }
            return out;
        };
        let Some(run) = sim.run(&id) else {
            return out;
        };
        let shown = state.design.with(Shown::of);
        result_html(&mut out, &sim, run, shown, l);
        out
    });

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
            let Ok(v) = input.value().parse::<f64>() else {
                return;
            };
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
                <div inner_html=move || result.get()></div>
            </div>
        </Section>
    }
}

/// The chart, the notes and events, and the cost band of one service's day.
fn result_html(out: &mut String, sim: &Simulation, run: &ServiceRun, shown: Shown, l: Lang) {
    chart_html(out, run, l);
    let hours = fmt_num(run.day_task_hours);
    el(
        out,
        r#"<p class="muted" data-testid="autoscale-summary">"#,
        &tr!(
            l,
            autoscale_task_hours,
            hours = hours,
            peak = run.peak_tasks()
        ),
        "</p>",
    );
    for n in &run.notes {
        el(out, r#"<p class="autoscale-note">"#, n.get(l), "</p>");
    }
    el(out, "<h3>", msg!(autoscale_events).get(l), "</h3>");
    let events: Vec<_> = run
        .steps
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.events.iter().map(move |e| (i, s, e)))
        .collect();
    if events.is_empty() {
        el(
            out,
            r#"<p class="muted" data-testid="autoscale-events">"#,
            msg!(autoscale_no_events).get(l),
            "</p>",
        );
    } else {
        out.push_str(r#"<ol class="autoscale-events" data-testid="autoscale-events">"#);
        for (i, s, e) in events {
            out.push_str(r#"<li data-hour=""#);
            out.push_str(&i.to_string());
            out.push_str(r#""><time>"#);
            out.push_str(&s.time());
            out.push_str("</time> ");
            esc(out, e.get(l));
            out.push_str("</li>");
        }
        out.push_str("</ol>");
    }
    el(
        out,
        r#"<div class="autoscale-band" data-testid="autoscale-band"><h3>"#,
        msg!(autoscale_band).get(l),
        "</h3><p>",
    );
    let b = &sim.band;
    for (cls, label, usd, id) in [
        ("low", msg!(autoscale_low), b.low, "autoscale-low"),
        (
            "sim",
            msg!(autoscale_simulated),
            b.simulated,
            "autoscale-simulated",
        ),
        ("high", msg!(autoscale_high), b.high, "autoscale-high"),
    ] {
        out.push_str(r#"<span class="band-"#);
        out.push_str(cls);
        out.push_str(r#""><span class="muted">"#);
        esc(out, label.get(l));
        out.push_str(r#"</span> <strong data-testid=""#);
        out.push_str(id);
        out.push_str(r#"" data-plain=""#);
        out.push_str(&shown.plain(usd));
        out.push_str(r#"">"#);
        esc(out, &shown.text(usd));
        out.push_str("</strong></span>");
    }
    out.push_str("</p>");
    el(
        out,
        r#"<p class="muted">"#,
        &tr!(
            l,
            autoscale_service_band,
            service = run.label.clone(),
            low = shown.text(run.band.low),
            sim = shown.text(run.band.simulated),
            high = shown.text(run.band.high)
        ),
        "</p></div>",
    );
}

/// Bars of tasks per hour, the load as a line and the alarm threshold (ready tasks × target)
/// dashed, all in tasks' worth.
fn chart_html(out: &mut String, run: &ServiceRun, l: Lang) {
    let steps = &run.steps;
    let n = steps.len().max(1) as f64;
    let top = steps
        .iter()
        .map(|s| (s.demand / 100.0).max(s.tasks as f64))
        .fold(run.setup.max as f64, f64::max)
        .max(1.0)
        .ceil();
    let x = |i: f64| PAD_L + i * (W - PAD_L) / n;
    let y = |v: f64| (H - PAD_B) - v / top * (H - PAD_B - 4.0);
    let target = run.setup.target_percent;
    let target_txt = fmt_num(dec(target).round_dp(1));
    out.push_str(r#"<svg class="autoscale-chart" data-testid="autoscale-chart" viewBox="0 0 "#);
    out.push_str(&format!("{W} {H}"));
    el(
        out,
        r#"" role="img" aria-label=""#,
        msg!(autoscale_chart).get(l),
        r#"">"#,
    );
    // Axis: 0 and the top, in tasks.
    for v in [0.0, top] {
        out.push_str(&format!(
            r#"<text class="as-axis" x="{}" y="{:.1}" text-anchor="end">{}</text><line class="as-grid" x1="{PAD_L}" x2="{W}" y1="{:.1}" y2="{:.1}"/>"#,
            PAD_L - 3.0,
            y(v) + 3.0,
            v,
            y(v),
            y(v)
        ));
    }
    let bw = (W - PAD_L) / n;
    for (i, s) in steps.iter().enumerate() {
        out.push_str(&format!(
            r#"<rect class="as-bar" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" data-hour="{i}" data-tasks="{}"/>"#,
            x(i as f64) + 1.0,
            y(s.tasks as f64),
            (bw - 2.0).max(1.0),
            (H - PAD_B) - y(s.tasks as f64),
            s.tasks
        ));
    }
    // A step line: flat across each step, vertical between steps.
    let path = |f: &dyn Fn(&crate::core::autoscale::Step) -> f64| {
        let mut d = String::new();
        for (i, s) in steps.iter().enumerate() {
            let (x0, yv, x1) = (x(i as f64), y(f(s)), x(i as f64 + 1.0));
            if i == 0 {
                d.push_str(&format!("M{x0:.1},{yv:.1}H{x1:.1}"));
            } else {
                d.push_str(&format!("V{yv:.1}H{x1:.1}"));
            }
        }
        d
    };
    let threshold = path(&|s| s.ready as f64 * target / 100.0);
    let demand = path(&|s| s.demand / 100.0);
    out.push_str(&format!(
        r#"<path class="as-threshold" d="{threshold}"/><path class="as-demand" d="{demand}"/>"#
    ));
    for h in [0usize, 6, 12, 18] {
        if h < steps.len() {
            out.push_str(&format!(
                r#"<text class="as-axis" x="{:.1}" y="{}">{}</text>"#,
                x(h as f64 * steps.len() as f64 / 24.0),
                H - 3.0,
                format_args!("{h}:00")
            ));
        }
    }
    out.push_str("</svg>");
    // The legend.
    out.push_str(r#"<ul class="autoscale-legend"><li class="key-demand">"#);
    esc(out, msg!(autoscale_demand).get(l));
    out.push_str(r#"</li><li class="key-tasks">"#);
    esc(out, msg!(autoscale_tasks).get(l));
    out.push_str(r#"</li><li class="key-threshold" data-testid="autoscale-threshold">"#);
    esc(out, &tr!(l, autoscale_threshold, target = target_txt));
    out.push_str("</li></ul>");
}
