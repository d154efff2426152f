//! A teacher's class view (issue 20) as a side-panel section (not mounted yet: with it the first
//! load measured 603.7 KB, over the 600 KB guard; see BENCHMARKS.md): paste a class list (or choose its
//! text file), pick the model answer (this design or a template), and read one row per student
//! — errors, warnings, checklist points, monthly total and its difference from the model, the
//! differences — sortable by any column; open a student's design beside the model (the compare
//! view) and export the table as CSV. The links are opened and graded by the on-demand module
//! (`jobs::Job::Grade`, `core::course::class`); nothing leaves the browser.

// Not mounted until the first load has room for it (see above); kept compiling and linted.
#![allow(dead_code)]

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::document::templates::TEMPLATES;
use crate::core::format::load::to_json;
use crate::core::support::sort::sort_by;
use crate::jobs::{ClassRow, Graded, Job};

use crate::ui::course::compare::panel_words;
use crate::ui::panels::section::Section;
use crate::ui::shell::files::download;
use crate::ui::shell::state::AppState;
use crate::ui::shell::worker::{ask_text, rendered};
use crate::ui::text::i18n::{msg, tr, Msg};

/// A column the table sorts by.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Errors,
    Warnings,
    Checklist,
    Monthly,
    Delta,
    Changes,
}

const COLUMNS: [(Column, &str); 7] = [
    (Column::Name, "name"),
    (Column::Errors, "errors"),
    (Column::Warnings, "warnings"),
    (Column::Checklist, "checklist"),
    (Column::Monthly, "monthly"),
    (Column::Delta, "delta"),
    (Column::Changes, "changes"),
];

fn title(c: Column) -> Msg {
    match c {
        Column::Name => msg!(class_name),
        Column::Errors => msg!(class_errors),
        Column::Warnings => msg!(class_warnings),
        Column::Checklist => msg!(class_checklist),
        Column::Monthly => msg!(class_monthly),
        Column::Delta => msg!(class_delta),
        Column::Changes => msg!(class_changes),
    }
}

/// Orders two rows by `c`; unread rows after read ones.
fn order(c: Column, a: &ClassRow, b: &ClassRow) -> std::cmp::Ordering {
    let num = |r: &ClassRow| match c {
        Column::Errors => Some(r.errors as i64),
        Column::Warnings => Some(r.warnings as i64),
        Column::Checklist => Some(r.checklist_met as i64),
        Column::Monthly => r.total_cents,
        Column::Delta => r.delta_cents,
        Column::Changes => Some(r.changes as i64),
        Column::Name => None,
    };
    (!a.read).cmp(&!b.read).then_with(|| match c {
        Column::Name => a.name.cmp(&b.name),
        _ => num(a).cmp(&num(b)),
    })
}

/// The model answer as graded: where it came from and the design-file JSON.
#[derive(Clone, Default)]
struct Model {
    from: String,
    json: String,
}

/// The class section; it grades when asked.
#[component]
pub fn ClassPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let open = RwSignal::new(false);
    let list = RwSignal::new(String::new());
    let pick = RwSignal::new(String::from("current"));
    let graded = RwSignal::new(None::<(u32, Graded)>);
    let model = StoredValue::new(Model::default());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let sort = RwSignal::new(None::<(Column, bool)>);
    let beside = RwSignal::new(None::<usize>);

    let grade = move |_| {
        let l = lang.get_untracked();
        let id = pick.get_untracked();
        let m = match TEMPLATES.iter().find(|t| t.id == id) {
            Some(t) => match t.design() {
                Ok(d) => Model {
                    from: t.name.get(l).to_owned(),
                    json: to_json(&d),
                },
                Err(e) => return error.set(Some(e.message(l))),
            },
            None => Model {
                from: msg!(class_model_current).get(l).to_owned(),
                json: state.design.with_untracked(to_json),
            },
        };
        let job = Job::Grade {
            model: m.json.clone(),
            model_from: m.from.clone(),
            list: list.get_untracked(),
            lang: l,
        };
        model.set_value(m);
        busy.set(true);
        ask_text(job, l, move |answer| {
            busy.set(false);
            match answer.and_then(|t| serde_json::from_str::<Graded>(&t).map_err(|e| e.to_string()))
            {
                Ok(g) => {
                    error.set(None);
                    beside.set(None);
                    let n = graded.with_untracked(|g| g.as_ref().map_or(0, |(n, _)| n + 1));
                    graded.set(Some((n, g)));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let with_file = move |ev: leptos::ev::Event| {
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        read_into(file, list);
    };
    // The rows in the chosen order, keyed by the grading and their place in the list.
    let rows = Memo::new(move |_| {
        let Some((n, mut rows)) = graded.with(|g| g.as_ref().map(|(n, g)| (*n, g.rows.clone())))
        else {
            return Vec::new();
        };
        if let Some((c, up)) = sort.get() {
            sort_by(&mut rows, |a, b| {
                let o = order(c, a, b);
                if up {
                    o
                } else {
                    o.reverse()
                }
            });
        }
        rows.into_iter().map(|r| (n, r)).collect::<Vec<_>>()
    });
    let export = move |_| {
        if let Some(csv) = graded.with_untracked(|g| g.as_ref().map(|(_, g)| g.csv.clone())) {
            if download("class.csv", "text/csv", &csv).is_err() {
                error.set(Some(
                    msg!(class_export_failed)
                        .get(lang.get_untracked())
                        .to_owned(),
                ));
            }
        }
    };
    // One student's design beside the model, drawn by the compare job.
    let compared = rendered(move || {
        let id = beside.get()?;
        let row = graded.with(|g| g.as_ref().and_then(|(_, g)| g.rows.get(id).cloned()))?;
        let student = crate::core::format::link::decode(row.link.trim())
            .ok()?
            .design;
        let l = lang.get();
        let m = model.get_value();
        let mut words = panel_words(l);
        words.0.insert("compare_this".to_owned(), row.name.clone());
        Some(Job::Compare {
            a: m.json,
            a_from: m.from,
            b: to_json(&student),
            priced: false,
            lang: l,
            words,
        })
    });
    let options = TEMPLATES
        .iter()
        .map(|t| view! { <option value=t.id>{move || t.name.get(lang.get())}</option> })
        .collect_view();
    let heads = COLUMNS
        .iter()
        .map(|&(c, id)| {
            let sorted = move || match sort.get() {
                Some((s, true)) if s == c => "ascending",
                Some((s, false)) if s == c => "descending",
                _ => "none",
            };
            view! {
                <th scope="col" aria-sort=sorted>
                    <button
                        type="button"
                        class="class-sort"
                        data-testid=format!("class-sort-{id}")
                        on:click=move |_| {
                            sort.update(|s| {
                                *s = match *s {
                                    Some((was, up)) if was == c => Some((c, !up)),
                                    _ => Some((c, true)),
                                }
                            })
                        }
                    >
                        {move || title(c).get(lang.get())}
                    </button>
                </th>
            }
        })
        .collect_view();
    view! {
        <Section class="class" testid="class" title=msg!(class_title) help=msg!(class_help) open=open>
            <div class="class-pick">
                <label class="class-row">
                    <span>{move || msg!(class_model).get(lang.get())}</span>
                    <select data-testid="class-model" on:change=move |ev| pick.set(event_target_value(&ev))>
                        <option value="current">{move || msg!(class_model_current).get(lang.get())}</option>
                        {options}
                    </select>
                </label>
                <textarea
                    data-testid="class-list"
                    rows="5"
                    spellcheck="false"
                    placeholder="Aoki\thttps://…#k1.…"
                    aria-label=move || msg!(class_list).get(lang.get())
                    prop:value=move || list.get()
                    on:input=move |ev| list.set(event_target_value(&ev))
                    on:dragover=move |ev: leptos::ev::DragEvent| {
                        ev.prevent_default();
                        ev.stop_propagation();
                    }
                    on:drop=move |ev: leptos::ev::DragEvent| {
                        // The list's own file: not a design for the page to open.
                        ev.prevent_default();
                        ev.stop_propagation();
                        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                            read_into(file, list);
                        }
                    }
                ></textarea>
                <label class="class-row">
                    <span>{move || msg!(class_file).get(lang.get())}</span>
                    <input type="file" data-testid="class-file" accept=".txt,.tsv,.csv" on:change=with_file />
                </label>
                <div class="class-row">
                    <button type="button" class="button" data-testid="class-grade" disabled=move || busy.get() on:click=grade>
                        {move || if busy.get() { msg!(class_grading) } else { msg!(class_grade) }.get(lang.get())}
                    </button>
                    <button type="button" class="button" data-testid="class-export" disabled=move || graded.with(Option::is_none) on:click=export>
                        {move || msg!(class_export).get(lang.get())}
                    </button>
                </div>
            </div>
            {move || error.get().map(|e| view! { <p class="alert" role="alert" data-testid="class-error">{e}</p> })}
            {move || {
                graded.with(|g| g.as_ref().map(|(_, g)| {
                    let unread = g.rows.iter().filter(|r| !r.read).count();
                    let l = lang.get();
                    let n = g.rows.len().to_string();
                    let u = unread.to_string();
                    let total = if g.model_total.is_empty() { "–".to_owned() } else { g.model_total.clone() };
                    view! {
                        <p class="class-summary" role="status" data-testid="class-summary" data-rows=g.rows.len().to_string() data-unread=u.clone()>
                            {tr!(l, class_summary, n = n.as_str(), unread = u.as_str(), total = total.as_str())}
                        </p>
                    }
                }))
            }}
            <div class="class-table-wrap">
                <table class="class-table" data-testid="class-table">
                    <thead>
                        <tr>
                            {heads}
                            <th scope="col">{move || msg!(class_differences).get(lang.get())}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || rows.get()
                            key=|(n, r)| (*n, r.id)
                            children=move |(_, r)| view! { <StudentRow row=r beside=beside /> }
                        />
                    </tbody>
                </table>
            </div>
            <div class="compare-result class-beside" data-testid="class-beside" inner_html=move || {
                if beside.with(Option::is_some) { compared.with(|a| a.as_str().to_owned()) } else { String::new() }
            }></div>
        </Section>
    }
}

/// One student's row: their figures or the problem, their differences, and the button that
/// opens their design beside the model.
#[component]
fn StudentRow(row: ClassRow, beside: RwSignal<Option<usize>>) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let id = row.id;
    let cells = if row.read {
        let checklist = format!("{}/{}", row.checklist_met, row.checklist_total);
        let differences = row.differences.join("\n");
        view! {
            <td class="num">{row.errors.to_string()}</td>
            <td class="num">{row.warnings.to_string()}</td>
            <td class="num">{checklist}</td>
            <td class="num">{row.total}</td>
            <td class="num">{row.delta}</td>
            <td class="num">{row.changes.to_string()}</td>
            <td class="class-differences">
                <button
                    type="button"
                    class="button"
                    data-testid="class-open"
                    aria-pressed=move || if beside.get() == Some(id) { "true" } else { "false" }
                    on:click=move |_| beside.set(Some(id))
                >
                    {move || msg!(class_open).get(lang.get())}
                </button>
                <span class="class-difference-list">{differences}</span>
            </td>
        }
        .into_any()
    } else {
        view! {
            <td colspan="7" class="alert" data-testid="class-problem">
                {row.problem.unwrap_or_default()}
            </td>
        }
        .into_any()
    };
    view! {
        <tr data-testid="class-row" data-row-id=id.to_string() data-read=if row.read { "true" } else { "false" }>
            <th scope="row">{row.name}</th>
            {cells}
        </tr>
    }
}

/// Reads a dropped or chosen text file into the list.
fn read_into(file: web_sys::File, list: RwSignal<String>) {
    leptos::task::spawn_local(async move {
        if let Some(t) = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|v| v.as_string())
        {
            list.set(t);
        }
    });
}
