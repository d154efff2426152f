#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! The core must stay pure: no web crate in src/core (nor in src/jobs, the on-demand module's
//! jobs), so it runs natively and in the CLI.
//! (ARCHITECTURE.md, invariant 1.)
//!
//! The first load's size rules are not here: calls that bring heavy standard-library code into
//! first-load code are banned by type in `clippy.toml` (`disallowed-methods`), and what clippy
//! cannot see is checked on the built wasm by `scripts/size.sh`.

use std::path::{Path, PathBuf};

const FORBIDDEN: &[&str] = &["leptos", "web_sys", "wasm_bindgen", "js_sys", "gloo"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Names of forbidden crates used as paths in `source` (`leptos::`, `use web_sys`, `extern crate gloo`).
fn violations(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (no, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for krate in FORBIDDEN {
            let used = code.match_indices(krate).any(|(i, _)| {
                let before = code[..i].chars().last();
                let after = &code[i + krate.len()..];
                let starts_word = !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
                let is_path = after.starts_with("::")
                    || after.starts_with(';')
                    || after.starts_with(" as ")
                    || after.starts_with("_"); // gloo_net, gloo_timers
                let after_use = code.trim_start().starts_with("use ")
                    || code.contains("extern crate")
                    || after.starts_with("::");
                starts_word && is_path && after_use
            });
            if used {
                found.push(format!("line {}: {}", no + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_checker_catches_web_imports() {
    assert!(!violations("use leptos::prelude::*;").is_empty());
    assert!(!violations("    let w = web_sys::window();").is_empty());
    assert!(!violations("use gloo_net::http::Request;").is_empty());
    assert!(!violations("extern crate wasm_bindgen;").is_empty());
    assert!(violations("// leptos::view! is for the ui module").is_empty());
    assert!(violations("let leptos_like = 1;").is_empty());
}

#[test]
fn core_imports_no_web_crate() {
    // The on-demand module's jobs (src/jobs) are pure too: they run natively in tests/jobs.rs.
    let mut files = Vec::new();
    for dir in ["src/core", "src/jobs"] {
        rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    }
    assert!(
        files.len() >= 9,
        "found the core's and the jobs' files: {files:?}"
    );
    let mut bad = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for v in violations(&text) {
            bad.push(format!("{}: {v}", f.display()));
        }
    }
    assert!(
        bad.is_empty(),
        "the core imports web crates:\n{}",
        bad.join("\n")
    );
}
