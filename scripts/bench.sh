#!/usr/bin/env bash
# Flowdeck's performance figures, each beside a baseline measured in the same run: the
# release app (or FLOWDECK_APP, e.g. the installed one) under Xvfb against the demo
# organisation's simulator. Not a timed test: it prints, and fails only when it cannot
# measure.
#
#   scripts/bench.sh [--cards N] [--runs R]     (defaults: 500 cards, 3 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
if [ -z "${FLOWDECK_APP:-}" ]; then
  npx tauri build --no-bundle
  export FLOWDECK_APP="$PWD/target/release/flowdeck"
fi
cargo build --locked -p flowdeck-e2e --bin bench
scripts/headless.sh target/debug/bench "$@"
