//! The canvas: the design drawn as SVG, scaled to fit its area. Containers are nested boxes,
//! edges run between the facing sides of their nodes, other nodes are cards with an icon.
//!
//! Where things go comes from `core::geometry::layout` and `core::draw` (the same faces the
//! SVG export writes); this file only turns them into markup and wires the gestures
//! (`gestures.rs`), which change the design through `AppState::dispatch`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::drawing::faces;
use crate::core::edit::Command;

use crate::core::document::model::{EdgeId, NodeId};
use crate::core::drawing::geometry::{fmt_num, Rect};
use crate::core::drawing::svg::{self, ARROW_ID};
use crate::core::support::html::TrustedHtml;
use crate::core::support::numtext::shortest;
use crate::core::validate::Severity;

use crate::ui::editor::morph::{morph, morph_child};
use crate::ui::editor::toolbar::Toolbar;

use crate::ui::editor::gestures::{self, CanvasCtx, Gesture};
use crate::ui::shell::state::AppState;
use crate::ui::text::canvas as canvas_text;

/// How long a notice stays on the canvas.
const NOTICE_TIME: std::time::Duration = std::time::Duration::from_secs(6);

/// Below this size on screen (pixels) a card's label is not drawn: the view is far out, no one
/// can read it, and laying out thousands of SVG texts took the browser seconds (issue 21).
const MIN_LABEL_PX: f64 = 3.0;

/// Below this (a label of a pixel, a card of a few) the cards' icons and shadows go too.
const MIN_ICON_LABEL_PX: f64 = 1.0;

/// The diagram of the current design: an `<svg data-testid="canvas">` whose view box fits the
/// design (or follows pan and zoom), with one `<g data-node-id>` per node and one
/// `<g data-edge-id>` per edge, the editor's toolbar, its notices and the connection menu.
#[component]
pub fn Canvas() -> impl IntoView {
    let state = expect_context::<AppState>();
    let layout = state.layout;
    let view = Memo::new(move |_| {
        state
            .camera
            .get()
            .unwrap_or_else(|| layout.with(|l| l.view_box))
    });
    // The canvas's size on screen, read when it is mounted and when the window is resized.
    let px = RwSignal::new((0.0, 0.0));
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
        pointers: StoredValue::new(Vec::new()),
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
    let measure = move || {
        if let Some(svg) = cx.svg.get_untracked() {
            let b = svg.get_bounding_client_rect();
            px.set((b.width(), b.height()));
        }
    };
    Effect::new(move |_| {
        if cx.svg.get().is_some() {
            request_animation_frame(measure);
        }
    });
    let resized = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resized.remove());
    // Far out, the cards' texts are left out (by a class: the diagram's text stays as the
    // export writes it).
    let label_px = Memo::new(move |_| {
        let (w, h) = px.get();
        view.with(|v| (w / v.w).min(h / v.h)) * faces::LABEL_FONT
    });
    let far = move |min: f64| label_px.get() > 0.0 && label_px.get() < min;
    provide_context(cx);
    let lang = state.lang;
    let aria_label = move || {
        let lang = state.lang.get();
        state.design.with(|d| faces::diagram_label(d, lang))
    };
    // The diagram is SVG text written by `core::svg` (as the SVG export writes it, with tab
    // stops and the state's marks), one string per node and edge: only the items whose text
    // changed are brought up to date (`morph`), in place. One string writer in the wasm
    // instead of typed views per node, edge and text; a drag touches one node and its edges.
    let items = move || {
        let lang = state.lang.get();
        let mut items: Items = Default::default();
        state.highlight.with(|hl| {
            state.worst.with(|worst| {
                cx.drop_hover.with(|drop| {
                    cx.sliding.with(|sliding| {
                        state.selection.with(|sel| {
                            let mark = |id: &str, is_edge: bool| {
                                marks(
                                    id,
                                    is_edge,
                                    hl,
                                    worst,
                                    drop.as_ref(),
                                    sliding.as_deref(),
                                    sel,
                                )
                            };
                            let c = svg::Canvas {
                                arrow: ARROW_ID,
                                interactive: true,
                                mark: &mark,
                            };
                            state.design.with(|d| {
                                layout.with(|l| {
                                    svg::layer_items(d, l, lang, &c, &mut |layer, id, markup| {
                                        items[layer].push((id.to_owned(), markup));
                                    });
                                })
                            });
                        })
                    })
                })
            })
        });
        items
    };
    let first = untrack(items);
    let first_layers = first
        .each_ref()
        .map(|layer| svg::join(layer.iter().map(|(_, m)| m)));
    let drawn = StoredValue::new(first);
    let diagram_ref = NodeRef::<leptos::svg::G>::new();
    Effect::new(move |_| {
        let new = items();
        if let Some(g) = diagram_ref.get() {
            drawn.update_value(|old| redraw(&g, old, new));
        }
    });
    // A notice goes away by itself after a few seconds (or at the next edit, `AppState::
    // dispatch`); the hint of a connection being made stays until it is made or cancelled.
    Effect::new(move |_| {
        if let Some(shown) = state.notice.get() {
            set_timeout(
                move || {
                    let same = state.notice.with_untracked(|n| n.as_ref() == Some(&shown));
                    if same && state.connect_from.with_untracked(Option::is_none) {
                        state.notice.set(None);
                    }
                },
                NOTICE_TIME,
            );
        }
    });
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
            <Toolbar />
            <svg
                node_ref=cx.svg
                id="canvas"
                class="canvas"
                class:is-far=move || far(MIN_LABEL_PX)
                class:is-farther=move || far(MIN_ICON_LABEL_PX)
                data-testid="canvas"
                role="group"
                aria-label=aria_label
                aria-description=move || canvas_text::CANVAS_HELP.get(lang.get())
                viewBox=move || view.with(|v| v.view_box_attr())
                preserveAspectRatio="xMidYMid meet"
                xmlns="http://www.w3.org/2000/svg"
                on:pointerdown=move |ev| gestures::pointer_down(state, cx, ev)
                on:pointermove=move |ev| gestures::pointer_move(state, cx, ev)
                on:pointerup=move |ev| gestures::pointer_up(state, cx, ev)
                on:pointercancel=move |ev| gestures::pointer_cancel(cx, ev)
                on:wheel=move |ev| gestures::wheel(state, cx, ev)
                on:click=move |ev| on_click(state, cx, &ev)
                on:keydown=move |ev| on_key(state, cx, &ev)
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
                // The first text at once (the effect above keeps it up to date, item by item).
                <g class="diagram" node_ref=diagram_ref>
                    {svg::LAYERS
                        .iter()
                        .zip(first_layers)
                        .map(|(class, markup)| {
                            view! { <g class=*class inner_html=markup.into_string()></g> }
                        })
                        .collect_view()}
                </g>
                {ghost(state, cx)}
                <g class="layer-overlay">{move || overlay(state, cx)}</g>
            </svg>
            {move || kind_menu(state, cx)}
            {move || {
                state.saved_aside.get().then(|| {
                    view! {
                        <div class="notice notice-aside" role="status" data-testid="saved-aside">
                            <span>
                                {move || crate::ui::text::outline::saved_aside(
                                    crate::ui::shell::autosave::ASIDE_KEY,
                                    lang.get(),
                                )}
                            </span>
                            <button type="button" class="link-button" data-testid="return-to-saved"
                                on:click=move |_| crate::ui::shell::autosave::return_to_saved(state)>
                                {move || crate::ui::text::outline::RETURN_TO_SAVED.get(lang.get())}
                            </button>
                            <button type="button" class="link-button"
                                aria-label=move || canvas_text::DISMISS.get(lang.get())
                                on:click=move |_| state.saved_aside.set(false)>"×"</button>
                        </div>
                    }
                })
            }}
            {move || {
                state.notice.get().map(|n| {
                    view! {
                        <div class="notice" role="status" data-testid="notice">
                            <span>{n}</span>
                            <button type="button" class="link-button"
                                aria-label=move || canvas_text::DISMISS.get(lang.get())
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
    let drawn = match &gesture {
        Gesture::Band { from, to } => {
            let r = Rect {
                x: from.x.min(to.x),
                y: from.y.min(to.y),
                w: (from.x - to.x).abs(),
                h: (from.y - to.y).abs(),
            };
            Some(view! { <SvgRect class="band" r rx=0.0 /> }.into_any())
        }
        Gesture::Connect { from, to } => state.design.with_untracked(|d| {
            d.nodes.get(from).map(|n| {
                let c = Rect::of(n).center();
                view! {
                    <line
                        class="connect-preview"
                        x1=fmt_num(c.x)
                        y1=fmt_num(c.y)
                        x2=fmt_num(to.x)
                        y2=fmt_num(to.y)
                    ></line>
                }
                .into_any()
            })
        }),
        _ => None,
    };
    // Handles only when one node is selected and nothing is being dragged.
    let handles = matches!(gesture, Gesture::Idle | Gesture::Press { .. })
        .then(|| state.selection.with(|s| s.single_node().cloned()))
        .flatten()
        .and_then(|id| {
            let lang = state.lang.get();
            state.design.with(|d| {
                let n = d.nodes.get(&id)?;
                let r = Rect::of(n);
                let container = n.kind.is_container();
                let cy = if container {
                    r.y + 18.0
                } else {
                    r.y + r.h / 2.0
                };
                let resize = container.then(|| {
                    view! {
                        <rect
                            class="handle handle--resize"
                            data-handle="resize"
                            data-for=id.as_str().to_owned()
                            x=fmt_num(r.right() - 7.0)
                            y=fmt_num(r.bottom() - 7.0)
                            width="14"
                            height="14"
                            rx="3"
                        >
                            <title>{canvas_text::RESIZE_HANDLE.get(lang)}</title>
                        </rect>
                    }
                });
                Some(view! {
                    <g class="handles">
                        <circle
                            class="handle handle--connect"
                            data-handle="connect"
                            data-for=id.as_str().to_owned()
                            cx=fmt_num(r.right())
                            cy=fmt_num(cy)
                            r="7"
                        >
                            <title>{canvas_text::CONNECT_HANDLE.get(lang)}</title>
                        </circle>
                        {resize}
                    </g>
                })
            })
        });
    (drawn, handles)
}

/// A box drawn as `svg::rect` draws it (`rx` only when rounded).
#[component]
fn SvgRect(
    /// Its class.
    class: &'static str,
    /// Where.
    r: Rect,
    /// The corner radius (0: square).
    rx: f64,
) -> impl IntoView {
    view! {
        <rect
            class=class
            x=fmt_num(r.x)
            y=fmt_num(r.y)
            width=fmt_num(r.w)
            height=fmt_num(r.h)
            rx=(rx > 0.0).then(|| fmt_num(rx))
        ></rect>
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
                    .map(|n| view! { <SvgRect class="ghost-box" r=Rect::of(n) rx=8.0 /> })
                    .collect_view()
            })
        })
    };
    let transform = move || {
        cx.gesture.with(|g| match g {
            Gesture::Drag(d) if !d.live => {
                format!("translate({} {})", shortest(d.dx), shortest(d.dy))
            }
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
            aria-label=canvas_text::CHOOSE_KIND.get(lang)
            style:left=format!("{}px", shortest(menu.at.0))
            style:top=format!("{}px", shortest(menu.at.1))
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    ev.stop_propagation();
                    cx.menu.set(None);
                }
            }>
            <p>{canvas_text::CHOOSE_KIND.get(lang)}</p>
            <ul>{buttons}</ul>
            <button type="button" class="link-button" on:click=move |_| cx.menu.set(None)>
                {canvas_text::CANCEL.get(lang)}
            </button>
        </div>
    })
}

/// The diagram's items by layer (nodes, edges): id and markup.
type Items = [Vec<(String, TrustedHtml)>; 2];

/// Brings the diagram `g` from `old` (what it shows) to `new`: in a layer that holds the
/// same items in the same order, only the items whose markup changed; otherwise the layer,
/// whose items `morph` matches by their `data-node-id` / `data-edge-id`.
fn redraw(g: &web_sys::Element, old: &mut Items, new: Items) {
    let layers = g.children();
    for (i, (was, now)) in old.iter().zip(&new).enumerate() {
        let Some(layer) = layers.item(i as u32) else {
            continue;
        };
        let same = was.len() == now.len() && was.iter().zip(now).all(|(a, b)| a.0 == b.0);
        if same {
            let kids = layer.children();
            for (j, (a, b)) in was.iter().zip(now).enumerate() {
                if a.1 != b.1 {
                    if let Some(el) = kids.item(j as u32) {
                        morph_child(&layer, &el, &b.1);
                    }
                }
            }
        } else {
            morph(&layer, &svg::join(now.iter().map(|(_, m)| m)));
        }
    }
    *old = new;
}

/// The extra classes of node or edge `id`: `is-highlighted` when selected or named by the
/// selected finding, `has-error` / `has-warning` when a finding of that severity names it,
/// `is-sliding` while a preview drag carries it, `is-drop-target` / `is-drop-refused` while a
/// drag hovers over it.
fn marks(
    id: &str,
    is_edge: bool,
    highlight: &crate::ui::shell::state::Highlight,
    worst: &std::collections::BTreeMap<NodeId, Severity>,
    drop: Option<&(NodeId, bool)>,
    sliding: Option<&std::collections::BTreeSet<NodeId>>,
    selection: &crate::ui::shell::state::Selection,
) -> Option<String> {
    let mut class = String::new();
    if is_edge {
        let eid = EdgeId(id.to_owned());
        let lit = highlight.edges.contains(&eid) || selection.has_edge(&eid);
        return lit.then(|| "is-highlighted".to_owned());
    }
    let nid = NodeId(id.to_owned());
    if highlight.nodes.contains(&nid) {
        class.push_str(" is-highlighted");
    }
    match worst.get(&nid) {
        Some(Severity::Error) => class.push_str(" has-error"),
        Some(Severity::Warning) => class.push_str(" has-warning"),
        _ => {}
    }
    if sliding.is_some_and(|m| m.contains(&nid)) {
        class.push_str(" is-sliding");
    }
    match drop.filter(|(t, _)| *t == nid).map(|(_, ok)| *ok) {
        Some(true) => class.push_str(" is-drop-target"),
        Some(false) => class.push_str(" is-drop-refused"),
        None => {}
    }
    (!class.is_empty()).then(|| class[1..].to_owned())
}

/// A click on the canvas: on an edge or a node it selects that (Shift: adds it to the
/// selection; clicking the only selected node again clears the selection), elsewhere it
/// clears the selection.
fn on_click(state: AppState, cx: CanvasCtx, ev: &leptos::ev::MouseEvent) {
    let target = gestures::target_element(ev);
    let find = |attr: &str| {
        target
            .as_ref()
            .and_then(|t| t.closest(&format!("[{attr}]")).ok().flatten())
            .and_then(|el| el.get_attribute(attr))
    };
    if let Some(id) = find("data-edge-id") {
        gestures::click_edge(state, cx, EdgeId(id), ev.shift_key());
    } else if let Some(id) = find("data-node-id") {
        let at = (ev.offset_x() as f64, ev.offset_y() as f64);
        gestures::click_node(state, cx, NodeId(id), ev.shift_key(), at);
    } else {
        gestures::click_background(state, cx);
    }
}

/// Enter or Space on a focused node or edge selects it, as a click does.
fn on_key(state: AppState, cx: CanvasCtx, ev: &leptos::ev::KeyboardEvent) {
    if !(ev.key() == "Enter" || ev.key() == " ") || ev.repeat() {
        return;
    }
    let Some(el) = gestures::target_element(ev) else {
        return;
    };
    if let Some(id) = el.get_attribute("data-edge-id") {
        ev.prevent_default();
        ev.stop_propagation();
        gestures::click_edge(state, cx, EdgeId(id), ev.shift_key());
    } else if let Some(id) = el.get_attribute("data-node-id") {
        ev.prevent_default();
        ev.stop_propagation();
        let b = el.get_bounding_client_rect();
        let at = area_offset(cx, (b.left() + b.width() / 2.0, b.bottom()));
        gestures::click_node(state, cx, NodeId(id), ev.shift_key(), at);
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
