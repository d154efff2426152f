//! What the pointer and the keyboard do on the canvas: select, drag (with drop into
//! containers), resize, connect, rubber-band, pan and zoom, and the editor's shortcuts.
//!
//! Every change to the design goes through `AppState::dispatch`; this file only turns
//! gestures into commands. A drag is one undo step: its moves share a key.

use crate::core::support::sort::Ordered;
use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::document::catalogue::{EdgeKind, Kind};
use crate::core::document::model::{EdgeId, NodeId, Point, Size};
use crate::core::drawing::geometry::{self, Rect};
use crate::core::edit::{check_place, container_at, fitting_edge_kinds, with_descendants, Command};

use crate::ui::shell::actions::{Action, Ctx};
use crate::ui::shell::state::{AppState, Selection};

/// Positions snap to this grid (canvas units).
pub const GRID: f64 = 10.0;
/// Arrow keys move by this much (Shift: five times more).
pub const ARROW_STEP: f64 = 10.0;
/// Up to this many nodes, a drag moves the nodes for real at every step (edges, findings
/// and cost follow); above it, the dragged nodes slide as a preview and the design changes
/// once, at the drop, so a frame stays short.
pub const LIVE_DRAG_MAX_NODES: usize = 300;
/// A pointer that moves less than this (screen pixels) clicks rather than drags.
const DRAG_THRESHOLD: f64 = 4.0;
/// Height of a container's title strip: dragging there moves the container; dragging
/// elsewhere inside it pans.
pub const TITLE_STRIP: f64 = 36.0;
/// The undo key of arrow-key moves (consecutive presses make one step).
pub const ARROW_KEY: u64 = 1;
/// The smallest and largest width of the visible part of the canvas.
const MIN_VIEW: f64 = 120.0;
const MAX_VIEW: f64 = 200_000.0;

/// What the pointer is doing on the canvas.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Gesture {
    /// Nothing.
    #[default]
    Idle,
    /// Pressed on a node; becomes a drag once it moves far enough.
    Press {
        /// The node under the pointer.
        id: NodeId,
        /// Where it was pressed (screen).
        client: (f64, f64),
        /// Where it was pressed (canvas).
        at: Point,
    },
    /// Moving nodes.
    Drag(Drag),
    /// Panning the view.
    Pan {
        /// Where it was pressed (screen).
        client: (f64, f64),
        /// The view then.
        view: Rect,
        /// Whether it moved (else it was a click on the background).
        moved: bool,
    },
    /// Selecting with a rubber band (Shift + drag on the background).
    Band {
        /// Where it started (canvas).
        from: Point,
        /// Where the pointer is (canvas).
        to: Point,
    },
    /// Drawing a new connection from a node.
    Connect {
        /// Where it starts.
        from: NodeId,
        /// Where the pointer is (canvas).
        to: Point,
    },
    /// Zooming with two fingers (a touch screen's pinch).
    Pinch {
        /// How far apart the fingers were at the start (screen).
        dist: f64,
        /// The point between them at the start (canvas): it stays where it is on screen.
        mid: Point,
        /// The view at the start.
        view: Rect,
    },
    /// Resizing a container by its corner.
    Resize {
        /// Which.
        id: NodeId,
        /// Its top-left corner.
        origin: Point,
        /// The undo key.
        key: u64,
    },
}

/// A drag of nodes in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Drag {
    /// The nodes picked up (the selection).
    pub ids: Vec<NodeId>,
    /// They and everything inside them.
    pub moving: Arc<BTreeSet<NodeId>>,
    /// The containers they could be dropped into (not among them), outermost first.
    pub containers: Arc<Vec<(NodeId, Rect)>>,
    /// Where the pointer went down (canvas).
    pub start: Point,
    /// The top-left corner of the node under the pointer when the drag began (snapping
    /// keeps it on the grid).
    pub anchor: Point,
    /// The offset shown so far.
    pub dx: f64,
    /// The offset shown so far.
    pub dy: f64,
    /// Whether the design follows every step (small designs) or only the drop.
    pub live: bool,
    /// The undo key.
    pub key: u64,
    /// The container under the pointer and whether the dragged nodes may go in it.
    pub target: Option<(Option<NodeId>, bool)>,
}

/// The kind menu shown when more than one kind of connection fits.
#[derive(Debug, Clone, PartialEq)]
pub struct KindMenu {
    /// Where the connection starts.
    pub from: NodeId,
    /// Where it ends.
    pub to: NodeId,
    /// The kinds to choose from.
    pub kinds: Vec<EdgeKind>,
    /// Where to show the menu, in the canvas area's pixels.
    pub at: (f64, f64),
}

/// The canvas's own state (one per canvas), besides the app's.
#[derive(Clone, Copy)]
pub struct CanvasCtx {
    /// The current gesture.
    pub gesture: RwSignal<Gesture>,
    /// The nodes sliding with a preview drag (large designs), if any.
    pub sliding: Memo<Option<Arc<BTreeSet<NodeId>>>>,
    /// The connection-kind menu, when open.
    pub menu: RwSignal<Option<KindMenu>>,
    /// A kind dragged from the palette, hovering over a container: which, and whether it
    /// may go there.
    pub palette_hover: RwSignal<Option<(NodeId, bool)>>,
    /// The view box on screen.
    pub view: Memo<Rect>,
    /// The container a drag (of nodes, or of a kind from the palette) hovers over, and
    /// whether what is dragged may go in it. A memo, so the nodes' classes only update
    /// when it changes, not at every pointer move.
    pub drop_hover: Memo<Option<(NodeId, bool)>>,
    /// The `<svg>`.
    pub svg: NodeRef<leptos::svg::Svg>,
    /// A click that ends a drag must not also select.
    pub swallow_click: StoredValue<bool>,
    /// The next undo key.
    pub next_key: StoredValue<u64>,
    /// Whether the space bar is held (a drag anywhere then pans).
    pub space: StoredValue<bool>,
    /// The pointers down on the canvas (id, screen position): two make a pinch.
    pub pointers: StoredValue<Vec<(i32, f64, f64)>>,
}

impl CanvasCtx {
    fn new_key(&self) -> u64 {
        let k = self.next_key.get_value() + 1;
        self.next_key.set_value(k);
        k + 100
    }

    /// The canvas point under the screen point (`client_x`, `client_y`).
    pub fn canvas_point(&self, client_x: f64, client_y: f64) -> Option<Point> {
        let svg = self.svg.get_untracked()?;
        let b = svg.get_bounding_client_rect();
        let v = self.view.get_untracked();
        if b.width() <= 0.0 || b.height() <= 0.0 || v.w <= 0.0 || v.h <= 0.0 {
            return None;
        }
        let scale = (b.width() / v.w).min(b.height() / v.h);
        let ox = (b.width() - v.w * scale) / 2.0;
        let oy = (b.height() - v.h * scale) / 2.0;
        Some(Point {
            x: v.x + (client_x - b.left() - ox) / scale,
            y: v.y + (client_y - b.top() - oy) / scale,
        })
    }

    /// Screen pixels per canvas unit.
    fn scale(&self) -> f64 {
        let Some(svg) = self.svg.get_untracked() else {
            return 1.0;
        };
        let b = svg.get_bounding_client_rect();
        let v = self.view.get_untracked();
        (b.width() / v.w).min(b.height() / v.h).max(1e-6)
    }
}

fn snap(v: f64) -> f64 {
    (v / GRID).round() * GRID
}

/// The element the event happened on, if it is an element.
pub(crate) fn target_element(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()?.dyn_into::<web_sys::Element>().ok()
}

fn closest(el: &web_sys::Element, selector: &str) -> Option<web_sys::Element> {
    el.closest(selector).ok().flatten()
}

/// The distance between the first two pointers down and the point between them (screen).
fn two_pointers(cx: CanvasCtx) -> Option<(f64, (f64, f64))> {
    cx.pointers.with_value(|p| match p.as_slice() {
        [(_, ax, ay), (_, bx, by), ..] => {
            Some(((ax - bx).hypot(ay - by), ((ax + bx) / 2.0, (ay + by) / 2.0)))
        }
        _ => None,
    })
}

/// Pointer down on the canvas: what it starts depends on what is under it (a second finger
/// down starts a pinch).
pub fn pointer_down(state: AppState, cx: CanvasCtx, ev: leptos::ev::PointerEvent) {
    if ev.button() != 0 {
        return;
    }
    let (id, x, y) = (ev.pointer_id(), ev.client_x() as f64, ev.client_y() as f64);
    let first = ev.is_primary();
    cx.pointers.update_value(|p| {
        // The first finger of a touch (or a mouse) starts afresh: a pointer whose end the
        // canvas never saw is not left behind.
        if first {
            p.clear();
        }
        p.retain(|(i, ..)| *i != id);
        p.push((id, x, y));
    });
    let pinchable = cx.gesture.with_untracked(|g| {
        matches!(
            g,
            Gesture::Idle | Gesture::Press { .. } | Gesture::Pan { .. }
        )
    });
    if let (true, Some((dist, mid))) = (pinchable, two_pointers(cx)) {
        if let Some(mid) = cx.canvas_point(mid.0, mid.1) {
            capture(&ev);
            ev.prevent_default();
            cx.swallow_click.set_value(true);
            cx.gesture.set(Gesture::Pinch {
                dist: dist.max(1.0),
                mid,
                view: cx.view.get_untracked(),
            });
        }
        return;
    }
    cx.menu.set(None);
    let Some(el) = target_element(&ev) else {
        return;
    };
    let (client_x, client_y) = (ev.client_x() as f64, ev.client_y() as f64);
    let Some(at) = cx.canvas_point(client_x, client_y) else {
        return;
    };
    cx.swallow_click.set_value(false);
    if cx.space.get_value() {
        capture(&ev);
        ev.prevent_default();
        cx.gesture.set(Gesture::Pan {
            client: (client_x, client_y),
            view: cx.view.get_untracked(),
            moved: false,
        });
        return;
    }
    if let Some(handle) = closest(&el, "[data-handle]") {
        let id = NodeId(handle.get_attribute("data-for").unwrap_or_default());
        let gesture = match handle.get_attribute("data-handle").as_deref() {
            Some("connect") => Gesture::Connect { from: id, to: at },
            Some("resize") => {
                let Some(origin) = state
                    .design
                    .with_untracked(|d| d.nodes.get(&id).map(|n| n.pos))
                else {
                    return;
                };
                freeze_view(state, cx);
                Gesture::Resize {
                    id,
                    origin,
                    key: cx.new_key(),
                }
            }
            _ => return,
        };
        capture(&ev);
        ev.prevent_default();
        cx.gesture.set(gesture);
        return;
    }
    if closest(&el, "[data-edge-id]").is_some() {
        return; // edges select on click
    }
    if let Some(node_el) = closest(&el, "[data-node-id]") {
        let id = NodeId(node_el.get_attribute("data-node-id").unwrap_or_default());
        let on_body = state.design.with_untracked(|d| {
            d.nodes
                .get(&id)
                .is_some_and(|n| n.kind.is_container() && at.y > n.pos.y + TITLE_STRIP)
        });
        if !on_body {
            // No pointer capture yet: it would make the click that may follow land on the
            // canvas instead of the node.
            cx.gesture.set(Gesture::Press {
                id,
                client: (client_x, client_y),
                at,
            });
            return;
        }
    }
    // The background (or a container's body).
    cx.gesture.set(if ev.shift_key() {
        capture(&ev);
        Gesture::Band { from: at, to: at }
    } else {
        Gesture::Pan {
            client: (client_x, client_y),
            view: cx.view.get_untracked(),
            moved: false,
        }
    });
}

fn capture(ev: &leptos::ev::PointerEvent) {
    if let Some(t) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    {
        let _ = t.set_pointer_capture(ev.pointer_id());
    }
}

/// Keeps the view where it is (a drag must not re-fit the view under the pointer).
fn freeze_view(state: AppState, cx: CanvasCtx) {
    if state.camera.get_untracked().is_none() {
        state.camera.set(Some(cx.view.get_untracked()));
    }
}

/// Pointer move: carries the gesture on.
pub fn pointer_move(state: AppState, cx: CanvasCtx, ev: leptos::ev::PointerEvent) {
    let (client_x, client_y) = (ev.client_x() as f64, ev.client_y() as f64);
    let id = ev.pointer_id();
    cx.pointers.update_value(|p| {
        if let Some(p) = p.iter_mut().find(|(i, ..)| *i == id) {
            (p.1, p.2) = (client_x, client_y);
        }
    });
    let gesture = cx.gesture.get_untracked();
    match gesture {
        Gesture::Idle => {}
        Gesture::Pinch { dist, mid, view } => {
            if let Some((now, _)) = two_pointers(cx) {
                // Fingers apart: closer (a smaller view).
                let factor =
                    geometry::clamp(dist / now.max(1.0), MIN_VIEW / view.w, MAX_VIEW / view.w);
                state.camera.set(Some(Rect {
                    x: mid.x - (mid.x - view.x) * factor,
                    y: mid.y - (mid.y - view.y) * factor,
                    w: view.w * factor,
                    h: view.h * factor,
                }));
            }
        }
        Gesture::Press { id, client, at } => {
            let far = (client_x - client.0).hypot(client_y - client.1) >= DRAG_THRESHOLD;
            if far {
                capture(&ev);
                start_drag(state, cx, id, at);
                pointer_move(state, cx, ev);
            }
        }
        Gesture::Drag(mut drag) => {
            let Some(p) = cx.canvas_point(client_x, client_y) else {
                return;
            };
            let dx = snap(drag.anchor.x + p.x - drag.start.x) - drag.anchor.x;
            let dy = snap(drag.anchor.y + p.y - drag.start.y) - drag.anchor.y;
            if drag.live && (dx != drag.dx || dy != drag.dy) {
                let _ = state.dispatch_keyed(
                    Command::Move {
                        ids: drag.ids.clone(),
                        dx: dx - drag.dx,
                        dy: dy - drag.dy,
                    },
                    Some(drag.key),
                );
            }
            drag.dx = dx;
            drag.dy = dy;
            drag.target = Some(drop_target(state, &drag, p));
            cx.gesture.set(Gesture::Drag(drag));
        }
        Gesture::Pan {
            client,
            view,
            moved,
        } => {
            let scale = cx.scale();
            let (mx, my) = (client_x - client.0, client_y - client.1);
            if !moved && mx.hypot(my) >= DRAG_THRESHOLD {
                capture(&ev);
            }
            let moved = moved || mx.hypot(my) >= DRAG_THRESHOLD;
            if moved {
                state.camera.set(Some(Rect {
                    x: view.x - mx / scale,
                    y: view.y - my / scale,
                    ..view
                }));
            }
            cx.gesture.set(Gesture::Pan {
                client,
                view,
                moved,
            });
        }
        Gesture::Band { from, .. } => {
            if let Some(to) = cx.canvas_point(client_x, client_y) {
                cx.gesture.set(Gesture::Band { from, to });
            }
        }
        Gesture::Connect { from, .. } => {
            if let Some(to) = cx.canvas_point(client_x, client_y) {
                cx.gesture.set(Gesture::Connect { from, to });
            }
        }
        Gesture::Resize { id, origin, key } => {
            if let Some(p) = cx.canvas_point(client_x, client_y) {
                let size = Size {
                    w: snap(p.x - origin.x).max(crate::core::edit::MIN_CONTAINER.w),
                    h: snap(p.y - origin.y).max(crate::core::edit::MIN_CONTAINER.h),
                };
                let _ = state.dispatch_keyed(Command::Resize { id, size }, Some(key));
            }
        }
    }
}

fn start_drag(state: AppState, cx: CanvasCtx, id: NodeId, at: Point) {
    // Dragging an unselected node drags it alone; a selected one drags the selection.
    let selected = state.selection.with_untracked(|s| s.has_node(&id));
    if !selected {
        state.selection.set(Selection::node(id.clone()));
    }
    let ids = state.selection.with_untracked(|s| s.nodes());
    let (moving, containers, anchor, live) = state.design.with_untracked(|d| {
        let moving = with_descendants(d, &ids);
        let containers: Vec<(NodeId, Rect)> = d
            .nodes_outer_first()
            .into_iter()
            .filter(|n| n.kind.is_container() && !moving.contains(&n.id))
            .map(|n| (n.id.clone(), Rect::of(n)))
            .collect();
        (
            Arc::new(moving),
            Arc::new(containers),
            d.nodes.get(&id).map(|n| n.pos).unwrap_or(at),
            d.nodes.len() <= LIVE_DRAG_MAX_NODES,
        )
    });
    freeze_view(state, cx);
    cx.gesture.set(Gesture::Drag(Drag {
        ids,
        moving,
        containers,
        start: at,
        anchor,
        dx: 0.0,
        dy: 0.0,
        live,
        key: cx.new_key(),
        target: None,
    }));
}

/// The container under `p` (leaving out what is dragged) and whether the dragged nodes
/// that would change container may go in it. The check runs again only when the container
/// under the pointer changes.
fn drop_target(state: AppState, drag: &Drag, p: Point) -> (Option<NodeId>, bool) {
    let target = drag
        .containers
        .iter()
        .rev()
        .find(|(_, r)| p.x >= r.x && p.x <= r.right() && p.y >= r.y && p.y <= r.bottom())
        .map(|(id, _)| id.clone());
    if let Some((last, ok)) = &drag.target {
        if *last == target {
            return (target, *ok);
        }
    }
    let ok = state.design.with_untracked(|d| {
        let changing = changing_container(d, drag, target.as_ref());
        changing.is_empty() || check_place(d, &changing, target.as_ref()).is_ok()
    });
    (target, ok)
}

/// Of the dragged nodes, those a drop on `target` would put in another container (not the
/// ones carried inside another dragged container).
fn changing_container(
    d: &crate::core::document::model::Design,
    drag: &Drag,
    target: Option<&NodeId>,
) -> Vec<NodeId> {
    drag.ids
        .iter()
        .filter(|id| {
            d.nodes
                .get(*id)
                .is_some_and(|n| n.parent.as_ref() != target)
                && !d.ancestors(id).iter().any(|a| drag.moving.contains(&a.id))
        })
        .cloned()
        .collect()
}

/// A pointer went away without finishing (the browser took it): the gesture stops.
pub fn pointer_cancel(cx: CanvasCtx, ev: leptos::ev::PointerEvent) {
    let id = ev.pointer_id();
    cx.pointers.update_value(|p| p.retain(|(i, ..)| *i != id));
    cx.gesture.set(Gesture::Idle);
}

/// Pointer up: finishes the gesture.
pub fn pointer_up(state: AppState, cx: CanvasCtx, ev: leptos::ev::PointerEvent) {
    let id = ev.pointer_id();
    cx.pointers.update_value(|p| p.retain(|(i, ..)| *i != id));
    let gesture = cx.gesture.get_untracked();
    cx.gesture.set(Gesture::Idle);
    match gesture {
        Gesture::Idle | Gesture::Press { .. } | Gesture::Pinch { .. } => {}
        Gesture::Drag(drag) => {
            cx.swallow_click.set_value(true);
            drop_nodes(state, cx, drag, ev.client_x() as f64, ev.client_y() as f64);
        }
        Gesture::Pan { moved, .. } => {
            if moved {
                cx.swallow_click.set_value(true);
            }
        }
        Gesture::Band { from, to } => {
            cx.swallow_click.set_value(true);
            let band = Rect {
                x: from.x.min(to.x),
                y: from.y.min(to.y),
                w: (from.x - to.x).abs(),
                h: (from.y - to.y).abs(),
            };
            let picked: BTreeSet<NodeId> = state.design.with_untracked(|d| {
                d.nodes
                    .values()
                    .filter(|n| {
                        let r = Rect::of(n);
                        r.x >= band.x
                            && r.y >= band.y
                            && r.right() <= band.right()
                            && r.bottom() <= band.bottom()
                    })
                    .map(|n| n.id.clone())
                    .to_set()
            });
            state
                .selection
                .set(Selection::items(picked, BTreeSet::new()));
        }
        Gesture::Connect { from, .. } => {
            cx.swallow_click.set_value(true);
            let to = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.element_from_point(ev.client_x() as f32, ev.client_y() as f32))
                .and_then(|el| closest(&el, "[data-node-id]"))
                .and_then(|el| el.get_attribute("data-node-id"))
                .map(NodeId);
            if let Some(to) = to {
                let area = (ev.offset_x() as f64, ev.offset_y() as f64);
                finish_connect(state, cx, from, to, area);
            }
        }
        Gesture::Resize { .. } => {
            cx.swallow_click.set_value(true);
            state.seal_history();
        }
    }
}

/// Lets go of dragged nodes: they move (already, when live) and change container when the
/// pointer is over another one. A refused drop puts everything back and says why.
fn drop_nodes(state: AppState, cx: CanvasCtx, drag: Drag, client_x: f64, client_y: f64) {
    if drag.dx == 0.0 && drag.dy == 0.0 {
        return;
    }
    if !drag.live {
        let _ = state.dispatch_keyed(
            Command::Move {
                ids: drag.ids.clone(),
                dx: drag.dx,
                dy: drag.dy,
            },
            Some(drag.key),
        );
    }
    let point = cx.canvas_point(client_x, client_y);
    let target = point.and_then(|p| drop_target(state, &drag, p).0);
    if point.is_some() {
        let changing = state
            .design
            .with_untracked(|d| changing_container(d, &drag, target.as_ref()));
        if !changing.is_empty()
            && state
                .dispatch_keyed(
                    Command::Place {
                        ids: changing,
                        parent: target.clone(),
                    },
                    Some(drag.key),
                )
                .is_err()
        {
            state.cancel_last();
        }
    }
    // A drop never leaves a card on another: the least shift to a free place, in the same
    // undo step.
    let shift = state
        .design
        .with_untracked(|d| crate::core::edit::clear_of_cards(d, &drag.ids, GRID));
    if let Some((dx, dy)) = shift {
        let _ = state.dispatch_keyed(
            Command::Move {
                ids: drag.ids.clone(),
                dx,
                dy,
            },
            Some(drag.key),
        );
    }
    // The container a drop lands in takes it whole: it (and those around it) grow to fit.
    if target.is_some() {
        let inside: Vec<NodeId> = state.design.with_untracked(|d| {
            changing_container(d, &drag, None)
                .into_iter()
                .filter(|id| d.nodes.get(id).is_some_and(|n| n.parent == target))
                .collect()
        });
        if !inside.is_empty() {
            let _ = state.dispatch_keyed(
                Command::Place {
                    ids: inside,
                    parent: target,
                },
                Some(drag.key),
            );
        }
    }
    state.seal_history();
}

/// Ends a connection from `from` to `to`: at once when one kind fits (besides the generic
/// one, which the inspector can still pick), else through the kind menu shown at `at`
/// (pixels in the canvas area).
pub fn finish_connect(state: AppState, cx: CanvasCtx, from: NodeId, to: NodeId, at: (f64, f64)) {
    // The hint that asked for the end has done its job.
    if state.connect_from.get_untracked().is_some() {
        state.notice.set(None);
    }
    state.connect_from.set(None);
    if from == to {
        return;
    }
    let kinds = state
        .design
        .with_untracked(|d| match (d.nodes.get(&from), d.nodes.get(&to)) {
            (Some(a), Some(b)) => fitting_edge_kinds(a.kind, b.kind),
            _ => Vec::new(),
        });
    let specific = kinds.iter().filter(|k| **k != EdgeKind::Generic).count();
    if kinds.is_empty() {
        return;
    }
    if specific <= 1 {
        let _ = state.dispatch(Command::Connect {
            from,
            to,
            kind: Some(kinds[0]),
        });
    } else {
        cx.menu.set(Some(KindMenu {
            from,
            to,
            kinds,
            at,
        }));
    }
}

/// A click on a node: selects it (Shift: adds or removes it); clicking the selected node
/// again keeps it selected. In keyboard-connect mode it picks the end instead.
pub fn click_node(state: AppState, cx: CanvasCtx, id: NodeId, shift: bool, at: (f64, f64)) {
    if cx.swallow_click.get_value() {
        cx.swallow_click.set_value(false);
        return;
    }
    if let Some(from) = state.connect_from.get_untracked() {
        finish_connect(state, cx, from, id, at);
        return;
    }
    pick(state, Picked::Node(id), shift);
}

/// What a click picked.
enum Picked {
    Node(NodeId),
    Edge(EdgeId),
}

/// Selects what a click picked: alone (picked again, it stays selected), or (Shift) added to
/// or taken out of the selection.
fn pick(state: AppState, picked: Picked, shift: bool) {
    let sel = state.selection.get_untracked();
    let next = if shift {
        let (mut nodes, mut edges) = match sel {
            Selection::Items { nodes, edges } => (nodes, edges),
            _ => (BTreeSet::new(), BTreeSet::new()),
        };
        match picked {
            Picked::Node(id) => {
                if !nodes.remove(&id) {
                    nodes.insert(id);
                }
            }
            Picked::Edge(id) => {
                if !edges.remove(&id) {
                    edges.insert(id);
                }
            }
        }
        Selection::items(nodes, edges)
    } else {
        match picked {
            Picked::Node(id) => Selection::node(id),
            Picked::Edge(id) => Selection::edge(id),
        }
    };
    state.selection.set(next);
}

/// A click on an edge: selects it (Shift: adds or removes it).
pub fn click_edge(state: AppState, cx: CanvasCtx, id: EdgeId, shift: bool) {
    if cx.swallow_click.get_value() {
        cx.swallow_click.set_value(false);
        return;
    }
    pick(state, Picked::Edge(id), shift);
}

/// A click on the background clears the selection (unless it ended a pan or a band).
pub fn click_background(state: AppState, cx: CanvasCtx) {
    if cx.swallow_click.get_value() {
        cx.swallow_click.set_value(false);
        return;
    }
    state.connect_from.set(None);
    state.selection.set(Selection::None);
}

/// Wheel: zooms around the pointer.
pub fn wheel(state: AppState, cx: CanvasCtx, ev: leptos::ev::WheelEvent) {
    ev.prevent_default();
    let Some(p) = cx.canvas_point(ev.client_x() as f64, ev.client_y() as f64) else {
        return;
    };
    let factor = geometry::clamp(ev.delta_y() * 0.0015, -0.5, 0.5).exp();
    zoom_at(state, cx, p, factor);
}

/// Zooms the view by `factor` (below 1: closer) keeping `p` where it is on screen.
pub fn zoom_at(state: AppState, cx: CanvasCtx, p: Point, factor: f64) {
    let v = cx.view.get_untracked();
    let factor = geometry::clamp(factor, MIN_VIEW / v.w, MAX_VIEW / v.w);
    state.camera.set(Some(Rect {
        x: p.x - (p.x - v.x) * factor,
        y: p.y - (p.y - v.y) * factor,
        w: v.w * factor,
        h: v.h * factor,
    }));
}

/// Zooms around the centre of the view.
pub fn zoom(state: AppState, cx: CanvasCtx, factor: f64) {
    let c = cx.view.get_untracked().center();
    zoom_at(state, cx, c, factor);
}

/// A kind dragged from the palette over the canvas: shows where it would go.
pub fn palette_over(state: AppState, cx: CanvasCtx, ev: &leptos::ev::DragEvent) -> bool {
    let Some(dt) = ev.data_transfer() else {
        return false;
    };
    let types = dt.types();
    let ours =
        (0..types.length()).any(|i| types.get(i).as_string().as_deref() == Some(PALETTE_TYPE));
    if !ours {
        return false;
    }
    ev.prevent_default();
    // The kind itself cannot be read until the drop; show the container under the pointer.
    let hover = cx
        .canvas_point(ev.client_x() as f64, ev.client_y() as f64)
        .and_then(|p| state.design.with_untracked(|d| container_at(d, p, &[])))
        .map(|id| (id, true));
    if cx.palette_hover.get_untracked() != hover {
        cx.palette_hover.set(hover);
    }
    true
}

/// The drag-and-drop type the palette puts its kind id under.
pub const PALETTE_TYPE: &str = "application/x-kumozu-kind";

/// A kind dropped from the palette: adds it where it was dropped, in the container there.
pub fn palette_drop(state: AppState, cx: CanvasCtx, ev: &leptos::ev::DragEvent) -> bool {
    cx.palette_hover.set(None);
    let Some(kind) = ev
        .data_transfer()
        .and_then(|dt| dt.get_data(PALETTE_TYPE).ok())
        .and_then(|id| Kind::from_id(&id))
    else {
        return false;
    };
    ev.prevent_default();
    ev.stop_propagation();
    let Some(p) = cx.canvas_point(ev.client_x() as f64, ev.client_y() as f64) else {
        return true;
    };
    add_at(state, kind, p);
    true
}

/// Adds a node of `kind` centred on `p`, inside the container there.
pub fn add_at(state: AppState, kind: Kind, p: Point) {
    let parent = state.design.with_untracked(|d| container_at(d, p, &[]));
    let size = crate::core::document::model::Node::new("", kind, Point::default()).box_size();
    let at = Point {
        x: snap(p.x - size.w / 2.0),
        y: snap(p.y - size.h / 2.0),
    };
    let _ = state.dispatch(Command::AddNode {
        kind,
        at: Some(at),
        parent,
    });
}

/// Whether a key event comes from a field where keys type text.
pub fn in_field(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA") || el.is_content_editable()
}

/// The editor's shortcuts, read from the action registry (`Action::from_key`): a key whose
/// action is enabled takes it; one whose action is not is still taken when the registry says
/// so (Ctrl+A, Ctrl+Z…), else left to the browser (the arrows scroll). Returns whether the
/// key was used.
pub fn shortcut(state: AppState, cx: Option<CanvasCtx>, ev: &web_sys::KeyboardEvent) -> bool {
    if in_field(ev) {
        return false;
    }
    let cmd = ev.ctrl_key() || ev.meta_key();
    let Some((action, key)) = Action::from_key(&ev.key(), cmd, ev.shift_key(), ev.alt_key()) else {
        return false;
    };
    let ctx = Ctx { state, canvas: cx };
    let used = if untrack(|| action.enabled(ctx)) {
        action.perform(ctx);
        true
    } else {
        key.claims_when_disabled
    };
    if used {
        ev.prevent_default();
        // Arrow moves merge into one step only while nothing else happens in between.
        if !action.is_nudge() {
            state.seal_history();
        }
    }
    used
}
