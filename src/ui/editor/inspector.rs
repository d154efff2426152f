//! The inspector: label and parameters of the selected node, kind, label and rule of the
//! selected edge, and an ALB's listener rules in evaluation order.
//!
//! Every parameter is drawn by one generic component, [`ParamField`], from the catalogue's
//! `ParamSpec` (no code per kind, apart from the Fargate task size and the RDS classes'
//! prices). Every change is a `Command` through `AppState::dispatch`; the core decides, and a
//! refused value is explained next to its field while the control goes back to the design's
//! value. What is shown is built once per selected thing, and each control follows its own
//! value: an edit elsewhere leaves the focus and the caret where they are, and the ALB's rules
//! are a keyed `<For>` (a rule's fields stay with the rule when others are added, removed or
//! moved).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};

use crate::core::document::catalogue::{
    choice_label, EdgeKind, Kind, ParamSpec, ParamType, FARGATE_VCPU, RDS_CLASSES,
};
use crate::core::document::fargate;
use crate::core::document::model::{Design, EdgeId, NodeId, ParamValue};
use crate::core::document::region::Region;
use crate::core::drawing::svg;
use crate::core::edit::{fitting_edge_kinds, rules_of, Command, MAX_PRIORITY};
use crate::core::support::i18n::{Lang, Text};
use crate::core::support::numtext::shortest;
use crate::core::validate::{self, Severity};

use crate::ui::shell::pricing::TableState;
use crate::ui::shell::state::{AppState, Selection};
use crate::ui::text::editor as tx;

/// What the inspector shows.
#[derive(Debug, Clone, PartialEq)]
enum Showing {
    Hint,
    Node(NodeId),
    Edge(EdgeId),
    Many(usize),
}

fn showing(s: &Selection) -> Showing {
    if let Some(id) = s.single_node() {
        Showing::Node(id.clone())
    } else if let Some(id) = s.single_edge() {
        Showing::Edge(id.clone())
    } else if let Selection::Items { nodes, edges } = s {
        Showing::Many(nodes.len() + edges.len())
    } else {
        Showing::Hint
    }
}

/// Refused edits, by field: `label`, `p:<param>`, `fargate`, `kind`, `edge-label`,
/// `rule:<edge>`. Cleared when what is shown changes.
type Errors = Vec<(String, Text)>;

/// What the inspector's parts share.
#[derive(Clone, Copy)]
struct Ctx {
    state: AppState,
    errors: RwSignal<Errors>,
    /// The target picked for the next ALB rule.
    new_target: RwSignal<String>,
}

impl Ctx {
    fn lang(&self) -> Lang {
        self.state.lang.get()
    }

    /// Sets the message of the field `key` (`None`: clears it).
    fn set_error(&self, key: &str, text: Option<Text>) {
        let has = self
            .errors
            .with_untracked(|e| e.iter().any(|(k, _)| k == key));
        if !has && text.is_none() {
            return;
        }
        self.errors.update(|e| {
            e.retain(|(k, _)| k != key);
            if let Some(t) = text {
                e.push((key.to_owned(), t));
            }
        });
    }

    /// Dispatches `command`; on refusal shows the reason under the field `key` and puts the
    /// control back (`reset`).
    fn commit(&self, key: &str, command: Command, reset: impl FnOnce()) {
        match self.state.dispatch(command) {
            Ok(_) => self.set_error(key, None),
            Err(refusal) => {
                self.set_error(key, Some(refusal.0));
                reset();
            }
        }
    }
}

/// The inspector section of the side panel.
#[component]
pub fn Inspector() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let cx = Ctx {
        state,
        errors: RwSignal::new(Errors::new()),
        new_target: RwSignal::new(String::new()),
    };
    provide_context(cx);
    let shown = Memo::new(move |_| state.selection.with(showing));
    Effect::new(move |_| {
        shown.track();
        cx.errors.set(Errors::new());
    });
    let body = move || match shown.get() {
        Showing::Hint => view! {
            <ul class="insp-hint muted" data-testid="inspector-hint">
                <li>{move || tx::HINT_ADD.get(lang.get())}</li>
                <li>{move || tx::HINT_SELECT.get(lang.get())}</li>
                <li>{move || tx::HINT_CONNECT.get(lang.get())}</li>
            </ul>
        }
        .into_any(),
        Showing::Many(n) => view! {
            <p class="insp-count" data-testid="inspector-count">
                {move || tx::items_selected(lang.get(), n)}
            </p>
            <Actions duplicate=true />
        }
        .into_any(),
        Showing::Node(id) => view! { <NodeView id /> }.into_any(),
        Showing::Edge(id) => view! { <EdgeView id /> }.into_any(),
    };
    view! {
        <section
            id="inspector"
            tabindex="-1"
            class="inspector"
            data-testid="inspector"
            aria-label=move || tx::INSPECTOR.get(lang.get())
        >
            {body}
        </section>
    }
}

// --- Parts --------------------------------------------------------------------------------------

/// The inline message of a refused edit of the field `key`.
#[component]
fn ErrorLine(
    /// The field (see [`Errors`]).
    key: String,
) -> impl IntoView {
    let cx = expect_context::<Ctx>();
    move || {
        cx.errors
            .with(|e| e.iter().find(|(k, _)| *k == key).map(|(_, t)| *t))
            .map(|t| view! { <span class="field-error" role="alert">{t.get(cx.lang())}</span> })
    }
}

/// A labelled row: the visible name, the control with its unit, and the inline message of
/// the field `err`.
#[component]
fn Field(
    /// `insp-field` or `rule-field`.
    class: &'static str,
    /// The visible name.
    name: Signal<String>,
    /// The unit after the control.
    #[prop(optional_no_strip)]
    unit: Option<Signal<String>>,
    /// The field whose refusals are shown here (none: `None`).
    #[prop(optional_no_strip)]
    err: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <label class=class>
            <span class="insp-name">{name}</span>
            <span class="insp-control">
                {children()}
                {unit.map(|u| view! { <span class="insp-unit" aria-hidden="true">{u}</span> })}
            </span>
            {err.map(|key| view! { <ErrorLine key /> })}
        </label>
    }
}

/// Findings as a list: severity and text, marked with the rule's id.
#[component]
fn FindingsList(
    /// The list's class.
    class: &'static str,
    /// Severity, rule id and text of each.
    items: Signal<Vec<(Severity, &'static str, String)>>,
) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    move || {
        let items = items.get();
        (!items.is_empty()).then(|| {
            view! {
                <ul class=class>
                    {items
                        .into_iter()
                        .map(|(sev, rule, text)| {
                            view! {
                                <li class=format!("sev-{}", sev.id()) data-rule-id=rule>
                                    <strong>{move || sev.name(lang.get())}</strong>
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

/// Duplicate (when `duplicate`) and Delete buttons; they act on the selection.
#[component]
fn Actions(
    /// Whether Duplicate is offered.
    duplicate: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let on_duplicate = move |_| {
        let ids = state.selection.with_untracked(Selection::nodes);
        if !ids.is_empty() {
            let _ = state.dispatch(Command::Duplicate { ids });
        }
    };
    let on_delete = move |_| {
        let (nodes, edges) = state.selection.with_untracked(|s| (s.nodes(), s.edges()));
        let _ = state.dispatch(Command::Delete { nodes, edges });
    };
    view! {
        <div class="insp-actions">
            {duplicate
                .then(|| {
                    view! {
                        <button type="button" data-testid="inspector-duplicate" on:click=on_duplicate>
                            {move || tx::DUPLICATE.get(lang.get())}
                        </button>
                    }
                })}
            <button type="button" class="danger" data-testid="inspector-delete" on:click=on_delete>
                {move || tx::DELETE.get(lang.get())}
            </button>
        </div>
    }
}

/// A `<select>` of `(value, text)` options, the one equal to `current` selected.
#[component]
fn Options(
    /// The options.
    options: Signal<Vec<(String, String)>>,
    /// The value shown.
    current: Signal<String>,
) -> impl IntoView {
    move || {
        options
            .get()
            .into_iter()
            .map(|(v, t)| {
                let mine = v.clone();
                let now = current.with_untracked(|c| *c == v);
                view! {
                    <option value=v selected=now prop:selected=move || current.with(|c| *c == mine)>
                        {t}
                    </option>
                }
            })
            .collect_view()
    }
}

// --- A node -------------------------------------------------------------------------------------

/// A node: its kind, label, parameters, an ALB's rules, its note and its findings.
#[component]
fn NodeView(
    /// Which node.
    id: NodeId,
) -> impl IntoView {
    let cx = expect_context::<Ctx>();
    let state = cx.state;
    let lang = state.lang;
    let Some(kind) = state
        .design
        .with_untracked(|d| d.nodes.get(&id).map(|n| n.kind))
    else {
        return ().into_any();
    };
    let info = kind.info();
    let label = {
        let id = id.clone();
        Memo::new(move |_| {
            state.design.with(|d| {
                d.nodes
                    .get(&id)
                    .map(|n| n.label.clone())
                    .unwrap_or_default()
            })
        })
    };
    let on_label = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let input = event_target::<HtmlInputElement>(&ev);
            let command = Command::SetLabel {
                id: id.clone(),
                label: input.value(),
            };
            cx.commit("label", command, || input.set_value(&label.get_untracked()));
        }
    };
    // The ECS service's vCPU and memory are one Fargate size, unless it runs on EC2.
    let fargate = {
        let id = id.clone();
        Memo::new(move |_| {
            kind == Kind::EcsService
                && state.design.with(|d| {
                    d.nodes
                        .get(&id)
                        .is_some_and(|n| n.text("launch_type") == "FARGATE")
                })
        })
    };
    let params = (!info.params.is_empty()).then(|| {
        let fields = info
            .params
            .iter()
            .map(|spec| {
                let node = id.clone();
                match spec.key {
                    "vcpu" if kind == Kind::EcsService => (move || {
                        if fargate.get() {
                            view! { <FargateField node=node.clone() /> }.into_any()
                        } else {
                            view! { <ParamField spec node=node.clone() /> }.into_any()
                        }
                    })
                    .into_any(),
                    "memory_gb" if kind == Kind::EcsService => (move || {
                        (!fargate.get()).then(|| view! { <ParamField spec node=node.clone() /> })
                    })
                    .into_any(),
                    _ => view! { <ParamField spec node /> }.into_any(),
                }
            })
            .collect_view();
        view! {
            <h3 class="insp-sub">{move || tx::SETTINGS.get(lang.get())}</h3>
            <div class="insp-params" data-testid="inspector-params">{fields}</div>
        }
    });
    let rules = (kind == Kind::Alb).then(|| view! { <AlbRules alb=id.clone() /> });
    let note = {
        let id = id.clone();
        move || {
            let note = state
                .design
                .with(|d| d.nodes.get(&id).map(|n| n.note.clone()).unwrap_or_default());
            (!note.is_empty()).then(|| {
                view! {
                    <p class="insp-note muted" data-testid="inspector-note">
                        <span class="insp-name">{tx::NOTE.get(lang.get())}</span>
                        " "
                        {note}
                    </p>
                }
            })
        }
    };
    let findings = {
        let id = id.clone();
        Memo::new(move |_| {
            let lang = lang.get();
            state.findings.with(|fs| {
                fs.iter()
                    .filter(|f| f.nodes.contains(&id))
                    .map(|f| {
                        let title = validate::rule(f.rule).map_or(f.rule, |r| r.title.get(lang));
                        (f.severity, f.rule, title.to_owned())
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <h2 class="insp-title">
            <svg
                class="insp-icon"
                viewBox="0 0 48 48"
                aria-hidden="true"
                inner_html=svg::icon(kind).into_string()
            ></svg>
            <span>{move || info.name.get(lang.get())}</span>
        </h2>
        <Field
            class="insp-field"
            name=Signal::derive(move || tx::LABEL.get(lang.get()).to_owned())
            err=Some("label".to_owned())
        >
            <input
                type="text"
                data-testid="inspector-label"
                aria-label=move || tx::LABEL.get(lang.get())
                placeholder=move || info.name.get(lang.get())
                maxlength="1000"
                autocomplete="off"
                value=move || label.get()
                prop:value=move || label.get()
                on:change=on_label
            />
        </Field>
        {params}
        {rules}
        {note}
        <Show when=move || findings.with(|f| !f.is_empty())>
            <h3 class="insp-sub">{move || tx::FINDINGS.get(lang.get())}</h3>
        </Show>
        <FindingsList class="insp-findings" items=findings.into() />
        <Actions duplicate=true />
    }
    .into_any()
}

/// One parameter of a node as a labelled control, whatever its type: a number with its unit
/// and bounds, a choice, a checkbox, a text, or the AZ boxes.
#[component]
fn ParamField(
    /// What the parameter is.
    spec: &'static ParamSpec,
    /// Whose.
    node: NodeId,
) -> impl IntoView {
    let cx = expect_context::<Ctx>();
    let state = cx.state;
    let lang = state.lang;
    let key = spec.key;
    let err = format!("p:{key}");
    if matches!(spec.ty, ParamType::AzList) {
        return view! { <AzField spec node /> }.into_any();
    }
    let value = {
        let node = node.clone();
        Memo::new(move |_| {
            state
                .design
                .with(|d| d.nodes.get(&node).and_then(|n| n.params.get(key).cloned()))
        })
    };
    let text = Memo::new(move |_| value.with(|v| shown(v.as_ref())));
    let unit = spec
        .unit
        .map(|u| Signal::derive(move || tx::unit(lang.get(), u).to_owned()));
    let aria = move || {
        let lang = lang.get();
        let name = spec.name.get(lang);
        match spec.unit {
            Some(u) => format!("{name} ({})", tx::unit(lang, u)),
            None => name.to_owned(),
        }
    };
    // A value the control holds, or why not (the control goes back to the design's value).
    let on_change = {
        let err = err.clone();
        let node = node.clone();
        move |ev: leptos::ev::Event| {
            let target = ev.target();
            let input = target
                .as_ref()
                .and_then(|t| t.dyn_ref::<HtmlInputElement>());
            let select = target
                .as_ref()
                .and_then(|t| t.dyn_ref::<HtmlSelectElement>());
            let kept = text.get_untracked();
            let reset = || {
                if let Some(i) = input {
                    if i.type_() == "checkbox" {
                        i.set_checked(!i.checked());
                    } else {
                        i.set_value(&kept);
                    }
                }
                if let Some(s) = select {
                    s.set_value(&kept);
                }
            };
            let typed = input
                .map(HtmlInputElement::value)
                .or(select.map(HtmlSelectElement::value));
            let value = match spec.ty {
                ParamType::Number { .. } | ParamType::Integer { .. } => {
                    match input.map(|i| i.value_as_number()).filter(|v| v.is_finite()) {
                        Some(v) => ParamValue::Num(v),
                        None => {
                            cx.set_error(&err, Some(tx::NOT_A_NUMBER.text()));
                            reset();
                            return;
                        }
                    }
                }
                ParamType::Bool => ParamValue::Bool(input.is_some_and(HtmlInputElement::checked)),
                ParamType::Text | ParamType::Choice(_) | ParamType::AzList => {
                    ParamValue::Str(typed.unwrap_or_default())
                }
                ParamType::NumberChoice(list) => {
                    let picked = typed.unwrap_or_default();
                    match list.iter().find(|c| shortest(**c) == picked) {
                        Some(c) => ParamValue::Num(*c),
                        None => return,
                    }
                }
            };
            let command = Command::SetParams {
                id: node.clone(),
                values: vec![(key.to_owned(), value)],
            };
            cx.commit(&err, command, reset);
        }
    };
    let number = |min: String, max: String, step: &'static str| {
        view! {
            <input
                type="number"
                data-param=key
                min=min
                max=max
                step=step
                aria-label=aria
                maxlength="1000"
                autocomplete="off"
                value=move || text.get()
                prop:value=move || text.get()
                on:change=on_change.clone()
            />
        }
        .into_any()
    };
    let choice = |options: Signal<Vec<(String, String)>>| {
        view! {
            <select data-param=key aria-label=aria on:change=on_change.clone()>
                <Options options current=text.into() />
            </select>
        }
        .into_any()
    };
    let control = match spec.ty {
        ParamType::Number { min, max } => number(shortest(min), shortest(max), "any"),
        ParamType::Integer { min, max } => number(min.to_string(), max.to_string(), "1"),
        ParamType::Bool => view! {
            <input
                type="checkbox"
                data-param=key
                aria-label=aria
                maxlength="1000"
                autocomplete="off"
                checked=move || matches!(value.get(), Some(ParamValue::Bool(true)))
                prop:checked=move || matches!(value.get(), Some(ParamValue::Bool(true)))
                on:change=on_change.clone()
            />
        }
        .into_any(),
        ParamType::Text | ParamType::AzList => view! {
            <input
                type="text"
                data-param=key
                aria-label=aria
                maxlength="1000"
                autocomplete="off"
                value=move || text.get()
                prop:value=move || text.get()
                on:change=on_change.clone()
            />
        }
        .into_any(),
        ParamType::Choice(list) => {
            let rds = list == RDS_CLASSES && key == "instance_class";
            let node = node.clone();
            choice(Signal::derive(move || {
                let lang = lang.get();
                let unpriced = rds
                    .then(|| {
                        state.design.with(|d| {
                            let multi = d.nodes.get(&node).is_some_and(|n| n.flag("multi_az"));
                            unpriced_rds_classes(state, d.region, multi)
                        })
                    })
                    .flatten();
                let options = list
                    .iter()
                    .map(|c| {
                        let mark = unpriced.as_ref().is_some_and(|u| u.contains(c));
                        let shown = if mark {
                            format!("{c} {}", tx::PRICE_UNKNOWN.get(lang))
                        } else {
                            choice_label(c).map_or(*c, |l| l.get(lang)).to_owned()
                        };
                        ((*c).to_owned(), shown)
                    })
                    .collect();
                with_current(options, &text.get())
            }))
        }
        ParamType::NumberChoice(list) => choice(Signal::derive(move || {
            let options = list.iter().map(|c| (shortest(*c), shortest(*c))).collect();
            with_current(options, &text.get())
        })),
    };
    view! {
        <Field
            class="insp-field"
            name=Signal::derive(move || spec.name.get(lang.get()).to_owned())
            unit
            err=Some(err)
        >
            {control}
        </Field>
    }
    .into_any()
}

/// AZ letters as one checkbox per zone of the design's region (and any other letter the
/// node holds); the core refuses an empty list.
#[component]
fn AzField(
    /// The AZ list parameter.
    spec: &'static ParamSpec,
    /// Whose.
    node: NodeId,
) -> impl IntoView {
    let cx = expect_context::<Ctx>();
    let state = cx.state;
    let lang = state.lang;
    let key = spec.key;
    let err = format!("p:{key}");
    let held = {
        let node = node.clone();
        Memo::new(move |_| {
            state.design.with(
                |d| match d.nodes.get(&node).and_then(|n| n.params.get(key)) {
                    Some(ParamValue::List(l)) => l.clone(),
                    _ => Vec::new(),
                },
            )
        })
    };
    let region = Memo::new(move |_| state.design.with(|d| d.region));
    let letters = Memo::new(move |_| {
        let region = region.get();
        let mut letters: Vec<String> = region
            .az_letters()
            .iter()
            .map(|l| (*l).to_owned())
            .collect();
        held.with(|held| {
            for l in held {
                if !letters.contains(l) {
                    letters.push(l.clone());
                }
            }
        });
        letters
    });
    let toggle = {
        let err = err.clone();
        move |letter: String, input: HtmlInputElement| {
            let on = input.checked();
            let region = region.get_untracked();
            let mut list = held.get_untracked();
            list.retain(|l| *l != letter);
            if on {
                list.push(letter);
            }
            crate::core::support::sort::sort_by_key(&mut list, |l| {
                region
                    .az_letters()
                    .iter()
                    .position(|x| x == l)
                    .unwrap_or(usize::MAX)
            });
            let command = Command::SetParams {
                id: node.clone(),
                values: vec![(key.to_owned(), ParamValue::List(list))],
            };
            cx.commit(&err, command, || input.set_checked(!on));
        }
    };
    view! {
        <fieldset class="insp-field insp-azs" data-param=key>
            <legend class="insp-name">{move || spec.name.get(lang.get())}</legend>
            <For
                each=move || letters.get()
                key=|l| l.clone()
                children=move |letter| {
                    let mine = letter.clone();
                    let toggle = toggle.clone();
                    let name = {
                        let letter = letter.clone();
                        move || {
                            let region = region.get();
                            let mut name = region.az_name(&letter);
                            if !region.az_letters().contains(&letter.as_str()) {
                                name.push_str(tx::NOT_IN_REGION.get(lang.get()));
                            }
                            name
                        }
                    };
                    view! {
                        <label class="insp-check">
                            <input
                                type="checkbox"
                                data-az=letter.clone()
                                maxlength="1000"
                                autocomplete="off"
                                checked=held.with_untracked(|h| h.contains(&letter))
                                prop:checked=move || held.with(|h| h.contains(&mine))
                                on:change=move |ev| toggle(letter.clone(), event_target::<HtmlInputElement>(&ev))
                            />
                            <span>{name}</span>
                        </label>
                    }
                }
            />
            <ErrorLine key=err />
        </fieldset>
    }
}

/// The ECS service's vCPU and memory as one select of the sizes Fargate offers.
#[component]
fn FargateField(
    /// The ECS service.
    node: NodeId,
) -> impl IntoView {
    let cx = expect_context::<Ctx>();
    let state = cx.state;
    let lang = state.lang;
    let size = {
        let node = node.clone();
        Memo::new(move |_| {
            state.design.with(|d| {
                d.nodes
                    .get(&node)
                    .map(|n| (n.num("vcpu"), n.num("memory_gb")))
                    .unwrap_or_default()
            })
        })
    };
    let current = Signal::derive(move || {
        let (v, m) = size.get();
        fargate_code(v, m)
    });
    let options = Signal::derive(move || {
        let lang = lang.get();
        let (v, m) = size.get();
        let mut list: Vec<(String, String)> = Vec::new();
        if !fargate::is_valid(v, m) {
            list.push((
                fargate_code(v, m),
                format!("{} {}", tx::fargate_pair(v, m), tx::NOT_VALID.get(lang)),
            ));
        }
        for &cpu in FARGATE_VCPU {
            for mem in fargate::valid_memory_gb(cpu) {
                list.push((fargate_code(cpu, mem), tx::fargate_pair(cpu, mem)));
            }
        }
        list
    });
    let on_change = move |ev: leptos::ev::Event| {
        let select = event_target::<HtmlSelectElement>(&ev);
        let picked = select.value();
        let found = FARGATE_VCPU.iter().find_map(|&cpu| {
            fargate::valid_memory_gb(cpu)
                .into_iter()
                .find(|&mem| fargate_code(cpu, mem) == picked)
                .map(|mem| (cpu, mem))
        });
        let Some((cpu, mem)) = found else { return };
        let command = Command::SetParams {
            id: node.clone(),
            values: vec![
                ("vcpu".to_owned(), ParamValue::Num(cpu)),
                ("memory_gb".to_owned(), ParamValue::Num(mem)),
            ],
        };
        cx.commit("fargate", command, || {
            select.set_value(&current.get_untracked())
        });
    };
    view! {
        <Field
            class="insp-field"
            name=Signal::derive(move || tx::TASK_SIZE.get(lang.get()).to_owned())
            err=Some("fargate".to_owned())
        >
            <select
                data-param="fargate-size"
                aria-label=move || tx::TASK_SIZE.get(lang.get())
                on:change=on_change
            >
                <Options options current />
            </select>
        </Field>
    }
}

// --- Rules and edges ------------------------------------------------------------------------------

/// A rule edge's priority and path pattern.
fn rule_of(d: &Design, id: &EdgeId) -> Option<(u32, String)> {
    let e = d.edges.get(id)?;
    Some(
        e.rule
            .as_ref()
            .map(|r| (r.priority, r.path_pattern.clone()))
            .unwrap_or((0, String::new())),
    )
}

/// The priority and path pattern of an `alb_rule` edge, as two labelled inputs, and the
/// message of a refused edit of the rule (shown once, under both).
#[component]
fn RuleInputs(
    /// The rule edge.
    edge: EdgeId,
) -> impl IntoView {
    let cx = expect_context::<Ctx>();
    let state = cx.state;
    let lang = state.lang;
    let err = format!("rule:{edge}");
    let rule = {
        let edge = edge.clone();
        Memo::new(move |_| state.design.with(|d| rule_of(d, &edge)))
    };
    let priority = Memo::new(move |_| rule.with(|r| r.as_ref().map(|r| r.0).unwrap_or(0)));
    let path =
        Memo::new(move |_| rule.with(|r| r.as_ref().map(|r| r.1.clone()).unwrap_or_default()));
    let on_priority = {
        let (edge, err) = (edge.clone(), err.clone());
        move |ev: leptos::ev::Event| {
            let input = event_target::<HtmlInputElement>(&ev);
            let kept = priority.get_untracked().to_string();
            let v = input.value_as_number();
            if !v.is_finite() {
                cx.set_error(&err, Some(tx::NOT_A_NUMBER.text()));
                input.set_value(&kept);
                return;
            }
            // Anything but a whole number in range becomes 0, which the core refuses with
            // the reason.
            let priority = if v.fract() == 0.0 && v >= 1.0 && v <= MAX_PRIORITY as f64 {
                v as u32
            } else {
                0
            };
            let command = Command::SetRule {
                id: edge.clone(),
                priority,
                path_pattern: path.get_untracked(),
            };
            cx.commit(&err, command, || input.set_value(&kept));
        }
    };
    let on_path = {
        let (edge, err) = (edge.clone(), err.clone());
        move |ev: leptos::ev::Event| {
            let input = event_target::<HtmlInputElement>(&ev);
            let command = Command::SetRule {
                id: edge.clone(),
                priority: priority.get_untracked(),
                path_pattern: input.value(),
            };
            cx.commit(&err, command, || input.set_value(&path.get_untracked()));
        }
    };
    view! {
        <div class="rule-fields">
            <Field class="rule-field" name=Signal::derive(move || tx::PRIORITY.get(lang.get()).to_owned())>
                <input
                    type="number"
                    data-rule-field="priority"
                    min="1"
                    max=MAX_PRIORITY.to_string()
                    step="1"
                    aria-label=move || tx::PRIORITY.get(lang.get())
                    maxlength="1000"
                    autocomplete="off"
                    value=move || priority.get().to_string()
                    prop:value=move || priority.get().to_string()
                    on:change=on_priority
                />
            </Field>
            <Field class="rule-field" name=Signal::derive(move || tx::PATH_PATTERN.get(lang.get()).to_owned())>
                <input
                    type="text"
                    data-rule-field="path"
                    aria-label=move || tx::PATH_PATTERN.get(lang.get())
                    maxlength="1000"
                    autocomplete="off"
                    value=move || path.get()
                    prop:value=move || path.get()
                    on:change=on_path
                />
            </Field>
        </div>
        <ErrorLine key=err />
    }
}

/// The validator's messages about the edge `id`, in the current language.
#[component]
fn EdgeFindings(
    /// The edge.
    edge: EdgeId,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let items = Signal::derive(move || {
        let lang = state.lang.get();
        state.findings.with(|fs| {
            fs.iter()
                .filter(|f| f.edges.contains(&edge))
                .map(|f| (f.severity, f.rule, f.message.get(lang).to_owned()))
                .collect::<Vec<_>>()
        })
    });
    view! { <FindingsList class="rule-findings" items /> }
}

/// The ALB's listener rules in evaluation order, editable, and its default action.
#[component]
fn AlbRules(
    /// The ALB.
    alb: NodeId,
) -> impl IntoView {
    let cx = expect_context::<Ctx>();
    let state = cx.state;
    let lang = state.lang;
    let rules = {
        let alb = alb.clone();
        Memo::new(move |_| {
            state.design.with(|d| {
                rules_of(d, &alb)
                    .iter()
                    .map(|e| e.id.clone())
                    .collect::<Vec<EdgeId>>()
            })
        })
    };
    let targets = Memo::new(move |_| {
        let lang = lang.get();
        state.design.with(|d| rule_targets(d, lang))
    });
    let defaults = {
        let alb = alb.clone();
        move || {
            let lang = lang.get();
            let names: Vec<String> = state.design.with(|d| {
                d.edges
                    .values()
                    .filter(|e| e.from == alb && e.kind == EdgeKind::AlbDefault)
                    .map(|e| node_name(d, &e.to, lang))
                    .collect()
            });
            if names.is_empty() {
                tx::NO_DEFAULT.get(lang).to_owned()
            } else {
                names.join(", ")
            }
        }
    };
    let list = NodeRef::<leptos::html::Ol>::new();
    let add = NodeRef::<leptos::html::Button>::new();
    let on_add = {
        let alb = alb.clone();
        move |_| {
            let chosen = cx.new_target.get_untracked();
            let to = targets.with_untracked(|targets| {
                targets
                    .iter()
                    .find(|(id, _)| *id == chosen)
                    .or(targets.first())
                    .map(|(id, _)| NodeId(id.clone()))
            });
            let Some(to) = to else { return };
            let added = state.dispatch(Command::Connect {
                from: alb.clone(),
                to,
                kind: Some(EdgeKind::AlbRule),
            });
            if added.is_ok() {
                // Stay on the ALB: the new rule shows in its list.
                state.selection.set(Selection::node(alb.clone()));
            }
        }
    };
    // After a rule is removed the keyboard goes on to the first rule, or to "Add rule".
    let after_remove = move || {
        request_animation_frame(move || {
            let first = list
                .get_untracked()
                .and_then(|l| l.query_selector("input").ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            match first {
                Some(el) => {
                    let _ = el.focus();
                }
                None => {
                    if let Some(b) = add.get_untracked() {
                        let _ = b.focus();
                    }
                }
            }
        });
    };
    view! {
        <section
            class="alb-rules"
            data-testid="alb-rules"
            aria-label=move || tx::LISTENER_RULES.get(lang.get())
        >
            <h3 class="insp-sub">{move || tx::LISTENER_RULES.get(lang.get())}</h3>
            <p class="muted insp-small">{move || tx::RULES_ORDER.get(lang.get())}</p>
            <Show when=move || rules.with(Vec::is_empty)>
                <p class="muted">{move || tx::NO_RULES.get(lang.get())}</p>
            </Show>
            <ol class="rule-list" node_ref=list>
                <For
                    each=move || rules.get()
                    key=|id| id.clone()
                    children=move |id| view! { <RuleRow id targets after_remove /> }
                />
            </ol>
            <p class="rule-default" data-testid="alb-default">
                <span class="insp-name">{move || tx::DEFAULT_ACTION.get(lang.get())}</span>
                " → "
                {defaults}
            </p>
            <Show
                when=move || targets.with(|t| !t.is_empty())
                fallback=move || {
                    view! { <p class="muted insp-small">{move || tx::NO_TARGETS.get(lang.get())}</p> }
                }
            >
                <div class="rule-add">
                    <select
                        data-testid="alb-new-rule-target"
                        aria-label=move || tx::NEW_RULE_TARGET.get(lang.get())
                        on:change=move |ev| cx.new_target.set(event_target_value(&ev))
                    >
                        <Options options=targets.into() current=cx.new_target.into() />
                    </select>
                    <button type="button" data-testid="alb-add-rule" node_ref=add on:click=on_add.clone()>
                        {move || tx::ADD_RULE.get(lang.get())}
                    </button>
                </div>
            </Show>
        </section>
    }
}

/// One rule of the ALB's list: priority, path pattern, target, order buttons, remove, and
/// the validator's messages about it.
#[component]
fn RuleRow(
    /// The rule edge.
    id: EdgeId,
    /// The nodes a rule can forward to.
    targets: Memo<Vec<(String, String)>>,
    /// Where the keyboard goes once this rule is removed.
    after_remove: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let cx = expect_context::<Ctx>();
    let state = cx.state;
    let lang = state.lang;
    let to = {
        let id = id.clone();
        Memo::new(move |_| {
            state.design.with(|d| {
                d.edges
                    .get(&id)
                    .map(|e| e.to.to_string())
                    .unwrap_or_default()
            })
        })
    };
    let options = Signal::derive(move || {
        let lang = lang.get();
        let current = to.get();
        let mut options = targets.get();
        if !options.iter().any(|(id, _)| *id == current) {
            let name = state
                .design
                .with(|d| node_name(d, &NodeId(current.clone()), lang));
            options.insert(0, (current, name));
        }
        options
    });
    let on_target = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let select = event_target::<HtmlSelectElement>(&ev);
            let command = Command::SetEdgeTarget {
                id: id.clone(),
                to: NodeId(select.value()),
            };
            cx.commit(&format!("rule:{id}"), command, || {
                select.set_value(&to.get_untracked())
            });
        }
    };
    let up = NodeRef::<leptos::html::Button>::new();
    let down = NodeRef::<leptos::html::Button>::new();
    let shift = {
        let id = id.clone();
        move |go_up: bool| {
            let _ = state.dispatch(Command::MoveRule {
                id: id.clone(),
                up: go_up,
            });
            // The row moved in the list: keep the keyboard on this button.
            let button = if go_up { up } else { down };
            request_animation_frame(move || {
                if let Some(b) = button.get_untracked() {
                    let _ = b.focus();
                }
            });
        }
    };
    let remove = {
        let id = id.clone();
        move |_| {
            let _ = state.dispatch(Command::Delete {
                nodes: vec![],
                edges: vec![id.clone()],
            });
            after_remove();
        }
    };
    let shift_down = shift.clone();
    let label = move |m: crate::ui::text::i18n::Msg| move || m.get(lang.get());
    let row_key = id.to_string();
    view! {
        <li class="rule-row" data-rule-edge=row_key>
            <RuleInputs edge=id.clone() />
            <div class="rule-tools">
                <select
                    data-rule-field="target"
                    aria-label=move || tx::TARGET.get(lang.get())
                    on:change=on_target
                >
                    <Options options current=to.into() />
                </select>
                <button
                    type="button"
                    class="icon-button"
                    data-action="up"
                    node_ref=up
                    aria-label=label(tx::MOVE_UP)
                    title=label(tx::MOVE_UP)
                    on:click=move |_| shift(true)
                >
                    "↑"
                </button>
                <button
                    type="button"
                    class="icon-button"
                    data-action="down"
                    node_ref=down
                    aria-label=label(tx::MOVE_DOWN)
                    title=label(tx::MOVE_DOWN)
                    on:click=move |_| shift_down(false)
                >
                    "↓"
                </button>
                <button
                    type="button"
                    class="icon-button danger"
                    data-action="remove"
                    aria-label=label(tx::REMOVE_RULE)
                    title=label(tx::REMOVE_RULE)
                    on:click=remove
                >
                    "×"
                </button>
            </div>
            <EdgeFindings edge=id />
        </li>
    }
}

/// An edge: its kind, ends, label, the rule of an ALB rule, and its findings.
#[component]
fn EdgeView(
    /// Which edge.
    id: EdgeId,
) -> impl IntoView {
    let cx = expect_context::<Ctx>();
    let state = cx.state;
    let lang = state.lang;
    /// What the view shows of the edge.
    #[derive(Clone, PartialEq)]
    struct Shown {
        kind: EdgeKind,
        label: String,
        ends: String,
        kinds: Vec<EdgeKind>,
    }
    let edge = {
        let id = id.clone();
        Memo::new(move |_| {
            let lang = lang.get();
            state.design.with(|d| {
                let e = d.edges.get(&id)?;
                let (from, to) = (d.nodes.get(&e.from)?, d.nodes.get(&e.to)?);
                let mut kinds = fitting_edge_kinds(from.kind, to.kind);
                if !kinds.contains(&e.kind) {
                    kinds.insert(0, e.kind);
                }
                Some(Shown {
                    kind: e.kind,
                    label: e.label.clone(),
                    ends: format!(
                        "{} → {}",
                        node_name(d, &e.from, lang),
                        node_name(d, &e.to, lang)
                    ),
                    kinds,
                })
            })
        })
    };
    if edge.with_untracked(Option::is_none) {
        return ().into_any();
    }
    let with =
        move |f: fn(&Shown) -> String| move || edge.with(|e| e.as_ref().map(f).unwrap_or_default());
    let kind_id = Signal::derive(with(|e| e.kind.id().to_owned()));
    let label = Signal::derive(with(|e| e.label.clone()));
    let options = Signal::derive(move || {
        let lang = lang.get();
        edge.with(|e| {
            e.iter()
                .flat_map(|e| e.kinds.iter())
                .map(|k| (k.id().to_owned(), k.info().name.get(lang).to_owned()))
                .collect::<Vec<_>>()
        })
    });
    let on_kind = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let select = event_target::<HtmlSelectElement>(&ev);
            let Some(kind) = EdgeKind::from_id(&select.value()) else {
                return;
            };
            let command = Command::SetEdgeKind {
                id: id.clone(),
                kind,
            };
            cx.commit("kind", command, || {
                select.set_value(&kind_id.get_untracked())
            });
        }
    };
    let on_label = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let input = event_target::<HtmlInputElement>(&ev);
            let command = Command::SetEdgeLabel {
                id: id.clone(),
                label: input.value(),
            };
            cx.commit("edge-label", command, || {
                input.set_value(&label.get_untracked())
            });
        }
    };
    let is_rule =
        Memo::new(move |_| edge.with(|e| e.as_ref().is_some_and(|e| e.kind == EdgeKind::AlbRule)));
    let rule = {
        let id = id.clone();
        move || {
            is_rule.get().then(|| {
                view! {
                    <div class="insp-rule" data-testid="inspector-rule">
                        <RuleInputs edge=id.clone() />
                    </div>
                    <EdgeFindings edge=id.clone() />
                }
            })
        }
    };
    view! {
        <h2 class="insp-title">
            <span>
                {move || {
                    edge.with(|e| e.as_ref().map(|e| e.kind.info().name.get(lang.get())).unwrap_or_default())
                }}
            </span>
        </h2>
        <p class="insp-ends" data-testid="inspector-ends">
            <span class="insp-name">{move || tx::ENDS.get(lang.get())}</span>
            " "
            {with(|e| e.ends.clone())}
        </p>
        <Field
            class="insp-field"
            name=Signal::derive(move || tx::EDGE_KIND.get(lang.get()).to_owned())
            err=Some("kind".to_owned())
        >
            <select
                data-testid="inspector-edge-kind"
                aria-label=move || tx::EDGE_KIND.get(lang.get())
                on:change=on_kind
            >
                <Options options current=kind_id />
            </select>
        </Field>
        <Field
            class="insp-field"
            name=Signal::derive(move || tx::LABEL.get(lang.get()).to_owned())
            err=Some("edge-label".to_owned())
        >
            <input
                type="text"
                data-testid="inspector-edge-label"
                aria-label=move || tx::LABEL.get(lang.get())
                maxlength="1000"
                autocomplete="off"
                value=move || label.get()
                prop:value=move || label.get()
                on:change=on_label
            />
        </Field>
        {rule}
        <Actions duplicate=false />
    }
    .into_any()
}

/// `options` with `current` first when it is not one of them (a value from a file).
fn with_current(mut options: Vec<(String, String)>, current: &str) -> Vec<(String, String)> {
    if !options.iter().any(|(v, _)| v == current) {
        options.insert(0, (current.to_owned(), current.to_owned()));
    }
    options
}

fn fargate_code(v: f64, m: f64) -> String {
    format!("{}/{}", shortest(v), shortest(m))
}

/// A value as a control shows it.
fn shown(value: Option<&ParamValue>) -> String {
    match value {
        Some(ParamValue::Num(v)) => shortest(*v),
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

/// The RDS classes without a known price in the loaded table of `region` (for the node's
/// Multi-AZ setting); `None` while no table is loaded.
fn unpriced_rds_classes(state: AppState, region: Region, multi: bool) -> Option<Vec<&'static str>> {
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

/// The nodes an ALB rule can forward to (the kinds the catalogue connects from an ALB with a
/// rule), by name.
fn rule_targets(d: &Design, lang: Lang) -> Vec<(String, String)> {
    d.nodes
        .values()
        .filter(|n| fitting_edge_kinds(Kind::Alb, n.kind).contains(&EdgeKind::AlbRule))
        .map(|n| (n.id.to_string(), n.display_label(lang).to_owned()))
        .collect()
}
