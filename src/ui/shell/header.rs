//! The header: the app's name and logo, the template switcher, New and Reset, Open file, the
//! export menu, Copy link and the language switch.
//!
//! It changes the state only through `AppState` (loading a template, choosing a language).

use std::fmt::Write as _;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::document::templates::TEMPLATES;
use crate::core::support::html::{el, esc};
use crate::core::support::i18n::Lang;

use crate::ui::editor::gestures::target_element;
use crate::ui::editor::morph::follow;
use crate::ui::shell::state::AppState;
use crate::ui::text;

/// The bar across the top of the app, written as escaped HTML text and brought up to date
/// with `ui::morph` (the open export menu and the focused control stay); one click and one
/// change listener handle every control by its `data-action`, `data-export` or `data-testid`.
#[component]
pub fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    let copied = RwSignal::new(false);
    let html = Memo::new(move |_| {
        let template = state.template.get();
        header_html(state.lang.get(), template, copied.get())
    });
    let bar = NodeRef::<leptos::html::Header>::new();
    follow(bar, html, || false);
    let on_click = move |ev: leptos::ev::MouseEvent| on_click(state, copied, &ev);
    view! {
        <header
            class="app-header"
            node_ref=bar
            on:click=on_click
            // Caught on the way down: a `change` fired by a script need not bubble.
            on:change:capture=move |ev| on_change(state, &ev)
            // The first text at once (the effect above keeps it up to date).
            inner_html=html.get_untracked()
        ></header>
    }
}

/// A press in the header: a document action, an export, "Copy link" or a language.
fn on_click(state: AppState, copied: RwSignal<bool>, ev: &leptos::ev::MouseEvent) {
    let Some(target) = target_element(ev) else {
        return;
    };
    let Some(button) = target.closest("button").ok().flatten() else {
        return;
    };
    if let Some(what) = button.get_attribute("data-export") {
        let what = match what.as_str() {
            "json" => "json",
            "mermaid" => "mermaid",
            "svg" => "svg",
            "png" => "png",
            "csv" => "csv",
            _ => return,
        };
        crate::ui::shell::files::export(state, what);
        return;
    }
    match button.get_attribute("data-action").as_deref() {
        Some("new") => crate::ui::shell::doc_actions::new_design(state),
        Some("reset") => crate::ui::shell::doc_actions::reset_design(state),
        Some("copy-link") => crate::ui::shell::share::copy_link(state, copied),
        Some("lang") => match button.get_attribute("data-lang").as_deref() {
            Some("ja") => state.lang.set(Lang::Ja),
            Some("en") => state.lang.set(Lang::En),
            _ => {}
        },
        _ => {}
    }
}

/// A change in the header: a template chosen, or a file picked.
fn on_change(state: AppState, ev: &web_sys::Event) {
    let Some(target) = target_element(ev) else {
        return;
    };
    match target.get_attribute("data-testid").as_deref() {
        Some("template-switcher") => {
            let Ok(select) = target.dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            let chosen = select.value();
            if chosen == state.template.get_untracked() {
                return;
            }
            if state.may_replace_design() {
                state.load_template(&chosen);
            }
            // Show what is loaded (the old template when the user said no, or the load failed).
            select.set_value(state.template.get_untracked());
        }
        Some("open-file") => {
            let Ok(input) = target.dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|l| l.get(0)) else {
                return;
            };
            // Choosing the same file again must fire `change` again.
            input.set_value("");
            open_chosen_file(state, file);
        }
        _ => {}
    }
}

/// The app's mark: a cloud over a grid, the "cloud diagram" of the name.
const LOGO: &str = "<svg class=\"logo\" viewBox=\"0 0 32 32\" width=\"28\" height=\"28\" aria-hidden=\"true\" focusable=\"false\">\
<rect width=\"32\" height=\"32\" rx=\"8\" fill=\"#2450d6\"></rect>\
<path d=\"M9.5 21 H22.5 A4.2 4.2 0 0 0 22.3 12.6 A6 6 0 0 0 11 11.6 A4.7 4.7 0 0 0 9.5 21 Z\" fill=\"#fff\"></path>\
<path d=\"M8 25 H24 M12 23 V27 M16 23 V27 M20 23 V27\" stroke=\"#9db5ff\" stroke-width=\"1.4\" stroke-linecap=\"round\"></path></svg>";

/// The header's contents: the name and logo, the template switcher (`template` is the
/// current one; empty for a design from a file), New and Reset, Open file, the export menu,
/// Copy link and the language switch.
fn header_html(lang: Lang, template: &str, copied: bool) -> String {
    let mut out = String::from("<h1 class=\"brand\">");
    out.push_str(LOGO);
    el(
        &mut out,
        "<span class=\"brand-name\">",
        text::APP_NAME,
        "</span>",
    );
    el(
        &mut out,
        "<span class=\"brand-kanji\" lang=\"ja\">",
        text::APP_NAME_JA,
        "</span>",
    );
    el(
        &mut out,
        "<span class=\"brand-tagline\">",
        text::TAGLINE.get(lang),
        "</span></h1>",
    );
    // The template switcher.
    el(
        &mut out,
        "<label class=\"template-picker\"><span class=\"picker-label\">",
        text::TEMPLATE.get(lang),
        "</span><select data-testid=\"template-switcher\">",
    );
    for t in TEMPLATES {
        out.push_str("<option value=\"");
        esc(&mut out, t.id);
        out.push('"');
        if t.id == template {
            out.push_str(" selected");
        }
        el(&mut out, ">", t.name.get(lang), "</option>");
    }
    // Present only while the design came from a file rather than a template.
    if template.is_empty() {
        el(
            &mut out,
            "<option value=\"\" disabled selected>",
            text::FROM_FILE.get(lang),
            "</option>",
        );
    }
    out.push_str("</select></label>");
    crate::ui::shell::doc_actions::html(&mut out, lang, template.is_empty());
    // Open file: a design file (JSON) or a Mermaid flowchart.
    el(
        &mut out,
        "<label class=\"open-file button\"><input type=\"file\" accept=\".json,.mmd,.md,application/json,text/plain\" data-testid=\"open-file\" class=\"visually-hidden\"><span>",
        text::OPEN_FILE.get(lang),
        "</span></label>",
    );
    crate::ui::shell::files::menu_html(&mut out, lang);
    crate::ui::shell::share::button_html(&mut out, lang, copied);
    // The language switch: a pressed button for the current language.
    out.push_str(
        "<div class=\"lang-switch\" data-testid=\"lang-switch\" role=\"group\" aria-label=\"",
    );
    esc(&mut out, text::LANGUAGE.get(lang));
    out.push_str("\">");
    for (l, name) in [(Lang::Ja, "日本語"), (Lang::En, "English")] {
        let _ = write!(
            out,
            "<button type=\"button\" data-action=\"lang\" data-lang=\"{0}\" lang=\"{0}\" aria-pressed=\"{1}\">{name}</button>",
            l.tag(),
            l == lang
        );
    }
    out.push_str("</div>");
    out
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
