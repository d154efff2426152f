//! The palette and the inspector in a real browser: adding from the palette, searching it,
//! editing labels, parameters and ALB rules in the inspector, refusals shown inline.

use kumozu::core::document::catalogue::{Kind, KINDS};
use kumozu::core::document::model::{EdgeId, NodeId, ParamValue};
use kumozu::core::edit::{rules_of, Command};
use kumozu::core::support::i18n::Lang;
use kumozu::ui::{AppState, Selection};
use leptos::prelude::{GetUntracked, Set, WithUntracked};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::js_sys;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement, HtmlSelectElement};

use super::{all, fresh_app_with_state, one, press, type_into, wait_until, TOKYO};

/// A fresh app in English.
fn app() -> (HtmlElement, AppState) {
    let (host, state) = fresh_app_with_state();
    state.lang.set(Lang::En);
    (host, state)
}

fn node_count(state: &AppState) -> usize {
    state.design.with_untracked(|d| d.nodes.len())
}

fn param(state: &AppState, node: &str, key: &str) -> Option<ParamValue> {
    state
        .design
        .with_untracked(|d| d.node(node).and_then(|n| n.params.get(key).cloned()))
}

fn select(state: &AppState, id: &str) {
    state.selection.set(Selection::node(NodeId(id.into())));
}

fn input(root: &Element, selector: &str) -> HtmlInputElement {
    one(root, selector).dyn_into().unwrap()
}

/// Picks `value` in a `<select>` and fires `change`, as a person choosing an option does.
fn choose(root: &Element, selector: &str, value: &str) {
    let select: HtmlSelectElement = one(root, selector).dyn_into().unwrap();
    select.set_value(value);
    assert_eq!(select.value(), value, "{selector} has an option {value}");
    select
        .dispatch_event(&Event::new("change").unwrap())
        .unwrap();
}

fn palette_kinds(host: &Element) -> Vec<String> {
    all(host, "[data-testid=palette] [data-palette-kind]")
        .iter()
        .filter_map(|e| e.get_attribute("data-palette-kind"))
        .collect()
}

fn search(host: &Element, query: &str) {
    let field = input(host, "[data-testid=palette-search]");
    field.set_value(query);
    field.dispatch_event(&Event::new("input").unwrap()).unwrap();
}

fn rule_order(host: &Element) -> Vec<String> {
    all(host, "[data-testid=alb-rules] [data-rule-edge]")
        .iter()
        .filter_map(|e| e.get_attribute("data-rule-edge"))
        .collect()
}

fn rule_paths(host: &Element) -> Vec<String> {
    all(
        host,
        "[data-testid=alb-rules] [data-rule-edge] [data-rule-field=path]",
    )
    .into_iter()
    .map(|e| e.dyn_into::<HtmlInputElement>().unwrap().value())
    .collect()
}

#[wasm_bindgen_test]
async fn the_palette_lists_every_kind_grouped_and_draggable() {
    let (host, _state) = app();
    let kinds = palette_kinds(&host);
    assert_eq!(kinds.len(), KINDS.len(), "one entry per kind");
    for info in KINDS {
        let entry = one(
            &host,
            &format!("[data-testid=palette] [data-palette-kind={}]", info.id),
        );
        assert_eq!(entry.tag_name(), "BUTTON");
        assert_eq!(entry.get_attribute("draggable").as_deref(), Some("true"));
        assert!(entry
            .get_attribute("title")
            .unwrap_or_default()
            .contains(info.about.en));
        assert!(entry
            .text_content()
            .unwrap_or_default()
            .contains(info.name.en));
        assert_eq!(all(&entry, "svg").len(), 1, "{} has its icon", info.id);
    }
    // Network comes first, Other last.
    assert_eq!(kinds.first().map(String::as_str), Some("vpc"));
    assert_eq!(kinds.last().map(String::as_str), Some("group"));
}

#[wasm_bindgen_test]
async fn clicking_a_palette_entry_adds_that_kind_and_selects_it() {
    let (host, state) = app();
    let before = node_count(&state);
    press(&host, "[data-testid=palette] [data-palette-kind=alb]");
    wait_until("a new node", || node_count(&state) == before + 1).await;
    let id = state
        .selection
        .with_untracked(|s| s.single_node().cloned())
        .expect("the new node is selected");
    let node = state.design.with_untracked(|d| d.nodes[&id].clone());
    assert_eq!(node.kind, Kind::Alb);
    assert_eq!(node.parent, None, "nothing was selected: on the canvas");
    // The inspector now shows it.
    wait_until("the inspector to show the new ALB", || {
        !all(&host, "[data-testid=alb-rules]").is_empty()
    })
    .await;

    // With the private subnet selected, a database goes into it.
    select(&state, "private");
    press(
        &host,
        "[data-testid=palette] [data-palette-kind=rds_postgres]",
    );
    let id = state
        .selection
        .with_untracked(|s| s.single_node().cloned())
        .unwrap();
    let parent = state.design.with_untracked(|d| d.nodes[&id].parent.clone());
    assert_eq!(parent, Some(NodeId("private".into())));

    // With an ECS service selected, another service goes into its cluster.
    select(&state, "nestjs");
    press(
        &host,
        "[data-testid=palette] [data-palette-kind=ecs_service]",
    );
    let id = state
        .selection
        .with_untracked(|s| s.single_node().cloned())
        .unwrap();
    let parent = state.design.with_untracked(|d| d.nodes[&id].parent.clone());
    assert_eq!(parent, Some(NodeId("cluster".into())));

    // A subnet with nothing selected goes into the VPC.
    state.selection.set(Selection::None);
    press(&host, "[data-testid=palette] [data-palette-kind=subnet]");
    let id = state
        .selection
        .with_untracked(|s| s.single_node().cloned())
        .unwrap();
    let parent = state.design.with_untracked(|d| d.nodes[&id].parent.clone());
    assert_eq!(parent, Some(NodeId("vpc".into())));
}

#[wasm_bindgen_test]
async fn the_search_filters_by_either_language_and_by_id() {
    let (host, _state) = app();
    search(&host, "rds");
    wait_until("one entry", || palette_kinds(&host).len() == 1).await;
    assert_eq!(palette_kinds(&host), ["rds_postgres"]);
    search(&host, "ecs");
    wait_until("two entries", || palette_kinds(&host).len() == 2).await;
    assert_eq!(palette_kinds(&host), ["ecs_cluster", "ecs_service"]);
    // Japanese name, while the UI is in English.
    search(&host, "サブネット");
    wait_until("the subnet", || palette_kinds(&host) == ["subnet"]).await;
    // The id with its underscore, case-insensitively.
    search(&host, "NAT_GATEWAY");
    wait_until("the NAT gateway", || {
        palette_kinds(&host) == ["nat_gateway"]
    })
    .await;
    search(&host, "zzz");
    wait_until("no entry", || palette_kinds(&host).is_empty()).await;
    let palette = one(&host, "[data-testid=palette]");
    assert!(palette
        .text_content()
        .unwrap_or_default()
        .contains("No component matches."));
    search(&host, "");
    wait_until("every entry again", || {
        palette_kinds(&host).len() == KINDS.len()
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_refused_add_says_why_and_adds_nothing() {
    let (host, state) = app();
    state
        .dispatch(Command::Delete {
            nodes: vec![NodeId("vpc".into())],
            edges: vec![],
        })
        .unwrap();
    state.selection.set(Selection::None);
    state.notice.set(None);
    let before = node_count(&state);
    press(&host, "[data-testid=palette] [data-palette-kind=subnet]");
    assert_eq!(node_count(&state), before, "nothing was added");
    assert_eq!(
        state.notice.get_untracked().as_deref(),
        Some("A subnet belongs inside a VPC.")
    );
}

#[wasm_bindgen_test]
async fn with_nothing_selected_the_inspector_says_how_to_start() {
    let (host, state) = app();
    let inspector = one(&host, "[data-testid=inspector]");
    assert_eq!(all(&inspector, "[data-testid=inspector-hint]").len(), 1);
    state.selection.set(Selection::items(
        [NodeId("alb".into()), NodeId("rds".into())].into(),
        Default::default(),
    ));
    wait_until("the count", || {
        inspector
            .text_content()
            .unwrap_or_default()
            .contains("2 items selected")
    })
    .await;
    let before = node_count(&state);
    press(&inspector, "[data-testid=inspector-duplicate]");
    assert_eq!(node_count(&state), before + 2);
}

#[wasm_bindgen_test]
async fn selecting_a_node_shows_its_label_and_every_parameter() {
    let (host, state) = app();
    select(&state, "rds");
    wait_until("the label input", || {
        !all(&host, "[data-testid=inspector-label]").is_empty()
    })
    .await;
    let inspector = one(&host, "[data-testid=inspector]");
    let label = input(&inspector, "[data-testid=inspector-label]");
    assert_eq!(label.value(), "PostgreSQL");
    assert_eq!(
        label.get_attribute("placeholder").as_deref(),
        Some("RDS PostgreSQL")
    );
    for spec in Kind::RdsPostgres.info().params {
        let control = one(&inspector, &format!("[data-param={}]", spec.key));
        // Every control is named, with its unit.
        let name = control.get_attribute("aria-label").unwrap_or_default();
        assert!(name.starts_with(spec.name.en), "{}: {name}", spec.key);
        if let Some(unit) = spec.unit {
            assert!(name.contains(unit), "{}: {name}", spec.key);
        }
    }
    let storage = input(&inspector, "[data-param=storage_gb]");
    assert_eq!(storage.type_(), "number");
    assert_eq!(storage.get_attribute("step").as_deref(), Some("1"));
    assert_eq!(storage.get_attribute("min").as_deref(), Some("20"));
    assert_eq!(storage.value(), "20");
    assert!(!all(&inspector, "[data-testid=inspector-delete]").is_empty());
    // The note from the template is shown.
    assert!(!all(&inspector, "[data-testid=inspector-note]").is_empty());

    // A subnet's zones are one checkbox per AZ of Tokyo, with full names.
    select(&state, "public");
    wait_until("the AZ boxes", || {
        all(&host, "[data-testid=inspector] [data-param=azs] [data-az]").len() == 3
    })
    .await;
    let text = one(&host, "[data-testid=inspector] [data-param=azs]")
        .text_content()
        .unwrap_or_default();
    assert!(text.contains("ap-northeast-1d"), "{text}");
}

#[wasm_bindgen_test]
async fn changing_the_label_renames_the_node() {
    let (host, state) = app();
    select(&state, "alb");
    wait_until("the label input", || {
        !all(&host, "[data-testid=inspector-label]").is_empty()
    })
    .await;
    type_into(&host, "[data-testid=inspector-label]", "Front door");
    assert_eq!(
        state
            .design
            .with_untracked(|d| d.node("alb").unwrap().label.clone()),
        "Front door"
    );
    // One undo step.
    assert!(state.undo());
    assert_eq!(
        state
            .design
            .with_untracked(|d| d.node("alb").unwrap().label.clone()),
        ""
    );
    wait_until("the input to follow", || {
        input(&host, "[data-testid=inspector-label]")
            .value()
            .is_empty()
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_fargate_size_sets_vcpu_and_memory_together() {
    let (host, state) = app();
    select(&state, "nestjs");
    wait_until("the Fargate size", || {
        !all(&host, "[data-testid=inspector] [data-param=fargate-size]").is_empty()
    })
    .await;
    let inspector = one(&host, "[data-testid=inspector]");
    assert!(all(&inspector, "[data-param=vcpu]").is_empty());
    assert!(all(&inspector, "[data-param=memory_gb]").is_empty());
    let size: HtmlSelectElement = one(&inspector, "[data-param=fargate-size]")
        .dyn_into()
        .unwrap();
    let current = size.selected_options().item(0).unwrap().text_content();
    assert_eq!(current.as_deref(), Some("0.5 vCPU / 1 GB"));
    choose(&inspector, "[data-param=fargate-size]", "1/2");
    assert_eq!(param(&state, "nestjs", "vcpu"), Some(ParamValue::Num(1.0)));
    assert_eq!(
        param(&state, "nestjs", "memory_gb"),
        Some(ParamValue::Num(2.0))
    );
    assert!(state.undo());
    assert_eq!(param(&state, "nestjs", "vcpu"), Some(ParamValue::Num(0.5)));
    assert_eq!(
        param(&state, "nestjs", "memory_gb"),
        Some(ParamValue::Num(1.0))
    );

    // On EC2, vCPU and memory are two controls again.
    choose(&inspector, "[data-param=launch_type]", "EC2");
    wait_until("separate vCPU and memory", || {
        all(&inspector, "[data-param=vcpu]").len() == 1
            && all(&inspector, "[data-param=memory_gb]").len() == 1
    })
    .await;
    assert!(all(&inspector, "[data-param=fargate-size]").is_empty());
}

#[wasm_bindgen_test]
async fn an_out_of_range_number_is_refused_inline_and_the_design_keeps_its_value() {
    let (host, state) = app();
    select(&state, "rds");
    wait_until("the storage field", || {
        !all(&host, "[data-testid=inspector] [data-param=storage_gb]").is_empty()
    })
    .await;
    type_into(
        &host,
        "[data-testid=inspector] [data-param=storage_gb]",
        "5",
    );
    assert_eq!(
        param(&state, "rds", "storage_gb"),
        Some(ParamValue::Num(20.0))
    );
    wait_until("the inline refusal", || {
        all(&host, "[data-testid=inspector] .insp-field .field-error").len() == 1
    })
    .await;
    let alert = one(&host, "[data-testid=inspector] .insp-field .field-error");
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    wait_until("the message", || {
        alert
            .text_content()
            .unwrap_or_default()
            .contains("outside the allowed range")
    })
    .await;
    assert_eq!(
        input(&host, "[data-testid=inspector] [data-param=storage_gb]").value(),
        "20",
        "the control shows the kept value"
    );
    // A valid value is taken and the message goes.
    type_into(
        &host,
        "[data-testid=inspector] [data-param=storage_gb]",
        "100",
    );
    assert_eq!(
        param(&state, "rds", "storage_gb"),
        Some(ParamValue::Num(100.0))
    );
    wait_until("the message to go", || {
        all(&host, "[data-testid=inspector] .field-error").is_empty()
    })
    .await;
}

#[wasm_bindgen_test]
async fn rds_classes_without_a_price_are_marked() {
    let (host, state) = app();
    state.set_price_table(TOKYO).unwrap();
    select(&state, "rds");
    wait_until("the class select", || {
        !all(&host, "[data-testid=inspector] [data-param=instance_class]").is_empty()
    })
    .await;
    let option = one(
        &host,
        "[data-testid=inspector] [data-param=instance_class] option[value='db.t4g.large']",
    );
    assert!(option
        .text_content()
        .unwrap_or_default()
        .contains("(price unknown)"));
    let micro = one(
        &host,
        "[data-testid=inspector] [data-param=instance_class] option[value='db.t4g.micro']",
    );
    assert_eq!(micro.text_content().as_deref(), Some("db.t4g.micro"));
}

#[wasm_bindgen_test]
async fn the_alb_rules_are_listed_in_evaluation_order_and_can_be_moved() {
    let (host, state) = app();
    select(&state, "alb");
    wait_until("the rules", || rule_order(&host).len() == 3).await;
    assert_eq!(rule_order(&host), ["rule-api", "rule-socketio", "rule-web"]);
    assert_eq!(rule_paths(&host), ["/api/*", "/socket.io/*", "/*"]);
    let up = one(
        &host,
        "[data-rule-edge=rule-web] button[aria-label='Move rule up']",
    );
    up.dyn_into::<HtmlElement>().unwrap().click();
    wait_until("the new order", || {
        rule_order(&host) == ["rule-api", "rule-web", "rule-socketio"]
    })
    .await;
    let order: Vec<String> = state.design.with_untracked(|d| {
        rules_of(d, &NodeId("alb".into()))
            .iter()
            .map(|e| e.id.to_string())
            .collect()
    });
    assert_eq!(order, ["rule-api", "rule-web", "rule-socketio"]);
}

#[wasm_bindgen_test]
async fn a_path_without_a_slash_shows_the_validators_message_and_undo_reverts_it() {
    let (host, state) = app();
    select(&state, "alb");
    wait_until("the rules", || rule_order(&host).len() == 3).await;
    type_into(
        &host,
        "[data-rule-edge=rule-api] [data-rule-field=path]",
        "api/*",
    );
    let rule = |state: &AppState| {
        state.design.with_untracked(|d| {
            d.edges[&EdgeId("rule-api".into())]
                .rule
                .clone()
                .unwrap()
                .path_pattern
        })
    };
    assert_eq!(rule(&state), "api/*");
    wait_until("the validator's message", || {
        all(
            &host,
            "[data-rule-edge=rule-api] .rule-findings [data-rule-id=alb-path-never-matches]",
        )
        .len()
            == 1
    })
    .await;
    let message = one(
        &host,
        "[data-rule-edge=rule-api] [data-rule-id=alb-path-never-matches]",
    )
    .text_content()
    .unwrap_or_default();
    assert!(message.contains("api/*"), "{message}");
    assert!(state
        .findings
        .with_untracked(|f| f.iter().any(|f| f.rule == "alb-path-never-matches")));
    assert!(state.undo());
    assert_eq!(rule(&state), "/api/*");
    wait_until("the message to go and the input to follow", || {
        all(&host, "[data-rule-edge=rule-api] .rule-findings").is_empty()
            && rule_paths(&host)[0] == "/api/*"
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_rule_can_be_added_retargeted_and_removed() {
    let (host, state) = app();
    select(&state, "alb");
    wait_until("the rules", || rule_order(&host).len() == 3).await;
    choose(&host, "[data-testid=alb-new-rule-target]", "nextjs");
    press(&host, "[data-testid=alb-add-rule]");
    wait_until("a fourth rule", || rule_order(&host).len() == 4).await;
    assert_eq!(
        state.selection.with_untracked(|s| s.single_node().cloned()),
        Some(NodeId("alb".into())),
        "the ALB stays selected"
    );
    let new = state
        .design
        .with_untracked(|d| rules_of(d, &NodeId("alb".into()))[0].id.to_string());
    assert_eq!(rule_order(&host)[0], new, "a new rule goes first");
    choose(
        &host,
        &format!("[data-rule-edge='{new}'] [data-rule-field=target]"),
        "nestjs",
    );
    assert_eq!(
        state
            .design
            .with_untracked(|d| d.edges[&EdgeId(new.clone())].to.to_string()),
        "nestjs"
    );
    press(
        &host,
        &format!("[data-rule-edge='{new}'] [data-action=remove]"),
    );
    wait_until("three rules again", || rule_order(&host).len() == 3).await;
}

#[wasm_bindgen_test]
async fn selecting_an_edge_shows_its_kind_label_and_rule() {
    let (host, state) = app();
    state
        .selection
        .set(Selection::edge(EdgeId("rule-socketio".into())));
    wait_until("the edge kind", || {
        !all(&host, "[data-testid=inspector-edge-kind]").is_empty()
    })
    .await;
    let kinds: Vec<String> = all(&host, "[data-testid=inspector-edge-kind] option")
        .iter()
        .filter_map(|o| o.get_attribute("value"))
        .collect();
    assert_eq!(kinds, ["alb_rule", "alb_default", "generic"]);
    let ends = one(&host, "[data-testid=inspector-ends]")
        .text_content()
        .unwrap_or_default();
    assert!(ends.contains("ALB → NestJS"), "{ends}");
    type_into(
        &host,
        "[data-testid=inspector-rule] [data-rule-field=priority]",
        "5",
    );
    let priority = state.design.with_untracked(|d| {
        d.edges[&EdgeId("rule-socketio".into())]
            .rule
            .as_ref()
            .unwrap()
            .priority
    });
    assert_eq!(priority, 5);
    // A priority out of range is refused inline.
    type_into(
        &host,
        "[data-testid=inspector-rule] [data-rule-field=priority]",
        "60000",
    );
    wait_until("the refusal", || {
        !all(&host, "[data-testid=inspector] .field-error[role=alert]").is_empty()
    })
    .await;
    choose(&host, "[data-testid=inspector-edge-kind]", "alb_default");
    let kind = state
        .design
        .with_untracked(|d| d.edges[&EdgeId("rule-socketio".into())].kind.id());
    assert_eq!(kind, "alb_default");
    wait_until("the rule fields to go", || {
        all(&host, "[data-testid=inspector-rule]").is_empty()
    })
    .await;
}

#[wasm_bindgen_test]
async fn dragging_a_palette_entry_carries_its_kind() {
    let (host, _state) = app();
    let entry = one(
        &host,
        "[data-testid=palette] [data-palette-kind=ecs_service]",
    );
    let drag = js_sys::Function::new_with_args(
        "el",
        "const dt = new DataTransfer();
         el.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: dt }));
         return dt.getData('application/x-kumozu-kind') + '|' + dt.getData('text/plain');",
    );
    let carried = drag
        .call1(&wasm_bindgen::JsValue::NULL, &entry)
        .unwrap()
        .as_string();
    assert_eq!(carried.as_deref(), Some("ecs_service|ecs_service"));
}

#[wasm_bindgen_test]
async fn the_panels_follow_the_language() {
    let (host, state) = app();
    select(&state, "rds");
    wait_until("the inspector", || {
        !all(
            &host,
            "[data-testid=inspector] [data-param=backup_retention_days]",
        )
        .is_empty()
    })
    .await;
    state.lang.set(Lang::Ja);
    let field = one(
        &host,
        "[data-testid=inspector] [data-param=backup_retention_days]",
    );
    wait_until("the Japanese name and unit", || {
        field.get_attribute("aria-label").as_deref() == Some("バックアップ保持期間 (日)")
    })
    .await;
    let palette = one(&host, "[data-testid=palette]");
    wait_until("the Japanese palette", || {
        palette
            .text_content()
            .unwrap_or_default()
            .contains("ネットワーク")
    })
    .await;
    assert_eq!(
        one(&host, "[data-testid=inspector-label]")
            .get_attribute("placeholder")
            .as_deref(),
        Some("RDS PostgreSQL")
    );
}

#[wasm_bindgen_test]
async fn az_boxes_set_the_zones_and_keep_at_least_one() {
    let (host, state) = app();
    select(&state, "private");
    let boxes = "[data-testid=inspector] [data-param=azs] [data-az]";
    wait_until("the AZ boxes", || all(&host, boxes).len() == 3).await;
    let tick = |letter: &str| {
        let b = input(
            &host,
            &format!("[data-testid=inspector] [data-az={letter}]"),
        );
        b.set_checked(!b.checked());
        b.dispatch_event(&Event::new("change").unwrap()).unwrap();
    };
    let azs = |state: &AppState| match param(state, "private", "azs") {
        Some(ParamValue::List(l)) => l,
        other => panic!("azs is {other:?}"),
    };
    assert_eq!(azs(&state), ["a", "c"]);
    tick("d");
    assert_eq!(azs(&state), ["a", "c", "d"]);
    tick("a");
    tick("c");
    assert_eq!(azs(&state), ["d"]);
    // The last zone cannot go: refused inline, the box stays ticked.
    tick("d");
    assert_eq!(azs(&state), ["d"]);
    wait_until("the refusal", || {
        !all(
            &host,
            "[data-testid=inspector] [data-param=azs] .field-error",
        )
        .is_empty()
    })
    .await;
    wait_until("the box to stay ticked", || {
        input(&host, "[data-testid=inspector] [data-az=d]").checked()
    })
    .await;
}
