//! The canvas toolbar: undo, redo, connect and delete (what a touch screen has no key for),
//! and the zoom buttons, each an action of the registry (`ui::shell::actions`), disabled while
//! the action is not enabled.

use leptos::prelude::*;

use crate::ui::editor::gestures::CanvasCtx;
use crate::ui::shell::actions::{Action, Ctx};
use crate::ui::shell::state::AppState;
use crate::ui::text::canvas as canvas_text;

/// The toolbar's actions, in order; a gap comes before connect and before the first zoom
/// button.
const TOOLS: [Action; 7] = [
    Action::Undo,
    Action::Redo,
    Action::Connect,
    Action::Delete,
    Action::ZoomOut,
    Action::ZoomIn,
    Action::ZoomFit,
];

/// The toolbar over the canvas (inside `Canvas`, whose `CanvasCtx` it zooms).
#[component]
pub fn Toolbar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let cx = Ctx {
        state,
        canvas: Some(expect_context::<CanvasCtx>()),
    };
    let lang = state.lang;
    let buttons = TOOLS
        .into_iter()
        .map(|action| {
            let label = move || action.label(lang.get());
            view! {
                {matches!(action, Action::Connect | Action::ZoomOut)
                    .then(|| view! { <span class="tool-gap"></span> })}
                <button
                    type="button"
                    class="tool"
                    data-testid=action.id()
                    disabled=move || !action.enabled(cx)
                    aria-label=label
                    title=label
                    on:click=move |_| action.perform(cx)
                >
                    {action.icon()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div
            class="canvas-toolbar"
            role="toolbar"
            aria-label=move || canvas_text::TOOLBAR.get(lang.get())
        >
            {buttons}
        </div>
    }
}
