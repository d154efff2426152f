//! Canvas geometry: node boxes, the view box that fits a design, where an edge leaves and
//! enters its nodes, its orthogonal route, where its label sits, and how wide a text is.
//!
//! Pure math over the model, in canvas units. It decides *where* things go and never *how*
//! they look (colours, fonts and markup belong to the UI), so every rule here is tested natively.

use std::collections::BTreeMap;

use crate::core::document::model::{Design, Edge, EdgeId, Node, NodeId, Point};
use crate::core::drawing::{faces, route};
use crate::core::support::sort;

/// Space kept around a design's bounding box in the view box.
pub const CANVAS_PADDING: f64 = 32.0;

/// The view box of a design with no nodes, and the smallest view box of any design
/// (the templates are drawn to fit it).
pub const EMPTY_VIEW: Rect = Rect {
    x: 0.0,
    y: 0.0,
    w: 1200.0,
    h: 720.0,
};

/// Font size of edge labels, in canvas units.
pub const EDGE_LABEL_FONT: f64 = 11.0;

/// Height of an edge label's pill.
pub const EDGE_LABEL_HEIGHT: f64 = 18.0;

/// Space between an edge label's text and the sides of its pill.
pub const EDGE_LABEL_PAD: f64 = 7.0;

/// Most space between the ports of edges that share a side of a node.
const PORT_GAP: f64 = 16.0;

/// Designs with more edges than this get plain routes (out, across, in), not searched ones:
/// a search per edge would keep a 5,000-node canvas from redrawing in time.
const MAX_ROUTED: usize = 300;

/// The most grid points the router looks at in one layout; the edges left when it runs out get
/// plain routes (a bound on the time a layout takes, the same on every machine).
const SEARCH_BUDGET: usize = 15_000;

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// The box `node` occupies on the canvas.
    pub fn of(node: &Node) -> Rect {
        let s = node.box_size();
        Rect {
            x: node.pos.x,
            y: node.pos.y,
            w: s.w,
            h: s.h,
        }
    }

    /// A rectangle of size `w`×`h` centred on `c`.
    pub fn centred(c: Point, w: f64, h: f64) -> Rect {
        Rect {
            x: c.x - w / 2.0,
            y: c.y - h / 2.0,
            w,
            h,
        }
    }

    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// The centre point.
    pub fn center(&self) -> Point {
        Point {
            x: self.x + self.w / 2.0,
            y: self.y + self.h / 2.0,
        }
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect {
            x,
            y,
            w: self.right().max(other.right()) - x,
            h: self.bottom().max(other.bottom()) - y,
        }
    }

    /// This rectangle grown by `by` on every side.
    pub fn inflate(&self, by: f64) -> Rect {
        Rect {
            x: self.x - by,
            y: self.y - by,
            w: self.w + 2.0 * by,
            h: self.h + 2.0 * by,
        }
    }

    /// Whether the two overlap (touching edges do not count).
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// The value of an SVG `viewBox` attribute for this rectangle.
    pub fn view_box_attr(&self) -> String {
        format!(
            "{} {} {} {}",
            fmt_num(self.x),
            fmt_num(self.y),
            fmt_num(self.w),
            fmt_num(self.h)
        )
    }
}

/// The rectangle holding every node of `design`; `None` when it has none.
pub fn bounding_box(design: &Design) -> Option<Rect> {
    design
        .nodes
        .values()
        .map(Rect::of)
        .reduce(|a, b| a.union(&b))
}

/// A side of a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// The top edge.
    Top,
    /// The right edge.
    Right,
    /// The bottom edge.
    Bottom,
    /// The left edge.
    Left,
}

impl Side {
    /// Whether the side is horizontal (top or bottom), so a line leaving it runs vertically.
    pub fn is_horizontal(self) -> bool {
        matches!(self, Side::Top | Side::Bottom)
    }
}

/// The point on `side` of `rect`, `offset` from the side's middle along it (right or down
/// for positive offsets), kept inside the side.
pub fn anchor(rect: &Rect, side: Side, offset: f64) -> Point {
    let c = rect.center();
    let along = |half: f64| clamp(offset, -half, half);
    match side {
        Side::Top => Point {
            x: c.x + along(rect.w / 2.0),
            y: rect.y,
        },
        Side::Bottom => Point {
            x: c.x + along(rect.w / 2.0),
            y: rect.bottom(),
        },
        Side::Left => Point {
            x: rect.x,
            y: c.y + along(rect.h / 2.0),
        },
        Side::Right => Point {
            x: rect.right(),
            y: c.y + along(rect.h / 2.0),
        },
    }
}

/// The sides of `a` and `b` that face each other: top/bottom when the boxes are further apart
/// vertically than horizontally, left/right otherwise.
pub fn facing_sides(a: &Rect, b: &Rect) -> (Side, Side) {
    let gap_x = (b.x - a.right()).max(a.x - b.right());
    let gap_y = (b.y - a.bottom()).max(a.y - b.bottom());
    let (ca, cb) = (a.center(), b.center());
    let vertical = if gap_x < 0.0 && gap_y < 0.0 {
        // Overlapping boxes (e.g. an edge to the container around a node): go by the centres.
        (cb.y - ca.y).abs() >= (cb.x - ca.x).abs()
    } else {
        gap_y >= gap_x
    };
    if vertical {
        if cb.y >= ca.y {
            (Side::Bottom, Side::Top)
        } else {
            (Side::Top, Side::Bottom)
        }
    } else if cb.x >= ca.x {
        (Side::Right, Side::Left)
    } else {
        (Side::Left, Side::Right)
    }
}

/// Estimated width of `text` in a proportional sans-serif font of size `font`. The widths
/// follow DejaVu Sans, the widest common fallback, so the estimate rarely falls short on
/// Hiragino, Yu Gothic, Segoe UI or Noto; wide (CJK, full-width) characters take one em.
pub fn text_width(text: &str, font: f64) -> f64 {
    text.chars().map(sans_em).sum::<f64>() * font
}

/// Width of `text` in a monospace font of size `font` (0.6 em a character, one em for wide
/// characters), as edge labels are drawn.
pub fn mono_width(text: &str, font: f64) -> f64 {
    text.chars()
        .map(|c| if is_wide(c) { 1.0 } else { 0.6 })
        .sum::<f64>()
        * font
}

fn sans_em(c: char) -> f64 {
    match c {
        c if is_wide(c) => 1.0,
        'i' | 'j' | 'l' | 'I' | '\'' | '|' => 0.28,
        ' ' | '.' | ',' | ':' | ';' | '·' | '!' => 0.32,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '/' | '-' => 0.4,
        '–' => 0.5,
        'm' | 'w' | 'M' | 'W' | '%' | '—' | '@' => 0.95,
        '0'..='9' => 0.64,
        'A'..='Z' => 0.72,
        'a'..='z' => 0.62,
        _ => 0.7,
    }
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// Fits `text` into `max_width`: at `font` if it fits, else at a smaller size down to
/// `min_font`, else cut with an ellipsis at `min_font`. Returns the text and its font size.
pub fn fit_text(text: &str, max_width: f64, font: f64, min_font: f64) -> (String, f64) {
    let width = text_width(text, font);
    if width <= max_width {
        return (text.to_owned(), font);
    }
    let scaled = font * max_width / width;
    if scaled >= min_font {
        return (text.to_owned(), scaled);
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if text_width(&out, min_font) + text_width("…", min_font) > max_width {
            out.pop();
            break;
        }
    }
    out.push('…');
    (out, min_font)
}

/// Joins `parts` with `sep` into as few lines as fit `max_width` at `font`, never splitting
/// a part (a part too long for any line gets a line of its own).
pub fn wrap_parts(parts: &[String], sep: &str, max_width: f64, font: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line}{sep}{part}"), font) <= max_width => {
                line.push_str(sep);
                line.push_str(part);
            }
            _ => lines.push(part.clone()),
        }
    }
    lines
}

/// Where an edge is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeRoute {
    /// The edge.
    pub id: EdgeId,
    /// The polyline from the start node's side to the end node's side (2 or 4 points,
    /// every segment horizontal or vertical unless the two ends are not aligned at all).
    pub points: Vec<Point>,
    /// The pill holding the label, if the edge has one.
    pub label: Option<Rect>,
}

impl EdgeRoute {
    /// The value of an SVG path's `d` attribute.
    pub fn path_d(&self) -> String {
        let mut d = String::new();
        for (i, p) in self.points.iter().enumerate() {
            if i > 0 {
                d.push(' ');
            }
            d.push(if i == 0 { 'M' } else { 'L' });
            d.push_str(&fmt_num(p.x));
            d.push(' ');
            d.push_str(&fmt_num(p.y));
        }
        d
    }
}

/// Everything the canvas needs to place: the view box and each edge's route.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The part of the canvas to show: every node and label, plus padding.
    pub view_box: Rect,
    /// One route per drawable edge (both ends exist and differ), by edge id.
    pub edges: Vec<EdgeRoute>,
}

/// The size of the pill for an edge label.
pub fn label_size(text: &str) -> (f64, f64) {
    (
        mono_width(text, EDGE_LABEL_FONT) + 2.0 * EDGE_LABEL_PAD,
        EDGE_LABEL_HEIGHT,
    )
}

/// Lays out `design`: each edge leaves and enters the facing sides of its two nodes at ports
/// spread along the side, and is routed around cards and container titles (`route`); each
/// label sits on its own route where it covers no card, title, other route or label.
pub fn layout(design: &Design) -> Layout {
    struct Pending<'a> {
        edge: &'a Edge,
        a: Rect,
        b: Rect,
        sides: (Side, Side),
    }
    let bands: Vec<Rect> = design
        .nodes
        .values()
        .filter(|n| n.kind.is_container())
        .map(|n| faces::title_band(n, design.region))
        .collect();
    let pending: Vec<Pending> = design
        .edges
        .values()
        .filter(|e| e.from != e.to)
        .filter_map(|e| {
            let a = Rect::of(design.nodes.get(&e.from)?);
            let b = Rect::of(design.nodes.get(&e.to)?);
            let (sa, sb) = facing_sides(&a, &b);
            Some(Pending {
                edge: e,
                a,
                b,
                sides: (open_side(&a, sa, &b, &bands), open_side(&b, sb, &a, &bands)),
            })
        })
        .collect();

    // Ports: the edges on each side of each node, in the order of their other ends along the
    // side (edge id breaks ties, the same at both ends, so parallel edges do not cross).
    // ((node, side), position of the other end along the side, edge id, index into
    // `pending`), sorted so that each side's ports are one run (a sorted list rather than a
    // map of lists, which would be one more map type in the wasm).
    type Port<'a> = ((&'a NodeId, Side), f64, &'a EdgeId, usize);
    let mut ports: Vec<Port> = Vec::with_capacity(2 * pending.len());
    for (i, p) in pending.iter().enumerate() {
        let (sa, sb) = p.sides;
        let along = |side: Side, r: &Rect| {
            if side.is_horizontal() {
                r.center().x
            } else {
                r.center().y
            }
        };
        ports.push(((&p.edge.from, sa), along(sa, &p.b), &p.edge.id, i));
        ports.push(((&p.edge.to, sb), along(sb, &p.a), &p.edge.id, i));
    }
    sort::sort_by(&mut ports, |x, y| {
        x.0.cmp(&y.0)
            .then_with(|| x.1.total_cmp(&y.1))
            .then_with(|| x.2.cmp(y.2))
    });
    // offsets[i] = (offset at start, offset at end, how far each may move along its side and
    // stay a channel away from its neighbours: infinite when alone on the side)
    let mut offsets = vec![(0.0, 0.0, f64::INFINITY, f64::INFINITY); pending.len()];
    for list in ports.chunk_by(|x, y| x.0 == y.0) {
        let (node, side) = &list[0].0;
        let n = list.len();
        let Some(rect) = design.nodes.get(*node).map(Rect::of) else {
            continue;
        };
        let len = if side.is_horizontal() { rect.w } else { rect.h };
        let gap = PORT_GAP.min(len * 0.8 / n as f64);
        let room = if n == 1 {
            f64::INFINITY
        } else {
            (gap - route::CHANNEL) / 2.0
        };
        for (k, &(_, _, _, i)) in list.iter().enumerate() {
            let off = (k as f64 - (n as f64 - 1.0) / 2.0) * gap;
            if &&pending[i].edge.from == node && pending[i].sides.0 == *side {
                offsets[i].0 = off;
                offsets[i].2 = room;
            } else {
                offsets[i].1 = off;
                offsets[i].3 = room;
            }
        }
    }

    // What routes avoid: cards, container titles; and the containers, whose borders they
    // cross as little as they can and which hold the routes between their own children.
    let mut scene = route::Scene {
        cards: Vec::new(),
        titles: bands,
        boxes: Vec::new(),
        inside: None,
    };
    for n in design.nodes.values() {
        if n.kind.is_container() {
            scene.boxes.push(Rect::of(n));
        } else {
            scene.cards.push(Rect::of(n));
        }
    }
    let plain = pending.len() > MAX_ROUTED;
    let ends: Vec<(Point, Point)> = pending
        .iter()
        .zip(&offsets)
        .map(|(p, &(off_a, off_b, room_a, room_b))| {
            let mut start = anchor(&p.a, p.sides.0, off_a);
            let mut end = anchor(&p.b, p.sides.1, off_b);
            if room_a.is_infinite() && room_b.is_infinite() {
                // Alone on both sides and the boxes overlap across the line: draw it straight.
                straighten(&p.a, &p.b, p.sides.0, &mut start, &mut end);
            } else {
                // A small jog is noise: meet in the middle if the ports stay apart.
                unjog(
                    &p.a,
                    &p.b,
                    p.sides.0,
                    (room_a, room_b),
                    &mut start,
                    &mut end,
                );
            }
            (start, end)
        })
        .collect();
    // Labelled edges first, so their labels are placed before the routes that must go around
    // them; shorter first, so the short straight ones are not pushed aside by long ones.
    let mut order: Vec<usize> = (0..pending.len()).collect();
    let key = |i: &usize| {
        let (s, e) = ends[*i];
        let unlabelled = pending[*i].edge.display_label().is_empty();
        (unlabelled, (s.x - e.x).abs() + (s.y - e.y).abs())
    };
    sort::sort_by(&mut order, |x, y| {
        let (a, b) = (key(x), key(y));
        a.0.cmp(&b.0).then(a.1.total_cmp(&b.1))
    });
    // Every edge's stubs are laid first, so no route runs close beside another edge's port.
    let mut laid = route::Segs::default();
    if !plain {
        for (i, (p, &(s, e))) in pending.iter().zip(&ends).enumerate() {
            laid.add_port(i, s, p.sides.0);
            laid.add_port(i, e, p.sides.1);
        }
    }
    let mut routes: Vec<EdgeRoute> = pending
        .iter()
        .map(|p| EdgeRoute {
            id: p.edge.id.clone(),
            points: Vec::new(),
            label: None,
        })
        .collect();
    // Each label where it covers no card, title, route laid or label placed before it (the
    // cards, titles and labels bucketed in grids).
    let (mut cards, mut titles) = (RectGrid::default(), RectGrid::default());
    for r in &scene.cards {
        cards.insert(r.inflate(2.0));
    }
    for r in &scene.titles {
        titles.insert(*r);
    }
    let mut placed: Vec<Rect> = Vec::new();
    let mut budget = SEARCH_BUDGET;
    for i in order {
        let p = &pending[i];
        let (start, end) = ends[i];
        let points = if plain {
            None
        } else {
            // The innermost container around both ends (neither end itself).
            let outer = design.ancestors(&p.edge.from);
            scene.inside = design
                .ancestors(&p.edge.to)
                .iter()
                .find(|n| n.id != p.edge.from && outer.iter().any(|o| o.id == n.id))
                .filter(|n| n.kind.is_container())
                .map(|n| Rect::of(n));
            route::route(start, end, p.sides, &scene, &laid, i, &mut budget)
        };
        let points = points.unwrap_or_else(|| orthogonal(start, end, p.sides.0));
        laid.add(i, &points);
        let text = p.edge.display_label();
        if !text.is_empty() {
            let (w, h) = label_size(text);
            let hits = |g: &RectGrid, r: &Rect| g.any(r, |_, q| q.intersects(r));
            let free = |r: &Rect| {
                let wide = r.inflate(2.0);
                !hits(&titles, &wide) && !hits(&cards, r) && !laid.meets(&r.inflate(1.0), i)
            };
            let spot = route::label_spot(&points, w, h, free)
                .unwrap_or_else(|| Rect::centred(point_along(&points, 0.5), w, h));
            placed.push(spot);
            // Later labels keep off it; later routes too, as off a title, with room for their
            // own label beside it.
            titles.insert(spot);
            scene.titles.push(spot.inflate(EDGE_LABEL_HEIGHT / 2.0));
            routes[i].label = Some(spot);
        }
        routes[i].points = points;
    }

    let mut view = bounding_box(design);
    for r in &placed {
        view = Some(view.map_or(*r, |v| v.union(r)));
    }
    Layout {
        view_box: view.map_or(EMPTY_VIEW, |v| {
            at_least(&v.inflate(CANVAS_PADDING), &EMPTY_VIEW)
        }),
        edges: routes,
    }
}

/// `side` of `r`, or when the stub leaving its middle would cross a container's title band
/// (a card just under its container's title), the side nearest to facing `other` whose stub
/// is clear.
fn open_side(r: &Rect, side: Side, other: &Rect, bands: &[Rect]) -> Side {
    let clear = |s: Side| {
        let c = route::CLEAR;
        let strip = match s {
            Side::Top => Rect {
                y: r.y - c,
                h: c,
                x: r.x + r.w / 4.0,
                w: r.w / 2.0,
            },
            Side::Bottom => Rect {
                y: r.bottom(),
                h: c,
                x: r.x + r.w / 4.0,
                w: r.w / 2.0,
            },
            Side::Left => Rect {
                x: r.x - c,
                w: c,
                y: r.y + r.h / 4.0,
                h: r.h / 2.0,
            },
            Side::Right => Rect {
                x: r.right(),
                w: c,
                y: r.y + r.h / 4.0,
                h: r.h / 2.0,
            },
        };
        !bands.iter().any(|b| b.intersects(&strip))
    };
    let (o, c) = (other.center(), r.center());
    let across = if side.is_horizontal() {
        if o.x >= c.x {
            [Side::Right, Side::Left]
        } else {
            [Side::Left, Side::Right]
        }
    } else if o.y >= c.y {
        [Side::Bottom, Side::Top]
    } else {
        [Side::Top, Side::Bottom]
    };
    let back = match side {
        Side::Top => Side::Bottom,
        Side::Bottom => Side::Top,
        Side::Left => Side::Right,
        Side::Right => Side::Left,
    };
    [side, across[0], across[1], back]
        .into_iter()
        .find(|&s| clear(s))
        .unwrap_or(side)
}

/// When the ends of an edge are a little apart across its direction, both boxes have room
/// there and neither end moves by more than its `room`, moves both ends to their middle so the
/// edge is straight instead of a small step.
fn unjog(a: &Rect, b: &Rect, side: Side, room: (f64, f64), start: &mut Point, end: &mut Point) {
    let (s, e, lo, hi) = if side.is_horizontal() {
        (start.x, end.x, a.x.max(b.x), a.right().min(b.right()))
    } else {
        (start.y, end.y, a.y.max(b.y), a.bottom().min(b.bottom()))
    };
    let mid = (s + e) / 2.0;
    let fits = (mid - s).abs() <= room.0 && (mid - e).abs() <= room.1;
    if fits && (s - e).abs() <= 1.5 * PORT_GAP && mid >= lo + 6.0 && mid <= hi - 6.0 {
        if side.is_horizontal() {
            start.x = mid;
            end.x = mid;
        } else {
            start.y = mid;
            end.y = mid;
        }
    }
}

/// `view` grown about its centre to at least the size of `min`, so a small design is drawn
/// at the same scale as a full one instead of magnified.
fn at_least(view: &Rect, min: &Rect) -> Rect {
    let (w, h) = (view.w.max(min.w), view.h.max(min.h));
    Rect::centred(view.center(), w, h)
}

/// When the two boxes overlap across the direction of travel, moves both ends to the middle
/// of the overlap so the edge is one straight segment.
fn straighten(a: &Rect, b: &Rect, side: Side, start: &mut Point, end: &mut Point) {
    if side.is_horizontal() {
        let (lo, hi) = (a.x.max(b.x), a.right().min(b.right()));
        if hi - lo > 16.0 {
            let x = (start.x + end.x) / 2.0;
            let x = clamp(x, lo + 8.0, hi - 8.0);
            start.x = x;
            end.x = x;
        }
    } else {
        let (lo, hi) = (a.y.max(b.y), a.bottom().min(b.bottom()));
        if hi - lo > 16.0 {
            let y = (start.y + end.y) / 2.0;
            let y = clamp(y, lo + 8.0, hi - 8.0);
            start.y = y;
            end.y = y;
        }
    }
}

/// Rectangles bucketed by a square grid: "does anything here intersect" looks at the
/// rectangles sharing a cell with the query, not at all of them (what keeps routing and label
/// placement near linear in the number of edges and cards). A rectangle covering very many
/// cells is kept apart and always looked at.
#[derive(Default)]
struct RectGrid {
    rects: Vec<Rect>,
    cells: BTreeMap<(i64, i64), Vec<usize>>,
    wide: Vec<usize>,
}

impl RectGrid {
    const CELL: f64 = 256.0;
    const MAX_CELLS: i64 = 1024;

    fn span(r: &Rect) -> (i64, i64, i64, i64) {
        let c = |v: f64| (v / Self::CELL).floor() as i64;
        (c(r.x), c(r.right()), c(r.y), c(r.bottom()))
    }

    fn insert(&mut self, r: Rect) {
        let i = self.rects.len();
        self.rects.push(r);
        let (x0, x1, y0, y1) = Self::span(&r);
        let count = (x1 - x0 + 1).saturating_mul(y1 - y0 + 1);
        if !(0..=Self::MAX_CELLS).contains(&count) {
            self.wide.push(i);
            return;
        }
        for cx in x0..=x1 {
            for cy in y0..=y1 {
                self.cells.entry((cx, cy)).or_default().push(i);
            }
        }
    }

    /// Whether `hit(index in insertion order, rect)` holds for a rectangle that may meet
    /// `query` (every rectangle that intersects it is offered; others may be).
    fn any(&self, query: &Rect, hit: impl Fn(usize, &Rect) -> bool) -> bool {
        if self.wide.iter().any(|&i| hit(i, &self.rects[i])) {
            return true;
        }
        let (x0, x1, y0, y1) = Self::span(query);
        let count = (x1 - x0 + 1).saturating_mul(y1 - y0 + 1);
        if !(0..=(self.cells.len() as i64).max(Self::MAX_CELLS)).contains(&count) {
            // A query wider than the grid: look at every rectangle.
            return self.rects.iter().enumerate().any(|(i, r)| hit(i, r));
        }
        (x0..=x1).any(|cx| {
            (y0..=y1).any(|cy| {
                self.cells
                    .get(&(cx, cy))
                    .is_some_and(|list| list.iter().any(|&i| hit(i, &self.rects[i])))
            })
        })
    }
}

/// An orthogonal polyline from `start` (leaving `side`) to `end`: straight when aligned,
/// otherwise out, across at the middle, and in (the route of an edge the router gives up on, or
/// of every edge of a design too large to route).
fn orthogonal(start: Point, end: Point, side: Side) -> Vec<Point> {
    let mid = Point {
        x: (start.x + end.x) / 2.0,
        y: (start.y + end.y) / 2.0,
    };
    let pts = if side.is_horizontal() {
        [
            start,
            Point { y: mid.y, ..start },
            Point { y: mid.y, ..end },
            end,
        ]
    } else {
        [
            start,
            Point { x: mid.x, ..start },
            Point { x: mid.x, ..end },
            end,
        ]
    };
    route::simplify(pts.into())
}

/// The point a fraction `f` (0–1) of the way along a polyline.
pub fn point_along(points: &[Point], f: f64) -> Point {
    let seg_len = |a: &Point, b: &Point| ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt();
    let total: f64 = points.windows(2).map(|w| seg_len(&w[0], &w[1])).sum();
    let mut left = total * clamp(f, 0.0, 1.0);
    for w in points.windows(2) {
        let l = seg_len(&w[0], &w[1]);
        if l > 0.0 && left <= l {
            let t = left / l;
            return Point {
                x: w[0].x + (w[1].x - w[0].x) * t,
                y: w[0].y + (w[1].y - w[0].y) * t,
            };
        }
        left -= l;
    }
    points.last().copied().unwrap_or_default()
}

/// A number as SVG markup wants it: at most two decimals, no trailing zeros.
pub fn fmt_num(v: f64) -> String {
    crate::core::support::numtext::fixed2(v)
}

/// `v` kept within `lo..=hi` (`hi` when `lo > hi`, `lo` for a NaN). Unlike `f64::clamp` it never
/// panics, and so does not bring the panic message's float formatting into the wasm.
pub fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    v.max(lo).min(hi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::catalogue::{EdgeKind, Kind};
    use crate::core::document::model::{ListenerRule, Size};
    use crate::core::document::region::Region;

    fn r(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    fn node(d: &mut Design, id: &str, kind: Kind, x: f64, y: f64) {
        d.add_node(Node::new(id, kind, Point { x, y }));
    }

    fn edge(d: &mut Design, id: &str, from: &str, to: &str, path: Option<&str>) {
        d.add_edge(Edge {
            id: id.into(),
            kind: if path.is_some() {
                EdgeKind::AlbRule
            } else {
                EdgeKind::Https
            },
            from: from.into(),
            to: to.into(),
            label: String::new(),
            rule: path.map(|p| ListenerRule {
                priority: 10,
                path_pattern: p.into(),
            }),
        });
    }

    /// ALB above two services, with two rules to the second: the Party Box fan-out.
    fn fan_out() -> Design {
        let mut d = Design::empty("t", Region::ApNortheast1);
        node(&mut d, "alb", Kind::Alb, 400.0, 100.0);
        node(&mut d, "next", Kind::EcsService, 250.0, 300.0);
        node(&mut d, "nest", Kind::EcsService, 550.0, 300.0);
        edge(&mut d, "r1", "alb", "next", Some("/*"));
        edge(&mut d, "r2", "alb", "nest", Some("/api/*"));
        edge(&mut d, "r3", "alb", "nest", Some("/socket.io/*"));
        d
    }

    fn segments(p: &[Point]) -> Vec<(Point, Point)> {
        p.windows(2).map(|w| (w[0], w[1])).collect()
    }

    #[test]
    fn anchors_sit_on_the_middle_of_each_side() {
        let b = r(10.0, 20.0, 100.0, 40.0);
        assert_eq!(anchor(&b, Side::Top, 0.0), Point { x: 60.0, y: 20.0 });
        assert_eq!(anchor(&b, Side::Bottom, 0.0), Point { x: 60.0, y: 60.0 });
        assert_eq!(anchor(&b, Side::Left, 0.0), Point { x: 10.0, y: 40.0 });
        assert_eq!(anchor(&b, Side::Right, 5.0), Point { x: 110.0, y: 45.0 });
        // Offsets never leave the side.
        assert_eq!(anchor(&b, Side::Top, 500.0), Point { x: 110.0, y: 20.0 });
    }

    #[test]
    fn facing_sides_follow_the_larger_gap() {
        let a = r(0.0, 0.0, 100.0, 50.0);
        assert_eq!(
            facing_sides(&a, &r(0.0, 200.0, 100.0, 50.0)),
            (Side::Bottom, Side::Top)
        );
        assert_eq!(
            facing_sides(&a, &r(300.0, 20.0, 100.0, 50.0)),
            (Side::Right, Side::Left)
        );
        assert_eq!(
            facing_sides(&a, &r(-300.0, -40.0, 100.0, 50.0)),
            (Side::Left, Side::Right)
        );
        assert_eq!(
            facing_sides(&a, &r(150.0, -300.0, 100.0, 50.0)),
            (Side::Top, Side::Bottom)
        );
        // A box inside another: by the centres.
        assert_eq!(
            facing_sides(&r(0.0, 0.0, 400.0, 400.0), &r(180.0, 300.0, 50.0, 50.0)),
            (Side::Bottom, Side::Top)
        );
    }

    #[test]
    fn bounding_box_holds_every_node() {
        let mut d = fan_out();
        let mut vpc = Node::new("vpc", Kind::Vpc, Point { x: 100.0, y: 50.0 });
        vpc.size = Some(Size { w: 900.0, h: 500.0 });
        d.add_node(vpc);
        assert_eq!(bounding_box(&d), Some(r(100.0, 50.0, 900.0, 500.0)));
        assert_eq!(bounding_box(&Design::empty("e", Region::UsEast1)), None);
        // Smaller than the smallest view: centred in it.
        let l = layout(&d);
        assert_eq!(l.view_box, r(-50.0, -60.0, 1200.0, 720.0));
        assert_eq!(l.view_box.view_box_attr(), "-50 -60 1200 720");
        // Larger: the box and the padding.
        let vpc = d.nodes.get_mut(&NodeId::from("vpc")).unwrap();
        vpc.size = Some(Size {
            w: 1400.0,
            h: 900.0,
        });
        assert_eq!(
            layout(&d).view_box,
            r(100.0, 50.0, 1400.0, 900.0).inflate(CANVAS_PADDING)
        );
    }

    #[test]
    fn empty_design_gets_the_default_view() {
        let l = layout(&Design::empty("e", Region::UsEast1));
        assert_eq!(l.view_box, EMPTY_VIEW);
        assert!(l.edges.is_empty());
    }

    #[test]
    fn aligned_nodes_get_one_straight_segment() {
        let mut d = Design::empty("t", Region::ApNortheast1);
        node(&mut d, "users", Kind::Users, 400.0, 0.0);
        node(&mut d, "alb", Kind::Alb, 410.0, 200.0);
        edge(&mut d, "e", "users", "alb", None);
        let l = layout(&d);
        let p = &l.edges[0].points;
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].x, p[1].x);
        assert_eq!(p[0].y, 76.0, "leaves the bottom of users");
        assert_eq!(p[1].y, 200.0, "enters the top of the ALB");
        assert!(p[0].x > 410.0 && p[0].x < 520.0, "within both boxes");
    }

    #[test]
    fn routes_are_orthogonal_and_end_on_the_boxes() {
        let d = fan_out();
        let l = layout(&d);
        assert_eq!(l.edges.len(), 3);
        for e in &l.edges {
            for (a, b) in segments(&e.points) {
                assert!(a.x == b.x || a.y == b.y, "{}: diagonal segment", e.id);
            }
            let first = e.points[0];
            let last = *e.points.last().unwrap();
            assert_eq!(first.y, 176.0, "{} leaves the ALB's bottom", e.id);
            assert_eq!(last.y, 300.0, "{} enters the service's top", e.id);
        }
        // Edges sharing the ALB's bottom leave it at different points, left to right.
        let xs: Vec<f64> = l.edges.iter().map(|e| e.points[0].x).collect();
        assert!(xs[0] < xs[1] && xs[1] < xs[2], "{xs:?}");
    }

    #[test]
    fn parallel_edges_do_not_overlap_or_cross() {
        let l = layout(&fan_out());
        let a = &l.edges[1].points;
        let b = &l.edges[2].points;
        assert_ne!(a[1].y, b[1].y, "turn at different heights");
        // The horizontal segment of one must not cross a vertical segment of the other.
        for (h, v) in [(a, b), (b, a)] {
            let (y, x0, x1) = (h[1].y, h[1].x.min(h[2].x), h[1].x.max(h[2].x));
            for (p, q) in segments(v) {
                if p.x == q.x {
                    let (y0, y1) = (p.y.min(q.y), p.y.max(q.y));
                    let crosses = p.x > x0 && p.x < x1 && y > y0 && y < y1;
                    assert!(!crosses, "segments cross at ({}, {y})", p.x);
                }
            }
        }
    }

    #[test]
    fn labels_avoid_each_other_and_the_cards() {
        let d = fan_out();
        let l = layout(&d);
        let labels: Vec<Rect> = l.edges.iter().filter_map(|e| e.label).collect();
        assert_eq!(labels.len(), 3);
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                assert!(!a.intersects(b), "{a:?} overlaps {b:?}");
            }
            for n in d.nodes.values() {
                assert!(!a.intersects(&Rect::of(n)), "{a:?} covers {}", n.id);
            }
        }
        // The label sits on its route, centred on it, and is as wide as its text needs.
        let e = &l.edges[0];
        let c = e.label.unwrap().center();
        assert!(segments(&e.points).iter().any(|(p, q)| {
            let on_x = (p.x - q.x).abs() < 1e-9 && (c.x - p.x).abs() < 1e-9;
            let on_y = (p.y - q.y).abs() < 1e-9 && (c.y - p.y).abs() < 1e-9;
            on_x || on_y
        }));
        assert_eq!(e.label.unwrap().w, label_size("/*").0);
    }

    #[test]
    fn unlabelled_and_dangling_edges() {
        let mut d = fan_out();
        edge(&mut d, "plain", "next", "nest", None);
        edge(&mut d, "dangling", "next", "ghost", None);
        edge(&mut d, "self", "next", "next", None);
        let l = layout(&d);
        let ids: Vec<&str> = l.edges.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["plain", "r1", "r2", "r3"]);
        assert_eq!(l.edges[0].label, None);
        // Side by side: right side to left side, straight across.
        assert_eq!(l.edges[0].points.len(), 2);
        assert_eq!(l.edges[0].points[0].x, 370.0);
        assert_eq!(l.edges[0].points[1].x, 550.0);
    }

    #[test]
    fn text_width_and_fitting() {
        assert_eq!(mono_width("ab", 10.0), 12.0);
        assert_eq!(text_width("雲図", 10.0), 20.0);
        assert!(text_width("ill", 10.0) < text_width("mmm", 10.0));
        assert_eq!(fit_text("ALB", 100.0, 12.0, 9.0), ("ALB".to_owned(), 12.0));
        // Slightly too long: smaller font.
        let (t, f) = fit_text("インターネットゲートウェイ", 120.0, 12.0, 9.0);
        assert_eq!(t, "インターネットゲートウェイ");
        assert!((9.0..12.0).contains(&f) && text_width(&t, f) <= 120.0 + 1e-9);
        // Far too long: cut at the smallest font.
        let (t, f) = fit_text(&"x".repeat(100), 60.0, 12.0, 9.0);
        assert_eq!(f, 9.0);
        assert!(t.ends_with('…') && text_width(&t, f) <= 60.0);
    }

    #[test]
    fn caption_parts_wrap_onto_lines() {
        let parts: Vec<String> = ["0.5 vCPU", "1 GB", "2–4 tasks"].map(String::from).into();
        assert_eq!(
            wrap_parts(&parts, " · ", 1000.0, 10.0),
            ["0.5 vCPU · 1 GB · 2–4 tasks"]
        );
        let narrow = text_width("0.5 vCPU · 1 GB", 10.0);
        assert_eq!(
            wrap_parts(&parts, " · ", narrow, 10.0),
            ["0.5 vCPU · 1 GB", "2–4 tasks"]
        );
        // A part longer than a line still gets a line of its own.
        assert_eq!(wrap_parts(&parts, " · ", 1.0, 10.0).len(), 3);
        assert!(wrap_parts(&[], " · ", 100.0, 10.0).is_empty());
    }

    #[test]
    fn small_steps_between_shared_sides_are_straightened() {
        // Two edges leave the ALB's right side; the one to a box level with it runs straight.
        let mut d = Design::empty("t", Region::ApNortheast1);
        node(&mut d, "alb", Kind::Alb, 0.0, 100.0);
        node(&mut d, "ecr", Kind::Ecr, 400.0, 100.0);
        node(&mut d, "low", Kind::Cloudwatch, 400.0, 400.0);
        edge(&mut d, "a", "alb", "ecr", None);
        edge(&mut d, "b", "alb", "low", None);
        let l = layout(&d);
        // The ALB's two ports stay a channel apart, so the route to the level box keeps a jog
        // no larger than half the ports' spread and bends at most twice.
        let p = &l.edges[0].points;
        assert!(p.len() <= 4, "{p:?}");
        assert!((p[0].y - p[p.len() - 1].y).abs() <= PORT_GAP / 2.0, "{p:?}");
        assert!((l.edges[0].points[0].y - l.edges[1].points[0].y).abs() >= route::CHANNEL);
    }

    #[test]
    fn a_card_in_the_way_is_bypassed() {
        // NAT below the ALB below the IGW, all in one column: NAT → IGW goes around the ALB.
        let mut d = Design::empty("t", Region::ApNortheast1);
        node(&mut d, "igw", Kind::InternetGateway, 100.0, 0.0);
        node(&mut d, "alb", Kind::Alb, 100.0, 200.0);
        node(&mut d, "nat", Kind::NatGateway, 100.0, 400.0);
        edge(&mut d, "e", "nat", "igw", None);
        let l = layout(&d);
        let p = &l.edges[0].points;
        let alb = Rect::of(d.node("alb").unwrap());
        assert!(
            segments(p).iter().all(|(a, b)| {
                let seg = Rect {
                    x: a.x.min(b.x),
                    y: a.y.min(b.y),
                    w: (a.x - b.x).abs(),
                    h: (a.y - b.y).abs(),
                };
                !seg.intersects(&alb.inflate(route::CLEAR - 1.0))
            }),
            "keeps clear of the ALB: {p:?}"
        );
        for (a, b) in segments(p) {
            assert!(a.x == b.x || a.y == b.y, "orthogonal: {p:?}");
        }
        assert_eq!(p[0].y, 400.0, "leaves the NAT's top");
        assert_eq!(p[p.len() - 1].y, 76.0, "enters the IGW's bottom");
        assert!(p.len() <= 6, "{p:?}");
    }

    #[test]
    fn the_party_box_diagram_reads_cleanly() {
        let d = crate::core::document::templates::find("party-box")
            .unwrap()
            .design()
            .unwrap();
        let l = layout(&d);
        assert_eq!(l.edges.len(), d.edges.len(), "every edge is drawn");
        let labels: Vec<Rect> = l.edges.iter().filter_map(|e| e.label).collect();
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                assert!(!a.intersects(b), "labels {a:?} and {b:?} overlap");
            }
        }
        let q = crate::core::exchange::arrange::quality::measure_layout(&d, &l);
        assert_eq!(q.faults(), 0, "{:?}", q.seen);
        let bb = bounding_box(&d).unwrap();
        assert!(l.view_box.w >= bb.w && l.view_box.h >= bb.h);
    }

    #[test]
    fn every_template_lays_out() {
        for t in crate::core::document::templates::TEMPLATES {
            let d = t.design().unwrap();
            let l = layout(&d);
            assert_eq!(
                l.edges.len(),
                d.edges.len(),
                "{}: every edge is drawn",
                t.id
            );
            for e in &l.edges {
                assert!(e.points.len() >= 2, "{}: {}", t.id, e.id);
                assert!(e.points.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
            }
            assert!(l.view_box.w > 0.0 && l.view_box.h > 0.0, "{}", t.id);
        }
    }

    #[test]
    fn path_and_numbers() {
        let e = EdgeRoute {
            id: "e".into(),
            points: vec![Point { x: 1.5, y: 2.0 }, Point { x: 1.5, y: 10.333 }],
            label: None,
        };
        assert_eq!(e.path_d(), "M1.5 2 L1.5 10.33");
        assert_eq!(fmt_num(-0.001), "0");
        assert_eq!(point_along(&e.points, 0.5).y, 6.1665);
    }
}
