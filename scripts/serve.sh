#!/usr/bin/env bash
# Serves the browser app with Trunk's dev server at http://127.0.0.1:8080,
# rebuilding and reloading on every change. Installs what is missing first.
#
#   bash scripts/serve.sh             # debug build
#   bash scripts/serve.sh --release   # any other arguments go to `trunk serve`
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash "$ROOT/scripts/setup.sh"
# setup.sh may have installed into ~/.cargo/bin; make sure this shell sees it.
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) export PATH="$CARGO_BIN:$PATH" ;; esac

[ -f index.html ] || { echo "serve.sh: ERROR: index.html is missing at $ROOT" >&2; exit 1; }

echo "==> serve: http://127.0.0.1:8080/  (Ctrl-C stops it; the first build takes a few minutes)"
# Address and port come from Trunk.toml ([serve]: 127.0.0.1, 8080).
exec trunk serve --offline "$@"
