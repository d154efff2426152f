#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
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
        // What a student starts from: the course's checks on for Party Box and Blank.
        assert_eq!(loaded.design, t.start().unwrap(), "{} round-trips", t.id);
        assert_eq!(loaded.design.follows_course, t.id != "ec-site", "{}", t.id);
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

fn template_json(id: &str) -> String {
    String::from_utf8(kumozu(&["template", id]).stdout).unwrap()
}

#[test]
fn estimate_json_agrees_with_the_core_in_both_regions() {
    use kumozu::core::cost::{estimate, PriceTable};
    use kumozu::core::Region;
    let design = templates::find("party-box").unwrap().design().unwrap();
    let mut totals = Vec::new();
    for region in ["ap-northeast-1", "us-east-1"] {
        let out = kumozu_stdin(
            &["estimate", "-", "--format", "json", "--region", region],
            &template_json("party-box"),
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let table = PriceTable::bundled(Region::from_code(region).unwrap()).unwrap();
        let core = estimate(&design, &table);
        let total = doc["total_monthly_usd"].as_f64().unwrap();
        assert_eq!(
            total.to_string(),
            core.total_monthly_usd.normalize().to_string()
        );
        assert_eq!(doc["pricing_table_version"], table.table_version.as_str());
        assert_eq!(doc["region"], region);
        let lines = doc["lines"].as_array().unwrap();
        assert_eq!(lines.len(), core.lines.len());
        let sum: f64 = lines.iter().filter_map(|l| l["monthly_usd"].as_f64()).sum();
        assert!((sum - total).abs() < 0.05, "lines {sum} vs total {total}");
        let low = doc["range_monthly_usd"]["low"].as_f64().unwrap();
        let high = doc["range_monthly_usd"]["high"].as_f64().unwrap();
        assert!(low <= total && total <= high, "{low} ≤ {total} ≤ {high}");
        totals.push(total);
    }
    assert!(
        totals[0] > totals[1],
        "Tokyo {} costs more than N. Virginia {}",
        totals[0],
        totals[1]
    );
}

#[test]
fn estimate_table_and_csv_in_both_languages() {
    let json = template_json("party-box");
    let out = kumozu_stdin(&["estimate", "-"], &json);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Monthly total: $"), "{text}");
    assert!(
        text.contains("NestJS") && text.contains("vCPU hours"),
        "{text}"
    );
    let out = kumozu_stdin(&["--lang", "ja", "estimate", "-"], &json);
    assert!(String::from_utf8(out.stdout).unwrap().contains("月額合計"));

    let out = kumozu_stdin(&["estimate", "-", "--format", "csv"], &json);
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut rows = csv.lines();
    assert_eq!(
        rows.next().unwrap(),
        kumozu::core::cost::csv::COLUMNS.join(",")
    );
    assert!(
        rows.any(|r| r.starts_with("nestjs,ecs_service,vCPU hours,")),
        "{csv}"
    );
    assert!(csv.lines().last().unwrap().contains("Total (monthly)"));
}

#[test]
fn estimate_says_unknown_prices_and_refuses_unknown_regions() {
    let out = kumozu_stdin(
        &["estimate", "-", "--region", "eu-west-1"],
        &template_json("party-box"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("unknown region \"eu-west-1\""));
    // Osaka has no ElastiCache or SQS prices: the EC site says so instead of a silent $0.
    let out = kumozu_stdin(
        &[
            "estimate",
            "-",
            "--region",
            "ap-northeast-3",
            "--format",
            "json",
        ],
        &template_json("ec-site"),
    );
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let unknown = doc["unknown_lines"].as_u64().unwrap();
    assert!(unknown > 0, "Osaka EC site has unknown prices");
    let listed = doc["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["status"] == "unknown" && l["monthly_usd"].is_null())
        .count() as u64;
    assert_eq!(listed, unknown);
    let text = kumozu_stdin(
        &["estimate", "-", "--region", "ap-northeast-3"],
        &template_json("ec-site"),
    );
    assert!(String::from_utf8(text.stdout)
        .unwrap()
        .contains("price unknown"));
}

#[test]
fn share_then_open_gives_the_same_design() {
    for t in templates::TEMPLATES {
        let json = template_json(t.id);
        let out = kumozu_stdin(&["share", "-", "--base", "https://example.com/app/"], &json);
        assert_eq!(out.status.code(), Some(0), "{}", t.id);
        let link = String::from_utf8(out.stdout).unwrap();
        let link = link.trim();
        assert!(link.starts_with("https://example.com/app/#k1."), "{link}");
        let opened = kumozu(&["open", link]);
        assert_eq!(opened.status.code(), Some(0));
        let design = load_json(&String::from_utf8(opened.stdout).unwrap())
            .unwrap()
            .design;
        assert_eq!(design, t.start().unwrap(), "{}", t.id);
    }
}

#[test]
fn open_refuses_broken_links_with_exit_2() {
    let link = String::from_utf8(kumozu_stdin(&["share", "-"], &template_json("party-box")).stdout)
        .unwrap()
        .trim()
        .to_owned();
    let cut = &link[..link.len() - 5];
    for (bad, expected) in [
        (cut, "damaged"),
        ("#not-a-link", "not a kumozu link"),
        ("#k9.AAAA", "k9"),
        ("#k1.!!!!", "base64"),
    ] {
        let out = kumozu(&["open", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(out.stdout.is_empty(), "{bad}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.to_lowercase().contains(expected), "{bad}: {err}");
    }
}

#[test]
fn export_mermaid_then_import_keeps_the_kinds() {
    let out = kumozu_stdin(
        &["export", "-", "--to", "mermaid"],
        &template_json("party-box"),
    );
    assert_eq!(out.status.code(), Some(0));
    let mmd = String::from_utf8(out.stdout).unwrap();
    assert!(mmd.starts_with("flowchart"), "{mmd}");
    assert!(mmd.contains("|/api/*|"), "{mmd}");
    let out = kumozu_stdin(&["import", "-"], &mmd);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let imported = load_json(&String::from_utf8(out.stdout).unwrap())
        .unwrap()
        .design;
    let kinds = |d: &kumozu::core::Design| {
        let mut k: Vec<&str> = d.nodes.values().map(|n| n.kind.id()).collect();
        k.sort();
        k
    };
    assert_eq!(
        kinds(&imported),
        kinds(&templates::find("party-box").unwrap().design().unwrap())
    );
}

#[test]
fn import_refuses_what_is_not_a_flowchart() {
    let out = kumozu_stdin(&["import", "-"], "sequenceDiagram\n  A->>B: hi\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("not a Mermaid flowchart"));
}

#[test]
fn import_also_takes_a_design_file() {
    let out = kumozu_stdin(&["import", "-"], &template_json("blank"));
    assert_eq!(out.status.code(), Some(0));
    let design = load_json(&String::from_utf8(out.stdout).unwrap())
        .unwrap()
        .design;
    assert_eq!(design, templates::find("blank").unwrap().start().unwrap());
    let out = kumozu_stdin(
        &["import", "-"],
        "{\"format\":\"kumozu-design\",\"version\":7}",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("version 7"));
}

#[test]
fn export_terraform_prints_hcl_that_parses() {
    for id in ["party-box", "ec-site", "blank"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("templates")
            .join(format!("{id}.json"));
        let out = kumozu(&["export", path.to_str().unwrap(), "--to", "terraform"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{id}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tf = String::from_utf8(out.stdout).unwrap();
        let body = hcl::parse(&tf).unwrap_or_else(|e| panic!("{id}: {e}\n{tf}"));
        assert!(
            body.blocks().any(|b| b.identifier() == "provider"),
            "{id}: {tf}"
        );
        if id == "party-box" {
            assert!(
                tf.contains("resource \"aws_ecs_service\" \"nestjs\""),
                "{tf}"
            );
        }
    }
    let out = kumozu_stdin(&["export", "-", "--to", "terraform"], "not json");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn export_svg_prints_an_svg_in_the_chosen_language() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/party-box.json");
    let design = kumozu::core::document::templates::find("party-box")
        .unwrap()
        .design()
        .unwrap();
    for (lang, word) in [("en", "Architecture diagram"), ("ja", "構成図")] {
        let out = kumozu(&[
            "--lang",
            lang,
            "export",
            path.to_str().unwrap(),
            "--to",
            "svg",
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{lang}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let svg = String::from_utf8(out.stdout).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{lang}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg")
        );
        let nodes = doc
            .descendants()
            .filter(|n| n.has_attribute("data-node-id"))
            .count();
        assert_eq!(nodes, design.nodes.len());
        assert!(svg.contains(word), "{lang}");
        // The same document as the core writes (the app's download).
        let lang = if lang == "ja" {
            kumozu::core::Lang::Ja
        } else {
            kumozu::core::Lang::En
        };
        assert_eq!(svg, kumozu::core::drawing::svg::to_svg(&design, lang));
    }
    // From standard input too.
    let json = template_json("blank");
    let out = kumozu_stdin(&["export", "-", "--to", "svg"], &json);
    assert!(out.status.success());
    assert!(roxmltree::Document::parse(&String::from_utf8(out.stdout).unwrap()).is_ok());
}

#[test]
fn export_svg_refuses_a_bad_file_with_exit_2() {
    let out = kumozu_stdin(
        &["export", "-", "--to", "svg"],
        "{\"format\": \"kumozu-design\"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("kumozu: -: "), "{err}");
    let out = kumozu(&["export", "/nonexistent/design.json", "--to", "svg"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("cannot read /nonexistent/design.json"),
        "{err}"
    );
}

fn write_temp(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kumozu-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn trace_prints_numbered_hops_and_exits_0_when_served() {
    let file = write_temp("trace-party-box.json", &template_json("party-box"));
    let file = file.to_str().unwrap();
    let out = kumozu(&["trace", file, "GET /api/rooms"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(" 1. [client] "), "{text}");
    assert!(
        text.contains(" 3. [rule] The rule with priority 10, `/api/*`"),
        "{text}"
    );
    assert!(text.contains(" 6. [database] "), "{text}");
    assert!(text.contains("Result: the request is served."), "{text}");
    let ja = kumozu(&["--lang", "ja", "trace", file, "WS /socket.io/?EIO=4"]);
    assert_eq!(ja.status.code(), Some(0));
    let ja = String::from_utf8(ja.stdout).unwrap();
    assert!(ja.contains("優先度 20 のルール `/socket.io/*`"), "{ja}");
    assert!(ja.contains("[websocket]"), "{ja}");
}

#[test]
fn trace_json_has_the_documented_shape() {
    let out = kumozu_stdin(
        &["trace", "-", "GET /", "--format", "json"],
        &template_json("party-box"),
    );
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["format"], "kumozu-trace");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["file"], "-");
    assert_eq!(doc["served"], true);
    assert_eq!(doc["break"], serde_json::Value::Null);
    assert_eq!(doc["request"]["method"], "GET");
    let hops = doc["hops"].as_array().unwrap();
    let kinds: Vec<&str> = hops.iter().map(|h| h["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["client", "alb", "rule", "service", "tasks"]);
    assert_eq!(hops[2]["edge"], "rule-web");
    assert_eq!(hops[2]["rules"].as_array().unwrap().len(), 3);
    assert!(hops[3]["text"]["ja"].as_str().unwrap().contains("Next.js"));
}

#[test]
fn trace_exits_1_and_prints_the_break() {
    // Without the NAT Gateway the private tasks cannot pull their image.
    let mut d = templates::find("party-box").unwrap().design().unwrap();
    kumozu::core::edit::apply(
        &mut d,
        &kumozu::core::edit::Command::Delete {
            nodes: vec!["nat".into()],
            edges: vec![],
        },
    )
    .unwrap();
    let json = kumozu::core::to_json(&d);
    let out = kumozu_stdin(&["trace", "-", "GET /"], &json);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Result: it stops after step 4 [image-pull]"),
        "{text}"
    );
    assert!(text.contains("error[fargate-image-pull]"), "{text}");
    let out = kumozu_stdin(&["trace", "-", "GET /", "--format", "json"], &json);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["served"], false);
    assert_eq!(doc["break"]["kind"], "image-pull");
    assert_eq!(doc["break"]["finding"]["rule"], "fargate-image-pull");
    let out = kumozu_stdin(&["trace", "-", "/"], &template_json("blank"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("[no-client]"));
}

#[test]
fn trace_refuses_a_bad_request_or_file_with_exit_2() {
    // A file, not standard input: a bad request is refused before the design is read.
    let file = write_temp("trace-bad-request.json", &template_json("party-box"));
    let file = file.to_str().unwrap();
    for (req, expected) in [
        ("FETCH /x", "\"FETCH\" is not a method"),
        ("GET api", "does not start with /"),
        ("", "empty"),
    ] {
        let out = kumozu(&["trace", file, req]);
        assert_eq!(out.status.code(), Some(2), "{req}");
        assert!(out.stdout.is_empty(), "{req}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(expected), "{req}: {err}");
        assert!(err.contains("METHOD PATH"), "{req}: {err}");
    }
    let out = kumozu(&["--lang", "ja", "trace", "-", "GET"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("パスがありません"));
    let out = kumozu(&["trace", "/nonexistent/design.json", "GET /"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("cannot read /nonexistent/design.json"));
    let out = kumozu_stdin(&["trace", "-", "GET /"], "{ not json");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn diff_exits_0_for_equal_designs_from_a_file_a_link_and_a_template() {
    let file = write_temp("diff-party-box.json", &template_json("party-box"));
    let file = file.to_str().unwrap();
    let link = String::from_utf8(kumozu(&["share", file]).stdout).unwrap();
    let link = link.trim();
    for (a, b) in [
        (file, "template:party-box"),
        (link, "template:party-box"),
        (file, link),
    ] {
        let out = kumozu(&["diff", a, b]);
        assert_eq!(out.status.code(), Some(0), "{a} {b}: {out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("No differences (layout aside)."), "{text}");
    }
    let bare = link.trim_start_matches('#');
    assert_eq!(kumozu(&["diff", bare, file]).status.code(), Some(0));
}

#[test]
fn diff_exits_1_and_lists_differences_as_text_and_json() {
    let mut d = templates::find("party-box").unwrap().design().unwrap();
    kumozu::core::edit::apply(
        &mut d,
        &kumozu::core::edit::Command::SetRule {
            id: "rule-api".into(),
            priority: 10,
            path_pattern: "/v1/*".into(),
        },
    )
    .unwrap();
    let file = write_temp("diff-edited.json", &kumozu::core::to_json(&d));
    let file = file.to_str().unwrap();
    let out = kumozu(&["diff", "template:party-box", file]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("[rule] Path pattern of ALB rule `/v1/*`"),
        "{text}"
    );
    assert!(text.contains("`/api/*` → `/v1/*`"), "{text}");
    let ja =
        String::from_utf8(kumozu(&["--lang", "ja", "diff", "template:party-box", file]).stdout)
            .unwrap();
    assert!(ja.contains("パスパターン"), "{ja}");

    let out = kumozu(&[
        "diff",
        "template:party-box",
        "template:ec-site",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["format"], "kumozu-diff");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["equal"], false);
    assert_eq!(doc["a"], "template:party-box");
    assert_eq!(doc["b"], "template:ec-site");
    let changes = doc["changes"].as_array().unwrap();
    assert_eq!(doc["summary"]["changes"], changes.len());
    for c in changes {
        for key in [
            "category", "change", "subject", "a", "b", "field", "before", "after",
        ] {
            assert!(c.get(key).is_some(), "{key} missing in {c}");
        }
        assert!(c["text"]["ja"].is_string() && c["text"]["en"].is_string());
    }
    assert!(changes
        .iter()
        .any(|c| c["category"] == "cost" && c["field"] == "total_monthly_usd"));
    assert!(changes
        .iter()
        .any(|c| c["category"] == "node" && c["change"] == "added" && c["b"] == "cloudfront"));
    assert!(doc["layout"].is_array() && doc["matched_by_label"].is_array());
}

#[test]
fn diff_refuses_bad_links_templates_and_files_with_exit_2() {
    for (a, expected) in [
        ("#k1.!!!!", "base64"),
        ("#not-a-link", "not a kumozu link"),
        ("template:nope", "no template \"nope\""),
        (
            "/nonexistent/design.json",
            "cannot read /nonexistent/design.json",
        ),
    ] {
        let out = kumozu(&["diff", a, "template:party-box"]);
        assert_eq!(out.status.code(), Some(2), "{a}");
        assert!(out.stdout.is_empty(), "{a}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.to_lowercase().contains(expected), "{a}: {err}");
    }
    let out = kumozu_stdin(&["diff", "template:blank", "-"], "{ not json");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn ec2_prints_the_cheapest_fit_beside_fargate() {
    let json = template_json("party-box");
    let out = kumozu_stdin(&["ec2", "-"], &json);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    // The same comparison as the core's, priced from the bundled Tokyo table.
    let d = templates::find("party-box").unwrap().design().unwrap();
    let table =
        kumozu::core::cost::PriceTable::bundled(kumozu::core::Region::ApNortheast1).unwrap();
    let c = kumozu::core::course::ec2::compare(&d, &table);
    let ec2 = kumozu::core::cost::fmt_usd(c.ec2_monthly.unwrap());
    let fargate = kumozu::core::cost::fmt_usd(c.fargate_monthly().unwrap());
    assert!(
        text.contains(&format!("Fargate (desired tasks all month): {fargate}")),
        "{text}"
    );
    assert!(text.contains(&format!("at {ec2} a month")), "{text}");
    assert!(text.contains("  * t3.medium"), "{text}");
    assert!(text.contains("The chapter recommends Fargate"), "{text}");
    let ja = kumozu_stdin(&["--lang", "ja", "ec2", "-"], &json);
    assert_eq!(ja.status.code(), Some(0));
    assert!(String::from_utf8(ja.stdout)
        .unwrap()
        .contains("最安の EC2 構成"));
}

#[test]
fn ec2_json_and_bad_input() {
    let json = template_json("party-box");
    let out = kumozu_stdin(
        &["ec2", "-", "--format", "json", "--region", "us-east-1"],
        &json,
    );
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["format"], "kumozu-ec2");
    assert_eq!(doc["region"], "us-east-1");
    let types = doc["ec2"][0]["types"].as_array().unwrap();
    let cheapest: Vec<_> = types.iter().filter(|t| t["cheapest"] == true).collect();
    assert_eq!(cheapest.len(), 1);
    assert_eq!(cheapest[0]["monthly_usd"], doc["ec2_cheapest_monthly_usd"]);
    // No ECS services: still exit 0, and it says so.
    let blank = kumozu_stdin(&["ec2", "-"], &template_json("blank"));
    assert_eq!(blank.status.code(), Some(0));
    assert!(String::from_utf8(blank.stdout)
        .unwrap()
        .contains("no ECS services"));
    let bad = kumozu_stdin(&["ec2", "-"], "{");
    assert_eq!(bad.status.code(), Some(2));
    let region = kumozu_stdin(&["ec2", "-", "--region", "mars-1"], &json);
    assert_eq!(region.status.code(), Some(2));
    assert!(String::from_utf8(region.stderr).unwrap().contains("mars-1"));
}

#[test]
fn scale_prints_the_timeline_and_a_band_that_agrees_with_estimate() {
    let pb = template_json("party-box");
    let out = kumozu_stdin(
        &["scale", "-", "--preset", "spike", "--service", "nextjs"],
        &pb,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("CPU 210% > 70%"), "{text}");
    assert!(text.contains("ECS starts Tasks 3–4"), "{text}");
    assert!(!text.contains("(nestjs)"), "{text}");
    let ja = kumozu_stdin(&["--lang", "ja", "scale", "-"], &pb);
    assert_eq!(ja.status.code(), Some(0));
    assert!(String::from_utf8(ja.stdout)
        .unwrap()
        .contains("Auto Scaling が発動"));
    // The JSON band's ends are estimate's range.
    let j: serde_json::Value =
        serde_json::from_slice(&kumozu_stdin(&["scale", "-", "--format", "json"], &pb).stdout)
            .unwrap();
    let e: serde_json::Value =
        serde_json::from_slice(&kumozu_stdin(&["estimate", "-", "--format", "json"], &pb).stdout)
            .unwrap();
    assert_eq!(j["format"], "kumozu-scale");
    assert_eq!(j["monthly_usd"]["low"], e["range_monthly_usd"]["low"]);
    assert_eq!(j["monthly_usd"]["high"], e["range_monthly_usd"]["high"]);
    let sim = j["monthly_usd"]["simulated"].as_f64().unwrap();
    assert!(sim > j["monthly_usd"]["low"].as_f64().unwrap());
    assert!(sim < j["monthly_usd"]["high"].as_f64().unwrap());
    assert_eq!(j["services"].as_array().unwrap().len(), 2);
    // A flat curve of zeros costs the low end.
    let zeros = vec!["0"; 24].join(",");
    let j: serde_json::Value = serde_json::from_slice(
        &kumozu_stdin(&["scale", "-", "--curve", &zeros, "--format", "json"], &pb).stdout,
    )
    .unwrap();
    assert_eq!(j["monthly_usd"]["simulated"], j["monthly_usd"]["low"]);
}

#[test]
fn scale_refuses_bad_curves_presets_and_services_with_exit_2() {
    let pb = template_json("party-box");
    for (args, says) in [
        (vec!["--curve", "10,20"], "needs 24 values"),
        (
            vec!["--curve", &*format!("{}x", "1,".repeat(23))],
            "not a number",
        ),
        (
            vec!["--curve", &*format!("{}-5", "1,".repeat(23))],
            "out of range",
        ),
        (vec!["--preset", "weekend"], "no preset \"weekend\""),
        (vec!["--service", "nope"], "no ECS service \"nope\""),
    ] {
        let mut all = vec!["scale", "-"];
        all.extend(args.iter().copied());
        let out = kumozu_stdin(&all, &pb);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn arrange_prints_the_design_arranged_from_a_file_or_a_flowchart() {
    use kumozu::core::exchange::arrange::{arrange, quality::measure};
    let party = templates::find("party-box").unwrap().json;
    let out = kumozu_stdin(&["arrange", "-"], party);
    assert!(out.status.success(), "{out:?}");
    let arranged = load_json(&String::from_utf8(out.stdout).unwrap())
        .unwrap()
        .design;
    let original = load_json(party).unwrap().design;
    assert_eq!(
        arranged,
        arrange(&original),
        "the core's arrangement, as a design file"
    );
    assert_eq!(arranged.edges, original.edges);
    assert_ne!(arranged.nodes, original.nodes, "it moved");
    assert_eq!(measure(&arranged).faults(), 0);

    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/mermaid/seed-02.mmd"
    );
    let out = kumozu(&["arrange", seed]);
    assert!(out.status.success(), "{out:?}");
    let d = load_json(&String::from_utf8(out.stdout).unwrap())
        .unwrap()
        .design;
    assert!(d.node("ALB").is_some() && d.edges.len() == 5, "{d:?}");

    let out = kumozu_stdin(&["arrange", "-"], "{ not json");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .starts_with("kumozu: -: "));
}
