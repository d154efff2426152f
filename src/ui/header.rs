//! The header: the app's name and logo, the template switcher and the language switch.
//!
//! It changes the state only through `AppState` (loading a template, choosing a language).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::i18n::Lang;
use crate::core::templates::TEMPLATES;

use super::files::ExportMenu;
use super::share::CopyLink;
use super::state::AppState;
use super::text;

/// The bar across the top of the app.
#[component]
pub fn Header() -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    view! {
        <header class="app-header">
            <h1 class="brand">
                <Logo />
                <span class="brand-name">{text::APP_NAME}</span>
                <span class="brand-kanji" lang="ja">{text::APP_NAME_JA}</span>
                <span class="brand-tagline">{move || text::TAGLINE.get(lang.get())}</span>
            </h1>
            <TemplateSwitcher />
            <super::doc_actions::DocActions />
            <OpenFile />
            <ExportMenu />
            <CopyLink />
            <LangSwitch />
        </header>
    }
}

/// The app's mark: a cloud over a grid, the "cloud diagram" of the name.
#[component]
pub fn Logo() -> impl IntoView {
    view! {
        <svg class="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="8" fill="#2450d6"></rect>
            <path d="M9.5 21 H22.5 A4.2 4.2 0 0 0 22.3 12.6 A6 6 0 0 0 11 11.6 A4.7 4.7 0 0 0 9.5 21 Z" fill="#fff"></path>
            <path d="M8 25 H24 M12 23 V27 M16 23 V27 M20 23 V27" stroke="#9db5ff" stroke-width="1.4" stroke-linecap="round"></path>
        </svg>
    }
}

/// `<select data-testid="template-switcher">`: loads the chosen template, asking first when
/// the current design has unsaved changes.
#[component]
pub fn TemplateSwitcher() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let on_change = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev);
        if chosen == state.template.get_untracked() {
            return;
        }
        let confirmed = state.may_replace_design();
        if confirmed {
            state.load_template(&chosen);
        }
        // Show what is loaded (the old template when the user said no, or the load failed).
        if let Some(select) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        {
            select.set_value(state.template.get_untracked());
        }
    };
    let options = TEMPLATES
        .iter()
        .map(|t| {
            view! {
                <option value=t.id selected=move || state.template.get() == t.id>
                    {move || t.name.get(lang.get())}
                </option>
            }
        })
        .collect_view();
    view! {
        <label class="template-picker">
            <span class="picker-label">{move || text::TEMPLATE.get(lang.get())}</span>
            <select
                data-testid="template-switcher"
                on:change=on_change
                prop:value=move || state.template.get()
            >
                {options}
                // Present only while the design came from a file rather than a template.
                {move || {
                    state
                        .template
                        .get()
                        .is_empty()
                        .then(|| {
                            view! {
                                <option value="" disabled=true selected=true>
                                    {text::FROM_FILE.get(lang.get())}
                                </option>
                            }
                        })
                }}
            </select>
        </label>
    }
}

/// `<div data-testid="lang-switch" role="group">` with a pressed button for the current language.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let button = move |l: Lang, name: &'static str| {
        view! {
            <button
                type="button"
                data-lang=l.tag()
                lang=l.tag()
                aria-pressed=move || (lang.get() == l).to_string()
                on:click=move |_| lang.set(l)
            >
                {name}
            </button>
        }
    };
    view! {
        <div
            class="lang-switch"
            data-testid="lang-switch"
            role="group"
            aria-label=move || text::LANGUAGE.get(lang.get())
        >
            {button(Lang::Ja, "日本語")}
            {button(Lang::En, "English")}
        </div>
    }
}

/// Opens a file the user chose (picker or drop): asks first when the current design has
/// unsaved changes, then reads it and hands the text to `AppState::open_file`.
pub fn open_chosen_file(state: AppState, file: web_sys::File) {
    let lang = state.lang;
    let confirmed = state.may_replace_design();
    if !confirmed {
        return;
    }
    let name = file.name();
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|v| v.as_string());
        match text {
            Some(text) => state.open_file(name, text),
            None => state.load_error.set(Some(format!(
                "{name}: {}",
                text::NOT_TEXT.get(lang.get_untracked())
            ))),
        }
    });
}

/// "Open file": reads a design file (JSON) or a Mermaid flowchart chosen with the file picker. A file that cannot be
/// loaded is reported and the current design stays; unsaved changes are asked about first.
#[component]
pub fn OpenFile() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        // Choosing the same file again must fire `change` again.
        input.set_value("");
        open_chosen_file(state, file);
    };
    view! {
        <label class="open-file button">
            <input
                type="file"
                accept=".json,.mmd,.md,application/json,text/plain"
                data-testid="open-file"
                class="visually-hidden"
                on:change=on_change
            />
            <span>{move || text::OPEN_FILE.get(lang.get())}</span>
        </label>
    }
}
