#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! Diagram quality (issue 18): on every design the benchmark draws (templates, the course's
//! Mermaid diagrams imported, designs placed by hand) and on each of them auto-arranged, no
//! connector passes through a card, no connector or label covers a container's title, no label
//! sits on a card or another line or label, and no two parallel segments run closer than 10 px.
//! Auto-arrange keeps the design (nodes, edges, parameters, containment) and only moves it.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::diagrams::cases;
use kumozu::core::drawing::geometry::Rect;
use kumozu::core::exchange::arrange::{arrange, quality::measure};

#[test]
fn no_faults_on_any_design_as_placed_or_arranged() {
    let mut faults = Vec::new();
    for (name, design) in cases() {
        for (how, d) in [
            ("as placed", design.clone()),
            ("arranged", arrange(&design)),
        ] {
            let q = measure(&d);
            if q.faults() > 0 {
                faults.push(format!("{name} ({how}): {q:?}"));
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

#[test]
fn arranging_only_moves_the_design() {
    for (name, design) in cases() {
        let d = arrange(&design);
        assert_eq!(d.edges, design.edges, "{name}");
        assert_eq!(
            d.nodes.keys().collect::<Vec<_>>(),
            design.nodes.keys().collect::<Vec<_>>()
        );
        for n in d.nodes.values() {
            let before = &design.nodes[&n.id];
            assert_eq!(
                (&n.kind, &n.parent, &n.params),
                (&before.kind, &before.parent, &before.params)
            );
            let r = Rect::of(n);
            assert!(
                r.x % 10.0 == 0.0 && r.y % 10.0 == 0.0,
                "{name}: {} off the grid",
                n.id
            );
            if let Some(p) = &n.parent {
                let pr = Rect::of(&d.nodes[p]);
                assert!(
                    r.x >= pr.x + 20.0
                        && r.y >= pr.y + 40.0
                        && r.right() <= pr.right() - 20.0
                        && r.bottom() <= pr.bottom() - 20.0,
                    "{name}: {} not inside {p} with room: {r:?} in {pr:?}",
                    n.id
                );
            }
            for o in d.nodes.values() {
                if o.id < n.id && o.parent == n.parent {
                    assert!(
                        !Rect::of(o).intersects(&r),
                        "{name}: {} overlaps {}",
                        o.id,
                        n.id
                    );
                }
            }
        }
        // Arranging twice gives the same picture.
        assert_eq!(arrange(&d), d, "{name}: arrange is not stable");
    }
}
