//! The auto-scaling job's answer: one service's simulated day (`core::autoscale::simulate`, the
//! same as `kumozu scale`) as a chart, the events in words and the cost band, in escaped HTML.

use crate::core::cost::{dec, fmt_num, Shown};
use crate::core::course::autoscale::{ServiceRun, Simulation};
use crate::core::support::html::{el, esc};
use crate::core::support::i18n::Lang;

use super::Words;

/// Chart size (SVG user units).
const W: f64 = 288.0;
const H: f64 = 132.0;
const PAD_L: f64 = 22.0;
const PAD_B: f64 = 16.0;

/// The chart, the notes and events, and the cost band of one service's day.
pub(super) fn html(
    out: &mut String,
    sim: &Simulation,
    run: &ServiceRun,
    shown: Shown,
    l: Lang,
    w: &Words,
) {
    chart_html(out, run, l, w);
    let hours = fmt_num(run.day_task_hours);
    el(
        out,
        r#"<p class="muted" data-testid="autoscale-summary">"#,
        &w.fill_with(
            "autoscale_task_hours",
            &[("hours", &hours), ("peak", &run.peak_tasks().to_string())],
        ),
        "</p>",
    );
    for n in &run.notes {
        el(out, r#"<p class="autoscale-note">"#, n.get(l), "</p>");
    }
    el(out, "<h3>", w.get("autoscale_events"), "</h3>");
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
            w.get("autoscale_no_events"),
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
        w.get("autoscale_band"),
        "</h3><p>",
    );
    let b = &sim.band;
    for (cls, label, usd, id) in [
        ("low", "autoscale_low", b.low, "autoscale-low"),
        (
            "sim",
            "autoscale_simulated",
            b.simulated,
            "autoscale-simulated",
        ),
        ("high", "autoscale_high", b.high, "autoscale-high"),
    ] {
        out.push_str(r#"<span class="band-"#);
        out.push_str(cls);
        out.push_str(r#""><span class="muted">"#);
        esc(out, w.get(label));
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
        &w.fill_with(
            "autoscale_service_band",
            &[
                ("service", &run.label),
                ("low", &shown.text(run.band.low)),
                ("sim", &shown.text(run.band.simulated)),
                ("high", &shown.text(run.band.high)),
            ],
        ),
        "</p></div>",
    );
}

/// Bars of tasks per hour, the load as a line and the alarm threshold (ready tasks × target)
/// dashed, all in tasks' worth.
fn chart_html(out: &mut String, run: &ServiceRun, _l: Lang, w: &Words) {
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
        w.get("autoscale_chart"),
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
    let path = |f: &dyn Fn(&crate::core::course::autoscale::Step) -> f64| {
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
    esc(out, w.get("autoscale_demand"));
    out.push_str(r#"</li><li class="key-tasks">"#);
    esc(out, w.get("autoscale_tasks"));
    out.push_str(r#"</li><li class="key-threshold" data-testid="autoscale-threshold">"#);
    esc(
        out,
        &w.fill_with("autoscale_threshold", &[("target", &target_txt)]),
    );
    out.push_str("</li></ul>");
}
