#![allow(clippy::disallowed_methods)] // tests: not part of the first load
#![cfg(target_arch = "wasm32")]
//! Component tests of the browser app in a real (headless) browser: each test mounts the
//! whole app into a fresh element and reads the DOM the way the end-to-end tests do.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web`.

use std::collections::BTreeSet;

use kumozu::core::cost::{estimate_range, fmt_usd, EstimateRange, PriceTable, Shown};
use kumozu::core::document::model::{Currency, Design};
use kumozu::core::document::region::Region;
use kumozu::core::document::templates::{self, TEMPLATES};
use kumozu::core::support::i18n::Lang;
use kumozu::ui::AppState;
use leptos::prelude::{GetUntracked, Set, Update, WithUntracked};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{js_sys, JsFuture};
use wasm_bindgen_test::*;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

mod outline;

mod editor_panels;

mod shell;

/// Mounts a new app into a fresh `<div>` on the page and returns the `<div>`.
fn fresh_app() -> HtmlElement {
    fresh_app_with_state().0
}

/// Mounts a new app into a fresh `<div>`; returns the `<div>` and the app's state.
fn fresh_app_with_state() -> (HtmlElement, AppState) {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let state = kumozu::ui::mount_to(host.clone());
    (host, state)
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
    // A group of focusable nodes (an image role would hide them from screen readers).
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("group"));
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
        assert_eq!(all(&el, "path.edge-line").len(), 1, "{id} has one line");
        assert_eq!(
            all(&el, "path.edge-hit").len(),
            1,
            "{id} has a wider line to click"
        );
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

/// No unearned praise (issue 17): the Blank template follows the course and says what Party Box
/// still lacks; with the course's checks off, the all-clear says they are off instead of
/// praising a design as Party Box.
#[wasm_bindgen_test]
async fn a_blank_design_says_what_party_box_lacks_and_is_not_praised() {
    let (host, state) = fresh_app_with_state();
    state.lang.set(Lang::Ja);
    let select: HtmlSelectElement = one(&host, "[data-testid=template-switcher]")
        .dyn_into()
        .unwrap();
    select.set_value("blank");
    select
        .dispatch_event(&Event::new("change").unwrap())
        .unwrap();
    let panel = one(&host, "[data-testid=findings]");
    wait_until("the missing parts", || {
        !all(&panel, "[data-rule-id=party-box-parts]").is_empty()
    })
    .await;
    assert!(all(&panel, "[data-testid=all-clear]").is_empty());
    let message = text(&panel, "[data-rule-id=party-box-parts]");
    assert!(
        message.contains("ALB") && message.contains("RDS"),
        "{message}"
    );
    let toggle: web_sys::HtmlInputElement = one(&panel, "[data-testid=follows-course]")
        .dyn_into()
        .unwrap();
    assert!(toggle.checked(), "Blank follows the course");
    // Off: no finding left, and the all-clear says the Party Box checks are off.
    toggle.set_checked(false);
    toggle
        .dispatch_event(&Event::new("change").unwrap())
        .unwrap();
    wait_until("the all-clear state", || {
        !all(&panel, "[data-testid=all-clear]").is_empty()
    })
    .await;
    let body = text(&panel, "[data-testid=all-clear]");
    assert!(!body.contains("よくできました"), "{body}");
    assert!(body.contains("オフ"), "{body}");
    assert!(text(&panel, "[data-testid=follows-course-hint]").contains("オフ"));
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
    // Only one node is highlighted; clicking it again keeps it, the background clears it.
    assert_eq!(all(&host, ".is-highlighted").len(), 1);
    click(&alb);
    sleep(50).await;
    assert_eq!(all(&host, ".is-highlighted").len(), 1, "still selected");
    click(&one(&host, "[data-testid=canvas]"));
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

/// The findings panel is text brought up to date in place: an explanation the reader opened
/// stays open (and stays with its finding) when the panel is written again, here in the other
/// language; pressing a finding selects it.
#[wasm_bindgen_test]
async fn an_opened_explanation_stays_open_when_the_findings_are_written_again() {
    let (host, state) = fresh_app_with_state();
    state.lang.set(Lang::En);
    // Party Box with single-task services: two warnings.
    let mut design = template("party-box");
    for node in design.nodes.values_mut() {
        if node.kind == kumozu::core::Kind::EcsService {
            for key in ["desired_tasks", "min_tasks"] {
                node.params
                    .insert(key.to_owned(), kumozu::core::ParamValue::Num(1.0));
            }
        }
    }
    state.open_file("single.json".into(), kumozu::core::to_json(&design));
    let panel = one(&host, "[data-testid=findings]");
    wait_until("the two warnings", || {
        all(&panel, "[data-rule-id]").len() > 1
    })
    .await;
    let second = all(&panel, "[data-rule-id]")[1].clone();
    let key = second.get_attribute("data-key").unwrap();
    let details = one(&second, "details");
    details.set_attribute("open", "").unwrap();
    let before = second.text_content().unwrap_or_default();
    press(&host, "[data-testid=lang-switch] button[data-lang=ja]");
    wait_until("the panel written in Japanese", || {
        second.text_content().unwrap_or_default() != before
    })
    .await;
    let same = one(&panel, &format!("[data-key=\"{key}\"]"));
    assert!(
        same.is_same_node(Some(&second)),
        "the item was kept, not drawn again"
    );
    assert!(
        one(&same, "details").has_attribute("open"),
        "the explanation stays open"
    );
    let main: HtmlElement = one(&same, ".finding-main").dyn_into().unwrap();
    main.click();
    wait_until("the finding to be selected", || {
        main.get_attribute("aria-pressed").as_deref() == Some("true")
    })
    .await;
    assert!(same.class_list().contains("selected"));
}

// ---------------------------------------------------------------------------------------------
// The cost panel. The test page is not served from dist/, so fetching `pricing/<region>.json`
// fails here: one test checks that failure path, the others give the app the bundled tables
// with `AppState::set_price_table`.

const TOKYO: &str = include_str!("../../public/pricing/ap-northeast-1.json");
const OSAKA: &str = include_str!("../../public/pricing/ap-northeast-3.json");
const VIRGINIA: &str = include_str!("../../public/pricing/us-east-1.json");

fn table_of(region: Region) -> PriceTable {
    let json = match region {
        Region::ApNortheast1 => TOKYO,
        Region::ApNortheast3 => OSAKA,
        Region::UsEast1 => VIRGINIA,
    };
    PriceTable::from_json(json).unwrap()
}

/// The engine's estimate of `d` in its region.
fn engine(d: &Design) -> EstimateRange {
    estimate_range(d, &table_of(d.region))
}

/// The total the panel must show for `d`: the engine's, converted as `d` says.
fn engine_total(d: &Design) -> String {
    Shown::of(d).plain(engine(d).expected.total_monthly_usd)
}

/// Waits `ms` milliseconds (a fetch completes on the event loop, not in a microtask).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Like `wait_until`, for things that wait on the event loop (up to 5 s).
async fn wait_for(what: &str, done: impl Fn() -> bool) {
    for _ in 0..250 {
        if done() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting for {what}");
}

fn text(root: &Element, selector: &str) -> String {
    all(root, selector)
        .first()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// The monthly total's plain number (`data-amount`: no symbol, no grouping).
fn amount(panel: &Element) -> String {
    all(panel, "[data-testid=total-monthly]")
        .first()
        .and_then(|e| e.get_attribute("data-amount"))
        .unwrap_or_default()
}

/// A mounted app in English with the Tokyo, Osaka and N. Virginia tables loaded.
async fn priced_app() -> (HtmlElement, AppState) {
    let (host, state) = fresh_app_with_state();
    state.lang.set(Lang::En);
    for json in [TOKYO, OSAKA, VIRGINIA] {
        state.set_price_table(json).unwrap();
    }
    wait_for("the monthly total", || {
        !all(&host, "[data-testid=total-monthly]").is_empty()
    })
    .await;
    (host, state)
}

/// Types `value` into an input and commits it, as leaving the field does.
fn type_into(root: &Element, selector: &str, value: &str) {
    let input: HtmlInputElement = one(root, selector).dyn_into().unwrap();
    input.set_value(value);
    input
        .dispatch_event(&Event::new("change").unwrap())
        .unwrap();
}

fn press(root: &Element, selector: &str) {
    let el: HtmlElement = one(root, selector).dyn_into().unwrap();
    el.click();
}

#[wasm_bindgen_test]
async fn without_a_served_table_the_panel_says_so_and_the_app_keeps_working() {
    let (host, state) = fresh_app_with_state();
    state.lang.set(Lang::En);
    let panel = one(&host, "[data-testid=cost]");
    wait_for("the pricing failure", || {
        !all(&panel, "[data-testid=cost-error]").is_empty()
    })
    .await;
    let message = text(&panel, "[data-testid=cost-error]");
    assert!(
        message.contains("Could not load the pricing table") && message.contains("ap-northeast-1"),
        "{message}"
    );
    assert!(all(&panel, "[data-testid=total-monthly]").is_empty());
    // The rest of the app works: the canvas, the findings, the language switch.
    assert_eq!(
        rendered_node_ids(&host),
        design_node_ids(&template("party-box"))
    );
    assert!(!all(&host, "[data-testid=all-clear]").is_empty());
    press(&host, "[data-testid=lang-switch] button[data-lang=ja]");
    wait_until("the failure in Japanese", || {
        text(&panel, "[data-testid=cost-error]").contains("料金表を読み込めませんでした")
    })
    .await;
    // "Try again" fetches again (and fails again here) without breaking anything.
    press(&panel, "[data-testid=cost-error] button");
    wait_for("the failure after retrying", || {
        !all(&panel, "[data-testid=cost-error]").is_empty()
    })
    .await;
    // A table given later replaces the failure with the estimate.
    state.set_price_table(TOKYO).unwrap();
    let want = state.design.with_untracked(engine_total);
    wait_until("the total", || amount(&panel) == want).await;
    assert!(all(&panel, "[data-testid=cost-error]").is_empty());
}

#[wasm_bindgen_test]
fn a_malformed_table_is_refused_with_the_reason() {
    let (_host, state) = fresh_app_with_state();
    let err = state.set_price_table("{\"format\": \"nope\"}").unwrap_err();
    assert!(err.message(Lang::En).contains("format"), "{err:?}");
    let err = state.set_price_table(&TOKYO[..200]).unwrap_err();
    assert!(err.message(Lang::En).contains("not JSON"), "{err:?}");
}

#[wasm_bindgen_test]
async fn the_total_agrees_with_the_engine_in_every_region() {
    let (host, state) = priced_app().await;
    let panel = one(&host, "[data-testid=cost]");
    let picker: HtmlSelectElement = one(&panel, "select[data-testid=region-picker]")
        .dyn_into()
        .unwrap();
    let codes: Vec<String> = all(&picker, "option")
        .iter()
        .filter_map(|o| o.get_attribute("value"))
        .collect();
    assert_eq!(codes, ["ap-northeast-1", "ap-northeast-3", "us-east-1"]);
    assert_eq!(picker.value(), "ap-northeast-1");

    let mut totals = Vec::new();
    for region in [Region::ApNortheast1, Region::UsEast1, Region::ApNortheast3] {
        picker.set_value(region.code());
        picker
            .dispatch_event(&Event::new("change").unwrap())
            .unwrap();
        assert_eq!(state.design.with_untracked(|d| d.region), region);
        let design = state.design.get_untracked();
        let want = engine_total(&design);
        wait_until(&format!("the {region} total {want}"), || {
            amount(&panel) == want
        })
        .await;
        // The range, the per-day figure and the table version agree with the engine too.
        let e = engine(&design);
        let range = text(&panel, "[data-testid=cost-range]");
        assert!(
            range.contains(&fmt_usd(e.low.total_monthly_usd))
                && range.contains(&fmt_usd(e.high.total_monthly_usd)),
            "{range}"
        );
        assert_eq!(
            text(&panel, "[data-testid=per-day]"),
            format!(
                "Left running for a day: about {}",
                fmt_usd(e.expected.per_day_usd())
            )
        );
        assert_eq!(
            text(&panel, "[data-testid=table-version]"),
            format!("Pricing table {}", e.expected.table_version)
        );
        totals.push(want.parse::<f64>().unwrap());
    }
    assert!(
        totals[0] > totals[1],
        "Tokyo costs more than N. Virginia: {totals:?}"
    );
}

#[wasm_bindgen_test]
async fn currency_rate_and_tax_change_the_shown_figures() {
    let (host, state) = priced_app().await;
    let panel = one(&host, "[data-testid=cost]");
    let usd = amount(&panel);
    assert!(
        all(&panel, "[data-testid=jpy-rate]").is_empty(),
        "no rate in USD"
    );

    press(&panel, "[data-testid=currency] button[data-currency=JPY]");
    assert_eq!(state.design.with_untracked(|d| d.currency), Currency::Jpy);
    let want = state.design.with_untracked(engine_total);
    wait_until("the total in yen", || amount(&panel) == want).await;
    let yen: f64 = want.parse().unwrap();
    assert!(
        (yen - usd.parse::<f64>().unwrap() * 150.0).abs() <= 0.5,
        "{yen} vs {usd}"
    );
    assert!(text(&panel, ".cost-figure").starts_with('¥'));

    // A rate that is not a number, or not positive, is refused with the reason.
    for (typed, says) in [
        ("abc", "Enter a number"),
        ("0", "above 0"),
        ("-5", "above 0"),
    ] {
        type_into(&panel, "[data-testid=jpy-rate]", typed);
        wait_until(&format!("the message for {typed}"), || {
            text(&panel, ".num-field--rate .field-error").contains(says)
        })
        .await;
        assert_eq!(state.design.with_untracked(|d| d.jpy_per_usd), 150.0);
        assert_eq!(amount(&panel), want);
        assert_eq!(
            one(&panel, "[data-testid=jpy-rate]")
                .get_attribute("aria-invalid")
                .as_deref(),
            Some("true")
        );
    }
    type_into(&panel, "[data-testid=jpy-rate]", "200");
    let at_200 = state.design.with_untracked(engine_total);
    wait_until("the total at 200 yen", || amount(&panel) == at_200).await;
    assert!(
        all(&panel, ".field-error").is_empty(),
        "the message is gone"
    );

    // Tax: ×1.1 on the shown figures.
    press(&panel, "[data-testid=include-tax]");
    assert!(state.design.with_untracked(|d| d.include_tax));
    let taxed = state.design.with_untracked(engine_total);
    wait_until("the taxed total", || amount(&panel) == taxed).await;
    let ratio = taxed.parse::<f64>().unwrap() / at_200.parse::<f64>().unwrap();
    assert!((ratio - 1.1).abs() < 0.001, "{ratio}");
    assert_eq!(text(&panel, "[data-testid=tax-state]"), "incl. tax");

    // Back to dollars: two decimals again.
    press(&panel, "[data-testid=currency] button[data-currency=USD]");
    let back = state.design.with_untracked(engine_total);
    wait_until("the total in dollars", || amount(&panel) == back).await;
    assert_eq!(back.split('.').nth(1).map(str::len), Some(2), "{back}");
}

#[wasm_bindgen_test]
async fn usage_inputs_show_defaults_check_ranges_and_keep_the_old_value() {
    let (host, state) = priced_app().await;
    let panel = one(&host, "[data-testid=cost]");
    for spec in kumozu::core::document::catalogue::USAGE {
        let input: HtmlInputElement = one(&panel, &format!("[data-testid=usage-{}]", spec.key))
            .dyn_into()
            .unwrap();
        assert_eq!(input.value(), format!("{}", spec.default), "{}", spec.key);
    }
    let field = "[data-testid=usage-hours_per_month]";
    for (typed, says) in [
        ("800", "from 0 to 744"),
        ("lots", "Enter a number"),
        ("-1", "from 0 to 744"),
    ] {
        type_into(&panel, field, typed);
        wait_until(&format!("the message for {typed}"), || {
            all(&panel, ".field-error")
                .iter()
                .any(|e| e.text_content().unwrap_or_default().contains(says))
        })
        .await;
        assert_eq!(
            state.design.with_untracked(|d| d.usage("hours_per_month")),
            730.0
        );
    }
    // Full-width digits and thousands separators are numbers too.
    type_into(&panel, field, "７００");
    wait_until("700 hours", || {
        state.design.with_untracked(|d| d.usage("hours_per_month")) == 700.0
    })
    .await;
    type_into(&panel, "[data-testid=usage-data_transfer_out_gb]", "1,000");
    wait_until("1000 GB out", || {
        state
            .design
            .with_untracked(|d| d.usage("data_transfer_out_gb"))
            == 1000.0
    })
    .await;
    let want = state.design.with_untracked(engine_total);
    wait_until("the total after the edits", || amount(&panel) == want).await;
    assert!(all(&panel, ".field-error").is_empty());

    // Zero hours: nothing runs, but every line is still listed.
    type_into(&panel, field, "0");
    let want = state.design.with_untracked(engine_total);
    wait_until("the total at 0 hours", || amount(&panel) == want).await;
    let lines = state
        .design
        .with_untracked(|d| engine(d).expected.lines.len());
    assert_eq!(all(&panel, ".cost-line").len(), lines);

    // The peak hours sit beside the range and move the expected total only.
    type_into(&panel, "[data-testid=usage-peak_hours_per_month]", "0");
    wait_until("peak hours 0", || {
        state
            .design
            .with_untracked(|d| d.usage("peak_hours_per_month"))
            == 0.0
    })
    .await;
}

#[wasm_bindgen_test]
async fn every_line_is_listed_per_node_and_expands_to_its_formula_and_source() {
    let (host, state) = priced_app().await;
    let panel = one(&host, "[data-testid=cost]");
    let design = state.design.get_untracked();
    let e = engine(&design).expected;
    assert_eq!(all(&panel, ".cost-line").len(), e.lines.len());
    for node in design.nodes.values() {
        let want = e
            .lines
            .iter()
            .filter(|l| l.node.as_ref() == Some(&node.id))
            .count();
        let group = all(
            &panel,
            &format!("[data-cost-node=\"{}\"] .cost-line", node.id),
        );
        assert_eq!(group.len(), want, "{}", node.id);
    }
    assert!(!all(&panel, ".cost-line[data-status=free]").is_empty());
    for free in all(&panel, ".cost-group .amount") {
        assert_ne!(
            free.text_content().unwrap_or_default(),
            "",
            "no silent amount"
        );
    }

    // The ALB's hours: open it, read the formula, the unit price and the source.
    let alb = e
        .lines
        .iter()
        .find(|l| l.price_key.as_deref() == Some("alb.hour"))
        .unwrap();
    let sel = "[data-cost-node=alb] .cost-line[data-price-key=\"alb.hour\"]";
    press(&panel, &format!("{sel} summary"));
    wait_until("the ALB line to open", || {
        one(&panel, &format!("{sel} details")).has_attribute("open")
    })
    .await;
    let details = text(&panel, &format!("{sel} dl"));
    let source = alb.source.as_ref().unwrap();
    for part in [
        alb.formula.as_str(),
        "ALB-hour",
        source.source_date.as_str(),
        "alb.hour",
    ] {
        assert!(details.contains(part), "{part} not in {details}");
    }
    // An edit re-renders the lines; the open one stays open.
    type_into(
        &panel,
        "[data-testid=usage-alb_new_connections_per_second]",
        "50",
    );
    wait_until("the edit", || {
        state
            .design
            .with_untracked(|d| d.usage("alb_new_connections_per_second"))
            == 50.0
    })
    .await;
    let want = state.design.with_untracked(engine_total);
    wait_until("the new total", || amount(&panel) == want).await;
    assert!(one(&panel, &format!("{sel} details")).has_attribute("open"));

    // The chart has one bar per kind that costs something, the largest first.
    let kinds: Vec<String> = all(&panel, "[data-testid=cost-chart] li")
        .iter()
        .filter_map(|li| li.get_attribute("data-kind"))
        .collect();
    assert_eq!(
        kinds.first().map(String::as_str),
        Some("ecs_service"),
        "{kinds:?}"
    );
}

#[wasm_bindgen_test]
async fn selecting_a_node_filters_the_cost_lines() {
    let (host, state) = priced_app().await;
    let panel = one(&host, "[data-testid=cost]");
    let all_groups = all(&panel, "[data-testid=cost-lines] [data-cost-node]").len();
    click(&one(&host, "[data-testid=canvas] [data-node-kind=alb]"));
    wait_until("only the ALB's lines", || {
        all(&panel, "[data-cost-node]").len() == 1
    })
    .await;
    let e = state.design.with_untracked(|d| engine(d).expected);
    let alb_lines = e
        .lines
        .iter()
        .filter(|l| l.node.as_ref().map(|n| n.as_str()) == Some("alb"))
        .count();
    assert_eq!(
        all(&panel, "[data-cost-node=alb] .cost-line").len(),
        alb_lines
    );
    // "Show all" brings every node back; the group's name selects its node on the canvas.
    press(&panel, "[data-action=show-all]");
    wait_until("every group", || {
        all(&panel, "[data-testid=cost-lines] [data-cost-node]").len() == all_groups
    })
    .await;
    press(&panel, "[data-cost-node=nat] .cost-node-name");
    wait_until("the NAT Gateway lit up", || {
        one(&host, "[data-testid=canvas] [data-node-id=nat]")
            .get_attribute("class")
            .unwrap_or_default()
            .contains("is-highlighted")
    })
    .await;
    assert_eq!(all(&panel, "[data-cost-node]").len(), 1);
}

#[wasm_bindgen_test]
async fn the_ec_site_in_tokyo_says_which_prices_are_unknown() {
    let (host, state) = priced_app().await;
    let panel = one(&host, "[data-testid=cost]");
    state.load_template("ec-site");
    let design = state.design.get_untracked();
    assert_eq!(design.region, Region::ApNortheast1);
    let e = engine(&design).expected;
    assert!(e.unknown_lines > 0, "Secrets Manager is unknown in Tokyo");
    let want = engine_total(&design);
    wait_until("the EC site's total", || amount(&panel) == want).await;
    let unknown = all(&panel, ".cost-line[data-status=unknown]");
    assert_eq!(unknown.len(), e.unknown_lines);
    for line in &unknown {
        let amount = line.query_selector(".amount").unwrap().unwrap();
        assert_eq!(amount.text_content().unwrap(), "price unknown");
    }
    assert!(text(&panel, "[data-testid=unknown-note]").contains(&e.unknown_lines.to_string()));
    state.lang.set(Lang::Ja);
    wait_until("価格不明", || {
        all(&panel, ".cost-line[data-status=unknown] .amount")
            .iter()
            .all(|a| a.text_content().unwrap_or_default() == "価格不明")
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_hostile_label_is_shown_as_text() {
    let (host, state) = priced_app().await;
    let panel = one(&host, "[data-testid=cost]");
    let label = "<img src=x onerror=\"window.kumozuPwned=1\">&amp;";
    state.design.update(|d| {
        d.nodes.get_mut(&"alb".into()).unwrap().label = label.to_owned();
    });
    wait_until("the label", || {
        text(&panel, "[data-cost-node=alb] .cost-node-name") == label
    })
    .await;
    assert!(all(&panel, "img").is_empty());
}

/// The canvas, the outline and the inspector are written as HTML text (smaller in wasm than
/// typed views): a label that is markup, or that closes an attribute, stays text in each.
#[wasm_bindgen_test]
async fn a_hostile_label_stays_text_on_the_canvas_in_the_outline_and_the_inspector() {
    let (host, state) = fresh_app_with_state();
    let label = "\"'><img src=x onerror=\"window.kumozuPwned=1\"></text><script>window.kumozuPwned=2</script>&amp;";
    state.design.update(|d| {
        d.nodes.get_mut(&"alb".into()).unwrap().label = label.to_owned();
        let e = d.edges.values_mut().next().unwrap();
        e.label = label.to_owned();
    });
    state
        .selection
        .set(kumozu::ui::Selection::node("alb".into()));
    wait_until("the inspector to show the label", || {
        all(&host, "[data-testid=inspector-label]")
            .first()
            .and_then(|i| i.dyn_ref::<HtmlInputElement>().map(|i| i.value()))
            .as_deref()
            == Some(label)
    })
    .await;
    wait_until("the outline to show the label", || {
        all(
            &host,
            "[data-testid=outline] [data-outline-id=alb] > .outline-row .outline-label",
        )
        .first()
        .and_then(|l| l.text_content())
        .as_deref()
            == Some(label)
    })
    .await;
    let node = one(&host, "[data-testid=canvas] [data-node-id=alb]");
    assert!(
        node.get_attribute("aria-label")
            .unwrap_or_default()
            .contains(label),
        "the canvas names the node with the label as text"
    );
    assert!(
        all(&host, "img, script").is_empty(),
        "no markup from the label"
    );
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"kumozuPwned".into()).unwrap();
    assert!(pwned.is_undefined(), "nothing ran");
    // Editing it again through the inspector keeps it whole.
    let input: HtmlInputElement = one(&host, "[data-testid=inspector-label]")
        .dyn_into()
        .unwrap();
    input.set_value(&format!("{label}!"));
    input
        .dispatch_event(&Event::new("change").unwrap())
        .unwrap();
    assert_eq!(
        state
            .design
            .with_untracked(|d| d.node("alb").unwrap().label.clone()),
        format!("{label}!")
    );
}

/// The findings are a keyed list: when an earlier finding goes away, the explanation the
/// reader opened stays open with its own finding (it would close, or pass to another finding,
/// if items were matched by position).
#[wasm_bindgen_test]
async fn an_opened_explanation_stays_with_its_finding_when_an_earlier_one_goes() {
    use kumozu::core::edit::Command;
    use kumozu::core::ParamValue;
    let (host, state) = fresh_app_with_state();
    state.lang.set(Lang::En);
    // Party Box with single-task services: one warning per service.
    let mut design = template("party-box");
    for node in design.nodes.values_mut() {
        if node.kind == kumozu::core::Kind::EcsService {
            for key in ["desired_tasks", "min_tasks"] {
                node.params.insert(key.to_owned(), ParamValue::Num(1.0));
            }
        }
    }
    state.open_file("single.json".into(), kumozu::core::to_json(&design));
    let panel = one(&host, "[data-testid=findings]");
    wait_until("the two warnings", || {
        all(&panel, "[data-rule-id]").len() > 1
    })
    .await;
    let items = all(&panel, "[data-rule-id]");
    let (first, second) = (items[0].clone(), items[1].clone());
    let key = second.get_attribute("data-key").unwrap();
    one(&second, "details").set_attribute("open", "").unwrap();
    // Fix the service the first finding names: that finding goes away.
    let first_key = first.get_attribute("data-key").unwrap();
    let (node, count) = state.findings.with_untracked(|fs| {
        let f = fs
            .iter()
            .find(|f| kumozu_key(f) == first_key)
            .expect("the first item is a finding");
        (f.nodes[0].clone(), fs.len())
    });
    state
        .dispatch(Command::SetParams {
            id: node,
            values: vec![
                ("desired_tasks".into(), ParamValue::Num(2.0)),
                ("min_tasks".into(), ParamValue::Num(2.0)),
            ],
        })
        .unwrap();
    wait_until("the first finding to go", || {
        all(&panel, "[data-rule-id]").len() == count - 1
    })
    .await;
    assert!(
        all(&panel, &format!("[data-key=\"{first_key}\"]")).is_empty(),
        "the fixed finding is gone"
    );
    let same = one(&panel, &format!("[data-key=\"{key}\"]"));
    assert!(same.is_same_node(Some(&second)), "the item was kept");
    assert!(
        one(&same, "details").has_attribute("open"),
        "the explanation stays open with its finding"
    );
    let open: Vec<String> = all(&panel, "[data-rule-id]")
        .iter()
        .filter(|li| one(li, "details").has_attribute("open"))
        .filter_map(|li| li.get_attribute("data-key"))
        .collect();
    assert_eq!(open, [key], "no other explanation opened");
}

/// A finding's key as the panel writes it (`data-key`): its rule and what it names.
fn kumozu_key(f: &kumozu::core::validate::Finding) -> String {
    let mut k = f.rule.to_owned();
    for n in &f.nodes {
        k.push(' ');
        k.push_str(n.as_str());
    }
    for e in &f.edges {
        k.push(' ');
        k.push_str(e.as_str());
    }
    k
}

// ---------------------------------------------------------------------------------------------
// The canvas's morph (`ui::morph_into`): children with a key are matched by key.

/// A detached element of `tag` holding `html`.
fn holder(tag: &str, html: &str) -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element(tag).unwrap();
    el.set_inner_html(html);
    el
}

/// The keyed children of `el`, in order.
fn keys(el: &Element) -> Vec<String> {
    let kids = el.children();
    (0..kids.length())
        .filter_map(|i| kids.item(i))
        .map(|k| {
            k.get_attribute("data-node-id")
                .or_else(|| k.get_attribute("data-key"))
                .unwrap_or_default()
        })
        .collect()
}

fn child(el: &Element, key: &str) -> Element {
    one(
        el,
        &format!("[data-node-id=\"{key}\"], [data-key=\"{key}\"]"),
    )
}

#[wasm_bindgen_test]
fn morph_keeps_every_item_when_one_is_inserted_at_the_front() {
    let live = holder(
        "div",
        r#"<p data-node-id="a">A</p><p data-node-id="b">B</p>"#,
    );
    let (a, b) = (child(&live, "a"), child(&live, "b"));
    kumozu::ui::morph_into(
        &live,
        &holder(
            "div",
            r#"<p data-node-id="z">Z</p><p data-node-id="a">A</p><p data-node-id="b">B</p>"#,
        ),
    );
    assert_eq!(keys(&live), ["z", "a", "b"]);
    assert!(child(&live, "a").is_same_node(Some(&a)));
    assert!(child(&live, "b").is_same_node(Some(&b)));
    assert_eq!(live.text_content().unwrap(), "ZAB");
}

#[wasm_bindgen_test]
fn morph_keeps_the_later_items_when_an_earlier_one_is_removed() {
    let live = holder(
        "div",
        r#"<p data-node-id="a">A</p><p data-node-id="b" class="x">B</p><p data-node-id="c">C</p>"#,
    );
    let (b, c) = (child(&live, "b"), child(&live, "c"));
    kumozu::ui::morph_into(
        &live,
        &holder(
            "div",
            r#"<p data-node-id="b" class="x">B</p><p data-node-id="c">C</p>"#,
        ),
    );
    assert_eq!(keys(&live), ["b", "c"]);
    assert!(child(&live, "b").is_same_node(Some(&b)));
    assert!(child(&live, "c").is_same_node(Some(&c)));
}

#[wasm_bindgen_test]
fn morph_moves_items_when_they_are_reordered() {
    let live = holder(
        "div",
        r#"<p data-node-id="a">A</p><p data-node-id="b">B</p><p data-node-id="c">C</p>"#,
    );
    let (a, b, c) = (child(&live, "a"), child(&live, "b"), child(&live, "c"));
    kumozu::ui::morph_into(
        &live,
        &holder(
            "div",
            r#"<p data-node-id="c">C</p><p data-node-id="a">A</p><p data-node-id="b">B</p>"#,
        ),
    );
    assert_eq!(keys(&live), ["c", "a", "b"]);
    assert!(child(&live, "a").is_same_node(Some(&a)));
    assert!(child(&live, "b").is_same_node(Some(&b)));
    assert!(child(&live, "c").is_same_node(Some(&c)));
}

#[wasm_bindgen_test]
fn morph_removes_an_attribute_the_new_text_does_not_have() {
    let live = holder(
        "div",
        r#"<p data-node-id="a" class="is-highlighted" aria-label="A">A</p>"#,
    );
    let a = child(&live, "a");
    kumozu::ui::morph_into(&live, &holder("div", r#"<p data-node-id="a">A</p>"#));
    let now = child(&live, "a");
    assert!(now.is_same_node(Some(&a)));
    assert!(!now.has_attribute("class"));
    assert!(!now.has_attribute("aria-label"));
}

#[wasm_bindgen_test]
fn morph_sets_a_selects_value_to_the_option_the_new_text_selects() {
    let live = holder(
        "div",
        r#"<select data-key="s"><option value="x" selected>X</option><option value="y">Y</option></select>"#,
    );
    let select: HtmlSelectElement = child(&live, "s").dyn_into().unwrap();
    assert_eq!(select.value(), "x");
    kumozu::ui::morph_into(
        &live,
        &holder(
            "div",
            r#"<select data-key="s"><option value="x">X</option><option value="y" selected>Y</option></select>"#,
        ),
    );
    let now: HtmlSelectElement = child(&live, "s").dyn_into().unwrap();
    assert!(now.is_same_node(Some(&select)));
    assert_eq!(now.value(), "y");
}

#[wasm_bindgen_test]
fn morph_keeps_an_opened_details_with_its_key() {
    let item =
        |k: &str| format!(r#"<li data-key="{k}"><details><summary>{k}</summary></details></li>"#);
    let live = holder("ul", &format!("{}{}", item("a"), item("b")));
    one(&child(&live, "b"), "details")
        .set_attribute("open", "")
        .unwrap();
    // "a" goes away: "b" is now first, and its explanation stays open; a new "c" is closed.
    kumozu::ui::morph_into(&live, &holder("ul", &format!("{}{}", item("b"), item("c"))));
    assert_eq!(keys(&live), ["b", "c"]);
    assert!(one(&child(&live, "b"), "details").has_attribute("open"));
    assert!(!one(&child(&live, "c"), "details").has_attribute("open"));
}
