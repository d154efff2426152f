//! The app's frame: the action registry behind the canvas toolbar, the header and the
//! keyboard, and the typed side-panel facts.

use kumozu::core::edit::Command;
use kumozu::core::support::i18n::Lang;
use kumozu::ui::{Action, Selection};
use leptos::prelude::{GetUntracked, Set, WithUntracked};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::js_sys;
use web_sys::{Element, HtmlElement};

use super::{all, fresh_app_with_state, one, press, wait_until};

/// Sends a keydown of `key` (Ctrl held when `ctrl`) to `el`, as the browser does.
fn key(el: &Element, key: &str, ctrl: bool, shift: bool) -> bool {
    let send = js_sys::Function::new_with_args(
        "el, key, ctrl, shift",
        "return el.dispatchEvent(new KeyboardEvent('keydown', \
         {key: key, ctrlKey: ctrl, shiftKey: shift, bubbles: true, cancelable: true}))",
    );
    // `dispatchEvent` answers false when a handler prevented the default.
    send.call4(&JsValue::NULL, el, &key.into(), &ctrl.into(), &shift.into())
        .unwrap()
        .as_bool()
        .unwrap()
}

fn nodes(state: &kumozu::ui::AppState) -> usize {
    state.design.with_untracked(|d| d.nodes.len())
}

fn disabled(el: &Element) -> bool {
    el.has_attribute("disabled")
}

#[wasm_bindgen_test::wasm_bindgen_test]
fn every_shortcut_finds_its_action_and_the_more_specific_one_first() {
    for action in Action::ALL {
        for s in action.shortcuts() {
            for k in s.keys {
                let shift = s.shift.unwrap_or(false);
                let (found, _) = Action::from_key(k, s.cmd, shift, false)
                    .unwrap_or_else(|| panic!("{k} finds no action"));
                assert_eq!(found, action, "{k} (shift {shift}) finds {found:?}");
            }
        }
        // Every action has a label in both languages.
        assert!(!action.label(Lang::Ja).is_empty(), "{action:?}");
        assert!(!action.label(Lang::En).is_empty(), "{action:?}");
    }
    assert_eq!(
        Action::from_key("z", true, true, false).map(|a| a.0),
        Some(Action::Redo)
    );
    assert_eq!(
        Action::from_key("z", true, false, false).map(|a| a.0),
        Some(Action::Undo)
    );
    assert_eq!(Action::from_key("z", true, false, true), None, "Alt held");
    assert_eq!(Action::from_key("q", false, false, false), None);
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn the_toolbar_follows_the_history_and_works_without_its_test_ids() {
    let (host, state) = fresh_app_with_state();
    let undo = one(&host, ".canvas-toolbar [data-testid=undo]");
    let redo = one(&host, ".canvas-toolbar [data-testid=redo]");
    assert!(disabled(&undo) && disabled(&redo), "nothing to undo yet");
    let before = nodes(&state);
    let id = state
        .design
        .with_untracked(|d| d.nodes.keys().next().cloned().unwrap());
    state
        .dispatch(Command::Duplicate { ids: vec![id] })
        .unwrap();
    assert_eq!(nodes(&state), before + 1);
    wait_until("undo to be enabled", || !disabled(&undo)).await;
    // Test ids are for tests: the buttons work the same without them.
    for b in all(&host, ".canvas-toolbar button") {
        b.remove_attribute("data-testid").unwrap();
    }
    undo.clone().dyn_into::<HtmlElement>().unwrap().click();
    assert_eq!(
        nodes(&state),
        before,
        "the toolbar's undo took the edit back"
    );
    wait_until("redo to be enabled", || !disabled(&redo) && disabled(&undo)).await;
    redo.dyn_into::<HtmlElement>().unwrap().click();
    assert_eq!(nodes(&state), before + 1, "redo made it again");
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn the_keyboard_takes_the_registry_actions() {
    let (host, state) = fresh_app_with_state();
    let area = one(&host, ".canvas-area");
    let before = nodes(&state);
    // Select all, duplicate, undo, redo, delete: each from its key.
    assert!(!key(&area, "a", true, false), "Ctrl+A is taken");
    assert_eq!(
        state.selection.with_untracked(|s| s.nodes().len()),
        before,
        "everything is selected"
    );
    assert!(!key(&area, "d", true, false));
    let after = nodes(&state);
    assert!(after > before, "Ctrl+D duplicated the selection");
    assert!(!key(&area, "z", true, false));
    assert_eq!(nodes(&state), before, "Ctrl+Z undid it");
    assert!(!key(&area, "Z", true, true));
    assert_eq!(nodes(&state), after, "Ctrl+Shift+Z redid it");
    assert!(!key(&area, "z", true, false));
    assert!(!key(&area, "y", true, false));
    assert_eq!(nodes(&state), after, "Ctrl+Y redid it");
    // With nothing selected, the arrows are left to the page (they scroll it).
    state.selection.set(Selection::None);
    assert!(key(&area, "ArrowLeft", false, false), "not taken");
    assert!(!key(&area, "Escape", false, false), "Escape is taken");
    // The language is an action of the header.
    press(&host, "[data-testid=lang-switch] button[data-lang=en]");
    assert_eq!(state.lang.get_untracked(), Lang::En);
    let pressed = one(&host, "[data-testid=lang-switch] button[data-lang=en]");
    wait_until("the switch to say so", || {
        pressed.get_attribute("aria-pressed").as_deref() == Some("true")
    })
    .await;
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn reset_is_disabled_for_a_design_from_a_file_and_the_facts_follow_it() {
    let (host, state) = fresh_app_with_state();
    state.lang.set(Lang::En);
    let reset = one(&host, "[data-testid=reset-design]");
    assert!(!disabled(&reset));
    let mut design = kumozu::core::document::templates::find("party-box")
        .unwrap()
        .design()
        .unwrap();
    design.name = "<b>mine</b>".to_owned();
    state.open_file("mine.json".into(), kumozu::core::to_json(&design));
    wait_until("reset to be disabled", || disabled(&reset)).await;
    let name = one(&host, "[data-testid=design-name]");
    wait_until("the facts to name the design", || {
        name.text_content().as_deref() == Some("<b>mine</b>")
    })
    .await;
    assert!(all(&name, "b").is_empty(), "a name is text, never markup");
    let total: usize = one(&host, "[data-testid=node-counts] .total .count")
        .text_content()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(total, nodes(&state));
}
