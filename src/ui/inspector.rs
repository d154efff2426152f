//! The inspector: label and parameters of the selected node, kind, label and rule of the
//! selected edge, and an ALB's listener rules in evaluation order.
//!
//! Every field is drawn by one generic renderer from the catalogue's `ParamSpec` (no code per
//! kind, apart from the Fargate task size and the RDS classes' prices). Every change is a
//! `Command` through `AppState::dispatch`; the core decides, and a refused value is explained
//! next to its field while the control goes back to the design's value.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlInputElement, HtmlSelectElement};

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
        <section class="inspector" data-testid="inspector" aria-label=move || tx::INSPECTOR.get(lang.get())>
            {move || match showing.get() {
                Showing::Hint => hint(lang).into_any(),
                Showing::Many(n) => many(state, n).into_any(),
                Showing::Node(id) => node_view(state, id),
                Showing::Edge(id) => edge_view(state, id),
            }}
        </section>
    }
}

fn tr(lang: RwSignal<Lang>, text: Text) -> impl Fn() -> &'static str + Copy {
    move || text.get(lang.get())
}

fn hint(lang: RwSignal<Lang>) -> impl IntoView {
    view! {
        <ul class="insp-hint muted" data-testid="inspector-hint">
            <li>{tr(lang, tx::HINT_ADD)}</li>
            <li>{tr(lang, tx::HINT_SELECT)}</li>
            <li>{tr(lang, tx::HINT_CONNECT)}</li>
        </ul>
    }
}

fn many(state: AppState, n: usize) -> impl IntoView {
    let lang = state.lang;
    let duplicate = move |_| {
        let ids = state.selection.with_untracked(Selection::nodes);
        let _ = state.dispatch(Command::Duplicate { ids });
    };
    let delete = move |_| {
        let (nodes, edges) = state.selection.with_untracked(|s| (s.nodes(), s.edges()));
        let _ = state.dispatch(Command::Delete { nodes, edges });
    };
    let no_nodes = move || state.selection.with(|s| s.nodes().is_empty());
    view! {
        <p class="insp-count" data-testid="inspector-count">{move || tx::items_selected(lang.get(), n)}</p>
        <div class="insp-actions">
            <button type="button" data-testid="inspector-duplicate" disabled=no_nodes on:click=duplicate>
                {tr(lang, tx::DUPLICATE)}
            </button>
            <button type="button" class="danger" data-testid="inspector-delete" on:click=delete>
                {tr(lang, tx::DELETE)}
            </button>
        </div>
    }
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
/// `kept`. Returns whether it was applied.
fn commit(
    state: AppState,
    err: RwSignal<Option<Text>>,
    command: Command,
    ev: &Event,
    kept: &str,
) -> bool {
    match state.dispatch(command) {
        Ok(_) => {
            err.set(None);
            true
        }
        Err(refusal) => {
            err.set(Some(refusal.0));
            reset_control(ev, kept);
            false
        }
    }
}

/// The inline message of a refused edit.
fn error_line(lang: RwSignal<Lang>, err: RwSignal<Option<Text>>) -> impl IntoView {
    move || {
        err.get()
            .map(|t| view! { <span class="field-error" role="alert">{t.get(lang.get())}</span> })
    }
}

fn input_value(ev: &Event) -> Option<HtmlInputElement> {
    ev.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
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

/// `<option>`s of `(value, text)`, the one equal to `current` selected.
fn options(current: &str, list: Vec<(String, String)>) -> impl IntoView {
    list.into_iter()
        .map(|(v, t)| {
            let selected = v == current;
            view! { <option value=v selected=selected>{t}</option> }
        })
        .collect_view()
}

fn node_name(d: &Design, id: &NodeId, lang: Lang) -> String {
    d.nodes
        .get(id)
        .map(|n| n.display_label(lang).to_owned())
        .unwrap_or_else(|| id.to_string())
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
    let label = Memo::new(move |_| {
        state.design.with(|d| {
            d.nodes
                .get(&sid.get_value())
                .map(|n| n.label.clone())
                .unwrap_or_default()
        })
    });
    let label_err = RwSignal::new(None::<Text>);
    let on_label = move |ev: Event| {
        let Some(input) = input_value(&ev) else {
            return;
        };
        let command = Command::SetLabel {
            id: sid.get_value(),
            label: input.value(),
        };
        commit(state, label_err, command, &ev, &label.get_untracked());
    };
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
                    fargate_field(state, sid).into_any()
                } else {
                    param_field(state, sid, p).into_any()
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
    let duplicate = move |_| {
        let _ = state.dispatch(Command::Duplicate {
            ids: vec![sid.get_value()],
        });
    };
    let delete = move |_| {
        let _ = state.dispatch(Command::Delete {
            nodes: vec![sid.get_value()],
            edges: vec![],
        });
    };
    view! {
        <h2 class="insp-title">
            <svg class="insp-icon" viewBox="0 0 48 48" aria-hidden="true" inner_html=super::icons::icon(kind)></svg>
            <span>{tr(lang, info.name)}</span>
        </h2>
        <label class="insp-field">
            <span class="insp-name">{tr(lang, tx::LABEL)}</span>
            <input
                type="text"
                data-testid="inspector-label"
                maxlength="1000"
                aria-label=tr(lang, tx::LABEL)
                placeholder=tr(lang, info.name)
                prop:value=move || label.get()
                on:change=on_label
            />
            {error_line(lang, label_err)}
        </label>
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
        {node_findings(state, sid)}
        <div class="insp-actions">
            <button type="button" data-testid="inspector-duplicate" on:click=duplicate>
                {tr(lang, tx::DUPLICATE)}
            </button>
            <button type="button" class="danger" data-testid="inspector-delete" on:click=delete>
                {tr(lang, tx::DELETE)}
            </button>
        </div>
    }
    .into_any()
}

/// The findings that name the node: severity and the rule's title.
fn node_findings(state: AppState, sid: StoredValue<NodeId>) -> impl IntoView {
    let lang = state.lang;
    let list = Memo::new(move |_| {
        let id = sid.get_value();
        state.findings.with(|fs| {
            fs.iter()
                .filter(|f| f.nodes.contains(&id))
                .map(|f| (f.severity, f.rule))
                .collect::<Vec<_>>()
        })
    });
    move || {
        let items = list.get();
        if items.is_empty() {
            return None;
        }
        let lang = lang.get();
        Some(view! {
            <h3 class="insp-sub">{tx::FINDINGS.get(lang)}</h3>
            <ul class="insp-findings" data-testid="inspector-findings">
                {items
                    .into_iter()
                    .map(|(sev, rule)| {
                        let title = validate::rule(rule).map(|r| r.title.get(lang)).unwrap_or(rule);
                        view! {
                            <li class=format!("sev-{}", sev.id()) data-rule-id=rule>
                                <strong>{sev.name(lang)}</strong>
                                " "
                                {title}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        })
    }
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
    let az = if multi { "multi_az" } else { "single_az" };
    state.tables.with(|t| match t.get(&region) {
        Some(TableState::Ready(table)) => Some(
            RDS_CLASSES
                .iter()
                .copied()
                .filter(|c| {
                    table
                        .price(&format!("rds.postgres.{c}.{az}.hour"))
                        .is_none()
                })
                .collect(),
        ),
        _ => None,
    })
}

/// One parameter of a node as a labelled control, whatever its type.
fn param_field(
    state: AppState,
    sid: StoredValue<NodeId>,
    spec: &'static ParamSpec,
) -> impl IntoView {
    let lang = state.lang;
    let key = spec.key;
    let value = Memo::new(move |_| {
        state.design.with(|d| {
            d.nodes
                .get(&sid.get_value())
                .and_then(|n| n.params.get(key).cloned())
        })
    });
    let err = RwSignal::new(None::<Text>);
    let set = move |v: ParamValue, ev: &Event| {
        let command = Command::SetParams {
            id: sid.get_value(),
            values: vec![(key.to_owned(), v)],
        };
        commit(state, err, command, ev, &shown(&value.get_untracked()));
    };
    let name = move || {
        let lang = lang.get();
        let n = spec.name.get(lang);
        match spec.unit {
            Some(u) => format!("{n} ({})", tx::unit(lang, u)),
            None => n.to_owned(),
        }
    };
    let unit = spec.unit.map(|u| {
        view! { <span class="insp-unit" aria-hidden="true">{move || tx::unit(lang.get(), u)}</span> }
    });
    let on_number = move |ev: Event| {
        let Some(input) = input_value(&ev) else {
            return;
        };
        let v = input.value_as_number();
        if v.is_finite() {
            set(ParamValue::Num(v), &ev);
        } else {
            err.set(Some(tx::NOT_A_NUMBER));
            reset_control(&ev, &shown(&value.get_untracked()));
        }
    };
    let control = match spec.ty {
        ParamType::Number { min, max } => view! {
            <input type="number" data-param=key min=min max=max step="any" aria-label=name
                prop:value=move || shown(&value.get()) on:change=on_number />
        }
        .into_any(),
        ParamType::Integer { min, max } => view! {
            <input type="number" data-param=key min=min max=max step="1" aria-label=name
                prop:value=move || shown(&value.get()) on:change=on_number />
        }
        .into_any(),
        ParamType::Bool => view! {
            <input type="checkbox" data-param=key aria-label=name
                prop:checked=move || matches!(value.get(), Some(ParamValue::Bool(true)))
                on:change=move |ev| set(ParamValue::Bool(event_target_checked(&ev)), &ev) />
        }
        .into_any(),
        ParamType::Text => view! {
            <input type="text" data-param=key maxlength="1000" aria-label=name
                prop:value=move || shown(&value.get())
                on:change=move |ev| set(ParamValue::Str(event_target_value(&ev)), &ev) />
        }
        .into_any(),
        ParamType::Choice(choices) => {
            let rds = spec.key == "instance_class" && choices == RDS_CLASSES;
            let list = move || {
                let current = shown(&value.get());
                let unpriced = if rds {
                    unpriced_rds_classes(state, &sid.get_value())
                } else {
                    None
                };
                let lang = lang.get();
                let mut list: Vec<(String, String)> = choices
                    .iter()
                    .map(|c| {
                        let mark = unpriced.as_ref().is_some_and(|u| u.contains(c));
                        let text = if mark {
                            format!("{c} {}", tx::PRICE_UNKNOWN.get(lang))
                        } else {
                            (*c).to_owned()
                        };
                        ((*c).to_owned(), text)
                    })
                    .collect();
                if !choices.contains(&current.as_str()) {
                    list.insert(0, (current.clone(), current.clone()));
                }
                options(&current, list)
            };
            view! {
                <select data-param=key aria-label=name
                    on:change=move |ev| set(ParamValue::Str(event_target_value(&ev)), &ev)>
                    {list}
                </select>
            }
            .into_any()
        }
        ParamType::NumberChoice(choices) => {
            let list = move || {
                let current = shown(&value.get());
                let mut list: Vec<(String, String)> = choices
                    .iter()
                    .map(|c| (format!("{c}"), format!("{c}")))
                    .collect();
                if !list.iter().any(|(v, _)| *v == current) {
                    list.insert(0, (current.clone(), current.clone()));
                }
                options(&current, list)
            };
            let pick = move |ev: Event| {
                let picked = event_target_value(&ev);
                if let Some(c) = choices.iter().find(|c| format!("{c}") == picked) {
                    set(ParamValue::Num(*c), &ev);
                }
            };
            view! {
                <select data-param=key aria-label=name on:change=pick>{list}</select>
            }
            .into_any()
        }
        ParamType::AzList => return az_field(state, sid, spec, value, err).into_any(),
    };
    view! {
        <label class="insp-field">
            <span class="insp-name">{move || spec.name.get(lang.get())}</span>
            <span class="insp-control">{control}{unit}</span>
            {error_line(lang, err)}
        </label>
    }
    .into_any()
}

/// AZ letters as one checkbox per zone of the design's region (and any other letter the
/// node holds); the core refuses an empty list.
fn az_field(
    state: AppState,
    sid: StoredValue<NodeId>,
    spec: &'static ParamSpec,
    value: Memo<Option<ParamValue>>,
    err: RwSignal<Option<Text>>,
) -> impl IntoView {
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
        letters.extend(
            held.iter()
                .filter(|l| !letters.contains(l))
                .cloned()
                .collect::<Vec<_>>(),
        );
        let lang = lang.get();
        letters
            .into_iter()
            .map(|letter| {
                let checked = held.contains(&letter);
                let foreign = !region.az_letters().contains(&letter.as_str());
                let full = region.az_name(&letter);
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
                        let order = |l: &String| {
                            region
                                .az_letters()
                                .iter()
                                .position(|x| x == l)
                                .unwrap_or(usize::MAX)
                        };
                        list.sort_by_key(order);
                        let command = Command::SetParams {
                            id: sid.get_value(),
                            values: vec![(key.to_owned(), ParamValue::List(list))],
                        };
                        commit(state, err, command, &ev, "");
                    }
                };
                view! {
                    <label class="insp-check">
                        <input type="checkbox" data-az=letter.clone() prop:checked=checked on:change=toggle />
                        <span>{full}{foreign.then(|| format!(" {}", tx::NOT_IN_REGION.get(lang)))}</span>
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="insp-field insp-azs" data-param=key>
            <legend class="insp-name">{move || spec.name.get(lang.get())}</legend>
            {boxes}
            {error_line(lang, err)}
        </fieldset>
    }
}

/// The ECS service's vCPU and memory as one select of the sizes Fargate offers.
fn fargate_field(state: AppState, sid: StoredValue<NodeId>) -> impl IntoView {
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
    let list = move || {
        let (v, m) = pair.get();
        let current = code(v, m);
        let lang = lang.get();
        let mut list: Vec<(String, String)> = Vec::new();
        if !fargate::is_valid(v, m) {
            list.push((
                current.clone(),
                format!("{} {}", tx::fargate_pair(v, m), tx::NOT_VALID.get(lang)),
            ));
        }
        for &cpu in FARGATE_VCPU {
            for mem in fargate::valid_memory_gb(cpu) {
                list.push((code(cpu, mem), tx::fargate_pair(cpu, mem)));
            }
        }
        options(&current, list)
    };
    let pick = move |ev: Event| {
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
        let (v, m) = pair.get_untracked();
        commit(state, err, command, &ev, &code(v, m));
    };
    view! {
        <label class="insp-field">
            <span class="insp-name">{tr(lang, tx::TASK_SIZE)}</span>
            <select data-param="fargate-size" aria-label=tr(lang, tx::TASK_SIZE) on:change=pick>{list}</select>
            {error_line(lang, err)}
        </label>
    }
}

/// The priority and path pattern of an `alb_rule` edge, as two inputs.
fn rule_inputs(
    state: AppState,
    eid: StoredValue<EdgeId>,
    err: RwSignal<Option<Text>>,
) -> impl IntoView {
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
    let on_priority = move |ev: Event| {
        let Some(input) = input_value(&ev) else {
            return;
        };
        let v = input.value_as_number();
        let (p, path) = rule.get_untracked();
        if !v.is_finite() {
            err.set(Some(tx::NOT_A_NUMBER));
            reset_control(&ev, &p.to_string());
            return;
        }
        // Anything but a whole number in range becomes 0, which the core refuses with the reason.
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
    };
    let on_path = move |ev: Event| {
        let (p, path) = rule.get_untracked();
        let command = Command::SetRule {
            id: eid.get_value(),
            priority: p,
            path_pattern: event_target_value(&ev),
        };
        commit(state, err, command, &ev, &path);
    };
    view! {
        <label class="rule-priority">
            <span class="insp-name">{tr(lang, tx::PRIORITY)}</span>
            <input type="number" min="1" max=MAX_PRIORITY step="1" data-rule-field="priority"
                aria-label=tr(lang, tx::PRIORITY)
                prop:value=move || rule.get().0.to_string() on:change=on_priority />
        </label>
        <label class="rule-path">
            <span class="insp-name">{tr(lang, tx::PATH_PATTERN)}</span>
            <input type="text" maxlength="1000" spellcheck="false" autocomplete="off" data-rule-field="path"
                aria-label=tr(lang, tx::PATH_PATTERN)
                prop:value=move || rule.get().1 on:change=on_path />
        </label>
    }
}

/// The nodes an ALB rule can forward to, by name.
fn rule_targets(d: &Design, lang: Lang) -> Vec<(String, String)> {
    d.nodes
        .values()
        .filter(|n| matches!(n.kind, Kind::EcsService | Kind::Lambda | Kind::Generic))
        .map(|n| (n.id.to_string(), n.display_label(lang).to_owned()))
        .collect()
}

/// The validator's messages about the edge `eid`, in the current language.
fn edge_findings(state: AppState, eid: StoredValue<EdgeId>) -> impl IntoView {
    let lang = state.lang;
    let list = Memo::new(move |_| {
        let id = eid.get_value();
        state.findings.with(|fs| {
            fs.iter()
                .filter(|f| f.edges.contains(&id))
                .map(|f| (f.severity, f.rule, f.message.clone()))
                .collect::<Vec<_>>()
        })
    });
    move || {
        let lang = lang.get();
        let items = list.get();
        (!items.is_empty()).then(|| {
            view! {
                <ul class="rule-findings">
                    {items
                        .into_iter()
                        .map(|(sev, rule, message)| {
                            let role = (sev == Severity::Error).then_some("alert");
                            view! {
                                <li class=format!("sev-{}", sev.id()) data-rule-id=rule role=role>
                                    <strong>{sev.name(lang)}</strong>
                                    " "
                                    {message.get(lang).to_owned()}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}

/// The ALB's listener rules in evaluation order, editable, and its default action.
fn alb_rules(state: AppState, alb: StoredValue<NodeId>) -> impl IntoView {
    let lang = state.lang;
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
        state.design.with(|d| {
            d.edges
                .values()
                .filter(|e| e.from == alb.get_value() && e.kind == EdgeKind::AlbDefault)
                .map(|e| node_name(d, &e.to, lang))
                .collect::<Vec<_>>()
        })
    };
    let targets = Memo::new(move |_| state.design.with(|d| rule_targets(d, lang.get())));
    let new_target = RwSignal::new(String::new());
    let section = NodeRef::<leptos::html::Section>::new();
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
        if state
            .dispatch(Command::Connect {
                from: from.clone(),
                to,
                kind: Some(EdgeKind::AlbRule),
            })
            .is_ok()
        {
            // Stay on the ALB: the new rule shows in its list.
            state.selection.set(Selection::node(from));
        }
    };
    view! {
        <section class="alb-rules" data-testid="alb-rules" aria-label=tr(lang, tx::LISTENER_RULES) node_ref=section>
            <h3 class="insp-sub">{tr(lang, tx::LISTENER_RULES)}</h3>
            <p class="muted insp-small">{tr(lang, tx::RULES_ORDER)}</p>
            {move || ids.with(Vec::is_empty).then(|| view! { <p class="muted">{tr(lang, tx::NO_RULES)}</p> })}
            <ol class="rule-list">
                <For each=move || ids.get() key=|id| id.clone() let:rid>
                    {rule_row(state, targets, section, rid)}
                </For>
            </ol>
            <p class="rule-default" data-testid="alb-default">
                <span class="insp-name">{tr(lang, tx::DEFAULT_ACTION)}</span>
                " → "
                {move || {
                    let list = defaults();
                    if list.is_empty() { tx::NO_DEFAULT.get(lang.get()).to_owned() } else { list.join(", ") }
                }}
            </p>
            {move || {
                let list = targets.get();
                if list.is_empty() {
                    return view! { <p class="muted insp-small">{tr(lang, tx::NO_TARGETS)}</p> }.into_any();
                }
                let current = new_target.get_untracked();
                view! {
                    <div class="rule-add">
                        <select data-testid="alb-new-rule-target" aria-label=tr(lang, tx::NEW_RULE_TARGET)
                            on:change=move |ev| new_target.set(event_target_value(&ev))>
                            {options(&current, list)}
                        </select>
                        <button type="button" data-testid="alb-add-rule" on:click=add>{tr(lang, tx::ADD_RULE)}</button>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

/// One rule of the ALB's list: priority, path pattern, target, order buttons, remove, and
/// the validator's messages about it.
fn rule_row(
    state: AppState,
    targets: Memo<Vec<(String, String)>>,
    section: NodeRef<leptos::html::Section>,
    rid: EdgeId,
) -> impl IntoView {
    let lang = state.lang;
    let rid_text = rid.to_string();
    let eid = StoredValue::new(rid);
    let err = RwSignal::new(None::<Text>);
    let to = Memo::new(move |_| {
        state.design.with(|d| {
            d.edges
                .get(&eid.get_value())
                .map(|e| e.to.to_string())
                .unwrap_or_default()
        })
    });
    let up_ref = NodeRef::<leptos::html::Button>::new();
    let down_ref = NodeRef::<leptos::html::Button>::new();
    let move_rule = move |up: bool| {
        let _ = state.dispatch(Command::MoveRule {
            id: eid.get_value(),
            up,
        });
        // The row moved in the list: keep the keyboard on the button that moved it.
        let button = if up { up_ref } else { down_ref };
        request_animation_frame(move || {
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        });
    };
    let retarget = move |ev: Event| {
        let command = Command::SetEdgeTarget {
            id: eid.get_value(),
            to: NodeId(event_target_value(&ev)),
        };
        commit(state, err, command, &ev, &to.get_untracked());
    };
    let remove = move |_| {
        let _ = state.dispatch(Command::Delete {
            nodes: vec![],
            edges: vec![eid.get_value()],
        });
        // The row is gone: the keyboard goes on to the first rule, or to "Add rule".
        request_animation_frame(move || {
            let next = section.get_untracked().and_then(|s| {
                s.query_selector("[data-rule-field=priority], [data-testid=alb-add-rule]")
                    .ok()
                    .flatten()
            });
            if let Some(el) = next.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        });
    };
    let target_list = move || {
        let current = to.get();
        let mut list = targets.get();
        if !list.iter().any(|(id, _)| *id == current) {
            let name = state
                .design
                .with(|d| node_name(d, &NodeId(current.clone()), lang.get()));
            list.insert(0, (current.clone(), name));
        }
        options(&current, list)
    };
    view! {
        <li class="rule-row" data-rule-edge=rid_text>
            <div class="rule-fields">{rule_inputs(state, eid, err)}</div>
            <div class="rule-tools">
                <select class="rule-target" data-rule-field="target" aria-label=tr(lang, tx::TARGET) on:change=retarget>
                    {target_list}
                </select>
                <button type="button" class="icon-button" data-move="up" node_ref=up_ref
                    aria-label=tr(lang, tx::MOVE_UP) title=tr(lang, tx::MOVE_UP) on:click=move |_| move_rule(true)>"↑"</button>
                <button type="button" class="icon-button" data-move="down" node_ref=down_ref
                    aria-label=tr(lang, tx::MOVE_DOWN) title=tr(lang, tx::MOVE_DOWN) on:click=move |_| move_rule(false)>"↓"</button>
                <button type="button" class="icon-button danger" data-rule-remove=""
                    aria-label=tr(lang, tx::REMOVE_RULE) title=tr(lang, tx::REMOVE_RULE) on:click=remove>"×"</button>
            </div>
            {error_line(lang, err)}
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
    let kinds = move || {
        let lang = lang.get();
        let current = current_kind.get();
        let mut list = fitting_edge_kinds(from_kind, to_kind);
        if let Some(k) = current.filter(|k| !list.contains(k)) {
            list.insert(0, k);
        }
        let list = list
            .into_iter()
            .map(|k| (k.id().to_owned(), k.info().name.get(lang).to_owned()))
            .collect();
        options(current.map(EdgeKind::id).unwrap_or(""), list)
    };
    let on_kind = move |ev: Event| {
        let Some(kind) = EdgeKind::from_id(&event_target_value(&ev)) else {
            return;
        };
        let kept = current_kind.get_untracked().map(EdgeKind::id).unwrap_or("");
        let command = Command::SetEdgeKind {
            id: eid.get_value(),
            kind,
        };
        commit(state, kind_err, command, &ev, kept);
    };
    let label = move || edge.with(|e| e.as_ref().map(|e| e.label.clone()).unwrap_or_default());
    let on_label = move |ev: Event| {
        let command = Command::SetEdgeLabel {
            id: eid.get_value(),
            label: event_target_value(&ev),
        };
        commit(state, label_err, command, &ev, &label());
    };
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
    let delete = move |_| {
        let _ = state.dispatch(Command::Delete {
            nodes: vec![],
            edges: vec![eid.get_value()],
        });
    };
    view! {
        <h2 class="insp-title">
            <span>{move || current_kind.get().map(|k| k.info().name.get(lang.get()))}</span>
        </h2>
        <p class="insp-ends" data-testid="inspector-ends">
            <span class="insp-name">{tr(lang, tx::ENDS)}</span>
            " "
            {ends}
        </p>
        <label class="insp-field">
            <span class="insp-name">{tr(lang, tx::EDGE_KIND)}</span>
            <select data-testid="inspector-edge-kind" aria-label=tr(lang, tx::EDGE_KIND) on:change=on_kind>
                {kinds}
            </select>
            {error_line(lang, kind_err)}
        </label>
        <label class="insp-field">
            <span class="insp-name">{tr(lang, tx::LABEL)}</span>
            <input type="text" data-testid="inspector-edge-label" maxlength="1000" aria-label=tr(lang, tx::LABEL)
                prop:value=label on:change=on_label />
            {error_line(lang, label_err)}
        </label>
        {move || is_rule().then(|| view! {
            <div class="rule-fields insp-rule" data-testid="inspector-rule">{rule_inputs(state, eid, rule_err)}</div>
            {error_line(lang, rule_err)}
            {edge_findings(state, eid)}
        })}
        <div class="insp-actions">
            <button type="button" class="danger" data-testid="inspector-delete" on:click=delete>
                {tr(lang, tx::DELETE)}
            </button>
        </div>
    }
    .into_any()
}
