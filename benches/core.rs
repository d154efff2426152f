//! Benchmarks of the core (not tests): prints figures for BENCHMARKS.md.
//! Run with `cargo bench --bench core`. Budgets: PRODUCT.md §7 (validation + estimate after an
//! edit ≤ 1 ms for Party Box, ≤ 16 ms for 1,000 nodes).

use std::hint::black_box;
use std::time::{Duration, Instant};

use kumozu::core::cost::{estimate, estimate_range, PriceTable};
use kumozu::core::validate::validate;
use kumozu::core::{synth, templates, Design};

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

fn main() {
    // `cargo test --benches` runs this with --bench absent; keep that quick.
    if !std::env::args().any(|a| a == "--bench") {
        return;
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
}
