#!/usr/bin/env bash
# Browser benchmark: validation + estimate per edit inside Chromium (tests/web_bench.rs, a
# release wasm build run by wasm-bindgen-test-runner), then navigation to an interactive
# canvas and frame time while dragging a node in Party Box and in a 1,000-node design, in
# headless Chromium against the release build, and the page on the mobile profile (network
# and CPU throttled: scripts/bench-mobile.js). Prints figures; never fails on them (these
# machines are shared and noisy).
#
#   bash scripts/bench-browser.sh          # builds dist/ first when it is missing
#   KUMOZU_DIST=path/to/dist bash scripts/bench-browser.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh --browser >/dev/null
export KUMOZU_DIST="${KUMOZU_DIST:-$ROOT/dist}"
if [ ! -f "$KUMOZU_DIST/index.html" ]; then
  trunk build --release --offline --dist "$KUMOZU_DIST"
fi
CHROMEDRIVER=/usr/bin/chromedriver cargo test --release --target wasm32-unknown-unknown --test web_bench -- --nocapture 2>&1 \
  | grep -E '^chromium' || echo "bench-browser.sh: the in-browser validate+estimate run printed nothing" >&2
mkdir -p target/tmp
cargo run -q --release --example synth -- 1000 > target/tmp/synth-1000.json
node scripts/bench-browser.js target/tmp/synth-1000.json
node scripts/bench-mobile.js 5
node scripts/bench-mobile.js 5 unthrottled
