//! Compare two designs (issue #7, item 3): the current design (B) against another one (A) — the
//! design as it was opened, a template, a share link or a file — with the differences in
//! nodes, placement, parameters, ALB rules and cost lines listed and highlighted on both
//! diagrams. The core decides (`core::diff`, `core::svg`) inside the on-demand module
//! (`jobs::Job::Compare`, run by the worker), which answers with escaped HTML text; this panel
//! picks A, shows the answer and, on a click on a listed difference, selects its node or edge
//! on the canvas.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::document::model::{Design, EdgeId, NodeId};
use crate::core::document::templates::TEMPLATES;
use crate::core::format::load::to_json;
use crate::core::support::i18n::Lang;
use crate::jobs::{Job, Words};

use crate::ui::panels::section::Section;
use crate::ui::shell::pricing::request;
use crate::ui::shell::state::{design_from_text, AppState, Selection};
use crate::ui::shell::worker::{rendered, words};
use crate::ui::text::i18n::{msg, tr};

/// The other design: where it came from (shown as is) and the design.
#[derive(Clone, PartialEq)]
struct Other {
    from: String,
    design: Design,
}

/// The compare section of the side panel; it works only while open.
#[component]
pub fn ComparePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let other = RwSignal::new(None::<Other>);
    let error = RwSignal::new(None::<String>);
    let template = RwSignal::new(TEMPLATES[0].id.to_owned());
    let link = RwSignal::new(String::new());
    let open = RwSignal::new(false);

    let set_other = move |from: String, got: Result<Design, String>| match got {
        Ok(design) => {
            error.set(None);
            other.set(Some(Other { from, design }));
        }
        // A bad link or file says why and keeps what was compared before.
        Err(e) => error.set(Some(format!("{from}: {e}"))),
    };
    let since_opened = move |_| {
        let l = lang.get_untracked();
        set_other(
            msg!(compare_opened).get(l).to_owned(),
            Ok(state.baseline.get_untracked()),
        );
    };
    let with_template = move |_| {
        let l = lang.get_untracked();
        let id = template.get_untracked();
        let got = match crate::core::document::templates::find(&id) {
            Some(t) => (
                t.name.get(l).to_owned(),
                t.design().map_err(|e| e.message(l)),
            ),
            None => (id, Err(msg!(compare_unknown).get(l).to_owned())),
        };
        set_other(got.0, got.1);
    };
    let with_link = move |_| {
        let l = lang.get_untracked();
        let text = link.get_untracked();
        let shown = short(&text);
        set_other(
            shown,
            crate::core::format::link::decode(text.trim())
                .map(|d| d.design)
                .map_err(|e| e.message(l)),
        );
    };
    let with_file = move |ev: leptos::ev::Event| {
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        let name = file.name();
        leptos::task::spawn_local(async move {
            let l = lang.get_untracked();
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            match text {
                None => set_other(name, Err(msg!(compare_not_text).get(l).to_owned())),
                Some(t) => design_from_text(t, l, move |got| set_other(name, got.map(|(d, _)| d))),
            }
        });
    };

    // The diff, priced when both regions' tables are loaded (A's is fetched on demand; this
    // design's is kept loaded by the cost panel).
    Effect::new(move |_| {
        if let Some(r) = other.with(|o| o.as_ref().map(|o| o.design.region)) {
            request(state, r, false);
        }
    });
    // Only while the section is open: a closed one must not diff and draw on every edit.
    // The diff and both diagrams are drawn by the on-demand module (`jobs::Job::Compare`).
    let answer = rendered(move || {
        if !open.get() {
            return None;
        }
        let a = other.get()?;
        let l = lang.get();
        let (b, region) = state.design.with(|b| (to_json(b), b.region));
        let priced = state.table(a.design.region).is_some() && state.table(region).is_some();
        Some(Job::Compare {
            a: to_json(&a.design),
            a_from: a.from,
            b,
            priced,
            lang: l,
            words: panel_words(l),
        })
    });
    // A click on a listed difference selects its node or edge in this design (B) on the canvas.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(li) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-diff-b]").ok().flatten())
        else {
            return;
        };
        let id = li.get_attribute("data-diff-b").unwrap_or_default();
        let sel = match li.get_attribute("data-diff-subject").as_deref() {
            Some("node") => Selection::node(NodeId(id)),
            Some("edge") => Selection::edge(EdgeId(id)),
            _ => return,
        };
        state.selection.set(sel);
    };
    let options = TEMPLATES
        .iter()
        .map(|t| view! { <option value=t.id>{move || t.name.get(lang.get())}</option> })
        .collect_view();
    view! {
        <Section class="compare" testid="compare" title=msg!(compare_title) help=msg!(compare_help) open=open>
            <div class="compare-pick">
                <button type="button" class="button" data-testid="compare-opened" on:click=since_opened>
                    {move || msg!(compare_opened_button).get(lang.get())}
                </button>
                <div class="compare-row">
                    <select
                        data-testid="compare-template"
                        aria-label=move || msg!(compare_template).get(lang.get())
                        on:change=move |ev| template.set(event_target_value(&ev))
                    >
                        {options}
                    </select>
                    <button type="button" class="button" data-testid="compare-template-go" on:click=with_template>
                        {move || msg!(compare_go).get(lang.get())}
                    </button>
                </div>
                <div class="compare-row">
                    <input
                        type="text"
                        data-testid="compare-link"
                        spellcheck="false"
                        autocomplete="off"
                        placeholder="https://…#k1.…"
                        aria-label=move || msg!(compare_link).get(lang.get())
                        on:input=move |ev| link.set(event_target_value(&ev))
                    />
                    <button type="button" class="button" data-testid="compare-link-go" on:click=with_link>
                        {move || msg!(compare_go).get(lang.get())}
                    </button>
                </div>
                <label class="compare-row">
                    <span>{move || msg!(compare_file).get(lang.get())}</span>
                    <input type="file" data-testid="compare-file" accept=".json,.mmd,.md,.txt" on:change=with_file />
                </label>
            </div>
            <div class="compare-result" aria-live="polite" on:click=on_click>
                {move || {
                    error
                        .get()
                        .map(|e| {
                            view! {
                                <p class="alert" role="alert" data-testid="compare-error">
                                    {e}
                                </p>
                            }
                        })
                }}
                <div
                    class="compare-answer"
                    inner_html=move || {
                        if other.with(Option::is_some) {
                            answer.with(|a| a.as_str().to_owned())
                        } else {
                            String::new()
                        }
                    }
                ></div>
            </div>
        </Section>
    }
}

/// At most 40 characters of what the user typed, for messages.
fn short(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// The panel's strings for the job, in `l` (counts as `{n}`, filled in by the job).
pub(crate) fn panel_words(l: Lang) -> Words {
    let mut w = words!(
        l;
        compare_equal,
        compare_unpriced,
        compare_this,
        compare_added,
        compare_removed,
        compare_changed,
        compare_moved,
    );
    w.0.insert("compare_count".to_owned(), tr!(l, compare_count, n = "{n}"));
    w.0.insert(
        "compare_layout".to_owned(),
        tr!(l, compare_layout, n = "{n}"),
    );
    w
}
