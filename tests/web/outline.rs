//! The outline (a tree of the design that selects, deletes and reparents from the keyboard)
//! and the autosave's logic (restore, damaged saves, writing only changes), driven through
//! functions that take the storage's text, so the page's real localStorage stays untouched.

use std::cell::RefCell;
use std::rc::Rc;

use kumozu::core::document::model::NodeId;
use kumozu::core::edit::Command;
use kumozu::ui::autosave::{self, Restored};
use kumozu::ui::{AppState, Selection};
use leptos::prelude::{GetUntracked, Owner, Set, WithUntracked};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::js_sys;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

use super::{all, click, fresh_app_with_state, one, template, wait_for};

fn id(s: &str) -> NodeId {
    NodeId(s.to_owned())
}

/// The outline's `<li role="treeitem">` of node `id`.
fn item(host: &Element, id: &str) -> Element {
    one(
        host,
        &format!("[data-testid=outline] [role=treeitem][data-outline-id=\"{id}\"]"),
    )
}

/// The node id of the treeitem around `el` (not `el` itself).
fn parent_item(el: &Element) -> Option<String> {
    el.parent_element()?
        .closest("[role=treeitem]")
        .ok()
        .flatten()?
        .get_attribute("data-outline-id")
}

/// Presses `key` (a `KeyboardEvent.key`) on `el`, as the browser sends it.
fn key(el: &Element, key: &str, shift: bool) {
    let send = js_sys::Function::new_with_args(
        "el, key, shift",
        "el.dispatchEvent(new KeyboardEvent('keydown', \
         {key: key, shiftKey: shift, bubbles: true, cancelable: true}))",
    );
    send.call3(&JsValue::NULL, el, &key.into(), &shift.into())
        .unwrap();
}

/// Deletes node `id` (with its edges) from `design`, as the editor does.
fn delete(design: &mut kumozu::core::document::model::Design, id: &str) {
    kumozu::core::edit::apply(
        design,
        &Command::Delete {
            nodes: vec![NodeId(id.to_owned())],
            edges: Vec::new(),
        },
    )
    .unwrap();
}

fn focus(el: &Element) {
    el.clone()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
}

/// The outline id of the focused element, if it is an outline item.
fn focused_item() -> Option<String> {
    web_sys::window()?
        .document()?
        .active_element()?
        .get_attribute("data-outline-id")
}

/// The one item with `tabindex="0"` (the tree's single tab stop).
fn tab_stop(host: &Element) -> String {
    let stops = all(
        host,
        "[data-testid=outline] [role=treeitem][tabindex=\"0\"]",
    );
    assert_eq!(stops.len(), 1, "one tab stop");
    stops[0].get_attribute("data-outline-id").unwrap()
}

fn outline_ids(host: &Element) -> Vec<String> {
    all(host, "[data-testid=outline] [role=treeitem]")
        .iter()
        .filter_map(|e| e.get_attribute("data-outline-id"))
        .collect()
}

/// A mounted app whose outline is drawn.
async fn outlined_app() -> (HtmlElement, AppState) {
    let (host, state) = fresh_app_with_state();
    wait_for("the outline's items", || {
        !all(&host, "[data-testid=outline] [role=treeitem]").is_empty()
    })
    .await;
    (host, state)
}

#[wasm_bindgen_test]
async fn outline_nests_party_box_and_lists_every_node_once() {
    let (host, state) = outlined_app().await;
    let outline = one(&host, "section.outline[data-testid=outline]");
    assert!(!one(&outline, "h2").text_content().unwrap().is_empty());
    let tree = one(&outline, "[role=tree]");
    assert!(!tree
        .get_attribute("aria-label")
        .unwrap_or_default()
        .is_empty());

    // VPC › Public Subnet › ALB, as the containers nest.
    let alb = item(&host, "alb");
    assert_eq!(parent_item(&alb).as_deref(), Some("public"));
    assert_eq!(parent_item(&item(&host, "public")).as_deref(), Some("vpc"));
    assert_eq!(parent_item(&item(&host, "vpc")), None);
    assert_eq!(alb.get_attribute("aria-level").as_deref(), Some("3"));
    assert_eq!(
        item(&host, "vpc").get_attribute("aria-level").as_deref(),
        Some("1")
    );
    assert_eq!(
        parent_item(&item(&host, "nextjs")).as_deref(),
        Some("cluster")
    );
    // Containers that hold something expand; a service does not.
    assert_eq!(
        item(&host, "vpc").get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(alb.get_attribute("aria-expanded"), None);
    // Each item shows the node's label and its kind's name.
    let public = item(&host, "public");
    let row = public
        .first_element_child()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(row.contains("Public Subnet"), "{row}");
    // Named by its content (as the ARIA tree pattern does): an aria-label would hide the
    // visible text of the row and of the items inside it.
    assert_eq!(public.get_attribute("aria-label"), None);

    let mut listed = outline_ids(&host);
    listed.sort();
    let mut expected: Vec<String> = state
        .design
        .with_untracked(|d| d.nodes.keys().map(|k| k.as_str().to_owned()).collect());
    expected.sort();
    assert_eq!(listed, expected);
    // Top-level nodes in reading order: top to bottom, then left to right.
    let design = template("party-box");
    let mut top: Vec<_> = design
        .nodes
        .values()
        .filter(|n| n.parent.is_none())
        .collect();
    top.sort_by(|a, b| {
        a.pos
            .y
            .total_cmp(&b.pos.y)
            .then(a.pos.x.total_cmp(&b.pos.x))
            .then_with(|| a.id.cmp(&b.id))
    });
    let shown_top: Vec<String> = all(&tree, ":scope > [role=treeitem]")
        .iter()
        .filter_map(|e| e.get_attribute("data-outline-id"))
        .collect();
    let want_top: Vec<String> = top.iter().map(|n| n.id.as_str().to_owned()).collect();
    assert_eq!(shown_top, want_top);
    // One tab stop: the first item.
    assert_eq!(tab_stop(&host), outline_ids(&host)[0]);
}

#[wasm_bindgen_test]
async fn outline_keys_move_focus_and_select_on_the_canvas() {
    let (host, state) = outlined_app().await;
    let order = outline_ids(&host);
    let first = item(&host, &order[0]);
    focus(&first);
    key(&first, "ArrowDown", false);
    assert_eq!(focused_item().as_deref(), Some(order[1].as_str()));
    wait_for("the tab stop to follow", || tab_stop(&host) == order[1]).await;
    let second = item(&host, &order[1]);
    key(&second, "Enter", false);
    assert_eq!(
        state.selection.get_untracked(),
        Selection::node(id(&order[1]))
    );
    wait_for("aria-selected", || {
        item(&host, &order[1])
            .get_attribute("aria-selected")
            .as_deref()
            == Some("true")
    })
    .await;
    assert_eq!(
        first.get_attribute("aria-selected").as_deref(),
        Some("false")
    );
    // Shift+Enter adds the node to the selection.
    key(&second, "ArrowUp", false);
    assert_eq!(focused_item().as_deref(), Some(order[0].as_str()));
    key(&first, "Enter", true);
    let selected = state.selection.with_untracked(|s| s.nodes());
    assert_eq!(selected.len(), 2, "{selected:?}");
    // End and Home.
    key(&first, "End", false);
    assert_eq!(focused_item().as_deref(), order.last().map(String::as_str));
    key(&first, "Home", false);
    assert_eq!(focused_item().as_deref(), Some(order[0].as_str()));
    // A click selects too.
    click(&item(&host, "alb").first_element_child().unwrap());
    assert_eq!(state.selection.get_untracked(), Selection::node(id("alb")));
}

#[wasm_bindgen_test]
async fn outline_left_and_right_close_open_and_walk_the_tree() {
    let (host, _state) = outlined_app().await;
    let vpc = item(&host, "vpc");
    focus(&vpc);
    key(&vpc, "ArrowLeft", false);
    wait_for("the VPC to close", || {
        item(&host, "vpc").get_attribute("aria-expanded").as_deref() == Some("false")
    })
    .await;
    let group = one(&vpc, ":scope > [role=group]");
    assert!(group.has_attribute("hidden"));
    // Down skips what is inside a closed container.
    key(&vpc, "ArrowDown", false);
    let below = focused_item().unwrap();
    assert_ne!(parent_item(&item(&host, &below)).as_deref(), Some("vpc"));
    key(&item(&host, &below), "ArrowUp", false);
    assert_eq!(focused_item().as_deref(), Some("vpc"));
    // Right opens, Right again goes to the first child (the private subnet is the highest).
    key(&vpc, "ArrowRight", false);
    wait_for("the VPC to open", || {
        item(&host, "vpc").get_attribute("aria-expanded").as_deref() == Some("true")
    })
    .await;
    key(&vpc, "ArrowRight", false);
    let child = focused_item().unwrap();
    assert_eq!(
        parent_item(&item(&host, &child)).as_deref(),
        Some("vpc"),
        "{below} then {child}"
    );
    // Left on an open container closes it; Left again goes to the parent.
    assert_eq!(child, "private");
    key(&item(&host, &child), "ArrowLeft", false);
    assert_eq!(focused_item().as_deref(), Some("private"));
    wait_for("the private subnet to close", || {
        item(&host, "private")
            .get_attribute("aria-expanded")
            .as_deref()
            == Some("false")
    })
    .await;
    key(&item(&host, &child), "ArrowLeft", false);
    assert_eq!(focused_item().as_deref(), Some("vpc"));
}

#[wasm_bindgen_test]
async fn outline_delete_key_removes_the_focused_node() {
    let (host, state) = outlined_app().await;
    let nat = item(&host, "nat");
    focus(&nat);
    wait_for("the tab stop to follow", || tab_stop(&host) == "nat").await;
    key(&nat, "Delete", false);
    assert!(state.design.with_untracked(|d| d.node("nat").is_none()));
    wait_for("the item to go", || {
        all(&host, "[data-outline-id=\"nat\"]").is_empty()
    })
    .await;
    // The focus stays in the outline, on a node still there.
    wait_for("the focus to land on another item", || {
        focused_item().is_some_and(|f| f != "nat")
    })
    .await;
    // Backspace too; the other nodes stay.
    let acm = item(&host, "acm");
    focus(&acm);
    key(&acm, "Backspace", false);
    assert!(state
        .design
        .with_untracked(|d| d.node("acm").is_none() && d.node("alb").is_some()));
    wait_for("the focus on another item", || {
        focused_item().is_some_and(|f| f != "acm")
    })
    .await;
    // Undo brings it back, as for any edit; the tree is drawn again and the keyboard stays in it.
    assert!(state.undo());
    assert!(state.design.with_untracked(|d| d.node("acm").is_some()));
    wait_for("the item back", || {
        all(&host, "[data-outline-id=\"acm\"]").len() == 1
    })
    .await;
    wait_for("the focus back in the outline", || focused_item().is_some()).await;
}

#[wasm_bindgen_test]
async fn outline_move_to_offers_only_legal_places_and_reparents() {
    let (host, state) = outlined_app().await;
    let nat = item(&host, "nat");
    focus(&nat);
    key(&nat, "m", false);
    wait_for("the list of places", || {
        !all(
            &host,
            "[data-testid=outline-move-to] [role=listbox] [role=option]",
        )
        .is_empty()
    })
    .await;
    let listbox = one(&host, "[data-testid=outline-move-to] [role=listbox]");
    assert!(!listbox
        .get_attribute("aria-label")
        .unwrap_or_default()
        .is_empty());
    let mut offered: Vec<String> = all(&listbox, "[role=option]")
        .iter()
        .map(|o| o.get_attribute("data-move-target").unwrap())
        .collect();
    offered.sort();
    // A NAT gateway may sit on the canvas or in a subnet; not in the VPC itself nor in the
    // ECS cluster, and its own subnet is where it already is.
    assert_eq!(offered, vec!["".to_owned(), "private".to_owned()]);
    wait_for("the first place to take the focus", || {
        web_sys::window()
            .unwrap()
            .document()
            .unwrap()
            .active_element()
            .is_some_and(|a| a.get_attribute("role").as_deref() == Some("option"))
    })
    .await;
    // Escape closes without moving.
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    key(&active, "Escape", false);
    wait_for("the list to close", || {
        all(&host, "[data-testid=outline-move-to]").is_empty()
    })
    .await;
    assert_eq!(
        state
            .design
            .with_untracked(|d| d.node("nat").unwrap().parent.clone()),
        Some(id("public"))
    );

    // The visible "Move to…" button opens it too; choosing "private" moves it there.
    wait_for("the focus back on the item", || {
        focused_item().as_deref() == Some("nat")
    })
    .await;
    click(&one(
        &item(&host, "nat"),
        ":scope > .outline-row [data-testid=outline-move]",
    ));
    wait_for("the list of places", || {
        !all(&host, "[data-testid=outline-move-to] [role=option]").is_empty()
    })
    .await;
    let private = one(
        &host,
        "[data-testid=outline-move-to] [data-move-target=\"private\"]",
    );
    focus(&private);
    key(&private, "Enter", false);
    assert_eq!(
        state
            .design
            .with_untracked(|d| d.node("nat").unwrap().parent.clone()),
        Some(id("private"))
    );
    wait_for("the outline to nest it in the private subnet", || {
        all(&host, "[data-outline-id=\"nat\"]").len() == 1
            && parent_item(&item(&host, "nat")).as_deref() == Some("private")
    })
    .await;
    wait_for("the focus back on the moved item", || {
        focused_item().as_deref() == Some("nat")
    })
    .await;

    // An ECS service may go into a subnet or onto the canvas, not into the VPC itself; a
    // subnet only into a VPC, and the design has one: the list says there is nowhere else.
    let nextjs = item(&host, "nextjs");
    focus(&nextjs);
    key(&nextjs, "m", false);
    wait_for("the list", || {
        !all(&host, "[data-testid=outline-move-to] [role=option]").is_empty()
    })
    .await;
    let mut offered: Vec<String> = all(&host, "[data-testid=outline-move-to] [role=option]")
        .iter()
        .map(|o| o.get_attribute("data-move-target").unwrap())
        .collect();
    offered.sort();
    assert_eq!(offered, vec!["", "private", "public"]);
    click(&one(&host, "[data-testid=outline-move-to] button"));
    wait_for("the list to close", || {
        all(&host, "[data-testid=outline-move-to]").is_empty()
    })
    .await;
    let private = item(&host, "private");
    focus(&private);
    key(&private, "M", false);
    wait_for("the list", || {
        !all(&host, "[data-testid=outline-move-to]").is_empty()
    })
    .await;
    assert!(all(&host, "[data-testid=outline-move-to] [role=option]").is_empty());
    wait_for("Cancel to take the focus", || {
        web_sys::window()
            .unwrap()
            .document()
            .unwrap()
            .active_element()
            .is_some_and(|a| a.tag_name() == "BUTTON")
    })
    .await;
    click(&one(&host, "[data-testid=outline-move-to] button"));
    wait_for("the list to close", || {
        all(&host, "[data-testid=outline-move-to]").is_empty()
    })
    .await;
}

#[wasm_bindgen_test]
async fn outline_follows_the_canvas_selection() {
    let (host, state) = outlined_app().await;
    state.selection.set(Selection::node(id("rds")));
    wait_for("aria-selected on the RDS item", || {
        item(&host, "rds").get_attribute("aria-selected").as_deref() == Some("true")
    })
    .await;
    // The node selected on the canvas takes the outline's tab stop.
    wait_for("the tab stop", || tab_stop(&host) == "rds").await;
    // Deleting it from the canvas's side removes its item.
    let _ = state.dispatch(Command::Delete {
        nodes: vec![id("rds")],
        edges: Vec::new(),
    });
    wait_for("the item to go", || {
        all(&host, "[data-outline-id=\"rds\"]").is_empty()
    })
    .await;
    assert_eq!(
        all(
            &host,
            "[data-testid=outline] [role=treeitem][tabindex=\"0\"]"
        )
        .len(),
        1
    );
}

// ---- Autosave ----

#[wasm_bindgen_test]
fn outline_autosave_envelope_round_trips_and_recognises_links() {
    let mut design = template("party-box");
    delete(&mut design, "ecr");
    let text = autosave::envelope(1_700_000_000_000.0, "party-box", &design);
    let lang = kumozu::core::support::i18n::Lang::En;
    let saved = autosave::parse(&text, lang).unwrap();
    assert_eq!(saved.design, design);
    assert_eq!(saved.template, "party-box");
    assert_eq!(saved.saved_at, 1_700_000_000_000.0);
    // A bare design file is accepted too.
    let bare = kumozu::core::format::load::to_json(&design);
    assert_eq!(autosave::parse(&bare, lang).unwrap().design, design);
    for bad in [
        "",
        "garbage{",
        "[1,2]",
        "{\"design\": {\"format\": \"nope\"}}",
    ] {
        assert!(autosave::parse(bad, lang).is_err(), "{bad:?}");
    }
    assert!(autosave::is_share_link("#k1.eJzLSM3JyQcABiwCFQ"));
    assert!(autosave::is_share_link("#k12.x"));
    for not in ["", "#", "#hello", "#k.x", "#k1", "#kx1."] {
        assert!(!autosave::is_share_link(not), "{not:?}");
    }
}

#[wasm_bindgen_test]
async fn outline_autosave_restores_a_saved_design_as_unsaved_work() {
    let (host, state) = outlined_app().await;
    let mut design = template("party-box");
    delete(&mut design, "cloudwatch");
    let text = autosave::envelope(js_sys::Date::now(), "party-box", &design);
    let restored = autosave::restore(state, Some(&text), |_| panic!("nothing is damaged"));
    assert_eq!(restored, Restored::Design);
    assert_eq!(state.design.get_untracked(), design);
    assert_eq!(state.template.get_untracked(), "party-box");
    // The work lives only in the browser: replacing it asks first.
    assert!(state.has_unsaved_changes());
    let notice = state.notice.get_untracked().expect("a notice");
    assert!(notice.contains(':'), "{notice}");
    assert_eq!(state.load_error.get_untracked(), None);
    wait_for("the canvas to follow", || {
        all(&host, "[data-testid=canvas] [data-node-id=\"cloudwatch\"]").is_empty()
    })
    .await;
    // Nothing saved: nothing happens.
    assert_eq!(autosave::restore(state, None, |_| true), Restored::Nothing);
    assert_eq!(state.design.get_untracked(), design);
}

#[wasm_bindgen_test]
async fn outline_autosave_of_an_unchanged_template_restores_quietly() {
    let (_host, state) = outlined_app().await;
    let blank = template("blank");
    let text = autosave::envelope(1.0, "blank", &blank);
    assert_eq!(
        autosave::restore(state, Some(&text), |_| true),
        Restored::Design
    );
    assert_eq!(state.template.get_untracked(), "blank");
    assert!(!state.has_unsaved_changes());
    assert_eq!(state.notice.get_untracked(), None);
}

#[wasm_bindgen_test]
async fn outline_autosave_keeps_a_damaged_design_aside() {
    let (_host, state) = outlined_app().await;
    let start = state.design.get_untracked();
    for garbage in [
        "not json at all",
        "{\"design\": {\"format\": \"kumozu-design\", \"version\": 99}}",
    ] {
        state.load_error.set(None);
        let kept = RefCell::new(None);
        let outcome = autosave::restore(state, Some(garbage), |t| {
            *kept.borrow_mut() = Some(t.to_owned());
            true
        });
        assert_eq!(outcome, Restored::DamagedKeptAside, "{garbage}");
        assert_eq!(kept.into_inner().as_deref(), Some(garbage));
        let message = state.load_error.get_untracked().expect("a message");
        assert!(message.contains(autosave::DAMAGED_KEY), "{message}");
        // The start template stays.
        assert_eq!(state.design.get_untracked(), start);
    }
    // When it cannot even be copied aside, the message says autosave is off.
    let outcome = autosave::restore(state, Some("{oops"), |_| false);
    assert_eq!(outcome, Restored::DamagedNotKept);
    let message = state.load_error.get_untracked().unwrap();
    assert!(!message.contains(autosave::DAMAGED_KEY), "{message}");
}

#[wasm_bindgen_test]
async fn outline_autosave_writes_changes_only() {
    let (_host, state) = outlined_app().await;
    let written: Rc<RefCell<Vec<String>>> = Rc::default();
    let ok = Rc::new(RefCell::new(true));
    let owner = Owner::new();
    {
        let written = written.clone();
        let ok = ok.clone();
        owner.with(|| {
            autosave::keep_saved(
                state,
                || 42_000.0,
                move |text| {
                    if *ok.borrow() {
                        written.borrow_mut().push(text.to_owned());
                    }
                    *ok.borrow()
                },
            )
        });
    }
    // Opening writes nothing.
    super::sleep(50).await;
    assert!(written.borrow().is_empty());
    // An edit is written, as an envelope of the design and its template.
    let _ = state.dispatch(Command::Delete {
        nodes: vec![id("nat")],
        edges: Vec::new(),
    });
    wait_for("a write", || written.borrow().len() == 1).await;
    let saved =
        autosave::parse(&written.borrow()[0], kumozu::core::support::i18n::Lang::En).unwrap();
    assert_eq!(saved.design, state.design.get_untracked());
    assert_eq!(saved.template, "party-box");
    assert_eq!(saved.saved_at, 42_000.0);
    // A refused edit changes nothing, and nothing is written.
    let _ = state.dispatch(Command::Delete {
        nodes: vec![id("no-such-node")],
        edges: Vec::new(),
    });
    super::sleep(50).await;
    assert_eq!(written.borrow().len(), 1);
    // Storage that refuses: said once, in the notice.
    *ok.borrow_mut() = false;
    state.notice.set(None);
    state.load_template("blank");
    wait_for("the notice", || state.notice.get_untracked().is_some()).await;
    state.notice.set(None);
    state.load_template("ec-site");
    super::sleep(50).await;
    assert_eq!(state.notice.get_untracked(), None);
    // Storage back: the next change is written.
    *ok.borrow_mut() = true;
    state.load_template("blank");
    wait_for("a write", || written.borrow().len() == 2).await;
    assert_eq!(
        autosave::parse(&written.borrow()[1], kumozu::core::support::i18n::Lang::En)
            .unwrap()
            .template,
        "blank"
    );
    std::mem::forget(owner);
}
