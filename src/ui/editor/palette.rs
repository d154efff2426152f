//! The palette: every kind of the catalogue, grouped by category and searchable, to drag onto
//! the canvas (the canvas takes the drop) or to add with a click (or Enter / Space). Where a
//! clicked kind goes is decided from the selection and the catalogue's containment rules;
//! whether it may go there is the core's decision (`Command::AddNode`), and a refusal is shown
//! by `AppState::dispatch` in the status line.

use leptos::prelude::*;

use crate::core::document::catalogue::{Category, Kind, KindInfo, KINDS};
use crate::core::document::model::{Design, NodeId};
use crate::core::drawing::svg;
use crate::core::edit::Command;

use crate::ui::shell::state::AppState;
use crate::ui::text;
use crate::ui::text::editor as tx;

/// The drag data type that carries a kind id to the canvas.
pub const DRAG_TYPE: &str = "application/x-kumozu-kind";

/// The palette's groups, in order.
const GROUPS: [Category; 6] = [
    Category::Network,
    Category::Compute,
    Category::Data,
    Category::Edge,
    Category::Operations,
    Category::Other,
];

/// Whether `info` matches the search `query` (lower case, trimmed): by its name in either
/// language or by its id.
fn matches(info: &KindInfo, query: &str) -> bool {
    query.is_empty()
        || info.id.contains(query)
        || info.id.replace('_', " ").contains(query)
        || info.name.en.to_ascii_lowercase().contains(query)
        || info.name.ja.to_ascii_lowercase().contains(query)
}

/// Where a clicked `kind` goes: the selected node when it is a container that may hold it,
/// else the innermost container around the selection that may; a subnet with nowhere else
/// to go goes in the first VPC; otherwise the canvas itself.
pub fn parent_for(design: &Design, selected: Option<&NodeId>, kind: Kind) -> Option<NodeId> {
    let fits = |k: Kind| k.is_container() && kind.may_sit_in(Some(k)).is_ok();
    if let Some(node) = selected.and_then(|id| design.nodes.get(id)) {
        if fits(node.kind) {
            return Some(node.id.clone());
        }
        if let Some(a) = design
            .ancestors(&node.id)
            .into_iter()
            .find(|a| fits(a.kind))
        {
            return Some(a.id.clone());
        }
    }
    if kind == Kind::Subnet {
        return design
            .nodes_outer_first()
            .into_iter()
            .find(|n| n.kind == Kind::Vpc)
            .map(|n| n.id.clone());
    }
    None
}

/// Adds a node of `kind` where `parent_for` says (the new node gets selected).
fn add(state: AppState, kind: Kind) {
    let selected = state
        .selection
        .with_untracked(|s| s.nodes().into_iter().next());
    let parent = state
        .design
        .with_untracked(|d| parent_for(d, selected.as_ref(), kind));
    // A refusal is already shown in the status line by `dispatch`.
    let _ = state.dispatch(Command::AddNode {
        kind,
        at: None,
        parent,
    });
}

/// The palette column.
#[component]
pub fn Palette() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let query = RwSignal::new(String::new());
    // ASCII case only (the names are English and Japanese): the app carries no Unicode case
    // tables.
    let q = Memo::new(move |_| query.with(|q| q.trim().to_ascii_lowercase()));
    let none = Memo::new(move |_| q.with(|q| !KINDS.iter().any(|k| matches(k, q))));
    view! {
        <nav id="palette" class="palette" data-testid="palette" aria-label=move || tx::PALETTE.get(lang.get())>
            <input
                type="search"
                class="palette-search"
                data-testid="palette-search"
                autocomplete="off"
                spellcheck="false"
                aria-label=move || tx::SEARCH.get(lang.get())
                placeholder=move || tx::SEARCH_HINT.get(lang.get())
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            <div class="palette-groups">
                {GROUPS.map(|c| view! { <Group category=c query=q /> })}
                <Show when=move || none.get()>
                    <p class="muted palette-empty" role="status">
                        {move || tx::NO_MATCH.get(lang.get())}
                    </p>
                </Show>
            </div>
        </nav>
    }
}

/// The kinds of one category that match the search (none: the group is not shown).
#[component]
fn Group(
    /// Which category.
    category: Category,
    /// The search, lower case and trimmed.
    query: Memo<String>,
) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let entries = Memo::new(move |_| {
        query.with(|q| {
            KINDS
                .iter()
                .filter(|k| k.category == category && matches(k, q))
                .map(|k| k.kind)
                .collect::<Vec<Kind>>()
        })
    });
    view! {
        <Show when=move || entries.with(|e| !e.is_empty())>
            <section class="palette-group">
                <h3>{move || text::category(category).get(lang.get())}</h3>
                <ul>
                    <For
                        each=move || entries.get()
                        key=|kind| kind.info().id
                        children=|kind| view! { <Entry info=kind.info() /> }
                    />
                </ul>
            </section>
        </Show>
    }
}

/// One palette entry: a draggable button that adds its kind.
#[component]
fn Entry(
    /// The kind.
    info: &'static KindInfo,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let kind = info.kind;
    view! {
        <li>
            <button
                type="button"
                class="palette-entry"
                draggable="true"
                data-palette-kind=info.id
                title=move || {
                    let lang = lang.get();
                    format!("{} — {}", info.about.get(lang), tx::PALETTE_USE.get(lang))
                }
                aria-description=move || info.about.get(lang.get())
                on:click=move |_| add(state, kind)
                on:dragstart=move |ev: leptos::ev::DragEvent| {
                    if let Some(dt) = ev.data_transfer() {
                        let _ = dt.set_data(DRAG_TYPE, info.id);
                        let _ = dt.set_data("text/plain", info.id);
                        dt.set_effect_allowed("copy");
                    }
                }
            >
                <svg
                    class="palette-icon"
                    viewBox="0 0 48 48"
                    aria-hidden="true"
                    inner_html=svg::icon(kind).into_string()
                ></svg>
                <span>{move || info.name.get(lang.get())}</span>
            </button>
        </li>
    }
}
