//! The palette: every kind of the catalogue, grouped by category and searchable, to drag onto
//! the canvas (the canvas takes the drop) or to add with a click (or Enter / Space). Where a
//! clicked kind goes is decided from the selection and the catalogue's containment rules;
//! whether it may go there is the core's decision (`Command::AddNode`), and a refusal is shown
//! by `AppState::dispatch` in the status line.

use leptos::prelude::*;

use crate::core::document::catalogue::{Category, Kind, KindInfo, KINDS};
use crate::core::document::model::{Design, NodeId};
use crate::core::edit::Command;
use crate::core::support::html::{el, esc};
use crate::core::support::i18n::Lang;

use crate::ui::editor::gestures::target_element;
use crate::ui::editor::morph::follow;
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
    // The groups as text, brought up to date in place (a focused entry keeps its focus).
    let html = Memo::new(move |_| groups_html(lang.get(), &q.get()));
    let list = NodeRef::<leptos::html::Div>::new();
    follow(list, html, || false);
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(kind) = entry_kind(&ev) {
            add(state, kind.kind);
        }
    };
    let on_dragstart = move |ev: leptos::ev::DragEvent| {
        let (Some(info), Some(dt)) = (entry_kind(&ev), ev.data_transfer()) else {
            return;
        };
        let _ = dt.set_data(DRAG_TYPE, info.id);
        let _ = dt.set_data("text/plain", info.id);
        dt.set_effect_allowed("copy");
    };
    view! {
        <nav class="palette" data-testid="palette" aria-label=move || tx::PALETTE.get(lang.get())>
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
            <div
                class="palette-groups"
                node_ref=list
                on:click=on_click
                on:dragstart=on_dragstart
                // The first text at once (the effect above keeps it up to date).
                inner_html=html.get_untracked()
            ></div>
        </nav>
    }
}

/// The kind of the palette entry an event happened in.
fn entry_kind(ev: &web_sys::Event) -> Option<&'static KindInfo> {
    let id = target_element(ev)?
        .closest("[data-palette-kind]")
        .ok()
        .flatten()?
        .get_attribute("data-palette-kind")?;
    Kind::from_id(&id).map(Kind::info)
}

/// The groups of kinds that match `q`, each entry a draggable button that adds its kind, as
/// escaped HTML text.
fn groups_html(lang: Lang, q: &str) -> String {
    let mut out = String::new();
    for &c in &GROUPS {
        let mut entries = KINDS
            .iter()
            .filter(|k| k.category == c && matches(k, q))
            .peekable();
        if entries.peek().is_none() {
            continue;
        }
        el(
            &mut out,
            "<section class=\"palette-group\"><h3>",
            text::category(c).get(lang),
            "</h3><ul>",
        );
        for info in entries {
            let about = info.about.get(lang);
            out.push_str(
                "<li><button type=\"button\" class=\"palette-entry\" draggable=\"true\" data-palette-kind=\"",
            );
            out.push_str(info.id);
            out.push_str("\" title=\"");
            esc(&mut out, about);
            out.push_str(" — ");
            esc(&mut out, tx::PALETTE_USE.get(lang));
            out.push_str("\" aria-description=\"");
            esc(&mut out, about);
            out.push_str(
                "\"><svg class=\"palette-icon\" viewBox=\"0 0 48 48\" aria-hidden=\"true\">",
            );
            out.push_str(crate::core::drawing::icons::icon(info.kind));
            el(
                &mut out,
                "</svg><span>",
                info.name.get(lang),
                "</span></button></li>",
            );
        }
        out.push_str("</ul></section>");
    }
    if out.is_empty() {
        el(
            &mut out,
            "<p class=\"muted palette-empty\" role=\"status\">",
            tx::NO_MATCH.get(lang),
            "</p>",
        );
    }
    out
}
