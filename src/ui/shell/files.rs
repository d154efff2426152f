//! Saving and exporting: the design as a JSON file, as a Mermaid flowchart, the diagram as SVG
//! and PNG, and the cost lines as CSV, each downloaded by the browser. What goes in each file is
//! the core's business (`to_json`, `mermaid::export`, `svg::to_svg`, `cost::csv`; all but the
//! JSON run in the on-demand module, `jobs::Job::Export` and `jobs::Job::CostCsv`); this file
//! only hands the text to the browser (and has it draw the SVG into a PNG).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::format::load::file_stem;
use crate::core::to_json;
use crate::jobs::Job;

use crate::ui::shell::state::AppState;
use crate::ui::shell::worker::ask_text;
use crate::ui::text;

/// Offers `content` as a download called `name`.
pub(crate) fn download(name: &str, mime: &str, content: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoking at once can cancel the download; the browser has it after a moment.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(5),
    );
    Ok(())
}

/// Draws `svg` on a canvas at twice its size and downloads it as a PNG.
fn download_png(state: AppState, name: String, svg: String) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::closure::Closure;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let img = web_sys::HtmlImageElement::new()?;
    let image = img.clone();
    let src = url.clone();
    let onload = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&src);
        let scale = 2.0;
        let (w, h) = (image.natural_width() as f64, image.natural_height() as f64);
        let drawn = (|| -> Result<(), wasm_bindgen::JsValue> {
            let canvas: web_sys::HtmlCanvasElement =
                document().create_element("canvas")?.dyn_into()?;
            canvas.set_width((w * scale) as u32);
            canvas.set_height((h * scale) as u32);
            let ctx: web_sys::CanvasRenderingContext2d = canvas
                .get_context("2d")?
                .ok_or_else(|| wasm_bindgen::JsValue::from_str("no 2d context"))?
                .dyn_into()?;
            ctx.set_fill_style_str("#ffffff");
            ctx.fill_rect(0.0, 0.0, w * scale, h * scale);
            ctx.draw_image_with_html_image_element_and_dw_and_dh(
                &image,
                0.0,
                0.0,
                w * scale,
                h * scale,
            )?;
            let png = canvas.to_data_url_with_type("image/png")?;
            let a: web_sys::HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
            a.set_href(&png);
            a.set_download(&name);
            a.click();
            Ok(())
        })();
        if drawn.is_err() {
            state.load_error.set(Some(
                text::DOWNLOAD_FAILED
                    .get(state.lang.get_untracked())
                    .to_owned(),
            ));
        }
    });
    // An image that does not decode would otherwise fail without a word.
    let failed_url = url.clone();
    let onerror = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&failed_url);
        state.load_error.set(Some(
            text::DOWNLOAD_FAILED
                .get(state.lang.get_untracked())
                .to_owned(),
        ));
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_onerror(Some(onerror.unchecked_ref()));
    img.set_src(&url);
    Ok(())
}

/// Saves or exports the design as `what` (`json`, `mermaid`, `svg`, `png` or `csv`): the
/// export menu's items.
pub fn export(state: AppState, what: &'static str) {
    let lang = state.lang;
    // A chosen item closes the menu, as menus do.
    if let Ok(Some(menu)) = document().query_selector(".export-menu[open]") {
        let _ = menu.remove_attribute("open");
    }
    let lang_now = lang.get_untracked();
    let stem = state.design.with_untracked(|d| file_stem(&d.name));
    let result = match what {
        "json" => {
            let json = state.design.with_untracked(to_json);
            download(&format!("{stem}.json"), "application/json", &json)
        }
        // Written by the on-demand module; downloaded when it answers.
        _ => {
            let design = state.design.with_untracked(to_json);
            let job = match what {
                "csv" => Job::CostCsv {
                    design,
                    lang: lang_now,
                },
                _ => Job::Export {
                    design,
                    format: if what == "mermaid" { "mermaid" } else { "svg" }.to_owned(),
                    lang: lang_now,
                },
            };
            ask_text(job, lang_now, move |answer| {
                let text = match answer {
                    Ok(text) => text,
                    Err(e) => return state.load_error.set(Some(e)),
                };
                let done = match what {
                    "svg" => download(&format!("{stem}.svg"), "image/svg+xml", &text),
                    "png" => download_png(state, format!("{stem}.png"), text),
                    "csv" => download(&format!("{stem}-cost.csv"), "text/csv", &text),
                    _ => download(&format!("{stem}.mmd"), "text/plain", &text),
                };
                if done.is_err() {
                    state
                        .load_error
                        .set(Some(text::DOWNLOAD_FAILED.get(lang_now).to_owned()));
                }
            });
            Ok(())
        }
    };
    if result.is_err() {
        state
            .load_error
            .set(Some(text::DOWNLOAD_FAILED.get(lang_now).to_owned()));
    }
}
