#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! The page the build prerenders stays true: `public/prerender.html` is the app's first frame
//! (header, the empty columns, the start template drawn by `core::svg` as the canvas draws it)
//! written here and compared; `UPDATE_EXPECT=1 cargo test --test prerender` rewrites it.
//! scripts/post-build.js puts it into dist/index.html, so the diagram is on the first paint,
//! before the wasm has arrived (and with JavaScript off); the app removes it when it mounts
//! (`ui::mount`).
//!
//! The shell is in Japanese, the page's language (`<html lang="ja">`). Its controls are the
//! header's, in the same markup and order so the header is as tall as the app's and the canvas
//! is where the app draws it, but `inert` (nothing to focus or click until the app runs).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

use kumozu::core::document::templates::{self, TEMPLATES};
use kumozu::core::drawing::svg::{escape, prerendered_canvas};
use kumozu::core::support::i18n::Lang;

/// The id of the shell's root, which the app removes when it mounts.
const ROOT_ID: &str = "prerender";

/// A string of the UI's Japanese locale file (the header's labels).
fn ja(key: &str) -> String {
    let path = format!("{}/locales/ja.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let all: serde_json::Value = serde_json::from_str(&text).unwrap();
    all[key]
        .as_str()
        .unwrap_or_else(|| panic!("locales/ja.json has no string {key}"))
        .to_owned()
}

fn esc(s: &str) -> String {
    let mut out = String::new();
    escape(s, &mut out);
    out
}

/// The page's first frame, as `ui::shell::header::Header` and `ui::shell::app::AppWith`
/// lay it out before anything is selected.
fn shell() -> String {
    let start = templates::find(templates::START).unwrap();
    let design = start.start().unwrap();
    let lang = Lang::Ja;
    let options: String = TEMPLATES
        .iter()
        .map(|t| {
            let selected = if t.id == start.id {
                " selected=\"\""
            } else {
                ""
            };
            format!(
                "<option value=\"{}\"{selected}>{}</option>",
                t.id,
                esc(t.name.get(lang))
            )
        })
        .collect();
    // The logo is `ui::shell::header::Logo`'s.
    let logo = "<svg class=\"logo\" viewBox=\"0 0 32 32\" width=\"28\" height=\"28\" \
                aria-hidden=\"true\" focusable=\"false\"><rect width=\"32\" height=\"32\" rx=\"8\" \
                fill=\"#2450d6\"/><path d=\"M9.5 21 H22.5 A4.2 4.2 0 0 0 22.3 12.6 A6 6 0 0 0 11 11.6 \
                A4.7 4.7 0 0 0 9.5 21 Z\" fill=\"#fff\"/><path d=\"M8 25 H24 M12 23 V27 M16 23 V27 \
                M20 23 V27\" stroke=\"#9db5ff\" stroke-width=\"1.4\" stroke-linecap=\"round\"/></svg>";
    // The header: the brand, the template picker, the menu button (narrow screens) and the
    // actions it folds (`ui::shell::header`).
    let header = format!(
        "<header class=\"app-header\">\
         <h1 class=\"brand\">{logo}<span class=\"brand-name\">kumozu</span>\
         <span class=\"brand-kanji\" lang=\"ja\">雲図</span>\
         <span class=\"brand-tagline\">{tagline}</span></h1>\
         <label class=\"template-picker\" inert=\"\"><span class=\"picker-label\">{template}</span>\
         <select>{options}</select></label>\
         <button type=\"button\" class=\"button menu-toggle\" inert=\"\">{menu}</button>\
         <div class=\"header-actions\" inert=\"\">\
         <div class=\"doc-actions\"><button type=\"button\" class=\"button\">{new}</button>\
         <button type=\"button\" class=\"button\">{reset}</button></div>\
         <label class=\"open-file button\"><span>{open}</span></label>\
         <details class=\"export-menu\"><summary class=\"button\">{export}</summary></details>\
         <button type=\"button\" class=\"button\">{copy}</button>\
         <div class=\"lang-switch\">\
         <button type=\"button\" lang=\"ja\" aria-pressed=\"true\">日本語</button>\
         <button type=\"button\" lang=\"en\" aria-pressed=\"false\">English</button></div>\
         </div></header>",
        tagline = esc(&ja("tagline")),
        template = esc(&ja("template")),
        menu = esc(&ja("menu")),
        new = esc(&ja("new_design")),
        reset = esc(&ja("reset_short")),
        open = esc(&ja("open_file")),
        export = esc(&ja("export")),
        copy = esc(&ja("copy_link")),
    );
    // The sheet's tabs (shown on narrow screens; `ui::shell::layout`), the checks chosen.
    let tabs: String = [
        ("palette", "pane_palette"),
        ("outline", "pane_outline"),
        ("inspector", "pane_inspector"),
        ("checks", "pane_checks"),
        ("cost", "pane_cost"),
        ("course", "pane_course"),
    ]
    .iter()
    .map(|(id, key)| {
        format!(
            "<button type=\"button\" role=\"tab\" class=\"pane-tab\" aria-selected=\"{}\">{}</button>",
            *id == "checks",
            esc(&ja(key))
        )
    })
    .collect();
    let canvas = prerendered_canvas(&design, lang, "prerender-");
    format!(
        "<div class=\"app\" id=\"{ROOT_ID}\">{header}\
         <main class=\"workspace\" data-pane=\"checks\"><div class=\"left-column\"></div>\
         <div class=\"canvas-area\">{canvas}</div>\
         <div class=\"pane-tabs\" role=\"tablist\" inert=\"\">{tabs}</div>\
         <aside class=\"side-panel\"><noscript><p class=\"noscript\">\
         この図を編集するには JavaScript を有効にしてください。<br/>\
         <span lang=\"en\">To edit this diagram, turn JavaScript on \
         (kumozu runs as WebAssembly in your browser).</span></p></noscript></aside>\
         </main></div>\n"
    )
}

#[test]
fn prerendered_page_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/prerender.html");
    common::check_golden(&path, &shell()).unwrap();
}

#[test]
fn prerender_draws_every_node_and_edge_with_nothing_to_focus() {
    let html = shell();
    let design = templates::find(templates::START).unwrap().start().unwrap();
    for id in design.nodes.keys() {
        assert!(
            html.contains(&format!("data-node-id=\"{}\"", id.as_str())),
            "node {} missing",
            id.as_str()
        );
    }
    for id in design.edges.keys() {
        assert!(
            html.contains(&format!("data-edge-id=\"{}\"", id.as_str())),
            "edge {} missing",
            id.as_str()
        );
    }
    assert!(!html.contains("tabindex"), "a tab stop in the prerender");
    assert!(!html.contains("data-testid"), "test ids are the live app's");
    // Written as well-formed XML (HTML reads it the same), so it can be checked here.
    let doc = roxmltree::Document::parse(&html).unwrap();
    let svg = doc
        .descendants()
        .find(|n| n.has_tag_name("svg") && n.attribute("class") == Some("canvas"))
        .unwrap();
    let title = svg.first_element_child().unwrap();
    assert!(title.has_tag_name("title") && title.text().is_some_and(|t| !t.is_empty()));
    // Every control is disabled or inside an inert element: nothing to focus or click.
    let controls = ["select", "button", "summary", "input", "a", "textarea"];
    let mut seen = 0;
    for n in doc
        .descendants()
        .filter(|n| controls.iter().any(|c| n.has_tag_name(*c)))
    {
        seen += 1;
        let quiet = n
            .ancestors()
            .any(|a| a.attribute("inert").is_some() || a.attribute("disabled").is_some());
        assert!(quiet, "a live <{}> in the prerender", n.tag_name().name());
    }
    assert!(seen >= 6, "the header's controls are missing ({seen})");
}
