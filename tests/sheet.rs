#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! The AWS Pricing Calculator input sheet (`course::sheet`, `kumozu sheet`): its values come from
//! the design, its total is the estimate's, its HTML is inert, and the CLI's formats and exit codes.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use kumozu::core::cost::{self, PriceTable};
use kumozu::core::course::sheet::{self, CalloutKind, Field, Sheet};
use kumozu::core::document::model::ParamValue;
use kumozu::core::{synth, templates, to_json, Design, Lang, Region};
use rust_decimal::Decimal;

fn template(id: &str) -> Design {
    templates::find(id)
        .expect("template")
        .design()
        .expect("loads")
}

fn sheet_of(d: &Design) -> (Sheet, cost::Estimate) {
    let table = PriceTable::bundled(d.region).expect("bundled table");
    (sheet::sheet(d, &table), cost::estimate(d, &table))
}

fn field<'s>(s: &'s Sheet, service: &str, node: &str, id: &str) -> Vec<&'s Field> {
    s.services
        .iter()
        .filter(|x| x.id == service)
        .flat_map(|x| &x.entries)
        .filter(|e| e.node.as_ref().map(|n| n.as_str()) == Some(node))
        .flat_map(|e| &e.fields)
        .filter(|f| f.id == id)
        .collect()
}

/// The leading number of a value ("2 per month" → 2, "1,460" → 1460).
fn lead(f: &Field) -> Decimal {
    let n: String = f
        .value
        .en
        .split_whitespace()
        .next()
        .unwrap_or("")
        .replace(',', "");
    n.parse()
        .unwrap_or_else(|_| panic!("no number in {:?}", f.value.en))
}

#[test]
fn the_total_is_the_estimates_total_for_every_template_and_region() {
    for t in templates::TEMPLATES {
        for region in Region::ALL {
            let mut d = t.design().unwrap();
            d.region = region;
            let (s, e) = sheet_of(&d);
            assert_eq!(
                s.total_monthly_usd, e.total_monthly_usd,
                "{} {region}",
                t.id
            );
            assert_eq!(s.unknown_lines, e.unknown_lines, "{} {region}", t.id);
            // The services' amounts plus what no service counts are every known line.
            let counted: Decimal = s.services.iter().map(|x| x.monthly_usd).sum();
            let known: Decimal = e.lines.iter().filter_map(|l| l.monthly).sum();
            assert!(counted <= known, "{} {region}", t.id);
        }
    }
}

#[test]
fn the_total_holds_for_large_synthetic_designs() {
    for n in [10, 60, 200] {
        let d = synth::large_design(n);
        let (s, e) = sheet_of(&d);
        assert_eq!(s.total_monthly_usd, e.total_monthly_usd, "{n} nodes");
    }
}

#[test]
fn party_box_fargate_fields_are_the_designs_parameters() {
    let d = template("party-box");
    let (s, e) = sheet_of(&d);
    assert_eq!(s.region_name.ja, "アジアパシフィック (東京)");
    assert_eq!(s.region_name.en, "Asia Pacific (Tokyo)");
    for id in ["nestjs", "nextjs"] {
        let n = d.node(id).unwrap();
        let tasks = field(&s, "fargate", id, "tasks");
        let durations = field(&s, "fargate", id, "duration_hours");
        assert_eq!(lead(tasks[0]), Decimal::from(n.num("desired_tasks") as i64));
        assert_eq!(lead(durations[0]), Decimal::from(730));
        // The peak configuration: the extra tasks during the peak hours.
        let extra = n.num("max_tasks") - n.num("desired_tasks");
        assert_eq!(lead(tasks[1]), Decimal::from(extra as i64));
        assert_eq!(
            lead(durations[1]),
            Decimal::from(d.usage("peak_hours_per_month") as i64)
        );
        let vcpu = lead(field(&s, "fargate", id, "vcpu")[0]);
        assert_eq!(vcpu.to_string(), n.num("vcpu").to_string());
        let mem = lead(field(&s, "fargate", id, "memory_gb")[0]);
        assert_eq!(mem.to_string(), n.num("memory_gb").to_string());
        // tasks × hours × vCPU over the configurations is the engine's vCPU-hours.
        let task_hours: Decimal = tasks
            .iter()
            .zip(&durations)
            .map(|(t, h)| lead(t) * lead(h))
            .sum();
        let line = e
            .lines
            .iter()
            .find(|l| {
                l.node.as_ref().map(|x| x.as_str()) == Some(id)
                    && l.price_key.as_deref() == Some("fargate.x86.vcpu_hour")
            })
            .unwrap();
        assert_eq!(task_hours * vcpu, line.quantity, "{id}");
    }
    let class = field(&s, "rds", "rds", "instance_type");
    assert_eq!(
        class[0].value.en,
        d.node("rds").unwrap().text("instance_class")
    );
    let deployment = field(&s, "rds", "rds", "deployment");
    assert_eq!(deployment[0].value.en, "Multi-AZ");
    // Every Party Box service the estimate prices is on the sheet, in order.
    let ids: Vec<&str> = s.services.iter().map(|x| x.id).collect();
    assert_eq!(
        ids,
        [
            "fargate",
            "elb",
            "rds",
            "vpc",
            "ecr",
            "cloudwatch",
            "data_transfer"
        ]
    );
}

#[test]
fn editing_a_parameter_changes_the_sheet() {
    let mut d = template("party-box");
    let n = d.nodes.get_mut(&"nestjs".into()).unwrap();
    n.params
        .insert("desired_tasks".into(), ParamValue::Num(3.0));
    n.params
        .insert("cpu_architecture".into(), ParamValue::Str("ARM64".into()));
    let r = d.nodes.get_mut(&"rds".into()).unwrap();
    r.params.insert("multi_az".into(), ParamValue::Bool(false));
    let (s, e) = sheet_of(&d);
    assert_eq!(
        lead(field(&s, "fargate", "nestjs", "tasks")[0]),
        Decimal::from(3)
    );
    assert_eq!(
        field(&s, "fargate", "nestjs", "cpu_architecture")[0]
            .value
            .en,
        "ARM"
    );
    assert_eq!(
        field(&s, "rds", "rds", "deployment")[0].value.en,
        "Single-AZ"
    );
    assert_eq!(s.total_monthly_usd, e.total_monthly_usd);
    // Without auto scaling there is no peak configuration.
    let mut d = template("party-box");
    let n = d.nodes.get_mut(&"nextjs".into()).unwrap();
    n.params
        .insert("scaling_metric".into(), ParamValue::Str("none".into()));
    let (s, _) = sheet_of(&d);
    assert_eq!(field(&s, "fargate", "nextjs", "tasks").len(), 1);
}

#[test]
fn public_ipv4_and_free_allowances_are_called_out() {
    let d = template("party-box");
    let (s, _) = sheet_of(&d);
    let elsewhere: Vec<_> = s
        .callouts
        .iter()
        .filter(|c| c.kind == CalloutKind::Elsewhere)
        .collect();
    assert!(elsewhere
        .iter()
        .any(|c| c.node.as_ref().map(|n| n.as_str()) == Some("alb")));
    assert!(elsewhere.iter().all(|c| c.counted_in == Some("vpc")));
    // Free resources are not in any service and say so.
    assert!(s
        .callouts
        .iter()
        .any(|c| c.kind == CalloutKind::NotInCalculator
            && c.node.as_ref().map(|n| n.as_str()) == Some("vpc")));
    // 50 GB out, all inside the 100 GB free allowance.
    let dt = s
        .callouts
        .iter()
        .find(|c| c.kind == CalloutKind::FreeAllowance && c.counted_in == Some("data_transfer"))
        .expect("data transfer allowance");
    assert!(dt.what.en.contains("50 GB free"), "{}", dt.what.en);
    // The ALB drivers: active connections = new connections × duration.
    let dur = lead(field(&s, "elb", "alb", "connection_duration")[0]);
    let new = lead(field(&s, "elb", "alb", "new_connections")[0]);
    assert_eq!(
        dur * new,
        Decimal::from(d.usage("alb_active_connections_per_minute") as i64)
    );
}

#[test]
fn ec_site_services_are_all_on_the_sheet() {
    let (s, _) = sheet_of(&template("ec-site"));
    for id in [
        "route53",
        "cloudfront",
        "s3",
        "elasticache",
        "sqs",
        "lambda",
        "secrets_manager",
    ] {
        assert!(s.services.iter().any(|x| x.id == id), "{id} missing");
    }
}

#[test]
fn html_escapes_every_text_and_switches_language() {
    let mut d = template("party-box");
    d.name = "<script>alert('x')</script> & co".into();
    d.nodes.get_mut(&"nestjs".into()).unwrap().label = "<img src=x onerror=alert(1)>".into();
    let (s, _) = sheet_of(&d);
    let en = sheet::to_html(&s, Lang::En);
    assert!(!en.contains("<script"), "{en}");
    assert!(!en.contains("<img"));
    assert!(en.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; co"));
    assert!(en.contains("Number of tasks or pods"));
    assert!(en.contains("data-testid=\"sheet-total\">$215.38<"));
    let ja = sheet::to_html(&s, Lang::Ja);
    assert!(ja.contains("タスクまたはポッドの数"));
    assert!(!ja.contains("Number of tasks or pods"));
    assert!(!ja.contains(" style="));
    let text = sheet::render_text(&s, Lang::Ja);
    assert!(text.contains("アジアパシフィック (東京)"));
}

fn kumozu(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kumozu"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

#[test]
fn cli_sheet_formats_and_exit_codes() {
    let json_design = to_json(&template("party-box"));
    let out = kumozu(&["sheet", "-"], Some(&json_design));
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("AWS Fargate"), "{text}");
    assert!(text.contains("Asia Pacific (Tokyo)"));
    assert!(text.contains("$215.38"));

    let out = kumozu(
        &["--lang", "ja", "sheet", "-", "--format", "json"],
        Some(&json_design),
    );
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "kumozu-calculator-sheet");
    assert_eq!(v["region"], "ap-northeast-1");
    assert_eq!(v["region_name"]["ja"], "アジアパシフィック (東京)");
    let est = kumozu(&["estimate", "-", "--format", "json"], Some(&json_design));
    let ev: serde_json::Value = serde_json::from_slice(&est.stdout).unwrap();
    assert_eq!(v["total_monthly_usd"], ev["total_monthly_usd"]);

    let out = kumozu(
        &["--lang", "ja", "sheet", "-", "--format", "html"],
        Some(&json_design),
    );
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<div class=\"sheet-doc\">"), "{html}");
    assert!(html.contains("料金見積りツール"));

    let out = kumozu(&["sheet", "/no/such/file.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("cannot read"));
    let out = kumozu(&["sheet", "-"], Some("{ not json"));
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

/// docs/calculator-walkthrough.md holds the real output for Party Box between its markers.
#[test]
fn the_walkthrough_shows_the_real_party_box_sheet() {
    let (s, _) = sheet_of(&template("party-box"));
    let mut block = String::from(
        "<!-- sheet:begin -->\n\n### English (`kumozu sheet party-box.json`)\n\n```text\n",
    );
    block.push_str(&sheet::render_text(&s, Lang::En));
    block.push_str("```\n\n### 日本語 (`kumozu --lang ja sheet party-box.json`)\n\n```text\n");
    block.push_str(&sheet::render_text(&s, Lang::Ja));
    block.push_str("```\n\n### Label check\n\n| service | field | label (en) | ラベル (ja) | en label confirmed |\n|---|---|---|---|---|\n");
    let mut seen = std::collections::BTreeSet::new();
    for svc in &s.services {
        for e in &svc.entries {
            for f in &e.fields {
                if seen.insert((svc.id, f.id)) {
                    block.push_str(&format!(
                        "| {} | `{}` | {} | {} | {} |\n",
                        svc.name.en,
                        f.id,
                        f.label.en,
                        f.label.ja,
                        if f.confirmed { "yes" } else { "no" }
                    ));
                }
            }
        }
    }
    block.push_str("\n<!-- sheet:end -->");
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/calculator-walkthrough.md");
    let doc = std::fs::read_to_string(&path).expect("the walkthrough exists");
    let start = doc.find("<!-- sheet:begin -->").expect("begin marker");
    let end = doc.find("<!-- sheet:end -->").expect("end marker") + "<!-- sheet:end -->".len();
    let want = format!("{}{}{}", &doc[..start], block, &doc[end..]);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &want).unwrap();
    } else {
        assert!(
            doc == want,
            "docs/calculator-walkthrough.md is stale: UPDATE_EXPECT=1 cargo test --test sheet"
        );
    }
}

#[test]
fn interface_endpoints_are_entered_under_amazon_vpc() {
    use kumozu::core::{Kind, Node, Point};
    let mut d = template("party-box");
    let mut ep = Node::new("ecr-api", Kind::VpcEndpoint, Point::default());
    ep.parent = Some("private".into());
    ep.params
        .insert("endpoint_type".into(), ParamValue::Str("interface".into()));
    ep.params
        .insert("monthly_data_processed_gb".into(), ParamValue::Num(7.0));
    d.add_node(ep);
    let (s, e) = sheet_of(&d);
    assert_eq!(s.total_monthly_usd, e.total_monthly_usd);
    let count = field(&s, "vpc", "ecr-api", "interface_endpoints");
    assert!(count[0].value.en.starts_with("2 "), "{}", count[0].value.en);
    assert_eq!(
        lead(field(&s, "vpc", "ecr-api", "endpoint_gb")[0]),
        Decimal::from(7)
    );
    let vpc = s.services.iter().find(|x| x.id == "vpc").unwrap();
    assert!(vpc.nodes.iter().any(|n| n.as_str() == "ecr-api"));
}
