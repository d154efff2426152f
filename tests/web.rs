#![cfg(target_arch = "wasm32")]
//! Component tests of the browser app in a real (headless) browser: each test mounts the
//! whole app into a fresh element and reads the DOM the way the end-to-end tests do.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web`.

use std::collections::BTreeSet;

use kumozu::core::i18n::Lang;
use kumozu::core::model::Design;
use kumozu::core::templates::{self, TEMPLATES};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, HtmlElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a new app into a fresh `<div>` on the page and returns the `<div>`.
fn fresh_app() -> HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    kumozu::ui::mount_to(host.clone());
    host
}

/// Lets the reactive system run until `done` holds (effects and re-renders are scheduled
/// as tasks); fails the test with `what` if it never does.
async fn wait_until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        leptos::task::tick().await;
    }
    panic!("timed out waiting for {what}");
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn one(root: &Element, selector: &str) -> Element {
    let found = all(root, selector);
    assert_eq!(
        found.len(),
        1,
        "want exactly one {selector}, found {}",
        found.len()
    );
    found.into_iter().next().unwrap()
}

fn template(id: &str) -> Design {
    templates::find(id).unwrap().design().unwrap()
}

fn rendered_node_ids(root: &Element) -> BTreeSet<String> {
    all(root, "[data-testid=canvas] [data-node-id]")
        .iter()
        .filter_map(|e| e.get_attribute("data-node-id"))
        .collect()
}

fn design_node_ids(d: &Design) -> BTreeSet<String> {
    d.nodes.keys().map(|id| id.as_str().to_owned()).collect()
}

fn html_lang() -> String {
    let doc = web_sys::window().unwrap().document().unwrap();
    doc.document_element()
        .unwrap()
        .get_attribute("lang")
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn the_canvas_is_an_svg_that_fits_the_design() {
    let host = fresh_app();
    let canvas = one(&host, "[data-testid=canvas]");
    assert_eq!(canvas.tag_name().to_lowercase(), "svg");
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));
    assert!(!canvas
        .get_attribute("aria-label")
        .unwrap_or_default()
        .is_empty());
    let view_box: Vec<f64> = canvas
        .get_attribute("viewBox")
        .expect("a viewBox")
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(view_box.len(), 4);
    assert!(view_box[2] > 0.0 && view_box[3] > 0.0);
}

#[wasm_bindgen_test]
fn every_party_box_node_is_drawn_once_with_its_id_and_kind() {
    let host = fresh_app();
    let design = template("party-box");
    assert!(
        design.nodes.len() >= 10,
        "the Party Box template is filled in"
    );
    for node in design.nodes.values() {
        let id = node.id.as_str();
        let el = one(
            &host,
            &format!("[data-testid=canvas] [data-node-id=\"{id}\"]"),
        );
        assert_eq!(
            el.get_attribute("data-node-kind").as_deref(),
            Some(node.kind.id()),
            "{id}"
        );
        assert_eq!(el.get_attribute("tabindex").as_deref(), Some("0"), "{id}");
        assert_eq!(el.get_attribute("role").as_deref(), Some("group"), "{id}");
        assert!(
            !el.get_attribute("aria-label")
                .unwrap_or_default()
                .is_empty(),
            "{id}"
        );
    }
    assert_eq!(rendered_node_ids(&host), design_node_ids(&design));
    assert_eq!(
        all(&host, "[data-testid=canvas] [data-node-id]").len(),
        design.nodes.len(),
        "no node is drawn twice"
    );
}

#[wasm_bindgen_test]
fn every_edge_is_drawn_with_its_kind_and_label() {
    let host = fresh_app();
    let design = template("party-box");
    assert!(!design.edges.is_empty());
    for edge in design.edges.values() {
        let id = edge.id.as_str();
        let el = one(
            &host,
            &format!("[data-testid=canvas] [data-edge-id=\"{id}\"]"),
        );
        assert_eq!(
            el.get_attribute("data-edge-kind").as_deref(),
            Some(edge.kind.id()),
            "{id}"
        );
        assert_eq!(all(&el, "path").len(), 1, "{id} has one line");
        let label = edge.display_label();
        if !label.is_empty() {
            let texts: Vec<String> = all(&el, "text")
                .iter()
                .filter_map(|t| t.text_content())
                .collect();
            assert_eq!(texts, [label], "{id}");
        }
    }
    // The course's ALB routes are readable on the canvas.
    let labels: BTreeSet<String> = all(&host, "[data-edge-kind=alb_rule] text")
        .iter()
        .filter_map(|t| t.text_content())
        .collect();
    for rule in ["/*", "/api/*", "/socket.io/*"] {
        assert!(labels.contains(rule), "no {rule} among {labels:?}");
    }
}

#[wasm_bindgen_test]
async fn the_language_switch_changes_html_lang_and_the_labels() {
    let host = fresh_app();
    let design = template("party-box");
    let users = design
        .nodes
        .values()
        .find(|n| n.kind.id() == "users")
        .expect("Party Box has a users node");
    let users_sel = format!("[data-testid=canvas] [data-node-id=\"{}\"]", users.id);
    let switch = one(&host, "[data-testid=lang-switch]");
    assert_eq!(switch.get_attribute("role").as_deref(), Some("group"));

    for (lang, other) in [(Lang::En, Lang::Ja), (Lang::Ja, Lang::En)] {
        let button: HtmlElement = one(&switch, &format!("button[data-lang={}]", lang.tag()))
            .dyn_into()
            .unwrap();
        button.click();
        let want = users.display_label(lang).to_owned();
        wait_until(&format!("<html lang={}>", lang.tag()), || {
            html_lang() == lang.tag()
        })
        .await;
        wait_until(&format!("the users node to read {want}"), || {
            one(&host, &users_sel)
                .text_content()
                .unwrap_or_default()
                .contains(&want)
        })
        .await;
        let pressed = |l: Lang| {
            one(&switch, &format!("button[data-lang={}]", l.tag())).get_attribute("aria-pressed")
        };
        assert_eq!(pressed(lang).as_deref(), Some("true"));
        assert_eq!(pressed(other).as_deref(), Some("false"));
    }
    assert!(one(&host, &users_sel)
        .text_content()
        .unwrap()
        .contains("ユーザー"));
}

#[wasm_bindgen_test]
async fn switching_the_template_replaces_the_nodes() {
    let host = fresh_app();
    let select: HtmlSelectElement = one(&host, "select[data-testid=template-switcher]")
        .dyn_into()
        .unwrap();
    let values: Vec<String> = all(&select, "option")
        .iter()
        .filter_map(|o| o.get_attribute("value"))
        .collect();
    let ids: Vec<&str> = TEMPLATES.iter().map(|t| t.id).collect();
    assert_eq!(values, ids, "one option per template, in order");
    assert_eq!(select.value(), "party-box", "the app starts on Party Box");
    assert_eq!(
        rendered_node_ids(&host),
        design_node_ids(&template("party-box"))
    );

    // Party Box → Blank must change what is drawn; then every template in turn.
    assert_ne!(
        design_node_ids(&template("party-box")),
        design_node_ids(&template("blank"))
    );
    for id in ["blank", "ec-site", "party-box", "blank"] {
        let want = design_node_ids(&template(id));
        select.set_value(id);
        select
            .dispatch_event(&Event::new("change").unwrap())
            .unwrap();
        wait_until(&format!("the nodes of {id}"), || {
            rendered_node_ids(&host) == want
        })
        .await;
        assert_eq!(select.value(), id);
        let name = one(&host, "[data-testid=design-name]")
            .text_content()
            .unwrap();
        assert_eq!(name, template(id).name);
    }
}

#[wasm_bindgen_test]
async fn template_names_follow_the_language() {
    let host = fresh_app();
    let switch = one(&host, "[data-testid=lang-switch]");
    for lang in [Lang::Ja, Lang::En] {
        let button: HtmlElement = one(&switch, &format!("button[data-lang={}]", lang.tag()))
            .dyn_into()
            .unwrap();
        button.click();
        let want: Vec<String> = TEMPLATES
            .iter()
            .map(|t| t.name.get(lang).to_owned())
            .collect();
        wait_until(&format!("template names in {}", lang.tag()), || {
            let shown: Vec<String> = all(&host, "select[data-testid=template-switcher] option")
                .iter()
                .filter_map(|o| o.text_content())
                .collect();
            shown == want
        })
        .await;
    }
}

/// Clicks an SVG node group (SVG elements are not `HtmlElement`s, so dispatch the event).
fn click(el: &Element) {
    let ev = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &{
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    el.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn the_party_box_template_is_all_clear_and_the_panel_says_so() {
    let host = fresh_app();
    let panel = one(&host, "[data-testid=findings]");
    wait_until("the all-clear state", || {
        !all(&panel, "[data-testid=all-clear]").is_empty()
    })
    .await;
    assert!(all(&panel, "[data-rule-id]").is_empty());
    let counts: Vec<String> = all(&panel, "[data-testid=findings-summary] [data-count]")
        .iter()
        .map(|e| e.get_attribute("data-count").unwrap())
        .collect();
    assert_eq!(counts, ["0", "0", "0"]);
    let toggle: web_sys::HtmlInputElement = one(&panel, "[data-testid=follows-course]")
        .dyn_into()
        .unwrap();
    assert!(toggle.checked(), "Party Box follows the course");
}

#[wasm_bindgen_test]
async fn selecting_a_node_highlights_it_and_filters_the_findings() {
    let host = fresh_app();
    let alb = one(&host, "[data-testid=canvas] [data-node-kind=alb]");
    click(&alb);
    wait_until("the ALB to be highlighted", || {
        alb.get_attribute("class")
            .unwrap_or_default()
            .contains("is-highlighted")
    })
    .await;
    let panel = one(&host, "[data-testid=findings]");
    wait_until("the node filter", || {
        panel.text_content().unwrap_or_default().contains("ALB")
    })
    .await;
    // Only one node is highlighted, and clicking again clears it.
    assert_eq!(all(&host, ".is-highlighted").len(), 1);
    click(&alb);
    wait_until("the highlight to clear", || {
        all(&host, ".is-highlighted").is_empty()
    })
    .await;
}

#[wasm_bindgen_test]
async fn switching_to_ec_site_keeps_the_findings_panel_in_step() {
    let host = fresh_app();
    let select: HtmlSelectElement = one(&host, "[data-testid=template-switcher]")
        .dyn_into()
        .unwrap();
    select.set_value("ec-site");
    select
        .dispatch_event(&Event::new("change").unwrap())
        .unwrap();
    wait_until("the EC-site nodes", || {
        !all(&host, "[data-node-kind=cloudfront]").is_empty()
    })
    .await;
    let findings = kumozu::core::validate::validate(&template("ec-site"));
    let panel = one(&host, "[data-testid=findings]");
    let shown = all(&panel, "[data-rule-id]").len();
    assert_eq!(shown, findings.len(), "one item per finding of the EC site");
    let toggle: web_sys::HtmlInputElement = one(&panel, "[data-testid=follows-course]")
        .dyn_into()
        .unwrap();
    assert!(!toggle.checked(), "the EC site is not Party Box");
}
