#![allow(clippy::disallowed_methods)] // native tool: not part of the first load
//! The diagram-quality benchmark (issue 18): draws the templates, the course's Mermaid diagrams
//! imported and designs placed by hand, as they are and auto-arranged, and counts what makes a
//! diagram unfit to hand in (`core::exchange::arrange::quality`). Prints a Markdown table for
//! BENCHMARKS.md and leaves the SVGs in target/tmp/diagram-quality/ to look at.
//! Run with `cargo run --release --example diagram_quality`.

#[path = "../tests/common/diagrams.rs"]
mod diagrams;

use kumozu::core::drawing::svg::to_svg;
use kumozu::core::exchange::arrange::{arrange, quality::measure};
use kumozu::core::Lang;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tmp/diagram-quality");
    std::fs::create_dir_all(&dir).unwrap();
    println!("| design | drawn as | through cards | over titles | labels on things | parallels < 10 px | crossings | bends |");
    println!("|--------|----------|----:|----:|----:|----:|----:|----:|");
    for (name, design) in diagrams::cases() {
        for (how, d) in [
            ("as placed", design.clone()),
            ("arranged", arrange(&design)),
        ] {
            let q = measure(&d);
            println!(
                "| {name} | {how} | {} | {} | {} | {} | {} | {} |",
                q.through_cards,
                q.over_titles,
                q.labels_on_things,
                q.close_parallels,
                q.crossings,
                q.bends
            );
            for f in &q.seen {
                eprintln!("  {name} ({how}): {f}");
            }
            let file = format!("{}-{}.svg", name.replace(' ', "-"), how.replace(' ', "-"));
            std::fs::write(dir.join(file), to_svg(&d, Lang::Ja)).unwrap();
        }
    }
}
