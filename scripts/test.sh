#!/usr/bin/env bash
# THE test command (CI runs exactly this). Installs what is missing, then runs every
# layer in order and stops at the first failure:
#
#   0. lint       cargo fmt --check; cargo clippy --all-targets -- -D warnings, natively and for
#                 wasm32 (clippy.toml's disallowed-methods keep heavy std code out of the first load)
#   1. native     cargo test  (core library, rules, templates, CLI, doc tests)
#   1b. mermaid   Mermaid exports parsed by mermaid.parse (tests/mermaid-js; the files come
#                 from tests/fixtures/mermaid and target/tmp/mermaid-check, which the native
#                 layer's tests/mermaid.rs writes)
#   2. wasm       cargo test --target wasm32-unknown-unknown --test web  (headless Chromium)
#   3. build      trunk build --release --offline  -> dist/
#   4. e2e        node --test tests/e2e/  (dist/ in headless Chromium via playwright-core)
#   5. size       scripts/size.sh  (gzipped first load under the 550 KB guard; no float
#                 formatter, Unicode tables or extra sort copies in the first-load wasm)
#
# Environment: UPDATE_SCREENSHOT=1 rewrites docs/screenshot.png during the e2e layer.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) export PATH="$CARGO_BIN:$PATH" ;; esac

export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="${WASM_BINDGEN_TEST_WEBDRIVER_JSON:-$ROOT/webdriver.json}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

names=()
secs=()
current=""
t_all=$(date +%s%N)

summary() {
  local rc=$?
  local total_ms=$(( ($(date +%s%N) - t_all) / 1000000 ))
  echo
  echo "==> test.sh summary"
  local i
  for i in "${!names[@]}"; do
    printf '    %-8s ok      %7.1f s\n' "${names[$i]}" "$(awk -v ms="${secs[$i]}" 'BEGIN { print ms / 1000 }')"
  done
  if [ "$rc" -ne 0 ] && [ -n "$current" ]; then
    printf '    %-8s FAILED  %7.1f s\n' "$current" "$(awk -v ms="$(( ($(date +%s%N) - t_layer) / 1000000 ))" 'BEGIN { print ms / 1000 }')"
  fi
  printf '    %-8s         %7.1f s\n' "total" "$(awk -v ms="$total_ms" 'BEGIN { print ms / 1000 }')"
  if [ "$rc" -eq 0 ]; then
    echo "==> test.sh: every layer passed"
  else
    echo "==> test.sh: FAILED in layer '${current:-?}' (exit code $rc)" >&2
  fi
}
trap summary EXIT

# layer NAME DESCRIPTION -- runs the rest of the arguments as that layer.
layer() {
  current="$1"
  echo
  echo "==> [$1] $2"
  shift 2
  t_layer=$(date +%s%N)
  "$@"
  names+=("$current")
  secs+=($(( ($(date +%s%N) - t_layer) / 1000000 )))
  current=""
}

# Runs a noisy command with its output in a log, shown only when it fails.
quiet() {
  local log
  log="$(mktemp "${TMPDIR:-/tmp}/kumozu-test.XXXXXX.log")"
  if "$@" >"$log" 2>&1; then
    rm -f "$log"
  else
    local rc=$?
    echo "---- output of: $* ----" >&2
    tail -n 80 "$log" >&2
    echo "---- (full log: $log) ----" >&2
    return "$rc"
  fi
}

wasm_tests() {
  if [ ! -f tests/web/main.rs ]; then
    echo "test.sh: ERROR: tests/web/main.rs (the wasm-bindgen tests) is missing" >&2
    return 1
  fi
  cargo test --target wasm32-unknown-unknown --test web
}

release_build() {
  quiet trunk build --release --offline
  ls dist/*_bg.wasm >/dev/null 2>&1 || { echo "test.sh: ERROR: trunk build left no dist/*_bg.wasm" >&2; return 1; }
  echo "dist/: $(ls dist | tr '\n' ' ')"
}

mermaid_check() {
  local written="${CARGO_TARGET_DIR:-$ROOT/target}/tmp/mermaid-check"
  ls "$written"/*.mmd >/dev/null 2>&1 || { echo "test.sh: ERROR: $written has no exports; tests/mermaid.rs writes them during the native layer" >&2; return 1; }
  node "$ROOT/tests/mermaid-js/check.mjs" "$ROOT/tests/fixtures/mermaid" "$written"
}

e2e_tests() {
  KUMOZU_DIST="$ROOT/dist" node --test --test-concurrency=1 --test-reporter=spec tests/e2e/
}

layer setup  "install what is missing (scripts/setup.sh --browser)" bash "$ROOT/scripts/setup.sh" --browser
lint() {
  cargo fmt --check
  cargo clippy --all-targets -- -D warnings
  cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
}

layer lint   "cargo fmt --check; cargo clippy --all-targets -D warnings (native and wasm32)" lint
layer native "cargo test (native: library, tests/, CLI, doc tests)" cargo test
layer mermaid "Mermaid exports parsed by mermaid.parse (tests/mermaid-js)" mermaid_check
layer wasm   "cargo test --target wasm32-unknown-unknown --test web (headless Chromium)" wasm_tests
layer build  "trunk build --release --offline (output shown only on failure; minutes on a fresh checkout)" release_build
layer e2e    "end-to-end tests against dist/ (tests/e2e, headless Chromium)" e2e_tests
layer size   "gzipped size of the first load (scripts/size.sh)" bash "$ROOT/scripts/size.sh"
