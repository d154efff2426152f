//! The inspector: label and parameters of the selected node, kind and label of the selected
//! edge, the ALB's listener rules. (Being written.)

use leptos::prelude::*;

/// The inspector section of the side panel.
#[component]
pub fn Inspector() -> impl IntoView {
    view! { <section class="inspector" data-testid="inspector"></section> }
}
