//! Long lists shown a page at a time. A design of thousands of nodes has thousands of findings
//! and cost groups; building them all would take the browser seconds (issue 21: 250,000
//! elements for the cost lines of 5,000 nodes) for rows nobody scrolls to. A list shows its
//! first [`PAGE`] items, and a button under it adds a page at a time.

use leptos::prelude::*;

use crate::ui::shell::state::AppState;
use crate::ui::text;

/// How many items a long list shows at first, and how many more each press adds.
pub const PAGE: usize = 100;

/// The first `limit` of `items`, cloned (what a keyed `<For>` lists).
pub fn first<T: Clone>(items: &[T], limit: usize) -> Vec<T> {
    items.iter().take(limit).cloned().collect()
}

/// The button under a list cut at `limit` of its `total` items: shows the next page. Hidden
/// while the whole list is shown.
#[component]
pub fn ShowMore(
    /// How many items the list shows.
    limit: RwSignal<usize>,
    /// How many it has.
    total: Signal<usize>,
) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let hidden = move || total.get().saturating_sub(limit.get());
    view! {
        <p class="show-more" hidden=move || hidden() == 0>
            <button
                type="button"
                class="link-button"
                data-testid="show-more"
                on:click=move |_| limit.update(|l| *l += PAGE)
            >
                {move || text::show_more(lang.get(), hidden().min(PAGE), hidden())}
            </button>
        </p>
    }
}
