#![allow(clippy::disallowed_methods)] // native tool: not part of the first load
//! Prints a synthetic design of N nodes (default 1000) as a design file, for the browser
//! benchmark (`scripts/bench-browser.sh`): `cargo run --example synth -- 1000 > big.json`.

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    print!(
        "{}",
        kumozu::core::to_json(&kumozu::core::synth::large_design(n))
    );
}
