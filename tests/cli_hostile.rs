#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! The `kumozu` binary against hostile input: inputs with no end or far over the limit are
//! refused with bounded memory, and no output or message carries a raw control character.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use kumozu::core::format::load::MAX_INPUT_BYTES;
use kumozu::core::support::controls::is_control;
use kumozu::core::templates;

const BIN: &str = env!("CARGO_BIN_EXE_kumozu");

/// Runs `kumozu ARGS` under a shell with its address space capped at `cap_mib` MiB, stdin
/// from `stdin` (a path) when given: a command that read a whole 300 MB input into memory
/// could not run within the cap.
fn capped(cap_mib: u64, args: &[&str], stdin: Option<&str>) -> (Output, Duration) {
    let redirect = stdin.map(|p| format!(" < '{p}'")).unwrap_or_default();
    let script = format!("ulimit -v {}; exec \"$0\" \"$@\"{redirect}", cap_mib * 1024);
    let t = Instant::now();
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("sh runs");
    (out, t.elapsed())
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kumozu-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn assert_refused_as_too_large(out: &Output, took: Duration) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("larger than 4 MiB"), "{err}");
    assert!(out.stdout.is_empty());
    assert!(took < Duration::from_secs(20), "{took:?}");
}

#[test]
fn the_cap_leaves_room_for_a_design_at_the_limit() {
    // The cap the tests below use is enough for real work: a template validates under it.
    let path = temp_dir().join("party.json");
    let text = templates::find("party-box")
        .unwrap()
        .design()
        .map(|d| kumozu::core::to_json(&d))
        .unwrap();
    std::fs::write(&path, text).unwrap();
    let (out, _) = capped(64, &["validate", path.to_str().unwrap()], None);
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn a_300_mb_sparse_file_is_refused_with_bounded_memory() {
    let path = temp_dir().join("huge.json");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(300 * 1000 * 1000).unwrap();
    drop(f);
    for cmd in ["validate", "estimate", "checklist", "import", "share"] {
        let (out, took) = capped(64, &[cmd, path.to_str().unwrap()], None);
        assert_refused_as_too_large(&out, took);
    }
    let (out, took) = capped(
        64,
        &["diff", "template:blank", path.to_str().unwrap()],
        None,
    );
    assert_refused_as_too_large(&out, took);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn dev_zero_and_an_endless_standard_input_are_refused() {
    let (out, took) = capped(64, &["validate", "/dev/zero"], None);
    assert_refused_as_too_large(&out, took);
    let (out, took) = capped(64, &["export", "-", "--to", "svg"], Some("/dev/zero"));
    assert_refused_as_too_large(&out, took);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("kumozu: -: "), "{err}");
}

#[test]
fn one_byte_over_the_limit_is_refused_and_the_limit_itself_is_read() {
    let dir = temp_dir();
    let over = dir.join("over.json");
    std::fs::write(&over, vec![b' '; MAX_INPUT_BYTES + 1]).unwrap();
    let out = Command::new(BIN)
        .args(["validate", over.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("larger than 4 MiB"));
    // At the limit the file is read and reaches the loader (which finds no JSON in it).
    let at = dir.join("at.json");
    std::fs::write(&at, vec![b' '; MAX_INPUT_BYTES]).unwrap();
    let out = Command::new(BIN)
        .args(["--lang", "ja", "validate", at.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(!err.contains("大きすぎます"), "{err}");
}

#[test]
fn a_leading_byte_order_mark_is_accepted() {
    let text = kumozu::core::to_json(&templates::find("party-box").unwrap().design().unwrap());
    let path = temp_dir().join("bom.json");
    std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
    let out = Command::new(BIN)
        .args(["validate", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(kumozu::core::load_json(&format!("\u{feff}{text}")).is_ok());
    let out = Command::new(BIN)
        .args(["import", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

/// Party Box with every label (and the design's name) carrying terminal controls: an erase
/// of the line, a carriage return, a bidirectional override, C1, a line separator.
fn hostile_design() -> String {
    const HOSTILE: &str = "\u{1b}[2K\rX\u{202e}evil\u{2066}\u{85}\u{9b}31m\u{2028}\u{7f}\u{0}";
    let text = kumozu::core::to_json(&templates::find("party-box").unwrap().design().unwrap());
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["name"] = format!("name{HOSTILE}").into();
    for n in v["nodes"].as_array_mut().unwrap() {
        let old = n["label"].as_str().unwrap_or("").to_owned();
        n["label"] = format!("{old}{HOSTILE}").into();
    }
    for e in v["edges"].as_array_mut().unwrap() {
        if e.get("label").is_some() {
            e["label"] = format!("edge{HOSTILE}").into();
        }
    }
    serde_json::to_string(&v).unwrap()
}

/// The raw controls in `bytes`, but `\r\n` line ends (CSV's).
fn raw_controls(bytes: &[u8]) -> Vec<char> {
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    text.chars().filter(|&c| is_control(c)).collect()
}

#[test]
fn no_output_and_no_message_carries_a_raw_control_character() {
    let dir = temp_dir();
    let path = dir.join("hostile.json");
    std::fs::write(&path, hostile_design()).unwrap();
    let file = path.to_str().unwrap();
    // The file loads: the labels are allowed, only their display must be inert.
    assert!(kumozu::core::load_json(&hostile_design()).is_ok());
    let runs: Vec<Vec<&str>> = vec![
        vec!["validate", file],
        vec!["validate", file, "--format", "json"],
        vec!["trace", file, "GET /api/rooms"],
        vec!["trace", file, "GET /api/rooms", "--format", "json"],
        vec!["checklist", file],
        vec!["sheet", file],
        vec!["sheet", file, "--format", "html"],
        vec!["estimate", file],
        vec!["estimate", file, "--format", "csv"],
        vec!["ec2", file],
        vec!["scale", file],
        vec!["diff", "template:party-box", file],
        vec!["diff", "template:party-box", file, "--format", "json"],
        vec!["export", file, "--to", "mermaid"],
        vec!["export", file, "--to", "csv"],
        vec!["export", file, "--to", "json"],
        vec!["export", file, "--to", "terraform"],
        vec!["export", file, "--to", "svg"],
        vec!["share", file],
    ];
    for lang in ["en", "ja"] {
        for args in &runs {
            let mut all = vec!["--lang", lang];
            all.extend(args.iter().copied());
            let out = Command::new(BIN).args(&all).output().unwrap();
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{all:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(!out.stdout.is_empty(), "{all:?}");
            assert_eq!(raw_controls(&out.stdout), Vec::<char>::new(), "{all:?}");
            assert_eq!(raw_controls(&out.stderr), Vec::<char>::new(), "{all:?}");
        }
    }
    // The JSON outputs still hold the labels exactly.
    let out = Command::new(BIN)
        .args(["export", file, "--to", "json"])
        .output()
        .unwrap();
    let back = kumozu::core::load_json(&String::from_utf8(out.stdout).unwrap()).unwrap();
    let orig = kumozu::core::load_json(&hostile_design()).unwrap();
    assert_eq!(back.design, orig.design);
}

#[test]
fn loader_errors_and_file_names_are_shown_escaped() {
    let dir = temp_dir();
    // A duplicate id whose text holds controls: the loader's message quotes it.
    let text = r#"{"format":"kumozu-design","version":1,"region":"us-east-1",
      "nodes":[{"id":"a\u001b[2K\r\u202e","kind":"alb"},{"id":"a\u001b[2K\r\u202e","kind":"alb"}]}"#;
    let path = dir.join("dup\u{1b}[31m.json");
    std::fs::write(&path, text).unwrap();
    let out = Command::new(BIN)
        .args(["validate", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(raw_controls(&out.stderr), Vec::<char>::new());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("\\u{1B}"), "{err}");
    assert!(err.contains("\\u{202E}"), "{err}");
}
