//! The outline: the design as a tree (VPC › subnet › service …) that selects, reparents and
//! deletes without a mouse. (Being written.)

use leptos::prelude::*;

/// The outline view.
#[component]
pub fn Outline() -> impl IntoView {
    view! { <section class="outline" data-testid="outline"></section> }
}
