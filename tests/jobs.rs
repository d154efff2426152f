#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! The on-demand module's jobs (`kumozu::jobs`), as the worker runs them: requests read from
//! JSON text and answered as JSON text with the same id; the compare, sheet and checklist
//! answers equal what the core writes for the same designs and tables; bad requests, bad
//! designs and missing tables are answered with a message, never a panic.

use std::sync::Arc;

use kumozu::core::cost::{estimate_range, PriceTable};
use kumozu::core::document::catalogue::Kind;
use kumozu::core::document::model::Design;
use kumozu::core::document::region::Region;
use kumozu::core::document::templates;
use kumozu::core::format::load::to_json;
use kumozu::core::Lang;
use kumozu::jobs::{answer, Imported, Job, Reply, Request, Words};

fn party() -> Design {
    templates::find("party-box").unwrap().design().unwrap()
}

fn bundled(r: Region) -> Option<Arc<PriceTable>> {
    PriceTable::bundled(r).ok().map(Arc::new)
}

fn none(_: Region) -> Option<Arc<PriceTable>> {
    None
}

fn words() -> Words {
    let mut w = Words::default();
    for (k, v) in [
        ("compare_equal", "same"),
        ("compare_count", "{n} differences"),
        ("compare_layout", "layout ({n})"),
        ("compare_this", "this design"),
        ("compare_unpriced", "unpriced"),
    ] {
        w.0.insert(k.into(), v.into());
    }
    w
}

/// Party Box without its NAT Gateway (and the edges that touch it).
fn without_nat() -> (Design, String) {
    let mut d = party();
    let id = d
        .nodes
        .values()
        .find(|n| n.kind == Kind::NatGateway)
        .expect("Party Box has a NAT Gateway")
        .id
        .clone();
    d.nodes.remove(&id);
    d.edges.retain(|_, e| e.from != id && e.to != id);
    (d, id.0)
}

fn compare(a: &Design, b: &Design, priced: bool) -> Job {
    Job::Compare {
        a: to_json(a),
        a_from: "<A & \"opened\">".into(),
        b: to_json(b),
        priced,
        lang: Lang::En,
        words: words(),
    }
}

/// The `data-count` of a compare answer.
fn count(html: &str) -> usize {
    let at = html.find("data-count=\"").expect("a summary") + "data-count=\"".len();
    html[at..].split('"').next().unwrap().parse().unwrap()
}

#[test]
fn compare_lists_the_removed_nat_gateway_on_both_sides() {
    let (b, nat) = without_nat();
    let html = compare(&party(), &b, false).run(&none).unwrap();
    let n = count(&html);
    assert!(n >= 1, "{html}");
    assert!(
        html.contains(&format!("{n} differences")),
        "count filled in"
    );
    assert!(
        html.contains("unpriced"),
        "says the cost lines were not compared"
    );
    assert!(
        html.contains(&format!("data-diff-a=\"{nat}\"")),
        "the removed node is listed"
    );
    assert_eq!(html.matches("<svg").count(), 2, "both diagrams");
    assert!(
        html.contains("A · &lt;A &amp; &quot;opened&quot;&gt;"),
        "caption escaped"
    );
    assert!(!html.contains("<A &"), "nothing unescaped");
}

#[test]
fn compare_priced_adds_cost_lines_and_equal_designs_say_so() {
    let (b, _) = without_nat();
    let unpriced = count(&compare(&party(), &b, false).run(&bundled).unwrap());
    let priced = compare(&party(), &b, true).run(&bundled).unwrap();
    assert!(
        count(&priced) > unpriced,
        "the NAT Gateway's cost lines are differences too"
    );
    assert!(!priced.contains("unpriced"));
    // Asked priced, but no table could be had: the answer is the unpriced one.
    let fallback = compare(&party(), &b, true).run(&none).unwrap();
    assert_eq!(count(&fallback), unpriced);

    let same = compare(&party(), &party(), true).run(&bundled).unwrap();
    assert_eq!(count(&same), 0);
    assert!(same.contains(">same"), "{same}");
}

#[test]
fn the_sheet_is_the_core_sheet_of_the_expected_estimate() {
    let d = party();
    let job = Job::Sheet {
        design: to_json(&d),
        lang: Lang::Ja,
    };
    let table = PriceTable::bundled(d.region).unwrap();
    let want = kumozu::core::course::sheet::to_html(
        &kumozu::core::course::sheet::build(&d, &estimate_range(&d, &table).expected),
        Lang::Ja,
    );
    assert_eq!(job.run(&bundled).unwrap(), want);
    assert_eq!(job.regions(), vec![d.region]);
    let err = job.run(&none).unwrap_err();
    assert!(err.contains(d.region.code()), "{err}");
}

#[test]
fn the_cost_csv_is_the_core_csv_of_the_expected_estimate() {
    let d = party();
    let job = Job::CostCsv {
        design: to_json(&d),
        lang: Lang::En,
    };
    let table = PriceTable::bundled(d.region).unwrap();
    let want = kumozu::core::cost::csv::to_csv(&estimate_range(&d, &table).expected, Lang::En);
    assert!(want.starts_with("node,kind,component"), "{want}");
    assert_eq!(job.run(&bundled).unwrap(), want);
    assert_eq!(job.regions(), vec![d.region]);
    let err = job.run(&none).unwrap_err();
    assert!(err.contains(d.region.code()), "{err}");
}

#[test]
fn the_checklist_keeps_the_open_points_open() {
    let d = party();
    let job = |open: Vec<String>| Job::Checklist {
        design: to_json(&d),
        priced: true,
        open,
        lang: Lang::En,
    };
    let closed = job(vec![]).run(&bundled).unwrap();
    let first = closed
        .split("data-check-id=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a point")
        .to_owned();
    assert!(!closed.contains(" open>"), "{closed}");
    let opened = job(vec![first.clone()]).run(&bundled).unwrap();
    assert_eq!(opened.matches(" open>").count(), 1);
    assert!(opened.contains(&format!("data-check-id=\"{first}\"")));
    assert_eq!(
        closed.matches("data-ticked=\"true\"").count(),
        7,
        "Party Box ticks all seven"
    );
}

#[test]
fn requests_are_answered_with_their_id_and_bad_ones_with_a_message() {
    let req = Request {
        id: 42,
        job: Job::Sheet {
            design: to_json(&party()),
            lang: Lang::En,
        },
    };
    let reply: Reply =
        serde_json::from_str(&answer(&serde_json::to_string(&req).unwrap(), &bundled)).unwrap();
    assert_eq!(reply.id, 42);
    assert!(reply.result.unwrap().contains("<"));

    let bad: Reply = serde_json::from_str(&answer("{not json", &bundled)).unwrap();
    assert_eq!(bad.id, 0);
    assert!(bad.result.unwrap_err().starts_with("unreadable request"));

    let broken = Request {
        id: 7,
        job: Job::Checklist {
            design: "{\"nodes\": 3}".into(),
            priced: false,
            open: vec![],
            lang: Lang::En,
        },
    };
    let reply: Reply =
        serde_json::from_str(&answer(&serde_json::to_string(&broken).unwrap(), &bundled)).unwrap();
    assert_eq!(reply.id, 7);
    assert!(!reply.result.unwrap_err().is_empty());
    // An unreadable design wants no table; the job reports it.
    assert!(broken.job.regions().is_empty());
}

#[test]
fn a_priced_compare_wants_both_regions_once() {
    let a = party();
    let mut b = party();
    b.region = Region::UsEast1;
    let regions = |j: &Job| j.regions();
    assert_eq!(
        regions(&compare(&a, &b, true)),
        vec![a.region, Region::UsEast1]
    );
    assert_eq!(regions(&compare(&a, &a, true)), vec![a.region]);
    assert!(regions(&compare(&a, &b, false)).is_empty());
}

#[test]
fn a_missing_word_shows_its_key() {
    let w = Words::default();
    assert_eq!(w.get("compare_equal"), "compare_equal");
    assert_eq!(words().fill("compare_count", 3), "3 differences");
}

#[test]
fn fargate_vs_ec2_is_written_with_the_panels_words_and_needs_the_table() {
    let d = party();
    let mut w = Words::default();
    w.0.insert("ec2_type".into(), "TYPE-HEADER".into());
    let job = Job::Ec2 {
        design: to_json(&d),
        lang: Lang::En,
        words: w,
    };
    let html = job.run(&bundled).unwrap();
    assert!(html.contains(r#"data-testid="ec2-verdict""#), "{html}");
    assert!(
        html.contains(">TYPE-HEADER</th>"),
        "the header from the words"
    );
    assert!(
        html.contains(">ec2_size</th>"),
        "a missing word shows its key"
    );
    assert!(
        html.contains(r#"data-cheapest="true""#),
        "Party Box fits somewhere: {html}"
    );
    assert_eq!(job.regions(), vec![d.region]);
    assert!(job.run(&none).is_err());
}

#[test]
fn the_autoscale_day_fills_every_value_and_refuses_a_bad_curve() {
    let d = party();
    let service = d
        .nodes
        .values()
        .find(|n| n.kind == Kind::EcsService)
        .unwrap()
        .id
        .0
        .clone();
    let mut w = Words::default();
    w.0.insert(
        "autoscale_task_hours".into(),
        "{hours} h, peak {peak}".into(),
    );
    w.0.insert("autoscale_threshold".into(), "target {target}%".into());
    let job = |curve: Vec<f64>, service: &str| Job::Autoscale {
        design: to_json(&d),
        service: service.into(),
        curve,
        lang: Lang::En,
        words: w.clone(),
    };
    let html = job(vec![300.0; 24], &service).run(&bundled).unwrap();
    assert!(html.contains(r#"data-testid="autoscale-chart""#));
    assert_eq!(html.matches(r#"class="as-bar""#).count(), 24);
    assert!(html.contains("target 70%"), "{html}");
    assert!(!html.contains('{'), "every value filled in");
    let err = job(vec![1.0; 5], &service).run(&bundled).unwrap_err();
    assert!(err.contains("24"), "{err}");
    assert!(job(vec![1.0; 24], "no-such")
        .run(&bundled)
        .unwrap_err()
        .contains("no-such"));
}

#[test]
fn exports_are_the_cores_files() {
    let d = party();
    let export = |format: &str, lang| Job::Export {
        design: to_json(&d),
        format: format.into(),
        lang,
    };
    assert_eq!(
        export("svg", Lang::Ja).run(&none).unwrap(),
        kumozu::core::drawing::svg::to_svg(&d, Lang::Ja)
    );
    assert_eq!(
        export("mermaid", Lang::En).run(&none).unwrap(),
        kumozu::core::exchange::mermaid::export(&d, Lang::En)
    );
    assert!(export("pdf", Lang::En)
        .run(&none)
        .unwrap_err()
        .contains("pdf"));
    assert!(
        export("svg", Lang::En).regions().is_empty(),
        "no table needed"
    );
}

#[test]
fn a_mermaid_import_comes_back_as_the_cores_design_with_its_warnings() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mermaid/seed-01.mmd"),
    )
    .unwrap();
    let want = kumozu::core::exchange::mermaid::import(&text).unwrap();
    let job = Job::ImportMermaid {
        text: text.clone(),
        lang: Lang::En,
    };
    let got: Imported = serde_json::from_str(&job.run(&none).unwrap()).unwrap();
    let design = kumozu::core::format::load::load_json(&got.design)
        .unwrap()
        .design;
    assert_eq!(design, want.design);
    let warnings: Vec<String> = want
        .warnings
        .iter()
        .map(|w| w.get(Lang::En).to_owned())
        .collect();
    assert_eq!(got.warnings, warnings);

    let broken = Job::ImportMermaid {
        text: "   \n".into(),
        lang: Lang::Ja,
    };
    assert!(!broken.run(&none).unwrap_err().is_empty());
}

#[test]
fn a_trace_lists_its_hops_with_their_ids_and_says_where_it_breaks() {
    let d = party();
    let mut w = Words::default();
    w.0.insert("tracer_served".into(), "SERVED".into());
    w.0.insert("tracer_breaks".into(), "BREAKS".into());
    let job = |d: &Design, request: &str| Job::Trace {
        design: to_json(d),
        request: request.into(),
        lang: Lang::En,
        words: w.clone(),
    };
    let html = job(&d, "GET /api/rooms").run(&none).unwrap();
    let t = kumozu::core::course::trace::trace(
        &d,
        &kumozu::core::course::trace::Request::parse("GET /api/rooms").unwrap(),
    );
    assert!(t.stop.is_none());
    assert_eq!(html.matches("<li data-hop-kind=").count(), t.hops.len());
    for h in &t.hops {
        assert!(html.contains(&format!("data-hop-node=\"{}\"", h.node.as_str())));
    }
    assert!(
        html.contains(r#"data-served="true" data-request="GET /api/rooms">SERVED"#),
        "{html}"
    );
    assert!(html.contains(r#"data-testid="tracer-show""#));

    // Without its ALB the request breaks, and the answer says so.
    let mut broken = d.clone();
    let alb = broken
        .nodes
        .values()
        .find(|n| n.kind == Kind::Alb)
        .unwrap()
        .id
        .clone();
    broken.nodes.remove(&alb);
    broken.edges.retain(|_, e| e.from != alb && e.to != alb);
    let html = job(&broken, "GET /api/rooms").run(&none).unwrap();
    assert!(
        html.contains(r#"data-request="GET /api/rooms">BREAKS "#),
        "{html}"
    );

    let bad = job(&d, "FETCH \"<x>").run(&none).unwrap();
    assert!(
        bad.contains(r#"role="alert""#) && !bad.contains("<ol"),
        "{bad}"
    );
    assert!(
        bad.contains(r#"data-request="FETCH &quot;&lt;x&gt;""#),
        "escaped: {bad}"
    );
}
