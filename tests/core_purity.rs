//! The core must stay pure: no web crate in src/core (nor in src/jobs, the on-demand module's
//! jobs), so it runs natively and in the CLI.
//! (ARCHITECTURE.md, invariant 1.)

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

/// Standard-library sorts called directly in `source` (`.sort()`, `.sort_by(…)`,
/// `.sort_unstable…`, `collect::<BTreeSet…>`): each call site's element type is one more copy
/// of the sort in the wasm (ARCHITECTURE.md, `core::sort`).
fn direct_sorts(source: &str) -> Vec<String> {
    const CALLS: &[&str] = &[
        ".sort()",
        ".sort_by(",
        ".sort_by_key(",
        ".sort_unstable",
        ".sort_by_cached_key(",
        "collect::<BTreeSet",
        "collect::<BTreeMap",
        "collect::<std::collections::BTree",
    ];
    let lines: Vec<&str> = source.lines().collect();
    let mut found = Vec::new();
    let mut in_tests = false;
    for (no, line) in lines.iter().enumerate() {
        // Unit-test modules at the end of a file are native-only.
        if line.trim_start().starts_with("#[cfg(test)]") {
            in_tests = true;
        }
        if in_tests {
            continue;
        }
        let code = line.split("//").next().unwrap_or("");
        let flagged =
            CALLS.iter().any(|c| code.contains(c)) || collects_into_ordered(&lines[no..], code);
        if flagged {
            found.push(format!("line {}: {}", no + 1, line.trim()));
        }
    }
    found
}

/// Whether the statement or function starting at `rest[0]` collects into a `BTreeSet` or a
/// `BTreeMap` named by its type rather than by a turbofish: `let x: BTreeSet<_> = ….collect();`
/// or a `fn … -> BTreeSet<…>` whose last expression is `….collect()`.
fn collects_into_ordered(rest: &[&str], code: &str) -> bool {
    let ordered = |s: &str| s.contains("BTreeSet<") || s.contains("BTreeMap<");
    let trimmed = code.trim_start();
    if trimmed.starts_with("let ")
        && code.contains(':')
        && ordered(code.split('=').next().unwrap_or(""))
    {
        // The statement, up to its `;` (at most 15 lines).
        let mut stmt = String::new();
        for l in rest.iter().take(15) {
            stmt.push_str(l);
            if l.trim_end().ends_with(';') {
                break;
            }
        }
        return stmt.contains(".collect()");
    }
    if trimmed.contains("fn ")
        && code.contains("->")
        && ordered(code.split("->").nth(1).unwrap_or(""))
    {
        // The body's last line before the closing brace at the same indentation.
        let indent = code.len() - trimmed.len();
        let close = format!("{}}}", " ".repeat(indent));
        if let Some(end) = rest.iter().position(|l| *l == close) {
            return end > 0 && rest[end - 1].trim_end().ends_with(".collect()");
        }
    }
    false
}

#[test]
fn the_sort_checker_catches_direct_sorts() {
    assert!(!direct_sorts("    v.sort_by(|a, b| a.cmp(b));").is_empty());
    assert!(!direct_sorts("ids.sort();").is_empty());
    assert!(!direct_sorts("let s = it.collect::<BTreeSet<_>>();").is_empty());
    assert!(direct_sorts("sort::sort_by(&mut v, |a, b| a.cmp(b));").is_empty());
    assert!(!direct_sorts(
        "    let keys: BTreeSet<&String> = a\n        .keys()\n        .collect();"
    )
    .is_empty());
    assert!(direct_sorts("    let keys: Vec<&String> = a.keys().collect();").is_empty());
    assert!(
        !direct_sorts("fn f(d: &D) -> BTreeSet<&Id> {\n    d.ids()\n        .collect()\n}")
            .is_empty()
    );
    assert!(direct_sorts("fn f(d: &D) -> BTreeSet<&Id> {\n    d.ids().to_set()\n}").is_empty());
    assert!(
        direct_sorts("#[cfg(test)]\nmod tests { fn f(v: &mut Vec<u8>) { v.sort(); } }").is_empty()
    );
}

/// The app's code (everything but the native CLI and `core::sort` itself) sorts through
/// `core::sort`, so the wasm holds one copy of the standard sort.
#[test]
fn app_code_sorts_through_core_sort() {
    let mut files = Vec::new();
    for dir in ["src/core", "src/jobs", "src/ui"] {
        rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    }
    let mut bad = Vec::new();
    for f in files {
        if f.ends_with("support/sort.rs")
            || f.parent()
                .is_some_and(|d| d.ends_with("exchange/terraform"))
        {
            continue; // the one sort, and native-only code
        }
        for v in direct_sorts(&std::fs::read_to_string(&f).unwrap()) {
            bad.push(format!("{}: {v}", f.display()));
        }
    }
    assert!(
        bad.is_empty(),
        "use core::sort instead:\n{}",
        bad.join("\n")
    );
}

/// Calls that bring large standard-library code and tables into the first-load wasm: Unicode
/// case mapping (about 16 KB gzipped), the decimal float parser (about 14 KB), the Unicode
/// letter and digit tables (`is_alphanumeric`, about 2 KB), and `clamp`,
/// whose panic message formats floats with `{:?}` (the float formatter, about 8 KB; write
/// floats with `core::numtext` and clamp with `geometry::clamp`). BENCHMARKS.md, first-load
/// size.
const HEAVY: &[&str] = &[
    ".to_lowercase()",
    ".to_uppercase()",
    "parse::<f64>",
    "parse::<f32>",
    ".clamp(",
    ".is_alphanumeric()",
    ".is_alphabetic()",
];

fn heavy_calls(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (no, line) in source.lines().enumerate() {
        if line.trim_start().starts_with("mod tests") || line.contains("#[cfg(test)]") {
            break;
        }
        let code = line.split("//").next().unwrap_or("");
        for call in HEAVY {
            if code.contains(call) {
                found.push(format!("line {}: {call}", no + 1));
            }
        }
    }
    found
}

#[test]
fn the_heavy_call_checker_catches_them() {
    assert_eq!(heavy_calls("let l = s.to_lowercase();").len(), 1);
    assert_eq!(heavy_calls("let v = t.parse::<f64>();").len(), 1);
    assert_eq!(heavy_calls("let x = x.clamp(lo, hi);").len(), 1);
    assert!(heavy_calls("let l = s.to_ascii_lowercase(); // not .to_lowercase()").is_empty());
}

/// The code the first screen runs (the app's UI, and the core modules it calls) uses ASCII
/// case mapping and the browser's number parsing instead. The on-demand module's own code
/// (the Mermaid importer, the sheet, auto scaling, compare) and the native CLI may use them.
#[test]
fn first_load_code_avoids_heavy_std_calls() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    // First-load code is a folder rule: everything but `exchange` and `course`.
    for dir in [
        "src/ui",
        "src/core/document",
        "src/core/format",
        "src/core/drawing",
        "src/core/support",
        "src/core/edit",
        "src/core/validate",
        "src/core/cost",
    ] {
        rust_files(&root.join(dir), &mut files);
    }
    let mut bad = Vec::new();
    for f in files {
        for v in heavy_calls(&std::fs::read_to_string(&f).unwrap()) {
            bad.push(format!("{}: {v}", f.display()));
        }
    }
    assert!(
        bad.is_empty(),
        "heavy standard-library calls in first-load code:\n{}",
        bad.join("\n")
    );
}
