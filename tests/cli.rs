//! The `kumozu` binary as a user runs it: exit codes, stdout and stderr.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};

use kumozu::core::{load_json, templates};

fn kumozu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kumozu"))
        .args(args)
        .output()
        .expect("the kumozu binary runs")
}

#[test]
fn template_prints_a_loadable_design_for_every_template() {
    for t in templates::TEMPLATES {
        let out = kumozu(&["template", t.id]);
        assert!(out.status.success(), "{}: {:?}", t.id, out);
        let text = String::from_utf8(out.stdout).unwrap();
        let loaded = load_json(&text).unwrap_or_else(|e| panic!("{}: {e}", t.id));
        assert_eq!(loaded.design, t.design().unwrap(), "{} round-trips", t.id);
        assert_eq!(loaded.design.template.as_deref(), Some(t.id));
    }
}

#[test]
fn template_list_names_every_template() {
    let out = kumozu(&["template", "--list"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for t in templates::TEMPLATES {
        assert!(text.contains(t.id), "{} missing from {text}", t.id);
    }
    let ja = String::from_utf8(kumozu(&["--lang", "ja", "template", "--list"]).stdout).unwrap();
    assert!(ja.contains("白紙") || ja.contains("VPC のみ"), "{ja}");
}

#[test]
fn unknown_template_exits_2_with_a_message() {
    let out = kumozu(&["template", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no template \"nope\""), "{err}");
    assert!(err.contains("party-box"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_arguments_exit_2_and_help_exits_0() {
    let out = kumozu(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let out = kumozu(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("template"), "{help}");
}

fn kumozu_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kumozu"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the kumozu binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

const ALB_NOWHERE: &str = r#"{"format":"kumozu-design","version":1,"region":"us-east-1",
  "nodes":[{"id":"lb","kind":"alb"}]}"#;

#[test]
fn validate_exits_0_on_every_template() {
    for t in templates::TEMPLATES {
        let json = String::from_utf8(kumozu(&["template", t.id]).stdout).unwrap();
        let out = kumozu_stdin(&["validate", "-"], &json);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            t.id,
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn validate_exits_1_on_errors_with_text_in_both_languages() {
    let out = kumozu_stdin(&["validate", "-"], ALB_NOWHERE);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("error[alb-in-public-subnet]"), "{text}");
    assert!(text.contains("@ lb"), "{text}");
    let out = kumozu_stdin(&["--lang", "ja", "validate", "-"], ALB_NOWHERE);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("エラー[alb-in-public-subnet]"), "{text}");
    assert!(text.contains("サブネット"), "{text}");
}

#[test]
fn validate_json_output_has_the_documented_shape() {
    let out = kumozu_stdin(&["validate", "--format", "json", "-"], ALB_NOWHERE);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["format"], "kumozu-findings");
    assert_eq!(doc["version"], 1);
    assert!(doc["summary"]["errors"].as_u64().unwrap() >= 1);
    let f = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "alb-in-public-subnet")
        .expect("the finding is listed");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["nodes"], serde_json::json!(["lb"]));
    assert_eq!(f["edges"], serde_json::json!([]));
    for key in ["message", "why", "fix"] {
        assert!(!f[key]["ja"].as_str().unwrap().is_empty(), "{key}.ja");
        assert!(!f[key]["en"].as_str().unwrap().is_empty(), "{key}.en");
    }
}

#[test]
fn validate_exits_2_on_unreadable_input_with_the_loaders_message() {
    let cases: &[(&str, &str)] = &[
        ("{not json", "not valid JSON (line 1"),
        (
            r#"{"format":"kumozu-design","version":9,"region":"us-east-1"}"#,
            "version: cannot read format version 9",
        ),
        (
            r#"{"format":"kumozu-design","version":1,"region":"us-east-1","nodes":[{"id":"a","kind":"alb","parent":"zz"}]}"#,
            "node \"a\".parent: parent \"zz\" does not exist",
        ),
        ("", "not valid JSON"),
    ];
    for (input, expected) in cases {
        let out = kumozu_stdin(&["validate", "-"], input);
        assert_eq!(out.status.code(), Some(2), "{input}");
        assert!(out.stdout.is_empty(), "{input}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(expected), "{input}: {err}");
    }
    let out = kumozu(&["validate", "/nonexistent/design.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("cannot read /nonexistent/design.json"));
    let out = kumozu_stdin(&["validate", "-"], "\u{0}\u{1}\u{2}");
    assert_eq!(out.status.code(), Some(2));
}
