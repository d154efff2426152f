//! The app's side of the on-demand module (`kumozu-worker`, see `src/bin/kumozu_worker.rs`):
//! started the first time a panel asks for a job, so the first load fetches none of it. Jobs
//! wait until the worker says it is ready; each answer goes to the callback of its id. When
//! the worker cannot be loaded or fails, every waiting job is told why, and the next job
//! starts a new worker.
//!
//! [`rendered`] is how a panel uses it: a signal holding the markup of the latest job, as
//! [`TrustedHtml`].

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::support::html::{esc, TrustedHtml};
use crate::core::support::i18n::Lang;
use crate::jobs::{Job, Reply, Request};

use crate::ui::shell::state::AppState;
use crate::ui::text::i18n::msg;

/// The worker's script (`public/kumozu-worker-loader.js`), beside index.html.
const SCRIPT: &str = "./kumozu-worker-loader.js";

/// Gets the answer, or `None` when the worker failed.
type Done = Box<dyn FnOnce(Option<Result<String, String>>)>;

/// The running worker and what waits on it.
struct Running {
    worker: web_sys::Worker,
    ready: bool,
    /// Requests written before the worker was ready.
    queue: Vec<String>,
    /// Callbacks by request id.
    pending: HashMap<u32, Done>,
    next: u32,
    /// Its listeners, dropped with it.
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
}

/// Starts the worker.
fn start() -> Result<Running, String> {
    let worker = web_sys::Worker::new(SCRIPT).map_err(|e| format!("{e:?}"))?;
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|ev: web_sys::MessageEvent| {
            let Some(text) = ev.data().as_string() else {
                return;
            };
            if text.starts_with("failed") {
                leptos::logging::warn!("kumozu: the on-demand module: {text}");
                fail_all();
                return;
            }
            if text == "ready" {
                let (worker, queue) = RUNNING.with(|r| match r.borrow_mut().as_mut() {
                    Some(run) => {
                        run.ready = true;
                        (Some(run.worker.clone()), std::mem::take(&mut run.queue))
                    }
                    None => (None, Vec::new()),
                });
                if let Some(w) = worker {
                    for q in queue {
                        let _ = w.post_message(&JsValue::from_str(&q));
                    }
                }
                return;
            }
            let Ok(reply) = serde_json::from_str::<Reply>(&text) else {
                return;
            };
            let done = RUNNING.with(|r| {
                r.borrow_mut()
                    .as_mut()
                    .and_then(|run| run.pending.remove(&reply.id))
            });
            if let Some(done) = done {
                done(Some(reply.result));
            }
        });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|ev: web_sys::Event| {
        ev.prevent_default();
        fail_all();
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Running {
        worker,
        ready: false,
        queue: Vec::new(),
        pending: HashMap::new(),
        next: 1,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// The worker could not load or has failed: stop it and tell every waiting job.
fn fail_all() {
    let Some(run) = RUNNING.with(|r| r.borrow_mut().take()) else {
        return;
    };
    run.worker.terminate();
    for (_, done) in run.pending {
        done(None);
    }
}

/// Sends `job` to the worker (starting it if need be); `done` gets the answer.
pub fn ask(job: Job, done: impl FnOnce(Option<Result<String, String>>) + 'static) {
    // Held until it is registered, so that a worker that cannot even start still answers.
    let mut done: Option<Done> = Some(Box::new(done));
    let sent = RUNNING.with(|r| -> Result<(), String> {
        let mut slot = r.borrow_mut();
        if slot.is_none() {
            *slot = Some(start()?);
        }
        let Some(run) = slot.as_mut() else {
            return Err("no worker".to_owned());
        };
        let id = run.next;
        run.next = run.next.wrapping_add(1).max(1);
        let text = serde_json::to_string(&Request { id, job }).map_err(|e| e.to_string())?;
        if let Some(d) = done.take() {
            run.pending.insert(id, d);
        }
        if run.ready {
            run.worker
                .post_message(&JsValue::from_str(&text))
                .map_err(|e| format!("{e:?}"))?;
        } else {
            run.queue.push(text);
        }
        Ok(())
    });
    if let Err(e) = sent {
        leptos::logging::warn!("kumozu: the on-demand module: {e}");
        if let Some(d) = done {
            d(None);
        }
        fail_all();
    }
}

/// The strings `keys` in `lang`, for a job (`words!(lang; key, …)` writes the pairs).
pub fn words_of(lang: Lang, keys: &[(&str, crate::ui::text::i18n::Msg)]) -> crate::jobs::Words {
    let mut w = crate::jobs::Words::default();
    for (key, m) in keys {
        w.0.insert((*key).to_owned(), m.get(lang).to_owned());
    }
    w
}

/// `words!(lang; key, …)`: the [`crate::jobs::Words`] of these keys of the locale files.
macro_rules! words {
    ($lang:expr; $($key:ident),+ $(,)?) => {
        $crate::ui::shell::worker::words_of(
            $lang,
            &[$((stringify!($key), $crate::ui::text::i18n::msg!($key))),+],
        )
    };
}
pub(crate) use words;

/// Sends `job` to the worker; `done` gets its answer, or why there is none in `lang` (the
/// worker's failure included).
pub fn ask_text(job: Job, lang: Lang, done: impl FnOnce(Result<String, String>) + 'static) {
    ask(job, move |answer| {
        done(answer.unwrap_or_else(|| Err(msg!(worker_failed).get(lang).to_owned())))
    });
}

/// The markup of the latest job `job` describes (`None`: nothing to show), recomputed when
/// the signals `job` reads change. Until the first answer it says the work is under way; an
/// answer to an older job is dropped; a failure is shown as an alert.
///
/// The answers are the on-demand module's escaped HTML (`crate::jobs`, written by the core's
/// escaping writers): this bridge is where they become [`TrustedHtml`], the one type a panel
/// sets into the page.
pub fn rendered(job: impl Fn() -> Option<Job> + 'static) -> ReadSignal<TrustedHtml> {
    let lang = expect_context::<AppState>().lang;
    let (html, set_html) = signal(TrustedHtml::default());
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        let asked = latest.get_value() + 1;
        latest.set_value(asked);
        let Some(job) = job() else {
            set_html.set(TrustedHtml::default());
            return;
        };
        // The first answer can take a moment (the module loads on first use): say so, but
        // keep an earlier answer on screen while a newer one is worked out.
        if html.with_untracked(TrustedHtml::is_empty) {
            let mut out =
                String::from(r#"<p class="muted" role="status" data-testid="worker-loading">"#);
            esc(&mut out, msg!(worker_loading).get(lang.get_untracked()));
            out.push_str("</p>");
            set_html.set(TrustedHtml::from_escaped(out));
        }
        ask(job, move |result| {
            if latest.try_get_value() != Some(asked) {
                return;
            }
            set_html.set(match result {
                // Written by the on-demand module's escaping writers.
                Some(Ok(h)) => TrustedHtml::from_escaped(h),
                failed => {
                    let e = match failed {
                        Some(Err(e)) => e,
                        _ => msg!(worker_failed).get(lang.get_untracked()).to_owned(),
                    };
                    let mut out = String::from(
                        r#"<p class="alert" role="alert" data-testid="worker-error">"#,
                    );
                    esc(&mut out, &e);
                    out.push_str("</p>");
                    TrustedHtml::from_escaped(out)
                }
            });
        });
    });
    html
}
