//! The header: the app's name and logo, the template switcher, New and Reset, Open file, the
//! export menu, Copy link and the language switch.
//!
//! Every button takes an action of the registry (`ui::shell::actions`); the template switcher
//! and the file input change the state through `AppState` (loading a template or a file).
//! The header is one row at every width: on a narrow screen the document actions and the
//! language switch fold into a menu its button opens (style/main.css).

use leptos::prelude::*;

use crate::core::document::templates::TEMPLATES;
use crate::core::support::i18n::Lang;

use crate::ui::shell::actions::{Action, Ctx, Export};
use crate::ui::shell::state::AppState;
use crate::ui::text;
use crate::ui::text::outline as doc_text;

/// The files "Open file" accepts: a design file (JSON) or a Mermaid flowchart.
pub const OPEN_ACCEPT: &str = ".json,.mmd,.md,application/json,text/plain";

/// The bar across the top of the app. Its buttons take actions of the registry
/// (`ui::shell::actions`).
#[component]
pub fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    let cx = Ctx {
        state,
        canvas: None,
    };
    let lang = state.lang;
    // Whether the folded menu is open (narrow screens only: elsewhere it is always shown).
    let menu = RwSignal::new(false);
    let no_template = move || state.template.with(|t| t.is_empty());
    // The template switcher: a choice loads that template (asking first about unsaved
    // changes); the switcher then shows what is loaded (the old template when the user said
    // no, or the load failed).
    let on_template = move |ev: leptos::ev::Event| {
        let select = event_target::<web_sys::HtmlSelectElement>(&ev);
        let chosen = select.value();
        if chosen == state.template.get_untracked() {
            return;
        }
        if state.may_replace_design() {
            state.load_template(&chosen);
        }
        select.set_value(state.template.get_untracked());
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        // Choosing the same file again must fire `change` again.
        input.set_value("");
        open_chosen_file(state, file);
    };
    let options = TEMPLATES
        .iter()
        .map(|t| {
            view! {
                <option value=t.id prop:selected=move || state.template.get() == t.id>
                    {move || t.name.get(lang.get())}
                </option>
            }
        })
        .collect_view();
    let exports = Export::ALL
        .into_iter()
        .map(|e| {
            let action = Action::Export(e);
            view! {
                <button type="button" data-testid=action.id() on:click=move |_| action.perform(cx)>
                    {move || action.label(lang.get())}
                </button>
            }
        })
        .collect_view();
    let languages = [Lang::Ja, Lang::En]
        .into_iter()
        .map(|l| {
            let action = Action::Language(l);
            view! {
                <button
                    type="button"
                    data-lang=l.tag()
                    lang=l.tag()
                    aria-pressed=move || (lang.get() == l).to_string()
                    on:click=move |_| action.perform(cx)
                >
                    {action.label(l)}
                </button>
            }
        })
        .collect_view();
    view! {
        <header class="app-header">
            <h1 class="brand">
                <Logo />
                <span class="brand-name">{text::APP_NAME}</span>
                <span class="brand-kanji" lang="ja">{text::APP_NAME_JA}</span>
                <span class="brand-tagline">{move || text::TAGLINE.get(lang.get())}</span>
            </h1>
            <label class="template-picker">
                <span class="picker-label">{move || text::TEMPLATE.get(lang.get())}</span>
                <select data-testid="template-switcher" on:change=on_template>
                    {options}
                    // Present only while the design came from a file rather than a template.
                    {move || {
                        no_template()
                            .then(|| {
                                view! {
                                    <option value="" disabled selected>
                                        {move || text::FROM_FILE.get(lang.get())}
                                    </option>
                                }
                            })
                    }}
                </select>
            </label>
            <button
                type="button"
                class="button menu-toggle"
                data-testid="menu-toggle"
                aria-expanded=move || menu.get().to_string()
                aria-controls="header-actions"
                on:click=move |_| menu.update(|open| *open = !*open)
            >
                {move || text::MENU.get(lang.get())}
            </button>
            <div id="header-actions" class="header-actions" class:open=move || menu.get()>
            <div class="doc-actions">
                <button
                    type="button"
                    class="button"
                    data-testid="new-design"
                    title=move || doc_text::NEW_DESIGN_HINT.get(lang.get())
                    on:click=move |_| Action::New.perform(cx)
                >
                    {move || Action::New.label(lang.get())}
                </button>
                <button
                    type="button"
                    class="button"
                    data-testid="reset-design"
                    aria-label=move || doc_text::RESET_DESIGN.get(lang.get())
                    disabled=move || !Action::Reset.enabled(cx)
                    title=move || {
                        if no_template() {
                            doc_text::RESET_NO_TEMPLATE.get(lang.get())
                        } else {
                            doc_text::RESET_DESIGN_HINT.get(lang.get())
                        }
                    }
                    on:click=move |_| Action::Reset.perform(cx)
                >
                    {move || Action::Reset.label(lang.get())}
                </button>
            </div>
            <label class="open-file button">
                <input
                    type="file"
                    accept=OPEN_ACCEPT
                    data-testid="open-file"
                    class="visually-hidden"
                    on:change=on_file
                />
                <span>{move || Action::OpenFile.label(lang.get())}</span>
            </label>
            <details class="export-menu">
                <summary class="button">{move || text::EXPORT.get(lang.get())}</summary>
                <div class="export-items" role="group">{exports}</div>
            </details>
            <button
                type="button"
                class="button"
                data-testid="copy-link"
                on:click=move |_| Action::CopyLink.perform(cx)
            >
                {move || {
                    if state.link_copied.get() {
                        text::LINK_COPIED.get(lang.get())
                    } else {
                        Action::CopyLink.label(lang.get())
                    }
                }}
            </button>
            <div
                class="lang-switch"
                data-testid="lang-switch"
                role="group"
                aria-label=move || text::LANGUAGE.get(lang.get())
            >
                {languages}
            </div>
            </div>
        </header>
    }
}

/// The app's mark: a cloud over a grid, the "cloud diagram" of the name.
#[component]
fn Logo() -> impl IntoView {
    view! {
        <svg
            class="logo"
            viewBox="0 0 32 32"
            width="28"
            height="28"
            aria-hidden="true"
            focusable="false"
        >
            <rect width="32" height="32" rx="8" fill="#2450d6"></rect>
            <path
                d="M9.5 21 H22.5 A4.2 4.2 0 0 0 22.3 12.6 A6 6 0 0 0 11 11.6 A4.7 4.7 0 0 0 9.5 21 Z"
                fill="#fff"
            ></path>
            <path
                d="M8 25 H24 M12 23 V27 M16 23 V27 M20 23 V27"
                stroke="#9db5ff"
                stroke-width="1.4"
                stroke-linecap="round"
            ></path>
        </svg>
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
