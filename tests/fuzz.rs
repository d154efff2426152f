#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
#![cfg(not(target_arch = "wasm32"))]
//! Mutation fuzzing of the three doors hostile input comes through: the link decoder, the
//! JSON loader and the Mermaid importer (plus the validator, the estimate and the exports on
//! whatever they let in). `cargo-fuzz` needs a nightly toolchain these machines cannot
//! fetch, so this is a small coverage-blind fuzzer: it starts from real inputs (the frozen
//! links, the templates, the seed's flowcharts) and mutates them — flipped bytes, cut and
//! repeated spans, inserted special characters, spliced inputs — for a fixed time per target,
//! and fails on the first panic, printing the input.
//!
//! A fourth target feeds deep nesting and long chains (design files and links of groups nested
//! far past the loader's `MAX_DEPTH`, at the limit, and 5,000 nodes with 20,000 edges) to the
//! loader and the link decoder. Every target fails on a *slow* input too: one execution over
//! [`SLOW`] is reported like a panic.
//!
//! The timed runs are `#[ignore]`d (never part of the test command, which must not depend on
//! time): run them with `bash scripts/fuzz.sh` (FUZZ_SECONDS per target, default 60).
//! Inputs that once crashed become named regression tests at the bottom of this file.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use kumozu::core::cost::PriceTable;
use kumozu::core::exchange::mermaid;
use kumozu::core::format::link;
use kumozu::core::format::load::MAX_DEPTH;
use kumozu::core::{load_json, templates, validate};

/// xorshift64*: a tiny deterministic generator (a seed reproduces a run).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Characters that parsers treat specially, inserted by the mutator.
const SPECIAL: &[&[u8]] = &[
    b"\"",
    b"\\",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"-->",
    b"|",
    b"(",
    b")",
    b"%%",
    b"\n",
    b"subgraph ",
    b"end\n",
    b"\xe2\x80\xa8",
    b"\xff",
    b"\0",
    b"1e999",
    b"-0",
    b"null",
    b"k1.",
    b"#",
    b"=",
    b"_",
    b"\xe3\x81\x82",
];

fn mutate(rng: &mut Rng, input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len();
        match rng.below(7) {
            0 if len > 0 => {
                let i = rng.below(len);
                out[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                out[i] = rng.next() as u8;
            }
            2 if len > 1 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                out.drain(a..b);
            }
            3 if len > 1 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                let span = out[a..b].to_vec();
                let at = rng.below(out.len());
                for _ in 0..1 + rng.below(3) {
                    out.splice(at..at, span.iter().copied());
                }
            }
            4 => {
                let s = SPECIAL[rng.below(SPECIAL.len())];
                let at = rng.below(len + 1);
                out.splice(at..at, s.iter().copied());
            }
            5 if !corpus.is_empty() => {
                let other = &corpus[rng.below(corpus.len())];
                let at = rng.below(len + 1);
                let from = rng.below(other.len());
                let to = (from + rng.below(256)).min(other.len());
                out.splice(at.., other[from..to].iter().copied());
            }
            _ => out.truncate(rng.below(len + 1)),
        }
    }
    out
}

/// One execution slower than this is a finding (release build; the largest corpus input, 5,000
/// nodes and 20,000 edges through every export, takes well under it).
const SLOW: Duration = Duration::from_secs(3);

/// Runs `target` on mutated corpus inputs for `seconds`; panics (failing the test) with the
/// offending input when the target panics. Returns the number of executions.
fn fuzz(name: &str, corpus: Vec<Vec<u8>>, seconds: u64, target: impl Fn(&[u8])) -> u64 {
    assert!(!corpus.is_empty(), "{name}: empty corpus");
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15u64);
    let mut rng = Rng(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs = 0u64;
    // Quiet panics: a caught panic is reported below with its input.
    std::panic::set_hook(Box::new(|_| {}));
    while Instant::now() < deadline {
        let base = &corpus[rng.below(corpus.len())];
        let input = mutate(&mut rng, base, &corpus);
        let started = Instant::now();
        if catch_unwind(AssertUnwindSafe(|| target(&input))).is_err() {
            let _ = std::panic::take_hook();
            panic!(
                "{name}: panicked after {runs} runs on input {:?}",
                String::from_utf8_lossy(&input)
            );
        }
        let took = started.elapsed();
        if took > SLOW {
            let _ = std::panic::take_hook();
            panic!(
                "{name}: {took:?} (over {SLOW:?}) after {runs} runs on input {:?}",
                String::from_utf8_lossy(&input)
            );
        }
        runs += 1;
    }
    let _ = std::panic::take_hook();
    println!("fuzz {name}: {runs} executions in {seconds} s, no panic (seed {seed})");
    runs
}

fn seconds() -> u64 {
    std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60)
}

fn files(dir: &str, ext: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(ext))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    out.sort();
    out
}

/// What the app does with a design that got in: validate, estimate, export, re-encode.
fn use_design(d: &kumozu::core::Design) {
    let _ = validate::validate(d);
    if let Ok(table) = PriceTable::bundled(d.region) {
        let _ = kumozu::core::cost::estimate_range(d, &table);
    }
    let _ = mermaid::export(d, kumozu::core::Lang::En);
    let _ = kumozu::core::drawing::svg::to_svg(d, kumozu::core::Lang::Ja);
    let _ = link::encode(d, None);
}

fn link_target(input: &[u8]) {
    if let Ok(text) = std::str::from_utf8(input) {
        if let Ok(decoded) = link::decode(text.trim()) {
            use_design(&decoded.design);
        }
    }
}

fn json_target(input: &[u8]) {
    if let Ok(text) = std::str::from_utf8(input) {
        if let Ok(loaded) = load_json(text) {
            use_design(&loaded.design);
        }
    }
}

fn mermaid_target(input: &[u8]) {
    if let Ok(text) = std::str::from_utf8(input) {
        if let Ok(imported) = mermaid::import(text) {
            use_design(&imported.design);
        }
    }
}

#[test]
#[ignore = "timed: run with scripts/fuzz.sh"]
fn fuzz_link_decoder() {
    fuzz(
        "link decoder",
        files("tests/fixtures/links/v1", ".txt"),
        seconds(),
        link_target,
    );
}

#[test]
#[ignore = "timed: run with scripts/fuzz.sh"]
fn fuzz_json_loader() {
    let corpus = templates::TEMPLATES
        .iter()
        .map(|t| t.json.as_bytes().to_vec())
        .collect();
    fuzz("JSON loader", corpus, seconds(), json_target);
}

#[test]
#[ignore = "timed: run with scripts/fuzz.sh"]
fn fuzz_mermaid_importer() {
    fuzz(
        "Mermaid importer",
        files("tests/fixtures/mermaid", ".mmd"),
        seconds(),
        mermaid_target,
    );
}

/// Design files and links of deep and long designs: chains past the nesting limit (the 30 KB
/// link that once froze the tab), at the limit, and a design of the largest allowed size.
fn deep_corpus() -> Vec<Vec<u8>> {
    use kumozu::core::synth::{deep_chain, dense_design};
    let designs = [
        deep_chain(4_998),
        deep_chain(200),
        deep_chain(MAX_DEPTH),
        deep_chain(MAX_DEPTH - 1),
        dense_design(5_000, 20_000),
    ];
    let mut out = Vec::new();
    for d in &designs {
        out.push(kumozu::core::to_json(d).into_bytes());
        out.push(link::encode(d, None).into_bytes());
    }
    out
}

/// A design file (`{…`) through the loader, anything else through the link decoder.
fn deep_target(input: &[u8]) {
    if input.first() == Some(&b'{') {
        json_target(input);
    } else {
        link_target(input);
    }
}

#[test]
#[ignore = "timed: run with scripts/fuzz.sh"]
fn fuzz_deep_and_long_designs() {
    fuzz(
        "deep and long designs",
        deep_corpus(),
        seconds(),
        deep_target,
    );
}

/// Inputs to mutate.
type Corpus = Vec<Vec<u8>>;
/// What runs on each mutated input.
type Target = fn(&[u8]);

/// A short, fixed run of each target in the test command: not a time budget but a fixed
/// number of mutations from a fixed seed, so it is the same every time.
#[test]
fn a_thousand_mutations_of_each_corpus_do_not_panic() {
    let mut rng = Rng(7);
    let corpora: [(Corpus, Target); 3] = [
        (files("tests/fixtures/links/v1", ".txt"), link_target),
        (
            templates::TEMPLATES
                .iter()
                .map(|t| t.json.as_bytes().to_vec())
                .collect(),
            json_target,
        ),
        (files("tests/fixtures/mermaid", ".mmd"), mermaid_target),
    ];
    for (corpus, target) in corpora {
        for _ in 0..1000 {
            let base = &corpus[rng.below(corpus.len())];
            target(&mutate(&mut rng, base, &corpus));
        }
    }
}

// Regression inputs: slow or refused-too-late inputs found by the probes and the fuzzer.

/// Groups nested 4,998 deep (5,000 nodes), as a file and as a link (the link is about 30 KB): once minutes
/// to open (the containment walk re-scanned what it had built, once per node). Now refused at
/// once with the nesting limit, in both languages.
#[test]
fn a_chain_5000_nodes_deep_is_refused_at_once_as_a_file_and_as_a_link() {
    use kumozu::core::format::load::LoadErrorKind;
    let d = kumozu::core::synth::deep_chain(4_998);
    assert_eq!(d.nodes.len(), 5_000);
    let json = kumozu::core::to_json(&d);
    let fragment = link::encode(&d, None);
    let t = Instant::now();
    let e = load_json(&json).unwrap_err();
    assert!(
        matches!(e.kind, LoadErrorKind::TooDeep { max: MAX_DEPTH, .. }),
        "{e}"
    );
    assert!(e
        .message(kumozu::core::Lang::En)
        .contains("nested too deeply"));
    assert!(e
        .message(kumozu::core::Lang::Ja)
        .contains("入れ子が深すぎます"));
    let le = link::decode(&fragment).unwrap_err();
    assert!(
        le.message(kumozu::core::Lang::En)
            .contains("nested too deeply"),
        "{}",
        le.message(kumozu::core::Lang::En)
    );
    // Debug build: still far under what the browser once took (minutes).
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
}

/// At the limit everything runs, and quickly.
#[test]
fn a_chain_at_the_nesting_limit_loads_and_every_engine_runs_on_it() {
    let d = kumozu::core::synth::deep_chain(MAX_DEPTH - 1);
    assert_eq!(d.nesting(), MAX_DEPTH);
    let loaded = load_json(&kumozu::core::to_json(&d)).expect("at the limit");
    use_design(&loaded.design);
    let _ = kumozu::core::course::checklist::checklist(&loaded.design, None);
    let decoded = link::decode(&link::encode(&d, None)).expect("a link at the limit");
    assert_eq!(decoded.design, loaded.design);
}

/// Mermaid subgraphs nested 20 deep (the importer's own limit is 32) import as a design within
/// the loader's limit, which then loads.
#[test]
fn mermaid_subgraphs_nested_past_the_limit_import_within_it() {
    let mut text = String::from("flowchart TB\n");
    for i in 0..20 {
        text.push_str(&format!("subgraph s{i}[\"Group {i}\"]\n"));
    }
    text.push_str("api[\"ECS service\"]\n");
    for _ in 0..20 {
        text.push_str("end\n");
    }
    let imported = mermaid::import(&text).expect("imports");
    assert!(
        imported.design.nesting() <= MAX_DEPTH,
        "{}",
        imported.design.nesting()
    );
    assert!(!imported.warnings.is_empty());
    load_json(&kumozu::core::to_json(&imported.design)).expect("the import loads");
}
