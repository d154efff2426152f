//! Autosave: the design is kept in the browser's localStorage on every change and restored
//! when the page opens again.
//!
//! **What is stored.** One key, [`KEY`] (`kumozu.autosave.v1`), holds an envelope:
//! `{"saved_at": <ms since 1970>, "template": "<template id, or \"\">", "design": <design file>}`,
//! where `design` is the design-file JSON (`core::load::to_json`, read back with the loader)
//! and `template` is the template the switcher showed (so "Reset to template" keeps working
//! after a reload). A bare design file under the key is accepted too.
//!
//! **When.** 300 ms after the last change (at once when the page is hidden or left), and only
//! when the design (or its template) differs from what was last written or
//! restored: opening the page writes nothing, so merely looking at a share link or at the
//! start template never overwrites the saved work; the first edit does.
//!
//! **At start.** The saved design is never lost to a link. A saved text that cannot be
//! restored (damaged, or of a newer version) is copied to [`DAMAGED_KEY`] and reported in every
//! case. Then, with a share link in the address bar (`#k1.…`; any other fragment is tried as
//! one and reported when it is not):
//! - when the save continues that link (the address bar held it when the save was last
//!   current, [`ADDRESS_KEY`]; or it is the link's design), the saved design is restored: a
//!   reload within the address bar's pause brings back the last edit, not the stale link;
//! - otherwise a link that opens shows its design; the saved text is first copied to
//!   [`ASIDE_KEY`] and the canvas offers to go back to it ([`return_to_saved`]);
//! - a link that fails shows the saved design (or the template when nothing is saved) with
//!   the link's problem.
//!
//! Without a link a saved design is restored and still counts as unsaved work (the baseline
//! stays its template's design), so switching the template asks first.
//!
//! Storage that is missing, refused or full never throws: the user is told once (in `notice`).
//! Everything but [`install`] takes the storage's text as an argument, so tests drive it
//! without touching the page's real localStorage.

use std::time::Duration;

use leptos::prelude::*;
use serde_json::Value;

use crate::core::document::model::Design;
use crate::core::document::templates;
use crate::core::format::load::{load_value, to_json};
use crate::core::support::i18n::Lang;

use crate::ui::shell::state::AppState;
use crate::ui::text::outline as text;

/// The localStorage key of the autosaved design.
pub const KEY: &str = "kumozu.autosave.v1";
/// The localStorage key where a saved design that could not be restored is kept.
pub const DAMAGED_KEY: &str = "kumozu.autosave.damaged";
/// The localStorage key where the saved design is kept while a share link's design is shown.
pub const ASIDE_KEY: &str = "kumozu.autosave.before-link";
/// The localStorage key of the share link the address bar held when [`KEY`] was last current:
/// written with every save and whenever the address bar follows the design (`share`).
pub const ADDRESS_KEY: &str = "kumozu.autosave.address";

/// A saved design, read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// When it was saved (ms since 1970; 0 when unknown).
    pub saved_at: f64,
    /// The template id the switcher showed ("" when none).
    pub template: String,
    /// The design.
    pub design: Design,
}

/// The text stored under [`KEY`] for `design` from `template`, saved at `saved_at` (ms).
pub fn envelope(saved_at: f64, template: &str, design: &Design) -> String {
    envelope_of(saved_at, template, &to_json(design))
}

fn envelope_of(saved_at: f64, template: &str, design_json: &str) -> String {
    let ms = if saved_at.is_finite() && saved_at > 0.0 {
        saved_at.floor() as u64
    } else {
        0
    };
    format!(
        "{{\"saved_at\":{ms},\"template\":{},\"design\":{design_json}}}",
        Value::from(template)
    )
}

/// Reads a saved text; the reason in `lang` when it is not a design kumozu can open.
pub fn parse(saved: &str, lang: Lang) -> Result<Saved, String> {
    let value: Value =
        serde_json::from_str(saved).map_err(|e| text::not_json(e.line(), e.column(), lang))?;
    let Value::Object(mut obj) = value else {
        return Err(text::NOT_SAVED_DESIGN.get(lang).to_owned());
    };
    let (saved_at, template, design) = match obj.remove("design") {
        Some(design) => (
            obj.get("saved_at").and_then(Value::as_f64).unwrap_or(0.0),
            obj.get("template")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            design,
        ),
        // A bare design file: its own template, if it names one.
        None if obj.contains_key("format") => {
            let template = obj
                .get("template")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            (0.0, template, Value::Object(obj))
        }
        None => return Err(text::NOT_SAVED_DESIGN.get(lang).to_owned()),
    };
    let loaded = load_value(design).map_err(|e| e.message(lang))?;
    Ok(Saved {
        saved_at,
        template,
        design: loaded.design,
    })
}

/// What [`restore`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Restored {
    /// Nothing was saved: the start design stays.
    Nothing,
    /// The saved design is on the canvas.
    Design,
    /// The saved text could not be restored and was copied aside; the start design stays.
    DamagedKeptAside,
    /// The saved text could not be restored nor copied aside: it must not be overwritten.
    DamagedNotKept,
}

/// Puts the saved design (`saved`: the text under [`KEY`], if any) on the canvas of `state`
/// and says so in `notice`. A text that cannot be restored is handed to `keep_aside` (which
/// stores it under [`DAMAGED_KEY`] and says whether it could) and reported in `load_error`.
pub fn restore(
    state: AppState,
    saved: Option<&str>,
    keep_aside: impl FnOnce(&str) -> bool,
) -> Restored {
    let Some(saved) = saved else {
        return Restored::Nothing;
    };
    let lang = state.lang.get_untracked();
    let parsed = match parse(saved, lang) {
        Ok(parsed) => parsed,
        Err(reason) => {
            let (message, outcome) = if keep_aside(saved) {
                (
                    text::damaged_kept(DAMAGED_KEY, &reason, lang),
                    Restored::DamagedKeptAside,
                )
            } else {
                (
                    text::damaged_not_kept(&reason, lang),
                    Restored::DamagedNotKept,
                )
            };
            state.load_error.set(Some(message));
            return outcome;
        }
    };
    show_saved(state, parsed);
    Restored::Design
}

/// Puts a saved design on the canvas of `state`, with its template, and says so in `notice`
/// unless it is its template unchanged.
fn show_saved(state: AppState, parsed: Saved) {
    let lang = state.lang.get_untracked();
    let template = templates::find(&parsed.template);
    // The user's work lives only in this browser's storage: it stays "unsaved" (replacing
    // it asks first) unless it is its template unchanged.
    let region = parsed.design.region;
    let pristine = template.is_some_and(|t| t.is_unchanged(&parsed.design));
    // Unchanged, the design is its own baseline (the template as released or as started);
    // otherwise the template as a student starts it.
    let baseline = if pristine {
        parsed.design.clone()
    } else {
        template
            .and_then(|t| t.start().ok())
            .unwrap_or_else(|| Design::empty("", region))
    };
    // A fresh history and no selection, as for an opened file.
    state.open_saved(
        parsed.design,
        template.map(|t| t.id).unwrap_or(""),
        baseline,
    );
    if !pristine {
        state
            .notice
            .set(Some(text::restored(&saved_time(parsed.saved_at), lang)));
    }
}

/// What the autosave compares to know whether anything changed: the template and the
/// design file.
fn snapshot(state: AppState) -> (String, String) {
    let template = state.template.get().to_owned();
    let json = state.design.with(to_json);
    (template, json)
}

/// How long the design must stay unchanged before it is written: a drag's steps (up to 60 a
/// second) are then one write, not one serialisation of the whole design each.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// Keeps the design saved: after the first run (which only records what is on screen), every
/// change of the design or its template is written with `write` (the envelope under [`KEY`]),
/// [`DEBOUNCE`] after the last change, and at once when the page is being hidden or left (so
/// the last edit is not lost to the debounce). A refused write is said once in `notice` and
/// tried again at the next change.
pub fn keep_saved(
    state: AppState,
    now: impl Fn() -> f64 + 'static,
    write: impl Fn(&str) -> bool + 'static,
) {
    let last: StoredValue<Option<(String, String)>> = StoredValue::new(None);
    let warned = StoredValue::new(false);
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let save = std::rc::Rc::new(move || {
        if let Some(h) = pending.get_value() {
            h.clear();
            pending.set_value(None);
        }
        let snap = untrack(|| snapshot(state));
        if last.with_value(|l| l.as_ref() == Some(&snap)) {
            return;
        }
        if write(&envelope_of(now(), &snap.0, &snap.1)) {
            last.set_value(Some(snap));
        } else if !warned.get_value() {
            warned.set_value(true);
            state.notice.set(Some(
                text::CANNOT_AUTOSAVE
                    .get(state.lang.get_untracked())
                    .to_owned(),
            ));
        }
    });
    let on_change = save.clone();
    Effect::new(move |_| {
        state.design.track();
        state.template.track();
        if last.with_value(Option::is_none) {
            // The first run records what is on screen; opening writes nothing.
            last.set_value(Some(untrack(|| snapshot(state))));
            return;
        }
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let save = on_change.clone();
        pending.set_value(set_timeout_with_handle(move || save(), DEBOUNCE).ok());
    });
    // Leaving or hiding the page writes what is pending.
    let flush = move || {
        if pending.with_value(Option::is_some) {
            save();
        }
    };
    let on_hide = flush.clone();
    let _ = window_event_listener(leptos::ev::pagehide, move |_| on_hide());
    let _ = window_event_listener(leptos::ev::visibilitychange, move |_| flush());
}

/// Whether the address bar holds a share link (`#k1.…`, or a link of another version), which
/// then wins over the saved design.
pub fn is_share_link(hash: &str) -> bool {
    let h = hash.trim_start_matches('#');
    let Some(rest) = h.strip_prefix('k') else {
        return false;
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && rest[digits..].starts_with('.')
}

/// "HH:MM" of `ms` in local time, with the date when it is not today.
fn saved_time(ms: f64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    let time = format!("{:02}:{:02}", date.get_hours(), date.get_minutes());
    let today = js_sys::Date::new_0();
    let same_day = date.get_full_year() == today.get_full_year()
        && date.get_month() == today.get_month()
        && date.get_date() == today.get_date();
    if same_day || ms <= 0.0 {
        time
    } else {
        format!(
            "{}-{:02}-{:02} {time}",
            date.get_full_year(),
            date.get_month() + 1,
            date.get_date()
        )
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn write(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// The address bar's fragment when it is a share link (without `#`), else "".
fn current_link() -> String {
    let hash = window().location().hash().unwrap_or_default();
    if is_share_link(&hash) {
        hash.trim_start_matches('#').to_owned()
    } else {
        String::new()
    }
}

fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Restores the saved design or opens the share link in the address bar (see the module's
/// "At start"), then saves every change. Call once, from `App`, before `share::install`, with
/// what this returns: the link left in the address bar as opened, if one was.
pub fn install(state: AppState) -> Option<String> {
    let lang = state.lang.get_untracked();
    let hash = window().location().hash().unwrap_or_default();
    let saved_text = read(KEY);
    let mut messages: Vec<String> = Vec::new();
    // A damaged or newer-version save is kept aside and reported, whatever the address holds.
    let mut keep_off = false;
    let saved = match saved_text.as_deref().map(|t| (t, parse(t, lang))) {
        None => None,
        Some((_, Ok(saved))) => Some(saved),
        Some((t, Err(reason))) => {
            if write(DAMAGED_KEY, t) {
                messages.push(text::damaged_kept(DAMAGED_KEY, &reason, lang));
            } else {
                // Writing now would destroy the only copy of the damaged design.
                messages.push(text::damaged_not_kept(&reason, lang));
                keep_off = true;
            }
            None
        }
    };
    let mut opened = None;
    let link = hash.trim_start_matches('#').to_owned();
    // Any fragment is tried as a link (one that is not says so).
    if !link.is_empty() {
        match crate::core::format::link::decode(&link) {
            Ok(decoded) => {
                let address = read(ADDRESS_KEY).unwrap_or_default();
                let continues = saved
                    .as_ref()
                    .is_some_and(|s| address == link || s.design == decoded.design);
                match saved {
                    Some(saved) if continues => show_saved(state, saved),
                    _ => {
                        state.show_opened(decoded.design);
                        opened = Some(link);
                        if let (Some(_), Some(t)) = (&saved, &saved_text) {
                            if write(ASIDE_KEY, t) {
                                state.saved_aside.set(true);
                            } else {
                                // The saved design stays only under KEY: no autosave over it.
                                state
                                    .notice
                                    .set(Some(text::CANNOT_AUTOSAVE.get(lang).to_owned()));
                                keep_off = true;
                            }
                        }
                    }
                }
            }
            Err(e) => {
                let mut message = format!(
                    "{}: {}",
                    crate::ui::text::SHARE_LINK.get(lang),
                    e.message(lang)
                );
                if let Some(saved) = saved {
                    show_saved(state, saved);
                    message.push(' ');
                    message.push_str(text::SAVED_SHOWN_INSTEAD.get(lang));
                }
                messages.push(message);
            }
        }
    } else if let Some(saved) = saved {
        show_saved(state, saved);
    }
    if !messages.is_empty() {
        // After the design was shown (showing one clears the last load error).
        state.load_error.set(Some(messages.join(" / ")));
    }
    if !keep_off {
        ACTIVE.store(true, std::sync::atomic::Ordering::Relaxed);
        keep_saved(state, js_sys::Date::now, |text| {
            // The address bar's link at this moment belongs to this save.
            write(KEY, text) && write(ADDRESS_KEY, &current_link())
        });
    }
    opened
}

/// Records that the address bar now shows `link` for the design on screen (called by `share`
/// after it follows an edit; the autosave wrote that design a moment before).
pub fn address_followed(link: &str) {
    if ACTIVE.load(std::sync::atomic::Ordering::Relaxed) {
        let _ = write(ADDRESS_KEY, link);
    }
}

/// Whether this page keeps the design saved (not when a save it could not keep aside must not
/// be overwritten).
static ACTIVE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Keeps the saved design aside before a link pasted into the address bar replaces the design
/// on screen (`share`): the saved text goes to [`ASIDE_KEY`] and the canvas offers it back.
pub fn keep_aside_for_link(state: AppState) {
    if let Some(t) = read(KEY) {
        if write(ASIDE_KEY, &t) {
            state.saved_aside.set(true);
        }
    }
}

/// "Back to my saved design": puts the design kept under [`ASIDE_KEY`] back on the canvas
/// (asking first when the link's design was edited) and under [`KEY`] at once, so a reload
/// right after finds it.
pub fn return_to_saved(state: AppState) {
    let lang = state.lang.get_untracked();
    let Some(t) = read(ASIDE_KEY) else {
        state.saved_aside.set(false);
        return;
    };
    if !state.may_replace_design() {
        return;
    }
    match parse(&t, lang) {
        Ok(saved) => {
            let json = to_json(&saved.design);
            let written = write(
                KEY,
                &envelope_of(js_sys::Date::now(), &saved.template, &json),
            ) && write(ADDRESS_KEY, &current_link());
            show_saved(state, saved);
            if written {
                remove(ASIDE_KEY);
            }
            state.saved_aside.set(false);
        }
        Err(reason) => {
            state.saved_aside.set(false);
            state
                .load_error
                .set(Some(text::damaged_kept(ASIDE_KEY, &reason, lang)));
        }
    }
}
