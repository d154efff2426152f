#!/usr/bin/env bash
# Mutation fuzzing of the link decoder, the JSON loader, the Mermaid importer and deep and long
# designs (files and links nested far past the limit, 5,000 nodes / 20,000 edges; tests/fuzz.rs)
# for FUZZ_SECONDS each (default 60), release build. Prints the executions per target; fails
# with the offending input on a panic or on one execution slower than 3 s. FUZZ_SEED picks another sequence of mutations.
#
#   bash scripts/fuzz.sh            FUZZ_SECONDS=600 bash scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
cargo test --release --test fuzz -- --ignored --nocapture --test-threads 1 2>&1 | grep -oE 'fuzz [^:]+: [0-9]+ executions.*|panicked.*|test result.*'
