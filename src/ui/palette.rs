//! The palette: every kind of the catalogue, grouped and searchable, to drag onto the canvas
//! or add with a click. (Being written.)

use leptos::prelude::*;

/// The palette column.
#[component]
pub fn Palette() -> impl IntoView {
    view! { <nav class="palette" data-testid="palette"></nav> }
}
