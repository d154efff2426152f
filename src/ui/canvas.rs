//! The canvas: the design drawn as SVG, scaled to fit its area. Containers are nested boxes,
//! edges run between the facing sides of their nodes, other nodes are cards with an icon.
//!
//! Where things go comes from `core::geometry::layout` and `core::draw` (the same faces the
//! SVG export writes); this file only turns them into markup and wires the gestures
//! (`gestures.rs`), which change the design through `AppState::dispatch`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::draw::{self, Anchor, ContainerTitle, TextLine};
use crate::core::edit::Command;
use crate::core::geometry::{self, EdgeRoute, Layout, Rect, EDGE_LABEL_FONT};
use crate::core::i18n::Lang;
use crate::core::model::{Design, Edge, Node};
use crate::core::region::Region;
use crate::core::svg::ARROW_ID;

use super::gestures::{self, CanvasCtx, Gesture};
use super::state::AppState;
use super::text_canvas;

/// The diagram of the current design: an `<svg data-testid="canvas">` whose view box fits the
/// design (or follows pan and zoom), with one `<g data-node-id>` per node and one
/// `<g data-edge-id>` per edge, the editor's toolbar, its notices and the connection menu.
#[component]
pub fn Canvas() -> impl IntoView {
    let state = expect_context::<AppState>();
    let layout = Memo::new(move |_| state.design.with(geometry::layout));
    let view = Memo::new(move |_| {
        state
            .camera
            .get()
            .unwrap_or_else(|| layout.with(|l| l.view_box))
    });
    let gesture = RwSignal::new(Gesture::Idle);
    let palette_hover = RwSignal::new(None);
    let drop_hover = Memo::new(move |_| {
        let dragged = gesture.with(|g| match g {
            Gesture::Drag(d) => match &d.target {
                Some((Some(t), ok)) => Some((t.clone(), *ok)),
                _ => None,
            },
            _ => None,
        });
        dragged.or_else(|| palette_hover.get())
    });
    // The nodes that slide with a preview drag (changes at the start and the end of a drag
    // only); their outlines move as one group (`ghost`).
    let sliding = Memo::new(move |_| {
        gesture.with(|g| match g {
            Gesture::Drag(d) if !d.live => Some(d.moving.clone()),
            _ => None,
        })
    });
    let cx = CanvasCtx {
        gesture,
        sliding,
        menu: RwSignal::new(None),
        palette_hover,
        view,
        drop_hover,
        svg: NodeRef::new(),
        swallow_click: StoredValue::new(false),
        next_key: StoredValue::new(0),
        space: StoredValue::new(false),
    };
    // Space held: a drag anywhere on the canvas pans.
    let space_down = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == " " && !gestures::in_field(&ev) {
            cx.space.set_value(true);
        }
    });
    let space_up = window_event_listener(leptos::ev::keyup, move |ev| {
        if ev.key() == " " {
            cx.space.set_value(false);
        }
    });
    on_cleanup(move || {
        space_down.remove();
        space_up.remove();
    });
    provide_context(cx);
    let lang = state.lang;
    let aria_label = move || {
        let lang = state.lang.get();
        state.design.with(|d| draw::diagram_label(d, lang))
    };
    let can_undo = move || state.history.with(|h| h.can_undo());
    let can_redo = move || state.history.with(|h| h.can_redo());
    view! {
        <div
            class="canvas-area"
            class:is-connecting=move || state.connect_from.with(Option::is_some)
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if gestures::shortcut(state, Some(cx), &ev) {
                    ev.stop_propagation();
                }
            }
        >
            <div class="canvas-toolbar" role="toolbar" aria-label=move || text_canvas::TOOLBAR.get(lang.get())>
                <button type="button" class="tool" data-testid="undo" disabled=move || !can_undo()
                    aria-label=move || text_canvas::UNDO.get(lang.get()) title=move || text_canvas::UNDO.get(lang.get())
                    on:click=move |_| { state.undo(); }>"↶"</button>
                <button type="button" class="tool" data-testid="redo" disabled=move || !can_redo()
                    aria-label=move || text_canvas::REDO.get(lang.get()) title=move || text_canvas::REDO.get(lang.get())
                    on:click=move |_| { state.redo(); }>"↷"</button>
                <span class="tool-gap"></span>
                <button type="button" class="tool" data-testid="zoom-out"
                    aria-label=move || text_canvas::ZOOM_OUT.get(lang.get()) title=move || text_canvas::ZOOM_OUT.get(lang.get())
                    on:click=move |_| gestures::zoom(state, cx, 1.25)>"−"</button>
                <button type="button" class="tool" data-testid="zoom-in"
                    aria-label=move || text_canvas::ZOOM_IN.get(lang.get()) title=move || text_canvas::ZOOM_IN.get(lang.get())
                    on:click=move |_| gestures::zoom(state, cx, 0.8)>"+"</button>
                <button type="button" class="tool" data-testid="zoom-fit"
                    aria-label=move || text_canvas::FIT.get(lang.get()) title=move || text_canvas::FIT.get(lang.get())
                    on:click=move |_| state.camera.set(None)>"⤢"</button>
            </div>
            <svg
                node_ref=cx.svg
                class="canvas"
                data-testid="canvas"
                role="group"
                aria-label=aria_label
                aria-description=move || text_canvas::CANVAS_HELP.get(lang.get())
                viewBox=move || view.with(|v| v.view_box_attr())
                preserveAspectRatio="xMidYMid meet"
                xmlns="http://www.w3.org/2000/svg"
                on:pointerdown=move |ev| gestures::pointer_down(state, cx, ev)
                on:pointermove=move |ev| gestures::pointer_move(state, cx, ev)
                on:pointerup=move |ev| gestures::pointer_up(state, cx, ev)
                on:pointercancel=move |_| cx.gesture.set(Gesture::Idle)
                on:wheel=move |ev| gestures::wheel(state, cx, ev)
                on:click=move |_| gestures::click_background(state, cx)
                on:dragover=move |ev: leptos::ev::DragEvent| { gestures::palette_over(state, cx, &ev); }
                on:dragleave=move |_| cx.palette_hover.set(None)
                on:drop=move |ev: leptos::ev::DragEvent| { gestures::palette_drop(state, cx, &ev); }
            >
                <defs>
                    <marker
                        id=ARROW_ID
                        viewBox="0 0 10 10"
                        refX="9"
                        refY="5"
                        markerWidth="7"
                        markerHeight="7"
                        markerUnits="userSpaceOnUse"
                        orient="auto-start-reverse"
                    >
                        <path class="arrow-head" d="M0 0.5 L10 5 L0 9.5 Z"></path>
                    </marker>
                </defs>
                {move || {
                    let lang = state.lang.get();
                    state.design.with(|d| layout.with(|l| diagram(d, l, lang, state, cx)))
                }}
                {ghost(state, cx)}
                {move || overlay(state, cx)}
            </svg>
            {move || kind_menu(state, cx)}
            {move || {
                state.notice.get().map(|n| {
                    view! {
                        <div class="notice" role="status" data-testid="notice">
                            <span>{n}</span>
                            <button type="button" class="link-button"
                                aria-label=move || text_canvas::DISMISS.get(lang.get())
                                on:click=move |_| state.notice.set(None)>"×"</button>
                        </div>
                    }
                })
            }}
        </div>
    }
}

/// What the current gesture draws over the diagram: the rubber band, the connection being
/// drawn, and the handles of the selected node.
fn overlay(state: AppState, cx: CanvasCtx) -> impl IntoView {
    let gesture = cx.gesture.get();
    let extra = match &gesture {
        Gesture::Band { from, to } => {
            let r = Rect {
                x: from.x.min(to.x),
                y: from.y.min(to.y),
                w: (from.x - to.x).abs(),
                h: (from.y - to.y).abs(),
            };
            Some(view! { <rect class="band" x=r.x y=r.y width=r.w height=r.h></rect> }.into_any())
        }
        Gesture::Connect { from, to } => state.design.with_untracked(|d| {
            d.nodes.get(from).map(|n| {
                let c = Rect::of(n).center();
                view! { <line class="connect-preview" x1=c.x y1=c.y x2=to.x y2=to.y></line> }
                    .into_any()
            })
        }),
        _ => None,
    };
    // Handles only when one node is selected and nothing is being dragged.
    let handles = matches!(gesture, Gesture::Idle | Gesture::Press { .. })
        .then(|| {
            let id = state.selection.with(|s| s.single_node().cloned())?;
            let lang = state.lang.get();
            state.design.with(|d| {
                let n = d.nodes.get(&id)?;
                let r = Rect::of(n);
                let id = id.as_str().to_owned();
                let resize = n.kind.is_container().then(|| {
                    view! {
                        <rect class="handle handle--resize" data-handle="resize" data-for=id.clone()
                            x=r.right() - 7.0 y=r.bottom() - 7.0 width="14" height="14" rx="3">
                            <title>{text_canvas::RESIZE_HANDLE.get(lang)}</title>
                        </rect>
                    }
                });
                let cy = if n.kind.is_container() {
                    r.y + 18.0
                } else {
                    r.y + r.h / 2.0
                };
                Some(view! {
                    <g class="handles">
                        <circle class="handle handle--connect" data-handle="connect" data-for=id
                            cx=r.right() cy=cy r="7">
                            <title>{text_canvas::CONNECT_HANDLE.get(lang)}</title>
                        </circle>
                        {resize}
                    </g>
                })
            })
        })
        .flatten();
    view! {
        <g class="layer-overlay">
            {extra}
            {handles}
        </g>
    }
}

/// The outlines of the nodes a preview drag (large designs) carries, moved by one
/// `transform` at each pointer move; the design changes once, at the drop.
fn ghost(state: AppState, cx: CanvasCtx) -> impl IntoView {
    let outlines = move || {
        cx.sliding.get().map(|ids| {
            state.design.with_untracked(|d| {
                ids.iter()
                    .filter_map(|id| d.nodes.get(id))
                    .map(|n| rect("ghost-box", &Rect::of(n), 8.0))
                    .collect_view()
            })
        })
    };
    let transform = move || {
        cx.gesture.with(|g| match g {
            Gesture::Drag(d) if !d.live => format!("translate({} {})", d.dx, d.dy),
            _ => String::new(),
        })
    };
    view! { <g class="drag-ghost" transform=transform>{outlines}</g> }
}

/// The menu of connection kinds, when more than one fits.
fn kind_menu(state: AppState, cx: CanvasCtx) -> Option<impl IntoView> {
    let menu = cx.menu.get()?;
    let lang = state.lang.get();
    let buttons = menu
        .kinds
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let kind = *k;
            let (from, to) = (menu.from.clone(), menu.to.clone());
            view! {
                <li>
                    <button type="button" data-edge-kind-choice=kind.id() autofocus=i == 0
                        on:click=move |_| {
                            cx.menu.set(None);
                            let _ = state.dispatch(Command::Connect { from: from.clone(), to: to.clone(), kind: Some(kind) });
                        }>
                        {kind.info().name.get(lang)}
                    </button>
                </li>
            }
        })
        .collect_view();
    let menu_ref = NodeRef::<leptos::html::Div>::new();
    // Focus the first choice, so the keyboard can pick at once.
    Effect::new(move |_| {
        if let Some(div) = menu_ref.get() {
            if let Ok(Some(b)) = div.query_selector("button") {
                if let Ok(b) = b.dyn_into::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        }
    });
    Some(view! {
        <div class="kind-menu" role="dialog" data-testid="kind-menu" node_ref=menu_ref
            aria-label=text_canvas::CHOOSE_KIND.get(lang)
            style:left=format!("{}px", menu.at.0)
            style:top=format!("{}px", menu.at.1)
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    ev.stop_propagation();
                    cx.menu.set(None);
                }
            }>
            <p>{text_canvas::CHOOSE_KIND.get(lang)}</p>
            <ul>{buttons}</ul>
            <button type="button" class="link-button" on:click=move |_| cx.menu.set(None)>
                {text_canvas::CANCEL.get(lang)}
            </button>
        </div>
    })
}

/// Containers (outermost first), then edges, then the cards on top of both.
fn diagram(
    design: &Design,
    layout: &Layout,
    lang: Lang,
    state: AppState,
    cx: CanvasCtx,
) -> impl IntoView {
    let nodes = design.nodes_outer_first();
    let containers = nodes
        .iter()
        .filter(|n| n.kind.is_container())
        .map(|n| container(n, design.region, lang, state, cx))
        .collect_view();
    let edges = layout
        .edges
        .iter()
        .filter_map(|r| Some(edge(design.edges.get(&r.id)?, r, design, lang, state, cx)))
        .collect_view();
    let cards = nodes
        .iter()
        .filter(|n| !n.kind.is_container())
        .map(|n| card(n, lang, state, cx))
        .collect_view();
    view! {
        <g class="layer-containers">{containers}</g>
        <g class="layer-edges">{edges}</g>
        <g class="layer-cards">{cards}</g>
    }
}

/// A container: a rounded box with a badge and a title at its top left (placed by
/// `core::draw`, as the SVG export draws it).
fn container(node: &Node, region: Region, lang: Lang, state: AppState, cx: CanvasCtx) -> AnyView {
    let face = draw::container_face(node, region, lang);
    let r = face.rect;
    let badge = face.badge.map(|(b, x, y)| {
        view! { <g class="badge" transform=format!("translate({x} {y})") inner_html=b></g> }
    });
    let title = match face.title {
        ContainerTitle::OneLine { x, y, name, detail } => {
            let detail = detail.map(|d| view! { <tspan class="container-detail">" · "{d}</tspan> });
            view! {
                <text class="container-title" x=x y=y dominant-baseline="central" font-size=draw::TITLE_FONT>
                    {name}
                    {detail}
                </text>
            }
            .into_any()
        }
        ContainerTitle::TwoLines { name, detail } => view! {
            {line(name)}
            {line(detail)}
        }
        .into_any(),
    };
    view! {
        <g
            class=node_class(format!("node container container--{}", face.variant), node, state, cx)
            on:click=select_node(node, state, cx)
            on:keydown=select_node_by_key(node, state, cx)
            data-node-id=node.id.as_str().to_owned()
            data-node-kind=node.kind.id()
            tabindex="0"
            role="group"
            aria-label=face.aria
        >
            {rect("container-box", &r, draw::CONTAINER_RADIUS)}
            {badge}
            {title}
        </g>
    }
    .into_any()
}

/// A non-container node: a card with its icon, its label and its key parameters.
fn card(node: &Node, lang: Lang, state: AppState, cx: CanvasCtx) -> AnyView {
    let face = draw::card_face(node, lang);
    let captions = face.captions.iter().cloned().map(line).collect_view();
    view! {
        <g
            class=node_class(format!("node card card--{}", node.kind.id()), node, state, cx)
            on:click=select_node(node, state, cx)
            on:keydown=select_node_by_key(node, state, cx)
            data-node-id=node.id.as_str().to_owned()
            data-node-kind=node.kind.id()
            tabindex="0"
            role="group"
            aria-label=face.aria.clone()
        >
            {rect("card-box", &face.rect, draw::CARD_RADIUS)}
            <g class="icon" transform=face.icon_transform() inner_html=face.icon></g>
            {line(face.label)}
            {captions}
        </g>
    }
    .into_any()
}

/// An edge: its route with an arrowhead, dashed for control traffic, and its label on a pill.
fn edge(
    e: &Edge,
    route: &EdgeRoute,
    design: &Design,
    lang: Lang,
    state: AppState,
    cx: CanvasCtx,
) -> AnyView {
    let info = e.kind.info();
    let label = e.display_label().to_owned();
    let aria = draw::edge_aria(e, design, lang);
    let pill = route.label.map(|r| {
        let c = r.center();
        view! {
            <g class="edge-label">
                {rect("edge-pill", &r, r.h / 2.0)}
                {line(TextLine { class: "edge-text", x: c.x, y: c.y, anchor: Anchor::Middle, font: EDGE_LABEL_FONT, text: label })}
            </g>
        }
    });
    view! {
        <g
            class={
                let id = e.id.clone();
                let base = if info.dashed { "edge edge--dashed" } else { "edge" };
                move || {
                    if state.highlight.with(|h| h.edges.contains(&id))
                        || state.selection.with(|s| s.has_edge(&id))
                    {
                        format!("{base} is-highlighted")
                    } else {
                        base.to_owned()
                    }
                }
            }
            data-edge-id=e.id.as_str().to_owned()
            data-edge-kind=info.id
            role="group"
            aria-label=aria
            tabindex="0"
            on:keydown={
                let id = e.id.clone();
                move |ev: leptos::ev::KeyboardEvent| {
                    if (ev.key() == "Enter" || ev.key() == " ") && !ev.repeat() {
                        ev.prevent_default();
                        ev.stop_propagation();
                        gestures::click_edge(state, cx, id.clone(), ev.shift_key());
                    }
                }
            }
            on:click={
                let id = e.id.clone();
                move |ev: leptos::ev::MouseEvent| {
                    ev.stop_propagation();
                    gestures::click_edge(state, cx, id.clone(), ev.shift_key());
                }
            }
        >
            <path class="edge-hit" d=route.path_d()></path>
            <path class="edge-line" d=route.path_d() marker-end=format!("url(#{ARROW_ID})")></path>
            {pill}
        </g>
    }
    .into_any()
}

/// The class of a node's group, kept up to date with the selection, the findings and a
/// drag: `is-highlighted` when selected or named by the selected finding, `has-error` /
/// `has-warning` when a finding of that severity names it, `is-drop-target` /
/// `is-drop-refused` while a drag hovers over it.
fn node_class(
    base: String,
    node: &Node,
    state: AppState,
    cx: CanvasCtx,
) -> impl Fn() -> String + use<> {
    let id = node.id.clone();
    move || {
        let mut class = base.clone();
        if state.highlight.with(|h| h.nodes.contains(&id)) {
            class.push_str(" is-highlighted");
        }
        match state.worst.with(|w| w.get(&id).copied()) {
            Some(crate::core::validate::Severity::Error) => class.push_str(" has-error"),
            Some(crate::core::validate::Severity::Warning) => class.push_str(" has-warning"),
            _ => {}
        }
        let drop = cx
            .drop_hover
            .with(|h| h.as_ref().filter(|(t, _)| t == &id).map(|(_, ok)| *ok));
        if cx
            .sliding
            .with(|m| m.as_ref().is_some_and(|m| m.contains(&id)))
        {
            class.push_str(" is-sliding");
        }
        match drop {
            Some(true) => class.push_str(" is-drop-target"),
            Some(false) => class.push_str(" is-drop-refused"),
            None => {}
        }
        class
    }
}

/// Clicking a node selects it (Shift: adds it to the selection); clicking the only
/// selected node again clears the selection.
fn select_node(
    node: &Node,
    state: AppState,
    cx: CanvasCtx,
) -> impl Fn(leptos::ev::MouseEvent) + use<> {
    let id = node.id.clone();
    move |ev: leptos::ev::MouseEvent| {
        // A click on a card must not also select the containers around it.
        ev.stop_propagation();
        let at = (ev.offset_x() as f64, ev.offset_y() as f64);
        gestures::click_node(state, cx, id.clone(), ev.shift_key(), at);
    }
}

/// Enter or Space on a focused node selects it, as a click does.
fn select_node_by_key(
    node: &Node,
    state: AppState,
    cx: CanvasCtx,
) -> impl Fn(leptos::ev::KeyboardEvent) + use<> {
    let id = node.id.clone();
    move |ev: leptos::ev::KeyboardEvent| {
        if (ev.key() == "Enter" || ev.key() == " ") && !ev.repeat() {
            ev.prevent_default();
            ev.stop_propagation();
            let at = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .map(|el| {
                    let b = el.get_bounding_client_rect();
                    (b.left() + b.width() / 2.0, b.bottom())
                })
                .unwrap_or((40.0, 40.0));
            let at = area_offset(cx, at);
            gestures::click_node(state, cx, id.clone(), ev.shift_key(), at);
        }
    }
}

/// A screen point as pixels from the canvas area's top-left corner.
fn area_offset(cx: CanvasCtx, client: (f64, f64)) -> (f64, f64) {
    cx.svg
        .get_untracked()
        .and_then(|svg| svg.parent_element())
        .map(|area| {
            let b = area.get_bounding_client_rect();
            (client.0 - b.left(), client.1 - b.top())
        })
        .unwrap_or(client)
}

/// A line of text centred vertically on its `y`; every text of the diagram goes through
/// here, so the wasm holds one copy of the code that builds it.
fn line(l: TextLine) -> impl IntoView + use<> {
    view! {
        <text class=l.class x=l.x y=l.y text-anchor=l.anchor.svg() dominant-baseline="central" font-size=l.font>
            {l.text}
        </text>
    }
}

/// A rounded rectangle filling `r`.
fn rect(class: &'static str, r: &Rect, rx: f64) -> impl IntoView + use<> {
    view! { <rect class=class x=r.x y=r.y width=r.w height=r.h rx=rx></rect> }
}
