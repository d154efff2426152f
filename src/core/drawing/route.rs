//! The connector router: orthogonal routes that go around cards and container titles, keep
//! parallel runs in channels of their own, cross few other routes, and stay inside the
//! container both ends share where they can; then each label on its own route, clear of
//! everything else.
//!
//! The ideas are libavoid's orthogonal routing (a shortest path with bend penalties over a
//! sparse grid made of the obstacles' sides, then nudging apart what shares a channel) done in
//! one pass: each route, shortest first, searches a grid of the lines its window offers (the
//! obstacles' sides at a clearance, the channels beside routes already laid, the middles
//! between them), with what it would cost to run close beside or across a route already laid
//! priced in, so it takes a channel of its own instead of being nudged afterwards.
//! Pure math over rectangles; no float formatting (first load).

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use crate::core::document::model::Point;
use crate::core::drawing::geometry::{Rect, Side};
use crate::core::support::sort;

/// Room a route keeps from the cards and titles it passes; also the straight stub it leaves
/// and enters a box with.
pub const CLEAR: f64 = 12.0;
/// Distance between parallel segments of two routes (what any two keep when they can).
pub const CHANNEL: f64 = 12.0;
/// Routes are searched within their ends' box grown by this much (then by `WIDE`).
const MARGIN: f64 = 160.0;
const WIDE: f64 = 600.0;
/// The most grid lines a search takes (beyond it the edge gets the plain route).
const MAX_CELLS: usize = 8_000;

// What a route pays, in canvas units of length: a bend, crossing another route, crossing a
// container's border, running in a card's clearance, over a title, close beside another route,
// and outside the container both ends share.
const BEND: f64 = 36.0;
const CROSS: f64 = 48.0;
const BORDER: f64 = 16.0;
const NEAR: f64 = 60.0;
const TITLE: f64 = 1500.0;
const CLOSE: f64 = 3000.0;
const OUTSIDE: f64 = 80.0;

/// A segment laid: where it runs across, its span, its route, and whether it is the way into
/// a port (which no other route crosses).
#[derive(Clone, Copy)]
struct Seg {
    at: f64,
    from: f64,
    to: f64,
    edge: usize,
    port: bool,
}

/// The segments laid so far, bucketed by orientation and by where they run across (a bucket is
/// `CHANNEL` wide).
#[derive(Default)]
pub struct Segs {
    buckets: BTreeMap<(bool, i64), Vec<Seg>>,
}

fn bucket(at: f64) -> i64 {
    (at / CHANNEL).floor() as i64
}

impl Segs {
    /// Adds route `edge`'s polyline.
    pub fn add(&mut self, edge: usize, points: &[Point]) {
        self.lay(edge, points, false);
    }

    /// Keeps the way into a port of `edge` on `side` free: twice the stub, laid before any route.
    pub fn add_port(&mut self, edge: usize, port: Point, side: Side) {
        self.lay(edge, &[port, step(port, side, 2.0 * CLEAR)], true);
    }

    fn lay(&mut self, edge: usize, points: &[Point], port: bool) {
        for w in points.windows(2) {
            let (a, b) = (w[0], w[1]);
            let h = a.y == b.y;
            let (at, p, q) = if h { (a.y, a.x, b.x) } else { (a.x, a.y, b.y) };
            if p != q {
                self.buckets.entry((h, bucket(at))).or_default().push(Seg {
                    at,
                    from: p.min(q),
                    to: p.max(q),
                    edge,
                    port,
                });
            }
        }
    }

    /// The segments of routes other than `edge` of orientation `h` whose `at` is in `lo..=hi`.
    fn within(&self, h: bool, lo: f64, hi: f64, edge: usize) -> impl Iterator<Item = &Seg> {
        let hi = hi.max(lo);
        self.buckets
            .range((h, bucket(lo))..=(h, bucket(hi)))
            .flat_map(|(_, v)| v)
            .filter(move |s| s.edge != edge && s.at >= lo && s.at <= hi)
    }

    /// What running from `a` to `b` (axis-aligned) costs beside and across the routes laid.
    fn cost(&self, a: Point, b: Point, edge: usize) -> f64 {
        let h = a.y == b.y;
        let (at, p, q) = if h { (a.y, a.x, b.x) } else { (a.x, a.y, b.y) };
        let (lo, hi) = (p.min(q), p.max(q));
        let close = self
            .within(h, at - CHANNEL + 0.5, at + CHANNEL - 0.5, edge)
            .any(|s| s.from.max(lo) + 0.5 < s.to.min(hi));
        let crossings: f64 = self
            .within(!h, lo + 0.01, hi - 0.01, edge)
            .filter(|s| s.from < at && at < s.to)
            .map(|s| if s.port { TITLE } else { CROSS })
            .sum();
        f64::from(u8::from(close)) * CLOSE + crossings
    }

    /// Whether a segment of a route other than `edge` passes through `r`.
    pub fn meets(&self, r: &Rect, edge: usize) -> bool {
        let hit = |h: bool, lo: f64, hi: f64, from: f64, to: f64| {
            self.within(h, lo, hi, edge)
                .any(|s| s.from < to && from < s.to)
        };
        hit(true, r.y, r.bottom(), r.x, r.right()) || hit(false, r.x, r.right(), r.y, r.bottom())
    }
}

/// The rectangles a route avoids or prefers, near one edge.
pub struct Scene {
    /// Cards: never crossed, passed at `CLEAR` when there is room.
    pub cards: Vec<Rect>,
    /// Container title bands and the labels placed so far: avoided.
    pub titles: Vec<Rect>,
    /// Container boxes: crossing a border costs a little.
    pub boxes: Vec<Rect>,
    /// The container both ends share: leaving it costs.
    pub inside: Option<Rect>,
}

/// The outward unit step of `side`.
fn normal(side: Side) -> (f64, f64) {
    match side {
        Side::Top => (0.0, -1.0),
        Side::Bottom => (0.0, 1.0),
        Side::Left => (-1.0, 0.0),
        Side::Right => (1.0, 0.0),
    }
}

/// `p` moved `by` out of `side`.
pub fn step(p: Point, side: Side, by: f64) -> Point {
    let (dx, dy) = normal(side);
    Point {
        x: p.x + dx * by,
        y: p.y + dy * by,
    }
}

/// Direction index of a unit step: 0 right, 1 left, 2 down, 3 up.
fn dir_of(dx: f64, dy: f64) -> usize {
    match (dx > 0.0, dx < 0.0, dy > 0.0) {
        (true, _, _) => 0,
        (_, true, _) => 1,
        (_, _, true) => 2,
        _ => 3,
    }
}

/// The grid lines of one axis: sorted, without near duplicates (`keep` stays exact), with the
/// middles of wide gaps added, within `lo..=hi`.
fn lines(mut v: Vec<f64>, keep: [f64; 2], lo: f64, hi: f64) -> Vec<f64> {
    v.retain(|x| *x >= lo && *x <= hi);
    v.extend(keep);
    sort::sort_by(&mut v, f64::total_cmp);
    let mut out: Vec<f64> = Vec::with_capacity(v.len() * 2);
    for x in v {
        if let Some(last) = out.last_mut() {
            if x - *last < 4.0 && !(keep.contains(&x) && keep.contains(last)) {
                if keep.contains(&x) {
                    *last = x;
                }
                continue;
            }
            if x - *last > 3.0 * CHANNEL {
                let mid = (*last + x) / 2.0;
                out.push(mid);
            }
        }
        out.push(x);
    }
    out
}

/// An orthogonal route from `start` (on `sides.0` of its box) to `end` (on `sides.1`), out and
/// in by a stub of `CLEAR`; `None` when no route is found near the two ends.
pub fn route(
    start: Point,
    end: Point,
    sides: (Side, Side),
    scene: &Scene,
    laid: &Segs,
    edge: usize,
    budget: &mut usize,
) -> Option<Vec<Point>> {
    let (s, t) = (step(start, sides.0, CLEAR), step(end, sides.1, CLEAR));
    let span = Rect {
        x: s.x.min(t.x),
        y: s.y.min(t.y),
        w: (s.x - t.x).abs(),
        h: (s.y - t.y).abs(),
    };
    let path = [MARGIN, WIDE]
        .iter()
        .find_map(|&m| search(s, t, sides, &span.inflate(m), scene, laid, edge, budget))?;
    let mut pts = vec![start];
    pts.extend(path);
    pts.push(end);
    Some(simplify(pts))
}

/// Drops repeated points and the middle of three collinear ones.
pub fn simplify(pts: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(pts.len());
    for p in pts {
        if out.last() == Some(&p) {
            continue;
        }
        if let [.., a, b] = out[..] {
            if (a.x == b.x && b.x == p.x) || (a.y == b.y && b.y == p.y) {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// The cheapest path over the grid of `window` from stub `s` to stub `t`, looking at no more
/// than `budget` grid points (what it looks at is taken off).
#[allow(clippy::too_many_arguments)]
fn search(
    s: Point,
    t: Point,
    sides: (Side, Side),
    window: &Rect,
    scene: &Scene,
    laid: &Segs,
    edge: usize,
    budget: &mut usize,
) -> Option<Vec<Point>> {
    let near = |r: &&Rect| r.intersects(window);
    let cards: Vec<&Rect> = scene.cards.iter().filter(near).collect();
    let titles: Vec<&Rect> = scene.titles.iter().filter(near).collect();
    let boxes: Vec<&Rect> = scene.boxes.iter().filter(near).collect();
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for r in cards.iter().chain(&titles) {
        xs.extend([r.x - CLEAR, r.right() + CLEAR]);
        ys.extend([r.y - CLEAR, r.bottom() + CLEAR]);
    }
    for r in &boxes {
        xs.extend([
            r.x - CLEAR,
            r.x + CLEAR,
            r.right() - CLEAR,
            r.right() + CLEAR,
        ]);
        ys.extend([r.y - CLEAR, r.bottom() - CLEAR, r.bottom() + CLEAR]);
    }
    for (h, list) in [(false, &mut xs), (true, &mut ys)] {
        let (lo, hi) = if h {
            (window.y, window.bottom())
        } else {
            (window.x, window.right())
        };
        let (from, to) = if h {
            (window.x, window.right())
        } else {
            (window.y, window.bottom())
        };
        for seg in laid
            .within(h, lo, hi, usize::MAX)
            .filter(|g| g.from < to && from < g.to)
        {
            list.extend([seg.at - CHANNEL, seg.at + CHANNEL]);
        }
    }
    xs.extend([window.x, window.right()]);
    ys.extend([window.y, window.bottom()]);
    let xs = lines(xs, [s.x, t.x], window.x, window.right());
    let ys = lines(ys, [s.y, t.y], window.y, window.bottom());
    let (nx, ny) = (xs.len(), ys.len());
    if nx * ny > MAX_CELLS {
        return None;
    }
    let find = |v: &[f64], x: f64| v.iter().position(|&y| y == x);
    let (si, sj, ti, tj) = (
        find(&xs, s.x)?,
        find(&ys, s.y)?,
        find(&xs, t.x)?,
        find(&ys, t.y)?,
    );
    let p = |i: usize, j: usize| Point { x: xs[i], y: ys[j] };

    // What the move between two neighbouring grid points costs beyond its length (None: it
    // crosses a card). Its middle tells: no grid line runs through a card's clearance.
    let toll = |a: Point, b: Point| -> Option<f64> {
        let m = Point {
            x: (a.x + b.x) / 2.0,
            y: (a.y + b.y) / 2.0,
        };
        let inside = |r: &Rect, by: f64| {
            m.x > r.x - by && m.x < r.right() + by && m.y > r.y - by && m.y < r.bottom() + by
        };
        if cards.iter().any(|c| inside(c, 0.5)) {
            return None;
        }
        let mut c = laid.cost(a, b, edge);
        c += NEAR * cards.iter().filter(|r| inside(r, CLEAR - 0.5)).count() as f64;
        c += TITLE * titles.iter().filter(|r| inside(r, 2.0)).count() as f64;
        let holds =
            |r: &Rect, q: Point| q.x > r.x && q.x < r.right() && q.y > r.y && q.y < r.bottom();
        c += BORDER * boxes.iter().filter(|r| holds(r, a) != holds(r, b)).count() as f64;
        if let Some(r) = &scene.inside {
            if !inside(&r.inflate(-4.0), 0.0) {
                c += OUTSIDE + (b.x - a.x).abs() + (b.y - a.y).abs();
            }
        }
        Some(c)
    };

    // Dijkstra (A* with the distance left) over (point, direction of arrival).
    let (sx, sy) = normal(sides.0);
    let (ex, ey) = normal(sides.1);
    let goal_dir = dir_of(-ex, -ey);
    let state = |i: usize, j: usize, d: usize| (j * nx + i) * 4 + d;
    let scale = |c: f64| (c * 8.0) as i64;
    let guess = |i: usize, j: usize| scale(1.25 * ((xs[i] - t.x).abs() + (ys[j] - t.y).abs()));
    let mut best = vec![i64::MAX; nx * ny * 4];
    let mut prev = vec![u32::MAX; nx * ny * 4];
    let mut heap = BinaryHeap::new();
    let s0 = state(si, sj, dir_of(sx, sy));
    best[s0] = 0;
    heap.push(Reverse((guess(si, sj), 0i64, s0)));
    let mut found = None;
    // The toll of each move, once: moves are (point, direction) pairs; NaN until known.
    let mut tolls = vec![f64::NAN; nx * ny * 4];
    while let Some(Reverse((_, cost, st))) = heap.pop() {
        if cost > best[st] {
            continue;
        }
        *budget = budget.checked_sub(1)?;
        let (cell, d) = (st / 4, st % 4);
        let (i, j) = (cell % nx, cell / nx);
        if (i, j) == (ti, tj) {
            found = Some(st);
            break;
        }
        for nd in 0..4 {
            if nd ^ 1 == d {
                continue; // no turning back
            }
            let (ni, nj) = match nd {
                0 if i + 1 < nx => (i + 1, j),
                1 if i > 0 => (i - 1, j),
                2 if j + 1 < ny => (i, j + 1),
                3 if j > 0 => (i, j - 1),
                _ => continue,
            };
            let (a, b) = (p(i, j), p(ni, nj));
            // A move and its reverse cost the same: keyed by its left or upper end.
            let key = state(i.min(ni), j.min(nj), usize::from(nd >= 2));
            if tolls[key].is_nan() {
                tolls[key] = toll(a, b).unwrap_or(f64::INFINITY);
            }
            let extra = tolls[key];
            if extra.is_infinite() {
                continue;
            }
            let mut c = (b.x - a.x).abs() + (b.y - a.y).abs() + extra;
            if nd != d {
                c += BEND;
            }
            if (ni, nj) == (ti, tj) && nd != goal_dir {
                c += BEND;
            }
            let next = cost + scale(c);
            let ns = state(ni, nj, nd);
            if next < best[ns] {
                best[ns] = next;
                prev[ns] = st as u32;
                heap.push(Reverse((next + guess(ni, nj), next, ns)));
            }
        }
    }
    let mut st = found?;
    let mut path = vec![p(ti, tj)];
    while prev[st] != u32::MAX {
        st = prev[st] as usize;
        let cell = st / 4;
        path.push(p(cell % nx, cell / nx));
    }
    path.reverse();
    Some(path)
}

/// Where an edge's label of size `w`×`h` sits: centred on one of its own segments, longest
/// first, from the middle outwards, at the first spot that `free` accepts; `None` when none is.
pub fn label_spot(points: &[Point], w: f64, h: f64, free: impl Fn(&Rect) -> bool) -> Option<Rect> {
    let mut segs: Vec<(Point, Point)> = points.windows(2).map(|p| (p[0], p[1])).collect();
    let len = |s: &(Point, Point)| (s.1.x - s.0.x).abs() + (s.1.y - s.0.y).abs();
    sort::sort_by(&mut segs, |a, b| len(b).total_cmp(&len(a)));
    segs.iter().find_map(|s| {
        let l = len(s);
        let steps = (l / 2.0 / 6.0) as i32;
        (0..=steps).flat_map(|k| [k, -k]).find_map(|k| {
            let f = 0.5 + f64::from(k) * 6.0 / l.max(1.0);
            let c = Point {
                x: s.0.x + (s.1.x - s.0.x) * f,
                y: s.0.y + (s.1.y - s.0.y) * f,
            };
            let r = Rect::centred(c, w, h);
            free(&r).then_some(r)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    fn scene(cards: Vec<Rect>, titles: Vec<Rect>) -> Scene {
        Scene {
            cards,
            titles,
            boxes: Vec::new(),
            inside: None,
        }
    }

    fn crosses(p: &[Point], r: &Rect) -> bool {
        p.windows(2).any(|w| {
            let s = Rect {
                x: w[0].x.min(w[1].x),
                y: w[0].y.min(w[1].y),
                w: (w[0].x - w[1].x).abs(),
                h: (w[0].y - w[1].y).abs(),
            };
            s.x < r.right() && r.x < s.right() && s.y < r.bottom() && r.y < s.bottom()
        })
    }

    #[test]
    fn grid_lines_keep_the_ends_and_add_middles() {
        let v = lines(vec![0.0, 2.0, 100.0, 500.0], [3.0, 50.0], 0.0, 120.0);
        assert!(v.contains(&3.0) && v.contains(&50.0), "{v:?}");
        assert!(!v.contains(&2.0) && !v.contains(&500.0), "{v:?}");
        assert!(v.contains(&75.0), "a middle between 50 and 100: {v:?}");
    }

    #[test]
    fn simplify_drops_repeats_and_straight_middles() {
        let p = simplify(vec![
            pt(0.0, 0.0),
            pt(0.0, 5.0),
            pt(0.0, 5.0),
            pt(0.0, 9.0),
            pt(4.0, 9.0),
        ]);
        assert_eq!(p, [pt(0.0, 0.0), pt(0.0, 9.0), pt(4.0, 9.0)]);
    }

    #[test]
    fn a_route_goes_around_a_card_and_a_title() {
        // From the bottom of one box to the top of another, a card and a title band between.
        let card = Rect {
            x: 80.0,
            y: 150.0,
            w: 120.0,
            h: 76.0,
        };
        let title = Rect {
            x: 60.0,
            y: 260.0,
            w: 200.0,
            h: 30.0,
        };
        let s = scene(vec![card], vec![title]);
        let mut budget = 100_000;
        let p = route(
            pt(140.0, 100.0),
            pt(140.0, 400.0),
            (Side::Bottom, Side::Top),
            &s,
            &Segs::default(),
            0,
            &mut budget,
        )
        .unwrap();
        assert!(!crosses(&p, &card) && !crosses(&p, &title), "{p:?}");
        assert!(p.windows(2).all(|w| w[0].x == w[1].x || w[0].y == w[1].y));
        assert_eq!((p[0], p[p.len() - 1]), (pt(140.0, 100.0), pt(140.0, 400.0)));
    }

    #[test]
    fn a_second_route_takes_its_own_channel() {
        let s = scene(Vec::new(), Vec::new());
        let mut laid = Segs::default();
        let mut budget = 100_000;
        let sides = (Side::Right, Side::Left);
        let a = route(
            pt(0.0, 100.0),
            pt(400.0, 300.0),
            sides,
            &s,
            &laid,
            0,
            &mut budget,
        )
        .unwrap();
        laid.add(0, &a);
        let b = route(
            pt(0.0, 110.0),
            pt(400.0, 310.0),
            sides,
            &s,
            &laid,
            1,
            &mut budget,
        )
        .unwrap();
        for u in a.windows(2) {
            for v in b.windows(2) {
                let (ha, hb) = (u[0].y == u[1].y, v[0].y == v[1].y);
                if ha == hb {
                    let gap = if ha {
                        (u[0].y - v[0].y).abs()
                    } else {
                        (u[0].x - v[0].x).abs()
                    };
                    let (lo, hi) = if ha {
                        (
                            u[0].x.min(u[1].x).max(v[0].x.min(v[1].x)),
                            u[0].x.max(u[1].x).min(v[0].x.max(v[1].x)),
                        )
                    } else {
                        (
                            u[0].y.min(u[1].y).max(v[0].y.min(v[1].y)),
                            u[0].y.max(u[1].y).min(v[0].y.max(v[1].y)),
                        )
                    };
                    assert!(
                        hi - lo <= 0.5 || gap >= 10.0,
                        "{a:?} and {b:?} run {gap} apart"
                    );
                }
            }
        }
    }

    #[test]
    fn a_label_sits_on_its_route_where_it_is_free() {
        let p = [pt(0.0, 0.0), pt(200.0, 0.0), pt(200.0, 50.0)];
        let blocked = Rect {
            x: 60.0,
            y: -20.0,
            w: 80.0,
            h: 40.0,
        };
        let r = label_spot(&p, 40.0, 18.0, |r| !r.intersects(&blocked)).unwrap();
        assert_eq!(r.center().y, 0.0, "on the long segment");
        assert!(!r.intersects(&blocked));
        assert_eq!(label_spot(&p, 40.0, 18.0, |_| false), None);
    }
}
