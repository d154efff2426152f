//! The root component: creates the state, keeps `<html lang>` in step with the language and
//! the pricing table of the design's region loaded, and lays out the header, the canvas and
//! the side panel.

use leptos::prelude::*;

use crate::core::support::i18n::Lang;

use wasm_bindgen::JsCast;

use crate::ui::editor::canvas::Canvas;
use crate::ui::editor::gestures;
use crate::ui::editor::outline::Outline;
use crate::ui::editor::palette::Palette;
use crate::ui::panels::side_panel::SidePanel;
use crate::ui::shell::autosave;
use crate::ui::shell::explain;
use crate::ui::shell::header::Header;
use crate::ui::shell::layout::{self, PaneTabs, SkipLinks};
use crate::ui::shell::pricing;
use crate::ui::shell::share;
use crate::ui::shell::state::AppState;

/// The whole app, with a new state in the browser's language, opening the share link in the
/// address bar and keeping the address bar in step with the design.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(browser_lang());
    // Only the real page owns the address bar and the saved design (tests mount several
    // apps into one page). The autosave decides what opens (the saved design, or a share
    // link in the address with the saved design kept aside); the address bar then follows.
    let opened = autosave::install(state);
    share::install(state, opened);
    register_service_worker();
    // Shortcuts pressed with nothing focused (after a click on the background) reach the
    // window, not the app; the app's own handler takes the others.
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        let on_body = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_none_or(|el| matches!(el.tag_name().as_str(), "BODY" | "HTML"));
        if on_body {
            gestures::shortcut(state, None, &ev);
        }
    });
    view! { <AppWith state /> }
}

/// The whole app over `state` (tests keep the state to drive it).
#[component]
pub fn AppWith(state: AppState) -> impl IntoView {
    provide_context(state);
    explain::provide();
    let pane = layout::provide(state);
    pricing::keep_loaded(state);

    // Screen readers and fonts pick the language from `<html lang>`.
    Effect::new(move |_| {
        let tag = state.lang.get().tag();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", tag);
        }
    });

    view! {
        <div
            class="app"
            // A file dropped anywhere on the page opens like "Open file".
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                gestures::shortcut(state, None, &ev);
            }
            on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                    crate::ui::shell::header::open_chosen_file(state, file);
                }
            }
        >
            <SkipLinks />
            <Header />
            <main class="workspace" data-pane=move || pane.0.get().id()>
                <div class="left-column">
                    <Palette />
                    <Outline />
                </div>
                <Canvas />
                <PaneTabs />
                <SidePanel />
            </main>
        </div>
    }
}

/// The language to start in: Japanese when the browser prefers it, English otherwise.
pub fn browser_lang() -> Lang {
    let navigator = window().navigator();
    let listed: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if listed.is_empty() {
        let one = navigator.language().unwrap_or_default();
        return Lang::negotiate([one.as_str()]);
    }
    Lang::negotiate(listed.iter().map(String::as_str))
}

/// Registers the service worker the build writes (`dist/sw.js`, see scripts/post-build.js),
/// which keeps the app and every pricing table available offline once the page has loaded.
/// Browsers without service workers (or pages not served securely) simply go without.
fn register_service_worker() {
    let navigator = window().navigator();
    let available = js_sys::Reflect::get(&navigator, &"serviceWorker".into())
        .is_ok_and(|sw| !sw.is_undefined() && !sw.is_null());
    if available {
        // The promise's failure (e.g. no sw.js next to the page) only means no offline copy.
        let promise = navigator.service_worker().register("sw.js");
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}
