//! The inspector: label and parameters of the selected node, kind, label and rule of the
//! selected edge, and an ALB's listener rules in evaluation order.
//!
//! Every field is drawn by one generic renderer from the catalogue's `ParamSpec` (no code per
//! kind, apart from the Fargate task size and the RDS classes' prices). Every change is a
//! `Command` through `AppState::dispatch`; the core decides, and a refused value is explained
//! next to its field while the control goes back to the design's value.
//!
//! Size: every input, select, button and field row is built by one of a few functions over
//! type-erased values (`Signal`, boxed handlers, `AnyView`), so that the wasm holds one copy
//! of the view code for each, not one per call site.

use leptos::either::Either;
use leptos::ev::MouseEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlElement, HtmlInputElement, HtmlSelectElement};

use crate::core::catalogue::{EdgeKind, Kind, ParamSpec, ParamType, FARGATE_VCPU, RDS_CLASSES};
use crate::core::edit::{fitting_edge_kinds, rules_of, Command, MAX_PRIORITY};
use crate::core::fargate;
use crate::core::i18n::{Lang, Text};
use crate::core::model::{Design, EdgeId, NodeId, ParamValue};
use crate::core::validate::{self, Severity};

use super::pricing::TableState;
use super::state::{AppState, Selection};
use super::text_editor as tx;

/// What the inspector shows.
#[derive(Debug, Clone, PartialEq)]
enum Showing {
    Hint,
    Node(NodeId),
    Edge(EdgeId),
    Many(usize),
}

/// The inspector section of the side panel.
#[component]
pub fn Inspector() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let showing = Memo::new(move |_| {
        state.selection.with(|s| {
            if let Some(id) = s.single_node() {
                Showing::Node(id.clone())
            } else if let Some(id) = s.single_edge() {
                Showing::Edge(id.clone())
            } else if let Selection::Items { nodes, edges } = s {
                Showing::Many(nodes.len() + edges.len())
            } else {
                Showing::Hint
            }
        })
    });
    view! {
        <section class="inspector" data-testid="inspector" aria-label=tr(lang, tx::INSPECTOR)>
            {move || match showing.get() {
                Showing::Hint => hint(lang),
                Showing::Many(n) => many(state, n),
                Showing::Node(id) => node_view(state, id),
                Showing::Edge(id) => edge_view(state, id),
            }}
        </section>
    }
}

// --- Building blocks: one view type each ------------------------------------------------------

type OnChange = Box<dyn FnMut(Event)>;
type OnClick = Box<dyn FnMut(MouseEvent)>;

/// A text in the current language.
fn tr(lang: RwSignal<Lang>, text: impl Into<Text>) -> Signal<String> {
    let text: Text = text.into();
    Signal::derive(move || text.get(lang.get()).to_owned())
}

/// What an `<input>` shows and is marked with (absent attributes are `None`).
#[derive(Default)]
struct Input {
    ty: &'static str,
    testid: Option<&'static str>,
    param: Option<&'static str>,
    rule_field: Option<&'static str>,
    az: Option<String>,
    min: Option<String>,
    max: Option<String>,
    step: Option<&'static str>,
    aria: Option<Signal<String>>,
    placeholder: Option<Signal<String>>,
    value: Option<Signal<String>>,
    checked: Option<Signal<bool>>,
}

fn input(i: Input, on_change: OnChange) -> impl IntoView + use<> {
    let value = i.value.unwrap_or_else(|| Signal::stored(String::new()));
    let checked = i.checked.unwrap_or_else(|| Signal::stored(false));
    view! {
        <input
            type=i.ty
            data-testid=i.testid
            data-param=i.param
            data-rule-field=i.rule_field
            data-az=i.az
            min=i.min
            max=i.max
            step=i.step
            maxlength="1000"
            autocomplete="off"
            aria-label=i.aria
            placeholder=i.placeholder
            prop:value=value
            prop:checked=checked
            on:change=on_change
        />
    }
}

/// A `<select>` of `(value, text)` options with `current` selected.
struct Select {
    testid: Option<&'static str>,
    param: Option<&'static str>,
    rule_field: Option<&'static str>,
    aria: Signal<String>,
    options: Signal<Vec<(String, String)>>,
    current: Signal<String>,
}

fn select(s: Select, on_change: OnChange) -> impl IntoView + use<> {
    let (options, current) = (s.options, s.current);
    view! {
        <select
            data-testid=s.testid
            data-param=s.param
            data-rule-field=s.rule_field
            aria-label=s.aria
            on:change=on_change
        >
            {move || {
                let current = current.get();
                options
                    .get()
                    .into_iter()
                    .map(|(v, t)| {
                        let selected = v == current;
                        view! { <option value=v selected=selected>{t}</option> }
                    })
                    .collect_view()
            }}
        </select>
    }
}

/// A button; `aria` names it when its text does not (arrows, ×).
fn button(
    class: &'static str,
    testid: Option<&'static str>,
    action: Option<&'static str>,
    text: Signal<String>,
    aria: Option<Signal<String>>,
    on_click: OnClick,
) -> impl IntoView + use<> {
    view! {
        <button
            type="button"
            class=class
            data-testid=testid
            data-action=action
            aria-label=aria
            title=aria
            on:click=on_click
        >
            {text}
        </button>
    }
}

/// A labelled row: the visible name, the control with its unit, and the inline message.
fn field(
    class: &'static str,
    name: Signal<String>,
    control: AnyView,
    unit: Option<Signal<String>>,
    err: RwSignal<Option<Text>>,
    lang: RwSignal<Lang>,
) -> impl IntoView + use<> {
    view! {
        <label class=class>
            <span class="insp-name">{name}</span>
            <span class="insp-control">
                {control}
                {unit.map(|u| view! { <span class="insp-unit" aria-hidden="true">{u}</span> })}
            </span>
            {error_line(lang, err)}
        </label>
    }
}

/// The inline message of a refused edit.
fn error_line(lang: RwSignal<Lang>, err: RwSignal<Option<Text>>) -> impl IntoView + use<> {
    move || {
        err.get()
            .map(|t| view! { <span class="field-error" role="alert">{t.get(lang.get())}</span> })
    }
}

/// Findings as a list: severity and text, marked with the rule's id.
fn findings_list(
    class: &'static str,
    items: Signal<Vec<(Severity, &'static str, String)>>,
    lang: RwSignal<Lang>,
) -> impl IntoView + use<> {
    move || {
        let items = items.get();
        let lang = lang.get();
        (!items.is_empty()).then(|| {
            view! {
                <ul class=class>
                    {items
                        .into_iter()
                        .map(|(sev, rule, text)| {
                            view! {
                                <li class=format!("sev-{}", sev.id()) data-rule-id=rule>
                                    <strong>{sev.name(lang)}</strong>
                                    " "
                                    {text}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}

/// Duplicate (when `dup` has something to copy) and Delete buttons.
fn actions(
    state: AppState,
    dup: Option<Signal<Vec<NodeId>>>,
    del: Signal<(Vec<NodeId>, Vec<EdgeId>)>,
) -> impl IntoView + use<> {
    let lang = state.lang;
    let duplicate = dup.map(|ids| {
        button(
            "",
            Some("inspector-duplicate"),
            None,
            tr(lang, tx::DUPLICATE),
            None,
            Box::new(move |_| {
                let ids = ids.get_untracked();
                if !ids.is_empty() {
                    let _ = state.dispatch(Command::Duplicate { ids });
                }
            }),
        )
    });
    let delete = button(
        "danger",
        Some("inspector-delete"),
        None,
        tr(lang, tx::DELETE),
        None,
        Box::new(move |_| {
            let (nodes, edges) = del.get_untracked();
            let _ = state.dispatch(Command::Delete { nodes, edges });
        }),
    );
    view! { <div class="insp-actions">{duplicate}{delete}</div> }
}

/// Puts a control back to `value` (after a refused edit).
fn reset_control(ev: &Event, value: &str) {
    let Some(target) = ev.target() else { return };
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        if input.type_() == "checkbox" {
            input.set_checked(!input.checked());
        } else {
            input.set_value(value);
        }
    } else if let Some(select) = target.dyn_ref::<HtmlSelectElement>() {
        select.set_value(value);
    }
}

/// Dispatches `command`; on refusal shows the reason in `err` and puts the control back to
/// `kept`.
fn commit(state: AppState, err: RwSignal<Option<Text>>, command: Command, ev: &Event, kept: &str) {
    match state.dispatch(command) {
        Ok(_) => err.set(None),
        Err(refusal) => {
            err.set(Some(refusal.0));
            reset_control(ev, kept);
        }
    }
}

/// The number typed into the input that fired `ev` (`None`: not a number).
fn typed_number(ev: &Event) -> Option<f64> {
    ev.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .map(|i| i.value_as_number())
        .filter(|v| v.is_finite())
}

/// A value as a control shows it.
fn shown(value: &Option<ParamValue>) -> String {
    match value {
        Some(ParamValue::Num(v)) => format!("{v}"),
        Some(ParamValue::Str(s)) => s.clone(),
        Some(ParamValue::Bool(b)) => b.to_string(),
        Some(ParamValue::List(l)) => l.join(","),
        None => String::new(),
    }
}

fn node_name(d: &Design, id: &NodeId, lang: Lang) -> String {
    d.nodes
        .get(id)
        .map(|n| n.display_label(lang).to_owned())
        .unwrap_or_else(|| id.to_string())
}

/// Focuses the first element matching `selector` inside `within` once the view has caught up.
fn focus_later(within: NodeRef<leptos::html::Section>, selector: String) {
    request_animation_frame(move || {
        let found = within
            .get_untracked()
            .and_then(|s| s.query_selector(&selector).ok().flatten())
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        if let Some(el) = found {
            let _ = el.focus();
        }
    });
}

// --- What is shown ----------------------------------------------------------------------------

fn hint(lang: RwSignal<Lang>) -> AnyView {
    view! {
        <ul class="insp-hint muted" data-testid="inspector-hint">
            <li>{tr(lang, tx::HINT_ADD)}</li>
            <li>{tr(lang, tx::HINT_SELECT)}</li>
            <li>{tr(lang, tx::HINT_CONNECT)}</li>
        </ul>
    }
    .into_any()
}

fn many(state: AppState, n: usize) -> AnyView {
    let lang = state.lang;
    let nodes = Signal::derive(move || state.selection.with(Selection::nodes));
    let all = Signal::derive(move || state.selection.with(|s| (s.nodes(), s.edges())));
    view! {
        <p class="insp-count" data-testid="inspector-count">{move || tx::items_selected(lang.get(), n)}</p>
        {actions(state, Some(nodes), all)}
    }
    .into_any()
}

fn node_view(state: AppState, id: NodeId) -> AnyView {
    let Some(kind) = state
        .design
        .with_untracked(|d| d.nodes.get(&id).map(|n| n.kind))
    else {
        return ().into_any();
    };
    let lang = state.lang;
    let info = kind.info();
    let sid = StoredValue::new(id);
    let label = Signal::derive(move || {
        state.design.with(|d| {
            d.nodes
                .get(&sid.get_value())
                .map(|n| n.label.clone())
                .unwrap_or_default()
        })
    });
    let label_err = RwSignal::new(None::<Text>);
    let label_input = input(
        Input {
            ty: "text",
            testid: Some("inspector-label"),
            aria: Some(tr(lang, tx::LABEL)),
            placeholder: Some(tr(lang, info.name)),
            value: Some(label),
            ..Input::default()
        },
        Box::new(move |ev| {
            let command = Command::SetLabel {
                id: sid.get_value(),
                label: event_target_value(&ev),
            };
            commit(state, label_err, command, &ev, &label.get_untracked());
        }),
    );
    // The ECS service's vCPU and memory are one Fargate size, unless it runs on EC2.
    let fargate = Memo::new(move |_| {
        kind == Kind::EcsService
            && state.design.with(|d| {
                d.nodes
                    .get(&sid.get_value())
                    .is_some_and(|n| n.text("launch_type") == "FARGATE")
            })
    });
    let params = move || {
        let fargate = fargate.get();
        info.params
            .iter()
            .filter(|p| !(fargate && p.key == "memory_gb"))
            .map(|p| {
                if fargate && p.key == "vcpu" {
                    fargate_field(state, sid)
                } else {
                    param_field(state, sid, p)
                }
            })
            .collect_view()
    };
    let note = move || {
        state.design.with(|d| {
            d.nodes
                .get(&sid.get_value())
                .map(|n| n.note.clone())
                .filter(|n| !n.is_empty())
        })
    };
    let findings = Signal::derive(move || {
        let id = sid.get_value();
        let lang = lang.get();
        state.findings.with(|fs| {
            fs.iter()
                .filter(|f| f.nodes.contains(&id))
                .map(|f| {
                    let title = validate::rule(f.rule).map_or(f.rule, |r| r.title.get(lang));
                    (f.severity, f.rule, title.to_owned())
                })
                .collect()
        })
    });
    let me = Signal::derive(move || vec![sid.get_value()]);
    let delete = Signal::derive(move || (vec![sid.get_value()], Vec::new()));
    view! {
        <h2 class="insp-title">
            <svg class="insp-icon" viewBox="0 0 48 48" aria-hidden="true" inner_html=crate::core::icons::icon(kind)></svg>
            <span>{tr(lang, info.name)}</span>
        </h2>
        {field("insp-field", tr(lang, tx::LABEL), label_input.into_any(), None, label_err, lang)}
        {(!info.params.is_empty()).then(|| view! {
            <h3 class="insp-sub">{tr(lang, tx::SETTINGS)}</h3>
            <div class="insp-params" data-testid="inspector-params">{params}</div>
        })}
        {(kind == Kind::Alb).then(|| alb_rules(state, sid))}
        {move || note().map(|n| view! {
            <p class="insp-note muted" data-testid="inspector-note">
                <span class="insp-name">{tr(lang, tx::NOTE)}</span>
                " "
                {n}
            </p>
        })}
        {move || (!findings.with(Vec::is_empty)).then(|| view! { <h3 class="insp-sub">{tr(lang, tx::FINDINGS)}</h3> })}
        {findings_list("insp-findings", findings, lang)}
        {actions(state, Some(me), delete)}
    }
    .into_any()
}

/// The RDS classes without a known price in the loaded table of the design's region (for
/// the node's Multi-AZ setting); `None` while no table is loaded.
fn unpriced_rds_classes(state: AppState, id: &NodeId) -> Option<Vec<&'static str>> {
    let (region, multi) = state.design.with(|d| {
        (
            d.region,
            d.nodes.get(id).is_some_and(|n| n.flag("multi_az")),
        )
    });
    state.tables.with(|t| match t.get(&region) {
        Some(TableState::Ready(table)) => Some(
            RDS_CLASSES
                .iter()
                .copied()
                .filter(|c| {
                    table
                        .price(&crate::core::cost::kinds::rds::instance_hour_key(c, multi))
                        .is_none()
                })
                .collect(),
        ),
        _ => None,
    })
}

/// One parameter of a node as a labelled control, whatever its type.
fn param_field(state: AppState, sid: StoredValue<NodeId>, spec: &'static ParamSpec) -> AnyView {
    let lang = state.lang;
    let key = spec.key;
    let value = Memo::new(move |_| {
        state.design.with(|d| {
            d.nodes
                .get(&sid.get_value())
                .and_then(|n| n.params.get(key).cloned())
        })
    });
    let text = Signal::derive(move || shown(&value.get()));
    let err = RwSignal::new(None::<Text>);
    let set = move |v: ParamValue, ev: &Event| {
        let command = Command::SetParams {
            id: sid.get_value(),
            values: vec![(key.to_owned(), v)],
        };
        commit(state, err, command, ev, &shown(&value.get_untracked()));
    };
    let aria = Signal::derive(move || {
        let lang = lang.get();
        let n = spec.name.get(lang);
        match spec.unit {
            Some(u) => format!("{n} ({})", tx::unit(lang, u)),
            None => n.to_owned(),
        }
    });
    let unit = spec
        .unit
        .map(|u| Signal::derive(move || tx::unit(lang.get(), u).to_owned()));
    let number = move |min: String, max: String, step: &'static str| {
        input(
            Input {
                ty: "number",
                param: Some(key),
                min: Some(min),
                max: Some(max),
                step: Some(step),
                aria: Some(aria),
                value: Some(text),
                ..Input::default()
            },
            Box::new(move |ev| match typed_number(&ev) {
                Some(v) => set(ParamValue::Num(v), &ev),
                None => {
                    err.set(Some(tx::NOT_A_NUMBER.text()));
                    reset_control(&ev, &text.get_untracked());
                }
            }),
        )
    };
    // The choices of a select, with the current value first when it is not one of them.
    let choices = move |list: Vec<(String, String)>| {
        let current = text.get();
        let mut list = list;
        if !list.iter().any(|(v, _)| *v == current) {
            list.insert(0, (current.clone(), current));
        }
        list
    };
    let control = match spec.ty {
        ParamType::Number { min, max } => {
            number(format!("{min}"), format!("{max}"), "any").into_any()
        }
        ParamType::Integer { min, max } => number(min.to_string(), max.to_string(), "1").into_any(),
        ParamType::Bool => input(
            Input {
                ty: "checkbox",
                param: Some(key),
                aria: Some(aria),
                checked: Some(Signal::derive(move || {
                    matches!(value.get(), Some(ParamValue::Bool(true)))
                })),
                ..Input::default()
            },
            Box::new(move |ev| set(ParamValue::Bool(event_target_checked(&ev)), &ev)),
        )
        .into_any(),
        ParamType::Text => input(
            Input {
                ty: "text",
                param: Some(key),
                aria: Some(aria),
                value: Some(text),
                ..Input::default()
            },
            Box::new(move |ev| set(ParamValue::Str(event_target_value(&ev)), &ev)),
        )
        .into_any(),
        ParamType::Choice(list) => {
            let rds = key == "instance_class" && list == RDS_CLASSES;
            let options = Signal::derive(move || {
                let unpriced = if rds {
                    unpriced_rds_classes(state, &sid.get_value())
                } else {
                    None
                };
                let lang = lang.get();
                choices(
                    list.iter()
                        .map(|c| {
                            let mark = unpriced.as_ref().is_some_and(|u| u.contains(c));
                            let text = if mark {
                                format!("{c} {}", tx::PRICE_UNKNOWN.get(lang))
                            } else {
                                (*c).to_owned()
                            };
                            ((*c).to_owned(), text)
                        })
                        .collect(),
                )
            });
            select(
                Select {
                    testid: None,
                    param: Some(key),
                    rule_field: None,
                    aria,
                    options,
                    current: text,
                },
                Box::new(move |ev| set(ParamValue::Str(event_target_value(&ev)), &ev)),
            )
            .into_any()
        }
        ParamType::NumberChoice(list) => {
            let options = Signal::derive(move || {
                choices(
                    list.iter()
                        .map(|c| (format!("{c}"), format!("{c}")))
                        .collect(),
                )
            });
            select(
                Select {
                    testid: None,
                    param: Some(key),
                    rule_field: None,
                    aria,
                    options,
                    current: text,
                },
                Box::new(move |ev| {
                    let picked = event_target_value(&ev);
                    if let Some(c) = list.iter().find(|c| format!("{c}") == picked) {
                        set(ParamValue::Num(*c), &ev);
                    }
                }),
            )
            .into_any()
        }
        ParamType::AzList => return az_field(state, sid, spec, value, err),
    };
    field("insp-field", tr(lang, spec.name), control, unit, err, lang).into_any()
}

/// AZ letters as one checkbox per zone of the design's region (and any other letter the
/// node holds); the core refuses an empty list.
fn az_field(
    state: AppState,
    sid: StoredValue<NodeId>,
    spec: &'static ParamSpec,
    value: Memo<Option<ParamValue>>,
    err: RwSignal<Option<Text>>,
) -> AnyView {
    let lang = state.lang;
    let key = spec.key;
    let boxes = move || {
        let region = state.design.with(|d| d.region);
        let held: Vec<String> = match value.get() {
            Some(ParamValue::List(l)) => l,
            _ => Vec::new(),
        };
        let mut letters: Vec<String> = region
            .az_letters()
            .iter()
            .map(|l| (*l).to_owned())
            .collect();
        for l in &held {
            if !letters.contains(l) {
                letters.push(l.clone());
            }
        }
        let lang = lang.get();
        letters
            .into_iter()
            .map(|letter| {
                let checked = held.contains(&letter);
                let foreign = !region.az_letters().contains(&letter.as_str());
                let name = format!(
                    "{}{}",
                    region.az_name(&letter),
                    if foreign {
                        tx::NOT_IN_REGION.get(lang)
                    } else {
                        ""
                    }
                );
                let toggle = {
                    let letter = letter.clone();
                    move |ev: Event| {
                        let on = event_target_checked(&ev);
                        let mut list: Vec<String> = match value.get_untracked() {
                            Some(ParamValue::List(l)) => l,
                            _ => Vec::new(),
                        };
                        list.retain(|l| *l != letter);
                        if on {
                            list.push(letter.clone());
                        }
                        // Keep the region's order.
                        crate::core::sort::sort_by_key(&mut list, |l| {
                            region
                                .az_letters()
                                .iter()
                                .position(|x| x == l)
                                .unwrap_or(usize::MAX)
                        });
                        let command = Command::SetParams {
                            id: sid.get_value(),
                            values: vec![(key.to_owned(), ParamValue::List(list))],
                        };
                        commit(state, err, command, &ev, "");
                    }
                };
                let check = input(
                    Input {
                        ty: "checkbox",
                        az: Some(letter),
                        checked: Some(Signal::stored(checked)),
                        ..Input::default()
                    },
                    Box::new(toggle),
                );
                view! { <label class="insp-check">{check}<span>{name}</span></label> }
            })
            .collect_view()
    };
    view! {
        <fieldset class="insp-field insp-azs" data-param=key>
            <legend class="insp-name">{tr(lang, spec.name)}</legend>
            {boxes}
            {error_line(lang, err)}
        </fieldset>
    }
    .into_any()
}

/// The ECS service's vCPU and memory as one select of the sizes Fargate offers.
fn fargate_field(state: AppState, sid: StoredValue<NodeId>) -> AnyView {
    let lang = state.lang;
    let pair = Memo::new(move |_| {
        state.design.with(|d| {
            d.nodes
                .get(&sid.get_value())
                .map(|n| (n.num("vcpu"), n.num("memory_gb")))
                .unwrap_or((0.0, 0.0))
        })
    });
    let code = |v: f64, m: f64| format!("{v}/{m}");
    let err = RwSignal::new(None::<Text>);
    let options = Signal::derive(move || {
        let (v, m) = pair.get();
        let lang = lang.get();
        let mut list: Vec<(String, String)> = Vec::new();
        if !fargate::is_valid(v, m) {
            list.push((
                code(v, m),
                format!("{} {}", tx::fargate_pair(v, m), tx::NOT_VALID.get(lang)),
            ));
        }
        for &cpu in FARGATE_VCPU {
            for mem in fargate::valid_memory_gb(cpu) {
                list.push((code(cpu, mem), tx::fargate_pair(cpu, mem)));
            }
        }
        list
    });
    let current = Signal::derive(move || {
        let (v, m) = pair.get();
        code(v, m)
    });
    let control = select(
        Select {
            testid: None,
            param: Some("fargate-size"),
            rule_field: None,
            aria: tr(lang, tx::TASK_SIZE),
            options,
            current,
        },
        Box::new(move |ev| {
            let picked = event_target_value(&ev);
            let found = FARGATE_VCPU.iter().find_map(|&cpu| {
                fargate::valid_memory_gb(cpu)
                    .into_iter()
                    .find(|&mem| code(cpu, mem) == picked)
                    .map(|mem| (cpu, mem))
            });
            let Some((cpu, mem)) = found else { return };
            let command = Command::SetParams {
                id: sid.get_value(),
                values: vec![
                    ("vcpu".to_owned(), ParamValue::Num(cpu)),
                    ("memory_gb".to_owned(), ParamValue::Num(mem)),
                ],
            };
            commit(state, err, command, &ev, &current.get_untracked());
        }),
    );
    field(
        "insp-field",
        tr(lang, tx::TASK_SIZE),
        control.into_any(),
        None,
        err,
        lang,
    )
    .into_any()
}

// --- Rules and edges ----------------------------------------------------------------------------

/// The priority and path pattern of an `alb_rule` edge, as two labelled inputs.
fn rule_inputs(
    state: AppState,
    eid: StoredValue<EdgeId>,
    err: RwSignal<Option<Text>>,
) -> impl IntoView + use<> {
    let lang = state.lang;
    let rule = Memo::new(move |_| {
        state.design.with(|d| {
            d.edges
                .get(&eid.get_value())
                .and_then(|e| e.rule.clone())
                .map(|r| (r.priority, r.path_pattern))
                .unwrap_or((0, String::new()))
        })
    });
    // Errors show once, under both inputs.
    let quiet = RwSignal::new(None::<Text>);
    let priority = input(
        Input {
            ty: "number",
            rule_field: Some("priority"),
            min: Some("1".to_owned()),
            max: Some(MAX_PRIORITY.to_string()),
            step: Some("1"),
            aria: Some(tr(lang, tx::PRIORITY)),
            value: Some(Signal::derive(move || rule.get().0.to_string())),
            ..Input::default()
        },
        Box::new(move |ev| {
            let (p, path) = rule.get_untracked();
            let Some(v) = typed_number(&ev) else {
                err.set(Some(tx::NOT_A_NUMBER.text()));
                reset_control(&ev, &p.to_string());
                return;
            };
            // Anything but a whole number in range becomes 0, which the core refuses with
            // the reason.
            let priority = if v.fract() == 0.0 && v >= 1.0 && v <= MAX_PRIORITY as f64 {
                v as u32
            } else {
                0
            };
            let command = Command::SetRule {
                id: eid.get_value(),
                priority,
                path_pattern: path,
            };
            commit(state, err, command, &ev, &p.to_string());
        }),
    );
    let path = input(
        Input {
            ty: "text",
            rule_field: Some("path"),
            aria: Some(tr(lang, tx::PATH_PATTERN)),
            value: Some(Signal::derive(move || rule.get().1)),
            ..Input::default()
        },
        Box::new(move |ev| {
            let (p, path) = rule.get_untracked();
            let command = Command::SetRule {
                id: eid.get_value(),
                priority: p,
                path_pattern: event_target_value(&ev),
            };
            commit(state, err, command, &ev, &path);
        }),
    );
    view! {
        <div class="rule-fields">
            {field("rule-field", tr(lang, tx::PRIORITY), priority.into_any(), None, quiet, lang)}
            {field("rule-field", tr(lang, tx::PATH_PATTERN), path.into_any(), None, quiet, lang)}
        </div>
        {error_line(lang, err)}
    }
}

/// The validator's messages about the edge `eid`, in the current language.
fn edge_findings(state: AppState, eid: StoredValue<EdgeId>) -> impl IntoView + use<> {
    let lang = state.lang;
    let items = Signal::derive(move || {
        let id = eid.get_value();
        let lang = lang.get();
        state.findings.with(|fs| {
            fs.iter()
                .filter(|f| f.edges.contains(&id))
                .map(|f| (f.severity, f.rule, f.message.get(lang).to_owned()))
                .collect()
        })
    });
    findings_list("rule-findings", items, lang)
}

/// The nodes an ALB rule can forward to (the kinds the catalogue connects from an ALB with a
/// rule), by name.
fn rule_targets(d: &Design, lang: Lang) -> Vec<(String, String)> {
    d.nodes
        .values()
        .filter(|n| {
            crate::core::edit::fitting_edge_kinds(Kind::Alb, n.kind).contains(&EdgeKind::AlbRule)
        })
        .map(|n| (n.id.to_string(), n.display_label(lang).to_owned()))
        .collect()
}

/// The ALB's listener rules in evaluation order, editable, and its default action.
fn alb_rules(state: AppState, alb: StoredValue<NodeId>) -> impl IntoView + use<> {
    let lang = state.lang;
    let section = NodeRef::<leptos::html::Section>::new();
    let ids = Memo::new(move |_| {
        state.design.with(|d| {
            rules_of(d, &alb.get_value())
                .into_iter()
                .map(|e| e.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let defaults = move || {
        let lang = lang.get();
        let list = state.design.with(|d| {
            d.edges
                .values()
                .filter(|e| e.from == alb.get_value() && e.kind == EdgeKind::AlbDefault)
                .map(|e| node_name(d, &e.to, lang))
                .collect::<Vec<_>>()
        });
        if list.is_empty() {
            tx::NO_DEFAULT.get(lang).to_owned()
        } else {
            list.join(", ")
        }
    };
    let targets = Signal::derive(move || state.design.with(|d| rule_targets(d, lang.get())));
    let new_target = RwSignal::new(String::new());
    let add = move |_| {
        let chosen = new_target.get_untracked();
        let to = targets.with_untracked(|t| {
            t.iter()
                .find(|(id, _)| *id == chosen)
                .or(t.first())
                .map(|(id, _)| NodeId(id.clone()))
        });
        let Some(to) = to else { return };
        let from = alb.get_value();
        let added = state.dispatch(Command::Connect {
            from: from.clone(),
            to,
            kind: Some(EdgeKind::AlbRule),
        });
        if added.is_ok() {
            // Stay on the ALB: the new rule shows in its list.
            state.selection.set(Selection::node(from));
        }
    };
    let rows = move || {
        ids.get()
            .into_iter()
            .map(|rid| rule_row(state, targets, section, rid))
            .collect_view()
    };
    let adder = move || {
        if targets.with(Vec::is_empty) {
            return Either::Left(
                view! { <p class="muted insp-small">{tr(lang, tx::NO_TARGETS)}</p> },
            );
        }
        let picker = select(
            Select {
                testid: Some("alb-new-rule-target"),
                param: None,
                rule_field: None,
                aria: tr(lang, tx::NEW_RULE_TARGET),
                options: targets,
                current: new_target.into(),
            },
            Box::new(move |ev| new_target.set(event_target_value(&ev))),
        );
        let add = button(
            "",
            Some("alb-add-rule"),
            None,
            tr(lang, tx::ADD_RULE),
            None,
            Box::new(add),
        );
        Either::Right(view! { <div class="rule-add">{picker}{add}</div> })
    };
    view! {
        <section class="alb-rules" data-testid="alb-rules" aria-label=tr(lang, tx::LISTENER_RULES) node_ref=section>
            <h3 class="insp-sub">{tr(lang, tx::LISTENER_RULES)}</h3>
            <p class="muted insp-small">{tr(lang, tx::RULES_ORDER)}</p>
            {move || ids.with(Vec::is_empty).then(|| view! { <p class="muted">{tr(lang, tx::NO_RULES)}</p> })}
            <ol class="rule-list">{rows}</ol>
            <p class="rule-default" data-testid="alb-default">
                <span class="insp-name">{tr(lang, tx::DEFAULT_ACTION)}</span>
                " → "
                {defaults}
            </p>
            {adder}
        </section>
    }
}

/// One rule of the ALB's list: priority, path pattern, target, order buttons, remove, and
/// the validator's messages about it.
fn rule_row(
    state: AppState,
    targets: Signal<Vec<(String, String)>>,
    section: NodeRef<leptos::html::Section>,
    rid: EdgeId,
) -> impl IntoView {
    let lang = state.lang;
    let rid_text = rid.to_string();
    let eid = StoredValue::new(rid);
    let err = RwSignal::new(None::<Text>);
    let to = Signal::derive(move || {
        state.design.with(|d| {
            d.edges
                .get(&eid.get_value())
                .map(|e| e.to.to_string())
                .unwrap_or_default()
        })
    });
    let move_rule = move |up: bool| -> OnClick {
        Box::new(move |_| {
            let id = eid.get_value();
            let _ = state.dispatch(Command::MoveRule { id: id.clone(), up });
            // The list is drawn again in the new order: keep the keyboard on this button.
            let action = if up { "up" } else { "down" };
            focus_later(
                section,
                format!("[data-rule-edge=\"{id}\"] [data-action={action}]"),
            );
        })
    };
    let remove: OnClick = Box::new(move |_| {
        let _ = state.dispatch(Command::Delete {
            nodes: vec![],
            edges: vec![eid.get_value()],
        });
        // The row is gone: the keyboard goes on to the first rule, or to "Add rule".
        focus_later(
            section,
            "[data-rule-field=priority], [data-testid=alb-add-rule]".to_owned(),
        );
    });
    let options = Signal::derive(move || {
        let current = to.get();
        let mut list = targets.get();
        if !list.iter().any(|(id, _)| *id == current) {
            let name = state
                .design
                .with(|d| node_name(d, &NodeId(current.clone()), lang.get()));
            list.insert(0, (current, name));
        }
        list
    });
    let target = select(
        Select {
            testid: None,
            param: None,
            rule_field: Some("target"),
            aria: tr(lang, tx::TARGET),
            options,
            current: to,
        },
        Box::new(move |ev| {
            let command = Command::SetEdgeTarget {
                id: eid.get_value(),
                to: NodeId(event_target_value(&ev)),
            };
            commit(state, err, command, &ev, &to.get_untracked());
        }),
    );
    let icon = |s: &'static str| Signal::stored(s.to_owned());
    view! {
        <li class="rule-row" data-rule-edge=rid_text>
            {rule_inputs(state, eid, err)}
            <div class="rule-tools">
                {target}
                {button("icon-button", None, Some("up"), icon("↑"), Some(tr(lang, tx::MOVE_UP)), move_rule(true))}
                {button("icon-button", None, Some("down"), icon("↓"), Some(tr(lang, tx::MOVE_DOWN)), move_rule(false))}
                {button("icon-button danger", None, Some("remove"), icon("×"), Some(tr(lang, tx::REMOVE_RULE)), remove)}
            </div>
            {edge_findings(state, eid)}
        </li>
    }
}

fn edge_view(state: AppState, id: EdgeId) -> AnyView {
    let Some((from_kind, to_kind)) = state.design.with_untracked(|d| {
        let e = d.edges.get(&id)?;
        Some((d.nodes.get(&e.from)?.kind, d.nodes.get(&e.to)?.kind))
    }) else {
        return ().into_any();
    };
    let lang = state.lang;
    let eid = StoredValue::new(id);
    let edge = Memo::new(move |_| {
        state
            .design
            .with(|d| d.edges.get(&eid.get_value()).cloned())
    });
    let kind_err = RwSignal::new(None::<Text>);
    let label_err = RwSignal::new(None::<Text>);
    let rule_err = RwSignal::new(None::<Text>);
    let current_kind = Memo::new(move |_| edge.with(|e| e.as_ref().map(|e| e.kind)));
    let kind_id = Signal::derive(move || {
        current_kind
            .get()
            .map(EdgeKind::id)
            .unwrap_or("")
            .to_owned()
    });
    let options = Signal::derive(move || {
        let lang = lang.get();
        let mut list = fitting_edge_kinds(from_kind, to_kind);
        if let Some(k) = current_kind.get().filter(|k| !list.contains(k)) {
            list.insert(0, k);
        }
        list.into_iter()
            .map(|k| (k.id().to_owned(), k.info().name.get(lang).to_owned()))
            .collect()
    });
    let kind_select = select(
        Select {
            testid: Some("inspector-edge-kind"),
            param: None,
            rule_field: None,
            aria: tr(lang, tx::EDGE_KIND),
            options,
            current: kind_id,
        },
        Box::new(move |ev| {
            let Some(kind) = EdgeKind::from_id(&event_target_value(&ev)) else {
                return;
            };
            let command = Command::SetEdgeKind {
                id: eid.get_value(),
                kind,
            };
            commit(state, kind_err, command, &ev, &kind_id.get_untracked());
        }),
    );
    let label = Signal::derive(move || {
        edge.with(|e| e.as_ref().map(|e| e.label.clone()).unwrap_or_default())
    });
    let label_input = input(
        Input {
            ty: "text",
            testid: Some("inspector-edge-label"),
            aria: Some(tr(lang, tx::LABEL)),
            value: Some(label),
            ..Input::default()
        },
        Box::new(move |ev| {
            let command = Command::SetEdgeLabel {
                id: eid.get_value(),
                label: event_target_value(&ev),
            };
            commit(state, label_err, command, &ev, &label.get_untracked());
        }),
    );
    let ends = move || {
        let lang = lang.get();
        edge.with(|e| {
            e.as_ref().map(|e| {
                state.design.with(|d| {
                    format!(
                        "{} → {}",
                        node_name(d, &e.from, lang),
                        node_name(d, &e.to, lang)
                    )
                })
            })
        })
    };
    let is_rule = move || current_kind.get() == Some(EdgeKind::AlbRule);
    let delete = Signal::derive(move || (Vec::new(), vec![eid.get_value()]));
    view! {
        <h2 class="insp-title">
            <span>{move || current_kind.get().map(|k| k.info().name.get(lang.get()))}</span>
        </h2>
        <p class="insp-ends" data-testid="inspector-ends">
            <span class="insp-name">{tr(lang, tx::ENDS)}</span>
            " "
            {ends}
        </p>
        {field("insp-field", tr(lang, tx::EDGE_KIND), kind_select.into_any(), None, kind_err, lang)}
        {field("insp-field", tr(lang, tx::LABEL), label_input.into_any(), None, label_err, lang)}
        {move || is_rule().then(|| view! {
            <div class="insp-rule" data-testid="inspector-rule">{rule_inputs(state, eid, rule_err)}</div>
            {edge_findings(state, eid)}
        })}
        {actions(state, None, delete)}
    }
    .into_any()
}
