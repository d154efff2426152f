// Starts the on-demand module (src/bin/kumozu_worker.rs) inside its Web Worker: the
// wasm-bindgen glue, then the wasm. The module says "ready" once it listens; when the wasm
// cannot be had, this says "failed", so the app tells the student instead of waiting.
'use strict';
importScripts('./kumozu-worker.js');
wasm_bindgen('./kumozu-worker_bg.wasm').catch((e) => {
  self.postMessage(`failed: ${e}`);
});
