//! SVG export: the diagram as a self-contained SVG document that looks like the app's canvas,
//! for the app's SVG and PNG downloads and for `kumozu export --to svg`.
//!
//! Placement comes from `geometry::layout` and `draw` (the same faces the canvas draws), the
//! icons from `icons`; this module only writes markup. It is plain string building, so the
//! wasm carries no XML crate. Every text and attribute from the design goes through `escape`
//! (`&`, `<`, `>`, `"`, `'` as entities, characters XML cannot hold replaced), so a label such
//! as `<script>` or `]]>` stays text; the only markup written verbatim is this module's own
//! constants and the icon constants. The style sheet is a constant in a CDATA section.

use std::fmt::Write as _;

use crate::core::document::catalogue::Kind;
use crate::core::document::model::{Design, Edge, Node};
use crate::core::drawing::faces::{self, Anchor, ContainerTitle, TextLine};
use crate::core::drawing::geometry::{self, fmt_num, Rect, EDGE_LABEL_FONT};
use crate::core::support::html::TrustedHtml;
use crate::core::support::i18n::Lang;

/// The id of the arrowhead marker.
pub const ARROW_ID: &str = "kumozu-arrow";

/// The id of the dotted background pattern.
const DOTS_ID: &str = "kumozu-dots";

/// Fonts for Japanese text first (the page's `--font`), then the rest.
pub const FONTS_JA: &str = "\"Hiragino Sans\", \"Hiragino Kaku Gothic ProN\", \"Noto Sans JP\", \"Yu Gothic UI\", Meiryo, system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";

/// Fonts for English text first; Japanese fonts still cover any Japanese in it.
pub const FONTS_EN: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Hiragino Sans\", \"Noto Sans JP\", \"Yu Gothic UI\", Meiryo, sans-serif";

/// The monospace fonts of edge labels.
pub const FONTS_MONO: &str = "ui-monospace, SFMono-Regular, Menlo, Consolas, \"DejaVu Sans Mono\", \"Noto Sans Mono CJK JP\", monospace";

/// The diagram's rules of style/main.css, with its colours written out (no custom properties,
/// so renderers other than browsers draw it too). Holds no `]]>`.
pub const STYLE: &str = "\
.canvas-bg{fill:#f8fafc}
.container-box{stroke-width:1.5}
.container--vpc .container-box{fill:#f6faf3;stroke:#3f8624}
.container--public .container-box{fill:#e3f2fd;stroke:#6aa6dc}
.container--private .container-box{fill:#fce4ec;stroke:#df8fac}
.container--cluster .container-box{fill:#ffffff;fill-opacity:0.7;stroke:#2196f3}
.container--group .container-box{fill:none;stroke:#97a3b2;stroke-dasharray:6 4}
.container-title{font-weight:600;fill:#1c2433}
.container-detail{font-weight:400;fill:#5b687a}
.badge-vpc{fill:#3f8624}
.badge-public{fill:#3b82c4}
.badge-private{fill:#c2477a}
.card-box{fill:#ffffff;stroke:#d3dae4;filter:drop-shadow(0 1px 1.5px rgba(16,24,40,0.1))}
.card-label{font-weight:600;fill:#1c2433}
.card-caption{fill:#5b687a}
.edge-line{fill:none;stroke:#5e6c80;stroke-width:1.6;stroke-linejoin:round}
.edge--dashed .edge-line{stroke-dasharray:5 4}
.arrow-head{fill:#5e6c80}
.edge-label rect{fill:#ffffff;stroke:#c7d0dc}
.edge-label text{fill:#243042}
";

/// The diagram of `design` as a standalone SVG document (UTF-8, with an XML declaration),
/// its texts in `lang`: containers outermost first, then edges, then cards, as the canvas
/// draws them. The document is as large as the canvas's view box, one unit a pixel; each node
/// is a `<g data-node-id data-node-kind>` and each edge a `<g data-edge-id data-edge-kind>`.
pub fn to_svg(design: &Design, lang: Lang) -> String {
    to_svg_with(design, lang, &Options::default())
}

/// How [`to_svg_with`] draws.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Drawn inside an HTML page: no XML declaration and no `<style>` (the page's stylesheet
    /// draws the classes), and `id_prefix` before the ids of the arrowhead and the dot pattern
    /// so two diagrams on one page do not share ids.
    pub inline: Option<String>,
    /// An extra class for some nodes and edges, by id (`diff-added`, `diff-changed`…).
    pub marks: std::collections::BTreeMap<String, &'static str>,
}

/// The diagram of `design` as [`to_svg`] draws it, with [`Options`].
pub fn to_svg_with(design: &Design, lang: Lang, opts: &Options) -> String {
    let prefix = opts.inline.as_deref().unwrap_or("");
    let arrow = format!("{prefix}{ARROW_ID}");
    let dots = format!("{prefix}{DOTS_ID}");
    let marks = &opts.marks;
    let layout = geometry::layout(design);
    let vb = layout.view_box;
    let (fonts, tag) = match lang {
        Lang::Ja => (FONTS_JA, "ja"),
        Lang::En => (FONTS_EN, "en"),
    };
    let mut out = String::with_capacity(4096 + 1200 * design.nodes.len());
    if opts.inline.is_none() {
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"canvas\" xml:lang=\"{tag}\" \
         width=\"{}\" height=\"{}\" viewBox=\"{}\" role=\"img\" aria-label=\"",
        fmt_num(vb.w),
        fmt_num(vb.h),
        vb.view_box_attr()
    );
    let label = faces::diagram_label(design, lang);
    escape(&label, &mut out);
    out.push_str("\">\n<title>");
    escape(&label, &mut out);
    out.push_str("</title>\n");
    if opts.inline.is_none() {
        out.push_str("<style><![CDATA[\n");
        let _ = writeln!(out, ".canvas{{font-family:{fonts}}}");
        let _ = writeln!(out, ".edge-label text{{font-family:{FONTS_MONO}}}");
        out.push_str(STYLE);
        out.push_str("]]></style>\n");
    }
    let _ = writeln!(
        out,
        "<defs><marker id=\"{arrow}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
         markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" \
         orient=\"auto-start-reverse\"><path class=\"arrow-head\" d=\"M0 0.5 L10 5 L0 9.5 Z\"/>\
         </marker><pattern id=\"{dots}\" width=\"20\" height=\"20\" \
         patternUnits=\"userSpaceOnUse\"><circle cx=\"10\" cy=\"10\" r=\"1\" fill=\"#d7dee8\"/>\
         </pattern></defs>"
    );
    rect(&mut out, "canvas-bg", &vb, 0.0);
    out.push('\n');
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#{dots})\"/>",
        fmt_num(vb.x),
        fmt_num(vb.y),
        fmt_num(vb.w),
        fmt_num(vb.h)
    );

    let mark = |id: &str, _edge: bool| marks.get(id).map(|m| (*m).to_owned());
    layers(
        &mut out,
        design,
        &layout,
        lang,
        &Canvas {
            arrow: &arrow,
            interactive: false,
            mark: &mark,
        },
    );
    out.push_str("</svg>\n");
    out
}

/// The app's canvas as it first draws `design` at the default view, for the page the build
/// prerenders (`index.html` shows it while the wasm loads, see tests/prerender.rs): an
/// `<svg class="canvas">` with the canvas's view box and aspect, its arrowhead marker and
/// `<g class="diagram">` with the three layers, item for item the markup the canvas writes, but
/// nothing to focus (no tab stops, no hit paths) and named by a `<title>` as one image.
/// `prefix` goes before the marker's id, so it differs from the app's own while both are on
/// the page.
pub fn prerendered_canvas(design: &Design, lang: Lang, prefix: &str) -> String {
    let arrow = format!("{prefix}{ARROW_ID}");
    let layout = geometry::layout(design);
    let mut out = String::with_capacity(2048 + 1000 * design.nodes.len());
    let _ = write!(
        out,
        "<svg class=\"canvas\" viewBox=\"{}\" preserveAspectRatio=\"xMidYMid meet\" \
         xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"><title>",
        layout.view_box.view_box_attr()
    );
    escape(&faces::diagram_label(design, lang), &mut out);
    let _ = write!(
        out,
        "</title><defs><marker id=\"{arrow}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
         markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" \
         orient=\"auto-start-reverse\"><path class=\"arrow-head\" d=\"M0 0.5 L10 5 L0 9.5 Z\"/>\
         </marker></defs><g class=\"diagram\">"
    );
    let none = |_: &str, _: bool| None;
    layers(
        &mut out,
        design,
        &layout,
        lang,
        &Canvas {
            arrow: &arrow,
            interactive: false,
            mark: &none,
        },
    );
    out.push_str("</g></svg>");
    out
}

/// How [`layers`] draws: for a document or for the app's canvas.
pub struct Canvas<'a> {
    /// The id of the arrowhead marker the edges point with.
    pub arrow: &'a str,
    /// For the app's canvas: every node and edge is a tab stop (`tabindex="0"`), and each
    /// edge has a wide transparent path under its line to click on (`edge-hit`).
    pub interactive: bool,
    /// Extra classes of a node (`false`) or an edge (`true`), by id.
    pub mark: &'a dyn Fn(&str, bool) -> Option<String>,
}

/// The diagram's two layers: `<g class="layer-nodes">` (containers and cards in reading
/// order, [`reading_order`]), then `layer-edges` over them (routed around the cards, so the
/// lines and their labels are never hidden), placed by `layout` (which must be `design`'s).
pub fn layers(
    out: &mut String,
    design: &Design,
    layout: &geometry::Layout,
    lang: Lang,
    c: &Canvas,
) {
    let mut parts = [String::new(), String::new()];
    layer_items(design, layout, lang, c, &mut |layer, _, markup| {
        parts[layer].push_str(markup.as_str());
        parts[layer].push('\n');
    });
    for (class, part) in LAYERS.iter().zip(parts) {
        let _ = write!(out, "<g class=\"{class}\">\n{part}</g>\n");
    }
}

/// The classes of the diagram's layers, bottom to top.
pub const LAYERS: [&str; 2] = ["layer-nodes", "layer-edges"];

/// The nodes in reading order: a container before what is inside it (so it is drawn under
/// it), and the nodes that share a container top to bottom, then left to right. On the app's
/// canvas this is the Tab order: the nodes as one reads the diagram, then the connections.
pub fn reading_order(design: &Design) -> Vec<&Node> {
    // Each node keyed by the chain of containers down to it, outermost first.
    let mut keyed: Vec<Vec<&Node>> = design
        .nodes
        .values()
        .map(|n| {
            let mut chain = design.ancestors(&n.id);
            chain.reverse();
            chain.push(n);
            chain
        })
        .collect();
    crate::core::support::sort::sort_by(&mut keyed, |a, b| {
        a.iter()
            .zip(b.iter())
            .map(|(x, y)| {
                x.pos
                    .y
                    .total_cmp(&y.pos.y)
                    .then(x.pos.x.total_cmp(&y.pos.x))
                    .then_with(|| x.id.cmp(&y.id))
            })
            .find(|o| o.is_ne())
            .unwrap_or_else(|| a.len().cmp(&b.len()))
    });
    keyed
        .into_iter()
        .filter_map(|chain| chain.last().copied())
        .collect()
}

/// The diagram item by item, in drawing order: `f(layer, id, markup)` for every node
/// (layer 0, in [`reading_order`]: a container is a frame, a card a box) and then every edge
/// (layer 1), `markup` being that one `<g>` element. The app's canvas redraws only the items
/// whose markup changed.
pub fn layer_items(
    design: &Design,
    layout: &geometry::Layout,
    lang: Lang,
    c: &Canvas,
    f: &mut dyn FnMut(usize, &str, TrustedHtml),
) {
    let mut buf = String::with_capacity(1024);
    for n in reading_order(design) {
        buf.clear();
        if n.kind.is_container() {
            container(&mut buf, n, design, lang, c);
        } else {
            card(&mut buf, n, lang, c);
        }
        f(
            0,
            n.id.as_str(),
            TrustedHtml::from_escaped(buf.trim_end().to_owned()),
        );
    }
    for route in &layout.edges {
        if let Some(e) = design.edges.get(&route.id) {
            buf.clear();
            edge(&mut buf, e, route, design, lang, c);
            f(
                1,
                e.id.as_str(),
                TrustedHtml::from_escaped(buf.trim_end().to_owned()),
            );
        }
    }
}

/// `class` with the marks of `id` added, if it has any.
fn marked(mut class: String, id: &str, edge: bool, c: &Canvas) -> String {
    if let Some(m) = (c.mark)(id, edge) {
        class.push(' ');
        class.push_str(&m);
    }
    class
}

/// ` tabindex="0"` on the app's canvas.
fn tab_stop(out: &mut String, c: &Canvas) {
    if c.interactive {
        out.push_str(" tabindex=\"0\"");
    }
}

/// Opens a node's group: `<g class data-node-id data-node-kind role aria-label>`.
fn open_node(out: &mut String, class: &str, node: &Node, aria: &str, c: &Canvas) {
    let _ = write!(out, "<g class=\"{class}\" data-node-id=\"");
    escape(node.id.as_str(), out);
    let _ = write!(
        out,
        "\" data-node-kind=\"{}\" role=\"group\"",
        node.kind.id()
    );
    tab_stop(out, c);
    out.push_str(" aria-label=\"");
    escape(aria, out);
    out.push_str("\">");
}

/// A container: its box, its badge and its title.
fn container(out: &mut String, node: &Node, design: &Design, lang: Lang, c: &Canvas) {
    let face = faces::container_face(node, design.region, lang);
    let class = marked(
        format!("node container container--{}", face.variant),
        node.id.as_str(),
        false,
        c,
    );
    open_node(out, &class, node, &face.aria, c);
    rect(out, "container-box", &face.rect, faces::CONTAINER_RADIUS);
    if let Some((markup, x, y)) = face.badge {
        let _ = write!(
            out,
            "<g class=\"badge\" transform=\"translate({} {})\">{markup}</g>",
            fmt_num(x),
            fmt_num(y)
        );
    }
    match &face.title {
        ContainerTitle::OneLine { x, y, name, detail } => {
            let _ = write!(
                out,
                "<text class=\"container-title\" x=\"{}\" y=\"{}\" dominant-baseline=\"central\" font-size=\"{}\">",
                fmt_num(*x),
                fmt_num(*y),
                fmt_num(faces::TITLE_FONT)
            );
            escape(name, out);
            if let Some(d) = detail {
                out.push_str("<tspan class=\"container-detail\"> · ");
                escape(d, out);
                out.push_str("</tspan>");
            }
            out.push_str("</text>");
        }
        ContainerTitle::TwoLines { name, detail } => {
            text(out, name);
            text(out, detail);
        }
    }
    out.push_str("</g>\n");
}

/// A card: its box, its icon, its label and its caption lines.
fn card(out: &mut String, node: &Node, lang: Lang, c: &Canvas) {
    let face = faces::card_face(node, lang);
    let class = marked(
        format!("node card card--{}", node.kind.id()),
        node.id.as_str(),
        false,
        c,
    );
    open_node(out, &class, node, &face.aria, c);
    rect(out, "card-box", &face.rect, faces::CARD_RADIUS);
    let _ = write!(
        out,
        "<g class=\"icon\" transform=\"{}\">{}</g>",
        face.icon_transform(),
        face.icon
    );
    text(out, &face.label);
    for line in &face.captions {
        text(out, line);
    }
    out.push_str("</g>\n");
}

/// An edge: its route with an arrowhead, dashed for control traffic, its label on a pill.
fn edge(
    out: &mut String,
    e: &Edge,
    route: &geometry::EdgeRoute,
    design: &Design,
    lang: Lang,
    c: &Canvas,
) {
    let info = e.kind.info();
    let class = marked(
        if info.dashed {
            "edge edge--dashed"
        } else {
            "edge"
        }
        .to_owned(),
        e.id.as_str(),
        true,
        c,
    );
    let _ = write!(out, "<g class=\"{class}\" data-edge-id=\"");
    escape(e.id.as_str(), out);
    let _ = write!(out, "\" data-edge-kind=\"{}\" role=\"group\"", info.id);
    tab_stop(out, c);
    out.push_str(" aria-label=\"");
    escape(&faces::edge_aria(e, design, lang), out);
    out.push_str("\">");
    let d = route.path_d();
    if c.interactive {
        let _ = write!(out, "<path class=\"edge-hit\" d=\"{d}\"/>");
    }
    let _ = write!(
        out,
        "<path class=\"edge-line\" d=\"{d}\" marker-end=\"url(#{})\"/>",
        c.arrow
    );
    if let Some(r) = route.label {
        let c = r.center();
        out.push_str("<g class=\"edge-label\">");
        rect(out, "edge-pill", &r, r.h / 2.0);
        text(
            out,
            &TextLine {
                class: "edge-text",
                x: c.x,
                y: c.y,
                anchor: Anchor::Middle,
                font: EDGE_LABEL_FONT,
                text: e.display_label().to_owned(),
            },
        );
        out.push_str("</g>");
    }
    out.push_str("</g>\n");
}

/// A line of text centred vertically on its `y`.
fn text(out: &mut String, line: &TextLine) {
    let _ = write!(
        out,
        "<text class=\"{}\" x=\"{}\" y=\"{}\"",
        line.class,
        fmt_num(line.x),
        fmt_num(line.y)
    );
    if line.anchor != Anchor::Start {
        let _ = write!(out, " text-anchor=\"{}\"", line.anchor.svg());
    }
    let _ = write!(
        out,
        " dominant-baseline=\"central\" font-size=\"{}\">",
        fmt_num(line.font)
    );
    escape(&line.text, out);
    out.push_str("</text>");
}

/// A rectangle filling `r`, with rounded corners of radius `rx` (none for 0).
pub(crate) fn rect(out: &mut String, class: &str, r: &Rect, rx: f64) {
    let _ = write!(
        out,
        "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
        fmt_num(r.x),
        fmt_num(r.y),
        fmt_num(r.w),
        fmt_num(r.h)
    );
    if rx > 0.0 {
        let _ = write!(out, " rx=\"{}\"", fmt_num(rx));
    }
    out.push_str("/>");
}

/// Items `layer_items` wrote, one after the other, as one markup (a layer of the app's canvas).
pub fn join<'a>(items: impl IntoIterator<Item = &'a TrustedHtml>) -> TrustedHtml {
    let mut out = String::new();
    for item in items {
        out.push_str(item.as_str());
    }
    TrustedHtml::from_escaped(out)
}

/// The icon of `kind` (`icons::icon`, drawn in a 48×48 box), as markup for the page (the
/// palette and the inspector show it in an `<svg viewBox="0 0 48 48">`).
pub fn icon(kind: Kind) -> TrustedHtml {
    TrustedHtml::from_escaped(crate::core::drawing::icons::icon(kind).to_owned())
}

/// Appends `s` as XML character data that is safe in text and in attribute values of either
/// quote: `&`, `<`, `>`, `"`, `'` become entities; characters XML 1.0 cannot hold at all
/// (control characters other than tab, line feed and carriage return, U+FFFE, U+FFFF) become
/// U+FFFD. Tab, line feed and carriage return become character references, so an attribute
/// keeps them instead of normalising them to spaces.
pub fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> String {
        let mut out = String::new();
        escape(s, &mut out);
        out
    }

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            esc("<script>a & \"b\" 'c'</script>]]>"),
            "&lt;script&gt;a &amp; &quot;b&quot; &apos;c&apos;&lt;/script&gt;]]&gt;"
        );
        assert_eq!(esc("a\u{1}b\u{FFFF}"), "a\u{FFFD}b\u{FFFD}");
        assert_eq!(esc("x\ny"), "x&#10;y");
        assert_eq!(esc("雲図 · ok"), "雲図 · ok");
    }

    #[test]
    fn the_style_sheet_cannot_close_its_cdata_section() {
        for s in [STYLE, FONTS_JA, FONTS_EN, FONTS_MONO] {
            assert!(!s.contains("]]>"));
        }
    }

    #[test]
    fn an_empty_design_is_an_empty_canvas() {
        let svg = to_svg(&Design::empty("", crate::core::Region::UsEast1), Lang::En);
        assert!(svg.starts_with("<?xml"));
        assert!(svg.contains("viewBox=\"0 0 1200 720\""), "{svg}");
        assert!(!svg.contains("data-node-id"));
        assert!(svg.ends_with("</svg>\n"));
    }
}
