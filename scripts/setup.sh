#!/usr/bin/env bash
# Installs what building and testing kumozu needs, skipping whatever is already
# present at the right version, so a second run takes a second or two.
#
#   bash scripts/setup.sh            # build tools: wasm32 target, Trunk, wasm-bindgen-cli, wasm-opt
#   bash scripts/setup.sh --browser  # also Chromium + ChromeDriver (apt), tests/e2e's and tests/mermaid-js's npm packages
#
# Everything comes from crates.io, npm or Debian's archive; nothing else is downloaded.
# scripts/serve.sh and scripts/test.sh call this first.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"           # npm package binaryen@132 gives `wasm-opt version 132 (version_132)`
WASM_TARGET="wasm32-unknown-unknown"

WANT_BROWSER=0
for arg in "$@"; do
  case "$arg" in
    --browser) WANT_BROWSER=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown argument '$arg' (the only option is --browser)" >&2; exit 2 ;;
  esac
done

step() { printf '==> setup: %s\n' "$*"; }
die()  { printf '\nsetup.sh: ERROR: %s\n' "$*" >&2; exit 1; }

# Runs a long install quietly; on failure prints its log and stops.
run_logged() {
  local what="$1"; shift
  local log
  log="$(mktemp "${TMPDIR:-/tmp}/kumozu-setup.XXXXXX.log")"
  if ! "$@" >"$log" 2>&1; then
    echo "---- last 60 lines of the $what log ($log) ----" >&2
    tail -n 60 "$log" >&2
    die "$what failed: $*"
  fi
  rm -f "$log"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "'$*' needs root and sudo is not installed; run it as root"
  fi
}

# --- Rust toolchain -----------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1 && [ -f "$HOME/.cargo/env" ]; then
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi
command -v cargo  >/dev/null 2>&1 || die "cargo not found: install Rust with rustup (https://rustup.rs) first"
command -v rustup >/dev/null 2>&1 || die "rustup not found: the wasm32 target is added with rustup; install Rust with rustup"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) export PATH="$CARGO_BIN:$PATH" ;; esac

if rustup target list --installed | grep -qx "$WASM_TARGET"; then
  :
else
  step "adding Rust target $WASM_TARGET"
  run_logged "rustup target add" rustup target add "$WASM_TARGET"
fi

# clippy and rustfmt: the test command's lint layer.
for component in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    step "adding Rust component $component"
    run_logged "rustup component add" rustup component add "$component"
  fi
done

# --- Trunk --------------------------------------------------------------------
have_trunk="$(trunk --version 2>/dev/null || true)"
if [ "$have_trunk" != "trunk $TRUNK_VERSION" ]; then
  step "installing trunk $TRUNK_VERSION (found: ${have_trunk:-none}); this takes about 8 minutes on 2 cores"
  run_logged "cargo install trunk" cargo install trunk --version "$TRUNK_VERSION" --locked --force
  [ "$(trunk --version 2>/dev/null || true)" = "trunk $TRUNK_VERSION" ] \
    || die "trunk $TRUNK_VERSION was installed but 'trunk --version' says '$(trunk --version 2>&1 || true)'; is another trunk earlier on PATH? ($(command -v trunk || echo none))"
fi

# --- wasm-bindgen-cli, at the exact version of wasm-bindgen in Cargo.lock --------
[ -f Cargo.lock ] || die "Cargo.lock is missing; it pins the wasm-bindgen version that wasm-bindgen-cli must match"
WB_VERSION="$(awk '
  /^\[\[package\]\]/ { inpkg = 0 }
  /^name = "wasm-bindgen"$/ { inpkg = 1; next }
  inpkg && /^version = / { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)"
[ -n "$WB_VERSION" ] || die "no 'wasm-bindgen' package in Cargo.lock; cannot tell which wasm-bindgen-cli to install"

have_wb="$(wasm-bindgen --version 2>/dev/null || true)"
have_wbtr="$(wasm-bindgen-test-runner --version 2>/dev/null || true)"
if [ "$have_wb" != "wasm-bindgen $WB_VERSION" ] || [ "$have_wbtr" != "wasm-bindgen-test-runner $WB_VERSION" ]; then
  step "installing wasm-bindgen-cli $WB_VERSION (found: ${have_wb:-none}); about 3 minutes"
  # Not --locked: its lock file asks for a crate version the registry here lacks.
  run_logged "cargo install wasm-bindgen-cli" cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
  [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WB_VERSION" ] \
    || die "wasm-bindgen-cli $WB_VERSION was installed but 'wasm-bindgen --version' says '$(wasm-bindgen --version 2>&1 || true)'"
fi

# --- wasm-opt (binaryen from npm; Debian's binaryen is too old) -------------------
command -v node >/dev/null 2>&1 || die "node not found: Node.js 20 or newer (with npm) is needed for wasm-opt and the end-to-end tests"
command -v npm  >/dev/null 2>&1 || die "npm not found: Node.js 20 or newer with npm is needed"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node.js $(node --version) is too old: version 20 or newer is needed"

if ! wasm-opt --version 2>/dev/null | grep -q "(version_$BINARYEN_VERSION)"; then
  step "installing wasm-opt version_$BINARYEN_VERSION (npm binaryen@$BINARYEN_VERSION; found: $(wasm-opt --version 2>/dev/null || echo none))"
  run_logged "npm install -g binaryen" npm install -g --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
  hash -r
  wasm-opt --version 2>/dev/null | grep -q "(version_$BINARYEN_VERSION)" \
    || die "binaryen@$BINARYEN_VERSION was installed but 'wasm-opt --version' says '$(wasm-opt --version 2>&1 || true)' (is npm's global bin folder, $(npm prefix -g)/bin, on PATH?)"
fi

# --- Browser tests: Chromium, ChromeDriver, tests/e2e's npm packages -------------
if [ "$WANT_BROWSER" -eq 1 ]; then
  # A Japanese font too (3.5 MB), so that screenshots show 日本語 rather than boxes.
  apt_pkgs=()
  [ -x /usr/bin/chromium ] || apt_pkgs+=(chromium)
  [ -x /usr/bin/chromedriver ] || apt_pkgs+=(chromium-driver)
  if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=ja family 2>/dev/null)" ]; then
    apt_pkgs+=(fonts-ipafont-gothic)
  fi
  if [ "${#apt_pkgs[@]}" -gt 0 ]; then
    step "installing ${apt_pkgs[*]} (apt)"
    command -v apt-get >/dev/null 2>&1 \
      || die "apt-get not found: install ${apt_pkgs[*]} by hand (Chromium at /usr/bin/chromium, ChromeDriver at /usr/bin/chromedriver)"
    run_logged "apt-get update" as_root env DEBIAN_FRONTEND=noninteractive apt-get update
    run_logged "apt-get install ${apt_pkgs[*]}" \
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${apt_pkgs[@]}"
    [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
      || die "apt installed chromium and chromium-driver but /usr/bin/chromium or /usr/bin/chromedriver is missing"
  fi
  # ChromeDriver only drives the Chromium of its own version.
  chromium_major="$(/usr/bin/chromium --version 2>/dev/null | grep -oE '[0-9]+' | head -n1 || true)"
  driver_major="$(/usr/bin/chromedriver --version 2>/dev/null | grep -oE '[0-9]+' | head -n1 || true)"
  [ -n "$chromium_major" ] && [ "$chromium_major" = "$driver_major" ] \
    || die "Chromium ($(/usr/bin/chromium --version 2>&1 | tail -n1)) and ChromeDriver ($(/usr/bin/chromedriver --version 2>&1)) differ in major version; run: apt-get install -y chromium chromium-driver"

  # npm projects the tests use: tests/e2e (playwright-core) and tests/mermaid-js (Mermaid's
  # own parser, for the `mermaid` layer). `npm ci` only when node_modules is missing or stale.
  npm_ci_if_changed() {
    local dir="$ROOT/$1" stamp want_sum
    [ -f "$dir/package-lock.json" ] || die "$1/package-lock.json is missing"
    stamp="$dir/node_modules/.kumozu-lock.sha256"
    want_sum="$(sha256sum "$dir/package-lock.json" "$dir/package.json" | sha256sum | cut -d' ' -f1)"
    if [ ! -d "$dir/node_modules" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want_sum" ]; then
      step "installing $1 npm packages (npm ci)"
      run_logged "npm ci in $1" npm ci --prefix "$dir" --no-audit --no-fund
      echo "$want_sum" >"$stamp"
    fi
  }
  npm_ci_if_changed tests/e2e
  npm_ci_if_changed tests/mermaid-js
fi
