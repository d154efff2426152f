//! The request tracer (issue #7, first part): pick or type a request and see, hop by hop,
//! how the design serves it — which ALB rule takes it and why, which service and tasks, which
//! database — or where it breaks. The core decides (`core::trace`, run by the on-demand module:
//! `jobs::Job::Trace`); this panel shows the answer and lights the path up on the canvas.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::document::model::{EdgeId, NodeId};
use crate::core::format::load::to_json;
use crate::core::support::sort::Ordered;
use crate::jobs::Job;

use crate::ui::panels::section::Section;
use crate::ui::shell::state::{AppState, Selection};
use crate::ui::shell::worker::{rendered, words};
use crate::ui::text::i18n::msg;

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
    // The trace, written by the on-demand module (`jobs::Job::Trace`).
    let body = rendered(move || {
        if !open.get() {
            return None;
        }
        let l = lang.get();
        Some(Job::Trace {
            design: state.design.with(to_json),
            request: request.get(),
            lang: l,
            words: words!(
                l;
                tracer_served,
                tracer_breaks,
                tracer_show,
            ),
        })
    });
    // "Show the path" walks the hops on the canvas one after another (the request "travels"
    // through the design), then leaves the whole path lit: the hops' ids are read back from
    // the answer. A newer click restarts the walk (`run` tells the stale timers apart). With
    // reduced motion asked for, the whole path lights up at once.
    let run = StoredValue::new(0u32);
    let hops_ref = NodeRef::<leptos::html::Div>::new();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let shown = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-show-path]").ok().flatten());
        if shown.is_none() {
            return;
        }
        let Some(root) = hops_ref.get_untracked() else {
            return;
        };
        let hops = hop_ids(&root);
        run.update_value(|r| *r += 1);
        let this_run = run.get_value();
        let last = hops.len().saturating_sub(1);
        if reduced_motion() || hops.is_empty() {
            light(state, &hops, last);
            return;
        }
        let hops = std::rc::Rc::new(hops);
        for i in 0..=last {
            let hops = hops.clone();
            set_timeout(
                move || {
                    if run.get_value() != this_run {
                        return;
                    }
                    light(state, &hops, i);
                    if let Some(root) = hops_ref.get_untracked() {
                        mark_current(&root, (i < last).then_some(i));
                    }
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
            <div node_ref=hops_ref on:click=on_click inner_html=move || body.with(|h| h.as_str().to_owned())></div>
        </Section>
    }
}

/// The node and edge of each hop listed in the answer under `root`.
fn hop_ids(root: &web_sys::Element) -> Vec<(NodeId, Option<EdgeId>)> {
    let Ok(items) = root.query_selector_all("li[data-hop-node]") else {
        return Vec::new();
    };
    (0..items.length())
        .filter_map(|i| items.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter_map(|li| {
            let node = li.get_attribute("data-hop-node")?;
            Some((NodeId(node), li.get_attribute("data-hop-edge").map(EdgeId)))
        })
        .collect()
}

/// Selects the first `upto + 1` hops on the canvas.
fn light(state: AppState, hops: &[(NodeId, Option<EdgeId>)], upto: usize) {
    let shown = &hops[..(upto + 1).min(hops.len())];
    let nodes = shown.iter().map(|h| h.0.clone()).to_set();
    let edges = shown.iter().filter_map(|h| h.1.clone()).to_set();
    state.selection.set(Selection::items(nodes, edges));
}

/// Marks hop `current` (none: no hop) as the one being shown.
fn mark_current(root: &web_sys::Element, current: Option<usize>) {
    let Ok(items) = root.query_selector_all("li[data-hop-node]") else {
        return;
    };
    for i in 0..items.length() {
        let Some(li) = items
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if Some(i as usize) == current {
            let _ = li.class_list().add_1("is-current");
            let _ = li.set_attribute("aria-current", "step");
        } else {
            let _ = li.class_list().remove_1("is-current");
            let _ = li.remove_attribute("aria-current");
        }
    }
}
