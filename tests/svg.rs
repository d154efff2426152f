#![allow(clippy::disallowed_methods)] // native tests: not part of the first load
//! SVG export (src/core/svg): every template's SVG parsed back with a real XML parser
//! (`roxmltree`), one group per node and per edge with the right ids and kinds, every label
//! drawn as text; hostile labels, ids and names stay inert text and read back unchanged;
//! golden exports of the templates.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use kumozu::core::document::model::Design;
use kumozu::core::document::templates::TEMPLATES;
use kumozu::core::drawing::faces;
use kumozu::core::drawing::geometry;
use kumozu::core::drawing::svg::to_svg;
use kumozu::core::format::load::load_value;
use kumozu::core::synth::large_design;
use kumozu::core::Lang;
use roxmltree::{Document, Node};
use serde_json::json;

const SVG_NS: &str = "http://www.w3.org/2000/svg";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/svg")
}

fn parse(svg: &str) -> Document<'_> {
    let doc = Document::parse(svg).unwrap_or_else(|e| panic!("the SVG does not parse: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.tag_name().namespace(), Some(SVG_NS));
    doc
}

/// The groups carrying `attr` (`data-node-id`, `data-edge-id`), by its value.
fn groups<'a, 'i>(doc: &'a Document<'i>, attr: &str) -> BTreeMap<String, Node<'a, 'i>> {
    let mut out = BTreeMap::new();
    for g in doc.descendants().filter(|n| n.has_attribute(attr)) {
        assert_eq!(
            g.tag_name().name(),
            "g",
            "{attr} on a <{}>",
            g.tag_name().name()
        );
        let id = g.attribute(attr).unwrap().to_owned();
        assert!(out.insert(id.clone(), g).is_none(), "two groups for {id}");
    }
    out
}

/// The texts of the `<text>` elements under `n` with `class`, each with its spans.
fn texts(n: Node, class: &str) -> Vec<String> {
    n.descendants()
        .filter(|t| t.has_tag_name((SVG_NS, "text")) && t.attribute("class") == Some(class))
        .map(|t| {
            t.descendants()
                .filter(|c| c.is_text())
                .filter_map(|c| c.text())
                .collect()
        })
        .collect()
}

/// What a text reads as once in the SVG: characters XML cannot hold become U+FFFD.
fn as_xml(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Checks what every export of `design` must hold: it parses, one group per node and per
/// drawn edge with its kind, the labels as text (cut only where the card is too narrow), the
/// accessible names, and no element other than drawing ones.
fn check_structure(design: &Design, lang: Lang) {
    let svg = to_svg(design, lang);
    let doc = parse(&svg);
    assert!(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
    assert!(svg.contains("<style><![CDATA["));

    let nodes = groups(&doc, "data-node-id");
    assert_eq!(nodes.len(), design.nodes.len());
    for (id, node) in &design.nodes {
        let g = nodes
            .get(id.as_str())
            .unwrap_or_else(|| panic!("no group for node {id}"));
        assert_eq!(g.attribute("data-node-kind"), Some(node.kind.id()), "{id}");
        if node.kind.is_container() {
            let face = faces::container_face(node, design.region, lang);
            assert_eq!(
                g.attribute("aria-label"),
                Some(as_xml(&face.aria).as_str()),
                "{id}"
            );
            let (name, detail) = faces::container_title(node, design.region, lang);
            let title = texts(*g, "container-title").concat();
            let details = texts(*g, "container-detail").concat();
            match face.title {
                faces::ContainerTitle::OneLine { .. } => {
                    let expected = match &detail {
                        Some(d) => format!("{name} · {d}"),
                        None => name.clone(),
                    };
                    assert_eq!(title, as_xml(&expected), "{id}");
                }
                faces::ContainerTitle::TwoLines { name, detail } => {
                    assert_eq!(title, as_xml(&name.text), "{id}");
                    assert_eq!(details, as_xml(&detail.text), "{id}");
                }
            }
        } else {
            let face = faces::card_face(node, lang);
            assert_eq!(
                g.attribute("aria-label"),
                Some(as_xml(&face.aria).as_str()),
                "{id}"
            );
            assert_eq!(
                texts(*g, "card-label"),
                vec![as_xml(&face.label.text)],
                "{id}"
            );
            let captions: Vec<String> = face.captions.iter().map(|c| as_xml(&c.text)).collect();
            assert_eq!(texts(*g, "card-caption"), captions, "{id}");
        }
    }

    let drawn = geometry::layout(design).edges;
    let edges = groups(&doc, "data-edge-id");
    assert_eq!(edges.len(), drawn.len());
    for route in &drawn {
        let e = &design.edges[&route.id];
        let g = edges
            .get(route.id.as_str())
            .unwrap_or_else(|| panic!("no group for edge {}", route.id));
        assert_eq!(g.attribute("data-edge-kind"), Some(e.kind.info().id));
        let aria = faces::edge_aria(e, design, lang);
        assert_eq!(g.attribute("aria-label"), Some(as_xml(&aria).as_str()));
        let path = g
            .children()
            .find(|c| c.has_tag_name((SVG_NS, "path")))
            .expect("an edge has a path");
        assert_eq!(path.attribute("d"), Some(route.path_d().as_str()));
        assert_eq!(path.attribute("marker-end"), Some("url(#kumozu-arrow)"));
        let label = e.display_label();
        let expected: Vec<String> = if label.is_empty() {
            Vec::new()
        } else {
            vec![as_xml(label)]
        };
        assert_eq!(texts(*g, "edge-text"), expected, "{}", route.id);
    }

    // Only drawing elements: nothing that runs, loads or embeds.
    let allowed = [
        "svg", "title", "style", "defs", "marker", "pattern", "path", "circle", "ellipse", "rect",
        "g", "text", "tspan",
    ];
    for n in doc.descendants().filter(|n| n.is_element()) {
        assert_eq!(n.tag_name().namespace(), Some(SVG_NS));
        assert!(
            allowed.contains(&n.tag_name().name()),
            "unexpected <{}>",
            n.tag_name().name()
        );
        for a in n.attributes() {
            assert!(!a.name().starts_with("on"), "event attribute {}", a.name());
        }
    }
    let view_box = geometry::layout(design).view_box;
    let root = doc.root_element();
    assert_eq!(
        root.attribute("viewBox"),
        Some(view_box.view_box_attr().as_str())
    );
    assert_eq!(
        root.attribute("width"),
        Some(geometry::fmt_num(view_box.w).as_str())
    );
}

#[test]
fn every_template_parses_with_a_group_per_node_and_edge_in_both_languages() {
    for t in TEMPLATES {
        let design = t.design().unwrap();
        // Every edge of a template is drawn.
        assert_eq!(
            geometry::layout(&design).edges.len(),
            design.edges.len(),
            "{}",
            t.id
        );
        for lang in [Lang::Ja, Lang::En] {
            check_structure(&design, lang);
        }
    }
}

#[test]
fn every_template_label_is_drawn_whole() {
    for t in TEMPLATES {
        let design = t.design().unwrap();
        for lang in [Lang::Ja, Lang::En] {
            let svg = to_svg(&design, lang);
            let doc = parse(&svg);
            let nodes = groups(&doc, "data-node-id");
            for (id, node) in &design.nodes {
                let g = nodes[id.as_str()];
                let label = if node.kind.is_container() {
                    faces::container_title(node, design.region, lang).0
                } else {
                    node.display_label(lang).to_owned()
                };
                let all: String = g
                    .descendants()
                    .filter(|c| c.is_text())
                    .filter_map(|c| c.text())
                    .collect();
                assert!(
                    all.contains(&label),
                    "{} {id}: {label:?} not in {all:?}",
                    t.id
                );
            }
        }
    }
}

#[test]
fn the_texts_follow_the_language() {
    let design = TEMPLATES[0].design().unwrap();
    let ja = to_svg(&design, Lang::Ja);
    let en = to_svg(&design, Lang::En);
    assert!(ja.contains("xml:lang=\"ja\"") && en.contains("xml:lang=\"en\""));
    assert!(ja.contains("構成図") && en.contains("Architecture diagram"));
    // Japanese fonts in both, first for Japanese.
    for svg in [&ja, &en] {
        assert!(svg.contains("\"Hiragino Sans\"") && svg.contains("\"Noto Sans JP\""));
    }
    assert!(ja.contains(".canvas{font-family:\"Hiragino Sans\""));
}

const HOSTILE: [&str; 6] = [
    "<script>alert(1)</script>",
    "]]><script>alert(2)</script><![CDATA[",
    "\"'&amp;<>",
    "${x} %{y} {{z}}",
    "</text></g></svg><svg onload=\"alert(3)\">",
    "a\u{1}b\tc\nd",
];

/// A design whose name, ids, labels and free-text parameter (a VPC's CIDR) are hostile.
fn hostile_design() -> Design {
    let mut nodes = vec![
        json!({ "id": "vpc\"><script>", "kind": "vpc", "label": HOSTILE[0], "x": 0, "y": 0,
                "w": 1600, "h": 900, "params": { "cidr": HOSTILE[3] } }),
        json!({ "id": "sub']]>", "kind": "subnet", "label": HOSTILE[1], "x": 20, "y": 60,
                "w": 1200, "h": 300, "parent": "vpc\"><script>",
                "params": { "tier": "public", "azs": ["a"] } }),
        json!({ "id": "grp&amp;", "kind": "group", "label": HOSTILE[4], "x": 20, "y": 400,
                "w": 1200, "h": 400, "parent": "vpc\"><script>" }),
    ];
    for (i, label) in HOSTILE.iter().enumerate() {
        nodes.push(
            json!({ "id": format!("n{i}<"), "kind": "generic", "label": label,
                           "x": 60 + 160 * i, "y": 140, "parent": "sub']]>" }),
        );
    }
    nodes.push(json!({ "id": "lb", "kind": "alb", "x": 60, "y": 480, "parent": "grp&amp;" }));
    let edges: Vec<_> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, label)| {
            json!({ "id": format!("e{i}\"'"), "kind": "generic", "from": "lb",
                    "to": format!("n{i}<"), "label": label })
        })
        .collect();
    let doc = json!({
        "format": "kumozu-design", "version": 1, "name": HOSTILE[1], "region": "us-east-1",
        "nodes": nodes, "edges": edges,
    });
    load_value(doc).expect("the hostile design loads").design
}

#[test]
fn hostile_labels_ids_and_names_stay_text_and_read_back() {
    let design = hostile_design();
    for lang in [Lang::Ja, Lang::En] {
        check_structure(&design, lang);
        let svg = to_svg(&design, lang);
        let doc = parse(&svg);
        // Nothing that runs: no script element, no event attribute (check_structure), one
        // style element holding only the constant style sheet, and one svg element.
        assert_eq!(
            doc.descendants()
                .filter(|n| n.has_tag_name("script"))
                .count(),
            0
        );
        assert_eq!(
            doc.descendants()
                .filter(|n| n.tag_name().name().eq_ignore_ascii_case("script"))
                .count(),
            0
        );
        assert_eq!(
            doc.descendants()
                .filter(|n| n.has_tag_name((SVG_NS, "svg")))
                .count(),
            1
        );
        let styles: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((SVG_NS, "style")))
            .collect();
        assert_eq!(styles.len(), 1);
        let css = styles[0].text().unwrap_or_default();
        assert!(css.starts_with("\n.canvas{font-family:"), "{css}");
        assert!(!css.contains("alert"), "{css}");
        assert!(!svg.contains("<script"), "a raw <script in the markup");

        // The texts read back as written.
        let title = doc
            .descendants()
            .find(|n| n.has_tag_name((SVG_NS, "title")))
            .and_then(|n| n.text())
            .unwrap_or_default();
        assert!(title.contains(HOSTILE[1]), "{title}");
        let nodes = groups(&doc, "data-node-id");
        for (id, node) in &design.nodes {
            let g = nodes[id.as_str()];
            assert_eq!(g.attribute("data-node-id"), Some(id.as_str()));
            assert!(
                g.attribute("aria-label")
                    .unwrap()
                    .starts_with(&as_xml(node.display_label(lang))),
                "{id}"
            );
        }
        // Containers are wide enough for their whole titles.
        let vpc = nodes["vpc\"><script>"];
        assert_eq!(
            texts(vpc, "container-title").concat(),
            format!("{} · {}", HOSTILE[0], HOSTILE[3])
        );
        assert_eq!(texts(nodes["sub']]>"], "container-title").concat(), {
            let (name, detail) = faces::container_title(
                design
                    .nodes
                    .values()
                    .find(|n| n.id.as_str() == "sub']]>")
                    .unwrap(),
                design.region,
                lang,
            );
            format!("{name} · {}", detail.unwrap())
        });
        assert!(texts(nodes["sub']]>"], "container-title")[0].starts_with(HOSTILE[1]));
        assert_eq!(
            texts(nodes["grp&amp;"], "container-title"),
            vec![HOSTILE[4]]
        );
        // Cards: the label as fitted (cut with … where too long), a prefix of the label.
        for (i, label) in HOSTILE.iter().enumerate() {
            let g = nodes[format!("n{i}<").as_str()];
            let drawn = texts(g, "card-label").concat();
            let kept = drawn.trim_end_matches('…');
            assert!(as_xml(label).starts_with(kept), "{drawn:?} of {label:?}");
            assert!(
                kept.chars().count() >= label.chars().count().min(8),
                "{drawn:?}"
            );
        }
        // Edge labels whole.
        let edges = groups(&doc, "data-edge-id");
        for (i, label) in HOSTILE.iter().enumerate() {
            let g = edges[format!("e{i}\"'").as_str()];
            assert_eq!(texts(g, "edge-text"), vec![as_xml(label)]);
        }
    }
}

#[test]
fn large_designs_parse() {
    for n in [1, 50, 400] {
        check_structure(&large_design(n), Lang::En);
    }
}

#[test]
fn golden_svgs_of_the_templates() {
    let mut failures = Vec::new();
    for t in TEMPLATES {
        let design = t.design().unwrap();
        let mut cases = vec![(format!("{}.svg", t.id), Lang::En)];
        if t.id == "party-box" {
            cases.push((format!("{}.ja.svg", t.id), Lang::Ja));
        }
        for (file, lang) in cases {
            if let Err(e) = common::check_golden(&fixtures().join(file), &to_svg(&design, lang)) {
                failures.push(e);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The inline form (for a page that holds two diagrams): no XML declaration, no `<style>`, ids
/// under the given prefix and every reference to them too, and the marked nodes and edges
/// carry their extra class.
#[test]
fn inline_svg_is_prefixed_and_marked() {
    use kumozu::core::drawing::svg::{to_svg_with, Options};
    let d = kumozu::core::document::templates::find("party-box")
        .unwrap()
        .design()
        .unwrap();
    let node = d.nodes.keys().next().unwrap().as_str().to_owned();
    let edge = d.edges.keys().next().unwrap().as_str().to_owned();
    let opts = Options {
        inline: Some("b-".into()),
        marks: [(node.clone(), "diff-added"), (edge.clone(), "diff-changed")]
            .into_iter()
            .collect(),
    };
    let svg = to_svg_with(&d, kumozu::core::Lang::En, &opts);
    assert!(
        !svg.contains("<?xml") && !svg.contains("<style"),
        "{}",
        &svg[..200]
    );
    let doc = roxmltree::Document::parse(&svg).expect("well-formed");
    let ids: Vec<_> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    assert!(
        !ids.is_empty() && ids.iter().all(|i| i.starts_with("b-")),
        "{ids:?}"
    );
    assert!(
        !svg.contains("url(#kumozu"),
        "a reference to an unprefixed id"
    );
    let class_of = |attr: &str, id: &str| {
        doc.descendants()
            .find(|n| n.attribute(attr) == Some(id))
            .and_then(|n| n.attribute("class"))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(class_of("data-node-id", &node).ends_with(" diff-added"));
    assert!(class_of("data-edge-id", &edge).ends_with(" diff-changed"));
    let plain = to_svg_with(&d, kumozu::core::Lang::En, &Options::default());
    assert_eq!(
        plain,
        kumozu::core::drawing::svg::to_svg(&d, kumozu::core::Lang::En)
    );
    assert!(!plain.contains("diff-"));
}

/// The canvas's Tab order is the drawing's order: every node before every connection, and the
/// nodes in reading order (a container before what it holds; nodes that share a container top
/// to bottom, then left to right).
#[test]
fn nodes_come_before_connections_in_reading_order() {
    for t in TEMPLATES {
        let design = t.design().unwrap();
        for svg in [
            to_svg(&design, Lang::Ja),
            as_xml(&to_svg(&design, Lang::En)),
        ] {
            let doc = parse(&svg);
            let order: Vec<(bool, String)> = doc
                .descendants()
                .filter_map(|n| {
                    n.attribute("data-node-id")
                        .map(|id| (false, id.to_owned()))
                        .or_else(|| n.attribute("data-edge-id").map(|id| (true, id.to_owned())))
                })
                .collect();
            let first_edge = order
                .iter()
                .position(|(edge, _)| *edge)
                .unwrap_or(order.len());
            assert!(
                order[first_edge..].iter().all(|(edge, _)| *edge),
                "{}: a node after a connection: {order:?}",
                t.id
            );
            let nodes: Vec<&str> = order[..first_edge]
                .iter()
                .map(|(_, id)| id.as_str())
                .collect();
            assert_eq!(nodes.len(), design.nodes.len(), "{}", t.id);
            let at = |id: &str| nodes.iter().position(|n| *n == id).unwrap();
            for n in design.nodes.values() {
                for a in design.ancestors(&n.id) {
                    assert!(
                        at(a.id.as_str()) < at(n.id.as_str()),
                        "{}: {} before {}",
                        t.id,
                        a.id,
                        n.id
                    );
                }
                // A sibling higher up (or level and further left) comes first.
                for m in design
                    .nodes
                    .values()
                    .filter(|m| m.parent == n.parent && m.id != n.id)
                {
                    if (m.pos.y, m.pos.x) < (n.pos.y, n.pos.x) {
                        assert!(
                            at(m.id.as_str()) < at(n.id.as_str()),
                            "{}: {} before {}",
                            t.id,
                            m.id,
                            n.id
                        );
                    }
                }
            }
        }
    }
}
