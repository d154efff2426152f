//! Editing a design: every change the editor makes is a [`Command`], applied here through one
//! function, [`apply`]. It either refuses the command with a reason in both languages (and
//! leaves the design exactly as it was) or changes the design and returns the [`Edit`]: the
//! before and after of every node, edge and design setting it touched, which is what
//! [`History`] needs to undo and redo it.
//!
//! Every design that commands produce loads back from its saved JSON unchanged (the
//! property test in `tests/edit.rs` holds this): ids stay unique and non-empty, texts stay
//! within the loader's limits, parameters keep to their catalogue types, containment has no
//! cycles and no edge dangles.

mod history;

use crate::core::support::sort::Ordered;
use std::collections::{BTreeMap, BTreeSet};

use crate::core::document::catalogue::{usage_spec, EdgeKind, Kind, ParamType};
use crate::core::document::model::{
    Currency, Design, Edge, EdgeId, ListenerRule, Node, NodeId, ParamValue, Point, Size,
};
use crate::core::document::region::Region;
use crate::core::drawing::geometry::Rect;
use crate::core::format::load::{
    param_from_json, param_to_json, MAX_COORD, MAX_DEPTH, MAX_EDGES, MAX_NODES, MAX_TEXT_CHARS,
};
use crate::core::support::i18n::{t, Text};

pub use history::{History, UNDO_LIMIT};

/// Space kept between a container's edge and what it holds when it grows to fit.
pub const CONTAINER_PAD: f64 = 16.0;
/// Room kept above a container's contents for its title.
pub const CONTAINER_TITLE: f64 = 30.0;
/// Smallest width and height of a container.
pub const MIN_CONTAINER: Size = Size { w: 80.0, h: 60.0 };
/// How far a duplicate lands from its original.
pub const DUPLICATE_OFFSET: f64 = 30.0;
/// ALB listener rule priorities run from 1 to this.
pub const MAX_PRIORITY: u32 = 50_000;

/// The design-wide settings (everything but nodes and edges).
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// The design's name.
    pub name: String,
    /// Where it runs.
    pub region: Region,
    /// Whether the course's expectations apply.
    pub follows_course: bool,
    /// How money is shown.
    pub currency: Currency,
    /// Yen per dollar for JPY display.
    pub jpy_per_usd: f64,
    /// Whether Japan's consumption tax is added.
    pub include_tax: bool,
    /// Usage assumptions.
    pub usage: BTreeMap<String, f64>,
}

impl Meta {
    /// The settings of `design`.
    pub fn of(design: &Design) -> Meta {
        Meta {
            name: design.name.clone(),
            region: design.region,
            follows_course: design.follows_course,
            currency: design.currency,
            jpy_per_usd: design.jpy_per_usd,
            include_tax: design.include_tax,
            usage: design.usage.clone(),
        }
    }

    fn put(&self, design: &mut Design) {
        design.name = self.name.clone();
        design.region = self.region;
        design.follows_course = self.follows_course;
        design.currency = self.currency;
        design.jpy_per_usd = self.jpy_per_usd;
        design.include_tax = self.include_tax;
        design.usage = self.usage.clone();
    }
}

/// One change to a design, as its before and after (`None`: absent).
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A node was added, changed or removed.
    Node {
        /// Which.
        id: NodeId,
        /// As it was.
        before: Option<Node>,
        /// As it is now.
        after: Option<Node>,
    },
    /// An edge was added, changed or removed.
    Edge {
        /// Which.
        id: EdgeId,
        /// As it was.
        before: Option<Edge>,
        /// As it is now.
        after: Option<Edge>,
    },
    /// The design-wide settings changed.
    Meta {
        /// As they were.
        before: Box<Meta>,
        /// As they are now.
        after: Box<Meta>,
    },
}

impl Change {
    fn revert(&self, design: &mut Design) {
        match self {
            Change::Node { id, before, .. } => put_node(design, id, before.clone()),
            Change::Edge { id, before, .. } => put_edge(design, id, before.clone()),
            Change::Meta { before, .. } => before.put(design),
        }
    }

    fn reapply(&self, design: &mut Design) {
        match self {
            Change::Node { id, after, .. } => put_node(design, id, after.clone()),
            Change::Edge { id, after, .. } => put_edge(design, id, after.clone()),
            Change::Meta { after, .. } => after.put(design),
        }
    }
}

fn put_node(design: &mut Design, id: &NodeId, node: Option<Node>) {
    match node {
        Some(n) => {
            design.nodes.insert(id.clone(), n);
        }
        None => {
            design.nodes.remove(id);
        }
    }
}

fn put_edge(design: &mut Design, id: &EdgeId, edge: Option<Edge>) {
    match edge {
        Some(e) => {
            design.edges.insert(id.clone(), e);
        }
        None => {
            design.edges.remove(id);
        }
    }
}

/// What one command changed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Edit {
    /// The changes, in the order they were made.
    pub changes: Vec<Change>,
}

impl Edit {
    /// Whether the command changed nothing.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Takes the edit back (for a caller that applied it without recording it).
    pub fn revert(&self, design: &mut Design) {
        for c in self.changes.iter().rev() {
            c.revert(design);
        }
    }
}

/// An edit the editor can make.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Adds a node of `kind` in `parent` (`None`: on the canvas), its top-left corner at `at`,
    /// or at a free place in the parent when `at` is `None`.
    AddNode {
        /// What to add.
        kind: Kind,
        /// Where its top-left corner goes.
        at: Option<Point>,
        /// The container it goes in.
        parent: Option<NodeId>,
    },
    /// Moves nodes (and everything inside them) by `dx`, `dy`.
    Move {
        /// Which.
        ids: Vec<NodeId>,
        /// Horizontal distance.
        dx: f64,
        /// Vertical distance.
        dy: f64,
    },
    /// Puts nodes in another container (`None`: on the canvas), where they are; containers
    /// around them grow to fit.
    Place {
        /// Which.
        ids: Vec<NodeId>,
        /// The new container.
        parent: Option<NodeId>,
    },
    /// Changes a container's box.
    Resize {
        /// Which.
        id: NodeId,
        /// Its new size.
        size: Size,
    },
    /// Deletes nodes (with what is inside them and every edge touching them) and edges.
    Delete {
        /// Nodes.
        nodes: Vec<NodeId>,
        /// Edges.
        edges: Vec<EdgeId>,
    },
    /// Copies nodes (with what is inside them and the edges between the copies) beside them.
    Duplicate {
        /// Which.
        ids: Vec<NodeId>,
    },
    /// Connects two nodes; `kind: None` picks the first kind that fits the two ends.
    Connect {
        /// Where it starts.
        from: NodeId,
        /// Where it ends.
        to: NodeId,
        /// What kind of connection.
        kind: Option<EdgeKind>,
    },
    /// Renames a node (empty: the kind's name).
    SetLabel {
        /// Which.
        id: NodeId,
        /// The new label.
        label: String,
    },
    /// Sets parameters of a node together (e.g. a Fargate vCPU / memory pair).
    SetParams {
        /// Which.
        id: NodeId,
        /// Keys and values.
        values: Vec<(String, ParamValue)>,
    },
    /// Changes what kind of connection an edge is.
    SetEdgeKind {
        /// Which.
        id: EdgeId,
        /// The new kind.
        kind: EdgeKind,
    },
    /// Changes the text on an edge.
    SetEdgeLabel {
        /// Which.
        id: EdgeId,
        /// The new label.
        label: String,
    },
    /// Points an edge (e.g. an ALB rule) at another node.
    SetEdgeTarget {
        /// Which.
        id: EdgeId,
        /// The new end.
        to: NodeId,
    },
    /// Sets an ALB rule's priority and path pattern.
    SetRule {
        /// The `alb_rule` edge.
        id: EdgeId,
        /// Priority, 1–50000.
        priority: u32,
        /// Path pattern.
        path_pattern: String,
    },
    /// Moves an ALB rule one place earlier (`up`) or later in its ALB's evaluation order,
    /// swapping priorities with its neighbour.
    MoveRule {
        /// The `alb_rule` edge.
        id: EdgeId,
        /// Earlier (true) or later.
        up: bool,
    },
    /// Changes the design-wide settings.
    SetMeta(Box<Meta>),
}

/// Why a command was refused; the design is unchanged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Refusal(pub Text);

/// What [`apply`] returns: the edit and what the command created, for the editor to select.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Applied {
    /// The changes made.
    pub edit: Edit,
    /// Nodes the command created.
    pub new_nodes: Vec<NodeId>,
    /// Edges the command created.
    pub new_edges: Vec<EdgeId>,
}

/// Records changes while a command runs, so a refusal half-way can put everything back.
struct Tx<'a> {
    design: &'a mut Design,
    applied: Applied,
}

impl Tx<'_> {
    fn set_node(&mut self, id: &NodeId, node: Option<Node>) {
        let before = self.design.nodes.get(id).cloned();
        if before == node {
            return;
        }
        put_node(self.design, id, node.clone());
        self.applied.edit.changes.push(Change::Node {
            id: id.clone(),
            before,
            after: node,
        });
    }

    fn set_edge(&mut self, id: &EdgeId, edge: Option<Edge>) {
        let before = self.design.edges.get(id).cloned();
        if before == edge {
            return;
        }
        put_edge(self.design, id, edge.clone());
        self.applied.edit.changes.push(Change::Edge {
            id: id.clone(),
            before,
            after: edge,
        });
    }

    fn node(&self, id: &NodeId) -> Result<Node, Refusal> {
        self.design.nodes.get(id).cloned().ok_or(NO_SUCH_NODE)
    }

    fn edge(&self, id: &EdgeId) -> Result<Edge, Refusal> {
        self.design.edges.get(id).cloned().ok_or(NO_SUCH_EDGE)
    }

    /// Grows the containers around `id` so that each holds what is inside it.
    fn grow_around(&mut self, id: &NodeId) {
        let mut child = id.clone();
        while let Some(pid) = self.design.nodes.get(&child).and_then(|n| n.parent.clone()) {
            let Some(mut parent) = self.design.nodes.get(&pid).cloned() else {
                break;
            };
            let need = self
                .design
                .children(Some(&pid))
                .map(Rect::of)
                .reduce(|a, b| a.union(&b));
            if let Some(need) = need {
                let have = Rect::of(&parent);
                let want = Rect {
                    x: need.x - CONTAINER_PAD,
                    y: need.y - CONTAINER_TITLE,
                    w: need.w + 2.0 * CONTAINER_PAD,
                    h: need.h + CONTAINER_TITLE + CONTAINER_PAD,
                };
                let grown = have.union(&want);
                if grown != have {
                    parent.pos = Point {
                        x: grown.x,
                        y: grown.y,
                    };
                    parent.size = Some(Size {
                        w: grown.w,
                        h: grown.h,
                    });
                    self.set_node(&pid, Some(parent));
                }
            }
            if self.design.depth(&pid) == 0 {
                break;
            }
            child = pid;
        }
    }
}

const NO_SUCH_NODE: Refusal = Refusal(t(
    "そのノードはもうありません。",
    "That node is no longer in the design.",
));
const NO_SUCH_EDGE: Refusal = Refusal(t(
    "その接続はもうありません。",
    "That connection is no longer in the design.",
));

/// Applies `command` to `design`. On refusal the design is exactly as it was.
pub fn apply(design: &mut Design, command: &Command) -> Result<Applied, Refusal> {
    let mut tx = Tx {
        design,
        applied: Applied::default(),
    };
    match run(&mut tx, command) {
        Ok(()) => Ok(tx.applied),
        Err(refusal) => {
            tx.applied.edit.revert(tx.design);
            Err(refusal)
        }
    }
}

fn run(tx: &mut Tx, command: &Command) -> Result<(), Refusal> {
    match command {
        Command::AddNode { kind, at, parent } => add_node(tx, *kind, *at, parent.as_ref()),
        Command::Move { ids, dx, dy } => move_nodes(tx, ids, *dx, *dy),
        Command::Place { ids, parent } => place(tx, ids, parent.as_ref()),
        Command::Resize { id, size } => resize(tx, id, *size),
        Command::Delete { nodes, edges } => delete(tx, nodes, edges),
        Command::Duplicate { ids } => duplicate(tx, ids),
        Command::Connect { from, to, kind } => connect(tx, from, to, *kind),
        Command::SetLabel { id, label } => {
            let mut node = tx.node(id)?;
            node.label = check_text(label)?;
            tx.set_node(id, Some(node));
            Ok(())
        }
        Command::SetParams { id, values } => set_params(tx, id, values),
        Command::SetEdgeKind { id, kind } => set_edge_kind(tx, id, *kind),
        Command::SetEdgeLabel { id, label } => {
            let mut edge = tx.edge(id)?;
            edge.label = check_text(label)?;
            tx.set_edge(id, Some(edge));
            Ok(())
        }
        Command::SetEdgeTarget { id, to } => {
            let mut edge = tx.edge(id)?;
            tx.node(to)?;
            if &edge.from == to {
                return Err(SELF_LOOP);
            }
            edge.to = to.clone();
            tx.set_edge(id, Some(edge));
            Ok(())
        }
        Command::SetRule {
            id,
            priority,
            path_pattern,
        } => {
            let mut edge = tx.edge(id)?;
            if edge.kind != EdgeKind::AlbRule {
                return Err(NOT_A_RULE);
            }
            if !(1..=MAX_PRIORITY).contains(priority) {
                return Err(BAD_PRIORITY);
            }
            edge.rule = Some(ListenerRule {
                priority: *priority,
                path_pattern: check_text(path_pattern)?,
            });
            tx.set_edge(id, Some(edge));
            Ok(())
        }
        Command::MoveRule { id, up } => move_rule(tx, id, *up),
        Command::SetMeta(meta) => set_meta(tx, meta),
    }
}

const TOO_LONG: Refusal = Refusal(t(
    "長すぎます (1,000 文字まで)。",
    "Too long (at most 1,000 characters).",
));
const SELF_LOOP: Refusal = Refusal(t(
    "ノードを自分自身にはつなげません。",
    "A node cannot connect to itself.",
));
const NOT_A_RULE: Refusal = Refusal(t(
    "ALB のルール (alb_rule) の接続ではありません。",
    "That connection is not an ALB rule.",
));
const BAD_PRIORITY: Refusal = Refusal(t(
    "優先度は 1 から 50000 までの整数です。",
    "A priority is a whole number from 1 to 50000.",
));
const BAD_POSITION: Refusal = Refusal(t("キャンバスの範囲外です。", "That is outside the canvas."));
const TOO_MANY: Refusal = Refusal(t(
    "ノードまたは接続の数が上限を超えます。",
    "That would exceed the number of nodes or connections a design may hold.",
));

const TOO_DEEP: Refusal = Refusal(t(
    "これ以上深く入れ子にはできません (コンテナは 12 重まで)。",
    "Containers cannot be nested any deeper (at most 12 levels).",
));

fn check_text(s: &str) -> Result<String, Refusal> {
    if s.chars().count() > MAX_TEXT_CHARS {
        Err(TOO_LONG)
    } else {
        Ok(s.to_owned())
    }
}

fn check_point(p: Point) -> Result<Point, Refusal> {
    let ok = |v: f64| v.is_finite() && v.abs() <= MAX_COORD;
    if ok(p.x) && ok(p.y) {
        Ok(p)
    } else {
        Err(BAD_POSITION)
    }
}

/// A node id not yet used in `design`, made from `base` (`alb`, `alb-2`, …).
pub fn fresh_node_id(design: &Design, base: &str) -> NodeId {
    let base: String = base.chars().take(80).collect();
    let base = if base.is_empty() { "node".into() } else { base };
    (1..)
        .map(|i| {
            if i == 1 {
                NodeId(base.clone())
            } else {
                NodeId(format!("{base}-{i}"))
            }
        })
        .find(|id| !design.nodes.contains_key(id))
        .expect("an unused id exists")
}

fn fresh_edge_id(design: &Design, base: &str) -> EdgeId {
    let base: String = base.chars().take(80).collect();
    (1..)
        .map(|i| {
            if i == 1 {
                EdgeId(base.clone())
            } else {
                EdgeId(format!("{base}-{i}"))
            }
        })
        .find(|id| !design.edges.contains_key(id))
        .expect("an unused id exists")
}

/// Whether nodes of these kinds may be put in `parent` (`None`: on the canvas); the reason
/// when not. The editor asks this while a drag hovers over a container.
pub fn check_place(
    design: &Design,
    ids: &[NodeId],
    parent: Option<&NodeId>,
) -> Result<(), Refusal> {
    let parent_node = match parent {
        Some(p) => Some(design.nodes.get(p).ok_or(NO_SUCH_NODE)?),
        None => None,
    };
    for id in ids {
        let node = design.nodes.get(id).ok_or(NO_SUCH_NODE)?;
        if let Some(p) = parent {
            if p == id || design.ancestors(p).iter().any(|a| &a.id == id) {
                return Err(Refusal(t(
                    "コンテナを自分の中には入れられません。",
                    "A container cannot go inside itself.",
                )));
            }
        }
        node.kind
            .may_sit_in(parent_node.map(|n| n.kind))
            .map_err(Refusal)?;
        // The deepest node of what moves must stay within the loader's nesting limit.
        let at = parent.map_or(0, |p| design.depth(p) + 1);
        let own = design.depth(id);
        let below = with_descendants(design, std::slice::from_ref(id))
            .iter()
            .map(|d| design.depth(d).saturating_sub(own))
            .max()
            .unwrap_or(0);
        if at + below > MAX_DEPTH {
            return Err(TOO_DEEP);
        }
    }
    Ok(())
}

/// The innermost container whose box holds `point`, leaving out `ignore` and everything in
/// them (what is being dragged); `None`: the canvas itself.
pub fn container_at(design: &Design, point: Point, ignore: &[NodeId]) -> Option<NodeId> {
    let skipped = with_descendants(design, ignore);
    design
        .nodes_outer_first()
        .into_iter()
        .rev()
        .find(|n| {
            let r = Rect::of(n);
            n.kind.is_container()
                && !skipped.contains(&n.id)
                && point.x >= r.x
                && point.x <= r.right()
                && point.y >= r.y
                && point.y <= r.bottom()
        })
        .map(|n| n.id.clone())
}

/// `ids` and everything inside them, without repeats.
pub fn with_descendants(design: &Design, ids: &[NodeId]) -> BTreeSet<NodeId> {
    let mut out: BTreeSet<NodeId> = ids
        .iter()
        .filter(|id| design.nodes.contains_key(*id))
        .cloned()
        .to_set();
    // Parents before children, so one pass finds every level.
    for n in design.nodes_outer_first() {
        if let Some(p) = &n.parent {
            if out.contains(p) {
                out.insert(n.id.clone());
            }
        }
    }
    out
}

/// Of `ids`, those not inside another of `ids` (moving those moves the rest).
fn outermost(design: &Design, ids: &[NodeId]) -> Vec<NodeId> {
    let set: BTreeSet<&NodeId> = ids.iter().to_set();
    let mut out: Vec<NodeId> = ids
        .iter()
        .filter(|id| design.nodes.contains_key(*id))
        .filter(|id| !design.ancestors(id).iter().any(|a| set.contains(&a.id)))
        .cloned()
        .collect();
    crate::core::support::sort::sort(&mut out);
    out.dedup();
    out
}

/// A free place for a new node of `size` in `parent` (or on the canvas): the first spot
/// of a grid inside the container that overlaps none of its contents, else below them.
pub fn free_spot(design: &Design, parent: Option<&NodeId>, size: Size) -> Point {
    let others: Vec<Rect> = design
        .children(parent)
        .map(|n| Rect::of(n).inflate(8.0))
        .collect();
    let fits = |p: Point| {
        let r = Rect {
            x: p.x,
            y: p.y,
            w: size.w,
            h: size.h,
        };
        !others.iter().any(|o| o.intersects(&r))
    };
    let area = match parent.and_then(|p| design.nodes.get(p)) {
        Some(p) => {
            let r = Rect::of(p);
            Rect {
                x: r.x + CONTAINER_PAD,
                y: r.y + CONTAINER_TITLE + 6.0,
                w: r.w - 2.0 * CONTAINER_PAD,
                h: r.h - CONTAINER_TITLE - 6.0 - CONTAINER_PAD,
            }
        }
        None => match crate::core::drawing::geometry::bounding_box(design) {
            Some(b) => Rect {
                x: b.x,
                y: b.y,
                w: b.w + size.w + 40.0,
                h: b.h,
            },
            None => Rect {
                x: 40.0,
                y: 40.0,
                w: 800.0,
                h: 500.0,
            },
        },
    };
    let step_x = size.w + 20.0;
    let step_y = size.h + 20.0;
    let mut y = area.y;
    while y + size.h <= area.bottom() {
        let mut x = area.x;
        while x + size.w <= area.right() {
            let p = Point { x, y };
            if fits(p) {
                return p;
            }
            x += step_x;
        }
        y += step_y;
    }
    // Full: below everything in the area (the container grows to fit).
    let bottom = others.iter().map(|o| o.bottom()).fold(area.y, f64::max);
    Point {
        x: area.x,
        y: bottom + 12.0,
    }
}

/// How far [`clear_of_cards`] looks for a free place, in steps of `step` each way.
const CLEAR_STEPS: i32 = 8;

/// Where moved nodes should go so that no moved card sits on another card: the shortest shift
/// (in steps of `step`, at most [`CLEAR_STEPS`] of them each way) after which no card among
/// `ids` overlaps a card of the same container that is not moving, and each is inside its
/// container's inner area. `None` when nothing overlaps (a card may run past its container's
/// edge: the drop grows the container), or no shift that near clears it.
/// The canvas applies it as one more move of the same drop (one undo step).
pub fn clear_of_cards(design: &Design, ids: &[NodeId], step: f64) -> Option<(f64, f64)> {
    let moving = with_descendants(design, ids);
    let cards: Vec<&Node> = moving
        .iter()
        .filter_map(|id| design.nodes.get(id))
        .filter(|n| !n.kind.is_container())
        .collect();
    let others = |n: &Node| {
        design
            .children(n.parent.as_ref())
            .filter(|o| !o.kind.is_container() && !moving.contains(&o.id))
            .map(|o| Rect::of(o).inflate(4.0))
            .collect::<Vec<_>>()
    };
    let neighbours: Vec<(Rect, Vec<Rect>, Option<Rect>)> = cards
        .iter()
        .map(|n| {
            let inner = n
                .parent
                .as_ref()
                .and_then(|p| design.nodes.get(p))
                .map(|p| {
                    let r = Rect::of(p);
                    Rect {
                        x: r.x + CONTAINER_PAD / 2.0,
                        y: r.y + CONTAINER_TITLE,
                        w: r.w - CONTAINER_PAD,
                        h: r.h - CONTAINER_TITLE - CONTAINER_PAD / 2.0,
                    }
                });
            (Rect::of(n), others(n), inner)
        })
        .collect();
    let clear = |dx: f64, dy: f64| {
        neighbours.iter().all(|(r, others, inner)| {
            let at = Rect {
                x: r.x + dx,
                y: r.y + dy,
                ..*r
            };
            // Where it was dropped it may run past its container's edge (the container grows
            // to take it); a shift never takes it there.
            let inside = (dx == 0.0 && dy == 0.0)
                || inner.is_none_or(|i| {
                    at.x >= i.x
                        && at.y >= i.y
                        && at.right() <= i.right()
                        && at.bottom() <= i.bottom()
                });
            inside && !others.iter().any(|o| o.intersects(&at))
        })
    };
    if clear(0.0, 0.0) {
        return None;
    }
    let mut best: Option<(i32, i32)> = None;
    for i in -CLEAR_STEPS..=CLEAR_STEPS {
        for j in -CLEAR_STEPS..=CLEAR_STEPS {
            let d = i * i + j * j;
            if best.is_some_and(|(bi, bj)| bi * bi + bj * bj <= d) {
                continue;
            }
            if clear(f64::from(i) * step, f64::from(j) * step) {
                best = Some((i, j));
            }
        }
    }
    best.map(|(i, j)| (f64::from(i) * step, f64::from(j) * step))
}

fn add_node(
    tx: &mut Tx,
    kind: Kind,
    at: Option<Point>,
    parent: Option<&NodeId>,
) -> Result<(), Refusal> {
    if tx.design.nodes.len() >= MAX_NODES {
        return Err(TOO_MANY);
    }
    let parent_kind = match parent {
        Some(p) => Some(tx.node(p)?.kind),
        None => None,
    };
    kind.may_sit_in(parent_kind).map_err(Refusal)?;
    if parent.is_some_and(|p| tx.design.depth(p) + 1 > MAX_DEPTH) {
        return Err(TOO_DEEP);
    }
    let id = fresh_node_id(tx.design, &kind.id().replace('_', "-"));
    let mut node = Node::new(id.0.clone(), kind, Point::default());
    node.pos = match at {
        Some(p) => check_point(p)?,
        None => free_spot(tx.design, parent, node.box_size()),
    };
    node.parent = parent.cloned();
    tx.set_node(&id, Some(node));
    tx.grow_around(&id);
    tx.applied.new_nodes.push(id);
    Ok(())
}

fn move_nodes(tx: &mut Tx, ids: &[NodeId], dx: f64, dy: f64) -> Result<(), Refusal> {
    if !dx.is_finite() || !dy.is_finite() {
        return Err(BAD_POSITION);
    }
    if dx == 0.0 && dy == 0.0 {
        return Ok(());
    }
    for id in with_descendants(tx.design, ids) {
        let mut node = tx.node(&id)?;
        node.pos = check_point(Point {
            x: node.pos.x + dx,
            y: node.pos.y + dy,
        })?;
        tx.set_node(&id, Some(node));
    }
    Ok(())
}

fn place(tx: &mut Tx, ids: &[NodeId], parent: Option<&NodeId>) -> Result<(), Refusal> {
    let ids = outermost(tx.design, ids);
    check_place(tx.design, &ids, parent)?;
    for id in &ids {
        let mut node = tx.node(id)?;
        node.parent = parent.cloned();
        tx.set_node(id, Some(node));
    }
    for id in &ids {
        tx.grow_around(id);
    }
    Ok(())
}

fn resize(tx: &mut Tx, id: &NodeId, size: Size) -> Result<(), Refusal> {
    let mut node = tx.node(id)?;
    if !node.kind.is_container() {
        return Err(Refusal(t(
            "大きさを変えられるのはコンテナだけです。",
            "Only containers can be resized.",
        )));
    }
    let ok = |v: f64, min: f64| v.is_finite() && v >= min && v <= MAX_COORD;
    if !ok(size.w, MIN_CONTAINER.w) || !ok(size.h, MIN_CONTAINER.h) {
        return Err(Refusal(t(
            "その大きさにはできません。",
            "The box cannot have that size.",
        )));
    }
    node.size = Some(size);
    tx.set_node(id, Some(node));
    Ok(())
}

fn delete(tx: &mut Tx, nodes: &[NodeId], edges: &[EdgeId]) -> Result<(), Refusal> {
    let gone = with_descendants(tx.design, nodes);
    let mut edge_ids: BTreeSet<EdgeId> = edges
        .iter()
        .filter(|e| tx.design.edges.contains_key(*e))
        .cloned()
        .to_set();
    edge_ids.extend(
        tx.design
            .edges
            .values()
            .filter(|e| gone.contains(&e.from) || gone.contains(&e.to))
            .map(|e| e.id.clone()),
    );
    for e in &edge_ids {
        tx.set_edge(e, None);
    }
    for n in &gone {
        tx.set_node(n, None);
    }
    Ok(())
}

fn duplicate(tx: &mut Tx, ids: &[NodeId]) -> Result<(), Refusal> {
    let roots = outermost(tx.design, ids);
    let copied = with_descendants(tx.design, &roots);
    if tx.design.nodes.len() + copied.len() > MAX_NODES {
        return Err(TOO_MANY);
    }
    let mut map: BTreeMap<NodeId, NodeId> = BTreeMap::new();
    // Parents first, so a copy's parent is already mapped.
    let order: Vec<Node> = tx
        .design
        .nodes_outer_first()
        .into_iter()
        .filter(|n| copied.contains(&n.id))
        .cloned()
        .collect();
    for original in order {
        let base = strip_copy_suffix(&original.id.0);
        let id = fresh_node_id(tx.design, base);
        let mut node = original.clone();
        node.id = id.clone();
        node.pos = check_point(Point {
            x: original.pos.x + DUPLICATE_OFFSET,
            y: original.pos.y + DUPLICATE_OFFSET,
        })?;
        if let Some(p) = &original.parent {
            if let Some(np) = map.get(p) {
                node.parent = Some(np.clone());
            }
        }
        map.insert(original.id.clone(), id.clone());
        tx.set_node(&id, Some(node));
        if roots.contains(&original.id) {
            tx.applied.new_nodes.push(id);
        }
    }
    let edges: Vec<Edge> = tx
        .design
        .edges
        .values()
        .filter(|e| map.contains_key(&e.from) && map.contains_key(&e.to))
        .cloned()
        .collect();
    if tx.design.edges.len() + edges.len() > MAX_EDGES {
        return Err(TOO_MANY);
    }
    for e in edges {
        let mut copy = e.clone();
        copy.from = map[&e.from].clone();
        copy.to = map[&e.to].clone();
        copy.id = fresh_edge_id(tx.design, &format!("{}-{}", copy.from, copy.to));
        let id = copy.id.clone();
        tx.set_edge(&id, Some(copy));
        tx.applied.new_edges.push(id);
    }
    for root in tx.applied.new_nodes.clone() {
        tx.grow_around(&root);
    }
    Ok(())
}

/// `alb-3` → `alb`, so copies of copies are numbered from the kind's name.
fn strip_copy_suffix(id: &str) -> &str {
    match id.rsplit_once('-') {
        Some((base, n))
            if !base.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) =>
        {
            base
        }
        _ => id,
    }
}

/// The kinds of connection that make sense from a node of kind `from` to one of kind `to`,
/// most likely first; `generic` always comes last.
pub fn fitting_edge_kinds(from: Kind, to: Kind) -> Vec<EdgeKind> {
    use EdgeKind as E;
    use Kind::*;
    let mut out: Vec<EdgeKind> = match (from, to) {
        (_, Alb) if from != Alb => vec![E::Https, E::Http, E::Websocket],
        (Users, Cloudfront | Route53 | S3 | Generic) => vec![E::Https, E::Http],
        (Route53, _) => vec![E::Dns],
        (Cloudfront, _) => vec![E::Origin],
        (Alb, EcsService | Lambda | Generic) => vec![E::AlbRule, E::AlbDefault],
        (_, RdsPostgres) => vec![E::Sql],
        (_, Elasticache) => vec![E::Cache],
        (_, Ecr) => vec![E::ImagePull],
        (_, Cloudwatch) => vec![E::Logs],
        (Cloudwatch, EcsService | Lambda) => vec![E::Scaling],
        (_, Sqs) => vec![E::Queue],
        (Sqs, Lambda) => vec![E::Invoke],
        (_, Lambda) => vec![E::Invoke],
        (_, SecretsManager) => vec![E::Secret],
        (_, NatGateway | InternetGateway | VpcEndpoint) => vec![E::Egress],
        (EcsService | Lambda, EcsService | S3) => vec![E::Https, E::Http],
        _ => Vec::new(),
    };
    out.push(E::Generic);
    out
}

fn next_rule(design: &Design, alb: &NodeId, to: &NodeId) -> ListenerRule {
    // The priorities in use, sorted (looked up by binary search).
    let mut used: Vec<u32> = design
        .edges
        .values()
        .filter(|e| &e.from == alb)
        .filter_map(|e| e.rule.as_ref().map(|r| r.priority))
        .collect();
    crate::core::support::sort::sort(&mut used);
    let free = |p: &u32| used.binary_search(p).is_err();
    let Some(&min) = used.first() else {
        return ListenerRule {
            priority: 100,
            path_pattern: "/*".into(),
        };
    };
    // A new, more specific rule goes before the others (lower priority wins), or after them
    // when there is no room below.
    let below = (1..min).rev().step_by(10).find(free);
    let priority = below
        .or_else(|| (min..=MAX_PRIORITY).find(free))
        .unwrap_or(MAX_PRIORITY);
    let slug: String = design
        .nodes
        .get(to)
        .map(|n| n.display_label(crate::core::support::i18n::Lang::En))
        .unwrap_or("path")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .take(30)
        .collect();
    let slug = if slug.is_empty() { "path".into() } else { slug };
    ListenerRule {
        priority,
        path_pattern: format!("/{slug}/*"),
    }
}

fn connect(tx: &mut Tx, from: &NodeId, to: &NodeId, kind: Option<EdgeKind>) -> Result<(), Refusal> {
    if from == to {
        return Err(SELF_LOOP);
    }
    let (a, b) = (tx.node(from)?, tx.node(to)?);
    if tx.design.edges.len() >= MAX_EDGES {
        return Err(TOO_MANY);
    }
    let kind = kind.unwrap_or_else(|| fitting_edge_kinds(a.kind, b.kind)[0]);
    if kind != EdgeKind::AlbRule
        && tx
            .design
            .edges
            .values()
            .any(|e| &e.from == from && &e.to == to && e.kind == kind)
    {
        return Err(Refusal(t(
            "同じ種類の接続がすでにあります。",
            "These two are already connected this way.",
        )));
    }
    let rule = (kind == EdgeKind::AlbRule).then(|| next_rule(tx.design, from, to));
    let id = fresh_edge_id(tx.design, &format!("{from}-{to}"));
    tx.set_edge(
        &id,
        Some(Edge {
            id: id.clone(),
            kind,
            from: from.clone(),
            to: to.clone(),
            label: String::new(),
            rule,
        }),
    );
    tx.applied.new_edges.push(id);
    Ok(())
}

fn set_params(tx: &mut Tx, id: &NodeId, values: &[(String, ParamValue)]) -> Result<(), Refusal> {
    let mut node = tx.node(id)?;
    for (key, value) in values {
        let spec = node.kind.param(key).ok_or(Refusal(t(
            "この種類にはない設定です。",
            "This kind has no such setting.",
        )))?;
        let fits = param_from_json(spec, &param_to_json(value)).as_ref() == Some(value);
        if !fits {
            return Err(Refusal(match spec.ty {
                ParamType::Number { .. } | ParamType::Integer { .. } => t(
                    "範囲外の値です。",
                    "That value is outside the allowed range.",
                ),
                ParamType::AzList => t(
                    "AZ を 1〜6 個、重複なしで選びます。",
                    "Choose one to six zones, each once.",
                ),
                _ => t("選べない値です。", "That value is not one of the choices."),
            }));
        }
        node.params.insert(key.clone(), value.clone());
    }
    tx.set_node(id, Some(node));
    Ok(())
}

fn set_edge_kind(tx: &mut Tx, id: &EdgeId, kind: EdgeKind) -> Result<(), Refusal> {
    let mut edge = tx.edge(id)?;
    if edge.kind == kind {
        return Ok(());
    }
    edge.kind = kind;
    edge.rule = if kind == EdgeKind::AlbRule {
        Some(next_rule(tx.design, &edge.from, &edge.to))
    } else {
        None
    };
    tx.set_edge(id, Some(edge));
    Ok(())
}

/// The rules of the ALB `alb`, in evaluation order (priority, then id).
pub fn rules_of<'a>(design: &'a Design, alb: &NodeId) -> Vec<&'a Edge> {
    let mut rules: Vec<&Edge> = design
        .edges
        .values()
        .filter(|e| &e.from == alb && e.kind == EdgeKind::AlbRule && e.rule.is_some())
        .collect();
    crate::core::support::sort::sort_by_key(&mut rules, |e| {
        (e.rule.as_ref().map(|r| r.priority), e.id.clone())
    });
    rules
}

fn move_rule(tx: &mut Tx, id: &EdgeId, up: bool) -> Result<(), Refusal> {
    let edge = tx.edge(id)?;
    if edge.kind != EdgeKind::AlbRule || edge.rule.is_none() {
        return Err(NOT_A_RULE);
    }
    let rules: Vec<Edge> = rules_of(tx.design, &edge.from)
        .into_iter()
        .cloned()
        .collect();
    let i = rules.iter().position(|e| &e.id == id).ok_or(NO_SUCH_EDGE)?;
    let j = if up {
        i.checked_sub(1)
    } else {
        Some(i + 1).filter(|&j| j < rules.len())
    };
    let Some(j) = j else {
        return Ok(()); // already first (or last)
    };
    let (mut a, mut b) = (rules[i].clone(), rules[j].clone());
    let (pa, pb) = (
        a.rule.as_ref().map_or(1, |r| r.priority),
        b.rule.as_ref().map_or(1, |r| r.priority),
    );
    let (new_a, new_b) = if pa != pb {
        (pb, pa)
    } else if up {
        (pa.saturating_sub(1).max(1), pb)
    } else {
        (pa.saturating_add(1).min(MAX_PRIORITY), pb)
    };
    if let Some(r) = a.rule.as_mut() {
        r.priority = new_a;
    }
    if let Some(r) = b.rule.as_mut() {
        r.priority = new_b;
    }
    tx.set_edge(&a.id.clone(), Some(a));
    tx.set_edge(&b.id.clone(), Some(b));
    Ok(())
}

fn set_meta(tx: &mut Tx, meta: &Meta) -> Result<(), Refusal> {
    check_text(&meta.name)?;
    if !(meta.jpy_per_usd.is_finite() && meta.jpy_per_usd > 0.0 && meta.jpy_per_usd <= 100_000.0) {
        return Err(Refusal(t(
            "為替レートは 0 より大きく 100,000 以下です。",
            "The exchange rate must be above 0 and at most 100,000.",
        )));
    }
    for (key, value) in &meta.usage {
        let ok =
            usage_spec(key).is_some_and(|s| value.is_finite() && (0.0..=s.max).contains(value));
        if !ok {
            return Err(Refusal(t(
                "使用量の前提が範囲外です。",
                "A usage assumption is outside its range.",
            )));
        }
    }
    let before = Meta::of(tx.design);
    if &before == meta {
        return Ok(());
    }
    meta.put(tx.design);
    tx.applied.edit.changes.push(Change::Meta {
        before: Box::new(before),
        after: Box::new(meta.clone()),
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::templates;

    fn party_box() -> Design {
        templates::find("party-box").unwrap().design().unwrap()
    }

    fn id(s: &str) -> NodeId {
        NodeId(s.into())
    }

    #[test]
    fn a_card_dropped_on_another_is_shifted_the_least_to_a_free_place_in_its_container() {
        let mut d = party_box();
        // Nothing overlaps in the template.
        assert_eq!(clear_of_cards(&d, &[id("nestjs")], 10.0), None);
        // NestJS dropped 20 below Next.js: on top of it.
        let (from, to) = (d.nodes[&id("nestjs")].pos, d.nodes[&id("nextjs")].pos);
        let (dx, dy) = (to.x - from.x, to.y - from.y + 20.0);
        let mv = |dx, dy| Command::Move {
            ids: vec![id("nestjs")],
            dx,
            dy,
        };
        apply(&mut d, &mv(dx, dy)).unwrap();
        let (sx, sy) = clear_of_cards(&d, &[id("nestjs")], 10.0).expect("a free place nearby");
        apply(&mut d, &mv(sx, sy)).unwrap();
        let (a, b) = (
            Rect::of(&d.nodes[&id("nestjs")]),
            Rect::of(&d.nodes[&id("nextjs")]),
        );
        assert!(!a.inflate(4.0).intersects(&b), "{a:?} {b:?}");
        let cluster = Rect::of(&d.nodes[&id("cluster")]);
        assert!(a.x >= cluster.x && a.right() <= cluster.right() && a.bottom() <= cluster.bottom());
        // The least shift: one step less in either direction still overlaps.
        let len = |x: f64, y: f64| x * x + y * y;
        for (ox, oy) in [(10.0, 0.0), (-10.0, 0.0), (0.0, 10.0), (0.0, -10.0)] {
            if len(sx - ox, sy - oy) < len(sx, sy) {
                let mut back = d.clone();
                apply(&mut back, &mv(-ox, -oy)).unwrap();
                assert!(
                    clear_of_cards(&back, &[id("nestjs")], 10.0).is_some(),
                    "({sx}, {sy}) is not the least shift"
                );
            }
        }
        // Now nothing overlaps.
        assert_eq!(clear_of_cards(&d, &[id("nestjs")], 10.0), None);
    }

    #[test]
    fn a_refused_command_leaves_the_design_as_it_was() {
        let mut d = party_box();
        let before = d.clone();
        // The VPC cannot go inside its own subnet; the check runs before anything changes.
        let r = apply(
            &mut d,
            &Command::Place {
                ids: vec![id("vpc")],
                parent: Some(id("public")),
            },
        );
        assert_eq!(
            r.unwrap_err().0.get(crate::core::Lang::En),
            "A container cannot go inside itself."
        );
        assert_eq!(d, before);
        // A move that runs off the canvas half-way is rolled back too.
        let r = apply(
            &mut d,
            &Command::Move {
                ids: vec![id("users"), id("vpc")],
                dx: MAX_COORD,
                dy: 0.0,
            },
        );
        assert!(r.is_err());
        assert_eq!(d, before);
    }

    #[test]
    fn subnet_outside_a_vpc_is_refused_with_the_reason() {
        let mut d = party_box();
        let r = apply(
            &mut d,
            &Command::AddNode {
                kind: Kind::Subnet,
                at: Some(Point { x: 2000.0, y: 0.0 }),
                parent: None,
            },
        );
        assert_eq!(
            r.unwrap_err().0.get(crate::core::Lang::En),
            "A subnet belongs inside a VPC."
        );
    }

    #[test]
    fn moving_a_container_moves_what_is_inside() {
        let mut d = party_box();
        let alb_before = d.node("alb").unwrap().pos;
        apply(
            &mut d,
            &Command::Move {
                ids: vec![id("vpc")],
                dx: 10.0,
                dy: -5.0,
            },
        )
        .unwrap();
        let alb = d.node("alb").unwrap().pos;
        assert_eq!((alb.x, alb.y), (alb_before.x + 10.0, alb_before.y - 5.0));
    }

    #[test]
    fn placing_a_node_grows_its_containers_to_fit() {
        let mut d = party_box();
        // Move RDS far below the private subnet, then put it back in: the subnet and the VPC grow.
        apply(
            &mut d,
            &Command::Move {
                ids: vec![id("rds")],
                dx: 0.0,
                dy: 400.0,
            },
        )
        .unwrap();
        apply(
            &mut d,
            &Command::Place {
                ids: vec![id("rds")],
                parent: Some(id("private")),
            },
        )
        .unwrap();
        let rds = Rect::of(d.node("rds").unwrap());
        for c in ["private", "vpc"] {
            let r = Rect::of(d.node(c).unwrap());
            assert!(r.bottom() >= rds.bottom() + CONTAINER_PAD, "{c} grew");
        }
    }

    #[test]
    fn container_at_finds_the_innermost_and_skips_the_dragged() {
        let d = party_box();
        let alb = Rect::of(d.node("alb").unwrap()).center();
        assert_eq!(container_at(&d, alb, &[]), Some(id("public")));
        assert_eq!(container_at(&d, alb, &[id("vpc")]), None);
        assert_eq!(container_at(&d, Point { x: -500.0, y: 0.0 }, &[]), None);
    }

    #[test]
    fn delete_takes_contents_and_edges_and_undo_brings_them_back() {
        let mut d = party_box();
        let original = d.clone();
        let mut h = History::new();
        let a = apply(
            &mut d,
            &Command::Delete {
                nodes: vec![id("cluster")],
                edges: vec![],
            },
        )
        .unwrap();
        h.record(a.edit, None);
        assert!(d.node("nestjs").is_none());
        assert!(d
            .edges
            .values()
            .all(|e| e.from.0 != "nestjs" && e.to.0 != "nestjs"));
        assert!(h.undo(&mut d));
        assert_eq!(d, original);
        assert!(h.redo(&mut d));
        assert!(d.node("cluster").is_none());
    }

    #[test]
    fn a_drag_merges_into_one_undo_step() {
        let mut d = party_box();
        let original = d.clone();
        let mut h = History::new();
        for _ in 0..10 {
            let a = apply(
                &mut d,
                &Command::Move {
                    ids: vec![id("alb")],
                    dx: 3.0,
                    dy: 1.0,
                },
            )
            .unwrap();
            h.record(a.edit, Some(7));
        }
        h.seal();
        let a = apply(
            &mut d,
            &Command::SetLabel {
                id: id("alb"),
                label: "LB".into(),
            },
        )
        .unwrap();
        h.record(a.edit, Some(7));
        assert_eq!(h.undo_len(), 2);
        h.undo(&mut d);
        h.undo(&mut d);
        assert_eq!(d, original);
    }

    #[test]
    fn duplicate_copies_contents_and_inner_edges() {
        let mut d = party_box();
        let a = apply(
            &mut d,
            &Command::Duplicate {
                ids: vec![id("cluster")],
            },
        )
        .unwrap();
        assert_eq!(a.new_nodes, vec![id("cluster-2")]);
        let copy = d.node("nestjs-2").unwrap();
        assert_eq!(copy.parent, Some(id("cluster-2")));
        assert_eq!(copy.label, "NestJS");
        // Edges to nodes outside the copy (RDS, ALB) are not copied.
        assert!(a.new_edges.is_empty());
        let again = apply(
            &mut d,
            &Command::Duplicate {
                ids: vec![id("nestjs-2")],
            },
        )
        .unwrap();
        assert_eq!(again.new_nodes, vec![id("nestjs-3")]);
    }

    #[test]
    fn connecting_an_alb_to_a_service_adds_a_rule_before_the_others() {
        let mut d = party_box();
        let a = apply(
            &mut d,
            &Command::Connect {
                from: id("alb"),
                to: id("nestjs"),
                kind: None,
            },
        )
        .unwrap();
        let e = &d.edges[&a.new_edges[0]];
        assert_eq!(e.kind, EdgeKind::AlbRule);
        let rule = e.rule.as_ref().unwrap();
        assert_eq!(rule.path_pattern, "/nestjs/*");
        assert!(rule.priority < 10, "{}", rule.priority);
        assert!(apply(
            &mut d,
            &Command::Connect {
                from: id("alb"),
                to: id("alb"),
                kind: None
            }
        )
        .is_err());
    }

    #[test]
    fn move_rule_swaps_priorities() {
        let mut d = party_box();
        apply(
            &mut d,
            &Command::MoveRule {
                id: EdgeId("rule-web".into()),
                up: true,
            },
        )
        .unwrap();
        let order: Vec<&str> = rules_of(&d, &id("alb"))
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(order, ["rule-api", "rule-web", "rule-socketio"]);
        // First stays first.
        let before = d.clone();
        apply(
            &mut d,
            &Command::MoveRule {
                id: EdgeId("rule-api".into()),
                up: true,
            },
        )
        .unwrap();
        assert_eq!(d, before);
    }

    #[test]
    fn params_keep_to_the_catalogue() {
        let mut d = party_box();
        let set = |d: &mut Design, k: &str, v: ParamValue| {
            apply(
                d,
                &Command::SetParams {
                    id: id("nestjs"),
                    values: vec![(k.into(), v)],
                },
            )
        };
        assert!(set(&mut d, "vcpu", ParamValue::Num(0.3)).is_err());
        assert!(set(&mut d, "launch_type", ParamValue::Str("LAMBDA".into())).is_err());
        assert!(set(&mut d, "nope", ParamValue::Num(1.0)).is_err());
        set(&mut d, "vcpu", ParamValue::Num(1.0)).unwrap();
        assert_eq!(d.node("nestjs").unwrap().num("vcpu"), 1.0);
    }

    #[test]
    fn free_spot_avoids_what_is_there() {
        let d = party_box();
        let p = free_spot(
            &d,
            Some(&id("public")),
            crate::core::document::model::NODE_SIZE,
        );
        let r = Rect {
            x: p.x,
            y: p.y,
            w: 120.0,
            h: 76.0,
        };
        for n in d.children(Some(&id("public"))) {
            assert!(!Rect::of(n).intersects(&r), "overlaps {}", n.id);
        }
    }

    #[test]
    fn fitting_kinds_end_with_generic() {
        assert_eq!(
            fitting_edge_kinds(Kind::Alb, Kind::EcsService)[0],
            EdgeKind::AlbRule
        );
        assert_eq!(
            fitting_edge_kinds(Kind::EcsService, Kind::RdsPostgres)[0],
            EdgeKind::Sql
        );
        assert_eq!(
            fitting_edge_kinds(Kind::Users, Kind::Alb)[0],
            EdgeKind::Https
        );
        for a in Kind::all() {
            for b in Kind::all() {
                assert_eq!(fitting_edge_kinds(a, b).last(), Some(&EdgeKind::Generic));
            }
        }
    }
}
