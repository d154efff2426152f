//! The on-demand module: a Web Worker the app starts the first time a student opens a panel
//! whose work is not needed on the first screen (compare, the calculator sheet, the
//! checklist). Trunk builds it as a second wasm (`data-type="worker"` in index.html), so that
//! code is not in the first load. It carries messages to `kumozu::jobs` and fetches the
//! pricing tables a job names (once per region); the jobs themselves are pure and tested
//! natively. Natively there is nothing to run.

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;
    use std::sync::Arc;

    use kumozu::core::cost::PriceTable;
    use kumozu::core::document::region::Region;
    use kumozu::jobs::{answer, Request};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Response};

    thread_local! {
        /// The tables fetched so far (a failed fetch is tried again by the next job).
        static TABLES: RefCell<Vec<(Region, Arc<PriceTable>)>> = const { RefCell::new(Vec::new()) };
    }

    fn cached(region: Region) -> Option<Arc<PriceTable>> {
        TABLES.with(|t| {
            t.borrow()
                .iter()
                .find(|(r, _)| *r == region)
                .map(|(_, t)| t.clone())
        })
    }

    /// Fetches and checks `pricing/<region>.json` (relative to this script, beside the page).
    async fn fetch(scope: &DedicatedWorkerGlobalScope, region: Region) -> Option<PriceTable> {
        let url = format!("pricing/{}.json", region.code());
        let resp: Response = JsFuture::from(scope.fetch_with_str(&url))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        if !resp.ok() {
            return None;
        }
        let text = JsFuture::from(resp.text().ok()?).await.ok()?.as_string()?;
        PriceTable::from_json(&text)
            .ok()
            .filter(|t| t.region == region)
    }

    /// Listens for requests, and says `ready` once it does.
    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let replies = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let Some(text) = ev.data().as_string() else {
                return;
            };
            let scope = replies.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Read once: the tables the job names are fetched, then the job runs.
                let reply = match serde_json::from_str::<Request>(&text) {
                    Ok(request) => {
                        for region in request.job.regions() {
                            if cached(region).is_none() {
                                if let Some(t) = fetch(&scope, region).await {
                                    TABLES.with(|c| c.borrow_mut().push((region, Arc::new(t))));
                                }
                            }
                        }
                        request.answer(&cached)
                    }
                    // Answered with the reason (id 0).
                    Err(_) => answer(&text, &cached),
                };
                let _ = scope.post_message(&JsValue::from_str(&reply));
            });
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str("ready"));
    }
}
