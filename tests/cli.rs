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
