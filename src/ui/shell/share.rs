//! Share links in the browser: the address bar follows the design (debounced, with
//! `history.replaceState`, so the back button is not flooded), a link in the address bar opens
//! its design at start and when the user pastes another one, and "Copy link" puts the current
//! link on the clipboard. The codec itself is the core's (`core::link`).

use std::time::Duration;

use leptos::prelude::*;

use crate::core::format::link;

use crate::ui::shell::state::AppState;
use crate::ui::text;

/// How long the design must stay unchanged before the address bar is updated.
const DEBOUNCE: Duration = Duration::from_millis(400);

/// The link fragment (without `#`) of the current design, recording the pricing table
/// version when the design's region's table is loaded.
fn fragment(state: AppState) -> String {
    let version = state.table_version_untracked();
    state
        .design
        .with_untracked(|d| link::encode(d, version.as_deref()))
}

/// The page's current `#…` fragment, without the `#`.
fn current_hash() -> String {
    window()
        .location()
        .hash()
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_owned()
}

/// Replaces the address bar's fragment without adding a history entry (and tells the
/// autosave, so a reload before the next save still finds the saved design).
fn replace_hash(fragment: &str) {
    if let Ok(history) = window().history() {
        let url = format!("#{fragment}");
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        crate::ui::shell::autosave::address_followed(fragment);
    }
}

/// Keeps the address bar in step with the design and listens for links the user pastes.
/// `opened`: the link in the address bar that the autosave opened at start (it stays as given
/// until the first edit); otherwise the address bar soon shows the design on screen (the saved
/// one, or the template, also after a broken link). Call once, from `App`, after
/// `autosave::install`, which decides what the start link opens.
pub fn install(state: AppState, opened: Option<String>) {
    let written = StoredValue::new(String::new());
    if let Some(start) = opened {
        written.set_value(start);
    }

    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    Effect::new(move |first: Option<()>| {
        state.design.track();
        if first.is_none() && !written.with_value(|w| w.is_empty()) {
            // The design was just opened from the address bar: keep the link as given.
            return;
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                let f = fragment(state);
                if f.len() <= link::MAX_LINK_BYTES && written.with_value(|w| *w != f) {
                    replace_hash(&f);
                    written.set_value(f);
                }
            },
            DEBOUNCE,
        )
        .ok();
        pending.set_value(handle);
    });

    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = current_hash();
        if hash.is_empty() || written.with_value(|w| *w == hash) {
            return;
        }
        let confirmed = state.may_replace_design();
        if confirmed && state.open_link(&hash) {
            // The saved design is kept aside (and offered back) before the link's is saved.
            crate::ui::shell::autosave::keep_aside_for_link(state);
            written.set_value(hash);
        } else {
            // Keep showing the link of the design on screen.
            let f = fragment(state);
            replace_hash(&f);
            written.set_value(f);
        }
    });
}

/// "Copy link": copies the page's URL with the current design's link; `copied` says so for
/// two seconds.
pub fn copy_link(state: AppState, copied: RwSignal<bool>) {
    let lang = state.lang;
    let f = fragment(state);
    if f.len() > link::MAX_LINK_BYTES {
        state.load_error.set(Some(
            text::TOO_LARGE_FOR_LINK
                .get(lang.get_untracked())
                .to_owned(),
        ));
        return;
    }
    replace_hash(&f);
    let href = window().location().href().unwrap_or_default();
    let clipboard = window().navigator().clipboard();
    let promise = clipboard.write_text(&href);
    leptos::task::spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
            copied.set(true);
            set_timeout(move || copied.set(false), Duration::from_millis(2000));
        } else {
            // No clipboard (an insecure page, or permission refused): show it to copy by hand.
            let _ = window().prompt_with_message_and_default(
                text::COPY_THIS_LINK.get(lang.get_untracked()),
                &href,
            );
        }
    });
}
