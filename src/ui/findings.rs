//! The findings panel: what the validator found in the current design, in the current
//! language, updated on every change. Selecting a finding lights up its nodes and edges on
//! the canvas; selecting a node on the canvas narrows the list to that node's findings.

use leptos::prelude::*;

use crate::core::i18n::Lang;
use crate::core::validate::{counts, Finding, Severity};

use super::state::{AppState, Selection};
use super::text;

/// The list of findings with severity counts, or the all-clear state.
#[component]
pub fn FindingsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let findings = state.findings;
    let summary = move || findings.with(|f| counts(f));
    // The node whose findings are listed, when a node is selected.
    let focus = move || state.selection.with(|s| s.single_node().cloned());
    let shown = move || {
        let focus = focus();
        findings.with(|all| {
            all.iter()
                .filter(|f| focus.as_ref().is_none_or(|id| f.nodes.contains(id)))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let focus_name = move || {
        let id = focus()?;
        state.design.with(|d| {
            d.nodes
                .get(&id)
                .map(|n| n.display_label(lang.get()).to_owned())
        })
    };
    let follows = move || state.design.with(|d| d.follows_course);
    view! {
        <section class="findings" data-testid="findings" aria-labelledby="findings-title">
            <div class="findings-head">
                <h2 id="findings-title">{move || text::CHECKS.get(lang.get())}</h2>
                <div class="findings-counts" data-testid="findings-summary" aria-live="polite">
                    {move || {
                        let (e, w, i) = summary();
                        let lang = lang.get();
                        view! {
                            <span class="count-badge sev-error" title=Severity::Error.name(lang) data-count=e>
                                <SeverityIcon severity=Severity::Error />
                                {e}
                            </span>
                            <span class="count-badge sev-warning" title=Severity::Warning.name(lang) data-count=w>
                                <SeverityIcon severity=Severity::Warning />
                                {w}
                            </span>
                            <span class="count-badge sev-info" title=Severity::Info.name(lang) data-count=i>
                                <SeverityIcon severity=Severity::Info />
                                {i}
                            </span>
                        }
                    }}
                </div>
            </div>
            <label class="toggle">
                <input
                    type="checkbox"
                    data-testid="follows-course"
                    prop:checked=follows
                    on:change=move |ev| state.set_follows_course(event_target_checked(&ev))
                />
                <span>{move || text::FOLLOWS_COURSE.get(lang.get())}</span>
            </label>
            {move || {
                focus_name()
                    .map(|name| {
                        view! {
                            <p class="findings-filter">
                                <span>{text::FINDINGS_FOR.get(lang.get())}" "<strong>{name}</strong></span>
                                <button
                                    type="button"
                                    class="link-button"
                                    on:click=move |_| state.selection.set(Selection::None)
                                >
                                    {text::SHOW_ALL.get(lang.get())}
                                </button>
                            </p>
                        }
                    })
            }}
            {move || {
                let items = shown();
                let lang = lang.get();
                if items.is_empty() {
                    let (title, body) = if focus().is_some() {
                        (text::NODE_CLEAR_TITLE, text::NODE_CLEAR_BODY)
                    } else {
                        (text::ALL_CLEAR_TITLE, text::ALL_CLEAR_BODY)
                    };
                    return view! {
                        <div class="all-clear" data-testid="all-clear" role="status">
                            <svg class="all-clear-mark" viewBox="0 0 48 48" aria-hidden="true">
                                <circle cx="24" cy="24" r="22"></circle>
                                <path d="M14 25 L21 32 L35 17"></path>
                            </svg>
                            <p class="all-clear-title">{title.get(lang)}</p>
                            <p class="all-clear-body">{body.get(lang)}</p>
                        </div>
                    }
                    .into_any();
                }
                view! {
                    <ul class="findings-list" data-testid="findings-list">
                        {items.into_iter().map(|f| view! { <FindingItem finding=f lang=lang /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// One finding: severity, message, and (expanded) why and how to fix. Pressing it selects it.
#[component]
fn FindingItem(finding: Finding, lang: Lang) -> impl IntoView {
    let state = expect_context::<AppState>();
    let selected = {
        let f = finding.clone();
        move || {
            state
                .selection
                .with(|s| matches!(s, Selection::Finding(x) if *x == f))
        }
    };
    let pressed = selected.clone();
    let toggle = {
        let f = finding.clone();
        move |_| {
            let again = state
                .selection
                .with_untracked(|s| matches!(s, Selection::Finding(x) if *x == f));
            state.selection.set(if again {
                Selection::None
            } else {
                Selection::Finding(f.clone())
            });
        }
    };
    let sev = finding.severity;
    let class = match sev {
        Severity::Error => "finding sev-error",
        Severity::Warning => "finding sev-warning",
        Severity::Info => "finding sev-info",
    };
    view! {
        <li class=class data-rule-id=finding.rule data-severity=sev.id() class:selected=selected.clone()>
            <button type="button" class="finding-main" aria-pressed=move || pressed().to_string() on:click=toggle>
                <SeverityIcon severity=sev />
                <span class="finding-text">
                    <span class="finding-message">{finding.message.get(lang).to_owned()}</span>
                    <code class="finding-rule">{finding.rule}</code>
                </span>
            </button>
            <details class="finding-details">
                <summary>{text::WHY_AND_FIX.get(lang)}</summary>
                <p><strong>{text::WHY.get(lang)}</strong>" "{finding.why.get(lang).to_owned()}</p>
                <p><strong>{text::FIX.get(lang)}</strong>" "{finding.fix.get(lang).to_owned()}</p>
            </details>
        </li>
    }
}

/// The icon of a severity (a shape as well as a colour, for colour-blind readers).
#[component]
pub fn SeverityIcon(severity: Severity) -> impl IntoView {
    let (class, path) = match severity {
        Severity::Error => (
            "sev-icon sev-icon--error",
            "M8 1.5 L14.5 8 L8 14.5 L1.5 8 Z M8 4.5 V8.8 M8 10.8 V11.2",
        ),
        Severity::Warning => (
            "sev-icon sev-icon--warning",
            "M8 1.8 L14.6 13.8 H1.4 Z M8 6 V9.6 M8 11.6 V12",
        ),
        Severity::Info => (
            "sev-icon sev-icon--info",
            "M8 1.5 A6.5 6.5 0 1 1 7.99 1.5 Z M8 7 V11.5 M8 4.6 V5",
        ),
    };
    view! {
        <svg class=class viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d=path></path>
        </svg>
    }
}
