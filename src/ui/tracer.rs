//! The request tracer (issue #7, first part): pick or type a request and see, hop by hop,
//! how the design serves it — which ALB rule takes it and why, which service and tasks, which
//! database — or where it breaks. The core decides (`core::trace`); this panel shows it and
//! lights the path up on the canvas.

use crate::core::sort::Ordered;

use leptos::prelude::*;

use crate::core::trace::{trace, Request, Trace};
use crate::core::validate::Message;

use super::i18n::msg;
use super::section::Section;
use super::state::{AppState, Selection};

/// How long each hop stays the current one while the path is walked.
const HOP_MS: u64 = 450;

/// Whether the user asked for less motion (then the path lights up at once).
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Requests one click away: the chapter's three kinds of traffic.
const PRESETS: [&str; 3] = ["GET /", "GET /api/rooms", "WS /socket.io/?EIO=4"];

/// A collapsible section of the side panel; it traces only while open.
#[component]
pub fn TracerPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let open = RwSignal::new(false);
    let request = RwSignal::new(PRESETS[1].to_owned());
    let result = Memo::new(move |_| -> Option<Result<Trace, Message>> {
        if !open.get() {
            return None;
        }
        Some(match Request::parse(&request.get()) {
            Err(e) => Err(e.message()),
            Ok(r) => Ok(state.design.with(|d| trace(d, &r))),
        })
    });
    // Walks the hops on the canvas one after another (the request "travels" through the
    // design), then leaves the whole path lit. `step` is the hop being shown; a newer trace
    // or a second click restarts the walk (`run` tells the stale timers apart). With reduced
    // motion asked for, the whole path lights up at once.
    let step = RwSignal::new(None::<usize>);
    let run = StoredValue::new(0u32);
    let light = move |hops: &[crate::core::trace::Hop], upto: usize| {
        let shown = &hops[..(upto + 1).min(hops.len())];
        let nodes = shown.iter().map(|h| h.node.clone()).to_set();
        let edges = shown.iter().filter_map(|h| h.edge.clone()).to_set();
        state.selection.set(Selection::items(nodes, edges));
    };
    let show = move |_| {
        let Some(Ok(t)) = result.get_untracked() else {
            return;
        };
        run.update_value(|r| *r += 1);
        let this_run = run.get_value();
        let last = t.hops.len().saturating_sub(1);
        if reduced_motion() || t.hops.is_empty() {
            step.set(None);
            light(&t.hops, last);
            return;
        }
        let hops = std::rc::Rc::new(t.hops);
        for i in 0..=last {
            let hops = hops.clone();
            set_timeout(
                move || {
                    if run.get_value() != this_run {
                        return;
                    }
                    light(&hops, i);
                    step.set((i < last).then_some(i));
                },
                std::time::Duration::from_millis(HOP_MS * i as u64),
            );
        }
    };
    let presets = PRESETS
        .iter()
        .map(|p| {
            let p = *p;
            view! {
                <button type="button" class="chip" data-request=p on:click=move |_| request.set(p.to_owned())>
                    <code>{p}</code>
                </button>
            }
        })
        .collect_view();
    let body = move || {
        let l = lang.get();
        result.get().map(|r| match r {
            Err(e) => view! {
                <p class="alert" role="alert" data-testid="tracer-result" data-served="false">{e.get(l).to_owned()}</p>
            }
            .into_any(),
            Ok(t) => {
                let hops = t
                    .hops
                    .iter()
                    .enumerate()
                    .map(|(i, h)| {
                        let now = move || step.get() == Some(i);
                        view! {
                            <li
                                data-hop-kind=h.kind.id()
                                data-hop-node=h.node.as_str().to_owned()
                                class:is-current=now
                                aria-current=move || now().then_some("step")
                            >
                                {h.text.get(l).to_owned()}
                            </li>
                        }
                    })
                    .collect_view();
                let served = t.stop.is_none();
                let outcome = match &t.stop {
                    None => msg!(tracer_served).get(l).to_owned(),
                    Some(b) => format!("{} {}", msg!(tracer_breaks).get(l), b.message.get(l)),
                };
                let rule = t
                    .stop
                    .as_ref()
                    .and_then(|b| b.finding.as_ref())
                    .map(|f| view! { <code class="rule-id">{f.rule}</code> });
                view! {
                    <ol class="tracer-hops" data-testid="tracer-hops">{hops}</ol>
                    <p
                        class=if served { "tracer-result ok" } else { "tracer-result broken" }
                        role="status"
                        data-testid="tracer-result"
                        data-served=if served { "true" } else { "false" }
                    >
                        {outcome}
                        " "
                        {rule}
                    </p>
                    <button type="button" class="button" data-testid="tracer-show" on:click=show>
                        {msg!(tracer_show).get(l)}
                    </button>
                }
                .into_any()
            }
        })
    };
    view! {
        <Section class="tracer" testid="tracer" title=msg!(tracer_title) help=msg!(tracer_help) open=open>
            <div class="tracer-presets">{presets}</div>
            <input
                type="text"
                class="tracer-input"
                data-testid="tracer-request"
                spellcheck="false"
                autocomplete="off"
                aria-label=move || msg!(tracer_request).get(lang.get())
                prop:value=move || request.get()
                on:change=move |ev| request.set(event_target_value(&ev))
            />
            {body}
        </Section>
    }
}
