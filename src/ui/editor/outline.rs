//! The outline: the design as a tree (VPC › subnet › service …) that selects, reparents and
//! deletes without a mouse.
//!
//! It follows the ARIA tree pattern: one `role="tree"` with nested `role="treeitem"`s
//! (`aria-level`, `aria-expanded` on containers that hold something, `aria-selected` for what
//! is selected on the canvas), one tab stop (roving `tabindex`), and the keys ↑ ↓ ← → Home End,
//! Enter / Space (select; Shift toggles the node in the selection), Delete / Backspace
//! (delete), and M (a list of the containers the node may move into, as `check_place` allows,
//! plus the canvas). Siblings are ordered by position, top to bottom then left to right (ties
//! by id), as they read on the canvas. Every change goes through `AppState::dispatch`; the
//! outline decides nothing about what may go where.

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;
use wasm_bindgen::JsCast;

use crate::core::document::model::{Design, Node, NodeId};
use crate::core::edit::{check_place, Command};
use crate::core::support::i18n::Lang;

use crate::ui::shell::state::{AppState, Selection};
use crate::ui::text::outline as text;

/// One node of the outline, with what sits in it.
#[derive(Debug, Clone, PartialEq)]
struct Item {
    id: NodeId,
    /// The node's display label.
    label: String,
    /// Its kind's name.
    kind: &'static str,
    /// Whether it is a container.
    container: bool,
    /// 1 for top-level nodes.
    level: usize,
    children: Vec<Item>,
}

/// Compares two nodes the way they read on the canvas: top to bottom, then left to right.
fn reading_order(a: &Node, b: &Node) -> std::cmp::Ordering {
    a.pos
        .y
        .total_cmp(&b.pos.y)
        .then(a.pos.x.total_cmp(&b.pos.x))
        .then_with(|| a.id.cmp(&b.id))
}

/// The design's nodes as a tree, in reading order.
fn tree(design: &Design, lang: Lang) -> Vec<Item> {
    // Sorted by parent, then in reading order: the children of a node are one run of the list
    // (found by binary search), so no map of lists is needed.
    let mut nodes: Vec<&Node> = design.nodes.values().collect();
    crate::core::support::sort::sort_by(&mut nodes, |a, b| {
        a.parent.cmp(&b.parent).then_with(|| reading_order(a, b))
    });
    fn build(nodes: &[&Node], parent: Option<&NodeId>, level: usize, lang: Lang) -> Vec<Item> {
        let first = nodes.partition_point(|n| n.parent.as_ref() < parent);
        nodes[first..]
            .iter()
            .take_while(|n| n.parent.as_ref() == parent)
            .map(|n| Item {
                id: n.id.clone(),
                label: n.display_label(lang).to_owned(),
                kind: n.kind.info().name.get(lang),
                container: n.kind.is_container(),
                level,
                // The loader refuses containment cycles, so this ends.
                children: build(nodes, Some(&n.id), level + 1, lang),
            })
            .collect()
    }
    build(&nodes, None, 1, lang)
}

/// An item the keyboard can reach (its containers are all expanded).
#[derive(Debug, Clone, PartialEq)]
struct Visible {
    id: NodeId,
    parent: Option<NodeId>,
    /// Whether it holds something (then it expands and collapses).
    parent_of_some: bool,
}

/// The items the keyboard reaches, top to bottom.
fn reachable(items: &[Item], collapsed: &BTreeSet<NodeId>) -> Vec<Visible> {
    fn walk(
        items: &[Item],
        parent: Option<&NodeId>,
        collapsed: &BTreeSet<NodeId>,
        out: &mut Vec<Visible>,
    ) {
        for item in items {
            out.push(Visible {
                id: item.id.clone(),
                parent: parent.cloned(),
                parent_of_some: !item.children.is_empty(),
            });
            if !collapsed.contains(&item.id) {
                walk(&item.children, Some(&item.id), collapsed, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(items, None, collapsed, &mut out);
    out
}

/// Where a node may move: the canvas and the containers `check_place` allows, leaving out
/// where it is now; each with a name that shows its path (`VPC › Private Subnet`).
fn move_targets(design: &Design, id: &NodeId, lang: Lang) -> Vec<(Option<NodeId>, String)> {
    let Some(node) = design.nodes.get(id) else {
        return Vec::new();
    };
    let ids = std::slice::from_ref(id);
    let mut out = Vec::new();
    if node.parent.is_some() && check_place(design, ids, None).is_ok() {
        out.push((None, text::TOP_LEVEL.get(lang).to_owned()));
    }
    let mut containers: Vec<&Node> = design
        .nodes
        .values()
        .filter(|c| c.kind.is_container() && Some(&c.id) != node.parent.as_ref())
        .filter(|c| check_place(design, ids, Some(&c.id)).is_ok())
        .collect();
    // In outline order: by the reading order of the path from the top.
    let path = |c: &Node| -> Vec<&Node> {
        let mut p: Vec<&Node> = design.ancestors(&c.id);
        p.reverse();
        p.push(design.nodes.get(&c.id).expect("listed"));
        p
    };
    crate::core::support::sort::sort_by(&mut containers, |a, b| {
        let (pa, pb) = (path(a), path(b));
        pa.iter()
            .zip(pb.iter())
            .map(|(x, y)| reading_order(x, y))
            .find(|o| o.is_ne())
            .unwrap_or(pa.len().cmp(&pb.len()))
    });
    for c in containers {
        let name = path(c)
            .iter()
            .map(|n| n.display_label(lang))
            .collect::<Vec<_>>()
            .join(" › ");
        out.push((Some(c.id.clone()), name));
    }
    out
}

/// What the outline's parts share.
#[derive(Clone, Copy)]
struct Ctx {
    state: AppState,
    /// Containers the user closed.
    collapsed: RwSignal<BTreeSet<NodeId>>,
    /// The item that holds the tab stop (when it is still in the tree).
    focused: RwSignal<Option<NodeId>>,
    /// The node whose "Move to…" list is open.
    moving: RwSignal<Option<NodeId>>,
    /// The items the keyboard reaches.
    visible: Memo<Vec<Visible>>,
    /// The item with `tabindex="0"`.
    tab_stop: Memo<Option<NodeId>>,
    /// Every item's row, by id (each item reads its own through a memo).
    rows: Memo<HashMap<NodeId, Row>>,
    /// The marks of the items on the page.
    marks: Marks,
    tree: NodeRef<html::Ul>,
    list: NodeRef<html::Ul>,
}

/// What one item shows (its children are items of their own).
#[derive(Debug, Clone, PartialEq, Default)]
struct Row {
    label: String,
    kind: &'static str,
    container: bool,
    level: usize,
    children: Vec<NodeId>,
}

/// Every item of `items` (and below) by id.
fn rows(items: &[Item]) -> HashMap<NodeId, Row> {
    fn walk(items: &[Item], out: &mut HashMap<NodeId, Row>) {
        for i in items {
            out.insert(
                i.id.clone(),
                Row {
                    label: i.label.clone(),
                    kind: i.kind,
                    container: i.container,
                    level: i.level,
                    children: i.children.iter().map(|c| c.id.clone()).collect(),
                },
            );
            walk(&i.children, out);
        }
    }
    let mut out = HashMap::new();
    walk(items, &mut out);
    out
}

/// The marks of one item on the page, and its element.
#[derive(Clone, Copy)]
struct ItemMarks {
    selected: RwSignal<bool>,
    stop: RwSignal<bool>,
    li: NodeRef<html::Li>,
}

/// What is selected and which item is the tab stop, set on the items whose mark changed
/// only: a click in a large design touches two or three items, not the whole tree.
#[derive(Clone, Copy)]
struct Marks {
    items: StoredValue<HashMap<NodeId, ItemMarks>>,
    selected: StoredValue<BTreeSet<NodeId>>,
    stop: StoredValue<Option<NodeId>>,
}

impl Marks {
    /// The marks of a new item `id`, as they are now.
    fn enter(&self, id: &NodeId) -> ItemMarks {
        let m = ItemMarks {
            selected: RwSignal::new(self.selected.with_value(|s| s.contains(id))),
            stop: RwSignal::new(self.stop.with_value(|s| s.as_ref() == Some(id))),
            li: NodeRef::new(),
        };
        self.items.update_value(|all| {
            all.insert(id.clone(), m);
        });
        m
    }

    /// Forgets item `id` when its element goes (unless another item took its id meanwhile).
    fn leave(&self, id: &NodeId, m: ItemMarks) {
        self.items.update_value(|all| {
            if all.get(id).is_some_and(|x| x.selected == m.selected) {
                all.remove(id);
            }
        });
    }

    fn item(&self, id: &NodeId) -> Option<ItemMarks> {
        self.items.with_value(|all| all.get(id).copied())
    }

    fn set_selected(&self, now: BTreeSet<NodeId>) {
        let before = self.selected.with_value(|s| s.clone());
        for id in before.symmetric_difference(&now) {
            if let Some(m) = self.item(id) {
                m.selected.set(now.contains(id));
            }
        }
        self.selected.set_value(now);
    }

    fn set_stop(&self, now: Option<NodeId>) {
        let before = self.stop.get_value();
        if before == now {
            return;
        }
        if let Some(m) = before.as_ref().and_then(|id| self.item(id)) {
            m.stop.set(false);
        }
        if let Some(m) = now.as_ref().and_then(|id| self.item(id)) {
            m.stop.set(true);
        }
        self.stop.set_value(now);
    }
}

impl Ctx {
    /// The `<li>` of `id`, when it is on the page.
    fn element(&self, id: &NodeId) -> Option<web_sys::HtmlElement> {
        let li = self.marks.item(id)?.li.get_untracked()?;
        Some(li.into())
    }

    /// Moves the tab stop and the keyboard focus to `id`.
    fn focus(&self, id: &NodeId) {
        self.focused.set(Some(id.clone()));
        if let Some(el) = self.element(id) {
            let _ = el.focus();
        }
    }

    /// Like [`Ctx::focus`], once the tree has been drawn again after an edit.
    fn focus_later(&self, id: NodeId) {
        self.focused.set(Some(id.clone()));
        let cx = *self;
        set_timeout(move || cx.focus(&id), Duration::ZERO);
    }

    /// Opens the containers around `id`, so that it is visible.
    fn reveal(&self, id: &NodeId) {
        let around: Vec<NodeId> = self
            .state
            .design
            .with_untracked(|d| d.ancestors(id).into_iter().map(|n| n.id.clone()).collect());
        if around
            .iter()
            .any(|a| self.collapsed.with_untracked(|c| c.contains(a)))
        {
            self.collapsed.update(|c| {
                for a in &around {
                    c.remove(a);
                }
            });
        }
    }

    /// Selects `id` on the canvas; with `toggle`, adds it to (or takes it out of) the
    /// selection instead.
    fn select(&self, id: &NodeId, toggle: bool) {
        let sel = self.state.selection;
        if !toggle {
            sel.set(Selection::node(id.clone()));
            return;
        }
        let (mut nodes, edges) = sel.with_untracked(|s| match s {
            Selection::Items { nodes, edges } => (nodes.clone(), edges.clone()),
            _ => Default::default(),
        });
        if !nodes.remove(id) {
            nodes.insert(id.clone());
        }
        sel.set(Selection::items(nodes, edges));
    }

    /// Deletes `id` (and what is inside it), then focuses the next item, or the one before.
    fn delete(&self, id: &NodeId) {
        let order = self.visible.get_untracked();
        let at = order.iter().position(|v| &v.id == id).unwrap_or(0);
        let deleted = self.state.dispatch(Command::Delete {
            nodes: vec![id.clone()],
            edges: Vec::new(),
        });
        if deleted.is_err() {
            return;
        }
        let left = |v: &&Visible| {
            self.state
                .design
                .with_untracked(|d| d.nodes.contains_key(&v.id))
        };
        let next = order[at..]
            .iter()
            .find(left)
            .or_else(|| order[..at].iter().rev().find(left));
        if let Some(next) = next {
            self.focus_later(next.id.clone());
        }
    }

    /// Opens the "Move to…" list of `id`.
    fn open_move(&self, id: &NodeId) {
        self.focused.set(Some(id.clone()));
        self.moving.set(Some(id.clone()));
        let list = self.list;
        // The list is drawn by the next render.
        set_timeout(
            move || {
                // The first place, or "Cancel" when there is none.
                if let Some(first) = list
                    .get_untracked()
                    .and_then(|l| l.parent_element())
                    .and_then(|box_| box_.query_selector("[role=option], button").ok().flatten())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = first.focus();
                }
            },
            Duration::ZERO,
        );
    }

    /// Closes the "Move to…" list, putting `id` in `target` when one was chosen.
    fn close_move(&self, id: &NodeId, target: Option<Option<NodeId>>) {
        self.moving.set(None);
        if let Some(parent) = target {
            let placed = self.state.dispatch(Command::Place {
                ids: vec![id.clone()],
                parent,
            });
            if placed.is_ok() {
                self.reveal(id);
            }
        }
        self.focus_later(id.clone());
    }

    /// The outline's keys, on the focused item.
    fn key(&self, ev: &KeyboardEvent) {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        // The "Move to…" button takes its own keys.
        let on_button = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.tag_name() == "BUTTON");
        if on_button {
            return;
        }
        let Some(id) = self.tab_stop.get_untracked() else {
            return;
        };
        let order = self.visible.get_untracked();
        let Some(at) = order.iter().position(|v| v.id == id) else {
            return;
        };
        let here = &order[at];
        let expanded = here.parent_of_some && !self.collapsed.with_untracked(|c| c.contains(&id));
        match ev.key().as_str() {
            "ArrowDown" => {
                if let Some(next) = order.get(at + 1) {
                    self.focus(&next.id);
                }
            }
            "ArrowUp" => {
                if let Some(prev) = at.checked_sub(1).and_then(|i| order.get(i)) {
                    self.focus(&prev.id);
                }
            }
            "ArrowRight" => {
                if expanded {
                    if let Some(child) = order.get(at + 1) {
                        self.focus(&child.id);
                    }
                } else if here.parent_of_some {
                    self.collapsed.update(|c| {
                        c.remove(&id);
                    });
                }
            }
            "ArrowLeft" => {
                if expanded {
                    self.collapsed.update(|c| {
                        c.insert(id.clone());
                    });
                } else if let Some(parent) = &here.parent {
                    self.focus(parent);
                }
            }
            "Home" => {
                if let Some(first) = order.first() {
                    self.focus(&first.id);
                }
            }
            "End" => {
                if let Some(last) = order.last() {
                    self.focus(&last.id);
                }
            }
            "Enter" | " " => self.select(&id, ev.shift_key()),
            "Delete" | "Backspace" => self.delete(&id),
            "m" | "M" => self.open_move(&id),
            _ => return,
        }
        // Used here: not a page scroll, and not the canvas's shortcut for the same key.
        ev.prevent_default();
        ev.stop_propagation();
    }
}

/// The outline view: `<section class="outline" data-testid="outline">` with a heading and
/// the tree.
#[component]
pub fn Outline() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let items = Memo::new(move |_| {
        let lang = lang.get();
        state.design.with(|d| tree(d, lang))
    });
    let collapsed = RwSignal::new(BTreeSet::new());
    let focused = RwSignal::new(None::<NodeId>);
    let visible = Memo::new(move |_| items.with(|i| collapsed.with(|c| reachable(i, c))));
    let tab_stop = Memo::new(move |_| {
        visible.with(|v| {
            focused
                .with(|f| {
                    f.as_ref()
                        .filter(|f| v.iter().any(|x| &x.id == *f))
                        .cloned()
                })
                .or_else(|| v.first().map(|x| x.id.clone()))
        })
    });
    let rows = Memo::new(move |_| items.with(|i| rows(i)));
    let roots =
        Memo::new(move |_| items.with(|i| i.iter().map(|x| x.id.clone()).collect::<Vec<NodeId>>()));
    let marks = Marks {
        items: StoredValue::new(HashMap::new()),
        selected: StoredValue::new(
            state
                .selection
                .with_untracked(|s| s.nodes().into_iter().collect()),
        ),
        stop: StoredValue::new(tab_stop.get_untracked()),
    };
    let cx = Ctx {
        state,
        collapsed,
        focused,
        moving: RwSignal::new(None),
        visible,
        tab_stop,
        rows,
        marks,
        tree: NodeRef::new(),
        list: NodeRef::new(),
    };
    Effect::new(move |_| {
        marks.set_selected(state.selection.with(|s| s.nodes().into_iter().collect()));
    });
    Effect::new(move |_| marks.set_stop(tab_stop.get()));

    // A node selected on the canvas takes the tab stop (unless the user is in the outline).
    Effect::new(move |_| {
        let Some(id) = state.selection.with(|s| s.single_node().cloned()) else {
            return;
        };
        let inside = cx.tree.get_untracked().is_some_and(|tree| {
            document()
                .active_element()
                .is_some_and(|a| tree.contains(Some(&a)))
        });
        if !inside {
            cx.reveal(&id);
            focused.set(Some(id));
        }
    });

    // An edit made while the keyboard is in the outline (Ctrl+Z, say) draws the tree again;
    // the focus then goes back to the tab stop instead of being lost on the page's body.
    let in_tree = StoredValue::new(false);
    Effect::new(move |first: Option<()>| {
        items.track();
        if first.is_none() || !in_tree.get_value() {
            return;
        }
        set_timeout(
            move || {
                let lost = document()
                    .active_element()
                    .is_none_or(|a| a.tag_name() == "BODY");
                if lost && cx.moving.with_untracked(Option::is_none) {
                    if let Some(id) = cx.tab_stop.get_untracked() {
                        cx.focus(&id);
                    }
                }
            },
            Duration::ZERO,
        );
    });
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        // Focus that moves to another part of the page leaves the outline; focus that goes
        // nowhere (the item was drawn again, or the page's background was clicked) does not.
        let elsewhere = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|to| {
                cx.tree
                    .get_untracked()
                    .is_some_and(|tree| !tree.contains(Some(&to)))
            });
        if elsewhere {
            in_tree.set_value(false);
        }
    };

    // Focus on an item moves the tab stop to it (`OutlineItem`'s `on:focus`).
    let on_focusin = move |_| in_tree.set_value(true);

    view! {
        <section id="outline" tabindex="-1" class="outline" data-testid="outline">
            <h2 class="outline-title">{move || text::OUTLINE.get(lang.get())}</h2>
            {move || {
                items
                    .with(Vec::is_empty)
                    .then(|| {
                        view! { <p class="outline-empty muted">{text::OUTLINE_EMPTY.get(lang.get())}</p> }
                    })
            }}
            <ul
                class="outline-tree"
                role="tree"
                aria-multiselectable="true"
                aria-label=move || text::OUTLINE_TREE.get(lang.get())
                node_ref=cx.tree
                on:keydown=move |ev| cx.key(&ev)
                on:focusin=on_focusin
                on:focusout=on_focusout
            >
                <For
                    each=move || roots.get()
                    key=|id: &NodeId| id.clone()
                    children=move |id| view! { <OutlineItem id cx /> }
                />
            </ul>
            {move || cx.moving.get().map(|id| move_list(id, cx))}
            <p class="outline-keys muted">{move || text::OUTLINE_KEYS.get(lang.get())}</p>
        </section>
    }
}

/// One `role="treeitem"`, with its children in a `role="group"` (a keyed `<For>`).
#[component]
fn OutlineItem(
    /// The node.
    id: NodeId,
    /// The outline's shared parts.
    cx: Ctx,
) -> AnyView {
    let lang = cx.state.lang;
    let marks = cx.marks.enter(&id);
    {
        let id = id.clone();
        on_cleanup(move || cx.marks.leave(&id, marks));
    }
    let row = {
        let id = id.clone();
        Memo::new(move |_| cx.rows.with(|r| r.get(&id).cloned().unwrap_or_default()))
    };
    let parent_of_some = Memo::new(move |_| row.with(|r| !r.children.is_empty()));
    let open = {
        let id = id.clone();
        Memo::new(move |_| !cx.collapsed.with(|c| c.contains(&id)))
    };
    let on_click = {
        let id = id.clone();
        move |ev: leptos::ev::MouseEvent| {
            cx.select(&id, ev.shift_key());
            cx.focus(&id);
        }
    };
    let on_toggle = {
        let id = id.clone();
        move |ev: leptos::ev::MouseEvent| {
            ev.stop_propagation();
            cx.collapsed.update(|c| {
                if !c.remove(&id) {
                    c.insert(id.clone());
                }
            });
            cx.focus(&id);
        }
    };
    let on_focus = {
        let id = id.clone();
        move |_| {
            if cx.focused.with_untracked(|f| f.as_ref() != Some(&id)) {
                cx.focused.set(Some(id.clone()));
            }
        }
    };
    let move_button = {
        let id = id.clone();
        move || {
            marks.stop.get().then(|| {
                let id = id.clone();
                let title = move || row.with(|r| text::move_title(&r.label, lang.get()));
                view! {
                    <button
                        type="button"
                        class="outline-move"
                        tabindex="-1"
                        title=title
                        aria-label=title
                        data-testid="outline-move"
                        on:click=move |ev| {
                            ev.stop_propagation();
                            cx.open_move(&id);
                        }
                    >
                        {move || text::MOVE_TO.get(lang.get())}
                    </button>
                }
            })
        }
    };
    let group = move || {
        parent_of_some.get().then(|| {
            view! {
                <ul class="outline-group" role="group" hidden=move || !open.get()>
                    <For
                        each=move || row.with(|r| r.children.clone())
                        key=|id| id.clone()
                        children=move |id| view! { <OutlineItem id cx /> }
                    />
                </ul>
            }
        })
    };
    view! {
        <li
            class="outline-item"
            class:container=move || row.with(|r| r.container)
            role="treeitem"
            node_ref=marks.li
            data-outline-id=id.as_str().to_owned()
            aria-expanded=move || {
                parent_of_some.get().then(|| if open.get() { "true" } else { "false" })
            }
            aria-selected=move || if marks.selected.get() { "true" } else { "false" }
            tabindex=move || if marks.stop.get() { "0" } else { "-1" }
            on:focus=on_focus
        >
            <div class="outline-row" on:click=on_click>
                {move || {
                    parent_of_some
                        .get()
                        .then(|| {
                            let on_toggle = on_toggle.clone();
                            view! {
                                <span class="outline-toggle" aria-hidden="true" on:click=on_toggle>
                                    {move || if open.get() { "▾" } else { "▸" }}
                                </span>
                            }
                        })
                }}
                <span class="outline-label">{move || row.with(|r| r.label.clone())}</span>
                {move || {
                    row.with(|r| {
                        (r.label != r.kind)
                            .then(|| view! { <span class="outline-kind">{r.kind}</span> })
                    })
                }}
                {move_button}
            </div>
            {group}
        </li>
    }
    // `aria-level` is not among the macro's known ARIA attributes.
    .add_any_attr(custom_attribute("aria-level", move || {
        row.with(|r| r.level.to_string())
    }))
    .into_any()
}

/// The "Move to…" list of `id`: a `role="listbox"` of the places it may go.
fn move_list(id: NodeId, cx: Ctx) -> impl IntoView {
    let lang = cx.state.lang.get_untracked();
    let (label, targets) = cx.state.design.with_untracked(|d| {
        (
            d.nodes
                .get(&id)
                .map(|n| n.display_label(lang).to_owned())
                .unwrap_or_default(),
            move_targets(d, &id, lang),
        )
    });
    let title = text::move_title(&label, lang);
    let count = targets.len();
    let active = RwSignal::new(0usize);
    let focus_option = move |i: usize| {
        active.set(i);
        if let Some(el) = cx
            .list
            .get_untracked()
            .and_then(|l| l.query_selector_all("[role=option]").ok())
            .and_then(|all| all.item(i as u32))
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    };
    let keyed_targets = StoredValue::new(targets.clone());
    let on_key = {
        let id = id.clone();
        move |ev: KeyboardEvent| {
            let i = active.get_untracked();
            match ev.key().as_str() {
                "ArrowDown" if i + 1 < count => focus_option(i + 1),
                "ArrowUp" if i > 0 => focus_option(i - 1),
                "Home" if count > 0 => focus_option(0),
                "End" if count > 0 => focus_option(count - 1),
                "Enter" | " " => {
                    let target = keyed_targets.with_value(|t| t.get(i).map(|t| t.0.clone()));
                    if let Some(target) = target {
                        cx.close_move(&id, Some(target));
                    }
                }
                "Escape" => cx.close_move(&id, None),
                "ArrowDown" | "ArrowUp" | "Home" | "End" => {}
                _ => return,
            }
            ev.prevent_default();
            ev.stop_propagation();
        }
    };
    let options = targets
        .into_iter()
        .enumerate()
        .map(|(i, (target, name))| {
            let id = id.clone();
            let attr = target
                .as_ref()
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default();
            view! {
                <li
                    role="option"
                    class="outline-option"
                    data-move-target=attr
                    tabindex=move || if active.get() == i { "0" } else { "-1" }
                    aria-selected=move || if active.get() == i { "true" } else { "false" }
                    on:click=move |_| cx.close_move(&id, Some(target.clone()))
                    on:focus=move |_| active.set(i)
                >
                    {name}
                </li>
            }
        })
        .collect_view();
    let cancel_id = id.clone();
    view! {
        <div class="outline-move-to" data-testid="outline-move-to">
            <p class="outline-move-title">{title.clone()}</p>
            {(count == 0).then(|| view! { <p class="muted">{text::NOWHERE.get(lang)}</p> })}
            <ul
                class="outline-options"
                role="listbox"
                aria-label=title
                node_ref=cx.list
                on:keydown=on_key
            >
                {options}
            </ul>
            <button
                type="button"
                class="button"
                on:click=move |_| cx.close_move(&cancel_id, None)
                on:keydown=move |ev: KeyboardEvent| {
                    if ev.key() == "Escape" {
                        ev.stop_propagation();
                        cx.close_move(&id, None);
                    }
                }
            >
                {text::CANCEL.get(lang)}
            </button>
        </div>
    }
}
