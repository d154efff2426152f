//! The findings panel: what the validator found in the current design, in the current
//! language, updated on every change. Selecting a finding lights up its nodes and edges on
//! the canvas; selecting a node on the canvas narrows the list to that node's findings.
//!
//! The list is a keyed `<For>`: a finding is known by its rule and the things it names
//! ([`key`]), so an explanation the reader opened stays open with its finding when others come
//! and go, and its texts follow the design and the language in place.

use leptos::prelude::*;

use crate::core::validate::{counts, Finding, Severity};

use crate::ui::panels::more::{first, ShowMore, PAGE};
use crate::ui::shell::explain::Explain;
use crate::ui::shell::state::{AppState, Selection};
use crate::ui::text;

/// What names a finding across edits: its rule id and the ids of the nodes and edges it is
/// about (a finding's message may change with a label; this does not).
pub fn key(f: &Finding) -> String {
    let mut k = f.rule.to_owned();
    for n in &f.nodes {
        k.push(' ');
        k.push_str(n.as_str());
    }
    for e in &f.edges {
        k.push(' ');
        k.push_str(e.as_str());
    }
    k
}

/// The list of findings with severity counts, or the all-clear state.
#[component]
pub fn FindingsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    // What the panel reads of the design, each its own memo, so that a change elsewhere (a
    // node dragged) does not touch the list.
    let follows = Memo::new(move |_| state.design.with(|d| d.follows_course));
    let focus = Memo::new(move |_| state.selection.with(|s| s.single_node().cloned()));
    let focus_name = Memo::new(move |_| {
        let id = focus.get()?;
        let lang = lang.get();
        state
            .design
            .with(|d| d.nodes.get(&id).map(|n| n.display_label(lang).to_owned()))
    });
    let summary = Memo::new(move |_| state.findings.with(|f| counts(f)));
    // The findings shown, by key.
    let shown = Memo::new(move |_| {
        let focus = focus.get();
        state.findings.with(|all| {
            all.iter()
                .filter(|f| focus.as_ref().is_none_or(|id| f.nodes.contains(id)))
                .map(|f| (key(f), f.clone()))
                .collect::<Vec<_>>()
        })
    });
    // A page at a time: a design of thousands of nodes can have thousands of findings.
    let limit = RwSignal::new(PAGE);
    let badge = move |sev: Severity, n: fn((usize, usize, usize)) -> usize| {
        view! {
            <span
                class=format!("count-badge sev-{}", sev.id())
                title=move || sev.name(lang.get())
                data-count=move || n(summary.get()).to_string()
            >
                <SeverityIcon severity=sev />
                {move || n(summary.get())}
            </span>
        }
    };
    view! {
        <section class="findings" data-testid="findings" aria-labelledby="findings-title">
            <div class="findings-head">
                <h2 id="findings-title">{move || text::CHECKS.get(lang.get())}</h2>
                <div class="findings-counts" data-testid="findings-summary" aria-live="polite">
                    {badge(Severity::Error, |c| c.0)}
                    {badge(Severity::Warning, |c| c.1)}
                    {badge(Severity::Info, |c| c.2)}
                </div>
            </div>
            <label class="toggle">
                <input
                    type="checkbox"
                    data-testid="follows-course"
                    prop:checked=move || follows.get()
                    on:change=move |ev| state.set_follows_course(event_target_checked(&ev))
                />
                <span>{move || text::FOLLOWS_COURSE.get(lang.get())}</span>
            </label>
            <p class="toggle-hint" data-testid="follows-course-hint">
                {move || {
                    if follows.get() {
                        text::FOLLOWS_COURSE_ON.get(lang.get())
                    } else {
                        text::FOLLOWS_COURSE_OFF.get(lang.get())
                    }
                }}
            </p>
            {move || {
                focus_name
                    .get()
                    .map(|name| {
                        view! {
                            <p class="findings-filter">
                                <span>
                                    {move || text::FINDINGS_FOR.get(lang.get())}" "
                                    <strong>{name}</strong>
                                </span>
                                <button
                                    type="button"
                                    class="link-button"
                                    on:click=move |_| state.selection.set(Selection::None)
                                >
                                    {move || text::SHOW_ALL.get(lang.get())}
                                </button>
                            </p>
                        }
                    })
            }}
            <Show
                when=move || shown.with(|s| !s.is_empty())
                fallback=move || {
                    view! {
                        <AllClear
                            node=Signal::derive(move || focus.with(Option::is_some))
                            course=follows.into()
                        />
                    }
                }
            >
                <ul class="findings-list" data-testid="findings-list">
                    <For
                        each=move || shown.with(|s| first(s, limit.get()))
                        key=|(k, _)| k.clone()
                        children=move |(k, first)| view! { <FindingItem key=k first shown /> }
                    />
                </ul>
                <ShowMore limit total=Signal::derive(move || shown.with(Vec::len)) />
            </Show>
        </section>
    }
}

/// No finding (for the design, or for the selected node).
#[component]
fn AllClear(
    /// Whether the list is narrowed to one node.
    node: Signal<bool>,
    /// Whether the course's checks ran (only then is the design praised as Party Box).
    course: Signal<bool>,
) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let texts = move || {
        if node.get() {
            (text::NODE_CLEAR_TITLE, text::NODE_CLEAR_BODY)
        } else if course.get() {
            (text::ALL_CLEAR_TITLE, text::ALL_CLEAR_BODY)
        } else {
            (text::ALL_CLEAR_TITLE, text::ALL_CLEAR_GENERAL_BODY)
        }
    };
    view! {
        <div class="all-clear" data-testid="all-clear" role="status">
            <svg class="all-clear-mark" viewBox="0 0 48 48" aria-hidden="true">
                <circle cx="24" cy="24" r="22"></circle>
                <path d="M14 25 L21 32 L35 17"></path>
            </svg>
            <p class="all-clear-title">{move || texts().0.get(lang.get())}</p>
            <p class="all-clear-body">{move || texts().1.get(lang.get())}</p>
        </div>
    }
}

/// One finding: severity, message, and (expanded) why and how to fix. Pressing it selects it
/// (or lets it go).
#[component]
fn FindingItem(
    /// The finding's key ([`key`]).
    key: String,
    /// The finding as it was when its item was made; its texts follow the current findings.
    first: Finding,
    /// The findings listed, by key.
    shown: Memo<Vec<(String, Finding)>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let explain = Explain::get();
    let sev = first.severity;
    let rule = first.rule;
    let k = key.clone();
    // The finding as it is now (its message may name a renamed node).
    let finding = Memo::new(move |_| {
        shown
            .with(|all| {
                all.iter()
                    .find(|(key, _)| *key == k)
                    .map(|(_, f)| f.clone())
            })
            .unwrap_or_else(|| first.clone())
    });
    let selected = Memo::new(move |_| {
        finding.with(|f| {
            state
                .selection
                .with(|s| matches!(s, Selection::Finding(x) if x == f))
        })
    });
    let toggle = move |_| {
        let f = finding.get_untracked();
        state.selection.set(if selected.get_untracked() {
            Selection::None
        } else {
            Selection::Finding(f)
        });
    };
    let says = move |pick: fn(&Finding) -> &crate::core::validate::Message| {
        move || finding.with(|f| pick(f).get(lang.get()).to_owned())
    };
    view! {
        <li
            class=format!("finding sev-{}", sev.id())
            class:selected=move || selected.get()
            data-rule-id=rule
            data-severity=sev.id()
            data-key=key
        >
            <button
                type="button"
                class="finding-main"
                aria-pressed=move || selected.get().to_string()
                on:click=toggle
            >
                <SeverityIcon severity=sev />
                <span class="finding-text">
                    <span class="finding-message">{says(|f| &f.message)}</span>
                    <code class="finding-rule">{rule}</code>
                </span>
            </button>
            <details class="finding-details" on:toggle=move |_| explain.request()>
                <summary>{move || text::WHY_AND_FIX.get(lang.get())}</summary>
                <p>
                    <strong>{move || text::WHY.get(lang.get())}</strong>
                    " "
                    {move || explain.why(rule, lang.get())}
                </p>
                <p>
                    <strong>{move || text::FIX.get(lang.get())}</strong>
                    " "
                    {says(|f| &f.fix)}
                </p>
            </details>
        </li>
    }
}

/// The icon of a severity (a shape as well as a colour, for colour-blind readers).
#[component]
pub fn SeverityIcon(
    /// Which severity.
    severity: Severity,
) -> impl IntoView {
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
