//! The rules' explanations ("why"), fetched on demand: `explain.json` (written from
//! `core::validate::rules::EXPLANATIONS` by `tests/docs.rs`, copied into dist/ by Trunk) is
//! fetched the first time a student opens a finding's "why and how to fix", so its 23 KB of
//! prose is not part of the first load. The service worker precaches it with the rest of the
//! build, so it is there offline after the first visit. A failed fetch says so in the finding
//! and is tried again at the next opening; the rest of the finding (message, fix) never waits.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::support::i18n::Lang;
use crate::ui::text;

/// Where the explanations stand.
#[derive(Debug, Clone, PartialEq)]
pub enum Explanations {
    /// Nobody has asked yet.
    NotAsked,
    /// Being fetched.
    Loading,
    /// Fetched: `{"rule-id": {"ja": …, "en": …}}`.
    Ready(Arc<serde_json::Value>),
    /// Could not be fetched or read: what went wrong.
    Failed(String),
}

/// The app's explanations, shared through the context (see [`provide`]).
#[derive(Debug, Clone, Copy)]
pub struct Explain(RwSignal<Explanations>);

/// Puts an [`Explain`] (nothing fetched yet) into the context.
pub fn provide() {
    provide_context(Explain(RwSignal::new(Explanations::NotAsked)));
}

impl Explain {
    /// The explanations from the context.
    pub fn get() -> Explain {
        expect_context::<Explain>()
    }

    /// Fetches the explanations unless they are fetched or being fetched (a failed fetch is
    /// tried again).
    pub fn request(self) {
        let needed = self
            .0
            .with_untracked(|e| matches!(e, Explanations::NotAsked | Explanations::Failed(_)));
        if !needed {
            return;
        }
        self.0.set(Explanations::Loading);
        leptos::task::spawn_local(async move {
            let answer = match fetch().await {
                Ok(v) => Explanations::Ready(Arc::new(v)),
                Err(e) => Explanations::Failed(e),
            };
            self.0.try_set(answer);
        });
    }

    /// The explanation of rule `id` in `lang`, or what stands in for it (loading, a failure).
    /// Tracks the explanations.
    pub fn why(self, id: &str, lang: Lang) -> String {
        self.0.with(|e| match e {
            Explanations::NotAsked | Explanations::Loading => {
                text::EXPLAIN_LOADING.get(lang).to_owned()
            }
            Explanations::Ready(v) => v[id][lang.tag()]
                .as_str()
                .map_or_else(|| text::EXPLAIN_MISSING.get(lang).to_owned(), str::to_owned),
            Explanations::Failed(detail) => {
                format!("{} ({detail})", text::EXPLAIN_FAILED.get(lang))
            }
        })
    }
}

/// Fetches and parses `explain.json`.
async fn fetch() -> Result<serde_json::Value, String> {
    let url = "explain.json";
    let resp = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !resp.ok() {
        return Err(format!("HTTP {} ({url})", resp.status()));
    }
    let body = resp.text().await.map_err(|e| e.to_string())?;
    match serde_json::from_str::<serde_json::Value>(&body) {
        Ok(v) if v.is_object() => Ok(v),
        Ok(_) => Err(format!("{url}: not an object")),
        Err(e) => Err(format!("{url}: {e}")),
    }
}
