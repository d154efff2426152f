#![allow(clippy::disallowed_methods)] // native tool: not part of the first load
//! Benchmarks of the core (not tests): prints figures for BENCHMARKS.md.
//! Run with `cargo bench --bench core`. Budgets: PRODUCT.md §7 (validation + estimate after an
//! edit ≤ 1 ms for Party Box, ≤ 16 ms for 1,000 nodes; the share link of Party Box with a few
//! edits ≤ 200 characters, of any 100-node design ≤ 2,000).

use std::hint::black_box;
use std::time::{Duration, Instant};

use kumozu::core::cost::{estimate, estimate_range, PriceTable};
use kumozu::core::format::link;
use kumozu::core::validate::validate;
use kumozu::core::{synth, templates, Design, Edge, EdgeKind, ListenerRule, NodeId, ParamValue};

/// Median time of `f` over enough runs to fill about half a second.
fn median(mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    f();
    let once = start.elapsed().max(Duration::from_nanos(100));
    let runs =
        ((Duration::from_millis(500).as_nanos() / once.as_nanos()) as usize).clamp(5, 100_000);
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn report(name: &str, design: &Design, budget: Duration) {
    let t = median(|| {
        black_box(validate(black_box(design)));
    });
    let verdict = if t <= budget { "within" } else { "OVER" };
    println!(
        "validate {name:<24} {:>6} nodes {:>10.3} µs   budget {:>8.0} µs  {verdict}",
        design.nodes.len(),
        t.as_secs_f64() * 1e6,
        budget.as_secs_f64() * 1e6
    );
}

/// Estimate timings: one estimate, the low/expected/high range, and validation plus the
/// range (what the app does after an edit), priced from the design's region's bundled table.
fn report_estimate(name: &str, design: &Design, budget: Duration) {
    let table = PriceTable::bundled(design.region).expect("bundled tables parse");
    let line = |what: &str, t: Duration| {
        let verdict = if t <= budget { "within" } else { "OVER" };
        println!(
            "{what:<17}{name:<24} {:>6} nodes {:>10.3} µs   budget {:>8.0} µs  {verdict}",
            design.nodes.len(),
            t.as_secs_f64() * 1e6,
            budget.as_secs_f64() * 1e6
        );
    };
    line(
        "estimate ",
        median(|| {
            black_box(estimate(black_box(design), &table));
        }),
    );
    line(
        "estimate range ",
        median(|| {
            black_box(estimate_range(black_box(design), &table));
        }),
    );
    line(
        "validate+range ",
        median(|| {
            black_box(validate(black_box(design)));
            black_box(estimate_range(black_box(design), &table));
        }),
    );
}

/// Party Box with three edits: NestJS at 1 vCPU / 2 GB, the database renamed, an ALB rule added.
fn party_box_edited() -> Design {
    let mut d = templates::find("party-box").unwrap().design().unwrap();
    let nest = d.nodes.get_mut(&NodeId::from("nestjs")).unwrap();
    nest.params.insert("vcpu".into(), ParamValue::Num(1.0));
    nest.params.insert("memory_gb".into(), ParamValue::Num(2.0));
    d.nodes.get_mut(&NodeId::from("rds")).unwrap().label = "Game DB".into();
    d.add_edge(Edge {
        id: "rule-admin".into(),
        kind: EdgeKind::AlbRule,
        from: "alb".into(),
        to: "nestjs".into(),
        label: String::new(),
        rule: Some(ListenerRule {
            priority: 30,
            path_pattern: "/admin/*".into(),
        }),
    });
    d
}

/// Share-link length (with the pricing-table version, as the app writes it) against its
/// budget, and the encode and decode times.
fn report_link(name: &str, design: &Design, budget: Option<usize>) {
    let table = PriceTable::bundled(design.region).expect("bundled tables parse");
    let version = Some(table.table_version.as_str());
    let fragment = link::encode(design, version);
    let verdict = match budget {
        Some(b) if fragment.len() <= b => format!("budget {b:>5}  within"),
        Some(b) => format!("budget {b:>5}  OVER"),
        None => String::new(),
    };
    let enc = median(|| {
        black_box(link::encode(black_box(design), version));
    });
    let dec = median(|| {
        black_box(link::decode(black_box(&fragment)).expect("a fresh link opens"));
    });
    println!(
        "link {name:<28} {:>6} nodes {:>6} chars  {verdict:<20} encode {:>9.1} µs  decode {:>9.1} µs",
        design.nodes.len(),
        fragment.len(),
        enc.as_secs_f64() * 1e6,
        dec.as_secs_f64() * 1e6
    );
}

/// Best of three runs of `f` (the large designs take too long for a median of many).
fn best_of_3(mut f: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Deep chains and large designs (issue 21): open (the JSON text through the loader, or the
/// link through the decoder when the file would be over the 4 MiB input limit), validate,
/// estimate range, and the exports, each the best of three runs, in milliseconds.
fn report_large(name: &str, design: &Design) {
    use kumozu::core::format::load::{load_json, load_value, to_json};
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let json = to_json(design);
    let fragment = link::encode(design, None);
    let open = if json.len() <= kumozu::core::format::load::MAX_INPUT_BYTES {
        ("open", best_of_3(|| drop(black_box(load_json(&json)))))
    } else {
        // Over the file limit: parsed first, then the loader's checks (what a link ends in).
        let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        (
            "load_value",
            best_of_3(|| drop(black_box(load_value(value.clone())))),
        )
    };
    let decode = best_of_3(|| drop(black_box(link::decode(&fragment))));
    let table = PriceTable::bundled(design.region).expect("bundled tables parse");
    let validate_t = best_of_3(|| drop(black_box(validate(design))));
    let estimate_t = best_of_3(|| drop(black_box(estimate_range(design, &table))));
    let to_json_t = best_of_3(|| drop(black_box(to_json(design))));
    let svg_t = best_of_3(|| {
        drop(black_box(kumozu::core::drawing::svg::to_svg(
            design,
            kumozu::core::Lang::En,
        )))
    });
    let checklist_t = best_of_3(|| {
        drop(black_box(kumozu::core::course::checklist::checklist(
            design,
            Some(&table),
        )))
    });
    let order_t = best_of_3(|| drop(black_box(design.nodes_outer_first())));
    println!(
        "large {name:<26} {:>5} nodes {:>6} edges  {} {:>8.1} ms  link decode {:>8.1} ms  validate {:>7.1} ms  estimate {:>7.1} ms  export json {:>7.1} ms  svg {:>8.1} ms  checklist {:>7.1} ms  depth order {:>6.2} ms  ({} KB JSON, {} KB link)",
        design.nodes.len(),
        design.edges.len(),
        open.0,
        ms(open.1),
        ms(decode),
        ms(validate_t),
        ms(estimate_t),
        ms(to_json_t),
        ms(svg_t),
        ms(checklist_t),
        ms(order_t),
        json.len() / 1000,
        fragment.len() / 1000,
    );
}

fn main() {
    // `cargo test --benches` runs this with --bench absent; keep that quick.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    // KUMOZU_BENCH=large: only the deep and large designs.
    if std::env::var("KUMOZU_BENCH").as_deref() == Ok("large") {
        return large();
    }
    let party = templates::find("party-box").unwrap().design().unwrap();
    report("party-box template", &party, Duration::from_millis(1));
    let ec = templates::find("ec-site").unwrap().design().unwrap();
    report("ec-site template", &ec, Duration::from_millis(1));
    report(
        "synthetic",
        &synth::large_design(1000),
        Duration::from_millis(16),
    );
    report_estimate("party-box template", &party, Duration::from_millis(1));
    report_estimate("ec-site template", &ec, Duration::from_millis(1));
    report_estimate(
        "synthetic",
        &synth::large_design(1000),
        Duration::from_millis(16),
    );
    let blank = templates::find("blank").unwrap().design().unwrap();
    report_link("party-box template", &party, None);
    report_link("party-box with 3 edits", &party_box_edited(), Some(200));
    report_link("ec-site template", &ec, None);
    report_link("blank template", &blank, None);
    report_link("synthetic", &synth::large_design(100), Some(2_000));
    report_link("synthetic", &synth::large_design(1000), None);
    large();
    report_class(200);
}

fn large() {
    use kumozu::core::format::load::MAX_DEPTH;
    // A chain at the nesting limit, and the 5,000-node chain the loader now refuses at once
    // (open and decode time the refusal).
    report_large("chain at the limit", &synth::deep_chain(MAX_DEPTH - 1));
    let refused = synth::deep_chain(4_998);
    let json = kumozu::core::format::load::to_json(&refused);
    let fragment = link::encode(&refused, None);
    let open = best_of_3(|| drop(black_box(kumozu::core::load_json(&json))));
    let decode = best_of_3(|| drop(black_box(link::decode(&fragment))));
    println!(
        "large chain 4,998 deep (refused)   {:>5} nodes  open {:>8.2} ms  link decode {:>8.2} ms  ({} KB link)",
        refused.nodes.len(),
        open.as_secs_f64() * 1e3,
        decode.as_secs_f64() * 1e3,
        fragment.len() / 1000
    );
    report_large(
        "synthetic 2,000 / 8,000",
        &synth::dense_design(2_000, 8_000),
    );
    report_large(
        "synthetic 5,000 / 5,000",
        &synth::dense_design(5_000, 5_000),
    );
    report_large(
        "synthetic 5,000 / 20,000",
        &synth::dense_design(5_000, 20_000),
    );
}

/// A class of `n` share links as a teacher pastes it (`name<TAB>link`): Party Box with a
/// student's name, without its database, with NestJS resized and with an extra ALB rule, the
/// EC site; every twentieth link cut short (broken).
fn class_list(n: usize) -> String {
    let party = templates::find("party-box").unwrap().design().unwrap();
    let ec = templates::find("ec-site").unwrap().design().unwrap();
    let mut no_db = party.clone();
    no_db.nodes.remove(&NodeId::from("rds"));
    no_db
        .edges
        .retain(|_, e| e.from.as_str() != "rds" && e.to.as_str() != "rds");
    let variants = [party.clone(), no_db, party_box_edited(), ec];
    let mut out = String::new();
    for i in 0..n {
        let mut d = variants[i % variants.len()].clone();
        d.name = format!("student {i}");
        let mut l = link::encode(&d, None);
        if i % 20 == 19 {
            l.truncate(l.len() / 2);
        }
        out.push_str(&format!(
            "student {i:03}\thttps://example.com/kumozu/#{l}\n"
        ));
    }
    out
}

/// Grading a class of `n` links in one process: opening the links and grading every row
/// (validate, checklist, estimate, diff), then writing the CSV and the HTML report. The list is
/// also written to `target/class-<n>.txt` for timing the CLI (`kumozu grade`).
fn report_class(n: usize) {
    use kumozu::core::course::class;
    use std::sync::Arc;
    let list = class_list(n);
    let dir = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let path = std::path::Path::new(&dir).join(format!("class-{n}.txt"));
    let _ = std::fs::write(&path, &list);
    let model = templates::find("party-box").unwrap().design().unwrap();
    let tables: Vec<_> = kumozu::core::Region::ALL
        .iter()
        .map(|r| (*r, Arc::new(PriceTable::bundled(*r).unwrap())))
        .collect();
    let lookup = |r| tables.iter().find(|(x, _)| *x == r).map(|(_, t)| t.clone());
    let grade = || {
        let subs = class::parse_list(&list)
            .iter()
            .map(class::Submission::from_entry)
            .collect();
        class::grade("template:party-box", model.clone(), subs, &lookup)
    };
    let c = grade();
    let t = median(|| {
        black_box(grade());
    });
    let csv = median(|| {
        black_box(class::to_csv(&c, kumozu::core::Lang::En));
    });
    let html_len = class::to_html(&c, kumozu::core::Lang::En).len();
    let html = median(|| {
        black_box(class::to_html(&c, kumozu::core::Lang::En));
    });
    println!(
        "class of {n} links ({} unreadable): grade {:>8.1} ms  csv {:>6.2} ms  html report {:>6.1} ms ({} KB)  list {}",
        c.unread(),
        t.as_secs_f64() * 1e3,
        csv.as_secs_f64() * 1e3,
        html.as_secs_f64() * 1e3,
        html_len / 1000,
        path.display()
    );
}
