//! How the workspace is reached: the skip links at the top of the page (to the palette, the
//! canvas, the outline and the inspector), and on a phone the tabs of the sheet under the
//! canvas, which shows one part of the workspace at a time (palette, outline, settings,
//! checks, cost, the course's panels). On a wide screen every part is on screen and the tabs
//! are not shown (style/main.css); the chosen tab is the `data-pane` of `<main>`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::shell::state::AppState;
use crate::ui::text;
use crate::ui::text::i18n::Msg;

/// A part of the workspace a phone shows in the sheet under the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The palette.
    Palette,
    /// The outline.
    Outline,
    /// The inspector (the selection's settings).
    Inspector,
    /// The findings.
    Checks,
    /// The cost.
    Cost,
    /// The course's panels and the design's facts.
    Course,
}

impl Pane {
    /// Every pane, in the tabs' order.
    pub const ALL: [Pane; 6] = [
        Pane::Palette,
        Pane::Outline,
        Pane::Inspector,
        Pane::Checks,
        Pane::Cost,
        Pane::Course,
    ];

    /// Its stable id (`data-pane`, the style sheet's selectors).
    pub fn id(self) -> &'static str {
        match self {
            Pane::Palette => "palette",
            Pane::Outline => "outline",
            Pane::Inspector => "inspector",
            Pane::Checks => "checks",
            Pane::Cost => "cost",
            Pane::Course => "course",
        }
    }

    /// Its tab's label.
    pub fn label(self) -> Msg {
        match self {
            Pane::Palette => text::PANE_PALETTE,
            Pane::Outline => text::PANE_OUTLINE,
            Pane::Inspector => text::PANE_INSPECTOR,
            Pane::Checks => text::PANE_CHECKS,
            Pane::Cost => text::PANE_COST,
            Pane::Course => text::PANE_COURSE,
        }
    }
}

/// The pane the sheet shows, shared through the context.
#[derive(Debug, Clone, Copy)]
pub struct PaneChoice(pub RwSignal<Pane>);

/// Puts the pane choice into the context (the checks first: what a shared link's reader
/// wants to see) and moves the sheet to the settings when something is selected on the
/// canvas or in the outline (but not while the student is adding parts from the palette).
pub fn provide(state: AppState) -> PaneChoice {
    let pane = PaneChoice(RwSignal::new(Pane::Checks));
    provide_context(pane);
    let picked = Memo::new(move |_| {
        state
            .selection
            .with(|s| s.single_node().is_some() || s.single_edge().is_some())
    });
    Effect::new(move |_| {
        if picked.get() && pane.0.get_untracked() != Pane::Palette {
            pane.0.set(Pane::Inspector);
        }
    });
    pane
}

/// The sheet's tabs (shown on narrow screens only).
#[component]
pub fn PaneTabs() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let pane = expect_context::<PaneChoice>().0;
    let tabs = Pane::ALL
        .into_iter()
        .map(|p| {
            view! {
                <button
                    type="button"
                    role="tab"
                    class="pane-tab"
                    data-pane-tab=p.id()
                    aria-selected=move || (pane.get() == p).to_string()
                    on:click=move |_| pane.set(p)
                >
                    {move || p.label().get(lang.get())}
                </button>
            }
        })
        .collect_view();
    view! {
        <div
            class="pane-tabs"
            role="tablist"
            aria-label=move || text::PANES.get(lang.get())
        >
            {tabs}
        </div>
    }
}

/// Where a skip link goes: the pane that holds it (on a phone) and the element to focus.
struct Skip {
    label: Msg,
    pane: Option<Pane>,
    /// The first element matching one of these selectors (in order) gets the focus.
    targets: &'static [&'static str],
}

const SKIPS: [Skip; 4] = [
    Skip {
        label: text::SKIP_PALETTE,
        pane: Some(Pane::Palette),
        targets: &["#palette input", "#palette button"],
    },
    Skip {
        label: text::SKIP_CANVAS,
        pane: None,
        targets: &["#canvas [tabindex='0']", ".canvas-toolbar button:enabled"],
    },
    Skip {
        label: text::SKIP_OUTLINE,
        pane: Some(Pane::Outline),
        targets: &["#outline [tabindex='0']", "#outline"],
    },
    Skip {
        label: text::SKIP_INSPECTOR,
        pane: Some(Pane::Inspector),
        targets: &[
            "#inspector :is(input, select, textarea, button)",
            "#inspector",
        ],
    },
];

/// Links to the workspace's parts, first in the Tab order and shown when focused.
#[component]
pub fn SkipLinks() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let pane = expect_context::<PaneChoice>().0;
    let links = SKIPS
        .iter()
        .map(|skip| {
            view! {
                <button
                    type="button"
                    class="skip-link"
                    on:click=move |_| {
                        if let Some(p) = skip.pane {
                            pane.set(p);
                        }
                        // After the pane is drawn (a hidden element cannot take the focus).
                        request_animation_frame(move || focus_first(skip.targets));
                    }
                >
                    {move || skip.label.get(lang.get())}
                </button>
            }
        })
        .collect_view();
    view! {
        <nav class="skip-links" aria-label=move || text::SKIP_LINKS.get(lang.get())>
            {links}
        </nav>
    }
}

/// Focuses the first element matching one of `selectors` (an HTML or an SVG element).
fn focus_first(selectors: &[&str]) {
    let doc = document();
    let Some(el) = selectors
        .iter()
        .find_map(|sel| doc.query_selector(sel).ok().flatten())
    else {
        return;
    };
    if let Some(html) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = html.focus();
    } else if let Some(svg) = el.dyn_ref::<web_sys::SvgElement>() {
        let _ = svg.focus();
    }
}
