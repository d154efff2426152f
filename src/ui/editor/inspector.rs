//! The inspector: label and parameters of the selected node, kind, label and rule of the
//! selected edge, and an ALB's listener rules in evaluation order.
//!
//! Every field is drawn by one generic renderer from the catalogue's `ParamSpec` (no code per
//! kind, apart from the Fargate task size and the RDS classes' prices). Every change is a
//! `Command` through `AppState::dispatch`; the core decides, and a refused value is explained
//! next to its field while the control goes back to the design's value.
//!
//! Size: the inspector is written as one escaped HTML string (`render`) from a memo, and
//! `morph` brings the live section up to date with it, keeping the elements that stay (so the
//! focus, the caret and Tab order survive an edit). Two listeners on the section handle every
//! control, found by its data attributes. Typed Leptos views cost one monomorphised copy per
//! binding; this costs one string writer.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement, HtmlSelectElement};

use crate::core::document::catalogue::{
    EdgeKind, Kind, ParamSpec, ParamType, FARGATE_VCPU, RDS_CLASSES,
};
use crate::core::document::fargate;
use crate::core::document::model::{Design, EdgeId, NodeId, ParamValue};
use crate::core::document::region::Region;
use crate::core::edit::{fitting_edge_kinds, rules_of, Command, MAX_PRIORITY};
use crate::core::support::html::{el, esc};
use crate::core::support::i18n::{Lang, Text};
use crate::core::support::numtext::shortest;
use crate::core::validate::{self, Finding, Severity};

use crate::ui::editor::gestures::target_element;
use crate::ui::editor::morph::follow;
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

/// The inspector section of the side panel.
#[component]
pub fn Inspector() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let errors = RwSignal::new(Errors::new());
    // The target picked for the next ALB rule.
    let new_target = RwSignal::new(String::new());
    let shown = Memo::new(move |_| state.selection.with(showing));
    Effect::new(move |_| {
        shown.track();
        errors.set(Errors::new());
    });
    let html = Memo::new(move |_| {
        let showing = shown.get();
        let lang = lang.get();
        let errors = errors.get();
        let new_target = new_target.get();
        state.design.with(|d| {
            state.findings.with(|fs| {
                let mut r = Render {
                    out: String::new(),
                    lang,
                    errors: &errors,
                    findings: fs,
                    d,
                };
                match showing {
                    Showing::Hint => r.hint(),
                    Showing::Many(n) => r.many(n),
                    Showing::Node(id) => r.node(state, &id, &new_target),
                    Showing::Edge(id) => r.edge(&id),
                }
                r.out
            })
        })
    });
    let section = NodeRef::<leptos::html::Section>::new();
    // Runs on every change of the design, not only of the text: a control left showing
    // something the design no longer says (typed, then undone) is put back.
    follow(section, html, move || {
        state.design.track();
        true
    });
    let on_click = move |ev: leptos::ev::MouseEvent| on_click(state, new_target, section, &ev);
    view! {
        <section
            class="inspector"
            data-testid="inspector"
            aria-label=move || tx::INSPECTOR.get(lang.get())
            node_ref=section
            on:click=on_click
            // Every control's change, caught on the way down (a `change` fired by a script
            // need not bubble).
            on:change:capture=move |ev| on_change(state, errors, new_target, &ev)
            // The first text at once (the effect above keeps it up to date).
            inner_html=html.get_untracked()
        ></section>
    }
}

// --- Writing ----------------------------------------------------------------------------------

struct Render<'a> {
    out: String,
    lang: Lang,
    errors: &'a Errors,
    findings: &'a [Finding],
    d: &'a Design,
}

/// An attribute of a control: name and value (escaped when written).
type Attr<'a> = (&'static str, &'a str);

impl Render<'_> {
    fn t(&self, text: impl Into<Text>) -> &'static str {
        text.into().get(self.lang)
    }

    fn text(&mut self, s: &str) {
        esc(&mut self.out, s);
    }

    fn attrs(&mut self, attrs: &[Attr]) {
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            esc(&mut self.out, value);
            self.out.push('"');
        }
    }

    /// An `<input>` of `ty` with these attributes, showing `value` (or ticked when `checked`).
    fn input(&mut self, ty: &str, attrs: &[Attr], value: &str, checked: bool) {
        self.out.push_str("<input");
        self.attrs(&[("type", ty)]);
        self.attrs(attrs);
        self.out.push_str(r#" maxlength="1000" autocomplete="off""#);
        if ty == "checkbox" {
            if checked {
                self.out.push_str(" checked");
            }
        } else {
            self.attrs(&[("value", value)]);
        }
        self.out.push('>');
    }

    /// A `<select>` of `(value, text)` options with `current` selected.
    fn select(&mut self, attrs: &[Attr], options: &[(String, String)], current: &str) {
        self.out.push_str("<select");
        self.attrs(attrs);
        self.out.push('>');
        for (v, t) in options {
            self.out.push_str("<option");
            self.attrs(&[("value", v)]);
            if v == current {
                self.out.push_str(" selected");
            }
            self.out.push('>');
            self.text(t);
            self.out.push_str("</option>");
        }
        self.out.push_str("</select>");
    }

    /// A button; `aria` names it when its text does not (arrows, ×).
    fn button(&mut self, class: &str, attrs: &[Attr], text: &str, aria: Option<&str>) {
        self.out.push_str(r#"<button type="button""#);
        if !class.is_empty() {
            self.attrs(&[("class", class)]);
        }
        self.attrs(attrs);
        if let Some(a) = aria {
            self.attrs(&[("aria-label", a), ("title", a)]);
        }
        self.out.push('>');
        self.text(text);
        self.out.push_str("</button>");
    }

    /// A labelled row: the visible name, the control (written by `control`) with its unit, and
    /// the inline message of the field `err` (none: `None`).
    fn field(
        &mut self,
        class: &str,
        name: &str,
        unit: Option<&str>,
        err: Option<&str>,
        control: impl FnOnce(&mut Self),
    ) {
        self.out.push_str("<label");
        self.attrs(&[("class", class)]);
        self.out.push('>');
        el(
            &mut self.out,
            r#"<span class="insp-name">"#,
            name,
            "</span>",
        );
        self.out.push_str(r#"<span class="insp-control">"#);
        control(self);
        if let Some(u) = unit {
            el(
                &mut self.out,
                r#"<span class="insp-unit" aria-hidden="true">"#,
                u,
                "</span>",
            );
        }
        self.out.push_str("</span>");
        if let Some(key) = err {
            self.error_line(key);
        }
        self.out.push_str("</label>");
    }

    /// A paragraph opened by `open`: its name, a space and `text`.
    fn named_line(&mut self, open: &str, name: &str, text: &str) {
        self.out.push_str(open);
        el(
            &mut self.out,
            r#"<span class="insp-name">"#,
            name,
            "</span>",
        );
        self.out.push(' ');
        self.text(text);
        self.out.push_str("</p>");
    }

    /// The inline message of a refused edit of the field `key`.
    fn error_line(&mut self, key: &str) {
        let lang = self.lang;
        if let Some((_, t)) = self.errors.iter().find(|(k, _)| k == key) {
            el(
                &mut self.out,
                r#"<span class="field-error" role="alert">"#,
                t.get(lang),
                "</span>",
            );
        }
    }

    /// Findings as a list: severity and text, marked with the rule's id.
    fn findings_list(&mut self, class: &str, items: &[(Severity, &str, &str)]) {
        if items.is_empty() {
            return;
        }
        self.out.push_str("<ul");
        self.attrs(&[("class", class)]);
        self.out.push('>');
        for (sev, rule, text) in items {
            self.out.push_str("<li");
            self.attrs(&[
                ("class", &format!("sev-{}", sev.id())),
                ("data-rule-id", rule),
            ]);
            self.out.push('>');
            el(&mut self.out, "<strong>", sev.name(self.lang), "</strong>");
            self.out.push(' ');
            self.text(text);
            self.out.push_str("</li>");
        }
        self.out.push_str("</ul>");
    }

    /// Duplicate (when `dup`) and Delete buttons; they act on the selection.
    fn actions(&mut self, dup: bool) {
        self.out.push_str(r#"<div class="insp-actions">"#);
        if dup {
            let t = self.t(tx::DUPLICATE);
            self.button("", &[("data-testid", "inspector-duplicate")], t, None);
        }
        let t = self.t(tx::DELETE);
        self.button("danger", &[("data-testid", "inspector-delete")], t, None);
        self.out.push_str("</div>");
    }

    // --- What is shown ------------------------------------------------------------------------

    fn hint(&mut self) {
        self.out
            .push_str(r#"<ul class="insp-hint muted" data-testid="inspector-hint">"#);
        for m in [tx::HINT_ADD, tx::HINT_SELECT, tx::HINT_CONNECT] {
            el(&mut self.out, "<li>", m.get(self.lang), "</li>");
        }
        self.out.push_str("</ul>");
    }

    fn many(&mut self, n: usize) {
        el(
            &mut self.out,
            r#"<p class="insp-count" data-testid="inspector-count">"#,
            &tx::items_selected(self.lang, n),
            "</p>",
        );
        self.actions(true);
    }

    fn node(&mut self, state: AppState, id: &NodeId, new_target: &str) {
        let d = self.d;
        let Some(node) = d.nodes.get(id) else { return };
        let kind = node.kind;
        let info = kind.info();
        let lang = self.lang;
        self.out.push_str(r#"<h2 class="insp-title"><svg class="insp-icon" viewBox="0 0 48 48" aria-hidden="true">"#);
        self.out.push_str(crate::core::drawing::icons::icon(kind));
        self.out.push_str("</svg>");
        el(&mut self.out, "<span>", info.name.get(lang), "</span></h2>");
        let label = self.t(tx::LABEL);
        self.field("insp-field", label, None, Some("label"), |r| {
            r.input(
                "text",
                &[
                    ("data-testid", "inspector-label"),
                    ("aria-label", label),
                    ("placeholder", info.name.get(lang)),
                ],
                &node.label,
                false,
            );
        });
        // The ECS service's vCPU and memory are one Fargate size, unless it runs on EC2.
        let fargate = kind == Kind::EcsService && node.text("launch_type") == "FARGATE";
        if !info.params.is_empty() {
            el(
                &mut self.out,
                r#"<h3 class="insp-sub">"#,
                tx::SETTINGS.get(lang),
                "</h3>",
            );
            self.out
                .push_str(r#"<div class="insp-params" data-testid="inspector-params">"#);
            for p in info.params {
                if fargate && p.key == "memory_gb" {
                    continue;
                }
                if fargate && p.key == "vcpu" {
                    self.fargate_field(node.num("vcpu"), node.num("memory_gb"));
                } else {
                    let rds = matches!(p.ty, ParamType::Choice(l) if l == RDS_CLASSES);
                    let unpriced = (p.key == "instance_class" && rds)
                        .then(|| unpriced_rds_classes(state, d.region, node.flag("multi_az")))
                        .flatten();
                    self.param_field(p, node.params.get(p.key), unpriced.as_deref());
                }
            }
            self.out.push_str("</div>");
        }
        if kind == Kind::Alb {
            self.alb_rules(id, new_target);
        }
        if !node.note.is_empty() {
            self.named_line(
                r#"<p class="insp-note muted" data-testid="inspector-note">"#,
                tx::NOTE.get(lang),
                &node.note,
            );
        }
        let items: Vec<(Severity, &str, &str)> = self
            .findings
            .iter()
            .filter(|f| f.nodes.contains(id))
            .map(|f| {
                let title = validate::rule(f.rule).map_or(f.rule, |r| r.title.get(lang));
                (f.severity, f.rule, title)
            })
            .collect();
        if !items.is_empty() {
            el(
                &mut self.out,
                r#"<h3 class="insp-sub">"#,
                tx::FINDINGS.get(lang),
                "</h3>",
            );
        }
        self.findings_list("insp-findings", &items);
        self.actions(true);
    }

    /// One parameter of a node as a labelled control, whatever its type.
    fn param_field(
        &mut self,
        spec: &'static ParamSpec,
        value: Option<&ParamValue>,
        unpriced: Option<&[&str]>,
    ) {
        let lang = self.lang;
        let key = spec.key;
        let text = shown(value);
        let name = spec.name.get(lang);
        let unit = spec.unit.map(|u| tx::unit(lang, u));
        let aria = match unit {
            Some(u) => format!("{name} ({u})"),
            None => name.to_owned(),
        };
        let err = format!("p:{key}");
        if matches!(spec.ty, ParamType::AzList) {
            return self.az_field(spec, value, &err);
        }
        self.field("insp-field", name, unit, Some(&err), |r| match spec.ty {
            ParamType::Number { min, max } => r.input(
                "number",
                &[
                    ("data-param", key),
                    ("min", &shortest(min)),
                    ("max", &shortest(max)),
                    ("step", "any"),
                    ("aria-label", &aria),
                ],
                &text,
                false,
            ),
            ParamType::Integer { min, max } => r.input(
                "number",
                &[
                    ("data-param", key),
                    ("min", &min.to_string()),
                    ("max", &max.to_string()),
                    ("step", "1"),
                    ("aria-label", &aria),
                ],
                &text,
                false,
            ),
            ParamType::Bool => r.input(
                "checkbox",
                &[("data-param", key), ("aria-label", &aria)],
                "",
                matches!(value, Some(ParamValue::Bool(true))),
            ),
            ParamType::Text | ParamType::AzList => r.input(
                "text",
                &[("data-param", key), ("aria-label", &aria)],
                &text,
                false,
            ),
            ParamType::Choice(list) => {
                let options = list
                    .iter()
                    .map(|c| {
                        let mark = unpriced.is_some_and(|u| u.contains(c));
                        let shown = if mark {
                            format!("{c} {}", tx::PRICE_UNKNOWN.get(lang))
                        } else {
                            (*c).to_owned()
                        };
                        ((*c).to_owned(), shown)
                    })
                    .collect();
                r.select(
                    &[("data-param", key), ("aria-label", &aria)],
                    &with_current(options, &text),
                    &text,
                );
            }
            ParamType::NumberChoice(list) => {
                let options = list.iter().map(|c| (shortest(*c), shortest(*c))).collect();
                r.select(
                    &[("data-param", key), ("aria-label", &aria)],
                    &with_current(options, &text),
                    &text,
                );
            }
        });
    }

    /// AZ letters as one checkbox per zone of the design's region (and any other letter the
    /// node holds); the core refuses an empty list.
    fn az_field(&mut self, spec: &'static ParamSpec, value: Option<&ParamValue>, err: &str) {
        let lang = self.lang;
        let region = self.d.region;
        let held: &[String] = match value {
            Some(ParamValue::List(l)) => l,
            _ => &[],
        };
        let mut letters: Vec<&str> = region.az_letters().to_vec();
        for l in held {
            if !letters.contains(&l.as_str()) {
                letters.push(l.as_str());
            }
        }
        self.out
            .push_str(r#"<fieldset class="insp-field insp-azs""#);
        self.attrs(&[("data-param", spec.key)]);
        self.out.push('>');
        el(
            &mut self.out,
            r#"<legend class="insp-name">"#,
            spec.name.get(lang),
            "</legend>",
        );
        for letter in letters {
            let foreign = !region.az_letters().contains(&letter);
            self.out.push_str(r#"<label class="insp-check">"#);
            self.input(
                "checkbox",
                &[("data-az", letter)],
                "",
                held.iter().any(|h| h == letter),
            );
            self.out.push_str("<span>");
            self.text(&region.az_name(letter));
            if foreign {
                self.text(tx::NOT_IN_REGION.get(lang));
            }
            self.out.push_str("</span></label>");
        }
        self.error_line(err);
        self.out.push_str("</fieldset>");
    }

    /// The ECS service's vCPU and memory as one select of the sizes Fargate offers.
    fn fargate_field(&mut self, v: f64, m: f64) {
        let lang = self.lang;
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
        let name = tx::TASK_SIZE.get(lang);
        self.field("insp-field", name, None, Some("fargate"), |r| {
            r.select(
                &[("data-param", "fargate-size"), ("aria-label", name)],
                &list,
                &fargate_code(v, m),
            );
        });
    }

    // --- Rules and edges --------------------------------------------------------------------

    /// The priority and path pattern of an `alb_rule` edge, as two labelled inputs, and the
    /// message of a refused edit of the rule (shown once, under both).
    fn rule_inputs(&mut self, id: &EdgeId, priority: u32, path: &str) {
        let lang = self.lang;
        self.out.push_str(r#"<div class="rule-fields">"#);
        let name = tx::PRIORITY.get(lang);
        self.field("rule-field", name, None, None, |r| {
            r.input(
                "number",
                &[
                    ("data-rule-field", "priority"),
                    ("min", "1"),
                    ("max", &MAX_PRIORITY.to_string()),
                    ("step", "1"),
                    ("aria-label", name),
                ],
                &priority.to_string(),
                false,
            );
        });
        let name = tx::PATH_PATTERN.get(lang);
        self.field("rule-field", name, None, None, |r| {
            r.input(
                "text",
                &[("data-rule-field", "path"), ("aria-label", name)],
                path,
                false,
            );
        });
        self.out.push_str("</div>");
        self.error_line(&format!("rule:{id}"));
    }

    /// The validator's messages about the edge `id`, in the current language.
    fn edge_findings(&mut self, id: &EdgeId) {
        let lang = self.lang;
        let items: Vec<(Severity, &str, &str)> = self
            .findings
            .iter()
            .filter(|f| f.edges.contains(id))
            .map(|f| (f.severity, f.rule, f.message.get(lang)))
            .collect();
        self.findings_list("rule-findings", &items);
    }

    /// The ALB's listener rules in evaluation order, editable, and its default action.
    fn alb_rules(&mut self, alb: &NodeId, new_target: &str) {
        let lang = self.lang;
        let d = self.d;
        let heading = tx::LISTENER_RULES.get(lang);
        self.out
            .push_str(r#"<section class="alb-rules" data-testid="alb-rules""#);
        self.attrs(&[("aria-label", heading)]);
        self.out.push('>');
        el(&mut self.out, r#"<h3 class="insp-sub">"#, heading, "</h3>");
        el(
            &mut self.out,
            r#"<p class="muted insp-small">"#,
            tx::RULES_ORDER.get(lang),
            "</p>",
        );
        let rules = rules_of(d, alb);
        if rules.is_empty() {
            el(
                &mut self.out,
                r#"<p class="muted">"#,
                tx::NO_RULES.get(lang),
                "</p>",
            );
        }
        let targets = rule_targets(d, lang);
        self.out.push_str(r#"<ol class="rule-list">"#);
        for e in rules {
            self.rule_row(e, &targets);
        }
        self.out.push_str("</ol>");
        let defaults: Vec<String> = d
            .edges
            .values()
            .filter(|e| e.from == *alb && e.kind == EdgeKind::AlbDefault)
            .map(|e| node_name(d, &e.to, lang))
            .collect();
        self.out
            .push_str(r#"<p class="rule-default" data-testid="alb-default">"#);
        el(
            &mut self.out,
            r#"<span class="insp-name">"#,
            tx::DEFAULT_ACTION.get(lang),
            "</span> → ",
        );
        if defaults.is_empty() {
            self.text(tx::NO_DEFAULT.get(lang));
        } else {
            self.text(&defaults.join(", "));
        }
        self.out.push_str("</p>");
        if targets.is_empty() {
            el(
                &mut self.out,
                r#"<p class="muted insp-small">"#,
                tx::NO_TARGETS.get(lang),
                "</p>",
            );
        } else {
            self.out.push_str(r#"<div class="rule-add">"#);
            self.select(
                &[
                    ("data-testid", "alb-new-rule-target"),
                    ("aria-label", tx::NEW_RULE_TARGET.get(lang)),
                ],
                &targets,
                new_target,
            );
            let t = tx::ADD_RULE.get(lang);
            self.button("", &[("data-testid", "alb-add-rule")], t, None);
            self.out.push_str("</div>");
        }
        self.out.push_str("</section>");
    }

    /// One rule of the ALB's list: priority, path pattern, target, order buttons, remove, and
    /// the validator's messages about it.
    fn rule_row(&mut self, e: &crate::core::document::model::Edge, targets: &[(String, String)]) {
        let lang = self.lang;
        let (priority, path) = e
            .rule
            .as_ref()
            .map(|r| (r.priority, r.path_pattern.as_str()))
            .unwrap_or((0, ""));
        self.out.push_str(r#"<li class="rule-row""#);
        self.attrs(&[("data-rule-edge", &e.id.to_string())]);
        self.out.push('>');
        self.rule_inputs(&e.id, priority, path);
        self.out.push_str(r#"<div class="rule-tools">"#);
        let current = e.to.to_string();
        let mut options = targets.to_vec();
        if !options.iter().any(|(id, _)| *id == current) {
            options.insert(0, (current.clone(), node_name(self.d, &e.to, lang)));
        }
        self.select(
            &[
                ("data-rule-field", "target"),
                ("aria-label", tx::TARGET.get(lang)),
            ],
            &options,
            &current,
        );
        for (class, action, text, aria) in [
            ("icon-button", "up", "↑", tx::MOVE_UP),
            ("icon-button", "down", "↓", tx::MOVE_DOWN),
            ("icon-button danger", "remove", "×", tx::REMOVE_RULE),
        ] {
            self.button(
                class,
                &[("data-action", action)],
                text,
                Some(aria.get(lang)),
            );
        }
        self.out.push_str("</div>");
        self.edge_findings(&e.id);
        self.out.push_str("</li>");
    }

    fn edge(&mut self, id: &EdgeId) {
        let d = self.d;
        let lang = self.lang;
        let Some(e) = d.edges.get(id) else { return };
        let (Some(from), Some(to)) = (d.nodes.get(&e.from), d.nodes.get(&e.to)) else {
            return;
        };
        el(
            &mut self.out,
            r#"<h2 class="insp-title"><span>"#,
            e.kind.info().name.get(lang),
            "</span></h2>",
        );
        let ends = format!(
            "{} → {}",
            node_name(d, &e.from, lang),
            node_name(d, &e.to, lang)
        );
        self.named_line(
            r#"<p class="insp-ends" data-testid="inspector-ends">"#,
            tx::ENDS.get(lang),
            &ends,
        );
        let mut kinds = fitting_edge_kinds(from.kind, to.kind);
        if !kinds.contains(&e.kind) {
            kinds.insert(0, e.kind);
        }
        let options: Vec<(String, String)> = kinds
            .into_iter()
            .map(|k| (k.id().to_owned(), k.info().name.get(lang).to_owned()))
            .collect();
        let name = tx::EDGE_KIND.get(lang);
        self.field("insp-field", name, None, Some("kind"), |r| {
            r.select(
                &[("data-testid", "inspector-edge-kind"), ("aria-label", name)],
                &options,
                e.kind.id(),
            );
        });
        let name = tx::LABEL.get(lang);
        self.field("insp-field", name, None, Some("edge-label"), |r| {
            r.input(
                "text",
                &[
                    ("data-testid", "inspector-edge-label"),
                    ("aria-label", name),
                ],
                &e.label,
                false,
            );
        });
        if e.kind == EdgeKind::AlbRule {
            let (priority, path) = e
                .rule
                .as_ref()
                .map(|r| (r.priority, r.path_pattern.as_str()))
                .unwrap_or((0, ""));
            self.out
                .push_str(r#"<div class="insp-rule" data-testid="inspector-rule">"#);
            self.rule_inputs(id, priority, path);
            self.out.push_str("</div>");
            self.edge_findings(id);
        }
        self.actions(false);
    }
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

// --- Acting -----------------------------------------------------------------------------------

/// Sets the message of the field `key` (`None`: clears it).
fn set_error(errors: RwSignal<Errors>, key: &str, text: Option<Text>) {
    let has = errors.with_untracked(|e| e.iter().any(|(k, _)| k == key));
    if !has && text.is_none() {
        return;
    }
    errors.update(|e| {
        e.retain(|(k, _)| k != key);
        if let Some(t) = text {
            e.push((key.to_owned(), t));
        }
    });
}

/// Puts a control back to `value` (after a refused edit).
fn reset_control(target: &Element, value: &str) {
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

/// Dispatches `command`; on refusal shows the reason under the field `key` and puts the
/// control back to `kept`.
fn commit(
    state: AppState,
    errors: RwSignal<Errors>,
    key: &str,
    command: Command,
    target: &Element,
    kept: &str,
) {
    match state.dispatch(command) {
        Ok(_) => set_error(errors, key, None),
        Err(refusal) => {
            set_error(errors, key, Some(refusal.0));
            reset_control(target, kept);
        }
    }
}

/// The value of the input or select `target`.
fn value_of(target: &Element) -> String {
    if let Some(i) = target.dyn_ref::<HtmlInputElement>() {
        i.value()
    } else if let Some(s) = target.dyn_ref::<HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}

/// The number typed into the input `target` (`None`: not a number).
fn typed_number(target: &Element) -> Option<f64> {
    target
        .dyn_ref::<HtmlInputElement>()
        .map(|i| i.value_as_number())
        .filter(|v| v.is_finite())
}

fn checked(target: &Element) -> bool {
    target
        .dyn_ref::<HtmlInputElement>()
        .is_some_and(HtmlInputElement::checked)
}

fn on_change(state: AppState, errors: RwSignal<Errors>, new_target: RwSignal<String>, ev: &Event) {
    let Some(target) = target_element(ev) else {
        return;
    };
    let attr = |name: &str| target.get_attribute(name);
    let selection = state.selection.get_untracked();
    if attr("data-testid").as_deref() == Some("alb-new-rule-target") {
        new_target.set(value_of(&target));
    } else if let Some(field) = attr("data-rule-field") {
        // A rule's row in the ALB's list, or the selected rule edge.
        let id = match target.closest("[data-rule-edge]").ok().flatten() {
            Some(row) => EdgeId(row.get_attribute("data-rule-edge").unwrap_or_default()),
            None => match selection.single_edge() {
                Some(id) => id.clone(),
                None => return,
            },
        };
        rule_changed(state, errors, &id, &field, &target);
    } else if let Some(id) = selection.single_node().cloned() {
        node_changed(state, errors, &id, &target);
    } else if let Some(id) = selection.single_edge().cloned() {
        let testid = attr("data-testid").unwrap_or_default();
        let Some((kind, label)) = state
            .design
            .with_untracked(|d| d.edges.get(&id).map(|e| (e.kind, e.label.clone())))
        else {
            return;
        };
        if testid == "inspector-edge-kind" {
            let Some(new) = EdgeKind::from_id(&value_of(&target)) else {
                return;
            };
            let command = Command::SetEdgeKind { id, kind: new };
            commit(state, errors, "kind", command, &target, kind.id());
        } else if testid == "inspector-edge-label" {
            let command = Command::SetEdgeLabel {
                id,
                label: value_of(&target),
            };
            commit(state, errors, "edge-label", command, &target, &label);
        }
    }
}

fn rule_changed(
    state: AppState,
    errors: RwSignal<Errors>,
    id: &EdgeId,
    field: &str,
    target: &Element,
) {
    let key = format!("rule:{id}");
    let Some((p, path, to)) = state.design.with_untracked(|d| {
        d.edges.get(id).map(|e| {
            let (p, path) = e
                .rule
                .as_ref()
                .map(|r| (r.priority, r.path_pattern.clone()))
                .unwrap_or((0, String::new()));
            (p, path, e.to.to_string())
        })
    }) else {
        return;
    };
    let id = id.clone();
    match field {
        "priority" => {
            let Some(v) = typed_number(target) else {
                set_error(errors, &key, Some(tx::NOT_A_NUMBER.text()));
                reset_control(target, &p.to_string());
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
                id,
                priority,
                path_pattern: path,
            };
            commit(state, errors, &key, command, target, &p.to_string());
        }
        "path" => {
            let command = Command::SetRule {
                id,
                priority: p,
                path_pattern: value_of(target),
            };
            commit(state, errors, &key, command, target, &path);
        }
        "target" => {
            let command = Command::SetEdgeTarget {
                id,
                to: NodeId(value_of(target)),
            };
            commit(state, errors, &key, command, target, &to);
        }
        _ => {}
    }
}

fn node_changed(state: AppState, errors: RwSignal<Errors>, id: &NodeId, target: &Element) {
    let Some((kind, label, region, size)) = state.design.with_untracked(|d| {
        d.nodes.get(id).map(|n| {
            let size = (n.num("vcpu"), n.num("memory_gb"));
            (n.kind, n.label.clone(), d.region, size)
        })
    }) else {
        return;
    };
    let current = |key: &str| {
        state
            .design
            .with_untracked(|d| d.nodes.get(id).and_then(|n| n.params.get(key).cloned()))
    };
    let set = |key: &str, values: Vec<(String, ParamValue)>, kept: &str| {
        let command = Command::SetParams {
            id: id.clone(),
            values,
        };
        commit(state, errors, key, command, target, kept);
    };
    if target.get_attribute("data-testid").as_deref() == Some("inspector-label") {
        let command = Command::SetLabel {
            id: id.clone(),
            label: value_of(target),
        };
        commit(state, errors, "label", command, target, &label);
        return;
    }
    if let Some(letter) = target.get_attribute("data-az") {
        // AZ letters: one box each; the list keeps the region's order.
        let Some(key) = target
            .closest("[data-param]")
            .ok()
            .flatten()
            .and_then(|f| f.get_attribute("data-param"))
        else {
            return;
        };
        let mut list: Vec<String> = match current(&key) {
            Some(ParamValue::List(l)) => l,
            _ => Vec::new(),
        };
        list.retain(|l| *l != letter);
        if checked(target) {
            list.push(letter);
        }
        crate::core::support::sort::sort_by_key(&mut list, |l| {
            region
                .az_letters()
                .iter()
                .position(|x| x == l)
                .unwrap_or(usize::MAX)
        });
        set(&format!("p:{key}"), vec![(key, ParamValue::List(list))], "");
        return;
    }
    let Some(key) = target.get_attribute("data-param") else {
        return;
    };
    if key == "fargate-size" {
        let picked = value_of(target);
        let kept = fargate_code(size.0, size.1);
        let found = FARGATE_VCPU.iter().find_map(|&cpu| {
            fargate::valid_memory_gb(cpu)
                .into_iter()
                .find(|&mem| fargate_code(cpu, mem) == picked)
                .map(|mem| (cpu, mem))
        });
        let Some((cpu, mem)) = found else { return };
        let values = vec![
            ("vcpu".to_owned(), ParamValue::Num(cpu)),
            ("memory_gb".to_owned(), ParamValue::Num(mem)),
        ];
        set("fargate", values, &kept);
        return;
    }
    let Some(spec) = kind.info().params.iter().find(|p| p.key == key) else {
        return;
    };
    let err = format!("p:{key}");
    let kept = shown(current(&key).as_ref());
    let value = match spec.ty {
        ParamType::Number { .. } | ParamType::Integer { .. } => match typed_number(target) {
            Some(v) => ParamValue::Num(v),
            None => {
                set_error(errors, &err, Some(tx::NOT_A_NUMBER.text()));
                reset_control(target, &kept);
                return;
            }
        },
        ParamType::Bool => ParamValue::Bool(checked(target)),
        ParamType::Text | ParamType::Choice(_) | ParamType::AzList => {
            ParamValue::Str(value_of(target))
        }
        ParamType::NumberChoice(list) => {
            let picked = value_of(target);
            match list.iter().find(|c| shortest(**c) == picked) {
                Some(c) => ParamValue::Num(*c),
                None => return,
            }
        }
    };
    set(&err, vec![(key, value)], &kept);
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

fn on_click(
    state: AppState,
    new_target: RwSignal<String>,
    section: NodeRef<leptos::html::Section>,
    ev: &leptos::ev::MouseEvent,
) {
    let Some(button) = target_element(ev).and_then(|t| t.closest("button").ok().flatten()) else {
        return;
    };
    let selection = state.selection.get_untracked();
    match button.get_attribute("data-testid").as_deref() {
        Some("inspector-duplicate") => {
            let ids = selection.nodes();
            if !ids.is_empty() {
                let _ = state.dispatch(Command::Duplicate { ids });
            }
            return;
        }
        Some("inspector-delete") => {
            let _ = state.dispatch(Command::Delete {
                nodes: selection.nodes(),
                edges: selection.edges(),
            });
            return;
        }
        Some("alb-add-rule") => {
            let Some(from) = selection.single_node().cloned() else {
                return;
            };
            let chosen = new_target.get_untracked();
            let to = state.design.with_untracked(|d| {
                let targets = rule_targets(d, state.lang.get_untracked());
                targets
                    .iter()
                    .find(|(id, _)| *id == chosen)
                    .or(targets.first())
                    .map(|(id, _)| NodeId(id.clone()))
            });
            let Some(to) = to else { return };
            let added = state.dispatch(Command::Connect {
                from: from.clone(),
                to,
                kind: Some(EdgeKind::AlbRule),
            });
            if added.is_ok() {
                // Stay on the ALB: the new rule shows in its list.
                state.selection.set(Selection::node(from));
            }
            return;
        }
        _ => {}
    }
    let Some(row) = button.closest("[data-rule-edge]").ok().flatten() else {
        return;
    };
    let id = EdgeId(row.get_attribute("data-rule-edge").unwrap_or_default());
    match button.get_attribute("data-action").as_deref() {
        Some(action @ ("up" | "down")) => {
            let _ = state.dispatch(Command::MoveRule {
                id: id.clone(),
                up: action == "up",
            });
            // The list is drawn again in the new order: keep the keyboard on this button.
            focus_later(
                section,
                format!("[data-rule-edge=\"{id}\"] [data-action={action}]"),
            );
        }
        Some("remove") => {
            let _ = state.dispatch(Command::Delete {
                nodes: vec![],
                edges: vec![id],
            });
            // The row is gone: the keyboard goes on to the first rule, or to "Add rule".
            focus_later(
                section,
                "[data-rule-field=priority], [data-testid=alb-add-rule]".to_owned(),
            );
        }
        _ => {}
    }
}
