#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! `kumozu grade`: a class graded in one run agrees with `validate`, `checklist`, `estimate`
//! and `diff` run one by one; broken submissions are rows with a problem and exit 1.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Output};

use kumozu::core::edit::{apply, Command as Edit};
use kumozu::core::{templates, to_json, NodeId};
use serde_json::Value;

fn kumozu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kumozu"))
        .args(args)
        .output()
        .expect("the kumozu binary runs")
}

fn json_of(args: &[&str]) -> Value {
    let out = kumozu(args);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {out:?}"))
}

fn write_temp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kumozu-class-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn template_json(id: &str) -> String {
    to_json(&templates::find(id).unwrap().design().unwrap())
}

fn share(file: &str) -> String {
    let out = kumozu(&["share", file, "--base", "https://example.com/kumozu/"]);
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// Party Box without its database, an ALB alone (errors), Party Box in Tokyo.
fn students() -> Vec<(String, String)> {
    let mut no_db = templates::find("party-box").unwrap().design().unwrap();
    apply(
        &mut no_db,
        &Edit::Delete {
            nodes: vec![NodeId("rds".into())],
            edges: vec![],
        },
    )
    .unwrap();
    let mut tokyo = templates::find("party-box").unwrap().design().unwrap();
    tokyo.region = kumozu::core::Region::ApNortheast1;
    vec![
        ("party-box".into(), template_json("party-box")),
        ("ec-site".into(), template_json("ec-site")),
        ("no-db".into(), to_json(&no_db)),
        (
            "alb-alone".into(),
            r#"{"format":"kumozu-design","version":1,"region":"us-east-1",
              "nodes":[{"id":"lb","kind":"alb"}]}"#
                .into(),
        ),
        ("tokyo".into(), to_json(&tokyo)),
    ]
}

#[test]
fn rows_agree_with_validate_checklist_estimate_and_diff_run_one_by_one() {
    let model = write_temp("model.json", &template_json("party-box"));
    let model = model.to_str().unwrap();
    let mut list = String::from("# class 3-B\n");
    let mut files = Vec::new();
    for (name, json) in students() {
        let file = write_temp(&format!("{name}.json"), &json);
        let file = file.to_str().unwrap().to_owned();
        list.push_str(&format!("{name}\t{}\n", share(&file)));
        files.push((name, file));
    }
    list.push_str("broken\thttps://example.com/kumozu/#k1.AAAA\n");
    let bare = share(&files[0].1);
    list.push_str(&format!("{bare}\n"));
    let list = write_temp("class.txt", &list);
    let out = kumozu(&[
        "grade",
        model,
        list.to_str().unwrap(),
        &files[1].1,
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = doc["students"].as_array().unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "party-box",
            "ec-site",
            "no-db",
            "alb-alone",
            "tokyo",
            "broken",
            "8",
            files[1].1.as_str()
        ]
    );
    let broken = &rows[5];
    assert!(
        broken["problem"].as_str().unwrap().contains("link"),
        "{broken}"
    );
    assert_eq!(broken["errors"], Value::Null);
    let model_total = json_of(&["estimate", model, "--format", "json"])["total_monthly_usd"]
        .as_f64()
        .unwrap();
    assert_eq!(
        doc["model"]["total_monthly_usd"].as_f64(),
        Some(model_total)
    );
    let mut checked = 0;
    for (row, file) in rows.iter().zip(
        files
            .iter()
            .map(|(_, f)| f.as_str())
            .chain([""])
            .chain([files[0].1.as_str(), files[1].1.as_str()]),
    ) {
        if file.is_empty() {
            continue;
        }
        assert_eq!(row["problem"], Value::Null, "{row}");
        let v = json_of(&["validate", file, "--format", "json"]);
        assert_eq!(row["errors"], v["summary"]["errors"], "{file}");
        assert_eq!(row["warnings"], v["summary"]["warnings"], "{file}");
        let c = json_of(&["checklist", file, "--format", "json"]);
        assert_eq!(row["checklist_met"], c["ticked"], "{file}");
        let e = json_of(&["estimate", file, "--format", "json"]);
        assert_eq!(row["total_monthly_usd"], e["total_monthly_usd"], "{file}");
        let delta = e["total_monthly_usd"].as_f64().unwrap() - model_total;
        assert!(
            (row["delta_usd"].as_f64().unwrap() - delta).abs() < 0.005,
            "{file}: {} vs {delta}",
            row["delta_usd"]
        );
        let d = json_of(&["diff", model, file, "--format", "json"]);
        assert_eq!(row["changes"], d["summary"]["changes"], "{file}");
        let main: Vec<&Value> = d["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| ["node", "placement", "rule"].contains(&c["category"].as_str().unwrap()))
            .collect();
        let got: Vec<&Value> = row["differences"].as_array().unwrap().iter().collect();
        assert_eq!(got, main, "{file}");
        checked += 1;
    }
    assert_eq!(checked, 7);
    // The figures are not all alike: the test would notice a row copied from another.
    assert!(rows[3]["errors"].as_u64().unwrap() > 0);
    assert!(rows[2]["delta_usd"].as_f64().unwrap() < 0.0);
    assert!(!rows[2]["differences"].as_array().unwrap().is_empty());
    assert_eq!(rows[0]["delta_usd"].as_f64(), Some(0.0));
}

#[test]
fn every_submission_read_exits_0_and_text_csv_html_say_the_same() {
    let pb = write_temp("pb.json", &template_json("party-box"));
    let pb = pb.to_str().unwrap();
    let link = share(pb);
    let out = kumozu(&["grade", "template:party-box", pb, &link]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Model answer: template:party-box · $"),
        "{text}"
    );
    assert!(text.contains("7/7"), "{text}");
    let out = kumozu(&[
        "--lang",
        "ja",
        "grade",
        "template:party-box",
        pb,
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("name,errors,warnings,checklist_met,total_monthly_usd,delta_usd,differences,problem\r\n"), "{csv}");
    assert!(csv.contains(",0,0,7,"), "{csv}");
    let out = kumozu(&["grade", "template:party-box", pb, "-", "--format", "html"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let html = String::from_utf8(out.stdout).unwrap();
    assert_eq!(html.matches("<section class=\"student\"").count(), 1);
    assert_eq!(html.matches("<svg").count(), 1);
}

#[test]
fn a_broken_link_does_not_stop_the_rest_and_a_bad_model_exits_2() {
    let list = write_temp("mixed.txt", "a\t#k1.@@@\nb\tnot a link\n\n");
    let out = kumozu(&[
        "grade",
        "template:party-box",
        list.to_str().unwrap(),
        "template:party-box",
        "/nonexistent/x.json",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["students"], 4);
    // The two list lines and the missing file; `template:party-box` is read (the model itself).
    assert_eq!(doc["summary"]["unread"], 3);
    let template_row = &doc["students"][2];
    assert_eq!(template_row["name"], "template:party-box");
    assert!(template_row["problem"].is_null(), "{template_row}");
    assert_eq!(template_row["delta_usd"], 0, "{template_row}");
    assert_eq!(template_row["changes"], 0, "{template_row}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("/nonexistent/x.json"), "{err}");
    let out = kumozu(&["grade", "template:nope", list.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let out = kumozu(&["grade", "template:party-box"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_worker_job_grades_a_pasted_list_like_the_cli() {
    use kumozu::core::cost::PriceTable;
    use kumozu::core::Region;
    use kumozu::jobs::{Graded, Job};
    use std::sync::Arc;
    let pb = write_temp("job-pb.json", &template_json("party-box"));
    let pb = pb.to_str().unwrap();
    let ec = write_temp("job-ec.json", &template_json("ec-site"));
    let ec = ec.to_str().unwrap();
    let list = format!(
        "alice\t{}\nbob\t#k1.@@@\n{}\n",
        share(ec),
        share(pb).trim_start_matches("https://example.com/kumozu/")
    );
    let job = Job::Grade {
        model: template_json("party-box"),
        model_from: "Party Box".into(),
        list: list.clone(),
        lang: kumozu::core::Lang::En,
    };
    assert_eq!(job.regions().len(), 3);
    let tables = |r: Region| PriceTable::bundled(r).ok().map(Arc::new);
    let g: Graded = serde_json::from_str(&job.run(&tables).unwrap()).unwrap();
    let cli_list = write_temp("job-list.txt", &list);
    let cli = json_of(&[
        "grade",
        "template:party-box",
        cli_list.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(g.rows.len(), 3);
    for (row, want) in g.rows.iter().zip(cli["students"].as_array().unwrap()) {
        assert_eq!(row.name, want["name"].as_str().unwrap());
        assert_eq!(row.read, want["problem"].is_null());
        if row.read {
            assert_eq!(row.errors as u64, want["errors"].as_u64().unwrap());
            assert_eq!(
                row.checklist_met as u64,
                want["checklist_met"].as_u64().unwrap()
            );
            let cents = (want["total_monthly_usd"].as_f64().unwrap() * 100.0).round() as i64;
            assert_eq!(row.total_cents, Some(cents));
            assert_eq!(
                row.differences.len(),
                want["differences"].as_array().unwrap().len()
            );
        } else {
            assert_eq!(row.problem.as_deref(), want["problem"].as_str());
        }
    }
    assert_eq!(g.rows[2].name, "3");
    assert_eq!(g.rows[2].delta, "±$0.00");
    assert!(g.rows[0].delta.starts_with('+'));
    assert!(g.csv.starts_with("name,errors,"));
    // A model that does not load is answered with why, not a panic.
    let bad = Job::Grade {
        model: "{".into(),
        model_from: "x".into(),
        list,
        lang: kumozu::core::Lang::En,
    };
    assert!(bad.run(&tables).is_err());
}

#[test]
fn a_template_is_a_submission_and_an_oversized_file_is_a_row_with_a_problem() {
    // A file one byte over the input limit (sparse: nothing is written but its length).
    let dir = std::env::temp_dir().join(format!("kumozu-class-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.json");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(kumozu::core::format::load::MAX_INPUT_BYTES as u64 + 1)
        .unwrap();
    let out = kumozu(&[
        "grade",
        "template:party-box",
        "template:blank",
        "template:nope",
        big.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = doc["students"].as_array().unwrap();
    assert_eq!(rows.len(), 3, "{doc}");
    assert_eq!(rows[0]["name"], "template:blank");
    assert!(rows[0]["problem"].is_null(), "{}", rows[0]);
    assert!(rows[0]["errors"].as_u64().unwrap() + rows[0]["warnings"].as_u64().unwrap() > 0);
    assert!(
        rows[1]["problem"]
            .as_str()
            .unwrap()
            .contains("no template \"nope\""),
        "{}",
        rows[1]
    );
    assert!(
        rows[2]["problem"].as_str().unwrap().contains("larger than"),
        "{}",
        rows[2]
    );
    std::fs::remove_dir_all(&dir).ok();
}
