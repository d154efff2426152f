//! How clean a drawn diagram is: the faults issue 18 counts on an export (connectors through
//! cards, connectors or labels over container titles, labels on cards or on other lines or
//! labels, parallel segments closer than 10 px) and what makes it harder to read (crossings,
//! bends). Measured on `geometry::layout`, the placement the canvas and every export draw.
//! For the benchmark and the tests; quadratic, never on the editor's path.

use crate::core::document::model::{Design, Point};
use crate::core::drawing::faces::title_band;
use crate::core::drawing::geometry::{layout, Layout, Rect};

/// Least distance between parallel segments of two connectors.
pub const MIN_CHANNEL: f64 = 10.0;

/// The counts, per design.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quality {
    /// (connector, card) pairs where the connector passes through a card that is not one of
    /// its ends.
    pub through_cards: usize,
    /// (connector or label, container) pairs where it covers the container's title band.
    pub over_titles: usize,
    /// Labels that cover a card, another label or another connector.
    pub labels_on_things: usize,
    /// Pairs of parallel segments of two connectors closer than `MIN_CHANNEL` along a shared
    /// stretch.
    pub close_parallels: usize,
    /// Points where two connectors cross.
    pub crossings: usize,
    /// Bends over all connectors.
    pub bends: usize,
    /// Each fault in words (which connector, on what).
    pub seen: Vec<String>,
}

impl Quality {
    /// The four faults (what must be zero).
    pub fn faults(&self) -> usize {
        self.through_cards + self.over_titles + self.labels_on_things + self.close_parallels
    }
}

/// A segment's box (zero width or height).
fn seg_rect(a: Point, b: Point) -> Rect {
    Rect {
        x: a.x.min(b.x),
        y: a.y.min(b.y),
        w: (a.x - b.x).abs(),
        h: (a.y - b.y).abs(),
    }
}

/// Whether a segment passes through the inside of `r` (shrunk by `by`; touching does not count).
fn seg_in(a: Point, b: Point, r: &Rect, by: f64) -> bool {
    let s = seg_rect(a, b);
    let r = r.inflate(-by);
    s.x < r.right() && r.x < s.right() && s.y < r.bottom() && r.y < s.bottom()
}

/// Measures `design` as drawn.
pub fn measure(design: &Design) -> Quality {
    measure_layout(design, &layout(design))
}

/// Measures `design` drawn as `l`.
pub fn measure_layout(design: &Design, l: &Layout) -> Quality {
    let cards: Vec<(&str, Rect)> = design
        .nodes
        .values()
        .filter(|n| !n.kind.is_container())
        .map(|n| (n.id.as_str(), Rect::of(n)))
        .collect();
    let titles: Vec<(&str, Rect)> = design
        .nodes
        .values()
        .filter(|n| n.kind.is_container())
        .map(|n| (n.id.as_str(), title_band(n, design.region)))
        .collect();
    let ends = |i: usize| {
        let e = &design.edges[&l.edges[i].id];
        (e.from.as_str(), e.to.as_str())
    };
    let segs: Vec<(usize, Point, Point)> = l
        .edges
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.points.windows(2).map(move |w| (i, w[0], w[1])))
        .filter(|(_, a, b)| a != b)
        .collect();
    let mut q = Quality::default();
    for (i, r) in l.edges.iter().enumerate() {
        let (from, to) = ends(i);
        let mine = || segs.iter().filter(|s| s.0 == i);
        q.bends += r.points.len().saturating_sub(2);
        for (id, c) in &cards {
            if *id != from && *id != to && mine().any(|s| seg_in(s.1, s.2, c, 0.5)) {
                q.through_cards += 1;
                q.seen.push(format!("{} through card {id}", r.id));
            }
        }
        for (id, t) in &titles {
            let line = *id != from && *id != to && mine().any(|s| seg_in(s.1, s.2, t, 0.5));
            let label = r.label.is_some_and(|lb| lb.intersects(t));
            q.over_titles += usize::from(line) + usize::from(label);
            if line || label {
                q.seen.push(format!(
                    "{} (line {line}, label {label}) over {id}'s title",
                    r.id
                ));
            }
        }
        if let Some(lb) = r.label {
            let lb = lb.inflate(-0.5);
            let on_card = cards.iter().any(|(_, c)| c.intersects(&lb));
            let on_label = l
                .edges
                .iter()
                .enumerate()
                .any(|(j, o)| j != i && o.label.is_some_and(|ol| ol.intersects(&lb)));
            let on_line = segs
                .iter()
                .any(|s| s.0 != i && seg_in(s.1, s.2, &lb.inflate(0.5), 0.0));
            q.labels_on_things += usize::from(on_card || on_label || on_line);
            if on_card || on_label || on_line {
                q.seen.push(format!(
                    "{}'s label on a card {on_card}, a label {on_label}, a line {on_line}",
                    r.id
                ));
            }
        }
    }
    for (k, &(i, a, b)) in segs.iter().enumerate() {
        let h = a.y == b.y;
        for &(j, c, d) in &segs[k + 1..] {
            if i == j {
                continue;
            }
            let h2 = c.y == d.y;
            let (s, t) = (seg_rect(a, b), seg_rect(c, d));
            if h == h2 {
                let (gap, lo, hi) = if h {
                    ((a.y - c.y).abs(), s.x.max(t.x), s.right().min(t.right()))
                } else {
                    ((a.x - c.x).abs(), s.y.max(t.y), s.bottom().min(t.bottom()))
                };
                if gap < MIN_CHANNEL && hi - lo > 0.5 {
                    q.close_parallels += 1;
                    let (ei, ej) = (&l.edges[i].id, &l.edges[j].id);
                    q.seen.push(format!("{ei} and {ej} {gap} apart near {a:?}"));
                }
            } else {
                let (hs, vs) = if h { (s, t) } else { (t, s) };
                if vs.x > hs.x && vs.x < hs.right() && hs.y > vs.y && hs.y < vs.bottom() {
                    q.crossings += 1;
                }
            }
        }
    }
    q
}
