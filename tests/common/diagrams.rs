//! The designs the diagram-quality benchmark (examples/diagram_quality.rs) and tests/route.rs
//! draw: the templates, the course's Mermaid diagrams imported, and designs with cards placed
//! by hand inside the right containers (tests/fixtures/route/).
#![allow(dead_code)]

use std::path::Path;

use kumozu::core::document::model::Design;
use kumozu::core::document::templates::TEMPLATES;
use kumozu::core::exchange::mermaid::import;
use kumozu::core::format::load::load_json;

/// The seeds of the course chapter drawn: Party Box (02) and the EC site (10).
pub const SEEDS: [usize; 2] = [2, 10];

/// Every design, by name.
pub fn cases() -> Vec<(String, Design)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p:?}: {e}"));
    let mut out: Vec<(String, Design)> = TEMPLATES
        .iter()
        .map(|t| (format!("template {}", t.id), t.design().unwrap()))
        .collect();
    for n in SEEDS {
        let text = read(&root.join(format!("mermaid/seed-{n:02}.mmd")));
        out.push((
            format!("mermaid seed-{n:02}"),
            import(&text).unwrap().design,
        ));
    }
    let mut hand: Vec<_> = std::fs::read_dir(root.join("route"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    hand.sort();
    for p in hand {
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        out.push((name, load_json(&read(&p)).unwrap().design));
    }
    out
}
