//! Pricing tables in the browser: the table of the design's region is fetched at run time
//! (`pricing/<region>.json`, copied into dist/ by Trunk) the first time that region is used,
//! and kept per region. A table that cannot be fetched or read is a [`TableFailure`] the cost
//! panel shows; nothing here panics, and the rest of the app does not depend on prices.
//!
//! The core stays pure: it parses the text (`PriceTable::from_json`) and prices the design;
//! only this file talks to the network.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::cost::{EstimateRange, PriceTable};
use crate::core::document::region::Region;
use crate::core::support::i18n::{Lang, Text};

use crate::ui::shell::state::AppState;
use crate::ui::text;

/// Where a region's table stands.
#[derive(Debug, Clone, PartialEq)]
pub enum TableState {
    /// Being fetched.
    Loading,
    /// Loaded and checked.
    Ready(Arc<PriceTable>),
    /// Could not be fetched or read.
    Failed(TableFailure),
}

/// Why a table could not be used: what went wrong (in both languages) and the details.
#[derive(Debug, Clone, PartialEq)]
pub struct TableFailure {
    /// The kind of failure.
    pub what: Text,
    /// Details (a status, or the parser's message naming the place in the table).
    pub detail: String,
}

impl TableFailure {
    /// The failure as one sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        format!("{}: {}", self.what.get(lang), self.detail)
    }
}

/// The pricing tables fetched so far: at most one state for each of the few regions, so a
/// short list looked up by region (a map type of its own would cost the first load more code
/// than the lookups are worth).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tables(Vec<(Region, TableState)>);

impl Tables {
    /// The state of `region`'s table, if it was ever requested or set.
    pub fn get(&self, region: &Region) -> Option<&TableState> {
        self.0.iter().find(|(r, _)| r == region).map(|(_, s)| s)
    }

    /// Sets the state of `region`'s table, replacing the one before.
    pub fn insert(&mut self, region: Region, state: TableState) {
        match self.0.iter_mut().find(|(r, _)| *r == region) {
            Some((_, s)) => *s = state,
            None => self.0.push((region, state)),
        }
    }
}

/// What the cost panel can show for the current design.
#[derive(Debug, Clone, PartialEq)]
pub enum Cost {
    /// The region's table is loading.
    Loading,
    /// The region's table could not be loaded.
    Failed(TableFailure),
    /// The low, expected and high estimates.
    Ready(Arc<EstimateRange>),
}

/// Parses a fetched table; `expect` is the region it was fetched for.
pub fn parse(text: &str, expect: Option<Region>) -> Result<PriceTable, TableFailure> {
    let table = PriceTable::from_json(text).map_err(|e| TableFailure {
        what: text::FAIL_MALFORMED.text(),
        detail: e.to_string(),
    })?;
    match expect {
        Some(r) if r != table.region => Err(TableFailure {
            what: text::FAIL_REGION.text(),
            detail: format!("{} ≠ {}", table.region.code(), r.code()),
        }),
        _ => Ok(table),
    }
}

/// Fetches and parses the table of `region`.
async fn fetch(region: Region) -> Result<PriceTable, TableFailure> {
    let network = |e: gloo_net::Error| TableFailure {
        what: text::FAIL_NETWORK.text(),
        detail: e.to_string(),
    };
    let url = format!("pricing/{}.json", region.code());
    let resp = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(network)?;
    if !resp.ok() {
        return Err(TableFailure {
            what: text::FAIL_HTTP.text(),
            detail: format!("HTTP {} ({url})", resp.status()),
        });
    }
    let body = resp.text().await.map_err(network)?;
    parse(&body, Some(region))
}

/// Keeps the table of the design's region loaded: fetches it the first time the design is in
/// that region (tables already loaded are reused).
pub fn keep_loaded(state: AppState) {
    let region = Memo::new(move |_| state.design.with(|d| d.region));
    Effect::new(move |_| request(state, region.get(), false));
}

/// Fetches the table of `region` unless it is loaded or loading (or failed, unless `retry`).
pub fn request(state: AppState, region: Region, retry: bool) {
    let needed = state.tables.with_untracked(|t| match t.get(&region) {
        None => true,
        Some(TableState::Failed(_)) => retry,
        Some(_) => false,
    });
    if !needed {
        return;
    }
    state.tables.update(|t| {
        t.insert(region, TableState::Loading);
    });
    leptos::task::spawn_local(async move {
        let answer = match fetch(region).await {
            Ok(table) => TableState::Ready(Arc::new(table)),
            Err(f) => TableState::Failed(f),
        };
        // A table set in the meantime (`AppState::set_price_table`) wins over this answer.
        state.tables.try_update(|t| {
            if t.get(&region) == Some(&TableState::Loading) {
                t.insert(region, answer);
            }
        });
    });
}
