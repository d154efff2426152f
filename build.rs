//! Generates the `i18n` module (leptos_i18n) from `locales/{ja,en}.json` for the browser app.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    // Only the browser app (wasm32) uses the strings; the CLI and native tests skip the codegen.
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32") {
        return;
    }
    // interpolate_display: strings with values (`{{ n }}`) are also read as plain `String`s.
    let cfg = Config::new("ja")
        .unwrap()
        .add_locale("en")
        .unwrap()
        .parse_options(ParseOptions::new().interpolate_display(true));
    let infos = TranslationsInfos::parse(cfg).unwrap();
    infos.rerun_if_locales_changed();
    infos.emit_diagnostics();
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("i18n");
    infos.generate_i18n_module(out).unwrap();
}
