//! Automatic layout of an imported design: each container's children in ranks along the
//! flowchart's direction (longest path over the edges between them, cycles broken), containers
//! sized around their children with room for the title, siblings never overlapping.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::core::document::model::{Design, NodeId, Point, Size, NODE_SIZE};
use crate::core::exchange::mermaid::Direction;

/// Room a container keeps around its children.
pub const PAD: f64 = 24.0;
/// Room above the children for the container's title.
pub const TITLE: f64 = 36.0;
/// Space between ranks (room for edge labels).
const RANK_GAP_TB: f64 = 70.0;
const RANK_GAP_LR: f64 = 110.0;
/// Space between neighbours in a rank.
const CROSS_GAP: f64 = 40.0;
/// Where the drawing starts.
const ORIGIN: Point = Point { x: 40.0, y: 40.0 };
/// The smallest container.
const MIN_CONTAINER: Size = Size { w: 160.0, h: 100.0 };

/// How `lay_out_with` spaces and ranks a design.
pub struct Style<'a> {
    /// Space between ranks.
    pub rank_gap: f64,
    /// Space between neighbours in a rank.
    pub cross_gap: f64,
    /// Room a container keeps around its children (below the title and on every other side).
    pub pad: f64,
    /// A node's tier: among siblings, a node starts at the rank of its tier among theirs and
    /// moves later only to follow an edge (all zero: ranks from the edges alone).
    pub tier: &'a dyn Fn(&NodeId) -> u8,
}

/// Sets every node's position (and every container's size). `appearance` orders siblings.
pub fn lay_out(design: &mut Design, appearance: &[NodeId], dir: Direction) {
    let (rank_gap, cross_gap) = match dir {
        Direction::TopBottom => (RANK_GAP_TB, CROSS_GAP),
        Direction::LeftRight => (RANK_GAP_LR, CROSS_GAP),
    };
    let style = Style {
        rank_gap,
        cross_gap,
        pad: PAD,
        tier: &|_| 0,
    };
    lay_out_with(design, appearance, dir, &style);
}

/// `lay_out` with the spacing and tiers of `style`.
pub fn lay_out_with(design: &mut Design, appearance: &[NodeId], dir: Direction, style: &Style) {
    let rank_of: HashMap<&NodeId, usize> = appearance
        .iter()
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let key = |id: &NodeId| rank_of.get(id).copied().unwrap_or(usize::MAX);

    // Root-first ancestor paths (the design comes from the importer: no cycles, bounded depth).
    let mut paths: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
    for id in design.nodes.keys() {
        let mut p: Vec<NodeId> = design.ancestors(id).iter().map(|n| n.id.clone()).collect();
        p.reverse();
        p.push(id.clone());
        paths.insert(id.clone(), p);
    }
    let mut children: BTreeMap<Option<NodeId>, Vec<NodeId>> = BTreeMap::new();
    for n in design.nodes.values() {
        children
            .entry(n.parent.clone())
            .or_default()
            .push(n.id.clone());
    }
    for kids in children.values_mut() {
        crate::core::support::sort::sort_by_key(kids, |id| (key(id), id.clone()));
    }
    // Edges between siblings, lifted to the children of the innermost common container.
    let mut local: BTreeMap<Option<NodeId>, BTreeSet<(NodeId, NodeId)>> = BTreeMap::new();
    for e in design.edges.values() {
        let (Some(pa), Some(pb)) = (paths.get(&e.from), paths.get(&e.to)) else {
            continue;
        };
        let k = pa.iter().zip(pb.iter()).take_while(|(a, b)| a == b).count();
        if k < pa.len() && k < pb.len() {
            let container = if k == 0 {
                None
            } else {
                Some(pa[k - 1].clone())
            };
            local
                .entry(container)
                .or_default()
                .insert((pa[k].clone(), pb[k].clone()));
        }
    }

    // Deepest containers first, so children's sizes are known; the canvas last.
    let mut containers: Vec<(usize, NodeId)> = design
        .nodes
        .values()
        .filter(|n| n.kind.is_container())
        .map(|n| (paths[&n.id].len(), n.id.clone()))
        .collect();
    crate::core::support::sort::sort_by(&mut containers, |a, b| {
        b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1))
    });
    let mut rel: HashMap<NodeId, Point> = HashMap::new();
    let mut sizes: HashMap<NodeId, Size> = HashMap::new();
    let empty = Vec::new();
    let no_edges = BTreeSet::new();
    for c in containers
        .into_iter()
        .map(|(_, id)| Some(id))
        .chain(std::iter::once(None))
    {
        let kids = children.get(&c).unwrap_or(&empty);
        let size_of = |id: &NodeId| sizes.get(id).copied().unwrap_or(NODE_SIZE);
        let (placed, content) = place(
            kids,
            local.get(&c).unwrap_or(&no_edges),
            &size_of,
            dir,
            style,
        );
        let (ox, oy) = if c.is_some() {
            (style.pad, TITLE + style.pad - PAD)
        } else {
            (0.0, 0.0)
        };
        for (id, p) in placed {
            rel.insert(
                id,
                Point {
                    x: p.x + ox,
                    y: p.y + oy,
                },
            );
        }
        if let Some(c) = c {
            let w = (content.w + 2.0 * style.pad).max(MIN_CONTAINER.w);
            let h = (content.h + oy + style.pad).max(MIN_CONTAINER.h);
            sizes.insert(c, Size { w, h });
        }
    }

    // Absolute positions, outer first.
    let order: Vec<NodeId> = {
        let mut v: Vec<&Vec<NodeId>> = paths.values().collect();
        crate::core::support::sort::sort_by_key(&mut v, |p| p.len());
        v.into_iter().map(|p| p[p.len() - 1].clone()).collect()
    };
    let mut abs: HashMap<NodeId, Point> = HashMap::new();
    for id in order {
        let base = design.nodes[&id]
            .parent
            .as_ref()
            .and_then(|p| abs.get(p).copied())
            .unwrap_or(ORIGIN);
        let r = rel.get(&id).copied().unwrap_or_default();
        let p = Point {
            x: base.x + r.x,
            y: base.y + r.y,
        };
        abs.insert(id.clone(), p);
        if let Some(n) = design.nodes.get_mut(&id) {
            n.pos = p;
            if n.kind.is_container() {
                n.size = Some(sizes.get(&id).copied().unwrap_or(MIN_CONTAINER));
            }
        }
    }
}

// Index loops read more clearly than iterators in these graph steps.
#[allow(clippy::needless_range_loop)]
/// Places `kids` (in order) by rank along `dir`; positions relative to the content's corner,
/// and the content's size.
fn place(
    kids: &[NodeId],
    edges: &BTreeSet<(NodeId, NodeId)>,
    size_of: &dyn Fn(&NodeId) -> Size,
    dir: Direction,
    style: &Style,
) -> (Vec<(NodeId, Point)>, Size) {
    let n = kids.len();
    if n == 0 {
        return (Vec::new(), Size { w: 0.0, h: 0.0 });
    }
    let index: HashMap<&NodeId, usize> = kids.iter().enumerate().map(|(i, id)| (id, i)).collect();
    let mut out_edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (a, b) in edges {
        if let (Some(&i), Some(&j)) = (index.get(a), index.get(b)) {
            if i != j {
                out_edges[i].push(j);
            }
        }
    }
    // Break cycles: an iterative DFS drops edges back into the current path.
    let mut state = vec![0u8; n]; // 0 new, 1 on path, 2 done
    let mut dag: Vec<Vec<usize>> = vec![Vec::new(); n];
    for s in 0..n {
        if state[s] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(s, 0)];
        state[s] = 1;
        while let Some(&mut (v, ref mut k)) = stack.last_mut() {
            if *k < out_edges[v].len() {
                let w = out_edges[v][*k];
                *k += 1;
                match state[w] {
                    0 => {
                        dag[v].push(w);
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    2 => dag[v].push(w),
                    _ => {} // back edge
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    // Longest path ranks (Kahn).
    let mut indeg = vec![0usize; n];
    for v in 0..n {
        for &w in &dag[v] {
            indeg[w] += 1;
        }
    }
    // Each node starts at its tier's place among the siblings' tiers.
    let tiers: Vec<u8> = kids.iter().map(|id| (style.tier)(id)).collect();
    let distinct = crate::core::support::sort::set(tiers.iter().copied());
    let mut rank: Vec<usize> = tiers.iter().map(|t| distinct.range(..t).count()).collect();
    let mut queue: Vec<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    let mut qi = 0;
    while qi < queue.len() {
        let v = queue[qi];
        qi += 1;
        for &w in &dag[v] {
            rank[w] = rank[w].max(rank[v] + 1);
            indeg[w] -= 1;
            if indeg[w] == 0 {
                queue.push(w);
            }
        }
    }
    let ranks = rank.iter().copied().max().unwrap_or(0) + 1;
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); ranks];
    for v in 0..n {
        rows[rank[v]].push(v);
    }
    // One barycentre sweep: a node sits near the nodes that point at it.
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    for v in 0..n {
        for &w in &dag[v] {
            preds[w].push(v);
        }
    }
    let mut slot = vec![0.0f64; n];
    for r in 0..ranks {
        if r > 0 {
            let mut keyed: Vec<(f64, usize)> = rows[r]
                .iter()
                .map(|&v| {
                    let preds: Vec<f64> = preds[v]
                        .iter()
                        .filter(|&&u| rank[u] < r)
                        .map(|&u| slot[u])
                        .collect();
                    let k = if preds.is_empty() {
                        v as f64
                    } else {
                        preds.iter().sum::<f64>() / preds.len() as f64
                    };
                    (k, v)
                })
                .collect();
            crate::core::support::sort::sort_by(&mut keyed, |a, b| {
                a.0.partial_cmp(&b.0)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.1.cmp(&b.1))
            });
            rows[r] = keyed.into_iter().map(|(_, v)| v).collect();
        }
        for (i, &v) in rows[r].iter().enumerate() {
            slot[v] = i as f64;
        }
    }

    // Sizes along (main) and across (cross) the direction.
    let sz: Vec<Size> = kids.iter().map(size_of).collect();
    let along = |s: Size| match dir {
        Direction::TopBottom => (s.h, s.w),
        Direction::LeftRight => (s.w, s.h),
    };
    let (gap, cross_gap) = (style.rank_gap, style.cross_gap);
    let row_depth: Vec<f64> = rows
        .iter()
        .map(|r| r.iter().map(|&v| along(sz[v]).0).fold(0.0, f64::max))
        .collect();
    let row_breadth: Vec<f64> = rows
        .iter()
        .map(|r| {
            let total: f64 = r.iter().map(|&v| along(sz[v]).1).sum();
            total + cross_gap * (r.len().saturating_sub(1)) as f64
        })
        .collect();
    let breadth = row_breadth.iter().copied().fold(0.0, f64::max);
    let mut placed = Vec::with_capacity(n);
    let mut m = 0.0;
    for (r, row) in rows.iter().enumerate() {
        let mut c = (breadth - row_breadth[r]) / 2.0;
        for &v in row {
            let (d, b) = along(sz[v]);
            let mo = m + (row_depth[r] - d) / 2.0;
            let p = match dir {
                Direction::TopBottom => Point { x: c, y: mo },
                Direction::LeftRight => Point { x: mo, y: c },
            };
            placed.push((kids[v].clone(), p));
            c += b + cross_gap;
        }
        m += row_depth[r] + if r + 1 < ranks { gap } else { 0.0 };
    }
    let content = match dir {
        Direction::TopBottom => Size { w: breadth, h: m },
        Direction::LeftRight => Size { w: m, h: breadth },
    };
    (placed, content)
}
